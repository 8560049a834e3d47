//! Property tests for the invariants of DESIGN.md, over generated messy clusters:
//! (1) every span slices the original bytes to the sentence it came from;
//! (2) no budget, of any unit and size, is ever exceeded, by any algorithm.

use epitome::{Algorithm, Budget, Config, Document, DocumentMeta, Summarizer, Truecase};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "river", "levee", "town", "council", "rain", "flood", "bridge", "mayor", "water", "street",
    "night", "school", "the", "a", "of", "and", "was", "were", "on", "in", "after", "before",
    "café", "naïve", "Zoë", "42", "3.5", "north", "east", "crews", "boats", "shelter", "power",
    "road", "closed", "opened", "said", "reported",
];

/// A sentence: 3–14 words, capitalized, with a final mark.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 3..14),
        prop::sample::select(&[".", "!", "?", ".\""][..]),
    )
        .prop_map(|(w, end)| {
            let mut s = w.join(" ");
            if let Some(c) = s.get(0..1) {
                let up = c.to_uppercase();
                s.replace_range(0..1, &up);
            }
            s + end
        })
}

/// Whitespace between sentences, sometimes odd.
fn gap() -> impl Strategy<Value = String> {
    prop::sample::select(&[" ", "  ", "\n", "\r\n", "\t", " \u{a0}", "\n\n", "\n \n\n"][..])
        .prop_map(str::to_owned)
}

/// A document's original bytes: sentences (some shared with other documents), odd
/// whitespace, sometimes an invalid UTF-8 byte, sometimes lowercased with punctuation gone.
fn document(shared: Vec<String>) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(
            (
                prop::option::weighted(0.4, prop::sample::select(shared)),
                sentence(),
                gap(),
            ),
            1..12,
        ),
        any::<bool>(),
        prop::option::weighted(0.2, any::<prop::sample::Index>()),
    )
        .prop_map(|(parts, unpunctuated, bad_byte)| {
            let mut text = String::new();
            for (shared, own, gap) in parts {
                text.push_str(shared.as_ref().unwrap_or(&own));
                text.push_str(&gap);
            }
            if unpunctuated {
                text = text.to_lowercase().replace(['.', '!', '?', '"'], "");
            }
            let mut bytes = text.into_bytes();
            if let Some(i) = bad_byte {
                if !bytes.is_empty() {
                    let at = i.index(bytes.len());
                    bytes.insert(at, 0xff);
                }
            }
            bytes
        })
}

fn cluster() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(sentence(), 1..6)
        .prop_flat_map(|shared| prop::collection::vec(document(shared), 1..5))
}

fn documents(raw: &[Vec<u8>]) -> Vec<Document> {
    raw.iter()
        .enumerate()
        .map(|(i, b)| {
            Document::from_bytes(
                DocumentMeta {
                    id: format!("d{i}"),
                    ..Default::default()
                },
                b.clone(),
            )
        })
        .collect()
}

/// What the normalizers do to whitespace and control characters, for comparing texts.
fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop::sample::select(Algorithm::ALL.to_vec())
}

fn budget() -> impl Strategy<Value = Budget> {
    prop_oneof![
        (0usize..8).prop_map(Budget::Sentences),
        (0usize..120).prop_map(Budget::Words),
        (0usize..600).prop_map(Budget::Chars),
        (0usize..700).prop_map(Budget::Bytes),
        (0usize..120).prop_map(Budget::Tokens),
        (0.0f64..=1.0).prop_map(Budget::Ratio),
    ]
}

fn measure(budget: &Budget, text: &str, sentences: usize, input_words: usize) -> (usize, usize) {
    match *budget {
        Budget::Sentences(n) => (sentences, n),
        Budget::Words(n) => (epitome_core::count_words(text), n),
        Budget::Chars(n) => (text.chars().count(), n),
        Budget::Bytes(n) => (text.len(), n),
        Budget::Tokens(n) => (text.split_whitespace().count(), n),
        Budget::Ratio(r) => (
            epitome_core::count_words(text),
            (r * input_words as f64).floor() as usize,
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_slice_the_original_bytes_to_the_sentence(raw in cluster(), algo in algorithm(), truecase in any::<bool>()) {
        let truecase = if truecase { Truecase::Auto } else { Truecase::Off };
        let config = Config { budget: Budget::Sentences(8), algorithm: algo, truecase, ..Config::default() };
        let Ok(summary) = Summarizer::new(&config).unwrap().summarize(documents(&raw)) else {
            return Ok(()); // no text at all: an error, checked elsewhere
        };
        for s in &summary.sentences {
            prop_assert!(!s.sources.is_empty());
            let mut docs: Vec<&str> = s.sources.iter().map(|x| x.doc.as_str()).collect();
            docs.dedup();
            prop_assert_eq!(docs.len(), s.support);
            let mut matched = false;
            for src in &s.sources {
                let d: usize = src.doc[1..].parse().unwrap();
                let original = &raw[d];
                prop_assert!(src.start <= src.end && src.end <= original.len());
                let slice = String::from_utf8_lossy(&original[src.start..src.end]);
                // The shown copy slices back exactly (truecasing may change only case);
                // other copies are near-duplicates.
                matched |= match truecase {
                    Truecase::Off => squash(&slice) == squash(&s.text),
                    Truecase::Auto => squash(&slice).to_lowercase() == squash(&s.text).to_lowercase(),
                };
                prop_assert!(!squash(&slice).is_empty());
            }
            prop_assert!(matched, "no source slices back to {:?}", s.text);
        }
    }

    #[test]
    fn no_budget_is_ever_exceeded(raw in cluster(), algo in algorithm(), budget in budget()) {
        let config = Config { budget, algorithm: algo, ..Config::default() };
        let docs = documents(&raw);
        let input_words: usize = {
            let mut total = 0;
            for d in &docs {
                let mut t = d.text().clone();
                let mut e = epitome_core::EditList::new();
                epitome_core::Normalizer::normalize(&epitome_text::WhitespaceNormalizer, t.as_str(), &mut e);
                t.apply("whitespace", &e).unwrap();
                total += epitome_core::count_words(t.as_str());
            }
            total
        };
        let Ok(summary) = Summarizer::new(&config).unwrap().summarize(docs) else { return Ok(()) };
        let text = summary.text();
        let (used, max) = measure(&budget, &text, summary.sentences.len(), input_words);
        prop_assert!(used <= max, "{:?}: used {} of {}\n{}", budget, used, max, text);
        if summary.sentences.is_empty() {
            prop_assert!(summary.warnings.iter().any(|w| w.to_string().contains("no sentence fits")));
        }
    }
}

#[test]
fn identical_input_gives_identical_output() {
    let texts = [
        "The river rose fast on Tuesday. Crews closed the bridge before dawn. The mayor asked for calm.",
        "Crews closed the bridge before dawn. Schools stayed shut. The river rose fast on Tuesday.",
    ];
    for algo in Algorithm::ALL {
        let config = Config {
            algorithm: algo,
            budget: Budget::Words(20),
            ..Config::default()
        };
        let a = Summarizer::new(&config)
            .unwrap()
            .summarize_texts(&texts)
            .unwrap();
        let b = Summarizer::new(&config)
            .unwrap()
            .summarize_texts(&texts)
            .unwrap();
        assert_eq!(a, b, "{algo}");
        assert!(!a.sentences.is_empty(), "{algo}");
    }
}
