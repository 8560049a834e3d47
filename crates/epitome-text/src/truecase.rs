//! Truecasing: showing sentences from lowercased sources as proper English.
//!
//! When one document of a cluster is lowercased (tokenized datasets, the seeds) and
//! another writes the same names properly, the cased document is the best authority on
//! how a word is written: `treaty of paris` → `Treaty of Paris`. A [`CaseModel`] learns,
//! from the cased documents of the cluster, the usual form of each word *away from
//! sentence starts* (where capitals say nothing about the word). [`CaseModel::truecase`]
//! rewrites a lowercased sentence with those forms, capitalizes its first letter and the
//! pronoun `I`. Only the shown text changes; spans still point to the original bytes.
//!
//! A word the cluster never writes cased (every document lowercased) falls back to a
//! [`CaseLexicon`]: words whose usual written form is not lowercase (`English`, `Monday`,
//! `Paris`). [`CaseLexicon::english`] is built in (`models/case-en.txt`, trained by the
//! `train_case` example on the project's own prose, a hand-written list of names and the
//! rust-docs books; provenance in `models/README.md`). The cluster's evidence always wins:
//! a word it writes lowercase stays lowercase whatever the lexicon says.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// How often each written form of a word was seen away from sentence starts.
#[derive(Debug, Clone, Default)]
pub struct CaseModel {
    forms: HashMap<String, HashMap<String, u32>>,
    /// Forms of a word after a given (lowercase) word: `ottoman` → `empire` → `Empire`.
    after: HashMap<(String, String), HashMap<String, u32>>,
    /// What to use for words the cluster never writes.
    fallback: Option<Arc<CaseLexicon>>,
}

/// Words whose usual written form is not all lowercase, keyed by their lowercase form:
/// the fallback of a [`CaseModel`] for words its cluster does not write.
///
/// The text format is one form per line (`English`, `NASA`); blank lines and lines
/// starting with `#` are ignored. A form whose lowercase has another length, or that is
/// all lowercase, is skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseLexicon {
    forms: HashMap<String, String>,
}

impl CaseLexicon {
    /// Reads a lexicon in the text format.
    pub fn parse(text: &str) -> Self {
        let mut forms = HashMap::new();
        for line in text.lines() {
            let form = line.trim();
            if form.is_empty() || form.starts_with('#') {
                continue;
            }
            let lower = form.to_lowercase();
            if lower != form && lower.len() == form.len() {
                forms.insert(lower, form.to_owned());
            }
        }
        CaseLexicon { forms }
    }

    /// The built-in English lexicon (`models/case-en.txt`), read once.
    pub fn english() -> Arc<CaseLexicon> {
        static ENGLISH: OnceLock<Arc<CaseLexicon>> = OnceLock::new();
        ENGLISH
            .get_or_init(|| Arc::new(CaseLexicon::parse(include_str!("../models/case-en.txt"))))
            .clone()
    }

    /// The usual form of a lowercase word, if it is not lowercase.
    pub fn get(&self, lower: &str) -> Option<&str> {
        self.forms.get(lower).map(String::as_str)
    }

    /// The usual form of a lowercase word, a possessive or contraction included
    /// (`paris's` → `Paris's`), if it is not lowercase.
    pub fn form(&self, lower: &str) -> Option<Cow<'_, str>> {
        if let Some(f) = self.get(lower) {
            return Some(Cow::Borrowed(f));
        }
        let (i, _) = lower.char_indices().find(|&(_, c)| c == '\'' || c == '’')?;
        let base = self.get(&lower[..i])?;
        Some(Cow::Owned(format!("{base}{}", &lower[i..])))
    }

    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// Whether `text` has no uppercase letter at all (a lowercased source).
pub fn is_lowercased(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_uppercase)
}

impl CaseModel {
    /// An empty model without a fallback: truecasing then only capitalizes sentence
    /// starts and `I`.
    pub fn new() -> Self {
        Self::default()
    }

    /// This model, falling back to `lexicon` for words the cluster never writes.
    pub fn with_fallback(mut self, lexicon: Arc<CaseLexicon>) -> Self {
        self.fallback = Some(lexicon);
        self
    }

