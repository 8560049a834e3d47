//! Reading documents from files, folders and stdin.
//!
//! One file is one document; a folder is every file under it (recursively, sorted by path,
//! hidden files skipped); `-` is stdin. Bytes are kept exactly as read. Invalid UTF-8 is
//! decoded lossily (the document records how many sequences were replaced); a file that
//! looks binary (a NUL byte in its first 64 KiB, as ripgrep and git judge it) is skipped
//! with a warning rather than summarized as gibberish.

use std::io::Read;
use std::path::{Path, PathBuf};

use epitome_core::{Document, DocumentMeta, Warning};

use crate::error::{Error, ErrorKind};

/// One input the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// Parses a command-line argument: `-` is stdin, anything else a path.
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// How many leading bytes are inspected for NUL when deciding a file is binary.
const BINARY_SNIFF_LEN: usize = 64 * 1024;

/// Whether `bytes` look like a binary file rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// Builds a document from bytes already in memory (invalid UTF-8 is counted on the
/// document and reported by the summarizer). Returns `None`, with a warning, when they
/// look binary.
pub fn ingest_bytes(id: &str, bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> Option<Document> {
    if looks_binary(&bytes) {
        warnings.push(Warning::Binary { doc: id.to_owned() });
        return None;
    }
    let meta = DocumentMeta {
        id: id.to_owned(),
        ..DocumentMeta::default()
    };
    Some(Document::from_bytes(meta, bytes))
}

/// Reads every input into documents, in the order given (folders expand sorted).
pub fn ingest_paths(inputs: &[Input], warnings: &mut Vec<Warning>) -> Result<Vec<Document>, Error> {
    if inputs.is_empty() {
        return Err(Error::new(ErrorKind::NoInput));
    }
    let mut docs = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().read_to_end(&mut bytes).map_err(|source| {
                    Error::new(ErrorKind::Io {
                        path: PathBuf::from("-"),
                        source,
                    })
                })?;
                docs.extend(ingest_bytes("stdin", bytes, warnings));
            }
            Input::Path(path) => {
                for file in expand(path)? {
                    let bytes = std::fs::read(&file).map_err(|source| {
                        Error::new(ErrorKind::Io {
                            path: file.clone(),
                            source,
                        })
                    })?;
                    docs.extend(ingest_bytes(&file.display().to_string(), bytes, warnings));
                }
            }
        }
    }
    Ok(docs)
}

/// The files a path stands for: itself, or every non-hidden file under a folder, sorted.
fn expand(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let meta = std::fs::metadata(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::new(ErrorKind::NotFound(path.to_owned()))
        } else {
            Error::new(ErrorKind::Io {
                path: path.to_owned(),
                source,
            })
        }
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let mut stack = vec![path.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| {
            Error::new(ErrorKind::Io {
                path: dir.clone(),
                source,
            })
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| {
                Error::new(ErrorKind::Io {
                    path: dir.clone(),
                    source,
                })
            })?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    if files.is_empty() {
        return Err(Error::new(ErrorKind::EmptyFolder(path.to_owned())));
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_expands_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "Second.").unwrap();
        std::fs::write(dir.path().join("a.txt"), "First.").unwrap();
        std::fs::write(dir.path().join(".hidden"), "No.").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.txt"), "Third.").unwrap();
        let mut w = Vec::new();
        let docs = ingest_paths(&[Input::Path(dir.path().to_owned())], &mut w).unwrap();
        let texts: Vec<&str> = docs.iter().map(|d| d.text().as_str()).collect();
        assert_eq!(texts, ["First.", "Second.", "Third."]);
        assert!(w.is_empty());
    }

    #[test]
    fn missing_path_and_empty_folder_are_named_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.txt");
        let err = ingest_paths(&[Input::Path(missing.clone())], &mut Vec::new()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::NotFound(p) if *p == missing));
        assert!(err.to_string().contains("nope.txt"));
        let err = ingest_paths(&[Input::Path(dir.path().to_owned())], &mut Vec::new()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::EmptyFolder(_)));
    }

    #[test]
    fn binary_is_skipped_and_invalid_utf8_warned() {
        let mut w = Vec::new();
        assert!(ingest_bytes("junk.bin", vec![0x7f, b'E', b'L', b'F', 0, 1, 2], &mut w).is_none());
        let doc = ingest_bytes("latin1.txt", b"caf\xe9 au lait".to_vec(), &mut w).unwrap();
        assert_eq!(doc.text().as_str(), "caf\u{FFFD} au lait");
        assert_eq!(doc.invalid_utf8_sequences(), 1);
        assert_eq!(w.len(), 1);
        assert!(w[0].to_string().contains("junk.bin"));
    }
}
