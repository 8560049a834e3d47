//! Builders shared by the selectors' unit tests.

use crate::pool::SentenceIn;

/// A sentence of document `doc` at position `index` whose words are all content terms.
pub(crate) fn sentence(doc: usize, index: usize, text: &str, terms: &[u32]) -> SentenceIn {
    SentenceIn {
        doc,
        index,
        text: text.to_owned(),
        terms: terms.to_vec(),
        content: terms.to_vec(),
        stop: vec![false; terms.len()],
    }
}
