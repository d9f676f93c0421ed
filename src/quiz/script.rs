//! Script questions: whether a phrase is standard or forbidden in a
//! situation (true/false), which of these phrases is forbidden, and what
//! to say instead of a forbidden one. A phrase is standard when the
//! script's staff say it and forbidden when the script forbids it; a
//! phrase that is both, or neither, is never asked about.

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags, normalise};
use crate::spec::model::Speaker;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    let mut out = Vec::new();
    for (i, script) in cx.spec.scripts.iter().enumerate() {
        for line in script
            .lines
            .iter()
            .filter(|l| l.speaker.value == Speaker::Staff)
        {
            out.push(says(cx, i, &line.text.value, true));
        }
        for (k, f) in script.forbidden.iter().enumerate() {
            out.push(says(cx, i, &f.text.value, false));
            out.extend(instead(cx, i, k));
        }
        out.extend(forbidden(cx, i));
    }
    out
}

fn staff_lines<'a>(cx: &Ctx<'a>, i: usize) -> impl Iterator<Item = &'a str> {
    (cx.spec.scripts[i].lines.iter())
        .filter(|l| l.speaker.value == Speaker::Staff)
        .map(|l| l.text.value.as_str())
}

/// A draft about script `i` with the common fields filled in.
fn draft(
    cx: &Ctx,
    i: usize,
    test: &str,
    text: &str,
    stem: String,
    probe: Probe,
    key: Value,
) -> Draft {
    let spec = cx.spec;
    let script = &spec.scripts[i];
    let citation = cx.citation(script.source.as_ref());
    let owner = script
        .owner
        .as_ref()
        .and_then(|o| spec.index_of(crate::spec::kind::Kind::Role, &o.value));
    Draft {
        kind: QuestionKind::Script,
        tests: vec![test.into(), script.id.value.clone(), normalise(text)],
        form: Form::Single,
        stem: format!("{}{stem}", cx.per(&citation)),
        probe,
        key,
        pool: Vec::new(),
        explanation: String::new(),
        subject: Subject {
            kind: "script".into(),
            id: script.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty: Difficulty::Easy,
        tags: Tags {
            roles: owner.into_iter().map(|r| cx.role_id(r)).collect(),
            standard: standard_index(spec, script.source.as_ref())
                .map(|s| spec.standards[s].id.value.clone()),
            flows: Vec::new(),
        },
        facts: Vec::new(),
    }
}

fn situation<'a>(cx: &Ctx<'a>, i: usize) -> &'a str {
    let script = &cx.spec.scripts[i];
    script
        .situation
        .as_ref()
        .map_or(script.title.value.as_str(), |s| s.value.as_str())
}

fn says(cx: &Ctx, i: usize, text: &str, right: bool) -> Draft {
    let script = &cx.spec.scripts[i];
    let stem = format!(
        "判断：在「{}」时，服务人员说「{text}」符合规范。",
        situation(cx, i)
    );
    let mut d = draft(
        cx,
        i,
        "says",
        text,
        stem,
        Probe::Says {
            script: i,
            text: text.to_owned(),
        },
        Value::Bool(right),
    );
    d.form = Form::TrueFalse;
    d.explanation = if right {
        format!("「{}」的规范用语包括「{text}」。", script.title.value)
    } else {
        let f = script.forbidden.iter().find(|f| f.text.value == text);
        let reason = f
            .and_then(|f| f.reason.as_ref())
            .map(|r| format!("（{}）", r.value))
            .unwrap_or_default();
        let instead = f
            .and_then(|f| f.instead.as_ref())
            .map(|r| format!("应改说「{}」。", r.value))
            .unwrap_or_default();
        format!(
            "「{}」禁止说「{text}」{reason}。{instead}",
            script.title.value
        )
    };
    d
}

fn forbidden(cx: &Ctx, i: usize) -> Option<Draft> {
    let script = &cx.spec.scripts[i];
    let f = script.forbidden.first()?;
    let lines: Vec<Value> = staff_lines(cx, i)
        .map(|t| Value::Text(t.to_owned()))
        .collect();
    let stem = format!("在「{}」时，以下哪一句是禁止说的？", situation(cx, i));
    let mut d = draft(
        cx,
        i,
        "forbidden",
        &f.text.value,
        stem,
        Probe::Forbidden(i),
        Value::Text(f.text.value.clone()),
    );
    d.pool = vec![lines];
    d.difficulty = Difficulty::Medium;
    d.explanation = format!(
        "「{}」禁止说「{}」；其余是规范用语。",
        script.title.value, f.text.value
    );
    Some(d)
}

fn instead(cx: &Ctx, i: usize, k: usize) -> Option<Draft> {
    let script = &cx.spec.scripts[i];
    let f = &script.forbidden[k];
    let better = f.instead.as_ref()?.value.clone();
    let pool: Vec<Value> = (cx.spec.scripts.iter())
        .flat_map(|s| s.forbidden.iter())
        .map(|o| Value::Text(o.text.value.clone()))
        .take(64)
        .collect();
    let stem = format!(
        "在「{}」时不能说「{}」，应当怎么说？",
        situation(cx, i),
        f.text.value
    );
    let mut d = draft(
        cx,
        i,
        "instead",
        &f.text.value,
        stem,
        Probe::Instead(i, k),
        Value::Text(better.clone()),
    );
    d.pool = vec![pool];
    d.difficulty = Difficulty::Medium;
    d.explanation = format!(
        "「{}」：不说「{}」，改说「{better}」。",
        script.title.value, f.text.value
    );
    Some(d)
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let said = |i: usize, t: &str| staff_lines(cx, i).any(|l| normalise(l) == normalise(t));
    let barred = |i: usize, t: &str| {
        cx.spec.scripts[i]
            .forbidden
            .iter()
            .any(|f| normalise(&f.text.value) == normalise(t))
    };
    match (probe, value) {
        (Probe::Says { script, text }, Value::Bool(b)) => {
            match (said(*script, text), barred(*script, text)) {
                (true, false) => Some(*b),
                (false, true) => Some(!*b),
                _ => None,
            }
        }
        (Probe::Forbidden(i), Value::Text(t)) => match (said(*i, t), barred(*i, t)) {
            (false, true) => Some(true),
            (true, false) => Some(false),
            _ => None,
        },
        (Probe::Instead(i, k), Value::Text(t)) => {
            let better = cx.spec.scripts[*i].forbidden[*k].instead.as_ref()?;
            if normalise(&better.value) == normalise(t) {
                Some(true)
            } else if cx.forbidden.contains(&normalise(t)) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}
