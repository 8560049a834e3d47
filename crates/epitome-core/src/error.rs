use std::fmt;

/// The error type of `epitome-core`: a kind callers can match on, plus context.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// Builds an error of the given kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

/// What went wrong in a core operation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A normalizer produced edits that overlap, go backwards, or leave the text.
    InvalidEdit {
        /// The normalizer that produced the edit.
        normalizer: String,
        /// Why the edit was refused.
        reason: String,
    },
    /// A budget that cannot be honoured (negative or not-a-number ratio, …).
    InvalidBudget(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::InvalidEdit { normalizer, reason } => {
                write!(
                    f,
                    "normalizer `{normalizer}` produced an invalid edit: {reason}"
                )
            }
            ErrorKind::InvalidBudget(why) => write!(f, "invalid budget: {why}"),
        }
    }
}
