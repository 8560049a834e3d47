//! Normalized text that always knows where each of its bytes came from.

use std::ops::Range;

use crate::alignment::Alignment;
use crate::error::{Error, ErrorKind};
use crate::sentence::Span;

/// One rewrite a normalizer asks for: replace `range` of the current text by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The byte range of the current normalized text to replace (on char boundaries).
    pub range: Range<usize>,
    /// What to put there; empty deletes the range.
    pub replacement: String,
}

/// The edits one normalizer produces over one text, in increasing, non-overlapping order.
///
/// Normalizers only ever describe *what* to change; [`NormalizedText::apply`] checks the
/// edits and keeps the map to the original bytes, so no normalizer can break offsets.
#[derive(Debug, Clone, Default)]
pub struct EditList {
    edits: Vec<Edit>,
}

impl EditList {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks to replace `range` by `replacement`.
    pub fn replace(&mut self, range: Range<usize>, replacement: impl Into<String>) {
        self.edits.push(Edit {
            range,
            replacement: replacement.into(),
        });
    }

    /// Asks to delete `range`.
    pub fn delete(&mut self, range: Range<usize>) {
        self.replace(range, String::new());
    }

    /// Whether no edit was asked for.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The edits, in the order they were pushed.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
}

/// A text derived from original input bytes, with an [`Alignment`] back to those bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    text: String,
    alignment: Alignment,
}

