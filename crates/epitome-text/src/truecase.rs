//! Truecasing: showing sentences from lowercased sources as proper English.
//!
//! When one document of a cluster is lowercased (tokenized datasets, the seeds) and
//! another writes the same names properly, the cased document is the best authority on
//! how a word is written: `treaty of paris` → `Treaty of Paris`. A [`CaseModel`] learns,
//! from the cased documents of the cluster, the usual form of each word *away from
//! sentence starts* (where capitals say nothing about the word). [`CaseModel::truecase`]
//! rewrites a lowercased sentence with those forms, capitalizes its first letter and the
//! pronoun `I`. Only the shown text changes; spans still point to the original bytes.

use std::collections::HashMap;

/// How often each written form of a word was seen away from sentence starts.
#[derive(Debug, Clone, Default)]
pub struct CaseModel {
    forms: HashMap<String, HashMap<String, u32>>,
    /// Forms of a word after a given (lowercase) word: `ottoman` → `empire` → `Empire`.
    after: HashMap<(String, String), HashMap<String, u32>>,
}

/// Whether `text` has no uppercase letter at all (a lowercased source).
pub fn is_lowercased(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_uppercase)
}

impl CaseModel {
    /// An empty model: truecasing then only capitalizes sentence starts and `I`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns word forms from a cased sentence (lowercased text teaches nothing).
    pub fn learn_sentence(&mut self, sentence: &str) {
        if is_lowercased(sentence) {
            return;
        }
        let mut prev: Option<String> = None;
        for (i, word) in words(sentence).enumerate() {
            let key = word.to_lowercase();
            if i > 0 {
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

    /// The usual form of a lowercase word after `prev`, if the model knows it to be cased.
    fn form(&self, prev: Option<&str>, lower: &str) -> Option<&str> {
        if let Some(forms) = prev.and_then(|p| self.after.get(&(p.to_owned(), lower.to_owned()))) {
            return Self::cased(forms, lower);
        }
        Self::cased(self.forms.get(lower)?, lower)
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
        for (start, word) in word_indices(sentence) {
            out.push_str(&sentence[at..start]);
            let shown = match self.form(prev, word) {
                Some(f) => f.to_owned(),
                None if word == "i" || word.starts_with("i'") || word.starts_with("i’") => {
                    capitalize(word)
                }
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
    fn lowercase_majority_wins() {
        let mut m = CaseModel::new();
        m.learn_sentence("A Bridge opened, and the bridge held, and the bridge stood.");
        assert_eq!(m.truecase("the bridge held"), "The bridge held");
    }
}
