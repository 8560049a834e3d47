//! Exact near-duplicate detection: an all-pairs Jaccard similarity join with prefix
//! filtering (Bayardo et al., "Scaling up all pairs similarity search"), with a cap on
//! how far back each posting list is probed (see `MAX_PROBES`).
//!
//! Each sentence is the set of its word stems. Tokens are ordered rarest first; two sets
//! with Jaccard ≥ t must share a token among the first `|s| − ⌈t·|s|⌉ + 1` of each, so
//! only those prefixes are indexed. Below the probe cap the join is exact (no false
//! negatives; a proptest checks it against brute force) and, because prefixes hold rare
//! tokens, close to linear on real text.

use crate::pool::SentenceIn;

/// Default Jaccard similarity at which two sentences count as the same sentence.
pub const DEFAULT_DUPLICATE_JACCARD: f64 = 0.7;

/// At most this many of the latest sentences sharing a prefix token are compared. On real
/// text prefixes hold rare tokens and lists stay short; on templated text (thousands of
/// sentences built from the same few words) this keeps the join linear, at the price of
/// possibly missing a duplicate that lies further back.
const MAX_PROBES: usize = 256;

/// Sets smaller than this only group with identical sets.
const MIN_FUZZY_SET: usize = 5;

/// Groups of sentence indices that are near-duplicates, each sorted, ordered by first member.
pub(crate) fn near_duplicates(
    sentences: &[SentenceIn],
    vocab_len: usize,
    threshold: f64,
) -> Vec<Vec<usize>> {
    let n = sentences.len();
    let t = threshold.clamp(0.01, 1.0);
    let sets: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            let mut v = s.terms.clone();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut freq = vec![0u32; vocab_len];
    for s in &sets {
        for &x in s {
            freq[x as usize] += 1;
        }
    }
    let mut parent: Vec<usize> = (0..n).collect();
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); vocab_len];
    let mut probed = vec![usize::MAX; n];
    for i in 0..n {
        let s = &sets[i];
        if s.is_empty() {
            continue;
        }
        let mut by_rarity = s.clone();
        by_rarity.sort_unstable_by_key(|&x| (freq[x as usize], x));
        let prefix = s.len() - (t * s.len() as f64).ceil() as usize + 1;
        for &tok in &by_rarity[..prefix.min(s.len())] {
            let postings = &index[tok as usize];
            for &j in &postings[postings.len().saturating_sub(MAX_PROBES)..] {
                let j = j as usize;
                if probed[j] == i {
                    continue;
                }
                probed[j] = i;
                let need = if s.len().min(sets[j].len()) < MIN_FUZZY_SET {
                    1.0
                } else {
                    t
                };
                if jaccard(s, &sets[j]) >= need {
                    union(&mut parent, i, j);
                }
            }
            index[tok as usize].push(i as u32);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![usize::MAX; n];
    for i in 0..n {
        let r = find(&mut parent, i);
        if group_of[r] == usize::MAX {
            group_of[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of[r]].push(i);
    }
    groups
}

fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller index becomes the root so groups are stable.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sent(doc: usize, terms: &[u32]) -> SentenceIn {
        SentenceIn {
            doc,
            index: 0,
            text: String::new(),
            terms: terms.to_vec(),
            content: terms.to_vec(),
            stop: vec![false; terms.len()],
        }
    }

    /// The obvious quadratic join, as the reference the fast one must equal.
    fn brute_force(sentences: &[SentenceIn], t: f64) -> Vec<Vec<usize>> {
        let n = sentences.len();
        let sets: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| {
                let mut v = s.terms.clone();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let mut parent: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in 0..i {
                if sets[i].is_empty() || sets[j].is_empty() {
                    continue;
                }
                let need = if sets[i].len().min(sets[j].len()) < MIN_FUZZY_SET {
                    1.0
                } else {
                    t
                };
                if jaccard(&sets[i], &sets[j]) >= need {
                    union(&mut parent, i, j);
                }
            }
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of = vec![usize::MAX; n];
        for i in 0..n {
            let r = find(&mut parent, i);
            if group_of[r] == usize::MAX {
                group_of[r] = groups.len();
                groups.push(Vec::new());
            }
            groups[group_of[r]].push(i);
        }
        groups
    }

    #[test]
    fn groups_near_duplicates_across_documents() {
        let s = vec![
            sent(0, &[1, 2, 3, 4, 5, 6, 7, 8, 9]),
            sent(1, &[10, 11, 12, 13, 14]),
            sent(2, &[1, 2, 3, 4, 5, 6, 7, 8, 20]),
            sent(2, &[1, 2]),
        ];
        assert_eq!(
            near_duplicates(&s, 30, 0.7),
            vec![vec![0, 2], vec![1], vec![3]]
        );
    }

    proptest! {
        #[test]
        fn prefix_filtered_join_equals_brute_force(
            sets in prop::collection::vec(prop::collection::vec(0u32..12, 0..9), 0..30),
            t in 0.3f64..1.0,
        ) {
            let s: Vec<SentenceIn> = sets.iter().enumerate().map(|(i, v)| sent(i % 3, v)).collect();
            prop_assert_eq!(near_duplicates(&s, 12, t), brute_force(&s, t));
        }
    }
}
