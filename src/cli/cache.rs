//! `check`'s cache: the last report, remembered with a digest of everything
//! it was made from, so that checking an unchanged spec again only reads
//! and hashes its files.
//!
//! Why the whole report and not, as ruff does, each file's findings: most
//! lints compare limits across files (a conflict, an escalation, a parent
//! role's limit), so a file's findings depend on every other file. The
//! digest covers guifan's build, the spec folder, `guifan.toml`, every
//! spec file's path and bytes, and every option that shapes the report.
//! The cache is one file in `.guifan-cache/` under the spec folder (with a
//! `.gitignore` of `*`), safe to delete at any time; a cache that cannot be
//! read or written is ignored.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// The folder's name under the spec folder.
pub const DIR: &str = ".guifan-cache";
/// The one report kept, named for the version that wrote it.
const FILE: &str = concat!("check-", env!("CARGO_PKG_VERSION"));

/// A report and its exit status.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub text: String,
    pub failed: bool,
}

/// Where the report of one spec and one set of options is remembered.
pub struct Cache {
    file: PathBuf,
    key: String,
}

impl Cache {
    /// The cache of checking `spec` with the options written in `options`
    /// (any text that differs when the report would), in `dir` (by default
    /// `.guifan-cache` in the spec folder). `None` when the spec's files
    /// cannot all be read: `check` then says why.
    pub fn new(spec: &Path, dir: Option<&Path>, options: &str) -> Option<Cache> {
        let dir = dir.map_or_else(|| spec.join(DIR), Path::to_path_buf);
        Some(Cache {
            file: dir.join(FILE),
            key: digest(spec, options)?,
        })
    }

    /// The remembered report, when it was made from the same inputs.
    pub fn get(&self) -> Option<Report> {
        let saved = std::fs::read_to_string(&self.file).ok()?;
        let (key, rest) = saved.split_once('\n')?;
        let (status, text) = rest.split_once('\n')?;
        let failed = match status {
            "failed" => true,
            "passed" => false,
            _ => return None,
        };
        (key == self.key).then(|| Report {
            text: text.to_owned(),
            failed,
        })
    }

    /// Remember `report`, replacing the one before; failures are ignored (a
    /// read-only spec folder is checked without a cache).
    pub fn put(&self, report: &Report) {
        let Some(dir) = self.file.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(ignore, "# Written by guifan check; safe to delete.\n*\n");
        }
        let status = if report.failed { "failed" } else { "passed" };
        let saved = format!("{}\n{status}\n{}", self.key, report.text);
        let _ = crate::output::staging::write_file(&self.file, saved.as_bytes());
    }
}

/// A digest of the build, the spec folder, `guifan.toml`, every spec
/// file (path and bytes, hashed in parallel) and `options`.
fn digest(spec: &Path, options: &str) -> Option<String> {
    let paths = crate::spec::load::discover(spec).ok()?;
    let files: Vec<[u8; 32]> = paths
        .par_iter()
        .map(|path| file_digest(spec, path))
        .collect::<Option<_>>()?;
    let mut all = Sha256::new();
    all.update(build()?);
    for part in [&spec.canonicalize().ok()?.to_string_lossy(), options] {
        all.update(part.len().to_le_bytes());
        all.update(part);
    }
    let config = spec.join(crate::lint::config::FILE_NAME);
    all.update(std::fs::read(config).unwrap_or_default());
    for file in files {
        all.update(file);
    }
    Some(hex(&all.finalize()))
}

/// A file's path and bytes, hashed; a file too large to load is hashed by
/// its size and modification time (check refuses it without reading it).
fn file_digest(spec: &Path, path: &Path) -> Option<[u8; 32]> {
    let mut hash = Sha256::new();
    let name = path.strip_prefix(spec).unwrap_or(path).to_string_lossy();
    hash.update(name.len().to_le_bytes());
    hash.update(name.as_bytes());
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > crate::spec::load::MAX_FILE_BYTES {
        hash.update(meta.len().to_le_bytes());
        hash.update(format!("{:?}", meta.modified().ok()?));
    } else {
        hash.update(std::fs::read(path).ok()?);
    }
    Some(hash.finalize().into())
}

/// This build of guifan: its version, and its executable's size and time
/// (a developer's rebuild keeps the version but may change any finding).
fn build() -> Option<String> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let version = env!("CARGO_PKG_VERSION");
    Some(format!(
        "{version} {} {:?}",
        exe.len(),
        exe.modified().ok()?
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
