//! The text-processing figures of issue 3, measured on the third-party suites in
//! `../shared/suites` (skipped with a message when that folder is absent):
//!
//! - mojibake: every damaged line repaired, no clean line changed;
//! - detokenization: exact-match rate of `ptb` → `original` and `cnndm` → `original_lower`;
//! - HTML main-content extraction: shingle F1 against the gold article body (4-word
//!   `\w+` shingles; per-page precision and recall averaged; F1 of the averages, as the
//!   benchmark's own scorer computes it).
//!
//! ```text
//! cargo run --release -p epitome-text --example suites [SUITES_DIR]
//! ```

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

use epitome_core::{EditList, NormalizedText, Normalizer};
use epitome_text::{DetokNormalizer, IngestOptions, InputFormat, MojibakeNormalizer};
use serde_json::Value;

fn rows(path: &Path) -> Vec<Value> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    reader
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).expect("valid JSON line"))
        .collect()
}

fn apply(n: &dyn Normalizer, s: &str) -> String {
    let mut t = NormalizedText::from_original(s);
    let mut e = EditList::new();
    n.normalize(s, &mut e);
    t.apply(n.name(), &e).expect("valid edits");
    t.as_str().to_owned()
}

fn str_field<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_default()
}

fn mojibake(dir: &Path) {
    let path = dir.join("mojibake_ud_synthetic.jsonl");
    let rows = rows(&path);
    let t = Instant::now();
    let mut per: HashMap<String, (usize, usize)> = HashMap::new();
    let mut failures = Vec::new();
    for r in &rows {
        let variant = str_field(r, "variant").to_owned();
        let original = str_field(r, "original");
        let out = apply(&MojibakeNormalizer, original);
        let clean = variant == "clean_negative";
        let ok = if clean {
            out == original
        } else {
            out == str_field(r, "fixed")
        };
        let e = per.entry(variant).or_default();
        e.0 += usize::from(ok);
        e.1 += 1;
        if !ok && failures.len() < 8 {
            failures.push(format!("  {}: {original:?} -> {out:?}", str_field(r, "id")));
        }
    }
    let ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "## mojibake ({}, {} lines, {ms:.0} ms)",
        path.display(),
        rows.len()
    );
    let mut keys: Vec<_> = per.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let (ok, n) = per[&k];
        let what = if k == "clean_negative" {
            "left unchanged"
        } else {
            "repaired exactly"
        };
        println!("{k:>16}: {ok}/{n} {what}");
    }
    for f in failures {
        println!("{f}");
    }
}

fn detok(dir: &Path) {
    let path = dir.join("detok_ud_ewt_dev.jsonl");
    let rows = rows(&path);
    let t = Instant::now();
    let forced = DetokNormalizer::forced();
    let auto = DetokNormalizer::default();
    let mut counts = [0usize; 4];
    let mut fails: Vec<String> = Vec::new();
    for r in &rows {
        let (ptb, cnn) = (str_field(r, "ptb"), str_field(r, "cnndm"));
        let (orig, lower) = (str_field(r, "original"), str_field(r, "original_lower"));
        let a = apply(&forced, ptb);
        let b = apply(&forced, cnn);
        counts[0] += usize::from(a == orig);
        counts[1] += usize::from(b == lower);
        counts[2] += usize::from(apply(&auto, ptb) == orig);
        counts[3] += usize::from(apply(&auto, cnn) == lower);
        if a != orig && std::env::var_os("DETOK_FAILS").is_some() {
            fails.push(format!("  ptb {ptb:?}\n  got {a:?}\n  want {orig:?}"));
        }
    }
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let n = rows.len();
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    println!(
        "## detokenization ({}, {n} sentences, {ms:.0} ms)",
        path.display()
    );
    println!(
        " ptb -> original:         {}/{n} = {:.1}% exact",
        counts[0],
        pct(counts[0])
    );
    println!(
        " cnndm -> original_lower: {}/{n} = {:.1}% exact",
        counts[1],
        pct(counts[1])
    );
    println!(
        " with detection (per sentence, as the pipeline runs it): {:.1}% / {:.1}%",
        pct(counts[2]),
        pct(counts[3])
    );
    for f in fails {
        println!("{f}");
    }
}

