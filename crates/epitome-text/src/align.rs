//! Sentence boundaries for unpunctuated text, found by aligning documents of one cluster.
//!
//! Lowercased, tokenized extracts (three of the seeds are) often have no sentence-final
//! punctuation at all, so a splitter sees one giant sentence. But the documents of a
//! cluster repeat each other: where a long run of words is shared by two documents, the
//! run's ends are where the extracts diverge, and extracts diverge at sentence
//! boundaries. So every maximal shared run of at least [`MIN_RUN`] words marks a boundary
//! at its start and at its end, in each document it occurs in.
//!
//! Only overlong, unpunctuated segments are cut ([`needs_alignment`]); ordinary sentences
//! are never touched, and a cluster without such segments costs nothing.

use std::collections::HashMap;
use std::ops::Range;

/// Shared runs shorter than this many words are not evidence of a boundary.
pub const MIN_RUN: usize = 8;

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

/// Cuts the overlong unpunctuated segments of each document where runs shared with
/// another document begin or end. `texts[d]` is document `d`'s text and `segments[d]`
/// its sentence ranges, which are refined in place.
pub fn refine_by_alignment(texts: &[&str], segments: &mut [Vec<Range<usize>>]) {
    let long: Vec<bool> = texts
        .iter()
        .zip(segments.iter())
        .map(|(t, segs)| segs.iter().any(|r| needs_alignment(&t[r.clone()])))
        .collect();
    if texts.len() < 2 || !long.iter().any(|&l| l) {
        return;
    }
    let mut keys = HashMap::new();
    let docs: Vec<Vec<Word>> = texts.iter().map(|t| words(t, &mut keys)).collect();

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
        if !long[d] {
            continue;
        }
        let seq = &ids[d];
        let mut cut = vec![false; seq.len() + 1];
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
                cut[i] = true;
                cut[i + len] = true;
            }
        }
        let words = &docs[d];
        let mut refined = Vec::with_capacity(segments[d].len());
        for r in segments[d].drain(..) {
            if !needs_alignment(&texts[d][r.clone()]) {
                refined.push(r);
                continue;
            }
            let first = words.partition_point(|w| w.start < r.start);
            let last = words.partition_point(|w| w.start < r.end);
            let mut piece_start = first;
            for k in first + 1..last {
                if cut[k] && k - piece_start >= MIN_PIECE_WORDS && last - k >= MIN_PIECE_WORDS {
                    let end = trim_end(
                        texts[d],
                        words[piece_start].start.max(r.start),
                        words[k].start,
                    );
                    refined.push(words[piece_start].start.max(r.start)..end);
                    piece_start = k;
                }
            }
            refined.push(words[piece_start].start.max(r.start)..r.end);
        }
        segments[d] = refined;
    }
}

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
