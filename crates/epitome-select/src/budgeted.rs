//! Budgeted maximization of a monotone submodular objective: cost-scaled greedy, then the
//! best single item if it beats the greedy set (Khuller et al.; Lin & Bilmes 2010). Shared
//! by the concept ILP (its incumbent) and the submodular selector.

use epitome_core::BudgetMeter;

/// A monotone set function grown one item at a time.
pub(crate) trait Objective {
    /// What adding item `j` to the current set would add.
    fn gain(&self, j: usize) -> f64;
    /// Adds item `j` to the current set.
    fn add(&mut self, j: usize);
}

/// Greedy by `gain / cost^exponent` over `items` (ties go to the lower item), within what
/// the budget `start` leaves, then the best single item if its gain alone beats the
/// greedy set. `fresh` builds the objective over the empty set; `cost[j]` is item `j`'s
/// size in the budget's unit. Returns the chosen items in the order added, each with its
/// marginal gain, and their total value.
pub(crate) fn greedy_with_singleton<O: Objective>(
    items: &[usize],
    cost: &[usize],
    start: BudgetMeter,
    exponent: f64,
    fresh: impl Fn() -> O,
) -> (Vec<(usize, f64)>, f64) {
    let mut state = fresh();
    let mut meter = start;
    let mut open: Vec<usize> = items.to_vec();
    let mut chosen: Vec<(usize, f64)> = Vec::new();
    let mut value = 0.0;
    loop {
        open.retain(|&j| meter.fits(cost[j]));
        let best = open
            .iter()
            .map(|&j| {
                let g = state.gain(j);
                let scale = (meter.cost_of(cost[j]).max(1) as f64).powf(exponent);
                (g / scale, g, j)
            })
            .filter(|&(_, g, _)| g > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.2.cmp(&a.2)));
        let Some((_, g, j)) = best else { break };
        state.add(j);
        meter.try_add(cost[j]);
        value += g;
        chosen.push((j, g));
        open.retain(|&o| o != j);
    }
    let empty = fresh();
    let single = items
        .iter()
        .copied()
        .filter(|&j| start.fits(cost[j]))
        .map(|j| (empty.gain(j), j))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    match single {
        Some((g, j)) if g > value => (vec![(j, g)], g),
        _ => (chosen, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::{Limit, Unit};

    /// Weighted coverage of small sets.
    struct Cover<'a> {
        sets: &'a [Vec<usize>],
        weight: &'a [f64],
        covered: Vec<bool>,
    }

    impl Objective for Cover<'_> {
        fn gain(&self, j: usize) -> f64 {
            self.sets[j]
                .iter()
                .filter(|&&k| !self.covered[k])
                .map(|&k| self.weight[k])
                .sum()
        }
        fn add(&mut self, j: usize) {
            for &k in &self.sets[j] {
                self.covered[k] = true;
            }
        }
    }

    #[test]
    fn greedy_by_ratio_then_the_best_singleton() {
        let sets = vec![vec![0, 1], vec![1, 2], vec![3]];
        let weight = vec![1.0, 1.0, 1.0, 10.0];
        let cost = vec![1, 1, 3];
        let fresh = || Cover {
            sets: &sets,
            weight: &weight,
            covered: vec![false; 4],
        };
        let limit = |max| {
            BudgetMeter::new(Limit {
                unit: Unit::Words,
                max,
            })
        };
        // Room for everything: the ratio order is item 2 (10/3), then 0 (2), then 1 (1).
        let (chosen, value) = greedy_with_singleton(&[0, 1, 2], &cost, limit(5), 1.0, fresh);
        assert_eq!(chosen, vec![(2, 10.0), (0, 2.0), (1, 1.0)]);
        assert_eq!(value, 13.0);
        // Room for 3 words: ratio greedy takes 2 (10/3 ≈ 3.3 per word) and stops.
        let (chosen, _) = greedy_with_singleton(&[0, 1, 2], &cost, limit(3), 1.0, fresh);
        assert_eq!(chosen, vec![(2, 10.0)]);
        // Without cost scaling it is the same here; with weight 1.5 on item 3, ratio greedy
        // takes 0 and 1 (2 + 1 = 3 in 2 words), and the singleton (1.5) does not beat them.
        let weight2 = vec![1.0, 1.0, 1.0, 1.5];
        let fresh2 = || Cover {
            sets: &sets,
            weight: &weight2,
            covered: vec![false; 4],
        };
        let (chosen, value) = greedy_with_singleton(&[0, 1, 2], &cost, limit(3), 1.0, fresh2);
        assert_eq!(chosen, vec![(0, 2.0), (1, 1.0)]);
        assert_eq!(value, 3.0);
        // Nothing fits: nothing chosen.
        let (chosen, value) = greedy_with_singleton(&[0, 1, 2], &cost, limit(0), 1.0, fresh);
        assert!(chosen.is_empty() && value == 0.0);
    }

    #[test]
    fn the_singleton_wins_when_greedy_spends_the_budget_badly() {
        // Item 0 is dense but small; item 1 is worth more alone and fills the budget.
        let sets = vec![vec![0], vec![1]];
        let weight = vec![2.0, 9.0];
        let cost = vec![1, 10];
        let fresh = || Cover {
            sets: &sets,
            weight: &weight,
            covered: vec![false; 2],
        };
        let start = BudgetMeter::new(Limit {
            unit: Unit::Words,
            max: 10,
        });
        let (chosen, value) = greedy_with_singleton(&[0, 1], &cost, start, 1.0, fresh);
        assert_eq!(chosen, vec![(1, 9.0)]);
        assert_eq!(value, 9.0);
    }
}
