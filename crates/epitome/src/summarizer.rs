//! The pipeline, end to end.

use epitome_core::{
    count_words, Document, Normalizer, SentenceSplitter, SourceSpan, Summary, SummarySentence,
    Warning,
};
use epitome_select::{order_picks, Algorithm, Pool, PoolOptions, Selector, SentenceIn, Vocabulary};
use epitome_text::{
    apply_normalizers, is_lowercased, normalizers, refine_by_alignment, segment_document, Analyzer,
    CaseModel, Language, SegmentMode, SentencexSplitter,
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
        mut docs: Vec<Document>,
        query: Option<&str>,
    ) -> Result<Summary, Error> {
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
        docs.retain(|d| {
            let has_text = d.text().as_str().chars().any(char::is_alphanumeric);
            if !has_text {
                warnings.push(Warning::EmptyDocument {
                    doc: d.id().to_owned(),
                });
            }
            has_text
        });
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
        let texts: Vec<&str> = docs.iter().map(|d| d.text().as_str()).collect();
        let mut segments: Vec<_> = texts
            .iter()
            .map(|t| segment_document(t, self.splitter.as_ref(), self.segment_mode))
            .collect();
        refine_by_alignment(&texts, &mut segments);
        for (d, (doc, ranges)) in docs.iter().zip(segments).enumerate() {
            let text = doc.text().as_str();
            input_words += count_words(text);
            for (index, range) in ranges.into_iter().enumerate() {
                // Hard-wrapped lines read as one line; '\n' and ' ' are both one byte, so
                // the display text stays byte-aligned with the normalized range.
                let display = text[range.clone()].replace('\n', " ");
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
        order_picks(&pool, &mut picks, self.config.order);
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

impl Summarizer {
    /// The cluster's case model, when truecasing is on and a picked sentence needs it.
    fn case_model(&self, pool: &Pool, picks: &[epitome_select::Pick]) -> Option<CaseModel> {
        if self.config.truecase == Truecase::Off
            || !picks.iter().any(|p| is_lowercased(pool.text(p.candidate)))
        {
            return None;
        }
        let mut model = CaseModel::new();
        for s in pool.sentences() {
            model.learn_sentence(&s.text);
        }
        Some(model)
    }
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
