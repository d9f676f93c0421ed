//! `guifan build` and `guifan serve` as a user sees them: the bundled site
//! links up with no external resource, builds are reproducible, a broken
//! spec never replaces a good site, themes override file by file, and
//! spec Markdown cannot inject script.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{bundled_spec, guifan};
use scraper::{Html, Selector};

fn build(spec: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "-s",
        spec.to_str().unwrap(),
        "build",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    guifan(&args)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The bundled site, built once for the tests that only read it.
fn bundled_site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = build(&bundled_spec(), &dir.path().join("site"), &["--quiet"]);
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    })
    .path()
    .join("site")
    .leak()
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(&p).unwrap())
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A spec of the given files, in a temporary folder beside which the site
/// can be built.
fn spec_of(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir_all(&spec).unwrap();
    for (name, text) in files {
        fs::write(spec.join(name), text).unwrap();
    }
    (dir, spec)
}

/// A writable copy of the bundled spec.
fn spec_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    for file in walk(&bundled_spec()) {
        let to = spec.join(file.strip_prefix(bundled_spec()).unwrap());
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&file, &to).unwrap();
    }
    (dir, spec)
}

#[test]
fn every_link_of_the_bundled_site_resolves_and_nothing_is_external() {
    let site = bundled_site();
    let files = tree(site);
    let selector = Selector::parse("[href], [src], [id]").unwrap();
    // Ids of each page, to check #fragments.
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let page_ids = ids.entry(path.clone()).or_default();
        for el in html.select(&selector) {
            if let Some(id) = el.value().attr("id") {
                assert!(page_ids.insert(id.to_owned()), "{path}: duplicate id {id}");
            }
            for attr in ["href", "src"] {
                if let Some(link) = el.value().attr(attr) {
                    links.push((path.clone(), link.to_owned()));
                }
            }
        }
    }
    assert!(links.len() > 5_000, "only {} links", links.len());
    for (page, link) in &links {
        assert!(
            !link.contains("://") && !link.starts_with("//") && !link.starts_with('/'),
            "{page}: {link} is not a relative link"
        );
        let (target, fragment) = link.split_once('#').unwrap_or((link, ""));
        let target = target.split('?').next().unwrap();
        let resolved = if target.is_empty() {
            page.clone()
        } else {
            let mut parts: Vec<&str> = page.split('/').collect();
            parts.pop();
            for segment in target.split('/') {
                match segment {
                    ".." => {
                        parts
                            .pop()
                            .unwrap_or_else(|| panic!("{page}: {link} leaves the site"));
                    }
                    s => parts.push(s),
                }
            }
            let joined = parts.join("/");
            percent_encoding::percent_decode_str(&joined)
                .decode_utf8()
                .unwrap()
                .into_owned()
        };
        assert!(
            files.contains_key(&resolved),
            "{page}: {link} → {resolved} does not exist"
        );
        if !fragment.is_empty() && resolved.ends_with(".html") {
            let fragment = percent_encoding::percent_decode_str(fragment)
                .decode_utf8()
                .unwrap();
            assert!(
                ids[&resolved].contains(fragment.as_ref()),
                "{page}: {link}: no id {fragment} in {resolved}"
            );
        }
    }
    // No resource of any kind from elsewhere: no CDN in CSS either.
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("@import"), "{path} imports a stylesheet");
        if path.ends_with(".css") {
            assert!(!text.contains("url(http"), "{path} loads from the network");
        }
    }
}

#[test]
fn the_bundled_site_has_a_page_for_every_item() {
    let site = bundled_site();
    let (spec, _) = guifan::spec::open(&bundled_spec()).unwrap();
    for role in &spec.roles {
        assert!(site.join(format!("roles/{}.html", role.id.value)).is_file());
    }
    for flow in &spec.flows {
        let page = read(&site.join(format!("flows/{}.html", flow.id.value)));
        for step in &flow.steps {
            assert!(page.contains(&format!("id=\"step-{}\"", step.id.value)));
        }
    }
    let limits = read(&site.join("limits.html"));
    for limit in &spec.limits {
        assert!(limits.contains(&format!("id=\"limit-{}\"", limit.id.value)));
    }
    for file in spec.sources.files() {
        assert!(
            site.join(format!("source/{}.html", file.path)).is_file(),
            "{}",
            file.path
        );
    }
    // The findings page lists the 81 warnings the bundled spec is known for.
    let findings = read(&site.join("findings.html"));
    assert_eq!(findings.matches("class=\"finding warning\"").count(), 81);
    assert!(site.join("rules/SLA001.html").is_file() && site.join("rules/E005.html").is_file());
    let home = read(&site.join("index.html"));
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
        "{}",
        &home[..80]
    );
}

