//! Concept coverage under a length budget (Gillick & Favre 2009), solved by branch and
//! bound with a proven optimality gap.
//!
//! Concepts are stemmed word bigrams that are not both stopwords. A concept's weight is
//! the number of distinct documents that contain it, a direct measure of cross-source
//! support (in a single document, the number of sentences that do), plus
//! [`LEAD_BONUS`] for each document whose first sentence contains it: news leads state
//! what matters. With a query, concepts holding a query term weigh [`QUERY_FACTOR`] times
//! as much. Rare concepts carry noise, so concepts below a minimum support keep only
//! a fraction ([`RARE_WEIGHT`]) of their support as weight. The summary maximizes the total
//! weight of the concepts it covers, each counted once, so redundancy is penalized by the
//! objective itself.
//!
//! Each candidate also carries a modular salience: its centrality and position
//! ([`SALIENCE_WEIGHT`]), and a bonus when [`Mmr`](crate::Mmr) picks it too under the same
//! budget ([`CONSENSUS_WEIGHT`]), and loses [`GUESSED_PENALTY`] of its value when its
//! boundaries were guessed in unpunctuated text while other candidates' were not. One
//! term is not modular: a candidate that opens with
//! a pronoun referring back (`He said …`) pays [`ANAPHOR_PENALTY`] of its value unless
//! the sentence before it in its document is chosen too. The search keeps the penalties
//! out of its bounds (they only lower a value) and counts them when it records a
//! solution, so the result is still exact.
//!
//! The solver is exact up to a node limit. Coverage is submodular, so the sum of each
//! remaining sentence's marginal gain is an upper bound on what any set of them adds, and a
//! fractional knapsack over those gains bounds a subtree. The greedy cost-scaled solution
//! seeds the incumbent. When the node limit stops the search, the reported gap is the
//! largest bound left open.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use epitome_core::{BudgetMeter, Limit};

use crate::budgeted::{greedy_with_singleton, Objective};
use crate::centroid::centroid_similarity;
use crate::greedy::substantial;
use crate::mmr::Mmr;
use crate::pool::{boundaries_guessed, opens_with_anaphor, Pool};
use crate::{Pick, Selector};

/// Extra weight a concept gets for each document whose first sentence carries it.
/// Measured on DUC 2004 dev (docs/BENCHMARKS.md): 0 gives R-2 9.03, 2 gives 9.72 (proxy).
pub const LEAD_BONUS: f64 = 2.0;

/// Concepts below the minimum support keep this fraction of their support as weight (and
/// no lead bonus). They rarely
/// decide between sentences, but they let the summary fill its budget once the
/// well-supported concepts are covered: with weight 0, Multi-News summaries stopped at
/// 204 of 260 words and R-1 F was 41.97; with 0.2 they fill and R-1 F is 46.45 (DUC 2004
/// R-1 37.99 → 38.41, R-2 9.61 → 9.72; docs/BENCHMARKS.md).
pub const RARE_WEIGHT: f64 = 0.2;

/// Concepts that contain a query term (`--query`) weigh this many times as much.
pub const QUERY_FACTOR: f64 = 3.0;

/// Weight of each candidate's salience, a modular term added to concept coverage: its
/// cosine with the cluster centroid times its length in words, times the number of
/// documents (concept weights grow with the number of documents too, so the balance holds
/// from 2 to 10 sources), times a position factor, `(k + 2) / (k + 1)` for the k-th
/// sentence of a document. Coverage counts what a sentence adds; salience counts how
/// central and how early what it says is. Measured (docs/BENCHMARKS.md, plain means):
/// without salience DUC 2004 38.54/9.57 and Multi-News F 46.41/16.65;
/// with centrality only 38.58/9.81 and 46.78/17.00; with the position factor too
/// 38.90/9.79 and 46.81/17.11.
pub const SALIENCE_WEIGHT: f64 = 0.1;

/// Salience a candidate gains, per document, when [`Mmr`] under the same limit picks it
/// too: a second, independent judgement (centrality with a novelty penalty, over TF-IDF
/// vectors rather than bigrams) that breaks the objective's near-ties towards the
/// sentences both methods want. Measured (docs/BENCHMARKS.md, plain means), DUC 2004
/// and Multi-News F: without it 38.90/9.79 and 46.86/17.15; 0.05:
/// 39.15/9.83 and 46.95/17.27; **0.1: 39.31/9.89 and 47.04/17.21**; 0.2: 39.15/9.86 and
/// 47.01/17.27; 0.3: 39.15/9.86 and 47.04/17.21.
pub const CONSENSUS_WEIGHT: f64 = 0.1;

