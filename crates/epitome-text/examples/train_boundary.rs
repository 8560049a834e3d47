//! Trains the boundary model for unpunctuated, lowercased text
//! (`crates/epitome-text/models/boundary-en.bin`) from two sources: the rust-docs corpus
//! written by the `rustdocs_corpus` example (technical prose, one sentence per line), and
//! the project's own genre prose in `crates/epitome-text/corpus/` (conversation, podcasts,
//! vlogs, interviews, speeches, hearings, letters, fiction, biographies, essays, news,
//! how-to guides, travel, academic and textbook writing; one paragraph per line).
//!
//! ```text
//! cargo run --release -p epitome-text --example rustdocs_corpus
//! cargo run --release -p epitome-text --example train_boundary -- \
//!     [--corpus target/corpus/rustdocs.txt ...] [--prose crates/epitome-text/corpus ...] \
//!     [--out crates/epitome-text/models/boundary-en.bin] \
//!     [--bits 20] [--epochs 4] [--rate 0.1] [--max-len 100] [--min-count 5] \
//!     [--word-dropout 0.4]
//! ```
//!
//! Each sentence is transformed the way the evaluation's dev set is (lowercased,
//! Penn-Treebank tokenized, sentence-final `.` `!` `?` deleted), and consecutive
//! paragraphs are joined into running texts of a few hundred tokens. Every tenth text is
//! held out: the decoder's settings (gap offset, length-prior weight, rate matching) are
//! chosen by boundary F1 on the held-out texts only, never on the evaluation suites. The work is
//! done by `epitome_text::boundary::training`, which `epitome train boundary` shares.

use std::path::{Path, PathBuf};
use std::time::Instant;

use epitome_text::boundary::training::{self, TrainOptions};
use epitome_text::BoundaryModel;

struct Args {
    corpora: Vec<PathBuf>,
    prose: Vec<PathBuf>,
    out: PathBuf,
    options: TrainOptions,
}

fn args() -> Args {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut a = Args {
        corpora: Vec::new(),
        prose: Vec::new(),
        out: root.join("models/boundary-en.bin"),
        // The built-in model learns from about 960,000 words, more than a user's corpus
        // usually holds, so it gets twice the buckets of `epitome train boundary`'s default
        // (held-out F1 0.711 with 2^19, 0.722 with 2^20, both decoding with rate matching;
        // models/README.md).
        options: TrainOptions {
            bits: 20,
            ..TrainOptions::default()
        },
    };
    let o = &mut a.options;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => a.corpora.push(v.into()),
            "--prose" => a.prose.push(v.into()),
            "--out" => a.out = v.into(),
            "--bits" => o.bits = v.parse().expect("--bits N"),
            "--epochs" => o.epochs = v.parse().expect("--epochs N"),
            "--rate" => o.rate = v.parse().expect("--rate X"),
            "--max-len" => o.max_len = v.parse().expect("--max-len N"),
            "--min-count" => o.min_count = v.parse().expect("--min-count N"),
            "--word-dropout" => o.word_dropout = v.parse().expect("--word-dropout P"),
            "--context" => {
                // WINDOW,DIM,HIDDEN,BITS or `none`
                o.context = if v == "none" {
                    epitome_text::boundary::ContextShape::NONE
                } else {
                    let n: Vec<usize> = v
                        .split(',')
                        .map(|x| x.parse().expect("--context W,D,H,B"))
                        .collect();
                    epitome_text::boundary::ContextShape {
                        window: n[0],
                        dim: n[1],
                        hidden: n[2],
                        bits: n[3] as u8,
                    }
                };
            }
            "--context-rate" => o.context_rate = v.parse().expect("--context-rate X"),
            _ => panic!("unknown flag {flag}"),
        }
    }
    if a.corpora.is_empty() {
        a.corpora
            .push(root.join("../../target/corpus/rustdocs.txt"));
    }
    if a.prose.is_empty() {
        a.prose.push(root.join("corpus"));
    }
    a
}

fn main() -> std::io::Result<()> {
    let a = args();
    let mut texts = Vec::new();
    for path in &a.corpora {
        let Ok(corpus) = std::fs::read_to_string(path) else {
            eprintln!(
                "skipped: no corpus at {} (run the rustdocs_corpus example first)",
                path.display()
            );
            return Ok(());
        };
        let before = texts.len();
        texts.extend(training::running_texts(
            training::corpus_paragraphs(&corpus),
            a.options.text_tokens,
        ));
        println!("corpus {}: {} texts", path.display(), texts.len() - before);
    }
    for path in &a.prose {
        let before = texts.len();
        texts.extend(training::running_texts(
            training::prose_paragraphs(path)?,
            a.options.text_tokens,
        ));
        println!("prose {}: {} texts", path.display(), texts.len() - before);
    }
    let t = Instant::now();
    let trained = training::train(&texts, &a.options).expect("the corpus has text");
    println!(
        "{} texts ({} held out), {} training sentences, {} gaps",
        texts.len(),
        trained.held_out_texts,
        trained.sentences,
        trained.gaps
    );
    println!(
        "trained in {:.1} s: 2^{} buckets, {} non-zero",
        t.elapsed().as_secs_f64(),
        a.options.bits,
        trained.model.nonzero_weights()
    );
    let s = trained.held_out.unwrap_or_default();
    let (offset, weight) = trained.model.decoding();
    println!(
        "held-out texts: P {:.3} R {:.3} F1 {:.3} (offset {offset:.2}, prior weight {weight}, rate matching {})",
        s.precision,
        s.recall,
        s.f1,
        trained.model.rate_matching()
    );
    let bytes = trained.model.to_bytes();
    BoundaryModel::from_bytes(&bytes).expect("the written model reads back");
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&a.out, &bytes)?;
    println!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(())
}
