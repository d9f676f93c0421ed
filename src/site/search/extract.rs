//! The documents of the index: one per standard, clause, role, flow, step,
//! limit, script, checklist, record, term and lint rule, each with the URL
//! of its page (root-relative, no leading slash).

use std::borrow::Cow;

use crate::lint::rules;
use crate::site::url;
use crate::spec::Spec;
use crate::spec::kind::Kind;

/// What a document is: an item or part of the spec, or a lint rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Item(Kind),
    Rule,
}

/// The kinds of document, in their order in the index, which breaks ties
/// in ranking and decides which documents a very common token keeps (see
/// [`super::Params::max_postings`]): whole items before their parts, the
/// items trainees look for first. Kinds not listed are not indexed.
pub const RANKED: [DocKind; 11] = [
    DocKind::Item(Kind::Standard),
    DocKind::Item(Kind::Flow),
    DocKind::Item(Kind::Role),
    DocKind::Item(Kind::Limit),
    DocKind::Item(Kind::Script),
    DocKind::Item(Kind::Checklist),
    DocKind::Item(Kind::Record),
    DocKind::Item(Kind::Term),
    DocKind::Rule,
    DocKind::Item(Kind::Clause),
    DocKind::Item(Kind::Step),
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
    /// The rest of its text, parts joined by ` · `, whitespace collapsed.
    pub body: String,
}

/// Every document of the spec and of the rule catalogue, in [`RANKED`]
/// order, then in spec order.
pub fn documents(spec: &Spec) -> Vec<Doc> {
    let items = spec.entries().into_iter().filter_map(|e| {
        let kind = DocKind::Item(e.at.kind);
        kind.rank()?;
        Some(Doc {
            kind,
            url: url::of(spec, e.at)?,
            title: e.title.to_owned(),
            id: e.id.value.clone(),
            body: join(e.words()),
        })
    });
    let rules = rules::ALL.iter().map(|r| Doc {
        kind: DocKind::Rule,
        url: url::rule(r.code),
        title: r.name.to_owned(),
        id: r.code.to_owned(),
        body: join(vec![Cow::from(r.summary), Cow::from(r.doc)]),
    });
    let mut docs: Vec<Doc> = items.chain(rules).collect();
    docs.sort_by_key(|d| d.kind.rank());
    docs
}

/// The non-blank parts joined by ` · `, each part's whitespace collapsed
/// to single spaces (descriptions are multi-line Markdown).
fn join(parts: Vec<Cow<str>>) -> String {
    let mut out = String::new();
    for part in &parts {
        let mut words = part.split_whitespace().peekable();
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

    /// The documents of the test site (`tests/test_site/spec/`).
    fn test_site() -> Vec<Doc> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/test_site/spec");
        documents(&crate::spec::open(&root).expect("test site").0)
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
        let clause = docs
            .iter()
            .find(|d| d.kind == DocKind::Item(Kind::Clause) && d.id == "第五条");
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
            docs.iter()
                .all(|d| !d.url.starts_with('/') && !d.body.contains('\n'))
        );
    }

    #[test]
    fn limit_body_starts_with_its_duration() {
        let docs = test_site();
        let limit = docs.iter().find(|d| d.id == "handle-urgent").unwrap();
        assert_eq!(
            limit.body,
            "2个工作日 · complaint.handling · urgent-complaint · Handling an urgent complaint · hotline-service#4.2"
        );
    }

    #[test]
    fn join_skips_blanks_and_collapses_whitespace() {
        assert_eq!(
            join(vec![" a\n\n b ".into(), "  ".into(), "c".into()]),
            "a b · c"
        );
        assert_eq!(join(vec![]), "");
    }
}
