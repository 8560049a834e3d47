//! Summaries of messy clusters: how well the summarizer reads documents that arrive
//! lowercased, tokenized and without sentence-final punctuation, as three of the four seed
//! documents do.
//!
//! `cargo run --release -p epitome --example messy_clusters -- [FILE.jsonl] [--algorithm A]
//! [--words N] [--messy half|all] [--output PRED.jsonl] [--show]`
//!
//! FILE defaults to ../shared/data/duc2004/dev.jsonl (third-party evaluation data, never
//! copied into the project; the example says so and exits when it is absent). Each
//! cluster is rebuilt with some of its documents made messy: each sentence of the
//! document, as the summarizer cuts the clean text, is lowercased, Penn-Treebank
//! tokenized and stripped of its final `.`, `!` or `?` ([`unpunctuated_tokens`]), and the
//! sentences are joined by single spaces. `--messy half` (the default) does this to the
//! documents at even positions (0, 2, 4, …), so a cluster keeps some clean copies, as the
//! seeds do; `--messy all` to every document.
//!
//! The sentences of the clean text are the reference boundaries of the messy one (the
//! splitter's own F1 on punctuated text is about 0.976, docs/BENCHMARKS.md). Every
//! summary sentence drawn from a messy document is checked against them: it is *whole*
//! when its span starts where a reference sentence starts and ends where one ends. A
//! sentence shown from a clean document counts as whole. Prints one JSON line: summary
//! sentences, those drawn only from messy documents, and the share of each that is
//! whole; and the boundary precision, recall and F1 of the messy documents as the
//! summarizer cuts them in their cluster (a boundary is where a sentence other than a
//! document's first starts). `--output` writes the summaries as `{"id", "summary"}` lines for
//! `epitome eval`, so the ROUGE of the messy clusters can be set beside the clean ones.
//! `--show` prints each summary sentence that is not whole under the reference
//! sentences it overlaps, on stderr.

use std::io::Write;

use epitome::boundary::unpunctuated_tokens;
use epitome::{Algorithm, Budget, ClusterInput, Config, Summarizer};

