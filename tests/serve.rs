//! `guifan serve` as a user (and an attacker) sees it, on copies of the
//! test site: first build and rebuilds, live reload by server-sent events,
//! an edit rewriting only the pages it affects, Ctrl-C, `--open`, and the
//! HTTP side tried as an attacker would — each attack with another request
//! answered while it goes on.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::site::{read, spec_copy};
use common::test_site;

/// How long any answer may take before the server counts as stalled
/// (generous: tests run in parallel on a debug build).
const PROMPT: Duration = Duration::from_secs(5);

/// A `guifan serve` of a copy of the test site on a free port, stopped
/// however the test ends.
struct Served {
    child: Child,
    port: u16,
    /// Every line it printed to stderr.
    said: Arc<Mutex<Vec<String>>>,
    dir: tempfile::TempDir,
    spec: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn start(extra: &[&str], env: &[(&str, &Path)]) -> Served {
        let (dir, spec) = spec_copy(&test_site());
        let mut child = Command::new(env!("CARGO_BIN_EXE_guifan"))
            .args(["-s", spec.to_str().unwrap(), "serve", "-p", "0", "-o"])
            .arg(dir.path().join("site"))
            .args(extra)
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let said = Arc::new(Mutex::new(Vec::new()));
        let lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let (tx, rx) = std::sync::mpsc::channel();
        let log = Arc::clone(&said);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Some(at) = line.split("http://127.0.0.1:").nth(1) {
                    let _ = tx.send(at.split('/').next().unwrap_or("").parse::<u16>());
                }
                log.lock().unwrap().push(line);
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("serve says where it serves")
            .unwrap();
        Served {
            child,
            port,
            said,
            dir,
            spec,
        }
    }

    /// `serve` with no options, once its first build is done.
    fn built() -> Served {
        let served = Served::start(&[], &[]);
        served.wait_for("the first build", &|s| s.contains("\"generation\":1"));
        served
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn said(&self) -> Vec<String> {
        self.said.lock().unwrap().clone()
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PROMPT)).unwrap();
        stream.set_write_timeout(Some(PROMPT)).unwrap();
        stream
    }

    /// One request with `Host` as given; the status line, then the rest.
    fn request(&self, method: &str, path: &str, host: &str) -> (String, String) {
        let mut stream = self.connect();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        stream
            .read_to_end(&mut answer)
            .expect("an answer, promptly");
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let (status, rest) = answer.split_once("\r\n").unwrap_or((&answer, ""));
        (status.to_owned(), rest.to_owned())
    }

    fn get(&self, path: &str) -> (String, String) {
        self.request("GET", path, &format!("127.0.0.1:{}", self.port))
    }

    /// Another client is answered at once: the server is not stalled.
    fn still_answers(&self) {
        let (status, body) = self.get("/index.html");
        assert_eq!(status, "HTTP/1.1 200 OK", "{body}");
        assert!(body.contains("</html>"));
    }

    /// Make the test site's 15-second limit one of 16 seconds.
    fn edit_a_limit(&self) {
        let file = self.spec.join("hotline/limits.yaml");
        let text = read(&file).replace("duration: 15秒", "duration: 16秒");
        fs::write(&file, text).unwrap();
    }

    /// The first line it printed that `check` accepts (a minute at most).
    fn wait_to_say(&self, what: &str, check: &dyn Fn(&str) -> bool) -> String {
        for _ in 0..600 {
            if let Some(line) = self.said().into_iter().find(|l| check(l)) {
                return line;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}: {:?}", self.said());
    }

    /// The build state once `check` accepts it (a minute at most).
    fn wait_for(&self, what: &str, check: &dyn Fn(&str) -> bool) -> String {
        for _ in 0..600 {
            let (status, body) = self.get("/__guifan/state");
            if status.ends_with("200 OK") && check(&body) {
                return body;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}");
    }
}

/// `serve`: says "built" for its first build, pages get the live-reload
/// script, a broken edit shows its diagnostics instead of stopping the
/// server, a fix reloads the pages.
#[test]
fn serve_rebuilds_and_reports_errors_without_stopping() {
    let served = Served::built();
    let said = served.said();
    assert!(said[0].starts_with("built: "), "{said:?}");
    let (status, home) = served.get("/index.html");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        home.contains("content-type: text/html; charset=utf-8"),
        "{home}"
    );
    assert!(home.contains("cache-control: no-store"), "{home}");
    assert!(home.contains("<script src=\"/__guifan/live.js?g=1\"></script>\n</body>"));
    assert!(
        !read(&served.out().join("index.html")).contains("live.js"),
        "the script must not reach the files"
    );
    assert!(
        served.get("/").1.contains("live.js?g=1"),
        "a folder is its index.html"
    );
    assert!(served.get("/../../etc/passwd").0.contains(" 404 "));
    assert!(served.get("/%2e%2e/%2e%2e/etc/passwd").0.contains(" 404 "));

    let roles = served.spec.join("hotline/roles.yaml");
    let good = read(&roles);
    fs::write(
        &roles,
        format!("{good}\n  - {{ id: broken, title: x, parent: nobody }}\n"),
    )
    .unwrap();
    let state = served.wait_for("the error", &|s| s.contains("E005"));
    assert!(state.contains("\"generation\":1"), "{state}");
    assert_eq!(
        served.get("/index.html").0,
        "HTTP/1.1 200 OK",
        "the last good site is still served"
    );

    fs::write(&roles, good).unwrap();
    served.wait_for("the fixed build", &|s| {
        s.contains("\"generation\":2") && s.contains("\"error\":null")
    });
    let said = served.said();
    assert!(said.iter().any(|l| l.starts_with("rebuilt: ")), "{said:?}");
}

