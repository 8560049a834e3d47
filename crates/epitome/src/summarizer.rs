//! The pipeline, end to end.

use std::ops::Range;
use std::sync::Arc;

use epitome_core::{
    count_words, Document, Normalizer, SentenceSplitter, SourceSpan, Summary, SummarySentence,
    Warning,
};
use epitome_select::{
    order_picks, Algorithm, Explainer, Order, Pool, PoolOptions, Selector, SentenceIn, Vocabulary,
};
use epitome_text::{
    apply_normalizers, is_boilerplate, is_lowercased, normalizers, refine_by_alignment_in,
    segment_document_in, trim_datelines, truecase::CaseLexicon, Analyzer, BoundaryModel, CaseModel,
    Language, Phrases, SegmentMode, SentencexSplitter,
};

use crate::config::{Config, Truecase};
use crate::error::{Error, ErrorKind};
use crate::input::DocumentInput;

/// A configured pipeline. Cheap to share across threads; build it once and reuse it.
pub struct Summarizer {
    config: Config,
    analyzer: Analyzer,
    splitter: Box<dyn SentenceSplitter>,
    normalizers: Vec<Box<dyn Normalizer>>,
    selector: Box<dyn Selector>,
    segment_mode: SegmentMode,
    /// How words no cased document of a cluster writes are truecased (English only).
    case_fallback: Option<Arc<CaseLexicon>>,
}

impl std::fmt::Debug for Summarizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Summarizer")
            .field("config", &self.config)
            .finish()
    }
}

