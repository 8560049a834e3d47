use std::fmt;

/// The error type of the `epitome` facade: a matchable kind.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl From<epitome_text::Error> for Error {
    fn from(e: epitome_text::Error) -> Self {
        Error::new(ErrorKind::Text(e))
    }
}

impl From<epitome_core::Error> for Error {
    fn from(e: epitome_core::Error) -> Self {
        Error::new(ErrorKind::Core(e))
    }
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or preparing text failed.
    Text(epitome_text::Error),
    /// A core invariant was asked to bend (an invalid budget, …).
    Core(epitome_core::Error),
    /// No document has any text to summarize.
    NoText {
        /// The documents that were skipped for having no text.
        skipped: Vec<String>,
    },
    /// An input cluster is malformed (batch and HTTP input).
    InvalidInput(String),
    /// Reading or writing a stream failed.
    Io(std::io::Error),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Text(e) => write!(f, "{e}"),
            ErrorKind::Core(e) => write!(f, "{e}"),
            ErrorKind::NoText { skipped } if skipped.is_empty() => {
                write!(f, "no document has any text to summarize")
            }
            ErrorKind::NoText { skipped } => {
                write!(
                    f,
                    "no document has any text to summarize (no text in: {})",
                    skipped.join(", ")
                )
            }
            ErrorKind::InvalidInput(why) => write!(f, "{why}"),
            ErrorKind::Io(e) => write!(f, "{e}"),
        }
    }
}
