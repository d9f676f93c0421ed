//! Glossary questions: what a term means (one definition among others of
//! the same standard), and matching four terms of a standard to their
//! definitions. A definition is right for every term of that title.

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, Pair, QuestionKind, Subject, Tags, normalise};

/// Terms in a matching question.
const GROUP: usize = 4;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    let spec = cx.spec;
    let mut out: Vec<Draft> = (0..spec.terms.len()).map(|t| meaning(cx, t)).collect();
    let mut by_standard: std::collections::BTreeMap<Option<usize>, Vec<usize>> = Default::default();
    for (t, term) in spec.terms.iter().enumerate() {
        by_standard
            .entry(standard_index(spec, term.source.as_ref()))
            .or_default()
            .push(t);
    }
    for terms in by_standard.values() {
        out.extend(
            terms
                .chunks_exact(GROUP)
                .map(|group| matching(cx, group.to_vec())),
        );
    }
    out
}

fn draft(cx: &Ctx, t: usize, tests: Vec<String>, stem: String, probe: Probe, key: Value) -> Draft {
    let spec = cx.spec;
    let term = &spec.terms[t];
    let citation = cx.citation(term.source.as_ref());
    Draft {
        kind: QuestionKind::Glossary,
        tests,
        form: Form::Single,
        stem: format!("{}{stem}", cx.per(&citation)),
        probe,
        key,
        pool: Vec::new(),
        explanation: String::new(),
        subject: Subject {
            kind: "term".into(),
            id: term.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty: Difficulty::Easy,
        tags: Tags {
            roles: Vec::new(),
            standard: standard_index(spec, term.source.as_ref())
                .map(|s| spec.standards[s].id.value.clone()),
            flows: Vec::new(),
        },
        facts: Vec::new(),
    }
}

fn meaning(cx: &Ctx, t: usize) -> Draft {
    let spec = cx.spec;
    let term = &spec.terms[t];
    let standard = standard_index(spec, term.source.as_ref());
    let (near, far): (Vec<usize>, Vec<usize>) = (0..spec.terms.len())
        .filter(|&o| o != t)
        .take(256)
        .partition(|&o| standard_index(spec, spec.terms[o].source.as_ref()) == standard);
    let defs = |ts: Vec<usize>| {
        ts.into_iter()
            .map(|o| Value::Text(spec.terms[o].definition.value.clone()))
            .collect()
    };
    let stem = format!("「{}」是指？", term.title.value);
    let key = Value::Text(term.definition.value.clone());
    let mut d = draft(
        cx,
        t,
        vec!["meaning".into(), term.id.value.clone()],
        stem,
        Probe::Meaning(t),
        key,
    );
    d.pool = vec![defs(near), defs(far)];
    d.explanation = format!(
        "{}：「{}」指{}",
        cx.cited(&d.citation),
        term.title.value,
        term.definition.value
    );
    d
}

fn matching(cx: &Ctx, group: Vec<usize>) -> Draft {
    let spec = cx.spec;
    let mut tests = vec!["match".to_owned()];
    tests.extend(group.iter().map(|&t| spec.terms[t].id.value.clone()));
    let explanation = group
        .iter()
        .map(|&t| {
            format!(
                "「{}」：{}",
                spec.terms[t].title.value, spec.terms[t].definition.value
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let first = group[0];
    let mut d = draft(
        cx,
        first,
        tests,
        "将术语与其定义配对。".into(),
        Probe::Match(group),
        Value::Text(String::new()),
    );
    d.form = Form::Matching;
    d.difficulty = Difficulty::Medium;
    d.explanation = explanation;
    d.subject.kind = "term".into();
    d
}

/// The pairs of a matching question, in the order of its terms.
pub fn pairs(cx: &Ctx, terms: &[usize]) -> Vec<Pair> {
    (terms.iter())
        .map(|&t| Pair {
            prompt: cx.spec.terms[t].title.value.clone(),
            answer: cx.spec.terms[t].definition.value.clone(),
        })
        .collect()
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let (Probe::Meaning(t), Value::Text(d)) = (probe, value) else {
        return None;
    };
    let title = cx.spec.terms[*t].title.value.as_str();
    match cx.definitions.get(&normalise(d)) {
        Some(titles) if titles.contains(&title) => Some(true),
        Some(_) => Some(false),
        None => None,
    }
}
