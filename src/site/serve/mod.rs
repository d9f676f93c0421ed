//! `guifan serve`: build, serve the site on localhost, rebuild when the spec
//! or the template folder changes, and reload the pages that are open.
//!
//! Open pages listen to `/__guifan/events` (server-sent events; a script
//! the server adds to every HTML page it sends, the files on disk stay as
//! `build` writes them). A new build number reloads the page at once; a
//! failed build keeps the last good site and shows its diagnostics over
//! the page instead of stopping the server. After the first build, an edit
//! rewrites only the pages it changes, those a browser has open first
//! ([`preview`], [`visited`]).

mod http;
mod preview;
mod visited;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;
use tokio::sync::watch as channel;

use crate::cli::SiteArgs;
use preview::{Preview, Updated};
use visited::Visited;

/// `guifan serve`'s options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0: any free port, printed).
    #[arg(short, long, default_value_t = 8000)]
    pub port: u16,
    /// The address to bind; only change it to share the preview on a network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// What open pages are told after every build.
#[derive(Clone, Debug, Default, Serialize)]
pub struct State {
    /// Bumped by every successful build.
    generation: u64,
    /// The diagnostics of the last build, when it failed.
    error: Option<String>,
}

pub fn run(args: &ServeArgs, spec: &Path) -> Result<(), String> {
    let opts = args.site.options(spec, false);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let mut preview = Preview::new(opts.clone());
    let (state, reader) = channel::channel(State::default());
    let started = Instant::now();
    report(preview.full(), &state, started, true);

    let listener = std::net::TcpListener::bind((args.bind, args.port))
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.bind, args.port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let url = format!("http://{}/", SocketAddr::new(args.bind, port));
    eprintln!("serving {} at {url} (Ctrl-C to stop)", opts.out.display());
    if args.open
        && let Err(e) = opener::open_browser(&url)
    {
        eprintln!("warning: cannot open a browser: {e}");
    }

    let mut dirs = vec![opts.spec.clone()];
    dirs.extend(opts.templates.clone());
    let watcher = watch::Watcher::new(dirs, &opts.out)?;
    // Held by each rebuild, and taken for good on Ctrl-C, so the server
    // never stops half-way through writing the site.
    let preview = Arc::new(Mutex::new(preview));
    let rebuilding = Arc::clone(&preview);
    let visited = Arc::new(Visited::default());
    let open = Arc::clone(&visited);
    std::thread::spawn(move || rebuild_on_edits(watcher, &rebuilding, &state, &open));

    let context = http::Context {
        port,
        bind: args.bind,
        state: reader,
        visited,
    };
    let app = http::app(opts.out.clone(), context);
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| format!("cannot listen on {url}: {e}"))?;
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        http::serve(listener, app, ctrl_c).await;
        Ok::<(), String>(())
    })?;
    let _idle = preview.lock();
    eprintln!("stopped");
    // Connections (open pages' event streams) end with the process.
    runtime.shutdown_background();
    Ok(())
}

fn rebuild_on_edits(
    mut watcher: watch::Watcher,
    preview: &Mutex<Preview>,
    state: &channel::Sender<State>,
    visited: &Visited,
) {
    while let Some(change) = watcher.next() {
        let Ok(mut preview) = preview.lock() else {
            return;
        };
        let started = Instant::now();
        let result = match change {
            watch::Change::Spec => preview.update(&visited.pages(), &|| reload(state)),
            watch::Change::Everything => preview.full(),
        };
        report(result, state, started, false);
    }
}

/// Tell the open pages to reload: a build succeeded.
fn reload(state: &channel::Sender<State>) {
    state.send_modify(|s| {
        s.generation += 1;
        s.error = None;
    });
}

/// Say what a build did, and tell the open pages.
fn report(
    result: Result<Updated, String>,
    state: &channel::Sender<State>,
    started: Instant,
    first: bool,
) {
    match result.map(|updated| (updated.outcome, updated.open_first, updated.reload)) {
        Ok((
            crate::site::Outcome {
                checked,
                written: Some(written),
            },
            open_first,
            again,
        )) => {
            if again {
                reload(state);
            }
            let ms = started.elapsed().as_millis();
            let findings = checked.diagnostics.len();
            let open = open_first.map_or(String::new(), |at| {
                format!(" (the open pages first, in {} ms)", at.as_millis())
            });
            if first {
                eprintln!(
                    "built: {} in {ms} ms; {findings} finding(s)",
                    written.summary
                );
            } else {
                eprintln!(
                    "rebuilt: {} file(s) written in {ms} ms{open}; {findings} finding(s)",
                    written.files
                );
            }
        }
        Ok((outcome, ..)) => {
            let checked = &outcome.checked;
            let errors: Vec<_> = (checked.diagnostics.iter())
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .cloned()
                .collect();
            let text = crate::diag::human::render(&errors, &checked.spec.sources, false);
            eprint!("{text}");
            eprintln!("the spec has errors; still serving the last good site");
            state.send_modify(|s| s.error = Some(text));
        }
        Err(message) => {
            eprintln!("error: {message}");
            state.send_modify(|s| s.error = Some(message));
        }
    }
}