/// The documents the example makes messy.
#[derive(Clone, Copy)]
enum Messy {
    Half,
    All,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut file = String::from("../shared/data/duc2004/dev.jsonl");
    let mut algorithm = Algorithm::Auto;
    let mut words = 100usize;
    let mut messy = Messy::Half;
    let mut output: Option<String> = None;
    let mut show = false;
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
            "--messy" => {
                messy = match value("--messy").as_str() {
                    "half" => Messy::Half,
                    "all" => Messy::All,
                    other => panic!("--messy half|all, not {other}"),
                }
            }
            "--output" => output = Some(value("--output")),
            "--show" => show = true,
            _ => file = a,
        }
    }
    let Ok(text) = std::fs::read_to_string(&file) else {
        eprintln!("messy_clusters: {file} is absent; nothing to measure");
        return;
    };
    let config = Config {
        budget: Budget::Words(words),
        algorithm,
        ..Config::default()
    };
    let summarizer = Summarizer::new(&config).expect("valid config");
    let ingest = config.ingest_options();
    let mut out = output.map(|p| {
        std::io::BufWriter::new(std::fs::File::create(&p).expect("--output: a writable path"))
    });
    let (mut shown, mut whole, mut from_messy, mut messy_whole) = (0usize, 0usize, 0usize, 0usize);
    let mut clusters = 0usize;
    // Boundaries in the messy documents: right, found, in the reference.
    let mut boundaries = (0usize, 0usize, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let cluster = ClusterInput::from_json(&value).expect("a cluster line");
        clusters += 1;
        // Rebuild the cluster: messy documents and, for each, its reference boundaries.
        let mut texts: Vec<String> = Vec::new();
        let mut reference: Vec<Option<(Vec<usize>, Vec<usize>)>> = Vec::new();
        for (i, d) in cluster.documents.iter().enumerate() {
            let make_messy = match messy {
                Messy::Half => i % 2 == 0,
                Messy::All => true,
            };
            if !make_messy {
                texts.push(d.text.clone());
                reference.push(None);
                continue;
            }
            let doc = d.clone().into_document_with(i, &ingest);
            let cut = summarizer.sentences(vec![doc]).expect("sentences");
            let mut messy_text = String::new();
            let (mut starts, mut ends) = (Vec::new(), Vec::new());
            for s in cut.documents.iter().flat_map(|doc| &doc.sentences) {
                let tokens = unpunctuated_tokens(&d.text[s.start..s.end]);
                if tokens.is_empty() {
                    continue;
                }
                if !messy_text.is_empty() {
                    messy_text.push(' ');
                }
                starts.push(messy_text.len());
                messy_text.push_str(&tokens.join(" "));
                ends.push(messy_text.len());
            }
            texts.push(messy_text);
            reference.push(Some((starts, ends)));
        }
        let rebuilt = serde_json::json!({ "id": cluster.id, "documents": texts });
        let rebuilt = ClusterInput::from_json(&rebuilt).expect("a rebuilt cluster");
        let docs = || -> Vec<_> {
            rebuilt
                .documents
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, d)| d.into_document_with(i, &ingest))
                .collect()
        };
        // Boundaries of the messy documents as the summarizer cuts them in the cluster.
        let cut = summarizer.sentences(docs()).expect("sentences");
        for (d, reference) in cut.documents.iter().zip(&reference) {
            let Some((starts, _)) = reference else {
                continue;
            };
            let found: Vec<usize> = d.sentences.iter().skip(1).map(|s| s.start).collect();
            let right = found
                .iter()
                .filter(|s| starts.binary_search(s).is_ok())
                .count();
            boundaries.0 += right;
            boundaries.1 += found.len();
            boundaries.2 += starts.len().saturating_sub(1);
        }
        let summary = summarizer.summarize(docs()).expect("a summary");
        for s in &summary.sentences {
            shown += 1;
            let mut all_messy = true;
            let mut any_whole = false;
            for src in &s.sources {
                let i: usize = src.doc.parse().expect("documents are numbered");
                match &reference[i] {
                    None => {
                        all_messy = false;
                        any_whole = true;
                    }
                    Some((starts, ends)) => {
                        if starts.binary_search(&src.start).is_ok()
                            && ends.binary_search(&src.end).is_ok()
                        {
                            any_whole = true;
                        }
                    }
                }
            }
            if show && !any_whole {
                // The first source is a messy document (a clean one would be whole).
                let src = &s.sources[0];
                let i: usize = src.doc.parse().expect("documents are numbered");
                if let Some((starts, ends)) = &reference[i] {
                    let t = &texts[i];
                    let from = starts[starts.partition_point(|&x| x <= src.start).max(1) - 1];
                    let to = ends[ends.partition_point(|&x| x < src.end).min(ends.len() - 1)];
                    eprintln!(
                        "reference: {}\nsummary:   {}\n",
                        &t[from..to.max(src.end)],
                        &t[src.start..src.end]
                    );
                }
            }
            whole += usize::from(any_whole);
            if all_messy {
                from_messy += 1;
                messy_whole += usize::from(any_whole);
            }
        }
        if let Some(w) = out.as_mut() {
            let line = serde_json::json!({ "id": cluster.id, "summary": summary.text() });
            writeln!(w, "{line}").expect("--output: write");
        }
    }
    if let Some(mut w) = out {
        w.flush().expect("--output: write");
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "{}",
        serde_json::json!({
            "file": file,
            "algorithm": summarizer.algorithm_for(2).name(),
            "messy": match messy { Messy::Half => "half", Messy::All => "all" },
            "clusters": clusters,
            "sentences": shown,
            "whole": share(whole, shown),
            "from_messy_only": from_messy,
            "whole_from_messy_only": share(messy_whole, from_messy),
            "boundary_precision": share(boundaries.0, boundaries.1),
            "boundary_recall": share(boundaries.0, boundaries.2),
            "boundary_f1": share(2 * boundaries.0, boundaries.1 + boundaries.2),
        })
    );
}
