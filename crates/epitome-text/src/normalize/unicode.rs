//! Unicode NFC: canonically equivalent spellings (`e` + U+0301 and `é`) become one.

use epitome_core::{EditList, Normalizer};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Puts text in Unicode Normalization Form C.
///
/// Composition never crosses whitespace, so the text is handled a word (a run between
/// whitespace) at a time, and only words that are not already NFC get an edit, narrowed
/// to the part that changes.
#[derive(Debug, Clone, Copy, Default)]
pub struct NfcNormalizer;

impl Normalizer for NfcNormalizer {
    fn name(&self) -> &'static str {
        "nfc"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return;
        }
        let mut at = 0;
        for word in text.split_inclusive(char::is_whitespace) {
            let start = at;
            at += word.len();
            if word.is_ascii() || is_nfc_quick(word.chars()) == IsNormalized::Yes {
                continue;
            }
            let nfc: String = word.nfc().collect();
            if nfc == word {
                continue;
            }
            let prefix = word
                .char_indices()
                .zip(nfc.chars())
                .find(|((_, a), b)| a != b)
                .map_or(word.len().min(nfc.len()), |((i, _), _)| i);
            let mut suffix = 0;
            for (a, b) in word[prefix..]
                .chars()
                .rev()
                .zip(nfc[prefix..].chars().rev())
            {
                if a != b {
                    break;
                }
                suffix += a.len_utf8();
            }
            let suffix = suffix.min(word.len() - prefix).min(nfc.len() - prefix);
            edits.replace(
                start + prefix..start + word.len() - suffix,
                &nfc[prefix..nfc.len() - suffix],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    #[test]
    fn composes_and_maps_to_the_decomposed_bytes() {
        let s = "Cafe\u{301} and Zoe\u{308} left. Already café.";
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        NfcNormalizer.normalize(s, &mut e);
        t.apply("nfc", &e).unwrap();
        assert_eq!(t.as_str(), "Café and Zoë left. Already café.");
        let i = t.as_str().find('é').unwrap();
        assert_eq!(&s[t.original_span(i..i + 2).range()], "e\u{301}");
        let mut e = EditList::new();
        NfcNormalizer.normalize("Already café.", &mut e);
        assert!(e.is_empty());
    }
}
