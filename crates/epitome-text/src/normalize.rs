//! Normalizers: stages that rewrite text through edits, so offsets to the original survive.
//!
//! Each normalizer implements [`epitome_core::Normalizer`] and only *describes* edits;
//! [`apply_normalizers`] applies them through [`epitome_core::NormalizedText::apply`],
//! which composes the map back to the original bytes.

use epitome_core::{Document, EditList, Normalizer};

use crate::error::{Error, ErrorKind};

/// Collapses whitespace while keeping the line structure segmentation relies on.
///
/// Within a run of whitespace and control characters: no line break becomes one space,
/// one line break (`\n`, `\r\n` or `\r`) becomes `\n`, two or more become `\n\n` (a
/// paragraph break). Runs at the start or end of the text, and control characters that
/// are not whitespace, are removed.
#[derive(Debug, Clone, Copy, Default)]
pub struct WhitespaceNormalizer;

impl Normalizer for WhitespaceNormalizer {
    fn name(&self) -> &'static str {
        "whitespace"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !(c.is_whitespace() || c.is_control()) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut newlines = 0usize;
            let mut has_space = c.is_whitespace();
            let mut prev = c;
            if c == '\n' || c == '\r' {
                newlines += 1;
            }
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_whitespace() || d.is_control()) {
                    break;
                }
                // "\r\n" is one line break.
                if d == '\r' || (d == '\n' && prev != '\r') {
                    newlines += 1;
                }
                has_space |= d.is_whitespace();
                prev = d;
                end = i + d.len_utf8();
                chars.next();
            }
            let replacement = if start == 0 || end == text.len() || !has_space {
                ""
            } else {
                match newlines {
                    0 => " ",
                    1 => "\n",
                    _ => "\n\n",
                }
            };
            if &text[start..end] != replacement {
                edits.replace(start..end, replacement);
            }
        }
    }
}

/// The normalizers the pipeline runs by default, in order.
pub fn default_normalizers() -> Vec<Box<dyn Normalizer>> {
    vec![Box::new(WhitespaceNormalizer)]
}

/// Runs each normalizer over the document's text in turn.
pub fn apply_normalizers(
    doc: &mut Document,
    normalizers: &[Box<dyn Normalizer>],
) -> Result<(), Error> {
    for n in normalizers {
        let mut edits = EditList::new();
        n.normalize(doc.text().as_str(), &mut edits);
        doc.text_mut()
            .apply(n.name(), &edits)
            .map_err(|e| Error::new(ErrorKind::Normalize(e)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    fn norm(s: &str) -> NormalizedText {
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        WhitespaceNormalizer.normalize(s, &mut e);
        t.apply("whitespace", &e).unwrap();
        t
    }

    #[test]
    fn collapses_runs_and_keeps_line_structure() {
        let t = norm("  One\t two.\r\nThree \u{a0}four.\n\n\n\nFive.\x07 \n");
        assert_eq!(t.as_str(), "One two.\nThree four.\n\nFive.");
        let span = t.original_span(9..20);
        assert_eq!(
            &"  One\t two.\r\nThree \u{a0}four.\n\n\n\nFive.\x07 \n"[span.range()],
            "Three \u{a0}four."
        );
    }

    #[test]
    fn clean_text_gets_no_edits() {
        let mut e = EditList::new();
        WhitespaceNormalizer.normalize("A b.\nC d.\n\nE.", &mut e);
        assert!(e.is_empty());
    }
}
