//! Cross-references: who cites what, and what belongs to each role. The
//! model stores references one way (a step names its owner); the pages need
//! them both ways (a role page lists the steps it performs). Computed once
//! per build, in one pass over each list.

use std::collections::BTreeMap;

use crate::spec::Spec;
use crate::spec::model::{Citation, Ref};
use crate::spec::resolve::Kind;

/// An item that cites a clause: where to find it and what it is.
#[derive(Clone, Debug)]
pub struct Citer {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
}

#[derive(Default)]
pub struct Xref {
    /// (standard id, clause number) → the items citing it, in spec order.
    pub cited_by: BTreeMap<(String, String), Vec<Citer>>,
    /// Per role (by index in `spec.roles`): …
    pub role_flows: Vec<Vec<usize>>,
    /// (flow, step) pairs the role performs.
    pub role_steps: Vec<Vec<(usize, usize)>>,
    /// Limits the role must meet: those it owns, and those of its steps
    /// that name no owner of their own (the format's default).
    pub role_limits: Vec<Vec<usize>>,
    pub role_scripts: Vec<Vec<usize>>,
    /// Checklists the role's work is checked by, or that it checks.
    pub role_checklists: Vec<Vec<usize>>,
    /// Records the role keeps or its steps produce.
    pub role_records: Vec<Vec<usize>>,
    pub role_children: Vec<Vec<usize>>,
    /// (flow, step) whose escalations notify the role.
    pub role_notified: Vec<Vec<(usize, usize)>>,
    /// Per limit: (flow, Some(step)) or (flow, None) for a whole-flow limit.
    pub limit_users: Vec<Vec<(usize, Option<usize>)>>,
    pub flow_checklists: Vec<Vec<usize>>,
    /// Per record: the steps that produce it.
    pub record_steps: Vec<Vec<(usize, usize)>>,
}

/// Push `value` once (lists stay in first-seen order, without repeats).
fn add<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

impl Xref {
    pub fn new(spec: &Spec) -> Xref {
        let roles = spec.roles.len();
        let mut x = Xref {
            role_flows: vec![Vec::new(); roles],
            role_steps: vec![Vec::new(); roles],
            role_limits: vec![Vec::new(); roles],
            role_scripts: vec![Vec::new(); roles],
            role_checklists: vec![Vec::new(); roles],
            role_records: vec![Vec::new(); roles],
            role_children: vec![Vec::new(); roles],
            role_notified: vec![Vec::new(); roles],
            limit_users: vec![Vec::new(); spec.limits.len()],
            flow_checklists: vec![Vec::new(); spec.flows.len()],
            record_steps: vec![Vec::new(); spec.records.len()],
            ..Xref::default()
        };
        let role = |r: &Option<Ref>| r.as_ref().and_then(|r| spec.index_of(Kind::Role, &r.value));
        let index = |kind: Kind, r: &Ref| spec.index_of(kind, &r.value);

        for (i, r) in spec.roles.iter().enumerate() {
            if let Some(p) = role(&r.parent) {
                x.role_children[p].push(i);
            }
        }
        for (l, limit) in spec.limits.iter().enumerate() {
            if let Some(r) = role(&limit.owner) {
                add(&mut x.role_limits[r], l);
            }
        }
        for (f, flow) in spec.flows.iter().enumerate() {
            if let Some(r) = role(&flow.owner) {
                x.role_flows[r].push(f);
            }
            for l in flow.limits.iter().filter_map(|l| index(Kind::Limit, l)) {
                add(&mut x.limit_users[l], (f, None));
            }
            for (s, step) in flow.steps.iter().enumerate() {
                let owner = role(&step.owner);
                if let Some(r) = owner {
                    x.role_steps[r].push((f, s));
                }
                for l in step.limits.iter().filter_map(|l| index(Kind::Limit, l)) {
                    add(&mut x.limit_users[l], (f, Some(s)));
                    if let (Some(r), None) = (owner, &spec.limits[l].owner) {
                        add(&mut x.role_limits[r], l);
                    }
                }
                for rec in step.records.iter().filter_map(|r| index(Kind::Record, r)) {
                    add(&mut x.record_steps[rec], (f, s));
                    if let Some(r) = owner {
                        add(&mut x.role_records[r], rec);
                    }
                }
                for esc in &step.escalations {
                    for r in esc.notify.iter().filter_map(|r| index(Kind::Role, r)) {
                        add(&mut x.role_notified[r], (f, s));
                    }
                }
            }
        }
        for (i, script) in spec.scripts.iter().enumerate() {
            if let Some(r) = role(&script.owner) {
                x.role_scripts[r].push(i);
            }
        }
        for (i, list) in spec.checklists.iter().enumerate() {
            if let Some(r) = role(&list.owner) {
                add(&mut x.role_checklists[r], i);
            }
            for item in &list.items {
                if let Some(r) = role(&item.checker) {
                    add(&mut x.role_checklists[r], i);
                }
            }
            if let Some(f) = list.flow.as_ref().and_then(|f| index(Kind::Flow, f)) {
                x.flow_checklists[f].push(i);
            }
        }
        for (i, rec) in spec.records.iter().enumerate() {
            if let Some(r) = role(&rec.owner) {
                add(&mut x.role_records[r], i);
            }
        }
        x.collect_citations(spec);
        x
    }

