//! Normalizers: stages that rewrite text through edits, so offsets to the original survive.
//!
//! Each normalizer implements [`epitome_core::Normalizer`] and only *describes* edits;
//! [`apply_normalizers`] applies them through [`epitome_core::NormalizedText::apply`],
//! which composes the map back to the original bytes. The chain [`normalizers`] builds
//! from [`NormalizeOptions`] runs, in order:
//!
//! 1. [`MojibakeNormalizer`]: text decoded with the wrong encoding (`27â€“33`), repaired;
//! 2. [`NfcNormalizer`]: Unicode NFC;
//! 3. [`WhitespaceNormalizer`]: whitespace runs, control characters, soft hyphens and
//!    zero-width characters;
//! 4. [`HardWrapNormalizer`]: hard-wrapped paragraphs joined, words hyphenated across a
//!    wrap rejoined;
//! 5. [`DetokNormalizer`]: Penn-Treebank-tokenized text (`russia 's`, `-lrb-`)
//!    detokenized, when the document is tokenized;
//! 6. [`CitationNormalizer`]: citation markers (`[6][7]`, `[citation needed]`), page
//!    ranges they left behind, and image caption debris, removed.

mod citations;
mod detok;
mod hardwrap;
mod mojibake;
mod unicode;

pub use citations::CitationNormalizer;
pub use detok::{looks_tokenized, DetokNormalizer};
pub use hardwrap::HardWrapNormalizer;
pub use mojibake::{repair_mojibake, MojibakeNormalizer};
pub use unicode::NfcNormalizer;

use epitome_core::{Document, EditList, NormalizedText, Normalizer};

use crate::error::{Error, ErrorKind};

/// Which normalizers run (all by default), and how ingest treats Markdown code.
///
/// Serialized with every field optional: `{"detok": false, "keep_code": true}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeOptions {
    /// Repair mojibake (text decoded with the wrong encoding).
    pub mojibake: bool,
    /// Unicode NFC.
    pub nfc: bool,
    /// Collapse whitespace, drop control, soft-hyphen and zero-width characters.
    pub whitespace: bool,
    /// Join hard-wrapped lines (and words hyphenated across them).
    pub hard_wrap: bool,
    /// Detokenize Penn-Treebank-tokenized documents (detected per document).
    pub detok: bool,
    /// Remove citation markers, their page ranges, and image caption debris.
    pub citations: bool,
    /// Keep Markdown code blocks (an ingest option; dropped by default).
    pub keep_code: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            mojibake: true,
            nfc: true,
            whitespace: true,
            hard_wrap: true,
            detok: true,
            citations: true,
            keep_code: false,
        }
    }
}

/// The normalizers `options` switches on, in pipeline order.
pub fn normalizers(options: &NormalizeOptions) -> Vec<Box<dyn Normalizer>> {
    let mut out: Vec<Box<dyn Normalizer>> = Vec::new();
    if options.mojibake {
        out.push(Box::new(MojibakeNormalizer));
    }
    if options.nfc {
        out.push(Box::new(NfcNormalizer));
    }
    if options.whitespace {
        out.push(Box::new(WhitespaceNormalizer));
    }
    if options.hard_wrap {
        out.push(Box::new(HardWrapNormalizer));
    }
    if options.detok {
        out.push(Box::new(DetokNormalizer::default()));
    }
    if options.citations {
        out.push(Box::new(CitationNormalizer));
    }
    out
}

/// Runs normalizers over a text (for texts outside a [`Document`]).
pub fn normalize_text(
    text: &mut NormalizedText,
    normalizers: &[Box<dyn Normalizer>],
) -> Result<(), Error> {
    for n in normalizers {
        let mut edits = EditList::new();
        n.normalize(text.as_str(), &mut edits);
        text.apply(n.name(), &edits)
            .map_err(|e| Error::new(ErrorKind::Normalize(e)))?;
    }
    Ok(())
}

/// Characters that are never visible and are dropped: soft hyphen, zero-width space,
/// word joiner, and a byte-order mark inside the text.
fn invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Collapses whitespace while keeping the line structure segmentation relies on.
///
/// Within a run of whitespace and control characters: no line break becomes one space,
/// one line break (`\n`, `\r\n` or `\r`) becomes `\n`, two or more become `\n\n` (a
/// paragraph break). Runs at the start or end of the text, and control characters that
/// are not whitespace, are removed; so are soft hyphens and zero-width characters
/// (`co\u{AD}operate` reads `cooperate`). A space that slipped inside an opening
/// bracket is put back before it: `500 kilometers( 300 miles)` reads `500 kilometers (300
/// miles)` (DUC's news wire has this in 69 places), when a word precedes the bracket, a
/// word follows the one space, and the bracket closes on the same line.
#[derive(Debug, Clone, Copy, Default)]
pub struct WhitespaceNormalizer;

/// Whether the single space at `space` follows an opening bracket that was glued to the
/// word before it (`kilometers( 300 miles)`).
fn space_inside_bracket(text: &str, space: usize) -> bool {
    let bytes = text.as_bytes();
    if space < 2 || bytes[space] != b' ' || bytes[space - 1] != b'(' {
        return false;
    }
    let before = text[..space - 1].chars().next_back();
    let after = text[space + 1..].chars().next();
    let closes = text[space + 1..]
        .find([')', '(', '\n'])
        .is_some_and(|i| text[space + 1 + i..].starts_with(')'));
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) && closes
}

impl Normalizer for WhitespaceNormalizer {
    fn name(&self) -> &'static str {
        "whitespace"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        let mut chars = text.char_indices().peekable();
        let gap = |c: char| c.is_whitespace() || c.is_control() || invisible(c);
        while let Some((start, c)) = chars.next() {
            if !gap(c) {
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
                if !gap(d) {
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
            if end == start + 1 && space_inside_bracket(text, start) {
                edits.replace(start - 1..end, " (");
                continue;
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
    normalizers(&NormalizeOptions::default())
}

/// Runs each normalizer over the document's text in turn.
pub fn apply_normalizers(
    doc: &mut Document,
    normalizers: &[Box<dyn Normalizer>],
) -> Result<(), Error> {
    normalize_text(doc.text_mut(), normalizers)
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
    fn soft_hyphens_and_zero_width_characters_go() {
        let t = norm("co\u{AD}operate \u{200B} now\u{FEFF}.");
        assert_eq!(t.as_str(), "cooperate now.");
    }

    #[test]
    fn a_space_inside_an_opening_bracket_moves_before_it() {
        let src = "It is 500 kilometers( 300 miles) away. The( Pinochet) case.";
        let t = norm(src);
        assert_eq!(
            t.as_str(),
            "It is 500 kilometers (300 miles) away. The (Pinochet) case."
        );
        let span = t.original_span(6..32);
        assert_eq!(&src[span.range()], "500 kilometers( 300 miles)");
        // Left alone: a bracket that opens the text, one never closed on its line, one
        // that is already spaced.
        for same in [
            "( a note)",
            "x( y and more",
            "x( y\nz)",
            "a (b) c",
            "f(x) = 1",
        ] {
            assert_eq!(norm(same).as_str(), same);
        }
    }

    #[test]
    fn clean_text_gets_no_edits() {
        let mut e = EditList::new();
        WhitespaceNormalizer.normalize("A b.\nC d.\n\nE.", &mut e);
        assert!(e.is_empty());
    }
}
