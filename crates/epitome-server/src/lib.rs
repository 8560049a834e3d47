//! The epitome HTTP API and web page: what `epitome serve` runs.
//!
//! Most people who want summaries never open a terminal; they call a service or use a
//! page. This crate is a thin shell over the [`epitome`] facade: a JSON body builds the
//! same [`epitome::Config`] the CLI's flags build, and the response is the batch output
//! schema ([`epitome::render::SummaryRecord`]) for one cluster. It holds no summarization
//! logic.
//!
//! | route | what |
//! | --- | --- |
//! | `POST /v1/summarize` | [`schema::SummarizeRequest`] → [`schema::SummaryResponse`] (or text / Markdown) |
//! | `POST /v1/evaluate` | [`schema::EvaluateRequest`] → [`schema::EvaluateResponse`] (ROUGE via `epitome-eval`) |
//! | `GET /healthz` | `{"status": "ok", "version": …}` |
//! | `GET /openapi.json` | the OpenAPI document, generated from the types ([`openapi()`]) |
//! | `GET /` | the web page (HTML, CSS, JS compiled in; no CDN, works offline) |
//!
//! Robustness is part of the contract: every bad request gets a 4xx JSON error
//! `{"error": "…"}` that says what is wrong ([`Limits`] bounds body size, documents,
//! characters and budgets); summarization runs on blocking threads, at most
//! [`Limits::max_concurrent`] at once, so one big request never stalls the others; each
//! request has a time limit (503 when no worker frees up in time, 504 when the work
//! overruns); and [`serve`] stops gracefully, finishing the requests in flight.
//!
//! ```no_run
//! # async fn run() -> Result<(), epitome_server::Error> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.unwrap();
//! epitome_server::serve(listener, epitome_server::Limits::default(), epitome_server::shutdown_signal()).await
//! # }
//! ```
#![deny(missing_docs)]

mod error;
mod limits;
mod openapi;
mod routes;
pub mod schema;
mod web;

use std::future::Future;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::{ApiError, Error, ErrorKind};
pub use limits::Limits;
pub use openapi::openapi;

/// The application: every route, with `limits` applied.
pub fn router(limits: Limits) -> Router {
    let body_limit = limits.max_body_bytes;
    let state = Arc::new(routes::AppState::new(limits));
    Router::new()
        .route("/", get(web::index))
        .route("/app.js", get(web::app_js))
        .route("/style.css", get(web::style_css))
        .route("/healthz", get(routes::healthz))
        .route("/openapi.json", get(routes::openapi_json))
        .route("/v1/summarize", post(routes::summarize))
        .route("/v1/evaluate", post(routes::evaluate))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serves the API on `listener` until `shutdown` completes, then stops accepting
/// connections and waits for the requests in flight to finish (at most
/// [`Limits::shutdown_grace`]).
pub async fn serve<F>(
    listener: tokio::net::TcpListener,
    limits: Limits,
    shutdown: F,
) -> Result<(), Error>
where
    F: Future<Output = ()> + Send + 'static,
{
    let grace = limits.shutdown_grace();
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "listening");
    }
    let stopping = Arc::new(tokio::sync::Notify::new());
    let notify = stopping.clone();
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing the requests in flight");
        notify.notify_one();
    };
    let server = axum::serve(listener, router(limits)).with_graceful_shutdown(signal);
    let mut server = std::pin::pin!(std::future::IntoFuture::into_future(server));
    tokio::select! {
        done = &mut server => return done.map_err(Error::io),
        () = stopping.notified() => {}
    }
    match tokio::time::timeout(grace, server).await {
        Ok(done) => {
            tracing::info!("stopped");
            done.map_err(Error::io)
        }
        Err(_) => {
            tracing::warn!(
                grace_s = grace.as_secs(),
                "stopped with connections still open after the grace period"
            );
            Ok(())
        }
    }
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
