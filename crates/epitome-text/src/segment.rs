//! Sentence segmentation.
//!
//! Paragraphs (blank-line separated) never share a sentence. Within them, a
//! [`SentenceSplitter`] finds boundaries; [`SentencexSplitter`] wraps the `sentencex`
//! crate, the best-scoring Rust splitter on our suites. Input that is already one sentence
//! per line (DUC's news clusters are) is detected and taken line by line, so a line break
//! is always a boundary there and an abbreviation never splits a line.

use std::ops::Range;

use epitome_core::SentenceSplitter;

use crate::boundary::{BoundaryModel, Phrases};
use crate::runon::split_run_ons;

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

/// A "sentence" longer than this many words is split by force into pieces of this size.
/// Text with no boundary at all (a 10 MB run of unpunctuated words) must still give
/// sentences of bounded size, so every later stage stays linear.
pub const MAX_SENTENCE_WORDS: usize = 250;

/// Whether a text as a whole lacks sentence punctuation: at least
/// [`LONG_SEGMENT_WORDS`](crate::align::LONG_SEGMENT_WORDS) words and fewer than one
/// sentence mark per that many words (lowercased, tokenized extracts; transcripts).
pub fn looks_unpunctuated(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let stops = text.matches(['.', '!', '?']).count();
    words >= crate::align::LONG_SEGMENT_WORDS && stops * crate::align::LONG_SEGMENT_WORDS < words
}

/// Whether a segment is a run of unpunctuated sentences rather than one sentence. In a
/// document that [`looks_unpunctuated`], any long segment without a final stop is
/// ([`needs_alignment`](crate::align::needs_alignment)); in a punctuated document only a
/// segment of [`VERY_LONG_WORDS`] words or more with hardly a stop is, so that long
/// punctuated sentences are never touched.
pub fn is_unpunctuated(segment: &str, unpunctuated_doc: bool) -> bool {
    (unpunctuated_doc && crate::align::needs_alignment(segment))
        || (segment.split_whitespace().count() >= VERY_LONG_WORDS && looks_unpunctuated(segment))
}

/// A segment this long with hardly a stop is cut by the boundary model in any document:
/// it would be split by force otherwise, and the model's cuts are better than arbitrary ones.
pub const VERY_LONG_WORDS: usize = MAX_SENTENCE_WORDS;

/// The sentences of a (normalized) document text, as trimmed byte ranges in order.
///
/// Long unpunctuated segments ([`is_unpunctuated`]) are cut by the built-in
/// [`BoundaryModel`]; a range still longer than [`MAX_SENTENCE_WORDS`] words is split at
/// word boundaries.
pub fn segment_document(
    text: &str,
    splitter: &dyn SentenceSplitter,
    mode: SegmentMode,
) -> Vec<Range<usize>> {
    segment_document_with(text, splitter, mode, BoundaryModel::builtin())
}

/// Like [`segment_document`], with long unpunctuated segments cut by `model` (a model
/// the user trained, say) instead of the built-in one; `None`: by forced splits only.
pub fn segment_document_with(
    text: &str,
    splitter: &dyn SentenceSplitter,
    mode: SegmentMode,
    model: Option<&BoundaryModel>,
) -> Vec<Range<usize>> {
    segment_document_in(text, splitter, mode, model, &Phrases::of(vec![text]))
}

/// Like [`segment_document_with`], with the fixed phrases the model does not cut counted
/// over `phrases`' texts (every document of the cluster `text` belongs to) rather than
/// `text` alone.
pub fn segment_document_in(
    text: &str,
    splitter: &dyn SentenceSplitter,
    mode: SegmentMode,
    model: Option<&BoundaryModel>,
    phrases: &Phrases<'_>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let unpunctuated = looks_unpunctuated(text);
    for r in split_sentences(text, splitter, mode) {
        model_split(model, text, r, unpunctuated, phrases, &mut out);
    }
    out
}

