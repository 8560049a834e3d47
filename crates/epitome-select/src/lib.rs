//! Selection stages of epitome: represent, group, select, order.
//!
//! Input is a list of analyzed sentences ([`SentenceIn`]: document, position, display
//! text, term ids). [`Pool::build`] weighs terms by TF-IDF over the cluster's sentences and
//! groups near-duplicate sentences across documents into [`Candidate`]s whose `support` is
//! the number of distinct documents carrying them. A [`Selector`] then picks candidates
//! under a [`epitome_core::Limit`]; every selector goes through a budget meter, so no
//! selection ever exceeds its budget, and every score-based selector skips candidates too
//! similar to one already picked, so no two summary sentences say the same thing.
//!
//! Everything here is single-threaded and deterministic: ties break on position, so the
//! same input gives the same picks on any machine and at any thread count.
#![deny(missing_docs)]

mod algorithm;
mod budgeted;
mod centroid;
mod concepts;
mod explain;
mod graph;
mod greedy;
mod group;
mod kl;
mod lead;
mod lsa;
mod luhn;
mod mmr;
mod order;
mod pool;
mod submodular;
mod sumbasic;
#[cfg(test)]
mod test_support;
mod vector;
mod vocab;

pub use algorithm::{Algorithm, UnknownAlgorithm};
pub use centroid::Centroid;
pub use concepts::{
    ConceptIlp, ConceptOptions, ConceptTable, Solution, ANAPHOR_PENALTY, CONSENSUS_WEIGHT,
    GUESSED_PENALTY, LEAD_BONUS, QUERY_FACTOR, RARE_WEIGHT, SALIENCE_WEIGHT,
};
pub use explain::Explainer;
pub use graph::{LexRank, TextRank};
pub use greedy::{greedy_select, Redundancy};
pub use group::DEFAULT_DUPLICATE_JACCARD;
pub use kl::KlSum;
pub use lead::Lead;
pub use lsa::{Lsa, LSA_MAX_SENTENCES, LSA_MAX_TERMS};
pub use luhn::Luhn;
pub use mmr::Mmr;
pub use order::{order_picks, Order};
pub use pool::{Candidate, Pool, PoolOptions, SentenceIn};
pub use submodular::{Submodular, SUBMODULAR_MAX_CANDIDATES};
pub use sumbasic::SumBasic;
pub use vector::SparseVec;
pub use vocab::Vocabulary;

/// One selected candidate and the score its selector gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// Index into [`Pool::candidates`].
    pub candidate: usize,
    /// The selector's score.
    pub score: f64,
}

/// A summarization algorithm: picks candidates from a pool under a limit.
pub trait Selector: Send + Sync {
    /// The algorithm's name as users type it.
    fn name(&self) -> &'static str;

    /// Picks candidates, in the order chosen (most important first). The picks fit
    /// `limit` measured on the candidates' display text.
    fn select(&self, pool: &Pool, limit: epitome_core::Limit) -> Vec<Pick>;
}
