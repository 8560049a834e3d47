//! The error type of `epitome-eval`.

use std::fmt;
use std::path::PathBuf;

use crate::stopwords::Stopwords;
use crate::RougeData;

/// The error type of `epitome-eval`: a matchable kind.
///
/// Problems with single input lines (bad JSON, duplicate ids, …) are not errors: they are
/// collected as [`crate::Issue`]s and scoring goes on. An `Error` stops the evaluation.
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

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be opened or read.
    Io {
        /// The file (`-` for stdin).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An option has a value ROUGE cannot work with.
    InvalidOption(String),
    /// A metric name that is not one of `1`…`9`, `l`, `lsum`, `suN`, `sN`.
    UnknownMetric(String),
    /// The gold file holds no usable topic.
    NoGold(PathBuf),
    /// A ROUGE-1.5.5 data directory that was named (or found) is not a directory.
    RougeDataDir(PathBuf),
    /// A file of a ROUGE-1.5.5 data directory is missing or unreadable.
    RougeDataFile {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An option needs ROUGE-1.5.5's data ([`crate::RougeData`]) and none was given or
    /// found. The string names the option.
    NoRougeData(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::InvalidOption(m) => write!(f, "invalid option: {m}"),
            ErrorKind::UnknownMetric(m) => write!(
                f,
                "unknown metric `{m}` (use 1, 2, …, l, lsum, su4, s4, or rouge-1 and so on)"
            ),
            ErrorKind::NoGold(p) => write!(f, "{}: no usable gold topic", p.display()),
            ErrorKind::RougeDataDir(p) => write!(
                f,
                "{}: not a ROUGE-1.5.5 data directory (no directory there; expected {}/{{adj,adv,noun,verb}}.exc and {}). To get one: {}",
                p.display(),
                RougeData::EXCEPTIONS_DIR,
                Stopwords::FILE,
                RougeData::HOW_TO_GET
            ),
            ErrorKind::RougeDataFile { path, source } => write!(
                f,
                "{}: cannot read this ROUGE-1.5.5 data file: {source}",
                path.display()
            ),
            ErrorKind::NoRougeData(what) => write!(
                f,
                "{what} needs ROUGE-1.5.5's stopword list ({}) and WordNet exception lists ({}/), \
                 which epitome does not bundle, and none were found (none given, {} unset, \
                 no {} in the current directory). To get them: {}; pass it with \
                 `epitome eval --rouge-data DIR` or in the environment variable {}",
                Stopwords::FILE,
                RougeData::EXCEPTIONS_DIR,
                RougeData::ENV_VAR,
                RougeData::LOCAL_DIR,
                RougeData::HOW_TO_GET,
                RougeData::ENV_VAR
            ),
        }
    }
}
