//! Training a [`BoundaryModel`] from punctuated text, end to end.
//!
//! Punctuated text is cut into sentences by the project's splitter, each sentence is
//! rewritten the way the model reads text ([`unpunctuated_tokens`]: lowercased,
//! Penn-Treebank tokenized, final stop deleted), and consecutive sentences are joined into
//! running texts of a few hundred tokens ([`running_texts`]). [`train`] holds out every
//! tenth running text, trains a [`Trainer`] on the rest, and picks the decoder's two
//! settings (gap offset, length-prior weight) by boundary F1 on the held-out texts only.
//!
//! The `train_boundary` example (the shipped model) and `epitome train boundary` (a
//! user's own text) both train through this module.

use std::collections::BTreeSet;

use super::{unpunctuated_tokens, BoundaryModel, ContextShape, Trainer};
use crate::segment::{segment_document, SegmentMode, SentencexSplitter};

/// One running text: its sentences in order, each as the tokens the model reads.
pub type RunningText = Vec<Vec<String>>;

/// Settings of [`train`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// The model has `2^bits` hashed feature buckets (clamped to 10..=24).
    pub bits: u8,
    /// Passes of AdaGrad over the training gaps.
    pub epochs: usize,
    /// AdaGrad's learning rate.
    pub rate: f32,
    /// The longest sentence, in tokens, the decoder produces.
    pub max_len: usize,
    /// Words seen fewer times are read as unknown words of their shape.
    pub min_count: u32,
    /// Probability that a word is read as unknown in a training pass (see
    /// [`Trainer::with_word_dropout`]), so that the model also works on text of other
    /// genres.
    pub word_dropout: f32,
    /// Running texts are at least this many tokens (see [`running_texts`]).
    pub text_tokens: usize,
    /// Every this-many-th running text is held out to pick the decoder settings.
    pub hold_out_every: usize,
    /// The context network trained with the linear weights ([`ContextShape::NONE`]:
    /// none).
    pub context: ContextShape,
    /// The context network's AdaGrad learning rate.
    pub context_rate: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: 19,
            epochs: 4,
            rate: 0.1,
            max_len: 100,
            min_count: 5,
            word_dropout: 0.4,
            text_tokens: 300,
            hold_out_every: 10,
            context: ContextShape::DEFAULT,
            context_rate: 0.05,
        }
    }
}

/// Boundary precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Share of the predicted boundaries that are gold boundaries.
    pub precision: f64,
    /// Share of the gold boundaries that were predicted.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// A trained model and what it was trained and tuned on.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The model, with the decoder settings chosen on the held-out texts.
    pub model: BoundaryModel,
    /// Running texts trained on.
    pub train_texts: usize,
    /// Running texts held out.
    pub held_out_texts: usize,
    /// Sentences trained on.
    pub sentences: usize,
    /// Gaps between words trained on.
    pub gaps: usize,
    /// The model's scores on the held-out texts; `None` when nothing could be held out
    /// (a single running text), in which case the decoder keeps the trainer's settings.
    pub held_out: Option<Scores>,
}

/// Why a model could not be trained.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TrainError {
    /// The input holds no sentence with a word in it.
    #[error("no training text: the input holds no sentence")]
    NoText,
    /// The input is too small to learn anything from.
    #[error(
        "too little training text: {sentences} sentence(s) to train on; at least 2 are needed"
    )]
    TooLittleText {
        /// Sentences left for training (after holding out).
        sentences: usize,
    },
}

/// The sentences of a punctuated text, as the model reads them: cut by the project's
/// splitter ([`segment_document`], English rules), each through [`unpunctuated_tokens`].
/// Sentences without tokens are dropped.
pub fn text_sentences(text: &str) -> Vec<Vec<String>> {
    let splitter = SentencexSplitter::default();
    segment_document(text, &splitter, SegmentMode::Auto)
        .into_iter()
        .map(|r| unpunctuated_tokens(&text[r]))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The paragraphs of a file of punctuated prose, or of every `.txt` file of a folder
/// (in name order): blank lines between paragraphs, each paragraph cut into sentences by
/// [`text_sentences`]. This is how the built-in model's genre prose
/// (`crates/epitome-text/corpus/`) is read.
pub fn prose_paragraphs(path: &std::path::Path) -> std::io::Result<Vec<RunningText>> {
    let mut files = if path.is_dir() {
        let mut files = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<Vec<_>>>()?;
        files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
        files
    } else {
        vec![path.to_path_buf()]
    };
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        out.extend(
            text.split("\n\n")
                .map(text_sentences)
                .filter(|p| !p.is_empty()),
        );
    }
    Ok(out)
}

