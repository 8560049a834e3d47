//! Reading documents from files, folders and stdin, in any of the formats people have.
//!
//! One file is one document (a JSON array or a JSONL file holds several); a folder is every
//! file under it (recursively, sorted by path, hidden files skipped); `-` is stdin. Bytes are
//! kept exactly as read, and the text handed on always maps back to them:
//!
//! - [`encoding`] decodes: BOMs, UTF-16 with or without a BOM, UTF-8 (invalid sequences
//!   become U+FFFD mapped to exactly the bytes they replace), and legacy encodings found
//!   by `chardetng`, transcoded by `encoding_rs`.
//! - The format ([`InputFormat`]) comes from the extension, else from the content, unless
//!   the caller says: [`html`] extracts the main article, [`markdown`] the prose,
//!   [`json`] the `text` field; plain text is taken as it is.
//!
//! A file that looks binary (a NUL byte in its first 64 KiB, as ripgrep and git judge it,
//! and not UTF-16) is skipped with a warning rather than summarized as gibberish.

pub mod encoding;
pub mod html;
pub mod json;
pub mod markdown;
mod rewrite;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use epitome_core::{Document, DocumentMeta, Warning};

use crate::error::{Error, ErrorKind};

/// One input the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// Parses a command-line argument: `-` is stdin, anything else a path.
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// The format of an input document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text.
    #[serde(alias = "text")]
    Txt,
    /// Markdown (CommonMark with tables, footnotes, front matter).
    #[serde(rename = "md", alias = "markdown")]
    Markdown,
    /// An HTML page: its main article text.
    Html,
    /// A JSON document, or an array of them.
    Json,
    /// JSON Lines: one document a line.
    #[serde(alias = "ndjson")]
    Jsonl,
}

impl InputFormat {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [InputFormat; 5] = [
        InputFormat::Txt,
        InputFormat::Markdown,
        InputFormat::Html,
        InputFormat::Json,
        InputFormat::Jsonl,
    ];

    /// The name used on the command line and in configuration.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Txt => "txt",
            InputFormat::Markdown => "md",
            InputFormat::Html => "html",
            InputFormat::Json => "json",
            InputFormat::Jsonl => "jsonl",
        }
    }

    /// The format a file extension stands for.
    pub fn from_extension(ext: &str) -> Option<InputFormat> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => InputFormat::Txt,
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => InputFormat::Markdown,
            "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
            "json" => InputFormat::Json,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            _ => return None,
        })
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "txt" | "text" | "plain" => Ok(InputFormat::Txt),
            "md" | "markdown" => Ok(InputFormat::Markdown),
            "html" | "htm" => Ok(InputFormat::Html),
            "json" => Ok(InputFormat::Json),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            other => Err(format!(
                "unknown input format `{other}` (expected txt, md, html, json or jsonl)"
            )),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestOptions {
    /// The format of every input; `None` detects it per file.
    pub format: Option<InputFormat>,
    /// Keep Markdown code blocks (dropped by default).
    pub keep_code: bool,
}

/// A document as read, with how it was read.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document.
    pub doc: Document,
    /// Its format.
    pub format: InputFormat,
    /// The encoding its bytes were decoded from.
    pub encoding: &'static str,
    /// For HTML: whether the main-content extractor chose the text (else all visible
    /// text was kept).
    pub main_content: Option<bool>,
    /// Things the user should know (a fallback taken, a guess made), without the
    /// document id.
    pub notes: Vec<String>,
}

/// How many leading bytes are inspected for NUL when deciding a file is binary.
const BINARY_SNIFF_LEN: usize = 64 * 1024;

/// Whether `bytes` look like a binary file rather than text (UTF-16 is text).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
        && encoding_rs::Encoding::for_bom(bytes).is_none()
        && encoding::sniff_utf16(bytes).is_none()
}

/// Decides the format of a document from its path and its (decoded) text.
pub fn detect_format(path: Option<&Path>, text: &str) -> InputFormat {
    if let Some(f) = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(InputFormat::from_extension)
    {
        return f;
    }
    sniff_format(text)
}

/// Decides the format of a text from its first bytes.
pub fn sniff_format(text: &str) -> InputFormat {
    let head = &text[..floor_boundary(text, 4096)];
    let start = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let lower = start[..floor_boundary(start, 512)].to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
        || (lower.starts_with('<')
            && [
                "<head", "<body", "<div", "<p>", "<p ", "<meta", "<title", "<article", "<!--",
            ]
            .iter()
            .any(|t| lower.contains(t)))
    {
        return InputFormat::Html;
    }
    if start.starts_with('{') || start.starts_with('[') {
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(3)
            .collect();
        if lines.len() > 1
            && lines
                .iter()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        {
            return InputFormat::Jsonl;
        }
        if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
            return InputFormat::Json;
        }
    }
    if looks_markdown(head) {
        return InputFormat::Markdown;
    }
    InputFormat::Txt
}

