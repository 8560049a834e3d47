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

#[path = "model_files.rs"]
mod model_files;
use model_files::{edited_and_sealed, reads_back_and_cuts_soundly, TEXT};

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

fuzz_target!(|data: &[u8]| {
    let file = model_file();
    let body = edited_and_sealed(file[..file.len() - 8].to_vec(), data);
    let Ok(model) = BoundaryModel::from_bytes(&body) else {
        return;
    };
    reads_back_and_cuts_soundly(&model);
    // Scores may be anything (an edited weight can be huge), but they are keyed by word
    // starts inside the text.
    for (i, _) in model.gap_log_odds(TEXT, 0..TEXT.len()) {
        assert!(i < TEXT.len() && TEXT.is_char_boundary(i), "{i}");
    }
});
