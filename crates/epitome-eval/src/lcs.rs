//! Longest common subsequences: the table, one LCS read back from it, and the union LCS
//! of one reference sentence against every candidate sentence.
//!
//! ROUGE-1.5.5 (`lcs_inner` + `markLCS`) and `rouge-score` (`_lcs_table` +
//! `_backtrack_norec`) read one LCS back in the same way: diagonal on a match, otherwise up
//! when the cell above is at least the cell to the left, else left. So the same LCS (and
//! the same union) comes out of both, which matters when several LCSs exist.

/// The LCS length table of `a` and `b`, `(a.len()+1) × (b.len()+1)`, row-major.
fn table(a: &[u32], b: &[u32]) -> Vec<u32> {
    let w = b.len() + 1;
    let mut t = vec![0u32; (a.len() + 1) * w];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            t[i * w + j] = if a[i - 1] == b[j - 1] {
                t[(i - 1) * w + j - 1] + 1
            } else {
                t[(i - 1) * w + j].max(t[i * w + j - 1])
            };
        }
    }
    t
}

/// The length of the longest common subsequence of `a` and `b`.
///
/// ```
/// use epitome_eval::lcs::lcs_len;
/// // w1 w2 w3 w4 against w1 w3 w5 w4: LCS = w1 w3 w4.
/// assert_eq!(lcs_len(&[1, 2, 3, 4], &[1, 3, 5, 4]), 3);
/// ```
pub fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    // Two rows suffice for the length.
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for &x in a {
        for j in 1..=b.len() {
            cur[j] = if x == b[j - 1] {
                prev[j - 1] + 1
            } else {
                prev[j].max(cur[j - 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// Marks in `hit` (indexed like `a`) the positions of `a` on one LCS of `a` and `b`.
pub fn mark_lcs(a: &[u32], b: &[u32], hit: &mut [bool]) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    let t = table(a, b);
    let w = b.len() + 1;
    let (mut i, mut j) = (a.len(), b.len());
    while i > 0 && j > 0 {
        if a[i - 1] == b[j - 1] {
            i -= 1;
            j -= 1;
            hit[i] = true;
        } else if t[(i - 1) * w + j] >= t[i * w + j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
}

/// The positions of `reference` on the union of its LCSs with each of `candidates`
/// (ROUGE's summary-level LCS, section 3.2 of Lin 2004), as a mask over `reference`.
///
/// ```
/// use epitome_eval::lcs::union_lcs;
/// // Lin's example: r = w1 w2 w3 w4 w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5.
/// // LCS(r,c1) = w1 w2, LCS(r,c2) = w1 w3 w5, union = w1 w2 w3 w5.
/// let mask = union_lcs(&[1, 2, 3, 4, 5], &[vec![1, 2, 6, 7, 8], vec![1, 3, 8, 9, 5]]);
/// assert_eq!(mask, vec![true, true, true, false, true]);
/// ```
pub fn union_lcs(reference: &[u32], candidates: &[Vec<u32>]) -> Vec<bool> {
    let mut hit = vec![false; reference.len()];
    for c in candidates {
        mark_lcs(reference, c, &mut hit);
    }
    hit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_by_hand() {
        assert_eq!(lcs_len(&[], &[1]), 0);
        // police killed the gunman / police kill the gunman: police the gunman = 3.
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[1, 5, 3, 4]), 3);
        // the gunman kill police: "the gunman" = 2 (police comes after, can't extend).
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[3, 4, 5, 1]), 2);
    }

    #[test]
    fn tie_breaking_prefers_up() {
        // a = x y, b = y x: two LCSs of length 1 ("x" or "y"). At (2,2) up and left tie,
        // so the walk goes up to (1,2), where a[0] = x matches b[1] = x: position 0.
        let mut hit = vec![false; 2];
        mark_lcs(&[1, 2], &[2, 1], &mut hit);
        assert_eq!(hit, vec![true, false]);
    }
}
