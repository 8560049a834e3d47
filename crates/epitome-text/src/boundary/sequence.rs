//! The sequence network: a bidirectional GRU over the whole passage, whose log-odds at
//! each gap are added (weighted) to the window classifier's when a passage is decoded.
//!
//! The linear features and the context network read at most six words on each side of
//! a gap. Whether a sentence can end at a gap often depends on more: whether the clause
//! that began twenty words back already has its verb, whether a list is still open. A
//! recurrent network reads the passage left to right and right to left, so each gap sees
//! everything before and after it. Each token is read as three learned embeddings, looked
//! up by the same hashes the window classifier uses: its word (a word outside the
//! network's vocabulary reads as the unknown word of its shape), its class (the word
//! itself for a closed-class word, its shape otherwise) and its last three letters. The
//! gap before token `k` is scored from the top layer's states at tokens `k - 1` and `k`
//! through one hidden layer of rectified units.
//!
//! The network is trained outside the crate, by `scripts/train_boundary_sequence.py`
//! (PyTorch), on running texts that the `boundary_sequence_data` example writes from the
//! same corpus as the window classifier; that script also picks the weight of its
//! log-odds and the decoder settings on the same held-out texts. It writes a sequence
//! file (`EPBSEQ01`) that [`BoundaryModel::attach_sequence`](super::BoundaryModel::attach_sequence)
//! adds to a model.
//!
//! Arithmetic is plain `f32` in a fixed order, so scores are the same on every run. Long
//! passages are read in blocks of [`BLOCK`] tokens, each with [`MARGIN`] tokens of
//! context on both sides, so memory stays bounded whatever the passage's length.

use super::{mix, ModelError, Reader, Tok};

/// Bits of the word, class and suffix buckets the network is trained on
/// ([`SequenceInput`](super::SequenceInput)); a file records the bits it reads.
pub(super) const INPUT_BITS: (u8, u8, u8) = (18, 12, 14);

/// Tokens whose gaps one block scores.
const BLOCK: usize = 4096;

/// Tokens read before and after a block, for context only.
const MARGIN: usize = 128;

/// The sizes of a sequence network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SequenceShape {
    /// Recurrent layers (each bidirectional).
    pub layers: usize,
    /// Hidden units of each direction of each layer.
    pub hidden: usize,
    /// Dimension of the word embedding.
    pub word_dim: usize,
    /// Dimension of the class embedding.
    pub class_dim: usize,
    /// Dimension of the suffix embedding.
    pub suffix_dim: usize,
    /// Hidden units of the output layer.
    pub head: usize,
}

impl SequenceShape {
    fn valid(&self) -> bool {
        (1..=4).contains(&self.layers)
            && (1..=512).contains(&self.hidden)
            && (1..=256).contains(&self.word_dim)
            && (1..=256).contains(&self.class_dim)
            && (1..=256).contains(&self.suffix_dim)
            && (1..=512).contains(&self.head)
    }

    fn inputs(&self) -> usize {
        self.word_dim + self.class_dim + self.suffix_dim
    }
}

/// One embedding table: rows of `dim` values.
#[derive(Clone, PartialEq)]
struct Table {
    dim: usize,
    values: Vec<f32>,
}

impl Table {
    fn row(&self, i: usize) -> &[f32] {
        &self.values[i * self.dim..(i + 1) * self.dim]
    }

    /// Reads `rows` rows, each stored as an `f32` scale and `dim` signed bytes.
    fn read(r: &mut Reader<'_>, rows: usize, dim: usize) -> Result<Table, ModelError> {
        let mut values = Vec::with_capacity(rows * dim);
        for _ in 0..rows {
            let scale = r.f32()?;
            if !scale.is_finite() || scale < 0.0 {
                return Err(ModelError::Invalid("sequence network embedding scale"));
            }
            values.extend(r.bytes(dim)?.iter().map(|&q| q as i8 as f32 * scale));
        }
        Ok(Table { dim, values })
    }

    fn write(&self, out: &mut Vec<u8>) {
        for row in self.values.chunks_exact(self.dim) {
            let top = row.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = top / 127.0;
            out.extend_from_slice(&scale.to_le_bytes());
            out.extend(row.iter().map(|&x| {
                if scale > 0.0 {
                    (x / scale).round().clamp(-127.0, 127.0) as i8 as u8
                } else {
                    0
                }
            }));
        }
    }
}

