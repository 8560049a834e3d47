//! The context network: a small feed-forward network over the words around a gap, whose
//! output is added to the linear classifier's log-odds.
//!
//! The linear classifier sees each feature alone: the words one to three places away
//! and the n-grams across the gap. It cannot tell that `nasa celebrates 30th |
//! anniversary` splits a phrase because `30th anniversary` was never seen together, nor
//! weigh the words further away together. The network reads [`ContextShape::window`]
//! words on each side of the gap, each as the sum of two learned embeddings (its word,
//! and its class: the word itself for a closed-class word, its shape otherwise, so that
//! unknown words still carry their shape), through one hidden layer of rectified units.
//! It is trained jointly with the linear weights, on the same gaps and loss, so it learns
//! what they miss.
//!
//! Arithmetic is plain `f32` in a fixed order, so a gap's score is the same on every run.

use super::{mix, xorshift, ModelError, Reader, Tok, PAD};

/// The sizes of a context network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextShape {
    /// Words read on each side of the gap.
    pub window: usize,
    /// Embedding dimension.
    pub dim: usize,
    /// Hidden units (0: no network).
    pub hidden: usize,
    /// The embedding table has `2^bits` rows.
    pub bits: u8,
}

impl ContextShape {
    /// No network: the linear classifier alone.
    pub const NONE: ContextShape = ContextShape {
        window: 0,
        dim: 0,
        hidden: 0,
        bits: 0,
    };

    /// The network the built-in model uses and the trainer's default: 6 words each side,
    /// 16-dimensional embeddings in `2^13` rows, 32 hidden units. On the built-in model's
    /// held-out text, 8 or 10 words a side, 64 hidden units or `2^15` rows did no better
    /// (`models/README.md`).
    pub const DEFAULT: ContextShape = ContextShape {
        window: 6,
        dim: 16,
        hidden: 32,
        bits: 13,
    };

    /// Whether this shape has a network at all.
    pub fn is_some(&self) -> bool {
        self.hidden > 0
    }

    /// The shape with every size clamped into what a model file may hold (window 1–32,
    /// dimension 1–128, hidden units up to 512, `2^8`–`2^20` rows); no hidden units stays
    /// no network.
    pub fn clamped(self) -> ContextShape {
        if !self.is_some() {
            return ContextShape::NONE;
        }
        ContextShape {
            window: self.window.clamp(1, 32),
            dim: self.dim.clamp(1, 128),
            hidden: self.hidden.min(512),
            bits: self.bits.clamp(8, 20),
        }
    }

    fn inputs(&self) -> usize {
        2 * self.window * self.dim
    }

    fn valid(&self) -> bool {
        (1..=32).contains(&self.window)
            && (1..=128).contains(&self.dim)
            && (1..=512).contains(&self.hidden)
            && (8..=20).contains(&self.bits)
    }
}

/// A trained (or training) context network.
#[derive(Clone, PartialEq)]
pub(super) struct ContextNet {
    pub(super) shape: ContextShape,
    /// `2^bits × dim` embeddings, row-major.
    emb: Vec<f32>,
    /// Input-to-hidden weights, `inputs × hidden`, input-major (so that a forward pass
    /// adds one input's row to every hidden unit at once).
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: f32,
}

/// What a forward pass keeps for the backward pass.
#[derive(Default)]
pub(super) struct Scratch {
    rows: Vec<usize>,
    x: Vec<f32>,
    h: Vec<f32>,
}

/// AdaGrad's squared-gradient sums for every parameter of a network.
pub(super) struct Accumulators {
    emb: Vec<f32>,
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: f32,
}