impl NormalizedText {
    /// Decodes `bytes` as UTF-8, replacing each invalid sequence by U+FFFD.
    ///
    /// Returns the text and the number of invalid sequences replaced. Replacement
    /// characters map back to exactly the invalid bytes they stand for.
    pub fn from_bytes_lossy(bytes: &[u8]) -> (Self, usize) {
        let mut text = String::with_capacity(bytes.len());
        let mut alignment = Alignment::with_original_len(bytes.len());
        let mut invalid = 0;
        let mut at = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            text.push_str(valid);
            alignment.push_identity(at, valid.len());
            at += valid.len();
            let bad = chunk.invalid();
            if !bad.is_empty() {
                invalid += 1;
                text.push(char::REPLACEMENT_CHARACTER);
                alignment
                    .push_replacement(at..at + bad.len(), char::REPLACEMENT_CHARACTER.len_utf8());
                at += bad.len();
            }
        }
        (NormalizedText { text, alignment }, invalid)
    }

    /// Wraps a string that *is* the original input (identity alignment).
    pub fn from_original(text: &str) -> Self {
        NormalizedText {
            text: text.to_owned(),
            alignment: Alignment::identity(text.len()),
        }
    }

    /// Starts building a text piece by piece from an original of `original_len` bytes
    /// (for ingest stages that extract text from markup or transcode it).
    pub fn builder(original_len: usize) -> NormalizedTextBuilder {
        NormalizedTextBuilder {
            text: String::new(),
            alignment: Alignment::with_original_len(original_len),
            last_end: 0,
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The map back to the original bytes.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// Maps a byte range of the normalized text to the original bytes it came from.
    pub fn original_span(&self, range: Range<usize>) -> Span {
        let r = self.alignment.map_range(range);
        Span::new(r.start, r.end)
    }

    /// Applies one normalizer's edits, keeping the map to the original bytes.
    ///
    /// Edits must be in increasing order, must not overlap, and must fall on char
    /// boundaries of the current text; otherwise nothing changes and an error names the
    /// normalizer.
    pub fn apply(&mut self, normalizer: &str, edits: &EditList) -> Result<(), Error> {
        if edits.is_empty() {
            return Ok(());
        }
        let invalid = |reason: String| {
            Error::new(ErrorKind::InvalidEdit {
                normalizer: normalizer.to_owned(),
                reason,
            })
        };
        let mut cursor = 0;
        for e in edits.edits() {
            let r = &e.range;
            if r.start < cursor || r.end < r.start || r.end > self.text.len() {
                return Err(invalid(format!(
                    "range {}..{} is out of order or outside 0..{}",
                    r.start,
                    r.end,
                    self.text.len()
                )));
            }
            if !self.text.is_char_boundary(r.start) || !self.text.is_char_boundary(r.end) {
                return Err(invalid(format!(
                    "range {}..{} splits a character",
                    r.start, r.end
                )));
            }
            cursor = r.end;
        }

        let mut text = String::with_capacity(self.text.len());
        let mut local = Alignment::with_original_len(self.text.len());
        let mut cursor = 0;
        for e in edits.edits() {
            text.push_str(&self.text[cursor..e.range.start]);
            local.push_identity(cursor, e.range.start - cursor);
            text.push_str(&e.replacement);
            local.push_replacement(e.range.clone(), e.replacement.len());
            cursor = e.range.end;
        }
        text.push_str(&self.text[cursor..]);
        local.push_identity(cursor, self.text.len() - cursor);

        self.alignment = self.alignment.compose(&local);
        self.text = text;
        Ok(())
    }
}

/// Builds a [`NormalizedText`] from pieces of an original input, in order.
///
/// Each piece is either text copied unchanged from an original byte range
/// ([`NormalizedTextBuilder::copy`]) or text that stands for an original byte range
/// ([`NormalizedTextBuilder::replace`]: an HTML entity, a transcoded run, a Markdown
/// construct). Original ranges must not go backwards; gaps between them (tags, markup)
/// are simply not part of the text.
#[derive(Debug, Clone)]
pub struct NormalizedTextBuilder {
    text: String,
    alignment: Alignment,
    last_end: usize,
}

impl NormalizedTextBuilder {
    fn check(&self, orig: &std::ops::Range<usize>) -> Result<(), Error> {
        if orig.start < self.last_end
            || orig.end < orig.start
            || orig.end > self.alignment.orig_len()
        {
            return Err(Error::new(ErrorKind::InvalidEdit {
                normalizer: "builder".to_owned(),
                reason: format!(
                    "original range {}..{} goes backwards or leaves 0..{}",
                    orig.start,
                    orig.end,
                    self.alignment.orig_len()
                ),
            }));
        }
        Ok(())
    }

    /// Appends `text`, which is exactly the original bytes `orig` (so `text.len()` must
    /// equal the range's length).
    pub fn copy(&mut self, orig: std::ops::Range<usize>, text: &str) -> Result<(), Error> {
        self.check(&orig)?;
        if text.len() != orig.len() {
            return Err(Error::new(ErrorKind::InvalidEdit {
                normalizer: "builder".to_owned(),
                reason: format!(
                    "copied text has {} bytes but the original range {}",
                    text.len(),
                    orig.len()
                ),
            }));
        }
        self.text.push_str(text);
        self.alignment.push_identity(orig.start, text.len());
        self.last_end = orig.end;
        Ok(())
    }

    /// Appends `text` standing for the original bytes `orig` (may be empty, to insert
    /// text such as a paragraph break at the position `orig.start`).
    pub fn replace(&mut self, orig: std::ops::Range<usize>, text: &str) -> Result<(), Error> {
        self.check(&orig)?;
        self.text.push_str(text);
        self.alignment.push_replacement(orig.clone(), text.len());
        self.last_end = orig.end;
        Ok(())
    }

    /// The text built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The finished text.
    pub fn finish(self) -> NormalizedText {
        NormalizedText {
            text: self.text,
            alignment: self.alignment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_maps_extracted_text_into_markup() {
        let html = "<p>Tom &amp; Ann</p><p>left.</p>";
        let mut b = NormalizedText::builder(html.len());
        b.copy(3..7, "Tom ").unwrap();
        b.replace(7..12, "&").unwrap();
        b.copy(12..16, " Ann").unwrap();
        b.replace(23..23, "\n\n").unwrap();
        b.copy(23..28, "left.").unwrap();
        assert!(b.copy(0..3, "<p>").is_err(), "backwards");
        let t = b.finish();
        assert_eq!(t.as_str(), "Tom & Ann\n\nleft.");
        assert_eq!(&html[t.original_span(0..9).range()], "Tom &amp; Ann");
        assert_eq!(&html[t.original_span(11..16).range()], "left.");
        assert_eq!(&html[t.original_span(4..5).range()], "&amp;");
    }

    #[test]
    fn lossy_decoding_maps_replacement_to_invalid_bytes() {
        let bytes = b"ab\xffcd\xe2\x82";
        let (t, invalid) = NormalizedText::from_bytes_lossy(bytes);
        assert_eq!(invalid, 2);
        assert_eq!(t.as_str(), "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(t.original_span(2..5), Span::new(2, 3));
        assert_eq!(t.original_span(5..7), Span::new(3, 5));
        assert_eq!(t.original_span(7..10), Span::new(5, 7));
    }

    #[test]
    fn edits_compose_across_normalizers() {
        let mut t = NormalizedText::from_original("Hello,   world [1].");
        let mut e = EditList::new();
        e.replace(6..9, " ");
        t.apply("space", &e).unwrap();
        assert_eq!(t.as_str(), "Hello, world [1].");
        let mut e = EditList::new();
        e.delete(12..16);
        t.apply("cite", &e).unwrap();
        assert_eq!(t.as_str(), "Hello, world.");
        // "world." in normalized text covers "world [1]." in the original.
        let span = t.original_span(7..13);
        assert_eq!(&"Hello,   world [1]."[span.range()], "world [1].");
        let span = t.original_span(7..12);
        assert_eq!(&"Hello,   world [1]."[span.range()], "world");
    }

    #[test]
    fn bad_edits_are_refused_without_change() {
        let mut t = NormalizedText::from_original("héllo");
        let mut e = EditList::new();
        e.delete(2..3); // inside 'é'
        let err = t.apply("bad", &e).unwrap_err();
        assert!(err.to_string().contains("`bad`"));
        assert_eq!(t.as_str(), "héllo");
        let mut e = EditList::new();
        e.delete(3..4);
        e.delete(0..1);
        assert!(t.apply("backwards", &e).is_err());
        let mut e = EditList::new();
        e.delete(3..40);
        assert!(t.apply("outside", &e).is_err());
    }
}
