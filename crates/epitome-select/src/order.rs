use serde::{Deserialize, Serialize};

use crate::pool::Pool;
use crate::Pick;

/// The order summary sentences are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Source position: document order, then sentence order (of each candidate's first
    /// occurrence).
    #[default]
    Position,
    /// Selection score, highest first (ties by position).
    Score,
    /// Publication date of the earliest-dated document that carries the sentence
    /// (undated documents after dated ones), then position.
    Date,
}

impl std::str::FromStr for Order {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "position" => Ok(Order::Position),
            "score" => Ok(Order::Score),
            "date" => Ok(Order::Date),
            _ => Err(format!(
                "unknown order `{s}` (expected position, score or date)"
            )),
        }
    }
}

/// Puts picks in the requested order. `chronology` gives each document's rank by date
/// (used by [`Order::Date`]; documents it does not cover keep their input order).
pub fn order_picks(pool: &Pool, picks: &mut [Pick], order: Order, chronology: &[usize]) {
    match order {
        Order::Date => picks.sort_by_cached_key(|p| {
            pool.candidates()[p.candidate]
                .members
                .iter()
                .map(|&m| {
                    let s = &pool.sentences()[m];
                    (
                        chronology.get(s.doc).copied().unwrap_or(s.doc),
                        s.doc,
                        s.index,
                    )
                })
                .min()
        }),
        Order::Position => picks.sort_by_key(|p| pool.position(p.candidate)),
        Order::Score => picks.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| pool.position(a.candidate).cmp(&pool.position(b.candidate)))
        }),
    }
}
