//! Clusters and documents as they arrive in JSON (batch lines, HTTP bodies).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use epitome_core::{Document, DocumentMeta};
use epitome_text::{IngestOptions, InputFormat};

/// One document given inline: a bare string, or an object with `text` and metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    /// Identifier; defaults to the document's position (`"0"`, `"1"`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The text.
    pub text: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Source URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What `text` holds: `txt` (the default), `md`, `html` (a page whose main article is
    /// extracted), `json` or `jsonl` (a document object, whose `text` is taken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<InputFormat>,
}

impl DocumentInput {
    /// A document with only text.
    pub fn from_text(text: impl Into<String>) -> Self {
        DocumentInput {
            id: None,
            text: text.into(),
            title: None,
            url: None,
            date: None,
            format: None,
        }
    }

    /// The document, numbered `index` when it has no id, read with default options (see
    /// [`DocumentInput::read`]); a document with nothing readable comes back empty, and the
    /// summarizer skips it with a warning.
    pub fn into_document(self, index: usize) -> Document {
        self.into_document_with(index, &IngestOptions::default())
    }

    /// Like [`DocumentInput::into_document`], honouring `options` (`keep_code`, and the
    /// format when the input names none).
    pub fn into_document_with(self, index: usize, options: &IngestOptions) -> Document {
        let meta = self.meta(index);
        self.read(index, options)
            .unwrap_or_else(|| Document::from_text(meta, String::new()))
    }

    /// The one way an inline document becomes a [`Document`], for batch lines, HTTP bodies
    /// and Python alike. Its original bytes are the text's UTF-8 bytes, so spans index into
    /// the decoded JSON string. Markup formats (this input's `format`, else
    /// `options.format`) are read as files of that format are, honouring
    /// `options.keep_code`; metadata given here wins over metadata found in the markup.
    /// `None` when the markup holds no readable text (a JSON document without `text`).
    pub fn read(self, index: usize, options: &IngestOptions) -> Option<Document> {
        let meta = self.meta(index);
        let format = match self.format.or(options.format) {
            None | Some(InputFormat::Txt) => return Some(Document::from_text(meta, self.text)),
            Some(f) => f,
        };
        let options = IngestOptions {
            format: Some(format),
            ..*options
        };
        let read = epitome_text::read_source(
            &meta.id,
            None,
            self.text.into_bytes(),
            &options,
            &mut Vec::new(),
        );
        read.into_iter().next().map(|i| {
            let mut doc = i.doc;
            let found = doc.meta().clone();
            *doc.meta_mut() = DocumentMeta {
                id: meta.id,
                title: meta.title.or(found.title),
                url: meta.url.or(found.url),
                date: meta.date.or(found.date),
            };
            doc
        })
    }

    fn meta(&self, index: usize) -> DocumentMeta {
        DocumentMeta {
            id: self.id.clone().unwrap_or_else(|| index.to_string()),
            title: self.title.clone(),
            url: self.url.clone(),
            date: self.date.clone(),
        }
    }

    fn from_json(value: &Value, index: usize) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(DocumentInput::from_text(s.clone())),
            Value::Object(map) => {
                let text = match map.get("text") {
                    Some(Value::String(s)) => s.clone(),
                    Some(_) => return Err(format!("document {index}: `text` is not a string")),
                    None => return Err(format!("document {index}: no `text` field")),
                };
                let field = |name: &str| -> Result<Option<String>, String> {
                    match map.get(name) {
                        None | Some(Value::Null) => Ok(None),
                        Some(Value::String(s)) => Ok(Some(s.clone())),
                        Some(Value::Number(n)) => Ok(Some(n.to_string())),
                        Some(_) => Err(format!("document {index}: `{name}` is not a string")),
                    }
                };
                let format = match field("format")? {
                    None => None,
                    Some(f) => Some(
                        f.parse::<InputFormat>()
                            .map_err(|e| format!("document {index}: {e}"))?,
                    ),
                };
                Ok(DocumentInput {
                    id: field("id")?,
                    text,
                    title: field("title")?,
                    url: field("url")?,
                    date: field("date")?,
                    format,
                })
            }
            _ => Err(format!(
                "document {index}: expected a string or an object with `text`"
            )),
        }
    }
}

/// One cluster to summarize: the batch input schema of DESIGN.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterInput {
    /// The cluster's id.
    pub id: String,
    /// Its documents.
    pub documents: Vec<DocumentInput>,
    /// An optional query.
    pub query: Option<String>,
}

