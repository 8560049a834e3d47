//! The sentences the summarizer sees, for looking at and for evaluation
//! (`epitome sentences`).
//!
//! [`Summarizer::sentences`] reads a cluster exactly as [`Summarizer::summarize`] does —
//! normalize, drop documents without text, segment, cut unpunctuated text where the
//! documents stop sharing words — through the same function, so every summary sentence is
//! one of the sentences listed here, with the same spans.

use serde::Serialize;
use serde_json::Value;

use epitome_core::{Document, DocumentMeta, Warning};
use epitome_text::{is_lowercased, IngestOptions, InputFormat};

use crate::config::Truecase;
use crate::error::Error;
use crate::render::ErrorRecord;
use crate::summarizer::{shown, Segmented, Summarizer};

/// One sentence of a document: its text as shown and where it lies in the original bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceSpan {
    /// The sentence as a summary would show it: normalized, hard-wrapped lines joined,
    /// and truecased when its source is lowercased and truecasing is on.
    pub text: String,
    /// First byte in the document's original input.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The sentences of one document, in order (`{"doc", "sentences": [{"text", "start",
/// "end"}]}` as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSentences {
    /// The document's id.
    pub doc: String,
    /// Its sentences; empty for a document without text.
    pub sentences: Vec<SentenceSpan>,
}

impl DocumentSentences {
    /// This document as one JSON line.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("sentence lists always serialize")
    }
}

/// A cluster cut into sentences: every input document, in input order, and what the user
/// should hear about (lossy decoding, documents without text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterSentences {
    /// One entry per input document, in input order.
    pub documents: Vec<DocumentSentences>,
    /// Warnings, in input order.
    pub warnings: Vec<Warning>,
}

/// A JSONL input line that could not be processed; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line's number (from 1).
    pub line: usize,
    /// The line's id, when one could be read.
    pub id: Option<String>,
    /// What is wrong with it.
    pub why: String,
}

impl LineError {
    /// The output line that stands for the input line: `{"id"?, "error": "line N: …"}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&ErrorRecord {
            id: self.id.as_deref(),
            error: &format!("line {}: {}", self.line, self.why),
        })
        .expect("error records always serialize")
    }
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.id {
            Some(id) => write!(f, "line {} ({id}): {}", self.line, self.why),
            None => write!(f, "line {}: {}", self.line, self.why),
        }
    }
}

impl std::error::Error for LineError {}

