//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

pub mod model;
pub mod site;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled spec: only `tests/bundled.rs` reads it, so that editing the
/// standards never breaks another test.
pub fn bundled_spec() -> PathBuf {
    root().join("spec")
}

/// The fixture spec the tests own (`tests/test_site/spec/`, frozen).
pub fn test_site() -> PathBuf {
    root().join("tests/test_site/spec")
}

/// Run the `guifan` binary with `args`, colour-free.
pub fn guifan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("GUIFAN_CACHE_DIR", check_cache())
        .output()
        .expect("the guifan binary runs")
}

/// Where `check` keeps its cache in tests: outside the fixture folders,
/// which `check` would otherwise write its `.guifan-cache/` into.
pub fn check_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-cache")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// The fixture folders of malformed specs, sorted.
pub fn invalid_fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/invalid"))
        .expect("fixtures exist")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

pub fn name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// A code's or rule's documentation starts with `# CODE name` and has the
/// three sections `explain` and the site promise.
pub fn assert_documented(code: &str, name: &str, doc: &str) {
    assert!(
        doc.starts_with(&format!("# {code} {name}")),
        "{code}: wrong heading"
    );
    for section in ["## What it reports", "## Why it matters", "## Example"] {
        assert!(doc.contains(section), "{code} lacks {section}");
    }
}
