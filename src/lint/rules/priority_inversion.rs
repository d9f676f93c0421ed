//! SLA002: a more urgent priority class is allowed longer than a less
//! urgent one, for the same metric.

use std::collections::{BTreeMap, BTreeSet};

use super::cited;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::scope::{applicable, cases};
use crate::lint::{Finding, Rule};
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA002",
    name: "priority-inversion",
    summary: "A more urgent priority class is allowed longer than a less urgent one.",
    doc: include_str!("../../../docs/rules/SLA002.md"),
    check: Some(check),
};

/// A limit of a priority class: its index, its class's rank and the rest of
/// its scope.
struct Classed {
    limit: usize,
    rank: usize,
    rest: ScopeKey,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut reported = BTreeSet::new();
    for (metric, limits) in cx.metrics() {
        // The limits of each scale, with the rest of their scope.
        let mut scales: BTreeMap<&str, Vec<Classed>> = BTreeMap::new();
        for &limit in limits {
            let Some((scale, rank)) = cx.scope(limit).priority.as_deref().and_then(|c| cx.rank(c))
            else {
                continue;
            };
            if cx.time(limit).is_some() {
                let rest = cx.scope(limit).without_priority();
                scales
                    .entry(scale)
                    .or_default()
                    .push(Classed { limit, rank, rest });
            }
        }
        for group in scales.values() {
            // In each case of the rest of the scope, each class's limit.
            for case in cases(group.iter().map(|c| &c.rest)) {
                let mut by_rank: BTreeMap<usize, Vec<(usize, &ScopeKey)>> = BTreeMap::new();
                for c in group {
                    by_rank.entry(c.rank).or_default().push((c.limit, &c.rest));
                }
                let chosen: Vec<usize> = (by_rank.into_values())
                    .filter_map(|limits| applicable(limits, &case))
                    .collect();
                for (k, &urgent) in chosen.iter().enumerate() {
                    for &lesser in &chosen[k + 1..] {
                        if reported.contains(&(urgent, lesser)) {
                            continue;
                        }
                        let what = format!("limits on `{metric}` of two priority classes");
                        if cx
                            .compare_limits(urgent, lesser, &what)
                            .is_some_and(|v| v.longer())
                        {
                            reported.insert((urgent, lesser));
                            out.push(finding(cx, metric, urgent, lesser));
                        }
                    }
                }
            }
        }
    }
}

fn finding(cx: &Context, metric: &str, urgent: usize, lesser: usize) -> Finding {
    let class = |i: usize| cx.scope(i).priority.clone().unwrap_or_default();
    Finding::new(
        &RULE,
        ItemRef::new(Kind::Limit, urgent),
        cx.place(urgent),
        format!(
            "priority inversion on `{metric}`: more urgent `{}` is allowed {}, less urgent `{}` only {}",
            class(urgent),
            cx.text(urgent),
            class(lesser),
            cx.text(lesser)
        ),
    )
    .also(ItemRef::new(Kind::Limit, lesser))
    .label(format!("{} by {}", cx.text(urgent), cited(cx, urgent)))
    .related(cx.place(lesser), format!("the less urgent class: {} by {}", cx.text(lesser), cited(cx, lesser)))
    .help("a more urgent class should get the shorter limit: check the order of the priority scale and both limits")
}