impl ContextNet {
    /// A network with small random weights drawn from `seed` (deterministic).
    pub(super) fn new(shape: ContextShape, seed: u64) -> ContextNet {
        let mut rng = seed | 1;
        let mut uniform = |scale: f32| {
            ((xorshift(&mut rng) >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * scale
        };
        let rows = 1usize << shape.bits;
        let fan = (6.0 / (shape.inputs() + shape.hidden) as f32).sqrt();
        ContextNet {
            shape,
            emb: (0..rows * shape.dim).map(|_| uniform(0.1)).collect(),
            w1: (0..shape.inputs() * shape.hidden)
                .map(|_| uniform(fan))
                .collect(),
            b1: vec![0.0; shape.hidden],
            w2: (0..shape.hidden).map(|_| uniform(0.05)).collect(),
            b2: 0.0,
        }
    }

    pub(super) fn accumulators(&self) -> Accumulators {
        Accumulators {
            emb: vec![1e-6; self.emb.len()],
            w1: vec![1e-6; self.w1.len()],
            b1: vec![1e-6; self.b1.len()],
            w2: vec![1e-6; self.w2.len()],
            b2: 1e-6,
        }
    }

    /// The embedding rows of the tokens around the gap before token `g`: for each
    /// position, its word's row and its class's row.
    fn rows(&self, tokens: &[Tok], g: usize, out: &mut Vec<usize>) {
        out.clear();
        let shift = 64 - self.shape.bits as u32;
        let w = self.shape.window as isize;
        for i in (g as isize - w)..(g as isize + w) {
            let t = if i < 0 || i as usize >= tokens.len() {
                &PAD
            } else {
                &tokens[i as usize]
            };
            out.push((mix(0xe1, t.word) >> shift) as usize);
            out.push((mix(0xe2, t.class) >> shift) as usize);
        }
    }

    /// The network's log-odds for the gap before token `g`.
    pub(super) fn logit(&self, tokens: &[Tok], g: usize, s: &mut Scratch) -> f32 {
        let d = self.shape.dim;
        let hn = self.shape.hidden;
        let mut rows = std::mem::take(&mut s.rows);
        self.rows(tokens, g, &mut rows);
        s.x.clear();
        for pair in rows.chunks_exact(2) {
            let (a, b) = (pair[0] * d, pair[1] * d);
            s.x.extend((0..d).map(|k| self.emb[a + k] + self.emb[b + k]));
        }
        s.rows = rows;
        s.h.clear();
        s.h.extend_from_slice(&self.b1);
        for (j, &xj) in s.x.iter().enumerate() {
            let row = &self.w1[j * hn..(j + 1) * hn];
            for (h, &w) in s.h.iter_mut().zip(row) {
                *h += w * xj;
            }
        }
        let mut z = self.b2;
        for (h, &w) in s.h.iter_mut().zip(&self.w2) {
            *h = h.max(0.0);
            z += *h * w;
        }
        z
    }

    /// One AdaGrad step on the loss whose derivative by this network's logit is `dz`,
    /// for the gap whose forward pass left `s`.
    pub(super) fn step(&mut self, s: &Scratch, dz: f32, rate: f32, acc: &mut Accumulators) {
        let d = self.shape.dim;
        let hn = self.shape.hidden;
        let ada = |w: &mut f32, g2: &mut f32, grad: f32| {
            *g2 += grad * grad;
            *w -= rate * grad / g2.sqrt();
        };
        // Hidden-layer gradients (through the rectifier), before w2 changes.
        let da: Vec<f32> =
            s.h.iter()
                .zip(&self.w2)
                .map(|(&h, &w)| if h > 0.0 { dz * w } else { 0.0 })
                .collect();
        for ((w, g2), &h) in self.w2.iter_mut().zip(&mut acc.w2).zip(&s.h) {
            ada(w, g2, dz * h);
        }
        ada(&mut self.b2, &mut acc.b2, dz);
        for ((b, g2), &a) in self.b1.iter_mut().zip(&mut acc.b1).zip(&da) {
            ada(b, g2, a);
        }
        for (j, &xj) in s.x.iter().enumerate() {
            let row = j * hn..(j + 1) * hn;
            // The input's gradient, with the weights as they were.
            let dx: f32 = self.w1[row.clone()]
                .iter()
                .zip(&da)
                .map(|(&w, &a)| w * a)
                .sum();
            if xj != 0.0 {
                for ((w, g2), &a) in self.w1[row.clone()]
                    .iter_mut()
                    .zip(&mut acc.w1[row])
                    .zip(&da)
                {
                    if a != 0.0 {
                        ada(w, g2, a * xj);
                    }
                }
            }
            if dx != 0.0 {
                let (p, k) = (j / d, j % d);
                for &r in &s.rows[2 * p..2 * p + 2] {
                    let i = r * d + k;
                    ada(&mut self.emb[i], &mut acc.emb[i], dx);
                }
            }
        }
    }

    /// Appends the network to a model file: its shape, then the embeddings quantized to
    /// 8 bits with one scale, then the dense layers as `f32`.
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        let s = self.shape;
        out.push(s.window as u8);
        out.push(s.dim as u8);
        out.extend_from_slice(&(s.hidden as u16).to_le_bytes());
        out.push(s.bits);
        let top = self.emb.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = top / 127.0;
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend(
            self.emb
                .iter()
                .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
        for x in self.w1.iter().chain(&self.b1).chain(&self.w2) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(&self.b2.to_le_bytes());
    }

    /// Reads what [`ContextNet::write`] wrote; the embeddings come back dequantized.
    pub(super) fn read(r: &mut Reader<'_>) -> Result<ContextNet, ModelError> {
        let shape = ContextShape {
            window: r.u8()? as usize,
            dim: r.u8()? as usize,
            hidden: r.u16()? as usize,
            bits: r.u8()?,
        };
        if !shape.valid() {
            return Err(ModelError::Invalid("context network shape out of range"));
        }
        let scale = r.f32()?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Invalid("context network scale"));
        }
        let n = (1usize << shape.bits) * shape.dim;
        let emb = r
            .bytes(n)?
            .iter()
            .map(|&q| q as i8 as f32 * scale)
            .collect();
        let mut floats = |n: usize| r.finite_f32s(n, "non-finite context network weight");
        let w1 = floats(shape.inputs() * shape.hidden)?;
        let b1 = floats(shape.hidden)?;
        let w2 = floats(shape.hidden)?;
        let b2 = floats(1)?[0];
        Ok(ContextNet {
            shape,
            emb,
            w1,
            b1,
            w2,
            b2,
        })
    }

    /// The network as the model file will hold it: embeddings rounded to 8 bits.
    pub(super) fn quantized(&self) -> ContextNet {
        let mut bytes = Vec::new();
        self.write(&mut bytes);
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        ContextNet::read(&mut r).expect("a written network reads back")
    }
}