impl Summarizer {
    /// Builds the pipeline a configuration describes. Fails on an unknown language or a
    /// budget that can never be honoured.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let language = Language::from_code(&config.lang)?;
        // Fails early on a budget no input can honour (a ratio outside 0–1).
        config.budget.resolve(0)?;
        Ok(Summarizer {
            config: config.clone(),
            analyzer: Analyzer::new(language),
            splitter: Box::new(SentencexSplitter::new(language.code())),
            normalizers: normalizers(&config.normalize),
            selector: config.algorithm.selector(),
            segment_mode: SegmentMode::Auto,
            case_fallback: (language.code() == "en").then(CaseLexicon::english),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The algorithm that runs on a cluster of `docs` documents (`auto` resolved).
    pub fn algorithm_for(&self, docs: usize) -> Algorithm {
        self.config.algorithm.resolve_for(docs)
    }

    /// Summarizes bare texts (documents numbered from 0).
    pub fn summarize_texts<S: AsRef<str>>(&self, texts: &[S]) -> Result<Summary, Error> {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| DocumentInput::from_text(t.as_ref()).into_document(i))
            .collect();
        self.summarize(docs)
    }

    /// Summarizes a cluster of documents.
    ///
    /// Documents without any text are skipped with a warning; if none has text, the
    /// result is [`ErrorKind::NoText`], naming them. A budget too small for any sentence gives an empty
    /// summary with a [`Warning::BudgetTooSmall`].
    pub fn summarize(&self, docs: Vec<Document>) -> Result<Summary, Error> {
        self.summarize_with_query(docs, self.config.query.as_deref())
    }

    /// Like [`Summarizer::summarize`], with a query that overrides the configured one.
    pub fn summarize_with_query(
        &self,
        docs: Vec<Document>,
        query: Option<&str>,
    ) -> Result<Summary, Error> {
        let Segmented {
            docs,
            segments,
            mut warnings,
        } = self.segment_cluster(docs)?;
        let docs: Vec<Document> = docs
            .into_iter()
            .filter_map(|(d, has)| has.then_some(d))
            .collect();
        let segments: Vec<Vec<Range<usize>>> = segments.into_iter().flatten().collect();
        if docs.is_empty() {
            let skipped = warnings
                .iter()
                .filter_map(|w| match w {
                    Warning::EmptyDocument { doc } => Some(doc.clone()),
                    _ => None,
                })
                .collect();
            return Err(Error::new(ErrorKind::NoText { skipped }));
        }

        let mut vocab = Vocabulary::new();
        let mut sentences = Vec::new();
        let mut spans = Vec::new();
        let mut input_words = 0;
        let all_boilerplate = docs.iter().zip(&segments).all(|(doc, ranges)| {
            let text = doc.text().as_str();
            ranges.iter().all(|r| is_boilerplate(&text[r.clone()]))
        });
        for (d, (doc, ranges)) in docs.iter().zip(segments).enumerate() {
            let text = doc.text().as_str();
            input_words += count_words(text);
            // Boilerplate is left out of the candidates (and of support), unless the
            // cluster has nothing else; `index` counts the sentences kept, so the first
            // real sentence is the document's lead.
            let kept = ranges
                .into_iter()
                .filter(|r| all_boilerplate || !is_boilerplate(&text[r.clone()]));
            for (index, range) in kept.enumerate() {
                let display = shown(&text[range.clone()]);
                let mut terms = Vec::new();
                let mut content = Vec::new();
                let mut stop = Vec::new();
                for tok in self.analyzer.tokens(&display) {
                    let id = vocab.intern(&tok.stem);
                    terms.push(id);
                    stop.push(tok.stop);
                    if !tok.stop {
                        content.push(id);
                    }
                }
                spans.push(doc.text().original_span(range));
                sentences.push(SentenceIn {
                    doc: d,
                    index,
                    text: display,
                    terms,
                    content,
                    stop,
                });
            }
        }
        let query_terms: Option<Vec<u32>> = query.map(|q| {
            self.analyzer
                .tokens(q)
                .into_iter()
                .filter(|t| !t.stop)
                .map(|t| vocab.intern(&t.stem))
                .collect()
        });
        let pool = Pool::build(
            sentences,
            docs.len(),
            vocab.len(),
            query_terms.as_deref(),
            PoolOptions::default(),
        );

        let limit = self.config.budget.resolve(input_words)?;
        let mut picks = self.selector.select(&pool, limit);
        if picks.is_empty() {
            warnings.push(Warning::BudgetTooSmall {
                budget: describe_budget(&self.config.budget),
            });
        }
        let chronology = match self.config.order {
            Order::Date => crate::chronology::chronology(&docs, &mut warnings),
            _ => Vec::new(),
        };
        order_picks(&pool, &mut picks, self.config.order, &chronology);
        let explainer = self.config.explain.then(|| Explainer::new(&pool));
        let case_model = self.case_model(&pool, &picks);

        let sentences = picks
            .iter()
            .map(|p| {
                let c = &pool.candidates()[p.candidate];
                let text = pool.text(p.candidate);
                SummarySentence {
                    text: match &case_model {
                        Some(m) => m.truecase(text),
                        None => text.to_owned(),
                    },
                    sources: c
                        .members
                        .iter()
                        .map(|&m| {
                            let s = &pool.sentences()[m];
                            SourceSpan {
                                doc: docs[s.doc].id().to_owned(),
                                start: spans[m].start,
                                end: spans[m].end,
                            }
                        })
                        .collect(),
                    support: c.support,
                    score: p.score,
                    explain: explainer.as_ref().map(|e| e.explain(p.candidate)),
                }
            })
            .collect();
        Ok(Summary {
            sentences,
            algorithm: self.algorithm_for(docs.len()).name().to_owned(),
            budget: self.config.budget,
            warnings,
        })
    }
}

/// The pipeline's inner steps, shared by [`Summarizer::summarize`] and
/// [`Summarizer::sentences`].
impl Summarizer {
    /// The cluster's case model, when truecasing is on and a picked sentence needs it.
    fn case_model(&self, pool: &Pool, picks: &[epitome_select::Pick]) -> Option<CaseModel> {
        if self.config.truecase == Truecase::Off
            || !picks.iter().any(|p| is_lowercased(pool.text(p.candidate)))
        {
            return None;
        }
        Some(self.learn_case_model(pool.sentences().iter().map(|s| s.text.as_str())))
    }

