//! Monotone submodular coverage plus diversity (Lin & Bilmes 2011), maximized under the
//! budget by cost-scaled greedy with the best-singleton guarantee.
//!
//! `f(S) = Σᵢ min(Cᵢ(S), α·Cᵢ(V)) + λ·Σₖ √(Σ_{j∈S∩Pₖ} rⱼ)`, where `Cᵢ(S) = Σ_{j∈S} sim(i, j)`
//! is how well the summary covers sentence `i`, saturating at a fraction `α` of what the
//! whole cluster could give. `rⱼ` is sentence `j`'s mean similarity to the cluster. `Pₖ`
//! are clusters of similar sentences: the square root rewards picking from clusters not
//! yet represented, which is the diversity term.

use epitome_core::{BudgetMeter, Limit};

use crate::budgeted::{greedy_with_singleton, Objective};
use crate::centroid::centroid_similarity;
use crate::greedy::substantial;
use crate::pool::Pool;
use crate::{Pick, Selector};

/// Candidates beyond this many are cut to the most central, to bound the quadratic
/// similarity matrix on gigantic inputs.
pub const SUBMODULAR_MAX_CANDIDATES: usize = 3_000;

/// Lin & Bilmes' submodular summarizer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Submodular {
    /// Saturation: coverage of a sentence counts up to `alpha_n / N` of its total similarity.
    pub alpha_n: f64,
    /// Weight of the diversity reward.
    pub lambda: f64,
    /// Cost scaling exponent `r` in `gain / cost^r`.
    pub cost_exponent: f64,
    /// Similarity at which a sentence joins a diversity cluster.
    pub cluster_similarity: f64,
}

impl Default for Submodular {
    fn default() -> Self {
        Submodular {
            alpha_n: 5.0,
            lambda: 6.0,
            cost_exponent: 0.3,
            cluster_similarity: 0.25,
        }
    }
}

struct State<'a> {
    sim: &'a [Vec<f64>],
    weight: &'a [f64],
    cap: &'a [f64],
    reward: &'a [f64],
    cluster: &'a [usize],
    lambda: f64,
    covered: Vec<f64>,
    cluster_mass: Vec<f64>,
}

impl Objective for State<'_> {
    fn gain(&self, j: usize) -> f64 {
        let coverage: f64 = self
            .covered
            .iter()
            .zip(&self.sim[j])
            .zip(self.cap)
            .zip(self.weight)
            .map(|(((&c, &s), &cap), &w)| w * ((c + s).min(cap) - c.min(cap)))
            .sum();
        let k = self.cluster[j];
        let m = self.cluster_mass[k];
        coverage + self.lambda * ((m + self.reward[j]).sqrt() - m.sqrt())
    }

    fn add(&mut self, j: usize) {
        for (c, &s) in self.covered.iter_mut().zip(&self.sim[j]) {
            *c += s;
        }
        self.cluster_mass[self.cluster[j]] += self.reward[j];
    }
}

impl Selector for Submodular {
    fn name(&self) -> &'static str {
        "submodular"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let mut items: Vec<usize> = (0..pool.candidates().len())
            .filter(|&c| substantial(pool, c))
            .collect();
        if items.len() > SUBMODULAR_MAX_CANDIDATES {
            let central = pool.candidate_scores(&centroid_similarity(pool));
            items.sort_by(|&a, &b| central[b].total_cmp(&central[a]).then(a.cmp(&b)));
            items.truncate(SUBMODULAR_MAX_CANDIDATES);
            items.sort_unstable();
        }
        let n = items.len();
        if n == 0 {
            return Vec::new();
        }
        let query = pool.query();
        let sim: Vec<Vec<f64>> = items
            .iter()
            .map(|&a| {
                items
                    .iter()
                    .map(|&b| pool.vector(a).dot(pool.vector(b)))
                    .collect()
            })
            .collect();
        // A candidate stands for every document that carries it: as in Lin & Bilmes on the
        // ungrouped sentences, it counts `support` times, both as something to cover and
        // in how much of the cluster a sentence covers.
        let weight: Vec<f64> = items
            .iter()
            .map(|&c| pool.candidates()[c].support.max(1) as f64)
            .collect();
        let mass: f64 = weight.iter().sum();
        let total: Vec<f64> = sim
            .iter()
            .map(|row| row.iter().zip(&weight).map(|(s, w)| s * w).sum())
            .collect();
        let alpha = self.alpha_n / mass;
        let cap: Vec<f64> = total.iter().map(|t| alpha * t).collect();
        let reward: Vec<f64> = (0..n)
            .map(|j| {
                let r = total[j] / mass;
                match query {
                    Some(q) => r + pool.vector(items[j]).dot(q),
                    None => r,
                }
            })
            .collect();
        // Leader clustering, most central first: deterministic and linear in clusters.
        let mut by_reward: Vec<usize> = (0..n).collect();
        by_reward.sort_by(|&a, &b| reward[b].total_cmp(&reward[a]).then(a.cmp(&b)));
        let mut leaders: Vec<usize> = Vec::new();
        let mut cluster = vec![0usize; n];
        for &j in &by_reward {
            match leaders
                .iter()
                .position(|&l| sim[j][l] >= self.cluster_similarity)
            {
                Some(k) => cluster[j] = k,
                None => {
                    cluster[j] = leaders.len();
                    leaders.push(j);
                }
            }
        }
        let cost: Vec<usize> = items
            .iter()
            .map(|&c| limit.unit.measure(pool.text(c)))
            .collect();
        let fresh = || State {
            sim: &sim,
            weight: &weight,
            cap: &cap,
            reward: &reward,
            cluster: &cluster,
            lambda: self.lambda,
            covered: vec![0.0; n],
            cluster_mass: vec![0.0; leaders.len()],
        };

        let all: Vec<usize> = (0..n).collect();
        let (chosen, _) = greedy_with_singleton(
            &all,
            &cost,
            BudgetMeter::new(limit),
            self.cost_exponent,
            fresh,
        );
        chosen
            .into_iter()
            .map(|(j, g)| Pick {
                candidate: items[j],
                score: g,
            })
            .collect()
    }
}
