//! Scoring a set of predictions against gold topics, and the report: JSON for programs,
//! a table for people.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::bootstrap::{Aggregate, Bootstrap};
use crate::dataset::{GoldTopic, Issue, IssueKind, Prediction, Side};
use crate::metric::{Metric, Score};
use crate::rouge::{Compat, Rouge};

/// Which average a report gives as *the* score of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Average {
    /// ROUGE-1.5.5's printed `Average`: the mean of the bootstrap resamples.
    Bootstrap,
    /// The plain mean of the per-topic scores.
    Mean,
}

/// The scores of one topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicScores {
    /// The topic id.
    pub id: String,
    /// One score per metric, in the report's metric order.
    pub scores: Vec<Score>,
}

/// The outcome of an evaluation.
#[derive(Debug, Clone)]
pub struct Report {
    /// The implementation reproduced.
    pub compat: Compat,
    /// The measures, in order.
    pub metrics: Vec<Metric>,
    /// The average of each measure over the scored topics.
    pub aggregates: Vec<Aggregate>,
    /// Per-topic scores, in gold order.
    pub topics: Vec<TopicScores>,
    /// Ids that could not be paired: gold topics not scored, then predictions for ids the
    /// gold file lacks.
    pub missing: Vec<String>,
    /// Every problem met, in the inputs and in pairing them.
    pub issues: Vec<Issue>,
}

/// Scores `predictions` against `gold` with `rouge`, pairing them by id. Topics without a
/// prediction, and predictions without a topic, are reported and left out of the averages
/// (as ROUGE-1.5.5 leaves out a missing peer). `peer` names the system for ROUGE-1.5.5's
/// resampling order (any name will do unless a ROUGE-1.5.5 run is to be matched digit for
/// digit: then the system id that run used).
pub fn evaluate(
    rouge: &Rouge,
    gold: &[GoldTopic],
    predictions: &[Prediction],
    peer: &str,
    issues: Vec<Issue>,
) -> Report {
    let mut issues = issues;
    let by_id: HashMap<&str, &Prediction> = predictions
        .iter()
        .rev()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let gold_ids: HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let failed: HashSet<String> = issues
        .iter()
        .filter(|i| i.side == Side::Pred && matches!(i.kind, IssueKind::PredictionFailed(_)))
        .filter_map(|i| i.id.clone())
        .collect();
    let mut missing: Vec<String> = issues
        .iter()
        .filter(|i| i.side == Side::Gold && i.kind == IssueKind::NoReferences)
        .filter_map(|i| i.id.clone())
        .collect();
    let mut topics = Vec::new();
    for g in gold {
        match by_id.get(g.id.as_str()) {
            Some(p) => topics.push(TopicScores {
                id: g.id.clone(),
                scores: rouge.score(&g.references, &p.summary),
            }),
            None => {
                if !failed.contains(&g.id) {
                    issues.push(Issue {
                        side: Side::Gold,
                        line: None,
                        id: Some(g.id.clone()),
                        kind: IssueKind::NotPredicted,
                    });
                }
                missing.push(g.id.clone());
            }
        }
    }
    for p in predictions {
        if !gold_ids.contains(p.id.as_str()) && !missing.contains(&p.id) {
            issues.push(Issue {
                side: Side::Pred,
                line: None,
                id: Some(p.id.clone()),
                kind: IssueKind::NotInGold,
            });
            missing.push(p.id.clone());
        }
    }
    let ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let scores: Vec<Vec<Score>> = topics.iter().map(|t| t.scores.clone()).collect();
    let aggregates = rouge.aggregate(&ids, &scores, peer);
    Report {
        compat: rouge.compat(),
        metrics: rouge.metrics().to_vec(),
        aggregates,
        topics,
        missing,
        issues,
    }
}

impl Report {
    /// The average of metric number `k` of the kind asked for (the plain mean when there
    /// is no bootstrap).
    pub fn average(&self, k: usize, kind: Average) -> Score {
        let a = &self.aggregates[k];
        match (kind, a.bootstrap) {
            (Average::Bootstrap, Some(b)) => b.mean,
            _ => a.mean,
        }
    }

