//! Writing outputs so that nothing is lost: every file of a folder output
//! goes into a fresh folder beside the output folder, and only a complete
//! build is swapped in, in one step: on Linux `renameat2(RENAME_EXCHANGE)`
//! exchanges the two folders atomically, so at every instant the output
//! path holds a complete site, the old one or the new one, even if the
//! build is killed. Elsewhere the old folder is moved aside and the new one
//! moved in (two renames: a kill between them leaves no output folder, and
//! the previous site waits beside it until the next build). A one-file
//! output is written beside its target and renamed over it.
//!
//! A build holds a lock beside its output (`.<name>.guifan-lock`), so two
//! builds into one folder run one after the other; holding it, a build
//! removes what killed builds of the same output left behind (their
//! `.guifan-build-<name>-*` and `.guifan-old-<name>-*` folders).
//!
//! An existing output folder is replaced only if guifan made it (it holds
//! [`MARKER`]) or it is empty, so `-o .` by mistake cannot delete a project.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// The file that marks a folder as a site guifan built.
pub const MARKER: &str = ".guifan-site";

pub struct Staging {
    dir: TempDir,
    out: PathBuf,
    /// Held until the new output is in place.
    _lock: File,
}

/// The output folder as an absolute path without `.` or `..` parts, so that
/// `-o .` names a folder with a parent to stage in.
fn absolute(out: &Path) -> Result<PathBuf, String> {
    crate::paths::absolute(out).map_err(|e| format!("{}: {e}", out.display()))
}

/// The folder an output sits in, and the output's own name.
fn parent_and_name(out: &Path) -> Result<(&Path, String), String> {
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => Ok((parent, name.to_string_lossy().into_owned())),
        _ => Err(format!("{} cannot be an output folder", out.display())),
    }
}

impl Staging {
    /// A staging folder in the same parent as `out`, so that the final
    /// rename stays on one file system; waits for another build of `out`.
    pub fn new(out: &Path) -> Result<Staging, String> {
        let out = absolute(out)?;
        check_replaceable(&out)?;
        let (parent, name) = parent_and_name(&out)?;
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let lock = lock(parent, &name)?;
        remove_leftovers(parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".guifan-build-{name}-"))
            .tempdir_in(parent)
            .map_err(|e| format!("cannot create a build folder in {}: {e}", parent.display()))?;
        Ok(Staging {
            dir,
            out,
            _lock: lock,
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
        if !self.out.exists() {
            return fs::rename(&staged, &self.out).map_err(|e| {
                let _ = fs::remove_dir_all(&staged);
                fail("cannot put the new site in", e)
            });
        }
        check_replaceable(&self.out)?;
        match exchange(&staged, &self.out) {
            // `staged` now holds the previous site.
            Ok(()) => {
                let _ = fs::remove_dir_all(&staged);
                Ok(())
            }
            Err(_) => replace_in_two_steps(&staged, &self.out)
                .map_err(|e| fail("cannot put the new site in", e)),
        }
    }
}

/// Take the lock of output `name` in `parent`, waiting (and saying so) while
/// another build holds it.
fn lock(parent: &Path, name: &str) -> Result<File, String> {
    let path = parent.join(format!(".{name}.guifan-lock"));
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open the lock {}: {e}", path.display()))?;
    if file.try_lock().is_err() {
        eprintln!(
            "waiting for another build of {} to finish…",
            parent.join(name).display()
        );
        file.lock()
            .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
    }
    Ok(file)
}

/// Remove the staging and old folders that killed builds of output `name`
/// left behind (only called with the output's lock held, so none is in use).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [
        format!(".guifan-build-{name}-"),
        format!(".guifan-old-{name}-"),
    ];
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Exchange two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Where the folders cannot be exchanged: move the old one aside, the new
/// one in, then remove the old one.
fn replace_in_two_steps(staged: &Path, out: &Path) -> io::Result<()> {
    let (parent, name) = parent_and_name(out).map_err(io::Error::other)?;
    let old = tempfile::Builder::new()
        .prefix(&format!(".guifan-old-{name}-"))
        .tempdir_in(parent)?
        .keep();
    // `old` exists (empty); rename onto an empty folder is allowed.
    fs::rename(out, &old)?;
    if let Err(e) = fs::rename(staged, out) {
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(staged);
        return Err(e);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

impl super::Dest for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, path, bytes)
    }
}

/// Replace the file at `path` with `bytes` in one rename, so a reader sees
/// the old file or the new one, never a part.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    stream_file(path, |w| w.write_all(bytes))
}

/// Replace the file at `path` with what `write` writes, streamed to a
/// temporary file beside it and renamed over it once `write` succeeds, so
/// a long output needs no memory and a reader never sees a part of it.
pub fn stream_file(
    path: &Path,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".guifan-");
    // As any new file (0666 less the umask), not a private temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder
        .tempfile_in(match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        })
        .map_err(|e| fail(&e))?;
    let mut buffered = io::BufWriter::new(file.as_file_mut());
    write(&mut buffered)
        .and_then(|()| io::Write::flush(&mut buffered))
        .map_err(|e| fail(&e))?;
    drop(buffered);
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
        // Nothing left behind beside the site but its lock.
        assert_eq!(beside(tmp.path()), [".site.guifan-lock", "site"]);

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
        assert_eq!(beside(tmp.path()), [".site.guifan-lock", "site"]);
    }

    /// The names in `dir`, sorted.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn leftovers_of_killed_builds_go_and_dot_is_a_folder_like_any() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        fs::create_dir(tmp.path().join(".guifan-build-site-x1")).unwrap();
        fs::create_dir(tmp.path().join(".guifan-old-site-x2")).unwrap();
        fs::create_dir(tmp.path().join(".guifan-build-other-x3")).unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        // Another output's staging folder is not this build's business.
        let names = beside(tmp.path());
        assert_eq!(
            names,
            [".guifan-build-other-x3", ".site.guifan-lock", "site"]
        );
        // `-o .` in an empty folder, through a path with `.` and `..`.
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let s = Staging::new(&empty.join("../empty/.")).unwrap();
        s.write("index.html", b"here").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(empty.join("index.html")).unwrap(), b"here");
    }
}