/// Share of its value that a candidate opening with a pronoun that refers back (`He said
/// …`, `They were …`; `pool::opens_with_anaphor`) loses when it is chosen without the sentence
/// before it in its document: alone it does not say who or what it is about, so it is
/// taken only where it is clearly better than the alternatives. With that sentence chosen
/// too (shown just before it) it costs nothing. Measured (docs/BENCHMARKS.md, plain means),
/// DUC 2004 and Multi-News F: without it 39.00/9.71 and 47.11/17.42;
/// **0.1: 38.96/9.84 and 47.07/17.49**, with the Multi-News summaries' pronoun openers
/// shown without their antecedent down from 167 to 89 (and 100 after it, was 77); 0.2: 38.87/9.86 and
/// 47.01/17.42; 0.35: 38.87/9.86 and 46.93/17.29.
pub const ANAPHOR_PENALTY: f64 = 0.1;

/// Share of its value that a candidate whose boundaries were guessed (it was cut out of
/// lowercased, unpunctuated text; `pool::boundaries_guessed`) loses, in a cluster where
/// other candidates have boundaries their text marks. Where a lowercased copy and a
/// punctuated one say different things, the punctuated one is read as the author cut
/// it; the guessed one may be a fragment (`peace , resulting in further diplomatic
/// issues …`). A cluster whose candidates are all guessed pays nothing. Measured with the
/// `messy_clusters` example (docs/BENCHMARKS.md: DUC 2004 with half of each cluster's
/// documents lowercased, tokenized and unpunctuated), whole summary sentences and
/// recall: without it 65.9% and 38.09/9.35; 0.1: 74.3% and 38.23/9.35; **0.2: 87.0% and
/// 38.39/9.29**; 0.3: 92.6% and 38.23/9.10; 0.4: 98.1% and 37.98/9.13. Clean clusters
/// are unchanged on DUC 2004; on Multi-News, whose pages hold a few lowercased lines,
/// F moves 47.03/17.43 → 47.07/17.43.
pub const GUESSED_PENALTY: f64 = 0.2;

/// How the concept objective is built and solved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConceptOptions {
    /// Sentences shorter than this many words are not candidates.
    pub min_words: usize,
    /// Branch-and-bound nodes explored before settling for the best found.
    pub node_limit: usize,
}

impl Default for ConceptOptions {
    fn default() -> Self {
        ConceptOptions {
            min_words: 8,
            node_limit: 50_000,
        }
    }
}

/// The concept-coverage ILP (`ilp`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ConceptIlp {
    /// Options.
    pub options: ConceptOptions,
}

/// The concepts of a pool: for each candidate, the ids of the weighted concepts it holds.
#[derive(Debug, Clone)]
pub struct ConceptTable {
    /// Concept ids per candidate (those of its representative sentence), sorted and
    /// deduplicated.
    pub of_candidate: Vec<Vec<u32>>,
    /// Weight of each concept id.
    pub weight: Vec<f64>,
    /// Whether each concept id reaches the minimum support (the rest weigh
    /// [`RARE_WEIGHT`] of their support).
    pub supported: Vec<bool>,
    /// Salience of each candidate, counted whenever it is chosen ([`SALIENCE_WEIGHT`],
    /// [`CONSENSUS_WEIGHT`]), less the modular [`GUESSED_PENALTY`].
    pub salience: Vec<f64>,
    /// What choosing each candidate costs when it opens with a pronoun and its antecedent
    /// is not chosen too (0 for the rest; [`ConceptTable::add_anaphor_penalties`]).
    pub penalty: Vec<f64>,
    /// The candidate whose choice waives each candidate's penalty: the sentence before it
    /// in its document ([`Pool::antecedent`]).
    pub antecedent: Vec<Option<usize>>,
}