/// Pushes `r`, cut by `model` if it is unpunctuated (see [`is_unpunctuated`];
/// `unpunctuated_doc`: whether its document [`looks_unpunctuated`]), or else at run-on
/// boundaries where capitals and the model agree ([`split_run_ons`]), with every piece
/// bounded by [`force_split`]. The model does not cut the fixed `phrases`.
pub(crate) fn model_split(
    model: Option<&BoundaryModel>,
    text: &str,
    r: Range<usize>,
    unpunctuated_doc: bool,
    phrases: &Phrases<'_>,
    out: &mut Vec<Range<usize>>,
) {
    match model {
        Some(model) if is_unpunctuated(&text[r.clone()], unpunctuated_doc) => {
            for p in model.split_in(text, r, phrases) {
                force_split(text, p, out);
            }
        }
        Some(model) => {
            let mut pieces = Vec::new();
            split_run_ons(text, r, model, &mut pieces);
            for p in pieces {
                force_split(text, p, out);
            }
        }
        None => force_split(text, r, out),
    }
}

/// Paragraphs longer than this many bytes reach the splitter in pieces of about this
/// size, cut at whitespace: sentencex slows down more than linearly on long stretches
/// without sentence ends.
const SPLIT_CHUNK: usize = 16 << 10;

/// The splitter's ranges for `para`, calling it on chunks of at most about
/// [`SPLIT_CHUNK`] bytes. A chunk edge becomes a boundary only where the text before it
/// ends like a sentence; otherwise the pieces on both sides are joined.
fn split_bounded(splitter: &dyn SentenceSplitter, para: &str) -> Vec<Range<usize>> {
    if para.len() <= SPLIT_CHUNK {
        return splitter.split(para);
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while start < para.len() {
        let mut end = (start + SPLIT_CHUNK).min(para.len());
        while !para.is_char_boundary(end) {
            end += 1;
        }
        if end < para.len() {
            // Cut after the last whitespace of the chunk, if it has any.
            if let Some(ws) = para[start..end].rfind(char::is_whitespace) {
                if ws > 0 {
                    end = start + ws + 1;
                    while !para.is_char_boundary(end) {
                        end += 1;
                    }
                }
            }
        }
        let mut first = true;
        for r in splitter.split(&para[start..end]) {
            let r = start + r.start..start + r.end;
            if first {
                first = false;
                if let Some(prev) = out.last_mut() {
                    if !ends_like_sentence(para[prev.clone()].trim_end()) {
                        prev.end = r.end;
                        continue;
                    }
                }
            }
            out.push(r);
        }
        start = end;
    }
    out
}

/// Pushes `r`, cut into pieces of at most [`MAX_SENTENCE_WORDS`] words.
fn force_split(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = r.start;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[r.clone()].char_indices() {
        let at = r.start + i;
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            if words == MAX_SENTENCE_WORDS {
                let end = start + text[start..at].trim_end().len();
                out.push(start..end);
                start = at;
                words = 0;
            }
            words += 1;
        }
    }
    out.push(start..r.end);
}

fn split_sentences(
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
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut covered = 0;
        for r in split_bounded(splitter, para) {
            // Never lose text: anything the splitter skipped joins the next piece.
            let r = covered.min(r.start)..r.end.max(covered);
            covered = r.end;
            pieces.push(r);
        }
        if covered < para.len() {
            pieces.push(covered..para.len());
        }
        let pieces = rebound(para, pieces);
        for r in attach_debris(para, pieces) {
            out.extend(trimmed(text, start + r.start..start + r.end));
        }
    }
    out
}

/// Adjusts the splitter's boundaries with rules it lacks: inline numbered or lettered
/// lists ("1. The first item 2. The second item"), paragraphs of short unpunctuated
/// lines (a list of features, an address), and a four-dot ellipsis ending a sentence
/// ("weakened. . . . The practice").
fn rebound(para: &str, pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = pieces.iter().map(|r| r.start).collect();
    let markers = list_markers(para);
    if !markers.is_empty() {
        // No boundary between a marker and its item; a boundary before every marker.
        starts.retain(|&s| !markers.iter().any(|&(m, next)| m < s && s <= next));
        starts.extend(markers.iter().map(|&(m, _)| m));
    }
    let lines: Vec<&str> = para.lines().collect();
    if lines.len() >= 2
        && lines
            .iter()
            .all(|l| l.trim().chars().count() <= SHORT_LINE && !ends_like_sentence(l.trim()))
    {
        let mut at = 0;
        for l in para.split_inclusive('\n') {
            starts.push(at);
            at += l.len();
        }
    }
    let mut moved = Vec::new();
    for r in &pieces {
        let piece = &para[r.clone()];
        let body = piece.trim_end();
        if body.ends_with(". . . .") && r.end < para.len() {
            let head = body.len() - ". . . .".len();
            if piece[..head].ends_with(char::is_alphanumeric) {
                // The first dot ends the sentence; ". . ." opens the next one.
                moved.push((r.end, r.start + head + 1));
            }
        }
    }
    for (from, to) in moved {
        starts.retain(|&s| s != from);
        starts.push(to);
    }
    starts.push(0);
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    if let Some(&last) = starts.last() {
        out.push(last..para.len());
    }
    out
}