impl ClusterInput {
    /// Reads a cluster from a parsed JSON line. Extra fields (such as `references`) are
    /// ignored. The error says what is wrong; the id, when one could be read, comes with it.
    pub fn from_json(value: &Value) -> Result<Self, (Option<String>, String)> {
        let Value::Object(map) = value else {
            return Err((None, "expected a JSON object".to_owned()));
        };
        let id = match map.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => return Err((None, "`id` is not a string".to_owned())),
            None => return Err((None, "no `id` field".to_owned())),
        };
        let fail = |why: String| Err((Some(id.clone()), why));
        let documents = match map.get("documents") {
            Some(Value::Array(items)) if !items.is_empty() => items,
            Some(Value::Array(_)) => return fail("no documents".to_owned()),
            Some(_) => return fail("`documents` is not an array".to_owned()),
            None => return fail("no `documents` field".to_owned()),
        };
        let documents = match documents
            .iter()
            .enumerate()
            .map(|(i, d)| DocumentInput::from_json(d, i))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(d) => d,
            Err(why) => return fail(why),
        };
        let query = match map.get("query") {
            None | Some(Value::Null) => None,
            Some(Value::String(q)) => Some(q.clone()),
            Some(_) => return fail("`query` is not a string".to_owned()),
        };
        Ok(ClusterInput {
            id,
            documents,
            query,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_objects_and_reports_problems() {
        let v: Value = serde_json::from_str(
            r#"{"id": "c1", "documents": ["A text.", {"id": "x", "text": "B.", "date": "2024-04-09"}], "references": ["r"]}"#,
        )
        .unwrap();
        let c = ClusterInput::from_json(&v).unwrap();
        assert_eq!(c.id, "c1");
        assert_eq!(c.documents[1].id.as_deref(), Some("x"));
        assert_eq!(c.documents[0].clone().into_document(0).id(), "0");

        let bad = |s: &str| ClusterInput::from_json(&serde_json::from_str(s).unwrap()).unwrap_err();
        assert_eq!(
            bad(r#"{"id": "c", "documents": []}"#),
            (Some("c".into()), "no documents".into())
        );
        assert_eq!(bad(r#"{"documents": ["x"]}"#).0, None);
        assert!(bad(r#"{"id": "c", "documents": [{"title": "t"}]}"#)
            .1
            .contains("no `text`"));
        assert!(bad(r#"[1, 2]"#).1.contains("object"));
        assert!(
            bad(r#"{"id": "c", "documents": [{"text": "t", "format": "pdf"}]}"#)
                .1
                .contains("unknown input format")
        );
    }

    #[test]
    fn markup_documents_are_read_as_their_format() {
        let v: Value = serde_json::from_str(
            r##"{"id": "c", "documents": [{"id": "p", "format": "html", "text": "<html><head><title>T</title></head><body><p>The levee held &amp; the river fell.</p></body></html>"}, {"format": "md", "text": "# Head\n\nSome *text* here."}]}"##,
        )
        .unwrap();
        let c = ClusterInput::from_json(&v).unwrap();
        let mut docs = c
            .documents
            .into_iter()
            .enumerate()
            .map(|(i, d)| d.into_document(i));
        let html = docs.next().unwrap();
        assert_eq!(
            html.text().as_str().trim(),
            "The levee held & the river fell."
        );
        assert_eq!(html.meta().title.as_deref(), Some("T"));
        assert_eq!(html.id(), "p");
        let span = html.text().original_span(0..html.text().as_str().len());
        let orig = std::str::from_utf8(html.original_slice(span)).unwrap();
        assert!(orig.contains("held &amp; the"));
        let md = docs.next().unwrap();
        assert_eq!(md.text().as_str(), "Head\n\nSome text here.");
        assert_eq!(md.id(), "1");
    }

    #[test]
    fn ingest_options_reach_inline_documents() {
        let md = || DocumentInput {
            format: Some(InputFormat::Markdown),
            ..DocumentInput::from_text("Run the pump.\n\n```\nlet water = 3;\n```\n")
        };
        let dropped = md().into_document_with(0, &IngestOptions::default());
        assert!(!dropped.text().as_str().contains("water"));
        let keep = IngestOptions {
            keep_code: true,
            ..IngestOptions::default()
        };
        let kept = md().into_document_with(0, &keep);
        assert!(kept.text().as_str().contains("let water = 3;"));
        // The options' format applies when the input names none.
        let html = IngestOptions {
            format: Some(InputFormat::Html),
            ..IngestOptions::default()
        };
        let doc = DocumentInput::from_text("<p>The gate &amp; the weir.</p>")
            .into_document_with(0, &html);
        assert_eq!(doc.text().as_str().trim(), "The gate & the weir.");
        // Nothing readable: `read` says so, `into_document` gives an empty document.
        let empty = || DocumentInput {
            format: Some(InputFormat::Json),
            ..DocumentInput::from_text(r#"{"title": "no text"}"#)
        };
        assert!(empty().read(3, &IngestOptions::default()).is_none());
        assert_eq!(empty().into_document(3).text().as_str(), "");
    }
}
