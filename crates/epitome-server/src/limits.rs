//! What one request may ask of the server.

use std::time::Duration;

/// Limits that keep one client from taking the server down. Every limit a request breaks
/// is answered with a 4xx JSON error naming the limit; nothing is silently truncated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes (413 above it).
    pub max_body_bytes: usize,
    /// Most documents in one request (422 above it).
    pub max_documents: usize,
    /// Most characters (Unicode scalar values) in one document, query or evaluated text
    /// (422 above it).
    pub max_document_chars: usize,
    /// Largest integer budget (sentences, words, chars, bytes or tokens; 422 above it).
    pub max_budget: usize,
    /// How long a request may wait for a worker and compute, together (503 when the wait
    /// alone runs out, 504 when the work does).
    pub request_timeout: Duration,
    /// How many requests compute at once, each on a blocking thread of its own.
    pub max_concurrent: usize,
    /// How many more may wait for a free worker before new ones get 503 at once.
    pub max_queued: usize,
}

impl Limits {
    /// How long shutdown waits for requests in flight before it gives up on them.
    pub fn shutdown_grace(&self) -> Duration {
        self.request_timeout + Duration::from_secs(5)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 << 20,
            max_documents: 1000,
            max_document_chars: 2_000_000,
            max_budget: 1_000_000,
            request_timeout: Duration::from_secs(30),
            max_concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_queued: 256,
        }
    }
}
