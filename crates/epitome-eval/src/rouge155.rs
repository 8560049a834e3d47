//! One topic scored as ROUGE-1.5.5 scores one evaluation (`computeNGramScore`,
//! `computeSkipBigramScore`, `computeLCSScore`), with its counting units and rounding.
//!
//! For each reference ("model") ROUGE-1.5.5 counts hits, the model's size and the peer's
//! size. `-f A` adds those up over the models and divides once; `-f B` keeps the model with
//! the best recall. R and P are then rounded to five decimals, and F is computed from the
//! rounded R and P and rounded again; the printed per-topic numbers are those.

use std::collections::HashMap;

use crate::lcs::union_lcs;
use crate::metric::{round5, Metric, Score};
use crate::ngram::{ngrams, skip_bigrams};
use crate::rouge::MultiRef;
use crate::tokenize::{
    rouge155_lines, rouge155_read_text, rouge155_read_units, Rouge155Words, Truncation,
};

/// Interns tokens as ids, per topic.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    pub(crate) fn ids(&mut self, tokens: Vec<String>) -> Vec<u32> {
        tokens
            .into_iter()
            .map(|t| {
                let next = self.ids.len() as u32;
                *self.ids.entry(t).or_insert(next)
            })
            .collect()
    }
}

/// A summary as ROUGE-1.5.5 sees it.
pub(crate) struct Prepared {
    /// All tokens of `readText` (n-grams, skip-bigrams, LCS clipping counts).
    flat: Vec<u32>,
    /// The tokens of each `readText_LCS` unit (ROUGE-Lsum).
    units: Vec<Vec<u32>>,
}

impl Prepared {
    pub(crate) fn new(
        text: &str,
        words: Rouge155Words<'_>,
        limit: Truncation,
        interner: &mut Interner,
    ) -> Prepared {
        let lines = rouge155_lines(text);
        let mut flat = Vec::new();
        for piece in rouge155_read_text(&lines, limit) {
            words.push_tokens(&piece, &mut flat);
        }
        let units = rouge155_read_units(&lines, limit)
            .iter()
            .map(|u| {
                let mut t = Vec::new();
                words.push_tokens(u, &mut t);
                interner.ids(t)
            })
            .collect();
        Prepared {
            flat: interner.ids(flat),
            units,
        }
    }
}

/// What one reference contributes: hits, its size, the peer's size, and the score `-f B`
/// ranks models by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RefStats {
    pub(crate) hit: u64,
    pub(crate) model: u64,
    pub(crate) peer: u64,
    pub(crate) rank: f64,
}

/// The recall `-f B` compares for n-grams and skip-bigrams: `sprintf("%07.5f")`, or 0.
fn rounded_recall(hit: u64, model: u64) -> f64 {
    if model != 0 {
        round5(hit as f64 / model as f64)
    } else {
        0.0
    }
}

pub(crate) fn ref_stats(metric: Metric, model: &Prepared, peer: &Prepared) -> RefStats {
    match metric {
        Metric::N(n) => {
            let m = ngrams(&model.flat, n);
            let p = ngrams(&peer.flat, n);
            let hit = m.overlap(&p);
            RefStats {
                hit,
                model: m.total,
                peer: p.total,
                rank: rounded_recall(hit, m.total),
            }
        }
        Metric::Skip { max_gap, unigrams } => {
            let m = skip_bigrams(&model.flat, max_gap, unigrams);
            let p = skip_bigrams(&peer.flat, max_gap, unigrams);
            let hit = m.overlap(&p);
            RefStats {
                hit,
                model: m.total,
                peer: p.total,
                rank: rounded_recall(hit, m.total),
            }
        }
        Metric::Lsum => lcs_stats(&model.units, &peer.units, model, peer),
        Metric::L => lcs_stats(
            std::slice::from_ref(&model.flat),
            std::slice::from_ref(&peer.flat),
            model,
            peer,
        ),
    }
}

