//! `epitome batch` gives byte-identical output at any thread count, one line per input
//! line in input order, and source spans that slice each document back to the sentence.
//!
//! Clusters are generated from a vocabulary of invented words (so two different random
//! sentences practically never look like near-duplicates) with sentences repeated across
//! and within the documents of a cluster, awkward whitespace, non-ASCII text, empty
//! documents and the occasional malformed line.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------
// Vocabulary and text

/// About 250 invented words with distinct stems: the first four letters of each are
/// unique, and stemming only ever changes a word's end. Some carry non-ASCII letters so
/// byte offsets differ from char offsets.
fn vocabulary() -> Vec<String> {
    const ONSETS: [&str; 12] = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t"];
    const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "é", "ü", "ø"];
    const CODAS: [&str; 4] = ["k", "m", "t", "z"];
    let prefixes = ONSETS.len() * VOWELS.len() * ONSETS.len() * VOWELS.len();
    let mut words: Vec<String> = (0..244)
        .map(|k| {
            let mut p = (k * 37) % prefixes; // 37 is coprime with 9216: all distinct
            let mut pick = |n: usize| {
                let i = p % n;
                p /= n;
                i
            };
            let (o1, v1, o2, v2) = (pick(12), pick(8), pick(12), pick(8));
            format!(
                "{}{}{}{}{}",
                ONSETS[o1],
                VOWELS[v1],
                ONSETS[o2],
                VOWELS[v2],
                CODAS[k % 4]
            )
        })
        .collect();
    words.extend(
        [
            "東京駅",
            "naïve",
            "façade",
            "Ørsted",
            "Zürich",
            "smörgåsbord",
        ]
        .map(String::from),
    );
    words
}

/// Whitespace between two words of a sentence (never a line break: see
/// [`SENTENCE_SEPARATORS`]).
const WORD_SEPARATORS: [&str; 9] = [" ", " ", " ", " ", " ", "  ", "\t", "\u{a0}", " \u{3000}"];

/// Whitespace between two sentences of a document.
const SENTENCE_SEPARATORS: [&str; 12] = [
    " ", " ", " ", " ", " ", "  ", "\n", "\r\n", " \n ", "\n\n", "\r\n\r\n", "\t",
];

/// Texts of documents with nothing to summarize.
const EMPTY_TEXTS: [&str; 4] = ["", "   ", "\n\t\r\n ", " … — !? "];

/// What surrounds a document's text. (A byte-order mark would stay in the first sentence:
/// see `bad_input.rs`; degraded clusters get one.)
const EDGES: [&str; 5] = ["", "", " ", "\n\n", "\r\n "];

#[derive(Debug, Clone)]
struct SentenceSpec {
    words: Vec<usize>,
    seps: Vec<usize>,
    end: usize,
}

impl SentenceSpec {
    /// The sentence, capitalized, its words joined by the chosen whitespace.
    fn render(&self, vocab: &[String], style: Style) -> String {
        let mut s = String::new();
        for (i, &w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push_str(match style {
                    Style::Clean => WORD_SEPARATORS[self.seps[i] % WORD_SEPARATORS.len()],
                    // A hard-wrapped copy, as extracts often are.
                    Style::Lowered if self.seps[i].is_multiple_of(7) => "\n",
                    Style::Lowered | Style::Unpunctuated => " ",
                });
            }
            let word = &vocab[w % vocab.len()];
            if i == 0 && style == Style::Clean {
                let mut chars = word.chars();
                let first = chars.next().expect("words are not empty");
                s.extend(first.to_uppercase());
                s.push_str(chars.as_str());
            } else if style == Style::Clean {
                s.push_str(word);
            } else {
                s.push_str(&word.to_lowercase());
            }
        }
        match style {
            Style::Clean => s.push_str([".", ".", ".", "!", "?"][self.end % 5]),
            Style::Lowered => s.push_str(" ."),
            Style::Unpunctuated => {}
        }
        s
    }
}

