//! Extracts an English prose corpus from the rust-docs component that every Rust
//! toolchain installs (`$(rustc --print sysroot)/share/doc/rust/html`): the prose books
//! (the Rust book, the reference, Rust by Example, the nomicon, …), MIT/Apache-2.0.
//!
//! `cargo run --release -p epitome-text --example rustdocs_corpus [OUT [API_OUT]]`
//!
//! Writes `OUT` (default `target/corpus/rustdocs.txt` in the workspace): one cased,
//! punctuated sentence per line, a blank line between paragraphs. Prose is the text of
//! `<p>` and leaf `<li>` elements inside `<main>`; code blocks (`<pre>`) are skipped,
//! inline code stays as words. Translated pages (`<html lang>` other than `en`) and the
//! whole-book `print.html` copies are skipped; repeated paragraphs are written once.
//!
//! Then `API_OUT` (default `target/corpus/rustdocs-api.txt`), the same way, from the API
//! documentation of the standard library (`std`, `alloc`, `core`, `proc_macro`, `test`):
//! the `<p>` and leaf `<li>` elements of the doc comments (`div.docblock`), without the
//! platform intrinsics under `arch/` (generated one-liners) and without paragraphs
//! already written.
//! Sentences come from the project's own punctuated splitter ([`segment_document`]).
//! The text itself is third-party and is never committed; models derived from it are.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use dom_query::Document;
use epitome_text::{segment_document, SegmentMode, SentencexSplitter};

/// The API documentation read after the books, in this order.
const API_CRATES: &[&str] = &["std", "alloc", "core", "proc_macro", "test"];

/// The prose books read, in this order (directories under `share/doc/rust/html`).
const BOOKS: &[&str] = &[
    "book",
    "reference",
    "rust-by-example",
    "nomicon",
    "edition-guide",
    "embedded-book",
    "cargo",
    "rustc",
    "rustdoc",
];

fn sysroot() -> Option<PathBuf> {
    let out = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "html")
            && !matches!(
                p.file_name().and_then(|n| n.to_str()),
                Some("print.html" | "404.html" | "toc.html")
            )
        {
            out.push(p);
        }
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The prose paragraphs of the doc comments of one rustdoc page.
fn api_paragraphs(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    let blocks = doc.select("div.docblock");
    blocks
        .select("pre, script, style, .example-wrap, .doc-anchor")
        .remove();
    prose(&blocks)
}

/// The text of the `<p>` and leaf `<li>` elements under `root` with at least three words.
fn prose(root: &dom_query::Selection) -> Vec<String> {
    let mut out = Vec::new();
    for node in root.select("p, li").iter() {
        if node.is("li") && node.select("p, ul, ol, li").exists() {
            continue; // its paragraphs and nested items are read on their own
        }
        let text = squash(&node.text());
        if text.split_whitespace().count() >= 3 && text.chars().any(char::is_alphabetic) {
            out.push(text);
        }
    }
    out
}

/// The prose paragraphs of one mdBook page (empty for a translated page).
fn paragraphs(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    let lang = doc.select("html").attr("lang");
    if lang.is_some_and(|l| !l.is_empty() && !l.starts_with("en")) {
        return Vec::new();
    }
    let mut main = doc.select("main");
    if !main.exists() {
        main = doc.select("body");
    }
    main.select("pre, script, style, .playground, .header-anchor, sup.footnote-reference")
        .remove();
    prose(&main)
}

/// Counts of what a corpus file received.
#[derive(Default)]
struct Counts {
    files: usize,
    paras: usize,
    sents: usize,
    words: usize,
}

/// Writes the new paragraphs of `ps` (one sentence per line, a blank line after each).
fn write_paragraphs(
    w: &mut impl Write,
    ps: Vec<String>,
    seen: &mut HashSet<String>,
    counts: &mut Counts,
) -> std::io::Result<()> {
    let splitter = SentencexSplitter::default();
    for p in ps {
        if !seen.insert(p.clone()) {
            continue;
        }
        let ranges = segment_document(&p, &splitter, SegmentMode::Prose);
        if ranges.is_empty() {
            continue;
        }
        for r in ranges {
            let s = &p[r];
            counts.words += s.split_whitespace().count();
            writeln!(w, "{s}")?;
            counts.sents += 1;
        }
        writeln!(w)?;
        counts.paras += 1;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut outs = std::env::args().skip(1).map(PathBuf::from);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/corpus");
    let out_path = outs.next().unwrap_or_else(|| corpus.join("rustdocs.txt"));
    let api_path = outs
        .next()
        .unwrap_or_else(|| corpus.join("rustdocs-api.txt"));
    let Some(root) = sysroot().map(|s| s.join("share/doc/rust/html")) else {
        eprintln!("skipped: `rustc --print sysroot` failed");
        return Ok(());
    };
    if !root.is_dir() {
        eprintln!(
            "skipped: no rust-docs at {} (rustup component add rust-docs)",
            root.display()
        );
        return Ok(());
    }
    for p in [&out_path, &api_path] {
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut seen = HashSet::new();
    extract(&root, BOOKS, paragraphs, &out_path, &mut seen)?;
    extract(&root, API_CRATES, api_paragraphs, &api_path, &mut seen)
}

/// Writes the prose of every page under `root/dir` for each of `dirs` (what `prose_of`
/// takes from a page) to `out_path`, skipping paragraphs in `seen`, and reports counts.
/// Platform intrinsics under `arch/` are generated one-liners and are left out.
fn extract(
    root: &Path,
    dirs: &[&str],
    prose_of: fn(&str) -> Vec<String>,
    out_path: &Path,
    seen: &mut HashSet<String>,
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(out_path)?);
    let mut all = Counts::default();
    for dir in dirs {
        let mut list = Vec::new();
        html_files(&root.join(dir), &mut list);
        list.retain(|p| !p.components().any(|c| c.as_os_str() == "arch"));
        let mut c = Counts::default();
        for path in list {
            let Ok(html) = std::fs::read_to_string(&path) else {
                continue;
            };
            let ps = prose_of(&html);
            if ps.is_empty() {
                continue;
            }
            c.files += 1;
            write_paragraphs(&mut w, ps, seen, &mut c)?;
        }
        eprintln!("{dir}: {} files, {} sentences", c.files, c.sents);
        all.files += c.files;
        all.paras += c.paras;
        all.sents += c.sents;
        all.words += c.words;
    }
    w.flush()?;
    report(&all, out_path);
    Ok(())
}

fn report(c: &Counts, path: &Path) {
    println!(
        "{} files, {} paragraphs, {} sentences, {} words -> {}",
        c.files,
        c.paras,
        c.sents,
        c.words,
        path.display()
    );
}
