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
        "要学的流程",
        "宽带装机流程",
        "本角色负责",
        "故障派单",
        "要守的时限",
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
    // In the site's language, zh-CN by default; English with --lang en.
    assert!(
        findings.contains("未知的角色 `complaint-dsk`"),
        "{findings}"
    );
    assert!(findings.contains("是否想写 `complaint-desk`？"));
    let english = build(&spec, &out, &["--allow-errors", "--quiet", "--lang", "en"]);
    assert!(english.status.success(), "{}", stderr(&english));
    let findings = read(&out.join("findings.html"));
    assert!(findings.contains("unknown role `complaint-dsk`"));
    assert!(findings.contains("did you mean `complaint-desk`?"));
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
    assert!(page.contains("Flows to learn") && page.contains("Time limits to keep"));
    assert!(
        page.contains("宽带装机流程"),
        "content must not be translated"
    );
    // The practice quiz speaks the site's language.
    assert!(page.contains("Take the practice quiz ("), "{page}");
    let quiz = read(&out.join("quiz/role/field-team.html"));
    assert!(quiz.contains("Retry in a new order") && quiz.contains("data-score=\"Score: \""));
    // The rule pages are the English documents, as `explain` prints them.
    let rule = read(&out.join("rules/SLA001.html"));
    assert!(rule.contains("<h2>What it reports</h2>"), "{rule}");
}