    /// Learns word forms from a cased sentence (lowercased text teaches nothing).
    pub fn learn_sentence(&mut self, sentence: &str) {
        if is_lowercased(sentence) {
            return;
        }
        let mut prev: Option<String> = None;
        for (i, word) in words(sentence).enumerate() {
            let key = word.to_lowercase();
            // A lone capital is an initial or a label (`A. N. Okafor`, `Plan B`), not how
            // the word `a` is written.
            if i > 0 && !is_initial(word) {
                *self
                    .forms
                    .entry(key.clone())
                    .or_default()
                    .entry(word.to_owned())
                    .or_insert(0) += 1;
                if let Some(p) = prev.take() {
                    let forms = self.after.entry((p, key.clone())).or_default();
                    *forms.entry(word.to_owned()).or_insert(0) += 1;
                }
            }
            prev = Some(key);
        }
    }

    /// The usual form of a lowercase word after `prev`, if it is cased: what the cluster
    /// writes after `prev`, else what it writes anywhere, else (for a word the cluster
    /// never writes) what the fallback lexicon says.
    fn form(&self, prev: Option<&str>, lower: &str) -> Option<Cow<'_, str>> {
        if let Some(forms) = prev.and_then(|p| self.after.get(&(p.to_owned(), lower.to_owned()))) {
            return Self::cased(forms, lower).map(Cow::Borrowed);
        }
        match self.forms.get(lower) {
            Some(forms) => Self::cased(forms, lower).map(Cow::Borrowed),
            None => self.fallback.as_deref()?.form(lower),
        }
    }

    fn cased<'a>(forms: &'a HashMap<String, u32>, lower: &str) -> Option<&'a str> {
        let (best, n) = forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
        let lower_n = forms.get(lower).copied().unwrap_or(0);
        (best != lower && *n > lower_n).then_some(best.as_str())
    }

    /// A lowercased sentence as it would be written; cased sentences come back unchanged.
    pub fn truecase(&self, sentence: &str) -> String {
        if !is_lowercased(sentence) {
            return sentence.to_owned();
        }
        let mut out = String::with_capacity(sentence.len());
        let mut at = 0;
        let mut first = true;
        let mut prev: Option<&str> = None;
        let all: Vec<(usize, &str)> = word_indices(sentence).collect();
        for (k, &(start, word)) in all.iter().enumerate() {
            out.push_str(&sentence[at..start]);
            let next = all.get(k + 1).map(|&(_, w)| w);
            let shown = match self.form(prev, word) {
                Some(f) => f.into_owned(),
                None if word == "i" || word.starts_with("i'") || word.starts_with("i’") => {
                    capitalize(word)
                }
                None if is_month_in_date(prev, word, next) => capitalize(word),
                None => word.to_owned(),
            };
            let shown = if first { capitalize(&shown) } else { shown };
            first = false;
            // Budgets were measured on the original; a form of another length
            // (a German ß becoming SS) would change them, so it is not used.
            if shown.len() == word.len() && shown.chars().count() == word.chars().count() {
                out.push_str(&shown);
            } else {
                out.push_str(word);
            }
            at = start + word.len();
            prev = Some(word);
        }
        out.push_str(&sentence[at..]);
        out
    }
}

/// Whether `word` is a month named in a date: `30 march 1856`, `march 30`, `1 may 1904`,
/// `in may 2011`. The lexicon leaves out `march` and `may` (a verb and an auxiliary far
/// more often than months), so they are capitalized only next to a day or a year; the
/// other months are in the lexicon, and the rule applies to them as well.
fn is_month_in_date(prev: Option<&str>, word: &str, next: Option<&str>) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let day = |w: &str| w.len() <= 2 && w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    MONTHS.contains(&word) && (prev.is_some_and(day) || next.is_some_and(|n| day(n) || year(n)))
}

/// A single capital letter other than the pronoun `I`.
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase() && c != 'I')
}

