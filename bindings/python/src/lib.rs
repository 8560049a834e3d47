//! Python bindings of epitome: `epitome.summarize`, `epitome.batch` and `epitome.rouge`.
//!
//! A thin shell over the `epitome` facade and `epitome-eval`: keyword arguments build the
//! same `epitome::Config` the CLI's flags build, clusters are read by the facade's own
//! `ClusterInput` (so the batch contract's shapes and messages hold here too), and all
//! work runs with the GIL released. No summarization logic lives here.
#![deny(missing_docs)]

use std::collections::VecDeque;
use std::str::FromStr;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::Value;

use epitome::render::SummaryRecord;
use epitome::{Algorithm, Budget, ClusterInput, Config, Order, Summarizer, Truecase};

/// How deeply nested a Python value may be when read as JSON.
const MAX_DEPTH: usize = 64;

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

// ---------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------

/// Where a summary sentence occurs in one document: the document's id and a byte range
/// (UTF-8 bytes of the text as given) that slices it.
#[pyclass(frozen, get_all, module = "epitome")]
#[derive(Clone)]
struct Source {
    /// The document's id (its position, `"0"`, `"1"`, …, when it had none).
    doc: String,
    /// First byte.
    start: usize,
    /// One past the last byte.
    end: usize,
}

#[pymethods]
impl Source {
    fn __repr__(&self) -> String {
        format!(
            "Source(doc={:?}, start={}, end={})",
            self.doc, self.start, self.end
        )
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.doc == other.doc && self.start == other.start && self.end == other.end
    }

    /// `{"doc", "start", "end"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", &self.doc)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        Ok(d)
    }
}

/// One summary sentence: its text, every source that carries it, how many documents do,
/// and the algorithm's score.
#[pyclass(frozen, get_all, module = "epitome")]
#[derive(Clone)]
struct Sentence {
    /// The sentence as shown.
    text: String,
    /// Every document that carries it, with the byte range where it does.
    sources: Vec<Source>,
    /// How many distinct documents carry it.
    support: usize,
    /// The selection algorithm's score.
    score: f64,
    /// Why it was chosen (only with `explain=True`).
    explain: Option<Explanation>,
}

/// The signals behind a chosen sentence (`explain=True`), measured the same way for every
/// algorithm.
#[pyclass(frozen, get_all, module = "epitome")]
#[derive(Clone)]
struct Explanation {
    /// Distinct documents that carry it.
    support: usize,
    /// Documents in the cluster.
    documents: usize,
    /// Its earliest position in a document (0: a first sentence).
    position: usize,
    /// In how many documents it is the first sentence.
    leads: usize,
    /// TF-IDF cosine with the cluster centroid (0–1).
    centrality: f64,
    /// Well-supported word-bigram concepts it covers.
    concepts: usize,
    /// Their total weight (document support plus lead bonus).
    concept_weight: f64,
    /// TF-IDF cosine with the query (0–1), or None without a query.
    query: Option<f64>,
    /// Whether it opens with a pronoun that refers back (`He said …`).
    pronoun_opener: bool,
}

#[pymethods]
impl Explanation {
    fn __repr__(&self) -> String {
        format!(
            "Explanation(support={}, documents={}, position={}, concepts={}, centrality={})",
            self.support, self.documents, self.position, self.concepts, self.centrality
        )
    }

    /// The fields as a dict, as in the batch output's `explain`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("support", self.support)?;
        d.set_item("documents", self.documents)?;
        d.set_item("position", self.position)?;
        d.set_item("leads", self.leads)?;
        d.set_item("centrality", self.centrality)?;
        d.set_item("concepts", self.concepts)?;
        d.set_item("concept_weight", self.concept_weight)?;
        if let Some(q) = self.query {
            d.set_item("query", q)?;
        }
        d.set_item("pronoun_opener", self.pronoun_opener)?;
        Ok(d)
    }
}

