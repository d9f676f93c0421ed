//! Requirements: what an auditor checks, one by one — each step's action,
//! each time limit, each checklist item and each record's retention — with
//! who answers for it, what shows it was met, and the clause that states it.
//!
//! Pure derivation from the model and [`super::relations`] (owners, reading
//! order, where a limit is used), so the compliance matrix and the printed
//! audit documents list the same requirements in the same words.

use serde::Serialize;

use super::Spec;
use super::kind::{ItemRef, Kind};
use super::model::{Citation, Ref, Scope};

/// What a requirement is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// A step's action, performed by its effective owner.
    Step,
    /// A time limit, met by its effective owners.
    Limit,
    /// An item of a checklist.
    CheckItem,
    /// How long a record is kept.
    Retention,
}

impl RequirementKind {
    pub const ALL: [RequirementKind; 4] = [
        RequirementKind::Step,
        RequirementKind::Limit,
        RequirementKind::CheckItem,
        RequirementKind::Retention,
    ];

    /// The prefix of its requirement ids: `step:flow/step`.
    pub fn prefix(self) -> &'static str {
        match self {
            RequirementKind::Step => "step",
            RequirementKind::Limit => "limit",
            RequirementKind::CheckItem => "item",
            RequirementKind::Retention => "retention",
        }
    }

    /// The kind in Chinese, as the matrix shows it.
    pub fn label(self) -> &'static str {
        match self {
            RequirementKind::Step => "步骤",
            RequirementKind::Limit => "时限",
            RequirementKind::CheckItem => "检查项",
            RequirementKind::Retention => "保存期限",
        }
    }
}

/// One requirement. Roles, records and limits are indices into the spec's
/// lists, in first-seen order without repeats.
#[derive(Clone, Debug)]
pub struct Requirement {
    /// Unique in the spec: `step:flow-id/step-id`, `limit:id`,
    /// `item:checklist-id/item-id`, `retention:record-id`.
    pub id: String,
    pub kind: RequirementKind,
    /// The step, limit, checklist item or record it comes from.
    pub at: ItemRef,
    /// The clause that states it: its own citation, else its parent's.
    pub source: Option<Citation>,
    /// The requirement in words.
    pub text: String,
    /// Who must meet it (the effective owner rule; a checklist's owner).
    pub roles: Vec<usize>,
    /// The records that show it was met.
    pub records: Vec<usize>,
    /// What shows it was met, in the standard's words (a checklist item's
    /// `evidence`).
    pub evidence: Option<String>,
    /// Its time limits.
    pub limits: Vec<usize>,
}

impl Requirement {
    /// The standard id and clause number it cites.
    pub fn citation(&self) -> Option<(&str, &str)> {
        self.source.as_ref().and_then(|c| c.value.parts())
    }
}

/// Every requirement of `spec`: steps by flow in reading order, then limits,
/// checklist items and retentions, each in spec order.
pub fn requirements(spec: &Spec) -> Vec<Requirement> {
    let mut all = Vec::new();
    steps(spec, &mut all);
    limits(spec, &mut all);
    check_items(spec, &mut all);
    retentions(spec, &mut all);
    all
}

fn steps(spec: &Spec, all: &mut Vec<Requirement>) {
    for (f, flow) in spec.flows.iter().enumerate() {
        let Some(rel) = spec.relations.flows.get(f) else {
            continue;
        };
        for &s in &rel.order {
            let step = &flow.steps[s].value;
            let action = step.action.as_ref().map_or("", |a| a.value.as_str());
            all.push(Requirement {
                id: format!("step:{}/{}", flow.id.value, step.id.value),
                kind: RequirementKind::Step,
                at: ItemRef::step(f, s),
                source: step.source.clone().or_else(|| flow.source.clone()),
                text: joined(&[&flow.title.value, &step.title.value], action),
                roles: rel.step_owners[s].iter().map(|o| o.role).collect(),
                records: indices(spec, Kind::Record, &step.records),
                evidence: None,
                limits: indices(spec, Kind::Limit, &step.limits),
            });
        }
    }
}

