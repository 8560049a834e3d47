use epitome_core::{BudgetMeter, Limit};

use crate::centroid::centroid;
use crate::greedy::substantial;
use crate::pool::Pool;
use crate::{Pick, Selector};

/// Maximal Marginal Relevance (Carbonell & Goldstein 1998): repeatedly pick the candidate
/// maximizing `λ·relevance − (1−λ)·max similarity to what is already picked`, where
/// relevance is similarity to the query, or to the cluster centroid without one.
#[derive(Debug, Clone, Copy)]
pub struct Mmr {
    /// Weight of relevance against novelty, in 0–1.
    pub lambda: f64,
}

impl Default for Mmr {
    fn default() -> Self {
        Mmr { lambda: 0.7 }
    }
}

impl Selector for Mmr {
    fn name(&self) -> &'static str {
        "mmr"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let target = match pool.query() {
            Some(q) => q.clone(),
            None => centroid(pool),
        };
        let n = pool.candidates().len();
        let relevance: Vec<f64> = (0..n).map(|c| pool.vector(c).dot(&target)).collect();
        let sizes: Vec<usize> = (0..n).map(|c| limit.unit.measure(pool.text(c))).collect();
        let mut max_sim = vec![0.0f64; n];
        // A candidate sharing nothing with the target adds no relevance, only length.
        let mut open: Vec<usize> = (0..n)
            .filter(|&c| substantial(pool, c) && relevance[c] > 0.0)
            .collect();
        let mut meter = BudgetMeter::new(limit);
        let mut picks = Vec::new();
        loop {
            open.retain(|&c| meter.fits(sizes[c]));
            let best = open.iter().copied().max_by(|&a, &b| {
                let sa = self.lambda * relevance[a] - (1.0 - self.lambda) * max_sim[a];
                let sb = self.lambda * relevance[b] - (1.0 - self.lambda) * max_sim[b];
                sa.total_cmp(&sb)
                    .then_with(|| pool.position(b).cmp(&pool.position(a)))
            });
            let Some(c) = best else { break };
            meter.try_add(sizes[c]);
            picks.push(Pick {
                candidate: c,
                score: relevance[c],
            });
            open.retain(|&o| o != c);
            let v = pool.vector(c);
            for &o in &open {
                max_sim[o] = max_sim[o].max(pool.vector(o).dot(v));
            }
        }
        picks
    }
}
