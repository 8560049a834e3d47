//! JSON and JSON Lines documents: `{"text" | "content" | "body", "title"?, "id"?, "url"?,
//! "date"?}`, or a bare string; a `.json` file may also hold an array of them.
//!
//! `serde_json` checks the syntax and reads the metadata. The text field is then found
//! in the source by a small scanner that knows where each value starts and ends, and its
//! string literal is decoded with a map: plain runs are kept, each escape (`\n`,
//! `\u00e9`, a surrogate pair) replaces its source bytes. So spans of a JSON document
//! point into its original bytes: the element of an array, or the line of a JSONL file.

use std::ops::Range;

use epitome_core::{EditList, NormalizedText};
use serde_json::Value;

/// The fields that may hold a document's text, in order of preference.
pub const TEXT_FIELDS: &[&str] = &["text", "content", "body"];

/// One JSON document found in a source.
#[derive(Debug, Clone)]
pub struct JsonDoc {
    /// The byte range of the document's value in the source text.
    pub range: Range<usize>,
    /// The byte range (in the source text) of the string literal holding the text, or
    /// why there is none.
    pub literal: Result<Range<usize>, String>,
    /// `id`, `title`, `url` and `date`, when given as strings or numbers.
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Date.
    pub date: Option<String>,
}

/// Reads the documents of a JSON text: an object or a string is one document, an array
/// holds one per element. Fails on invalid JSON.
pub fn read_json(src: &str) -> Result<Vec<JsonDoc>, String> {
    let value: Value = serde_json::from_str(src).map_err(|e| format!("invalid JSON: {e}"))?;
    let start = skip_ws(src, 0);
    let end = skip_value(src, start).ok_or("invalid JSON")?;
    match value {
        Value::Array(items) => {
            let ranges = array_items(src, start..end).ok_or("invalid JSON")?;
            Ok(items
                .iter()
                .zip(ranges)
                .map(|(v, r)| document(src, v, r))
                .collect())
        }
        v => Ok(vec![document(src, &v, start..end)]),
    }
}

/// One document from its parsed value and the range of its source.
pub fn document(src: &str, value: &Value, range: Range<usize>) -> JsonDoc {
    let field = |name: &str| match value.get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let literal = match value {
        Value::String(_) => Ok(range.clone()),
        Value::Object(map) => {
            let fields = object_fields(src, range.clone()).unwrap_or_default();
            let found = TEXT_FIELDS.iter().find_map(|&name| {
                let v = map.get(name)?;
                Some((name, v))
            });
            match found {
                Some((name, Value::String(_))) => {
                    match fields.iter().rev().find(|(k, _)| k == name) {
                        Some((_, r)) => Ok(r.clone()),
                        None => Err(format!("cannot locate the `{name}` field")),
                    }
                }
                Some((name, _)) => Err(format!("`{name}` is not a string")),
                None => Err("no `text`, `content` or `body` field".to_owned()),
            }
        }
        _ => Err("expected an object with `text` or a string".to_owned()),
    };
    JsonDoc {
        range,
        literal,
        id: field("id"),
        title: field("title"),
        url: field("url"),
        date: field("date"),
    }
}

/// The decoded content of the string literal at `lit` (quotes included) of `src`, still
/// mapped to whatever `src` maps to.
pub fn string_text(mut src: NormalizedText, lit: Range<usize>) -> NormalizedText {
    let edits = string_edits(src.as_str(), lit);
    // The edits are ordered and on char boundaries by construction.
    let _ = src.apply("json", &edits);
    src
}

/// Edits reducing `src` to the decoded content of its string literal at `lit`.
pub fn string_edits(src: &str, lit: Range<usize>) -> EditList {
    let mut e = EditList::new();
    let b = src.as_bytes();
    let inner_start = (lit.start + 1).min(lit.end);
    let inner_end = lit.end.saturating_sub(1).max(inner_start);
    if inner_start > 0 {
        e.delete(0..inner_start);
    }
    let mut i = inner_start;
    while i < inner_end {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let (len, c) = match b.get(i + 1) {
            Some(b'"') => (2, Some('"')),
            Some(b'\\') => (2, Some('\\')),
            Some(b'/') => (2, Some('/')),
            Some(b'b') => (2, Some('\u{8}')),
            Some(b'f') => (2, Some('\u{c}')),
            Some(b'n') => (2, Some('\n')),
            Some(b'r') => (2, Some('\r')),
            Some(b't') => (2, Some('\t')),
            Some(b'u') => unicode_escape(src, i),
            _ => (1, None),
        };
        if let Some(c) = c {
            let mut buf = [0u8; 4];
            e.replace(
                i..(i + len).min(inner_end),
                c.encode_utf8(&mut buf).to_owned(),
            );
        }
        i += len;
    }
    if inner_end < src.len() {
        e.delete(inner_end..src.len());
    }
    e
}

