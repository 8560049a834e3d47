//! How each reference implementation turns a summary into tokens.
//!
//! **ROUGE-1.5.5** reads a summary one sentence per line (empty lines skipped) and
//! lowercases ASCII letters. A length limit (`-l` words, `-b` bytes) is applied to those raw
//! lines, counting words as Perl's `split(/\s+/)` does. Then every byte that is not an
//! ASCII letter, digit or `-` becomes a space, `-` becomes its own token and is dropped, so
//! the tokens are exactly the runs of `[a-z0-9]`. Stopwords (`-s`) are removed, then words
//! longer than three characters are stemmed (`-m`): WordNet exception list first, then
//! ROUGE's Perl Porter.
//!
//! **rouge-score** lowercases with Python's `str.lower` (full Unicode), replaces every run of
//! characters outside `[a-z0-9]` with a space, stems tokens longer than three characters
//! with NLTK's Porter, and keeps tokens matching `^[a-z0-9]+$`. `rougeLsum` first splits the
//! text at `\n` and drops empty lines.

use crate::error::{Error, ErrorKind};
use crate::porter::{stem_nltk, stem_rouge155};
use crate::RougeData;

/// How much of each summary ROUGE-1.5.5 reads: its `-l` and `-b` options.
///
/// ROUGE-1.5.5 applies the limit to references as well as to the system summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Truncation {
    /// Everything (also what a limit of 0 means to ROUGE-1.5.5).
    #[default]
    None,
    /// The first N words, words being what Perl's `split(/\s+/)` yields on each line.
    Words(usize),
    /// The first N bytes of the lowercased lines (separators between lines not counted).
    Bytes(usize),
}

impl Truncation {
    fn normalized(self) -> Truncation {
        match self {
            Truncation::Words(0) | Truncation::Bytes(0) => Truncation::None,
            t => t,
        }
    }
}

/// Stemming, as ROUGE-1.5.5's `-m` does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Stemming {
    /// No stemming.
    #[default]
    Off,
    /// WordNet 2.0 exception list, then ROUGE-1.5.5's Porter: ROUGE-1.5.5 `-m` with the
    /// exception database it ships (the DUC protocol). The lists are read at run time
    /// ([`crate::RougeData`]); where none are found this is ROUGE-1.5.5's Porter alone, as
    /// [`Stemming::PorterOnly`]. In rouge-score mode: NLTK's Porter.
    Porter,
    /// ROUGE-1.5.5's Porter alone, as ROUGE-1.5.5 `-m` behaves with the empty exception
    /// database that many installations build by mistake.
    PorterOnly,
}

