use epitome_core::{BudgetMeter, Limit};

use crate::greedy::substantial;
use crate::pool::Pool;
use crate::{Pick, Selector};

/// The first sentences of the documents, round-robin over documents for clusters: the
/// first sentence of each document, then the second of each, and so on. Headings and
/// fragments ("Background", "Oil.") are not sentences and are skipped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lead;

impl Selector for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); pool.docs()];
        for (i, s) in pool.sentences().iter().enumerate() {
            if let Some(d) = by_doc.get_mut(s.doc) {
                d.push(i);
            }
        }
        let rounds = by_doc.iter().map(Vec::len).max().unwrap_or(0);
        let mut meter = BudgetMeter::new(limit);
        let mut taken = vec![false; pool.candidates().len()];
        let mut picks = Vec::new();
        for round in 0..rounds {
            for doc in &by_doc {
                let Some(&s) = doc.get(round) else { continue };
                let c = pool.candidate_of(s);
                if taken[c] || meter.remaining() == 0 || !substantial(pool, c) {
                    continue;
                }
                if meter.try_add(limit.unit.measure(pool.text(c))) {
                    taken[c] = true;
                    picks.push(Pick {
                        candidate: c,
                        score: 1.0 / (1.0 + round as f64),
                    });
                }
            }
        }
        picks
    }
}
