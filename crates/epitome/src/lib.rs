//! epitome: multi-document extractive summarization with exact attribution.
//!
//! ```
//! use epitome::{Config, Summarizer, Budget};
//!
//! let config = Config { budget: Budget::Sentences(1), ..Config::default() };
//! let summarizer = Summarizer::new(&config).unwrap();
//! let summary = summarizer
//!     .summarize_texts(&[
//!         "The bridge reopened on Monday after repairs. Traffic was light.",
//!         "After repairs, the bridge reopened on Monday. Shops nearby were glad.",
//!     ])
//!     .unwrap();
//! assert_eq!(summary.sentences.len(), 1);
//! assert_eq!(summary.sentences[0].support, 2);
//! ```
//!
//! This crate is the facade: [`Config`] is the one configuration type that CLI flags,
//! HTTP JSON and Python keyword arguments all build; [`Summarizer`] runs the pipeline of
//! `epitome-text` (ingest, normalize, segment, analyze) and `epitome-select` (represent,
//! group, select, order); [`render`] turns a [`Summary`] into text, Markdown or JSON;
//! [`batch`] summarizes JSONL clusters on every core with byte-identical output at any
//! thread count.
#![deny(missing_docs)]

pub mod batch;
mod config;
mod error;
mod input;
pub mod render;
mod summarizer;

pub use config::Config;
pub use epitome_core::{
    Budget, Document, DocumentMeta, SourceSpan, Summary, SummarySentence, Warning,
};
pub use epitome_select::{Algorithm, Order};
pub use epitome_text::{Input, SegmentMode};
pub use error::{Error, ErrorKind};
pub use input::{ClusterInput, DocumentInput};
pub use render::Format;
pub use summarizer::Summarizer;

/// Reads files, folders and stdin into documents (see `epitome_text::ingest`).
pub fn ingest(inputs: &[Input], warnings: &mut Vec<Warning>) -> Result<Vec<Document>, Error> {
    Ok(epitome_text::ingest_paths(inputs, warnings)?)
}
