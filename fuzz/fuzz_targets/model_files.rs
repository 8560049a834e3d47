//! What the model-file fuzz targets share (not a target itself): the edit scheme, and
//! the checks a model that reads must pass.

use epitome_text::BoundaryModel;

/// FNV-1a, 64 bits: the checksum of boundary-model and sequence files.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `body` (a file without its checksum) edited by `data`, then sealed with a checksum
/// that matches: each 4-byte chunk of `data` is (offset: u16, new byte, how many times
/// to repeat it), and a leading `0xff` byte truncates the body at the offset that
/// follows. The checksum being valid, the reader's field checks are what is exercised.
pub fn edited_and_sealed(mut body: Vec<u8>, data: &[u8]) -> Vec<u8> {
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
    body
}

/// The text the targets cut.
pub const TEXT: &str = "the road was under water we moved the cattle by noon the river rose again";

/// A model that reads writes itself back byte for byte, and cuts text into sound,
/// ordered ranges.
pub fn reads_back_and_cuts_soundly(model: &BoundaryModel) {
    assert_eq!(
        BoundaryModel::from_bytes(&model.to_bytes()).as_ref(),
        Ok(model)
    );
    let text = TEXT;
    let mut at = 0;
    for r in model.split(text, 0..text.len()) {
        assert!(
            at <= r.start && r.start < r.end && r.end <= text.len(),
            "{r:?}"
        );
        at = r.end;
    }
}
