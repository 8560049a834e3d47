//! The JSON the API reads and writes, and the OpenAPI schemas that describe it.
//!
//! Request types are the ones the handlers deserialize, so the document cannot drift from
//! what is accepted. Responses are produced by the facade's own types
//! ([`epitome::render::SummaryRecord`]); the response types here mirror them for the
//! OpenAPI document, and a test checks that the mirror and the real output agree.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// `POST /v1/summarize`: one cluster of documents and how to summarize it.
///
/// Every field but `documents` is optional; the defaults are the CLI's (5 sentences,
/// `auto`, no query, language `auto`, position order, JSON output).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SummarizeRequest {
    /// The documents: bare strings, or objects with `text` and optional metadata.
    #[schema(value_type = Vec<DocumentIn>, min_items = 1)]
    pub documents: Vec<serde_json::Value>,
    /// How long the summary may be: one key of `sentences`, `words`, `chars`, `bytes`,
    /// `tokens` (each a positive integer) or `ratio` (a fraction of the input's words, in
    /// (0, 1]). Default: `{"sentences": 5}`.
    #[schema(value_type = Option<Budget>)]
    pub budget: Option<epitome::Budget>,
    /// The selection algorithm. Default: `auto`.
    #[schema(value_type = Option<AlgorithmName>)]
    pub algorithm: Option<epitome::Algorithm>,
    /// What the summary should be about.
    pub query: Option<String>,
    /// An ISO 639-1 language code, or `auto` (the default).
    pub lang: Option<String>,
    /// The order of the summary sentences. Default: `position`.
    #[schema(value_type = Option<OrderName>)]
    pub order: Option<epitome::Order>,
    /// Whether sentences from lowercased sources are shown truecased (`auto`, the
    /// default) or exactly as written (`off`); spans are the same either way.
    #[schema(value_type = Option<TruecaseName>)]
    pub truecase: Option<epitome::Truecase>,
    /// Add to each sentence the signals that chose it (`explain`: support, position,
    /// concept coverage, centrality, query match). Default: false.
    pub explain: Option<bool>,
    /// The response format: `json` (the default, [`SummaryResponse`]), `text` (one sentence a
    /// line, `text/plain`) or `markdown` (footnotes to every source, `text/markdown`).
    #[schema(value_type = Option<OutputFormat>)]
    pub format: Option<epitome::Format>,
    /// The cluster id echoed in the response. Default: `cluster`.
    pub id: Option<String>,
}

/// A document: a bare string, or an object with `text`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum DocumentIn {
    /// Only the text; the id is the document's position (`"0"`, `"1"`, …).
    Text(String),
    /// The text with an id and metadata.
    Object(DocumentObject),
}

/// A document with metadata.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentObject {
    /// The id that sources name (default: the position). Ids must be unique.
    pub id: Option<String>,
    /// The document's text. Source offsets are UTF-8 byte offsets into it.
    pub text: String,
    /// Title.
    pub title: Option<String>,
    /// Where it came from.
    pub url: Option<String>,
    /// Publication date, as given.
    pub date: Option<String>,
    /// How to read `text`. Default: `text`.
    pub format: Option<InputFormat>,
}

/// How a document's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text.
    #[default]
    #[serde(alias = "txt")]
    Text,
    /// Markdown: markup is stripped, link text kept.
    #[serde(alias = "md")]
    Markdown,
    /// HTML: the main article text is extracted; offsets point into the HTML.
    #[serde(alias = "htm")]
    Html,
}

/// A length budget: exactly one key.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// At most this many words.
    Words(usize),
    /// At most this many Unicode characters (newlines between sentences count).
    Chars(usize),
    /// At most this many UTF-8 bytes (DUC uses 665).
    Bytes(usize),
    /// At most this many whitespace-delimited tokens.
    Tokens(usize),
    /// At most this fraction, in (0, 1], of the input's words.
    Ratio(f64),
}

/// The algorithms `algorithm` accepts; listed from the library, so never stale.
pub struct AlgorithmName;

impl PartialSchema for AlgorithmName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(epitome::Algorithm::ALL.iter().map(|a| a.name())))
            .description(Some(
                "A selection algorithm; `auto` is the best measured default.",
            ))
            .into()
    }
}

impl ToSchema for AlgorithmName {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Algorithm")
    }
}

/// The sentence orders `order` accepts.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Order)]
pub enum OrderName {
    /// Document order, then sentence order.
    Position,
    /// Selection score, highest first.
    Score,
    /// Publication date (documents' `date`), earliest first; undated documents last.
    Date,
}

/// Truecasing of sentences from lowercased sources.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Truecase)]
pub enum TruecaseName {
    /// Capitalize sentence starts and write words as the cluster's cased documents do.
    Auto,
    /// Show sentences exactly as their source has them.
    Off,
}

/// The response formats `format` accepts.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// [`SummaryResponse`] as JSON.
    Json,
    /// One sentence per line.
    Text,
    /// Sentences with footnotes to every source span.
    Markdown,
}