/// At least two distinct kinds of Markdown markup among the first lines.
fn looks_markdown(head: &str) -> bool {
    let mut kinds = [false; 6];
    for line in head.lines().take(80) {
        let t = line.trim_start();
        if t.starts_with("# ") || t.starts_with("## ") || t.starts_with("### ") {
            kinds[0] = true;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            kinds[1] = true;
        }
        if t.contains("](") && t.contains('[') {
            kinds[2] = true;
        }
        if t.contains("**") || t.contains("__") {
            kinds[3] = true;
        }
        if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("1. ") {
            kinds[4] = true;
        }
        if t.starts_with("> ") || t.starts_with("---") && t.trim_end() == "---" {
            kinds[5] = true;
        }
    }
    kinds.iter().filter(|&&k| k).count() >= 2
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Builds a document from bytes already in memory, detecting the format from the
/// content. Returns the first document, or `None` with a warning when the bytes look
/// binary or hold no document.
pub fn ingest_bytes(id: &str, bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> Option<Document> {
    read_source(id, None, bytes, &IngestOptions::default(), warnings)
        .into_iter()
        .next()
        .map(|i| i.doc)
}

/// Reads one source (a file's or stdin's bytes) into its documents. `path`, when
/// known, lends its extension to format detection. Never fails: problems become
/// warnings naming the document, and what can be read is read.
pub fn read_source(
    id: &str,
    path: Option<&Path>,
    bytes: Vec<u8>,
    options: &IngestOptions,
    warnings: &mut Vec<Warning>,
) -> Vec<Ingested> {
    if looks_binary(&bytes) {
        warnings.push(Warning::Binary { doc: id.to_owned() });
        return Vec::new();
    }
    let hint = if options.format == Some(InputFormat::Html)
        || path
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .and_then(InputFormat::from_extension)
            == Some(InputFormat::Html)
    {
        encoding::html_declared_charset(&bytes)
    } else {
        None
    };
    let decoded = encoding::decode(&bytes, hint.as_deref());
    let format = options
        .format
        .unwrap_or_else(|| detect_format(path, decoded.text.as_str()));
    let meta = DocumentMeta {
        id: id.to_owned(),
        ..DocumentMeta::default()
    };
    let mut notes = Vec::new();
    if decoded.encoding != "UTF-8" {
        notes.push(format!("decoded as {}", decoded.encoding));
    }
    let lossy = |warnings: &mut Vec<Warning>| {
        if decoded.invalid > 0 {
            warnings.push(Warning::LossyDecoding {
                doc: id.to_owned(),
                sequences: decoded.invalid,
            });
        }
    };
    let one = |doc: Document, main_content: Option<bool>, notes: Vec<String>| Ingested {
        doc,
        format,
        encoding: decoded.encoding,
        main_content,
        notes,
    };
    match format {
        InputFormat::Txt => {
            let doc = if decoded.encoding == "UTF-8" && !decoded.bom {
                // Keeps the count of invalid sequences on the document.
                Document::from_bytes(meta, bytes)
            } else {
                lossy(warnings);
                Document::from_parts(meta, bytes, decoded.text.clone())
            };
            vec![one(doc, None, notes)]
        }
        InputFormat::Markdown => {
            lossy(warnings);
            let (text, info) = markdown::read_markdown(decoded.text.clone(), options.keep_code);
            let meta = DocumentMeta {
                title: info.title,
                date: info.date,
                ..meta
            };
            vec![one(Document::from_parts(meta, bytes, text), None, notes)]
        }
        InputFormat::Html => {
            lossy(warnings);
            let page = html::read_html(decoded.text.clone());
            notes.extend(page.note.clone());
            let meta = DocumentMeta {
                title: page.info.title.clone(),
                date: page.info.date.clone(),
                url: page.info.url.clone(),
                ..meta
            };
            let main = Some(page.main_content);
            vec![one(
                Document::from_parts(meta, bytes, page.text),
                main,
                notes,
            )]
        }
        InputFormat::Json | InputFormat::Jsonl => {
            lossy(warnings);
            // A `.json` file that holds JSON Lines is read as such.
            let text = decoded.text.as_str();
            let format = if format == InputFormat::Json
                && options.format.is_none()
                && serde_json::from_str::<serde::de::IgnoredAny>(text).is_err()
                && sniff_format(text) == InputFormat::Jsonl
            {
                InputFormat::Jsonl
            } else {
                format
            };
            read_json_source(id, &bytes, &decoded, format, &notes, warnings)
        }
    }
}

/// The documents of a JSON or JSONL source. Each document's original bytes are the bytes
/// of its own value: the whole file for a file holding one document, the element of an
/// array, the line of a JSONL file; spans index into those. A document without text is
/// skipped with a warning that names it and says why.
fn read_json_source(
    id: &str,
    bytes: &[u8],
    decoded: &encoding::Decoded,
    format: InputFormat,
    notes: &[String],
    warnings: &mut Vec<Warning>,
) -> Vec<Ingested> {
    let src = decoded.text.as_str();
    // (value range in the decoded text, label) of each JSON value to read.
    let mut values: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    if format == InputFormat::Jsonl {
        let mut at = 0;
        for (no, line) in src.split_inclusive('\n').enumerate() {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let lead = line.len() - line.trim_start().len();
                values.push((
                    at + lead..at + lead + trimmed.len(),
                    format!("{id}:{}", no + 1),
                ));
            }
            at += line.len();
        }
    } else {
        values.push((0..src.len(), id.to_owned()));
    }
    let keyed = format == InputFormat::Jsonl;
    let mut out = Vec::new();
    for (range, label) in values {
        // The value's own bytes, decoded again so its text maps into them alone.
        let whole = range.start == 0 && range.end == src.len() && !keyed;
        let (original, text) = if whole {
            (bytes.to_vec(), decoded.text.clone())
        } else {
            let span = decoded.text.original_span(range.clone());
            let own = bytes[span.range()].to_vec();
            let text = encoding::decode_with(&own, decoded.encoding);
            (own, text)
        };
        let docs = match json::read_json(text.as_str()) {
            Ok(d) => d,
            Err(why) => {
                warnings.push(Warning::EmptyDocument {
                    doc: format!("{label} ({why})"),
                });
                continue;
            }
        };
        let several = docs.len() > 1;
        for (k, jd) in docs.into_iter().enumerate() {
            let label = if several {
                format!("{label}[{k}]")
            } else {
                label.clone()
            };
            let literal = match jd.literal {
                Ok(l) => l,
                Err(why) => {
                    warnings.push(Warning::EmptyDocument {
                        doc: format!("{label} ({why})"),
                    });
                    continue;
                }
            };
            let (original, base) = if several {
                // An array: the element's own bytes.
                let span = text.original_span(jd.range.clone());
                let own = original[span.range()].to_vec();
                let base = encoding::decode_with(&own, decoded.encoding);
                let shifted = literal.start - jd.range.start..literal.end - jd.range.start;
                (own, json::string_text(base, shifted))
            } else {
                (original.clone(), json::string_text(text.clone(), literal))
            };
            let doc_id = jd.id.unwrap_or_else(|| label.clone());
            let meta = DocumentMeta {
                id: doc_id,
                title: jd.title,
                url: jd.url,
                date: jd.date,
            };
            out.push(Ingested {
                doc: Document::from_parts(meta, original, base),
                format,
                encoding: decoded.encoding,
                main_content: None,
                notes: notes.to_vec(),
            });
        }
    }
    out
}

/// Reads every input into documents, in the order given (folders expand sorted),
/// detecting each file's format.
pub fn ingest_paths(inputs: &[Input], warnings: &mut Vec<Warning>) -> Result<Vec<Document>, Error> {
    Ok(read_inputs(inputs, &IngestOptions::default(), warnings)?
        .into_iter()
        .map(|i| i.doc)
        .collect())
}

/// Reads every input into documents with how each was read, in the order given.
pub fn read_inputs(
    inputs: &[Input],
    options: &IngestOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Ingested>, Error> {
    if inputs.is_empty() {
        return Err(Error::new(ErrorKind::NoInput));
    }
    let mut docs = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().read_to_end(&mut bytes).map_err(|source| {
                    Error::new(ErrorKind::Io {
                        path: PathBuf::from("-"),
                        source,
                    })
                })?;
                docs.extend(read_source("stdin", None, bytes, options, warnings));
            }
            Input::Path(path) => {
                for file in expand(path)? {
                    let bytes = std::fs::read(&file).map_err(|source| {
                        Error::new(ErrorKind::Io {
                            path: file.clone(),
                            source,
                        })
                    })?;
                    let id = file.display().to_string();
                    docs.extend(read_source(&id, Some(&file), bytes, options, warnings));
                }
            }
        }
    }
    Ok(docs)
}