impl ConceptTable {
    /// Extracts the bigram concepts of `pool`, weighted by support.
    pub fn build(pool: &Pool) -> ConceptTable {
        let sentences = pool.sentences();
        let mut ids: HashMap<(u32, u32), u32> = HashMap::new();
        let mut per_sentence: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut cs: Vec<u32> = s
                .terms
                .windows(2)
                .zip(s.stop.windows(2))
                .filter(|(_, st)| !(st[0] && st[1]))
                .map(|(t, _)| {
                    let next = ids.len() as u32;
                    *ids.entry((t[0], t[1])).or_insert(next)
                })
                .collect();
            cs.sort_unstable();
            cs.dedup();
            per_sentence.push(cs);
        }
        // Support: distinct documents (or, in a single document, sentences).
        let single = pool.docs() < 2;
        let mut count = vec![0u32; ids.len()];
        let mut last_seen = vec![usize::MAX; ids.len()];
        for (i, cs) in per_sentence.iter().enumerate() {
            let unit = if single { i } else { sentences[i].doc };
            for &c in cs {
                if last_seen[c as usize] != unit {
                    last_seen[c as usize] = unit;
                    count[c as usize] += 1;
                }
            }
        }
        // In how many documents the concept is part of the lead sentence.
        let mut lead = vec![0u32; ids.len()];
        for (i, cs) in per_sentence.iter().enumerate() {
            if sentences[i].index == 0 {
                for &c in cs {
                    lead[c as usize] += 1;
                }
            }
        }
        let min_support = if single {
            2
        } else {
            ((pool.docs() as f64) * 0.3).round().max(2.0) as u32
        };
        let supported: Vec<bool> = count.iter().map(|&n| n >= min_support).collect();
        // Concepts that hold a query term weigh more: the user said what matters.
        let mut on_query = vec![false; ids.len()];
        if let Some(q) = pool.query() {
            for (&(a, b), &id) in &ids {
                on_query[id as usize] =
                    q.idx.binary_search(&a).is_ok() || q.idx.binary_search(&b).is_ok();
            }
        }
        let weight: Vec<f64> = count
            .iter()
            .zip(&lead)
            .zip(&on_query)
            .map(|((&n, &l), &q)| {
                let w = if n >= min_support {
                    n as f64 + LEAD_BONUS * l as f64
                } else {
                    RARE_WEIGHT * n as f64
                };
                if q {
                    w * QUERY_FACTOR
                } else {
                    w
                }
            })
            .collect();
        let of_candidate: Vec<Vec<u32>> = pool
            .candidates()
            .iter()
            .map(|c| {
                // What the summary shows is the representative, so it covers only the
                // representative's concepts; the members' support is in the weights.
                let mut cs: Vec<u32> = per_sentence[c.rep]
                    .iter()
                    .copied()
                    .filter(|&x| weight[x as usize] > 0.0)
                    .collect();
                cs.sort_unstable();
                cs.dedup();
                cs
            })
            .collect();
        let centrality = centroid_similarity(pool);
        let scale = SALIENCE_WEIGHT * pool.docs().max(1) as f64;
        let salience = pool
            .candidates()
            .iter()
            .map(|c| {
                // Earlier sentences say what the story is: a candidate that is at best
                // the k-th sentence (from 0) of any source counts (k + 2) / (k + 1), so a
                // lead counts twice.
                let k = c
                    .members
                    .iter()
                    .map(|&m| pool.sentences()[m].index)
                    .min()
                    .unwrap_or(0) as f64;
                let early = (k + 2.0) / (k + 1.0);
                scale * early * centrality[c.rep].max(0.0) * pool.words()[c.rep] as f64
            })
            .collect();
        let n: usize = of_candidate.len();
        ConceptTable {
            of_candidate,
            weight,
            supported,
            salience,
            penalty: vec![0.0; n],
            antecedent: vec![None; n],
        }
    }
}

impl ConceptTable {
    /// Adds the consensus term to the salience: [`CONSENSUS_WEIGHT`] times the number of
    /// documents for each candidate that [`Mmr`] picks from `pool` under `limit`.
    pub fn add_consensus(&mut self, pool: &Pool, limit: Limit) {
        let bonus = CONSENSUS_WEIGHT * pool.docs().max(1) as f64;
        for pick in Mmr::default().select(pool, limit) {
            self.salience[pick.candidate] += bonus;
        }
    }

