//! The handlers, and the machinery that keeps CPU work off the async runtime.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::Semaphore;

use epitome::render::{render, Format, SummaryRecord};
use epitome::{Budget, Config, Document, DocumentInput, Summarizer, Summary};
use epitome_eval::{Compat, Metric, MultiRef, Rouge, Stemming, Truncation};

use crate::error::ApiError;
use crate::limits::Limits;
use crate::schema::{
    CompatName, EvaluateRequest, EvaluateResponse, Health, InputFormat, MultiRefName,
    OrderedScores, RougeScore, StemmingName, SummarizeRequest, TruncationIn,
};

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) limits: Limits,
    /// One permit per request computing now.
    permits: Arc<Semaphore>,
    /// Requests waiting for a permit.
    queued: AtomicUsize,
}

impl AppState {
    pub(crate) fn new(limits: Limits) -> Self {
        AppState {
            permits: Arc::new(Semaphore::new(limits.max_concurrent.max(1))),
            queued: AtomicUsize::new(0),
            limits,
        }
    }

    /// Waits for a worker, unless [`Limits::max_queued`] requests already do.
    async fn wait_for_worker(
        &self,
        deadline: tokio::time::Instant,
    ) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        let waiting = self.queued.fetch_add(1, Ordering::SeqCst);
        if waiting >= self.limits.max_queued {
            self.queued.fetch_sub(1, Ordering::SeqCst);
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "server busy: too many requests waiting; retry later",
            ));
        }
        let permit = tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned()).await;
        self.queued.fetch_sub(1, Ordering::SeqCst);
        match permit {
            Ok(Ok(p)) => Ok(p),
            Ok(Err(_)) => Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "server is shutting down",
            )),
            Err(_) => Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "server busy: no worker became free within the {} s request time limit",
                    self.limits.request_timeout.as_secs_f64()
                ),
            )),
        }
    }

    /// How many requests are computing now.
    fn in_flight(&self) -> usize {
        self.limits.max_concurrent.max(1) - self.permits.available_permits()
    }

    /// Runs `work` on a blocking thread once a worker is free, within the request's time
    /// limit. The permit travels with the work, so a request that timed out keeps its
    /// worker busy until its computation really ends: overload cannot pile up threads.
    async fn run<T, F>(&self, started: Instant, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    {
        let deadline = tokio::time::Instant::from_std(started + self.limits.request_timeout);
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => self.wait_for_worker(deadline).await?,
        };
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        });
        match tokio::time::timeout_at(deadline, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(e)) => {
                tracing::error!(error = %e, "a worker panicked");
                Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error: the worker failed",
                ))
            }
            Err(_) => Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                format!(
                    "the request took longer than the {} s time limit",
                    self.limits.request_timeout.as_secs_f64()
                ),
            )),
        }
    }
}

/// A JSON body, whose rejections are JSON errors: 415 for another content type, 413 for
/// a body over the limit, 400 for bytes that are not JSON, 422 for JSON of the wrong shape
/// (the message names the field: `budget.words: invalid type …`).
pub(crate) struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let essence = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                essence == "application/json"
                    || (essence.starts_with("application/") && essence.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected a request with `Content-Type: application/json`",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "request body too large (see `--max-body-bytes`)",
                )
            } else {
                ApiError::new(rejection.status(), rejection.body_text())
            }
        })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let parsed: Result<T, (String, serde_json::Error)> =
            match serde_path_to_error::deserialize(&mut de) {
                Ok(v) => de.end().map(|()| v).map_err(|e| (String::new(), e)),
                Err(e) => Err((e.path().to_string(), e.into_inner())),
            };
        match parsed {
            Ok(v) => Ok(ApiJson(v)),
            Err((path, inner)) => {
                // serde_json calls some shape errors syntax errors (a budget object with two
                // keys); JSON that parses is never "malformed".
                let well_formed = serde_json::from_slice::<IgnoredAny>(&bytes).is_ok();
                let at = if path.is_empty() || path == "." {
                    String::new()
                } else {
                    format!("{path}: ")
                };
                Err(if well_formed {
                    ApiError::unprocessable(format!("invalid request: {at}{inner}"))
                } else {
                    ApiError::new(StatusCode::BAD_REQUEST, format!("malformed JSON: {inner}"))
                })
            }
        }
    }
}

