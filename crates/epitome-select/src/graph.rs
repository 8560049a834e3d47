//! Graph-based rankers: LexRank and TextRank, both solved by power iteration.

use epitome_core::Limit;

use crate::centroid::centroid_similarity;
use crate::greedy::{greedy_select, Redundancy};
use crate::pool::Pool;
use crate::{Pick, Selector};

const DAMPING: f64 = 0.85;
const MAX_ITERATIONS: usize = 200;
const TOLERANCE: f64 = 1e-10;

/// The teleport distribution: uniform, or biased towards sentences like the query
/// (topic-sensitive LexRank, Otterbacher et al. 2005).
fn teleport(pool: &Pool) -> Vec<f64> {
    let n = pool.sentences().len();
    let Some(q) = pool.query() else {
        return vec![1.0 / n as f64; n];
    };
    let raw: Vec<f64> = pool.vectors().iter().map(|v| v.dot(q) + 0.01).collect();
    let total: f64 = raw.iter().sum();
    raw.into_iter().map(|x| x / total).collect()
}

/// Runs PageRank given a function that computes, for a vector `q` (each node's rank
/// divided by its out-degree), the rank each node receives: `spread(q)[j] = Σᵢ wᵢⱼ qᵢ`.
fn power_iteration(degree: &[f64], tele: &[f64], spread: impl Fn(&[f64]) -> Vec<f64>) -> Vec<f64> {
    let n = degree.len();
    let mut p = tele.to_vec();
    for _ in 0..MAX_ITERATIONS {
        let mut dangling = 0.0;
        let q: Vec<f64> = p
            .iter()
            .zip(degree)
            .map(|(&pi, &d)| {
                if d > 1e-12 {
                    pi / d
                } else {
                    dangling += pi;
                    0.0
                }
            })
            .collect();
        let received = spread(&q);
        let mut delta = 0.0;
        let next: Vec<f64> = (0..n)
            .map(|j| {
                let v = (1.0 - DAMPING) * tele[j] + DAMPING * (received[j] + dangling * tele[j]);
                delta += (v - p[j]).abs();
                v
            })
            .collect();
        p = next;
        if delta < TOLERANCE {
            break;
        }
    }
    p
}

/// Continuous LexRank (Erkan & Radev 2004): PageRank over the graph whose edge weights are
/// the IDF-modified cosine similarities of sentences.
///
/// The similarity matrix is never built. With unit TF-IDF rows `V`, it is `S = V·Vᵀ`, so
/// one power-iteration step is two sparse products, `V·(Vᵀ·q)`, minus the diagonal: linear
/// in the input instead of quadratic in the number of sentences.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexRank {
    /// Redundancy control for the final selection.
    pub redundancy: Redundancy,
}

impl LexRank {
    /// LexRank score of every sentence.
    pub fn sentence_scores(&self, pool: &Pool) -> Vec<f64> {
        let vectors = pool.vectors();
        let n = vectors.len();
        if n == 0 {
            return Vec::new();
        }
        let dims = vectors
            .iter()
            .filter_map(|v| v.idx.last())
            .max()
            .map_or(0, |&m| m as usize + 1);
        let self_sim: Vec<f64> = vectors.iter().map(|v| v.dot(v)).collect();
        let product = |q: &[f64]| -> Vec<f64> {
            let mut t = vec![0.0; dims];
            for (v, &qi) in vectors.iter().zip(q) {
                if qi != 0.0 {
                    for (&k, &w) in v.idx.iter().zip(&v.val) {
                        t[k as usize] += w * qi;
                    }
                }
            }
            vectors
                .iter()
                .zip(q)
                .zip(&self_sim)
                .map(|((v, &qj), &sj)| {
                    let s: f64 = v
                        .idx
                        .iter()
                        .zip(&v.val)
                        .map(|(&k, &w)| w * t[k as usize])
                        .sum();
                    (s - sj * qj).max(0.0)
                })
                .collect()
        };
        let degree = product(&vec![1.0; n]);
        power_iteration(&degree, &teleport(pool), product)
    }
}

