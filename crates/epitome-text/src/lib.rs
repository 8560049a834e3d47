//! The text stages of epitome: everything between raw input bytes and analyzed sentences.
//!
//! - [`ingest`] reads files, folders and stdin into [`epitome_core::Document`]s that keep
//!   their original bytes (invalid UTF-8 is decoded lossily, binary files are refused).
//! - [`normalize`] holds the normalizers; each describes edits, never offsets, so
//!   attribution back to the original bytes survives every stage.
//! - [`segment`] finds sentence boundaries (sentencex behind the
//!   [`epitome_core::SentenceSplitter`] trait, plus one-sentence-per-line detection).
//! - [`align`] cuts unpunctuated text where documents of a cluster diverge.
//! - [`analyze`] turns sentence text into words, Snowball stems and stopword flags.
#![deny(missing_docs)]

pub mod align;
pub mod analyze;
mod error;
pub mod ingest;
pub mod normalize;
pub mod segment;

pub use align::refine_by_alignment;
pub use analyze::{Analyzer, Language, Token};
pub use error::{Error, ErrorKind};
pub use ingest::{ingest_bytes, ingest_paths, Input};
pub use normalize::{apply_normalizers, default_normalizers, WhitespaceNormalizer};
pub use segment::{segment_document, SegmentMode, SentencexSplitter};
