//! Luhn (1958), with sumy's thresholds: a content stem is *significant* when it occurs
//! more than once in the input; a sentence is scored by its best cluster of significant
//! words, where a cluster starts at a significant word and ends after `max_gap`
//! insignificant words in a row. A cluster holding `k` significant words over a span of
//! `l` words (trailing insignificant words cut) scores `k² / l`; a lone significant word
//! scores 0.
//!
//! Frequencies count every sentence of the cluster, so words of a fact that several
//! documents repeat are significant, and sentences stating it score high.

use epitome_core::Limit;

use crate::greedy::{greedy_select, Redundancy};
use crate::kl::content_counts;
use crate::pool::Pool;
use crate::{Pick, Selector};

/// Luhn's significant-word clusters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Luhn {
    /// A content stem is significant when it occurs at least this often (sumy: more than
    /// once).
    pub min_count: u32,
    /// A cluster ends after this many insignificant words in a row (sumy: 4).
    pub max_gap: usize,
    /// Redundancy control for the final selection.
    pub redundancy: Redundancy,
}

impl Default for Luhn {
    fn default() -> Self {
        Luhn {
            min_count: 2,
            max_gap: 4,
            redundancy: Redundancy::default(),
        }
    }
}

/// The best cluster score of a sentence whose words are significant or not, in order.
fn rate(significant: impl IntoIterator<Item = bool>, max_gap: usize) -> f64 {
    let max_gap = max_gap.max(1);
    let mut best: f64 = 0.0;
    // The open cluster: significant words, span up to its last significant word, and the
    // insignificant words seen since.
    let mut open: Option<(usize, usize, usize)> = None;
    let close = |(k, span, _): (usize, usize, usize)| -> f64 {
        if k > 1 {
            (k * k) as f64 / span as f64
        } else {
            0.0
        }
    };
    for sig in significant {
        open = match (open, sig) {
            (None, false) => None,
            (None, true) => Some((1, 1, 0)),
            (Some((k, span, gap)), true) => Some((k + 1, span + gap + 1, 0)),
            (Some((k, span, gap)), false) if gap + 1 < max_gap => Some((k, span, gap + 1)),
            (Some(cluster), false) => {
                best = best.max(close(cluster));
                None
            }
        };
    }
    if let Some(cluster) = open {
        best = best.max(close(cluster));
    }
    best
}

impl Luhn {
    /// Each sentence's score.
    fn sentence_scores(&self, pool: &Pool) -> Vec<f64> {
        let (counts, _) = content_counts(pool);
        let significant: Vec<bool> = counts.iter().map(|&c| c >= self.min_count).collect();
        pool.sentences()
            .iter()
            .map(|s| {
                let flags = s
                    .terms
                    .iter()
                    .zip(&s.stop)
                    .map(|(&t, &stop)| !stop && significant[t as usize]);
                rate(flags, self.max_gap)
            })
            .collect()
    }
}

impl Selector for Luhn {
    fn name(&self) -> &'static str {
        "luhn"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let scores = pool.candidate_scores(&self.sentence_scores(pool));
        greedy_select(pool, limit, &scores, self.redundancy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::{PoolOptions, SentenceIn};
    use epitome_core::Unit;

    fn flags(pattern: &str) -> Vec<bool> {
        pattern.chars().map(|c| c == 'S').collect()
    }

    #[test]
    fn clusters_by_hand() {
        // S.S.... closes after four gaps: [S . S] gives 2²/3; then [S S] gives 2²/2 = 2.
        assert_eq!(rate(flags("S.S....SS"), 4), 2.0);
        // Three gaps keep the cluster open: 3 significant over 7 words.
        assert!((rate(flags("S...S.S"), 4) - 9.0 / 7.0).abs() < 1e-12);
        // Trailing insignificant words are not part of the span.
        assert!((rate(flags("..SS.S..."), 4) - 9.0 / 4.0).abs() < 1e-12);
        // A lone significant word, or none, scores 0.
        assert_eq!(rate(flags("..S....S"), 4), 0.0);
        assert_eq!(rate(flags(""), 4), 0.0);
    }

    fn sentence(doc: usize, index: usize, text: &str, terms: &[u32], stop: &[bool]) -> SentenceIn {
        SentenceIn {
            doc,
            index,
            text: text.to_owned(),
            terms: terms.to_vec(),
            content: terms
                .iter()
                .zip(stop)
                .filter(|(_, &s)| !s)
                .map(|(&t, _)| t)
                .collect(),
            stop: stop.to_vec(),
        }
    }

    #[test]
    fn picks_the_densest_cluster() {
        // Terms 0, 1, 2 occur twice or more (significant); 3..=9 once; 9 is a stopword.
        let pool = Pool::build(
            vec![
                // Pattern S S 9 S: 3 significant over 4 words (the stopword is a gap): 9/4.
                sentence(
                    0,
                    0,
                    "One two the three here.",
                    &[0, 1, 9, 2],
                    &[false, false, true, false],
                ),
                // Pattern S 3 4 S: 2 over 4: 1.
                sentence(0, 1, "One four five two here.", &[0, 3, 4, 1], &[false; 4]),
                // Pattern 5 6 S 7 8: a lone significant word: 0.
                sentence(
                    1,
                    0,
                    "Six seven three eight nine.",
                    &[5, 6, 2, 7, 8],
                    &[false; 5],
                ),
            ],
            2,
            10,
            None,
            PoolOptions::default(),
        );
        let luhn = Luhn::default();
        assert_eq!(luhn.sentence_scores(&pool), [2.25, 1.0, 0.0]);
        let picks = luhn.select(
            &pool,
            Limit {
                unit: Unit::Sentences,
                max: 3,
            },
        );
        assert_eq!(
            picks.iter().map(|p| p.candidate).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }
}
