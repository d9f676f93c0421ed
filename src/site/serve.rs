//! `guifan serve`: build, serve the site on localhost, rebuild when the spec
//! or the template folder changes, and reload the pages that are open.
//!
//! Open pages poll `/__guifan/state` once a second (a script the server adds
//! to every HTML page it sends; the files on disk stay as `build` writes
//! them). A new build number reloads the page; a failed build keeps the
//! last good site on disk and shows its diagnostics over the page instead
//! of stopping the server.

use std::io::Cursor;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use serde::Serialize;
use tiny_http::{Header, Request, Response, Server};

use super::Options;

/// What open pages poll for.
#[derive(Clone, Debug, Default, Serialize)]
struct State {
    /// Bumped by every successful build.
    generation: u64,
    /// The diagnostics of the last build, when it failed.
    error: Option<String>,
}

const LIVE_JS: &str = include_str!("live.js");

pub fn run(opts: &Options, bind: IpAddr, port: u16) -> Result<(), String> {
    let state = Arc::new(Mutex::new(State::default()));
    rebuild(opts, &state);
    let server =
        Server::http((bind, port)).map_err(|e| format!("cannot listen on {bind}:{port}: {e}"))?;
    let shown = match bind {
        IpAddr::V6(_) => format!("[{bind}]"),
        IpAddr::V4(_) => bind.to_string(),
    };
    eprintln!(
        "serving {} at http://{shown}:{port}/ (Ctrl-C to stop)",
        opts.out.display()
    );

    let (tx, rx) = mpsc::channel();
    let mut watched = vec![opts.spec.clone()];
    watched.extend(opts.templates.clone());
    let watcher = Watcher::new(watched, tx)?;
    let watcher_opts = opts.clone();
    let watcher_state = Arc::clone(&state);
    std::thread::spawn(move || watch(watcher, rx, &watcher_opts, &watcher_state));

    for request in server.incoming_requests() {
        let snapshot = state.lock().map(|s| s.clone()).unwrap_or_default();
        let response = respond(&opts.out, &request, &snapshot);
        let _ = request.respond(response);
    }
    Ok(())
}

/// Rebuild after every edit. Also once a second, since a folder deleted and
/// made again (a `git checkout` does that) loses its watch: it is watched
/// anew and its files compared.
fn watch(
    mut watcher: Watcher,
    rx: mpsc::Receiver<DebounceResult>,
    opts: &Options,
    state: &Mutex<State>,
) {
    let out = absolute(&opts.out);
    let mut last = fingerprint(&watcher.dirs, &out);
    loop {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) if watcher.renew() => {}
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        // Watchers also report reads (our own build reads every file) and
        // the output's writes when it sits in a watched folder: only a
        // change of the files' names, sizes or times is an edit.
        let now = fingerprint(&watcher.dirs, &out);
        if now != last {
            last = now;
            rebuild(opts, state);
        }
    }
}

type DebounceResult = notify_debouncer_mini::DebounceEventResult;

/// The spec and templates folders, watched without following symbolic
/// links (as build reads them), so the watch never leaves them.
struct Watcher {
    dirs: Vec<PathBuf>,
    debouncer: notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>,
    /// Each folder as last watched (`None`: missing).
    identity: Vec<Option<Identity>>,
}

impl Watcher {
    fn new(dirs: Vec<PathBuf>, tx: mpsc::Sender<DebounceResult>) -> Result<Watcher, String> {
        let config = notify_debouncer_mini::Config::default()
            .with_timeout(Duration::from_millis(200))
            .with_notify_config(notify::Config::default().with_follow_symlinks(false));
        let debouncer = notify_debouncer_mini::new_debouncer_opt(config, tx)
            .map_err(|e| format!("cannot watch files: {e}"))?;
        let mut watcher = Watcher {
            identity: vec![None; dirs.len()],
            dirs,
            debouncer,
        };
        for i in 0..watcher.dirs.len() {
            let dir = watcher.dirs[i].clone();
            (watcher
                .debouncer
                .watcher()
                .watch(&dir, RecursiveMode::Recursive))
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
            watcher.identity[i] = identity(&dir);
        }
        Ok(watcher)
    }

