//! Truecasing accuracy on the GUM documents of `../shared/suites` (skipped with a message
//! when absent): each gold sentence is lowercased, truecased on its own, and compared with
//! the original word by word.
//!
//! ```text
//! cargo run --release -p epitome-text --example truecase_eval -- [SUITE.jsonl] [--lexicon PATH] [--errors N]
//! ```
//!
//! `--errors N` lists the N words `model + lexicon` most often writes wrongly where it
//! differs from the baseline (to find lexicon entries that hurt).
//!
//! Words are maximal runs of letters and digits holding a letter; a word is right when it
//! is written exactly as in the original. Methods:
//! - `lowercase`: the lowercased text as is (for reference);
//! - `baseline`: capitalize each sentence's first word, nothing else;
//! - `model`: [`CaseModel`] with no cluster evidence (every document lowercased):
//!   sentence starts and `I`;
//! - `model + lexicon`: the same, falling back to the built-in case lexicon
//!   (`models/case-en.txt`, or `--lexicon PATH`).
//!
//! A second table measures cluster evidence, as when a cluster holds a cased copy of a
//! lowercased passage's neighbours: the model learns from the cased first half of each
//! document's sentences and truecases the lowercased second half.
//!
//! Columns: accuracy on every word; on the words the baseline gets wrong (names and other
//! words cased inside a sentence, where a model earns its keep: its recall); and of the
//! words a method writes differently from the baseline, the share written right (its
//! precision).

use std::path::PathBuf;
use std::sync::Arc;

use epitome_text::truecase::CaseLexicon;
use epitome_text::CaseModel;
use serde_json::Value;

/// Word ranges of `text`: maximal alphanumeric runs holding a letter.
fn word_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if c.is_alphanumeric() && i < text.len() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if text[s..i].chars().any(char::is_alphabetic) {
                out.push(s..i);
            }
        }
    }
    out
}

/// Capitalizes the first word (as [`CaseModel`] does for a sentence start).
fn baseline(lower: &str) -> String {
    let Some(r) = word_ranges(lower).into_iter().next() else {
        return lower.to_owned();
    };
    let mut cs = lower[r.clone()].chars();
    let first: String = cs.next().into_iter().flat_map(char::to_uppercase).collect();
    let cap = format!("{first}{}", cs.as_str());
    if cap.len() != r.len() {
        return lower.to_owned();
    }
    format!("{}{cap}{}", &lower[..r.start], &lower[r.end..])
}

#[derive(Default, Clone, Copy)]
struct Score {
    words: usize,
    right: usize,
    /// Words the baseline gets wrong, and of them those this method gets right.
    hard: usize,
    hard_right: usize,
    /// Words this method writes differently from the baseline, and of them those right.
    changed: usize,
    changed_right: usize,
}

impl Score {
    fn add(&mut self, gold: &str, base: &str, out: &str) {
        assert_eq!(out.len(), gold.len(), "truecasing keeps lengths");
        for r in word_ranges(gold) {
            let (g, b, o) = (&gold[r.clone()], &base[r.clone()], &out[r.clone()]);
            self.words += 1;
            self.right += usize::from(o == g);
            if b != g {
                self.hard += 1;
                self.hard_right += usize::from(o == g);
            }
            if o != b {
                self.changed += 1;
                self.changed_right += usize::from(o == g);
            }
        }
    }

    fn row(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "–".to_owned()
            } else {
                format!("{:.2}%", 100.0 * a as f64 / b as f64)
            }
        };
        format!(
            "| {name} | {} | {} | {} ({}/{}) | {} ({}/{}) |",
            self.words,
            pct(self.right, self.words),
            pct(self.hard_right, self.hard),
            self.hard_right,
            self.hard,
            pct(self.changed_right, self.changed),
            self.changed_right,
            self.changed
        )
    }
}

const HEADER: &str = "| method | words | accuracy | on words the baseline misses | right when it differs from the baseline |\n| --- | ---: | ---: | ---: | ---: |";

