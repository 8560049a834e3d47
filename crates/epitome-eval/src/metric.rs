//! The ROUGE measures and the recall / precision / F triple each produces.

use std::fmt;
use std::str::FromStr;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::{Error, ErrorKind};

/// One ROUGE measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// ROUGE-N: clipped n-gram overlap.
    N(usize),
    /// ROUGE-L: the LCS of the whole summary against the whole reference, each taken as one
    /// sequence (sentence-level LCS).
    L,
    /// ROUGE-Lsum: the union LCS of each reference sentence against every summary sentence
    /// (summary-level LCS), sentences being lines. This is what ROUGE-1.5.5 prints as
    /// "ROUGE-L" for one-sentence-per-line files, and `rouge-score`'s `rougeLsum`.
    Lsum,
    /// ROUGE-S with this maximum gap (`None`: any gap), `unigrams` adding ROUGE-SU's unigrams.
    Skip {
        /// The largest number of words allowed between the two words of a skip-bigram.
        max_gap: Option<usize>,
        /// Count unigrams too (ROUGE-SU).
        unigrams: bool,
    },
}

impl Metric {
    /// ROUGE-SU4, the usual skip-bigram measure: gap up to 4, with unigrams.
    pub const SU4: Metric = Metric::Skip {
        max_gap: Some(4),
        unigrams: true,
    };

    /// The name used in reports and JSON: `rouge-1`, `rouge-l`, `rouge-lsum`, `rouge-su4`.
    pub fn name(&self) -> String {
        match self {
            Metric::N(n) => format!("rouge-{n}"),
            Metric::L => "rouge-l".to_string(),
            Metric::Lsum => "rouge-lsum".to_string(),
            Metric::Skip { max_gap, unigrams } => {
                let gap = max_gap.map_or("*".to_string(), |g| g.to_string());
                format!("rouge-{}{gap}", if *unigrams { "su" } else { "s" })
            }
        }
    }

    /// Parses a comma-separated list such as `1,2,l,lsum,su4`.
    pub fn parse_list(list: &str) -> Result<Vec<Metric>, Error> {
        let mut out: Vec<Metric> = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let m: Metric = part.parse()?;
            if !out.contains(&m) {
                out.push(m);
            }
        }
        if out.is_empty() {
            return Err(ErrorKind::UnknownMetric(list.to_string()).into());
        }
        Ok(out)
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl FromStr for Metric {
    type Err = Error;

    /// Accepts `1`…, `l`, `lsum`, `suN`, `sN`, `su*`, `s*`, optionally prefixed by `rouge-`
    /// or `rouge` (`rouge1`, `rougeLsum`), in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let lower = s.trim().to_ascii_lowercase();
        let bare = lower
            .strip_prefix("rouge-")
            .or_else(|| lower.strip_prefix("rouge"))
            .unwrap_or(&lower);
        let bad = || Error::from(ErrorKind::UnknownMetric(s.to_string()));
        let gap = |g: &str| -> Result<Option<usize>, Error> {
            if g == "*" {
                Ok(None)
            } else {
                g.parse().map(Some).map_err(|_| bad())
            }
        };
        match bare {
            "l" => Ok(Metric::L),
            "lsum" => Ok(Metric::Lsum),
            _ if bare.starts_with("su") => Ok(Metric::Skip {
                max_gap: gap(&bare[2..])?,
                unigrams: true,
            }),
            _ if bare.starts_with('s') => Ok(Metric::Skip {
                max_gap: gap(&bare[1..])?,
                unigrams: false,
            }),
            _ => match bare.parse::<usize>() {
                Ok(n) if n > 0 => Ok(Metric::N(n)),
                _ => Err(bad()),
            },
        }
    }
}

/// Recall, precision and F-measure, each in 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Score {
    /// Recall: matches over the reference's size.
    pub r: f64,
    /// Precision: matches over the summary's size.
    pub p: f64,
    /// F-measure: the weighted harmonic mean of `p` and `r`.
    pub f: f64,
}

impl Score {
    /// A score of all zeros.
    pub const ZERO: Score = Score {
        r: 0.0,
        p: 0.0,
        f: 0.0,
    };

    /// Applies `op` to each of r, p, f.
    pub fn map(self, op: impl Fn(f64) -> f64) -> Score {
        Score {
            r: op(self.r),
            p: op(self.p),
            f: op(self.f),
        }
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("r", &self.r)?;
        m.serialize_entry("p", &self.p)?;
        m.serialize_entry("f", &self.f)?;
        m.end()
    }
}

/// ROUGE-1.5.5's F-measure, `P·R / ((1−α)·P + α·R)`, or 0 when the denominator is not
/// positive. α = 0.5 is the balanced F1; α → 0 favours recall.
pub fn f_alpha(p: f64, r: f64, alpha: f64) -> f64 {
    let d = (1.0 - alpha) * p + alpha * r;
    if d > 0.0 {
        (p * r) / d
    } else {
        0.0
    }
}

/// Rounds `x` to five decimals exactly as Perl's `sprintf("%7.5f", x)` (round half to
/// even on the exact binary value) and reads the result back, as ROUGE-1.5.5 does with
/// every score it computes.
///
/// ```
/// use epitome_eval::metric::round5;
/// assert_eq!(round5(0.123456), 0.12346);
/// assert_eq!(round5(1.0 / 64.0), 0.01562); // 0.015625 exactly: ties to even
/// ```
pub fn round5(x: f64) -> f64 {
    format!("{x:.5}").parse().expect("a formatted float parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_names() {
        assert_eq!("1".parse::<Metric>().unwrap(), Metric::N(1));
        assert_eq!("rouge-2".parse::<Metric>().unwrap(), Metric::N(2));
        assert_eq!("rougeLsum".parse::<Metric>().unwrap(), Metric::Lsum);
        assert_eq!("su4".parse::<Metric>().unwrap(), Metric::SU4);
        assert_eq!(Metric::SU4.name(), "rouge-su4");
        assert_eq!(
            "s*".parse::<Metric>().unwrap().name(),
            "rouge-s*".to_string()
        );
        assert!("0".parse::<Metric>().is_err());
        assert!("x".parse::<Metric>().is_err());
        assert_eq!(
            Metric::parse_list("1, 2,l,1").unwrap(),
            vec![Metric::N(1), Metric::N(2), Metric::L]
        );
    }

    #[test]
    fn f_measure_by_hand() {
        // P = 1/2, R = 1/3: F1 = (1/6) / (1/4 + 1/6) = 0.4.
        assert!((f_alpha(0.5, 1.0 / 3.0, 0.5) - 0.4).abs() < 1e-15);
        assert_eq!(f_alpha(0.0, 0.0, 0.5), 0.0);
        // α = 0 is recall, α = 1 is precision.
        assert_eq!(f_alpha(0.5, 0.25, 0.0), 0.25);
        assert_eq!(f_alpha(0.5, 0.25, 1.0), 0.5);
    }
}