/// Open pages hear of a build the moment it ends: the event stream sends
/// the state at once, then each new one.
#[test]
fn builds_are_pushed_to_open_pages() {
    let served = Served::start(&[], &[]);
    let mut stream = served.connect();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET /__guifan/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        served.port
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    let mut next_event = || -> String {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(events.read_line(&mut line).unwrap() > 0, "the stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim().to_owned();
            }
        }
    };
    assert_eq!(next_event(), r#"{"generation":1,"error":null}"#);
    let limits = served.spec.join("hotline/limits.yaml");
    let text = read(&limits).replace("duration: 15秒", "duration: 20秒");
    fs::write(&limits, text).unwrap();
    assert_eq!(next_event(), r#"{"generation":2,"error":null}"#);
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// An edit of one limit rewrites the pages that show it and leaves the
/// others alone: the role that owns it changes, a page of another
/// standard keeps its modification time.
#[test]
fn an_edit_rewrites_only_the_pages_it_affects() {
    let served = Served::built();
    let out = served.out();
    let agent = out.join("roles/agent.html");
    let limits = out.join("limits.html");
    let unrelated = [
        out.join("flows/installation.html"),
        out.join("source/field/flows.yaml.html"),
        out.join("roles/province-company.html"),
    ];
    let before: Vec<SystemTime> = unrelated.iter().map(|p| modified(p)).collect();
    assert!(read(&agent).contains("15秒") && !read(&agent).contains("16秒"));

    served.edit_a_limit();
    served.wait_for("the rebuild", &|s| s.contains("\"generation\":2"));

    assert!(
        read(&agent).contains("16秒"),
        "the owner's page shows the edit"
    );
    assert!(read(&limits).contains("16秒"), "so does the limit table");
    assert!(
        read(&out.join("source/hotline/limits.yaml.html")).contains("16秒"),
        "and the file's source page"
    );
    let after: Vec<SystemTime> = unrelated.iter().map(|p| modified(p)).collect();
    assert_eq!(
        before, after,
        "pages the edit does not touch are not written"
    );
    let said = served.said();
    let rebuilt = said.iter().find(|l| l.starts_with("rebuilt: ")).unwrap();
    let written: usize = rebuilt["rebuilt: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3..30).contains(&written), "{rebuilt}");
    same_as_a_fresh_build(&served);
}

/// A page open in a browser is written and reloaded before the rest of
/// the site (the question bank, the search index, the other pages), and
/// reloaded once: the rest follows, and the site ends as a fresh build
/// makes it.
#[test]
fn the_open_page_comes_first_and_the_rest_follows() {
    let served = Served::built();
    assert!(served.get("/roles/agent.html").1.contains("15秒"));
    served.edit_a_limit();
    let rebuilt = served.wait_to_say("the rebuild", &|l| l.starts_with("rebuilt: "));
    assert!(rebuilt.contains("(the open pages first, in "), "{rebuilt}");
    assert!(served.get("/roles/agent.html").1.contains("16秒"));
    let state = served.get("/__guifan/state").1;
    assert!(state.contains("\"generation\":2"), "{state}");
    same_as_a_fresh_build(&served);
}

/// An open practice quiz, which only the question bank drawn again
/// changes, is written and reloaded with the rest of the site.
#[test]
fn an_open_quiz_follows_the_new_question_bank() {
    let served = Served::built();
    let quiz = "/quiz/role/agent.html";
    assert!(served.get(quiz).1.contains("15秒"));
    served.edit_a_limit();
    let rebuilt = served.wait_to_say("the rebuild", &|l| l.starts_with("rebuilt: "));
    assert!(!rebuilt.contains("open pages first"), "{rebuilt}");
    assert!(served.get(quiz).1.contains("16秒"));
    let state = served.get("/__guifan/state").1;
    assert!(state.contains("\"generation\":2"), "{state}");
    same_as_a_fresh_build(&served);
}

/// An edit of what every page shows beside its own data (the footer's
/// editions, the glossary's term links) rewrites every page.
#[test]
fn an_edit_of_the_footer_rewrites_every_page() {
    let served = Served::built();
    let out = served.out();
    let unrelated = out.join("source/field/flows.yaml.html");
    assert!(read(&unrelated).contains("2024版"));
    let file = served.spec.join("hotline/standard.yaml");
    fs::write(
        &file,
        read(&file).replace("version: 2024版", "version: 2025版"),
    )
    .unwrap();
    served.wait_for("the rebuild", &|s| s.contains("\"generation\":2"));
    assert!(read(&unrelated).contains("2025版"), "the footer is new");
    same_as_a_fresh_build(&served);
}

/// What the served site looks like is what `guifan build` makes of its spec.
fn same_as_a_fresh_build(served: &Served) {
    let out = served.out();
    let fresh = served.dir.path().join("fresh");
    let built = common::site::build(&served.spec, &fresh, &["--quiet"]);
    assert!(built.status.success());
    let served_tree = common::site::tree(&out);
    let built_tree = common::site::tree(&fresh);
    assert_eq!(
        served_tree.keys().collect::<Vec<_>>(),
        built_tree.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built_tree {
        assert!(
            served_tree[path] == *bytes,
            "{path} differs from a fresh build"
        );
    }
}

/// Symbolic links inside the spec are never followed, by build or by
/// serve's watcher (a link to `/` once made serve exit); a spec folder
/// deleted and made again, as a checkout does, is watched anew.
#[cfg(unix)]
#[test]
fn serve_ignores_links_and_survives_the_spec_folder_made_again() {
    let served = Served::start(&[], &[]);
    let spec = &served.spec;
    std::os::unix::fs::symlink("/", spec.join("root-link")).unwrap();
    std::os::unix::fs::symlink("/usr", spec.join("hotline/usr-link")).unwrap();
    served.wait_for("the first build", &|s| s.contains("\"generation\":1"));

    let moved = served.dir.path().join("spec-old");
    fs::rename(spec, &moved).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    fs::rename(&moved, spec).unwrap();
    let roles = spec.join("hotline/roles.yaml");
    let edited = read(&roles).replace("title: 省公司", "title: 省公司本部");
    fs::write(roles, edited).unwrap();
    served.wait_for("a rebuild after the folder came back", &|s| {
        s.contains("\"generation\":") && !s.contains("\"generation\":1,")
    });
    let (_, page) = served.get("/roles/province-company.html");
    assert!(page.contains("省公司本部"), "the edit is served");
}

/// Ctrl-C stops the server at once, and leaves nothing beside the site.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_at_once_and_leaves_no_litter() {
    let mut served = Served::start(&[], &[]);
    served.wait_for("the first build", &|s| s.contains("\"generation\":1"));
    let pid = served.child.id().to_string();
    let sent = Instant::now();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "still running a second after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success(), "{status:?}");
    let mut beside: Vec<String> = fs::read_dir(served.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, [".site.guifan-lock", "site", "spec"]);
    let litter: Vec<_> = common::site::walk(&served.out())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".guifan-") && !p.ends_with(".guifan-site"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

/// `--open` hands the address to the browser (here a script standing in
/// for one, through `$BROWSER`).
#[cfg(unix)]
#[test]
fn open_starts_the_browser_on_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened");
    let browser = dir.path().join("browser");
    fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    )
    .unwrap();
    let mut permissions = fs::metadata(&browser).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    fs::set_permissions(&browser, permissions).unwrap();
    let served = Served::start(&["--open"], &[("BROWSER", &browser)]);
    let expected = format!("http://127.0.0.1:{}/\n", served.port);
    for _ in 0..100 {
        if fs::read_to_string(&opened).is_ok_and(|s| s == expected) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the browser was not opened on {expected}");
}

/// DNS rebinding: a page of another site that points its own name at
/// 127.0.0.1 sends that name as `Host`, and gets nothing of the spec.
#[test]
fn other_hosts_get_nothing() {
    let served = Served::built();
    let port = served.port;
    let strangers = [
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        "localhost:1".to_owned(),
        "127.0.0.1".to_owned(),
    ];
    for host in &strangers {
        for path in [
            "/",
            "/index.html",
            "/__guifan/state",
            "/__guifan/events",
            "/__guifan/live.js",
        ] {
            let (status, rest) = served.request("GET", path, host);
            assert_eq!(status, "HTTP/1.1 403 Forbidden", "{host} {path}");
            assert!(
                !rest.contains("generation") && !rest.contains("<html"),
                "{rest}"
            );
        }
    }
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(served.request("GET", "/", &host).0, "HTTP/1.1 200 OK");
    }
}

/// Only GET and HEAD; HEAD sends no body.
#[test]
fn only_get_and_head() {
    let served = Served::start(&[], &[]);
    let host = format!("127.0.0.1:{}", served.port);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
        let (status, rest) = served.request(method, "/index.html", &host);
        assert_eq!(status, "HTTP/1.1 405 Method Not Allowed", "{method}");
        assert!(
            rest.to_ascii_lowercase().contains("allow: get, head"),
            "{rest}"
        );
    }
    let (status, rest) = served.request("HEAD", "/index.html", &host);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(rest.ends_with("\r\n\r\n"), "no body: {rest}");
}

/// A client that announces a body and never sends it is answered at once
/// (no body is accepted) and stalls no one.
#[test]
fn a_body_never_finished_stalls_no_one() {
    let served = Served::start(&[], &[]);
    let mut slow = served.connect();
    write!(
        slow,
        "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 1025\r\n\r\nthe first bytes",
        served.port
    )
    .unwrap();
    served.still_answers();
    let mut answer = [0; 64];
    let n = slow.read(&mut answer).expect("an answer without the body");
    assert!(String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 413"));
    served.still_answers();
}

/// A client that pipelines 50 requests and never reads the answers holds
/// only its own connection.
#[test]
fn pipelined_requests_never_read_stall_no_one() {
    let served = Served::start(&[], &[]);
    let mut greedy = served.connect();
    let request = format!(
        "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        served.port
    );
    greedy.write_all(request.repeat(50).as_bytes()).unwrap();
    served.still_answers();
    served.still_answers();
    drop(greedy);
}

/// A huge request head is refused after the first kilobytes (431), not
/// read to its end, and stalls no one meanwhile.
#[test]
fn a_400_mb_header_is_refused_early() {
    let served = Served::start(&[], &[]);
    let mut big = served.connect();
    write!(
        big,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Big: ",
        served.port
    )
    .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 400 << 20 {
        match big.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    assert!(sent < 16 << 20, "the server read {sent} bytes of header");
    served.still_answers();
}

/// A client that sends its request head slowly is cut off after a few
/// seconds, and stalls no one meanwhile.
#[test]
fn a_slow_request_head_is_cut_off() {
    let served = Served::start(&[], &[]);
    let mut slow = served.connect();
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: 127.0.0").unwrap();
    served.still_answers();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the connection was not closed"
    );
}

/// In headless Chromium (`tests/browser/serve.js`): an open page reloads by
/// itself after an edit; a broken edit's overlay passes axe-core and
/// closes by its button and by Esc; a fix reloads the page. Needs node,
/// Chromium and `npm ci --prefix tests/browser` (`.ci/run` installs them).
#[test]
#[ignore = "needs node, Chromium and tests/browser/node_modules"]
fn the_browser_reloads_and_the_overlay_closes() {
    let browser = common::root().join("tests/browser");
    assert!(
        browser.join("node_modules").is_dir() && Path::new("/usr/bin/chromium").exists(),
        "run `bash .ci/run` once, or `npm ci --ignore-scripts --prefix tests/browser`"
    );
    let served = Served::built();
    let out = Command::new("node")
        .arg(browser.join("serve.js"))
        .arg(format!("http://127.0.0.1:{}", served.port))
        .arg(served.spec.join("hotline/limits.yaml"))
        .output()
        .expect("node");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.starts_with("ok "), "{report}");
}
