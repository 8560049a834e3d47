//! In-process speed of summarize on one file, for scripts/bench-speed.sh.
//!
//! `speed FILE [--runs N] [--algorithm A]` reads FILE as one cluster (documents separated
//! by blank-line-free `\n\n\n`, or the whole file as one document), summarizes it to five
//! sentences N+1 times, and prints one JSON line: the first (cold) run and the median of
//! the rest (warm), both from raw text to summary, plus the number of sentences seen.

use std::time::Instant;

use epitome::{Algorithm, Budget, Config, Summarizer};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut runs = 7usize;
    let mut algorithm = Algorithm::Lexrank;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--algorithm" => {
                algorithm = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--algorithm A")
            }
            _ => file = Some(a),
        }
    }
    let file = file.expect("usage: speed FILE [--runs N] [--algorithm A]");
    let text = std::fs::read_to_string(&file).expect("readable UTF-8 file");
    let config = Config {
        budget: Budget::Sentences(5),
        algorithm,
        ..Config::default()
    };
    let mut times = Vec::with_capacity(runs + 1);
    let mut sentences = 0;
    for _ in 0..=runs {
        let t = Instant::now();
        let summarizer = Summarizer::new(&config).expect("valid config");
        let summary = summarizer
            .summarize_texts(&[text.as_str()])
            .expect("summarizable text");
        times.push(t.elapsed().as_secs_f64());
        assert_eq!(
            summary.sentences.len(),
            5,
            "the benchmark must measure a real summary"
        );
        sentences = epitome_text::segment_document(
            &text,
            &epitome_text::SentencexSplitter::default(),
            epitome_text::SegmentMode::Auto,
        )
        .len();
    }
    let cold = times[0];
    let mut warm = times[1..].to_vec();
    warm.sort_by(f64::total_cmp);
    let median = if warm.is_empty() {
        cold
    } else {
        warm[warm.len() / 2]
    };
    println!(
        "{{\"file\":{:?},\"runs\":{runs},\"algorithm\":\"{algorithm}\",\"warm_median_s\":{median:.6},\"cold_s\":{cold:.6},\"sentences\":{sentences}}}",
        file
    );
}
