//! Sequence questions: what comes after a step (one that has a single way
//! on), and which order of four steps in a row is right. An order is right
//! when each step is followed by the next in the flow's graph.

use super::bank::{Ctx, standard_index};
use super::probe::{Probe, Value};
use super::question::{Difficulty, Draft, Form, QuestionKind, Subject, Tags};

/// Steps in an ordering question.
const RUN: usize = 4;

pub fn drafts(cx: &Ctx) -> Vec<Draft> {
    let mut out = Vec::new();
    for f in 0..cx.spec.flows.len() {
        for s in 0..cx.spec.flows[f].steps.len() {
            out.extend(next(cx, f, s));
        }
        out.extend(runs(cx, f).into_iter().filter_map(|run| order(cx, f, run)));
    }
    out
}

fn base(cx: &Ctx, f: usize, steps: &[usize]) -> (Option<super::question::Citation>, Tags) {
    let spec = cx.spec;
    let flow = &spec.flows[f];
    let citation = cx.citation(flow.source.as_ref());
    let owners = &spec.relations.flows[f].step_owners;
    let mut roles: Vec<String> = Vec::new();
    for o in steps.iter().filter_map(|&s| owners[s]) {
        let id = cx.role_id(o.role);
        if !roles.contains(&id) {
            roles.push(id);
        }
    }
    let tags = Tags {
        roles,
        standard: standard_index(spec, flow.source.as_ref())
            .map(|i| spec.standards[i].id.value.clone()),
        flows: vec![flow.id.value.clone()],
    };
    (citation, tags)
}

fn next(cx: &Ctx, f: usize, s: usize) -> Option<Draft> {
    let flow = &cx.spec.flows[f];
    let graph = &cx.spec.relations.flows[f].graph;
    let [after] = graph.next[s].as_slice() else {
        return None;
    };
    let step = &flow.steps[s];
    let others = (0..flow.steps.len())
        .filter(|&o| o != s && o != after.step)
        .map(|o| Value::Step(f, o))
        .collect();
    let (citation, tags) = base(cx, f, &[s, after.step]);
    Some(Draft {
        kind: QuestionKind::Sequence,
        tests: vec!["next".into(), flow.id.value.clone(), step.id.value.clone()],
        form: Form::Single,
        stem: format!(
            "{}在「{}」中，「{}」之后的下一步是？",
            cx.per(&citation),
            flow.title.value,
            step.title.value
        ),
        probe: Probe::Next(f, s),
        key: Value::Step(f, after.step),
        pool: vec![others],
        explanation: format!(
            "「{}」中，「{}」完成后进入「{}」。",
            flow.title.value, step.title.value, flow.steps[after.step].title.value
        ),
        subject: Subject {
            kind: "step".into(),
            id: step.id.value.clone(),
            parent: Some(flow.id.value.clone()),
        },
        citation,
        difficulty: Difficulty::Medium,
        tags,
        facts: Vec::new(),
    })
}

/// Runs of [`RUN`] steps where each has one way on, in reading order,
/// overlapping by one step at most; titles unique in the flow.
fn runs(cx: &Ctx, f: usize) -> Vec<Vec<usize>> {
    let flow = &cx.spec.flows[f];
    let relations = &cx.spec.relations.flows[f];
    let unique = |s: usize| {
        flow.steps
            .iter()
            .filter(|o| o.title.value == flow.steps[s].title.value)
            .count()
            == 1
    };
    let mut used = vec![false; flow.steps.len()];
    let mut out = Vec::new();
    for &start in &relations.order {
        if used[start] {
            continue;
        }
        let mut run = vec![start];
        while run.len() < RUN {
            let last = run[run.len() - 1];
            match relations.graph.next[last].as_slice() {
                [one] if !run.contains(&one.step) && unique(one.step) => run.push(one.step),
                _ => break,
            }
        }
        if run.len() == RUN && unique(start) {
            for &s in &run[..RUN - 1] {
                used[s] = true;
            }
            out.push(run);
        }
    }
    out
}

fn order(cx: &Ctx, f: usize, run: Vec<usize>) -> Option<Draft> {
    let flow = &cx.spec.flows[f];
    let mut shuffles = Vec::new();
    permutations(&run, &mut Vec::new(), &mut shuffles);
    let pool = shuffles
        .into_iter()
        .filter(|p| *p != run)
        .map(|p| Value::Path(f, p))
        .collect();
    let (citation, tags) = base(cx, f, &run);
    let titles: Vec<&str> = run
        .iter()
        .map(|&s| flow.steps[s].title.value.as_str())
        .collect();
    Some(Draft {
        kind: QuestionKind::Sequence,
        tests: vec![
            "order".into(),
            flow.id.value.clone(),
            flow.steps[run[0]].id.value.clone(),
        ],
        form: Form::Single,
        stem: format!(
            "{}在「{}」中，以下四个步骤的正确先后顺序是？",
            cx.per(&citation),
            flow.title.value
        ),
        probe: Probe::Order(f),
        key: Value::Path(f, run),
        pool: vec![pool],
        explanation: format!(
            "「{}」中这几步依次是：{}。",
            flow.title.value,
            titles.join(" → ")
        ),
        subject: Subject {
            kind: "flow".into(),
            id: flow.id.value.clone(),
            parent: None,
        },
        citation,
        difficulty: Difficulty::Hard,
        tags,
        facts: Vec::new(),
    })
}

fn permutations(rest: &[usize], prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if rest.is_empty() {
        out.push(prefix.clone());
        return;
    }
    for i in 0..rest.len() {
        let mut others = rest.to_vec();
        let x = others.remove(i);
        prefix.push(x);
        permutations(&others, prefix, out);
        prefix.pop();
    }
}

pub fn judge(cx: &Ctx, probe: &Probe, value: &Value) -> Option<bool> {
    let follows = |f: usize, a: usize, b: usize| {
        cx.spec.relations.flows[f]
            .graph
            .successors(a)
            .any(|x| x == b)
    };
    match (probe, value) {
        (Probe::Next(f, s), Value::Step(g, x)) if f == g => {
            let flow = &cx.spec.flows[*f];
            let title = &flow.steps[*x].title.value;
            let same: Vec<bool> = (0..flow.steps.len())
                .filter(|&o| &flow.steps[o].title.value == title)
                .map(|o| follows(*f, *s, o))
                .collect();
            if same.iter().all(|b| *b) {
                Some(true)
            } else if same.iter().any(|b| *b) {
                None
            } else {
                Some(false)
            }
        }
        (Probe::Order(f), Value::Path(g, path)) if f == g => {
            Some(path.windows(2).all(|w| follows(*f, w[0], w[1])))
        }
        _ => None,
    }
}
