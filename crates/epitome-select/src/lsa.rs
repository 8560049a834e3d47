//! Latent semantic analysis (Steinberger & Ježek 2004), computed as sumy's
//! `LsaSummarizer` computes it.
//!
//! 1. A term × sentence matrix over content stems, each column scaled by its largest count
//!    and smoothed: `a = 0.4 + 0.6·count/max` for every entry of a column with any content
//!    word (the absent words of a column get 0.4 too, as in sumy).
//! 2. A thin SVD `A = U Σ Vᵀ` (faer, sequential).
//! 3. A sentence scores `sqrt(Σ_{i<k} (σᵢ·vᵢ)²)` over the top `k` dimensions, where
//!    `k = max(3, ⌊ratio·rank⌋)` and sumy's ratio is 1, so every dimension counts. Then
//!    the score is exactly the column's norm (`U` is orthonormal), and the SVD is
//!    skipped: it is computed only for a ratio below 1.
//!
//! Columns are candidates, not sentences: a candidate carried by `s` documents is one
//! column scaled by `√s`, which gives the SVD and the scores that `s` identical columns
//! would give together (`σ` and `U` are the same; the candidate's score is the root of the
//! sum of its copies' squared scores). A single document is exactly sumy's matrix; in a
//! cluster, a sentence four documents repeat scores twice what one copy would.
//!
//! The matrix is dense, so its size is capped: at most [`LSA_MAX_SENTENCES`] columns (the
//! candidates with the largest columns, which with every dimension kept are the best
//! scored anyway; the rest score 0 and come last) and [`LSA_MAX_TERMS`] rows (the most
//! frequent stems; the rarer ones are dropped from the matrix). An SVD of the capped
//! matrix takes well under a second whatever the input size.

use epitome_core::Limit;
use faer::diag::Diag;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::svd::{svd, svd_scratch, ComputeSvdVectors};
use faer::{Mat, Par};

use crate::greedy::{greedy_select, Redundancy};
use crate::kl::{content_counts, term_counts};
use crate::pool::Pool;
use crate::{Pick, Selector};

/// At most this many candidates are columns of the LSA matrix.
pub const LSA_MAX_SENTENCES: usize = 1_000;

/// At most this many content stems are rows of the LSA matrix.
pub const LSA_MAX_TERMS: usize = 1_000;

/// LSA sentence scores from the SVD of the term × sentence matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lsa {
    /// Share of the dimensions kept (sumy: 1, all of them).
    pub reduction_ratio: f64,
    /// Never fewer dimensions than this (sumy: 3).
    pub min_dimensions: usize,
    /// Smoothing of the column-max-normalized counts (sumy: 0.4).
    pub smooth: f64,
    /// Redundancy control for the final selection.
    pub redundancy: Redundancy,
}

impl Default for Lsa {
    fn default() -> Self {
        Lsa {
            reduction_ratio: 1.0,
            min_dimensions: 3,
            smooth: 0.4,
            redundancy: Redundancy::default(),
        }
    }
}

impl Lsa {
    /// Each candidate's score (0 for candidates without content words or left out of the
    /// matrix).
    pub fn scores(&self, pool: &Pool) -> Vec<f64> {
        let n = pool.candidates().len();
        let smooth = self.smooth.clamp(0.0, 0.999);
        let terms: Vec<Vec<(u32, u32)>> = (0..n).map(|c| term_counts(pool, c)).collect();
        let weight: Vec<f64> = pool
            .candidates()
            .iter()
            .map(|c| (c.support.max(1) as f64).sqrt())
            .collect();
        let (counts, _) = content_counts(pool);
        let present = counts.iter().filter(|&&c| c > 0).count();

        // Rows: the most frequent stems (ties: the stem seen first).
        let mut rows: Vec<u32> = (0..counts.len() as u32)
            .filter(|&t| counts[t as usize] > 0)
            .collect();
        rows.sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then(a.cmp(&b)));
        rows.truncate(LSA_MAX_TERMS);
        let mut row_of = vec![usize::MAX; counts.len()];
        for (r, &t) in rows.iter().enumerate() {
            row_of[t as usize] = r;
        }

