//! Sentence boundaries in unpunctuated, lowercased text, measured on a dev set built from
//! the GUM documents in ../shared/suites (third-party, read at run time, never copied
//! into the project; skipped with a message when absent).
//!
//! `cargo run --release -p epitome-text --example unpunctuated [-- --suites DIR]
//!  [--seeds DIR] [--model FILE] [--offset X --prior-weight Y] [--show N]`
//!
//! The dev set: every gold sentence of `seg_ud_gum_testdev_docs.jsonl` is lowercased,
//! Penn-Treebank tokenized and stripped of its sentence-final `.`, `!` or `?`; a document
//! is its sentences joined by single spaces (one line, like the seeds). A boundary is the
//! word at which a sentence other than the first starts. Reported, as precision / recall
//! / F1:
//!
//! - (a) a fixed 25-word window, the floor;
//! - (b) the pipeline before the boundary model: the punctuated splitter plus the forced
//!   split at `MAX_SENTENCE_WORDS` words;
//! - (c) the pipeline now: `segment_document` then `refine_by_alignment` on the document
//!   alone (which is where the boundary model cuts), with the model measured in (d);
//! - (d) the model file alone (when `--model` is given, or the built-in model).
//!
//! Then the throughput of the unpunctuated path (single thread, MB/s), and the seeds
//! (../shared/seeds) cut as one cluster, to read by eye.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use epitome_core::SentenceSplitter;
use epitome_text::boundary::unpunctuated_tokens;
use epitome_text::segment::MAX_SENTENCE_WORDS;
use epitome_text::{
    refine_by_alignment_with, segment_document_with, BoundaryModel, SegmentMode, SentencexSplitter,
};

struct Args {
    suites: PathBuf,
    seeds: PathBuf,
    model: Option<PathBuf>,
    decoding: (Option<f32>, Option<f32>),
    show: usize,
}

fn args() -> Args {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let mut a = Args {
        suites: root.join("suites"),
        seeds: root.join("seeds"),
        model: None,
        decoding: (None, None),
        show: 12,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--suites" => a.suites = v.into(),
            "--seeds" => a.seeds = v.into(),
            "--model" => a.model = Some(v.into()),
            "--offset" => a.decoding.0 = Some(v.parse().expect("--offset X")),
            "--prior-weight" => a.decoding.1 = Some(v.parse().expect("--prior-weight X")),
            "--show" => a.show = v.parse().expect("--show N"),
            _ => panic!("unknown flag {flag}"),
        }
    }
    a
}

/// One dev document: its unpunctuated text and the word indexes where sentences start.
struct Dev {
    id: String,
    text: String,
    gold: BTreeSet<usize>,
}

fn dev_set(path: &Path) -> Option<Vec<Dev>> {
    let src = std::fs::read_to_string(path).ok()?;
    let mut out = Vec::new();
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("suite lines are JSON");
        let mut words: Vec<String> = Vec::new();
        let mut gold = BTreeSet::new();
        for s in v["sentences"].as_array().expect("sentences array") {
            let toks = unpunctuated_tokens(s.as_str().expect("sentence string"));
            if toks.is_empty() {
                continue;
            }
            if !words.is_empty() {
                gold.insert(words.len());
            }
            words.extend(toks);
        }
        out.push(Dev {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            text: words.join(" "),
            gold,
        });
    }
    Some(out)
}

/// Word indexes at which the ranges after the first start.
fn starts(text: &str, ranges: &[Range<usize>]) -> BTreeSet<usize> {
    let word_starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || text[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    ranges
        .iter()
        .skip(1)
        .map(|r| word_starts.partition_point(|&w| w < r.start))
        .collect()
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fnn: usize,
}

impl Score {
    fn add(&mut self, gold: &BTreeSet<usize>, got: &BTreeSet<usize>) {
        self.tp += gold.intersection(got).count();
        self.fp += got.difference(gold).count();
        self.fnn += gold.difference(got).count();
    }
    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fnn).max(1) as f64;
        let f = 2.0 * p * r / (p + r).max(1e-9);
        format!("{name:<44} P {p:.3}  R {r:.3}  F1 {f:.3}")
    }
}

/// The pipeline before the boundary model: the splitter, then forced splits every
/// `MAX_SENTENCE_WORDS` words (only the starts matter for scoring).
fn before(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for r in SentencexSplitter::default().split(text) {
        let s = &text[r.clone()];
        let word_starts = s
            .char_indices()
            .filter(|&(i, c)| {
                !c.is_whitespace() && (i == 0 || s[..i].ends_with(char::is_whitespace))
            })
            .map(|(i, _)| r.start + i);
        for (n, w) in word_starts.enumerate() {
            if n % MAX_SENTENCE_WORDS == 0 {
                out.push(w..r.end);
            }
        }
    }
    out
}

