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

    fn cite(&mut self, source: &Option<Citation>, kind: &'static str, title: &str, url: String) {
        let Some((standard, clause)) = source.as_ref().and_then(|c| c.value.parts()) else {
            return;
        };
        self.cited_by
            .entry((standard.to_owned(), clause.to_owned()))
            .or_default()
            .push(Citer {
                kind,
                title: title.to_owned(),
                url,
            });
    }

    fn collect_citations(&mut self, spec: &Spec) {
        use crate::site::url;
        for r in &spec.roles {
            self.cite(&r.source, "role", &r.title.value, url::role(&r.id.value));
        }
        for f in &spec.flows {
            self.cite(&f.source, "flow", &f.title.value, url::flow(&f.id.value));
            for s in &f.steps {
                let u = url::step(&f.id.value, &s.id.value);
                self.cite(&s.source, "step", &s.title.value, u.clone());
                for e in &s.escalations {
                    self.cite(&e.source, "step", &s.title.value, u.clone());
                }
            }
        }
        for l in &spec.limits {
            self.cite(&l.source, "limit", &l.title.value, url::limit(&l.id.value));
        }
        for s in &spec.scripts {
            self.cite(
                &s.source,
                "script",
                &s.title.value,
                url::script(&s.id.value),
            );
        }
        for c in &spec.checklists {
            let u = url::checklist(&c.id.value);
            self.cite(&c.source, "checklist", &c.title.value, u.clone());
            for item in &c.items {
                self.cite(&item.source, "checklist", &c.title.value, u.clone());
            }
        }
        for r in &spec.records {
            self.cite(
                &r.source,
                "record",
                &r.title.value,
                url::record(&r.id.value),
            );
        }
        for t in &spec.terms {
            self.cite(&t.source, "term", &t.title.value, url::term(&t.id.value));
        }
        // An item citing one clause twice (a checklist and its items) is listed once.
        for citers in self.cited_by.values_mut() {
            let mut seen = std::collections::HashSet::new();
            citers.retain(|c| seen.insert(c.url.clone()));
        }
    }
}