/// Whether `b` is whitespace to Perl's `\s` on a byte string.
fn perl_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Perl's `split(/\s+/, $s)`: a leading empty field is kept when `s` starts with
/// whitespace, trailing empty fields are dropped.
pub(crate) fn perl_split_ws(s: &[u8]) -> Vec<&[u8]> {
    let mut fields: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if perl_space(s[i]) {
            fields.push(&s[start..i]);
            while i < s.len() && perl_space(s[i]) {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    fields.push(&s[start..]);
    while fields.last().is_some_and(|f| f.is_empty()) {
        fields.pop();
    }
    fields
}

/// The lines of `text` as ROUGE-1.5.5 reads a one-sentence-per-line file: split at `\n`,
/// empty lines skipped, ASCII letters lowercased.
pub(crate) fn rouge155_lines(text: &str) -> Vec<Vec<u8>> {
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect()
}

/// The text ROUGE-1.5.5's `readText` keeps, as the pieces it joins with spaces.
pub(crate) fn rouge155_read_text(lines: &[Vec<u8>], limit: Truncation) -> Vec<Vec<u8>> {
    match limit.normalized() {
        Truncation::None => lines.to_vec(),
        Truncation::Words(limit) => {
            let mut out = Vec::new();
            let mut len = 0;
            for s in lines {
                let fields = perl_split_ws(s);
                if len + fields.len() < limit {
                    out.push(s.clone());
                    len += fields.len();
                } else {
                    out.push(fields[..limit - len].join(&b' '));
                    break;
                }
            }
            out
        }
        Truncation::Bytes(limit) => {
            let mut out = Vec::new();
            let mut len = 0;
            for s in lines {
                if len + s.len() < limit {
                    out.push(s.clone());
                    len += s.len();
                } else {
                    out.push(s[..limit - len].to_vec());
                    break;
                }
            }
            out
        }
    }
}

/// The units (sentences) ROUGE-1.5.5's `readText_LCS` keeps for ROUGE-L.
///
/// With a byte limit ROUGE-1.5.5 never adds up the lengths of earlier lines here (its
/// running total stays 0), so every line shorter than the limit is kept whole, up to the
/// first line that is not, which is cut. Reproduced as shipped.
pub(crate) fn rouge155_read_units(lines: &[Vec<u8>], limit: Truncation) -> Vec<Vec<u8>> {
    match limit.normalized() {
        Truncation::None | Truncation::Words(_) => rouge155_read_text(lines, limit),
        Truncation::Bytes(limit) => {
            let mut out = Vec::new();
            for s in lines {
                if s.len() < limit {
                    out.push(s.clone());
                } else {
                    out.push(s[..limit].to_vec());
                    break;
                }
            }
            out
        }
    }
}

/// The runs of ASCII lowercase letters and digits in `bytes`: ROUGE-1.5.5's tokens of an
/// already lowercased text.
pub(crate) fn alnum_runs(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes
        .split(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))
        .filter(|t| !t.is_empty())
}

/// ROUGE-1.5.5's token processing after splitting: stopword removal, then stemming of
/// words longer than three characters.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rouge155Words<'a> {
    pub(crate) stemming: Stemming,
    pub(crate) remove_stopwords: bool,
    /// The exception and stopword lists; without them no exception applies and no
    /// stopword is removed ([`crate::RougeBuilder::build`] refuses stopword removal
    /// without them).
    pub(crate) data: Option<&'a RougeData>,
}

impl Rouge155Words<'_> {
    /// Appends the final tokens of `piece` (lowercased bytes) to `out`.
    pub(crate) fn push_tokens(&self, piece: &[u8], out: &mut Vec<String>) {
        let stopwords = match self.data {
            Some(d) if self.remove_stopwords => Some(d.stopwords()),
            _ => None,
        };
        for run in alnum_runs(piece) {
            // Runs are ASCII, so this cannot fail.
            let word = std::str::from_utf8(run).expect("ASCII");
            if stopwords.is_some_and(|s| s.contains(word)) {
                continue;
            }
            out.push(self.stem(word));
        }
    }

    fn stem(&self, word: &str) -> String {
        if word.len() <= 3 {
            return word.to_string();
        }
        match self.stemming {
            Stemming::Off => word.to_string(),
            Stemming::Porter => match self.data.and_then(|d| d.exceptions().get(word)) {
                Some(base) => base.to_string(),
                None => stem_rouge155(word),
            },
            Stemming::PorterOnly => stem_rouge155(word),
        }
    }
}

/// The tokens ROUGE-1.5.5 scores for `text` (one sentence per line), all lines together:
/// what its n-gram and skip-bigram counts see.
///
/// `data` holds ROUGE-1.5.5's WordNet exceptions (used by [`Stemming::Porter`]; without
/// them Porter runs alone) and its stopword list (needed for `remove_stopwords`).
///
/// ```
/// use epitome_eval::tokenize::{rouge155_tokens, Stemming, Truncation};
/// let t = rouge155_tokens("The U.S. re-elected\nits 2 presidents.", Stemming::Porter, false, Truncation::None, None)?;
/// assert_eq!(t, ["the", "u", "s", "re", "elect", "its", "2", "presid"]);
/// let t = rouge155_tokens("one two three\nfour five", Stemming::Off, false, Truncation::Words(4), None)?;
/// assert_eq!(t, ["one", "two", "three", "four"]);
/// # Ok::<(), epitome_eval::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NoRougeData`] when `remove_stopwords` is asked for without `data`.
pub fn rouge155_tokens(
    text: &str,
    stemming: Stemming,
    remove_stopwords: bool,
    limit: Truncation,
    data: Option<&RougeData>,
) -> Result<Vec<String>, Error> {
    if remove_stopwords && data.is_none() {
        return Err(ErrorKind::NoRougeData("stopword removal (ROUGE-1.5.5 -s)".into()).into());
    }
    let words = Rouge155Words {
        stemming,
        remove_stopwords,
        data,
    };
    let mut out = Vec::new();
    for piece in rouge155_read_text(&rouge155_lines(text), limit) {
        words.push_tokens(&piece, &mut out);
    }
    Ok(out)
}

