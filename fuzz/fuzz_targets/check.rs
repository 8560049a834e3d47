//! What every fuzz target asserts about a text and its map to the original bytes.

use epitome_core::NormalizedText;

/// Pieces cover the text in order, original ranges never go backwards and stay inside
/// the original, and copied runs equal their original bytes.
pub fn map_is_sound(t: &NormalizedText, original: &[u8]) {
    let a = t.alignment();
    assert_eq!(a.norm_len(), t.as_str().len());
    let (mut norm_at, mut orig_at) = (0, 0);
    for p in a.pieces() {
        assert_eq!(p.norm_start, norm_at);
        assert!(p.norm_len > 0);
        assert!(p.orig_start >= orig_at);
        assert!(p.orig_start + p.orig_len <= original.len());
        if p.identity {
            assert_eq!(
                t.as_str()[p.norm_start..p.norm_start + p.norm_len].as_bytes(),
                &original[p.orig_start..p.orig_start + p.orig_len]
            );
        }
        norm_at += p.norm_len;
        orig_at = p.orig_start + p.orig_len;
    }
    assert_eq!(norm_at, t.as_str().len());
}
