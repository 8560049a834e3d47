//! The candidate pool: TF-IDF vectors for every sentence and near-duplicate groups.

use epitome_core::count_words;

use crate::group;
use crate::vector::SparseVec;

/// One analyzed sentence handed to selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceIn {
    /// Document index in the cluster.
    pub doc: usize,
    /// Position of the sentence in its document.
    pub index: usize,
    /// The text as it would be shown (budgets measure this).
    pub text: String,
    /// Term ids of every word (stems), in order.
    pub terms: Vec<u32>,
    /// Term ids of the content words (stopwords removed), in order.
    pub content: Vec<u32>,
    /// Whether each of `terms` is a stopword.
    pub stop: Vec<bool>,
}

/// A sentence, or a group of near-duplicate sentences from several documents, that can
/// go into a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Indices of the member sentences, in (document, position) order.
    pub members: Vec<usize>,
    /// The member whose text is shown.
    pub rep: usize,
    /// How many distinct documents carry it.
    pub support: usize,
}

/// Options for building a pool.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolOptions {
    /// Sentences whose word-stem sets have at least this Jaccard similarity are grouped.
    pub duplicate_jaccard: f64,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            duplicate_jaccard: group::DEFAULT_DUPLICATE_JACCARD,
        }
    }
}

/// Everything selectors need: sentences, their vectors, candidates, and the query.
#[derive(Debug, Clone)]
pub struct Pool {
    sentences: Vec<SentenceIn>,
    vectors: Vec<SparseVec>,
    words: Vec<usize>,
    candidates: Vec<Candidate>,
    candidate_of: Vec<usize>,
    query: Option<SparseVec>,
    idf: Vec<f64>,
    docs: usize,
}

impl Pool {
    /// Builds the pool for a cluster of `docs` documents. `vocab_len` bounds the term ids;
    /// `query` holds the content term ids of the user's query, if any.
    pub fn build(
        sentences: Vec<SentenceIn>,
        docs: usize,
        vocab_len: usize,
        query: Option<&[u32]>,
        options: PoolOptions,
    ) -> Pool {
        let n = sentences.len();
        let mut df = vec![0u32; vocab_len];
        let mut seen = vec![usize::MAX; vocab_len];
        for (i, s) in sentences.iter().enumerate() {
            for &t in &s.content {
                if seen[t as usize] != i {
                    seen[t as usize] = i;
                    df[t as usize] += 1;
                }
            }
        }
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| {
                if d == 0 {
                    0.0
                } else {
                    (1.0 + n as f64 / d as f64).ln()
                }
            })
            .collect();
        let weigh = |terms: &[u32]| {
            let mut v = SparseVec::from_pairs(terms.iter().map(|&t| (t, 1.0)).collect());
            for (i, w) in v.idx.iter().zip(v.val.iter_mut()) {
                *w *= idf[*i as usize];
            }
            v.normalize();
            v
        };
        let vectors: Vec<SparseVec> = sentences.iter().map(|s| weigh(&s.content)).collect();
        let words = sentences.iter().map(|s| count_words(&s.text)).collect();
        let query = query.map(weigh).filter(|q| !q.is_empty());

        let groups = group::near_duplicates(&sentences, vocab_len, options.duplicate_jaccard);
        let mut candidate_of = vec![0; n];
        let candidates = groups
            .into_iter()
            .enumerate()
            .map(|(c, members)| {
                for &m in &members {
                    candidate_of[m] = c;
                }
                let rep = *members
                    .iter()
                    .max_by_key(|&&m| (presentable(&sentences[m].text), std::cmp::Reverse(m)))
                    .expect("groups are never empty");
                let mut docs_seen: Vec<usize> = members.iter().map(|&m| sentences[m].doc).collect();
                docs_seen.dedup();
                Candidate {
                    support: docs_seen.len(),
                    members,
                    rep,
                }
            })
            .collect();