impl Selector for LexRank {
    fn name(&self) -> &'static str {
        "lexrank"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let scores = pool.candidate_scores(&self.sentence_scores(pool));
        greedy_select(pool, limit, &scores, self.redundancy)
    }
}

/// Sentences beyond this many are ranked by TextRank only when they are among the most
/// central by centroid similarity; the rest score zero. TextRank's graph grows with the
/// square of the sentences sharing each word, and this keeps gigantic inputs bounded.
pub const TEXTRANK_MAX_NODES: usize = 5_000;

/// TextRank (Mihalcea & Tarau 2004): PageRank over the graph whose edge weights are the
/// content-word overlap of two sentences divided by the sum of their log lengths.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextRank {
    /// Redundancy control for the final selection.
    pub redundancy: Redundancy,
}

impl TextRank {
    /// TextRank score of every sentence.
    pub fn sentence_scores(&self, pool: &Pool) -> Vec<f64> {
        let all = pool.sentences();
        let mut nodes: Vec<usize> = (0..all.len()).collect();
        if nodes.len() > TEXTRANK_MAX_NODES {
            let sim = centroid_similarity(pool);
            nodes.sort_by(|&a, &b| sim[b].total_cmp(&sim[a]).then(a.cmp(&b)));
            nodes.truncate(TEXTRANK_MAX_NODES);
            nodes.sort_unstable();
        }
        let n = nodes.len();
        let sets: Vec<Vec<u32>> = nodes
            .iter()
            .map(|&i| {
                let mut v = all[i].content.clone();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let dims = sets
            .iter()
            .filter_map(|s| s.last())
            .max()
            .map_or(0, |&m| m as usize + 1);
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); dims];
        for (i, s) in sets.iter().enumerate() {
            for &t in s {
                postings[t as usize].push(i as u32);
            }
        }
        // Weighted adjacency rows, built with a dense scratch row per node.
        let mut overlap = vec![0u32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut rows: Vec<Vec<(u32, f64)>> = Vec::with_capacity(n);
        for (i, s) in sets.iter().enumerate() {
            for &t in s {
                for &j in &postings[t as usize] {
                    if j as usize != i {
                        if overlap[j as usize] == 0 {
                            touched.push(j);
                        }
                        overlap[j as usize] += 1;
                    }
                }
            }
            touched.sort_unstable();
            let li = (s.len() as f64).ln();
            let row = touched
                .drain(..)
                .map(|j| {
                    let lj = (sets[j as usize].len() as f64).ln();
                    let denom = if li + lj > 0.0 { li + lj } else { 1.0 };
                    let w = overlap[j as usize] as f64 / denom;
                    overlap[j as usize] = 0;
                    (j, w)
                })
                .collect();
            rows.push(row);
        }
        let degree: Vec<f64> = rows
            .iter()
            .map(|r| r.iter().map(|&(_, w)| w).sum())
            .collect();
        let tele_all = teleport(pool);
        let tele_sum: f64 = nodes.iter().map(|&i| tele_all[i]).sum();
        let tele: Vec<f64> = nodes.iter().map(|&i| tele_all[i] / tele_sum).collect();
        let ranks = power_iteration(&degree, &tele, |q| {
            // Rows are symmetric, so what j receives is Σᵢ w_ji qᵢ over its own row.
            rows.iter()
                .map(|r| r.iter().map(|&(i, w)| w * q[i as usize]).sum())
                .collect()
        });
        let mut scores = vec![0.0; all.len()];
        for (k, &i) in nodes.iter().enumerate() {
            scores[i] = ranks[k];
        }
        scores
    }
}

impl Selector for TextRank {
    fn name(&self) -> &'static str {
        "textrank"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let scores = pool.candidate_scores(&self.sentence_scores(pool));
        greedy_select(pool, limit, &scores, self.redundancy)
    }
}