/// Summarize one cluster of documents.
#[utoipa::path(
    post,
    path = "/v1/summarize",
    request_body = SummarizeRequest,
    responses(
        (status = 200, description = "The summary (JSON, or text / Markdown as `format` asks)", body = crate::schema::SummaryResponse),
        (status = 400, description = "Malformed JSON", body = crate::schema::ErrorBody),
        (status = 413, description = "Body over the size limit", body = crate::schema::ErrorBody),
        (status = 415, description = "Not `application/json`", body = crate::schema::ErrorBody),
        (status = 422, description = "A field is wrong or over a limit; the message says which", body = crate::schema::ErrorBody),
        (status = 503, description = "Too busy to start within the time limit", body = crate::schema::ErrorBody),
        (status = 504, description = "The work took longer than the time limit", body = crate::schema::ErrorBody),
    ),
    tag = "summarize"
)]
pub(crate) async fn summarize(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<SummarizeRequest>,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    let limits = &state.limits;
    let config = config_of(&req, limits)?;
    let docs = documents_of(req.documents, limits)?;
    let n_docs = docs.len();
    let format = req.format.unwrap_or(Format::Json);
    let id = req.id.unwrap_or_else(|| "cluster".to_owned());
    let algorithm = config.algorithm;
    let (body, sentences) = state
        .run(started, move || {
            let summarizer = Summarizer::new(&config)?;
            let ingest = config.ingest_options();
            let docs = docs
                .into_iter()
                .map(|d| d.into_document(&ingest))
                .collect::<Result<Vec<Document>, ApiError>>()?;
            let summary = summarizer.summarize(docs)?;
            Ok((respond_body(&summary, &id, format), summary.sentences.len()))
        })
        .await?;
    tracing::info!(
        documents = n_docs,
        algorithm = algorithm.name(),
        sentences,
        ms = started.elapsed().as_millis() as u64,
        "summarized"
    );
    let content_type = if format == Format::Json {
        "application/json"
    } else if format == Format::Markdown {
        "text/markdown; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    };
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

/// The JSON response: the facade's batch record, plus warnings when there are any.
#[derive(Serialize)]
struct SummaryBody<'a> {
    #[serde(flatten)]
    record: SummaryRecord<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

fn respond_body(summary: &Summary, id: &str, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string(&SummaryBody {
            record: SummaryRecord::new(id, summary),
            warnings: summary.warnings.iter().map(|w| w.to_string()).collect(),
        })
        .expect("summary records always serialize"),
        other => render(summary, id, other),
    }
}

/// The one [`Config`] a request describes, with the budget checked against the limits.
fn config_of(req: &SummarizeRequest, limits: &Limits) -> Result<Config, ApiError> {
    let budget = req.budget.unwrap_or_default();
    check_budget(&budget, limits)?;
    if let Some(q) = &req.query {
        if q.chars().count() > limits.max_document_chars {
            return Err(ApiError::unprocessable(format!(
                "`query` is longer than {} characters",
                limits.max_document_chars
            )));
        }
    }
    let defaults = Config::default();
    // Options the API does not take yet keep their defaults.
    #[allow(clippy::needless_update)]
    Ok(Config {
        budget,
        algorithm: req.algorithm.unwrap_or(defaults.algorithm),
        query: req.query.clone(),
        lang: req.lang.clone().unwrap_or_else(|| defaults.lang.clone()),
        order: req.order.unwrap_or(defaults.order),
        truecase: req.truecase.unwrap_or(defaults.truecase),
        explain: req.explain.unwrap_or(defaults.explain),
        ..defaults
    })
}

fn check_budget(budget: &Budget, limits: &Limits) -> Result<(), ApiError> {
    let (unit, n) = match *budget {
        Budget::Ratio(r) => {
            if r > 0.0 && r <= 1.0 {
                return Ok(());
            }
            return Err(ApiError::unprocessable(format!(
                "budget: `ratio` must be above 0 and at most 1, got {r}"
            )));
        }
        Budget::Sentences(n) => ("sentences", n),
        Budget::Words(n) => ("words", n),
        Budget::Chars(n) => ("chars", n),
        Budget::Bytes(n) => ("bytes", n),
        Budget::Tokens(n) => ("tokens", n),
    };
    if n == 0 {
        return Err(ApiError::unprocessable(format!(
            "budget: `{unit}` must be at least 1"
        )));
    }
    if n > limits.max_budget {
        return Err(ApiError::unprocessable(format!(
            "budget: `{unit}` must be at most {} (use `ratio: 1` for everything)",
            limits.max_budget
        )));
    }
    Ok(())
}

/// A document that passed validation, to be read on a worker thread.
struct PreparedDoc {
    index: usize,
    input: DocumentInput,
    format: InputFormat,
}

impl PreparedDoc {
    fn into_document(self, ingest: &epitome::IngestOptions) -> Result<Document, ApiError> {
        let PreparedDoc {
            index,
            mut input,
            format,
        } = self;
        input.format = Some(match format {
            InputFormat::Text => epitome::InputFormat::Txt,
            InputFormat::Markdown => epitome::InputFormat::Markdown,
            InputFormat::Html => epitome::InputFormat::Html,
        });
        let id = input.id.clone().unwrap_or_else(|| index.to_string());
        input.read(index, ingest).ok_or_else(|| {
            ApiError::unprocessable(format!("document {index} (`{id}`): no readable text"))
        })
    }
}

/// Reads and checks the `documents` array: shape, count, sizes, unique ids.
fn documents_of(values: Vec<Value>, limits: &Limits) -> Result<Vec<PreparedDoc>, ApiError> {
    if values.is_empty() {
        return Err(ApiError::unprocessable("`documents` is empty"));
    }
    if values.len() > limits.max_documents {
        return Err(ApiError::unprocessable(format!(
            "too many documents: {} (at most {} per request)",
            values.len(),
            limits.max_documents
        )));
    }
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(values.len());
    for (index, value) in values.into_iter().enumerate() {
        let doc = document_of(index, value)?;
        let chars = doc.input.text.chars().count();
        if chars > limits.max_document_chars {
            return Err(ApiError::unprocessable(format!(
                "document {index}: {chars} characters, more than the limit of {}",
                limits.max_document_chars
            )));
        }
        let id = doc.input.id.clone().unwrap_or_else(|| index.to_string());
        if !ids.insert(id.clone()) {
            return Err(ApiError::unprocessable(format!(
                "document {index}: duplicate id `{id}` (ids must be unique)"
            )));
        }
        out.push(doc);
    }
    Ok(out)
}

fn document_of(index: usize, value: Value) -> Result<PreparedDoc, ApiError> {
    let bad = |why: &str| ApiError::unprocessable(format!("document {index}: {why}"));
    let mut map = match value {
        Value::String(text) => {
            return Ok(PreparedDoc {
                index,
                input: DocumentInput::from_text(text),
                format: InputFormat::Text,
            })
        }
        Value::Object(map) => map,
        _ => return Err(bad("expected a string or an object with `text`")),
    };
    const FIELDS: [&str; 6] = ["id", "text", "title", "url", "date", "format"];
    if let Some(k) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(bad(&format!(
            "unknown field `{k}` (expected id, text, title, url, date, format)"
        )));
    }
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(bad("`text` is not a string")),
        None => return Err(bad("no `text` field")),
    };
    let mut field = |name: &str| -> Result<Option<String>, ApiError> {
        match map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(bad(&format!("`{name}` is not a string"))),
        }
    };
    let id = field("id")?;
    let title = field("title")?;
    let url = field("url")?;
    let date = field("date")?;
    let format = match field("format")? {
        None => InputFormat::Text,
        Some(f) => serde_json::from_value(Value::String(f.clone())).map_err(|_| {
            bad(&format!(
                "unknown format `{f}` (expected text, markdown or html)"
            ))
        })?,
    };
    if id.as_deref() == Some("") {
        return Err(bad("`id` is empty"));
    }
    Ok(PreparedDoc {
        index,
        input: DocumentInput {
            id,
            text,
            title,
            url,
            date,
            format: None,
        },
        format,
    })
}

