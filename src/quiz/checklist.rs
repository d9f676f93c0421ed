//! Checklist questions: "which of these is NOT on this checklist". The
//! options are three items of the checklist and one item of another
//! checklist (of the same standard first) that this one does not hold.

use super::bank::{Ctx, standard_index};
use super::dice::Dice;
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags, normalise};
use crate::spec::kind::Kind;

/// Items of the checklist shown in one question.
const SHOWN: usize = 3;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    let mut out = Vec::new();
    for c in 0..cx.spec.checklists.len() {
        let n = cx.spec.checklists[c].items.len();
        for start in (0..n).step_by(SHOWN).filter(|s| s + SHOWN <= n) {
            out.extend(draft(cx, c, start));
        }
    }
    out
}

fn draft(cx: &Ctx, c: usize, start: usize) -> Option<Draft> {
    let spec = cx.spec;
    let list = &spec.checklists[c];
    let standard = standard_index(spec, list.source.as_ref());
    let tests = vec![
        "not-on".into(),
        list.id.value.clone(),
        list.items[start].id.value.clone(),
    ];
    let probe = Probe::NotOn(c);
    // The outsider: an item of another checklist, the same standard's first.
    let mut others: Vec<(bool, &str)> = (spec.checklists.iter().enumerate())
        .filter(|(o, _)| *o != c)
        .flat_map(|(_, other)| {
            let near =
                standard.is_some() && standard_index(spec, other.source.as_ref()) == standard;
            other
                .items
                .iter()
                .map(move |i| (!near, i.text.value.as_str()))
        })
        .take(256)
        .collect();
    let mut dice = Dice::new(0, &tests.join("/"));
    dice.shuffle(&mut others);
    others.sort_by_key(|(far, _)| *far);
    let outsider = (others.iter())
        .map(|(_, t)| Value::Text((*t).to_owned()))
        .find(|v| judge(cx, &probe, v) == Some(true))?;
    let shown = list.items[start..start + SHOWN]
        .iter()
        .map(|i| Value::Text(i.text.value.clone()))
        .collect();
    let citation = cx.citation(list.source.as_ref());
    let mut roles: Vec<String> = Vec::new();
    let checkers = list.items.iter().filter_map(|i| i.checker.as_ref());
    for r in list
        .owner
        .iter()
        .chain(checkers)
        .filter_map(|r| spec.index_of(Kind::Role, &r.value))
    {
        let id = cx.role_id(r);
        if !roles.contains(&id) {
            roles.push(id);
        }
    }
    let flows = list
        .flow
        .iter()
        .filter(|f| spec.flow(&f.value).is_some())
        .map(|f| f.value.clone())
        .collect();
    Some(Draft {
        kind: QuestionKind::Checklist,
        tests,
        form: Form::Single,
        stem: format!(
            "{}以下哪一项不在「{}」检查单上？",
            cx.per(&citation),
            list.title.value
        ),
        explanation: format!(
            "「{}」检查单的检查项是：{}。",
            list.title.value,
            list.items
                .iter()
                .map(|i| i.text.value.as_str())
                .collect::<Vec<_>>()
                .join("；")
        ),
        probe,
        key: outsider,
        pool: vec![shown],
        subject: Subject {
            kind: "checklist".into(),
            id: list.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty: Difficulty::Medium,
        tags: Tags {
            roles,
            standard: standard.map(|s| spec.standards[s].id.value.clone()),
            flows,
        },
        facts: Vec::new(),
    })
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let (Probe::NotOn(c), Value::Text(t)) = (probe, value) else {
        return None;
    };
    let t = normalise(t);
    if cx.spec.checklists[*c]
        .items
        .iter()
        .any(|i| normalise(&i.text.value) == t)
    {
        Some(false)
    } else if cx.check_items.contains(&t) {
        Some(true)
    } else {
        None
    }
}
