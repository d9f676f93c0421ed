//! Owner questions: who performs a step (its declared owner), and which of
//! these is a role's duty. A role counts as its title reads: an option is
//! right when a role of that title performs the step, and a distractor
//! must be no role of that title, nor a role above or below the owner
//! (a department answers for its posts' steps).

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags, normalise};
use crate::spec::kind::Kind;
use crate::spec::relations::Via;

/// Candidate roles offered as distractors at most.
const CANDIDATES: usize = 24;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    let mut out = Vec::new();
    for (f, _) in cx.spec.flows.iter().enumerate() {
        for s in 0..cx.spec.flows[f].steps.len() {
            out.extend(step_owner(cx, f, s));
        }
    }
    for r in 0..cx.spec.roles.len() {
        for k in 0..cx.spec.roles[r].duties.len() {
            out.extend(duty(cx, r, k));
        }
    }
    out
}

fn step_owner(cx: &Ctx, f: usize, s: usize) -> Option<Draft> {
    let spec = cx.spec;
    let flow = &spec.flows[f];
    let step = &flow.steps[s];
    let relations = &spec.relations.flows[f];
    let owner = relations.step_owners[s].filter(|o| o.via == Via::Declared)?;
    let in_flow: Vec<Value> = (relations.step_owners.iter().flatten())
        .map(|o| Value::Role(o.role))
        .collect();
    let standard = standard_index(spec, step.source.as_ref().or(flow.source.as_ref()));
    let citation = cx.citation(step.source.as_ref().or(flow.source.as_ref()));
    Some(Draft {
        kind: QuestionKind::Owner,
        tests: vec![
            "step-owner".into(),
            flow.id.value.clone(),
            step.id.value.clone(),
        ],
        form: Form::Single,
        stem: format!(
            "{}在「{}」中，「{}」这一步由谁负责？",
            cx.per(&citation),
            flow.title.value,
            step.title.value
        ),
        probe: Probe::StepOwner(f, s),
        key: Value::Role(owner.role),
        pool: vec![in_flow, same_standard(cx, standard)],
        explanation: format!(
            "{}：「{}」的「{}」由{}负责{}。",
            cx.cited(&citation),
            flow.title.value,
            step.title.value,
            spec.roles[owner.role].title.value,
            step.action
                .as_ref()
                .map(|a| format!("，{}", a.value))
                .unwrap_or_default()
        ),
        subject: Subject {
            kind: "step".into(),
            id: step.id.value.clone(),
            parent: Some(flow.id.value.clone()),
        },
        citation,
        difficulty: Difficulty::Medium,
        tags: Tags {
            roles: vec![cx.role_id(owner.role)],
            standard: standard.map(|i| spec.standards[i].id.value.clone()),
            flows: vec![flow.id.value.clone()],
        },
        // The lints question times, not who does what.
        facts: Vec::new(),
    })
}

/// Roles citing standard `standard`, a bounded number.
fn same_standard(cx: &Ctx, standard: Option<usize>) -> Vec<Value> {
    cx.roles_of(standard)
        .iter()
        .take(CANDIDATES)
        .map(|&r| Value::Role(r))
        .collect()
}

fn duty(cx: &Ctx, r: usize, k: usize) -> Option<Draft> {
    let spec = cx.spec;
    let role = &spec.roles[r];
    let label = cx.role_label(r)?;
    let text = role.duties[k].value.clone();
    let standard = cx.role_standard[r];
    let others: Vec<Value> = (cx.roles_of(standard).iter())
        .filter(|&&o| o != r)
        .flat_map(|&o| {
            spec.roles[o]
                .duties
                .iter()
                .map(|d| Value::Text(d.value.clone()))
        })
        .take(CANDIDATES)
        .collect();
    let citation = cx.citation(role.source.as_ref());
    Some(Draft {
        kind: QuestionKind::Owner,
        tests: vec!["duty".into(), role.id.value.clone(), normalise(&text)],
        form: Form::Single,
        stem: format!("{}以下哪一项是「{label}」的职责？", cx.per(&citation)),
        probe: Probe::Duty(r),
        key: Value::Text(text.clone()),
        pool: vec![others],
        explanation: format!(
            "{}列出「{label}」的职责，其中包括：{text}。",
            cx.cited(&citation)
        ),
        subject: Subject {
            kind: "role".into(),
            id: role.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty: Difficulty::Easy,
        tags: Tags {
            roles: vec![role.id.value.clone()],
            standard: standard.map(|i| spec.standards[i].id.value.clone()),
            flows: Vec::new(),
        },
        facts: Vec::new(),
    })
}

/// Whether `a` is `b`, or above or below it in the `parent` chain.
fn related(cx: &Ctx, a: usize, b: usize) -> bool {
    above(cx, a, b) || above(cx, b, a)
}

/// Whether `top` is `r` or one of its parents (bounded: a cycle ends it).
fn above(cx: &Ctx, top: usize, mut r: usize) -> bool {
    for _ in 0..=cx.spec.roles.len().min(64) {
        if r == top {
            return true;
        }
        match cx.spec.roles[r]
            .parent
            .as_ref()
            .and_then(|p| cx.spec.index_of(Kind::Role, &p.value))
        {
            Some(p) => r = p,
            None => return false,
        }
    }
    false
}

/// The roles above `r` and below it (a bounded number).
fn family(cx: &Ctx, r: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut up = r;
    while let Some(p) = (cx.spec.roles[up].parent.as_ref())
        .and_then(|p| cx.spec.index_of(Kind::Role, &p.value))
        .filter(|p| !out.contains(p) && *p != r && out.len() < 64)
    {
        out.push(p);
        up = p;
    }
    let mut stack = cx.spec.relations.roles[r].children.clone();
    while let Some(c) = stack.pop() {
        if c != r && !out.contains(&c) && out.len() < 256 {
            out.push(c);
            stack.extend(&cx.spec.relations.roles[c].children);
        }
    }
    out
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let spec = cx.spec;
    match (probe, value) {
        (Probe::StepOwner(f, s), Value::Role(r)) => {
            let owner = spec.relations.flows[*f].step_owners[*s]?.role;
            let titled = &cx.roles_by_title[spec.roles[*r].title.value.as_str()];
            if titled.contains(&owner) {
                Some(true)
            } else if titled.iter().any(|&t| related(cx, t, owner)) {
                None
            } else {
                Some(false)
            }
        }
        (Probe::Duty(r), Value::Text(text)) => {
            let has = |o: usize| {
                spec.roles[o]
                    .duties
                    .iter()
                    .any(|d| normalise(&d.value) == normalise(text))
            };
            if has(*r) {
                Some(true)
            } else if family(cx, *r).into_iter().any(has) {
                None
            } else {
                Some(false)
            }
        }
        _ => None,
    }
}