    /// The case model a cluster's shown sentences teach (see [`CaseModel`]), falling
    /// back to the built-in lexicon of the language, when there is one, for words no
    /// cased sentence writes.
    pub(crate) fn learn_case_model<'a>(
        &self,
        sentences: impl IntoIterator<Item = &'a str>,
    ) -> CaseModel {
        let mut model = match &self.case_fallback {
            Some(lexicon) => CaseModel::new().with_fallback(lexicon.clone()),
            None => CaseModel::new(),
        };
        for s in sentences {
            model.learn_sentence(s);
        }
        model
    }

    /// Reads a cluster up to its sentence boundaries: every document normalized, and the
    /// sentence ranges (in each normalized text) of those with text. Segmentation and the
    /// alignment across documents run on the documents with text only.
    ///
    /// This is the one place sentences are cut: [`Summarizer::summarize`] and
    /// [`Summarizer::sentences`] both read a cluster through it, so they always agree.
    pub(crate) fn segment_cluster(&self, mut docs: Vec<Document>) -> Result<Segmented, Error> {
        let mut warnings = Vec::new();
        for d in &docs {
            if d.invalid_utf8_sequences() > 0 {
                warnings.push(Warning::LossyDecoding {
                    doc: d.id().to_owned(),
                    sequences: d.invalid_utf8_sequences(),
                });
            }
        }
        for d in &mut docs {
            apply_normalizers(d, &self.normalizers)?;
        }
        let has_text: Vec<bool> = docs
            .iter()
            .map(|d| d.text().as_str().chars().any(char::is_alphanumeric))
            .collect();
        for (d, _) in docs.iter().zip(&has_text).filter(|(_, &has)| !has) {
            warnings.push(Warning::EmptyDocument {
                doc: d.id().to_owned(),
            });
        }
        let texts: Vec<&str> = docs
            .iter()
            .zip(&has_text)
            .filter(|(_, &has)| has)
            .map(|(d, _)| d.text().as_str())
            .collect();
        // What cuts unpunctuated text: the configured model, else the built-in one.
        let model = match &self.config.boundary_model {
            Some(m) => Some(m.as_ref()),
            None => BoundaryModel::builtin(),
        };
        // Fixed phrases (names, mostly) are counted over the whole cluster.
        let phrases = Phrases::of(texts.clone());
        let mut found: Vec<Vec<Range<usize>>> = texts
            .iter()
            .map(|t| {
                segment_document_in(
                    t,
                    self.splitter.as_ref(),
                    self.segment_mode,
                    model,
                    &phrases,
                )
            })
            .collect();
        refine_by_alignment_in(&texts, &mut found, model, &phrases);
        for (t, segs) in texts.iter().zip(&mut found) {
            trim_datelines(t, segs);
        }
        let mut found = found.into_iter();
        let segments = has_text
            .iter()
            .map(|&has| if has { found.next() } else { None })
            .collect();
        Ok(Segmented {
            docs: docs.into_iter().zip(has_text).collect(),
            segments,
            warnings,
        })
    }
}

/// A cluster cut into sentences by [`Summarizer::segment_cluster`].
pub(crate) struct Segmented {
    /// Every document, normalized, in input order, with whether it has any text.
    pub docs: Vec<(Document, bool)>,
    /// Each document's sentence ranges in its normalized text; `None` for a document
    /// without text (which is neither segmented nor aligned).
    pub segments: Vec<Option<Vec<Range<usize>>>>,
    /// Lossy decoding and empty documents, in input order.
    pub warnings: Vec<Warning>,
}

/// A sentence as shown: hard-wrapped lines read as one line. `'\n'` and `' '` are both
/// one byte, so the shown text stays byte-aligned with its normalized range.
pub(crate) fn shown(sentence: &str) -> String {
    sentence.replace('\n', " ")
}

/// A budget as a user would write it on the command line.
pub(crate) fn describe_budget(b: &epitome_core::Budget) -> String {
    use epitome_core::Budget::*;
    match *b {
        Sentences(n) => format!("--sentences {n}"),
        Words(n) => format!("--words {n}"),
        Chars(n) => format!("--chars {n}"),
        Bytes(n) => format!("--bytes {n}"),
        Ratio(r) => format!("--ratio {r}"),
        Tokens(n) => format!("--tokens {n}"),
    }
}
