//! Relations: what the model states one way, computed both ways, once.
//!
//! A step names its owner; a role's page, the export and the lints also
//! need the steps a role performs. A limit's owner may be left to the step
//! that uses it. Every output reads these lists from [`Relations`] rather
//! than working them out again, so they cannot disagree.
//!
//! **The effective owner rule** (who must meet a limit, who performs a step):
//! - a step is performed by its `owner`; a step without one by its flow's
//!   `owner`, which is accountable for the flow as a whole;
//! - a limit is met by its `owner`; a limit without one by the effective
//!   owner of every step that lists it and the owner of every flow that
//!   lists it in `flow.limits`, in spec order, each role once;
//! - a reference to a role that does not exist (E005) makes no owner.
//!
//! A limit with no effective owner is what `SLA009` reports.

use std::collections::BTreeMap;

use super::Spec;
use super::graph::FlowGraph;
use super::kind::{ItemRef, Kind};
use super::model::{Citation, Ref};

/// Who is responsible for a step or a limit, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    /// The role, by index in `spec.roles`.
    pub role: usize,
    pub via: Via,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// Named by the item itself (`owner:`).
    Declared,
    /// The effective owner of the step or flow that uses it (for a step:
    /// its flow).
    Inherited(ItemRef),
}

/// Everything derived, for every item that has something derived.
#[derive(Debug, Default)]
pub struct Relations {
    /// Parallel to `spec.roles`.
    pub roles: Vec<RoleRelations>,
    /// Parallel to `spec.flows`.
    pub flows: Vec<FlowRelations>,
    /// Parallel to `spec.limits`.
    pub limits: Vec<LimitRelations>,
    /// Parallel to `spec.records`: the steps that produce each record.
    pub records: Vec<Vec<ItemRef>>,
    /// (standard id, clause number) → the items and parts that cite it, in
    /// spec order. Keys are sorted, so one standard's clauses are one range.
    pub cited_by: BTreeMap<(String, String), Vec<ItemRef>>,
}

/// What belongs to a role.
#[derive(Clone, Debug, Default)]
pub struct RoleRelations {
    /// The flows it owns.
    pub flows: Vec<usize>,
    /// The steps it performs (by the effective owner rule).
    pub steps: Vec<ItemRef>,
    /// The limits it must meet (by the effective owner rule): those it owns
    /// first, then those it inherits, in flow order.
    pub limits: Vec<usize>,
    pub scripts: Vec<usize>,
    /// Checklists its work is checked by, or that it checks.
    pub checklists: Vec<usize>,
    /// Records it keeps or its steps produce.
    pub records: Vec<usize>,
    pub children: Vec<usize>,
    /// What its parent roles must meet and it does not already: (limit,
    /// the nearest ancestor it comes from), nearest ancestor first, each
    /// limit once. A post inherits its team's and centre's limits.
    pub inherited_limits: Vec<(usize, usize)>,
    /// Its parent role, when `parent:` names another role that exists
    /// ([`Relations::ancestors`] walks the chain).
    pub parent: Option<usize>,
    /// On a `parent:` cycle (E007).
    pub in_cycle: bool,
    /// Steps whose escalations notify it.
    pub notified: Vec<ItemRef>,
}

#[derive(Clone, Debug)]
pub struct FlowRelations {
    /// Successors and ends of every step.
    pub graph: FlowGraph,
    /// The steps in reading order (see [`FlowGraph::order`]).
    pub order: Vec<usize>,
    /// The effective owner of every step.
    pub step_owners: Vec<Option<Owner>>,
    /// Checklists that belong to the flow.
    pub checklists: Vec<usize>,
    /// The business calendar of the standard it cites (index in
    /// `spec.calendars`): the one its working-time limits are counted on.
    pub calendar: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct LimitRelations {
    /// The flows (`flow.limits`) and steps that use it, in spec order.
    pub used_by: Vec<ItemRef>,
    /// Who must meet it (the effective owner rule); empty when nobody.
    pub owners: Vec<Owner>,
    /// The business calendar of the standard it cites (index in
    /// `spec.calendars`): the one its working time is counted on.
    pub calendar: Option<usize>,
}

/// Push `value` once (lists keep first-seen order, without repeats).
fn add<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

impl Relations {
    pub fn new(spec: &Spec) -> Relations {
        let mut r = Relations {
            roles: vec![RoleRelations::default(); spec.roles.len()],
            flows: Vec::with_capacity(spec.flows.len()),
            limits: vec![LimitRelations::default(); spec.limits.len()],
            records: vec![Vec::new(); spec.records.len()],
            cited_by: BTreeMap::new(),
        };
        r.roles_and_owned_items(spec);
        r.declared_limit_owners(spec);
        for f in 0..spec.flows.len() {
            r.flow(spec, f);
        }
        r.checklists_and_records(spec);
        r.citations(spec);
        r.ancestry(spec);
        r
    }