impl Sentence {
    fn of(s: &epitome::SummarySentence) -> Self {
        Sentence {
            text: s.text.clone(),
            sources: s
                .sources
                .iter()
                .map(|src| Source {
                    doc: src.doc.clone(),
                    start: src.start,
                    end: src.end,
                })
                .collect(),
            support: s.support,
            score: s.score,
            explain: s.explain.as_ref().map(|x| Explanation {
                support: x.support,
                documents: x.documents,
                position: x.position,
                leads: x.leads,
                centrality: x.centrality,
                concepts: x.concepts,
                concept_weight: x.concept_weight,
                query: x.query,
                pronoun_opener: x.pronoun_opener,
            }),
        }
    }
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!(
            "Sentence(text={:?}, support={}, sources={})",
            self.text,
            self.support,
            self.sources.len()
        )
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }

    /// `{"text", "sources", "support", "score"}` (and `"explain"` when asked for), as in
    /// the batch output.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.text)?;
        let sources = PyList::empty(py);
        for s in &self.sources {
            sources.append(s.to_dict(py)?)?;
        }
        d.set_item("sources", sources)?;
        d.set_item("support", self.support)?;
        d.set_item("score", self.score)?;
        if let Some(x) = &self.explain {
            d.set_item("explain", x.to_dict(py)?)?;
        }
        Ok(d)
    }
}

/// The summary of one cluster. `str(summary)` and `.summary` are its text (sentences
/// joined by newlines); `.sentences` carry the sources; `to_dict()` / `to_json()` give the
/// batch output schema, exactly as `epitome batch` writes it.
#[pyclass(frozen, module = "epitome")]
struct Summary {
    id: String,
    inner: epitome::Summary,
}

#[pymethods]
impl Summary {
    /// The cluster id (`"cluster"` for `summarize`, the input's `id` in `batch`).
    #[getter]
    fn id(&self) -> &str {
        &self.id
    }

    /// The summary text: the sentences joined by newlines.
    #[getter]
    fn summary(&self) -> String {
        self.inner.text()
    }

    /// The summary sentences, in output order.
    #[getter]
    fn sentences(&self) -> Vec<Sentence> {
        self.inner.sentences.iter().map(Sentence::of).collect()
    }

    /// The algorithm that ran (`auto` resolved).
    #[getter]
    fn algorithm(&self) -> &str {
        &self.inner.algorithm
    }

    /// The budget, as a one-key dict such as `{"words": 100}`.
    #[getter]
    fn budget<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        budget_dict(py, &self.inner.budget)
    }

    /// Things worth knowing (a document without text, a budget too small for any
    /// sentence), as messages.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings.iter().map(|w| w.to_string()).collect()
    }

    /// Always true (a failed `batch` item is a `BatchError`, whose `ok` is false).
    #[getter]
    fn ok(&self) -> bool {
        true
    }

    /// The batch output record: `{"id", "summary", "sentences", "algorithm", "budget"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("summary", self.inner.text())?;
        let sentences = PyList::empty(py);
        for s in &self.inner.sentences {
            sentences.append(Sentence::of(s).to_dict(py)?)?;
        }
        d.set_item("sentences", sentences)?;
        d.set_item("algorithm", &self.inner.algorithm)?;
        d.set_item("budget", budget_dict(py, &self.inner.budget)?)?;
        Ok(d)
    }

    /// The batch output record as one line of JSON, byte for byte what `epitome batch`
    /// writes for this cluster.
    fn to_json(&self) -> String {
        serde_json::to_string(&SummaryRecord::new(&self.id, &self.inner))
            .expect("summary records always serialize")
    }

    fn __str__(&self) -> String {
        self.inner.text()
    }

    fn __len__(&self) -> usize {
        self.inner.sentences.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Summary(id={:?}, algorithm={:?}, sentences={})",
            self.id,
            self.inner.algorithm,
            self.inner.sentences.len()
        )
    }
}

fn budget_dict<'py>(py: Python<'py>, b: &Budget) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    match *b {
        Budget::Sentences(n) => d.set_item("sentences", n)?,
        Budget::Words(n) => d.set_item("words", n)?,
        Budget::Chars(n) => d.set_item("chars", n)?,
        Budget::Bytes(n) => d.set_item("bytes", n)?,
        Budget::Tokens(n) => d.set_item("tokens", n)?,
        Budget::Ratio(r) => d.set_item("ratio", r)?,
    }
    Ok(d)
}

/// A `batch` item that could not be summarized: its id (when it had one) and why.
#[pyclass(frozen, get_all, module = "epitome")]
struct BatchError {
    /// The item's id, when it had a readable one.
    id: Option<String>,
    /// What went wrong, naming the item (`item 3: no documents`).
    error: String,
}

#[pymethods]
impl BatchError {
    /// Always false.
    #[getter]
    fn ok(&self) -> bool {
        false
    }

    /// `{"id", "error"}`, as `epitome batch` writes a failed line.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("error", &self.error)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!("BatchError(id={:?}, error={:?})", self.id, self.error)
    }
}