/// Score a summary against references with ROUGE.
#[utoipa::path(
    post,
    path = "/v1/evaluate",
    request_body = EvaluateRequest,
    responses(
        (status = 200, description = "One score per measure", body = EvaluateResponse),
        (status = 400, description = "Malformed JSON", body = crate::schema::ErrorBody),
        (status = 413, description = "Body over the size limit", body = crate::schema::ErrorBody),
        (status = 415, description = "Not `application/json`", body = crate::schema::ErrorBody),
        (status = 422, description = "A field is wrong or over a limit", body = crate::schema::ErrorBody),
        (status = 503, description = "Too busy", body = crate::schema::ErrorBody),
        (status = 504, description = "Took longer than the time limit", body = crate::schema::ErrorBody),
    ),
    tag = "evaluate"
)]
pub(crate) async fn evaluate(
    State(state): State<Arc<AppState>>,
    ApiJson(req): ApiJson<EvaluateRequest>,
) -> Result<Json<EvaluateResponse>, ApiError> {
    let started = Instant::now();
    let limits = &state.limits;
    if req.references.is_empty() {
        return Err(ApiError::unprocessable("`references` is empty"));
    }
    if req.references.len() > limits.max_documents {
        return Err(ApiError::unprocessable(format!(
            "too many references: {} (at most {})",
            req.references.len(),
            limits.max_documents
        )));
    }
    for (i, text) in std::iter::once(&req.summary)
        .chain(&req.references)
        .enumerate()
    {
        if text.chars().count() > limits.max_document_chars {
            let what = if i == 0 {
                "`summary`".to_owned()
            } else {
                format!("reference {}", i - 1)
            };
            return Err(ApiError::unprocessable(format!(
                "{what} is longer than {} characters",
                limits.max_document_chars
            )));
        }
    }
    let compat = req.compat.unwrap_or(CompatName::Rouge155);
    let metrics = match &req.metrics {
        None => vec![Metric::N(1), Metric::N(2), Metric::L],
        Some(names) if names.is_empty() => {
            return Err(ApiError::unprocessable("`metrics` is empty"))
        }
        Some(names) => {
            let mut out: Vec<Metric> = Vec::new();
            for name in names {
                let m: Metric = name.parse()?;
                if let Metric::N(n) = m {
                    if n > 9 {
                        return Err(ApiError::unprocessable(format!(
                            "metric `{name}`: n-grams longer than 9 are not supported"
                        )));
                    }
                }
                if !out.contains(&m) {
                    out.push(m);
                }
            }
            out
        }
    };
    let mut builder = Rouge::builder()
        .compat(match compat {
            CompatName::Rouge155 => Compat::Rouge155,
            CompatName::RougeScore => Compat::RougeScore,
        })
        .metrics(metrics.clone())
        .stemming(match req.stemming.unwrap_or(StemmingName::Off) {
            StemmingName::Off => Stemming::Off,
            StemmingName::Porter => Stemming::Porter,
            StemmingName::PorterOnly => Stemming::PorterOnly,
        })
        .remove_stopwords(req.remove_stopwords.unwrap_or(false))
        .truncation(match req.truncation {
            None => Truncation::None,
            Some(TruncationIn::Words(n)) => Truncation::Words(n),
            Some(TruncationIn::Bytes(n)) => Truncation::Bytes(n),
        });
    if let Some(m) = req.multi_ref {
        builder = builder.multi_ref(match m {
            MultiRefName::Average => MultiRef::Average,
            MultiRefName::Best => MultiRef::Best,
        });
    }
    if let Some(a) = req.alpha {
        builder = builder.alpha(a);
    }
    let rouge = builder.build()?;
    let EvaluateRequest {
        summary,
        references,
        ..
    } = req;
    let scores = state
        .run(started, move || Ok(rouge.score(&references, &summary)))
        .await?;
    Ok(Json(EvaluateResponse {
        compat,
        scores: OrderedScores(
            metrics
                .iter()
                .zip(scores)
                .map(|(m, s)| {
                    (
                        m.name(),
                        RougeScore {
                            r: s.r,
                            p: s.p,
                            f: s.f,
                        },
                    )
                })
                .collect(),
        ),
    }))
}

/// Liveness: answers while the server accepts requests.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Health)), tag = "meta")]
pub(crate) async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        in_flight: state.in_flight(),
        queued: state.queued.load(Ordering::SeqCst),
    })
}

/// The OpenAPI document of this API.
pub(crate) async fn openapi_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::openapi_json(),
    )
        .into_response()
}

/// 404 as JSON.
pub(crate) async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such route (see GET /openapi.json)",
    )
}

/// 405 as JSON.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route (see GET /openapi.json)",
    )
}