/// Scrapinghub's article-extraction-benchmark scoring.
fn shingles(s: &str) -> HashMap<Vec<&str>, usize> {
    let mut toks = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || c == '_' {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            toks.push(&s[st..i]);
        }
    }
    if let Some(st) = start {
        toks.push(&s[st..]);
    }
    let mut m = HashMap::new();
    let n = 4;
    for i in 0..toks.len().saturating_sub(n - 1).max(1) {
        let sh = toks[i..(i + n).min(toks.len())].to_vec();
        if !sh.is_empty() {
            *m.entry(sh).or_insert(0) += 1;
        }
    }
    m
}

fn tp_fp_fn(gold: &str, pred: &str) -> (f64, f64, f64) {
    let (g, p) = (shingles(gold), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc) as f64;
        fn_ += gc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &p {
        fp += pc.saturating_sub(g.get(k).copied().unwrap_or(0)) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn f1(v: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let score = |x: f64, y: f64, z: f64| {
        if y == 0.0 && z == 0.0 {
            1.0
        } else {
            x / (x + y)
        }
    };
    let p: Vec<f64> = v
        .iter()
        .filter(|t| t.0 + t.1 > 0.0)
        .map(|&(tp, fp, fn_)| score(tp, fp, fn_))
        .collect();
    let r: Vec<f64> = v
        .iter()
        .filter(|t| t.0 + t.2 > 0.0)
        .map(|&(tp, fp, fn_)| score(tp, fn_, fp))
        .collect();
    let p = p.iter().sum::<f64>() / p.len().max(1) as f64;
    let r = r.iter().sum::<f64>() / r.len().max(1) as f64;
    (2.0 * p * r / (p + r).max(f64::MIN_POSITIVE), p, r)
}

fn html(dir: &Path) {
    let path = dir.join("html_article_extraction/dev.jsonl.gz");
    let rows = rows(&path);
    let options = IngestOptions {
        format: Some(InputFormat::Html),
        ..IngestOptions::default()
    };
    let mut ours = Vec::new();
    let mut raw = Vec::new();
    let (mut t_ours, mut t_raw) = (0.0, 0.0);
    let mut fallbacks = 0;
    let mut bytes_total = 0;
    for r in &rows {
        let page = str_field(r, "html");
        let gold = str_field(r, "article_body");
        bytes_total += page.len();
        let t = Instant::now();
        let docs = epitome_text::read_source(
            "page",
            None,
            page.as_bytes().to_vec(),
            &options,
            &mut Vec::new(),
        );
        t_ours += t.elapsed().as_secs_f64();
        let text = docs.first().map_or("", |d| d.doc.text().as_str());
        fallbacks += usize::from(docs.first().is_some_and(|d| d.main_content != Some(true)));
        ours.push(tp_fp_fn(gold, text));

        let t = Instant::now();
        let cfg = dom_smoothie::Config {
            text_mode: dom_smoothie::TextMode::Formatted,
            ..Default::default()
        };
        let extracted = dom_smoothie::Readability::new(page, None, Some(cfg))
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string())
            .unwrap_or_default();
        t_raw += t.elapsed().as_secs_f64();
        raw.push(tp_fp_fn(gold, &extracted));
    }
    let mb = bytes_total as f64 / 1e6;
    println!(
        "## HTML main content ({}, {} pages, {mb:.1} MB)",
        path.display(),
        rows.len()
    );
    let (f, p, r) = f1(&ours);
    println!(
        " epitome (dom_smoothie + alignment to the page bytes): F1 {f:.4}  P {p:.4}  R {r:.4}  {:.2} s ({:.1} MB/s), {fallbacks} pages kept all visible text",
        t_ours,
        mb / t_ours
    );
    let (f, p, r) = f1(&raw);
    println!(" dom_smoothie text as extracted (no offsets):           F1 {f:.4}  P {p:.4}  R {r:.4}  {t_raw:.2} s");
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/suites"));
    if !dir.is_dir() {
        println!(
            "suites: {} not found (shared suites absent) - skipping.",
            dir.display()
        );
        return;
    }
    let only = std::env::var("SUITE").unwrap_or_default();
    if only.is_empty() || only == "mojibake" {
        mojibake(&dir);
    }
    if only.is_empty() || only == "detok" {
        detok(&dir);
    }
    if only.is_empty() || only == "html" {
        html(&dir);
    }
}
