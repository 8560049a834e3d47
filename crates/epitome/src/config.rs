use std::sync::Arc;

use serde::{Deserialize, Serialize};

use epitome_core::Budget;
use epitome_select::{Algorithm, Order};
use epitome_text::{BoundaryModel, IngestOptions, NormalizeOptions};

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
    /// Whether sentences from lowercased sources are shown truecased.
    pub truecase: Truecase,
    /// Which normalizers run (mojibake, NFC, whitespace, hard wraps, detokenization,
    /// citation debris; all by default), and whether Markdown code is kept:
    /// `{"normalize": {"detok": false}}`.
    pub normalize: NormalizeOptions,
    /// Whether each summary sentence carries the signals that chose it
    /// ([`epitome_core::Explanation`]: support, position, concepts, centrality, query).
    pub explain: bool,
    /// The model that cuts unpunctuated text into sentences, in place of the built-in one
    /// (`epitome train boundary` trains one; [`BoundaryModel::load`] reads it). Never
    /// serialized: a model is loaded by the program, not named in a request.
    #[serde(skip)]
    pub boundary_model: Option<Arc<BoundaryModel>>,
}

/// Truecasing of sentences from lowercased sources (only the shown text changes; spans
/// still point to the original bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Truecase {
    /// Capitalize sentence starts and `I`, and write words as the cluster's cased
    /// documents write them.
    #[default]
    Auto,
    /// Show sentences exactly as their source has them.
    Off,
}

impl std::str::FromStr for Truecase {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Truecase::Auto),
            "off" => Ok(Truecase::Off),
            _ => Err(format!(
                "unknown truecase mode `{s}` (expected auto or off)"
            )),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            budget: Budget::default(),
            algorithm: Algorithm::default(),
            query: None,
            lang: "auto".to_owned(),
            order: Order::default(),
            truecase: Truecase::default(),
            normalize: NormalizeOptions::default(),
            explain: false,
            boundary_model: None,
        }
    }
}

impl Config {
    /// How inline documents (batch lines, HTTP bodies, Python) are read under this
    /// configuration: the format is detected per document, Markdown code kept as
    /// `normalize.keep_code` says.
    pub fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            format: None,
            keep_code: self.normalize.keep_code,
        }
    }
}

#[cfg(test)]
mod normalize_config_tests {
    use super::*;

    #[test]
    fn normalizers_switch_from_json_and_default_on() {
        let c: Config =
            serde_json::from_str(r#"{"normalize": {"detok": false, "keep_code": true}}"#).unwrap();
        assert!(!c.normalize.detok && c.normalize.keep_code);
        assert!(c.normalize.mojibake && c.normalize.citations && c.normalize.nfc);
        let d: Config = serde_json::from_str("{}").unwrap();
        assert_eq!(d, Config::default());
        assert!(serde_json::from_str::<Config>(r#"{"normalize": {"bogus": true}}"#).is_err());
        let back: Config = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
    }
}
