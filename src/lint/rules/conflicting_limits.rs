//! SLA001: two limits time the same metric for the same scope with
//! different durations.

use super::cited;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::duration::Duration;
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA001",
    name: "conflicting-limits",
    summary: "Two limits time the same metric for the same scope with different durations.",
    doc: include_str!("../../../docs/rules/SLA001.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (metric, scope, group) in cx.requirements() {
        // Each limit is held against the first one of its shape; every
        // different one is a finding of its own.
        let timed: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| cx.time(i).is_some())
            .collect();
        if let Some((&first, rest)) = timed.split_first() {
            for &other in rest {
                if cx
                    .compare_limits(other, first, || msg!("compared.limits", metric = metric))
                    .is_some_and(|v| v.differs())
                {
                    out.push(finding(cx, metric, scope, first, other));
                }
            }
        }
        let recurring: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| {
                matches!(
                    cx.duration(i),
                    Some(Duration::Frequency { .. } | Duration::Anchor { .. })
                )
            })
            .collect();
        if let Some((&first, rest)) = recurring.split_first() {
            for &other in rest {
                if !same_schedule(cx.duration(first), cx.duration(other)) {
                    out.push(finding(cx, metric, scope, first, other));
                }
            }
        }
    }
}

/// Two recurring limits agree when they recur equally often (whether one
/// says 至少 does not change the schedule) or fall on the same date.
fn same_schedule(a: Option<&Duration>, b: Option<&Duration>) -> bool {
    match (a, b) {
        (
            Some(Duration::Frequency {
                count: c1, per: p1, ..
            }),
            Some(Duration::Frequency {
                count: c2, per: p2, ..
            }),
        ) => c1 == c2 && p1 == p2,
        (a, b) => a == b,
    }
}

fn finding(cx: &Context, metric: &str, scope: &ScopeKey, first: usize, other: usize) -> Finding {
    Finding::new(
        &RULE,
        ItemRef::new(Kind::Limit, other),
        cx.place(other),
        msg!(
            "SLA001.message",
            metric = metric,
            scope = @msg super::scope(scope),
            here = cx.text(other),
            other = cx.text(first),
            cited = @msg cited(cx, first),
        ),
    )
    .also(ItemRef::new(Kind::Limit, first))
    .label(msg!(
        "SLA001.label",
        text = cx.text(other),
        cited = @msg cited(cx, other)
    ))
    .related(
        cx.place(first),
        msg!("SLA001.related", text = cx.text(first)),
    )
    .help(msg!("SLA001.help"))
}
