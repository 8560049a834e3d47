//! Bad and awkward input, end to end through the `epitome` binary.
//!
//! Every test asserts both the exit code and what the user is told, so a change in either
//! is caught. Inputs are written to a fresh temporary folder per test.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// Three plain sentences that any algorithm can summarize.
const GOOD_TEXT: &str = "The Calder River rose four feet overnight and flooded the lower streets. \
Volunteers filled sandbags at the grange hall until dawn. \
The mayor said the school gym would stay open as a shelter through the weekend.\n";

fn epitome() -> Command {
    Command::cargo_bin("epitome").expect("the epitome binary is built for integration tests")
}

/// `epitome` run inside `dir`, so file names in messages are the short relative ones.
fn epitome_in(dir: &Path) -> Command {
    let mut cmd = epitome();
    cmd.current_dir(dir);
    cmd
}

fn tempdir() -> TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("writing a test input");
    path
}

fn stdout_json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// Words as the budget counts them: whitespace-delimited tokens holding a letter or digit.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .count()
}

// ---------------------------------------------------------------------------------------
// summarize: inputs without usable text

#[test]
fn whitespace_only_file_is_an_error_saying_there_is_no_text() {
    let dir = tempdir();
    write(dir.path(), "blank.txt", "   \n\t\n  \r\n\n ");
    epitome_in(dir.path())
        .args(["summarize", "blank.txt"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::is_match(r"(?i)\bno\b.*\btext\b").unwrap());
}

#[test]
fn empty_folder_is_an_error_naming_the_folder() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("nothing-here")).unwrap();
    epitome_in(dir.path())
        .args(["summarize", "nothing-here"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("nothing-here"));
}

/// An ELF-like header: NUL bytes early on, as binaries have.
const JUNK: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00\
\x10\x10\x00\x00\x00\x00\x00\x00@\x00\x00\x00\x00\x00\x00\x00 some readable text in a binary.\x00\xff\xfe";

