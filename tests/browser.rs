//! The built site as a trainee meets it: in headless Chromium (search,
//! diagrams, the limit table, over file:// and from an http sub-path, with no
//! console errors), valid HTML (the Nu HTML checker) and no serious
//! accessibility violations (axe-core). The Node scripts are in
//! `tests/browser/`; they need `node`, Debian's `chromium`, `java` and
//! `npm ci --ignore-scripts --prefix tests/browser`, so they are
//! `#[ignore]`d: `cargo test` lists them as ignored, and `.ci/run` (or
//! `cargo test -- --include-ignored` after `bash .ci/run` installed the
//! tools once) runs them, failing when a tool is missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const CHROMIUM: &str = "/usr/bin/chromium";

fn browser_dir() -> PathBuf {
    common::root().join("tests/browser")
}

/// What a check needs on the machine.
#[derive(Clone, Copy)]
enum Need {
    Node,
    Chromium,
    Java,
    NodeModules,
}

impl Need {
    fn name(self) -> &'static str {
        match self {
            Need::Node => "node",
            Need::Chromium => CHROMIUM,
            Need::Java => "java",
            Need::NodeModules => "tests/browser/node_modules",
        }
    }

    fn found(self) -> bool {
        let runs = |program: &str, arg: &str| {
            Command::new(program)
                .arg(arg)
                .output()
                .is_ok_and(|out| out.status.success())
        };
        match self {
            Need::Node => runs("node", "--version"),
            Need::Chromium => Path::new(CHROMIUM).exists(),
            Need::Java => runs("java", "-version"),
            Need::NodeModules => browser_dir().join("node_modules").is_dir(),
        }
    }
}

/// Fail, saying what to install, unless everything `needs` lists is there.
fn require(needs: &[Need]) {
    let missing: Vec<&str> = needs
        .iter()
        .filter(|need| !need.found())
        .map(|need| need.name())
        .collect();
    assert!(
        missing.is_empty(),
        "{} not found: run `bash .ci/run` once (it installs Chromium, Java and the npm \
         packages), or `npm ci --ignore-scripts --prefix tests/browser`",
        missing.join(", ")
    );
}

/// The test site (`tests/test_site/spec/`), built once per run into
/// `target/tmp/browser-site` (left there to inspect after a failure).
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        let spec = common::test_site();
        let out = common::guifan(&[
            "build",
            "-s",
            spec.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "guifan build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

/// Run a Node script of `tests/browser/` on the site; its report (one line a
/// check) is the failure message.
fn node(script: &str) {
    node_on(script, site());
}

/// Run a Node script of `tests/browser/` on `target` (a folder or a page).
fn node_on(script: &str, target: &Path) {
    let out = Command::new("node")
        .arg(browser_dir().join(script))
        .arg(target)
        .env("GUIFAN_CHROMIUM", CHROMIUM)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "tests/browser/{script} on {} failed:\n{report}",
        target.display()
    );
}

#[test]
#[ignore = "needs node, Debian's chromium and tests/browser/node_modules (.ci/run installs them)"]
fn trainee_searches_follows_diagrams_and_sorts_limits_in_chromium() {
    require(&[Need::Node, Need::Chromium, Need::NodeModules]);
    node("site.js");
}

/// A practice quiz of the site, opened from file:// as a trainee would from
/// the role's page, is played by the same checks as `guifan quiz --format
/// html` (tests/browser/quiz.js): all right gives a full score, one wrong
/// shows the explanation and the clause link, and retry starts again.
#[test]
#[ignore = "needs node, Debian's chromium and tests/browser/node_modules (.ci/run installs them)"]
fn a_site_practice_quiz_grades_itself_from_file_in_chromium() {
    require(&[Need::Node, Need::Chromium, Need::NodeModules]);
    let role = std::fs::read_to_string(site().join("roles/agent.html")).unwrap();
    assert!(
        role.contains("href=\"../quiz/role/agent.html\""),
        "no quiz link"
    );
    node_on("quiz.js", &site().join("quiz/role/agent.html"));
}

#[test]
#[ignore = "needs node, Debian's chromium and tests/browser/node_modules (.ci/run installs them)"]
fn flow_diagrams_stay_readable_on_a_phone_and_never_clip_text() {
    require(&[Need::Node, Need::Chromium, Need::NodeModules]);
    node("diagram.js");
}

#[test]
#[ignore = "needs node, Debian's chromium and tests/browser/node_modules (.ci/run installs them)"]
fn key_pages_have_no_serious_accessibility_violations() {
    require(&[Need::Node, Need::Chromium, Need::NodeModules]);
    node("axe.js");
}

#[test]
#[ignore = "needs node, Debian's chromium and tests/browser/node_modules (.ci/run installs them)"]
fn no_page_scrolls_sideways_on_a_phone_or_a_laptop() {
    require(&[Need::Node, Need::Chromium, Need::NodeModules]);
    node("widths.js");
}

#[test]
#[ignore = "needs java and tests/browser/node_modules (vnu-jar; .ci/run installs them)"]
fn every_page_is_valid_html() {
    require(&[Need::Java, Need::NodeModules]);
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .arg(site())
        .output()
        .expect("java runs");
    // vnu writes its JSON report to stderr.
    let raw = String::from_utf8_lossy(&out.stderr);
    let report: serde_json::Value = serde_json::from_str(&raw)
        .unwrap_or_else(|e| panic!("vnu's report is not JSON ({e}):\n{raw}"));
    let prefix = format!("file:{}/", site().display());
    let errors: Vec<String> = report["messages"]
        .as_array()
        .expect("vnu's report has messages")
        .iter()
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            format!(
                "{}:{}:{}: {}\n    {}",
                url.strip_prefix(&prefix).unwrap_or(url),
                m["lastLine"],
                m.get("firstColumn").unwrap_or(&m["lastColumn"]),
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎"),
            )
        })
        .collect();
    assert!(
        errors.is_empty() && out.status.success(),
        "the Nu HTML checker finds {} error(s) in {}:\n{}",
        errors.len(),
        site().display(),
        errors.join("\n")
    );
}