    /// Watch again each folder that was replaced or came back; whether any was.
    fn renew(&mut self) -> bool {
        let mut renewed = false;
        for (dir, known) in self.dirs.iter().zip(&mut self.identity) {
            let now = identity(dir);
            if now == *known {
                continue;
            }
            let w = self.debouncer.watcher();
            let _ = w.unwatch(dir);
            if now.is_some() && w.watch(dir, RecursiveMode::Recursive).is_err() {
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

/// Name, size and modification time of every file under `dirs` but `out`.
fn fingerprint(dirs: &[PathBuf], out: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    dirs.iter()
        .flat_map(|d| walkdir::WalkDir::new(d).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !absolute(e.path()).starts_with(out))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.into_path(), meta.len(), meta.modified().ok()))
        })
        .collect()
}

fn absolute(p: &Path) -> PathBuf {
    crate::paths::absolute(p).unwrap_or_else(|_| p.to_owned())
}

/// Build once and record the result for the pages to pick up.
fn rebuild(opts: &Options, state: &Mutex<State>) {
    let result = super::build(opts);
    let Ok(mut state) = state.lock() else { return };
    match result {
        Ok(outcome) if outcome.written.is_some() => {
            state.generation += 1;
            state.error = None;
            let findings = outcome.checked.diagnostics.len();
            eprintln!("rebuilt ({findings} finding(s))");
        }
        Ok(outcome) => {
            let checked = &outcome.checked;
            let errors: Vec<_> = (checked.diagnostics.iter())
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .cloned()
                .collect();
            let text = crate::diag::human::render(&errors, &checked.spec.sources, false);
            eprint!("{text}");
            eprintln!("the spec has errors; still serving the last good site");
            state.error = Some(text);
        }
        Err(message) => {
            eprintln!("error: {message}");
            state.error = Some(message);
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and ASCII values")
}

fn respond(out: &Path, request: &Request, state: &State) -> Response<Cursor<Vec<u8>>> {
    let path = request.url().split(['?', '#']).next().unwrap_or("/");
    match path {
        "/__guifan/state" => {
            let body = serde_json::to_vec(state).unwrap_or_default();
            return Response::from_data(body)
                .with_header(header("Content-Type", "application/json"))
                .with_header(header("Cache-Control", "no-store"));
        }
        "/__guifan/live.js" => {
            return Response::from_data(LIVE_JS.as_bytes().to_vec())
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        }
        _ => {}
    }
    let Some(file) = file_for(out, path) else {
        return not_found();
    };
    let Ok(mut bytes) = std::fs::read(&file) else {
        return not_found();
    };
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        bytes = inject(bytes, state.generation);
    }
    Response::from_data(bytes)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

fn not_found() -> Response<Cursor<Vec<u8>>> {
    Response::from_string("404 not found").with_status_code(404)
}

/// The file a URL path names inside `out`; `None` for anything that would
/// leave it (`..`, absolute segments).
fn file_for(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    let mut file = out.to_owned();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Add the live-reload script to a page, just before `</body>`.
fn inject(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"/__guifan/live.js?g={generation}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let out = Path::new("/srv/site");
        assert_eq!(
            file_for(out, "/roles/a.html"),
            Some(out.join("roles/a.html"))
        );
        assert_eq!(
            file_for(out, "/source/a%20b.yaml.html"),
            Some(out.join("source/a b.yaml.html"))
        );
        assert_eq!(file_for(out, "/../etc/passwd"), None);
        assert_eq!(file_for(out, "/a/%2e%2e/%2e%2e/etc/passwd"), None);
    }

    #[test]
    fn script_goes_before_body_end() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec(), 7);
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.ends_with("<script src=\"/__guifan/live.js?g=7\"></script>\n</body></html>"),
            "{html}"
        );
    }
}
