//! [`Rouge`]: a configured scorer, built with [`RougeBuilder`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::bootstrap::{aggregate, rouge155_order, Aggregate, BootstrapOptions};
use crate::error::{Error, ErrorKind};
use crate::metric::{Metric, Score};
use crate::rouge155::{self, Interner};
use crate::rouge_data::{load_shared, RougeData};
use crate::rouge_score;
use crate::tokenize::{Rouge155Words, Stemming, Truncation};

/// Which reference implementation to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compat {
    /// ROUGE-1.5.5 (Perl): its tokenizer, stemmer, stopwords, length limits, `-f A|B`,
    /// five-decimal rounding and bootstrap averages.
    #[default]
    Rouge155,
    /// Google's `rouge-score` 0.1.2 (Python): its tokenizer, NLTK's Porter, unrounded scores,
    /// the best reference by F.
    RougeScore,
}

/// How several references combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultiRef {
    /// ROUGE-1.5.5 `-f A`: hits and sizes summed over references. In rouge-score mode, the
    /// mean of the per-reference scores.
    Average,
    /// ROUGE-1.5.5 `-f B`: the reference with the best recall. In rouge-score mode, the one
    /// with the best F (`score_multi`).
    Best,
}

#[derive(Debug, Clone)]
struct Config {
    compat: Compat,
    metrics: Vec<Metric>,
    stemming: Stemming,
    remove_stopwords: bool,
    truncation: Truncation,
    multi_ref: Option<MultiRef>,
    alpha: f64,
    jackknife: bool,
    bootstrap: BootstrapOptions,
    /// ROUGE-1.5.5's exception and stopword lists, when given or found.
    data: Option<Arc<RougeData>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            compat: Compat::Rouge155,
            metrics: vec![Metric::N(1), Metric::N(2), Metric::L],
            stemming: Stemming::Off,
            remove_stopwords: false,
            truncation: Truncation::None,
            multi_ref: None,
            alpha: 0.5,
            jackknife: false,
            bootstrap: BootstrapOptions::default(),
            data: None,
        }
    }
}

/// Builds a [`Rouge`]. The defaults are ROUGE-1.5.5's: ROUGE-1, -2 and -L, no stemming, no
/// stopword removal, no length limit, `-f A`, α = 0.5, 1000 resamples, 95% intervals.
///
/// ROUGE-1.5.5's stemming and stopword removal use its data files, which are read at run
/// time, not bundled: see [`RougeData`] for where [`RougeBuilder::build`] looks for them.
///
/// ```
/// use epitome_eval::{Compat, Metric, Rouge, Stemming, Truncation};
/// // The DUC 2004 protocol: ROUGE-1.5.5 -n 4 -m -l 100.
/// let rouge = Rouge::builder()
///     .metrics(vec![Metric::N(1), Metric::N(2)])
///     .stemming(Stemming::Porter)
///     .truncation(Truncation::Words(100))
///     .build()
///     .unwrap();
/// let scores = rouge.score(&["the cats sat on the mat"], "a cat sat on a mat");
/// // Stemmed: the cat sat on the mat / a cat sat on a mat. 4 of 6 unigrams.
/// assert_eq!(scores[0].r, 0.66667);
/// ```
#[derive(Debug, Clone, Default)]
pub struct RougeBuilder {
    config: Config,
    data: DataSource,
}

/// Where the builder gets ROUGE-1.5.5's data from.
#[derive(Debug, Clone, Default)]
enum DataSource {
    /// `$EPITOME_ROUGE_DATA`, then `./target/rouge-data`, when needed.
    #[default]
    Discover,
    /// A directory to read.
    Dir(PathBuf),
    /// Data already read.
    Given(Arc<RougeData>),
}

impl RougeBuilder {
    /// The implementation to reproduce (default: ROUGE-1.5.5).
    pub fn compat(mut self, compat: Compat) -> Self {
        self.config.compat = compat;
        self
    }

    /// The measures, in report order.
    pub fn metrics(mut self, metrics: Vec<Metric>) -> Self {
        self.config.metrics = metrics;
        self
    }

    /// Stemming (ROUGE-1.5.5 `-m`; rouge-score `use_stemmer`).
    pub fn stemming(mut self, stemming: Stemming) -> Self {
        self.config.stemming = stemming;
        self
    }

