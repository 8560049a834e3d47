//! Data types and stage traits shared by every part of epitome.
//!
//! The one idea this crate exists for: **nothing ever loses the original bytes**. A
//! [`Document`] keeps the bytes it was read from. Its text goes through normalizers that
//! may rewrite it, but every rewrite is expressed as a list of [`Edit`]s that
//! [`NormalizedText::apply`] turns into a new text *and* a composed [`Alignment`] back to
//! the original bytes. A normalizer never touches offsets itself, so adding one can never
//! break attribution: any byte range of the normalized text maps to a [`Span`] of the
//! original input.
//!
//! The crate depends on almost nothing so that every other crate can build on it.
#![deny(missing_docs)]

mod alignment;
mod budget;
mod document;
mod error;
mod normalized;
mod sentence;
mod stage;
mod summary;

pub use alignment::{Alignment, Piece};
pub use budget::{count_words, Budget, BudgetMeter, Limit, Unit, SENTENCE_SEPARATOR};
pub use document::{Document, DocumentMeta};
pub use error::{Error, ErrorKind};
pub use normalized::{Edit, EditList, NormalizedText, NormalizedTextBuilder};
pub use sentence::{Sentence, Span};
pub use stage::{Normalizer, SentenceSplitter};
pub use summary::{Explanation, SourceSpan, Summary, SummarySentence, Warning};
