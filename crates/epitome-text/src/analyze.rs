//! Word analysis: Unicode word tokens, lowercase, Snowball stems, stopword flags.

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Error, ErrorKind};

/// A language the analyzer supports: a Snowball stemmer and a stopword list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    code: &'static str,
    algorithm: Algorithm,
}

/// (ISO 639-1 code, Snowball algorithm) for every language with both a stemmer and a
/// stopword list.
const LANGUAGES: &[(&str, Algorithm)] = &[
    ("en", Algorithm::English),
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("es", Algorithm::Spanish),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nl", Algorithm::Dutch),
    ("no", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("sv", Algorithm::Swedish),
    ("tr", Algorithm::Turkish),
];

impl Language {
    /// English.
    pub const ENGLISH: Language = Language {
        code: "en",
        algorithm: Algorithm::English,
    };

    /// Looks a language up by ISO 639-1 code; `auto` means English until language
    /// detection lands.
    pub fn from_code(code: &str) -> Result<Language, Error> {
        let code = code.trim().to_ascii_lowercase();
        if code == "auto" {
            return Ok(Language::ENGLISH);
        }
        LANGUAGES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|&(code, algorithm)| Language { code, algorithm })
            .ok_or_else(|| Error::new(ErrorKind::UnsupportedLanguage(code)))
    }

    /// The ISO 639-1 code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

/// One analyzed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it appears in the text.
    pub surface: &'a str,
    /// Lowercased Snowball stem.
    pub stem: String,
    /// Whether the lowercased word is a stopword.
    pub stop: bool,
}

/// Turns text into analyzed words for one language.
pub struct Analyzer {
    language: Language,
    stemmer: Stemmer,
    stopwords: HashSet<&'static str>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .finish()
    }
}

impl Analyzer {
    /// An analyzer for `language`.
    pub fn new(language: Language) -> Self {
        let stopwords = stop_words::lookup(language.code)
            .unwrap_or(&[])
            .iter()
            .copied()
            .collect();
        Analyzer {
            language,
            stemmer: Stemmer::create(language.algorithm),
            stopwords,
        }
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether a lowercased word is a stopword.
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    /// The words of `text`: Unicode word segments holding a letter or digit.
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        text.unicode_words()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(|surface| {
                let lower = surface.to_lowercase();
                // Possessive "'s" is part of a UAX-29 word; drop it before stemming.
                let base = lower
                    .strip_suffix("'s")
                    .or_else(|| lower.strip_suffix("’s"))
                    .unwrap_or(&lower);
                let stop = self.stopwords.contains(lower.as_str());
                let stem = self.stemmer.stem(base).into_owned();
                Token {
                    surface,
                    stem,
                    stop,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_lowercases_and_flags_stopwords() {
        let a = Analyzer::new(Language::ENGLISH);
        let toks = a.tokens("The Rivers were flooding Wrenford's streets — 21.3 feet!");
        let stems: Vec<&str> = toks.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(
            stems,
            ["the", "river", "were", "flood", "wrenford", "street", "21.3", "feet"]
        );
        let stops: Vec<bool> = toks.iter().map(|t| t.stop).collect();
        assert_eq!(
            stops,
            [true, false, true, false, false, false, false, false]
        );
    }

    #[test]
    fn languages_resolve_and_unknown_is_an_error() {
        assert_eq!(Language::from_code("auto").unwrap().code(), "en");
        assert_eq!(Language::from_code("DE").unwrap().code(), "de");
        assert!(Language::from_code("xx").is_err());
    }
}
