//! Reading gold references and predictions from JSONL, keeping every problem as an
//! [`Issue`] instead of stopping.
//!
//! - Gold lines: `{"id", "references": [str, …], …}` (the ../shared/data schema; other
//!   fields are ignored).
//! - Prediction lines: epitome's batch output (`{"id", "summary", "sentences", …}` or
//!   `{"id", "error"}`), `{"id", "summary"}`, or a published-systems line
//!   `{"id", "systems": {name: summary}}` (or `"system_outputs"`, as in the CNN/DM file)
//!   read for one system.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// Which input an issue concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The gold (reference) file.
    Gold,
    /// The predictions file.
    Pred,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Gold => "gold",
            Side::Pred => "pred",
        })
    }
}

/// What is wrong with one input line or id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum IssueKind {
    /// The line is not valid UTF-8; it was decoded with replacement characters.
    InvalidUtf8,
    /// The line is not JSON (the parser's message).
    MalformedJson(String),
    /// The line is JSON but not an object.
    NotAnObject,
    /// The object has no usable `id` (a string or a number).
    MissingId,
    /// The id was seen before in the same file; the later line is ignored.
    DuplicateId,
    /// A gold line without a list of reference strings.
    NoReferences,
    /// A prediction line without a `summary` string (nor the asked-for system).
    NoSummary,
    /// A prediction line that reports a failure (`{"id", "error"}`).
    PredictionFailed(String),
    /// A prediction whose summary is empty or blank (scored: it gets 0).
    EmptySummary,
    /// A prediction for an id the gold file does not have.
    NotInGold,
    /// A gold topic without a prediction.
    NotPredicted,
}

impl IssueKind {
    /// A short description of the kind, for grouped reports.
    pub fn label(&self) -> &'static str {
        match self {
            IssueKind::InvalidUtf8 => "not valid UTF-8 (decoded lossily)",
            IssueKind::MalformedJson(_) => "not valid JSON (skipped)",
            IssueKind::NotAnObject => "not a JSON object (skipped)",
            IssueKind::MissingId => "without an id (skipped)",
            IssueKind::DuplicateId => "with a duplicate id (later ones skipped)",
            IssueKind::NoReferences => "without references (topic not scored)",
            IssueKind::NoSummary => "without a summary (skipped)",
            IssueKind::PredictionFailed(_) => "failed predictions (topic not scored)",
            IssueKind::EmptySummary => "with an empty summary (scored as 0)",
            IssueKind::NotInGold => "predictions for ids not in gold (ignored)",
            IssueKind::NotPredicted => "gold topics without a prediction (not scored)",
        }
    }
}

/// One problem found in the input; scoring goes on without (or despite) that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Which file.
    pub side: Side,
    /// The 1-based line number, when the problem is a line's.
    pub line: Option<usize>,
    /// The id concerned, when known.
    pub id: Option<String>,
    /// What is wrong.
    pub kind: IssueKind,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.side)?;
        if let Some(l) = self.line {
            write!(f, " line {l}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.kind.label())?;
        match &self.kind {
            IssueKind::MalformedJson(m) | IssueKind::PredictionFailed(m) => write!(f, ": {m}"),
            _ => Ok(()),
        }
    }
}

/// One gold topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTopic {
    /// The topic id.
    pub id: String,
    /// The reference summaries.
    pub references: Vec<String>,
}

/// One prediction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    /// The topic id.
    pub id: String,
    /// The summary text (sentences on separate lines, for ROUGE-Lsum).
    pub summary: String,
}

/// The usable records of a file, in file order, and what was wrong with the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded<T> {
    /// The records.
    pub records: Vec<T>,
    /// The problems.
    pub issues: Vec<Issue>,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded {
            records: Vec::new(),
            issues: Vec::new(),
        }
    }
}

/// The non-blank lines of `bytes`, 1-based, decoded (lossily when they are not UTF-8).
fn lines(bytes: &[u8], side: Side, issues: &mut Vec<Issue>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t.to_string(),
            Err(_) => {
                issues.push(Issue {
                    side,
                    line: Some(i + 1),
                    id: None,
                    kind: IssueKind::InvalidUtf8,
                });
                String::from_utf8_lossy(raw).into_owned()
            }
        };
        out.push((i + 1, text));
    }
    out
}

/// Parses a line as a JSON object with an id, or records why not.
fn object_with_id(
    line: usize,
    text: &str,
    side: Side,
    issues: &mut Vec<Issue>,
) -> Option<(String, serde_json::Map<String, Value>)> {
    let issue = |kind| Issue {
        side,
        line: Some(line),
        id: None,
        kind,
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            issues.push(issue(IssueKind::MalformedJson(e.to_string())));
            return None;
        }
    };
    let Value::Object(map) = value else {
        issues.push(issue(IssueKind::NotAnObject));
        return None;
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            issues.push(issue(IssueKind::MissingId));
            return None;
        }
    };
    Some((id, map))
}

