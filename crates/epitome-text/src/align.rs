//! Sentence boundaries for unpunctuated text, found by aligning documents of one cluster.
//!
//! Lowercased, tokenized extracts (three of the seeds are) often have no sentence-final
//! punctuation at all, so a splitter sees one giant sentence. But the documents of a
//! cluster repeat each other: where a long run of words is shared by two documents, the
//! run's ends are where the extracts diverge, and extracts diverge at sentence
//! boundaries. So every maximal shared run of at least [`MIN_COPY_WORDS`] words marks a
//! boundary at its start and at its end, in each document it occurs in. Shorter runs are
//! phrases that sources reporting the same story share (`prime minister hun sen`, `the
//! two-thirds majority needed to form a government`), and they start and end
//! mid-sentence.
//!
//! Where one document of the cluster is punctuated, a passage it shares with an
//! unpunctuated one carries its sentence boundaries over. What alignment leaves long is
//! cut by the learned [`BoundaryModel`].
//!
//! Only overlong, unpunctuated stretches are cut ([`needs_alignment`]); ordinary sentences
//! are never touched, and a cluster without such stretches costs nothing.

use std::collections::HashMap;
use std::ops::Range;

use crate::boundary::{BoundaryModel, Phrases};
use crate::segment::{is_unpunctuated, looks_unpunctuated, model_split};

/// Shared runs shorter than this many words are not evidence of a boundary.
pub const MIN_RUN: usize = 8;

/// Shared runs of at least this many words are copied text, whose ends are sentence
/// boundaries; a shorter run still carries a punctuated copy's boundaries over, but its
/// own ends are not taken as boundaries. Measured with the `messy_clusters` example on
/// DUC 2004 (docs/BENCHMARKS.md): with every run of [`MIN_RUN`] words cutting, 22% of
/// the summary sentences drawn from unpunctuated copies of news clusters were whole
/// sentences; with 15, 25%, and the seeds' summary lost two fragments.
pub const MIN_COPY_WORDS: usize = 15;

/// Segments with at least this many words may be cut.
pub const LONG_SEGMENT_WORDS: usize = 40;

/// Pieces shorter than this many words are merged into their neighbour.
const MIN_PIECE_WORDS: usize = 4;

/// Whether a segment is long and unpunctuated enough to be cut by alignment: at least
/// [`LONG_SEGMENT_WORDS`] words, few sentence marks, and no sentence mark at its end (a
/// long sentence that ends properly is a long sentence, not a run of several).
pub fn needs_alignment(segment: &str) -> bool {
    let words = segment.split_whitespace().count();
    let stops = segment.matches(['.', '!', '?']).count();
    let ends = segment
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…']);
    words >= LONG_SEGMENT_WORDS && stops * LONG_SEGMENT_WORDS < words && !ends
}

/// A word of a document: its interned key and where it starts.
struct Word {
    key: u32,
    start: usize,
}

fn words(text: &str, keys: &mut HashMap<String, u32>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut at = 0;
    for tok in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += tok.len();
        let lead = tok.len() - tok.trim_start().len();
        let key: String = tok
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if key.is_empty() {
            continue;
        }
        let next = keys.len() as u32;
        let id = *keys.entry(key).or_insert(next);
        out.push(Word {
            key: id,
            start: start + lead,
        });
    }
    out
}

/// A run of consecutive segments of one document that together read as unpunctuated
/// text: indexes into the document's segments, `first..last`.
fn regions(text: &str, segs: &[Range<usize>]) -> Vec<Range<usize>> {
    let unpunctuated = looks_unpunctuated(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        // Join the next segment while this one does not end like a sentence and only
        // whitespace within one paragraph lies between them.
        while j < segs.len() {
            let prev = &text[segs[j - 1].clone()];
            let gap = &text[segs[j - 1].end..segs[j].start];
            let ends = prev
                .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
                .ends_with(['.', '!', '?', '…']);
            if ends || !gap.trim().is_empty() || gap.contains("\n\n") {
                break;
            }
            j += 1;
        }
        let span = &text[segs[i].start..segs[j - 1].end];
        if is_unpunctuated(span, unpunctuated) {
            out.push(i..j);
        }
        i = j;
    }
    out
}