// ---------------------------------------------------------------------------------------
// Options: keyword arguments → epitome::Config, as the CLI's flags do it
// ---------------------------------------------------------------------------------------

/// The budget keyword arguments: at most one may be given; none means the library's default
/// (`Budget::default()`, 5 sentences), as for the CLI and HTTP.
struct BudgetArgs {
    words: Option<i64>,
    sentences: Option<i64>,
    chars: Option<i64>,
    bytes: Option<i64>,
    ratio: Option<f64>,
    tokens: Option<i64>,
}

impl BudgetArgs {
    fn budget(&self) -> PyResult<Budget> {
        let count = |name: &str, n: i64| -> PyResult<usize> {
            usize::try_from(n)
                .map_err(|_| value_error(format!("{name} must be at least 0, got {n}")))
        };
        let mut given = Vec::new();
        if let Some(n) = self.words {
            given.push(Budget::Words(count("words", n)?));
        }
        if let Some(n) = self.sentences {
            given.push(Budget::Sentences(count("sentences", n)?));
        }
        if let Some(n) = self.chars {
            given.push(Budget::Chars(count("chars", n)?));
        }
        if let Some(n) = self.bytes {
            given.push(Budget::Bytes(count("bytes", n)?));
        }
        if let Some(r) = self.ratio {
            given.push(Budget::Ratio(r));
        }
        if let Some(n) = self.tokens {
            given.push(Budget::Tokens(count("tokens", n)?));
        }
        match given.len() {
            0 => Ok(Budget::default()),
            1 => Ok(given[0]),
            _ => Err(value_error(
                "give one budget: words, sentences, chars, bytes, ratio or tokens",
            )),
        }
    }
}

/// The keyword arguments every summarizing function takes besides the budget.
struct Options<'a> {
    algorithm: &'a str,
    query: Option<String>,
    order: &'a str,
    lang: &'a str,
    truecase: &'a str,
    explain: bool,
}

fn config(budget: &BudgetArgs, o: Options<'_>) -> PyResult<Config> {
    // Options Python does not take yet keep their defaults.
    #[allow(clippy::needless_update)]
    Ok(Config {
        budget: budget.budget()?,
        algorithm: Algorithm::from_str(o.algorithm).map_err(value_error)?,
        query: o.query,
        lang: o.lang.to_owned(),
        order: Order::from_str(o.order).map_err(value_error)?,
        truecase: Truecase::from_str(o.truecase).map_err(value_error)?,
        explain: o.explain,
        ..Config::default()
    })
}

// ---------------------------------------------------------------------------------------
// Python values → JSON, so the facade's own readers check the input
// ---------------------------------------------------------------------------------------

fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(value_error("input nested too deeply"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.downcast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::String(obj.str()?.to_cow()?.into_owned()));
    }
    if let Ok(f) = obj.downcast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| value_error("NaN and infinity are not allowed"));
    }
    if let Ok(d) = obj.downcast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = k
                .downcast::<PyString>()
                .map_err(|_| {
                    value_error(format!(
                        "dict keys must be strings, got {}",
                        k.repr().map(|r| r.to_string()).unwrap_or_default()
                    ))
                })?
                .to_cow()?
                .into_owned();
            map.insert(key, to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.downcast::<PyList>().is_ok() || obj.downcast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(to_json(&item?, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    Err(value_error(format!(
        "expected str, dict, list, number, bool or None, got {}",
        obj.get_type().name()?
    )))
}

/// Reads a documents argument (any iterable of str or dict) as a cluster.
fn cluster_of(documents: &Bound<'_, PyAny>) -> PyResult<ClusterInput> {
    if documents.downcast::<PyString>().is_ok() {
        return Err(value_error(
            "documents must be a list of strings or dicts, not one string (wrap it: [text])",
        ));
    }
    let mut docs = Vec::new();
    for item in documents.try_iter()? {
        docs.push(to_json(&item?, 1)?);
    }
    let value = serde_json::json!({"id": "cluster", "documents": docs});
    ClusterInput::from_json(&value).map_err(|(_, why)| value_error(why))
}

fn run_cluster(summarizer: &Summarizer, cluster: ClusterInput) -> Result<epitome::Summary, String> {
    let ingest = summarizer.config().ingest_options();
    let docs = cluster
        .documents
        .into_iter()
        .enumerate()
        .map(|(i, d)| d.into_document_with(i, &ingest))
        .collect();
    let query = cluster
        .query
        .as_deref()
        .or(summarizer.config().query.as_deref());
    summarizer
        .summarize_with_query(docs, query)
        .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------
// summarize
// ---------------------------------------------------------------------------------------

/// Summarize one cluster of documents.
///
/// `documents` is a list of strings, or of dicts with `text` and optionally `id`, `title`,
/// `url`, `date` (as in `epitome batch` input). Give at most one budget: `words`,
/// `sentences`, `chars`, `bytes`, `tokens` (integers) or `ratio` (0–1 of the input's
/// words); with none, the budget is 5 sentences, as for the CLI and HTTP. `algorithm` is one of `ALGORITHMS`,
/// `order` is `"position"`, `"score"` or `"date"`, `lang` an ISO 639-1 code or `"auto"`, and
/// `truecase` `"auto"` (sentences from lowercased sources shown cased) or `"off"`. With
/// `explain=True`, each sentence's `.explain` holds the signals that chose it.
///
/// The work runs with the GIL released. Bad input raises `ValueError` with the message
/// the CLI would print.
#[pyfunction]
#[pyo3(signature = (
    documents,
    *,
    words = None,
    algorithm = "auto",
    query = None,
    sentences = None,
    chars = None,
    bytes = None,
    ratio = None,
    tokens = None,
    order = "position",
    lang = "auto",
    truecase = "auto",
    explain = false,
))]
#[allow(clippy::too_many_arguments)]
fn summarize(
    py: Python<'_>,
    documents: &Bound<'_, PyAny>,
    words: Option<i64>,
    algorithm: &str,
    query: Option<String>,
    sentences: Option<i64>,
    chars: Option<i64>,
    bytes: Option<i64>,
    ratio: Option<f64>,
    tokens: Option<i64>,
    order: &str,
    lang: &str,
    truecase: &str,
    explain: bool,
) -> PyResult<Summary> {
    let budget = BudgetArgs {
        words,
        sentences,
        chars,
        bytes,
        ratio,
        tokens,
    };
    let options = Options {
        algorithm,
        query,
        order,
        lang,
        truecase,
        explain,
    };
    let config = config(&budget, options)?;
    let cluster = cluster_of(documents)?;
    let inner = py.allow_threads(move || {
        let summarizer = Summarizer::new(&config).map_err(|e| e.to_string())?;
        run_cluster(&summarizer, cluster)
    });
    Ok(Summary {
        id: "cluster".to_owned(),
        inner: inner.map_err(value_error)?,
    })
}

// ---------------------------------------------------------------------------------------
// batch
// ---------------------------------------------------------------------------------------

enum Outcome {
    Done(String, epitome::Summary),
    Failed(Option<String>, String),
}

/// The iterator `batch` returns: results in input order, a chunk at a time.
#[pyclass(module = "epitome")]
struct BatchIterator {
    source: Py<PyIterator>,
    summarizer: Arc<Summarizer>,
    pool: Arc<rayon::ThreadPool>,
    chunk: usize,
    buffer: VecDeque<Outcome>,
    seen: usize,
    done: bool,
    pending: Option<PyErr>,
}

impl BatchIterator {
    /// Reads up to `chunk` items (with the GIL), then summarizes them in parallel
    /// (without it).
    fn fill(&mut self, py: Python<'_>) {
        let mut items: Vec<Result<(String, ClusterInput), Outcome>> =
            Vec::with_capacity(self.chunk);
        let mut source = self.source.bind(py).clone();
        while items.len() < self.chunk {
            let item = match source.next() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(e)) => {
                    self.done = true;
                    self.pending = Some(e);
                    break;
                }
                Some(Ok(item)) => item,
            };
            self.seen += 1;
            let n = self.seen;
            let parsed = match to_json(&item, 0) {
                Err(e) => Err(Outcome::Failed(None, format!("item {n}: {}", e.value(py)))),
                Ok(value) => match ClusterInput::from_json(&value) {
                    Ok(c) => Ok((c.id.clone(), c)),
                    Err((id, why)) => Err(Outcome::Failed(id, format!("item {n}: {why}"))),
                },
            };
            items.push(parsed);
        }
        let first = self.seen - items.len();
        let summarizer = Arc::clone(&self.summarizer);
        let pool = Arc::clone(&self.pool);
        let results: Vec<Outcome> = py.allow_threads(move || {
            pool.install(|| {
                items
                    .into_par_iter()
                    .enumerate()
                    .map(|(k, item)| match item {
                        Err(o) => o,
                        Ok((id, cluster)) => match run_cluster(&summarizer, cluster) {
                            Ok(s) => Outcome::Done(id, s),
                            Err(why) => {
                                Outcome::Failed(Some(id), format!("item {}: {why}", first + k + 1))
                            }
                        },
                    })
                    .collect()
            })
        });
        self.buffer.extend(results);
    }
}

