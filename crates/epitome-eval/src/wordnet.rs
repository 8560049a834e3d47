//! The WordNet 2.0 exception lists that ROUGE-1.5.5's stemmer consults before Porter.
//!
//! ROUGE-1.5.5 (`MorphStem`) looks every word it stems up in `WordNet-2.0.exc.db`, built
//! from WordNet's `adj.exc`, `adv.exc`, `noun.exc` and `verb.exc`; a hit (*children*,
//! *went*, *better*) replaces Porter entirely. The published DUC scores were computed with
//! that database built in alphabetical file order, and reproducing them needs it. (Many
//! installations rebuild the database with a wrong file extension and so get an empty one;
//! [`crate::Stemming::PorterOnly`] reproduces those.)
//!
//! The lists are WordNet's, not this project's, so they are not bundled: [`Exceptions`]
//! parses them at run time, usually through [`crate::RougeData`], which reads them from a
//! ROUGE-1.5.5 data directory.

use std::collections::HashMap;

use crate::tokenize::perl_split_ws;

/// WordNet exception lists as ROUGE-1.5.5's `-m` uses them: inflected word → base form.
///
/// Built as ROUGE-1.5.5's database is: each line is split at whitespace (Perl's
/// `split(/\s+/)`), its first field is the key and its second the value, and a later
/// line — or a later list — replaces an earlier entry for the same key. Feeding the lists
/// in ROUGE's order (`adj`, `adv`, `noun`, `verb`) therefore makes *better* → *well*
/// (`adv.exc`) win over *better* → *good* (`adj.exc`).
///
/// Only entries ROUGE-1.5.5 can ever look up are kept: keys made of ASCII lowercase letters
/// and digits, longer than three characters (its tokens are runs of `[a-z0-9]`, and it
/// stems only words longer than three). Lines without a base form are skipped.
///
/// ```
/// use epitome_eval::wordnet::Exceptions;
/// let e = Exceptions::from_lists(["better good\nchildren child\n", "better well\n"]);
/// assert_eq!(e.get("children"), Some("child"));
/// assert_eq!(e.get("better"), Some("well"));
/// assert_eq!(e.get("house"), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exceptions {
    map: HashMap<String, String>,
}

impl Exceptions {
    /// The list files of a WordNet 2.0 `*.exc` set, in the order ROUGE-1.5.5 reads them.
    pub const FILES: [&'static str; 4] = ["adj.exc", "adv.exc", "noun.exc", "verb.exc"];

    /// No exceptions.
    pub fn new() -> Self {
        Self::default()
    }

    /// The exceptions of `lists` (the text of each `.exc` file), read in the order given.
    pub fn from_lists<'a>(lists: impl IntoIterator<Item = &'a str>) -> Self {
        let mut e = Self::new();
        for list in lists {
            e.add_list(list);
        }
        e
    }

    /// Reads one more list (the text of one `.exc` file); its entries replace earlier ones.
    pub fn add_list(&mut self, text: &str) {
        for line in text.split('\n') {
            let fields = perl_split_ws(line.as_bytes());
            let (Some(key), Some(base)) = (fields.first(), fields.get(1)) else {
                continue;
            };
            if key.len() > 3
                && key
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                // Both are slices of a `&str` cut at ASCII whitespace, so valid UTF-8.
                let key = String::from_utf8_lossy(key).into_owned();
                let base = String::from_utf8_lossy(base).into_owned();
                self.map.insert(key, base);
            }
        }
    }

    /// The base form listed for the inflected `word` (lowercase), if any:
    /// `get("children") == Some("child")` with WordNet's lists.
    pub fn get(&self, word: &str) -> Option<&str> {
        self.map.get(word).map(String::as_str)
    }

    /// The number of entries kept.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no entry was kept.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rouge_semantics() {
        let e = Exceptions::from_lists([
            // adj.exc
            "best good\nbetter good\nbigger big\n",
            // adv.exc: read later, so its entries win.
            "best well\nbetter well\n",
            // noun.exc: several base forms (only the first counts), odd spacing, a short
            // key, a key ROUGE's tokenizer can never produce, a line without a base form.
            "axes ax axis\n\tchildren   child\r\nmen man\nbrothers-in-law brother-in-law\nlonely\n",
            // verb.exc
            "went go\n",
        ]);
        assert_eq!(e.get("children"), None, "a leading tab makes an empty key");
        assert_eq!(e.get("axes"), Some("ax"));
        assert_eq!(e.get("better"), Some("well"));
        assert_eq!(e.get("best"), Some("well"));
        assert_eq!(e.get("bigger"), Some("big"));
        assert_eq!(e.get("went"), Some("go"));
        assert_eq!(e.get("men"), None, "three characters: never looked up");
        assert_eq!(e.get("brothers-in-law"), None);
        assert_eq!(e.get("lonely"), None);
        assert_eq!(e.len(), 5);
        let e = Exceptions::from_lists(["children child\r\n"]);
        assert_eq!(
            e.get("children"),
            Some("child"),
            "\\r is whitespace to Perl"
        );
        assert!(Exceptions::new().is_empty());
    }
}
