//! `epitome clean`: the normalized text of each document, its offset map, and the JSONL
//! mode for evaluation. Fixtures are written here; no third-party text.

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

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Levee holds &amp; river falls</title>
<meta property="article:published_time" content="2024-04-09T08:00:00Z">
<script>var ads = "<p>Buy now</p>";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav>
<article><h1>Levee holds &amp; river falls</h1>
<p>The Calder River crested at twenty&nbsp;one feet on Tuesday night, and the Mill Road levee held while crews watched it until dawn.</p>
<p>County officials said about twelve hundred residents of the east bank had left their homes before the water reached its peak.</p>
<p>Volunteers filled sandbags at the grange hall through the night, and the school gym stayed open as a shelter for families.</p>
<p>The mayor said that roads on the east side would reopen once engineers had checked the bridges and the pumping station.</p>
</article>
<footer>Copyright 2024 Valley Herald. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"#;

#[test]
fn html_page_prints_its_article_and_json_maps_into_the_page() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), PAGE).unwrap();
    epitome_in(dir.path())
        .args(["clean", "page.html"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The Calder River crested at twenty one feet",
        ))
        .stdout(predicate::str::contains("Copyright").not())
        .stdout(predicate::str::contains("Buy now").not());

    let out = epitome_in(dir.path())
        .args(["clean", "--format", "json", "page.html"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "html");
    assert_eq!(v["encoding"], "UTF-8");
    assert_eq!(v["title"], "Levee holds & river falls");
    assert_eq!(v["date"], "2024-04-09T08:00:00Z");
    assert_eq!(v["main_content"], true);
    let text = v["text"].as_str().unwrap();
    // Every copied run of the map is the page's own bytes.
    for run in v["map"].as_array().unwrap() {
        let r: Vec<Value> = run.as_array().unwrap().clone();
        let (ns, ne, os, oe) = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
            r[2].as_u64().unwrap() as usize,
            r[3].as_u64().unwrap() as usize,
        );
        if r[4].as_bool().unwrap() {
            assert_eq!(&text[ns..ne], &PAGE[os..oe]);
        }
    }
}

#[test]
fn normalizers_clean_and_can_be_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let messy = "the treaty of paris , made from a soft , `` silver colour '' alloy , was russia 's aim -lrb- 1856 -rrb- .\n\nPeace came in 1856.[6][7] It held 27â€“33 years.[citation needed]\n";
    fs::write(dir.path().join("messy.txt"), messy).unwrap();
    epitome_in(dir.path())
        .args(["clean", "messy.txt"])
        .assert()
        .success()
        .stdout(
            "the treaty of paris, made from a soft, \"silver colour\" alloy, was russia's aim (1856).\n\nPeace came in 1856. It held 27–33 years.\n",
        );
    epitome_in(dir.path())
        .args([
            "clean",
            "messy.txt",
            "--no-detok",
            "--keep-citations",
            "--no-mojibake",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("soft , `` silver"))
        .stdout(predicate::str::contains("[6][7]"))
        .stdout(predicate::str::contains("27â€“33"));
}

#[test]
fn several_documents_get_headers_and_formats_are_detected_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "# Notes\n\nThe **levee** held.\n\n```\ncode here\n```\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.json"),
        r#"{"id": "b1", "title": "B", "content": "From JSON.\nSecond line."}"#,
    )
    .unwrap();
    epitome_in(dir.path())
        .args(["clean", "a.md", "b.json"])
        .assert()
        .success()
        .stdout("==> a.md <==\nNotes\n\nThe levee held.\n\n==> b1 <==\nFrom JSON.\nSecond line.\n");
    epitome_in(dir.path())
        .args(["clean", "a.md", "--keep-code"])
        .assert()
        .success()
        .stdout(predicate::str::contains("code here"));
    epitome_in(dir.path())
        .args(["clean", "a.md", "--input-format", "txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("**levee**"));
    epitome_in(dir.path())
        .args(["clean", "a.md", "--input-format", "pdf"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown input format `pdf`"));
}

#[test]
fn jsonl_mode_maps_id_text_lines_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = "{\"id\": \"x\", \"text\": \"it was n't there , he said .\"}\n\n{\"id\": \"y\", \"text\": \"<p>A &amp; B.</p>\", \"format\": \"html\"}\nnot json\n{\"id\": \"z\"}\n";
    fs::write(dir.path().join("in.jsonl"), input).unwrap();
    let out = epitome_in(dir.path())
        .args(["clean", "--input", "in.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        serde_json::json!({"id": "x", "text": "it wasn't there, he said."})
    );
    assert_eq!(lines[1], serde_json::json!({"id": "y", "text": "A & B."}));
    assert!(lines[2]["error"].as_str().unwrap().contains("line 4"));
    assert_eq!(lines[3]["id"], "z");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 lines cleaned, 2 failed"));

    epitome_in(dir.path())
        .args(["clean", "--input", "in.jsonl", "--output", "out.jsonl"])
        .assert()
        .code(2);
    assert!(fs::read_to_string(dir.path().join("out.jsonl"))
        .unwrap()
        .contains("\"x\""));
}

#[test]
fn utf16_and_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Crews reopened the bridge on Friday morning.";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(dir.path().join("u16.txt"), utf16).unwrap();
    fs::write(
        dir.path().join("x.html"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
    )
    .unwrap();
    epitome_in(dir.path())
        .args(["clean", "u16.txt", "x.html"])
        .assert()
        .success()
        .stdout(format!("{text}\n"))
        .stderr(predicate::str::contains(
            "x.html: looks like a binary file; skipped",
        ));
    let out = epitome_in(dir.path())
        .args(["clean", "--format", "json", "u16.txt"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["encoding"], "UTF-16LE");
    assert_eq!(v["original_bytes"], text.len() * 2);
}

#[test]
fn summarize_reads_html_and_detokenizes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), PAGE).unwrap();
    fs::write(
        dir.path().join("wire.txt"),
        "the calder river crested at twenty one feet on tuesday night , and the mill road levee held while crews watched it until dawn .\n",
    )
    .unwrap();
    let out = epitome_in(dir.path())
        .args([
            "summarize",
            "page.html",
            "wire.txt",
            "--sentences",
            "2",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["sentences"][0];
    assert_eq!(first["support"], 2, "{v}");
    for src in first["sources"].as_array().unwrap() {
        let (s, e) = (
            src["start"].as_u64().unwrap() as usize,
            src["end"].as_u64().unwrap() as usize,
        );
        let original = fs::read(dir.path().join(src["doc"].as_str().unwrap())).unwrap();
        let slice = String::from_utf8_lossy(&original[s..e]).to_lowercase();
        assert!(slice.contains("crested at twenty"), "{slice}");
        assert!(!slice.contains("<nav>"), "{slice}");
    }
}