/// The zh-CN site shows the rules' and codes' pages in Chinese, with the
/// English pages' examples.
#[test]
fn rule_and_code_pages_speak_the_sites_language() {
    for page in [
        "rules/SLA001.html",
        "rules/E003.html",
        "rules/semantics.html",
    ] {
        let html = read(&site().join(page));
        assert!(
            html.contains("<h2>") && !html.contains("<h2>What it reports</h2>"),
            "{page}"
        );
    }
    let rule = read(&site().join("rules/SLA001.html"));
    assert!(
        rule.contains("<h2>报告什么</h2>") && rule.contains("时限相互矛盾"),
        "{rule}"
    );
    assert!(
        rule.contains("metric: acceptance.completion"),
        "the example is the English page's"
    );
    let index = read(&site().join("rules/index.html"));
    assert!(
        index.contains("时限相互矛盾"),
        "the index lists the Chinese titles"
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
    assert!(read(&out.join("roles/field-team.html")).contains("要学的流程"));

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

/// The limit table and the findings are rendered a slice of 500 rows at a
/// time; the page is the one a render of the whole list gives, which a
/// theme's page without `rows_here` gets.
#[test]
fn long_lists_render_by_slices_as_they_would_whole() {
    let (dir, spec) = spec_copy(&test_site());
    let mut many = String::from("limits:\n");
    for n in 1..=1200 {
        // A vague limit is a finding: 1,200 rows in each list.
        many += &format!(
            "  - id: many-{n}\n    title: 第{n}项及时处理\n    metric: many.m{n}\n    duration: 及时\n    kind: vague\n    owner: field-team\n    source: field-service#第五条\n"
        );
    }
    fs::write(spec.join("field/many.yaml"), many).unwrap();
    let theme = dir.path().join("theme");
    fs::create_dir_all(&theme).unwrap();
    for page in ["limits.html", "findings.html"] {
        let builtin = read(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates")
                .join(page),
        );
        let whole = builtin.replace("{{ rows_here | safe }}", "");
        assert_ne!(whole, builtin, "{page} marks where its rows go");
        fs::write(theme.join(page), whole).unwrap();
    }
    let (sliced, whole) = (dir.path().join("sliced"), dir.path().join("whole"));
    let built = build(&spec, &sliced, &["--quiet", "--allow-errors"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let theme = ["--templates", theme.to_str().unwrap()];
    let built = build(
        &spec,
        &whole,
        &[&theme[..], &["--quiet", "--allow-errors"]].concat(),
    );
    assert!(built.status.success(), "{}", stderr(&built));
    for (page, row) in [
        ("limits.html", "<tr id=\"limit-many-"),
        ("findings.html", "<li id=\"finding-"),
    ] {
        let (a, b) = (read(&sliced.join(page)), read(&whole.join(page)));
        assert!(
            a.matches(row).count() >= 1200,
            "{page}: {}",
            a.matches(row).count()
        );
        assert!(a == b, "{page} differs when rendered by slices");
    }
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

/// A project that serves its site with its images may keep them, by saying so
/// in `guifan.toml`; a misspelt setting is a usage error, not silently off.
#[test]
fn remote_images_are_kept_only_when_the_spec_opts_in() {
    let role = "roles:\n  - id: clerk\n    title: 营业员\n    description: \"![柜台](https://intranet.example/counter.png)\"\n";
    let (dir, spec) = spec_of(&[
        ("roles.yaml", role),
        ("guifan.toml", "[site]\nremote_images = true\n"),
    ]);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        read(&out.join("roles/clerk.html"))
            .contains("<img src=\"https://intranet.example/counter.png\" alt=\"柜台\">"),
        "the opted-in image is kept"
    );
    std::fs::write(spec.join("guifan.toml"), "[site]\nremote_image = true\n").unwrap();
    let refused = build(&spec, &out, &["--quiet"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("unknown field `remote_image`"),
        "{}",
        stderr(&refused)
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

/// The texts of the elements `selector` finds in `html`, whitespace folded.
fn texts(html: &str, selector: &str) -> Vec<String> {
    let page = Html::parse_document(html);
    let selector = Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A role's limits as its page groups them: (heading, durations in order).
fn limit_groups(html: &str) -> Vec<(String, Vec<String>)> {
    let page = Html::parse_document(html);
    let heading = Selector::parse("#limits h3").unwrap();
    let duration = Selector::parse(".duration").unwrap();
    let lists = Selector::parse("#limits ul.limit-cards").unwrap();
    page.select(&heading)
        .zip(page.select(&lists))
        .map(|(h, list)| {
            let durations = list.select(&duration).map(|d| d.text().collect()).collect();
            (h.text().collect(), durations)
        })
        .collect()
}

#[test]
fn a_role_page_groups_and_sorts_its_limits_with_inherited_ones_and_contradictions() {
    let page = read(&site().join("roles/complaint-desk.html"));
    assert_eq!(
        limit_groups(&page),
        [
            (
                "处理与响应时限".to_owned(),
                vec!["2小时", "2个工作日", "5个工作日", "7个工作日"]
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            ),
            ("频次与固定日期".to_owned(), vec!["次月5日前".to_owned()]),
        ]
    );
    // The parent's limit, said to be inherited; the role's own are not.
    assert_eq!(
        texts(&page, "li.limit-card.inherited .badge"),
        ["继承自 客户服务中心"]
    );
    assert_eq!(
        texts(&page, "li.limit-card.inherited .duration"),
        ["次月5日前"]
    );
    // SLA001's two sides, each row naming the other, linked to the finding.
    assert_eq!(
        texts(&page, "li.limit-card a.conflict"),
        [
            "⚠ 与 §附录B 的 7个工作日 冲突",
            "⚠ 与 §4.2 的 5个工作日 冲突"
        ]
    );
    let doc = Html::parse_document(&page);
    let conflict = Selector::parse("a.conflict").unwrap();
    let findings = read(&site().join("findings.html"));
    for a in doc.select(&conflict) {
        let href = a.attr("href").unwrap();
        let anchor = href.strip_prefix("../findings.html#").expect(href);
        let finding = texts(&findings, &format!("li#{anchor} .code"));
        assert_eq!(finding, ["SLA001"], "{href}");
    }
    // The sheet's sections, in order.
    assert_eq!(
        texts(&page, "section.sheet > h2"),
        ["要学的流程", "要守的时限", "练习题"]
    );
    let quality = read(&site().join("roles/quality-team.html"));
    assert_eq!(
        texts(&quality, "section.sheet > h2"),
        ["要学的流程", "要守的时限", "检查单", "练习题"]
    );
}

#[test]
fn vague_limits_come_last_under_their_own_heading() {
    let page = read(&site().join("roles/boss.html"));
    let groups = limit_groups(&page);
    let last = groups.last().unwrap();
    assert_eq!(last.0, "未定量的时限（及时、迅速、定期、实时等）");
    assert_eq!(last.1, ["及时"]);
    assert_eq!(groups[0].1, ["5个工作日", "10个工作日"]);
}

#[test]
fn pages_say_where_they_are() {
    let site = site();
    let agent = read(&site.join("roles/agent.html"));
    assert_eq!(
        texts(&agent, "nav.breadcrumbs li"),
        [
            "首页",
            "角色",
            "省公司",
            "客户服务中心",
            "热线班组",
            "话务员"
        ]
    );
    let flow = read(&site.join("flows/complaint-handling.html"));
    assert_eq!(
        texts(&flow, "nav.breadcrumbs li"),
        ["首页", "客户服务热线服务规范", "投诉处理流程"]
    );
    let checklist = read(&site.join("checklists/call-quality.html"));
    assert_eq!(
        texts(&checklist, "nav.breadcrumbs li"),
        [
            "首页",
            "客户服务热线服务规范",
            "投诉处理流程",
            "通话质检项目"
        ]
    );
    let rules = read(&site.join("rules/SLA001.html"));
    assert_eq!(
        texts(&rules, "nav.breadcrumbs li")[..2],
        ["首页", "规范维护"]
    );
    // Every citation names its standard.
    assert_eq!(texts(&agent, "dd .cite"), ["《客户服务热线服务规范》§3.1"]);
    let field = read(&site.join("roles/field-team.html"));
    assert!(
        texts(&field, ".cite")
            .iter()
            .all(|c| c.starts_with("《宽带装维上门服务规范》§")),
        "{:?}",
        texts(&field, ".cite")
    );
    // The roles index and the glossary name each item's standard.
    let roles = read(&site.join("roles/index.html"));
    assert!(texts(&roles, "thead th").contains(&"所属规范".to_owned()));
    let glossary = read(&site.join("glossary.html"));
    assert_eq!(
        texts(&glossary, "#term-revisit-term .std"),
        ["《客户服务热线服务规范》"]
    );
}

#[test]
fn the_first_use_of_a_term_links_to_the_glossary_once_and_nowhere_else() {
    let site = site();
    let flow = read(&site.join("flows/complaint-handling.html"));
    let main = main_of(&flow);
    let terms = texts(&main, "a.term");
    // Each term once, never inside a heading or another link.
    let mut unique = terms.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(terms.len(), unique.len(), "{terms:?}");
    assert!(terms.contains(&"回访".to_owned()), "{terms:?}");
    for inside in [
        "h1 a.term",
        "h2 a.term",
        "h3 a.term",
        "a a.term",
        "code a.term",
    ] {
        assert!(texts(&main, inside).is_empty(), "{inside}");
    }
    let href = Selector::parse("a.term").unwrap();
    let doc = Html::parse_document(&main);
    let revisit = doc
        .select(&href)
        .find(|a| a.text().collect::<String>() == "回访")
        .unwrap();
    assert_eq!(
        revisit.attr("href"),
        Some("../glossary.html#term-revisit-term")
    );
    // The glossary itself links none.
    assert!(!read(&site.join("glossary.html")).contains("class=\"term\""));
}

#[test]
fn home_starts_with_the_trainee_and_keeps_maintainers_pages_aside() {
    let home = read(&site().join("index.html"));
    assert_eq!(
        texts(&home, "main > section > h2"),
        ["新员工从这里开始", "流程", "关键时限", "规范", "规范维护"]
    );
    // A role picker: every role, under its standard.
    assert_eq!(
        texts(&home, "#start h3"),
        ["《宽带装维上门服务规范》", "《客户服务热线服务规范》"]
    );
    assert_eq!(texts(&home, "#start .role-picker a").len(), 11);
    // The main menu is the trainee's; findings, rules and sources are in
    // the maintainers' section and the footer.
    let nav = texts(&home, "nav.site-nav a");
    assert_eq!(
        nav,
        [
            "规范",
            "角色",
            "流程",
            "时限",
            "话术",
            "检查单",
            "记录",
            "术语"
        ]
    );
    for href in [
        "findings.html",
        "rules/index.html",
        "source/hotline/limits.yaml.html",
    ] {
        let link = format!("#maintenance a[href=\"{href}\"]");
        assert_eq!(texts(&home, &link).len(), 1, "{href}");
    }
    assert_eq!(
        texts(&home, ".site-footer .maint a"),
        ["检查结果", "规则", "YAML 源文件"]
    );
    // Each standard's version and date; the date of the newest standard.
    assert_eq!(
        texts(&home, ".site-footer .editions li"),
        [
            "《宽带装维上门服务规范》 版本 试行 · 2023",
            "《客户服务热线服务规范》 版本 2024版 · 2024-03"
        ]
    );
    assert!(
        home.contains("规范日期 2024-03 ·"),
        "{}",
        texts(&home, ".site-footer p").join("|")
    );
}

/// Thirteen standards are too many for every page's footer: it links to
/// their list instead (a page must not grow with the size of the spec).
#[test]
fn many_standards_are_linked_from_the_footer_not_listed() {
    let standards: Vec<(String, String)> = (1..=13)
        .map(|i| {
            let text = format!(
                "standard:\n  id: s{i}\n  title: 规范{i}\n  version: V{i}\n  clauses: [{{ number: \"1\", title: 总则 }}]\n"
            );
            (format!("s{i}.yaml"), text)
        })
        .collect();
    let files: Vec<(&str, &str)> = (standards.iter())
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let (dir, spec) = spec_of(&files);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let home = read(&out.join("index.html"));
    assert!(texts(&home, ".site-footer .editions li").is_empty());
    assert_eq!(
        texts(&home, ".site-footer a[href=\"standards/index.html\"]"),
        ["全部 13 部规范及其版本"]
    );
}

#[test]
fn the_build_date_comes_from_source_date_epoch_never_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(["-s", test_site().to_str().unwrap(), "build", "-o"])
        .arg(&out)
        .arg("--quiet")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let home = read(&out.join("index.html"));
    assert!(home.contains("构建日期 2023-11-14 ·"), "{home}");
}

#[test]
fn the_chinese_site_shows_no_english_and_no_empty_columns() {
    let site = site();
    for page in [
        "roles/agent.html",
        "flows/complaint-handling.html",
        "standards/hotline-service.html",
        "checklists/call-quality.html",
        "scripts/hotline-greeting.html",
        "glossary.html",
        "records.html",
    ] {
        let html = read(&site.join(page));
        assert!(
            !html.contains("lang=\"en\""),
            "{page} has English subtitles"
        );
    }
    let agent = read(&site.join("roles/agent.html"));
    assert!(!agent.contains("Hotline agent"));
    // Metric ids only on hover in the limit table.
    let limits = read(&site.join("limits.html"));
    assert!(
        !texts(&limits, "#limit-table")
            .join(" ")
            .contains("complaint.handling")
    );
    assert!(limits.contains("title=\"table-handle-ordinary · complaint.handling\""));
    // No item cites the checklist's items: no 出处 column.
    let checklist = read(&site.join("checklists/call-quality.html"));
    assert_eq!(
        texts(&checklist, ".check-items thead th"),
        ["完成", "检查项", "检查人", "依据"]
    );
    // The source link is out of the trainee's way, in the item's footer.
    assert_eq!(texts(&agent, "footer.maint a.src"), ["查看 YAML 源"]);
}

#[test]
fn unknown_status_is_not_shown_and_uncited_clauses_fold() {
    let (dir, spec) = spec_of(&[(
        "std.yaml",
        "standard:\n  id: std\n  title: 甲规范\n  status: unknown\n  clauses:\n    - { number: \"1\", title: 总则 }\n    - { number: \"2\", title: 术语 }\n    - { number: \"3\", title: 时限 }\n    - { number: \"3.1\", title: 受理 }\n    - { number: \"3.2\", title: 处理 }\n    - { number: \"3.3\", title: 回访 }\n\
         limits:\n  - { id: accept, title: 受理时限, metric: m.accept, duration: 2小时, source: std#3.2 }\n",
    )]);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = read(&out.join("standards/std.html"));
    assert!(!page.contains("未知"), "unknown status shown");
    // 1 and 2 fold together; 3 shows with 3.2, between the folded 3.1 and 3.3.
    assert_eq!(
        texts(&page, "li.uncited > details > summary"),
        [
            "未被引用的条款：1、2",
            "未被引用的条款：3.1",
            "未被引用的条款：3.3"
        ]
    );
    assert_eq!(
        texts(&page, "[id=\"clause-3\"] > ol > li:not(.uncited) > h3"),
        ["3.2 处理"]
    );
    assert_eq!(
        texts(&page, "[id=\"clause-3.2\"] .cited-by a"),
        ["受理时限"]
    );
}

/// The quiz JSON a practice quiz page gives its player.
fn quiz_data(page: &Path) -> serde_json::Value {
    let html = Html::parse_document(&read(page));
    let data = Selector::parse("script#quiz-data").unwrap();
    let text: String = html
        .select(&data)
        .next()
        .expect("#quiz-data")
        .text()
        .collect();
    serde_json::from_str(&text).expect("#quiz-data is JSON")
}

/// `guifan quiz --format json` on the test site: its questions.
fn cli_quiz(args: &[&str]) -> Vec<serde_json::Value> {
    let spec = test_site();
    let mut all = vec!["quiz", "-s", spec.to_str().unwrap(), "--format", "json"];
    all.extend(args);
    let out = common::guifan(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    let quiz: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    quiz["questions"].as_array().unwrap().clone()
}

fn ids_of(questions: &[serde_json::Value]) -> Vec<&str> {
    questions
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect()
}

/// The practice quiz a role's or flow's page links to, checked against the
/// whole bank: present exactly when the bank has questions for it, every
/// question tagged `tag` with one of `wanted`, as many as the bank has (up
/// to 20), the very questions `guifan quiz --role/--flow ID` draws, and
/// each citation a clause of the site. Returns whether there was a quiz.
fn check_practice(
    page: &str,
    (tag, wanted): (&str, &[String]),
    bank: &[serde_json::Value],
    cli: &[&str],
) -> bool {
    let site = site();
    let html = Html::parse_document(&read(&site.join(page)));
    let link = Selector::parse("p.practice a").unwrap();
    let href = html.select(&link).next().and_then(|a| a.attr("href"));
    let tagged = |q: &serde_json::Value| {
        (q["tags"][tag].as_array().unwrap().iter()).any(|t| wanted.iter().any(|w| t == w))
    };
    let expected = bank.iter().filter(|q| tagged(q)).count().min(20);
    let Some(href) = href else {
        assert_eq!(
            expected, 0,
            "{page} has no quiz link, yet the bank has questions for it"
        );
        return false;
    };
    let (kind, id) = (tag.trim_end_matches('s'), cli[1]);
    assert_eq!(href, format!("../quiz/{kind}/{id}.html"), "{page}");
    let quiz = quiz_data(&site.join(format!("quiz/{kind}/{id}.html")));
    let questions = quiz["questions"].as_array().unwrap();
    assert_eq!(quiz["site"], "../../");
    assert_eq!(questions.len(), expected, "{page}: questions in its quiz");
    for q in questions {
        assert!(
            tagged(q),
            "{page}: question {} is not for {wanted:?}",
            q["id"]
        );
        let Some(cite) = q["citation"]["page"].as_str() else {
            continue;
        };
        let (file, anchor) = guifan::site::url::file_of(cite)
            .split_once('#')
            .map(|(f, a)| (f.to_owned(), a.to_owned()))
            .unwrap();
        let target = read(&site.join(&file));
        assert!(
            target.contains(&format!("id=\"{anchor}\"")),
            "{cite}: no such clause"
        );
    }
    assert_eq!(
        ids_of(questions),
        ids_of(&cli_quiz(cli)),
        "{page}: not the CLI's quiz"
    );
    true
}

#[test]
fn role_and_flow_pages_link_to_their_practice_quizzes() {
    let (spec, _) = guifan::spec::open(&test_site()).unwrap();
    let bank = cli_quiz(&["-n", "0"]);
    let mut quizzes = 0;
    for (i, role) in spec.roles.iter().enumerate() {
        let id = role.id.value.as_str();
        let mine = guifan::quiz::roles_and_below(&spec, [i]);
        let page = format!("roles/{id}.html");
        quizzes += usize::from(check_practice(
            &page,
            ("roles", &mine),
            &bank,
            &["--role", id],
        ));
    }
    for flow in &spec.flows {
        let id = flow.id.value.as_str();
        let page = format!("flows/{id}.html");
        let wanted = [id.to_owned()];
        quizzes += usize::from(check_practice(
            &page,
            ("flows", &wanted),
            &bank,
            &["--flow", id],
        ));
    }
    // Most roles and flows of the test site have questions; a few have none.
    assert!(quizzes >= 10, "only {quizzes} practice quizzes");
    let index = read(&site().join("quiz/index.html"));
    assert_eq!(index.matches("href=\"../quiz/").count(), quizzes, "{index}");
}

/// A role the standards give no question about gets no practice quiz and
/// no link to one; the quiz index is still there, empty.
#[test]
fn a_role_without_questions_gets_no_quiz() {
    let (dir, spec) = spec_of(&[(
        "std.yaml",
        "standard:\n  id: std\n  title: 甲规范\n  clauses: [{ number: \"1\", title: 总则 }]\n\
         roles:\n  - { id: clerk, title: 文员, source: std#1 }\n",
    )]);
    let out = dir.path().join("site");
    let built = build(&spec, &out, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!read(&out.join("roles/clerk.html")).contains("class=\"practice\""));
    assert!(!out.join("quiz/role").exists());
    let index = read(&out.join("quiz/index.html"));
    assert!(!index.contains("href=\"../quiz/"), "{index}");
}
