//! Every normalizer, in the pipeline's order, on arbitrary text: never panics, never
//! produces an edit the core refuses, and keeps the map to the original bytes.
#![no_main]

use epitome_core::NormalizedText;
use epitome_text::{normalize_text, normalizers, DetokNormalizer, NormalizeOptions};
use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut chain = normalizers(&NormalizeOptions::default());
    // Detokenize whatever comes, not only text that looks tokenized.
    chain.push(Box::new(DetokNormalizer::forced()));
    let mut t = NormalizedText::from_original(text);
    normalize_text(&mut t, &chain).expect("normalizers produce valid edits");
    check::map_is_sound(&t, text.as_bytes());
});
