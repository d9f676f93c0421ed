//! Writing outputs so that nothing is lost: every file of a folder output
//! goes into a fresh folder beside the output folder, and only a complete
//! build is swapped in. A build that fails half-way leaves the previous
//! output as it was (the staging folder is removed when it is dropped).
//! A one-file output is written beside its target and renamed over it.
//!
//! An existing output folder is replaced only if guifan made it (it holds
//! [`MARKER`]) or it is empty, so `-o .` by mistake cannot delete a project.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// The file that marks a folder as a site guifan built.
pub const MARKER: &str = ".guifan-site";

pub struct Staging {
    dir: TempDir,
    out: PathBuf,
}

fn parent_of(out: &Path) -> &Path {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

impl Staging {
    /// A staging folder in the same parent as `out`, so that the final
    /// rename stays on one file system.
    pub fn new(out: &Path) -> Result<Staging, String> {
        check_replaceable(out)?;
        let parent = parent_of(out);
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let dir = tempfile::Builder::new()
            .prefix(".guifan-build-")
            .tempdir_in(parent)
            .map_err(|e| format!("cannot create a build folder in {}: {e}", parent.display()))?;
        Ok(Staging {
            dir,
            out: out.to_owned(),
        })
    }

    /// Write one file; `path` is relative to the site root, `/`-separated.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(full, bytes)
    }

    /// Swap the finished site in for the previous one.
    pub fn commit(self) -> Result<(), String> {
        let fail = |what: &str, e: io::Error| format!("{what} {}: {e}", self.out.display());
        self.write(
            MARKER,
            b"This folder was written by `guifan build`; the next build replaces it.\n",
        )
        .map_err(|e| fail("cannot write to the build folder of", e))?;
        let staged = self.dir.keep();
        if self.out.exists() {
            check_replaceable(&self.out)?;
            let old = tempfile::Builder::new()
                .prefix(".guifan-old-")
                .tempdir_in(parent_of(&self.out))
                .map_err(|e| fail("cannot make room to replace", e))?
                .keep();
            // `old` exists (empty); rename onto an empty folder is allowed.
            fs::rename(&self.out, &old).map_err(|e| fail("cannot move aside", e))?;
            if let Err(e) = fs::rename(&staged, &self.out) {
                let _ = fs::rename(&old, &self.out);
                let _ = fs::remove_dir_all(&staged);
                return Err(fail("cannot put the new site in", e));
            }
            let _ = fs::remove_dir_all(&old);
        } else if let Err(e) = fs::rename(&staged, &self.out) {
            let _ = fs::remove_dir_all(&staged);
            return Err(fail("cannot put the new site in", e));
        }
        Ok(())
    }
}

impl super::Dest for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, path, bytes)
    }
}

/// Replace the file at `path` with `bytes` in one rename, so a reader sees
/// the old file or the new one, never a part.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut file = tempfile::Builder::new()
        .prefix(".guifan-")
        .tempfile_in(parent_of(path))
        .map_err(|e| fail(&e))?;
    io::Write::write_all(&mut file, bytes).map_err(|e| fail(&e))?;
    file.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

fn check_replaceable(out: &Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!("{} exists and is not a folder", out.display()));
    }
    let empty = fs::read_dir(out)
        .map_err(|e| format!("cannot read {}: {e}", out.display()))?
        .next()
        .is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(format!(
            "refusing to replace {}: it is not a site that guifan built (no {MARKER} in it); \
             remove it or choose another --out",
            out.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_built_site_and_refuses_other_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let s = Staging::new(&out).unwrap();
        s.write("a/b.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("a/b.html")).unwrap(), b"one");

        let s = Staging::new(&out).unwrap();
        s.write("c.html", b"two").unwrap();
        s.commit().unwrap();
        assert!(!out.join("a/b.html").exists());
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"two");
        // Nothing left behind beside the site.
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["site"]);

        let project = tmp.path().join("project");
        fs::create_dir(&project).unwrap();
        fs::write(project.join("Cargo.toml"), "").unwrap();
        let err = Staging::new(&project).err().unwrap();
        assert!(err.contains("refusing to replace"), "{err}");
    }

    #[test]
    fn a_dropped_build_leaves_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"good").unwrap();
        s.commit().unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"half").unwrap();
        drop(s);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"good");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