/// `\uXXXX` at `i`, with a following low surrogate when `XXXX` is a high one.
fn unicode_escape(src: &str, i: usize) -> (usize, Option<char>) {
    let hex = |at: usize| {
        src.get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(u) = hex(i + 2) else {
        return (2, None);
    };
    if (0xD800..0xDC00).contains(&u) && src.get(i + 6..i + 8) == Some("\\u") {
        if let Some(v) = hex(i + 8).filter(|v| (0xDC00..0xE000).contains(v)) {
            let c = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
            return (12, char::from_u32(c));
        }
    }
    (6, Some(char::from_u32(u).unwrap_or('\u{FFFD}')))
}

fn skip_ws(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// One past the end of the JSON value starting at `i` (which must be valid JSON).
fn skip_value(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    match *b.get(i)? {
        b'"' => {
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    b'"' => return Some(j + 1),
                    _ => j += 1,
                }
            }
            None
        }
        open @ (b'{' | b'[') => {
            let close = if open == b'{' { b'}' } else { b']' };
            // Iterative bracket matching that skips strings (no recursion: deep input is fine).
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_value(s, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return (b[j] == close).then_some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let n = b[i..]
                .iter()
                .position(|c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(b.len() - i);
            Some(i + n)
        }
    }
}

/// The ranges of the elements of the array at `range`.
fn array_items(s: &str, range: Range<usize>) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut i = skip_ws(s, range.start + 1);
    let b = s.as_bytes();
    while i < range.end && b[i] != b']' {
        let end = skip_value(s, i)?;
        out.push(i..end);
        i = skip_ws(s, end);
        if b.get(i) == Some(&b',') {
            i = skip_ws(s, i + 1);
        }
    }
    Some(out)
}

/// The (decoded key, value range) pairs of the object at `range`.
fn object_fields(s: &str, range: Range<usize>) -> Option<Vec<(String, Range<usize>)>> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = skip_ws(s, range.start + 1);
    while i < range.end && b[i] != b'}' {
        let key_end = skip_value(s, i)?;
        let key: String = serde_json::from_str(&s[i..key_end]).ok()?;
        i = skip_ws(s, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(s, i + 1);
        let end = skip_value(s, i)?;
        out.push((key, i..end));
        i = skip_ws(s, end);
        if b.get(i) == Some(&b',') {
            i = skip_ws(s, i + 1);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_field_is_decoded_and_maps_into_the_source() {
        let src = r#"{"id": 7, "title": "Flood", "text": "The river\nrose \"fast\" \u00e9t\u00e9 \ud83d\ude00.", "date": "2024-04-09"}"#;
        let docs = read_json(src).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        let t = string_text(
            NormalizedText::from_original(src),
            d.literal.clone().unwrap(),
        );
        assert_eq!(t.as_str(), "The river\nrose \"fast\" été 😀.");
        assert_eq!(d.id.as_deref(), Some("7"));
        assert_eq!(d.title.as_deref(), Some("Flood"));
        let i = t.as_str().find("rose").unwrap();
        assert_eq!(&src[t.original_span(i..i + 11).range()], r#"rose \"fast\""#);
        let j = t.as_str().find('😀').unwrap();
        assert_eq!(&src[t.original_span(j..j + 4).range()], r"\ud83d\ude00");
    }

    #[test]
    fn arrays_fields_and_problems() {
        let src = r#"[ "bare text", {"content": "from content"}, {"body": "b", "text": "t wins"}, {"title": "none"}, {"text": 3}, 5 ]"#;
        let docs = read_json(src).unwrap();
        let texts: Vec<Result<String, String>> = docs
            .iter()
            .map(|d| {
                d.literal.clone().map(|l| {
                    string_text(NormalizedText::from_original(src), l)
                        .as_str()
                        .to_owned()
                })
            })
            .collect();
        assert_eq!(texts[0].as_deref(), Ok("bare text"));
        assert_eq!(texts[1].as_deref(), Ok("from content"));
        assert_eq!(texts[2].as_deref(), Ok("t wins"));
        assert!(texts[3].as_ref().unwrap_err().contains("no `text`"));
        assert!(texts[4].as_ref().unwrap_err().contains("not a string"));
        assert!(texts[5].is_err());
        assert_eq!(
            &src[docs[1].range.clone()],
            r#"{"content": "from content"}"#
        );
        assert!(read_json("{\"text\": ").is_err());
    }

    #[test]
    fn deep_nesting_is_no_problem() {
        let src = format!(
            "{{\"x\": {}1{}, \"text\": \"ok\"}}",
            "[".repeat(100),
            "]".repeat(100)
        );
        let docs = read_json(&src).unwrap();
        let t = string_text(
            NormalizedText::from_original(&src),
            docs[0].literal.clone().unwrap(),
        );
        assert_eq!(t.as_str(), "ok");
    }
}