fn main() {
    let mut suite = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/suites/seg_ud_gum_testdev_docs.jsonl"
    ));
    let mut lexicon = CaseLexicon::english();
    let mut errors = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lexicon" => {
                let p = args.next().expect("--lexicon PATH");
                let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
                lexicon = Arc::new(CaseLexicon::parse(&text));
            }
            "--errors" => {
                errors = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--errors N")
            }
            _ => suite = PathBuf::from(a),
        }
    }
    if !suite.exists() {
        eprintln!(
            "skipping: {} not found (../shared/suites is absent)",
            suite.display()
        );
        return;
    }
    let text = std::fs::read_to_string(&suite).expect("the suite is UTF-8");
    let docs: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("valid JSON line");
            v["sentences"]
                .as_array()
                .expect("a sentences array")
                .iter()
                .map(|s| s.as_str().expect("sentence strings").to_owned())
                .collect()
        })
        .collect();

    let bare = CaseModel::new();
    let with_lexicon = CaseModel::new().with_fallback(lexicon.clone());
    let (mut lower_s, mut base_s, mut model_s, mut lex_s) = Default::default();
    let (mut half_base, mut half_model, mut half_lex) =
        (Score::default(), Score::default(), Score::default());
    let (mut sentences, mut skipped) = (0, 0);
    let mut wrong: std::collections::HashMap<(String, String), usize> = Default::default();
    for doc in &docs {
        let half = doc.len() / 2;
        let mut learned = CaseModel::new();
        let mut learned_lex = CaseModel::new().with_fallback(lexicon.clone());
        for s in &doc[..half] {
            learned.learn_sentence(s);
            learned_lex.learn_sentence(s);
        }
        for (i, gold) in doc.iter().enumerate() {
            let lower = gold.to_lowercase();
            if lower.len() != gold.len() {
                skipped += 1;
                continue;
            }
            sentences += 1;
            let base = baseline(&lower);
            Score::add(&mut lower_s, gold, &base, &lower);
            Score::add(&mut base_s, gold, &base, &base);
            Score::add(&mut model_s, gold, &base, &bare.truecase(&lower));
            let out = with_lexicon.truecase(&lower);
            Score::add(&mut lex_s, gold, &base, &out);
            for r in word_ranges(gold) {
                let (g, b, o) = (&gold[r.clone()], &base[r.clone()], &out[r.clone()]);
                if o != b && o != g {
                    *wrong.entry((o.to_owned(), g.to_owned())).or_default() += 1;
                }
            }
            if i >= half {
                half_base.add(gold, &base, &base);
                half_model.add(gold, &base, &learned.truecase(&lower));
                half_lex.add(gold, &base, &learned_lex.truecase(&lower));
            }
        }
    }
    println!(
        "{} documents, {sentences} sentences ({skipped} skipped: lowercasing changes their length); lexicon: {} words\n",
        docs.len(),
        lexicon.len()
    );
    println!("Lowercased documents, no cluster evidence:\n\n{HEADER}");
    println!("{}", lower_s.row("lowercase (identity)"));
    println!("{}", base_s.row("baseline: capitalize sentence starts"));
    println!("{}", model_s.row("model (starts, `I`)"));
    println!("{}", lex_s.row("model + lexicon"));
    println!("\nSecond half of each document, learning from its cased first half:\n\n{HEADER}");
    println!("{}", half_base.row("baseline: capitalize sentence starts"));
    println!("{}", half_model.row("model (cluster evidence)"));
    println!("{}", half_lex.row("model (cluster evidence) + lexicon"));
    if errors > 0 {
        let mut wrong: Vec<_> = wrong.into_iter().collect();
        wrong.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        println!("\nMost frequent wrong words of `model + lexicon` (written → original):");
        for ((o, g), n) in wrong.into_iter().take(errors) {
            println!("{n:5}  {o} → {g}");
        }
    }
}
