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

#[path = "model_files.rs"]
mod model_files;
use model_files::{edited_and_sealed, reads_back_and_cuts_soundly};

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
    let body = edited_and_sealed(sequence_body(), data);
    let mut model = base.clone();
    if model.attach_sequence(&body).is_err() {
        assert_eq!(&model, base, "a failed attach changes nothing");
        return;
    }
    reads_back_and_cuts_soundly(&model);
});
