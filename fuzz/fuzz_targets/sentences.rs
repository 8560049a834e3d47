//! The sentence splitter on arbitrary bytes, alone and through the facade: never panics,
//! and sentences are ranges in order, non-overlapping, on char boundaries and inside the
//! text; their spans lie in order inside the original bytes; truecasing keeps lengths.
//!
//! The input is a cluster: NUL bytes separate its documents (at most four), so the
//! alignment of unpunctuated text across documents runs too.
#![no_main]

use std::ops::Range;
use std::sync::OnceLock;

use epitome::{Config, Document, DocumentMeta, Summarizer};
use epitome_text::{
    refine_by_alignment, segment_document, CaseModel, SegmentMode, SentencexSplitter,
};
use libfuzzer_sys::fuzz_target;

/// Ranges of `text` in order, non-overlapping, non-empty, on char boundaries, inside it.
fn ranges_are_sound(text: &str, ranges: &[Range<usize>]) {
    let mut at = 0;
    for r in ranges {
        assert!(
            at <= r.start && r.start < r.end && r.end <= text.len(),
            "{r:?} after {at}"
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        at = r.end;
    }
}

fn summarizer() -> &'static Summarizer {
    static S: OnceLock<Summarizer> = OnceLock::new();
    S.get_or_init(|| Summarizer::new(&Config::default()).expect("the default config is valid"))
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.splitn(4, |&b| b == 0).collect();

    // The splitter itself, in every mode, and the alignment over the cluster.
    let texts: Vec<String> = parts
        .iter()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let splitter = SentencexSplitter::default();
    for mode in [SegmentMode::Auto, SegmentMode::Lines, SegmentMode::Prose] {
        let mut segments: Vec<Vec<Range<usize>>> = texts
            .iter()
            .map(|t| segment_document(t, &splitter, mode))
            .collect();
        for (t, s) in texts.iter().zip(&segments) {
            ranges_are_sound(t, s);
        }
        refine_by_alignment(&texts, &mut segments);
        let mut model = CaseModel::new();
        for (t, s) in texts.iter().zip(&segments) {
            ranges_are_sound(t, s);
            for r in s {
                model.learn_sentence(&t[r.clone()]);
            }
        }
        for (t, s) in texts.iter().zip(&segments) {
            for r in s {
                let shown = model.truecase(&t[r.clone()]);
                assert_eq!(shown.len(), r.len(), "truecasing keeps the byte length");
            }
        }
    }

    // The facade: the same segmentation after normalization, mapped to original bytes.
    let docs: Vec<Document> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let meta = DocumentMeta {
                id: i.to_string(),
                ..DocumentMeta::default()
            };
            Document::from_bytes(meta, p.to_vec())
        })
        .collect();
    let cut = summarizer()
        .sentences(docs)
        .expect("normalizers produce valid edits");
    assert_eq!(cut.documents.len(), parts.len());
    for (d, original) in cut.documents.iter().zip(&parts) {
        let utf8 = std::str::from_utf8(original).ok();
        let mut at = 0;
        for s in &d.sentences {
            assert!(at <= s.start && s.start < s.end && s.end <= original.len());
            if let Some(o) = utf8 {
                assert!(o.is_char_boundary(s.start) && o.is_char_boundary(s.end));
            }
            assert!(s.text.chars().any(char::is_alphanumeric));
            at = s.end;
        }
    }
});
