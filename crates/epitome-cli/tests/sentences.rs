//! `epitome sentences`, end to end through the binary: the text output (snapshot), JSON
//! spans that slice the original bytes, the JSONL evaluation mode with bad lines, empty
//! input, invalid UTF-8 and stdin. Fixtures are written here; no third-party text.
//!
//! After an intended change in segmentation, review and accept the new snapshot with
//! `INSTA_UPDATE=always cargo test -p epitome-cli --test sentences` and read its diff.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn epitome_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("epitome").expect("the epitome binary is built");
    cmd.current_dir(dir);
    cmd
}

/// Punctuated prose with the usual traps: titles and initials, decimals, times, a quote,
/// an ellipsis, a hard-wrapped line, a citation marker, an inline list, a URL.
const REPORT: &str = "Flood report, 9 April\n\n\
Dr. A. N. Okafor of the county office said the Calder River crested at 21.5 ft. at \
about 11 p.m. on Tuesday. \"The levee held,\" she said. \"We were lucky.\" Crews watched it \
until dawn...\nThen they went home. The gauge readings are online at \
https://example.org/calder/gauge.html for anyone who wants them.[3]\n\n\
Three things helped: 1. the new pumps 2. the sandbag teams 3. an early warning. Mr. Lee \
of Mill Rd. agreed.\n";

/// Extracts of the same report, lowercased, without sentence-final punctuation and in
/// another order: one run of words without a boundary, which the cluster's punctuated
/// copy must cut.
const LOWERCASED: &str = "crews watched it until dawn then they went home three things helped 1 \
the new pumps 2 the sandbag teams 3 an early warning the school gym on mill rd stayed open as a \
shelter for families and the mayor said the roads would reopen soon\n";