        // A column's entries: `smooth` everywhere, more where the candidate has the word.
        let max_count = |c: usize| terms[c].iter().map(|&(_, k)| k).max().unwrap_or(0);
        let entry = |c: usize, k: u32| smooth + (1.0 - smooth) * k as f64 / max_count(c) as f64;
        // The norm of a candidate's full column (every stem a row), before any cap.
        let full_norm = |c: usize| -> f64 {
            let present_sq: f64 = terms[c].iter().map(|&(_, k)| entry(c, k).powi(2)).sum();
            let absent = present - terms[c].len();
            weight[c] * (present_sq + absent as f64 * smooth * smooth).sqrt()
        };

        // Columns: candidates with content words, the largest first when capped.
        let mut cols: Vec<usize> = (0..n).filter(|&c| !terms[c].is_empty()).collect();
        if cols.len() > LSA_MAX_SENTENCES {
            let norms: Vec<f64> = cols.iter().map(|&c| full_norm(c)).collect();
            let mut order: Vec<usize> = (0..cols.len()).collect();
            order.sort_by(|&a, &b| norms[b].total_cmp(&norms[a]).then(a.cmp(&b)));
            order.truncate(LSA_MAX_SENTENCES);
            order.sort_unstable();
            cols = order.into_iter().map(|i| cols[i]).collect();
        }
        let mut scores = vec![0.0; n];
        if cols.is_empty() || rows.is_empty() {
            return scores;
        }

        let (m, k) = (rows.len(), cols.len());
        let mut a = Mat::<f64>::zeros(m, k);
        for (j, &c) in cols.iter().enumerate() {
            let w = weight[c];
            for r in 0..m {
                a[(r, j)] = w * smooth;
            }
            for &(t, cnt) in &terms[c] {
                let r = row_of[t as usize];
                if r != usize::MAX {
                    a[(r, j)] = w * entry(c, cnt);
                }
            }
        }
        // A thin SVD has min(m, k) dimensions. With all of them kept (sumy's default),
        // `‖Σ·vⱼ‖` is the norm of column j (U is orthonormal), so the SVD is skipped.
        let size = m.min(k);
        let dims = ((size as f64 * self.reduction_ratio.clamp(0.0, 1.0)) as usize)
            .max(self.min_dimensions)
            .min(size);
        let svd = if dims < size { sigma_v(&a) } else { None };
        match svd {
            Some((sigma, v)) => {
                for (j, &c) in cols.iter().enumerate() {
                    let rank: f64 = (0..dims).map(|i| (sigma[i] * v[(j, i)]).powi(2)).sum();
                    scores[c] = rank.sqrt();
                }
            }
            // Every dimension kept, or no convergence (never seen): the column norms,
            // which is what keeping every dimension gives.
            None => {
                for (j, &c) in cols.iter().enumerate() {
                    scores[c] = (0..m).map(|r| a[(r, j)].powi(2)).sum::<f64>().sqrt();
                }
            }
        }
        scores
    }
}

/// Singular values and thin right singular vectors (`V`, columns by dimension) of `a`.
fn sigma_v(a: &Mat<f64>) -> Option<(Vec<f64>, Mat<f64>)> {
    let (m, n) = (a.nrows(), a.ncols());
    let size = m.min(n);
    let mut s = Diag::<f64>::zeros(size);
    let mut v = Mat::<f64>::zeros(n, size);
    let mut scratch = MemBuffer::new(svd_scratch::<f64>(
        m,
        n,
        ComputeSvdVectors::No,
        ComputeSvdVectors::Thin,
        Par::Seq,
        Default::default(),
    ));
    svd(
        a.as_ref(),
        s.as_mut(),
        None,
        Some(v.as_mut()),
        Par::Seq,
        MemStack::new(&mut scratch),
        Default::default(),
    )
    .ok()?;
    let sigma: Vec<f64> = s.column_vector().iter().copied().collect();
    Some((sigma, v))
}

