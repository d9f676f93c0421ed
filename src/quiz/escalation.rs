//! Escalation questions: whom an escalation notifies, and how long after
//! its step starts it fires. Escalations of one step with the same
//! condition count together: an option is right when it matches any of
//! them (whom: the same roles, by title; when: the same time).

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags};
use super::time_limit::{scope_words, variants};
use crate::spec::duration::Duration;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::ScopeKey;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    let mut out = Vec::new();
    for (f, flow) in cx.spec.flows.iter().enumerate() {
        for (s, step) in flow.steps.iter().enumerate() {
            for e in 0..step.escalations.len() {
                out.extend(notify(cx, f, s, e));
                out.extend(after(cx, f, s, e));
            }
        }
    }
    out
}

/// What notify and after share: the situation in words, citation, tags.
struct Situation {
    words: String,
    citation: Option<super::question::Citation>,
    tags: Tags,
}

fn situation(cx: &Ctx, f: usize, s: usize, e: usize) -> Situation {
    let spec = cx.spec;
    let flow = &spec.flows[f];
    let step = &flow.steps[s];
    let esc = &step.escalations[e];
    let cite = esc
        .source
        .as_ref()
        .or(step.source.as_ref())
        .or(flow.source.as_ref());
    let mut roles: Vec<String> = spec.relations.flows[f].step_owners[s]
        .iter()
        .map(|o| cx.role_id(o.role))
        .collect();
    roles.extend(notified(cx, f, s, e).into_iter().map(|r| cx.role_id(r)));
    roles.dedup();
    let scope = scope_words(cx, &ScopeKey::of(&esc.scope));
    let mut words = format!("「{}」的「{}」", flow.title.value, step.title.value);
    if let Some(when) = &esc.when {
        words.push_str(&format!("中，{}", when.value));
    }
    if !scope.is_empty() {
        words.push_str(&format!("（{scope}）"));
    }
    Situation {
        words,
        citation: cx.citation(cite),
        tags: Tags {
            roles,
            standard: standard_index(spec, cite).map(|i| spec.standards[i].id.value.clone()),
            flows: vec![flow.id.value.clone()],
        },
    }
}

fn notified(cx: &Ctx, f: usize, s: usize, e: usize) -> Vec<usize> {
    let esc = &cx.spec.flows[f].steps[s].escalations[e];
    esc.notify
        .iter()
        .filter_map(|r| cx.spec.index_of(Kind::Role, &r.value))
        .collect()
}

fn subject(cx: &Ctx, f: usize, s: usize) -> Subject {
    let flow = &cx.spec.flows[f];
    Subject {
        kind: "step".into(),
        id: flow.steps[s].id.value.clone(),
        parent: Some(flow.id.value.clone()),
    }
}

fn notify(cx: &Ctx, f: usize, s: usize, e: usize) -> Option<Draft> {
    let spec = cx.spec;
    let roles = notified(cx, f, s, e);
    if roles.is_empty() || roles.len() != spec.flows[f].steps[s].escalations[e].notify.len() {
        return None;
    }
    let sit = situation(cx, f, s, e);
    let in_flow = spec.relations.flows[f]
        .step_owners
        .iter()
        .flatten()
        .map(|o| Value::Roles(vec![o.role]));
    let standard = standard_index(spec, spec.flows[f].source.as_ref());
    let same_standard = cx
        .roles_of(standard)
        .iter()
        .take(24)
        .map(|&r| Value::Roles(vec![r]));
    let action = &spec.flows[f].steps[s].escalations[e].action.value;
    let key = Value::Roles(roles);
    Some(Draft {
        kind: QuestionKind::Escalation,
        tests: vec![
            "notify".into(),
            cx.flow_id(f),
            spec.flows[f].steps[s].id.value.clone(),
            e.to_string(),
        ],
        form: Form::Single,
        stem: format!(
            "{}{}需要升级时，应通知谁？",
            cx.per(&sit.citation),
            sit.words
        ),
        probe: Probe::Notify(f, s, e),
        explanation: format!(
            "{}：{}时通知{}，{}。",
            cx.cited(&sit.citation),
            sit.words,
            key.text(cx),
            action
        ),
        key,
        pool: vec![in_flow.collect(), same_standard.collect()],
        subject: subject(cx, f, s),
        citation: sit.citation,
        difficulty: Difficulty::Hard,
        tags: sit.tags,
        facts: Vec::new(),
    })
}

fn after(cx: &Ctx, f: usize, s: usize, e: usize) -> Option<Draft> {
    let spec = cx.spec;
    let duration = spec.escalation_after(f, s, e)?.clone();
    if matches!(duration, Duration::Vague { .. }) {
        return None;
    }
    let sit = situation(cx, f, s, e);
    let step = &spec.flows[f].steps[s];
    let others: Vec<Value> = (spec.escalation_after.get(f)?.iter())
        .flatten()
        .flatten()
        .filter(|d| **d != duration)
        .take(16)
        .map(|d| Value::Duration(d.clone()))
        .collect();
    let limits: Vec<Value> = (step.limits.iter())
        .filter_map(|l| spec.index_of(Kind::Limit, &l.value))
        .filter_map(|l| spec.limit_info[l].duration.clone())
        .map(Value::Duration)
        .collect();
    let mut facts = vec![ItemRef::step(f, s), ItemRef::new(Kind::Flow, f)];
    facts.extend(
        step.limits
            .iter()
            .filter_map(|l| spec.index_of(Kind::Limit, &l.value))
            .map(|l| ItemRef::new(Kind::Limit, l)),
    );
    Some(Draft {
        kind: QuestionKind::Escalation,
        tests: vec![
            "after".into(),
            cx.flow_id(f),
            step.id.value.clone(),
            e.to_string(),
        ],
        form: Form::Single,
        stem: format!(
            "{}{}，该步骤开始后多久应升级？",
            cx.per(&sit.citation),
            sit.words
        ),
        probe: Probe::After(f, s, e),
        explanation: format!(
            "{}：{}，开始后 {} 升级：{}。",
            cx.cited(&sit.citation),
            sit.words,
            duration,
            step.escalations[e].action.value
        ),
        pool: vec![
            others,
            limits,
            variants(&duration)
                .into_iter()
                .map(Value::Duration)
                .collect(),
        ],
        key: Value::Duration(duration),
        subject: subject(cx, f, s),
        citation: sit.citation,
        difficulty: Difficulty::Hard,
        tags: sit.tags,
        // Findings on the step's escalations, its limits or its flow's
        // total say that its times disagree.
        facts,
    })
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let (Probe::Notify(f, s, e), Value::Roles(set)) = (probe, value) else {
        return None;
    };
    let step = &cx.spec.flows[*f].steps[*s];
    let titles = |rs: &[usize]| {
        let mut t: Vec<&str> = rs
            .iter()
            .map(|&r| cx.spec.roles[r].title.value.as_str())
            .collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let mine = titles(set);
    let when = |k: usize| step.escalations[k].when.as_ref().map(|w| &w.value);
    let mut overlap = false;
    for k in (0..step.escalations.len()).filter(|&k| when(k) == when(*e)) {
        let right = titles(&notified(cx, *f, *s, k));
        if right == mine {
            return Some(true);
        }
        overlap |= mine.iter().any(|t| right.contains(t));
    }
    // Part of the right roles is neither right nor plainly wrong.
    if overlap { None } else { Some(false) }
}
