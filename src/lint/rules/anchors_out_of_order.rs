//! SLA016: calendar-anchored deadlines out of order along a flow: a later
//! step falls due on an earlier date than a step before it.

use std::collections::BTreeSet;

use super::cited;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::duration::{AnchorBound, AnchorOffset, AnchorPeriod, Duration};
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA016",
    name: "anchors-out-of-order",
    summary: "A later step's calendar date falls before the date of a step it follows.",
    doc: include_str!("../../../docs/rules/SLA016.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

/// The last day an anchor allows, in the period it counts in: (the
/// period, this or the next one, the day of the period; 32 for its end).
/// `次月5日前` is (month, next, 4), `每月28日` (month, this, 28). Anchors of
/// different periods are not compared: a day against a month depends on
/// the date.
fn last_day(d: &Duration) -> Option<(AnchorPeriod, AnchorOffset, u8)> {
    let Duration::Anchor {
        period,
        offset,
        day,
        bound,
    } = d
    else {
        return None;
    };
    let last = match (day, bound) {
        (None, _) => 32,
        (Some(day), AnchorBound::Before) => day.checked_sub(1)?,
        (Some(day), AnchorBound::On | AnchorBound::By) => *day,
    };
    Some((*period, *offset, last))
}

type Due = (AnchorPeriod, AnchorOffset, u8);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        let graph = &cx.spec.relations.flows[fi].graph;
        let back = graph.back_edges();
        // Each step's anchored limits, with their last day.
        let anchors: Vec<Vec<(usize, Due)>> = flow
            .steps
            .iter()
            .map(|s| {
                s.limits
                    .iter()
                    .filter_map(|r| cx.limit_index(&r.value))
                    .filter_map(|l| Some((l, last_day(cx.duration(l)?)?)))
                    .collect()
            })
            .collect();
        if anchors.iter().filter(|a| !a.is_empty()).count() < 2 {
            continue;
        }
        let mut reported = BTreeSet::new();
        for (a, earlier) in anchors.iter().enumerate() {
            for b in later_steps(graph, &back, a) {
                for &(la, da) in earlier {
                    for &(lb, db) in &anchors[b] {
                        let meet = cx.scope(la).meet(cx.scope(lb)).is_some();
                        let comparable = da.0 == db.0;
                        if comparable
                            && (db.1, db.2) < (da.1, da.2)
                            && meet
                            && reported.insert((la, lb))
                        {
                            let (sa, sb) = (&flow.steps[a], &flow.steps[b]);
                            out.push(
                                Finding::new(
                                    &RULE,
                                    ItemRef::step(fi, b),
                                    cx.place(lb),
                                    msg!(
                                        "SLA016.message",
                                        step = &sb.id.value,
                                        flow = &flow.id.value,
                                        due = cx.text(lb),
                                        first = &sa.id.value,
                                        first_due = cx.text(la),
                                    ),
                                )
                                .also(ItemRef::new(Kind::Limit, lb))
                                .also(ItemRef::new(Kind::Limit, la))
                                .label(msg!(
                                    "SLA016.label",
                                    text = cx.text(lb),
                                    cited = @msg cited(cx, lb)
                                ))
                                .related(
                                    cx.place(la),
                                    msg!(
                                        "SLA016.related",
                                        step = &sa.id.value,
                                        text = cx.text(la),
                                        cited = @msg cited(cx, la)
                                    ),
                                )
                                .help(msg!("SLA016.help")),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The steps that come after step `a` along forward edges (loops aside).
fn later_steps(graph: &crate::spec::graph::FlowGraph, back: &[Vec<bool>], a: usize) -> Vec<usize> {
    let mut seen = vec![false; graph.next.len()];
    let mut stack = vec![a];
    let mut found = Vec::new();
    while let Some(s) = stack.pop() {
        for (k, next) in graph.next[s].iter().enumerate() {
            if !back[s][k] && !std::mem::replace(&mut seen[next.step], true) {
                found.push(next.step);
                stack.push(next.step);
            }
        }
    }
    found.sort_unstable();
    found
}