/// Whether a text has too little sentence punctuation to train on: its sentences would
/// be guessed (by a model, or forced splits) rather than read from the text (see
/// [`looks_unpunctuated`](crate::segment::looks_unpunctuated)).
pub fn lacks_punctuation(text: &str) -> bool {
    crate::segment::looks_unpunctuated(text)
}

/// The paragraphs of a corpus written one sentence per line with a blank line between
/// paragraphs (what the `rustdocs_corpus` example writes), each sentence through
/// [`unpunctuated_tokens`].
pub fn corpus_paragraphs(corpus: &str) -> Vec<RunningText> {
    corpus
        .split("\n\n")
        .map(|para| {
            para.lines()
                .map(unpunctuated_tokens)
                .filter(|t| !t.is_empty())
                .collect::<RunningText>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Joins consecutive pieces (paragraphs, or single sentences) into running texts of at
/// least `min_tokens` tokens; the last one may be shorter. Pieces are never split.
pub fn running_texts(
    pieces: impl IntoIterator<Item = RunningText>,
    min_tokens: usize,
) -> Vec<RunningText> {
    let mut out = Vec::new();
    let mut text: RunningText = Vec::new();
    let mut tokens = 0;
    for piece in pieces {
        tokens += piece.iter().map(Vec::len).sum::<usize>();
        text.extend(piece.into_iter().filter(|s| !s.is_empty()));
        if tokens >= min_tokens && !text.is_empty() {
            out.push(std::mem::take(&mut text));
            tokens = 0;
        }
    }
    if !text.is_empty() {
        out.push(text);
    }
    out
}

/// Which texts are held out: every `every`-th one (the 10th, 20th, …), or the last one
/// when there are fewer than `every` but at least two, or none for a single text.
fn held_out(n: usize, every: usize) -> Vec<bool> {
    let every = every.max(2);
    let mut held: Vec<bool> = (0..n).map(|i| i % every == every - 1).collect();
    if n >= 2 && !held.contains(&true) {
        held[n - 1] = true;
    }
    held
}

/// Trains a model on `texts` (see the module documentation): every
/// `options.hold_out_every`-th text is held out, and the decoder settings are picked by
/// boundary F1 on those only. Deterministic for the same texts and options.
pub fn train(texts: &[RunningText], options: &TrainOptions) -> Result<Trained, TrainError> {
    if texts.iter().all(|t| t.iter().all(Vec::is_empty)) {
        return Err(TrainError::NoText);
    }
    let held = held_out(texts.len(), options.hold_out_every);
    let mut trainer = Trainer::new(options.bits, options.max_len, options.min_count)
        .with_word_dropout(options.word_dropout)
        .with_context(options.context, options.context_rate);
    let mut sentences = 0;
    let mut held_texts = Vec::new();
    for (text, &h) in texts.iter().zip(&held) {
        if h {
            held_texts.push(text);
        } else {
            sentences += text.iter().filter(|s| !s.is_empty()).count();
            trainer.add_document(text);
        }
    }
    if sentences < 2 {
        return Err(TrainError::TooLittleText { sentences });
    }
    let mut model = trainer.train(options.epochs, options.rate);
    let held_out = (!held_texts.is_empty()).then(|| tune_decoding(&mut model, &held_texts));
    Ok(Trained {
        model,
        train_texts: texts.len() - held_texts.len(),
        held_out_texts: held_texts.len(),
        sentences,
        gaps: trainer.gaps(),
        held_out,
    })
}

/// Picks the decoder settings with the best boundary F1 on `held` (a grid around the
/// trainer's offset, which removes the boundary rate from the gap scores, by length-prior
/// weight, with and without rate matching), sets them, and returns the scores they give.
fn tune_decoding(model: &mut BoundaryModel, held: &[&RunningText]) -> Scores {
    let base = model.decoding().0;
    let mut best: Option<(Scores, f32, f32, bool)> = None;
    for matching in [true, false] {
        model.set_rate_matching(matching);
        for d in [-2.0f32, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0] {
            for w in [0.0f32, 0.5, 1.0, 1.5, 2.0, 3.0] {
                model.set_decoding(base + d, w);
                let s = evaluate(model, held);
                if best.is_none_or(|(b, ..)| s.f1 > b.f1) {
                    best = Some((s, base + d, w, matching));
                }
            }
        }
    }
    let (scores, offset, weight, matching) = best.unwrap_or((Scores::default(), base, 1.0, true));
    model.set_decoding(offset, weight);
    model.set_rate_matching(matching);
    scores
}

/// Boundary precision, recall and F1 of `model` on running texts: each text's sentences
/// are joined by single spaces, and a boundary is a sentence start other than the first.
pub fn evaluate(model: &BoundaryModel, texts: &[&RunningText]) -> Scores {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for doc in texts {
        let sents: Vec<&Vec<String>> = doc.iter().filter(|s| !s.is_empty()).collect();
        let text = sents
            .iter()
            .map(|s| s.join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        let mut gold = BTreeSet::new();
        let mut at = 0;
        for (i, s) in sents.iter().enumerate() {
            if i > 0 {
                gold.insert(at);
            }
            at += s.iter().map(|t| t.len() + 1).sum::<usize>();
        }
        let got: BTreeSet<usize> = model
            .split(&text, 0..text.len())
            .into_iter()
            .skip(1)
            .map(|r| r.start)
            .collect();
        tp += gold.intersection(&got).count();
        fp += got.difference(&gold).count();
        fn_ += gold.difference(&got).count();
    }
    scores(tp, fp, fn_)
}

/// Precision, recall and F1 from counts of true positives, false positives and false
/// negatives.
pub fn scores(tp: usize, fp: usize, fn_: usize) -> Scores {
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(1e-9);
    Scores {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few hundred sentences from templates: subjects, verbs and objects in turn.
    fn prose() -> String {
        let who = [
            "The farmer",
            "Our neighbour",
            "A driver",
            "The teacher",
            "My sister",
        ];
        let did = ["painted", "repaired", "sold", "found", "washed", "moved"];
        let what = [
            "the old fence",
            "a red truck",
            "the garden gate",
            "two chairs",
        ];
        let mut out = String::new();
        for i in 0..300 {
            out.push_str(&format!(
                "{} {} {} on day {}. ",
                who[i % who.len()],
                did[i % did.len()],
                what[i % what.len()],
                i
            ));
            if i % 7 == 6 {
                out.push_str("\n\n");
            }
        }
        out
    }

    #[test]
    fn sentences_are_cut_and_unpunctuated() {
        let s = text_sentences("The dog barked. It was late!\n\nWe slept, finally.");
        assert_eq!(
            s,
            vec![
                vec!["the", "dog", "barked"],
                vec!["it", "was", "late"],
                vec!["we", "slept", ",", "finally"],
            ]
        );
    }

    #[test]
    fn running_texts_join_pieces_to_the_minimum_length() {
        let piece = |n: usize| vec![vec!["w".to_owned(); n]];
        let texts = running_texts([piece(3), piece(4), piece(10), piece(2)], 7);
        let lens: Vec<usize> = texts.iter().map(|t| t.len()).collect();
        assert_eq!(lens, [2, 1, 1]);
        assert_eq!(
            corpus_paragraphs("One. Two\nThree.\n\n\n\nFour.\n").len(),
            2,
            "blank lines separate paragraphs"
        );
    }

    #[test]
    fn training_from_text_holds_out_and_scores() {
        let sents = text_sentences(&prose());
        assert_eq!(sents.len(), 300);
        let texts = running_texts(sents.into_iter().map(|s| vec![s]), 60);
        let options = TrainOptions {
            bits: 14,
            min_count: 0,
            ..TrainOptions::default()
        };
        let t = train(&texts, &options).expect("enough text");
        assert_eq!(t.train_texts + t.held_out_texts, texts.len());
        assert!(t.held_out_texts >= 1 && t.sentences > 200);
        let s = t.held_out.expect("held-out scores");
        assert!(s.f1 > 0.8, "{s:?}");
        let again = train(&texts, &options).expect("enough text");
        assert_eq!(again.model.to_bytes(), t.model.to_bytes(), "deterministic");
    }

    #[test]
    fn too_little_text_is_an_error() {
        assert_eq!(
            train(&[], &TrainOptions::default()).unwrap_err(),
            TrainError::NoText
        );
        let one = vec![vec![vec!["hello".to_owned()]]];
        assert_eq!(
            train(&one, &TrainOptions::default()).unwrap_err(),
            TrainError::TooLittleText { sentences: 1 }
        );
    }
}