/// Lines of at most this many characters are list items rather than wrapped prose.
const SHORT_LINE: usize = 32;

/// Inline list markers (`1.`, `a.`, `⁃9.`) that are part of a run of consecutive
/// markers, as (marker start, start of the item's first word).
fn list_markers(para: &str) -> Vec<(usize, usize)> {
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for t in para.split_inclusive(char::is_whitespace) {
        let lead = t.len() - t.trim_start().len();
        if !t.trim().is_empty() {
            tokens.push((at + lead, t.trim()));
        }
        at += t.len();
    }
    let value = |t: &str| -> Option<u32> {
        let t = t.trim_start_matches(['⁃', '•', '-']);
        let body = t.strip_suffix('.')?;
        if !body.is_empty() && body.len() <= 2 && body.chars().all(|c| c.is_ascii_digit()) {
            return body.parse().ok();
        }
        let mut cs = body.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_lowercase() => Some(c as u32 - 'a' as u32 + 1),
            _ => None,
        }
    };
    let bullet = |t: &str| matches!(t, "•" | "⁃" | "-" | "*" | "·");
    let found: Vec<(usize, usize, u32)> = tokens
        .windows(2)
        .enumerate()
        .filter_map(|(i, w)| {
            let v = value(w[0].1)?;
            // A lone bullet before the number belongs to the item.
            let start = match i.checked_sub(1).map(|j| tokens[j]) {
                Some((b, t)) if bullet(t) => b,
                _ => w[0].0,
            };
            Some((start, w[1].0, v))
        })
        .collect();
    let consecutive = found.windows(2).any(|w| w[1].2 == w[0].2 + 1);
    if !consecutive {
        return Vec::new();
    }
    found.into_iter().map(|(m, next, _)| (m, next)).collect()
}

/// Joins pieces without words ("…", a lone "[22]") to the sentence before them (or, at
/// the start of a paragraph, after them), and moves citation markers that open a piece
/// (`[22]`, `[citation needed]`) back to the sentence they cite.
fn attach_debris(para: &str, pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    let mut pending: Option<usize> = None; // start of wordless text before any sentence
    for mut r in pieces {
        if let Some(p) = pending.take() {
            r.start = p;
        }
        if let Some(prev) = out.last_mut() {
            let lead = leading_citations(&para[r.clone()]);
            if lead > 0 {
                prev.end = r.start + lead;
                r.start += lead;
            }
            if !has_word(&para[r.clone()]) {
                prev.end = r.end;
                continue;
            }
        } else if !has_word(&para[r.clone()]) {
            pending = Some(r.start);
            continue;
        }
        out.push(r);
    }
    if let (Some(p), Some(last)) = (pending, out.last_mut()) {
        last.end = last.end.max(p);
    }
    out
}

