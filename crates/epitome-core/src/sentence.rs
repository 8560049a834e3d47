//! Sentences and the original byte spans they come from.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A byte range of a document's **original** input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One sentence of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the document in its cluster.
    pub doc: usize,
    /// Position of the sentence in its document (0-based).
    pub index: usize,
    /// Byte range in the document's normalized text.
    pub norm: Range<usize>,
    /// Byte range in the document's original input.
    pub span: Span,
}
