//! The text stages of epitome: everything between raw input bytes and analyzed sentences.
//!
//! - [`ingest`] reads files, folders and stdin into [`epitome_core::Document`]s that keep
//!   their original bytes: plain text, Markdown, HTML (the main article), JSON and JSONL,
//!   in UTF-8, UTF-16 or a legacy encoding; the text always maps back to those bytes.
//! - [`normalize`] holds the normalizers (mojibake, NFC, whitespace, hard wraps, PTB
//!   detokenization, citation debris); each describes edits, never offsets, so
//!   attribution back to the original bytes survives every stage.
//! - [`segment`] finds sentence boundaries (sentencex behind the
//!   [`epitome_core::SentenceSplitter`] trait, plus one-sentence-per-line detection).
//! - [`align`] cuts unpunctuated text where documents of a cluster diverge, and
//!   [`boundary`] cuts the rest with a learned model of where sentences start.
//! - [`analyze`] turns sentence text into words, Snowball stems and stopword flags.
#![deny(missing_docs)]

pub mod align;
pub mod analyze;
pub mod boilerplate;
pub mod boundary;
pub mod dateline;
mod error;
pub mod ingest;
pub mod normalize;
pub mod runon;
pub mod segment;
pub mod truecase;

pub use align::{refine_by_alignment, refine_by_alignment_in, refine_by_alignment_with};
pub use analyze::{Analyzer, Language, Token};
pub use boilerplate::is_boilerplate;
pub use boundary::{BoundaryModel, ModelError, Phrases};
pub use dateline::trim_datelines;
pub use error::{Error, ErrorKind};
pub use ingest::{
    ingest_bytes, ingest_paths, read_inputs, read_source, IngestOptions, Ingested, Input,
    InputFormat,
};
pub use normalize::{
    apply_normalizers, default_normalizers, normalize_text, normalizers, CitationNormalizer,
    DetokNormalizer, HardWrapNormalizer, MojibakeNormalizer, NfcNormalizer, NormalizeOptions,
    WhitespaceNormalizer,
};
pub use segment::{
    segment_document, segment_document_in, segment_document_with, SegmentMode, SentencexSplitter,
};
pub use truecase::{is_lowercased, CaseModel};
