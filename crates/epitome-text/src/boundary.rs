//! Sentence boundaries in unpunctuated, lowercased text, found by a learned model.
//!
//! Some sources (tokenized datasets, three of the seeds, transcripts) have no
//! sentence-final punctuation at all, so a splitter sees one giant sentence. A
//! [`BoundaryModel`] decides from the words themselves: at every gap between two words it
//! scores, with a logistic regression over hashed features (the one to three words on
//! each side, the bigrams and trigrams across the gap, word shapes and suffixes, and the
//! same n-grams over a coarser reading where only closed-class words keep their identity),
//! how likely a sentence starts there, plus the log-odds of a small context network that
//! reads six words each side through learned embeddings ([`ContextShape`]; trained jointly
//! with the linear weights, it sees the words together and further out). When a whole
//! passage is decoded, a model may add the weighted log-odds of a sequence network, a
//! bidirectional GRU that reads the entire passage ([`SequenceShape`]; trained outside the
//! crate and attached with [`BoundaryModel::attach_sequence`]). A semi-Markov decoder then picks the best cut of
//! the whole passage under a prior over sentence lengths, so sentences come out neither
//! one word nor a hundred long. Decoding looks back at most [`BoundaryModel::max_len`]
//! tokens from each gap, so time is linear in the passage and every sentence is bounded.
//! Before decoding, the gap scores of a long passage are shifted so that their mean
//! probability is the boundary rate of the training text: text of another genre makes
//! the classifier less sure everywhere, which would otherwise mean too few boundaries.
//!
//! The words are read the way Penn-Treebank tokenized text writes them
//! ([`ptb_split_word`], [`unpunctuated_tokens`]): text that is not tokenized is tokenized
//! on the fly (only whitespace gaps can become boundaries). Words the model did not see
//! often in training are read as unknown words of their shape. The model shipped with
//! the crate ([`BoundaryModel::builtin`]) was trained on the prose of the rust-docs books
//! and the project's own genre prose (see `models/README.md`); [`Trainer`] trains others, and [`training`] runs the whole
//! recipe from punctuated text (`epitome train boundary`). A model file is validated
//! when read: a corrupt one is a [`ModelError`], never a panic.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};

mod context;
mod phrases;
mod sequence;
pub mod training;

pub use context::ContextShape;
use context::{ContextNet, Scratch};
pub use phrases::{Phrases, PHRASE_MIN_COUNT, PHRASE_MIN_PMI, PHRASE_PENALTY};
use sequence::SequenceNet;
pub use sequence::SequenceShape;

/// The model file shipped with the crate.
static BUILTIN: &[u8] = include_bytes!("../models/boundary-en.bin");

/// Version 05: after the context network's flag (and network), a flag byte says whether
/// a sequence network follows (see [`SequenceShape`]). Version 04 files (no sequence
/// network), version 03 (a flag byte after the decoder settings says whether the decoder
/// matches the boundary rate) and version 02 files (the same features, always matching)
/// are still read, without the networks they lack; a version 01 file has other features
/// and is rejected.
const MAGIC: &[u8; 8] = b"EPBDRY05";

/// Version 04: no sequence network.
const MAGIC_V4: &[u8; 8] = b"EPBDRY04";

/// A sequence file: decoder settings and a sequence network, to attach to a model
/// ([`BoundaryModel::attach_sequence`]).
const SEQUENCE_MAGIC: &[u8; 8] = b"EPBSEQ01";

/// Version 03: no context network.
const MAGIC_V3: &[u8; 8] = b"EPBDRY03";

/// The previous version, read with rate matching on.
const MAGIC_V2: &[u8; 8] = b"EPBDRY02";

/// Hash-table sizes a model file may declare (bits of the bucket index).
const BITS: Range<u8> = 10..25;

/// Passages with fewer candidate gaps are decoded without matching the boundary rate
/// (see `BoundaryModel::match_rate`): their mean probability says too little.
const ADAPT_MIN_GAPS: usize = 50;

/// The largest shift, in log-odds, that matching the boundary rate applies.
const ADAPT_MAX_SHIFT: f32 = 3.0;

/// Longest sentence (in tokens) a model may allow.
const MAX_LEN_LIMIT: usize = 1000;

/// Why a model file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file does not start with the model's magic bytes.
    #[error("not a boundary model (bad magic bytes)")]
    BadMagic,
    /// The file ends before its declared content.
    #[error("boundary model is truncated")]
    Truncated,
    /// A header field or weight is out of range.
    #[error("boundary model is invalid: {0}")]
    Invalid(&'static str),
    /// The checksum does not match the content.
    #[error("boundary model checksum mismatch")]
    Checksum,
}

/// A trained boundary model: hashed feature weights and a sentence-length prior.
#[derive(Clone, PartialEq)]
pub struct BoundaryModel {
    bits: u8,
    /// Quantized weights, one per bucket; the weight is `q as f32 * scale`.
    weights: Vec<i8>,
    scale: f32,
    bias: f32,
    /// Added to every gap's log-odds when decoding (negative: fewer boundaries).
    offset: f32,
    /// Weight of the length prior against the gap scores.
    prior_weight: f32,
    /// Whether long passages are shifted to the training boundary rate before decoding
    /// (see `match_rate`).
    rate_matching: bool,
    /// `prior[n - 1]`: log-probability of a sentence of `n` tokens, `n` up to `max_len`.
    prior: Vec<f32>,
    /// Sorted (truncated) hashes of the words the model knows; any other word is read as
    /// an unknown word of its shape. Empty: every word is known.
    vocab: Vec<u32>,
    /// The context network whose log-odds are added to the linear classifier's, if any.
    context: Option<ContextNet>,
    /// The sequence network whose weighted log-odds are added when decoding, if any.
    sequence: Option<SequenceNet>,
}

impl std::fmt::Debug for BoundaryModel {
    /// A summary: the weights themselves are far too many to print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoundaryModel")
            .field("bits", &self.bits)
            .field("nonzero_weights", &self.nonzero_weights())
            .field("max_len", &self.max_len())
            .field("decoding", &self.decoding())
            .field("rate_matching", &self.rate_matching)
            .field("vocab", &self.vocab.len())
            .field("context", &self.context_shape())
            .field("sequence", &self.sequence_shape())
            .finish_non_exhaustive()
    }
}

static BUILTIN_MODEL: OnceLock<Option<BoundaryModel>> = OnceLock::new();