    /// Marks the candidates that open with a pronoun referring back
    /// (`pool::opens_with_anaphor`): each costs [`ANAPHOR_PENALTY`] of its value
    /// ([`ConceptTable::value`], as it stands) whenever it is chosen without its
    /// [antecedent](Pool::antecedent).
    pub fn add_anaphor_penalties(&mut self, pool: &Pool) {
        for c in 0..self.salience.len() {
            if opens_with_anaphor(pool.text(c)) {
                self.penalty[c] = ANAPHOR_PENALTY * self.value(c).max(0.0);
                self.antecedent[c] = pool.antecedent(c);
            }
        }
    }

    /// Lowers the salience of each candidate whose boundaries were guessed
    /// (`pool::boundaries_guessed`) by [`GUESSED_PENALTY`] of its value
    /// ([`ConceptTable::value`], as it stands), when some candidate of the pool has
    /// boundaries its text marks. The term is modular: it costs the same whatever else
    /// is chosen.
    pub fn add_guessed_penalties(&mut self, pool: &Pool) {
        let n = self.salience.len();
        let guessed: Vec<bool> = (0..n).map(|c| boundaries_guessed(pool.text(c))).collect();
        if guessed.iter().all(|&g| g) {
            return;
        }
        for c in (0..n).filter(|&c| guessed[c]) {
            self.salience[c] -= GUESSED_PENALTY * self.value(c).max(0.0);
        }
    }

    /// The table the `ilp` selector solves over for `limit`: [`ConceptTable::build`] plus
    /// the consensus term ([`ConceptTable::add_consensus`]), the pronoun openers'
    /// penalties ([`ConceptTable::add_anaphor_penalties`]) and the guessed boundaries'
    /// ([`ConceptTable::add_guessed_penalties`]).
    pub fn for_limit(pool: &Pool, limit: Limit) -> ConceptTable {
        let mut table = ConceptTable::build(pool);
        table.add_consensus(pool, limit);
        table.add_anaphor_penalties(pool);
        table.add_guessed_penalties(pool);
        table
    }

    /// What candidate `c` is worth alone: its concepts' weights plus its salience.
    pub fn value(&self, c: usize) -> f64 {
        self.salience[c]
            + self.of_candidate[c]
                .iter()
                .map(|&k| self.weight[k as usize])
                .sum::<f64>()
    }
}

/// The result of one solve, with its quality certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Chosen candidates, in the order added.
    pub chosen: Vec<usize>,
    /// Objective value: the total weight of the covered concepts, plus the chosen
    /// candidates' salience, less the penalties of pronoun openers chosen without their
    /// antecedent.
    pub value: f64,
    /// Proven upper bound on the optimum.
    pub bound: f64,
    /// Nodes explored.
    pub nodes: usize,
}

impl Solution {
    /// Relative optimality gap, `(bound − value) / bound` (0 when proven optimal).
    pub fn gap(&self) -> f64 {
        if self.bound > 0.0 {
            ((self.bound - self.value) / self.bound).max(0.0)
        } else {
            0.0
        }
    }
}

struct Problem<'a> {
    concepts: &'a [Vec<u32>],
    weight: &'a [f64],
    /// What each item adds whatever else is chosen.
    salience: &'a [f64],
    /// What choosing each item costs unless its antecedent is chosen too.
    penalty: &'a [f64],
    antecedent: &'a [Option<usize>],
    /// An earlier stage's picks, which count as chosen antecedents.
    fixed: &'a [usize],
    cost: Vec<usize>,
    items: Vec<usize>,
    /// The budget as it stands before any item: empty, or holding an earlier stage's picks.
    start: BudgetMeter,
}

