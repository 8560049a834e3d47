//! `epitome clean`: the text the summarizer would see, for looking at and for evaluation.
//! Also the ingest and normalizer flags `summarize` and `batch` share ([`TextFlags`]).

use std::fs::File;
use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use epitome::batch::maybe_gzip;
use epitome::{IngestOptions, Input, InputFormat, NormalizeOptions};

/// How inputs are read and which normalizers run (shared by summarize, batch and clean).
#[derive(Debug, Args)]
pub struct TextFlags {
    /// Input format: txt, md, html, json or jsonl (default: from each file's extension,
    /// else its content).
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Do not repair mojibake (`27â€“33` for `27–33`).
    #[arg(long)]
    pub no_mojibake: bool,
    /// Do not put text in Unicode NFC.
    #[arg(long)]
    pub no_nfc: bool,
    /// Do not join hard-wrapped lines.
    #[arg(long)]
    pub no_hard_wrap: bool,
    /// Do not detokenize Penn-Treebank-tokenized text (`russia 's`, `-lrb-`).
    #[arg(long)]
    pub no_detok: bool,
    /// Keep citation markers (`[6]`, `[citation needed]`) and image caption debris.
    #[arg(long)]
    pub keep_citations: bool,
    /// Keep Markdown code blocks.
    #[arg(long)]
    pub keep_code: bool,
}

fn parse_input_format(s: &str) -> Result<InputFormat, String> {
    s.parse()
}

impl TextFlags {
    /// The normalizer switches these flags describe.
    pub fn normalize(&self) -> NormalizeOptions {
        NormalizeOptions {
            mojibake: !self.no_mojibake,
            nfc: !self.no_nfc,
            hard_wrap: !self.no_hard_wrap,
            detok: !self.no_detok,
            citations: !self.keep_citations,
            keep_code: self.keep_code,
            ..NormalizeOptions::default()
        }
    }

    /// How files are read.
    pub fn ingest(&self) -> IngestOptions {
        IngestOptions {
            format: self.input_format,
            keep_code: self.keep_code,
        }
    }
}

/// What `clean` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CleanFormat {
    /// The normalized text (with a `==> id <==` header per document when there are several).
    Text,
    /// One JSON object per document: id, detected format and encoding, metadata, text,
    /// and the map from text offsets to original byte offsets.
    Json,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Files, folders, or `-` for stdin (stdin is read when nothing is given and it is not a terminal).
    pub paths: Vec<String>,
    /// Clean a JSONL (or .jsonl.gz) file of `{"id", "text", "format"?}` lines into
    /// `{"id", "text"}` lines instead; `-` for stdin.
    #[arg(long, conflicts_with = "paths")]
    pub input: Option<PathBuf>,
    /// Where the cleaned JSONL lines of --input go (default: stdout).
    #[arg(long, requires = "input")]
    pub output: Option<PathBuf>,
    /// Output format for documents read from paths.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CleanFormat,
    #[command(flatten)]
    pub text: TextFlags,
}

pub fn run(args: CleanArgs) -> Result<ExitCode> {
    if let Some(input) = &args.input {
        return clean_jsonl(input, args.output.as_ref(), &args.text);
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
    let mut docs = epitome::ingest_with(&inputs, &args.text.ingest(), &mut warnings)?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let options = args.text.normalize();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let several = docs.len() > 1;
    for (i, d) in docs.iter_mut().enumerate() {
        for note in &d.notes {
            eprintln!("warning: {}: {note}", d.doc.id());
        }
        epitome::normalize(&mut d.doc, &options)
            .with_context(|| format!("{}: normalizing", d.doc.id()))?;
        match args.format {
            CleanFormat::Json => writeln!(out, "{}", epitome::clean_json(d)),
            CleanFormat::Text => {
                if several {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "==> {} <==", d.doc.id())?;
                }
                writeln!(out, "{}", d.doc.text().as_str())
            }
        }
        .context("writing the cleaned text")?;
    }
    out.flush().context("writing the cleaned text")?;
    Ok(ExitCode::SUCCESS)
}

fn clean_jsonl(input: &PathBuf, output: Option<&PathBuf>, flags: &TextFlags) -> Result<ExitCode> {
    let reader: Box<dyn std::io::Read> = if input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(input).with_context(|| format!("{}: cannot open", input.display()))?)
    };
    let reader = maybe_gzip(reader).with_context(|| format!("{}: cannot read", input.display()))?;
    let out: Box<dyn Write> = match output {
        Some(p) if p.as_os_str() != "-" => {
            Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)
        }
        _ => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let options = flags.normalize();
    let (mut ok, mut failed) = (0usize, 0usize);
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: reading line {}", input.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record = match epitome::clean_jsonl_line(&line, i + 1, flags.input_format, &options) {
            Ok(r) => {
                ok += 1;
                r
            }
            Err(e) => {
                failed += 1;
                e
            }
        };
        writeln!(out, "{record}").context("writing the cleaned lines")?;
    }
    out.flush().context("writing the cleaned lines")?;
    eprintln!("{ok} lines cleaned, {failed} failed");
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
