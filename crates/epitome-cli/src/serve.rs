//! `epitome serve`: the HTTP API and web page of `epitome-server`.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use epitome_server::Limits;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. The default is loopback only; use 0.0.0.0:PORT to accept
    /// connections from other machines, and PORT 0 for any free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest request body in bytes [default: 16 MiB].
    #[arg(long, value_name = "BYTES")]
    pub max_body_bytes: Option<usize>,
    /// Most documents per request [default: 1000].
    #[arg(long, value_name = "N")]
    pub max_documents: Option<usize>,
    /// Most characters per document [default: 2000000].
    #[arg(long, value_name = "N")]
    pub max_document_chars: Option<usize>,
    /// Largest integer budget (sentences, words, …) [default: 1000000].
    #[arg(long, value_name = "N")]
    pub max_budget: Option<usize>,
    /// Time limit per request in seconds, waiting included [default: 30].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Requests computed at once [default: one per core].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Requests that may wait for a worker before new ones are refused with 503
    /// [default: 256].
    #[arg(long, value_name = "N")]
    pub max_queued: Option<usize>,
    /// Log as JSON lines instead of text (the filter comes from RUST_LOG, default `info`).
    #[arg(long)]
    pub log_json: bool,
}

impl ServeArgs {
    fn limits(&self) -> Result<Limits> {
        let d = Limits::default();
        let timeout = match self.timeout {
            None => d.request_timeout,
            Some(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Duration::from_secs_f64(s),
            Some(s) => anyhow::bail!("--timeout must be between 0 and 86400 seconds, got {s}"),
        };
        let positive = |name: &str, v: Option<usize>, default: usize| -> Result<usize> {
            match v {
                Some(0) => anyhow::bail!("--{name} must be at least 1"),
                Some(n) => Ok(n),
                None => Ok(default),
            }
        };
        Ok(Limits {
            max_body_bytes: positive("max-body-bytes", self.max_body_bytes, d.max_body_bytes)?,
            max_documents: positive("max-documents", self.max_documents, d.max_documents)?,
            max_document_chars: positive(
                "max-document-chars",
                self.max_document_chars,
                d.max_document_chars,
            )?,
            max_budget: positive("max-budget", self.max_budget, d.max_budget)?,
            request_timeout: timeout,
            max_concurrent: positive("concurrency", self.concurrency, d.max_concurrent)?,
            max_queued: self.max_queued.unwrap_or(d.max_queued),
        })
    }
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let limits = args.limits()?;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    if args.log_json {
        logs.json().init();
    } else {
        logs.init();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        eprintln!("epitome serve: listening on http://{addr}/");
        epitome_server::serve(listener, limits, epitome_server::shutdown_signal()).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
