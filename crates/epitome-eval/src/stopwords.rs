//! ROUGE-1.5.5's stopword list (`-s`): `smart_common_words.txt`, the SMART system's
//! common words plus a few news words.
//!
//! ROUGE-1.5.5 removes a token when it equals a line of that file exactly (after `chomp`),
//! before stemming. Entries with apostrophes or dots (`don't`, `e.g.`) can never equal a
//! token, since its tokenizer splits on every character that is not a letter or digit;
//! they are kept so the list is the one ROUGE ships.
//!
//! The list is not this project's, so it is not bundled: [`Stopwords`] parses it at run
//! time, usually through [`crate::RougeData`], which reads it from a ROUGE-1.5.5 data
//! directory.

use std::collections::HashSet;

/// A stopword list read as ROUGE-1.5.5 reads `smart_common_words.txt`: one word a line,
/// matched exactly.
///
/// ```
/// use epitome_eval::stopwords::Stopwords;
/// let s = Stopwords::parse("the\nreuters\n");
/// assert!(s.contains("the") && s.contains("reuters") && !s.contains("summary"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stopwords {
    set: HashSet<String>,
}

impl Stopwords {
    /// The file name ROUGE-1.5.5 reads the list from, in its data directory.
    pub const FILE: &'static str = "smart_common_words.txt";

    /// The list in `text`: each line (without its `\n`) is a word, as Perl's `chomp` leaves
    /// it.
    pub fn parse(text: &str) -> Self {
        Stopwords {
            set: text
                .split('\n')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    /// Whether ROUGE-1.5.5's `-s` removes `token` (lowercase).
    pub fn contains(&self, token: &str) -> bool {
        self.set.contains(token)
    }

    /// The number of distinct words in the list.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_lines() {
        let s = Stopwords::parse("the\nap\nthe\ndon't\n\n");
        assert!(s.contains("the"));
        assert!(s.contains("ap"));
        assert!(!s.contains("summary"));
        assert!(!s.contains(""));
        assert_eq!(s.len(), 3);
        // Perl's chomp removes only the newline: a CRLF file's words keep their \r.
        assert!(!Stopwords::parse("the\r\n").contains("the"));
    }
}