    /// The problems, grouped by side and kind: `(side, label, count, first few ids or
    /// lines)`, in a stable order.
    pub fn issue_counts(&self) -> Vec<String> {
        let mut groups: Vec<((Side, &'static str), Vec<&Issue>)> = Vec::new();
        for i in &self.issues {
            let key = (i.side, i.kind.label());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(i),
                None => groups.push((key, vec![i])),
            }
        }
        groups
            .into_iter()
            .map(|((side, label), v)| {
                let examples: Vec<String> = v
                    .iter()
                    .take(5)
                    .map(|i| match (&i.line, &i.id) {
                        (Some(l), Some(id)) => format!("line {l} ({id})"),
                        (Some(l), None) => format!("line {l}"),
                        (None, Some(id)) => id.clone(),
                        (None, None) => String::new(),
                    })
                    .collect();
                let more = if v.len() > 5 { ", …" } else { "" };
                format!("{side}: {} {label}: {}{more}", v.len(), examples.join(", "))
            })
            .collect()
    }

    /// The report as JSON, exactly
    /// `{"metrics": {"rouge-1": {"r","p","f"}, …}, "per_topic": [{"id", "rouge-1": {…}, …}],
    /// "missing": [ids…]}`, with `per_topic` only when asked for; with
    /// [`JsonOptions::intervals`], also `"intervals": {"rouge-1": {"r": [low, high], "p": …,
    /// "f": …}, …}`, the bootstrap confidence intervals (metrics without topics are left out).
    pub fn to_json(&self, options: JsonOptions) -> String {
        serde_json::to_string_pretty(&JsonReport {
            report: self,
            options,
        })
        .expect("reports always serialize")
    }

    /// The report as a table for a terminal.
    pub fn to_table(&self, per_topic: bool, average: Average) -> String {
        let mut out = String::new();
        let what = match self.compat {
            Compat::Rouge155 => "ROUGE-1.5.5",
            Compat::RougeScore => "rouge-score 0.1.2",
        };
        let _ = writeln!(
            out,
            "{what} compatible; {} topic{} scored, {} missing",
            self.topics.len(),
            if self.topics.len() == 1 { "" } else { "s" },
            self.missing.len()
        );
        let avg_label = match average {
            Average::Bootstrap => "bootstrap average",
            Average::Mean => "mean",
        };
        let _ = writeln!(
            out,
            "{:<12} {:>8} {:>8} {:>8}   {:<19} {:>8} {:>8} {:>8}",
            "metric", "R", "P", "F", "95% CI of F", "mean R", "mean P", "mean F"
        );
        for (k, m) in self.metrics.iter().enumerate() {
            let s = self.average(k, average);
            let a = &self.aggregates[k];
            let ci = a.bootstrap.map_or_else(
                || "-".to_string(),
                |b| format!("{:.5} - {:.5}", b.low.f, b.high.f),
            );
            let _ = writeln!(
                out,
                "{:<12} {:>8.5} {:>8.5} {:>8.5}   {:<19} {:>8.5} {:>8.5} {:>8.5}",
                m.name(),
                s.r,
                s.p,
                s.f,
                ci,
                a.mean.r,
                a.mean.p,
                a.mean.f
            );
        }
        let _ = writeln!(out, "(R, P, F: the {avg_label}; values 0-1)");
        if per_topic && !self.topics.is_empty() {
            let _ = writeln!(out);
            let _ = write!(out, "{:<16}", "topic");
            for m in &self.metrics {
                let _ = write!(out, " {:>26}", format!("{} R/P/F", m.name()));
            }
            let _ = writeln!(out);
            for t in &self.topics {
                let _ = write!(out, "{:<16}", t.id);
                for s in &t.scores {
                    let _ = write!(out, "  {:.5}/{:.5}/{:.5}", s.r, s.p, s.f);
                }
                let _ = writeln!(out);
            }
        }
        if !self.missing.is_empty() {
            let _ = writeln!(out, "missing: {}", self.missing.join(", "));
        }
        out
    }
}

/// What [`Report::to_json`] includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonOptions {
    /// Add each topic's scores (`per_topic`).
    pub per_topic: bool,
    /// Which average the `metrics` hold.
    pub average: Average,
    /// Add the bootstrap confidence intervals (`intervals`).
    pub intervals: bool,
}

impl JsonOptions {
    /// The plain shape, `metrics` and `missing`, with the given average.
    pub fn new(average: Average) -> Self {
        JsonOptions {
            per_topic: false,
            average,
            intervals: false,
        }
    }
}

struct JsonReport<'a> {
    report: &'a Report,
    options: JsonOptions,
}

/// One metric's interval: `{"r": [low, high], "p": […], "f": […]}`.
struct Interval<'a>(&'a Bootstrap);

