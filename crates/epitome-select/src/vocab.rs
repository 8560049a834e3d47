use std::collections::HashMap;

/// Interns terms (stems) as dense `u32` ids, in order of first appearance.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `term`, adding it if new.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(term.to_owned(), id);
        id
    }

    /// The id of `term`, if known.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// How many terms are known.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no term is known.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
