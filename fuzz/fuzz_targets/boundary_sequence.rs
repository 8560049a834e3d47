//! Sequence files with arbitrary edits: attaching one to a boundary model never panics,
//! a failed attach leaves the model as it was, and a model with an attached network
//! reads back what it writes and cuts text into sound ranges.
//!
//! The input edits a small valid sequence file built here byte by byte (one layer, one
//! hidden unit, one-dimensional embeddings, `2^4`-row class and suffix tables): each
//! 4-byte chunk is (offset: u16, new byte, how many times to repeat it), and the
//! checksum is recomputed after the edits, so the reader's field checks are what is
//! exercised. A leading `0xff` byte truncates the file at the offset that follows.
#![no_main]

use epitome_text::BoundaryModel;
use libfuzzer_sys::fuzz_target;

/// FNV-1a, 64 bits: the sequence file's checksum.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A valid sequence file without its checksum.
fn sequence_body() -> Vec<u8> {
    let mut out = b"EPBSEQ01".to_vec();
    let f = |out: &mut Vec<u8>, x: f32| out.extend_from_slice(&x.to_le_bytes());
    f(&mut out, 1.5); // gap offset
    f(&mut out, 0.5); // length-prior weight
    out.push(0); // no rate matching
    out.push(1); // layers
    for dim in [1u16, 1, 1, 1, 1] {
        // hidden, word, class, suffix, head
        out.extend_from_slice(&dim.to_le_bytes());
    }
    out.extend_from_slice(&[18, 4, 4]); // word, class, suffix bits
    f(&mut out, 0.5); // weight
    out.extend_from_slice(&1u32.to_le_bytes()); // one word key
    out.extend_from_slice(&7u32.to_le_bytes());
    for _ in 0..(2 + 16 + 16) {
        // embedding rows: scale, one signed byte
        f(&mut out, 0.01);
        out.push(100);
    }
    // Two directions of (3 × 3 input, 3 × 1 hidden, 3 + 3 bias), then the head (4 + 1),
    // the output weights (1) and bias.
    for i in 0..(2 * 18 + 7) {
        f(&mut out, (i % 7) as f32 * 0.1 - 0.3);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let base = BoundaryModel::builtin().expect("the built-in model is valid");
    let mut body = sequence_body();
    let mut edits = data;
    if let [0xff, a, b, rest @ ..] = data {
        body.truncate(u16::from_le_bytes([*a, *b]) as usize);
        edits = rest;
    }
    for chunk in edits.chunks_exact(4) {
        let at = u16::from_le_bytes([chunk[0], chunk[1]]) as usize;
        for i in 0..=(chunk[3] as usize % 8) {
            if let Some(b) = body.get_mut(at + i) {
                *b = chunk[2];
            }
        }
    }
    let sum = fnv1a(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    let mut model = base.clone();
    if model.attach_sequence(&body).is_err() {
        assert_eq!(&model, base, "a failed attach changes nothing");
        return;
    }
    assert_eq!(
        BoundaryModel::from_bytes(&model.to_bytes()).as_ref(),
        Ok(&model)
    );
    let text = "the road was under water we moved the cattle by noon the river rose again";
    let mut at = 0;
    for r in model.split(text, 0..text.len()) {
        assert!(
            at <= r.start && r.start < r.end && r.end <= text.len(),
            "{r:?}"
        );
        at = r.end;
    }
});