#[test]
fn binary_file_alone_is_a_clear_error() {
    let dir = tempdir();
    write(dir.path(), "junk.bin", JUNK);
    epitome_in(dir.path())
        .args(["summarize", "junk.bin"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("error: "))
        .stderr(predicate::str::contains("no readable text"));
}

#[test]
fn binary_file_alone_error_says_which_file_was_skipped() {
    let dir = tempdir();
    write(dir.path(), "junk.bin", JUNK);
    epitome_in(dir.path())
        .args(["summarize", "junk.bin"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("junk.bin"))
        .stderr(predicate::str::contains("binary"));
}

#[test]
fn binary_file_next_to_a_text_file_is_skipped_with_a_warning() {
    let dir = tempdir();
    write(dir.path(), "junk.bin", JUNK);
    write(dir.path(), "good.txt", GOOD_TEXT);
    let out = epitome_in(dir.path())
        .args(["summarize", "junk.bin", "good.txt", "--format", "json"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_match(r"(?m)^warning: .*junk\.bin.*binary").unwrap())
        .get_output()
        .clone();
    let json = stdout_json(&out);
    let sentences = json["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty(), "the text file is summarized: {json}");
    for s in sentences {
        for src in s["sources"].as_array().unwrap() {
            assert_eq!(
                src["doc"], "good.txt",
                "only the text file is a source: {json}"
            );
        }
    }
}

#[test]
fn binary_file_inside_a_folder_is_skipped_with_a_warning() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("docs")).unwrap();
    write(dir.path(), "docs/a.txt", GOOD_TEXT);
    write(dir.path(), "docs/b.bin", JUNK);
    epitome_in(dir.path())
        .args(["summarize", "docs"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Volunteers filled sandbags"))
        .stderr(predicate::str::is_match(r"(?m)^warning: .*b\.bin.*binary").unwrap());
}

// ---------------------------------------------------------------------------------------
// summarize: invalid UTF-8

/// Runs `summarize NAME --format json` on `bytes` and returns stderr and the JSON.
fn summarize_bytes_as_json(name: &str, bytes: &[u8]) -> (String, Value) {
    let dir = tempdir();
    write(dir.path(), name, bytes);
    let out = epitome_in(dir.path())
        .args(["summarize", name, "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_json(&out),
    )
}

/// Each sentence's one source, checked to lie inside `bytes`, as the slice it names.
fn single_source_slices<'a>(json: &Value, name: &str, bytes: &'a [u8]) -> Vec<(String, &'a [u8])> {
    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(
        sentences.len(),
        3,
        "all three sentences fit the default budget: {json}"
    );
    sentences
        .iter()
        .map(|s| {
            let sources = s["sources"].as_array().unwrap();
            assert_eq!(sources.len(), 1, "{s}");
            let src = &sources[0];
            assert_eq!(src["doc"], name);
            let (start, end) = (
                src["start"].as_u64().unwrap() as usize,
                src["end"].as_u64().unwrap() as usize,
            );
            assert!(
                start < end && end <= bytes.len(),
                "span {start}..{end} in {} bytes",
                bytes.len()
            );
            (s["text"].as_str().unwrap().to_owned(), &bytes[start..end])
        })
        .collect()
}

/// Checks that `text` is what `slice` decodes to: invalid bytes either replaced by U+FFFD
/// (lossy UTF-8) or read as Latin-1 (a repaired or legacy-encoding decoding), and the
/// valid UTF-8 parts of the slice exactly as they are, up to whitespace runs.
fn assert_decodes_to(slice: &[u8], text: &str) {
    let mut lossy = String::new();
    let mut latin1 = String::new();
    for chunk in slice.utf8_chunks() {
        lossy.push_str(chunk.valid());
        latin1.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            lossy.push('\u{FFFD}');
            latin1.extend(chunk.invalid().iter().map(|&b| char::from(b)));
        }
    }
    let (lossy, latin1) = (collapse_whitespace(&lossy), collapse_whitespace(&latin1));
    assert!(
        text == lossy || text == latin1,
        "{text:?} is neither {lossy:?} nor {latin1:?}"
    );
}

/// The stderr of a file that is not valid UTF-8 warns about it, naming it.
fn assert_warns_about(stderr: &str, name: &str) {
    let pattern = format!(r"(?m)^warning: .*{}", regex_escape(name));
    assert!(
        regex_match(&pattern, stderr),
        "a warning names {name}: {stderr:?}"
    );
}

fn regex_match(pattern: &str, haystack: &str) -> bool {
    predicate::str::is_match(pattern).unwrap().eval(haystack)
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let escape = !c.is_alphanumeric() && c != '_' && c != '-';
            escape.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

#[test]
fn stray_invalid_bytes_in_utf8_text_are_warned_about_and_spans_slice_the_original() {
    // UTF-8 text (with real multi-byte characters) carrying two stray Latin-1 bytes:
    // `caf\xe9` and `M\xfcller`.
    let bytes: Vec<u8> = "The caf\u{1} on Main Street in Zürich flooded on Tuesday — early.  \
Its owner, Renée Marsh, said the damage\twas severe.\r\nVolunteers from the naïve M\u{2}ller \
youth club carried chairs to the church hall.\n"
        .bytes()
        .map(|b| match b {
            1 => 0xe9,
            2 => 0xfc,
            b => b,
        })
        .collect();
    let (stderr, json) = summarize_bytes_as_json("mixed.txt", &bytes);
    assert_warns_about(&stderr, "mixed.txt");
    for (text, slice) in single_source_slices(&json, "mixed.txt", &bytes) {
        assert_decodes_to(slice, &text);
    }
}

#[test]
fn latin1_file_is_warned_about_and_spans_slice_the_original_bytes() {
    // Pure Latin-1: é is 0xE9, ï is 0xEF, ü is 0xFC: none of them valid UTF-8.
    let bytes: &[u8] = b"The caf\xe9 on Main Street flooded on Tuesday morning.  Its owner, \
Ren\xe9e Marsh, said the damage\twas severe.\r\nVolunteers from the na\xefve M\xfcller youth club \
carried chairs to the church hall.\n";
    let (stderr, json) = summarize_bytes_as_json("latin1.txt", bytes);
    assert_warns_about(&stderr, "latin1.txt");
    for (text, slice) in single_source_slices(&json, "latin1.txt", bytes) {
        assert_decodes_to(slice, &text);
    }
}

#[test]
fn byte_order_mark_is_not_part_of_the_summary() {
    let dir = tempdir();
    write(dir.path(), "bom.txt", format!("\u{feff}{GOOD_TEXT}"));
    let out = epitome_in(dir.path())
        .args(["summarize", "bom.txt", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let json = stdout_json(&out);
    let first = &json["sentences"][0];
    assert_eq!(
        first["text"],
        "The Calder River rose four feet overnight and flooded the lower streets."
    );
    // The span may or may not take in the mark, but it ends where the sentence does.
    assert_eq!(first["sources"][0]["end"], 3 + 72);
}

/// Every whitespace run to one space (what the whitespace normalizer does inside a
/// sentence); unlike `split_whitespace`, the ends are kept, so a span that takes in
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

// ---------------------------------------------------------------------------------------
// summarize: a very large document

/// Sentence templates for the large document; `{}` are filled with varying numbers so
/// no two sentences are exactly alike.
const TEMPLATES: &[&str] = &[
    "The Calder River rose {} inches overnight at the gauge near mile marker {}.",
    "Crews from station {} pumped water out of {} basements on Mill Road.",
    "The county opened shelter number {} after {} families asked for beds.",
    "Volunteers filled {} sandbags before the levee at section {} was checked again.",
    "Power came back to {} homes by noon, but {} customers were still waiting.",
    "Farmers near route {} said they had lost about {} acres of winter wheat.",
    "Engineers plan to inspect culvert {} within {} days, the state agency said.",
    "Bus line {} was rerouted around {} flooded intersections downtown.",
    "A bakery on Front Street handed out {} loaves of bread to {} neighbors.",
    "Rainfall totals reached {} millimeters at {} of the county's weather stations.",
    "The school board cancelled classes at {} schools for {} more days.",
    "Insurance adjusters had logged {} claims by Friday, up from {} on Wednesday.",
    "The mayor thanked {} firefighters who worked shift {} without a break.",
    "Drinking water tests at well {} came back clean for the {}th time.",
    "A temporary bridge rated for {} tonnes opened beside the old span at pier {}.",
    "Officials counted {} damaged cars in the parking garage on level {}.",
    "The food bank said it needed {} more volunteers for route {} this week.",
    "Health workers gave {} tetanus shots at clinic {} over the weekend.",
    "Wildlife rescuers moved {} stranded turtles to pond {} north of town.",
    "The governor signed emergency order {} releasing {} dollars in aid.",
    "Traffic on the interstate slowed to {} miles per hour near exit {}.",
    "Sirens sounded {} times between midnight and dawn in district {}.",
    "Library staff dried {} rare books in freezer room {} at the university.",
    "The railway suspended freight service on {} miles of track near junction {}.",
    "Neighbors cooked {} meals for the crews camped at field {}.",
    "Church volunteers sorted {} boxes of donated clothes in hall {}.",
    "Hydrologists expect the river to fall {} feet by day {} of the recovery.",
    "Emergency radio channel {} carried {} calls for help on Tuesday night.",
    "The animal shelter took in {} dogs and {} cats from flooded homes.",
    "Contractors estimated that repairs to pump house {} would take {} weeks.",
    "Students collected {} dollars for relief at a car wash on lot {}.",
    "Ferry {} carried {} passengers across the flooded valley on Thursday.",
    "The post office delivered {} parcels by boat to street {} on Monday.",
    "Geologists found {} new sinkholes along the bank near farm {}.",
    "Nurses at ward {} treated {} people for hypothermia overnight.",
    "Roofers patched {} storm-damaged houses on avenue {} by Saturday.",
];

/// A small deterministic generator (SplitMix64), so the document is the same every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Writes a document of at least `bytes` bytes: the templates filled with varying
/// numbers, in paragraphs of a few sentences, in a shuffled order.
fn write_large_document(path: &Path, bytes: usize) {
    let mut rng = SplitMix(0x5EED_F00D);
    let mut out = BufWriter::new(fs::File::create(path).unwrap());
    let mut written = 0;
    let mut in_paragraph = 0;
    while written < bytes {
        let template = TEMPLATES[rng.below(TEMPLATES.len() as u64) as usize];
        let mut parts = template.split("{}");
        let mut sentence = parts.next().unwrap().to_owned();
        for part in parts {
            sentence.push_str(&(1 + rng.below(99_999)).to_string());
            sentence.push_str(part);
        }
        in_paragraph += 1;
        let sep = if in_paragraph >= 3 + rng.below(5) as usize {
            in_paragraph = 0;
            "\n\n"
        } else {
            " "
        };
        out.write_all(sentence.as_bytes()).unwrap();
        out.write_all(sep.as_bytes()).unwrap();
        written += sentence.len() + sep.len();
    }
    out.flush().unwrap();
}

/// Summarizes a generated document of `bytes` bytes under `--words 50` and checks the
/// output: exit 0, within budget, every line a sentence of the document.
fn large_document_within_budget(bytes: usize, algorithm: Option<&str>) {
    let dir = tempdir();
    let path = dir.path().join("large.txt");
    write_large_document(&path, bytes);
    let mut cmd = epitome_in(dir.path());
    cmd.args(["summarize", "large.txt", "--words", "50"]);
    if let Some(a) = algorithm {
        cmd.args(["--algorithm", a]);
    }
    let out = cmd.assert().code(0).get_output().clone();
    let stdout = String::from_utf8(out.stdout).expect("the summary is UTF-8");
    let words = count_words(&stdout);
    assert!(words > 0, "the summary is not empty");
    assert!(words <= 50, "{words} words > 50:\n{stdout}");
    let doc = fs::read_to_string(&path).unwrap();
    for line in stdout.lines() {
        assert!(
            doc.contains(line),
            "not a sentence of the document: {line:?}"
        );
    }
}

#[test]
fn large_document_lead_stays_within_budget() {
    large_document_within_budget(1_000_000, Some("lead"));
}

#[test]
fn large_document_default_algorithm_stays_within_budget() {
    large_document_within_budget(1_000_000, None);
}

#[test]
fn fifty_megabyte_document_lead_stays_within_budget() {
    large_document_within_budget(50_000_000, Some("lead"));
}

#[test]
fn fifty_megabyte_document_default_algorithm_stays_within_budget() {
    large_document_within_budget(50_000_000, None);
}

// ---------------------------------------------------------------------------------------
// summarize: flags

#[test]
fn zero_word_budget_gives_empty_output_and_a_warning() {
    let dir = tempdir();
    write(dir.path(), "good.txt", GOOD_TEXT);
    epitome_in(dir.path())
        .args(["summarize", "good.txt", "--words", "0"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::is_match(r"(?m)^warning: .*no sentence fits").unwrap())
        .stderr(predicate::str::contains("--words 0"));
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let dir = tempdir();
    write(dir.path(), "good.txt", GOOD_TEXT);
    epitome_in(dir.path())
        .args(["summarize", "good.txt", "no-such-report.txt"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("no-such-report.txt"));
}

#[test]
fn two_budget_flags_are_a_usage_error() {
    let dir = tempdir();
    write(dir.path(), "good.txt", GOOD_TEXT);
    epitome_in(dir.path())
        .args(["summarize", "good.txt", "--words", "50", "--sentences", "2"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--words"))
        .stderr(predicate::str::contains("--sentences"))
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn unknown_algorithm_is_refused_by_name() {
    let dir = tempdir();
    write(dir.path(), "good.txt", GOOD_TEXT);
    epitome_in(dir.path())
        .args(["summarize", "good.txt", "--algorithm", "frobnicate"])
        .assert()
        .failure()
        .code(predicate::ne(0))
        .stdout("")
        .stderr(predicate::str::contains("frobnicate"))
        .stderr(predicate::str::contains("algorithm"));
}

#[test]
fn unknown_language_is_an_error_naming_it() {
    let dir = tempdir();
    write(dir.path(), "good.txt", GOOD_TEXT);
    epitome_in(dir.path())
        .args(["summarize", "good.txt", "--lang", "xq"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("`xq`"));
}

#[test]
fn ratio_above_one_is_an_error() {
    let dir = tempdir();
    write(dir.path(), "good.txt", GOOD_TEXT);
    epitome_in(dir.path())
        .args(["summarize", "good.txt", "--ratio", "1.5"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("ratio"))
        .stderr(predicate::str::contains("1.5"))
        .stderr(predicate::str::contains("between 0 and 1"));
}

// ---------------------------------------------------------------------------------------
// batch

const GOOD_LINE_1: &str = r#"{"id": "good-1", "documents": ["The levee on Mill Road broke before dawn on Tuesday. Water poured into the Eastbank district within minutes.", {"id": "wire", "text": "Water poured into the Eastbank district within minutes. About 1,200 residents were evacuated by boat.", "title": "Levee breaks", "date": "2024-04-09"}]}"#;
const GOOD_LINE_2: &str = r#"{"id": "good-2", "documents": ["Power was restored to most homes by Thursday evening. Crews worked through the night to replace two substations."], "query": "power"}"#;

fn output_lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn batch_reports_bad_lines_in_place_and_exits_2() {
    let dir = tempdir();
    // Line numbers: 1 good, 2 malformed, 3 blank (no output), 4 no documents,
    // 5 only empty documents, 6 good.
    let input = [
        GOOD_LINE_1,
        r#"{"id": "broken", "documents": ["Unterminated"#,
        "   ",
        r#"{"id": "no-docs", "documents": []}"#,
        r#"{"id": "empty-docs", "documents": ["", "", ""]}"#,
        GOOD_LINE_2,
    ]
    .join("\n");
    write(dir.path(), "in.jsonl", input + "\n");
    epitome_in(dir.path())
        .args(["batch", "--input", "in.jsonl", "--output", "out.jsonl"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("2 clusters summarized, 3 failed"));
    let lines = output_lines(&dir.path().join("out.jsonl"));
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        ["good-1", "", "no-docs", "empty-docs", "good-2"]
            .map(|id| if id.is_empty() {
                Value::Null
            } else {
                Value::from(id)
            })
            .iter()
            .collect::<Vec<_>>(),
        "one output line per non-blank input line, in order"
    );
    for (i, line_no) in [(1, 2), (2, 4), (3, 5)] {
        let error = lines[i]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("line {line_no} is an error record: {}", lines[i]));
        assert!(
            error.contains(&format!("line {line_no}")),
            "error names input line {line_no}: {error:?}"
        );
        assert_eq!(
            lines[i].as_object().unwrap().len(),
            2,
            "only id and error: {}",
            lines[i]
        );
    }
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));
    assert!(lines[2]["error"].as_str().unwrap().contains("no documents"));
    assert!(lines[3]["error"].as_str().unwrap().contains("text"));
    for i in [0, 4] {
        let l = &lines[i];
        assert!(l.get("error").is_none(), "{l}");
        assert!(!l["summary"].as_str().unwrap().is_empty(), "{l}");
        assert!(!l["sentences"].as_array().unwrap().is_empty(), "{l}");
        assert!(l["algorithm"].is_string() && l["budget"].is_object(), "{l}");
    }
    // The sentence shared by both documents of good-1 credits both.
    let shared = lines[0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "Water poured into the Eastbank district within minutes.")
        .unwrap_or_else(|| panic!("the shared sentence is selected: {}", lines[0]));
    assert_eq!(shared["support"], 2);
    let docs: Vec<&Value> = shared["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["doc"])
        .collect();
    assert_eq!(docs, [&Value::from("0"), &Value::from("wire")]);
}

#[test]
fn batch_with_a_missing_input_file_is_fatal() {
    let dir = tempdir();
    epitome_in(dir.path())
        .args(["batch", "--input", "absent.jsonl", "--output", "out.jsonl"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("absent.jsonl"));
}

#[test]
fn batch_into_an_unwritable_output_path_is_fatal() {
    let dir = tempdir();
    write(dir.path(), "in.jsonl", format!("{GOOD_LINE_1}\n"));
    epitome_in(dir.path())
        .args([
            "batch",
            "--input",
            "in.jsonl",
            "--output",
            "missing-dir/sub/out.jsonl",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("missing-dir/sub/out.jsonl"));
    assert!(!dir.path().join("missing-dir").exists());
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

#[test]
fn batch_reads_gzip_input() {
    let dir = tempdir();
    let input = format!("{GOOD_LINE_1}\n{GOOD_LINE_2}\n");
    write(dir.path(), "in.jsonl", &input);
    write(dir.path(), "in.jsonl.gz", gzip(input.as_bytes()));
    for (inp, out) in [
        ("in.jsonl", "plain.jsonl"),
        ("in.jsonl.gz", "from-gz.jsonl"),
    ] {
        epitome_in(dir.path())
            .args(["batch", "--input", inp, "--output", out])
            .assert()
            .code(0)
            .stdout("");
    }
    let plain = fs::read(dir.path().join("plain.jsonl")).unwrap();
    let from_gz = fs::read(dir.path().join("from-gz.jsonl")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&from_gz),
        String::from_utf8_lossy(&plain)
    );
    let ids: Vec<Value> = output_lines(&dir.path().join("from-gz.jsonl"))
        .into_iter()
        .map(|l| l["id"].clone())
        .collect();
    assert_eq!(ids, ["good-1", "good-2"]);
}

#[test]
fn batch_writes_gzip_output_when_the_name_ends_in_gz() {
    let dir = tempdir();
    let input = format!("{GOOD_LINE_1}\n{GOOD_LINE_2}\n");
    write(dir.path(), "in.jsonl", &input);
    for out in ["plain.jsonl", "out.jsonl.gz"] {
        epitome_in(dir.path())
            .args(["batch", "--input", "in.jsonl", "--output", out])
            .assert()
            .code(0);
    }
    let plain = fs::read(dir.path().join("plain.jsonl")).unwrap();
    let gz = fs::read(dir.path().join("out.jsonl.gz")).unwrap();
    assert!(gz.starts_with(&[0x1f, 0x8b]), "the output is gzip");
    assert_eq!(
        String::from_utf8_lossy(&gunzip(&gz)),
        String::from_utf8_lossy(&plain)
    );
}
