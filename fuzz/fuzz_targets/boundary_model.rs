//! Boundary-model files with arbitrary edits: reading one never panics, and a file that
//! reads back cuts text into sound ranges.
//!
//! Random bytes would almost never get past the magic bytes and the checksum, so the
//! input edits a small valid model instead (trained once, with a context network): each
//! 4-byte chunk of the input is (offset: u16, new byte, how many times to repeat it),
//! and the checksum is recomputed after the edits, so the reader's field checks are what
//! is exercised. A leading `0xff` byte truncates the file at the offset that follows.
#![no_main]

use std::sync::OnceLock;

use epitome_text::boundary::{ContextShape, Trainer};
use epitome_text::BoundaryModel;
use libfuzzer_sys::fuzz_target;

fn model_file() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let sentences = [
            "the river rose in the night",
            "we moved the cattle to the ridge",
            "by noon the road was under water",
        ];
        let shape = ContextShape {
            window: 2,
            dim: 4,
            hidden: 3,
            bits: 8,
        };
        let mut t = Trainer::new(10, 12, 0).with_context(shape, 0.1);
        for k in 0..6 {
            let doc: Vec<Vec<String>> = (0..3).map(|i| words(sentences[(i + k) % 3])).collect();
            t.add_document(&doc);
        }
        t.train(2, 0.1).to_bytes()
    })
}

/// FNV-1a, 64 bits: the model file's checksum.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fuzz_target!(|data: &[u8]| {
    let file = model_file();
    let mut body = file[..file.len() - 8].to_vec();
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
    let Ok(model) = BoundaryModel::from_bytes(&body) else {
        return;
    };
    // The model reads back what it writes.
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
    // Scores may be anything (an edited weight can be huge), but they are keyed by word
    // starts inside the text.
    for (i, _) in model.gap_log_odds(text, 0..text.len()) {
        assert!(i < text.len() && text.is_char_boundary(i), "{i}");
    }
});