impl Problem<'_> {
    fn gain(&self, c: usize, covered: &[u32]) -> f64 {
        self.salience[c]
            + self.concepts[c]
                .iter()
                .filter(|&&k| covered[k as usize] == 0)
                .map(|&k| self.weight[k as usize])
                .sum::<f64>()
    }

    /// Upper bound on what items `from..` can add to `covered` with `room` left, each
    /// less the penalty it would certainly pay (`doomed`): the fractional knapsack over
    /// their marginal gains. `upper` bounds each item's gain from above whatever is
    /// covered (its value alone), so the items are taken lazily: the one with the highest
    /// bound on its ratio is measured, and it is the best while its exact ratio beats every
    /// other bound. Only the few items the knapsack takes, and those that bound them, are
    /// measured, not all of them.
    fn bound(
        &self,
        from: usize,
        covered: &[u32],
        meter: &BudgetMeter,
        upper: &[f64],
        doomed: impl Fn(usize) -> f64,
    ) -> f64 {
        let remaining = meter.remaining();
        let mut heap: BinaryHeap<Ratio> = self.items[from..]
            .iter()
            .filter_map(|&c| {
                let cost = meter.cost_of(self.cost[c]);
                (upper[c] > 0.0 && cost <= remaining).then(|| Ratio {
                    ratio: upper[c] / cost.max(1) as f64,
                    gain: upper[c],
                    item: c,
                    exact: false,
                })
            })
            .collect();
        let mut room = remaining as f64;
        let mut total = 0.0;
        while let Some(top) = heap.pop() {
            if room <= 0.0 {
                break;
            }
            let c = top.item;
            let cost = meter.cost_of(self.cost[c]);
            if !top.exact {
                let g = self.gain(c, covered) - doomed(c);
                if g > 0.0 {
                    heap.push(Ratio {
                        ratio: g / cost.max(1) as f64,
                        gain: g,
                        item: c,
                        exact: true,
                    });
                }
                continue;
            }
            if cost as f64 <= room {
                total += top.gain;
                room -= cost as f64;
            } else {
                total += top.ratio * room;
                room = 0.0;
            }
        }
        total
    }
}

/// The concept objective over a growing set, for the greedy incumbent.
struct Covering<'p, 'a> {
    p: &'p Problem<'a>,
    covered: Vec<u32>,
}

impl Objective for Covering<'_, '_> {
    fn gain(&self, c: usize) -> f64 {
        self.p.gain(c, &self.covered)
    }

    fn add(&mut self, c: usize) {
        for &k in &self.p.concepts[c] {
            self.covered[k as usize] += 1;
        }
    }
}

/// Greedy by marginal gain per unit of cost, then the best single item if better
/// (the classic guarantee for budgeted submodular maximization).
fn greedy(p: &Problem<'_>, n_concepts: usize) -> (Vec<usize>, f64) {
    let (chosen, value) = greedy_with_singleton(&p.items, &p.cost, p.start, 1.0, || Covering {
        p,
        covered: vec![0; n_concepts],
    });
    (chosen.into_iter().map(|(c, _)| c).collect(), value)
}

/// An item's gain per unit of cost, exact or an upper bound, ordered by that ratio
/// (ties by item, so the order is total).
#[derive(Debug, Clone, Copy)]
struct Ratio {
    ratio: f64,
    /// The exact gain, once measured.
    gain: f64,
    item: usize,
    exact: bool,
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ratio
            .total_cmp(&other.ratio)
            .then(self.exact.cmp(&other.exact))
            .then(other.item.cmp(&self.item))
    }
}

/// What one search computes once: each item's value alone (an upper bound on its gain),
/// and how the pronoun openers' penalties tie items together.
struct Links {
    /// Each candidate's salience plus the weight of all its concepts.
    upper: Vec<f64>,
    /// Whether choosing each candidate waives another's penalty (it is an antecedent).
    waives: Vec<bool>,
    /// Each candidate's place in the branching order (`usize::MAX`: not an item).
    rank: Vec<usize>,
}

impl Links {
    fn of(p: &Problem<'_>) -> Links {
        let mut waives = vec![false; p.penalty.len()];
        for (c, a) in p.antecedent.iter().enumerate() {
            if let Some(a) = a.filter(|_| p.penalty[c] > 0.0) {
                waives[a] = true;
            }
        }
        let mut rank = vec![usize::MAX; p.penalty.len()];
        for (i, &c) in p.items.iter().enumerate() {
            rank[c] = i;
        }
        let upper = (0..p.penalty.len())
            .map(|c| {
                p.salience[c]
                    + p.concepts[c]
                        .iter()
                        .map(|&k| p.weight[k as usize])
                        .sum::<f64>()
            })
            .collect();
        Links {
            upper,
            waives,
            rank,
        }
    }

    /// The penalty candidate `c` pays, chosen beside `chosen`, whatever the items from
    /// `from` on add: its own, when its antecedent is not chosen and can no longer be.
    fn doomed(&self, p: &Problem<'_>, from: usize, chosen: &[usize], c: usize) -> f64 {
        if p.penalty[c] == 0.0 {
            return 0.0;
        }
        let certain = match p.antecedent[c] {
            Some(a) => {
                !chosen.contains(&a)
                    && !p.fixed.contains(&a)
                    && (self.rank[a] < from || self.rank[a] == usize::MAX)
            }
            None => true,
        };
        if certain {
            p.penalty[c]
        } else {
            0.0
        }
    }

