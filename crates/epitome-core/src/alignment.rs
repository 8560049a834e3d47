//! A compact map from byte offsets of a normalized text back to byte offsets of the
//! original input.
//!
//! Storing one original offset per normalized byte (as a per-byte table would) costs 16
//! bytes per input byte, far too much for the 50 MB documents users feed us. Instead the map
//! is a sorted list of [`Piece`]s covering the normalized text. An *identity* piece is text
//! copied unchanged from the original, so offsets inside it map linearly; a *replacement*
//! piece is text a normalizer produced, and any offset inside it maps to the whole original
//! range it replaced. Memory is proportional to the number of edits, not the text length.

use std::ops::Range;

/// One run of normalized text and the original bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Start of the run in the normalized text.
    pub norm_start: usize,
    /// Length of the run in the normalized text (always > 0).
    pub norm_len: usize,
    /// Start of the original bytes the run came from.
    pub orig_start: usize,
    /// Length of those original bytes (equal to `norm_len` for identity pieces).
    pub orig_len: usize,
    /// Whether the run is an unchanged copy of the original bytes.
    pub identity: bool,
}

impl Piece {
    fn norm_end(&self) -> usize {
        self.norm_start + self.norm_len
    }

    fn orig_end(&self) -> usize {
        self.orig_start + self.orig_len
    }
}

/// Map from normalized byte offsets to original byte offsets.
///
/// Invariants: pieces are sorted, contiguous and non-empty on the normalized side, and
/// cover `0..norm_len`; original ranges are non-decreasing and lie within `0..orig_len`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alignment {
    pieces: Vec<Piece>,
    norm_len: usize,
    orig_len: usize,
}

impl Alignment {
    /// The identity map of a text of `len` bytes copied unchanged from the original.
    pub fn identity(len: usize) -> Self {
        let mut a = Alignment {
            pieces: Vec::new(),
            norm_len: 0,
            orig_len: len,
        };
        a.push_identity(0, len);
        a
    }

    /// An empty map over an original of `orig_len` bytes, to be filled with `push_*`.
    pub(crate) fn with_original_len(orig_len: usize) -> Self {
        Alignment {
            pieces: Vec::new(),
            norm_len: 0,
            orig_len,
        }
    }