fn capitalize(word: &str) -> String {
    let mut cs = word.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Words: maximal runs of letters, digits and inner apostrophes or hyphens.
fn word_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, d)| d.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    word_indices(text).map(|(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_names_from_cased_documents() {
        let mut m = CaseModel::new();
        m.learn_sentence(
            "The Treaty of Paris ended the war between Russia and the Ottoman Empire.",
        );
        m.learn_sentence("It was signed in Paris by the Ottoman Empire and Britain.");
        m.learn_sentence("It was an empire in decline, and the empire knew it.");
        m.learn_sentence("the treaty of paris was signed in paris"); // lowercased: ignored
        assert_eq!(
            m.truecase("the treaty of paris was signed by russia , britain and the ottoman empire"),
            "The Treaty of Paris was signed by Russia , Britain and the Ottoman Empire"
        );
    }

    #[test]
    fn without_evidence_only_starts_and_i_are_capitalized() {
        let m = CaseModel::new();
        assert_eq!(
            m.truecase("i think i'll stay , said ann ."),
            "I think I'll stay , said ann ."
        );
        assert_eq!(m.truecase("Already Cased text."), "Already Cased text.");
        assert_eq!(m.truecase("42 boats came"), "42 boats came");
    }

    #[test]
    fn forms_of_another_length_are_not_used() {
        let mut m = CaseModel::new();
        m.learn_sentence("Die Stadt heißt STRASSE und Straße.");
        assert_eq!(m.truecase("ıt is"), "ıt is");
    }

    #[test]
    fn initials_do_not_teach_how_a_word_is_written() {
        let mut m = CaseModel::new();
        m.learn_sentence("Dr. A. N. Okafor said the levee held at Plan B.");
        assert_eq!(
            m.truecase("it was a plan b for okafor"),
            "It was a Plan b for Okafor"
        );
    }

    #[test]
    fn the_lexicon_is_a_fallback_behind_the_cluster() {
        let lexicon = Arc::new(CaseLexicon::parse(
            "# comment\nEnglish\nMonday\nBridge\nNASA\nlower\nİstanbul\n",
        ));
        // Lowercase forms and forms whose lowercase changes length are not kept.
        assert_eq!(lexicon.len(), 4);
        assert_eq!(lexicon.get("nasa"), Some("NASA"));
        assert_eq!(lexicon.form("english's").as_deref(), Some("English's"));
        assert_eq!(lexicon.form("nasa’s").as_deref(), Some("NASA’s"));
        assert_eq!(lexicon.form("bridges"), None);
        let mut m = CaseModel::new().with_fallback(lexicon);
        // Without evidence, the lexicon decides.
        assert_eq!(
            m.truecase("on monday nasa spoke english at the bridge"),
            "On Monday NASA spoke English at the Bridge"
        );
        // The cluster writes `bridge` lowercase: that wins over the lexicon.
        m.learn_sentence("The old bridge held, and the bridge stood.");
        assert_eq!(
            m.truecase("on monday the bridge held"),
            "On Monday the bridge held"
        );
    }

    #[test]
    fn the_built_in_english_lexicon_knows_common_names() {
        let en = CaseLexicon::english();
        assert!(en.len() > 100);
        for (lower, form) in [
            ("english", "English"),
            ("monday", "Monday"),
            ("january", "January"),
        ] {
            assert_eq!(en.get(lower), Some(form));
        }
        for word in ["the", "a", "some", "result", "string", "may", "will"] {
            assert_eq!(en.get(word), None, "{word}");
        }
        let m = CaseModel::new().with_fallback(en);
        assert_eq!(
            m.truecase("in january i flew to paris"),
            "In January I flew to Paris"
        );
    }

    #[test]
    fn months_in_dates_are_capitalized_and_the_verbs_are_not() {
        let m = CaseModel::new();
        assert_eq!(
            m.truecase("the treaty was signed on 30 march 1856 in paris"),
            "The treaty was signed on 30 March 1856 in paris"
        );
        assert_eq!(m.truecase("he died on 1 may 1904"), "He died on 1 May 1904");
        assert_eq!(
            m.truecase("by march 3 it was over"),
            "By March 3 it was over"
        );
        assert_eq!(
            m.truecase("they march to the square and may stay 2 days"),
            "They march to the square and may stay 2 days"
        );
        assert_eq!(m.truecase("march 2011 was cold"), "March 2011 was cold");
    }

    #[test]
    fn lowercase_majority_wins() {
        let mut m = CaseModel::new();
        m.learn_sentence("A Bridge opened, and the bridge held, and the bridge stood.");
        assert_eq!(m.truecase("the bridge held"), "The bridge held");
    }
}
