//! Web boilerplate that every page of a site repeats has the most support of any sentence
//! in a cluster, and must still never be chosen; page labels glued to a sentence's start
//! are trimmed from its span.

use epitome::{Algorithm, Budget, Config, Summarizer};

const NEWSLETTER: &str =
    "Sign up for the Harbor Gazette newsletter to get the morning news in your inbox.";

fn docs() -> Vec<String> {
    [
        "The harbor ferry made its first crossing on Saturday after six years of delay. \
         Hundreds of riders lined the pier before dawn.",
        "Story highlights The harbor ferry made its first crossing on Saturday after six years of delay. \
         The city paid for the boat with a bond that voters approved in 2019.",
        "The harbor ferry made its first crossing on Saturday after six years of delay. \
         Tickets cost two dollars for the first month.",
    ]
    .iter()
    .map(|d| format!("{d} {NEWSLETTER}"))
    .collect()
}

#[test]
fn boilerplate_is_never_chosen_whatever_its_support() {
    for algorithm in [Algorithm::Ilp, Algorithm::Lexrank, Algorithm::Lead] {
        let config = Config {
            budget: Budget::Sentences(3),
            algorithm,
            ..Config::default()
        };
        let docs = docs();
        let summary = Summarizer::new(&config)
            .unwrap()
            .summarize_texts(&docs)
            .unwrap();
        assert!(!summary.sentences.is_empty(), "{algorithm}");
        for s in &summary.sentences {
            assert!(!s.text.contains("newsletter"), "{algorithm}: {}", s.text);
            assert!(
                !s.text.starts_with("Story highlights"),
                "{algorithm}: {}",
                s.text
            );
            // Spans still slice the original bytes to the sentence.
            for src in &s.sources {
                let d: usize = src.doc.parse().unwrap();
                assert_eq!(&docs[d][src.start..src.end], s.text, "{algorithm}");
            }
        }
    }
}

#[test]
fn a_cluster_of_only_boilerplate_still_gets_a_summary() {
    let config = Config {
        budget: Budget::Sentences(1),
        ..Config::default()
    };
    let summary = Summarizer::new(&config)
        .unwrap()
        .summarize_texts(&[NEWSLETTER, NEWSLETTER])
        .unwrap();
    assert_eq!(summary.sentences.len(), 1);
    assert_eq!(summary.sentences[0].text, NEWSLETTER);
}
