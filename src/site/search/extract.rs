//! The documents of the index: one per standard, cited clause, role, flow,
//! step, limit, script, checklist, record, term and lint rule, each with the
//! URL of its page (root-relative, no leading slash), the short name of its
//! standard, the section headings its page shows, its Chinese text (for the
//! snippet, Markdown removed) and its other words (ids, metrics, citations,
//! English titles: searched, shown only when the query is an id).

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, TagEnd};

use super::text;
use crate::lint::rules;
use crate::site::url;
use crate::spec::Spec;
use crate::spec::item::Entry;
use crate::spec::kind::Kind;

/// What a document is: an item or part of the spec, or a lint rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Item(Kind),
    Rule,
}

/// The kinds of document, in their order in the index, which breaks ties
/// in ranking and decides the order in which postings are paged (see
/// [`super::Params::page`]): the data pages a trainee looks for first, then
/// records and standards, clauses, and lint rules last. Kinds not listed
/// are not indexed.
pub const RANKED: [DocKind; 11] = [
    DocKind::Item(Kind::Flow),
    DocKind::Item(Kind::Step),
    DocKind::Item(Kind::Script),
    DocKind::Item(Kind::Checklist),
    DocKind::Item(Kind::Limit),
    DocKind::Item(Kind::Term),
    DocKind::Item(Kind::Role),
    DocKind::Item(Kind::Record),
    DocKind::Item(Kind::Standard),
    DocKind::Item(Kind::Clause),
    DocKind::Rule,
];

impl DocKind {
    /// The key of its label (`role`, `rule`).
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Item(kind) => kind.as_str(),
            DocKind::Rule => "rule",
        }
    }

    /// Its place in [`RANKED`], if it is indexed.
    pub fn rank(self) -> Option<usize> {
        RANKED.iter().position(|&k| k == self)
    }

    /// Its tier in ranking, which weighs more than where a query matched:
    /// 0 the data pages, 1 records and standards, 2 clauses, 3 lint rules.
    pub fn tier(self) -> u8 {
        match self {
            DocKind::Item(Kind::Record | Kind::Standard) => 1,
            DocKind::Item(Kind::Clause) => 2,
            DocKind::Rule => 3,
            DocKind::Item(_) => 0,
        }
    }
}

/// One search result to be.
#[derive(Debug)]
pub struct Doc {
    pub kind: DocKind,
    /// Root-relative, without a leading slash: `flows/x.html#step-y`.
    pub url: String,
    /// The Chinese title.
    pub title: String,
    /// The id as a reader would type it (a clause's number, a rule's code).
    pub id: String,
    /// The short name of its standard (empty for a lint rule).
    pub standard: String,
    /// The section headings and part titles its page shows (`禁用语`, a
    /// flow's step titles), which rank like the title.
    pub heads: Vec<String>,
    /// Its text with Han characters, parts joined by ` · `, whitespace
    /// collapsed, Markdown removed: what the snippet shows.
    pub text: String,
    /// Its other words (ids, metrics, citations, English): searched, shown
    /// only when the query matches nothing else.
    pub keys: String,
}

/// Every document of the spec and of the rule catalogue, in [`RANKED`]
/// order, then in spec order. Clauses that nothing cites are left out: a
/// heading with nothing under it answers no question.
pub fn documents(spec: &Spec, heads: &dyn Fn(&str) -> String) -> Vec<Doc> {
    let standards = Standards::new(spec);
    let items = spec.entries().into_iter().filter_map(|e| {
        let kind = DocKind::Item(e.at.kind);
        kind.rank()?;
        if e.at.kind == Kind::Clause && !cited(spec, &e) {
            return None;
        }
        let cites: Vec<&str> = e.cites.iter().map(|c| c.value.0.as_str()).collect();
        let (text, keys) = split(e.words(), &cites);
        Some(Doc {
            kind,
            url: url::of(spec, e.at)?,
            title: e.title.to_owned(),
            id: e.id.value.clone(),
            standard: standards.of(spec, &e).unwrap_or_default(),
            heads: headings(spec, &e, heads),
            text,
            keys,
        })
    });
    let rules = rules::ALL.iter().map(|r| {
        let (text, keys) = split(vec![Cow::from(r.summary), Cow::from(r.doc)], &[]);
        Doc {
            kind: DocKind::Rule,
            url: url::rule(r.code),
            title: r.name.to_owned(),
            id: r.code.to_owned(),
            standard: String::new(),
            heads: Vec::new(),
            text,
            keys,
        }
    });
    let mut docs: Vec<Doc> = items.chain(rules).collect();
    docs.sort_by_key(|d| d.kind.rank());
    docs
}

