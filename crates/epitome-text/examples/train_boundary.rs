//! Trains the boundary model for unpunctuated, lowercased text
//! (`crates/epitome-text/models/boundary-en.bin`) from the rust-docs corpus written by the
//! `rustdocs_corpus` example.
//!
//! ```text
//! cargo run --release -p epitome-text --example rustdocs_corpus
//! cargo run --release -p epitome-text --example train_boundary -- \
//!     [--corpus target/corpus/rustdocs.txt] [--out crates/epitome-text/models/boundary-en.bin] \
//!     [--bits 19] [--epochs 4] [--rate 0.1] [--max-len 100] [--min-count 5]
//! ```
//!
//! Each sentence of the corpus is transformed the way the evaluation's dev set is
//! (lowercased, Penn-Treebank tokenized, sentence-final `.` `!` `?` deleted), and
//! consecutive paragraphs are joined into running texts of a few hundred tokens. Every
//! tenth text is held out: the decoder's two settings (gap offset, length-prior weight)
//! are chosen by boundary F1 on the held-out texts only, never on the evaluation suites.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use epitome_text::boundary::{unpunctuated_tokens, Trainer};
use epitome_text::BoundaryModel;

/// Running texts are at least this many tokens.
const DOC_TOKENS: usize = 300;

struct Args {
    corpus: PathBuf,
    out: PathBuf,
    bits: u8,
    epochs: usize,
    rate: f32,
    max_len: usize,
    min_count: u32,
}

fn args() -> Args {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut a = Args {
        corpus: root.join("../../target/corpus/rustdocs.txt"),
        out: root.join("models/boundary-en.bin"),
        bits: 19,
        epochs: 4,
        rate: 0.1,
        max_len: 100,
        min_count: 5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => a.corpus = v.into(),
            "--out" => a.out = v.into(),
            "--bits" => a.bits = v.parse().expect("--bits N"),
            "--epochs" => a.epochs = v.parse().expect("--epochs N"),
            "--rate" => a.rate = v.parse().expect("--rate X"),
            "--max-len" => a.max_len = v.parse().expect("--max-len N"),
            "--min-count" => a.min_count = v.parse().expect("--min-count N"),
            _ => panic!("unknown flag {flag}"),
        }
    }
    a
}

/// Running texts of the corpus: lists of sentences, each a list of tokens.
fn documents(corpus: &str) -> Vec<Vec<Vec<String>>> {
    let mut docs = Vec::new();
    let mut doc: Vec<Vec<String>> = Vec::new();
    let mut tokens = 0;
    for para in corpus.split("\n\n") {
        for line in para.lines() {
            let t = unpunctuated_tokens(line);
            if !t.is_empty() {
                tokens += t.len();
                doc.push(t);
            }
        }
        if tokens >= DOC_TOKENS {
            docs.push(std::mem::take(&mut doc));
            tokens = 0;
        }
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Boundary precision, recall and F1 of `model` over held-out texts.
fn evaluate(model: &BoundaryModel, docs: &[&Vec<Vec<String>>]) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for doc in docs {
        let text = doc
            .iter()
            .map(|s| s.join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        let mut gold = BTreeSet::new();
        let mut at = 0;
        for (i, s) in doc.iter().enumerate() {
            if i > 0 {
                gold.insert(at);
            }
            at += s.iter().map(|t| t.len() + 1).sum::<usize>();
        }
        let got: BTreeSet<usize> = model
            .split(&text, 0..text.len())
            .into_iter()
            .skip(1)
            .map(|r| r.start)
            .collect();
        tp += gold.intersection(&got).count();
        fp += got.difference(&gold).count();
        fnn += gold.difference(&got).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fnn).max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

fn main() -> std::io::Result<()> {
    let a = args();
    let Ok(corpus) = std::fs::read_to_string(&a.corpus) else {
        eprintln!(
            "skipped: no corpus at {} (run the rustdocs_corpus example first)",
            a.corpus.display()
        );
        return Ok(());
    };
    let docs = documents(&corpus);
    let (held, train): (Vec<_>, Vec<_>) = docs.iter().enumerate().partition(|(i, _)| i % 10 == 9);
    let held: Vec<&Vec<Vec<String>>> = held.into_iter().map(|(_, d)| d).collect();
    let mut trainer = Trainer::new(a.bits, a.max_len, a.min_count);
    let sentences: usize = train.iter().map(|(_, d)| d.len()).sum();
    for (_, d) in &train {
        trainer.add_document(d);
    }
    println!(
        "corpus {}: {} texts ({} held out), {} training sentences, {} gaps",
        a.corpus.display(),
        docs.len(),
        held.len(),
        sentences,
        trainer.gaps()
    );
    let t = Instant::now();
    let mut model = trainer.train(a.epochs, a.rate);
    println!(
        "trained in {:.1} s: 2^{} buckets, {} non-zero",
        t.elapsed().as_secs_f64(),
        a.bits,
        model.nonzero_weights()
    );
    let base = model.clone();
    // The trainer's offset removes the boundary rate from the gap scores.
    let base_offset = base.decoding().0;
    let mut best = (f64::MIN, base_offset, 1.0f32);
    for d in [-2.0f32, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0] {
        for w in [0.0f32, 0.5, 1.0, 1.5, 2.0, 3.0] {
            model.set_decoding(base_offset + d, w);
            let (p, r, f) = evaluate(&model, &held);
            if f > best.0 {
                println!(
                    "  offset {:+.1} prior weight {w}: P {p:.3} R {r:.3} F1 {f:.3}",
                    d
                );
                best = (f, base_offset + d, w);
            }
        }
    }
    model.set_decoding(best.1, best.2);
    let (p, r, f) = evaluate(&model, &held);
    println!(
        "held-out rust-docs: P {p:.3} R {r:.3} F1 {f:.3} (offset {:.2}, prior weight {})",
        best.1, best.2
    );
    let bytes = model.to_bytes();
    BoundaryModel::from_bytes(&bytes).expect("the written model reads back");
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&a.out, &bytes)?;
    println!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(())
}