    /// Each role's parent, whether it is on a parent cycle, and the limits
    /// it inherits: in time linear in the roles (plus what is inherited),
    /// since each role is settled once, after its parent. A cycle (E007)
    /// passes nothing on: what its roles inherit is only ambiguous.
    fn ancestry(&mut self, spec: &Spec) {
        let n = spec.roles.len();
        for i in 0..n {
            self.roles[i].parent = role_index(spec, &spec.roles[i].parent).filter(|&p| p != i);
        }
        let mut settled = vec![false; n];
        let mut on_path = vec![false; n];
        for start in 0..n {
            // Walk up to a settled role, a root or a cycle; settle the path
            // from the top down.
            let mut path: Vec<usize> = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at.filter(|&i| !settled[i]) {
                if on_path[i] {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    for &c in &path[from..] {
                        self.roles[c].in_cycle = true;
                    }
                    break;
                }
                on_path[i] = true;
                path.push(i);
                at = self.roles[i].parent;
            }
            for &i in path.iter().rev() {
                self.inherit(i);
                settled[i] = true;
                on_path[i] = false;
            }
        }
    }

    /// What role `i` inherits: its parent's limits, then what the parent
    /// inherits (settled already), less its own, each limit once.
    fn inherit(&mut self, i: usize) {
        let Some(parent) = self.roles[i].parent.filter(|_| !self.roles[i].in_cycle) else {
            return;
        };
        if self.roles[parent].in_cycle {
            return;
        }
        let up = &self.roles[parent];
        let candidates =
            (up.limits.iter().map(|&l| (l, parent))).chain(up.inherited_limits.iter().copied());
        let mut seen: std::collections::HashSet<usize> =
            self.roles[i].limits.iter().copied().collect();
        let inherited: Vec<(usize, usize)> = candidates.filter(|&(l, _)| seen.insert(l)).collect();
        self.roles[i].inherited_limits = inherited;
    }

    /// Role `i`'s parent, the parent's parent…, nearest first; a cycle is
    /// walked once round.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = i;
        let mut entered: Option<usize> = None;
        std::iter::from_fn(move || {
            let next = self.roles[at].parent?;
            if next == i || Some(next) == entered {
                return None;
            }
            if entered.is_none() && self.roles[next].in_cycle {
                entered = Some(next);
            }
            at = next;
            Some(next)
        })
    }

    fn roles_and_owned_items(&mut self, spec: &Spec) {
        for (i, role) in spec.roles.iter().enumerate() {
            if let Some(p) = role_index(spec, &role.parent) {
                self.roles[p].children.push(i);
            }
        }
        for (i, script) in spec.scripts.iter().enumerate() {
            if let Some(r) = role_index(spec, &script.owner) {
                self.roles[r].scripts.push(i);
            }
        }
    }

    fn declared_limit_owners(&mut self, spec: &Spec) {
        for (l, limit) in spec.limits.iter().enumerate() {
            self.limits[l].calendar = calendar_of(spec, &limit.source);
            if let Some(role) = role_index(spec, &limit.owner) {
                self.limits[l].owners.push(Owner {
                    role,
                    via: Via::Declared,
                });
                add(&mut self.roles[role].limits, l);
            }
        }
    }

