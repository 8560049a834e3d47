//! `explain` reports the signals behind every chosen sentence, and a query steers the
//! concept ILP (the default on clusters) toward what the user asked about.

use epitome::{Algorithm, Budget, Config, Summarizer};

/// Four short reports of one storm: the power cut is in every document, the school
/// closure in two, the bridge only in the last.
const DOCS: [&str; 4] = [
    "Power lines fell across the northern district during the storm on Friday night. \
     Crews worked until dawn to clear the roads. Schools in the valley stayed closed on Monday.",
    "Power lines fell across the northern district during the storm on Friday night. \
     Residents reported hail the size of marbles near the harbor.",
    "Power lines fell across the northern district during the storm on Friday night. \
     Schools in the valley stayed closed on Monday. Volunteers handed out blankets at the library.",
    "The old stone bridge over the Marrow river was closed after its railing collapsed. \
     Power lines fell across the northern district during the storm on Friday night.",
];

fn summarize(config: Config) -> epitome::Summary {
    Summarizer::new(&config)
        .unwrap()
        .summarize_texts(&DOCS)
        .unwrap()
}

#[test]
fn explain_reports_support_position_and_concepts() {
    let s = summarize(Config {
        budget: Budget::Sentences(2),
        explain: true,
        ..Config::default()
    });
    assert_eq!(s.algorithm, "ilp");
    assert!(!s.sentences.is_empty());
    for sent in &s.sentences {
        let x = sent.explain.as_ref().expect("explain was asked for");
        assert_eq!(x.support, sent.support);
        assert_eq!(x.documents, DOCS.len());
        assert!((0.0..=1.0 + 1e-9).contains(&x.centrality));
        assert!(x.query.is_none());
    }
    let power = s
        .sentences
        .iter()
        .find(|t| t.text.starts_with("Power lines"))
        .expect("the sentence all four documents carry is chosen");
    let x = power.explain.as_ref().unwrap();
    assert_eq!((x.support, x.position, x.leads), (4, 0, 3));
    assert!(x.concepts > 0 && x.concept_weight > 0.0);

    // Without the flag, no explanation is computed or serialized.
    let plain = summarize(Config {
        budget: Budget::Sentences(2),
        ..Config::default()
    });
    assert!(plain.sentences.iter().all(|t| t.explain.is_none()));
    let json = epitome::render::render(&plain, "c", epitome::Format::Json);
    assert!(!json.contains("\"explain\""));
}

#[test]
fn a_query_steers_the_concept_ilp() {
    let one = |query: Option<&str>| {
        summarize(Config {
            budget: Budget::Sentences(1),
            algorithm: Algorithm::Ilp,
            query: query.map(str::to_owned),
            explain: true,
            ..Config::default()
        })
    };
    let without = one(None);
    assert!(without.sentences[0].text.starts_with("Power lines"));
    let with = one(Some("bridge railing"));
    assert!(
        with.sentences[0].text.contains("stone bridge"),
        "{:?}",
        with.sentences[0].text
    );
    let q = with.sentences[0].explain.as_ref().unwrap().query.unwrap();
    assert!(q > 0.0, "{q}");
}

#[test]
fn a_pronoun_opener_is_explained_in_words() {
    let docs = [
        "Mayor Ilse Varga opened the rebuilt harbor bridge in Lindmark on Monday morning. \
         She said trams and cyclists would use the bridge from next spring.",
        "The rebuilt harbor bridge in Lindmark opened to traffic on Monday morning.",
    ];
    let s = Summarizer::new(&Config {
        budget: Budget::Words(100),
        algorithm: Algorithm::Lead,
        explain: true,
        ..Config::default()
    })
    .unwrap()
    .summarize_texts(&docs)
    .unwrap();
    let she = s
        .sentences
        .iter()
        .find(|t| t.text.starts_with("She said"))
        .expect("lead takes every sentence under this budget");
    assert!(she.explain.as_ref().unwrap().pronoun_opener);
    let line = epitome::render::explain_line(she).unwrap();
    assert!(line.contains("opens with a pronoun"), "{line}");
    for other in s.sentences.iter().filter(|t| !t.text.starts_with("She")) {
        assert!(
            !other.explain.as_ref().unwrap().pronoun_opener,
            "{}",
            other.text
        );
        assert!(!epitome::render::explain_line(other)
            .unwrap()
            .contains("pronoun"));
    }
}
