//! Why a sentence was chosen: the same signals measured for every algorithm's picks.

use epitome_core::Explanation;

use crate::centroid::centroid;
use crate::concepts::ConceptTable;
use crate::pool::{opens_with_anaphor, Pool};
use crate::vector::SparseVec;

/// Measures the signals behind chosen candidates of one pool. Build it once per summary;
/// it extracts the concept table and the centroid a single time.
#[derive(Debug, Clone)]
pub struct Explainer<'a> {
    pool: &'a Pool,
    concepts: ConceptTable,
    centroid: SparseVec,
}

impl<'a> Explainer<'a> {
    /// Prepares the measures for `pool`.
    pub fn new(pool: &'a Pool) -> Self {
        Explainer {
            pool,
            concepts: ConceptTable::build(pool),
            centroid: centroid(pool),
        }
    }

    /// The explanation of candidate `c`.
    pub fn explain(&self, c: usize) -> Explanation {
        let pool = self.pool;
        let cand = &pool.candidates()[c];
        let sentences = pool.sentences();
        let position = cand
            .members
            .iter()
            .map(|&m| sentences[m].index)
            .min()
            .unwrap_or(0);
        let leads = cand
            .members
            .iter()
            .filter(|&&m| sentences[m].index == 0)
            .count();
        let (concepts, concept_weight) = self.concepts.of_candidate[c]
            .iter()
            .filter(|&&k| self.concepts.supported[k as usize])
            .fold((0, 0.0), |(n, w), &k| {
                (n + 1, w + self.concepts.weight[k as usize])
            });
        let v = pool.vector(c);
        Explanation {
            support: cand.support,
            documents: pool.docs(),
            position,
            leads,
            centrality: round(v.dot(&self.centroid)),
            concepts,
            concept_weight: round(concept_weight),
            query: pool.query().map(|q| round(v.cosine(q))),
            pronoun_opener: opens_with_anaphor(pool.text(c)),
        }
    }
}

/// Four decimals: enough to compare, short enough to read.
fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::{PoolOptions, SentenceIn};

    fn pool(docs: &[&[&str]], query: Option<&[u32]>) -> Pool {
        let mut vocab = crate::Vocabulary::new();
        let mut sentences = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (index, text) in doc.iter().enumerate() {
                let terms: Vec<u32> = text
                    .split_whitespace()
                    .map(|w| vocab.intern(&w.to_lowercase()))
                    .collect();
                sentences.push(SentenceIn {
                    doc: d,
                    index,
                    text: (*text).to_owned(),
                    content: terms.clone(),
                    stop: vec![false; terms.len()],
                    terms,
                });
            }
        }
        Pool::build(
            sentences,
            docs.len(),
            vocab.len(),
            query,
            PoolOptions::default(),
        )
    }

    #[test]
    fn shared_lead_sentence_is_explained_by_support_position_and_concepts() {
        let shared = "the levee broke near mill road at dawn";
        let p = pool(
            &[
                &[shared, "crews worked through the night on sandbags"],
                &[shared, "a school opened as a shelter for families"],
                &["rain fell for two days upstream", shared],
            ],
            None,
        );
        let e = Explainer::new(&p);
        let c = p.candidate_of(0);
        let x = e.explain(c);
        assert_eq!((x.support, x.documents), (3, 3));
        assert_eq!((x.position, x.leads), (0, 2));
        // Seven bigrams, each in all three documents.
        assert_eq!(x.concepts, 7);
        assert!(x.concept_weight >= 21.0, "{}", x.concept_weight);
        assert!(x.query.is_none());
        assert!(!x.pronoun_opener);
        let lone = e.explain(p.candidate_of(1));
        assert_eq!((lone.support, lone.concepts), (1, 0));
        assert!(x.centrality > lone.centrality);
    }

    #[test]
    fn a_pronoun_opener_is_reported() {
        let p = pool(
            &[&[
                "Mayor Varga opened the bridge on Monday",
                "She said trams will use it next year",
            ]],
            None,
        );
        let e = Explainer::new(&p);
        assert!(!e.explain(p.candidate_of(0)).pronoun_opener);
        assert!(e.explain(p.candidate_of(1)).pronoun_opener);
    }

    #[test]
    fn query_similarity_is_reported_when_there_is_a_query() {
        let mut probe = crate::Vocabulary::new();
        let levee = probe.intern("levee");
        let p = pool(
            &[&["levee holds firm today", "rain stops at last"]],
            Some(&[levee]),
        );
        let e = Explainer::new(&p);
        let on = e.explain(p.candidate_of(0)).query.unwrap();
        let off = e.explain(p.candidate_of(1)).query.unwrap();
        assert!(on > 0.0 && off == 0.0, "{on} {off}");
    }
}