/// ROUGE-1.5.5's `lcs`: for each model unit, the union LCS against all peer units; a
/// marked token is a hit only while both the model's and the peer's unigram counts of it
/// last, so ROUGE-L never exceeds ROUGE-1.
fn lcs_stats(
    model_units: &[Vec<u32>],
    peer_units: &[Vec<u32>],
    model: &Prepared,
    peer: &Prepared,
) -> RefStats {
    let counts = |tokens: &[u32]| {
        let mut c: HashMap<u32, u64> = HashMap::new();
        for &t in tokens {
            *c.entry(t).or_insert(0) += 1;
        }
        c
    };
    let mut model_left = counts(&model.flat);
    let mut peer_left = counts(&peer.flat);
    let mut hit = 0u64;
    let mut base = 0u64;
    for unit in model_units {
        base += unit.len() as u64;
        let mask = union_lcs(unit, peer_units);
        for (j, _) in mask.iter().enumerate().filter(|(_, &m)| m) {
            let t = unit[j];
            let (Some(m), Some(p)) = (model_left.get_mut(&t), peer_left.get_mut(&t)) else {
                continue;
            };
            if *m > 0 && *p > 0 {
                hit += 1;
                *m -= 1;
                *p -= 1;
            }
        }
    }
    RefStats {
        hit,
        model: base,
        peer: peer.flat.len() as u64,
        rank: if base > 0 {
            hit as f64 / base as f64
        } else {
            0.0
        },
    }
}

/// Combines the references' stats as `-f A` / `-f B`, then rounds as ROUGE-1.5.5.
pub(crate) fn combine(stats: &[RefStats], multi: MultiRef, alpha: f64) -> Score {
    let (hit, model, peer) = match multi {
        MultiRef::Average => stats.iter().fold((0, 0, 0), |(h, m, p), s| {
            (h + s.hit, m + s.model, p + s.peer)
        }),
        MultiRef::Best => {
            let mut best = -1.0;
            let mut chosen = (0, 0, 0);
            for s in stats {
                if s.rank > best {
                    best = s.rank;
                    chosen = (s.hit, s.model, s.peer);
                }
            }
            chosen
        }
    };
    let r = if model != 0 {
        round5(hit as f64 / model as f64)
    } else {
        0.0
    };
    let p = if peer != 0 {
        round5(hit as f64 / peer as f64)
    } else {
        0.0
    };
    let d = (1.0 - alpha) * p + alpha * r;
    let f = if d > 0.0 { round5((p * r) / d) } else { 0.0 };
    Score { r, p, f }
}