/// Cuts the long unpunctuated stretches of each document. `texts[d]` is document `d`'s
/// text and `segments[d]` its sentence ranges, which are refined in place.
///
/// A stretch is a run of segments that reads as unpunctuated text (whatever cut it so far:
/// the boundary model in [`segment_document`](crate::segment_document) or forced splits).
/// Within it, evidence is taken in this order:
///
/// 1. where a passage is shared with a punctuated document of the cluster, the
///    punctuated copy's sentence boundaries are projected into it, and the passage is
///    taken as cut;
/// 2. the starts and ends of maximal runs of at least [`MIN_COPY_WORDS`] words shared
///    with any other document are boundaries;
/// 3. what remains long is cut by the built-in [`BoundaryModel`].
///
/// A single document, or a cluster without such stretches, is left as it is.
pub fn refine_by_alignment(texts: &[&str], segments: &mut [Vec<Range<usize>>]) {
    refine_by_alignment_with(texts, segments, BoundaryModel::builtin());
}

/// Like [`refine_by_alignment`], with what remains long cut by `model` instead of the
/// built-in model; `None`: by forced splits only.
pub fn refine_by_alignment_with(
    texts: &[&str],
    segments: &mut [Vec<Range<usize>>],
    model: Option<&BoundaryModel>,
) {
    refine_by_alignment_in(texts, segments, model, &Phrases::of(texts.to_vec()));
}

/// Like [`refine_by_alignment_with`], with the fixed phrases the model does not cut
/// already counted (over the same texts, [`Phrases::of`]), to share them with
/// [`segment_document_in`](crate::segment_document_in).
pub fn refine_by_alignment_in(
    texts: &[&str],
    segments: &mut [Vec<Range<usize>>],
    model: Option<&BoundaryModel>,
    phrases: &Phrases<'_>,
) {
    let regs: Vec<Vec<Range<usize>>> = texts
        .iter()
        .zip(segments.iter())
        .map(|(t, segs)| regions(t, segs))
        .collect();
    if texts.len() < 2 || regs.iter().all(Vec::is_empty) {
        return;
    }
    let mut keys = HashMap::new();
    let docs: Vec<Vec<Word>> = texts.iter().map(|t| words(t, &mut keys)).collect();

    // Words that start a sentence of a punctuated stretch (the evidence projected).
    let trusted: Vec<Vec<bool>> = docs
        .iter()
        .zip(segments.iter())
        .zip(&regs)
        .map(|((words, segs), regs)| {
            let mut starts = vec![false; words.len() + 1];
            let mut in_region = vec![false; segs.len()];
            for r in regs {
                in_region[r.clone()].iter_mut().for_each(|x| *x = true);
            }
            for (s, _) in segs.iter().zip(&in_region).filter(|(_, &r)| !r) {
                let w = words.partition_point(|w| w.start < s.start);
                starts[w] = true;
            }
            starts
        })
        .collect();

    // Index every MIN_RUN-gram by its first position in each document.
    let mut grams: HashMap<&[u32], Vec<(u32, u32)>> = HashMap::new();
    let ids: Vec<Vec<u32>> = docs
        .iter()
        .map(|w| w.iter().map(|w| w.key).collect())
        .collect();
    for (d, seq) in ids.iter().enumerate() {
        for (i, g) in seq.windows(MIN_RUN).enumerate() {
            grams.entry(g).or_default().push((d as u32, i as u32));
        }
    }

    for d in 0..docs.len() {
        if regs[d].is_empty() {
            continue;
        }
        let seq = &ids[d];
        let mut cut = vec![false; seq.len() + 1];
        // Boundaries projected from a punctuated copy, and words such a copy covers.
        let mut projected = vec![false; seq.len() + 1];
        let mut covered = vec![false; seq.len() + 1];
        for (i, g) in seq.windows(MIN_RUN).enumerate() {
            for &(e, j) in &grams[g] {
                let (e, j) = (e as usize, j as usize);
                if e == d {
                    continue;
                }
                let other = &ids[e];
                // Only maximal runs: the words before must differ (or one side starts).
                let same_before = i > 0 && j > 0 && seq[i - 1] == other[j - 1];
                if same_before {
                    continue;
                }
                let mut len = MIN_RUN;
                while i + len < seq.len() && j + len < other.len() && seq[i + len] == other[j + len]
                {
                    len += 1;
                }
                if len >= MIN_COPY_WORDS {
                    cut[i] = true;
                    cut[i + len] = true;
                }
                let punctuated = (0..len).any(|k| trusted[e][j + k]) || trusted[e][j + len];
                if punctuated {
                    for k in 0..len {
                        covered[i + k] = true;
                        if trusted[e][j + k] {
                            projected[i + k] = true;
                        }
                    }
                    if trusted[e][j + len] {
                        projected[i + len] = true;
                    }
                }
            }
        }
        let text = texts[d];
        let unpunctuated = looks_unpunctuated(text);
        let words = &docs[d];
        let old = std::mem::take(&mut segments[d]);
        let mut refined = Vec::with_capacity(old.len());
        let mut next = 0;
        for reg in &regs[d] {
            refined.extend(old[next..reg.start].iter().cloned());
            next = reg.end;
            let r = old[reg.start].start..old[reg.end - 1].end;
            let first = words.partition_point(|w| w.start < r.start);
            let last = words.partition_point(|w| w.start < r.end);
            let mut piece_start = first;
            let push = |from: usize, to: usize, end: usize, out: &mut Vec<Range<usize>>| {
                let start = if from == first {
                    r.start
                } else {
                    words[from].start
                };
                if (from..to).all(|k| covered[k]) || to - from < MIN_MODEL_WORDS {
                    out.push(start..end);
                } else {
                    model_split(model, text, start..end, unpunctuated, phrases, out);
                }
            };
            for k in first + 1..last {
                let aligned =
                    cut[k] && k - piece_start >= MIN_PIECE_WORDS && last - k >= MIN_PIECE_WORDS;
                if projected[k] || aligned {
                    let start = if piece_start == first {
                        r.start
                    } else {
                        words[piece_start].start
                    };
                    let end = trim_end(text, start, words[k].start);
                    push(piece_start, k, end, &mut refined);
                    piece_start = k;
                }
            }
            if piece_start < last {
                push(piece_start, last, r.end, &mut refined);
            }
        }
        refined.extend(old[next..].iter().cloned());
        segments[d] = refined;
    }
}

