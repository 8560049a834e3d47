//! Snapshots of the example cluster's summary in every output format.
//!
//! Run from the workspace root so document ids are the stable relative paths
//! `examples/wrenford-flood/...`. After an intended change in selection or rendering,
//! review and accept the new output with
//! `INSTA_UPDATE=always cargo test -p epitome-cli --test snapshots` and read the diff of
//! the `.snap` files before committing them.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `epitome summarize examples/wrenford-flood --words 120 <extra>`: its stdout, after
/// checking that it succeeded without a warning.
fn summarize_example(extra: &[&str]) -> String {
    let out = Command::cargo_bin("epitome")
        .expect("the epitome binary is built for integration tests")
        .current_dir(workspace_root())
        .args(["summarize", "examples/wrenford-flood", "--words", "120"])
        .args(extra)
        .output()
        .expect("epitome runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}: {stderr}", out.status);
    assert_eq!(stderr, "", "the example summarizes without warnings");
    String::from_utf8(out.stdout).expect("the summary is UTF-8")
}

#[test]
fn example_as_text() {
    let out = summarize_example(&["--format", "text"]);
    insta::assert_snapshot!("wrenford_text", out);
}

#[test]
fn example_as_markdown() {
    let out = summarize_example(&["--format", "markdown"]);
    insta::assert_snapshot!("wrenford_markdown", out);
}

#[test]
fn example_as_json() {
    let out = summarize_example(&["--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("--format json prints JSON");
    assert_eq!(json["id"], "cluster");
    assert_eq!(json["budget"], serde_json::json!({"words": 120}));
    insta::assert_snapshot!("wrenford_json", out);
}

#[test]
fn example_with_lead() {
    let out = summarize_example(&["--algorithm", "lead"]);
    insta::assert_snapshot!("wrenford_lead_text", out);
}

#[test]
fn example_in_score_order() {
    let out = summarize_example(&["--order", "score"]);
    insta::assert_snapshot!("wrenford_score_order_text", out);
}

#[test]
fn example_explained_with_a_query() {
    let out = summarize_example(&["--explain", "--query", "levee"]);
    // Every sentence is followed by the line that says why it was chosen.
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 2 && lines.len().is_multiple_of(2), "{out}");
    for pair in lines.chunks(2) {
        assert!(pair[1].starts_with("    ↳ support "), "{out}");
        assert!(pair[1].contains(" · query "), "{out}");
    }
    // The query comes first: the first sentence chosen mentions the levee.
    assert!(out.to_lowercase().contains("levee"));
    insta::assert_snapshot!("wrenford_explain_text", out);
}