/// The summary of one cluster: the batch output schema, plus `warnings` when there are any.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SummaryResponse {
    /// The cluster id (the request's `id`, or `cluster`).
    pub id: String,
    /// The summary text: the sentences joined by newlines.
    pub summary: String,
    /// The summary sentences with their sources.
    pub sentences: Vec<SummarySentence>,
    /// The algorithm that ran (`auto` resolved).
    pub algorithm: String,
    /// The budget it ran under.
    pub budget: Budget,
    /// Things worth knowing, such as a budget too small for any sentence. Absent when
    /// there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<String>>,
}

/// One summary sentence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SummarySentence {
    /// The sentence as shown.
    pub text: String,
    /// Every document that carries it, with the byte range where it does.
    pub sources: Vec<SourceSpan>,
    /// How many distinct documents carry it.
    pub support: usize,
    /// The algorithm's score for it.
    pub score: f64,
    /// Why it was chosen; only when the request asked (`"explain": true`).
    pub explain: Option<Explanation>,
}

/// The signals behind a chosen sentence, measured the same way for every algorithm.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Explanation {
    /// Distinct documents that carry it.
    pub support: usize,
    /// Documents in the cluster.
    pub documents: usize,
    /// Its earliest position in a document (0: a first sentence).
    pub position: usize,
    /// In how many documents it is the first sentence.
    pub leads: usize,
    /// TF-IDF cosine with the cluster centroid (0–1).
    pub centrality: f64,
    /// Well-supported word-bigram concepts it covers.
    pub concepts: usize,
    /// Their total weight (document support plus lead bonus).
    pub concept_weight: f64,
    /// TF-IDF cosine with the query (0–1), when there is one.
    pub query: Option<f64>,
    /// Whether it opens with a pronoun that refers back (`He said …`); `ilp` takes such a
    /// sentence at a cost unless the sentence before it in its document is chosen too.
    pub pronoun_opener: bool,
}

/// Where a summary sentence occurs in one document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceSpan {
    /// The document's id.
    pub doc: String,
    /// First byte, a UTF-8 byte offset into the document's text as sent.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// `POST /v1/evaluate`: ROUGE of one summary against its references.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The summary to score (sentences on separate lines for ROUGE-Lsum).
    pub summary: String,
    /// One or more reference summaries.
    #[schema(min_items = 1)]
    pub references: Vec<String>,
    /// Measures: `1`…`4`, `l`, `lsum`, `su4`, `s4`, also as `rouge-1`, `rougeLsum`….
    /// Default: `["1", "2", "l"]`.
    pub metrics: Option<Vec<String>>,
    /// The implementation to reproduce. Default: `rouge155`.
    pub compat: Option<CompatName>,
    /// Stemming. Default: `off`.
    pub stemming: Option<StemmingName>,
    /// Remove ROUGE-1.5.5's stopwords (`rouge155` only). Default: false.
    pub remove_stopwords: Option<bool>,
    /// Read only the first N words or bytes of each text, as ROUGE-1.5.5's `-l` / `-b`.
    pub truncation: Option<TruncationIn>,
    /// How several references combine. Default: `average` for `rouge155`, `best` for
    /// `rouge-score`.
    pub multi_ref: Option<MultiRefName>,
    /// The F-measure's weight of recall, in [0, 1]. Default: 0.5.
    pub alpha: Option<f64>,
}

/// Which ROUGE implementation to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = Compat)]
pub enum CompatName {
    /// ROUGE-1.5.5 (Perl).
    #[serde(rename = "rouge155")]
    Rouge155,
    /// Google's `rouge-score` (Python).
    #[serde(rename = "rouge-score", alias = "rouge_score")]
    RougeScore,
}

/// Stemming options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(as = Stemming)]
pub enum StemmingName {
    /// No stemming.
    Off,
    /// Porter (with ROUGE-1.5.5's WordNet exceptions; NLTK's in `rouge-score` mode).
    Porter,
    /// ROUGE-1.5.5's Porter without the exception list.
    PorterOnly,
}

/// A length limit for ROUGE: exactly one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
#[schema(as = Truncation)]
pub enum TruncationIn {
    /// The first N words.
    Words(usize),
    /// The first N bytes.
    Bytes(usize),
}

/// How several references combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = MultiRef)]
pub enum MultiRefName {
    /// Summed over references (`-f A`), or the mean in `rouge-score` mode.
    Average,
    /// The best reference.
    Best,
}

/// ROUGE scores by measure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluateResponse {
    /// The implementation reproduced.
    pub compat: CompatName,
    /// One entry per measure, keyed `rouge-1`, `rouge-l`, `rouge-su4`…, in the order asked.
    #[schema(value_type = BTreeMap<String, RougeScore>)]
    pub scores: OrderedScores,
}

/// Scores keyed by measure, serialized as a JSON object in the order measures were asked.
#[derive(Debug, Clone, Default)]
pub struct OrderedScores(pub Vec<(String, RougeScore)>);

impl Serialize for OrderedScores {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Recall, precision and F of one measure, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct RougeScore {
    /// Recall.
    pub r: f64,
    /// Precision.
    pub p: f64,
    /// F-measure.
    pub f: f64,
}

/// `GET /healthz`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: &'static str,
    /// The server's version.
    pub version: &'static str,
    /// Requests computing now.
    pub in_flight: usize,
    /// Requests waiting for a worker.
    pub queued: usize,
}

/// Every error: what is wrong, for people.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// What is wrong, and where (`document 3: no \`text\` field`).
    pub error: String,
}
