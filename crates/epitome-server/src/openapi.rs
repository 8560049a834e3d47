//! The OpenAPI document, generated from the request and response types.

use std::sync::OnceLock;

use utoipa::OpenApi;

use crate::schema;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "epitome",
        description = "Multi-document extractive summarization with exact attribution: every \
                       summary sentence names the byte ranges of every source that carries it."
    ),
    paths(
        crate::routes::summarize,
        crate::routes::evaluate,
        crate::routes::healthz
    ),
    components(schemas(
        schema::SummarizeRequest,
        schema::DocumentIn,
        schema::DocumentObject,
        schema::InputFormat,
        schema::Budget,
        schema::AlgorithmName,
        schema::OrderName,
        schema::TruecaseName,
        schema::OutputFormat,
        schema::SummaryResponse,
        schema::SummarySentence,
        schema::SourceSpan,
        schema::EvaluateRequest,
        schema::CompatName,
        schema::StemmingName,
        schema::TruncationIn,
        schema::MultiRefName,
        schema::EvaluateResponse,
        schema::RougeScore,
        schema::Health,
        schema::ErrorBody
    )),
    tags(
        (name = "summarize", description = "Summaries with sources"),
        (name = "evaluate", description = "ROUGE, as ROUGE-1.5.5 or rouge-score computes it"),
        (name = "meta", description = "Health")
    )
)]
struct ApiDoc;

/// The OpenAPI 3.1 document of the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// The document as JSON, built once.
pub(crate) fn openapi_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        openapi()
            .to_pretty_json()
            .expect("the OpenAPI document serializes")
    })
}
