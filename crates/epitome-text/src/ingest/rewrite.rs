//! A helper for markup stages: say which parts of a text to keep, replace or insert, and
//! everything else is deleted. The result is an [`EditList`], so
//! [`epitome_core::NormalizedText::apply`] keeps the map to the original bytes.

use std::ops::Range;

use epitome_core::EditList;

/// Collects kept ranges, replacements and insertions over a text, in increasing order.
#[derive(Debug, Default)]
pub(crate) struct Rewriter {
    edits: EditList,
    /// End of the last range kept or replaced.
    cursor: usize,
    /// Text to insert at the start of the next kept piece (a separator), merged with the
    /// deletion before it.
    pending: Option<&'static str>,
    /// Whether anything has been kept yet (separators are never put first).
    started: bool,
}

impl Rewriter {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Asks for a separator before the next kept text: a stronger one wins
    /// (`"\n\n"` over `"\n"` over `" "`). Nothing is inserted at the very start.
    pub(crate) fn separate(&mut self, sep: &'static str) {
        if !self.started {
            return;
        }
        let rank = |s: &str| match s {
            "\n\n" => 3,
            "\n" => 2,
            _ => 1,
        };
        if self.pending.is_none_or(|p| rank(sep) > rank(p)) {
            self.pending = Some(sep);
        }
    }

    /// Drops everything from the cursor to `to`, putting the pending separator there.
    fn gap(&mut self, to: usize) {
        let sep = self.pending.take().unwrap_or("");
        if to > self.cursor || !sep.is_empty() {
            self.edits.replace(self.cursor..to, sep);
        }
        self.cursor = to;
    }

    /// Keeps `range` of the text unchanged. Ranges must not go backwards; a range that
    /// starts before the cursor is clipped.
    pub(crate) fn keep(&mut self, range: Range<usize>) {
        let start = range.start.max(self.cursor);
        if range.end <= start {
            return;
        }
        self.gap(start);
        self.cursor = range.end;
        self.started = true;
    }

    /// Replaces `range` of the text by `text`.
    pub(crate) fn replace(&mut self, range: Range<usize>, text: &str) {
        let start = range.start.max(self.cursor);
        let end = range.end.max(start);
        if text.is_empty() {
            return;
        }
        self.gap(start);
        self.edits.replace(start..end, text);
        self.cursor = end;
        self.started = true;
    }

    /// The edits; everything after the last kept piece is deleted.
    pub(crate) fn finish(mut self, len: usize) -> EditList {
        self.pending = None;
        if len > self.cursor {
            self.edits.delete(self.cursor..len);
        }
        self.edits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    #[test]
    fn keeps_replaces_and_separates() {
        let src = "<p>Tom &amp; Ann</p><p>left.</p>";
        let mut r = Rewriter::new();
        r.separate("\n\n");
        r.keep(3..7);
        r.replace(7..12, "&");
        r.keep(12..16);
        r.separate(" ");
        r.separate("\n\n");
        r.keep(23..28);
        let mut t = NormalizedText::from_original(src);
        t.apply("test", &r.finish(src.len())).unwrap();
        assert_eq!(t.as_str(), "Tom & Ann\n\nleft.");
        assert_eq!(&src[t.original_span(11..16).range()], "left.");
        assert_eq!(&src[t.original_span(0..9).range()], "Tom &amp; Ann");
    }
}
