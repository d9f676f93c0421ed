//! Authored questions: the spec's `questions` section, asked as written.
//! The resolver has checked them (two options at least, all different, the
//! answer among them, tags naming real roles and flows); the self-check
//! holds them to the same rule as generated ones.

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags, normalise};
use crate::spec::model::QuestionDifficulty;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    (0..cx.spec.questions.len()).map(|q| draft(cx, q)).collect()
}

fn draft(cx: &Ctx, i: usize) -> Draft {
    let spec = cx.spec;
    let q = &spec.questions[i];
    let answer = q.answer.value.clone();
    let others = (q.options.iter())
        .filter(|o| normalise(&o.value) != normalise(&answer))
        .map(|o| Value::Text(o.value.clone()))
        .collect();
    let citation = cx.citation(q.source.as_ref());
    let explanation = q.explanation.as_ref().map_or_else(
        || format!("{}：正确答案是「{answer}」。", cx.cited(&citation)),
        |e| e.value.clone(),
    );
    let known = |kind, ids: &[crate::spec::model::Ref]| -> Vec<String> {
        (ids.iter())
            .filter(|r| spec.index_of(kind, &r.value).is_some())
            .map(|r| r.value.clone())
            .collect()
    };
    use crate::spec::kind::Kind;
    Draft {
        kind: QuestionKind::Authored,
        tests: vec![q.id.value.clone()],
        form: Form::Single,
        stem: q.stem.value.clone(),
        probe: Probe::Authored {
            answer: answer.clone(),
        },
        key: Value::Text(answer),
        pool: vec![others],
        explanation,
        subject: Subject {
            kind: "question".into(),
            id: q.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty: match q.difficulty.as_ref().map(|d| d.value) {
            Some(QuestionDifficulty::Easy) => Difficulty::Easy,
            Some(QuestionDifficulty::Hard) => Difficulty::Hard,
            Some(QuestionDifficulty::Medium) | None => Difficulty::Medium,
        },
        tags: Tags {
            roles: known(Kind::Role, &q.tags.roles),
            standard: standard_index(spec, q.source.as_ref())
                .map(|s| spec.standards[s].id.value.clone()),
            flows: known(Kind::Flow, &q.tags.flows),
        },
        facts: Vec::new(),
    }
}