impl BoundaryModel {
    /// The model shipped with the crate, parsed once; `None` if it is corrupt (which a
    /// test guards against), in which case callers fall back to forced splits.
    pub fn builtin() -> Option<&'static BoundaryModel> {
        BUILTIN_MODEL
            .get_or_init(|| BoundaryModel::from_bytes(BUILTIN).ok())
            .as_ref()
    }

    /// The longest sentence, in tokens, the decoder will produce (unless a passage has no
    /// whitespace to cut at).
    pub fn max_len(&self) -> usize {
        self.prior.len()
    }

    /// Sets the decoder's tuning: `offset` is added to each gap's log-odds, `prior_weight`
    /// scales the sentence-length prior.
    pub fn set_decoding(&mut self, offset: f32, prior_weight: f32) {
        self.offset = offset;
        self.prior_weight = prior_weight;
    }

    /// The decoder's tuning: (gap offset, length-prior weight).
    pub fn decoding(&self) -> (f32, f32) {
        (self.offset, self.prior_weight)
    }

    /// Sets whether the decoder shifts the gap scores of a long passage so that their
    /// mean boundary probability is the training rate before decoding. It helps a model
    /// trained on one genre read another; a model trained on many genres may do better
    /// without it (the trainer picks on held-out text).
    pub fn set_rate_matching(&mut self, on: bool) {
        self.rate_matching = on;
    }

    /// Whether the decoder matches the training boundary rate (see
    /// [`BoundaryModel::set_rate_matching`]).
    pub fn rate_matching(&self) -> bool {
        self.rate_matching
    }

    /// Reads and validates the model file at `path` (what [`BoundaryModel::to_bytes`]
    /// wrote). A missing file is [`ErrorKind::NotFound`], an unreadable one
    /// [`ErrorKind::Io`], and a file that is not a valid model
    /// [`ErrorKind::BoundaryModel`]; each names the path.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|source| {
            Error::new(if source.kind() == std::io::ErrorKind::NotFound {
                ErrorKind::NotFound(path.to_owned())
            } else {
                ErrorKind::Io {
                    path: path.to_owned(),
                    source,
                }
            })
        })?;
        BoundaryModel::from_bytes(&bytes).map_err(|source| {
            Error::new(ErrorKind::BoundaryModel {
                path: path.to_owned(),
                source,
            })
        })
    }

    /// Reads and validates a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let version = match bytes.get(..MAGIC.len()) {
            Some(m) if m == MAGIC => 5,
            Some(m) if m == MAGIC_V4 => 4,
            Some(m) if m == MAGIC_V3 => 3,
            Some(m) if m == MAGIC_V2 => 2,
            _ => return Err(ModelError::BadMagic),
        };
        if bytes.len() < MAGIC.len() + 8 {
            return Err(ModelError::Truncated);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut r = Reader {
            bytes: body,
            at: MAGIC.len(),
        };
        let bits = r.u8()?;
        let max_len = r.u16()? as usize;
        let scale = r.f32()?;
        let bias = r.f32()?;
        let offset = r.f32()?;
        let prior_weight = r.f32()?;
        let rate_matching = if version >= 3 {
            r.flag("rate-matching flag is not 0 or 1")?
        } else {
            true
        };
        let mut prior = Vec::with_capacity(max_len.min(MAX_LEN_LIMIT));
        if !BITS.contains(&bits) {
            return Err(ModelError::Invalid("hash bits out of range"));
        }
        if !(2..=MAX_LEN_LIMIT).contains(&max_len) {
            return Err(ModelError::Invalid("maximum sentence length out of range"));
        }
        if ![scale, bias, offset, prior_weight]
            .iter()
            .all(|x| x.is_finite())
            || scale <= 0.0
        {
            return Err(ModelError::Invalid("non-finite or non-positive parameter"));
        }
        for _ in 0..max_len {
            let p = r.f32()?;
            if !p.is_finite() || p > 0.0 {
                return Err(ModelError::Invalid("length prior is not a log-probability"));
            }
            prior.push(p);
        }
        let size = 1usize << bits;
        let n = r.u32()? as usize;
        if n > size {
            return Err(ModelError::Invalid("more weights than buckets"));
        }
        let mut weights = vec![0i8; size];
        let mut next = 0usize;
        for _ in 0..n {
            let index = next
                .checked_add(r.varint()?)
                .filter(|&i| i < size)
                .ok_or(ModelError::Invalid("weight index out of range"))?;
            let q = r.u8()? as i8;
            if q == 0 {
                return Err(ModelError::Invalid("zero weight stored"));
            }
            weights[index] = q;
            next = index + 1;
        }
        let nv = r.u32()? as usize;
        if nv > body.len() / 4 {
            return Err(ModelError::Truncated);
        }
        let mut vocab = Vec::with_capacity(nv);
        for _ in 0..nv {
            let h = r.u32()?;
            if vocab.last().is_some_and(|&p| p >= h) {
                return Err(ModelError::Invalid("vocabulary not sorted"));
            }
            vocab.push(h);
        }
        let context = if version >= 4 && r.flag("context-network flag is not 0 or 1")? {
            Some(ContextNet::read(&mut r)?)
        } else {
            None
        };
        let sequence = if version >= 5 && r.flag("sequence-network flag is not 0 or 1")? {
            Some(SequenceNet::read(&mut r)?)
        } else {
            None
        };
        if r.at != body.len() {
            return Err(ModelError::Invalid("trailing bytes"));
        }
        let want = u64::from_le_bytes(sum.try_into().map_err(|_| ModelError::Truncated)?);
        if fnv1a(FNV_OFFSET, body) != want {
            return Err(ModelError::Checksum);
        }
        Ok(BoundaryModel {
            sequence,
            bits,
            weights,
            scale,
            bias,
            offset,
            prior_weight,
            rate_matching,
            prior,
            vocab,
            context,
        })
    }

    /// The model as a file: only non-zero buckets are stored, with delta-coded indexes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(self.bits);
        out.extend_from_slice(&(self.prior.len() as u16).to_le_bytes());
        for x in [self.scale, self.bias, self.offset, self.prior_weight] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.push(u8::from(self.rate_matching));
        for p in &self.prior {
            out.extend_from_slice(&p.to_le_bytes());
        }
        let nonzero: Vec<(usize, i8)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, &q)| q != 0)
            .map(|(i, &q)| (i, q))
            .collect();
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        let mut next = 0;
        for (i, q) in nonzero {
            let mut d = i - next;
            loop {
                let b = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
            out.push(q as u8);
            next = i + 1;
        }
        out.extend_from_slice(&(self.vocab.len() as u32).to_le_bytes());
        for h in &self.vocab {
            out.extend_from_slice(&h.to_le_bytes());
        }
        match &self.context {
            Some(net) => {
                out.push(1);
                net.write(&mut out);
            }
            None => out.push(0),
        }
        match &self.sequence {
            Some(net) => {
                out.push(1);
                net.write(&mut out);
            }
            None => out.push(0),
        }
        let sum = fnv1a(FNV_OFFSET, &out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// How many buckets hold a non-zero weight.
    pub fn nonzero_weights(&self) -> usize {
        self.weights.iter().filter(|&&q| q != 0).count()
    }

    /// The shape of the model's context network ([`ContextShape::NONE`] without one).
    pub fn context_shape(&self) -> ContextShape {
        self.context
            .as_ref()
            .map_or(ContextShape::NONE, |net| net.shape)
    }

    /// The shape of the model's sequence network, if it has one.
    pub fn sequence_shape(&self) -> Option<SequenceShape> {
        self.sequence.as_ref().map(|net| net.shape)
    }

    /// The weight of the sequence network's log-odds in a gap's score when decoding, if
    /// the model has one.
    pub fn sequence_weight(&self) -> Option<f32> {
        self.sequence.as_ref().map(|net| net.weight)
    }

    /// Adds the sequence network of a sequence file (`EPBSEQ01`, written by
    /// `scripts/train_boundary_sequence.py`), replacing any the model had, and takes the
    /// file's decoder settings (gap offset, length-prior weight, rate matching), which
    /// were chosen for the two together. The file is validated first: on error the model
    /// is unchanged.
    pub fn attach_sequence(&mut self, bytes: &[u8]) -> Result<(), ModelError> {
        if bytes.get(..SEQUENCE_MAGIC.len()) != Some(&SEQUENCE_MAGIC[..]) {
            return Err(ModelError::BadMagic);
        }
        if bytes.len() < SEQUENCE_MAGIC.len() + 8 {
            return Err(ModelError::Truncated);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let want = u64::from_le_bytes(sum.try_into().map_err(|_| ModelError::Truncated)?);
        if fnv1a(FNV_OFFSET, body) != want {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader {
            bytes: body,
            at: SEQUENCE_MAGIC.len(),
        };
        let offset = r.f32()?;
        let prior_weight = r.f32()?;
        let rate_matching = r.flag("rate-matching flag is not 0 or 1")?;
        if !offset.is_finite() || !prior_weight.is_finite() {
            return Err(ModelError::Invalid("non-finite decoder setting"));
        }
        let net = SequenceNet::read(&mut r)?;
        if r.at != body.len() {
            return Err(ModelError::Invalid("trailing bytes"));
        }
        self.sequence = Some(net);
        self.offset = offset;
        self.prior_weight = prior_weight;
        self.rate_matching = rate_matching;
        Ok(())
    }

    fn gap_logit(&self, tokens: &[Tok], g: usize, s: &mut GapScratch) -> f32 {
        features(tokens, g, self.bits, &mut s.feats);
        let sum: i32 = s
            .feats
            .iter()
            .map(|&f| self.weights[f as usize] as i32)
            .sum();
        let net = self
            .context
            .as_ref()
            .map_or(0.0, |net| net.logit(tokens, g, &mut s.net));
        self.bias + sum as f32 * self.scale + net
    }

    /// The classifier's boundary log-odds at each gap between two whitespace-separated
    /// words of `text[range]`, keyed by the byte offset where the word after the gap
    /// starts, in order. These are the gap scores alone: no length prior, no decoding,
    /// and no sequence network, which reads whole passages of unpunctuated text and is
    /// used only when [`split`](BoundaryModel::split) decodes one. What is returned is
    /// the evidence of the words around each gap, which is what a caller weighing one
    /// gap in punctuated text (a run-on sentence) needs.
    pub fn gap_log_odds(&self, text: &str, range: Range<usize>) -> Vec<(usize, f32)> {
        let mut tokens = tokenize(text, range);
        unknown_words(&mut tokens, &self.vocab);
        let mut scratch = GapScratch::default();
        (1..tokens.len())
            .filter(|&g| tokens[g].space_before)
            .map(|g| (tokens[g].start, self.gap_logit(&tokens, g, &mut scratch)))
            .collect()
    }

    /// Cuts `text[range]` into sentences: trimmed, ordered byte ranges covering every
    /// word of the range. The fixed phrases of `text` ([`Phrases`]) are not cut.
    pub fn split(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        self.split_in(text, range, &Phrases::of(vec![text]))
    }

    /// Like [`split`](BoundaryModel::split), with the fixed phrases counted over
    /// `phrases`' texts (all the documents of a cluster, say) instead of `text` alone: a
    /// gap between the two words of a phrase loses [`PHRASE_PENALTY`] of log-odds.
    pub fn split_in(
        &self,
        text: &str,
        range: Range<usize>,
        phrases: &Phrases<'_>,
    ) -> Vec<Range<usize>> {
        let mut tokens = tokenize(text, range.clone());
        let keys: Vec<u64> = tokens.iter().map(|t| t.word).collect();
        unknown_words(&mut tokens, &self.vocab);
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut scratch = GapScratch::default();
        let n = tokens.len();
        let seq = self
            .sequence
            .as_ref()
            .map(|net| (net.weight, net.logits(&tokens)));
        // Gap g sits before token g; only gaps at whitespace may become boundaries.
        let mut cands: Vec<(usize, f32)> = vec![(0, 0.0)];
        for g in 1..n {
            if tokens[g].space_before {
                let mut s = self.gap_logit(&tokens, g, &mut scratch) + self.offset;
                if let Some((weight, z)) = &seq {
                    s += weight * z[g];
                }
                if phrases.binds(keys[g - 1], keys[g]) {
                    s -= PHRASE_PENALTY;
                }
                cands.push((g, s));
            }
        }
        self.match_rate(&mut cands[1..]);
        let cuts = self.decode(&cands, n);
        let mut out = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        for &c in cuts.iter().chain(std::iter::once(&n)) {
            if c > start {
                out.push(tokens[start].start..tokens[c - 1].end);
            }
            start = c;
        }
        out
    }

    /// Shifts the gap scores of a passage so that its mean boundary probability is the
    /// rate the model was trained at (one sentence per mean length of the length prior).
    ///
    /// Text unlike the training text (another genre) has many unknown words, and the
    /// classifier is then less sure of every boundary: its probabilities sink below the
    /// training rate, and the decoder would cut too rarely. Only passages of at least
    /// [`ADAPT_MIN_GAPS`] candidate gaps are shifted, by at most [`ADAPT_MAX_SHIFT`].
    fn match_rate(&self, gaps: &mut [(usize, f32)]) {
        if !self.rate_matching || gaps.len() < ADAPT_MIN_GAPS {
            return;
        }
        let mean_len: f32 = (1..)
            .zip(&self.prior)
            .map(|(n, p)| n as f32 * p.exp())
            .sum();
        let rate = 1.0 / mean_len.max(2.0);
        let mean_p = gaps
            .iter()
            .map(|&(_, s)| 1.0 / (1.0 + (self.offset - s).exp()))
            .sum::<f32>()
            / gaps.len() as f32;
        let logit = |p: f32| (p / (1.0 - p)).ln();
        let shift =
            (logit(rate) - logit(mean_p.clamp(1e-4, 0.5))).clamp(-ADAPT_MAX_SHIFT, ADAPT_MAX_SHIFT);
        for g in gaps {
            g.1 += shift;
        }
    }

    /// The best cut of `n` tokens: `cands` are (token index, gap score) in order, the
    /// first being `(0, _)`. Returns the chosen token indexes (excluding 0 and `n`).
    fn decode(&self, cands: &[(usize, f32)], n: usize) -> Vec<usize> {
        let max_len = self.prior.len();
        let prior = |len: usize| -> f32 {
            if len <= max_len {
                self.prior_weight * self.prior[len - 1]
            } else {
                // Only when no whitespace is near: far worse than any allowed length.
                self.prior_weight * self.prior[max_len - 1] * (len as f32 / max_len as f32) - 1e4
            }
        };
        // best[k]: best score of a cut of tokens [0, cands[k].0) ending in a boundary there.
        let mut best = vec![f32::NEG_INFINITY; cands.len() + 1];
        let mut back = vec![0usize; cands.len() + 1];
        best[0] = 0.0;
        let ends = cands
            .iter()
            .skip(1)
            .map(|&(g, s)| (g, s))
            .chain(std::iter::once((n, 0.0)));
        for (k, (g, s)) in (1..).zip(ends) {
            let mut top = f32::NEG_INFINITY;
            let mut arg = k - 1;
            for j in (0..k).rev() {
                let len = g - cands[j].0;
                if len > max_len && j + 1 < k {
                    break;
                }
                let v = best[j] + prior(len);
                if v > top {
                    top = v;
                    arg = j;
                }
            }
            best[k] = top + s;
            back[k] = arg;
        }
        let mut cuts = Vec::new();
        let mut k = cands.len();
        while k > 0 {
            k = back[k];
            if k > 0 {
                cuts.push(cands[k].0);
            }
        }
        cuts.reverse();
        cuts
    }
}

/// One token as the sequence network reads it: hash buckets of its word, of the
/// unknown word of its shape, of its class and of its last three letters (see
/// [`BoundaryModel::sequence_inputs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SequenceInput {
    /// The word's bucket (`2^18`), after the model's vocabulary: a word the window
    /// classifier does not know is already the unknown word of its shape.
    pub word: u32,
    /// The bucket (`2^18`) of the unknown word of the token's shape, which the network
    /// reads for a word outside its own vocabulary, and word dropout in training.
    pub unknown: u32,
    /// The class's bucket (`2^12`): the word for a closed-class word, its shape otherwise.
    pub class: u32,
    /// The bucket (`2^14`) of the word's last three letters.
    pub suffix: u32,
}

impl BoundaryModel {
    /// `prior[n - 1]`: the log-probability of a sentence of `n` tokens, up to
    /// [`max_len`](BoundaryModel::max_len).
    pub fn length_prior(&self) -> &[f32] {
        &self.prior
    }

    /// The tokens of a sentence-split text (see [`unpunctuated_tokens`]) as the sequence
    /// network reads them: the training data of `scripts/train_boundary_sequence.py`.
    pub fn sequence_inputs(&self, words: &[String]) -> Vec<SequenceInput> {
        let mut tokens: Vec<Tok> = words.iter().map(|w| tok(w, 0, 0, true)).collect();
        unknown_words(&mut tokens, &self.vocab);
        let (wb, cb, sb) = sequence::INPUT_BITS;
        tokens
            .iter()
            .map(|t| SequenceInput {
                word: (t.word >> (64 - wb as u32)) as u32,
                unknown: (mix(0x0a11_cafe, t.shape) >> (64 - wb as u32)) as u32,
                class: (t.class >> (64 - cb as u32)) as u32,
                suffix: (t.suffix >> (64 - sb as u32)) as u32,
            })
            .collect()
    }

    /// The window classifier's log-odds (linear features and context network, no
    /// sequence network) at the gap before each token of `words`, read as one running
    /// text; index 0, before the first token, is 0.
    pub fn window_log_odds(&self, words: &[String]) -> Vec<f32> {
        let mut tokens: Vec<Tok> = words.iter().map(|w| tok(w, 0, 0, true)).collect();
        unknown_words(&mut tokens, &self.vocab);
        let mut scratch = GapScratch::default();
        (0..tokens.len())
            .map(|g| {
                if g == 0 {
                    0.0
                } else {
                    self.gap_logit(&tokens, g, &mut scratch)
                }
            })
            .collect()
    }
}

/// Buffers reused from gap to gap.
#[derive(Default)]
struct GapScratch {
    feats: Vec<u32>,
    net: Scratch,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(s)
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let end = self.at.checked_add(N).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        s.try_into().map_err(|_| ModelError::Truncated)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take()?))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take()?))
    }
    /// A flag byte: 0 or 1; any other value is `Invalid(what)`.
    fn flag(&mut self, what: &'static str) -> Result<bool, ModelError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(ModelError::Invalid(what)),
        }
    }

    /// `n` finite `f32`s; a non-finite one is `Invalid(what)`.
    fn finite_f32s(&mut self, n: usize, what: &'static str) -> Result<Vec<f32>, ModelError> {
        if n > self.bytes.len().saturating_sub(self.at) / 4 {
            return Err(ModelError::Truncated);
        }
        let v = (0..n)
            .map(|_| self.f32())
            .collect::<Result<Vec<f32>, _>>()?;
        if v.iter().all(|x| x.is_finite()) {
            Ok(v)
        } else {
            Err(ModelError::Invalid(what))
        }
    }

    fn varint(&mut self) -> Result<usize, ModelError> {
        let mut v = 0usize;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as usize) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Invalid("varint too long"))
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One token of a passage: its byte range, whether whitespace precedes it, and the
/// hashes its features are built from.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    space_before: bool,
    word: u64,
    suffix: u64,
    shape: u64,
    /// The word's hash for a closed-class word ([`CLOSED_CLASS`]), its shape otherwise:
    /// a reading of the word that carries over between genres.
    class: u64,
}

