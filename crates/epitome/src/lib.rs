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
//! group, select, order) and, through the same code, lists the sentences it cuts
//! ([`Summarizer::sentences`]); [`render`] turns a [`Summary`] into text, Markdown or JSON;
//! [`batch`] summarizes JSONL clusters on every core with byte-identical output at any
//! thread count.
#![deny(missing_docs)]

pub mod batch;
mod chronology;
mod config;
mod error;
mod input;
pub mod render;
mod sentences;
mod summarizer;

pub use config::{Config, Truecase};
pub use epitome_core::{
    Budget, Document, DocumentMeta, SourceSpan, Summary, SummarySentence, Warning,
};
pub use epitome_select::{Algorithm, Order};
pub use epitome_text::{
    boundary, BoundaryModel, IngestOptions, Ingested, Input, InputFormat, NormalizeOptions,
    SegmentMode,
};
pub use error::{Error, ErrorKind};
pub use input::{ClusterInput, DocumentInput};
pub use render::Format;
pub use sentences::{ClusterSentences, DocumentSentences, LineError, SentenceSpan};
pub use summarizer::Summarizer;

/// Reads files, folders and stdin into documents (see `epitome_text::ingest`), detecting
/// each file's format.
pub fn ingest(inputs: &[Input], warnings: &mut Vec<Warning>) -> Result<Vec<Document>, Error> {
    Ok(epitome_text::ingest_paths(inputs, warnings)?)
}

/// Reads files, folders and stdin into documents, with how each was read (format,
/// encoding, notes such as a fallback taken). `options.format` overrides detection.
pub fn ingest_with(
    inputs: &[Input],
    options: &IngestOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Ingested>, Error> {
    Ok(epitome_text::read_inputs(inputs, options, warnings)?)
}

/// Reads one input held in memory (a file's bytes, a JSONL line's text) into its
/// documents, as [`ingest_with`] reads a file; `id` names them in warnings.
pub fn ingest_bytes(
    id: &str,
    bytes: Vec<u8>,
    options: &IngestOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<Ingested> {
    epitome_text::read_source(id, None, bytes, options, warnings)
}

/// One cleaned document as a JSON line (what `epitome clean --format json` prints):
/// `{"id", "format", "encoding", "title"?, "url"?, "date"?, "main_content"?, "notes"?,
/// "text", "original_bytes", "map"}`. `map` lists the runs of the text in order as
/// `[text_start, text_end, original_start, original_end, copied]` (byte offsets;
/// `copied` runs are the original bytes unchanged, other runs stand for their whole
/// original range).
pub fn clean_json(doc: &Ingested) -> String {
    let d = &doc.doc;
    let map: Vec<serde_json::Value> = d
        .text()
        .alignment()
        .pieces()
        .iter()
        .map(|p| {
            serde_json::json!([
                p.norm_start,
                p.norm_start + p.norm_len,
                p.orig_start,
                p.orig_start + p.orig_len,
                p.identity
            ])
        })
        .collect();
    let mut v = serde_json::json!({
        "id": d.id(),
        "format": doc.format.name(),
        "encoding": doc.encoding,
    });
    let meta = d.meta();
    for (k, val) in [
        ("title", &meta.title),
        ("url", &meta.url),
        ("date", &meta.date),
    ] {
        if let Some(x) = val {
            v[k] = serde_json::json!(x);
        }
    }
    if let Some(m) = doc.main_content {
        v["main_content"] = serde_json::json!(m);
    }
    if !doc.notes.is_empty() {
        v["notes"] = serde_json::json!(doc.notes);
    }
    v["text"] = serde_json::json!(d.text().as_str());
    v["original_bytes"] = serde_json::json!(d.original().len());
    v["map"] = serde_json::Value::Array(map);
    v.to_string()
}

/// Cleans one `{"id", "text", "format"?}` JSON line into `{"id", "text"}` (for
/// evaluation): the text is read as `format` (the line's own, else `default_format`,
/// else plain text) and normalized. A bad line gives `Err` with an `{"id"?, "error"}`
/// line naming the line number.
pub fn clean_jsonl_line(
    line: &str,
    line_no: usize,
    default_format: Option<InputFormat>,
    options: &NormalizeOptions,
) -> Result<String, String> {
    let fail = |id: Option<&str>, why: String| {
        let mut v = serde_json::json!({ "error": format!("line {line_no}: {why}") });
        if let Some(id) = id {
            v["id"] = serde_json::json!(id);
        }
        v.to_string()
    };
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| fail(None, format!("malformed JSON: {e}")))?;
    let id = match value.get("id") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let Some(text) = value.get("text").and_then(|t| t.as_str()) else {
        return Err(fail(id.as_deref(), "no `text` string".to_owned()));
    };
    let format = match value.get("format").and_then(|f| f.as_str()) {
        Some(f) => Some(
            f.parse::<InputFormat>()
                .map_err(|e| fail(id.as_deref(), e))?,
        ),
        None => default_format,
    };
    let ingest = IngestOptions {
        format: Some(format.unwrap_or(InputFormat::Txt)),
        keep_code: options.keep_code,
    };
    let label = id.clone().unwrap_or_else(|| format!("line {line_no}"));
    let mut docs = epitome_text::read_source(
        &label,
        None,
        text.as_bytes().to_vec(),
        &ingest,
        &mut Vec::new(),
    );
    let cleaned = match docs.first_mut() {
        Some(d) => {
            normalize(&mut d.doc, options).map_err(|e| fail(id.as_deref(), e.to_string()))?;
            d.doc.text().as_str().to_owned()
        }
        None => String::new(),
    };
    let mut v = serde_json::json!({});
    if let Some(id) = id {
        v["id"] = serde_json::json!(id);
    }
    v["text"] = serde_json::json!(cleaned);
    Ok(v.to_string())
}

/// Runs the normalizers `options` switches on over a document, as the summarizer does
/// before segmenting (what `epitome clean` prints).
pub fn normalize(doc: &mut Document, options: &NormalizeOptions) -> Result<(), Error> {
    Ok(epitome_text::apply_normalizers(
        doc,
        &epitome_text::normalizers(options),
    )?)
}