/// Length of the citation markers (`[6]`, `[6][7]`, `[citation needed]`, `[a]`) and the
/// whitespace between them at the start of `s`.
fn leading_citations(s: &str) -> usize {
    let mut at = s.len() - s.trim_start().len();
    let mut end = 0;
    while s[at..].starts_with('[') {
        let Some(close) = s[at..].find(']') else {
            break;
        };
        let inner = &s[at + 1..at + close];
        let citation = !inner.is_empty()
            && inner.len() <= 24
            && !inner.contains('[')
            && (inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' '))
                || inner.chars().count() <= 2
                || inner.eq_ignore_ascii_case("citation needed")
                || inner.eq_ignore_ascii_case("clarification needed")
                || inner == "...");
        if !citation {
            break;
        }
        end = at + close + 1;
        at = end + (s[end..].len() - s[end..].trim_start().len());
    }
    end
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
    fn paragraphs_without_words_are_dropped() {
        assert_eq!(
            sents("*** \n\n --- \n\nReal text.", SegmentMode::Auto),
            ["Real text."]
        );
    }

    #[test]
    fn wordless_pieces_and_citations_stay_with_their_sentence() {
        let got = sents(
            "It rose fast.[3][12] Crews came. [citation needed] Then it fell. . . .",
            SegmentMode::Prose,
        );
        assert_eq!(
            got,
            [
                "It rose fast.[3][12]",
                "Crews came. [citation needed]",
                "Then it fell. . . ."
            ]
        );
    }

    #[test]
    fn inline_lists_short_lines_and_ellipses() {
        assert_eq!(
            sents("1. The first item. 2. The second item.", SegmentMode::Prose),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            sents("a. One thing b. Another thing", SegmentMode::Prose),
            ["a. One thing", "b. Another thing"]
        );
        assert_eq!(
            sents("pros\nfast start\nlow cost", SegmentMode::Prose),
            ["pros", "fast start", "low cost"]
        );
        assert_eq!(
            sents("It was a cold\nnight in town.", SegmentMode::Prose),
            ["It was a cold\nnight in town."]
        );
        assert_eq!(
            sents(
                "• 9. The first item • 10. The second item",
                SegmentMode::Prose
            ),
            ["• 9. The first item", "• 10. The second item"]
        );
        assert_eq!(
            sents(
                "It was weakened. . . . The habit stayed. . . .",
                SegmentMode::Prose
            ),
            ["It was weakened.", ". . . The habit stayed. . . ."]
        );
    }

    #[test]
    fn a_sentence_without_end_is_split_by_force() {
        let text = "word ".repeat(3 * MAX_SENTENCE_WORDS + 7);
        let text = text.trim();
        let mut segs = Vec::new();
        force_split(text, 0..text.len(), &mut segs);
        let sizes: Vec<usize> = segs
            .iter()
            .map(|r| text[r.clone()].split_whitespace().count())
            .collect();
        assert_eq!(
            sizes,
            [
                MAX_SENTENCE_WORDS,
                MAX_SENTENCE_WORDS,
                MAX_SENTENCE_WORDS,
                7
            ]
        );
        // Through the whole splitter (and the boundary model) every piece stays bounded
        // and every word is kept.
        let segs = segment_document(text, &SentencexSplitter::default(), SegmentMode::Prose);
        let sizes: Vec<usize> = segs
            .iter()
            .map(|r| text[r.clone()].split_whitespace().count())
            .collect();
        assert!(sizes.iter().all(|&n| n <= MAX_SENTENCE_WORDS), "{sizes:?}");
        assert_eq!(sizes.iter().sum::<usize>(), 3 * MAX_SENTENCE_WORDS + 7);
    }

    #[test]
    fn unpunctuated_text_is_cut_by_the_model_and_punctuated_text_is_not() {
        let unp =
            "the treaty was signed in paris in march after months of talks between the powers \
                   it ended the war and it changed the map of the region for a generation \
                   we will look at what it said and why it mattered to the people who lived there";
        let segs = segment_document(unp, &SentencexSplitter::default(), SegmentMode::Prose);
        assert!(segs.len() >= 2, "{segs:?}");
        let punct = format!(
            "{}.",
            "a long clause, ".repeat(30).trim_end_matches([',', ' '])
        );
        assert_eq!(
            segment_document(&punct, &SentencexSplitter::default(), SegmentMode::Prose),
            vec![0..punct.len()]
        );
    }

    #[test]
    fn long_paragraphs_reach_the_splitter_in_chunks_without_false_boundaries() {
        let sentence = "The levee held through the night and the crews went home at dawn. ";
        let para = sentence.repeat(2 * SPLIT_CHUNK / sentence.len() + 3);
        let para = para.trim_end();
        let segs = split_bounded(&SentencexSplitter::default(), para);
        assert_eq!(segs.len(), 2 * SPLIT_CHUNK / sentence.len() + 3);
        assert!(segs
            .iter()
            .all(|r| para[r.clone()].trim() == sentence.trim()));
    }

    proptest::proptest! {
        #[test]
        fn segments_are_ordered_trimmed_and_in_bounds(text in "[a-zA-Z0-9 .,!?;:\\[\\]()⁃•…“”'\n-]{0,200}") {
            let segs = segment_document(&text, &SentencexSplitter::default(), SegmentMode::Auto);
            let mut at = 0;
            for r in segs {
                proptest::prop_assert!(at <= r.start && r.start < r.end && r.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                proptest::prop_assert_eq!(text[r.clone()].trim(), &text[r.clone()]);
                at = r.end;
            }
        }
    }
}