/// Hash of the padding "token" beyond either end of a passage.
const PAD: Tok = Tok {
    start: 0,
    end: 0,
    space_before: true,
    word: 0x5eed_0f0f_1234_5678,
    suffix: 0x5eed_0f0f_1234_5679,
    shape: 7,
    class: 0x5eed_0f0f_1234_5678,
};

/// Closed-class words (pronouns, determiners, prepositions, conjunctions, auxiliaries,
/// discourse markers) and punctuation tokens, as the model reads them (separated by
/// whitespace): in every genre
/// these are frequent, and where sentences start and end is largely told by them.
const CLOSED_CLASS: &str =
    "i me my mine myself you your yours yourself he him his himself she her hers \
    herself it its itself we us our ours they them their theirs themselves this that \
    these those who whom whose which what where when why how the a an some any no \
    every each all both either neither many much more most few several such other \
    another of in on at by for with about between into through during before after \
    to from up down out off over under than as like since until without and but or \
    nor so yet because although though while if unless whether then be am is are was \
    were been being have has had do does did will would shall should can could may \
    might must 's 're 've 'll 'd 'm n't not yes yeah okay ok oh well um uh now also \
    just really there here very too only even still let please thanks hi hello , ; : \
    `` '' ( ) -lrb- -rrb- -- - ... ' `";

