//! Proof that the rouge-score mode reproduces Google's `rouge-score` 0.1.2: thousands of
//! generated and real (prediction, reference) pairs must score within 1e-6 of what the
//! Python package computes, for rouge1, rouge2, rougeL and rougeLsum, with and without
//! stemming.
//!
//! The test installs rouge-score 0.1.2 from PyPI into a virtual environment under the
//! target directory the first time (pip pulls in nltk, absl-py, numpy and six), and runs
//! `scripts/rouge_score_reference.py` on the pairs. It skips, saying why, when python3 or
//! the install is unavailable, unless `EPITOME_REQUIRE_ROUGE_SCORE=1` makes that a failure.
//! Real pairs come from ../shared/data when it is present.

use std::path::{Path, PathBuf};
use std::process::Command;

use epitome_eval::bootstrap::Drand48;
use epitome_eval::{Compat, Metric, Rouge, Score, Stemming};
use serde_json::{json, Value};

fn skip(why: &str) {
    if std::env::var("EPITOME_REQUIRE_ROUGE_SCORE").is_ok_and(|v| v == "1") {
        panic!("rouge-score agreement could not run: {why}");
    }
    eprintln!("SKIPPED: rouge-score agreement test did not run: {why}");
}

/// A Python with rouge-score 0.1.2 importable, installing it when needed.
fn python_with_rouge_score() -> Result<PathBuf, String> {
    let python3 = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    match Command::new(&python3).arg("--version").output() {
        Ok(o) if o.status.success() => {}
        _ => return Err(format!("`{python3}` is not available")),
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rouge-score-0.1.2-venv");
    let python = venv.join("bin").join("python");
    let ready = |py: &Path| {
        Command::new(py)
            .args(["-c", "import rouge_score.rouge_scorer, importlib.metadata as m; assert m.version('rouge-score') == '0.1.2'"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready(&python) {
        return Ok(python);
    }
    let run = |cmd: &mut Command, what: &str| -> Result<(), String> {
        let o = cmd.output().map_err(|e| format!("{what}: {e}"))?;
        if o.status.success() {
            Ok(())
        } else {
            let err = String::from_utf8_lossy(&o.stderr);
            let tail: Vec<&str> = err.lines().rev().take(5).collect();
            Err(format!(
                "{what} failed: {}",
                tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
            ))
        }
    };
    run(
        Command::new(&python3)
            .args(["-m", "venv", "--clear"])
            .arg(&venv),
        "creating a virtual environment",
    )?;
    run(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "rouge-score==0.1.2",
        ]),
        "pip install rouge-score==0.1.2",
    )?;
    if ready(&python) {
        Ok(python)
    } else {
        Err("rouge-score 0.1.2 installed but does not import".to_string())
    }
}

/// Words chosen to exercise tokenizer and stemmer corners, plus Unicode, numbers and
/// punctuation runs.
const VOCAB: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "was",
    "it",
    "on",
    "news",
    "sky",
    "skies",
    "dying",
    "lying",
    "tying",
    "innings",
    "outing",
    "cannings",
    "howe",
    "proceed",
    "exceed",
    "succeed",
    "running",
    "runs",
    "ran",
    "happiness",
    "happy",
    "agreed",
    "agreement",
    "feed",
    "plastered",
    "motoring",
    "sing",
    "conflated",
    "troubled",
    "sized",
    "hopping",
    "tanned",
    "falling",
    "hissing",
    "fizzed",
    "failing",
    "filing",
    "generalization",
    "generously",
    "radically",
    "analogously",
    "controlling",
    "rolling",
    "yelling",
    "youth",
    "yearly",
    "flies",
    "cried",
    "died",
    "ties",
    "ponies",
    "caresses",
    "relational",
    "conditional",
    "valencies",
    "digitizer",
    "conformably",
    "differently",
    "vilely",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formality",
    "sensitivity",
    "sensibility",
    "archaeology",
    "triplicate",
    "formative",
    "formalize",
    "electricity",
    "electrical",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologous",
    "communism",
    "activate",
    "angularity",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "roll",
    "fully",
    "hopefully",
    "ies",
    "eed",
    "ying",
    "bying",
    "dying",
    "yy",
    "yyyy",
    "syzygy",
    "toy",
    "ivy",
    "oats",
    "trees",
    "troubles",
    "private",
    "orrery",
    "oaten",
    "2004",
    "1,000",
    "3.14",
    "2nd",
    "100%",
    "$5",
    "#1",
    "1990s",
    "U.S.",
    "e.g.",
    "don't",
    "it's",
    "o'clock",
    "re-elected",
    "state-of-the-art",
    "--",
    "...",
    "!!!",
    "?!",
    "(",
    ")",
    "\"",
    "'",
    "`",
    "''",
    "``",
    "&",
    "café",
    "naïve",
    "CAFÉ",
    "Straße",
    "İstanbul",
    "\u{212a}elvin",
    "ﬁne",
    "日本語",
    "Москва",
    "ΣΟΦΙΑ",
    "😀",
    "e\u{301}",
    "x²",
    "Ⅻ",
    "①",
    "Ｆｕｌｌ",
    "ǅemal",
    "Ⅰ",
    "SHOUTING",
    "MiXeD",
    "CamelCase",
    "snake_case",
    "tab\there",
    "nbsp\u{a0}space",
    "zero\u{200b}width",
];

fn generated(n: usize) -> Vec<(String, String)> {
    let mut rng = Drand48::perl_srand(20240605);
    let text = |rng: &mut Drand48, len: usize| -> String {
        let mut s = String::new();
        for i in 0..len {
            if i > 0 {
                let sep = match rng.below(20) {
                    0 => "\n",
                    1 => "  ",
                    2 => " \n ",
                    _ => " ",
                };
                s.push_str(sep);
            }
            s.push_str(VOCAB[rng.below(VOCAB.len())]);
        }
        s
    };
    let mut pairs = Vec::with_capacity(n);
    for i in 0..n {
        let (target, prediction) = match i % 10 {
            0 => (String::new(), text(&mut rng, 5)),
            1 => (text(&mut rng, 5), String::new()),
            2 => ("\n \n".to_string(), text(&mut rng, 3)),
            _ => {
                let len = 1 + rng.below(40);
                let target = text(&mut rng, len);
                // The prediction: mostly the target's words, shuffled a little, with some
                // replaced, so that the scores are neither all 0 nor all 1.
                let mut words: Vec<String> = target.split(' ').map(str::to_string).collect();
                for _ in 0..rng.below(words.len() + 1) {
                    let k = rng.below(words.len());
                    match rng.below(3) {
                        0 => words[k] = VOCAB[rng.below(VOCAB.len())].to_string(),
                        1 => {
                            let j = rng.below(words.len());
                            words.swap(k, j);
                        }
                        _ => {
                            words.remove(k);
                            if words.is_empty() {
                                break;
                            }
                        }
                    }
                }
                (target, words.join(" "))
            }
        };
        pairs.push((target, prediction));
    }
    pairs
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).expect("valid JSON"))
                .collect()
        })
        .unwrap_or_default()
}

