use std::fmt;
use std::path::PathBuf;

/// The error type of `epitome-text`: a matchable kind plus the input it concerns.
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

/// What went wrong while reading or preparing text.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A path given by the user does not exist.
    NotFound(PathBuf),
    /// A path could not be read.
    Io {
        /// The path (or `-` for stdin).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A folder holds no files.
    EmptyFolder(PathBuf),
    /// No input was given at all.
    NoInput,
    /// A language code that no analyzer supports.
    UnsupportedLanguage(String),
    /// A normalizer produced invalid edits (a bug in that normalizer).
    Normalize(epitome_core::Error),
    /// A sentence-boundary model file is not a valid model.
    BoundaryModel {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        source: crate::boundary::ModelError,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NotFound(p) => write!(f, "{}: no such file or folder", p.display()),
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::EmptyFolder(p) => write!(f, "{}: folder holds no files", p.display()),
            ErrorKind::NoInput => write!(f, "no input documents"),
            ErrorKind::UnsupportedLanguage(l) => write!(f, "unsupported language `{l}`"),
            ErrorKind::Normalize(e) => write!(f, "{e}"),
            ErrorKind::BoundaryModel { path, source } => {
                write!(f, "{}: {source}", path.display())
            }
        }
    }
}
