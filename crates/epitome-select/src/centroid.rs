use epitome_core::Limit;

use crate::greedy::{greedy_select, Redundancy};
use crate::pool::Pool;
use crate::vector::SparseVec;
use crate::{Pick, Selector};

/// How many of the heaviest terms make up the centroid.
const CENTROID_TERMS: usize = 100;

/// The cluster centroid: the mean TF-IDF vector of all sentences, cut to its heaviest
/// terms (Radev et al. 2004), at unit length.
pub fn centroid(pool: &Pool) -> SparseVec {
    let mut pairs: Vec<(u32, f64)> = pool
        .vectors()
        .iter()
        .flat_map(|v| v.idx.iter().copied().zip(v.val.iter().copied()))
        .collect();
    pairs.sort_by_key(|&(i, _)| i);
    let mut sum = SparseVec::from_pairs(pairs);
    let mut top: Vec<usize> = (0..sum.idx.len()).collect();
    top.sort_by(|&a, &b| {
        sum.val[b]
            .total_cmp(&sum.val[a])
            .then(sum.idx[a].cmp(&sum.idx[b]))
    });
    top.truncate(CENTROID_TERMS);
    top.sort_unstable();
    sum = SparseVec {
        idx: top.iter().map(|&k| sum.idx[k]).collect(),
        val: top.iter().map(|&k| sum.val[k]).collect(),
    };
    sum.normalize();
    sum
}

/// Cosine of each sentence with the centroid.
pub(crate) fn centroid_similarity(pool: &Pool) -> Vec<f64> {
    let c = centroid(pool);
    pool.vectors().iter().map(|v| v.dot(&c)).collect()
}

/// Centroid-based selection: sentences closest to the cluster centroid (and to the query,
/// when one is given) first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Centroid {
    /// Redundancy control for the final selection.
    pub redundancy: Redundancy,
}

impl Selector for Centroid {
    fn name(&self) -> &'static str {
        "centroid"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let mut sim = centroid_similarity(pool);
        if let Some(q) = pool.query() {
            for (s, v) in sim.iter_mut().zip(pool.vectors()) {
                *s += v.dot(q);
            }
        }
        let scores = pool.candidate_scores(&sim);
        greedy_select(pool, limit, &scores, self.redundancy)
    }
}