    /// A flow's graph and step owners, and what its steps give their roles,
    /// limits and records.
    fn flow(&mut self, spec: &Spec, f: usize) {
        let flow = &spec.flows[f];
        let flow_owner = role_index(spec, &flow.owner);
        let flow_ref = ItemRef::new(Kind::Flow, f);
        if let Some(r) = flow_owner {
            self.roles[r].flows.push(f);
        }
        for l in flow.limits.iter().filter_map(|l| limit_index(spec, l)) {
            self.use_limit(spec, l, flow_ref, flow_owner);
        }
        let mut step_owners = Vec::with_capacity(flow.steps.len());
        for (s, step) in flow.steps.iter().enumerate() {
            let at = ItemRef::step(f, s);
            let owner = match &step.owner {
                Some(r) => index(spec, Kind::Role, r).map(|role| Owner {
                    role,
                    via: Via::Declared,
                }),
                None => flow_owner.map(|role| Owner {
                    role,
                    via: Via::Inherited(flow_ref),
                }),
            };
            step_owners.push(owner);
            let role = owner.map(|o| o.role);
            if let Some(r) = role {
                self.roles[r].steps.push(at);
            }
            for l in step.limits.iter().filter_map(|l| limit_index(spec, l)) {
                self.use_limit(spec, l, at, role);
            }
            for rec in step
                .records
                .iter()
                .filter_map(|x| index(spec, Kind::Record, x))
            {
                add(&mut self.records[rec], at);
                if let Some(r) = role {
                    add(&mut self.roles[r].records, rec);
                }
            }
            for e in &step.escalations {
                for r in e.notify.iter().filter_map(|x| index(spec, Kind::Role, x)) {
                    add(&mut self.roles[r].notified, at);
                }
            }
        }
        let graph = FlowGraph::new(flow);
        self.flows.push(FlowRelations {
            order: graph.order(),
            graph,
            step_owners,
            checklists: Vec::new(),
            calendar: self.flow_calendar(spec, f),
        });
    }

    /// The calendar of the standard a flow cites, else of the first of its
    /// limits (end-to-end, then its steps') that has one.
    fn flow_calendar(&self, spec: &Spec, f: usize) -> Option<usize> {
        let flow = &spec.flows[f];
        let steps = flow.steps.iter().flat_map(|s| &s.limits);
        calendar_of(spec, &flow.source).or_else(|| {
            (flow.limits.iter().chain(steps))
                .filter_map(|l| limit_index(spec, l))
                .find_map(|l| self.limits[l].calendar)
        })
    }

    /// Limit `l` is used by `user`, whose effective owner is `role`: an
    /// unowned limit inherits it.
    fn use_limit(&mut self, spec: &Spec, l: usize, user: ItemRef, role: Option<usize>) {
        let limit = &mut self.limits[l];
        add(&mut limit.used_by, user);
        let Some(role) = role.filter(|_| spec.limits[l].owner.is_none()) else {
            return;
        };
        if !limit.owners.iter().any(|o| o.role == role) {
            limit.owners.push(Owner {
                role,
                via: Via::Inherited(user),
            });
        }
        add(&mut self.roles[role].limits, l);
    }

    fn checklists_and_records(&mut self, spec: &Spec) {
        for (i, list) in spec.checklists.iter().enumerate() {
            let checkers = list.items.iter().map(|item| &item.checker);
            for r in std::iter::once(&list.owner)
                .chain(checkers)
                .filter_map(|r| role_index(spec, r))
            {
                add(&mut self.roles[r].checklists, i);
            }
            if let Some(f) = list.flow.as_ref().and_then(|f| index(spec, Kind::Flow, f)) {
                self.flows[f].checklists.push(i);
            }
        }
        for (i, rec) in spec.records.iter().enumerate() {
            if let Some(r) = role_index(spec, &rec.owner) {
                add(&mut self.roles[r].records, i);
            }
        }
    }

    fn citations(&mut self, spec: &Spec) {
        for entry in spec.entries() {
            for cite in &entry.cites {
                if let Some((standard, clause)) = cite.value.parts() {
                    let key = (standard.to_owned(), clause.to_owned());
                    add(self.cited_by.entry(key).or_default(), entry.at);
                }
            }
        }
    }
}

/// The calendar of the standard a citation names.
fn calendar_of(spec: &Spec, source: &Option<Citation>) -> Option<usize> {
    let (standard, _) = source.as_ref()?.value.parts()?;
    let calendar = spec.standard(standard)?.calendar.as_ref()?;
    index(spec, Kind::Calendar, calendar)
}

fn index(spec: &Spec, kind: Kind, r: &Ref) -> Option<usize> {
    spec.index_of(kind, &r.value)
}

fn role_index(spec: &Spec, r: &Option<Ref>) -> Option<usize> {
    r.as_ref().and_then(|r| index(spec, Kind::Role, r))
}

fn limit_index(spec: &Spec, r: &Ref) -> Option<usize> {
    index(spec, Kind::Limit, r)
}