/// One direction of one recurrent layer (PyTorch's GRU: gates in the order reset,
/// update, new).
#[derive(Clone, PartialEq)]
struct Gru {
    /// Input weights, input-major (`inputs × 3H`; a file holds them `3H × inputs`).
    w_ih: Vec<f32>,
    /// Hidden weights, input-major (`H × 3H`).
    w_hh: Vec<f32>,
    b_ih: Vec<f32>,
    b_hh: Vec<f32>,
}

/// A trained sequence network.
#[derive(Clone, PartialEq)]
pub(super) struct SequenceNet {
    pub(super) shape: SequenceShape,
    /// Weight of the network's log-odds in a gap's score.
    pub(super) weight: f32,
    /// Bits of the word hash the vocabulary keys hold.
    word_bits: u8,
    class_bits: u8,
    suffix_bits: u8,
    /// Sorted word keys; key `i` has embedding row `i + 1` (row 0: no key).
    keys: Vec<u32>,
    words: Table,
    classes: Table,
    suffixes: Table,
    /// `layers × 2` directions, forward first.
    grus: Vec<Gru>,
    /// Output layer's hidden units, input-major (`4H × head`).
    head_w: Vec<f32>,
    head_b: Vec<f32>,
    out_w: Vec<f32>,
    out_b: f32,
}

/// `out = bias + x · wt`, with `wt` input-major (`x.len()` rows of `bias.len()`
/// values): the inputs are taken four at a time, each group adding its four rows to every
/// output at once, in a fixed order (so a score is the same on every run, with or
/// without the wider vector instructions).
fn affine(wt: &[f32], bias: &[f32], x: &[f32], out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the processor has AVX, the only feature `affine_avx` enables.
            unsafe { affine_avx(wt, bias, x, out) };
            return;
        }
    }
    affine_plain(wt, bias, x, out);
}

/// [`affine_plain`] compiled for AVX: the same operations in the same order, wider.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn affine_avx(wt: &[f32], bias: &[f32], x: &[f32], out: &mut [f32]) {
    affine_plain(wt, bias, x, out);
}

#[inline(always)]
fn affine_plain(wt: &[f32], bias: &[f32], x: &[f32], out: &mut [f32]) {
    let m = bias.len();
    out.copy_from_slice(bias);
    let mut groups = x.chunks_exact(4);
    let mut rows = wt.chunks_exact(4 * m);
    for (xs, w) in (&mut groups).zip(&mut rows) {
        let (w0, rest) = w.split_at(m);
        let (w1, rest) = rest.split_at(m);
        let (w2, w3) = rest.split_at(m);
        for j in 0..m {
            out[j] += (xs[0] * w0[j] + xs[1] * w1[j]) + (xs[2] * w2[j] + xs[3] * w3[j]);
        }
    }
    let rest = groups.remainder();
    let base = x.len() - rest.len();
    for (k, &xk) in rest.iter().enumerate() {
        let row = &wt[(base + k) * m..(base + k + 1) * m];
        for (o, &w) in out.iter_mut().zip(row) {
            *o += xk * w;
        }
    }
}

