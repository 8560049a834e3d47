//! Clusters and documents as they arrive in JSON (batch lines, HTTP bodies).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use epitome_core::{Document, DocumentMeta};

/// One document given inline: a bare string, or an object with `text` and metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        }
    }

    /// The document, numbered `index` when it has no id. Its original bytes are the text's
    /// UTF-8 bytes, so spans index into the decoded JSON string.
    pub fn into_document(self, index: usize) -> Document {
        let meta = DocumentMeta {
            id: self.id.unwrap_or_else(|| index.to_string()),
            title: self.title,
            url: self.url,
            date: self.date,
        };
        Document::from_text(meta, self.text)
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
                Ok(DocumentInput {
                    id: field("id")?,
                    text,
                    title: field("title")?,
                    url: field("url")?,
                    date: field("date")?,
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
    }
}
