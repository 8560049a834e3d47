//! Documents: original bytes, metadata, and normalized text.

use crate::normalized::NormalizedText;
use crate::sentence::Span;

/// What is known about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    /// The document's identifier as users see it (file path, JSON `id`, or position).
    pub id: String,
    /// Title, where the input has one.
    pub title: Option<String>,
    /// Where it came from, where known.
    pub url: Option<String>,
    /// Publication date as given, where known.
    pub date: Option<String>,
}

/// A document: its original bytes and the normalized text derived from them.
#[derive(Debug, Clone)]
pub struct Document {
    meta: DocumentMeta,
    original: Vec<u8>,
    text: NormalizedText,
    invalid_utf8: usize,
}

impl Document {
    /// A document read from raw bytes; invalid UTF-8 is replaced by U+FFFD (counted in
    /// [`Document::invalid_utf8_sequences`]) and mapped back to the bytes it replaced.
    pub fn from_bytes(meta: DocumentMeta, original: Vec<u8>) -> Self {
        let (text, invalid_utf8) = NormalizedText::from_bytes_lossy(&original);
        Document {
            meta,
            original,
            text,
            invalid_utf8,
        }
    }

    /// A document whose original input is a string.
    pub fn from_text(meta: DocumentMeta, original: impl Into<String>) -> Self {
        let original: String = original.into();
        let text = NormalizedText::from_original(&original);
        Document {
            meta,
            original: original.into_bytes(),
            text,
            invalid_utf8: 0,
        }
    }

    /// A document whose text an ingest stage built from `original` (for example text
    /// extracted from HTML, mapped into the HTML bytes by a [`NormalizedText::builder`]).
    pub fn from_parts(meta: DocumentMeta, original: Vec<u8>, text: NormalizedText) -> Self {
        Document {
            meta,
            original,
            text,
            invalid_utf8: 0,
        }
    }

    /// Metadata.
    pub fn meta(&self) -> &DocumentMeta {
        &self.meta
    }

    /// The identifier users see.
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// The original bytes, exactly as read.
    pub fn original(&self) -> &[u8] {
        &self.original
    }

    /// The normalized text.
    pub fn text(&self) -> &NormalizedText {
        &self.text
    }

    /// Mutable metadata (ingest stages fill in titles and dates they find).
    pub fn meta_mut(&mut self) -> &mut DocumentMeta {
        &mut self.meta
    }

    /// Mutable access to the normalized text, for normalizers.
    pub fn text_mut(&mut self) -> &mut NormalizedText {
        &mut self.text
    }

    /// How many invalid UTF-8 sequences were replaced when decoding.
    pub fn invalid_utf8_sequences(&self) -> usize {
        self.invalid_utf8
    }

    /// The original bytes of a span (empty if the span is out of range).
    pub fn original_slice(&self, span: Span) -> &[u8] {
        self.original.get(span.range()).unwrap_or(&[])
    }
}
