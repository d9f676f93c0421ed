//! Watching the spec and templates folders: which edits happened, reported
//! as soon as the file system goes quiet.
//!
//! An editor's save is a burst of events a few microseconds to a few
//! milliseconds apart; a build starts once no event has come for
//! [`QUIET`] (no fixed wait beyond that), or after [`MOST`] of continuous
//! events (a long checkout), whichever is first.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long the file system must be quiet before a build starts.
const QUIET: Duration = Duration::from_millis(15);
/// The longest a build waits for the events to stop.
const MOST: Duration = Duration::from_millis(500);

/// What changed since the last call of [`Watcher::next`].
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    /// Files of the spec (which ones does not matter: the model says what
    /// they affect).
    Spec,
    /// The templates, or a folder made again: rebuild everything.
    Everything,
}

/// The spec and templates folders, watched without following symbolic
/// links (as build reads them), so the watch never leaves them.
pub struct Watcher {
    /// The spec folder first, then the templates folder if any.
    dirs: Vec<PathBuf>,
    /// The output folder, whose writes are not edits.
    out: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<()>,
    /// Each folder as last watched (`None`: missing).
    identity: Vec<Option<Identity>>,
    last: Vec<Fingerprint>,
}

impl Watcher {
    pub fn new(dirs: Vec<PathBuf>, out: &Path) -> Result<Watcher, String> {
        let (tx, events) = mpsc::channel();
        let handler = move |event: notify::Result<notify::Event>| {
            // Reads (our own build reads every file) are not edits.
            if event.is_ok_and(|e| !matches!(e.kind, EventKind::Access(_))) {
                let _ = tx.send(());
            }
        };
        let config = notify::Config::default().with_follow_symlinks(false);
        let watcher = notify::RecommendedWatcher::new(handler, config)
            .map_err(|e| format!("cannot watch files: {e}"))?;
        let out = absolute(out);
        let mut watcher = Watcher {
            identity: vec![None; dirs.len()],
            last: dirs.iter().map(|d| fingerprint(d, &out)).collect(),
            dirs,
            out,
            watcher,
            events,
        };
        for i in 0..watcher.dirs.len() {
            let dir = watcher.dirs[i].clone();
            (watcher.watcher.watch(&dir, RecursiveMode::Recursive))
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
            watcher.identity[i] = identity(&dir);
        }
        Ok(watcher)
    }

    /// Wait for the next edit; `None` once the watcher is gone. Also looks
    /// once a second whether a folder was deleted and made again (a `git
    /// checkout` does that), which loses its watch: it is watched anew.
    pub fn next(&mut self) -> Option<Change> {
        loop {
            match self.events.recv_timeout(Duration::from_secs(1)) {
                Ok(()) => self.settle(),
                Err(mpsc::RecvTimeoutError::Timeout) if self.renew() => {
                    self.last = self.fingerprints();
                    return Some(Change::Everything);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            }
            // Only a change of the files' names, sizes or times is an edit
            // (an event may be our own write to an output inside the spec).
            let now = self.fingerprints();
            let changed: Vec<bool> = now.iter().zip(&self.last).map(|(a, b)| a != b).collect();
            self.last = now;
            if changed.iter().skip(1).any(|&c| c) {
                return Some(Change::Everything);
            }
            if changed.first() == Some(&true) {
                return Some(Change::Spec);
            }
        }
    }

    /// Wait until no event has come for [`QUIET`].
    fn settle(&self) {
        let start = Instant::now();
        while start.elapsed() < MOST && self.events.recv_timeout(QUIET).is_ok() {}
    }

    fn fingerprints(&self) -> Vec<Fingerprint> {
        self.dirs
            .iter()
            .map(|d| fingerprint(d, &self.out))
            .collect()
    }

    /// Watch again each folder that was replaced or came back; whether any was.
    fn renew(&mut self) -> bool {
        let mut renewed = false;
        for (dir, known) in self.dirs.iter().zip(&mut self.identity) {
            let now = identity(dir);
            if now == *known {
                continue;
            }
            let _ = self.watcher.unwatch(dir);
            if now.is_some() && self.watcher.watch(dir, RecursiveMode::Recursive).is_err() {
                continue; // half made: try again in a second
            }
            *known = now;
            renewed = true;
        }
        renewed
    }
}

/// What tells a folder from one made again at the same path.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = ();

#[cfg(unix)]
fn identity(dir: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt as _;
    let meta = std::fs::metadata(dir).ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> Option<Identity> {
    dir.is_dir().then_some(())
}

type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Name, size and modification time of every file under `dir` but the
/// output's: `out` itself, and the staging folders, temporary files and
/// lock a build makes beside it (when the output sits in the spec folder).
fn fingerprint(dir: &Path, out: &Path) -> Fingerprint {
    let ours = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_string_lossy();
        name.starts_with(".guifan-") || name.ends_with(".guifan-lock") || absolute(e.path()) == out
    };
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !ours(e))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.into_path(), meta.len(), meta.modified().ok()))
        })
        .collect()
}

fn absolute(p: &Path) -> PathBuf {
    crate::paths::absolute(p).unwrap_or_else(|_| p.to_owned())
}