    /// Remove ROUGE-1.5.5's stopwords (`-s`; ROUGE-1.5.5 mode only). Needs its stopword
    /// list ([`RougeData`]).
    pub fn remove_stopwords(mut self, yes: bool) -> Self {
        self.config.remove_stopwords = yes;
        self
    }

    /// Length limit (`-l` / `-b`). ROUGE-1.5.5 applies it to references too; in
    /// rouge-score mode (which has no limit) only the prediction is cut.
    pub fn truncation(mut self, truncation: Truncation) -> Self {
        self.config.truncation = truncation;
        self
    }

    /// How references combine (default: `Average` for ROUGE-1.5.5, `Best` for rouge-score).
    pub fn multi_ref(mut self, multi_ref: MultiRef) -> Self {
        self.config.multi_ref = Some(multi_ref);
        self
    }

    /// The F-measure's α in 0–1 (`-p`; 0.5 is F1, α → 0 favours recall).
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.config.alpha = alpha;
        self
    }

    /// Jackknife over references (ROUGE before 1.4; ROUGE-1.5.5 does not). ROUGE-1.5.5 mode
    /// only.
    pub fn jackknife(mut self, yes: bool) -> Self {
        self.config.jackknife = yes;
        self
    }

    /// Bootstrap resamples (`-r`, default 1000; 0 for none).
    pub fn resamples(mut self, n: usize) -> Self {
        self.config.bootstrap.resamples = n;
        self
    }

    /// Confidence level of the bootstrap interval in percent (`-c`, default 95).
    pub fn confidence(mut self, percent: f64) -> Self {
        self.config.bootstrap.confidence = percent;
        self
    }

    /// ROUGE-1.5.5's data (WordNet exception lists, stopword list), already read.
    pub fn rouge_data(mut self, data: impl Into<Arc<RougeData>>) -> Self {
        self.data = DataSource::Given(data.into());
        self
    }

    /// A ROUGE-1.5.5 data directory to read ROUGE-1.5.5's data from when building (see
    /// [`RougeData::load`]); it must exist, whatever the options.
    pub fn rouge_data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data = DataSource::Dir(dir.into());
        self
    }

    /// Checks the options, finds ROUGE-1.5.5's data when the options use it, and builds the
    /// scorer.
    ///
    /// The data is the one given ([`RougeBuilder::rouge_data`],
    /// [`RougeBuilder::rouge_data_dir`]); else, for ROUGE-1.5.5 mode with
    /// [`Stemming::Porter`] or stopword removal, the directory named by
    /// `$EPITOME_ROUGE_DATA`, else `./target/rouge-data` if it exists. Without data,
    /// [`Stemming::Porter`] stems with Porter alone ([`Rouge::rouge_data`] tells).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidOption`] for options out of range or not available in the mode;
    /// [`ErrorKind::RougeDataDir`] or [`ErrorKind::RougeDataFile`] for a data directory that
    /// was named but cannot be read; [`ErrorKind::NoRougeData`] for stopword removal in
    /// ROUGE-1.5.5 mode without data.
    pub fn build(self) -> Result<Rouge, Error> {
        let c = &self.config;
        let invalid = |m: &str| Err(Error::from(ErrorKind::InvalidOption(m.to_string())));
        if !(0.0..=1.0).contains(&c.alpha) {
            return invalid("alpha must be between 0 and 1");
        }
        if !(0.0..=100.0).contains(&c.bootstrap.confidence) {
            return invalid("the confidence level must be between 0 and 100");
        }
        if c.metrics.is_empty() {
            return invalid("no metric to compute");
        }
        if c.compat == Compat::RougeScore {
            if c.remove_stopwords {
                return invalid("stopword removal is a ROUGE-1.5.5 option; rouge-score has none");
            }
            if c.jackknife {
                return invalid("jackknifing is a ROUGE option; rouge-score has none");
            }
        }
        let uses_data =
            c.compat == Compat::Rouge155 && (c.stemming == Stemming::Porter || c.remove_stopwords);
        let data = match self.data {
            DataSource::Given(d) => Some(d),
            DataSource::Dir(dir) => Some(load_shared(&dir)?),
            DataSource::Discover if uses_data => match RougeData::discover_dir() {
                Some(dir) => Some(load_shared(&dir)?),
                None => None,
            },
            DataSource::Discover => None,
        };
        if c.compat == Compat::Rouge155 && c.remove_stopwords && data.is_none() {
            return Err(ErrorKind::NoRougeData("stopword removal (ROUGE-1.5.5 -s)".into()).into());
        }
        let mut config = self.config;
        config.data = data;
        if config.compat == Compat::RougeScore {
            config.bootstrap.round = false;
        }
        Ok(Rouge { config })
    }
}