    /// The penalties `chosen` will pay whatever the items from `from` on add; with `from`
    /// past the last item, the penalties it pays.
    fn certain_cost(&self, p: &Problem<'_>, from: usize, chosen: &[usize]) -> f64 {
        chosen
            .iter()
            .map(|&c| self.doomed(p, from, chosen, c))
            .sum()
    }
}

/// Solves the concept-coverage problem over `items` (candidate indices) by branch and
/// bound, exploring at most `node_limit` nodes.
fn solve(p: &Problem<'_>, n_concepts: usize, node_limit: usize) -> Solution {
    let links = Links::of(p);
    let (mut best, mut best_value) = greedy(p, n_concepts);
    best_value -= links.certain_cost(p, usize::MAX, &best);
    let mut covered = vec![0u32; n_concepts];
    let root_bound = p.bound(0, &covered, &p.start, &links.upper, |c| {
        links.doomed(p, 0, &[], c)
    });
    let mut nodes = 0usize;
    let mut open_bound: f64 = 0.0;
    let mut stack_chosen = Vec::new();

    #[allow(clippy::too_many_arguments)]
    fn dfs(
        p: &Problem<'_>,
        from: usize,
        value: f64,
        covered: &mut Vec<u32>,
        meter: BudgetMeter,
        chosen: &mut Vec<usize>,
        best: &mut Vec<usize>,
        best_value: &mut f64,
        nodes: &mut usize,
        node_limit: usize,
        open_bound: &mut f64,
        links: &Links,
    ) {
        *nodes += 1;
        if value > *best_value + 1e-9 {
            let actual = value - links.certain_cost(p, usize::MAX, chosen);
            if actual > *best_value + 1e-9 {
                *best_value = actual;
                *best = chosen.clone();
            }
        }
        if from >= p.items.len() || meter.remaining() == 0 {
            return;
        }
        let ub = value - links.certain_cost(p, from, chosen)
            + p.bound(from, covered, &meter, &links.upper, |c| {
                links.doomed(p, from, chosen, c)
            });
        if ub <= *best_value + 1e-9 {
            return;
        }
        if *nodes >= node_limit {
            *open_bound = open_bound.max(ub);
            return;
        }
        let c = p.items[from];
        let g = p.gain(c, covered);
        // An item that adds nothing can still waive a pronoun opener's penalty.
        if (g > 0.0 || links.waives[c]) && meter.fits(p.cost[c]) {
            let mut m = meter;
            m.try_add(p.cost[c]);
            for &k in &p.concepts[c] {
                covered[k as usize] += 1;
            }
            chosen.push(c);
            dfs(
                p,
                from + 1,
                value + g,
                covered,
                m,
                chosen,
                best,
                best_value,
                nodes,
                node_limit,
                open_bound,
                links,
            );
            chosen.pop();
            for &k in &p.concepts[c] {
                covered[k as usize] -= 1;
            }
        }
        dfs(
            p,
            from + 1,
            value,
            covered,
            meter,
            chosen,
            best,
            best_value,
            nodes,
            node_limit,
            open_bound,
            links,
        );
    }

    dfs(
        p,
        0,
        0.0,
        &mut covered,
        p.start,
        &mut stack_chosen,
        &mut best,
        &mut best_value,
        &mut nodes,
        node_limit,
        &mut open_bound,
        &links,
    );
    let bound = if nodes >= node_limit {
        open_bound.max(best_value).min(root_bound.max(best_value))
    } else {
        best_value
    };
    Solution {
        chosen: best,
        value: best_value,
        bound,
        nodes,
    }
}

impl ConceptIlp {
    /// Solves the concept-coverage problem for `pool` under `limit`.
    ///
    /// With a query, the sentences that match it (TF-IDF cosine above 0) are chosen first,
    /// by the same objective; the rest of the budget is then filled from the others, with
    /// the concepts already covered counting nothing. The bound is the sum of both
    /// stages' bounds.
    pub fn solve(&self, pool: &Pool, limit: Limit) -> Solution {
        self.solve_table(pool, &ConceptTable::for_limit(pool, limit), limit)
    }

