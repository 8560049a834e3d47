//! Checks on the third-party evaluation data in `../shared` (never copied into the
//! project). Each test skips with a message when the data is absent.

use std::path::PathBuf;

use epitome::batch::{run_batch, BatchOptions};
use epitome::{Budget, Config, Input, Summarizer};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found (../shared is absent)", p.display());
        None
    }
}

/// The canonical demo: the four messy seed extracts. Spans must point into the seed
/// files, and sentences the seeds repeat must be credited to every seed carrying them.
#[test]
fn seeds_summary_is_attributed_with_support() {
    let Some(dir) = shared("seeds") else { return };
    let config = Config {
        budget: Budget::Words(120),
        ..Config::default()
    };
    let mut warnings = Vec::new();
    let docs = epitome::ingest(&[Input::Path(dir)], &mut warnings).unwrap();
    let originals: Vec<(String, Vec<u8>)> = docs
        .iter()
        .map(|d| (d.id().to_owned(), d.original().to_vec()))
        .collect();
    let summary = Summarizer::new(&config).unwrap().summarize(docs).unwrap();
    assert!(!summary.sentences.is_empty());
    assert!(epitome_core::count_words(&summary.text()) <= 120);
    for s in &summary.sentences {
        for src in &s.sources {
            let (_, bytes) = originals.iter().find(|(id, _)| *id == src.doc).unwrap();
            let slice = std::str::from_utf8(&bytes[src.start..src.end]).unwrap();
            assert!(!slice.trim().is_empty());
        }
    }
    // The shown text is the slice as the normalizers (detokenization, mojibake repair,
    // citation removal) and truecasing present it: the same letters and digits.
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let shown_slices_back = summary.sentences.iter().all(|s| {
        s.sources.iter().any(|src| {
            let (_, bytes) = originals.iter().find(|(id, _)| *id == src.doc).unwrap();
            let meta = epitome::DocumentMeta::default();
            let mut slice = epitome::Document::from_bytes(meta, bytes[src.start..src.end].to_vec());
            epitome::normalize(&mut slice, &config.normalize).unwrap();
            letters(slice.text().as_str()) == letters(&s.text)
        })
    });
    assert!(shown_slices_back);
    assert!(
        summary.sentences.iter().any(|s| s.support > 1),
        "the seeds repeat each other; some summary sentence must have support > 1"
    );
}

/// `batch` over DUC 2004 dev writes one summary per cluster, 100 words each at most.
#[test]
fn duc2004_dev_batch_writes_25_summaries() {
    let Some(path) = shared("data/duc2004/dev.jsonl") else {
        return;
    };
    let config = Config {
        budget: Budget::Words(100),
        ..Config::default()
    };
    let summarizer = Summarizer::new(&config).unwrap();
    let input = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut out = Vec::new();
    let stats = run_batch(
        &summarizer,
        input,
        &mut out,
        BatchOptions::default(),
        || {},
        |_| {},
    )
    .unwrap();
    assert_eq!((stats.ok, stats.failed), (25, 0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 25);
    for l in &lines {
        let summary = l["summary"].as_str().unwrap();
        assert!(!summary.is_empty(), "{}", l["id"]);
        assert!(epitome_core::count_words(summary) <= 100, "{}", l["id"]);
    }
}