/// How a document writes its sentences. Only clusters without degraded copies promise
/// that every span slices to the shown text: a degraded copy of a sentence is grouped
/// with the clean one and shown in its clean form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Clean,
    /// Lowercased, punctuation split off, sometimes hard-wrapped.
    Lowered,
    /// Lowercased without any punctuation (cut by cross-document alignment).
    Unpunctuated,
}

#[derive(Debug, Clone)]
enum Pick {
    /// One of the cluster's shared sentences.
    Shared(usize),
    /// A sentence of this document's own.
    Own(SentenceSpec),
}

#[derive(Debug, Clone)]
struct DocSpec {
    /// `None`: a document without text (`EMPTY_TEXTS[n]`).
    picks: Option<Vec<(Pick, usize)>>,
    empty: usize,
    style: usize,
    edges: (usize, usize),
    /// 0: a bare string; 1: an object with an id; 2: an object without one.
    shape: usize,
}

#[derive(Debug, Clone)]
struct ClusterSpec {
    shared: Vec<SentenceSpec>,
    docs: Vec<DocSpec>,
    query: Option<Vec<usize>>,
    numeric_id: bool,
    degraded: bool,
    malformed: bool,
}

/// One rendered input line and what the output line for it must say.
struct Line {
    json: String,
    /// The output `id`: null for a malformed line.
    id: Value,
    /// Document id → text, for checking spans.
    docs: HashMap<String, String>,
    /// Whether every span must slice to the shown text exactly.
    exact_spans: bool,
}

