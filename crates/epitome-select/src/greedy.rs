//! Budgeted greedy selection with redundancy control, shared by the score-based selectors.

use epitome_core::{BudgetMeter, Limit};

use crate::pool::{broken_off, starts_mid_sentence, trails_off, Pool};
use crate::Pick;

/// Candidates with fewer words than this are fragments and never selected by score.
pub const MIN_WORDS: usize = 4;

/// Candidates shorter than this that do not end like a sentence are headings or captions.
const HEADING_MAX_WORDS: usize = 8;

/// When a candidate counts as saying what an already selected one says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Redundancy {
    /// Candidates whose TF-IDF cosine with a selected one reaches this are skipped.
    pub max_cosine: f64,
}

impl Default for Redundancy {
    fn default() -> Self {
        Redundancy { max_cosine: 0.5 }
    }
}

impl Redundancy {
    /// Whether `candidate` repeats one of `picked`.
    pub fn repeats(&self, pool: &Pool, candidate: usize, picked: &[Pick]) -> bool {
        let v = pool.vector(candidate);
        picked
            .iter()
            .any(|p| v.cosine(pool.vector(p.candidate)) >= self.max_cosine)
    }
}

/// Whether a candidate is a sentence worth selecting by score: not a fragment ("Oil."),
/// not a heading ("Treaty of Paris (1856)"), not a sentence that trails off in an
/// ellipsis, such as a web page's teaser cut off mid-sentence ([`trails_off`]), not one
/// of cased text that starts mid-sentence ([`starts_mid_sentence`]), and, without a final
/// stop, not one that breaks off before it is done ([`broken_off`]).
pub(crate) fn substantial(pool: &Pool, candidate: usize) -> bool {
    let words = pool.words()[pool.candidates()[candidate].rep];
    let text = pool.text(candidate);
    let ends = text
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?']);
    words >= MIN_WORDS
        && !trails_off(text)
        && !starts_mid_sentence(text)
        && (ends || (words >= HEADING_MAX_WORDS && !broken_off(text)))
}

/// Picks candidates in decreasing score (ties: earlier position first), skipping those
/// that do not fit what is left of the budget, that are fragments, or that repeat a
/// candidate already picked.
pub fn greedy_select(
    pool: &Pool,
    limit: Limit,
    scores: &[f64],
    redundancy: Redundancy,
) -> Vec<Pick> {
    let mut order: Vec<usize> = (0..pool.candidates().len())
        .filter(|&c| substantial(pool, c) && scores[c].is_finite())
        .collect();
    order.sort_by(|&a, &b| {
        scores[b]
            .total_cmp(&scores[a])
            .then_with(|| pool.position(a).cmp(&pool.position(b)))
    });
    let mut meter = BudgetMeter::new(limit);
    let mut picked: Vec<Pick> = Vec::new();
    for c in order {
        if meter.remaining() == 0 {
            break;
        }
        let size = limit.unit.measure(pool.text(c));
        if !meter.fits(size) || redundancy.repeats(pool, c, &picked) {
            continue;
        }
        meter.try_add(size);
        picked.push(Pick {
            candidate: c,
            score: scores[c],
        });
    }
    picked
}