/// Real pairs from ../shared/data: CNN/DM system outputs against references, DUC 2004
/// systems against references (multi-line), Multi-News references against the start of a
/// source article.
fn real() -> Vec<(String, String)> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let mut pairs = Vec::new();
    for (i, row) in jsonl(&data.join("cnndm/summeval100.jsonl"))
        .iter()
        .enumerate()
    {
        let refs = row["references"].as_array().cloned().unwrap_or_default();
        let Some(outputs) = row["system_outputs"].as_object() else {
            continue;
        };
        for (j, (_, out)) in outputs.iter().enumerate().filter(|(j, _)| (i + j) % 2 == 0) {
            if let (Some(r), Some(o)) = (refs.get((i + j) % refs.len().max(1)), out.as_str()) {
                pairs.push((r.as_str().unwrap_or("").to_string(), o.to_string()));
            }
        }
    }
    let duc = data.join("duc2004");
    let refs: Vec<Value> = jsonl(&duc.join("dev.jsonl"));
    for (i, row) in jsonl(&duc.join("sumrepo_systems_dev.jsonl"))
        .iter()
        .enumerate()
    {
        let Some(r) = refs.iter().find(|g| g["id"] == row["id"]) else {
            continue;
        };
        let Some(systems) = row["systems"].as_object() else {
            continue;
        };
        for (j, (_, s)) in systems.iter().enumerate() {
            let reference = &r["references"][(i + j) % 4];
            if let (Some(r), Some(s)) = (reference.as_str(), s.as_str()) {
                pairs.push((r.to_string(), s.to_string()));
            }
        }
    }
    for row in jsonl(&data.join("multi_news/validation250.jsonl"))
        .iter()
        .take(20)
    {
        let reference = row["references"][0].as_str().unwrap_or("");
        let doc = row["documents"][0].as_str().unwrap_or("");
        let start: String = doc.split(' ').take(200).collect::<Vec<_>>().join(" ");
        pairs.push((reference.to_string(), start));
    }
    pairs
}

