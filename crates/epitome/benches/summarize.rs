//! Criterion benchmark of the whole pipeline on the project's own example cluster.
//! Each iteration checks it produced a real summary, so a broken path cannot be timed.

use criterion::{criterion_group, criterion_main, Criterion};
use epitome::{Algorithm, Budget, Config, Summarizer};

fn examples() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/wrenford-flood");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/wrenford-flood exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 example"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = examples();
    for algorithm in [
        Algorithm::Lead,
        Algorithm::Lexrank,
        Algorithm::Textrank,
        Algorithm::Centroid,
        Algorithm::Mmr,
    ] {
        let config = Config {
            budget: Budget::Words(120),
            algorithm,
            ..Config::default()
        };
        let summarizer = Summarizer::new(&config).expect("valid config");
        c.bench_function(&format!("examples/{algorithm}"), |b| {
            b.iter(|| {
                let s = summarizer.summarize_texts(&docs).expect("summary");
                assert!(!s.sentences.is_empty());
                s
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
