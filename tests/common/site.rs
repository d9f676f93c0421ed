//! Building a site and checking it as a whole: links, anchors, a page for
//! every item. Shared by `tests/site.rs` (the test site) and
//! `tests/bundled.rs` (the bundled spec).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use scraper::{Html, Selector};

/// `guifan -s SPEC build -o OUT EXTRA…`.
pub fn build(spec: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "-s",
        spec.to_str().unwrap(),
        "build",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    super::guifan(&args)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
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

/// Every file under `dir`, relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A writable copy of the spec folder `from`, as `<tmp>/spec`.
pub fn spec_copy(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    for file in walk(from) {
        let to = spec.join(file.strip_prefix(from).unwrap());
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&file, &to).unwrap();
    }
    (dir, spec)
}

/// The `id`s of every HTML page of the site, by relative path; no page has
/// an id twice.
pub fn ids(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, BTreeSet<String>> {
    let selector = Selector::parse("[id]").unwrap();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let page_ids = ids.entry(path.clone()).or_default();
        for el in html.select(&selector) {
            let id = el.value().attr("id").unwrap();
            assert!(page_ids.insert(id.to_owned()), "{path}: duplicate id {id}");
        }
    }
    ids
}

/// Every `href` and `src` of every page of the site at `dir` is relative,
/// leads to a file of the site, and its `#fragment` to an id of that page;
/// no resource is loaded from elsewhere. Returns the number of links.
pub fn assert_links_resolve(dir: &Path) -> usize {
    let files = tree(dir);
    let ids = ids(&files);
    let selector = Selector::parse("[href], [src]").unwrap();
    let mut links: Vec<(String, String)> = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for el in html.select(&selector) {
            for attr in ["href", "src"] {
                if let Some(link) = el.value().attr(attr) {
                    links.push((path.clone(), link.to_owned()));
                }
            }
        }
    }
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
    links.len()
}

/// The site at `dir`, built from `spec`, has a page or an anchor for every
/// item of the spec, and a page for every spec file and every rule.
/// Returns the number of items checked.
pub fn assert_page_for_every_item(dir: &Path, spec: &guifan::spec::Spec) -> usize {
    let files = tree(dir);
    let ids = ids(&files);
    let mut checked = 0;
    let mut expect = |page: String, anchor: Option<String>| {
        checked += 1;
        let Some(page_ids) = ids.get(&page) else {
            panic!("no page {page}");
        };
        if let Some(anchor) = anchor {
            assert!(page_ids.contains(&anchor), "{page} has no id {anchor}");
        }
    };
    for st in &spec.standards {
        expect(format!("standards/{}.html", st.id.value), None);
        for c in &st.clauses {
            let number: String = c
                .number
                .value
                .chars()
                .map(|c| if c.is_whitespace() { '-' } else { c })
                .collect();
            expect(
                format!("standards/{}.html", st.id.value),
                Some(format!("clause-{number}")),
            );
        }
    }
    for role in &spec.roles {
        expect(format!("roles/{}.html", role.id.value), None);
    }
    for flow in &spec.flows {
        for step in &flow.steps {
            expect(
                format!("flows/{}.html", flow.id.value),
                Some(format!("step-{}", step.id.value)),
            );
        }
    }
    for limit in &spec.limits {
        expect(
            "limits.html".into(),
            Some(format!("limit-{}", limit.id.value)),
        );
    }
    for script in &spec.scripts {
        expect(format!("scripts/{}.html", script.id.value), None);
    }
    for checklist in &spec.checklists {
        expect(format!("checklists/{}.html", checklist.id.value), None);
    }
    for record in &spec.records {
        expect(
            "records.html".into(),
            Some(format!("record-{}", record.id.value)),
        );
    }
    for term in &spec.terms {
        expect(
            "glossary.html".into(),
            Some(format!("term-{}", term.id.value)),
        );
    }
    for file in spec.sources.files() {
        expect(format!("source/{}.html", file.path), None);
    }
    for rule in guifan::lint::rules::ALL {
        expect(format!("rules/{}.html", rule.code), None);
    }
    for code in guifan::diag::codes::STRUCTURAL {
        expect(format!("rules/{}.html", code.code), None);
    }
    for page in [
        "index.html",
        "limits.html",
        "findings.html",
        "records.html",
        "glossary.html",
    ] {
        expect(page.into(), None);
    }
    checked
}