/// Sentences of one `--format json` line, checked to be in order, non-overlapping and
/// inside the original; returned as (text, original slice) pairs.
fn spans_of(doc: &Value, original: &[u8]) -> Vec<(String, String)> {
    let mut at = 0;
    doc["sentences"]
        .as_array()
        .expect("a sentences array")
        .iter()
        .map(|s| {
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert!(at <= start && start < end && end <= original.len(), "{s}");
            at = end;
            (
                s["text"].as_str().unwrap().to_owned(),
                String::from_utf8_lossy(&original[start..end]).into_owned(),
            )
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase words (letters and digits) in order.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn prints_one_sentence_per_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("report.txt"), REPORT).unwrap();
    let out = epitome_in(dir.path())
        .args(["sentences", "report.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    insta::assert_snapshot!("report_text", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn json_spans_slice_the_original_bytes_to_the_sentence() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("report.txt"), REPORT).unwrap();
    let out = epitome_in(dir.path())
        .args(["sentences", "--format", "json", "report.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["doc"], "report.txt");
    let pairs = spans_of(&doc, REPORT.as_bytes());
    assert!(pairs.len() >= 8, "{pairs:?}");
    for (text, slice) in &pairs {
        // Plain text: only hard wraps are joined, so the slice is the sentence.
        assert_eq!(&squeeze(slice), text);
    }
}

#[test]
fn several_paths_are_one_cluster_and_spans_point_into_each() {
    let dir = tempfile::tempdir().unwrap();
    // Windows line ends, citation debris and mojibake: the text shown differs from the
    // bytes, and the spans must still cover exactly the sentence's words.
    let messy = REPORT
        .replace('\n', "\r\n")
        .replace("9 April", "9 April â€“ late");
    fs::write(dir.path().join("a.txt"), &messy).unwrap();
    fs::write(dir.path().join("b.txt"), LOWERCASED).unwrap();
    let out = epitome_in(dir.path())
        .args(["sentences", "--format", "json", "--truecase", "auto"])
        .args(["a.txt", "b.txt"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["doc"], "a.txt");
    assert_eq!(lines[1]["doc"], "b.txt");
    for (line, original) in lines.iter().zip([messy.as_bytes(), LOWERCASED.as_bytes()]) {
        for (text, slice) in spans_of(line, original) {
            let shown = words(&text);
            let (first, last) = (shown.first().unwrap(), shown.last().unwrap());
            let sliced = words(&slice);
            assert!(
                sliced.first() == Some(first) && sliced.last() == Some(last),
                "{text:?} vs {slice:?}"
            );
        }
    }
    let lowered = spans_of(&lines[1], LOWERCASED.as_bytes());
    // Cut into more than one sentence, and truecased (spans still lowercase bytes).
    assert!(lowered.len() > 1, "{lowered:?}");
    assert!(lowered[0].0.starts_with("Crews watched it"), "{lowered:?}");
    assert!(lowered[0].1.starts_with("crews watched it"));
    // `A. N. Okafor` does not teach that `a` is written `A`.
    assert!(
        lowered.iter().all(|(t, _)| !t.contains(" A ")),
        "{lowered:?}"
    );
    assert!(
        lowered
            .iter()
            .any(|(t, _)| t.contains("The school gym on Mill Rd stayed")),
        "{lowered:?}"
    );
}

#[test]
fn stdin_is_read_with_a_dash_or_when_nothing_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let expected = "One sentence here.\nAnother one there.\n";
    for args in [&["sentences", "-"][..], &["sentences"][..]] {
        epitome_in(dir.path())
            .args(args)
            .write_stdin("One sentence here. Another one there.")
            .assert()
            .success()
            .stdout(expected);
    }
    epitome_in(dir.path())
        .args(["sentences", "--format", "json", "-"])
        .write_stdin("One sentence here.")
        .assert()
        .success()
        .stdout("{\"doc\":\"stdin\",\"sentences\":[{\"text\":\"One sentence here.\",\"start\":0,\"end\":18}]}\n");
}

#[test]
fn empty_input_gives_no_sentences_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("dots.txt"), " ... !!! \n").unwrap();
    epitome_in(dir.path())
        .args(["sentences", "empty.txt"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("empty.txt"));
    epitome_in(dir.path())
        .args(["sentences", "--format", "json", "dots.txt", "empty.txt"])
        .assert()
        .success()
        .stdout(
            "{\"doc\":\"dots.txt\",\"sentences\":[]}\n{\"doc\":\"empty.txt\",\"sentences\":[]}\n",
        );
    epitome_in(dir.path())
        .args(["sentences", "-"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    fs::write(dir.path().join("empty.jsonl"), "\n\n").unwrap();
    epitome_in(dir.path())
        .args(["sentences", "--input", "empty.jsonl"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "0 lines cut into sentences, 0 failed",
        ));
}

#[test]
fn invalid_utf8_is_reported_and_spans_stay_on_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"The gauge read \xff\xfe high. The levee held until dawn.".to_vec();
    fs::write(dir.path().join("bad.txt"), &bytes).unwrap();
    let out = epitome_in(dir.path())
        .args(["sentences", "--format", "json", "bad.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pairs = spans_of(&doc, &bytes);
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert_eq!(pairs[1].1, "The levee held until dawn.");
    assert!(pairs[0].1.starts_with("The gauge read") && pairs[0].1.ends_with("high."));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad.txt"),
        "the lossy decoding is reported"
    );
}

#[test]
fn jsonl_lines_map_to_sentences_and_bad_lines_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"a\", \"text\": \"The levee held. Crews went home.\"}\n");
    input.extend_from_slice(b"{\"id\": \"b\", \"text\": \n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": \"c\", \"text\": \"caf\xff\"}\n");
    input.extend_from_slice(b"{\"id\": \"d\"}\n");
    input.extend_from_slice(
        b"{\"id\": 5, \"format\": \"md\", \"text\": \"# Pumps\\n\\nThey ran *all* night.\"}\n",
    );
    fs::write(dir.path().join("in.jsonl"), input).unwrap();
    let out = epitome_in(dir.path())
        .args(["sentences", "--input", "in.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "bad lines make the exit code 2");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "one output line per non-blank input line");
    assert_eq!(
        lines[0],
        serde_json::json!({"id": "a", "sentences": ["The levee held.", "Crews went home."]})
    );
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 2: malformed JSON"));
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 4: not UTF-8"));
    assert_eq!(
        lines[3],
        serde_json::json!({"id": "d", "error": "line 5: no `text` field"})
    );
    assert_eq!(
        lines[4],
        serde_json::json!({"id": "5", "sentences": ["Pumps", "They ran all night."]})
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("in.jsonl: line 2: malformed JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("in.jsonl: line 5 (d): no `text` field"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 lines cut into sentences, 3 failed"),
        "{stderr}"
    );

    // The same from stdin, into a file.
    epitome_in(dir.path())
        .args(["sentences", "--input", "-", "--output", "out.jsonl"])
        .write_stdin("{\"id\": \"x\", \"text\": \"One. Two.\"}\n")
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
        "{\"id\":\"x\",\"sentences\":[\"One.\",\"Two.\"]}\n"
    );
}

#[test]
fn text_flags_reach_the_splitter() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("notes.md"),
        "# Pumps\n\nThey ran all night.\n\n```\nlet pumps = 3;\n```\n",
    )
    .unwrap();
    epitome_in(dir.path())
        .args(["sentences", "notes.md"])
        .assert()
        .success()
        .stdout("Pumps\nThey ran all night.\n");
    epitome_in(dir.path())
        .args(["sentences", "--keep-code", "notes.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("let pumps = 3;"));
    fs::write(
        dir.path().join("cite.txt"),
        "The levee held.[3] Crews went home.\n",
    )
    .unwrap();
    epitome_in(dir.path())
        .args(["sentences", "cite.txt"])
        .assert()
        .success()
        .stdout("The levee held.\nCrews went home.\n");
    epitome_in(dir.path())
        .args(["sentences", "--keep-citations", "cite.txt"])
        .assert()
        .success()
        .stdout("The levee held.[3]\nCrews went home.\n");
}