impl Selector for Lsa {
    fn name(&self) -> &'static str {
        "lsa"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let scores = self.scores(pool);
        greedy_select(pool, limit, &scores, self.redundancy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::PoolOptions;
    use crate::test_support::sentence;
    use epitome_core::Unit;

    /// Terms a=0, b=1, c=2. Sentence {a a b} has column (1.0, 0.7, 0.4): a is at the
    /// column's max (0.4 + 0.6), b at half of it (0.4 + 0.3), c absent (0.4). Sentence {c}
    /// has (0.4, 0.4, 1.0). With every dimension kept a score is its column's norm:
    /// √1.65 and √1.32.
    #[test]
    fn scores_are_column_norms_with_every_dimension() {
        let pool = Pool::build(
            vec![
                sentence(0, 0, "Alpha alpha beta said so.", &[0, 0, 1]),
                sentence(0, 1, "Charlie was there as well.", &[2]),
            ],
            1,
            3,
            None,
            PoolOptions::default(),
        );
        let scores = Lsa::default().scores(&pool);
        assert!((scores[0] - 1.65f64.sqrt()).abs() < 1e-9, "{scores:?}");
        assert!((scores[1] - 1.32f64.sqrt()).abs() < 1e-9, "{scores:?}");
        let picks = Lsa::default().select(
            &pool,
            Limit {
                unit: Unit::Sentences,
                max: 1,
            },
        );
        assert_eq!(picks[0].candidate, 0);
    }

    /// The same sentence in two documents is one column scaled by √2: its score is √2
    /// times a single copy's, exactly what two identical columns would give together.
    #[test]
    fn support_scales_the_column() {
        let pool = Pool::build(
            vec![
                sentence(0, 0, "Charlie was there as well.", &[2]),
                sentence(0, 1, "Alpha alpha beta said so.", &[0, 0, 1]),
                sentence(1, 0, "Alpha alpha beta said so.", &[0, 0, 1]),
            ],
            2,
            3,
            None,
            PoolOptions::default(),
        );
        assert_eq!(pool.candidates()[1].support, 2);
        let scores = Lsa::default().scores(&pool);
        assert!(
            (scores[1] - (2.0 * 1.65f64).sqrt()).abs() < 1e-9,
            "{scores:?}"
        );
        assert!((scores[0] - 1.32f64.sqrt()).abs() < 1e-9, "{scores:?}");
    }

    /// One dimension kept. Sentences {a} and {b} give A = [[1, 0.4], [0.4, 1]], whose
    /// singular values are 1.4 and 0.6 with right vectors (1, 1)/√2 and (1, −1)/√2. On the
    /// first dimension alone each scores 1.4/√2; with both, √(0.98 + 0.18) = √1.16, the
    /// column norm.
    #[test]
    fn dimensions_cut_as_asked() {
        let pool = Pool::build(
            vec![
                sentence(0, 0, "Alpha was said to be there.", &[0]),
                sentence(1, 0, "Bravo was said to be there.", &[1]),
            ],
            2,
            2,
            None,
            PoolOptions::default(),
        );
        let one = Lsa {
            reduction_ratio: 0.0,
            min_dimensions: 1,
            ..Lsa::default()
        };
        for s in one.scores(&pool) {
            assert!((s - 1.4 / 2f64.sqrt()).abs() < 1e-9, "{s}");
        }
        for s in Lsa::default().scores(&pool) {
            assert!((s - 1.16f64.sqrt()).abs() < 1e-9, "{s}");
        }
    }

    /// What lets the default skip the SVD: over every dimension, `‖Σ·vⱼ‖` is column j's
    /// norm, for wide, tall and rank-deficient matrices alike.
    #[test]
    fn all_dimensions_give_column_norms() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for (m, n) in [(5, 3), (3, 5), (4, 4), (1, 6)] {
            let mut a = Mat::<f64>::from_fn(m, n, |_, _| next());
            if m == 4 {
                for r in 0..m {
                    a[(r, 3)] = 2.0 * a[(r, 0)];
                }
            }
            let (sigma, v) = sigma_v(&a).expect("svd");
            for j in 0..n {
                let svd: f64 = (0..sigma.len())
                    .map(|i| (sigma[i] * v[(j, i)]).powi(2))
                    .sum();
                let norm: f64 = (0..m).map(|r| a[(r, j)].powi(2)).sum();
                assert!(
                    (svd.sqrt() - norm.sqrt()).abs() < 1e-9,
                    "{m}x{n} column {j}"
                );
            }
        }
    }
}
