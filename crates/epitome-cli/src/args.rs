//! Flag definitions. Parsed values become an [`epitome::Config`] in one place
//! ([`SummaryFlags::config`]); no CLI type reaches the library.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use epitome::{Algorithm, BoundaryModel, Budget, Config, Format, Order, Truecase};

/// Multi-document extractive summarization with exact attribution.
#[derive(Debug, Parser)]
#[command(name = "epitome", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Summarize documents: each file is one document, a folder is every file in it,
    /// `-` is stdin.
    Summarize(SummarizeArgs),
    /// Summarize every cluster of a JSONL (or .jsonl.gz) file into a JSONL file.
    Batch(BatchArgs),
    /// Score predictions against gold references with ROUGE (ROUGE-1.5.5 or rouge-score).
    Eval(crate::eval::EvalArgs),
    /// Serve the HTTP API (`POST /v1/summarize`, `POST /v1/evaluate`, `GET /openapi.json`)
    /// and the web page at `/`.
    Serve(crate::serve::ServeArgs),
    /// Print the text the summarizer would see: each document read (HTML main content,
    /// Markdown prose, JSON text fields, any encoding) and normalized.
    Clean(crate::clean::CleanArgs),
    /// Print the sentences the summarizer cuts the documents into: one per line, as JSON
    /// with byte spans into the original input, or (--input) JSONL for evaluation.
    Sentences(crate::sentences::SentencesArgs),
    /// Train a model from your own text (`epitome train boundary`).
    #[command(subcommand)]
    Train(crate::train::TrainCommand),
}

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// Files, folders, or `-` for stdin (stdin is read when nothing is given and it is not a terminal).
    pub paths: Vec<String>,
    #[command(flatten)]
    pub summary: SummaryFlags,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = parse_format)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Input JSONL, optionally gzip-compressed; `-` for stdin.
    #[arg(long)]
    pub input: PathBuf,
    /// Output JSONL (gzip-compressed when it ends in .gz); `-` for stdout.
    #[arg(long)]
    pub output: PathBuf,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    #[command(flatten)]
    pub summary: SummaryFlags,
}

/// The flags shared by every command that summarizes.
#[derive(Debug, Args)]
#[group(id = "budget", multiple = false)]
pub struct BudgetFlags {
    /// At most N sentences (the default is 5).
    #[arg(long, value_name = "N", group = "budget")]
    pub sentences: Option<usize>,
    /// At most N words.
    #[arg(long, value_name = "N", group = "budget")]
    pub words: Option<usize>,
    /// At most N characters.
    #[arg(long, value_name = "N", group = "budget")]
    pub chars: Option<usize>,
    /// At most N bytes (DUC uses 665).
    #[arg(long, value_name = "N", group = "budget")]
    pub bytes: Option<usize>,
    /// At most this fraction (0–1) of the input's words.
    #[arg(long, value_name = "R", group = "budget")]
    pub ratio: Option<f64>,
    /// At most N whitespace-delimited tokens.
    #[arg(long, value_name = "N", group = "budget")]
    pub tokens: Option<usize>,
}

#[derive(Debug, Args)]
pub struct SummaryFlags {
    #[command(flatten)]
    pub budget: BudgetFlags,
    /// Selection algorithm: auto, lead, lexrank, textrank, centroid, mmr, ilp, submodular,
    /// kl, sumbasic, luhn, lsa.
    #[arg(long, default_value = "auto")]
    pub algorithm: Algorithm,
    /// What the summary should be about (also works as a title).
    #[arg(long)]
    pub query: Option<String>,
    /// Language: auto or an ISO 639-1 code (en, de, fr, …).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Sentence order: position (document order), score, or date (documents' dates, earliest
    /// first; undated last).
    #[arg(long, default_value = "position", value_parser = parse_order)]
    pub order: Order,
    /// Truecase sentences from lowercased sources: auto or off.
    #[arg(long, default_value = "auto")]
    pub truecase: Truecase,
    /// Show why each sentence was chosen: support, position, concept coverage,
    /// centrality, query match (an `explain` object per sentence in JSON).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub text: crate::clean::TextFlags,
    #[command(flatten)]
    pub model: ModelFlags,
}

/// The segmentation model flag shared by `summarize`, `batch` and `sentences`.
#[derive(Debug, Args)]
pub struct ModelFlags {
    /// Cut unpunctuated text with this sentence-boundary model (from `epitome train
    /// boundary`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub boundary_model: Option<PathBuf>,
}

impl ModelFlags {
    /// The model the flag names, read and checked once; `None` for the built-in one.
    pub fn load(&self) -> Result<Option<Arc<BoundaryModel>>> {
        match &self.boundary_model {
            Some(path) => Ok(Some(Arc::new(BoundaryModel::load(path)?))),
            None => Ok(None),
        }
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_order(s: &str) -> Result<Order, String> {
    s.parse()
}

impl SummaryFlags {
    /// The library configuration these flags describe; fails when the boundary model
    /// file cannot be read or is not a valid model.
    pub fn config(&self) -> Result<Config> {
        let b = &self.budget;
        let budget = if let Some(n) = b.sentences {
            Budget::Sentences(n)
        } else if let Some(n) = b.words {
            Budget::Words(n)
        } else if let Some(n) = b.chars {
            Budget::Chars(n)
        } else if let Some(n) = b.bytes {
            Budget::Bytes(n)
        } else if let Some(r) = b.ratio {
            Budget::Ratio(r)
        } else if let Some(n) = b.tokens {
            Budget::Tokens(n)
        } else {
            Budget::default()
        };
        Ok(Config {
            budget,
            algorithm: self.algorithm,
            query: self.query.clone(),
            lang: self.lang.clone(),
            order: self.order,
            truecase: self.truecase,
            normalize: self.text.normalize(),
            explain: self.explain,
            boundary_model: self.model.load()?,
        })
    }
}
