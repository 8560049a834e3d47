//! One (reference, prediction) pair scored as Google's `rouge-score` 0.1.2 does
//! (`rouge_scorer.py`): no rounding, `max(count, 1)` denominators for n-grams, zeros for an
//! empty side in ROUGE-L and ROUGE-Lsum, and Lsum's union LCS clipped by token counts.

use std::collections::HashMap;

use crate::lcs::{lcs_len, union_lcs};
use crate::metric::{f_alpha, Metric, Score};
use crate::ngram::{ngrams, skip_bigrams};
use crate::rouge155::Interner;
use crate::tokenize::{rouge_score_sentences, rouge_score_tokens};

/// A text as `rouge-score` sees it.
pub(crate) struct Prepared {
    tokens: Vec<u32>,
    sentences: Vec<Vec<u32>>,
}

impl Prepared {
    pub(crate) fn new(text: &str, stem: bool, interner: &mut Interner) -> Prepared {
        Prepared {
            tokens: interner.ids(rouge_score_tokens(text, stem)),
            sentences: rouge_score_sentences(text)
                .map(|s| interner.ids(rouge_score_tokens(s, stem)))
                .collect(),
        }
    }
}

/// `rouge-score`'s F1 (`2PR / (P + R)`) at α = 0.5, else ROUGE-1.5.5's weighted form.
fn fmeasure(p: f64, r: f64, alpha: f64) -> f64 {
    if alpha == 0.5 {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    } else {
        f_alpha(p, r, alpha)
    }
}

fn from_counts(hit: u64, target: u64, prediction: u64, alpha: f64) -> Score {
    let p = hit as f64 / prediction.max(1) as f64;
    let r = hit as f64 / target.max(1) as f64;
    Score {
        r,
        p,
        f: fmeasure(p, r, alpha),
    }
}

/// The score of `prediction` against one `target`.
pub(crate) fn score(metric: Metric, target: &Prepared, prediction: &Prepared, alpha: f64) -> Score {
    match metric {
        Metric::N(n) => {
            let t = ngrams(&target.tokens, n);
            let p = ngrams(&prediction.tokens, n);
            from_counts(t.overlap(&p), t.total, p.total, alpha)
        }
        Metric::Skip { max_gap, unigrams } => {
            let t = skip_bigrams(&target.tokens, max_gap, unigrams);
            let p = skip_bigrams(&prediction.tokens, max_gap, unigrams);
            from_counts(t.overlap(&p), t.total, p.total, alpha)
        }
        Metric::L => {
            if target.tokens.is_empty() || prediction.tokens.is_empty() {
                return Score::ZERO;
            }
            let lcs = lcs_len(&target.tokens, &prediction.tokens) as f64;
            let p = lcs / prediction.tokens.len() as f64;
            let r = lcs / target.tokens.len() as f64;
            Score {
                r,
                p,
                f: fmeasure(p, r, alpha),
            }
        }
        Metric::Lsum => summary_level_lcs(&target.sentences, &prediction.sentences, alpha),
    }
}

/// `_summary_level_lcs`.
fn summary_level_lcs(reference: &[Vec<u32>], candidate: &[Vec<u32>], alpha: f64) -> Score {
    if reference.is_empty() || candidate.is_empty() {
        return Score::ZERO;
    }
    let m: usize = reference.iter().map(Vec::len).sum();
    let n: usize = candidate.iter().map(Vec::len).sum();
    if m == 0 || n == 0 {
        return Score::ZERO;
    }
    let counts = |sents: &[Vec<u32>]| {
        let mut c: HashMap<u32, i64> = HashMap::new();
        for &t in sents.iter().flatten() {
            *c.entry(t).or_insert(0) += 1;
        }
        c
    };
    let mut left_r = counts(reference);
    let mut left_c = counts(candidate);
    let mut hits = 0u64;
    for r in reference {
        let mask = union_lcs(r, candidate);
        for (j, _) in mask.iter().enumerate().filter(|(_, &m)| m) {
            let t = r[j];
            let cr = left_r.entry(t).or_insert(0);
            let cc = left_c.entry(t).or_insert(0);
            if *cc > 0 && *cr > 0 {
                hits += 1;
                *cc -= 1;
                *cr -= 1;
            }
        }
    }
    let r = hits as f64 / m as f64;
    let p = hits as f64 / n as f64;
    Score {
        r,
        p,
        f: fmeasure(p, r, alpha),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(metric: Metric, target: &str, prediction: &str) -> Score {
        let mut i = Interner::default();
        let t = Prepared::new(target, false, &mut i);
        let p = Prepared::new(prediction, false, &mut i);
        score(metric, &t, &p, 0.5)
    }

    #[test]
    fn rouge_score_examples_by_hand() {
        // rouge-score's README: target "The quick brown fox jumps over the lazy dog",
        // prediction "The quick brown dog jumps on the log."
        let t = "The quick brown fox jumps over the lazy dog";
        let p = "The quick brown dog jumps on the log.";
        // Unigrams shared: the:2 quick brown dog jumps = 6; target 9, prediction 8.
        let r1 = s(Metric::N(1), t, p);
        assert_eq!((r1.r, r1.p), (6.0 / 9.0, 6.0 / 8.0));
        // LCS: the quick brown jumps the = 5 (dog comes too early in the prediction).
        let rl = s(Metric::L, t, p);
        assert_eq!((rl.r, rl.p), (5.0 / 9.0, 5.0 / 8.0));
    }

    #[test]
    fn empty_sides() {
        assert_eq!(s(Metric::L, "", "a b"), Score::ZERO);
        assert_eq!(s(Metric::Lsum, "a b", "\n\n"), Score::ZERO);
        // n-grams divide by max(count, 1): nothing shared, all zeros.
        assert_eq!(s(Metric::N(2), "a", "a"), Score::ZERO);
    }

    #[test]
    fn lsum_by_hand() {
        // Reference sentences "a b c d" / "a e"; candidate "a b x" / "c a e" (see the
        // ROUGE-1.5.5 test: union LCSs {a,b} and {a,e} give 4 hits of 6 and 6 tokens).
        let r = s(Metric::Lsum, "a b c d\na e", "a b x\nc a e");
        assert_eq!((r.r, r.p), (4.0 / 6.0, 4.0 / 6.0));
    }
}