fn limits(spec: &Spec, all: &mut Vec<Requirement>) {
    for (l, limit) in spec.limits.iter().enumerate() {
        let rel = &spec.relations.limits[l];
        let mut records = Vec::new();
        for user in rel.used_by.iter().filter(|u| u.kind == Kind::Step) {
            let step = &spec.flows[user.index].steps[user.part];
            for r in indices(spec, Kind::Record, &step.records) {
                push_once(&mut records, r);
            }
        }
        let mut text = format!("{}：{}", limit.title.value, spec.limit_info[l].text);
        let scope = scope_words(spec, &limit.scope);
        if !scope.is_empty() {
            text.push_str(&format!("（适用于{scope}）"));
        }
        all.push(Requirement {
            id: format!("limit:{}", limit.id.value),
            kind: RequirementKind::Limit,
            at: ItemRef::new(Kind::Limit, l),
            source: limit.source.clone(),
            text,
            roles: rel.owners.iter().map(|o| o.role).collect(),
            records,
            evidence: None,
            limits: vec![l],
        });
    }
}

fn check_items(spec: &Spec, all: &mut Vec<Requirement>) {
    for (c, list) in spec.checklists.iter().enumerate() {
        let owner = list.owner.iter().filter_map(|r| index(spec, Kind::Role, r));
        let owner: Vec<usize> = owner.collect();
        for (k, item) in list.items.iter().enumerate() {
            all.push(Requirement {
                id: format!("item:{}/{}", list.id.value, item.id.value),
                kind: RequirementKind::CheckItem,
                at: ItemRef::part(Kind::CheckItem, c, k),
                source: item.source.clone().or_else(|| list.source.clone()),
                text: joined(&[&list.title.value], &item.text.value),
                roles: owner.clone(),
                records: Vec::new(),
                evidence: item.evidence.as_ref().map(|e| e.value.clone()),
                limits: Vec::new(),
            });
        }
    }
}

fn retentions(spec: &Spec, all: &mut Vec<Requirement>) {
    for (r, record) in spec.records.iter().enumerate() {
        let Some(l) = record
            .retention
            .as_ref()
            .and_then(|x| index(spec, Kind::Limit, x))
        else {
            continue;
        };
        let limit = &spec.limits[l];
        let roles = match record
            .owner
            .as_ref()
            .and_then(|o| index(spec, Kind::Role, o))
        {
            Some(owner) => vec![owner],
            None => spec.relations.limits[l]
                .owners
                .iter()
                .map(|o| o.role)
                .collect(),
        };
        all.push(Requirement {
            id: format!("retention:{}", record.id.value),
            kind: RequirementKind::Retention,
            at: ItemRef::new(Kind::Record, r),
            source: limit.source.clone().or_else(|| record.source.clone()),
            text: format!(
                "{}保存期限：{}",
                record.title.value, spec.limit_info[l].text
            ),
            roles,
            records: vec![r],
            evidence: None,
            limits: vec![l],
        });
    }
}

/// `a / b：text`, or without `：` when there is no text.
fn joined(path: &[&str], text: &str) -> String {
    let path = path.join(" / ");
    if text.is_empty() {
        path
    } else {
        format!("{path}：{text}")
    }
}

/// The circumstances of a scope in words: `紧急投诉、重要客户`.
fn scope_words(spec: &Spec, scope: &Scope) -> String {
    let priority = scope.priority.as_ref().map(|p| {
        let class = spec.priorities.iter().flat_map(|s| &s.classes);
        let mut class = class.filter(|c| c.id.value == p.value);
        class
            .next()
            .map_or(p.value.clone(), |c| c.title.value.clone())
    });
    let departments = scope.other_departments.as_ref().map(|o| {
        if o.value {
            "涉及外部门"
        } else {
            "不涉及外部门"
        }
        .to_owned()
    });
    let words = [
        &scope.customer,
        &scope.channel,
        &scope.business,
        &scope.condition,
    ];
    let words = words.into_iter().flatten().map(|w| w.value.clone());
    let all: Vec<String> = priority
        .into_iter()
        .chain(words)
        .chain(departments)
        .collect();
    all.join("、")
}

fn index(spec: &Spec, kind: Kind, r: &Ref) -> Option<usize> {
    spec.index_of(kind, &r.value)
}

/// The items `refs` name that exist, once each.
fn indices(spec: &Spec, kind: Kind, refs: &[Ref]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in refs.iter().filter_map(|r| index(spec, kind, r)) {
        push_once(&mut out, i);
    }
    out
}

fn push_once(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}
