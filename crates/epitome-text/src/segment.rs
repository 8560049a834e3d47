//! Sentence segmentation.
//!
//! Paragraphs (blank-line separated) never share a sentence. Within them, a
//! [`SentenceSplitter`] finds boundaries; [`SentencexSplitter`] wraps the `sentencex`
//! crate, the best-scoring Rust splitter on our suites. Input that is already one sentence
//! per line (DUC's news clusters are) is detected and taken line by line, so a line break
//! is always a boundary there and an abbreviation never splits a line.

use std::ops::Range;

use epitome_core::SentenceSplitter;

/// How a document's lines relate to its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SegmentMode {
    /// Decide from the text (see [`looks_one_per_line`]).
    #[default]
    Auto,
    /// Every non-empty line is exactly one sentence.
    Lines,
    /// Running prose: lines may wrap inside sentences.
    Prose,
}

/// The `sentencex` splitter for one language.
#[derive(Debug, Clone)]
pub struct SentencexSplitter {
    lang: String,
}

impl SentencexSplitter {
    /// A splitter for an ISO 639-1 language code (`en`, `de`, …); unknown codes fall back
    /// to sentencex's generic rules.
    pub fn new(lang: &str) -> Self {
        SentencexSplitter {
            lang: lang.to_owned(),
        }
    }
}

impl Default for SentencexSplitter {
    fn default() -> Self {
        Self::new("en")
    }
}

impl SentenceSplitter for SentencexSplitter {
    fn name(&self) -> &'static str {
        "sentencex"
    }

    fn split(&self, text: &str) -> Vec<Range<usize>> {
        sentencex::get_sentence_boundaries(&self.lang, text)
            .into_iter()
            .filter(|b| b.start_byte <= b.end_byte && b.end_byte <= text.len())
            .map(|b| b.start_byte..b.end_byte)
            .collect()
    }
}

/// How many leading lines are inspected to decide the mode.
const SNIFF_LINES: usize = 200;

/// Whether a text looks like one sentence per line: at least three lines, most of them
/// ending like sentences, and the splitter finding more than one sentence in almost none.
pub fn looks_one_per_line(text: &str, splitter: &dyn SentenceSplitter) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(SNIFF_LINES)
        .collect();
    if lines.len() < 3 {
        return false;
    }
    let terminal = lines.iter().filter(|l| ends_like_sentence(l)).count();
    let multi = lines
        .iter()
        .filter(|l| {
            splitter
                .split(l)
                .iter()
                .filter(|r| has_word(&l[(*r).clone()]))
                .count()
                > 1
        })
        .count();
    terminal * 2 >= lines.len() && multi * 10 <= lines.len()
}

fn ends_like_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

fn has_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Trims whitespace off a range of `text`; `None` if nothing with a letter or digit remains.
fn trimmed(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !has_word(t) {
        return None;
    }
    Some(r.start + lead..r.start + lead + t.len())
}

/// The sentences of a (normalized) document text, as trimmed byte ranges in order.
pub fn segment_document(
    text: &str,
    splitter: &dyn SentenceSplitter,
    mode: SegmentMode,
) -> Vec<Range<usize>> {
    let lines = match mode {
        SegmentMode::Lines => true,
        SegmentMode::Prose => false,
        SegmentMode::Auto => looks_one_per_line(text, splitter),
    };
    let mut out = Vec::new();
    if lines {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            out.extend(trimmed(text, at..at + line.len()));
            at += line.len();
        }
        return out;
    }
    for (start, para) in paragraphs(text) {
        let mut covered = 0;
        for r in splitter.split(para) {
            // Never lose text: anything the splitter skipped joins the next sentence.
            let r = covered.min(r.start)..r.end.max(covered);
            covered = r.end;
            out.extend(trimmed(text, start + r.start..start + r.end));
        }
        if covered < para.len() {
            out.extend(trimmed(text, start + covered..start + para.len()));
        }
    }
    out
}

/// Paragraphs of `text` (separated by blank lines) with their byte offsets.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split("\n\n").map(move |p| {
        let start = at;
        at += p.len() + 2;
        (start, p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str, mode: SegmentMode) -> Vec<&str> {
        segment_document(text, &SentencexSplitter::default(), mode)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn prose_splits_and_respects_abbreviations() {
        let got = sents(
            "Dr. Lane arrived at 9 a.m. on Monday. The bridge held.\n\nNew section here.",
            SegmentMode::Auto,
        );
        assert_eq!(
            got,
            [
                "Dr. Lane arrived at 9 a.m. on Monday.",
                "The bridge held.",
                "New section here."
            ]
        );
    }

    #[test]
    fn one_sentence_per_line_is_detected() {
        let text = "Gov. Hale signed the bill on Jan. 3 in the capital.\nThe vote was close.\nCritics said the plan costs too much.\nSupporters disagreed";
        assert!(looks_one_per_line(text, &SentencexSplitter::default()));
        assert_eq!(sents(text, SegmentMode::Auto).len(), 4);
        assert_eq!(sents(text, SegmentMode::Auto)[3], "Supporters disagreed");
    }

    #[test]
    fn hard_wrapped_prose_is_not_taken_line_by_line() {
        let text = "The council met on Tuesday and voted\nto repair the old bridge before the\nwinter. Work starts in May and\nshould end by the autumn.";
        assert!(!looks_one_per_line(text, &SentencexSplitter::default()));
        let got = sents(text, SegmentMode::Auto);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn ranges_without_words_are_dropped() {
        assert_eq!(
            sents("*** \n\n --- \n\nReal text.", SegmentMode::Auto),
            ["Real text."]
        );
    }
}