/// [`CLOSED_CLASS`] as a set, built once.
fn closed_class() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| CLOSED_CLASS.split_whitespace().collect())
}

fn tok(word: &str, start: usize, end: usize, space_before: bool) -> Tok {
    let mut key = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_digit() {
            key.push('0');
        } else {
            key.extend(c.to_lowercase());
        }
    }
    let key = match key.as_str() {
        "\"" | "“" | "”" => "''",
        "‘" | "’" => "'",
        k => k,
    };
    let chars: Vec<char> = key.chars().collect();
    let suffix: String = chars[chars.len().saturating_sub(3)..].iter().collect();
    let alpha = chars.iter().filter(|c| c.is_alphabetic()).count();
    let digit = word.chars().filter(char::is_ascii_digit).count();
    let shape = if digit > 0 && alpha == 0 {
        1
    } else if digit > 0 {
        2
    } else if alpha == 0 {
        3
    } else if alpha == chars.len() && chars.len() <= 3 {
        4
    } else if alpha == chars.len() {
        5
    } else {
        6
    };
    let word = fnv1a(FNV_OFFSET, key.as_bytes());
    let class = if closed_class().contains(key) {
        word
    } else {
        mix(0xc1a5, shape)
    };
    Tok {
        start,
        end,
        space_before,
        word,
        suffix: fnv1a(FNV_OFFSET ^ 1, suffix.as_bytes()),
        shape,
        class,
    }
}

/// The tokens of `text[range]`: whitespace-separated words, each split the way
/// Penn-Treebank tokenization would (see [`ptb_split_word`]).
fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut at = range.start;
    for piece in s.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if !word.is_empty() {
            let mut first = true;
            for r in ptb_split_word(word, false) {
                out.push(tok(&word[r.clone()], at + r.start, at + r.end, first));
                first = false;
            }
        }
        at += piece.len();
    }
    out
}

/// Reads every word outside `vocab` (unless it is empty) as an unknown word of its shape.
fn unknown_words(tokens: &mut [Tok], vocab: &[u32]) {
    if vocab.is_empty() {
        return;
    }
    for t in tokens {
        if vocab.binary_search(&(t.word as u32)).is_err() {
            t.word = mix(0x0a11_cafe, t.shape);
        }
    }
}

/// One step of a xorshift generator (13, 7, 17): training's shuffles, word dropout and
/// initial weights, the same on every machine. Returns the new state.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn mix(a: u64, b: u64) -> u64 {
    (a ^ b.rotate_left(23))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(31)
        .wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// Feature buckets for the gap before token `g`.
