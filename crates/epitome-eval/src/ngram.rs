//! N-gram and skip-bigram counts and their clipped overlap.
//!
//! Tokens are interned ids (`u32`); an n-gram is a window of them. The overlap of two
//! count tables is clipped: a gram counts `min(model count, peer count)` times, so a peer
//! cannot earn credit twice for saying the same thing twice.

use std::collections::HashMap;
use std::hash::Hash;

/// How often each gram occurs, and how many grams there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts<K: Hash + Eq> {
    /// Occurrences of each distinct gram.
    pub grams: HashMap<K, u32>,
    /// The number of grams (the sum of all occurrences).
    pub total: u64,
}

impl<K: Hash + Eq> Default for Counts<K> {
    fn default() -> Self {
        Counts {
            grams: HashMap::new(),
            total: 0,
        }
    }
}

impl<K: Hash + Eq> Counts<K> {
    fn add(&mut self, key: K) {
        *self.grams.entry(key).or_insert(0) += 1;
        self.total += 1;
    }

    /// The clipped number of grams `self` and `other` share: the sum over grams of the
    /// smaller count.
    pub fn overlap(&self, other: &Counts<K>) -> u64 {
        let (small, large) = if self.grams.len() <= other.grams.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .grams
            .iter()
            .filter_map(|(k, &a)| large.grams.get(k).map(|&b| u64::from(a.min(b))))
            .sum()
    }
}

/// The n-grams of `tokens` (windows of `n`); none when `tokens` is shorter than `n`.
///
/// ```
/// use epitome_eval::ngram::ngrams;
/// let c = ngrams(&[1, 2, 1, 2], 2);
/// assert_eq!(c.total, 3);
/// assert_eq!(c.grams[&[1, 2][..]], 2);
/// ```
pub fn ngrams(tokens: &[u32], n: usize) -> Counts<&[u32]> {
    let mut c = Counts::default();
    if n > 0 {
        for w in tokens.windows(n) {
            c.add(w);
        }
    }
    c
}

/// A skip-bigram, or a unigram when skip-bigrams are counted with unigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipGram {
    /// One token (ROUGE-SU's "start-of-sentence symbol + token").
    Unigram(u32),
    /// A token followed, at most `max_gap` tokens later, by another.
    Bigram(u32, u32),
}

/// The skip-bigrams of `tokens` whose two words are at most `max_gap` words apart
/// (`None`: any distance), plus each token as a unigram when `with_unigrams` (ROUGE-SU).
///
/// This is ROUGE-1.5.5's `createSkipBigram`, including its one quirk: the last token is
/// never counted as a unigram (its loop stops one token early), so one token alone gives
/// no gram at all.
///
/// ```
/// use epitome_eval::ngram::skip_bigrams;
/// // a b c, gap 1: (a,b) (a,c) (b,c) and, with unigrams, a b (not c).
/// assert_eq!(skip_bigrams(&[1, 2, 3], Some(1), true).total, 5);
/// ```
pub fn skip_bigrams(
    tokens: &[u32],
    max_gap: Option<usize>,
    with_unigrams: bool,
) -> Counts<SkipGram> {
    let mut c = Counts::default();
    let n = tokens.len();
    for i in 0..n.saturating_sub(1) {
        if with_unigrams {
            c.add(SkipGram::Unigram(tokens[i]));
        }
        let last = match max_gap {
            Some(g) => (i + g + 1).min(n - 1),
            None => n - 1,
        };
        for j in i + 1..=last {
            c.add(SkipGram::Bigram(tokens[i], tokens[j]));
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipped_overlap_by_hand() {
        // model: the cat the cat sat -> the:2 cat:2 sat:1
        // peer:  the the the cat     -> the:3 cat:1
        // clipped: min(2,3) + min(2,1) = 3
        let model = ngrams(&[1, 2, 1, 2, 3], 1);
        let peer = ngrams(&[1, 1, 1, 2], 1);
        assert_eq!(model.overlap(&peer), 3);
        assert_eq!(peer.overlap(&model), 3);
        assert_eq!(model.total, 5);
        assert_eq!(ngrams(&[1, 2], 3).total, 0);
    }

    #[test]
    fn skip_bigrams_by_hand() {
        // a b c d e, gap 4 (SU4): every ordered pair, C(5,2)=10, plus unigrams a b c d = 4.
        let su4 = skip_bigrams(&[1, 2, 3, 4, 5], Some(4), true);
        assert_eq!(su4.total, 14);
        // gap 0: only adjacent pairs = bigrams.
        assert_eq!(skip_bigrams(&[1, 2, 3, 4, 5], Some(0), false).total, 4);
        assert_eq!(skip_bigrams(&[7], Some(4), true).total, 0);
        // gap 1 on a..e: ab ac bc bd cd ce de = 7.
        assert_eq!(skip_bigrams(&[1, 2, 3, 4, 5], Some(1), false).total, 7);
    }
}