#[test]
fn agrees_with_rouge_score_0_1_2() {
    let started = std::time::Instant::now();
    let python = match python_with_rouge_score() {
        Ok(p) => p,
        Err(why) => return skip(&why),
    };
    let real = real();
    if real.is_empty() {
        eprintln!("note: ../shared/data is absent; generated pairs only");
    }
    let n_generated = if real.is_empty() { 2400 } else { 1200 };
    let pairs: Vec<(String, String)> = generated(n_generated).into_iter().chain(real).collect();
    // Two Python processes, each on half of the pairs.
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/rouge_score_reference.py");
    let children: Vec<_> = (0..2)
        .map(|k| {
            let input =
                Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rouge_score_pairs{k}.jsonl"));
            let body: String = pairs
                .iter()
                .skip(k)
                .step_by(2)
                .map(|(t, p)| json!({"target": t, "prediction": p}).to_string() + "\n")
                .collect();
            std::fs::write(&input, body).expect("writing the pairs");
            Command::new(&python)
                .arg(&script)
                .arg(&input)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("running the reference script")
        })
        .collect();
    let mut versions = String::new();
    let mut halves: Vec<Vec<Value>> = Vec::new();
    for child in children {
        let out = child.wait_with_output().expect("the reference script");
        assert!(
            out.status.success(),
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
        let mut lines = stdout.lines();
        versions = lines.next().expect("a version line").to_string();
        halves.push(
            lines
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect(),
        );
    }
    // Pair i went to process i % 2, as its (i / 2)-th line.
    let expected: Vec<Value> = (0..pairs.len())
        .filter_map(|i| halves[i % 2].get(i / 2).cloned())
        .collect();
    assert_eq!(expected.len(), pairs.len());

    let metrics = vec![Metric::N(1), Metric::N(2), Metric::L, Metric::Lsum];
    let names = ["rouge1", "rouge2", "rougeL", "rougeLsum"];
    let mut worst = 0.0f64;
    let mut bad = Vec::new();
    let mut compared = 0usize;
    for (config, stemming) in [("plain", Stemming::Off), ("stem", Stemming::Porter)] {
        let rouge = Rouge::builder()
            .compat(Compat::RougeScore)
            .metrics(metrics.clone())
            .stemming(stemming)
            .build()
            .unwrap();
        for (i, ((target, prediction), want)) in pairs.iter().zip(&expected).enumerate() {
            let got = rouge.score(&[target], prediction);
            for (k, name) in names.iter().enumerate() {
                let w = &want[config][name];
                let Score { r, p, f } = got[k];
                for (x, y) in [p, r, f].iter().zip(0..3) {
                    let d = (x - w[y].as_f64().unwrap()).abs();
                    worst = worst.max(d);
                    compared += 1;
                    if d > 1e-6 && bad.len() < 20 {
                        bad.push(format!(
                            "pair {i} {config} {name}: got {:?}, want {w}\n  target {target:?}\n  prediction {prediction:?}",
                            [p, r, f]
                        ));
                    }
                }
            }
        }
    }
    eprintln!(
        "rouge-score agreement ({versions}): {} pairs x 4 measures x 2 stemmings, {compared} values, largest difference {worst:e}; {:.1} s",
        pairs.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(pairs.len() >= 2000);
    assert!(bad.is_empty(), "disagreements:\n{}", bad.join("\n"));
}
