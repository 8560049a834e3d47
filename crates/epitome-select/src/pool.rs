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

    /// The candidate that holds the sentence just before `candidate`'s first occurrence in
    /// the same document, if that sentence is in the pool. A sentence that opens with a
    /// pronoun (`He said …`) reads right when this one is shown before it: in
    /// position order it is, as its first occurrence comes no later.
    pub fn antecedent(&self, candidate: usize) -> Option<usize> {
        let first = *self.candidates[candidate].members.first()?;
        let before = first.checked_sub(1)?;
        let (a, b) = (&self.sentences[before], &self.sentences[first]);
        (a.doc == b.doc && a.index + 1 == b.index).then(|| self.candidate_of[before])
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
/// preference to lowercased or tokenized ones, and, other things equal, a copy that names
/// its subject (`Smith said …`) to one that opens with a pronoun (`He said …`).
fn presentable(text: &str) -> u8 {
    let cased = text.chars().any(char::is_uppercase) as u8;
    let ends = (text.trim_end().ends_with(['.', '!', '?', '"', '”']) && !trails_off(text)) as u8;
    let untokenized = !(text.contains(" ,") || text.contains(" .")) as u8;
    let named = !opens_with_anaphor(text) as u8;
    cased * 8 + untokenized * 4 + ends * 2 + named
}

/// Pronouns and possessives that, opening a sentence, refer back to someone or something
/// named before it (`He said …`, `Their lawyer …`, `Such a move …`).
const ANAPHORIC: [&str; 11] = [
    "he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "such",
];

/// Demonstratives, which refer back when they stand for a noun (`This is …`, `That
/// means …`) but not as a determiner (`This year …`, `That night …`).
const DEMONSTRATIVE: [&str; 4] = ["this", "that", "these", "those"];

/// Verbs that follow a demonstrative standing alone as the subject.
const AFTER_DEMONSTRATIVE: [&str; 28] = [
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "must", "should", "means", "meant", "made", "makes", "comes", "came", "includes",
    "included", "led", "leads", "left", "prompted", "s",
];

/// Words after `it is` / `it was` that make the `it` a dummy subject pointing forward
/// (`It is unclear whether …`, `It was not known how …`) rather than back.
const FORWARD: [&str; 9] = [
    "that", "to", "whether", "how", "why", "what", "when", "if", "who",
];

/// Whether a sentence opens with a pronoun that refers to something before it, so that
/// alone it does not say who or what it is about: `He said he raced in …`, `They were
/// among the biggest issues …`, `This is a tragedy …`, `Her manager said …`, in any case
/// (lowercased sources too). Not flagged: a demonstrative used as a determiner (`This
/// year the river …`), a dummy `it` that points forward (`It is unclear whether …`, `It's
/// likely that …`), and a sentence that opens with a quotation mark.
pub(crate) fn opens_with_anaphor(text: &str) -> bool {
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', ';', ':', '.']).to_lowercase());
    let Some(first) = words.next() else {
        return false;
    };
    // `It's`, `That's`, `They're`: the contraction is the next word.
    let (first, contracted) = match first.split_once(['\'', '’']) {
        Some((head, tail)) => (head.to_string(), Some(tail.to_string())),
        None => (first, None),
    };
    let rest: Vec<String> = contracted.into_iter().chain(words.take(5)).collect();
    let second = rest.first().map(String::as_str).unwrap_or_default();
    if first == "it" {
        let dummy = matches!(
            second,
            "is" | "was" | "s" | "seems" | "seemed" | "appears" | "appeared" | "remains"
        ) && rest[1..].iter().any(|w| FORWARD.contains(&w.as_str()));
        return !dummy;
    }
    ANAPHORIC.contains(&first.as_str())
        || (DEMONSTRATIVE.contains(&first.as_str())
            && (second.is_empty() || AFTER_DEMONSTRATIVE.contains(&second)))
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

/// Whether a sentence's boundaries were guessed rather than read: it has no capital
/// letter and no sentence-final stop (before any closing quotes or brackets), so it was
/// cut out of lowercased, unpunctuated text by the boundary model or by alignment
/// (`the levee gave way shortly before dawn`). Such cuts are often wrong (a third of the
/// summary sentences drawn from unpunctuated copies of DUC 2004 clusters were whole
/// sentences; docs/BENCHMARKS.md), so a copy whose boundaries the text marks is the safer
/// choice.
pub(crate) fn boundaries_guessed(text: &str) -> bool {
    let end = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '`'])
        .trim_end();
    !text.chars().any(char::is_uppercase) && !end.ends_with(['.', '!', '?', '…'])
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
    fn guessed_boundaries_are_those_of_lowercased_unpunctuated_text() {
        for guessed in [
            "the levee gave way shortly before dawn",
            "peace , resulting in further diplomatic issues",
            "he said `` we will rebuild ''",
            "65–94 britain and france during the war",
        ] {
            assert!(boundaries_guessed(guessed), "{guessed}");
        }
        for read in [
            "the levee gave way shortly before dawn .",
            "the levee gave way shortly before dawn.",
            "did the levee hold ?",
            "he said `` we will rebuild . ''",
            "The levee gave way shortly before dawn",
            "The levee gave way.",
            "it went on and on …",
        ] {
            assert!(!boundaries_guessed(read), "{read}");
        }
    }

    #[test]
    fn pronoun_openers_are_told_from_sentences_that_name_their_subject() {
        for dangling in [
            "He said he raced in and pulled several people to safety.",
            "She adds: \"We will look at it again.\"",
            "They were among the biggest issues left.",
            "Their lawyer declined to comment.",
            "It got eleven votes from the other party.",
            "It's wildly entertaining.",
            "This is a tragedy felt by all of us.",
            "That's why the plan failed.",
            "These were the last words he wrote.",
            "Such a move would need a vote.",
            "he said the river had never risen so fast",
        ] {
            assert!(opens_with_anaphor(dangling), "{dangling}");
        }
        for whole in [
            "Smith said he raced in and pulled several people to safety.",
            "This year the river rose early.",
            "That night the dam held.",
            "It is unclear whether the dam will hold.",
            "It was not known how many people were inside.",
            "It's likely that the vote will be delayed.",
            "\"He is a great man,\" she said.",
            "Itself a small town, Marrow grew fast.",
            "Heather Lane said the road was closed.",
            "",
        ] {
            assert!(!opens_with_anaphor(whole), "{whole}");
        }
    }

    #[test]
    fn a_copy_that_names_its_subject_is_shown_before_one_that_opens_with_a_pronoun() {
        let named = "Mayor Ortiz said the bridge would reopen in May.";
        let pronoun = "She said the bridge would reopen in May.";
        assert!(presentable(named) > presentable(pronoun));
        // Casing and punctuation still come first.
        assert!(
            presentable(pronoun) > presentable("mayor ortiz said the bridge would reopen in may")
        );
    }

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