/// Pieces shorter than this many words, between two alignment boundaries, are taken as
/// one sentence rather than given to the boundary model.
const MIN_MODEL_WORDS: usize = 20;

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_runs_cut_unpunctuated_extracts_at_their_divergence() {
        let s1 = "the mill road levee gave way shortly before dawn and sent water into the eastbank district";
        let s2 = "roughly twelve hundred residents were evacuated from the low lying streets on the east side of town";
        let s3 = "the river crested at twenty one feet on tuesday which was six feet above the flood stage";
        let s4 = "volunteers filled sandbags through the night at the grange hall while the rain kept falling hard";
        let a = format!("{s1} {s2} {s3}");
        let b = format!("{s1} {s3} {s4}");
        let texts = [a.as_str(), b.as_str()];
        let mut segs = vec![vec![0..a.len()], vec![0..b.len()]];
        refine_by_alignment(&texts, &mut segs);
        let got: Vec<Vec<&str>> = segs
            .iter()
            .zip(texts)
            .map(|(s, t)| s.iter().map(|r| &t[r.clone()]).collect())
            .collect();
        assert_eq!(got[0], [s1, s2, s3]);
        assert_eq!(got[1], [s1, s3, s4]);
    }

    #[test]
    fn a_shared_phrase_is_not_a_boundary() {
        // Two reports of one story share a 12-word phrase, each inside a sentence of its
        // own: the phrase's ends are not where the documents' sentences end.
        let phrase = "the county board voted to approve the new flood relief budget on";
        assert!((MIN_RUN..MIN_COPY_WORDS).contains(&phrase.split(' ').count()));
        let a = format!(
            "after a long night of debate at the grange hall in the eastbank district {phrase} \
             tuesday and the mayor said the money would reach the families who lost their homes \
             within a month"
        );
        let b = format!(
            "residents who packed the meeting room cheered loudly when {phrase} tuesday evening \
             despite warnings from two members that the river could rise again before the \
             repairs along mill road were done"
        );
        let texts = [a.as_str(), b.as_str()];
        let mut segs = vec![vec![0..a.len()], vec![0..b.len()]];
        refine_by_alignment_with(&texts, &mut segs, None);
        assert_eq!(segs, vec![vec![0..a.len()], vec![0..b.len()]]);
    }

    #[test]
    fn aligned_passages_take_the_punctuated_copys_boundaries() {
        let sents = [
            "The Calder River crested at twenty one feet on Tuesday.",
            "Roughly twelve hundred residents were evacuated from the east side.",
            "Yes.",
            "The levee along Mill Road gave way shortly before dawn.",
            "Volunteers filled sandbags through the night at the Grange hall.",
        ];
        let cased = format!("Flood report.\n\n{}", sents.join(" "));
        let lower: Vec<String> = sents
            .iter()
            .map(|s| s.trim_end_matches('.').to_lowercase())
            .collect();
        let plain = format!(
            "{} and then the water slowly went down again",
            lower.join(" ")
        );
        let texts = [cased.as_str(), plain.as_str()];
        let splitter = crate::SentencexSplitter::default();
        let mut segs: Vec<Vec<Range<usize>>> = texts
            .iter()
            .map(|t| crate::segment_document(t, &splitter, crate::SegmentMode::Prose))
            .collect();
        let before = segs[0].clone();
        refine_by_alignment(&texts, &mut segs);
        assert_eq!(segs[0], before, "the punctuated copy is untouched");
        let got: Vec<&str> = segs[1].iter().map(|r| &plain[r.clone()]).collect();
        assert_eq!(
            got[..4],
            lower[..4].iter().map(String::as_str).collect::<Vec<_>>()[..]
        );
        assert!(got[4].starts_with(lower[4].as_str()), "{got:?}");
        let mut at = 0;
        for r in &segs[1] {
            assert!(at <= r.start && r.start < r.end && r.end <= plain.len());
            at = r.end;
        }
    }

    #[test]
    fn a_single_unpunctuated_document_is_cut_by_the_model_and_stays_bounded() {
        let base = "the river rose fast on tuesday and the town was flooded by noon \
                    we filled sandbags all night at the hall but the water kept coming \
                    in the morning the levee gave way and the east side was evacuated ";
        let text = base.repeat((4 << 20) / base.len());
        let splitter = crate::SentencexSplitter::default();
        let mut segs = vec![crate::segment_document(
            &text,
            &splitter,
            crate::SegmentMode::Auto,
        )];
        refine_by_alignment(&[text.as_str()], &mut segs);
        let words = text.split_whitespace().count();
        assert!(segs[0].len() > words / crate::segment::MAX_SENTENCE_WORDS * 5);
        let mut at = 0;
        let mut seen = 0;
        for r in &segs[0] {
            assert!(at <= r.start && r.start < r.end && r.end <= text.len());
            let n = text[r.clone()].split_whitespace().count();
            assert!(n <= crate::segment::MAX_SENTENCE_WORDS);
            seen += n;
            at = r.end;
        }
        assert_eq!(seen, words);
    }

    #[test]
    fn punctuated_and_single_documents_are_left_alone() {
        let t = "One sentence here. Another one there.";
        let mut segs = vec![vec![0..18, 19..t.len()]];
        refine_by_alignment(&[t], &mut segs);
        assert_eq!(segs, vec![vec![0..18, 19..t.len()]]);
        assert!(!needs_alignment(t));
        let long = format!("{} ends properly.", "a long clause, ".repeat(20));
        assert!(!needs_alignment(&long));
        assert!(needs_alignment(&"and on it went ".repeat(12)));
    }
}
