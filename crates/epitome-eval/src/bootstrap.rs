//! Averages over topics: the plain mean, and ROUGE-1.5.5's bootstrap mean and confidence
//! interval, reproduced draw for draw.
//!
//! ROUGE-1.5.5 does not print the mean of the per-topic scores as its `Average`. It draws
//! `-r` (1000) bootstrap resamples; resample *i* is drawn after Perl's `srand(i)` by
//! `int(rand(n))` n times, over the topics sorted as the strings `"$topic.$peer"`. The
//! printed `Average` is the mean of the resample means, and the confidence interval comes
//! from the sorted resample means. Perl's `rand` is `drand48` (its own copy since Perl
//! 5.20, glibc's before: the same generator), which [`Drand48`] implements.

use crate::metric::{round5, Score};

/// The `drand48` generator: `X ← (0x5DEECE66D·X + 0xB) mod 2⁴⁸`, output `X / 2⁴⁸`.
///
/// ```
/// use epitome_eval::bootstrap::Drand48;
/// // perl -e 'srand(1); print rand()'  →  0.0416303447718782
/// assert_eq!(Drand48::perl_srand(1).next_f64(), 0.041630344771878214);
/// ```
#[derive(Debug, Clone)]
pub struct Drand48 {
    x: u64,
}

impl Drand48 {
    const A: u64 = 0x5_DEEC_E66D;
    const C: u64 = 0xB;
    const MASK: u64 = (1 << 48) - 1;

    /// The state Perl's `srand(seed)` leaves: `(seed << 16) + 0x330E`.
    pub fn perl_srand(seed: u32) -> Self {
        Drand48 {
            x: ((u64::from(seed) << 16) + 0x330E) & Self::MASK,
        }
    }

    /// The next number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.x = (Self::A.wrapping_mul(self.x).wrapping_add(Self::C)) & Self::MASK;
        self.x as f64 / (1u64 << 48) as f64
    }

    /// Perl's `int(rand(n))`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_f64() * n as f64) as usize
    }
}

/// The bootstrap estimate of a mean score and its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    /// The mean of the resample means: what ROUGE-1.5.5 prints as `Average`.
    pub mean: Score,
    /// The lower end of the confidence interval.
    pub low: Score,
    /// The upper end of the confidence interval.
    pub high: Score,
}

/// How a set of per-topic scores averages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aggregate {
    /// The plain mean of the per-topic scores.
    pub mean: Score,
    /// ROUGE-1.5.5's bootstrap mean and confidence interval (absent without topics).
    pub bootstrap: Option<Bootstrap>,
}

/// Settings of the bootstrap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapOptions {
    /// Number of resamples (`-r`, 1000 by default).
    pub resamples: usize,
    /// Confidence level in percent (`-c`, 95 by default).
    pub confidence: f64,
    /// Round as ROUGE-1.5.5 prints (`%7.5f`): the averages, the interval and the plain mean.
    pub round: bool,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            resamples: 1000,
            confidence: 95.0,
            round: true,
        }
    }
}

fn component(s: &Score, k: usize) -> f64 {
    match k {
        0 => s.r,
        1 => s.p,
        _ => s.f,
    }
}

/// Averages `scores`, given in ROUGE-1.5.5's instance order (sorted `"$topic.$peer"`
/// strings), exactly as ROUGE-1.5.5's `computeAverages` with `-t 0`.
pub fn aggregate(scores: &[Score], options: &BootstrapOptions) -> Aggregate {
    let n = scores.len();
    let fin = |x: f64| if options.round { round5(x) } else { x };
    if n == 0 {
        return Aggregate {
            mean: Score::ZERO.map(fin),
            bootstrap: None,
        };
    }
    let mut sum = [0.0f64; 3];
    for s in scores {
        for (k, acc) in sum.iter_mut().enumerate() {
            *acc += component(s, k);
        }
    }
    let mean = Score {
        r: fin(sum[0] / n as f64),
        p: fin(sum[1] / n as f64),
        f: fin(sum[2] / n as f64),
    };
    let bootstrap = (options.resamples > 0).then(|| bootstrap(scores, options));
    Aggregate { mean, bootstrap }
}

