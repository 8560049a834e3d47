//! In-process latency of summarizing each cluster of a batch file, single-threaded.
//!
//! `cargo run --release -p epitome --example cluster_latency -- [FILE.jsonl] [--algorithm A]
//! [--words N] [--runs R]`
//!
//! FILE defaults to ../shared/data/duc2004/dev.jsonl (third-party evaluation data, never
//! copied into the project; the example says so and exits when it is absent). Each cluster
//! is summarized R+1 times from raw text (the summarizer built once, as a server or batch
//! holds it); the first run warms caches and is dropped, the median of the rest is the
//! cluster's latency. Prints the distribution over clusters (min, median, p90, max) and
//! the mean document count, as one JSON line.

use std::time::Instant;

use epitome::{Algorithm, Budget, ClusterInput, Config, Summarizer};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut file = String::from("../shared/data/duc2004/dev.jsonl");
    let mut algorithm = Algorithm::Auto;
    let mut words = 100usize;
    let mut runs = 9usize;
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match a.as_str() {
            "--algorithm" => {
                algorithm = value("--algorithm")
                    .parse()
                    .expect("--algorithm: a known algorithm")
            }
            "--words" => words = value("--words").parse().expect("--words N"),
            "--runs" => runs = value("--runs").parse().expect("--runs N"),
            _ => file = a,
        }
    }
    let Ok(text) = std::fs::read_to_string(&file) else {
        eprintln!("cluster_latency: {file} is absent; nothing to measure");
        return;
    };
    let config = Config {
        budget: Budget::Words(words),
        algorithm,
        ..Config::default()
    };
    let summarizer = Summarizer::new(&config).expect("valid config");
    let ingest = config.ingest_options();
    let mut latencies = Vec::new();
    let mut docs_total = 0usize;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let cluster = ClusterInput::from_json(&value).expect("a cluster line");
        docs_total += cluster.documents.len();
        let mut times = Vec::with_capacity(runs + 1);
        for _ in 0..=runs {
            let docs = cluster
                .documents
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, d)| d.into_document_with(i, &ingest))
                .collect();
            let t = Instant::now();
            let summary = summarizer.summarize(docs).expect("a summary");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(summary);
        }
        let mut warm = times[1..].to_vec();
        warm.sort_by(f64::total_cmp);
        latencies.push(warm[warm.len() / 2]);
    }
    if latencies.is_empty() {
        eprintln!("cluster_latency: {file} holds no clusters");
        return;
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    println!(
        "{}",
        serde_json::json!({
            "file": file,
            "algorithm": summarizer.algorithm_for(2).name(),
            "words": words,
            "clusters": latencies.len(),
            "mean_documents": docs_total as f64 / latencies.len() as f64,
            "ms_min": at(0.0),
            "ms_median": at(0.5),
            "ms_p90": at(0.9),
            "ms_max": at(1.0),
        })
    );
}