/// Whether anything cites clause `e` of its standard.
fn cited(spec: &Spec, e: &Entry) -> bool {
    let standard = &spec.standards[e.at.index].id.value;
    spec.relations
        .cited_by
        .contains_key(&(standard.clone(), e.id.value.clone()))
}

/// The headings that the page of `e` shows over its sections, in the
/// site's language, and the titles of its parts that head their own
/// sections there (a flow's steps).
fn headings(spec: &Spec, e: &Entry, label: &dyn Fn(&str) -> String) -> Vec<String> {
    let i = e.at.index;
    let mut out: Vec<String> = Vec::new();
    let mut shown = |key: &str, yes: bool| {
        if yes {
            out.push(label(key));
        }
    };
    match e.at.kind {
        Kind::Script => {
            let s = &spec.scripts[i];
            shown("dialogue", !s.lines.is_empty());
            shown("forbidden", !s.forbidden.is_empty());
        }
        Kind::Flow => {
            let f = &spec.flows[i];
            shown("steps", !f.steps.is_empty());
            shown(
                "escalations",
                f.steps.iter().any(|s| !s.escalations.is_empty()),
            );
            out.extend(f.steps.iter().map(|s| s.title.value.clone()));
        }
        Kind::Step => {
            let s = &spec.flows[i].steps[e.at.part];
            shown("escalations", !s.escalations.is_empty());
        }
        Kind::Checklist => shown("items", !spec.checklists[i].items.is_empty()),
        Kind::Role => shown("duties", !spec.roles[i].duties.is_empty()),
        Kind::Record => shown("fields", !spec.records[i].fields.is_empty()),
        _ => {}
    }
    out
}

/// The short names of the standards, and where each item's standard is
/// found when it cites none: the standard of its file, else the one
/// standard of its folder.
struct Standards<'a> {
    by_file: HashMap<&'a str, usize, text::Fixed>,
    by_folder: HashMap<&'a str, Option<usize>, text::Fixed>,
}

impl<'a> Standards<'a> {
    fn new(spec: &'a Spec) -> Self {
        let mut by_file = HashMap::default();
        let mut by_folder: HashMap<&str, Option<usize>, text::Fixed> = HashMap::default();
        for (i, s) in spec.standards.iter().enumerate() {
            by_file.entry(s.file.as_str()).or_insert(i);
            by_folder
                .entry(folder(&s.file))
                .and_modify(|one| *one = None)
                .or_insert(Some(i));
        }
        Standards { by_file, by_folder }
    }

    fn of(&self, spec: &Spec, e: &Entry) -> Option<String> {
        let i = match e.at.kind {
            Kind::Standard | Kind::Clause => Some(e.at.index),
            _ => e
                .cites
                .iter()
                .find_map(|c| spec.index_of(Kind::Standard, c.value.parts()?.0))
                .or_else(|| self.by_file.get(e.file).copied())
                .or_else(|| self.by_folder.get(folder(e.file)).copied().flatten()),
        }?;
        Some(short_name(&spec.standards[i].title.value))
    }
}