#[pymethods]
impl BatchIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyResult<Option<PyObject>> {
        if slf.buffer.is_empty() && !slf.done {
            slf.fill(py);
        }
        match slf.buffer.pop_front() {
            Some(Outcome::Done(id, inner)) => {
                Ok(Some(Py::new(py, Summary { id, inner })?.into_any()))
            }
            Some(Outcome::Failed(id, error)) => {
                Ok(Some(Py::new(py, BatchError { id, error })?.into_any()))
            }
            None => match slf.pending.take() {
                Some(e) => Err(e),
                None => Ok(None),
            },
        }
    }
}

/// Summarize many clusters, streaming: returns an iterator that yields, in input order,
/// a `Summary` for each item or a `BatchError` (with `.ok == False`) for an item that
/// cannot be summarized. Nothing is lost and nothing stops the run.
///
/// Each item is a dict in the `epitome batch` input schema:
/// `{"id": str, "documents": [str | {"text", "id"?, "title"?, "url"?, "date"?}], "query"?: str}`.
/// Items are read `chunk_size` at a time and each chunk is summarized on `threads`
/// workers (0: one per core) with the GIL released, so memory stays bounded however long
/// the input is. The options are `summarize`'s.
#[pyfunction]
#[pyo3(signature = (
    items,
    *,
    threads = 0,
    chunk_size = 512,
    words = None,
    algorithm = "auto",
    query = None,
    sentences = None,
    chars = None,
    bytes = None,
    ratio = None,
    tokens = None,
    order = "position",
    lang = "auto",
    truecase = "auto",
    explain = false,
))]
#[allow(clippy::too_many_arguments)]
fn batch(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    threads: usize,
    chunk_size: usize,
    words: Option<i64>,
    algorithm: &str,
    query: Option<String>,
    sentences: Option<i64>,
    chars: Option<i64>,
    bytes: Option<i64>,
    ratio: Option<f64>,
    tokens: Option<i64>,
    order: &str,
    lang: &str,
    truecase: &str,
    explain: bool,
) -> PyResult<BatchIterator> {
    if chunk_size == 0 {
        return Err(value_error("chunk_size must be at least 1"));
    }
    let budget = BudgetArgs {
        words,
        sentences,
        chars,
        bytes,
        ratio,
        tokens,
    };
    let options = Options {
        algorithm,
        query,
        order,
        lang,
        truecase,
        explain,
    };
    let config = config(&budget, options)?;
    let summarizer = py
        .allow_threads(|| Summarizer::new(&config))
        .map_err(value_error)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| value_error(format!("cannot start threads: {e}")))?;
    Ok(BatchIterator {
        source: items.try_iter()?.unbind(),
        summarizer: Arc::new(summarizer),
        pool: Arc::new(pool),
        chunk: chunk_size,
        buffer: VecDeque::new(),
        seen: 0,
        done: false,
        pending: None,
    })
}

// ---------------------------------------------------------------------------------------
// rouge
// ---------------------------------------------------------------------------------------

/// Recall, precision and F-measure of one ROUGE measure, each in 0–1.
#[pyclass(frozen, get_all, module = "epitome")]
#[derive(Clone)]
struct RougeScore {
    /// Recall.
    r: f64,
    /// Precision.
    p: f64,
    /// F-measure.
    f: f64,
}

#[pymethods]
impl RougeScore {
    fn __repr__(&self) -> String {
        format!("RougeScore(r={}, p={}, f={})", self.r, self.p, self.f)
    }

    /// `{"r", "p", "f"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("r", self.r)?;
        d.set_item("p", self.p)?;
        d.set_item("f", self.f)?;
        Ok(d)
    }
}

