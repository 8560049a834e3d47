//! `epitome train boundary`: a sentence-boundary model for unpunctuated text, trained on
//! the user's own punctuated text (the same code that trains the built-in model).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::builder::RangedU64ValueParser;
use clap::{Args, Subcommand};
use epitome::boundary::training::{self, TrainOptions};
use epitome::boundary::ContextShape;
use epitome::{BoundaryModel, IngestOptions, Input};

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train a sentence-boundary model for lowercased, unpunctuated text from punctuated
    /// plain text, and print its precision, recall and F1 on held-out text. Use it with
    /// `--boundary-model FILE` in summarize, batch and sentences.
    Boundary(BoundaryArgs),
}

#[derive(Debug, Args)]
pub struct BoundaryArgs {
    /// Punctuated text: files or folders in any format `summarize` reads (plain text,
    /// HTML, Markdown, JSON), or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub files: Vec<String>,
    /// Where the model is written.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The model has 2^N hashed feature buckets (10–24; more text can use more).
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().bits,
          value_parser = clap::value_parser!(u8).range(10..=24))]
    pub bits: u8,
    /// Passes over the training text.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().epochs,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=100))]
    pub epochs: usize,
    /// Learning rate.
    #[arg(long, value_name = "X", default_value_t = TrainOptions::default().rate)]
    pub rate: f32,
    /// The longest sentence, in tokens, the model cuts (2–1000).
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().max_len,
          value_parser = RangedU64ValueParser::<usize>::new().range(2..=1000))]
    pub max_len: usize,
    /// Words seen fewer times are read as unknown words of their shape.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().min_count)]
    pub min_count: u32,
    /// Probability (0–0.9) that a word is hidden from a training pass, so that the model
    /// learns to decide from word shapes and common words too (helps on text of other
    /// genres than the training text).
    #[arg(long, value_name = "P", default_value_t = TrainOptions::default().word_dropout)]
    pub word_dropout: f32,
    /// Train the linear classifier alone, without the context network that reads six
    /// words each side of a gap (about six times faster to train; a smaller model that
    /// finds fewer boundaries right).
    #[arg(long)]
    pub no_context: bool,
}

pub fn run(command: TrainCommand) -> Result<ExitCode> {
    match command {
        TrainCommand::Boundary(args) => boundary(args),
    }
}

fn boundary(args: BoundaryArgs) -> Result<ExitCode> {
    if !(args.rate.is_finite() && args.rate > 0.0) {
        anyhow::bail!("--rate must be a positive number");
    }
    if !(0.0..=0.9).contains(&args.word_dropout) {
        anyhow::bail!("--word-dropout must be between 0 and 0.9");
    }
    let options = TrainOptions {
        bits: args.bits,
        epochs: args.epochs,
        rate: args.rate,
        max_len: args.max_len,
        min_count: args.min_count,
        word_dropout: args.word_dropout,
        context: if args.no_context {
            ContextShape::NONE
        } else {
            TrainOptions::default().context
        },
        ..TrainOptions::default()
    };
    // The same reading as `summarize`: folders, formats and encodings.
    let inputs: Vec<Input> = args.files.iter().map(|p| Input::from_arg(p)).collect();
    let mut warnings = Vec::new();
    let docs = epitome::ingest_with(&inputs, &IngestOptions::default(), &mut warnings)?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let mut texts = Vec::new();
    let mut sentences = 0;
    for d in &docs {
        let (path, text) = (d.doc.id(), d.doc.text().as_str());
        if training::lacks_punctuation(text) {
            eprintln!(
                "warning: {path}: hardly any sentence punctuation; training needs punctuated text"
            );
        }
        let sents = training::text_sentences(text);
        sentences += sents.len();
        // Running texts never span two documents.
        texts.extend(training::running_texts(
            sents.into_iter().map(|s| vec![s]),
            options.text_tokens,
        ));
    }
    let trained = training::train(&texts, &options)
        .with_context(|| format!("training on {}", args.files.join(" ")))?;
    println!(
        "read {} document(s): {sentences} sentences in {} running texts ({} held out)",
        docs.len(),
        texts.len(),
        trained.held_out_texts
    );
    let net = trained.model.context_shape();
    println!(
        "trained on {} sentences, {} gaps: 2^{} buckets, {} non-zero; {}",
        trained.sentences,
        trained.gaps,
        options.bits,
        trained.model.nonzero_weights(),
        if net.is_some() {
            format!(
                "context network: {} words a side, {} hidden units",
                net.window, net.hidden
            )
        } else {
            "no context network".to_owned()
        }
    );
    let (offset, weight) = trained.model.decoding();
    match trained.held_out {
        Some(s) => println!(
            "held-out: P {:.3} R {:.3} F1 {:.3} (gap offset {offset:.2}, length-prior weight {weight}, rate matching {})",
            s.precision,
            s.recall,
            s.f1,
            if trained.model.rate_matching() { "on" } else { "off" }
        ),
        None => println!("held-out: none (too little text to hold any out)"),
    }
    let bytes = trained.model.to_bytes();
    BoundaryModel::from_bytes(&bytes).context("the trained model does not read back")?;
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the model", args.out.display()))?;
    println!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(ExitCode::SUCCESS)
}