    fn collect_citations(&mut self, spec: &Spec) {
        for item in items(spec) {
            let Some((standard, clause)) = item.source.as_ref().and_then(|c| c.value.parts())
            else {
                continue;
            };
            self.cited_by
                .entry((standard.to_owned(), clause.to_owned()))
                .or_default()
                .push(Citer {
                    kind: item.kind,
                    title: item.title.to_owned(),
                    url: item.url,
                });
        }
        // An item citing one clause twice (a checklist and its items) is listed once.
        for citers in self.cited_by.values_mut() {
            let mut seen = std::collections::HashSet::new();
            citers.retain(|c| seen.insert(c.url.clone()));
        }
    }
}

/// A place of the spec that has a page or an anchor of its own: what the
/// citation index and the findings page both need to know of it. Parts
/// without an anchor (an escalation, a check item) point at their parent.
pub struct Item<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: String,
    pub file: &'a str,
    pub line: u32,
    pub source: &'a Option<Citation>,
}

/// For the items that cannot cite (standards and their clauses).
static NO_SOURCE: Option<Citation> = None;

/// Every item of the spec, in spec order, parents before their parts.
pub fn items(spec: &Spec) -> Vec<Item<'_>> {
    use crate::site::url;
    let mut all = Vec::new();
    for st in &spec.standards {
        let (id, file) = (&st.id.value, st.file.as_str());
        all.push(Item {
            kind: "standard",
            title: &st.title.value,
            url: url::standard(id),
            file,
            line: st.item.pos.line,
            source: &NO_SOURCE,
        });
        all.extend(st.clauses.iter().map(|c| Item {
            kind: "clause",
            title: &c.title.value,
            url: url::clause(id, &c.number.value),
            file,
            line: c.pos.line,
            source: &NO_SOURCE,
        }));
    }
    // The items with a page or anchor of their own, by kind.
    macro_rules! whole {
        ($list:expr, $kind:literal, $url:path) => {
            all.extend($list.iter().map(|x| Item {
                kind: $kind,
                title: &x.title.value,
                url: $url(&x.id.value),
                file: &x.file,
                line: x.item.pos.line,
                source: &x.source,
            }));
        };
    }
    whole!(spec.roles, "role", url::role);
    whole!(spec.limits, "limit", url::limit);
    whole!(spec.scripts, "script", url::script);
    whole!(spec.records, "record", url::record);
    whole!(spec.terms, "term", url::term);
    for f in &spec.flows {
        let file = f.file.as_str();
        let (title, url) = (&f.title.value, url::flow(&f.id.value));
        all.push(Item {
            kind: "flow",
            title,
            url,
            file,
            line: f.item.pos.line,
            source: &f.source,
        });
        for s in &f.steps {
            let url = url::step(&f.id.value, &s.id.value);
            let title = &s.title.value;
            all.push(Item {
                kind: "step",
                title,
                url: url.clone(),
                file,
                line: s.pos.line,
                source: &s.source,
            });
            all.extend(s.escalations.iter().map(|e| Item {
                kind: "step",
                title,
                url: url.clone(),
                file,
                line: e.pos.line,
                source: &e.source,
            }));
        }
    }
    for c in &spec.checklists {
        let (file, title, url) = (c.file.as_str(), &c.title.value, url::checklist(&c.id.value));
        all.push(Item {
            kind: "checklist",
            title,
            url: url.clone(),
            file,
            line: c.item.pos.line,
            source: &c.source,
        });
        all.extend(c.items.iter().map(|i| Item {
            kind: "checklist",
            title,
            url: url.clone(),
            file,
            line: i.pos.line,
            source: &i.source,
        }));
    }
    all
}