/// A configured ROUGE scorer.
#[derive(Debug, Clone)]
pub struct Rouge {
    config: Config,
}

impl Rouge {
    /// A builder with ROUGE-1.5.5's defaults.
    pub fn builder() -> RougeBuilder {
        RougeBuilder::default()
    }

    /// The measures, in the order [`Rouge::score`] returns them.
    pub fn metrics(&self) -> &[Metric] {
        &self.config.metrics
    }

    /// The implementation this scorer reproduces.
    pub fn compat(&self) -> Compat {
        self.config.compat
    }

    /// ROUGE-1.5.5's data this scorer uses, if it was given or found. `None` in ROUGE-1.5.5
    /// mode with [`Stemming::Porter`] means stemming with Porter alone: scores may then
    /// differ from ROUGE-1.5.5's on irregular words (*children*, *went*).
    pub fn rouge_data(&self) -> Option<&RougeData> {
        self.config.data.as_deref()
    }

    /// How references combine.
    pub fn multi_ref(&self) -> MultiRef {
        self.config.multi_ref.unwrap_or(match self.config.compat {
            Compat::Rouge155 => MultiRef::Average,
            Compat::RougeScore => MultiRef::Best,
        })
    }

    /// Scores `summary` against `references`: one [`Score`] per metric, in order. Without
    /// references every score is 0.
    pub fn score<S: AsRef<str>>(&self, references: &[S], summary: &str) -> Vec<Score> {
        let c = &self.config;
        let multi = self.multi_ref();
        let mut interner = Interner::default();
        match c.compat {
            Compat::Rouge155 => {
                let words = Rouge155Words {
                    stemming: c.stemming,
                    remove_stopwords: c.remove_stopwords,
                    data: c.data.as_deref(),
                };
                let peer = rouge155::Prepared::new(summary, words, c.truncation, &mut interner);
                let models: Vec<rouge155::Prepared> = references
                    .iter()
                    .map(|r| {
                        rouge155::Prepared::new(r.as_ref(), words, c.truncation, &mut interner)
                    })
                    .collect();
                c.metrics
                    .iter()
                    .map(|&m| {
                        let stats: Vec<_> = models
                            .iter()
                            .map(|model| rouge155::ref_stats(m, model, &peer))
                            .collect();
                        if c.jackknife {
                            rouge155::jackknife(&stats, multi, c.alpha)
                        } else {
                            rouge155::combine(&stats, multi, c.alpha)
                        }
                    })
                    .collect()
            }
            Compat::RougeScore => {
                let stem = c.stemming != Stemming::Off;
                let summary = truncate_prediction(summary, c.truncation);
                let pred = rouge_score::Prepared::new(&summary, stem, &mut interner);
                let targets: Vec<rouge_score::Prepared> = references
                    .iter()
                    .map(|r| rouge_score::Prepared::new(r.as_ref(), stem, &mut interner))
                    .collect();
                c.metrics
                    .iter()
                    .map(|&m| {
                        let scores: Vec<Score> = targets
                            .iter()
                            .map(|t| rouge_score::score(m, t, &pred, c.alpha))
                            .collect();
                        combine_rouge_score(&scores, multi)
                    })
                    .collect()
            }
        }
    }

    /// Averages per-topic scores (one `Vec<Score>` per topic, as [`Rouge::score`] returns
    /// them) into one [`Aggregate`] per metric. `ids` name the topics and `peer` the system:
    /// ROUGE-1.5.5 resamples topics in the order of the strings `"{id}.{peer}"`, so they
    /// decide its bootstrap `Average` to the last digit.
    pub fn aggregate<S: AsRef<str>>(
        &self,
        ids: &[S],
        scores: &[Vec<Score>],
        peer: &str,
    ) -> Vec<Aggregate> {
        let order = rouge155_order(ids, peer);
        (0..self.config.metrics.len())
            .map(|k| {
                let column: Vec<Score> = order
                    .iter()
                    .filter_map(|&i| scores.get(i).and_then(|s| s.get(k)).copied())
                    .collect();
                aggregate(&column, &self.config.bootstrap)
            })
            .collect()
    }
}