impl ClusterSpec {
    fn render(&self, index: usize, vocab: &[String]) -> Line {
        let mut documents = Vec::new();
        let mut docs = HashMap::new();
        for (d, doc) in self.docs.iter().enumerate() {
            let style = if self.degraded {
                [Style::Clean, Style::Lowered, Style::Unpunctuated][doc.style % 3]
            } else {
                Style::Clean
            };
            let text = match &doc.picks {
                None => EMPTY_TEXTS[doc.empty % EMPTY_TEXTS.len()].to_owned(),
                Some(picks) => {
                    let mut t = EDGES[doc.edges.0 % EDGES.len()].to_owned();
                    if self.degraded && doc.edges.0.is_multiple_of(3) {
                        t.insert(0, '\u{feff}');
                    }
                    for (i, (pick, sep)) in picks.iter().enumerate() {
                        if i > 0 {
                            t.push_str(match style {
                                Style::Clean => {
                                    SENTENCE_SEPARATORS[sep % SENTENCE_SEPARATORS.len()]
                                }
                                _ => " ",
                            });
                        }
                        let spec = match pick {
                            Pick::Shared(k) => &self.shared[k % self.shared.len()],
                            Pick::Own(s) => s,
                        };
                        t.push_str(&spec.render(vocab, style));
                    }
                    t.push_str(EDGES[doc.edges.1 % EDGES.len()]);
                    t
                }
            };
            let doc_id = match doc.shape % 3 {
                1 => format!("doc-{d}"),
                _ => d.to_string(),
            };
            documents.push(match doc.shape % 3 {
                0 => json!(text),
                1 => json!({"id": doc_id, "text": text, "title": format!("Title {d}")}),
                _ => json!({"text": text, "url": format!("https://example.org/{d}")}),
            });
            docs.insert(doc_id, text);
        }
        let (id_json, id_out) = if self.numeric_id {
            (json!(index), json!(index.to_string()))
        } else {
            (
                json!(format!("cluster-{index}")),
                json!(format!("cluster-{index}")),
            )
        };
        let mut obj = json!({"id": id_json, "documents": documents});
        if let Some(q) = &self.query {
            let words: Vec<&str> = q.iter().map(|&w| vocab[w % vocab.len()].as_str()).collect();
            obj["query"] = json!(words.join(" "));
        }
        let mut line = serde_json::to_string(&obj).expect("serializes");
        let mut id = id_out;
        if self.malformed {
            // Cut the line in half: an unterminated JSON object, never blank.
            let mut cut = line.len() / 2;
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line.truncate(cut.max(1));
            id = Value::Null;
        }
        Line {
            json: line,
            id,
            docs,
            exact_spans: !self.degraded,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Strategies

fn sentence() -> impl Strategy<Value = SentenceSpec> {
    (6usize..15)
        .prop_flat_map(|n| {
            (
                prop::collection::vec(0usize..250, n),
                prop::collection::vec(0usize..64, n),
                0usize..5,
            )
        })
        .prop_map(|(words, seps, end)| SentenceSpec { words, seps, end })
}

fn doc(shared: usize) -> impl Strategy<Value = DocSpec> {
    let pick = prop_oneof![
        2 => (0..shared).prop_map(Pick::Shared),
        3 => sentence().prop_map(Pick::Own),
    ];
    (
        prop::option::weighted(0.85, prop::collection::vec((pick, 0usize..64), 1..8)),
        0usize..8,
        0usize..3,
        (0usize..8, 0usize..8),
        0usize..3,
    )
        .prop_map(|(picks, empty, style, edges, shape)| DocSpec {
            picks,
            empty,
            style,
            edges,
            shape,
        })
}

fn cluster() -> impl Strategy<Value = ClusterSpec> {
    prop::collection::vec(sentence(), 1..4)
        .prop_flat_map(|shared| {
            let n = shared.len();
            (
                Just(shared),
                prop::collection::vec(doc(n), 1..=6),
                prop::option::weighted(0.2, prop::collection::vec(0usize..250, 1..4)),
                prop::bool::weighted(0.2),
                prop::bool::weighted(0.25),
                prop::bool::weighted(0.05),
            )
        })
        .prop_map(
            |(shared, docs, query, numeric_id, degraded, malformed)| ClusterSpec {
                shared,
                docs,
                query,
                numeric_id,
                degraded,
                malformed,
            },
        )
}

/// Summary flags: an algorithm and a budget.
fn flags() -> impl Strategy<Value = Vec<String>> {
    let algorithm = prop::sample::select(vec![
        "auto", "lead", "lexrank", "textrank", "centroid", "mmr",
    ]);
    let budget = prop_oneof![
        Just(vec![]),
        (1usize..12).prop_map(|n| vec!["--sentences".to_owned(), n.to_string()]),
        (0usize..150).prop_map(|n| vec!["--words".to_owned(), n.to_string()]),
        (0usize..900).prop_map(|n| vec!["--bytes".to_owned(), n.to_string()]),
    ];
    (algorithm, budget).prop_map(|(a, b)| {
        let mut f = vec!["--algorithm".to_owned(), a.to_owned()];
        f.extend(b);
        f
    })
}

// ---------------------------------------------------------------------------------------
// Running and checking

fn run_batch(dir: &Path, input: &str, threads: usize, flags: &[String]) -> Output {
    let out = format!("out-{threads}.jsonl");
    let output = Command::cargo_bin("epitome")
        .expect("the epitome binary is built for integration tests")
        .current_dir(dir)
        .args(["batch", "--input", input, "--output", &out])
        .args(["--threads", &threads.to_string()])
        .args(flags)
        .output()
        .expect("epitome runs");
    let mut output = output;
    output.stdout = std::fs::read(dir.join(&out)).unwrap_or_default();
    output
}

/// Every whitespace run to one space; the ends are kept, so a span that takes in
/// surrounding whitespace is caught.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// Checks the sources of every sentence of one summary record against the input
/// documents: in bounds, on char boundaries, support = distinct documents, and (when
/// `exact`) slicing back to the sentence's text up to whitespace.
fn check_spans(
    record: &Value,
    docs: &HashMap<String, String>,
    exact: bool,
) -> Result<(), TestCaseError> {
    let sentences = record["sentences"]
        .as_array()
        .ok_or_else(|| TestCaseError::fail(format!("no sentences: {record}")))?;
    for s in sentences {
        let text = s["text"].as_str().expect("text is a string");
        let sources = s["sources"].as_array().expect("sources is an array");
        prop_assert!(!sources.is_empty(), "a sentence without sources: {}", s);
        let mut seen_docs = BTreeSet::new();
        for src in sources {
            let doc = src["doc"].as_str().expect("doc is a string");
            let original = docs
                .get(doc)
                .ok_or_else(|| TestCaseError::fail(format!("unknown doc {doc:?}: {s}")))?;
            let (start, end) = (
                src["start"].as_u64().expect("start") as usize,
                src["end"].as_u64().expect("end") as usize,
            );
            prop_assert!(
                start < end && end <= original.len(),
                "span {}..{} of {} bytes",
                start,
                end,
                original.len()
            );
            let slice = original.get(start..end).ok_or_else(|| {
                TestCaseError::fail(format!("span {start}..{end} splits a character of {doc}"))
            })?;
            if exact {
                prop_assert_eq!(
                    collapse_whitespace(slice),
                    text,
                    "doc {} span {}..{}",
                    doc,
                    start,
                    end
                );
            }
            seen_docs.insert(doc);
        }
        prop_assert_eq!(
            s["support"].as_u64(),
            Some(seen_docs.len() as u64),
            "support counts the distinct documents of the sources: {}",
            s
        );
    }
    Ok(())
}

/// Words as the budget counts them.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .count()
}

fn check_outputs(
    lines: &[Line],
    flags: &[String],
    one: &Output,
    four: &Output,
) -> Result<(), TestCaseError> {
    let stdout = String::from_utf8(one.stdout.clone()).expect("output is UTF-8");
    prop_assert!(
        one.stdout == four.stdout,
        "--threads 1 and --threads 4 differ:\n{}\n---\n{}",
        stdout,
        String::from_utf8_lossy(&four.stdout)
    );
    prop_assert_eq!(one.status.code(), four.status.code());
    let out: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    prop_assert_eq!(out.len(), lines.len(), "one output line per input line");
    let mut failed = 0;
    for (i, (o, l)) in out.iter().zip(lines).enumerate() {
        prop_assert_eq!(
            &o["id"],
            &l.id,
            "output line {} is for input line {}",
            i + 1,
            i + 1
        );
        if let Some(error) = o.get("error") {
            failed += 1;
            let error = error.as_str().expect("error is a string");
            let line_ref = format!("line {}", i + 1);
            prop_assert!(error.contains(&line_ref), "{} names {}", error, line_ref);
        } else {
            prop_assert!(!l.id.is_null(), "a malformed line was summarized: {}", o);
            check_spans(o, &l.docs, l.exact_spans)?;
            let summary = o["summary"].as_str().expect("summary is a string");
            let texts: Vec<&str> = o["sentences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            prop_assert_eq!(summary, texts.join("\n"));
            if let [flag, n] = &flags[2..] {
                let n: usize = n.parse().unwrap();
                let used = match flag.as_str() {
                    "--sentences" => texts.len(),
                    "--words" => count_words(summary),
                    "--bytes" => summary.len(),
                    other => unreachable!("{other}"),
                };
                prop_assert!(used <= n, "{} {} exceeded: {}", flag, n, used);
            }
        }
    }
    let expected_code = if failed > 0 { 2 } else { 0 };
    prop_assert_eq!(
        one.status.code(),
        Some(expected_code),
        "{} failed lines; stderr: {}",
        failed,
        String::from_utf8_lossy(&one.stderr)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn batch_output_is_identical_at_any_thread_count(
        clusters in prop::collection::vec(cluster(), 10..=40),
        flags in flags(),
    ) {
        let vocab = vocabulary();
        let lines: Vec<Line> = clusters.iter().enumerate().map(|(i, c)| c.render(i, &vocab)).collect();
        let dir = tempfile::tempdir().unwrap();
        let input: String = lines.iter().map(|l| format!("{}\n", l.json)).collect();
        std::fs::write(dir.path().join("in.jsonl"), input).unwrap();
        let one = run_batch(dir.path(), "in.jsonl", 1, &flags);
        let four = run_batch(dir.path(), "in.jsonl", 4, &flags);
        check_outputs(&lines, &flags, &one, &four)?;
    }
}

// ---------------------------------------------------------------------------------------
// Spans, on a hand-written cluster

#[test]
fn spans_slice_every_source_to_the_sentence_text() {
    let vocab = vocabulary();
    let s = |words: &[usize], seps: &[usize], end: usize| SentenceSpec {
        words: words.to_vec(),
        seps: seps.to_vec(),
        end,
    };
    // Hand-picked whitespace: tabs, NBSP, ideographic space, CRLF, paragraph breaks,
    // and a sentence repeated in three documents and twice in one.
    let shared = vec![
        s(&[3, 17, 248, 40, 77, 91, 120], &[0, 0, 5, 6, 7, 8, 0], 0),
        s(&[244, 11, 246, 99, 150, 201], &[0, 7, 0, 6, 0, 8], 3),
    ];
    let own = |seed: usize| {
        Pick::Own(s(
            &[
                seed,
                seed + 13,
                seed + 29,
                seed + 41,
                seed + 57,
                seed + 71,
                seed + 89,
            ],
            &[seed % 9, 1, 5, 6, 7, 8, 0],
            seed % 5,
        ))
    };
    let doc = |picks: Vec<(Pick, usize)>, edges: (usize, usize), shape: usize| DocSpec {
        picks: Some(picks),
        empty: 0,
        style: 0,
        edges,
        shape,
    };
    let cluster = ClusterSpec {
        shared,
        docs: vec![
            doc(
                vec![
                    (own(1), 0),
                    (Pick::Shared(0), 7),
                    (own(2), 9),
                    (Pick::Shared(1), 10),
                ],
                (4, 3),
                0,
            ),
            doc(
                vec![
                    (Pick::Shared(1), 0),
                    (own(3), 6),
                    (Pick::Shared(0), 11),
                    (own(4), 8),
                    (Pick::Shared(0), 7),
                ],
                (2, 2),
                1,
            ),
            DocSpec {
                picks: None,
                empty: 2,
                style: 0,
                edges: (0, 0),
                shape: 2,
            },
            doc(vec![(own(5), 0), (Pick::Shared(0), 9)], (3, 4), 2),
        ],
        query: None,
        numeric_id: false,
        degraded: false,
        malformed: false,
    };
    let line = cluster.render(0, &vocab);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.jsonl"), format!("{}\n", line.json)).unwrap();
    for algorithm in ["lead", "lexrank", "textrank", "centroid", "mmr"] {
        let flags = ["--algorithm", algorithm, "--sentences", "20"].map(String::from);
        let out = run_batch(dir.path(), "in.jsonl", 2, &flags);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let record: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
        check_spans(&record, &line.docs, true).unwrap_or_else(|e| panic!("{algorithm}: {e}"));
        // The shared sentences are credited to every document carrying them.
        let sentences = record["sentences"].as_array().unwrap();
        let supports: Vec<u64> = sentences
            .iter()
            .map(|s| s["support"].as_u64().unwrap())
            .collect();
        assert!(
            supports.contains(&3) && supports.contains(&2),
            "{algorithm}: shared sentences are grouped: {record}"
        );
        let total: usize = sentences
            .iter()
            .map(|s| s["sources"].as_array().unwrap().len())
            .sum();
        assert!(
            total >= sentences.len() + 4,
            "{algorithm}: spans to check: {record}"
        );
    }
}