    fn solve_table(&self, pool: &Pool, table: &ConceptTable, limit: Limit) -> Solution {
        let n = pool.candidates().len();
        let cost: Vec<usize> = (0..n).map(|c| limit.unit.measure(pool.text(c))).collect();
        let usable: Vec<usize> = (0..n)
            .filter(|&c| substantial(pool, c) && !table.of_candidate[c].is_empty())
            .collect();
        // Prefer full sentences, but never let the length preference empty a summary.
        let long: Vec<usize> = usable
            .iter()
            .copied()
            .filter(|&c| pool.words()[pool.candidates()[c].rep] >= self.options.min_words)
            .collect();
        let mut items = if long.is_empty() { usable } else { long };
        // Branch on the most valuable items per unit of cost first.
        let value = |c: usize| -> f64 { table.value(c) };
        items.sort_by(|&a, &b| {
            (value(b) / cost[b].max(1) as f64)
                .total_cmp(&(value(a) / cost[a].max(1) as f64))
                .then(a.cmp(&b))
        });
        let (relevant, rest): (Vec<usize>, Vec<usize>) = match pool.query() {
            Some(q) => items.iter().partition(|&&c| pool.vector(c).dot(q) > 0.0),
            None => (Vec::new(), items.clone()),
        };
        if relevant.is_empty() || rest.is_empty() {
            let p = Problem {
                concepts: &table.of_candidate,
                weight: &table.weight,
                salience: &table.salience,
                penalty: &table.penalty,
                antecedent: &table.antecedent,
                fixed: &[],
                cost,
                items,
                start: BudgetMeter::new(limit),
            };
            return solve(&p, table.weight.len(), self.options.node_limit);
        }
        let first = Problem {
            concepts: &table.of_candidate,
            weight: &table.weight,
            salience: &table.salience,
            penalty: &table.penalty,
            antecedent: &table.antecedent,
            fixed: &[],
            cost,
            items: relevant,
            start: BudgetMeter::new(limit),
        };
        let one = solve(&first, table.weight.len(), self.options.node_limit);
        let mut start = BudgetMeter::new(limit);
        let mut weight = table.weight.clone();
        for &c in &one.chosen {
            start.try_add(first.cost[c]);
            for &k in &table.of_candidate[c] {
                weight[k as usize] = 0.0;
            }
        }
        let second = Problem {
            concepts: &table.of_candidate,
            weight: &weight,
            salience: &table.salience,
            penalty: &table.penalty,
            antecedent: &table.antecedent,
            fixed: &one.chosen,
            cost: first.cost,
            items: rest,
            start,
        };
        let two = solve(&second, weight.len(), self.options.node_limit);
        let mut chosen = one.chosen;
        chosen.extend(two.chosen);
        Solution {
            chosen,
            value: one.value + two.value,
            bound: one.bound + two.bound,
            nodes: one.nodes + two.nodes,
        }
    }
}