impl Serialize for Interval<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (low, high) = (&self.0.low, &self.0.high);
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("r", &[low.r, high.r])?;
        m.serialize_entry("p", &[low.p, high.p])?;
        m.serialize_entry("f", &[low.f, high.f])?;
        m.end()
    }
}

struct Intervals<'a>(&'a Report);

impl Serialize for Intervals<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = serializer.serialize_map(None)?;
        for (metric, a) in r.metrics.iter().zip(&r.aggregates) {
            if let Some(b) = &a.bootstrap {
                m.serialize_entry(&metric.name(), &Interval(b))?;
            }
        }
        m.end()
    }
}

struct MetricScores<'a>(&'a [Metric], Vec<Score>);

impl Serialize for MetricScores<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(self.0.len()))?;
        for (metric, score) in self.0.iter().zip(&self.1) {
            m.serialize_entry(&metric.name(), score)?;
        }
        m.end()
    }
}

struct TopicRow<'a>(&'a [Metric], &'a TopicScores);

impl Serialize for TopicRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(self.0.len() + 1))?;
        m.serialize_entry("id", &self.1.id)?;
        for (metric, score) in self.0.iter().zip(&self.1.scores) {
            m.serialize_entry(&metric.name(), score)?;
        }
        m.end()
    }
}

struct TopicRows<'a>(&'a Report);

impl Serialize for TopicRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_seq(Some(self.0.topics.len()))?;
        for t in &self.0.topics {
            s.serialize_element(&TopicRow(&self.0.metrics, t))?;
        }
        s.end()
    }
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.report;
        let mut m = serializer.serialize_map(None)?;
        let averages = (0..r.metrics.len())
            .map(|k| r.average(k, self.options.average))
            .collect();
        m.serialize_entry("metrics", &MetricScores(&r.metrics, averages))?;
        if self.options.intervals {
            m.serialize_entry("intervals", &Intervals(r))?;
        }
        if self.options.per_topic {
            m.serialize_entry("per_topic", &TopicRows(r))?;
        }
        m.serialize_entry("missing", &r.missing)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_and_pairing() {
        let rouge = Rouge::builder()
            .metrics(vec![Metric::N(1), Metric::Lsum])
            .build()
            .unwrap();
        let gold = vec![
            GoldTopic {
                id: "t1".into(),
                references: vec!["a b c".into()],
            },
            GoldTopic {
                id: "t2".into(),
                references: vec!["d e".into()],
            },
        ];
        let preds = vec![
            Prediction {
                id: "t1".into(),
                summary: "a b".into(),
            },
            Prediction {
                id: "zz".into(),
                summary: "q".into(),
            },
        ];
        let report = evaluate(&rouge, &gold, &preds, "X", Vec::new());
        assert_eq!(report.missing, vec!["t2", "zz"]);
        let v: serde_json::Value = serde_json::from_str(&report.to_json(JsonOptions {
            per_topic: true,
            ..JsonOptions::new(Average::Bootstrap)
        }))
        .unwrap();
        assert_eq!(v["metrics"]["rouge-1"]["r"], 0.66667);
        assert_eq!(v["metrics"]["rouge-1"]["p"], 1.0);
        assert_eq!(v["per_topic"][0]["id"], "t1");
        assert_eq!(v["per_topic"][0]["rouge-lsum"]["f"], 0.8);
        assert_eq!(v["missing"][1], "zz");
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 3);
        let no_topics: serde_json::Value =
            serde_json::from_str(&report.to_json(JsonOptions::new(Average::Mean))).unwrap();
        assert!(no_topics.get("per_topic").is_none());
        assert!(no_topics.get("intervals").is_none());
        let with_ci: serde_json::Value = serde_json::from_str(&report.to_json(JsonOptions {
            intervals: true,
            ..JsonOptions::new(Average::Bootstrap)
        }))
        .unwrap();
        let ci = &with_ci["intervals"]["rouge-1"]["r"];
        let (low, high) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
        let avg = with_ci["metrics"]["rouge-1"]["r"].as_f64().unwrap();
        assert!(low <= avg && avg <= high, "{low} <= {avg} <= {high}");
        assert!(with_ci["intervals"]["rouge-lsum"]["f"].is_array());
        assert_eq!(report.issue_counts().len(), 2);
        assert!(report
            .to_table(true, Average::Bootstrap)
            .contains("rouge-lsum"));
    }
}