fn features(tokens: &[Tok], g: usize, bits: u8, out: &mut Vec<u32>) {
    out.clear();
    let at = |i: isize| -> &Tok {
        if i < 0 || i as usize >= tokens.len() {
            &PAD
        } else {
            &tokens[i as usize]
        }
    };
    let g = g as isize;
    let (l1, l2, l3) = (at(g - 1), at(g - 2), at(g - 3));
    let (r1, r2, r3) = (at(g), at(g + 1), at(g + 2));
    let shapes = l1.shape | l2.shape << 4 | r1.shape << 8 | r2.shape << 12;
    let f = [
        mix(1, l1.word),
        mix(2, l2.word),
        mix(3, l3.word),
        mix(4, r1.word),
        mix(5, r2.word),
        mix(6, r3.word),
        mix(mix(7, l1.word), r1.word),
        mix(mix(8, l2.word), l1.word),
        mix(mix(9, r1.word), r2.word),
        mix(mix(mix(10, l1.word), r1.word), r2.word),
        mix(mix(mix(11, l2.word), l1.word), r1.word),
        mix(12, shapes),
        mix(13, l1.suffix),
        mix(14, r1.suffix),
        mix(mix(15, l1.word), r1.shape),
        mix(mix(16, l1.shape), r1.word),
        mix(mix(17, l1.suffix), r1.word),
        mix(mix(18, l1.word), r1.suffix),
        mix(mix(19, l1.class), r1.class),
        mix(mix(mix(20, l2.class), l1.class), r1.class),
        mix(mix(mix(21, l1.class), r1.class), r2.class),
        mix(mix(22, l2.class), l1.class),
        mix(mix(23, r1.class), r2.class),
    ];
    let shift = 64 - bits as u32;
    out.extend(f.iter().map(|&h| (h >> shift) as u32));
}

/// Byte ranges of the Penn-Treebank tokens of one whitespace-free `word`: opening
/// brackets and quotes, closing punctuation (`,` `;` `:` `)` quotes, and `.` `!` `?`
/// when `final_word`), `...`, and the clitics `n't` `'s` `'re` `'ve` `'ll` `'d` `'m` are
/// tokens of their own. Tokens PTB itself writes (`''`, `--`, `-lrb-`) are left whole.
pub fn ptb_split_word(word: &str, final_word: bool) -> Vec<Range<usize>> {
    const WHOLE: &[&str] = &[
        "``", "''", "--", "...", "-lrb-", "-rrb-", "'", "`", "'s", "'re", "'ve", "'ll", "'d", "'m",
        "n't", "’s", "n’t",
    ];
    if WHOLE.contains(&word) || word.chars().count() <= 1 {
        #[allow(clippy::single_range_in_vec_init)]
        return vec![0..word.len()];
    }
    let open = |c: char| matches!(c, '(' | '[' | '{' | '"' | '“' | '‘' | '`' | '\'' | '«');
    let close = |c: char| {
        matches!(
            c,
            ')' | ']' | '}' | ',' | ';' | ':' | '"' | '”' | '’' | '\'' | '»'
        )
    };
    let mut lead = Vec::new();
    let mut s = 0;
    let mut e = word.len();
    while let Some(c) = word[s..e].chars().next() {
        if !open(c) || e - s <= c.len_utf8() {
            break;
        }
        if word[s..].starts_with("``") {
            lead.push(s..s + 2);
            s += 2;
            continue;
        }
        lead.push(s..s + c.len_utf8());
        s += c.len_utf8();
    }
    let mut trail = Vec::new();
    loop {
        let body = &word[s..e];
        if body.len() <= 1 {
            break;
        }
        if body.ends_with("...") && body.len() > 3 {
            trail.push(e - 3..e);
            e -= 3;
            continue;
        }
        if body.ends_with("''") && body.len() > 2 {
            trail.push(e - 2..e);
            e -= 2;
            continue;
        }
        let Some(c) = body.chars().next_back() else {
            break;
        };
        let stop = final_word && matches!(c, '.' | '!' | '?');
        if close(c) || stop || matches!(c, '!' | '?') {
            trail.push(e - c.len_utf8()..e);
            e -= c.len_utf8();
            continue;
        }
        break;
    }
    // Clitics at the end of what is left.
    let body = &word[s..e];
    let lower = body.to_lowercase();
    let mut clitic = None;
    if lower.len() == body.len() {
        for c in ["n't", "n’t"] {
            if lower.ends_with(c) && body.len() > c.len() {
                clitic = Some(e - c.len());
            }
        }
        if clitic.is_none() {
            for c in [
                "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m",
            ] {
                if lower.ends_with(c) && body.len() > c.len() {
                    clitic = Some(e - c.len());
                    break;
                }
            }
        }
    }
    let mut out = lead;
    match clitic {
        Some(c) => {
            out.push(s..c);
            out.push(c..e);
        }
        None if e > s => out.push(s..e),
        None => {}
    }
    out.extend(trail.into_iter().rev());
    out
}

/// A sentence as the unpunctuated text the model reads: Penn-Treebank tokens, lowercased,
/// double quotes written ``` `` ``` and `''`, and the sentence-final `.`, `!` or `?`
/// (before any closing quotes or brackets) deleted.
pub fn unpunctuated_tokens(sentence: &str) -> Vec<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let toks = ptb_split_word(w, i + 1 == words.len());
        let n = toks.len();
        for (k, r) in toks.into_iter().enumerate() {
            let t = &w[r];
            let t = match t {
                "\"" | "“" | "”" => {
                    if k + 1 < n || (k == 0 && n == 1 && i + 1 < words.len()) {
                        "``".to_owned()
                    } else {
                        "''".to_owned()
                    }
                }
                "‘" => "`".to_owned(),
                "’" => "'".to_owned(),
                t => t.to_lowercase(),
            };
            out.push(t);
        }
    }
    // Delete the final stop, looking past closing quotes and brackets.
    let mut k = out.len();
    while k > 0 && matches!(out[k - 1].as_str(), "''" | "'" | ")" | "]" | "}" | "”") {
        k -= 1;
    }
    if k > 0 && matches!(out[k - 1].as_str(), "." | "!" | "?") {
        out.remove(k - 1);
    }
    out
}

/// Trains a [`BoundaryModel`] by logistic regression (AdaGrad) over hashed features.
#[derive(Debug, Clone)]
pub struct Trainer {
    bits: u8,
    max_len: usize,
    min_count: u32,
    /// Probability with which a word is read as unknown in each training pass.
    word_dropout: f32,
    /// Running texts: their tokens and the token indexes where sentences start.
    docs: Vec<(Vec<Tok>, Vec<usize>)>,
    lengths: Vec<u64>,
    /// The context network trained with the linear weights, and its learning rate.
    context: (ContextShape, f32),
}

impl Trainer {
    /// A trainer with `2^bits` buckets (clamped to 10..=24) and sentences of at most
    /// `max_len` tokens in decoding. Words seen fewer than `min_count` times are read as
    /// unknown words of their shape (0: every word is known).
    pub fn new(bits: u8, max_len: usize, min_count: u32) -> Self {
        let bits = bits.clamp(BITS.start, BITS.end - 1);
        let max_len = max_len.clamp(2, MAX_LEN_LIMIT);
        Trainer {
            bits,
            max_len,
            min_count,
            word_dropout: 0.0,
            docs: Vec::new(),
            lengths: vec![0; max_len],
            context: (ContextShape::NONE, 0.0),
        }
    }

    /// Trains a context network of `shape` (clamped: [`ContextShape::clamped`]) jointly
    /// with the linear weights, by AdaGrad with learning rate `rate`
    /// ([`ContextShape::NONE`], the default: none).
    pub fn with_context(mut self, shape: ContextShape, rate: f32) -> Self {
        self.context = (shape.clamped(), rate);
        self
    }

    /// In each training pass, reads every word as an unknown word of its shape with
    /// probability `p` (clamped to 0..=0.9; 0, the default: never). The features that do
    /// not name the word (shapes, suffixes, closed-class words) then learn to decide
    /// without it, as they must in text of another genre, where many words are unknown.
    pub fn with_word_dropout(mut self, p: f32) -> Self {
        self.word_dropout = if p.is_finite() {
            p.clamp(0.0, 0.9)
        } else {
            0.0
        };
        self
    }

