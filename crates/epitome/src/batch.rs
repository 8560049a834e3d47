//! Batch summarization of JSONL clusters on every core.
//!
//! Lines are read in chunks, each chunk is summarized in parallel on a rayon pool, and
//! results are written in input order, so memory stays bounded and the output is
//! byte-identical whatever the thread count: a cluster is always summarized by one
//! thread, deterministically. Every non-blank input line gives exactly one output line:
//! a summary, or `{"id", "error"}` naming the line and the problem.

use std::io::{BufRead, BufReader, Read, Write};

use rayon::prelude::*;
use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::input::ClusterInput;
use crate::render::{ErrorRecord, SummaryRecord};
use crate::summarizer::Summarizer;
use crate::Warning;

/// How many lines are read before a parallel round.
const CHUNK_LINES: usize = 512;

/// Counts of a finished batch run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Lines summarized.
    pub ok: usize,
    /// Lines that produced an error record.
    pub failed: usize,
}

/// Options for a batch run.
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchOptions {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
}

/// Wraps a reader, decompressing it when it starts with the gzip magic bytes.
pub fn maybe_gzip<R: Read + 'static>(reader: R) -> std::io::Result<Box<dyn BufRead>> {
    let mut buf = BufReader::new(reader);
    let head = buf.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::new(
            flate2::bufread::MultiGzDecoder::new(buf),
        )))
    } else {
        Ok(Box::new(buf))
    }
}

/// The outcome of one line: the output JSON and the warnings to report.
struct LineResult {
    json: String,
    ok: bool,
    warnings: Vec<String>,
}

fn summarize_line(summarizer: &Summarizer, line_no: usize, line: &str) -> LineResult {
    let fail = |id: Option<&str>, why: String| LineResult {
        json: serde_json::to_string(&ErrorRecord {
            id,
            error: &format!("line {line_no}: {why}"),
        })
        .expect("error records always serialize"),
        ok: false,
        warnings: Vec::new(),
    };
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return fail(None, format!("malformed JSON: {e}")),
    };
    let cluster = match ClusterInput::from_json(&value) {
        Ok(c) => c,
        Err((id, why)) => return fail(id.as_deref(), why),
    };
    let ingest = summarizer.config().ingest_options();
    let docs = cluster
        .documents
        .into_iter()
        .enumerate()
        .map(|(i, d)| d.into_document_with(i, &ingest))
        .collect();
    let query = cluster
        .query
        .as_deref()
        .or(summarizer.config().query.as_deref());
    match summarizer.summarize_with_query(docs, query) {
        Ok(summary) => LineResult {
            json: serde_json::to_string(&SummaryRecord::new(&cluster.id, &summary))
                .expect("summary records always serialize"),
            ok: true,
            warnings: summary
                .warnings
                .iter()
                .map(|w: &Warning| format!("line {line_no} ({}): {w}", cluster.id))
                .collect(),
        },
        Err(e) => fail(Some(&cluster.id), e.to_string()),
    }
}

/// Summarizes every JSONL line of `input` into `output`.
///
/// `on_line` is called after each line is written (for progress), and `on_warning` with
/// each warning. Fails only when reading the input or writing the output fails.
pub fn run_batch(
    summarizer: &Summarizer,
    input: impl BufRead,
    mut output: impl Write,
    options: BatchOptions,
    mut on_line: impl FnMut(),
    mut on_warning: impl FnMut(&str),
) -> Result<BatchStats, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| {
            Error::new(ErrorKind::InvalidInput(format!(
                "cannot start threads: {e}"
            )))
        })?;
    let io = |e: std::io::Error| Error::new(ErrorKind::Io(e));
    let mut stats = BatchStats::default();
    let mut lines = input.lines().enumerate();
    loop {
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK_LINES);
        for (i, line) in lines.by_ref() {
            let line = line.map_err(io)?;
            if line.trim().is_empty() {
                continue;
            }
            chunk.push((i + 1, line));
            if chunk.len() == CHUNK_LINES {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<LineResult> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(no, line)| summarize_line(summarizer, *no, line))
                .collect()
        });
        for r in results {
            for w in &r.warnings {
                on_warning(w);
            }
            output.write_all(r.json.as_bytes()).map_err(io)?;
            output.write_all(b"\n").map_err(io)?;
            if r.ok {
                stats.ok += 1;
            } else {
                stats.failed += 1;
            }
            on_line();
        }
    }
    output.flush().map_err(io)?;
    Ok(stats)
}