/// The tokens `rouge-score` 0.1.2's default tokenizer produces for `text`.
///
/// ```
/// use epitome_eval::tokenize::rouge_score_tokens;
/// assert_eq!(rouge_score_tokens("The Café's 3 runners!", true), ["the", "caf", "s", "3", "runner"]);
/// assert_eq!(rouge_score_tokens("KELVIN \u{212a}", false), ["kelvin", "k"]);
/// ```
pub fn rouge_score_tokens(text: &str, stem: bool) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(|t| {
            if stem && t.len() > 3 {
                stem_nltk(t)
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// The sentences `rouge-score` uses for `rougeLsum`: `text` split at `\n`, empty lines
/// dropped (a line of spaces is kept, and simply has no tokens).
pub fn rouge_score_sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_split() {
        let f = |s: &str| {
            perl_split_ws(s.as_bytes())
                .iter()
                .map(|f| String::from_utf8(f.to_vec()).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(f(" "), Vec::<String>::new());
        assert_eq!(f(""), Vec::<String>::new());
        assert_eq!(f(" a b "), ["", "a", "b"]);
        assert_eq!(f("a  b"), ["a", "b"]);
        assert_eq!(f("\ta"), ["", "a"]);
    }

    #[test]
    fn word_limit_counts_raw_words() {
        // "U.S.-led" is one word for the limit but three tokens after it.
        let lines = rouge155_lines("U.S.-led forces\nmoved in");
        let kept = rouge155_read_text(&lines, Truncation::Words(3));
        assert_eq!(kept, vec![b"u.s.-led forces".to_vec(), b"moved".to_vec()]);
        // A line that starts with a space counts an empty first word, as Perl does: the
        // third word is that empty field, so `c` is cut.
        let lines = rouge155_lines("a b\n c d");
        let kept = rouge155_read_text(&lines, Truncation::Words(3));
        assert_eq!(kept, vec![b"a b".to_vec(), b"".to_vec()]);
        let kept = rouge155_read_text(&lines, Truncation::Words(4));
        assert_eq!(kept, vec![b"a b".to_vec(), b" c".to_vec()]);
    }

    #[test]
    fn byte_limit() {
        let lines = rouge155_lines("abcde\nfghij\nklm");
        let kept = rouge155_read_text(&lines, Truncation::Bytes(7));
        assert_eq!(kept, vec![b"abcde".to_vec(), b"fg".to_vec()]);
        // readText_LCS never accumulates: each line under the limit is kept whole.
        let units = rouge155_read_units(&lines, Truncation::Bytes(7));
        assert_eq!(
            units,
            vec![b"abcde".to_vec(), b"fghij".to_vec(), b"klm".to_vec()]
        );
    }

    #[test]
    fn stopwords_and_stems() {
        use crate::stopwords::Stopwords;
        use crate::wordnet::Exceptions;
        // A tiny stand-in for WordNet's lists and ROUGE's stopwords.
        let data = RougeData::new(
            Exceptions::from_lists(["children child\n", "went go\n"]),
            Stopwords::parse("the\n"),
        );
        let tokens = |stemming, stop, data| {
            rouge155_tokens(
                "The children went home",
                stemming,
                stop,
                Truncation::None,
                data,
            )
        };
        let t = tokens(Stemming::Porter, true, Some(&data)).unwrap();
        assert_eq!(t, ["child", "go", "home"]);
        let t = tokens(Stemming::PorterOnly, false, Some(&data)).unwrap();
        assert_eq!(t, ["the", "children", "went", "home"]);
        // Without the lists, Porter runs alone.
        let t = tokens(Stemming::Porter, false, None).unwrap();
        assert_eq!(t, ["the", "children", "went", "home"]);
        let e = tokens(Stemming::Off, true, None).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::NoRougeData(_)));
    }
}
