//! Fixed phrases of the text at hand, which a sentence boundary does not split.
//!
//! The boundary model reads a rare word as an unknown word of its shape, and in its
//! training text such words (names, mostly) often start sentences. In a news story the
//! same names recur mid-sentence (`hun sen`, `north korea`, `baltasar garzon`), and the
//! model alone cuts them: `… citing hun | sen 's threats …`. The text itself says
//! better: a pair of words that recurs side by side far more often than its words'
//! frequencies predict is a phrase, and a sentence boundary between its two words would
//! have to recur with it. [`Phrases`] counts the adjacent pairs of a document, or of all
//! the documents of a cluster, and the decoder lowers the boundary score of a gap inside
//! such a pair by [`PHRASE_PENALTY`].

use std::cell::OnceCell;
use std::collections::HashMap;

use super::tokenize;

/// Log-odds taken off a gap between the two words of a phrase of [`Phrases`].
/// Measured with the `messy_clusters` example (DUC 2004, every document lowercased,
/// tokenized and unpunctuated; docs/BENCHMARKS.md), whole summary sentences: 24.6%
/// without, 37.6% at 3, **37.3% at 6**, 34.8% at 10.
pub const PHRASE_PENALTY: f32 = 6.0;

/// A pair is a phrase when its pointwise mutual information (natural log) is at least
/// this: its words are side by side at least e³ ≈ 20 times as often as chance would put
/// them. `said the` scores about 1, `hun sen` or `north korea` 4 to 6.
pub const PHRASE_MIN_PMI: f64 = 3.0;

/// A pair must occur side by side at least this often to be a phrase.
pub const PHRASE_MIN_COUNT: u32 = 2;

/// The adjacent word pairs of some texts, counted when first asked about.
#[derive(Debug, Default)]
pub struct Phrases<'a> {
    texts: Vec<&'a str>,
    counts: OnceCell<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    words: HashMap<u64, u32>,
    pairs: HashMap<(u64, u64), u32>,
    total: f64,
}

impl<'a> Phrases<'a> {
    /// The phrases of `texts` (one document, or every document of a cluster). Nothing
    /// is counted until a gap is asked about, so text the model never cuts costs nothing.
    pub fn of(texts: Vec<&'a str>) -> Phrases<'a> {
        Phrases {
            texts,
            counts: OnceCell::new(),
        }
    }

    /// No text: no pair is a phrase.
    pub fn none() -> Phrases<'static> {
        Phrases::default()
    }

    /// Whether the words whose keys are `a` and `b` (the hashes the model's tokenizer
    /// gives them), side by side, form a phrase: they occur so at least
    /// [`PHRASE_MIN_COUNT`] times, with a pointwise mutual information of at least
    /// [`PHRASE_MIN_PMI`].
    pub(crate) fn binds(&self, a: u64, b: u64) -> bool {
        if self.texts.is_empty() {
            return false;
        }
        let c = self.counts.get_or_init(|| count(&self.texts));
        let Some(&together) = c.pairs.get(&(a, b)) else {
            return false;
        };
        if together < PHRASE_MIN_COUNT {
            return false;
        }
        let fa = f64::from(c.words.get(&a).copied().unwrap_or(1));
        let fb = f64::from(c.words.get(&b).copied().unwrap_or(1));
        (f64::from(together) * c.total / (fa * fb)).ln() >= PHRASE_MIN_PMI
    }
}

fn count(texts: &[&str]) -> Counts {
    let mut c = Counts::default();
    for text in texts {
        let tokens = tokenize(text, 0..text.len());
        for t in &tokens {
            *c.words.entry(t.word).or_default() += 1;
        }
        for p in tokens.windows(2) {
            *c.pairs.entry((p[0].word, p[1].word)).or_default() += 1;
        }
        c.total += tokens.len() as f64;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> u64 {
        tokenize(word, 0..word.len())[0].word
    }

    #[test]
    fn a_recurring_name_is_a_phrase_and_a_common_pair_is_not() {
        let text = "talks stalled after hun sen rejected the offer and the opposition \
                    said the prime minister was stalling , but hun sen said the talks \
                    would go on and the opposition said it would wait for hun sen to \
                    return from the capital before the vote on the new budget which \
                    the king has asked both parties to settle by the end of november \
                    so that a coalition government can take office before the monsoon";
        let p = Phrases::of(vec![text]);
        assert!(p.binds(key("hun"), key("sen")));
        assert!(!p.binds(key("said"), key("the")));
        assert!(
            !p.binds(key("sen"), key("hun")),
            "never side by side that way"
        );
        assert!(!Phrases::none().binds(key("hun"), key("sen")));
        // Once is not enough.
        let once = Phrases::of(vec!["the talks stalled after hun sen rejected the offer"]);
        assert!(!once.binds(key("hun"), key("sen")));
    }

    #[test]
    fn a_cluster_counts_every_document() {
        let a = "the opposition leaders cited threats from hun sen as the main reason for \
                 the long delay in forming a coalition government in phnom penh";
        let b = "hun sen rejected their demands on friday and said a summit abroad would \
                 only internationalize what he called a domestic political crisis";
        assert!(!Phrases::of(vec![a]).binds(key("hun"), key("sen")));
        assert!(Phrases::of(vec![a, b]).binds(key("hun"), key("sen")));
    }
}