fn read_all(path: &Path) -> Result<Vec<u8>, Error> {
    let io = |source| {
        Error::from(ErrorKind::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(io)?;
    }
    Ok(bytes)
}

/// Reads gold topics from JSONL bytes.
pub fn parse_gold(bytes: &[u8]) -> Loaded<GoldTopic> {
    let mut out = Loaded::default();
    let mut seen = std::collections::HashSet::new();
    for (line, text) in lines(bytes, Side::Gold, &mut out.issues) {
        let Some((id, map)) = object_with_id(line, &text, Side::Gold, &mut out.issues) else {
            continue;
        };
        let issue = |kind| Issue {
            side: Side::Gold,
            line: Some(line),
            id: Some(id.clone()),
            kind,
        };
        if !seen.insert(id.clone()) {
            out.issues.push(issue(IssueKind::DuplicateId));
            continue;
        }
        let references: Option<Vec<String>> = match map.get("references") {
            Some(Value::Array(a)) => a.iter().map(|v| v.as_str().map(str::to_string)).collect(),
            Some(Value::String(s)) => Some(vec![s.clone()]),
            _ => None,
        };
        match references {
            Some(r) if !r.is_empty() => out.records.push(GoldTopic { id, references: r }),
            _ => out.issues.push(issue(IssueKind::NoReferences)),
        }
    }
    out
}

/// Reads predictions from JSONL bytes; with `system`, reads that system's summary from
/// published-systems lines (`{"id", "systems": {name: summary}}`, or `"system_outputs"`).
pub fn parse_predictions(bytes: &[u8], system: Option<&str>) -> Loaded<Prediction> {
    let mut out = Loaded::default();
    let mut seen = std::collections::HashSet::new();
    for (line, text) in lines(bytes, Side::Pred, &mut out.issues) {
        let Some((id, map)) = object_with_id(line, &text, Side::Pred, &mut out.issues) else {
            continue;
        };
        let issue = |kind| Issue {
            side: Side::Pred,
            line: Some(line),
            id: Some(id.clone()),
            kind,
        };
        if !seen.insert(id.clone()) {
            out.issues.push(issue(IssueKind::DuplicateId));
            continue;
        }
        let summary = match system {
            Some(name) => ["systems", "system_outputs"]
                .iter()
                .find_map(|k| map.get(*k).and_then(|s| s.get(name)))
                .and_then(Value::as_str),
            None => map.get("summary").and_then(Value::as_str),
        };
        match summary {
            Some(s) => {
                if s.trim().is_empty() {
                    out.issues.push(issue(IssueKind::EmptySummary));
                }
                out.records.push(Prediction {
                    id,
                    summary: s.to_string(),
                });
            }
            None => match map.get("error") {
                Some(e) => {
                    let msg = e.as_str().map_or_else(|| e.to_string(), str::to_string);
                    out.issues.push(issue(IssueKind::PredictionFailed(msg)));
                }
                None => out.issues.push(issue(IssueKind::NoSummary)),
            },
        }
    }
    out
}

/// Reads a gold JSONL file (`-` for stdin).
pub fn read_gold(path: impl AsRef<Path>) -> Result<Loaded<GoldTopic>, Error> {
    Ok(parse_gold(&read_all(path.as_ref())?))
}

/// Reads a predictions JSONL file (`-` for stdin); see [`parse_predictions`].
pub fn read_predictions(
    path: impl AsRef<Path>,
    system: Option<&str>,
) -> Result<Loaded<Prediction>, Error> {
    Ok(parse_predictions(&read_all(path.as_ref())?, system))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_and_their_problems() {
        let bytes = b"{\"id\":\"a\",\"references\":[\"x y\"]}\n\n{bad\n[1]\n{\"references\":[]}\n\
{\"id\":\"a\",\"references\":[\"z\"]}\n{\"id\":\"b\",\"references\":[]}\n{\"id\":7,\"references\":[\"q\"]}\n";
        let g = parse_gold(bytes);
        assert_eq!(g.records.len(), 2);
        assert_eq!(g.records[1].id, "7");
        let kinds: Vec<_> = g.issues.iter().map(|i| (i.line, i.kind.label())).collect();
        assert_eq!(
            kinds,
            vec![
                (Some(3), IssueKind::MalformedJson(String::new()).label()),
                (Some(4), IssueKind::NotAnObject.label()),
                (Some(5), IssueKind::MissingId.label()),
                (Some(6), IssueKind::DuplicateId.label()),
                (Some(7), IssueKind::NoReferences.label()),
            ]
        );
    }

    #[test]
    fn prediction_shapes() {
        let bytes = "{\"id\":\"a\",\"summary\":\"s1\",\"sentences\":[]}\n{\"id\":\"b\",\"error\":\"boom\"}\n\
{\"id\":\"c\",\"summary\":\"  \"}\n{\"id\":\"d\"}\n"
            .as_bytes();
        let p = parse_predictions(bytes, None);
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.issues.len(), 3);
        assert_eq!(
            p.issues[0].kind,
            IssueKind::PredictionFailed("boom".to_string())
        );
        let sys = parse_predictions(b"{\"id\":\"a\",\"systems\":{\"X\":\"hi\"}}", Some("X"));
        assert_eq!(sys.records[0].summary, "hi");
    }

    #[test]
    fn invalid_utf8_is_decoded_and_reported() {
        let p = parse_predictions(b"{\"id\":\"a\",\"summary\":\"caf\xe9\"}\n", None);
        assert_eq!(p.records[0].summary, "caf\u{fffd}");
        assert_eq!(p.issues[0].kind, IssueKind::InvalidUtf8);
    }
}