        Pool {
            sentences,
            vectors,
            words,
            candidates,
            candidate_of,
            query,
            idf,
            docs,
        }
    }

    /// All sentences, in (document, position) order as given.
    pub fn sentences(&self) -> &[SentenceIn] {
        &self.sentences
    }

    /// Unit-length TF-IDF vector of each sentence (content words only).
    pub fn vectors(&self) -> &[SparseVec] {
        &self.vectors
    }

    /// Word count of each sentence's display text.
    pub fn words(&self) -> &[usize] {
        &self.words
    }

    /// The candidates, ordered by their first member.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// The candidate each sentence belongs to.
    pub fn candidate_of(&self, sentence: usize) -> usize {
        self.candidate_of[sentence]
    }

    /// The unit-length TF-IDF vector of the query, if one was given and shares a term
    /// with the cluster.
    pub fn query(&self) -> Option<&SparseVec> {
        self.query.as_ref()
    }

    /// Inverse document frequency of each term over the cluster's sentences.
    pub fn idf(&self) -> &[f64] {
        &self.idf
    }

    /// Number of documents in the cluster.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// The display text of a candidate.
    pub fn text(&self, candidate: usize) -> &str {
        &self.sentences[self.candidates[candidate].rep].text
    }

    /// The vector of a candidate (its representative's).
    pub fn vector(&self, candidate: usize) -> &SparseVec {
        &self.vectors[self.candidates[candidate].rep]
    }

    /// (document, position) of the candidate's earliest member.
    pub fn position(&self, candidate: usize) -> (usize, usize) {
        let s = &self.sentences[self.candidates[candidate].members[0]];
        (s.doc, s.index)
    }

    /// A candidate's score from per-sentence scores: the best of its members.
    pub fn candidate_scores(&self, sentence_scores: &[f64]) -> Vec<f64> {
        self.candidates
            .iter()
            .map(|c| {
                c.members
                    .iter()
                    .map(|&m| sentence_scores[m])
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .collect()
    }
}

/// How presentable a copy of a sentence is: cased and punctuated copies are shown in
/// preference to lowercased or tokenized ones.
fn presentable(text: &str) -> u8 {
    let cased = text.chars().any(char::is_uppercase) as u8;
    let ends = (text.trim_end().ends_with(['.', '!', '?', '"', '”']) && !trails_off(text)) as u8;
    let untokenized = !(text.contains(" ,") || text.contains(" .")) as u8;
    cased * 4 + untokenized * 2 + ends
}

/// Whether a sentence trails off in an ellipsis (`...` or `…`, before any closing quotes
/// or brackets). On a web page that is a teaser cut off mid-sentence (`… as the Rockies
/// hosted the Pittsburgh Pirates in a baseball...`), in speech a thought left unfinished;
/// either way the reader is not told the whole of it, so it is not a summary sentence.
/// An ellipsis inside a sentence (`it was ... strange`) is not trailing off.
pub(crate) fn trails_off(text: &str) -> bool {
    let end = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .trim_end();
    end.ends_with("...") || end.ends_with('…')
}

/// Words an English sentence does not end on: articles, coordinating conjunctions,
/// possessive determiners and `of`/`than`/`whose`, which all need a word after them.
const NEVER_LAST: [&str; 16] = [
    "a", "an", "the", "and", "or", "but", "nor", "of", "than", "whose", "my", "your", "our",
    "their", "its", "every",
];

/// Whether a sentence stops before it is done: it ends on a word that needs another after
/// it (`… at a time when climate change has become the`, `there were problems throughout
/// the`), or on a colon, comma, semicolon, dash or opening bracket (`The Onion has updated
/// its story with this funny little tag:`). Such a sentence comes from a page cut off
/// mid-sentence or from a wrong boundary, and says less than it seems to.
pub(crate) fn broken_off(text: &str) -> bool {
    let end = text.trim_end();
    if end.ends_with([':', ',', ';', '—', '–', '-', '(', '[']) {
        return true;
    }
    let last = end
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default();
    NEVER_LAST.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// Whether a sentence of cased text starts in the middle of one: its first word is all
/// lowercase while the sentence writes capitals elsewhere (`have told him Davis will run
/// for governor in 2014.`, `at Speaker-elect Robert Livingston when he called …`). A wrong
/// boundary or a line broken in the source put it there. A lowercased source's sentences
/// (no capitals at all), a first word with a capital inside (`iPhone`, `eBay`) and a
/// surname's particle before a capital (`de Klerk said …`, `van Gogh`) are not flagged.
pub(crate) fn starts_mid_sentence(text: &str) -> bool {
    const PARTICLES: [&str; 12] = [
        "de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "al", "bin",
    ];
    let text = text.trim_start();
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or_default();
    let particle = PARTICLES.contains(&first)
        && words
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
    text.chars().next().is_some_and(char::is_lowercase)
        && !first.chars().any(char::is_uppercase)
        && !particle
        && text.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_starting_mid_sentence_are_told_from_whole_ones() {
        assert!(starts_mid_sentence(
            "have told him Davis will run for governor in 2014."
        ));
        assert!(starts_mid_sentence(
            "at Speaker-elect Robert Livingston when he called."
        ));
        assert!(!starts_mid_sentence("the treaty was signed in paris"));
        assert!(!starts_mid_sentence(
            "iPhone sales rose by a third in March."
        ));
        assert!(!starts_mid_sentence("de Klerk said he would go to court."));
        assert!(starts_mid_sentence("de facto rule ended in May."));
        assert!(!starts_mid_sentence("The treaty was signed in Paris."));
        assert!(!starts_mid_sentence("\"We will see,\" she said."));
        assert!(!starts_mid_sentence(""));
    }

    #[test]
    fn sentences_broken_off_are_told_from_whole_ones() {
        assert!(broken_off("there were problems throughout the"));
        assert!(broken_off(
            "The Onion has updated its story with this funny little tag:"
        ));
        assert!(broken_off("Officials named three towns and"));
        assert!(broken_off("It costs more than"));
        assert!(broken_off("The report, which was published on Monday,"));
        assert!(!broken_off("The cost per wedding is at a five-year high"));
        assert!(!broken_off("the treaty was signed in paris"));
        assert!(!broken_off("This is the one I saw her with."));
        assert!(!broken_off("Prices rose."));
        assert!(!broken_off(""));
    }

    #[test]
    fn trailing_ellipses_are_told_from_inner_ones() {
        assert!(trails_off(
            "The Rockies hosted the Pirates in a baseball..."
        ));
        assert!(trails_off(
            "Four people are dead and one person is injured ..."
        ));
        assert!(trails_off("He said \"we will see…\" "));
        assert!(trails_off("(More details to come...)"));
        assert!(!trails_off("It was ... strange, and then it ended."));
        assert!(!trails_off("Prices rose."));
        assert!(!trails_off("Did they?"));
        assert!(!trails_off(""));
    }

    #[test]
    fn a_whole_copy_is_shown_before_a_teaser() {
        let teaser = "Four people are dead and one person is injured...";
        let whole = "Four people are dead and one person is injured, police said.";
        assert!(presentable(whole) > presentable(teaser));
    }
}