/// ROUGE of `summary` against `references` (a string or a list of strings), as
/// ROUGE-1.5.5 (`compat="rouge155"`, the default) or Google's rouge-score
/// (`compat="rouge-score"`) computes it, number for number.
///
/// `metrics` lists measures such as `"1"`, `"2"`, `"l"`, `"lsum"`, `"su4"` (also
/// `"rouge1"`, `"rougeLsum"`); default ROUGE-1, -2 and -L. `stemming` is False, True
/// (Porter, with ROUGE-1.5.5's WordNet exceptions) or `"porter-only"`. Returns a dict from
/// measure name (`"rouge-1"`, …) to `RougeScore`, in the order asked.
#[pyfunction]
#[pyo3(signature = (
    summary,
    references,
    *,
    metrics = None,
    compat = "rouge155",
    stemming = None,
    remove_stopwords = false,
    truncate_words = None,
    truncate_bytes = None,
    multi_ref = None,
    alpha = 0.5,
))]
#[allow(clippy::too_many_arguments)]
fn rouge<'py>(
    py: Python<'py>,
    summary: String,
    references: &Bound<'py, PyAny>,
    metrics: Option<Vec<String>>,
    compat: &str,
    stemming: Option<&Bound<'py, PyAny>>,
    remove_stopwords: bool,
    truncate_words: Option<usize>,
    truncate_bytes: Option<usize>,
    multi_ref: Option<&str>,
    alpha: f64,
) -> PyResult<Bound<'py, PyDict>> {
    use epitome_eval::{Compat, Metric, MultiRef, Rouge, Stemming, Truncation};

    let references: Vec<String> = if let Ok(s) = references.downcast::<PyString>() {
        vec![s.to_cow()?.into_owned()]
    } else {
        references.extract()?
    };
    let metrics: Vec<Metric> = match metrics {
        None => vec![Metric::N(1), Metric::N(2), Metric::L],
        Some(names) => names
            .iter()
            .map(|n| n.parse::<Metric>().map_err(value_error))
            .collect::<PyResult<_>>()?,
    };
    let compat = match compat.to_ascii_lowercase().as_str() {
        "rouge155" | "rouge-1.5.5" => Compat::Rouge155,
        "rouge-score" | "rouge_score" => Compat::RougeScore,
        other => {
            return Err(value_error(format!(
                "unknown compat `{other}` (expected rouge155 or rouge-score)"
            )))
        }
    };
    let stemming = match stemming {
        None => Stemming::Off,
        Some(s) if s.downcast::<PyBool>().is_ok() => {
            if s.is_truthy()? {
                Stemming::Porter
            } else {
                Stemming::Off
            }
        }
        Some(s) => match s.extract::<String>()?.as_str() {
            "off" => Stemming::Off,
            "porter" => Stemming::Porter,
            "porter-only" | "porter_only" => Stemming::PorterOnly,
            other => {
                return Err(value_error(format!(
                "unknown stemming `{other}` (expected False, True, \"porter\" or \"porter-only\")"
            )))
            }
        },
    };
    let truncation = match (truncate_words, truncate_bytes) {
        (Some(_), Some(_)) => {
            return Err(value_error(
                "give truncate_words or truncate_bytes, not both",
            ))
        }
        (Some(n), None) => Truncation::Words(n),
        (None, Some(n)) => Truncation::Bytes(n),
        (None, None) => Truncation::None,
    };
    let mut builder = Rouge::builder()
        .compat(compat)
        .metrics(metrics.clone())
        .stemming(stemming)
        .remove_stopwords(remove_stopwords)
        .truncation(truncation)
        .alpha(alpha);
    if let Some(m) = multi_ref {
        builder = builder.multi_ref(match m {
            "average" => MultiRef::Average,
            "best" => MultiRef::Best,
            other => {
                return Err(value_error(format!(
                    "unknown multi_ref `{other}` (expected average or best)"
                )))
            }
        });
    }
    let scorer = builder.build().map_err(value_error)?;
    let scores = py.allow_threads(move || scorer.score(&references, &summary));
    let out = PyDict::new(py);
    for (m, s) in metrics.iter().zip(scores) {
        out.set_item(
            m.name(),
            RougeScore {
                r: s.r,
                p: s.p,
                f: s.f,
            },
        )?;
    }
    Ok(out)
}

/// The compiled part of the `epitome` package.
#[pymodule]
fn _epitome(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Summary>()?;
    m.add_class::<Sentence>()?;
    m.add_class::<Explanation>()?;
    m.add_class::<Source>()?;
    m.add_class::<BatchError>()?;
    m.add_class::<BatchIterator>()?;
    m.add_class::<RougeScore>()?;
    m.add_function(wrap_pyfunction!(summarize, m)?)?;
    m.add_function(wrap_pyfunction!(batch, m)?)?;
    m.add_function(wrap_pyfunction!(rouge, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "ALGORITHMS",
        Algorithm::ALL.iter().map(|a| a.name()).collect::<Vec<_>>(),
    )?;
    Ok(())
}