/// `w` (`rows × cols`, row-major) transposed to `cols × rows`.
fn transpose(w: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut t = vec![0f32; w.len()];
    for r in 0..rows {
        for c in 0..cols {
            t[c * rows + r] = w[r * cols + c];
        }
    }
    t
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl SequenceNet {
    /// The embedding rows of one token: word, class, suffix.
    fn rows(&self, t: &Tok) -> (usize, usize, usize) {
        let key = |h: u64| (h >> (64 - self.word_bits as u32)) as u32;
        let find = |k: u32| self.keys.binary_search(&k).ok().map(|i| i + 1);
        let word = find(key(t.word))
            .or_else(|| find(key(mix(0x0a11_cafe, t.shape))))
            .unwrap_or(0);
        let class = (t.class >> (64 - self.class_bits as u32)) as usize;
        let suffix = (t.suffix >> (64 - self.suffix_bits as u32)) as usize;
        (word, class, suffix)
    }

    /// The network's log-odds for the gap before each token (index 0: none, 0.0).
    pub(super) fn logits(&self, tokens: &[Tok]) -> Vec<f32> {
        let n = tokens.len();
        let mut out = vec![0f32; n];
        let mut start = 0;
        while start < n {
            let end = (start + BLOCK).min(n);
            let lo = start.saturating_sub(MARGIN);
            let hi = (end + MARGIN).min(n);
            let z = self.block(&tokens[lo..hi]);
            // z[k] scores the gap before token lo + k + 1.
            for g in start.max(1)..end {
                out[g] = z[g - lo - 1];
            }
            start = end;
        }
        out
    }

    /// Gap log-odds between consecutive tokens of `tokens`, read alone.
    fn block(&self, tokens: &[Tok]) -> Vec<f32> {
        let s = self.shape;
        let h = s.hidden;
        let n = tokens.len();
        let mut xs = Vec::with_capacity(n * s.inputs());
        for t in tokens {
            let (w, c, x) = self.rows(t);
            xs.extend_from_slice(self.words.row(w));
            xs.extend_from_slice(self.classes.row(c));
            xs.extend_from_slice(self.suffixes.row(x));
        }
        let mut width = s.inputs();
        let mut ys = vec![0f32; n * 2 * h];
        let (mut gi, mut gh) = (vec![0f32; 3 * h], vec![0f32; 3 * h]);
        for layer in 0..s.layers {
            for dir in 0..2 {
                let gru = &self.grus[layer * 2 + dir];
                let mut state = vec![0f32; h];
                for step in 0..n {
                    let t = if dir == 0 { step } else { n - 1 - step };
                    affine(
                        &gru.w_ih,
                        &gru.b_ih,
                        &xs[t * width..(t + 1) * width],
                        &mut gi,
                    );
                    affine(&gru.w_hh, &gru.b_hh, &state, &mut gh);
                    for j in 0..h {
                        let r = sigmoid(gi[j] + gh[j]);
                        let u = sigmoid(gi[h + j] + gh[h + j]);
                        let c = 2.0 * sigmoid(2.0 * (gi[2 * h + j] + r * gh[2 * h + j])) - 1.0;
                        state[j] = (1.0 - u) * c + u * state[j];
                    }
                    ys[t * 2 * h + dir * h..t * 2 * h + (dir + 1) * h].copy_from_slice(&state);
                }
            }
            std::mem::swap(&mut xs, &mut ys);
            width = 2 * h;
            ys.resize(n * 2 * h, 0.0);
        }
        if n < 2 {
            return Vec::new();
        }
        // The gap before token k reads the states of k - 1 and k: 4H values.
        let mut hidden = vec![0f32; s.head];
        (1..n)
            .map(|k| {
                affine(
                    &self.head_w,
                    &self.head_b,
                    &xs[(k - 1) * 2 * h..(k + 1) * 2 * h],
                    &mut hidden,
                );
                let mut z = self.out_b;
                for (&v, &w) in hidden.iter().zip(&self.out_w) {
                    z += v.max(0.0) * w;
                }
                z
            })
            .collect()
    }

    /// Reads a network as a model file holds it (see [`SequenceNet::write`]).
    pub(super) fn read(r: &mut Reader<'_>) -> Result<SequenceNet, ModelError> {
        let shape = SequenceShape {
            layers: r.u8()? as usize,
            hidden: r.u16()? as usize,
            word_dim: r.u16()? as usize,
            class_dim: r.u16()? as usize,
            suffix_dim: r.u16()? as usize,
            head: r.u16()? as usize,
        };
        if !shape.valid() {
            return Err(ModelError::Invalid("sequence network shape out of range"));
        }
        let (word_bits, class_bits, suffix_bits) = (r.u8()?, r.u8()?, r.u8()?);
        if ![word_bits, class_bits, suffix_bits]
            .iter()
            .all(|b| (4..=24).contains(b))
        {
            return Err(ModelError::Invalid(
                "sequence network hash bits out of range",
            ));
        }
        let weight = r.f32()?;
        if !weight.is_finite() {
            return Err(ModelError::Invalid("sequence network weight"));
        }
        let nk = r.u32()? as usize;
        if nk > r.bytes.len() / 4 {
            return Err(ModelError::Truncated);
        }
        let mut keys = Vec::with_capacity(nk);
        for _ in 0..nk {
            let k = r.u32()?;
            if keys.last().is_some_and(|&p| p >= k) || (k as u64) >> word_bits != 0 {
                return Err(ModelError::Invalid("sequence network vocabulary"));
            }
            keys.push(k);
        }
        let words = Table::read(r, nk + 1, shape.word_dim)?;
        let classes = Table::read(r, 1 << class_bits, shape.class_dim)?;
        let suffixes = Table::read(r, 1 << suffix_bits, shape.suffix_dim)?;
        let mut floats = |n: usize| r.finite_f32s(n, "non-finite sequence network weight");
        let h = shape.hidden;
        let mut grus = Vec::with_capacity(shape.layers * 2);
        for layer in 0..shape.layers {
            let inputs = if layer == 0 { shape.inputs() } else { 2 * h };
            for _ in 0..2 {
                grus.push(Gru {
                    w_ih: transpose(&floats(3 * h * inputs)?, 3 * h, inputs),
                    w_hh: transpose(&floats(3 * h * h)?, 3 * h, h),
                    b_ih: floats(3 * h)?,
                    b_hh: floats(3 * h)?,
                });
            }
        }
        let head_w = transpose(&floats(shape.head * 4 * h)?, shape.head, 4 * h);
        let head_b = floats(shape.head)?;
        let out_w = floats(shape.head)?;
        let out_b = floats(1)?[0];
        Ok(SequenceNet {
            shape,
            weight,
            word_bits,
            class_bits,
            suffix_bits,
            keys,
            words,
            classes,
            suffixes,
            grus,
            head_w,
            head_b,
            out_w,
            out_b,
        })
    }

    /// Appends the network to a model file: its shape and hash bits, its weight, the
    /// sorted word keys, the three embedding tables (each row an `f32` scale and signed
    /// bytes), then every GRU (forward, backward; layer by layer: input weights, hidden
    /// weights, input bias, hidden bias) and the output layers as `f32`.
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        let s = self.shape;
        out.push(s.layers as u8);
        for x in [s.hidden, s.word_dim, s.class_dim, s.suffix_dim, s.head] {
            out.extend_from_slice(&(x as u16).to_le_bytes());
        }
        out.extend_from_slice(&[self.word_bits, self.class_bits, self.suffix_bits]);
        out.extend_from_slice(&self.weight.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        self.words.write(out);
        self.classes.write(out);
        self.suffixes.write(out);
        let mut put = |xs: &[f32]| {
            for x in xs {
                out.extend_from_slice(&x.to_le_bytes());
            }
        };
        let h = s.hidden;
        for (i, g) in self.grus.iter().enumerate() {
            let inputs = if i < 2 { s.inputs() } else { 2 * h };
            put(&transpose(&g.w_ih, inputs, 3 * h));
            put(&transpose(&g.w_hh, h, 3 * h));
            put(&g.b_ih);
            put(&g.b_hh);
        }
        put(&transpose(&self.head_w, 4 * h, s.head));
        put(&self.head_b);
        put(&self.out_w);
        put(&[self.out_b]);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A network of the given shape with small deterministic weights, for tests.
    pub(in super::super) fn toy(shape: SequenceShape, keys: Vec<u32>, seed: u64) -> SequenceNet {
        let mut rng = seed | 1;
        let mut v = |n: usize| -> Vec<f32> {
            (0..n)
                .map(|_| {
                    ((super::super::xorshift(&mut rng) >> 40) as f32 / (1u64 << 24) as f32 - 0.5)
                        * 0.8
                })
                .collect()
        };
        let h = shape.hidden;
        let mut grus = Vec::new();
        for layer in 0..shape.layers {
            let inputs = if layer == 0 { shape.inputs() } else { 2 * h };
            for _ in 0..2 {
                grus.push(Gru {
                    w_ih: v(3 * h * inputs),
                    w_hh: v(3 * h * h),
                    b_ih: v(3 * h),
                    b_hh: v(3 * h),
                });
            }
        }
        let (cb, sb) = (6u8, 6u8);
        let net = SequenceNet {
            shape,
            weight: 1.5,
            word_bits: 18,
            class_bits: cb,
            suffix_bits: sb,
            words: Table {
                dim: shape.word_dim,
                values: v((keys.len() + 1) * shape.word_dim),
            },
            keys,
            classes: Table {
                dim: shape.class_dim,
                values: v((1 << cb) * shape.class_dim),
            },
            suffixes: Table {
                dim: shape.suffix_dim,
                values: v((1 << sb) * shape.suffix_dim),
            },
            grus,
            head_w: v(shape.head * 4 * h),
            head_b: v(shape.head),
            out_w: v(shape.head),
            out_b: 0.1,
        };
        // As a file would hold it: embeddings rounded to 8 bits.
        let mut bytes = Vec::new();
        net.write(&mut bytes);
        SequenceNet::read(&mut Reader {
            bytes: &bytes,
            at: 0,
        })
        .expect("a written network reads back")
    }

    impl SequenceNet {
        /// Makes the network's output `bias` at every gap, whatever it reads.
        pub(in super::super) fn force_output(&mut self, bias: f32) {
            self.out_w.iter_mut().for_each(|w| *w = 0.0);
            self.out_b = bias;
        }
    }

    pub(in super::super) const SMALL: SequenceShape = SequenceShape {
        layers: 2,
        hidden: 5,
        word_dim: 4,
        class_dim: 3,
        suffix_dim: 2,
        head: 6,
    };

    /// A one-unit GRU whose weights are zero but for its biases has a known state after
    /// each step, and a known score.
    #[test]
    fn one_unit_gru_matches_the_equations() {
        let shape = SequenceShape {
            layers: 1,
            hidden: 1,
            word_dim: 1,
            class_dim: 1,
            suffix_dim: 1,
            head: 1,
        };
        let mut net = toy(shape, Vec::new(), 3);
        for g in &mut net.grus {
            g.w_ih.iter_mut().for_each(|w| *w = 0.0);
            g.w_hh.iter_mut().for_each(|w| *w = 0.0);
            g.b_ih = vec![0.0, 0.0, 1.0]; // reset, update, new
            g.b_hh = vec![0.0, 0.0, 0.0];
        }
        // Update gate σ(0) = 0.5, candidate tanh(1): h1 = 0.5·tanh 1, h2 = 0.75·tanh 1.
        net.head_w = vec![1.0, 0.0, 0.0, 0.0]; // reads the forward state at k - 1 only
        net.head_b = vec![0.0];
        net.out_w = vec![2.0];
        net.out_b = -0.25;
        let toks = vec![super::super::PAD; 3];
        let z = net.logits(&toks);
        let t = 1f32.tanh();
        assert_eq!(z[0], 0.0);
        assert!((z[1] - (2.0 * 0.5 * t - 0.25)).abs() < 1e-6, "{z:?}");
        assert!((z[2] - (2.0 * 0.75 * t - 0.25)).abs() < 1e-6, "{z:?}");
    }

    #[test]
    fn blocks_cover_every_gap_of_a_long_passage() {
        let net = toy(SMALL, vec![1, 5, 9], 11);
        let toks: Vec<Tok> = (0..BLOCK * 2 + 300)
            .map(|i| super::super::tok(["the", "cat", "sat", "on", "mat"][i % 5], 0, 0, true))
            .collect();
        let z = net.logits(&toks);
        assert_eq!(z.len(), toks.len());
        // Periodic text: away from the passage's ends every block scores alike.
        for g in [BLOCK - 10, BLOCK, BLOCK + 5, 2 * BLOCK + 1] {
            assert!(
                (z[g] - z[g - 5]).abs() < 1e-4,
                "gap {g}: {} vs {}",
                z[g],
                z[g - 5]
            );
        }
        assert!(z[1..].iter().all(|x| x.is_finite()));
    }

    #[test]
    fn round_trip_and_rejections() {
        let net = toy(SMALL, vec![2, 3, 70], 5);
        let mut bytes = Vec::new();
        net.write(&mut bytes);
        let back = SequenceNet::read(&mut Reader {
            bytes: &bytes,
            at: 0,
        })
        .unwrap();
        assert!(back == net);
        for cut in [0, 1, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(SequenceNet::read(&mut Reader {
                bytes: &bytes[..cut],
                at: 0,
            })
            .is_err());
        }
        let mut bad = bytes.clone();
        bad[0] = 9; // nine layers
        assert!(SequenceNet::read(&mut Reader { bytes: &bad, at: 0 }).is_err());
    }
}