impl Selector for ConceptIlp {
    fn name(&self) -> &'static str {
        "ilp"
    }

    fn select(&self, pool: &Pool, limit: Limit) -> Vec<Pick> {
        let table = ConceptTable::for_limit(pool, limit);
        let solution = self.solve_table(pool, &table, limit);
        solution
            .chosen
            .iter()
            .map(|&c| Pick {
                candidate: c,
                score: table.value(c),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::Unit;
    use proptest::prelude::*;

    fn brute_force(
        concepts: &[Vec<u32>],
        weight: &[f64],
        salience: &[f64],
        (penalty, antecedent): (&[f64], &[Option<usize>]),
        cost: &[usize],
        limit: Limit,
    ) -> f64 {
        let n = concepts.len();
        let mut best = 0.0f64;
        for mask in 0u32..(1 << n) {
            let mut meter = BudgetMeter::new(limit);
            let mut ok = true;
            let mut covered = vec![false; weight.len()];
            let mut modular = 0.0;
            for i in 0..n {
                if mask & (1 << i) != 0 {
                    ok &= meter.try_add(cost[i]);
                    modular += salience[i];
                    if antecedent[i].is_none_or(|a| mask & (1 << a) == 0) {
                        modular -= penalty[i];
                    }
                    for &k in &concepts[i] {
                        covered[k as usize] = true;
                    }
                }
            }
            if ok {
                let v: f64 = covered
                    .iter()
                    .zip(weight)
                    .filter(|(c, _)| **c)
                    .map(|(_, w)| w)
                    .sum();
                best = best.max(v + modular);
            }
        }
        best
    }

    #[test]
    fn consensus_adds_its_bonus_to_exactly_the_candidates_mmr_picks() {
        use crate::test_support::sentence;
        let dam = "the old river dam opened all its gates at noon.";
        let docs = [
            [
                dam,
                "farmers along the valley cheered the water that came.",
                "the rain this spring came late and thin to the hills.",
            ],
            [
                dam,
                "a road near the mill washed out in the night flood.",
                "the schools in town stayed open through the whole week.",
            ],
            [
                "officials from the county praised the dam crew for their work.",
                dam,
                "fish moved upriver again for the first time in years.",
            ],
        ];
        let mut vocab = crate::Vocabulary::new();
        let mut sentences = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (i, text) in doc.iter().enumerate() {
                let terms: Vec<u32> = text
                    .trim_end_matches('.')
                    .split(' ')
                    .map(|w| vocab.intern(w))
                    .collect();
                sentences.push(sentence(d, i, text, &terms));
            }
        }
        let pool = Pool::build(
            sentences,
            docs.len(),
            vocab.len(),
            None,
            crate::PoolOptions::default(),
        );
        let limit = Limit {
            unit: Unit::Words,
            max: 25,
        };
        let base = ConceptTable::build(&pool);
        let with = ConceptTable::for_limit(&pool, limit);
        let picked: Vec<usize> = Mmr::default()
            .select(&pool, limit)
            .iter()
            .map(|p| p.candidate)
            .collect();
        assert!(!picked.is_empty() && picked.len() < pool.candidates().len());
        for c in 0..pool.candidates().len() {
            let added = with.salience[c] - base.salience[c];
            let want = if picked.contains(&c) {
                CONSENSUS_WEIGHT * 3.0
            } else {
                0.0
            };
            assert!(
                (added - want).abs() < 1e-12,
                "candidate {c}: {added} vs {want}"
            );
        }
        assert_eq!(with.weight, base.weight, "concept weights are untouched");
    }

    proptest! {
        #[test]
        fn branch_and_bound_equals_brute_force(
            concepts in prop::collection::vec(prop::collection::btree_set(0u32..10, 0..5), 1..11),
            weight in prop::collection::vec(0.0f64..5.0, 10),
            cost in prop::collection::vec(1usize..12, 11),
            salience in prop::collection::vec(prop_oneof![Just(0.0f64), 0.0f64..3.0], 11),
            penalty in prop::collection::vec(prop_oneof![Just(0.0f64), 0.0f64..4.0], 11),
            antecedent in prop::collection::vec(prop::option::of(0usize..11), 11),
            max in 0usize..30,
        ) {
            let concepts: Vec<Vec<u32>> = concepts.into_iter().map(|s| s.into_iter().collect()).collect();
            let n = concepts.len();
            let antecedent: Vec<Option<usize>> = antecedent[..n].iter().map(|a| a.filter(|&a| a < n)).collect();
            let limit = Limit { unit: Unit::Words, max };
            let p = Problem { concepts: &concepts, weight: &weight, salience: &salience[..n], penalty: &penalty[..n], antecedent: &antecedent, fixed: &[], cost: cost[..n].to_vec(), items: (0..n).collect(), start: BudgetMeter::new(limit) };
            let exact = solve(&p, weight.len(), 1_000_000);
            let truth = brute_force(&concepts, &weight, &salience[..n], (&penalty[..n], &antecedent), &cost[..n], limit);
            prop_assert!((exact.value - truth).abs() < 1e-9, "{} vs {}", exact.value, truth);
            prop_assert_eq!(exact.gap(), 0.0);
            // A starved search still returns a feasible answer and an honest bound.
            let starved = solve(&p, weight.len(), 2);
            prop_assert!(starved.value <= truth + 1e-9);
            prop_assert!(starved.bound + 1e-9 >= truth, "bound {} below optimum {}", starved.bound, truth);
            let mut meter = BudgetMeter::new(limit);
            prop_assert!(starved.chosen.iter().all(|&c| meter.try_add(cost[c])));
        }
    }
}