    /// How many gaps have been added.
    pub fn gaps(&self) -> usize {
        self.docs
            .iter()
            .map(|(t, _)| t.len().saturating_sub(1))
            .sum()
    }

    /// Adds one running text: its sentences, each as tokens (see [`unpunctuated_tokens`]).
    pub fn add_document(&mut self, sentences: &[Vec<String>]) {
        let mut tokens = Vec::new();
        let mut starts = Vec::new();
        for s in sentences.iter().filter(|s| !s.is_empty()) {
            starts.push(tokens.len());
            self.lengths[s.len().min(self.max_len) - 1] += 1;
            for t in s {
                tokens.push(tok(t, 0, 0, true));
            }
        }
        self.docs.push((tokens, starts));
    }

    /// Runs `epochs` passes of AdaGrad with learning rate `rate` and returns the model,
    /// its weights quantized to 8 bits (weights that round to zero are dropped).
    pub fn train(&self, epochs: usize, rate: f32) -> BoundaryModel {
        let mut counts: std::collections::HashMap<u32, u32> = Default::default();
        for (tokens, _) in &self.docs {
            for t in tokens {
                *counts.entry(t.word as u32).or_default() += 1;
            }
        }
        let mut vocab: Vec<u32> = if self.min_count == 0 {
            Vec::new()
        } else {
            counts
                .into_iter()
                .filter(|&(_, c)| c >= self.min_count)
                .map(|(h, _)| h)
                .collect()
        };
        vocab.sort_unstable();
        let dropout = self.word_dropout;
        let mut drop_rng = 0x9e37_79b9_7f4a_7c15u64;
        // Each pass reads the texts afresh (words dropped anew); a gap is its features,
        // its label, and where it is (text, token) for the context network.
        type Gap = (Vec<u32>, bool, u32, u32);
        let mut build = |gaps: &mut Vec<Gap>, texts: &mut Vec<Vec<Tok>>, drop: bool| {
            gaps.clear();
            texts.clear();
            let mut feats = Vec::new();
            for (d, (tokens, starts)) in self.docs.iter().enumerate() {
                let mut tokens = tokens.clone();
                unknown_words(&mut tokens, &vocab);
                if drop {
                    for t in &mut tokens {
                        if ((xorshift(&mut drop_rng) >> 40) as f32 / (1u64 << 24) as f32) < dropout
                        {
                            t.word = mix(0x0a11_cafe, t.shape);
                        }
                    }
                }
                let mut next = 0;
                for g in 1..tokens.len() {
                    while next < starts.len() && starts[next] < g {
                        next += 1;
                    }
                    let gold = next < starts.len() && starts[next] == g;
                    features(&tokens, g, self.bits, &mut feats);
                    gaps.push((feats.clone(), gold, d as u32, g as u32));
                }
                texts.push(tokens);
            }
        };
        let mut gaps: Vec<Gap> = Vec::new();
        let mut texts: Vec<Vec<Tok>> = Vec::new();
        build(&mut gaps, &mut texts, false);
        let (shape, net_rate) = self.context;
        let mut net = shape
            .is_some()
            .then(|| ContextNet::new(shape, 0x51f1_5eed_c0de_0001));
        let mut net_acc = net.as_ref().map(ContextNet::accumulators);
        let mut scratch = Scratch::default();
        let size = 1usize << self.bits;
        let mut w = vec![0f32; size];
        let mut g2 = vec![1e-6f32; size];
        let (mut bias, mut bias_g2) = (0f32, 1e-6f32);
        let mut order: Vec<usize> = (0..gaps.len()).collect();
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..epochs {
            if dropout > 0.0 {
                build(&mut gaps, &mut texts, true);
            }
            for i in (1..order.len()).rev() {
                order.swap(i, (xorshift(&mut rng) % (i as u64 + 1)) as usize);
            }
            for &i in &order {
                let (feats, gold, d, g) = &gaps[i];
                let mut z = bias + feats.iter().map(|&f| w[f as usize]).sum::<f32>();
                if let Some(net) = &net {
                    z += net.logit(&texts[*d as usize], *g as usize, &mut scratch);
                }
                let p = 1.0 / (1.0 + (-z).exp());
                let grad = p - if *gold { 1.0 } else { 0.0 };
                if let (Some(net), Some(acc)) = (&mut net, &mut net_acc) {
                    net.step(&scratch, grad, net_rate, acc);
                }
                bias_g2 += grad * grad;
                bias -= rate * grad / bias_g2.sqrt();
                for &f in feats {
                    let f = f as usize;
                    g2[f] += grad * grad;
                    w[f] -= rate * grad / g2[f].sqrt();
                }
            }
        }
        let top = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = top / 127.0;
        let weights = w
            .iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        let total: u64 = self.lengths.iter().sum::<u64>() + self.lengths.len() as u64;
        let prior = self
            .lengths
            .iter()
            .map(|&c| ((c + 1) as f64 / total as f64).ln() as f32)
            .collect();
        // The classifier's bias already carries the boundary rate; the decoder replaces
        // it by the length prior, so start from an offset that removes it.
        let starts = self.lengths.iter().sum::<u64>() as f32 / gaps.len().max(1) as f32;
        let offset = -(starts / (1.0 - starts)).max(1e-6).ln();
        BoundaryModel {
            bits: self.bits,
            weights,
            scale,
            bias,
            offset,
            prior_weight: 1.0,
            rate_matching: true,
            prior,
            vocab,
            context: net.map(|n| n.quantized()),
            sequence: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn ptb_tokenization_splits_punctuation_and_clitics() {
        assert_eq!(
            unpunctuated_tokens("\"I don't know,\" she said of Dr. Lane's (old) car!"),
            toks("`` i do n't know , '' she said of dr. lane 's ( old ) car")
        );
        assert_eq!(
            unpunctuated_tokens("He left at 9 p.m. on Monday."),
            toks("he left at 9 p.m. on monday")
        );
        assert_eq!(
            unpunctuated_tokens("Really?\""),
            toks("really ''"),
            "the stop before a closing quote goes"
        );
        let w = "russia 's influence ''";
        for word in w.split(' ') {
            assert_eq!(ptb_split_word(word, false), vec![0..word.len()]);
        }
    }

    fn tiny_model() -> BoundaryModel {
        // A hand-written corpus where sentences always start with "the" or "we" and end
        // with a noun after "rose" or "left".
        let sents = [
            "the river rose fast",
            "we left the town",
            "the water rose again",
            "we saw the river",
            "the bridge held well",
            "we left at dawn",
        ];
        let mut t = Trainer::new(12, 20, 0);
        for k in 0..30 {
            let doc: Vec<Vec<String>> = (0..sents.len())
                .map(|i| toks(sents[(i + k) % sents.len()]))
                .collect();
            t.add_document(&doc);
        }
        t.train(5, 0.5)
    }

    #[test]
    fn a_model_from_a_tiny_corpus_finds_the_obvious_boundary() {
        let m = tiny_model();
        let text = "the river rose again we left the town";
        let got: Vec<&str> = m
            .split(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["the river rose again", "we left the town"]);
    }

    #[test]
    fn models_round_trip_and_corrupt_files_are_rejected() {
        let m = tiny_model();
        let bytes = m.to_bytes();
        assert_eq!(BoundaryModel::from_bytes(&bytes).as_ref(), Ok(&m));
        assert_eq!(
            BoundaryModel::from_bytes(b"nonsense"),
            Err(ModelError::BadMagic)
        );
        assert!(BoundaryModel::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(BoundaryModel::from_bytes(&bytes[..10]).is_err());
        for i in (MAGIC.len()..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(BoundaryModel::from_bytes(&bad).is_err(), "flip at {i}");
        }
    }

    #[test]
    fn loading_a_model_file_gives_typed_errors_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.bin");
        let e = BoundaryModel::load(&missing).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::NotFound(p) if p == &missing));
        let junk = dir.path().join("junk.bin");
        std::fs::write(&junk, b"EPBDRY01 an older format").unwrap();
        let e = BoundaryModel::load(&junk).unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::BoundaryModel { path, source: ModelError::BadMagic } if path == &junk
        ));
        assert!(e.to_string().contains("junk.bin"), "{e}");
        let good = dir.path().join("good.bin");
        let m = tiny_model();
        std::fs::write(&good, m.to_bytes()).unwrap();
        assert_eq!(BoundaryModel::load(&good).unwrap(), m);
    }

    #[test]
    fn rate_matching_shifts_only_long_passages_towards_the_training_rate() {
        let m = tiny_model();
        let (offset, _) = m.decoding();
        // Scores far below the training rate: a long passage is shifted up, a short one
        // is left alone.
        let low = offset - 8.0;
        let mut long: Vec<(usize, f32)> = (1..=ADAPT_MIN_GAPS).map(|g| (g, low)).collect();
        m.match_rate(&mut long);
        assert!(long
            .iter()
            .all(|&(_, s)| (s - low - ADAPT_MAX_SHIFT).abs() < 1e-4));
        let mut short: Vec<(usize, f32)> = (1..ADAPT_MIN_GAPS).map(|g| (g, low)).collect();
        m.match_rate(&mut short);
        assert!(short.iter().all(|&(_, s)| s == low));
        // Switched off, even a long passage keeps its scores.
        let mut off = m.clone();
        off.set_rate_matching(false);
        let mut long: Vec<(usize, f32)> = (1..=ADAPT_MIN_GAPS).map(|g| (g, low)).collect();
        off.match_rate(&mut long);
        assert!(long.iter().all(|&(_, s)| s == low));
    }

    /// `body` (a model file without its checksum) with a valid checksum appended.
    fn sealed(mut body: Vec<u8>) -> Vec<u8> {
        let sum = fnv1a(FNV_OFFSET, &body);
        body.extend_from_slice(&sum.to_le_bytes());
        body
    }

    #[test]
    fn older_versions_are_read_and_the_flags_round_trip() {
        let mut m = tiny_model();
        m.set_rate_matching(false);
        let v5 = m.to_bytes();
        assert!(!BoundaryModel::from_bytes(&v5).unwrap().rate_matching());
        let body = &v5[..v5.len() - 8];
        assert_eq!(
            &body[body.len() - 2..],
            &[0, 0],
            "no context network, no sequence network"
        );
        // Version 4: no sequence-network flag at the end.
        let mut v4 = MAGIC_V4.to_vec();
        v4.extend_from_slice(&body[MAGIC.len()..body.len() - 1]);
        let read = BoundaryModel::from_bytes(&sealed(v4)).expect("version 4 reads");
        assert_eq!(read, m);
        // Version 3: no context-network flag either.
        let mut v3 = MAGIC_V3.to_vec();
        v3.extend_from_slice(&body[MAGIC.len()..body.len() - 2]);
        let read = BoundaryModel::from_bytes(&sealed(v3.clone())).expect("version 3 reads");
        assert_eq!(read, m);
        // Version 2: no rate-matching flag after the decoder settings either.
        let flag_at = MAGIC.len() + 1 + 2 + 4 * 4;
        let mut v2 = MAGIC_V2.to_vec();
        v2.extend_from_slice(&v3[MAGIC.len()..flag_at]);
        v2.extend_from_slice(&v3[flag_at + 1..]);
        let read = BoundaryModel::from_bytes(&sealed(v2)).expect("a version 2 file reads");
        assert!(read.rate_matching());
        m.set_rate_matching(true);
        assert_eq!(read, m);
        // A flag other than 0 or 1 is rejected (with a valid checksum).
        let mut bad = body.to_vec();
        bad[flag_at] = 7;
        assert_eq!(
            BoundaryModel::from_bytes(&sealed(bad)),
            Err(ModelError::Invalid("rate-matching flag is not 0 or 1"))
        );
        let mut bad = body.to_vec();
        let n = bad.len();
        bad[n - 2] = 2;
        assert_eq!(
            BoundaryModel::from_bytes(&sealed(bad)),
            Err(ModelError::Invalid("context-network flag is not 0 or 1"))
        );
        let mut bad = body.to_vec();
        *bad.last_mut().unwrap() = 2;
        assert_eq!(
            BoundaryModel::from_bytes(&sealed(bad)),
            Err(ModelError::Invalid("sequence-network flag is not 0 or 1"))
        );
    }

    /// A sequence file holding `net` and the decoder settings given.
    fn sequence_file(net: &SequenceNet, offset: f32, prior_weight: f32, rate: bool) -> Vec<u8> {
        let mut out = SEQUENCE_MAGIC.to_vec();
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&prior_weight.to_le_bytes());
        out.push(u8::from(rate));
        net.write(&mut out);
        sealed(out)
    }

    #[test]
    fn a_sequence_file_attaches_round_trips_and_is_validated() {
        let mut m = BoundaryModel::from_bytes(small_context_model()).unwrap();
        assert_eq!(m.sequence_shape(), None);
        let before = m.clone();
        let net = sequence::tests::toy(sequence::tests::SMALL, vec![3, 8, 40], 9);
        let file = sequence_file(&net, 1.25, 0.75, false);
        // Rejected files leave the model as it was.
        let mut bad = file.clone();
        bad[0] = b'X';
        assert_eq!(m.attach_sequence(&bad), Err(ModelError::BadMagic));
        let mut bad = file.clone();
        bad[30] ^= 0x55;
        assert_eq!(m.attach_sequence(&bad), Err(ModelError::Checksum));
        for n in [8, 20, file.len() / 2] {
            assert!(m.attach_sequence(&sealed(file[..n].to_vec())).is_err());
        }
        assert_eq!(m, before);
        m.attach_sequence(&file).unwrap();
        assert_eq!(m.sequence_shape(), Some(sequence::tests::SMALL));
        assert_eq!(m.sequence_weight(), Some(1.5));
        assert_eq!(m.decoding(), (1.25, 0.75));
        assert!(!m.rate_matching());
        let bytes = m.to_bytes();
        assert_eq!(&bytes[..MAGIC.len()], MAGIC);
        let back = BoundaryModel::from_bytes(&bytes).unwrap();
        assert_eq!(back, m);
        let text = "the river rose we left the town the bridge held";
        assert_eq!(
            back.split(text, 0..text.len()),
            m.split(text, 0..text.len())
        );
    }

    /// The sequence network's log-odds reach the decoder: a network that finds a
    /// boundary at every gap cuts every word off, one that finds none keeps the passage
    /// whole.
    #[test]
    fn the_sequence_network_steers_the_cut() {
        let text = "the river rose we left the town the bridge held";
        let cut_with = |bias: f32| {
            let mut m = BoundaryModel::from_bytes(small_context_model()).unwrap();
            let mut net = sequence::tests::toy(sequence::tests::SMALL, Vec::new(), 4);
            net.force_output(bias);
            m.attach_sequence(&sequence_file(&net, 0.0, 1.0, false))
                .unwrap();
            m.split(text, 0..text.len())
        };
        assert_eq!(cut_with(100.0).len(), text.split_whitespace().count());
        assert_eq!(cut_with(-100.0), vec![0..text.len()]);
    }

    /// Running texts of two kinds of sentence, `open p q r s t` and `shut p q r s t open
    /// p q r s t`, in a random order: at a gap `t | open`, a sentence starts exactly when
    /// the word six places back is `open`, which no linear feature (three words each
    /// side) can see.
    fn far_marker_model(context: ContextShape) -> BoundaryModel {
        let one = toks("open p q r s t");
        let two = toks("shut p q r s t open p q r s t");
        let mut rng = 0x1234_5678_9abc_def1u64;
        let mut t = Trainer::new(12, 30, 0).with_context(context, 0.1);
        for _ in 0..60 {
            let doc: Vec<Vec<String>> = (0..20)
                .map(|_| {
                    if xorshift(&mut rng).is_multiple_of(2) {
                        one.clone()
                    } else {
                        two.clone()
                    }
                })
                .collect();
            t.add_document(&doc);
        }
        t.train(6, 0.1)
    }

    /// The log-odds at the gap before word 6 of `text`.
    fn odds_at_word_6(m: &BoundaryModel, text: &str) -> f32 {
        m.gap_log_odds(text, 0..text.len())[5].1
    }

    fn small_context_model() -> &'static [u8] {
        static FILE: OnceLock<Vec<u8>> = OnceLock::new();
        FILE.get_or_init(|| {
            let shape = ContextShape {
                window: 2,
                dim: 4,
                hidden: 3,
                bits: 8,
            };
            let sents = [
                "the river rose fast",
                "we left the town",
                "the bridge held well",
            ];
            let mut t = Trainer::new(10, 12, 0).with_context(shape, 0.1);
            for k in 0..6 {
                let doc: Vec<Vec<String>> = (0..3).map(|i| toks(sents[(i + k) % 3])).collect();
                t.add_document(&doc);
            }
            t.train(2, 0.1).to_bytes()
        })
    }

    /// [`small_context_model`] with a small sequence network too.
    fn small_full_model() -> &'static [u8] {
        static FILE: OnceLock<Vec<u8>> = OnceLock::new();
        FILE.get_or_init(|| {
            let mut m = BoundaryModel::from_bytes(small_context_model()).unwrap();
            let net = sequence::tests::toy(sequence::tests::SMALL, vec![1, 2, 3], 21);
            m.attach_sequence(&sequence_file(&net, 0.5, 1.0, true))
                .unwrap();
            m.to_bytes()
        })
    }

    proptest::proptest! {
        /// Edits anywhere in a model file with both networks, with the checksum made
        /// valid again so that the field checks are what is tested: reading never panics,
        /// and a model that reads cuts text into sound ranges.
        #[test]
        fn edited_model_files_never_panic(
            edits in proptest::collection::vec((0usize..1_000_000, proptest::num::u8::ANY), 1..6),
            cut in proptest::option::of(0usize..1_000_000),
        ) {
            let file = small_full_model();
            let mut body = file[..file.len() - 8].to_vec();
            let n = body.len();
            for (at, b) in edits {
                body[at % n] = b;
            }
            if let Some(c) = cut {
                body.truncate(c % n);
            }
            let sum = fnv1a(FNV_OFFSET, &body);
            body.extend_from_slice(&sum.to_le_bytes());
            if let Ok(m) = BoundaryModel::from_bytes(&body) {
                let text = "the river rose we left the town the bridge held";
                let mut at = 0;
                for r in m.split(text, 0..text.len()) {
                    proptest::prop_assert!(at <= r.start && r.start < r.end && r.end <= text.len());
                    at = r.end;
                }
            }
        }
    }

    #[test]
    fn a_context_network_sees_what_the_linear_features_cannot() {
        let shape = ContextShape {
            window: 6,
            dim: 8,
            hidden: 16,
            bits: 10,
        };
        let (starts, inside) = (
            "open p q r s t open p q r s t",
            "shut p q r s t open p q r s t",
        );
        let linear = far_marker_model(ContextShape::NONE);
        assert_eq!(linear.context_shape(), ContextShape::NONE);
        assert_eq!(
            odds_at_word_6(&linear, starts),
            odds_at_word_6(&linear, inside),
            "the linear features alone read both gaps the same"
        );
        let m = far_marker_model(shape);
        assert_eq!(m.context_shape(), shape);
        let (yes, no) = (odds_at_word_6(&m, starts), odds_at_word_6(&m, inside));
        assert!(yes > 1.0 && no < -1.0, "{yes} {no}");
        // Sizes out of range are clamped, so the model still reads back.
        let odd = ContextShape {
            window: 0,
            dim: 0,
            hidden: 700,
            bits: 2,
        };
        let clamped = far_marker_model(odd);
        assert_eq!(clamped.context_shape(), odd.clamped());
        assert_eq!(
            odd.clamped(),
            ContextShape {
                window: 1,
                dim: 1,
                hidden: 512,
                bits: 8
            }
        );
        assert!(BoundaryModel::from_bytes(&clamped.to_bytes()).is_ok());
        // The network is part of the file, and training is deterministic.
        let bytes = m.to_bytes();
        let read = BoundaryModel::from_bytes(&bytes).expect("reads back");
        assert_eq!(read, m);
        assert_eq!(odds_at_word_6(&read, inside), no);
        assert_eq!(far_marker_model(shape).to_bytes(), bytes);
        for i in (bytes.len() - 2000..bytes.len()).step_by(13) {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(BoundaryModel::from_bytes(&bad).is_err(), "flip at {i}");
        }
        assert!(BoundaryModel::from_bytes(&bytes[..bytes.len() - 100]).is_err());
    }

    #[test]
    fn the_builtin_model_loads() {
        let m = BoundaryModel::builtin().expect("the shipped model is valid");
        assert!(m.nonzero_weights() > 1000);
        assert!(m.context_shape().is_some());
        assert!(m.sequence_shape().is_some());
    }

    /// A name that recurs in the text is a phrase, and the model does not cut it. (The
    /// built-in model alone cuts `hun | sen` here, reading the unknown `sen` as a
    /// sentence start; `Phrases::none()` shows it.)
    #[test]
    fn a_recurring_name_is_not_cut() {
        let m = BoundaryModel::builtin().expect("the shipped model is valid");
        let text = "opposition leaders prince norodom ranariddh and sam rainsy , citing hun sen \
                    's threats to arrest opposition figures after two alleged attempts on his \
                    life , said they could not negotiate freely in cambodia and called for \
                    talks at sihanouk 's residence in beijing the opposition organized \
                    protests in phnom penh seeking hun sen 's ouster that were violently \
                    dispersed";
        let hun: Vec<usize> = text.match_indices("hun sen").map(|(i, _)| i).collect();
        let cuts_inside = |ranges: &[Range<usize>]| {
            ranges
                .iter()
                .any(|r| hun.iter().any(|&h| r.start == h + "hun ".len()))
        };
        let alone = m.split_in(text, 0..text.len(), &Phrases::none());
        let with_phrases = m.split(text, 0..text.len());
        assert!(cuts_inside(&alone), "{alone:?}");
        assert!(!cuts_inside(&with_phrases), "{with_phrases:?}");
        let beijing = text.find("the opposition organized").unwrap();
        assert!(with_phrases.iter().any(|r| r.start == beijing));
    }

    #[test]
    fn decoding_is_bounded_and_ranges_are_valid() {
        let m = tiny_model();
        let text = "ünïcödé wörds and emoji 🎉 ".repeat(200) + "x,y,z".repeat(100).as_str();
        let got = m.split(&text, 0..text.len());
        let mut at = 0;
        for r in &got {
            assert!(at <= r.start && r.start < r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert_eq!(text[r.clone()].trim(), &text[r.clone()]);
            at = r.end;
        }
        assert_eq!(got.last().map(|r| r.end), Some(text.trim_end().len()));
    }
}
