//! The sequence file format (`EPBSEQ01`), written byte by byte as
//! `scripts/train_boundary_sequence.py` writes it, read through the public API: a valid
//! file attaches, and edited files never panic and never change the model they fail on.

use epitome_text::BoundaryModel;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn sealed(mut body: Vec<u8>) -> Vec<u8> {
    let sum = fnv1a(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    body
}

/// A sequence file without its checksum: one layer of `hidden` units, one-dimensional
/// embeddings, `2^4`-row class and suffix tables, every weight `w`, output bias `bias`.
fn sequence_body(hidden: u16, w: f32, bias: f32) -> Vec<u8> {
    let mut out = b"EPBSEQ01".to_vec();
    let f = |out: &mut Vec<u8>, x: f32| out.extend_from_slice(&x.to_le_bytes());
    f(&mut out, 1.5); // gap offset
    f(&mut out, 0.5); // length-prior weight
    out.push(0); // rate matching off
    out.push(1); // layers
    for dim in [hidden, 1, 1, 1, 2] {
        // hidden, word, class and suffix dimensions, head units
        out.extend_from_slice(&dim.to_le_bytes());
    }
    out.extend_from_slice(&[18, 4, 4]); // word, class and suffix bits
    f(&mut out, 0.5); // the network's weight
    out.extend_from_slice(&2u32.to_le_bytes()); // word keys, sorted
    out.extend_from_slice(&7u32.to_le_bytes());
    out.extend_from_slice(&9u32.to_le_bytes());
    for _ in 0..(3 + 16 + 16) {
        f(&mut out, 0.01); // row scale
        out.push(100); // one signed byte
    }
    let h = hidden as usize;
    let gru = 3 * h * 3 + 3 * h * h + 3 * h + 3 * h;
    let head = 2 * 4 * h + 2 + 2;
    for _ in 0..(2 * gru + head) {
        f(&mut out, w);
    }
    f(&mut out, bias);
    out
}

const TEXT: &str = "the road was under water we moved the cattle by noon the river rose again";

#[test]
fn a_file_written_to_the_format_attaches_and_steers_the_cut() {
    let base = BoundaryModel::builtin().expect("built-in model");
    for (bias, pieces) in [(200.0, TEXT.split(' ').count()), (-200.0, 1)] {
        let mut m = base.clone();
        m.attach_sequence(&sealed(sequence_body(3, 0.0, bias)))
            .expect("a valid file attaches");
        assert_eq!(m.sequence_weight(), Some(0.5));
        assert_eq!(m.decoding(), (1.5, 0.5));
        assert!(!m.rate_matching());
        let shape = m.sequence_shape().expect("attached");
        assert_eq!((shape.layers, shape.hidden, shape.head), (1, 3, 2));
        assert_eq!(m.split(TEXT, 0..TEXT.len()).len(), pieces, "bias {bias}");
        let back = BoundaryModel::from_bytes(&m.to_bytes()).expect("reads back");
        assert_eq!(back, m);
    }
    // One byte more or less, or a checksum that does not match, is an error.
    let body = sequence_body(3, 0.1, 0.0);
    let mut m = base.clone();
    assert!(m
        .attach_sequence(&sealed(body[..body.len() - 1].to_vec()))
        .is_err());
    let mut longer = body.clone();
    longer.push(0);
    assert!(m.attach_sequence(&sealed(longer)).is_err());
    let mut bad = sealed(body);
    bad[40] ^= 1;
    assert!(m.attach_sequence(&bad).is_err());
    assert_eq!(&m, base);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Edits anywhere in a valid file, resealed: attaching never panics, a failed
    /// attach changes nothing, and a model that takes the file cuts text into sound,
    /// ordered ranges.
    #[test]
    fn edited_sequence_files_never_panic(
        edits in proptest::collection::vec((0usize..10_000, proptest::num::u8::ANY), 1..6),
        cut in proptest::option::of(0usize..10_000),
        w in -4.0f32..4.0,
    ) {
        let base = BoundaryModel::builtin().expect("built-in model");
        let mut body = sequence_body(2, w, 0.0);
        let n = body.len();
        for (at, b) in edits {
            body[at % n] = b;
        }
        if let Some(c) = cut {
            body.truncate(c % n);
        }
        let mut m = base.clone();
        if m.attach_sequence(&sealed(body)).is_err() {
            proptest::prop_assert!(&m == base);
        } else {
            let mut at = 0;
            for r in m.split(TEXT, 0..TEXT.len()) {
                proptest::prop_assert!(at <= r.start && r.start < r.end && r.end <= TEXT.len());
                at = r.end;
            }
        }
    }
}
