//! `epitome sentences`: the sentences the summarizer cuts, one per line, as JSON with
//! their spans, or as JSONL for evaluation against gold sentences.

use std::fs::File;
use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use epitome::batch::maybe_gzip;
use epitome::{Config, Input, Summarizer, Truecase};

/// What `sentences` prints for documents read from paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SentencesFormat {
    /// One sentence per line (with a `==> id <==` header per document when there are
    /// several).
    Text,
    /// One JSON line per document: `{"doc", "sentences": [{"text", "start", "end"}]}`,
    /// where `start`..`end` are byte offsets into the document's original input.
    Json,
}

#[derive(Debug, Args)]
pub struct SentencesArgs {
    /// Files, folders, or `-` for stdin (stdin is read when nothing is given and it is not
    /// a terminal). They are one cluster: unpunctuated text is cut where it stops sharing
    /// words with the other documents, as when summarizing.
    pub paths: Vec<String>,
    /// Cut each line of a JSONL (or .jsonl.gz) file of `{"id", "text", "format"?}` into
    /// `{"id", "sentences": [str]}` instead (each line is one document); `-` for stdin.
    #[arg(long, conflicts_with = "paths")]
    pub input: Option<PathBuf>,
    /// Where the JSONL lines of --input go (default: stdout).
    #[arg(long, requires = "input")]
    pub output: Option<PathBuf>,
    /// Output format for documents read from paths.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SentencesFormat,
    /// Language: auto or an ISO 639-1 code (en, de, fr, …).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Truecase sentences from lowercased sources, as summaries show them: auto or off
    /// (the default: sentences as their source writes them).
    #[arg(long, default_value = "off")]
    pub truecase: Truecase,
    #[command(flatten)]
    pub text: crate::clean::TextFlags,
    #[command(flatten)]
    pub model: crate::args::ModelFlags,
}

impl SentencesArgs {
    fn config(&self) -> Result<Config> {
        Ok(Config {
            lang: self.lang.clone(),
            truecase: self.truecase,
            normalize: self.text.normalize(),
            boundary_model: self.model.load()?,
            ..Config::default()
        })
    }
}

pub fn run(args: SentencesArgs) -> Result<ExitCode> {
    let summarizer = Summarizer::new(&args.config()?)?;
    if let Some(input) = &args.input {
        return sentences_jsonl(&summarizer, input, args.output.as_ref(), &args);
    }
    let inputs: Vec<Input> = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            anyhow::bail!("no input: give files, folders, `-` for stdin, or --input IN.jsonl");
        }
        vec![Input::Stdin]
    } else {
        args.paths.iter().map(|p| Input::from_arg(p)).collect()
    };
    let mut warnings = Vec::new();
    let read = epitome::ingest_with(&inputs, &args.text.ingest(), &mut warnings)?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    for d in &read {
        for note in &d.notes {
            eprintln!("warning: {}: {note}", d.doc.id());
        }
    }
    let cut = summarizer.sentences(read.into_iter().map(|d| d.doc).collect())?;
    for w in &cut.warnings {
        eprintln!("warning: {w}");
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let several = cut.documents.len() > 1;
    for (i, d) in cut.documents.iter().enumerate() {
        match args.format {
            SentencesFormat::Json => writeln!(out, "{}", d.to_json()),
            SentencesFormat::Text => {
                if several {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "==> {} <==", d.doc)?;
                }
                d.sentences
                    .iter()
                    .try_for_each(|s| writeln!(out, "{}", s.text))
            }
        }
        .context("writing the sentences")?;
    }
    out.flush().context("writing the sentences")?;
    Ok(ExitCode::SUCCESS)
}

/// `--input`: one output line per non-blank input line, in order; a bad line becomes an
/// `{"id"?, "error"}` line, is reported on stderr, and the run goes on (exit code 2 at
/// the end, as `batch` does).
fn sentences_jsonl(
    summarizer: &Summarizer,
    input: &PathBuf,
    output: Option<&PathBuf>,
    args: &SentencesArgs,
) -> Result<ExitCode> {
    let reader: Box<dyn std::io::Read> = if input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(input).with_context(|| format!("{}: cannot open", input.display()))?)
    };
    let mut reader =
        maybe_gzip(reader).with_context(|| format!("{}: cannot read", input.display()))?;
    let out: Box<dyn Write> = match output {
        Some(p) if p.as_os_str() != "-" => {
            Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)
        }
        _ => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{}: reading line {}", input.display(), line_no + 1))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = match summarizer.sentences_jsonl_line(&buf, line_no, args.text.input_format) {
            Ok(r) => {
                ok += 1;
                r
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {}: {e}", input.display());
                e.to_json()
            }
        };
        writeln!(out, "{record}").context("writing the sentences")?;
    }
    out.flush().context("writing the sentences")?;
    eprintln!("{ok} lines cut into sentences, {failed} failed");
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