#[test]
fn a_role_page_answers_the_trainees_questions() {
    let page = read(&bundled_site().join("roles/cmcc-netopt-centre.html"));
    // Flows it owns, steps it performs, its limits with their citations.
    for expected in [
        "负责的流程",
        "投诉问题处理流程",
        "执行的步骤",
        "接单分拣",
        "本角色的时限",
        "href=\"../flows/cmcc-network-complaint-handling.html#step-sort\"",
        "href=\"../standards/cmcc-service-standards.html#clause-",
        "href=\"../source/cmcc/roles.yaml.html#L",
    ] {
        assert!(page.contains(expected), "role page lacks {expected}");
    }
}

#[test]
fn builds_are_byte_for_byte_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(build(&bundled_spec(), &a, &["--quiet"]).status.success());
    assert!(build(&bundled_spec(), &b, &["--quiet"]).status.success());
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_spec_with_errors_is_refused_and_the_previous_site_kept() {
    let (_dir, spec) = spec_copy();
    let out = spec.parent().unwrap().join("site");
    assert!(build(&spec, &out, &["--quiet"]).status.success());
    let before = tree(&out);

    let flows = spec.join("cmcc/flows.yaml");
    let text = read(&flows).replace("owner: cmcc-cs-dept", "owner: cmcc-cs-dep");
    fs::write(&flows, text).unwrap();
    let refused = build(&spec, &out, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("error[E005]: unknown role `cmcc-cs-dep`"),
        "{err}"
    );
    assert!(err.contains("did you mean `cmcc-cs-dept`?"), "{err}");
    assert!(err.contains("no site written"), "{err}");
    assert!(tree(&out) == before, "the previous site changed");

    let allowed = build(&spec, &out, &["--allow-errors", "--quiet"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    let findings = read(&out.join("findings.html"));
    assert!(
        findings.contains("class=\"finding error\""),
        "errors not listed"
    );
    assert!(findings.contains("unknown role `cmcc-cs-dep`"));
    // Nothing is left beside the site: no staging folders.
    let names: Vec<_> = fs::read_dir(spec.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.starts_with(".guifan")).count(),
        0,
        "{names:?}"
    );
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = build(&bundled_spec(), dir.path(), &["--quiet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing to replace"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&dir.path().join("notes.txt")), "mine");
}

#[test]
fn english_ui_keeps_chinese_content() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    assert!(
        build(&bundled_spec(), &out, &["--lang", "en", "--quiet"])
            .status
            .success()
    );
    let page = read(&out.join("roles/cmcc-netopt-centre.html"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Flows owned") && page.contains("Time limits of this role"));
    assert!(
        page.contains("投诉问题处理流程"),
        "content must not be translated"
    );
}

#[test]
fn templates_override_the_theme_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("theme");
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(theme.join("static/style.css"), "body { color: teal }\n").unwrap();
    fs::write(theme.join("rule.html"), "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ code }}</p>{% endblock content %}").unwrap();
    let out = dir.path().join("site");
    let built = build(
        &bundled_spec(),
        &out,
        &["--templates", theme.to_str().unwrap(), "--quiet"],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(
        read(&out.join("static/style.css")),
        "body { color: teal }\n"
    );
    assert!(read(&out.join("rules/SLA003.html")).contains("<p class=\"mine\">SLA003</p>"));
    // Everything not overridden is the built-in theme.
    assert!(read(&out.join("roles/cmcc-netopt-centre.html")).contains("负责的流程"));

    fs::write(theme.join("rule.html"), "{% if %}").unwrap();
    let broken = build(
        &bundled_spec(),
        &out,
        &["--templates", theme.to_str().unwrap()],
    );
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        stderr(&broken).contains("template error"),
        "{}",
        stderr(&broken)
    );
}

#[test]
fn markdown_in_the_spec_cannot_inject_script() {
    let (dir, spec) = spec_of(&[(
        "roles.yaml",
        "roles:\n  - id: clerk\n    title: 营业员\n    description: |\n      **重要** <script>alert(1)</script>\n      <img src=x onerror=\"alert(2)\"> [点我](javascript:alert(3))\n      <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">x</a>\n",
    )]);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = read(&out.join("roles/clerk.html"));
    assert!(page.contains("<strong>重要</strong>"));
    for bad in ["<script>alert", "onerror", "onclick", "javascript:"] {
        assert!(!page.contains(bad), "{bad} reached the page");
    }
}

/// `serve`: pages get the live-reload script, a broken edit shows its
/// diagnostics instead of stopping the server, a fix reloads the pages.
#[test]
fn serve_rebuilds_and_reports_errors_without_stopping() {
    let (dir, spec) = spec_copy();
    let out = dir.path().join("site");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    /// Stops the server however the test ends.
    struct Server(std::process::Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _server = Server(
        std::process::Command::new(env!("CARGO_BIN_EXE_guifan"))
            .args([
                "-s",
                spec.to_str().unwrap(),
                "serve",
                "-o",
                out.to_str().unwrap(),
            ])
            .args(["--port", &port.to_string()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("http://127.0.0.1:{port}");
    let get = |path: &str| -> Option<(u16, String)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent.get(format!("{base}{path}")).call().ok()?;
        let status = response.status().as_u16();
        Some((status, response.body_mut().read_to_string().ok()?))
    };
    let wait_for = |what: &str, check: &dyn Fn(&str) -> bool| -> String {
        for _ in 0..600 {
            if let Some((200, body)) = get("/__guifan/state")
                && check(&body)
            {
                return body;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}");
    };
    wait_for("the first build", &|s| s.contains("\"generation\":1"));
    let (status, home) = get("/index.html").unwrap();
    assert_eq!(status, 200);
    assert!(home.contains("<script src=\"/__guifan/live.js?g=1\"></script>\n</body>"));
    assert!(
        !read(&out.join("index.html")).contains("live.js"),
        "the script must not reach the files"
    );
    assert_eq!(get("/../../etc/passwd").unwrap().0, 404);

    let roles = spec.join("cmcc/roles.yaml");
    let good = read(&roles);
    fs::write(
        &roles,
        format!("{good}\n  - {{ id: broken, title: x, parent: nobody }}\n"),
    )
    .unwrap();
    let state = wait_for("the error", &|s| s.contains("E005"));
    assert!(state.contains("\"generation\":1"), "{state}");
    assert_eq!(
        get("/index.html").unwrap().0,
        200,
        "the last good site is still served"
    );

    fs::write(&roles, good).unwrap();
    wait_for("the fixed build", &|s| {
        s.contains("\"generation\":2") && s.contains("\"error\":null")
    });
}

/// The `<main>` of a page: what the page is about, without the chrome
/// that every page shares.
fn main_of(page: &str) -> String {
    let start = page.find("<main id=\"main\">").expect("a <main>");
    let end = page.find("</main>").expect("a </main>");
    page[start..end + "</main>".len()].to_owned()
}

#[test]
fn golden_pages() {
    let site = bundled_site();
    for page in [
        "roles/unicom-prefecture-cs-centre.html",
        "scripts/cmcc-sz-on-site-opening.html",
        "checklists/cmcc-onsite-staffing.html",
        "flows/osr-request-acceptance.html",
        "standards/unicom-cs-spec.html",
    ] {
        let name = page.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, main_of(&read(&site.join(page))));
    }
}

/// With `--allow-errors`, a citation of a clause its standard does not list
/// (E005) still shows, on that standard's page and no other's; a scope's
/// priority class shows by its title.
#[test]
fn citations_of_unlisted_clauses_show_on_their_standards_page() {
    let (dir, spec) = spec_of(&[
        (
            "std.yaml",
            "standard:\n  id: std\n  title: 甲规范\n  clauses: [{ number: \"1\", title: 总则 }]\n\
             priorities:\n  - id: scale\n    title: 等级\n    classes: [{ id: hi, title: 重要投诉 }]\n\
             limits:\n  - { id: stray-a, title: 甲的漏条, metric: m.sorting, scope: { priority: hi }, duration: 2小时, source: std#9 }\n",
        ),
        (
            "std2.yaml",
            "standard:\n  id: std2\n  title: 乙规范\n  clauses: [{ number: \"1\", title: 总则 }]\n\
             limits:\n  - { id: stray-b, title: 乙的漏条, metric: m.reply, duration: 1天, source: std2#7 }\n",
        ),
    ]);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--allow-errors", "--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let first = read(&out.join("standards/std.html"));
    let second = read(&out.join("standards/std2.html"));
    assert!(first.contains("引用了未列出条款的内容"), "{first}");
    assert!(first.contains("9: 甲的漏条") && !first.contains("乙的漏条"));
    assert!(second.contains("7: 乙的漏条") && !second.contains("甲的漏条"));
    assert!(read(&out.join("limits.html")).contains("重要投诉"));
}
