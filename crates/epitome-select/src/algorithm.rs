use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{
    Centroid, ConceptIlp, KlSum, Lead, LexRank, Lsa, Luhn, Mmr, Selector, Submodular, SumBasic,
    TextRank,
};

/// The selection algorithms users can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    /// The best measured default for the input's shape (see [`Algorithm::resolve_for`]).
    #[default]
    Auto,
    /// First sentences, round-robin over documents.
    Lead,
    /// Continuous LexRank.
    Lexrank,
    /// TextRank.
    Textrank,
    /// Centroid similarity.
    Centroid,
    /// Maximal Marginal Relevance.
    Mmr,
    /// Concept (bigram) coverage, solved by branch and bound.
    Ilp,
    /// Submodular coverage plus diversity (Lin & Bilmes).
    Submodular,
    /// KL-Sum: greedy minimization of KL(input ‖ summary) over unigrams.
    Kl,
    /// SumBasic: word probabilities, squared once said.
    Sumbasic,
    /// Luhn: clusters of significant (frequent) words.
    Luhn,
    /// Latent semantic analysis (Steinberger & Ježek, as sumy computes it).
    Lsa,
}

/// A name that is not an algorithm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown algorithm `{0}` (expected one of: auto, lead, lexrank, textrank, centroid, mmr, ilp, submodular, kl, sumbasic, luhn, lsa)")]
pub struct UnknownAlgorithm(pub String);

impl Algorithm {
    /// Every algorithm, `auto` first.
    pub const ALL: [Algorithm; 12] = [
        Algorithm::Auto,
        Algorithm::Lead,
        Algorithm::Lexrank,
        Algorithm::Textrank,
        Algorithm::Centroid,
        Algorithm::Mmr,
        Algorithm::Ilp,
        Algorithm::Submodular,
        Algorithm::Kl,
        Algorithm::Sumbasic,
        Algorithm::Luhn,
        Algorithm::Lsa,
    ];

    /// The algorithm `auto` stands for on a cluster of `docs` documents: `lead` for a
    /// single document (a news article's lead beat every other method on CNN/DailyMail)
    /// and `ilp` for several (best on both DUC 2004 and Multi-News: 39.34 / 9.91
    /// and 47.04 / 17.21 F, against mmr's 37.76 / 8.31 and 45.67 / 15.57); see
    /// docs/BENCHMARKS.md.
    pub fn resolve_for(self, docs: usize) -> Algorithm {
        match self {
            Algorithm::Auto if docs <= 1 => Algorithm::Lead,
            Algorithm::Auto => Algorithm::Ilp,
            other => other,
        }
    }

    /// The name users type.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Auto => "auto",
            Algorithm::Lead => "lead",
            Algorithm::Lexrank => "lexrank",
            Algorithm::Textrank => "textrank",
            Algorithm::Centroid => "centroid",
            Algorithm::Mmr => "mmr",
            Algorithm::Ilp => "ilp",
            Algorithm::Submodular => "submodular",
            Algorithm::Kl => "kl",
            Algorithm::Sumbasic => "sumbasic",
            Algorithm::Luhn => "luhn",
            Algorithm::Lsa => "lsa",
        }
    }

    /// A selector running this algorithm (`auto` chooses per cluster).
    pub fn selector(self) -> Box<dyn Selector> {
        match self {
            Algorithm::Auto => Box::new(Auto),
            Algorithm::Lead => Box::new(Lead),
            Algorithm::Textrank => Box::new(TextRank::default()),
            Algorithm::Centroid => Box::new(Centroid::default()),
            Algorithm::Mmr => Box::new(Mmr::default()),
            Algorithm::Ilp => Box::new(ConceptIlp::default()),
            Algorithm::Submodular => Box::new(Submodular::default()),
            Algorithm::Lexrank => Box::new(LexRank::default()),
            Algorithm::Kl => Box::new(KlSum::default()),
            Algorithm::Sumbasic => Box::new(SumBasic::default()),
            Algorithm::Luhn => Box::new(Luhn::default()),
            Algorithm::Lsa => Box::new(Lsa::default()),
        }
    }
}

/// The `auto` selector: the measured best algorithm for the pool's number of documents.
#[derive(Debug, Clone, Copy, Default)]
struct Auto;

impl Selector for Auto {
    fn name(&self) -> &'static str {
        "auto"
    }

    fn select(&self, pool: &crate::Pool, limit: epitome_core::Limit) -> Vec<crate::Pick> {
        Algorithm::Auto
            .resolve_for(pool.docs())
            .selector()
            .select(pool, limit)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownAlgorithm(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_the_selectors() {
        for a in Algorithm::ALL {
            assert_eq!(a.name().parse::<Algorithm>(), Ok(a));
            assert_eq!(a.to_string(), a.name());
            assert_eq!(a.selector().name(), a.name());
            // serde spells every variant as users type it.
            let json = format!("\"{}\"", a.name());
            assert_eq!(serde_json::to_string(&a).unwrap(), json);
            assert_eq!(serde_json::from_str::<Algorithm>(&json).unwrap(), a);
        }
        assert_eq!(" KL ".parse::<Algorithm>(), Ok(Algorithm::Kl));
    }

    #[test]
    fn the_error_lists_every_name() {
        let message = "nope".parse::<Algorithm>().unwrap_err().to_string();
        for a in Algorithm::ALL {
            assert!(message.contains(a.name()), "{message} lacks {}", a.name());
        }
    }
}
