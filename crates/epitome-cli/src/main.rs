//! The `epitome` binary: flags in, library calls, output and exit codes out.

mod args;
mod clean;
mod eval;
mod sentences;
mod serve;
mod train;

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use epitome::batch::{maybe_gzip, run_batch, BatchOptions};
use epitome::{render, Input, Summarizer};

use args::{BatchArgs, Cli, Command, SummarizeArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Summarize(a) => summarize(a),
        Command::Batch(a) => batch(a),
        Command::Eval(a) => eval::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Clean(a) => clean::run(a),
        Command::Sentences(a) => sentences::run(a),
        Command::Train(a) => train::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn summarize(args: SummarizeArgs) -> Result<ExitCode> {
    let summarizer = Summarizer::new(&args.summary.config()?)?;
    let inputs: Vec<Input> = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            anyhow::bail!("no input: give files, folders, or `-` for stdin");
        }
        vec![Input::Stdin]
    } else {
        args.paths.iter().map(|p| Input::from_arg(p)).collect()
    };
    let mut warnings = Vec::new();
    let docs = epitome_text_ingest(&inputs, &args.summary.text.ingest(), &mut warnings)?;
    let summary = summarizer.summarize(docs)?;
    for w in warnings.iter().chain(&summary.warnings) {
        eprintln!("warning: {w}");
    }
    let out = render::render(&summary, "cluster", args.format);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .context("writing the summary")?;
    stdout.flush().context("writing the summary")?;
    Ok(ExitCode::SUCCESS)
}

fn epitome_text_ingest(
    inputs: &[Input],
    options: &epitome::IngestOptions,
    warnings: &mut Vec<epitome::Warning>,
) -> Result<Vec<epitome::Document>> {
    let docs = epitome::ingest_with(inputs, options, warnings)?;
    if docs.is_empty() {
        let why: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        anyhow::bail!(
            "no readable text documents in the input ({})",
            why.join("; ")
        );
    }
    for d in &docs {
        for note in &d.notes {
            eprintln!("warning: {}: {note}", d.doc.id());
        }
    }
    Ok(docs.into_iter().map(|d| d.doc).collect())
}

fn batch(args: BatchArgs) -> Result<ExitCode> {
    if args.summary.text.input_format.is_some() {
        anyhow::bail!("--input-format reads files; give batch documents a `format` field instead");
    }
    let summarizer = Summarizer::new(&args.summary.config()?)?;
    let input: Box<dyn std::io::Read> = if args.input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            File::open(&args.input)
                .with_context(|| format!("{}: cannot open", args.input.display()))?,
        )
    };
    let input =
        maybe_gzip(input).with_context(|| format!("{}: cannot read", args.input.display()))?;
    let output: Box<dyn Write> = if args.output.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        let file = File::create(&args.output)
            .with_context(|| format!("{}: cannot create", args.output.display()))?;
        if args.output.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            ))
        } else {
            Box::new(file)
        }
    };
    let output = BufWriter::new(output);
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} clusters  {per_sec}  {elapsed}",
            )
            .expect("the template is valid"),
        );
        Some(bar)
    } else {
        None
    };
    let stats = run_batch(
        &summarizer,
        input,
        output,
        BatchOptions {
            threads: args.threads,
        },
        || {
            if let Some(b) = &bar {
                b.inc(1);
            }
        },
        |w| match &bar {
            Some(b) => b.suspend(|| eprintln!("warning: {w}")),
            None => eprintln!("warning: {w}"),
        },
    )
    .with_context(|| {
        format!(
            "batch {} -> {}",
            args.input.display(),
            args.output.display()
        )
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    eprintln!("{} clusters summarized, {} failed", stats.ok, stats.failed);
    Ok(if stats.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
