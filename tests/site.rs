//! `guifan build` as a user sees it, on the test site
//! (`tests/test_site/spec/`): the site links up with no external resource,
//! builds are reproducible, a broken spec never replaces a good site, themes
//! override file by file, and spec Markdown cannot inject script.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::site::{
    assert_links_resolve, assert_page_for_every_item, build, read, spec_copy, stderr, tree,
};
use common::test_site;
use scraper::{Html, Selector};

/// The test site, built once for the tests that only read it.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = build(&test_site(), &dir.path().join("site"), &["--quiet"]);
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    })
    .path()
    .join("site")
    .leak()
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

#[test]
fn every_link_of_the_site_resolves_and_nothing_is_external() {
    let links = assert_links_resolve(site());
    assert!(links > LINKS_AT_LEAST, "only {links} links");
}

/// The test site has more links than this (every page links its
/// navigation, citations, roles, steps and source lines).
const LINKS_AT_LEAST: usize = 1_500;

#[test]
fn the_site_has_a_page_for_every_item() {
    let site = site();
    let (spec, _) = guifan::spec::open(&test_site()).unwrap();
    let items = assert_page_for_every_item(site, &spec);
    assert!(items > 100, "only {items} items");
    // The findings page lists the 5 warnings the test site gives on purpose.
    let findings = read(&site.join("findings.html"));
    assert_eq!(findings.matches("class=\"finding warning\"").count(), 5);
    assert_eq!(findings.matches("class=\"finding error\"").count(), 0);
    let home = read(&site.join("index.html"));
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
        "{}",
        &home[..80]
    );
}

#[test]
fn a_role_page_answers_the_trainees_questions() {
    let page = read(&site().join("roles/field-team.html"));
    // Flows it owns, steps it performs, its limits with their citations.
    for expected in [
        "负责的流程",
        "宽带装机流程",
        "执行的步骤",
        "故障派单",
        "本角色的时限",
        "href=\"../flows/fault-repair.html#step-dispatch\"",
        "href=\"../limits.html#limit-install-visit-vip\"",
        "href=\"../standards/field-service.html#clause-",
        "href=\"../source/field/standard.yaml.html#L",
    ] {
        assert!(page.contains(expected), "role page lacks {expected}");
    }
}

#[test]
fn builds_are_byte_for_byte_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(build(&test_site(), &a, &["--quiet"]).status.success());
    assert!(build(&test_site(), &b, &["--quiet"]).status.success());
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_spec_with_errors_is_refused_and_the_previous_site_kept() {
    let (_dir, spec) = spec_copy(&test_site());
    let out = spec.parent().unwrap().join("site");
    assert!(build(&spec, &out, &["--quiet"]).status.success());
    let before = tree(&out);

    let flows = spec.join("hotline/flows.yaml");
    let text = read(&flows).replace("owner: complaint-desk", "owner: complaint-dsk");
    fs::write(&flows, text).unwrap();
    let refused = build(&spec, &out, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("error[E005]: unknown role `complaint-dsk`"),
        "{err}"
    );
    assert!(err.contains("did you mean `complaint-desk`?"), "{err}");
    assert!(err.contains("no site written"), "{err}");
    assert!(tree(&out) == before, "the previous site changed");

    let allowed = build(&spec, &out, &["--allow-errors", "--quiet"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    let findings = read(&out.join("findings.html"));
    assert!(
        findings.contains("class=\"finding error\""),
        "errors not listed"
    );
    assert!(findings.contains("unknown role `complaint-dsk`"));
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
    let out = build(&test_site(), dir.path(), &["--quiet"]);
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
        build(&test_site(), &out, &["--lang", "en", "--quiet"])
            .status
            .success()
    );
    let page = read(&out.join("roles/field-team.html"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("Flows owned") && page.contains("Time limits of this role"));
    assert!(
        page.contains("宽带装机流程"),
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
        &test_site(),
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
    assert!(read(&out.join("roles/field-team.html")).contains("负责的流程"));

    fs::write(theme.join("rule.html"), "{% if %}").unwrap();
    let broken = build(
        &test_site(),
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

/// A right-to-left override cannot make a page show what is not written,
/// and a remote image in a description is not fetched from disk.
#[test]
fn pages_show_what_is_written_and_fetch_nothing() {
    let (dir, spec) = spec_of(&[(
        "roles.yaml",
        "roles:\n  - id: clerk\n    title: \"营业员\\u202e30天\"\n    description: |\n      ![像素](https://tracker.example/p.gif)\n      <img src=\"https://tracker.example/q.gif\">\n",
    )]);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let fetched = Selector::parse("[src], [srcset]").unwrap();
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains('\u{202e}'), "{path} carries a bidi override");
        let pages = path.ends_with(".html").then(|| Html::parse_document(&text));
        for element in pages.iter().flat_map(|page| page.select(&fetched)) {
            let url = element.attr("src").or(element.attr("srcset")).unwrap_or("");
            assert!(
                !url.contains("//"),
                "{path} fetches {url} from outside the site"
            );
        }
    }
    let page = read(&out.join("roles/clerk.html"));
    assert!(
        page.contains("营业员\u{fffd}30天"),
        "the override is shown as �"
    );
    assert!(
        page.contains("<a href=\"https://tracker.example/p.gif\""),
        "the image became a link"
    );
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
    let site = site();
    for page in [
        "roles/agent.html",
        "scripts/hotline-greeting.html",
        "checklists/call-quality.html",
        "flows/complaint-handling.html",
        "standards/hotline-service.html",
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