/// rouge-score's `score_multi` (first best F), or the mean of the scores.
fn combine_rouge_score(scores: &[Score], multi: MultiRef) -> Score {
    if scores.is_empty() {
        return Score::ZERO;
    }
    match multi {
        MultiRef::Best => {
            let mut best = scores[0];
            for s in &scores[1..] {
                if s.f > best.f {
                    best = *s;
                }
            }
            best
        }
        MultiRef::Average => {
            let n = scores.len() as f64;
            let sum = scores.iter().fold(Score::ZERO, |a, s| Score {
                r: a.r + s.r,
                p: a.p + s.p,
                f: a.f + s.f,
            });
            sum.map(|x| x / n)
        }
    }
}

/// Cuts a prediction to a word or byte budget, keeping its line breaks (rouge-score mode).
fn truncate_prediction(text: &str, limit: Truncation) -> String {
    match limit {
        Truncation::None | Truncation::Words(0) | Truncation::Bytes(0) => text.to_string(),
        Truncation::Words(n) => {
            let mut out = String::new();
            let mut left = n;
            for (i, line) in text.split('\n').enumerate() {
                if left == 0 {
                    break;
                }
                if i > 0 {
                    out.push('\n');
                }
                let words: Vec<&str> = line.split_whitespace().take(left).collect();
                left -= words.len();
                out.push_str(&words.join(" "));
            }
            out
        }
        Truncation::Bytes(n) => {
            let mut end = n.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rouge_score_mode_takes_best_f() {
        let rouge = Rouge::builder()
            .compat(Compat::RougeScore)
            .metrics(vec![Metric::N(1)])
            .build()
            .unwrap();
        // Against "a b": P = 1, R = 1. Against "a b c d": R = 0.5.
        let s = rouge.score(&["a b c d", "a b"], "a b");
        assert_eq!(
            s[0],
            Score {
                r: 1.0,
                p: 1.0,
                f: 1.0
            }
        );
    }

    #[test]
    fn rouge155_average_over_references() {
        let rouge = Rouge::builder()
            .metrics(vec![Metric::N(1)])
            .build()
            .unwrap();
        // -f A: hits 2 + 2 = 4 over model sizes 4 + 2 = 6; peer size 2 counted twice.
        let s = rouge.score(&["a b c d", "a b"], "a b");
        assert_eq!(
            s[0],
            Score {
                r: 0.66667,
                p: 1.0,
                f: 0.8
            }
        );
    }

    #[test]
    fn rouge155_data_is_used_and_required() {
        use crate::stopwords::Stopwords;
        use crate::wordnet::Exceptions;
        let data = Arc::new(RougeData::new(
            Exceptions::from_lists(["children child\n"]),
            Stopwords::parse("the\n"),
        ));
        let builder = || {
            Rouge::builder()
                .metrics(vec![Metric::N(1)])
                .stemming(Stemming::Porter)
        };
        let rouge = builder().rouge_data(Arc::clone(&data)).build().unwrap();
        assert!(rouge.rouge_data().is_some());
        // the child / the children: both "the child" with the exception.
        assert_eq!(rouge.score(&["the child"], "the children")[0].r, 1.0);
        let rouge = builder()
            .rouge_data(Arc::clone(&data))
            .remove_stopwords(true)
            .build()
            .unwrap();
        // Stopwords removed: "child" alone on both sides.
        assert_eq!(rouge.score(&["the child"], "a children")[0].p, 0.5);
        // Porter alone: children -> children.
        let rouge = builder()
            .stemming(Stemming::PorterOnly)
            .rouge_data(data)
            .build()
            .unwrap();
        assert_eq!(rouge.score(&["the child"], "the children")[0].r, 0.5);
        // A named directory must exist.
        let e = Rouge::builder()
            .rouge_data_dir("/nonexistent/rouge-data")
            .build()
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::RougeDataDir(_)), "{e}");
    }

    #[test]
    fn options_are_checked() {
        assert!(Rouge::builder().alpha(1.5).build().is_err());
        assert!(Rouge::builder()
            .compat(Compat::RougeScore)
            .remove_stopwords(true)
            .build()
            .is_err());
    }

    #[test]
    fn prediction_truncation_keeps_lines() {
        assert_eq!(
            truncate_prediction("a b\nc d e", Truncation::Words(3)),
            "a b\nc"
        );
        assert_eq!(truncate_prediction("é", Truncation::Bytes(1)), "");
    }
}
