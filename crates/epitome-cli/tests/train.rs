//! `epitome train boundary` and `--boundary-model`, end to end through the binary: a tiny
//! model trained on text generated here, written, used by `sentences` and `summarize`,
//! and the errors a user can run into (missing file, corrupt model, no training text).
//! Every fixture is written by this test; no third-party text.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn epitome_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("epitome").expect("the epitome binary is built");
    cmd.current_dir(dir);
    cmd
}

const WHO: &[&str] = &[
    "The farmer",
    "Our neighbour",
    "A driver",
    "The old teacher",
    "My sister",
    "The baker",
    "A tall stranger",
];
const DID: &[&str] = &[
    "painted", "repaired", "sold", "found", "washed", "moved", "carried",
];
const WHAT: &[&str] = &[
    "the wooden fence",
    "a red truck",
    "the garden gate",
    "two green chairs",
    "the kitchen table",
];
const WHEN: &[&str] = &[
    "before lunch",
    "after the storm",
    "on a quiet morning",
    "late that evening",
];

/// About `n` punctuated sentences from templates, in paragraphs of five, some with a
/// second clause, so sentences vary in length.
fn punctuated(n: usize, seed: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let k = i * 7 + seed;
        out.push_str(&format!(
            "{} {} {} {}",
            WHO[k % WHO.len()],
            DID[(k / 3) % DID.len()],
            WHAT[(k / 2) % WHAT.len()],
            WHEN[(k / 5) % WHEN.len()]
        ));
        if k.is_multiple_of(3) {
            out.push_str(", and everyone was glad");
        }
        out.push_str(if k.is_multiple_of(11) { "! " } else { ". " });
        if i % 5 == 4 {
            out.push_str("\n\n");
        }
    }
    out
}

/// The same kind of text lowercased and without any punctuation: one run of words.
fn unpunctuated(n: usize) -> String {
    punctuated(n, 3)
        .to_lowercase()
        .replace(['.', '!', ','], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn train(dir: &Path) -> std::process::Output {
    fs::write(dir.join("a.txt"), punctuated(300, 0)).unwrap();
    fs::write(dir.join("b.txt"), punctuated(200, 1)).unwrap();
    epitome_in(dir)
        .args(["train", "boundary", "--out", "model.bin", "--bits", "14"])
        .args(["--min-count", "1", "a.txt", "b.txt"])
        .output()
        .unwrap()
}

#[test]
fn a_trained_model_is_written_and_cuts_unpunctuated_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = train(dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("read 2 document(s): 500 sentences"),
        "{stdout}"
    );
    let f1: f64 = stdout
        .split("F1 ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a held-out F1 in {stdout}"));
    assert!(f1 > 0.9, "templates are easy: {stdout}");
    let model = fs::read(dir.path().join("model.bin")).unwrap();
    assert!(model.starts_with(b"EPBDRY"), "a model file");
    assert!(
        stdout.contains("context network: 6 words a side"),
        "{stdout}"
    );
    // Without the context network the model is smaller, and says so.
    let out = epitome_in(dir.path())
        .args(["train", "boundary", "--out", "linear.bin", "--bits", "14"])
        .args(["--min-count", "1", "--no-context", "a.txt", "b.txt"])
        .output()
        .unwrap();
    let linear_out = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{linear_out}");
    assert!(linear_out.contains("no context network"), "{linear_out}");
    let linear = fs::read(dir.path().join("linear.bin")).unwrap();
    assert!(
        linear.len() + 100_000 < model.len(),
        "{} vs {}",
        linear.len(),
        model.len()
    );

    let text = unpunctuated(60);
    fs::write(dir.path().join("run.txt"), &text).unwrap();
    let out = epitome_in(dir.path())
        .args(["sentences", "--boundary-model", "model.bin", "run.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    // Every sentence of the templates starts with one of the subjects.
    let starts = WHO.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    let good = lines
        .iter()
        .filter(|l| starts.iter().any(|s| l.starts_with(s.as_str())))
        .count();
    assert!(lines.len() >= 40, "{} sentences: {lines:?}", lines.len());
    assert!(good * 10 >= lines.len() * 9, "{lines:?}");
    assert_eq!(lines.join(" "), text, "no word is lost");

    // The same model through summarize (and its flag parses there).
    epitome_in(dir.path())
        .args([
            "summarize",
            "--boundary-model",
            "model.bin",
            "--sentences",
            "2",
        ])
        .arg("run.txt")
        .assert()
        .success()
        .stdout(predicate::str::is_empty().not());
}

#[test]
fn training_from_stdin_works() {
    let dir = tempfile::tempdir().unwrap();
    epitome_in(dir.path())
        .args(["train", "boundary", "--out", "m.bin", "--bits", "12", "-"])
        .write_stdin(punctuated(120, 2))
        .assert()
        .success()
        .stdout(predicate::str::contains("held-out: P "));
    assert!(dir.path().join("m.bin").is_file());
}

#[test]
fn a_missing_model_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("run.txt"), unpunctuated(10)).unwrap();
    epitome_in(dir.path())
        .args(["sentences", "--boundary-model", "nope.bin", "run.txt"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("nope.bin: no such file"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn a_corrupt_model_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("run.txt"), unpunctuated(10)).unwrap();
    fs::write(dir.path().join("junk.bin"), "not a model at all").unwrap();
    epitome_in(dir.path())
        .args(["summarize", "--boundary-model", "junk.bin", "run.txt"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "junk.bin: not a boundary model (bad magic bytes)",
        ))
        .stderr(predicate::str::contains("panicked").not());

    // A real model with one byte changed fails its checksum.
    let out = train(dir.path());
    assert!(out.status.success());
    let mut bytes = fs::read(dir.path().join("model.bin")).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    fs::write(dir.path().join("model.bin"), &bytes).unwrap();
    epitome_in(dir.path())
        .args(["sentences", "--boundary-model", "model.bin", "run.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: model.bin: "))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn empty_training_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "  \n\n \t\n").unwrap();
    epitome_in(dir.path())
        .args(["train", "boundary", "--out", "m.bin", "empty.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no training text"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(!dir.path().join("m.bin").exists(), "no model is written");

    epitome_in(dir.path())
        .args(["train", "boundary", "--out", "m.bin", "missing.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing.txt"))
        .stderr(predicate::str::contains("panicked").not());
    epitome_in(dir.path())
        .args(["train", "boundary", "--out", "m.bin"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("PATH"));
}

#[test]
fn a_folder_of_html_and_markdown_is_read_like_summarize_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let paragraphs = |n, seed| {
        punctuated(n, seed)
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", p.trim()))
            .collect::<String>()
    };
    fs::write(
        corpus.join("page.html"),
        format!(
            "<html><head><title>Chores</title><script>var x = 'not text. Not text.';</script></head>\
             <body><nav>Home. About. Contact.</nav><article>{}</article></body></html>",
            paragraphs(250, 0)
        ),
    )
    .unwrap();
    fs::write(
        corpus.join("notes.md"),
        format!("# Chores\n\n{}", punctuated(250, 1)),
    )
    .unwrap();
    let out = epitome_in(dir.path())
        .args(["train", "boundary", "--out", "m.bin", "--bits", "12"])
        .args(["--min-count", "1", "corpus"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two documents; markup, scripts and navigation are not training text.
    assert!(stdout.contains("read 2 document(s): 50"), "{stdout}");
    assert!(dir.path().join("m.bin").exists());
}