fn folder(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// A standard's title without its year (`2025年`) and its bracketed notes
/// (`(试行)`): the name a trainee knows it by.
pub fn short_name(title: &str) -> String {
    let mut name = title.trim();
    if let Some((year, rest)) = name.split_once('年')
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
    {
        name = rest;
    }
    let cut = name
        .find(['(', '（'])
        .filter(|&i| i > 0)
        .unwrap_or(name.len());
    name[..cut].trim().to_owned()
}

/// The text with Han characters and the other words (citations among
/// them, whatever they are written in), each as parts joined by ` · `,
/// Markdown removed but from citations.
fn split(parts: Vec<Cow<str>>, cites: &[&str]) -> (String, String) {
    let (mut text, mut keys) = (Vec::new(), Vec::new());
    for part in parts {
        if cites.contains(&part.as_ref()) {
            keys.push(part.into_owned());
        } else if part.chars().any(text::is_han) {
            text.push(plain(&part).into_owned());
        } else {
            keys.push(plain(&part).into_owned());
        }
    }
    (join(text), join(keys))
}

/// Markdown as the text a reader sees (`**必须**` → `必须`).
fn plain(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains(['*', '_', '`', '[', '#', '>', '|', '<', '\\']) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// The non-blank parts joined by ` · `, each part's whitespace collapsed
/// to single spaces (descriptions are multi-line Markdown).
fn join<S: AsRef<str>>(parts: Vec<S>) -> String {
    let mut out = String::new();
    for part in &parts {
        let mut words = part.as_ref().split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    /// The documents of the test site (`tests/test_site/spec/`), with each
    /// heading shown as `[key]`.
    fn test_site() -> Vec<Doc> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/test_site/spec");
        documents(&crate::spec::open(&root).expect("test site").0, &|k| {
            format!("[{k}]")
        })
    }

    fn by_id<'a>(docs: &'a [Doc], kind: Kind, id: &str) -> Option<&'a Doc> {
        docs.iter()
            .find(|d| d.kind == DocKind::Item(kind) && d.id == id)
    }

    #[test]
    fn every_kind_with_its_url() {
        let docs = test_site();
        for kind in RANKED {
            assert!(docs.iter().any(|d| d.kind == kind), "no {kind:?}");
        }
        assert!(docs.is_sorted_by_key(|d| d.kind.rank()));
        let flow = docs.iter().find(|d| d.id == "complaint-handling").unwrap();
        assert_eq!(flow.url, "flows/complaint-handling.html");
        let clause = by_id(&docs, Kind::Clause, "第五条");
        assert_eq!(clause.unwrap().url, url::clause("field-service", "第五条"));
        let step = docs
            .iter()
            .find(|d| d.kind == DocKind::Item(Kind::Step))
            .unwrap();
        assert!(step.url.starts_with("flows/") && step.url.contains(".html#step-"));
        let rule = docs.iter().find(|d| d.id == "SLA007").unwrap();
        assert_eq!(
            (rule.kind, rule.url.as_str()),
            (DocKind::Rule, "rules/SLA007.html")
        );
        assert!(
            docs.iter().all(|d| !d.url.starts_with('/')
                && !d.text.contains('\n')
                && !d.keys.contains('\n'))
        );
    }

    #[test]
    fn clauses_that_nothing_cites_are_left_out() {
        let docs = test_site();
        let spec = crate::spec::open(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/test_site/spec"),
        )
        .unwrap()
        .0;
        let mut cited = 0;
        for s in &spec.standards {
            for c in &s.clauses {
                let key = (s.id.value.clone(), c.number.value.clone());
                let found = docs.iter().any(|d| {
                    d.kind == DocKind::Item(Kind::Clause)
                        && d.id == c.number.value
                        && d.url == url::clause(&s.id, &c.number)
                });
                assert_eq!(found, spec.relations.cited_by.contains_key(&key), "{key:?}");
                cited += usize::from(found);
            }
        }
        assert!(cited > 0);
    }

    #[test]
    fn text_is_chinese_and_ids_are_apart() {
        let docs = test_site();
        let limit = by_id(&docs, Kind::Limit, "handle-urgent").unwrap();
        assert_eq!(limit.text, "2个工作日");
        assert_eq!(
            limit.keys,
            "complaint.handling · urgent-complaint · Handling an urgent complaint · hotline-service#4.2"
        );
        assert_eq!(limit.standard, "客户服务热线服务规范");
        // Rules are English (but for their examples), Markdown removed.
        let rule = docs.iter().find(|d| d.id == "SLA007").unwrap();
        assert!(
            !rule.keys.contains('`') && !rule.text.contains('`'),
            "{}",
            rule.keys
        );
        assert!(rule.standard.is_empty());
    }

    #[test]
    fn pages_headings_are_indexed() {
        let docs = test_site();
        let script = docs
            .iter()
            .find(|d| {
                d.kind == DocKind::Item(Kind::Script) && d.heads.contains(&"[forbidden]".into())
            })
            .expect("a script with forbidden phrases");
        assert!(
            script.heads.contains(&"[dialogue]".into()),
            "{:?}",
            script.heads
        );
        let flow = docs.iter().find(|d| d.id == "complaint-handling").unwrap();
        assert_eq!(flow.heads[0], "[steps]");
        assert!(flow.heads.len() > 2, "{:?}", flow.heads);
        let checklist = docs
            .iter()
            .find(|d| d.kind == DocKind::Item(Kind::Checklist))
            .unwrap();
        assert_eq!(checklist.heads, ["[items]"]);
    }

    #[test]
    fn short_names_and_plain_text() {
        assert_eq!(
            short_name("2025年电信业务受理与客服操作指南"),
            "电信业务受理与客服操作指南"
        );
        assert_eq!(short_name("联通客服业务规范(试行)"), "联通客服业务规范");
        assert_eq!(short_name("（试行）"), "（试行）");
        assert_eq!(short_name("年报"), "年报");
        assert_eq!(
            plain("**必须** 在 `2小时` 内\n[回复](x.html)"),
            "必须 在 2小时 内 回复 "
        );
        assert_eq!(plain("普通文字"), "普通文字");
    }

    #[test]
    fn join_skips_blanks_and_collapses_whitespace() {
        assert_eq!(join(vec![" a\n\n b ", "  ", "c"]), "a b · c");
        assert_eq!(join(Vec::<&str>::new()), "");
    }
}