/// The files a path stands for: itself, or every non-hidden file under a folder, sorted.
fn expand(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let meta = std::fs::metadata(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::new(ErrorKind::NotFound(path.to_owned()))
        } else {
            Error::new(ErrorKind::Io {
                path: path.to_owned(),
                source,
            })
        }
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let mut stack = vec![path.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| {
            Error::new(ErrorKind::Io {
                path: dir.clone(),
                source,
            })
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| {
                Error::new(ErrorKind::Io {
                    path: dir.clone(),
                    source,
                })
            })?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    if files.is_empty() {
        return Err(Error::new(ErrorKind::EmptyFolder(path.to_owned())));
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_from_extension_then_content() {
        let p = |s: &str| Some(Path::new(s).to_owned());
        assert_eq!(
            detect_format(p("a.HTM").as_deref(), "plain"),
            InputFormat::Html
        );
        assert_eq!(
            detect_format(p("a.markdown").as_deref(), ""),
            InputFormat::Markdown
        );
        assert_eq!(
            detect_format(None, "  <!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(
            detect_format(None, "<div><p>x</p></div>"),
            InputFormat::Html
        );
        assert_eq!(detect_format(None, "{\"text\": \"x\"}"), InputFormat::Json);
        assert_eq!(
            detect_format(None, "{\"text\": \"x\"}\n{\"text\": \"y\"}\n"),
            InputFormat::Jsonl
        );
        assert_eq!(
            detect_format(None, "# Title\n\nSome **bold** text.\n"),
            InputFormat::Markdown
        );
        assert_eq!(
            detect_format(None, "Just text. With [brackets]."),
            InputFormat::Txt
        );
        assert_eq!(
            detect_format(p("notes").as_deref(), "# A\n\n- item\n"),
            InputFormat::Markdown
        );
        // A .json file holding JSON Lines.
        let mut w = Vec::new();
        let docs = read_source(
            "x.json",
            Some(Path::new("x.json")),
            b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n".to_vec(),
            &IngestOptions::default(),
            &mut w,
        );
        assert_eq!(docs.len(), 2, "{w:?}");
        assert_eq!(docs[1].doc.text().as_str(), "Two.");
    }

    #[test]
    fn folder_expands_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "Second.").unwrap();
        std::fs::write(dir.path().join("a.txt"), "First.").unwrap();
        std::fs::write(dir.path().join(".hidden"), "No.").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.txt"), "Third.").unwrap();
        let mut w = Vec::new();
        let docs = ingest_paths(&[Input::Path(dir.path().to_owned())], &mut w).unwrap();
        let texts: Vec<&str> = docs.iter().map(|d| d.text().as_str()).collect();
        assert_eq!(texts, ["First.", "Second.", "Third."]);
        assert!(w.is_empty());
    }

    #[test]
    fn missing_path_and_empty_folder_are_named_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.txt");
        let err = ingest_paths(&[Input::Path(missing.clone())], &mut Vec::new()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::NotFound(p) if *p == missing));
        assert!(err.to_string().contains("nope.txt"));
        let err = ingest_paths(&[Input::Path(dir.path().to_owned())], &mut Vec::new()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::EmptyFolder(_)));
    }

    #[test]
    fn binary_is_skipped_latin1_transcoded_and_invalid_utf8_counted() {
        let mut w = Vec::new();
        assert!(ingest_bytes("junk.bin", vec![0x7f, b'E', b'L', b'F', 0, 1, 2], &mut w).is_none());
        assert_eq!(w.len(), 1);
        assert!(w[0].to_string().contains("junk.bin"));
        // Latin-1 bytes are recognized and transcoded, mapped back to the single bytes.
        let doc = ingest_bytes("latin1.txt", b"caf\xe9 au lait".to_vec(), &mut w).unwrap();
        assert_eq!(doc.text().as_str(), "café au lait");
        assert_eq!(
            doc.original_slice(doc.text().original_span(0..5)),
            b"caf\xe9"
        );
        // Mostly UTF-8 with a stray byte stays UTF-8, the bad byte replaced and counted.
        let doc = ingest_bytes(
            "stray.txt",
            b"Caf\xc3\xa9 cr\xc3\xa8me \xff.".to_vec(),
            &mut w,
        )
        .unwrap();
        assert_eq!(doc.text().as_str(), "Café crème \u{FFFD}.");
        assert_eq!(doc.invalid_utf8_sequences(), 1);
        assert_eq!(w.len(), 1);
    }
}
