//! Length budgets and the meter that enforces them.
//!
//! A summary's text is its sentences joined by `"\n"`; every unit is measured on that
//! text, separators included, so the rendered summary never exceeds the budget.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// The separator between summary sentences in the summary text.
pub const SENTENCE_SEPARATOR: &str = "\n";

/// How long a summary may be, as users say it.
///
/// Serialized as a one-key object, e.g. `{"words": 100}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// At most this many words (whitespace-delimited tokens holding a letter or digit).
    Words(usize),
    /// At most this many Unicode scalar values.
    Chars(usize),
    /// At most this many UTF-8 bytes (DUC's 665-byte limit is `Bytes(665)`).
    Bytes(usize),
    /// At most this fraction (0–1) of the input's words.
    Ratio(f64),
    /// At most this many whitespace-delimited tokens.
    Tokens(usize),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Sentences(5)
    }
}

/// The unit a resolved budget counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Sentences.
    Sentences,
    /// Words.
    Words,
    /// Unicode scalar values.
    Chars,
    /// UTF-8 bytes.
    Bytes,
    /// Whitespace-delimited tokens.
    Tokens,
}

impl Unit {
    /// The size of `text` in this unit (a sentence counts 1).
    pub fn measure(self, text: &str) -> usize {
        match self {
            Unit::Sentences => 1,
            Unit::Words => count_words(text),
            Unit::Chars => text.chars().count(),
            Unit::Bytes => text.len(),
            Unit::Tokens => text.split_whitespace().count(),
        }
    }

    /// The size of the separator between two sentences in this unit.
    fn separator(self) -> usize {
        match self {
            Unit::Chars | Unit::Bytes => SENTENCE_SEPARATOR.len(),
            Unit::Sentences | Unit::Words | Unit::Tokens => 0,
        }
    }
}

/// Counts words: whitespace-delimited tokens that hold at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .count()
}

/// A budget resolved against its input: a unit and a maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// What is counted.
    pub unit: Unit,
    /// The most that may be used.
    pub max: usize,
}

impl Budget {
    /// Resolves the budget for an input of `input_words` words.
    pub fn resolve(&self, input_words: usize) -> Result<Limit, Error> {
        let (unit, max) = match *self {
            Budget::Sentences(n) => (Unit::Sentences, n),
            Budget::Words(n) => (Unit::Words, n),
            Budget::Chars(n) => (Unit::Chars, n),
            Budget::Bytes(n) => (Unit::Bytes, n),
            Budget::Tokens(n) => (Unit::Tokens, n),
            Budget::Ratio(r) => {
                if !(0.0..=1.0).contains(&r) {
                    return Err(Error::new(ErrorKind::InvalidBudget(format!(
                        "ratio must be between 0 and 1, got {r}"
                    ))));
                }
                (Unit::Words, (r * input_words as f64).floor() as usize)
            }
        };
        Ok(Limit { unit, max })
    }
}

/// Tracks what a summary under construction has used of its limit.
#[derive(Debug, Clone, Copy)]
pub struct BudgetMeter {
    limit: Limit,
    used: usize,
    count: usize,
}

impl BudgetMeter {
    /// A meter with nothing used.
    pub fn new(limit: Limit) -> Self {
        BudgetMeter {
            limit,
            used: 0,
            count: 0,
        }
    }

    /// What adding a sentence of size `size` (in the limit's unit) would cost.
    pub fn cost_of(&self, size: usize) -> usize {
        if self.count == 0 {
            size
        } else {
            size + self.limit.unit.separator()
        }
    }

    /// Whether a sentence of size `size` still fits.
    pub fn fits(&self, size: usize) -> bool {
        self.used + self.cost_of(size) <= self.limit.max
    }

    /// Adds a sentence of size `size` if it fits; returns whether it was added.
    pub fn try_add(&mut self, size: usize) -> bool {
        if !self.fits(size) {
            return false;
        }
        self.used += self.cost_of(size);
        self.count += 1;
        true
    }

    /// What has been used so far.
    pub fn used(&self) -> usize {
        self.used
    }

    /// What is left.
    pub fn remaining(&self) -> usize {
        self.limit.max - self.used
    }

    /// The limit.
    pub fn limit(&self) -> Limit {
        self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_punctuation_tokens() {
        assert_eq!(count_words("It is 3.5 km — far , isn't it ?"), 7);
        assert_eq!(Unit::Tokens.measure("It is 3.5 km — far , isn't it ?"), 10);
    }

    #[test]
    fn separators_count_for_chars_and_bytes() {
        let mut m = BudgetMeter::new(Limit {
            unit: Unit::Bytes,
            max: 9,
        });
        assert!(m.try_add(4));
        assert!(!m.try_add(5)); // 4 + 1 + 5 = 10 > 9
        assert!(m.try_add(4)); // 4 + 1 + 4 = 9
        assert_eq!(m.remaining(), 0);
    }

    #[test]
    fn ratio_resolves_against_input_and_rejects_nonsense() {
        assert_eq!(
            Budget::Ratio(0.1).resolve(1005).unwrap(),
            Limit {
                unit: Unit::Words,
                max: 100
            }
        );
        assert!(Budget::Ratio(1.5).resolve(10).is_err());
        assert!(Budget::Ratio(f64::NAN).resolve(10).is_err());
    }

    #[test]
    fn budget_serializes_as_one_key_object() {
        let b: Budget = serde_json::from_str(r#"{"words": 100}"#).unwrap();
        assert_eq!(b, Budget::Words(100));
        assert_eq!(
            serde_json::to_string(&Budget::Bytes(665)).unwrap(),
            r#"{"bytes":665}"#
        );
    }
}
