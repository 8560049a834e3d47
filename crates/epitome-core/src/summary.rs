//! The result of summarization, shaped as the batch output schema of DESIGN.md.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::budget::{Budget, SENTENCE_SEPARATOR};

/// Where a summary sentence occurs in one source: document id and original byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSpan {
    /// The document's id.
    pub doc: String,
    /// First byte in the document's original input.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One sentence of a summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence as shown.
    pub text: String,
    /// Every place it occurs, in document order (a document that repeats it appears once
    /// per occurrence; `support` counts distinct documents).
    pub sources: Vec<SourceSpan>,
    /// How many distinct documents carry it.
    pub support: usize,
    /// The selection algorithm's score for it.
    pub score: f64,
    /// Why it was chosen, when asked for (`--explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// The signals behind a chosen sentence, measured the same way whatever the algorithm, so a
/// user can see why it is in the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Distinct documents that carry the sentence (or a near-duplicate of it)…
    pub support: usize,
    /// …of this many documents in the cluster.
    pub documents: usize,
    /// Its earliest position in a document: 0 is a document's first sentence.
    pub position: usize,
    /// In how many documents it is the first sentence.
    pub leads: usize,
    /// TF-IDF cosine similarity with the cluster's centroid (0–1): how central it is.
    pub centrality: f64,
    /// Word-bigram concepts it covers that enough documents share to count as the
    /// cluster's content…
    pub concepts: usize,
    /// …and their total weight (document support plus lead bonus), the quantity `ilp`
    /// maximizes.
    pub concept_weight: f64,
    /// TF-IDF cosine similarity with the query (0–1), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<f64>,
    /// Whether it opens with a pronoun that refers back (`He said …`): `ilp` takes such a
    /// sentence at a cost unless the sentence before it in its document is chosen too.
    #[serde(default)]
    pub pronoun_opener: bool,
}

/// A summary of one cluster of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The summary sentences, in output order.
    pub sentences: Vec<SummarySentence>,
    /// The algorithm that selected them.
    pub algorithm: String,
    /// The budget they were selected under.
    pub budget: Budget,
    /// Things the user should know (not part of the batch schema; reported on stderr).
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

impl Summary {
    /// The summary text: the sentences joined by newlines. Budgets measure this text.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.sentences.iter().map(|s| s.text.as_str()).collect();
        parts.join(SENTENCE_SEPARATOR)
    }
}

/// Something that did not stop summarization but that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A document was not valid UTF-8; invalid sequences were replaced.
    LossyDecoding {
        /// The document.
        doc: String,
        /// How many invalid sequences were replaced.
        sequences: usize,
    },
    /// A document looks like a binary file and was skipped.
    Binary {
        /// The document.
        doc: String,
    },
    /// A document has no text to summarize and was skipped.
    EmptyDocument {
        /// The document.
        doc: String,
    },
    /// No sentence fits the budget; the summary is empty.
    BudgetTooSmall {
        /// The budget as given.
        budget: String,
    },
    /// A document's date could not be read; for date order it counts as undated.
    UnreadableDate {
        /// The document.
        doc: String,
        /// The date as given.
        date: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::LossyDecoding { doc, sequences } => write!(
                f,
                "{doc}: not valid UTF-8; replaced {sequences} invalid byte sequence(s) with U+FFFD"
            ),
            Warning::Binary { doc } => write!(f, "{doc}: looks like a binary file; skipped"),
            Warning::EmptyDocument { doc } => write!(f, "{doc}: no text to summarize; skipped"),
            Warning::BudgetTooSmall { budget } => {
                write!(
                    f,
                    "no sentence fits the budget {budget}; the summary is empty"
                )
            }
            Warning::UnreadableDate { doc, date } => write!(
                f,
                "{doc}: cannot read the date {date:?}; ordered after the dated documents"
            ),
        }
    }
}
