/// A sparse vector: term ids in increasing order with their weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    /// Term ids, strictly increasing.
    pub idx: Vec<u32>,
    /// Weights, one per id.
    pub val: Vec<f64>,
}

impl SparseVec {
    /// Builds a vector from (id, weight) pairs in any order; weights of equal ids add up.
    pub fn from_pairs(mut pairs: Vec<(u32, f64)>) -> Self {
        pairs.sort_by_key(|&(i, _)| i);
        let mut v = SparseVec::default();
        for (i, w) in pairs {
            if v.idx.last() == Some(&i) {
                *v.val.last_mut().expect("idx and val have equal length") += w;
            } else {
                v.idx.push(i);
                v.val.push(w);
            }
        }
        v
    }

    /// Euclidean norm.
    pub fn norm(&self) -> f64 {
        self.val.iter().map(|w| w * w).sum::<f64>().sqrt()
    }

    /// Scales to unit length (a zero vector stays zero).
    pub fn normalize(&mut self) {
        let n = self.norm();
        if n > 0.0 {
            self.val.iter_mut().for_each(|w| *w /= n);
        }
    }

    /// Dot product.
    pub fn dot(&self, other: &SparseVec) -> f64 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < self.idx.len() && j < other.idx.len() {
            match self.idx[i].cmp(&other.idx[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += self.val[i] * other.val[j];
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    /// Cosine similarity (0 when either vector is zero).
    pub fn cosine(&self, other: &SparseVec) -> f64 {
        let n = self.norm() * other.norm();
        if n > 0.0 {
            self.dot(other) / n
        } else {
            0.0
        }
    }

    /// Whether the vector has no entries.
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_overlapping_vectors() {
        let a = SparseVec::from_pairs(vec![(3, 1.0), (1, 1.0)]);
        let b = SparseVec::from_pairs(vec![(1, 1.0), (2, 1.0), (1, 0.0)]);
        assert_eq!(a.idx, [1, 3]);
        assert!((a.cosine(&b) - 0.5).abs() < 1e-12);
        assert_eq!(a.cosine(&SparseVec::default()), 0.0);
    }
}
