//! SLA003: along some path through a flow, the step limits add up to more
//! than the flow's end-to-end limit for that scope.

use std::cmp::Ordering;

use super::{applicable, cited};
use crate::diag::Place;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::spec::calendar::{Span, describe};
use crate::spec::graph::FlowGraph;
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA003",
    name: "steps-exceed-total",
    summary: "Along some path through a flow, step limits add up to more than the flow's limit.",
    doc: include_str!("../../../docs/rules/SLA003.md"),
    check: Some(check),
};

/// Paths explored per flow limit at most; real flows have a handful.
const MAX_PATHS: usize = 10_000;

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        if flow.steps.is_empty() {
            continue;
        }
        let graph = &cx.spec.relations.flows[fi].graph;
        for total_ref in &flow.limits {
            let Some(total) = cx.limit_index(&total_ref.value) else {
                continue;
            };
            let Some(total_q) = cx.quantity(total) else {
                continue;
            };
            let scope = cx.scope(total);
            let day = cx.day(total).or_else(|| cx.flow_day(fi));
            let at = Place::new(&flow.file, total_ref.pos);
            let what = format!("the steps of `{}` against its limit", flow.id.value);
            // Each step's limit for this scope, as a span (None: no limit).
            let mut spans = Vec::with_capacity(flow.steps.len());
            for step in &flow.steps {
                let span = match applicable(cx, &step.limits, scope) {
                    Some(l) => {
                        let q = cx.quantity(l).expect("applicable limits have a span");
                        match cx.span(
                            q,
                            day,
                            (cx.place(l), at.clone()),
                            ItemRef::new(Kind::Flow, fi),
                            &what,
                        ) {
                            Some(span) => Some((l, span)),
                            None => break,
                        }
                    }
                    None => None,
                };
                spans.push(span);
            }
            if spans.len() < flow.steps.len() {
                continue; // a step needed a calendar: SLA006 says so
            }
            let Some(total_span) = cx.span(
                total_q,
                day,
                (at.clone(), cx.place(total)),
                ItemRef::new(Kind::Flow, fi),
                &what,
            ) else {
                continue;
            };
            let Some((sum, path)) = longest_path(graph, &spans) else {
                continue;
            };
            if cx.compare_spans(
                sum,
                total_span,
                (at.clone(), cx.place(total)),
                ItemRef::new(Kind::Flow, fi),
                &what,
            ) != Some(Ordering::Greater)
            {
                continue;
            }
            let names: Vec<&str> = path
                .iter()
                .map(|&j| flow.steps[j].title.value.as_str())
                .collect();
            let mut finding = Finding::new(
                &RULE,
                ItemRef::new(Kind::Flow, fi),
                at.clone(),
                format!(
                    "the steps of `{}` add up to {} along {}, more than its limit of {} ({})",
                    flow.id.value,
                    describe(sum, day),
                    names.join(" → "),
                    cx.text(total),
                    scope.describe()
                ),
            )
            .label(format!("{} by {}", cx.text(total), cited(cx, total)));
            for &j in &path {
                if let Some((l, _)) = spans[j] {
                    finding = finding.related(
                        cx.place(l),
                        format!("step `{}`: {}", flow.steps[j].id.value, cx.text(l)),
                    );
                }
            }
            if let Some(d) = day {
                finding = finding.help(format!(
                    "shorten a step's limit or lengthen the flow's; the sum counts a working day as {} hours",
                    d.hours
                ));
            } else {
                finding = finding.help("shorten a step's limit or lengthen the flow's");
            }
            out.push(finding);
        }
    }
}

/// The path from the first step to an end whose step limits add up to the
/// most (loops taken at most once), and that sum.
fn longest_path(graph: &FlowGraph, spans: &[Option<(usize, Span)>]) -> Option<(Span, Vec<usize>)> {
    let mut best: Option<(Span, Vec<usize>)> = None;
    let mut explored = 0;
    let mut stack: Vec<(Vec<usize>, Span)> = vec![(vec![0], step_span(spans, 0))];
    while let Some((path, sum)) = stack.pop() {
        let last = *path.last().expect("paths are never empty");
        if graph.exit[last] && best.as_ref().is_none_or(|(b, _)| sum.hi > b.hi) {
            best = Some((sum, path.clone()));
        }
        explored += 1;
        if explored >= MAX_PATHS {
            break;
        }
        for next in graph.successors(last) {
            if !path.contains(&next) {
                let mut longer = path.clone();
                longer.push(next);
                stack.push((longer, sum + step_span(spans, next)));
            }
        }
    }
    best
}

fn step_span(spans: &[Option<(usize, Span)>], step: usize) -> Span {
    spans[step].map_or(Span::zero(), |(_, s)| s)
}
