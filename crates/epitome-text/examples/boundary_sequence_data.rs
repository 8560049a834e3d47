//! Writes the training data of the boundary model's sequence network
//! (`scripts/train_boundary_sequence.py`): the running texts the window classifier is
//! trained on (the rust-docs corpus and the project's own prose, cut and held out the
//! same way as by `train_boundary`), each token as the sequence network reads it.
//!
//! ```text
//! cargo run --release -p epitome-text --example rustdocs_corpus
//! cargo run --release -p epitome-text --example boundary_sequence_data -- OUT_DIR \
//!     [--model FILE]
//! ```
//!
//! `OUT_DIR/texts.txt` starts with a line `P` and the model's length prior
//! (log-probabilities of sentences of 1, 2, … tokens), then holds one running text per
//! line: `T` (trained on) or `H` (held out: every tenth), then one field per token,
//! `word,unknown,class,suffix,label,space,window`: the token's buckets
//! ([`epitome_text::boundary::SequenceInput`]), 1 if a sentence starts at it, 1 (a
//! whitespace gap), and the window classifier's log-odds for the gap before it (the
//! model's vocabulary, linear weights and context network: `--model`, by default the
//! built-in model).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use epitome_text::boundary::training::{self, TrainOptions};
use epitome_text::BoundaryModel;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out_dir: Option<PathBuf> = None;
    let mut model_path: Option<PathBuf> = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--model" => model_path = Some(it.next().ok_or("--model FILE")?.into()),
            _ => out_dir = Some(a.into()),
        }
    }
    let out_dir = out_dir.ok_or("usage: boundary_sequence_data OUT_DIR [--model FILE]")?;
    let model = match model_path {
        Some(p) => BoundaryModel::from_bytes(&std::fs::read(p)?)?,
        None => BoundaryModel::builtin()
            .ok_or("the built-in model is corrupt")?
            .clone(),
    };
    let corpus = root.join("../../target/corpus/rustdocs.txt");
    let Ok(rustdocs) = std::fs::read_to_string(&corpus) else {
        eprintln!(
            "skipped: no corpus at {} (run the rustdocs_corpus example first)",
            corpus.display()
        );
        return Ok(());
    };
    let options = TrainOptions::default();
    let mut texts =
        training::running_texts(training::corpus_paragraphs(&rustdocs), options.text_tokens);
    texts.extend(training::running_texts(
        training::prose_paragraphs(&root.join("corpus"))?,
        options.text_tokens,
    ));
    std::fs::create_dir_all(&out_dir)?;
    let path = out_dir.join("texts.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
    write!(f, "P")?;
    for p in model.length_prior() {
        write!(f, " {p}")?;
    }
    writeln!(f)?;
    let (mut held, mut tokens) = (0, 0);
    for (i, text) in texts.iter().enumerate() {
        // The same texts `training::train` holds out.
        let held_out = i % options.hold_out_every == options.hold_out_every - 1;
        held += usize::from(held_out);
        let mut words = Vec::new();
        let mut starts = BTreeSet::new();
        for s in text.iter().filter(|s| !s.is_empty()) {
            starts.insert(words.len());
            words.extend(s.iter().cloned());
        }
        tokens += words.len();
        let inputs = model.sequence_inputs(&words);
        let odds = model.window_log_odds(&words);
        write!(f, "{}", if held_out { "H" } else { "T" })?;
        for (k, (t, lo)) in inputs.iter().zip(&odds).enumerate() {
            let label = u8::from(k > 0 && starts.contains(&k));
            write!(
                f,
                " {},{},{},{},{label},1,{lo}",
                t.word, t.unknown, t.class, t.suffix
            )?;
        }
        writeln!(f)?;
    }
    f.flush()?;
    println!(
        "wrote {}: {} running texts ({held} held out), {tokens} tokens",
        path.display(),
        texts.len()
    );
    Ok(())
}
