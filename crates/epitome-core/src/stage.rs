//! The pipeline's stage traits. Implementations live in `epitome-text`.

use std::ops::Range;

use crate::normalized::EditList;

/// A text normalization stage.
///
/// A normalizer reads the current text and describes the rewrites it wants as edits;
/// it never builds text or offsets itself, so offsets to the original survive any
/// combination of normalizers.
pub trait Normalizer: Send + Sync {
    /// A short stable name, used in errors and configuration.
    fn name(&self) -> &'static str;

    /// Pushes the edits this stage wants onto `edits`, in increasing order.
    fn normalize(&self, text: &str, edits: &mut EditList);
}

/// A sentence boundary detector.
pub trait SentenceSplitter: Send + Sync {
    /// A short stable name.
    fn name(&self) -> &'static str;

    /// Byte ranges of the sentences of `text`, in order and non-overlapping. Ranges may
    /// include surrounding whitespace; the pipeline trims it.
    fn split(&self, text: &str) -> Vec<Range<usize>>;
}