/// Jackknifing (ROUGE before 1.4, and the ROUGE paper): the mean of the scores against
/// each set of all references but one. With one reference, the plain score.
pub(crate) fn jackknife(stats: &[RefStats], multi: MultiRef, alpha: f64) -> Score {
    if stats.len() < 2 {
        return combine(stats, multi, alpha);
    }
    let mut sum = Score::ZERO;
    for leave in 0..stats.len() {
        let rest: Vec<RefStats> = stats
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != leave)
            .map(|(_, s)| *s)
            .collect();
        let s = combine(&rest, multi, alpha);
        sum.r += s.r;
        sum.p += s.p;
        sum.f += s.f;
    }
    let n = stats.len() as f64;
    sum.map(|x| round5(x / n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Stemming;

    fn prep(text: &str, interner: &mut Interner) -> Prepared {
        Prepared::new(
            text,
            Rouge155Words {
                stemming: Stemming::Off,
                remove_stopwords: false,
                data: None,
            },
            Truncation::None,
            interner,
        )
    }

    #[test]
    fn rouge1_and_2_by_hand() {
        let mut i = Interner::default();
        let model = prep("the cat sat on the mat", &mut i);
        let peer = prep("the cat on the mat", &mut i);
        // Unigrams: model the:2 cat sat on mat (6), peer the:2 cat on mat (5); hits 5.
        let s1 = ref_stats(Metric::N(1), &model, &peer);
        assert_eq!((s1.hit, s1.model, s1.peer), (5, 6, 5));
        // Bigrams: model "the cat" "cat sat" "sat on" "on the" "the mat" (5),
        // peer "the cat" "cat on" "on the" "the mat" (4); shared 3.
        let s2 = ref_stats(Metric::N(2), &model, &peer);
        assert_eq!((s2.hit, s2.model, s2.peer), (3, 5, 4));
        let score = combine(&[s2], MultiRef::Average, 0.5);
        // R = 3/5, P = 3/4, F = 0.45 / 0.675 = 0.66667.
        assert_eq!(
            score,
            Score {
                r: 0.6,
                p: 0.75,
                f: 0.66667
            }
        );
    }

    #[test]
    fn lcs_with_clipping_by_hand() {
        let mut i = Interner::default();
        // Model sentences: "a b c d" and "a e". Peer sentences: "a b x", "c a e".
        // Unit 1 "a b c d": LCS with "a b x" = a b. With "c a e" the LCS has length 1 and
        //   could be c or a; the walk back (up on ties) ends on a. Union {a, b}: 2 hits,
        //   leaving a once in the model's and the peer's unigram counts.
        // Unit 2 "a e": LCS with "a b x" = a, with "c a e" = a e; union {a, e}: a is still
        //   left once on both sides, e too: 2 hits. Total 4 of 6 model and 6 peer tokens.
        let model = prep("a b c d\na e", &mut i);
        let peer = prep("a b x\nc a e", &mut i);
        let s = ref_stats(Metric::Lsum, &model, &peer);
        assert_eq!((s.hit, s.model, s.peer), (4, 6, 6));
        // As one sequence each: LCS("a b c d a e", "a b x c a e") = a b c a e = 5.
        let s = ref_stats(Metric::L, &model, &peer);
        assert_eq!((s.hit, s.model, s.peer), (5, 6, 6));
    }

    #[test]
    fn jackknife_by_hand() {
        // Three references. Leaving out each in turn (-f A on the other two):
        //   without a: (2+1)/(4+4) = 0.375; without b: (1+1)/(2+4) = 0.33333;
        //   without c: (1+2)/(2+4) = 0.5. Mean recall = 1.20833 / 3 = 0.40278.
        let a = RefStats {
            hit: 1,
            model: 2,
            peer: 4,
            rank: 0.5,
        };
        let b = RefStats {
            hit: 2,
            model: 4,
            peer: 4,
            rank: 0.5,
        };
        let c = RefStats {
            hit: 1,
            model: 4,
            peer: 4,
            rank: 0.25,
        };
        assert_eq!(jackknife(&[a, b, c], MultiRef::Average, 0.5).r, 0.40278);
        // One reference: no jackknifing.
        assert_eq!(jackknife(&[a], MultiRef::Average, 0.5).r, 0.5);
    }

    #[test]
    fn best_model_keeps_first_of_equal_recalls() {
        let a = RefStats {
            hit: 1,
            model: 2,
            peer: 4,
            rank: 0.5,
        };
        let b = RefStats {
            hit: 2,
            model: 4,
            peer: 4,
            rank: 0.5,
        };
        let c = RefStats {
            hit: 1,
            model: 4,
            peer: 4,
            rank: 0.25,
        };
        assert_eq!(combine(&[c, a, b], MultiRef::Best, 0.5).r, 0.5);
        assert_eq!(combine(&[c, a, b], MultiRef::Best, 0.5).p, 0.25);
        // -f A: (1+2+1) / (2+4+4) = 0.4, P = 4 / 12.
        let avg = combine(&[c, a, b], MultiRef::Average, 0.5);
        assert_eq!((avg.r, avg.p), (0.4, 0.33333));
    }
}