/// The pipeline with `model` cutting unpunctuated text.
fn pipeline(texts: &[&str], model: &BoundaryModel) -> Vec<Vec<Range<usize>>> {
    let splitter = SentencexSplitter::default();
    let mut segs: Vec<Vec<Range<usize>>> = texts
        .iter()
        .map(|t| segment_document_with(t, &splitter, SegmentMode::Auto, Some(model)))
        .collect();
    refine_by_alignment_with(texts, &mut segs, Some(model));
    segs
}

fn window(text: &str, size: usize) -> BTreeSet<usize> {
    let n = text.split_whitespace().count();
    (1..n.div_ceil(size)).map(|k| k * size).collect()
}

fn main() {
    let a = args();
    let gum = a.suites.join("seg_ud_gum_testdev_docs.jsonl");
    let Some(dev) = dev_set(&gum) else {
        eprintln!("skipped: {} not found", gum.display());
        return;
    };
    let mut model = match &a.model {
        Some(p) => {
            BoundaryModel::from_bytes(&std::fs::read(p).expect("readable model")).expect("valid")
        }
        None => BoundaryModel::builtin().expect("built-in model").clone(),
    };
    let (o, w) = model.decoding();
    model.set_decoding(a.decoding.0.unwrap_or(o), a.decoding.1.unwrap_or(w));
    let words: usize = dev.iter().map(|d| d.text.split_whitespace().count()).sum();
    let sents: usize = dev.iter().map(|d| d.gold.len() + 1).sum();
    println!(
        "dev set: {} GUM documents, {sents} sentences, {words} words (lowercased, PTB-tokenized, no final stops)",
        dev.len()
    );
    let (mut win, mut old, mut new, mut alone) = (
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
    );
    let mut genres: std::collections::BTreeMap<String, Score> = Default::default();
    let debug = std::env::var("SHOW_DEV").ok();
    for d in &dev {
        let got = model.split(&d.text, 0..d.text.len());
        if debug.as_deref() == Some(d.id.as_str()) {
            for r in &got {
                println!("  | {}", &d.text[r.clone()]);
            }
        }
        let genre = d.id.split('_').nth(1).unwrap_or_default().to_owned();
        genres
            .entry(genre)
            .or_default()
            .add(&d.gold, &starts(&d.text, &got));
        win.add(&d.gold, &window(&d.text, 25));
        old.add(&d.gold, &starts(&d.text, &before(&d.text)));
        new.add(&d.gold, &starts(&d.text, &pipeline(&[&d.text], &model)[0]));
        alone.add(
            &d.gold,
            &starts(&d.text, &model.split(&d.text, 0..d.text.len())),
        );
    }
    for (g, s) in &genres {
        println!("{}", s.line(&format!("    model alone, {g}")));
    }
    println!("{}", win.line("(a) fixed 25-word window"));
    println!("{}", old.line("(b) splitter + forced split (before)"));
    println!("{}", new.line("(c) pipeline (segment + refine)"));
    let (o, w) = model.decoding();
    println!(
        "{}",
        alone.line(&format!(
            "(d) model alone (offset {o:.2}, prior {w}, rate matching {})",
            model.rate_matching()
        ))
    );

    if std::env::var_os("SKIP_SPEED").is_none() {
        throughput(&dev, &model);
    }

    // The seeds, as one cluster.
    let Ok(dir) = std::fs::read_dir(&a.seeds) else {
        eprintln!("seeds skipped: {} not found", a.seeds.display());
        return;
    };
    let mut paths: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let clustered = pipeline(&refs, &model);
    for (i, (t, segs)) in refs.iter().zip(&clustered).enumerate() {
        let alone = pipeline(&[t], &model);
        println!(
            "\nseed {} ({}): {} sentences in the cluster, {} alone",
            i,
            paths[i].file_name().unwrap_or_default().to_string_lossy(),
            segs.len(),
            alone[0].len()
        );
        for r in segs.iter().take(a.show) {
            println!("  | {}", &t[r.clone()]);
        }
    }
}

/// Throughput of the unpunctuated path: the dev texts repeated to about 10 MB, as one
/// document, single thread.
fn throughput(dev: &[Dev], model: &BoundaryModel) {
    let mut big = String::new();
    while big.len() < 10 << 20 {
        for d in dev {
            big.push_str(&d.text);
            big.push(' ');
        }
    }
    let t = Instant::now();
    let segs = pipeline(&[&big], model);
    let secs = t.elapsed().as_secs_f64();
    let longest = segs[0]
        .iter()
        .map(|r| big[r.clone()].split_whitespace().count())
        .max()
        .unwrap_or(0);
    println!(
        "throughput: {:.1} MB of unpunctuated text in {secs:.2} s = {:.2} MB/s (1 thread), {} sentences, longest {longest} words",
        big.len() as f64 / 1e6,
        big.len() as f64 / 1e6 / secs,
        segs[0].len()
    );
}
