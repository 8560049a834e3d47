//! Rendering a summary for people (text, Markdown) and programs (JSON).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use epitome_core::{Budget, Summary, SummarySentence};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One sentence per line.
    #[default]
    Text,
    /// Sentences with footnote markers to their sources and a source list below.
    Markdown,
    /// The batch output schema of DESIGN.md for one cluster, pretty-printed.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            _ => Err(format!(
                "unknown format `{s}` (expected text, markdown or json)"
            )),
        }
    }
}

/// One line of batch output for a summarized cluster (field order is the contract's).
#[derive(Debug, Serialize)]
pub struct SummaryRecord<'a> {
    /// The cluster id.
    pub id: &'a str,
    /// The summary text (sentences joined by newlines).
    pub summary: String,
    /// The sentences with their sources.
    pub sentences: &'a [SummarySentence],
    /// The algorithm that ran.
    pub algorithm: &'a str,
    /// The budget.
    pub budget: &'a Budget,
}

impl<'a> SummaryRecord<'a> {
    /// The record of `summary` for cluster `id`.
    pub fn new(id: &'a str, summary: &'a Summary) -> Self {
        SummaryRecord {
            id,
            summary: summary.text(),
            sentences: &summary.sentences,
            algorithm: &summary.algorithm,
            budget: &summary.budget,
        }
    }
}

/// One line of batch output for a cluster that failed.
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    /// The cluster id, when the line had one.
    pub id: Option<&'a str>,
    /// What went wrong.
    pub error: &'a str,
}

/// Renders `summary` of cluster `id` in `format`; the result ends with a newline unless
/// it is empty text.
pub fn render(summary: &Summary, id: &str, format: Format) -> String {
    match format {
        Format::Text if summary.sentences.iter().any(|s| s.explain.is_some()) => {
            let mut out = String::new();
            for s in &summary.sentences {
                out.push_str(&s.text);
                out.push('\n');
                if let Some(why) = explain_line(s) {
                    let _ = writeln!(out, "    ↳ {why}");
                }
            }
            out
        }
        Format::Text => {
            let t = summary.text();
            if t.is_empty() {
                t
            } else {
                t + "\n"
            }
        }
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&SummaryRecord::new(id, summary))
                .expect("summary records always serialize");
            s.push('\n');
            s
        }
        Format::Markdown => markdown(summary),
    }
}

/// Each sentence as a paragraph followed by one footnote per source span; the footnotes
/// list document, byte range and support below.
fn markdown(summary: &Summary) -> String {
    let mut body = String::new();
    let mut notes = String::new();
    let mut n = 0;
    for s in &summary.sentences {
        body.push_str(&s.text);
        for src in &s.sources {
            n += 1;
            let _ = write!(body, "[^{n}]");
            let _ = writeln!(
                notes,
                "[^{n}]: `{}`, bytes {}–{}",
                src.doc, src.start, src.end
            );
        }
        if s.support > 1 {
            let _ = write!(body, " *({} sources)*", s.support);
        }
        if let Some(why) = explain_line(s) {
            let _ = write!(body, "\n<sub>{why}</sub>");
        }
        body.push_str("\n\n");
    }
    if n > 0 {
        body.push_str(&notes);
    }
    body
}

/// The `--explain` line of a sentence: the signals behind it, in words.
pub fn explain_line(s: &SummarySentence) -> Option<String> {
    let x = s.explain.as_ref()?;
    let mut line = format!("support {} of {}", x.support, x.documents);
    let _ = write!(line, " · position {}", x.position);
    if x.leads > 0 {
        let _ = write!(line, " (first sentence in {})", x.leads);
    }
    let _ = write!(
        line,
        " · concepts {} (weight {:.1}) · centrality {:.2}",
        x.concepts, x.concept_weight, x.centrality
    );
    if let Some(q) = x.query {
        let _ = write!(line, " · query {q:.2}");
    }
    if x.pronoun_opener {
        line.push_str(" · opens with a pronoun");
    }
    let _ = write!(line, " · score {:.4}", s.score);
    Some(line)
}
