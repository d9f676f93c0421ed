//! The documents of the index: one per standard, clause, role, flow, step,
//! limit, script, checklist, record, term and lint rule, each with the URL
//! of its page (root-relative, no leading slash).

use crate::lint::rules;
use crate::site::url;
use crate::spec::Spec;
use crate::spec::model::Scope;
use crate::spec::span::Sp;

/// What a document is. The order is the documents' order in the index,
/// which breaks ties in ranking and decides which documents a very common
/// token keeps (see [`super::Params::max_postings`]): whole items before
/// their parts, the items trainees look for first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocKind {
    Standard,
    Flow,
    Role,
    Limit,
    Script,
    Checklist,
    Record,
    Term,
    Rule,
    Clause,
    Step,
}

/// The kinds' keys, in [`DocKind`] order: the keys of
/// [`super::Labels::kinds`].
pub const KINDS: [&str; 11] = [
    "standard",
    "flow",
    "role",
    "limit",
    "script",
    "checklist",
    "record",
    "term",
    "rule",
    "clause",
    "step",
];

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

/// Every document of the spec and of the rule catalogue, in [`DocKind`]
/// order, then in spec order.
pub fn documents(spec: &Spec) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = |kind, url: String, title: &str, id: &str, body: Vec<Option<&str>>| {
        docs.push(Doc {
            kind,
            url,
            title: title.to_owned(),
            id: id.to_owned(),
            body: join(body),
        })
    };
    for s in &spec.standards {
        let mut body = vec![
            opt(&s.title_en),
            opt(&s.issuer),
            opt(&s.version),
            opt(&s.date),
            opt(&s.description),
        ];
        body.extend(s.clauses.iter().map(|c| Some(c.title.as_str())));
        doc(
            DocKind::Standard,
            url::standard(&s.id),
            &s.title,
            &s.id,
            body,
        );
        for c in &s.clauses {
            // The standard's title and id give the clause its context.
            let body = vec![Some(s.title.as_str()), Some(&s.id)];
            doc(
                DocKind::Clause,
                url::clause(&s.id, &c.number),
                &c.title,
                &c.number,
                body,
            );
        }
    }
    for r in &spec.roles {
        let mut body: Vec<_> = r.duties.iter().map(|d| Some(d.as_str())).collect();
        body.extend([opt(&r.title_en), opt(&r.description), cite(&r.source)]);
        doc(DocKind::Role, url::role(&r.id), &r.title, &r.id, body);
    }
    for f in &spec.flows {
        let mut body = vec![opt(&f.description), opt(&f.title_en), cite(&f.source)];
        body.extend(f.steps.iter().map(|s| Some(s.title.as_str())));
        doc(DocKind::Flow, url::flow(&f.id), &f.title, &f.id, body);
        for s in &f.steps {
            let mut body = vec![opt(&s.action)];
            body.extend(s.next.iter().map(|n| opt(&n.when)));
            for e in &s.escalations {
                body.extend([opt(&e.when), Some(&e.action)]);
            }
            body.extend([opt(&s.description), opt(&s.title_en), cite(&s.source)]);
            body.extend([Some(f.title.as_str()), Some(&f.id)]);
            doc(
                DocKind::Step,
                url::step(&f.id, &s.id),
                &s.title,
                &s.id,
                body,
            );
        }
    }
    for (l, info) in spec.limits.iter().zip(&spec.limit_info) {
        let mut body = vec![Some(info.text.as_str()), Some(&l.metric)];
        body.extend(scope(&l.scope));
        body.extend([opt(&l.description), opt(&l.title_en), cite(&l.source)]);
        doc(DocKind::Limit, url::limit(&l.id), &l.title, &l.id, body);
    }
    for s in &spec.scripts {
        let mut body = vec![opt(&s.situation), opt(&s.channel)];
        body.extend(s.lines.iter().map(|l| Some(l.text.as_str())));
        for f in &s.forbidden {
            body.extend([Some(f.text.as_str()), opt(&f.reason), opt(&f.instead)]);
        }
        body.extend([opt(&s.description), opt(&s.title_en), cite(&s.source)]);
        doc(DocKind::Script, url::script(&s.id), &s.title, &s.id, body);
    }
    for c in &spec.checklists {
        let mut body = Vec::new();
        for i in &c.items {
            body.extend([Some(i.text.as_str()), opt(&i.evidence)]);
        }
        body.extend([opt(&c.description), opt(&c.title_en), cite(&c.source)]);
        doc(
            DocKind::Checklist,
            url::checklist(&c.id),
            &c.title,
            &c.id,
            body,
        );
    }
    for r in &spec.records {
        let mut body: Vec<_> = r.fields.iter().map(|f| Some(f.as_str())).collect();
        body.extend([opt(&r.description), opt(&r.title_en), cite(&r.source)]);
        doc(DocKind::Record, url::record(&r.id), &r.title, &r.id, body);
    }
    for t in &spec.terms {
        let body = vec![
            Some(t.definition.as_str()),
            opt(&t.title_en),
            cite(&t.source),
        ];
        doc(DocKind::Term, url::term(&t.id), &t.title, &t.id, body);
    }
    for r in rules::ALL {
        let body = vec![Some(r.summary), Some(r.doc)];
        doc(DocKind::Rule, url::rule(r.code), r.name, r.code, body);
    }
    docs.sort_by_key(|d| d.kind);
    docs
}

fn opt(s: &Option<Sp<String>>) -> Option<&str> {
    s.as_ref().map(|s| s.value.as_str())
}

fn cite(c: &Option<crate::spec::model::Citation>) -> Option<&str> {
    c.as_ref().map(|c| c.value.0.as_str())
}

/// The words of a scope (the priority is an id, the rest are words).
fn scope(s: &Scope) -> [Option<&str>; 5] {
    [
        s.priority.as_ref().map(|p| p.value.as_str()),
        opt(&s.customer),
        opt(&s.channel),
        opt(&s.business),
        opt(&s.condition),
    ]
}

/// The present, non-blank parts joined by ` · `, each part's whitespace
/// collapsed to single spaces (descriptions are multi-line Markdown).
fn join(parts: Vec<Option<&str>>) -> String {
    let mut out = String::new();
    for part in parts.into_iter().flatten() {
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
        for kind in KINDS {
            assert!(
                docs.iter().any(|d| KINDS[d.kind as usize] == kind),
                "no {kind}"
            );
        }
        assert!(docs.is_sorted_by_key(|d| d.kind));
        let flow = docs.iter().find(|d| d.id == "complaint-handling").unwrap();
        assert_eq!(flow.url, "flows/complaint-handling.html");
        let clause = docs
            .iter()
            .find(|d| d.kind == DocKind::Clause && d.id == "第五条");
        assert_eq!(clause.unwrap().url, url::clause("field-service", "第五条"));
        let step = docs.iter().find(|d| d.kind == DocKind::Step).unwrap();
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
            join(vec![None, Some(" a\n\n b "), Some("  "), Some("c")]),
            "a b · c"
        );
        assert_eq!(join(vec![]), "");
    }
}
