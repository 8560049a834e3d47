use serde::{Deserialize, Serialize};

use epitome_core::Budget;
use epitome_select::{Algorithm, Order};

/// Everything that decides a summary. CLI flags, HTTP JSON bodies and Python keyword
/// arguments all build this one type, so the three interfaces cannot drift apart.
///
/// Serialized with every field optional: `{"budget": {"words": 100}, "algorithm": "mmr"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How long the summary may be. Default: 5 sentences.
    pub budget: Budget,
    /// The selection algorithm. Default: `auto`.
    pub algorithm: Algorithm,
    /// What the user wants the summary to be about (also usable as a title).
    pub query: Option<String>,
    /// ISO 639-1 language code, or `auto`.
    pub lang: String,
    /// The order summary sentences are shown in.
    pub order: Order,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            budget: Budget::default(),
            algorithm: Algorithm::default(),
            query: None,
            lang: "auto".to_owned(),
            order: Order::default(),
        }
    }
}
