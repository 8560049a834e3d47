//! `--order date`: summary sentences follow the dates of the documents that carry them,
//! whatever order the documents came in; an unreadable date is a warning, not an error.

use epitome::{Budget, Config, Document, DocumentMeta, Order, Summarizer, Warning};

/// Three reports of a ferry's first season, given out of date order: each has one
/// sentence of its own.
fn docs(dates: [Option<&str>; 3]) -> Vec<Document> {
    let texts = [
        (
            "autumn",
            "The ferry carried its ten thousandth passenger across the bay in October.",
        ),
        (
            "spring",
            "The new ferry made its first crossing of the bay in April after years of delay.",
        ),
        (
            "summer",
            "Crowds filled the ferry every weekend of July as the heat wave went on.",
        ),
    ];
    texts
        .iter()
        .zip(dates)
        .map(|(&(id, text), date)| {
            Document::from_text(
                DocumentMeta {
                    id: id.into(),
                    date: date.map(str::to_string),
                    ..DocumentMeta::default()
                },
                text,
            )
        })
        .collect()
}

fn shown(order: Order, dates: [Option<&str>; 3]) -> (Vec<String>, Vec<Warning>) {
    let config = Config {
        budget: Budget::Sentences(3),
        order,
        ..Config::default()
    };
    let summary = Summarizer::new(&config)
        .unwrap()
        .summarize(docs(dates))
        .unwrap();
    let ids = summary
        .sentences
        .iter()
        .map(|s| s.sources[0].doc.clone())
        .collect();
    (ids, summary.warnings)
}

#[test]
fn sentences_follow_document_dates() {
    let dates = [
        Some("2025-10-02"),
        Some("April 3, 2025"),
        Some("2025-07-19T08:00:00Z"),
    ];
    let (ids, warnings) = shown(Order::Date, dates);
    assert_eq!(ids, ["spring", "summer", "autumn"]);
    assert!(warnings.is_empty(), "{warnings:?}");
    // Position order is the input order, dates or not.
    let (ids, _) = shown(Order::Position, dates);
    assert_eq!(ids, ["autumn", "spring", "summer"]);
}

#[test]
fn undated_and_unreadable_documents_come_last_with_a_warning() {
    let (ids, warnings) = shown(Order::Date, [None, Some("next spring"), Some("2025-07-19")]);
    assert_eq!(ids, ["summer", "autumn", "spring"]);
    assert_eq!(
        warnings,
        vec![Warning::UnreadableDate {
            doc: "spring".into(),
            date: "next spring".into()
        }]
    );
    assert!(warnings[0].to_string().contains("next spring"));
}