fn bootstrap(scores: &[Score], options: &BootstrapOptions) -> Bootstrap {
    let n = scores.len();
    let samples = options.resamples;
    let fin = |x: f64| if options.round { round5(x) } else { x };
    let mut resampled: [Vec<f64>; 3] = [
        Vec::with_capacity(samples),
        Vec::with_capacity(samples),
        Vec::with_capacity(samples),
    ];
    for i in 0..samples {
        let mut rng = Drand48::perl_srand(i as u32);
        let mut sum = [0.0f64; 3];
        for _ in 0..n {
            let s = &scores[rng.below(n)];
            for (k, acc) in sum.iter_mut().enumerate() {
                *acc += component(s, k);
            }
        }
        for k in 0..3 {
            resampled[k].push(sum[k] / n as f64);
        }
    }
    for v in &mut resampled {
        v.sort_by(f64::total_cmp);
    }
    let delta = samples as f64 * ((100.0 - options.confidence) / 2.0) / 100.0;
    let upper_a = (samples as f64 - delta - 1.0) as usize;
    let lower_a = delta as usize;
    let ratio = samples as f64 - delta - 1.0 - upper_a as f64;
    // Perl reads past the end as 0.
    let at = |v: &[f64], i: usize| v.get(i).copied().unwrap_or(0.0);
    let interp = |v: &[f64], a: usize| at(v, a) + (at(v, a + 1) - at(v, a)) * ratio;
    let pick = |f: &dyn Fn(&[f64]) -> f64| Score {
        r: fin(f(&resampled[0])),
        p: fin(f(&resampled[1])),
        f: fin(f(&resampled[2])),
    };
    Bootstrap {
        mean: pick(&|v| v.iter().sum::<f64>() / v.len() as f64),
        low: pick(&|v| interp(v, lower_a)),
        high: pick(&|v| interp(v, upper_a)),
    }
}

/// The order in which ROUGE-1.5.5 visits topics when resampling: the indices of `ids`
/// sorted by the strings `"{id}.{peer}"`.
pub fn rouge155_order<S: AsRef<str>>(ids: &[S], peer: &str) -> Vec<usize> {
    let keys: Vec<String> = ids
        .iter()
        .map(|id| format!("{}.{peer}", id.as_ref()))
        .collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drand48_matches_perl() {
        // perl -e 'for $s (0,2,5) { srand($s); printf "%.17g %.17g\n", rand(), rand() }'
        let mut r = Drand48::perl_srand(0);
        assert_eq!(r.next_f64(), 0.17082803610628972);
        assert_eq!(r.next_f64(), 0.7499019804849638);
        let mut r = Drand48::perl_srand(2);
        assert_eq!(r.next_f64(), 0.9124326534374667);
        assert_eq!(r.next_f64(), 0.1590829089722945);
        let mut r = Drand48::perl_srand(5);
        assert_eq!(r.next_f64(), 0.5248395794342322);
        assert_eq!(r.next_f64(), 0.2728543017032905);
    }

    #[test]
    fn constant_scores_average_to_themselves() {
        let s = Score {
            r: 0.25,
            p: 0.5,
            f: 1.0 / 3.0,
        };
        let a = aggregate(&[s; 7], &BootstrapOptions::default());
        assert_eq!(a.mean.r, 0.25);
        let b = a.bootstrap.unwrap();
        assert_eq!(b.mean.f, 0.33333);
        assert_eq!(b.low.p, 0.5);
        assert_eq!(b.high.p, 0.5);
    }

    #[test]
    fn order_is_string_order_of_topic_dot_peer() {
        // "a-b.X" sorts before "a.X" ('-' < '.'), although "a" sorts before "a-b".
        assert_eq!(
            rouge155_order(&["a", "a-b", "10", "9"], "X"),
            vec![2, 3, 1, 0]
        );
    }
}