impl Summarizer {
    /// The sentences of a cluster, as the summarizer cuts them.
    ///
    /// The documents are one cluster: a lowercased, unpunctuated document is cut where it
    /// stops sharing words with the others, as in [`Summarizer::summarize`]. Every document
    /// appears in the result, one without text with no sentences (and a warning). Fails
    /// only when a normalizer does.
    pub fn sentences(&self, docs: Vec<Document>) -> Result<ClusterSentences, Error> {
        let Segmented {
            docs,
            segments,
            warnings,
        } = self.segment_cluster(docs)?;
        let mut documents: Vec<DocumentSentences> = docs
            .iter()
            .zip(&segments)
            .map(|((doc, _), ranges)| {
                let text = doc.text();
                DocumentSentences {
                    doc: doc.id().to_owned(),
                    sentences: ranges
                        .iter()
                        .flatten()
                        .map(|r| {
                            let span = text.original_span(r.clone());
                            SentenceSpan {
                                text: shown(&text.as_str()[r.clone()]),
                                start: span.start,
                                end: span.end,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let sentences = || documents.iter().flat_map(|d| &d.sentences);
        if self.config().truecase == Truecase::Auto && sentences().any(|s| is_lowercased(&s.text)) {
            let model = self.learn_case_model(sentences().map(|s| s.text.as_str()));
            for s in documents.iter_mut().flat_map(|d| &mut d.sentences) {
                s.text = model.truecase(&s.text);
            }
        }
        Ok(ClusterSentences {
            documents,
            warnings,
        })
    }

    /// Cuts one `{"id", "text", "format"?}` JSONL line into `{"id", "sentences": [str]}`
    /// (for evaluation against gold sentences). The line is one document, read as
    /// `format` (the line's own, else `default_format`, else plain text). A line that is
    /// not UTF-8, not JSON, or lacks `id` or `text` gives a [`LineError`], which becomes
    /// an `{"id"?, "error"}` output line as in [`crate::batch`].
    pub fn sentences_jsonl_line(
        &self,
        line: &[u8],
        line_no: usize,
        default_format: Option<InputFormat>,
    ) -> Result<String, LineError> {
        let fail = |id: Option<&str>, why: String| LineError {
            line: line_no,
            id: id.map(str::to_owned),
            why,
        };
        let line = std::str::from_utf8(line).map_err(|e| fail(None, format!("not UTF-8 ({e})")))?;
        let value: Value =
            serde_json::from_str(line).map_err(|e| fail(None, format!("malformed JSON: {e}")))?;
        let Value::Object(map) = &value else {
            return Err(fail(None, "expected a JSON object".to_owned()));
        };
        let id = match map.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => return Err(fail(None, "`id` is not a string".to_owned())),
            None => return Err(fail(None, "no `id` field".to_owned())),
        };
        let text = match map.get("text") {
            Some(Value::String(t)) => t.clone(),
            Some(_) => return Err(fail(Some(&id), "`text` is not a string".to_owned())),
            None => return Err(fail(Some(&id), "no `text` field".to_owned())),
        };
        let format = match map.get("format") {
            None | Some(Value::Null) => default_format,
            Some(Value::String(f)) => {
                Some(f.parse::<InputFormat>().map_err(|e| fail(Some(&id), e))?)
            }
            Some(_) => return Err(fail(Some(&id), "`format` is not a string".to_owned())),
        };
        let doc = self.read_text(&id, text, format);
        let cut = self
            .sentences(vec![doc])
            .map_err(|e| fail(Some(&id), e.to_string()))?;
        #[derive(Serialize)]
        struct Record<'a> {
            id: &'a str,
            sentences: Vec<&'a str>,
        }
        let sentences = cut
            .documents
            .iter()
            .flat_map(|d| &d.sentences)
            .map(|s| s.text.as_str())
            .collect();
        Ok(serde_json::to_string(&Record { id: &id, sentences })
            .expect("sentence records always serialize"))
    }

    /// A text given inline, read as `format` (plain text when `None`), as a document.
    fn read_text(&self, id: &str, text: String, format: Option<InputFormat>) -> Document {
        let meta = DocumentMeta {
            id: id.to_owned(),
            ..DocumentMeta::default()
        };
        let format = match format {
            None | Some(InputFormat::Txt) => return Document::from_text(meta, text),
            Some(f) => f,
        };
        let options = IngestOptions {
            format: Some(format),
            keep_code: self.config().normalize.keep_code,
        };
        let read =
            epitome_text::read_source(id, None, text.into_bytes(), &options, &mut Vec::new());
        match read.into_iter().next() {
            Some(i) => {
                let mut doc = i.doc;
                doc.meta_mut().id = id.to_owned();
                doc
            }
            None => Document::from_text(meta, String::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Budget, Config, DocumentInput};

    fn docs(texts: &[&str]) -> Vec<Document> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| DocumentInput::from_text(*t).into_document(i))
            .collect()
    }

    const CLUSTER: [&str; 3] = [
        "The Calder River crested at twenty one feet on Tuesday night. The Mill Road levee \
         held while crews watched it until dawn. County officials said about twelve hundred \
         residents had left their homes.\n\nVolunteers filled sandbags at the grange hall.",
        "the calder river crested at twenty one feet on tuesday night the mill road levee held \
         while crews watched it until dawn volunteers filled sandbags at the grange hall through \
         the night and the school gym stayed open as a shelter for families",
        "Crews watched the Mill Road levee until dawn. It held. The mayor said roads would \
         reopen once engineers had checked the bridges.",
    ];

    #[test]
    fn every_summary_sentence_is_one_of_the_sentences() {
        for truecase in [Truecase::Auto, Truecase::Off] {
            let config = Config {
                budget: Budget::Words(200),
                truecase,
                ..Config::default()
            };
            let s = Summarizer::new(&config).unwrap();
            let summary = s.summarize(docs(&CLUSTER)).unwrap();
            let cut = s.sentences(docs(&CLUSTER)).unwrap();
            assert!(!summary.sentences.is_empty());
            for sentence in &summary.sentences {
                for src in &sentence.sources {
                    let d = cut.documents.iter().find(|d| d.doc == src.doc).unwrap();
                    assert!(
                        d.sentences
                            .iter()
                            .any(|x| x.start == src.start && x.end == src.end),
                        "{src:?} is not a sentence of {}",
                        d.doc
                    );
                }
                // The shown text is the same as well (for the copy shown).
                assert!(cut
                    .documents
                    .iter()
                    .flat_map(|d| &d.sentences)
                    .any(|x| x.text == sentence.text));
            }
        }
    }

    /// The same check on the messy seeds (lowercased, unpunctuated, aligned across
    /// documents), with every algorithm; skipped when `../shared/seeds` is absent.
    #[test]
    fn sentences_agree_with_summaries_of_the_seeds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        if !dir.exists() {
            eprintln!(
                "skipping: {} not found (../shared is absent)",
                dir.display()
            );
            return;
        }
        let read = || crate::ingest(&[crate::Input::Path(dir.clone())], &mut Vec::new()).unwrap();
        for algorithm in [
            "lead",
            "lexrank",
            "textrank",
            "centroid",
            "mmr",
            "ilp",
            "submodular",
        ] {
            let config = Config {
                budget: Budget::Words(400),
                algorithm: algorithm.parse().unwrap(),
                ..Config::default()
            };
            let s = Summarizer::new(&config).unwrap();
            let summary = s.summarize(read()).unwrap();
            let cut = s.sentences(read()).unwrap();
            for src in summary.sentences.iter().flat_map(|x| &x.sources) {
                let d = cut.documents.iter().find(|d| d.doc == src.doc).unwrap();
                assert!(
                    d.sentences
                        .iter()
                        .any(|x| x.start == src.start && x.end == src.end),
                    "{algorithm}: {src:?} is not a sentence of {}",
                    d.doc
                );
            }
        }
    }

    #[test]
    fn spans_slice_the_original_and_empty_documents_stay() {
        let s = Summarizer::new(&Config::default()).unwrap();
        let cut = s
            .sentences(docs(&[
                "One line\nwrapped here. Two.",
                "  ...  ",
                CLUSTER[1],
                CLUSTER[0],
            ]))
            .unwrap();
        assert_eq!(cut.documents.len(), 4);
        let first = &cut.documents[0].sentences;
        assert_eq!(first[0].text, "One line wrapped here.");
        assert_eq!((first[0].start, first[0].end), (0, 22));
        assert!(cut.documents[1].sentences.is_empty());
        assert_eq!(
            cut.warnings,
            vec![Warning::EmptyDocument { doc: "1".into() }]
        );
        // The lowercased document is cut and truecased.
        let third = &cut.documents[2].sentences;
        assert!(third.len() > 1);
        assert!(third[0]
            .text
            .starts_with("The Calder River crested at twenty one feet on Tuesday night"));
    }

    #[test]
    fn jsonl_lines_map_to_sentences_or_errors() {
        let s = Summarizer::new(&Config::default()).unwrap();
        let line = |l: &[u8], no| s.sentences_jsonl_line(l, no, None);
        let ok = line(br#"{"id": "a", "text": "One. Two."}"#, 1).unwrap();
        assert_eq!(ok, r#"{"id":"a","sentences":["One.","Two."]}"#);
        let bad = line(b"{oops", 7).unwrap_err();
        assert!(
            bad.to_string().starts_with("line 7: malformed JSON"),
            "{bad}"
        );
        assert!(bad
            .to_json()
            .starts_with(r#"{"id":null,"error":"line 7: malformed JSON"#));
        let bad = line(br#"{"id": "b", "txt": "x"}"#, 2).unwrap_err();
        assert_eq!(bad.to_string(), "line 2 (b): no `text` field");
        assert_eq!(
            bad.to_json(),
            r#"{"id":"b","error":"line 2: no `text` field"}"#
        );
        let bad = line(b"{\"id\": \"c\", \"text\": \"\xff\"}", 4).unwrap_err();
        assert!(bad.why.starts_with("not UTF-8"), "{bad}");
        let md = line(
            br##"{"id": 3, "format": "md", "text": "# Title\n\nSome *text* here."}"##,
            3,
        )
        .unwrap();
        assert_eq!(md, r#"{"id":"3","sentences":["Title","Some text here."]}"#);
        let empty = line(br#"{"id": "e", "text": ""}"#, 5).unwrap();
        assert_eq!(empty, r#"{"id":"e","sentences":[]}"#);
    }
}
