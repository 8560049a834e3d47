//! Sentence segmentation measured on the third-party suites in ../shared/suites (never
//! copied into the project). Skips with a message when they are absent.
//!
//! `cargo run --release -p epitome-text --example segmentation [SUITES_DIR]`
//!
//! Prints, per suite: exact-match counts (Golden Rules, pragmatic extra) and boundary
//! precision / recall / F1 (GUM documents), where a boundary is the offset at which a
//! sentence other than the first starts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use epitome_core::{EditList, NormalizedText, Normalizer};
use epitome_text::{segment_document, SegmentMode, SentencexSplitter, WhitespaceNormalizer};

fn sentences(text: &str) -> Vec<String> {
    let mut t = NormalizedText::from_original(text);
    let mut e = EditList::new();
    WhitespaceNormalizer.normalize(t.as_str(), &mut e);
    t.apply("whitespace", &e)
        .expect("whitespace edits are valid");
    segment_document(
        t.as_str(),
        &SentencexSplitter::default(),
        SegmentMode::Prose,
    )
    .into_iter()
    .map(|r| t.as_str()[r].replace('\n', " "))
    .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Boundaries as offsets in the whitespace-free character stream.
fn boundaries(sents: &[String]) -> BTreeSet<usize> {
    let mut at = 0;
    let mut out = BTreeSet::new();
    for (i, s) in sents.iter().enumerate() {
        if i > 0 {
            out.insert(at);
        }
        at += s.chars().filter(|c| !c.is_whitespace()).count();
    }
    out
}

fn read(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("readable suite")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("suite lines are JSON"))
        .collect()
}

fn gold(v: &serde_json::Value) -> Vec<String> {
    v["sentences"]
        .as_array()
        .expect("sentences array")
        .iter()
        .map(|s| s.as_str().expect("sentence string").to_owned())
        .collect()
}

fn exact(path: &Path, show_failures: bool) {
    let rows = read(path);
    let mut pass = 0;
    for r in &rows {
        let want: Vec<String> = gold(r).iter().map(|s| squash(s)).collect();
        let got: Vec<String> = sentences(r["text"].as_str().expect("text"))
            .iter()
            .map(|s| squash(s))
            .collect();
        if want == got {
            pass += 1;
        } else if show_failures {
            eprintln!("FAIL {}\n  want {:?}\n  got  {:?}", r["id"], want, got);
        }
    }
    println!(
        "{}: {pass} of {} exact",
        path.file_name().unwrap().to_string_lossy(),
        rows.len()
    );
}

fn boundary_f1(path: &Path) {
    let rows = read(path);
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for r in &rows {
        let want = boundaries(&gold(r));
        let got = boundaries(&sentences(r["text"].as_str().expect("text")));
        if std::env::var_os("VERBOSE_GUM").is_some() {
            let flat: Vec<char> = r["text"]
                .as_str()
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let ctx = |b: usize| {
                flat[b.saturating_sub(30)..b].iter().collect::<String>()
                    + " | "
                    + &flat[b..(b + 25).min(flat.len())].iter().collect::<String>()
            };
            for b in want.difference(&got) {
                eprintln!("MISS {}", ctx(*b));
            }
            for b in got.difference(&want) {
                eprintln!("EXTRA {}", ctx(*b));
            }
        }
        tp += want.intersection(&got).count();
        fp += got.difference(&want).count();
        fnn += want.difference(&got).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fnn).max(1) as f64;
    println!(
        "{}: boundary P {p:.4} R {r:.4} F1 {:.4} ({} docs)",
        path.file_name().unwrap().to_string_lossy(),
        2.0 * p * r / (p + r).max(1e-12),
        rows.len()
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/suites")
        });
    if !dir.exists() {
        eprintln!(
            "skipping: {} not found (../shared is absent)",
            dir.display()
        );
        return;
    }
    let verbose = std::env::var_os("VERBOSE").is_some();
    exact(&dir.join("seg_golden_rules_en_pragmatic.jsonl"), verbose);
    exact(&dir.join("seg_pragmatic_segmenter_en_extra.jsonl"), false);
    boundary_f1(&dir.join("seg_ud_gum_testdev_docs.jsonl"));
    boundary_f1(&dir.join("seg_ud_gum_wiki_citations.jsonl"));
    throughput(&dir.join("seg_ud_gum_testdev_docs.jsonl"));
}

/// Throughput of the punctuated path: the GUM documents repeated to about 10 MB, each
/// document a paragraph, as one text through whitespace normalization and segmentation on
/// one thread.
fn throughput(path: &Path) {
    let Ok(raw) = std::fs::read_to_string(path) else {
        return;
    };
    let docs: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    if docs.is_empty() {
        return;
    }
    let mut big = String::new();
    while big.len() < 10 << 20 {
        for d in &docs {
            big.push_str(d);
            big.push_str("\n\n");
        }
    }
    let t = std::time::Instant::now();
    let n = sentences(&big).len();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "throughput: {:.1} MB of punctuated text in {secs:.2} s = {:.2} MB/s (1 thread), {n} sentences",
        big.len() as f64 / 1e6,
        big.len() as f64 / 1e6 / secs,
    );
}