    /// Appends `len` normalized bytes copied from original offset `orig_start`.
    pub(crate) fn push_identity(&mut self, orig_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.identity && last.orig_end() == orig_start {
                last.norm_len += len;
                last.orig_len += len;
                self.norm_len += len;
                return;
            }
        }
        self.pieces.push(Piece {
            norm_start: self.norm_len,
            norm_len: len,
            orig_start,
            orig_len: len,
            identity: true,
        });
        self.norm_len += len;
    }

    /// Appends `norm_len` normalized bytes that replace original bytes `orig`.
    pub(crate) fn push_replacement(&mut self, orig: Range<usize>, norm_len: usize) {
        if norm_len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if !last.identity && last.orig_start == orig.start && last.orig_end() == orig.end {
                last.norm_len += norm_len;
                self.norm_len += norm_len;
                return;
            }
        }
        self.pieces.push(Piece {
            norm_start: self.norm_len,
            norm_len,
            orig_start: orig.start,
            orig_len: orig.end - orig.start,
            identity: false,
        });
        self.norm_len += norm_len;
    }

    /// Length of the normalized text this map covers.
    pub fn norm_len(&self) -> usize {
        self.norm_len
    }

    /// Length of the original input.
    pub fn orig_len(&self) -> usize {
        self.orig_len
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Index of the piece containing normalized offset `pos` (< norm_len).
    fn piece_at(&self, pos: usize) -> &Piece {
        let i = self.pieces.partition_point(|p| p.norm_end() <= pos);
        &self.pieces[i.min(self.pieces.len() - 1)]
    }

    /// Maps a normalized offset, taken as the start of a range, to an original offset.
    pub fn map_start(&self, pos: usize) -> usize {
        if pos >= self.norm_len || self.pieces.is_empty() {
            return self.orig_len;
        }
        let p = self.piece_at(pos);
        if p.identity {
            p.orig_start + (pos - p.norm_start)
        } else {
            p.orig_start
        }
    }

    /// Maps a normalized offset, taken as the (exclusive) end of a range, to an original offset.
    pub fn map_end(&self, pos: usize) -> usize {
        if pos == 0 || self.pieces.is_empty() {
            return self.pieces.first().map_or(0, |p| p.orig_start);
        }
        let pos = pos.min(self.norm_len);
        let p = self.piece_at(pos - 1);
        if p.identity {
            p.orig_start + (pos - p.norm_start)
        } else {
            p.orig_end()
        }
    }

    /// Maps a normalized byte range to the smallest original byte range that produced it.
    ///
    /// An empty range maps to an empty range at the corresponding original position.
    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end {
            let at = self.map_start(range.start);
            return at..at;
        }
        let start = self.map_start(range.start);
        let end = self.map_end(range.end).max(start);
        start..end
    }

    /// The map of `self ∘ inner`: `inner` maps a newer normalized text onto the text
    /// `self` covers; the result maps that newer text straight to the original.
    pub(crate) fn compose(&self, inner: &Alignment) -> Alignment {
        let mut out = Alignment::with_original_len(self.orig_len);
        for q in &inner.pieces {
            if !q.identity {
                let orig = self.map_range(q.orig_start..q.orig_end());
                out.push_replacement(orig, q.norm_len);
                continue;
            }
            // An identity run of the inner map: split it along our own pieces.
            let (lo, hi) = (q.orig_start, q.orig_end());
            let mut i = self.pieces.partition_point(|p| p.norm_end() <= lo);
            while i < self.pieces.len() && self.pieces[i].norm_start < hi {
                let p = &self.pieces[i];
                let x = p.norm_start.max(lo);
                let y = p.norm_end().min(hi);
                if p.identity {
                    out.push_identity(p.orig_start + (x - p.norm_start), y - x);
                } else {
                    out.push_replacement(p.orig_start..p.orig_end(), y - x);
                }
                i += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_linearly() {
        let a = Alignment::identity(10);
        assert_eq!(a.map_range(2..5), 2..5);
        assert_eq!(a.map_range(0..10), 0..10);
        assert_eq!(a.map_range(4..4), 4..4);
    }

    #[test]
    fn replacement_maps_to_whole_original_run() {
        // original: "ab&amp;cd" (9 bytes) -> normalized "ab&cd"
        let mut a = Alignment::with_original_len(9);
        a.push_identity(0, 2);
        a.push_replacement(2..7, 1);
        a.push_identity(7, 2);
        assert_eq!(a.norm_len(), 5);
        assert_eq!(a.map_range(2..3), 2..7);
        assert_eq!(a.map_range(0..5), 0..9);
        assert_eq!(a.map_range(3..5), 7..9);
        assert_eq!(a.map_range(1..3), 1..7);
    }

    #[test]
    fn deletion_is_skipped_at_both_ends() {
        // original "a  b" -> "a b": the second space is deleted.
        let mut a = Alignment::with_original_len(4);
        a.push_identity(0, 2);
        a.push_identity(3, 1);
        assert_eq!(a.map_range(2..3), 3..4);
        assert_eq!(a.map_range(0..1), 0..1);
        assert_eq!(a.map_range(0..3), 0..4);
    }

    #[test]
    fn compose_splits_identity_runs() {
        let mut outer = Alignment::with_original_len(9);
        outer.push_identity(0, 2);
        outer.push_replacement(2..7, 1);
        outer.push_identity(7, 2);
        // inner: drop the first byte of the 5-byte middle text "ab&cd" -> "b&cd"
        let mut inner = Alignment::with_original_len(5);
        inner.push_identity(1, 4);
        let c = outer.compose(&inner);
        assert_eq!(c.norm_len(), 4);
        assert_eq!(c.map_range(0..1), 1..2);
        assert_eq!(c.map_range(1..2), 2..7);
        assert_eq!(c.map_range(2..4), 7..9);
    }
}
