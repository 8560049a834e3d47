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
}

impl std::str::FromStr for Order {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "position" => Ok(Order::Position),
            "score" => Ok(Order::Score),
            _ => Err(format!("unknown order `{s}` (expected position or score)")),
        }
    }
}

/// Puts picks in the requested order.
pub fn order_picks(pool: &Pool, picks: &mut [Pick], order: Order) {
    match order {
        Order::Position => picks.sort_by_key(|p| pool.position(p.candidate)),
        Order::Score => picks.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| pool.position(a.candidate).cmp(&pool.position(b.candidate)))
        }),
    }
}
