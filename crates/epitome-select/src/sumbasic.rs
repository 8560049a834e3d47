//! SumBasic (Nenkova & Vanderwende 2005): word probabilities drive the choice, and the
//! probabilities of words already said are squared, so the summary moves on to what it has
//! not said yet.
//!
//! 1. `p(w)` is the share of content stem `w` among all content words of the input (every
//!    sentence of the cluster counts, so a fact several documents carry weighs more).
//! 2. A sentence's weight is the average `p` of its content words.
//! 3. Among the sentences containing the most probable word, the heaviest is picked.
//! 4. Each word of the pick has its `p` squared; repeat until the budget is spent.
//!
//! Step 3 is the paper's; sumy's `SumBasicSummarizer` skips it and takes the heaviest
//! sentence overall, which [`SumBasic::top_word`]`= false` reproduces.

use epitome_core::{BudgetMeter, Limit};

use crate::greedy::{greedy_select, substantial, Redundancy};
use crate::kl::{prefer_long, term_counts, word_distribution};
use crate::pool::Pool;
use crate::{Pick, Selector};

/// SumBasic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SumBasic {
    /// Only sentences containing the most probable word compete (the paper); `false`
    /// weighs every sentence (sumy).
    pub top_word: bool,
    /// Candidates shorter than this many words are left out while longer ones exist
    /// (an average favours short sentences; 0 keeps every candidate, as sumy does).
    pub min_words: usize,
    /// Redundancy control: candidates repeating a picked one are skipped.
    pub redundancy: Redundancy,
}

impl Default for SumBasic {
    fn default() -> Self {
        SumBasic {
            top_word: true,
            min_words: 8,
            redundancy: Redundancy::default(),
        }
    }
}

impl Selector for SumBasic {
    fn name(&self) -> &'static str {
        "sumbasic"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let n = pool.candidates().len();
        let Some(mut p) = word_distribution(pool) else {
            // No content word anywhere: nothing to weigh, so keep input order.
            return greedy_select(pool, limit, &vec![0.0; n], self.redundancy);
        };
        let terms: Vec<Vec<(u32, u32)>> = (0..n).map(|c| term_counts(pool, c)).collect();
        let sizes: Vec<usize> = (0..n).map(|c| limit.unit.measure(pool.text(c))).collect();
        let open: Vec<usize> = (0..n)
            .filter(|&c| substantial(pool, c) && !terms[c].is_empty())
            .collect();
        let mut open = prefer_long(pool, open, self.min_words);
        let mut meter = BudgetMeter::new(limit);
        let mut picks: Vec<Pick> = Vec::new();
        loop {
            open.retain(|&c| meter.fits(sizes[c]) && !self.redundancy.repeats(pool, c, &picks));
            // The most probable word that some open candidate still offers (ties: the
            // word seen first).
            let top = self
                .top_word
                .then(|| {
                    open.iter()
                        .flat_map(|&c| terms[c].iter().map(|&(t, _)| t))
                        .max_by(|&a, &b| p[a as usize].total_cmp(&p[b as usize]).then(b.cmp(&a)))
                })
                .flatten();
            let best = open
                .iter()
                .copied()
                .filter(|&c| {
                    top.is_none_or(|w| terms[c].binary_search_by_key(&w, |&(t, _)| t).is_ok())
                })
                .map(|c| {
                    let (sum, len) = terms[c].iter().fold((0.0, 0u32), |(s, l), &(t, k)| {
                        (s + k as f64 * p[t as usize], l + k)
                    });
                    (sum / len as f64, c)
                })
                .max_by(|a, b| {
                    a.0.total_cmp(&b.0)
                        .then_with(|| pool.position(b.1).cmp(&pool.position(a.1)))
                });
            let Some((weight, c)) = best else { break };
            meter.try_add(sizes[c]);
            for &(t, _) in &terms[c] {
                p[t as usize] *= p[t as usize];
            }
            picks.push(Pick {
                candidate: c,
                score: weight,
            });
            open.retain(|&o| o != c);
        }
        picks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::PoolOptions;
    use crate::test_support::sentence;
    use epitome_core::Unit;

    /// Terms a=0 … f=5. Counts: a 4, b 3, c d e f 1 each; 11 words in all. The sentence
    /// {b b b} has the highest average (3/11) but lacks the most probable word `a`, so the
    /// paper's SumBasic first picks the earliest {a x} sentence (average 2.5/11). Then
    /// p(a) = (4/11)² ≈ 0.13 falls below p(b) = 3/11, and {b b b} comes next.
    fn pool() -> Pool {
        Pool::build(
            vec![
                sentence(0, 0, "Alpha and the charlie thing.", &[0, 2]),
                sentence(0, 1, "Alpha and the delta thing.", &[0, 3]),
                sentence(1, 0, "Alpha and the echo thing.", &[0, 4]),
                sentence(1, 1, "Alpha and the foxtrot thing.", &[0, 5]),
                sentence(2, 0, "Bravo bravo bravo, said the crowd.", &[1, 1, 1]),
            ],
            3,
            6,
            None,
            PoolOptions::default(),
        )
    }

    #[test]
    fn picks_from_the_sentences_holding_the_top_word() {
        let pool = pool();
        let limit = Limit {
            unit: Unit::Sentences,
            max: 2,
        };
        let picks = SumBasic::default().select(&pool, limit);
        assert_eq!(
            picks.iter().map(|p| p.candidate).collect::<Vec<_>>(),
            [0, 4]
        );
        assert!((picks[0].score - 2.5 / 11.0).abs() < 1e-12);
        assert!((picks[1].score - 3.0 / 11.0).abs() < 1e-12);
    }

    #[test]
    fn without_the_top_word_rule_the_heaviest_sentence_wins() {
        let pool = pool();
        let limit = Limit {
            unit: Unit::Sentences,
            max: 1,
        };
        let sumy = SumBasic {
            top_word: false,
            ..SumBasic::default()
        };
        let picks = sumy.select(&pool, limit);
        assert_eq!(picks[0].candidate, 4);
        assert!((picks[0].score - 3.0 / 11.0).abs() < 1e-12);
    }
}
