//! SLA002: a more urgent priority class is allowed longer than a less
//! urgent one, for the same metric.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::cited;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::{Finding, Rule};
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA002",
    name: "priority-inversion",
    summary: "A more urgent priority class is allowed longer than a less urgent one.",
    doc: include_str!("../../../docs/rules/SLA002.md"),
    check: Some(check),
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (metric, limits) in cx.metrics() {
        // Limits that differ only in their priority class, by scale.
        let mut groups: BTreeMap<(ScopeKey, &str), Vec<(usize, usize)>> = BTreeMap::new();
        for &i in limits {
            let Some(class) = &cx.scope(i).priority else {
                continue;
            };
            let Some((scale, rank)) = cx.rank(class) else {
                continue;
            };
            if cx.quantity(i).is_some() {
                groups
                    .entry((cx.scope(i).without_priority(), scale))
                    .or_default()
                    .push((i, rank));
            }
        }
        for group in groups.values() {
            for &(urgent, r1) in group {
                for &(lesser, r2) in group {
                    if r1 >= r2 {
                        continue;
                    }
                    let what = format!("limits on `{metric}` of two priority classes");
                    if cx.compare(lesser, urgent, ItemRef::new(Kind::Limit, urgent), &what)
                        == Some(Ordering::Less)
                    {
                        out.push(finding(cx, metric, urgent, lesser));
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
    .label(format!("{} by {}", cx.text(urgent), cited(cx, urgent)))
    .related(cx.place(lesser), format!("the less urgent class: {} by {}", cx.text(lesser), cited(cx, lesser)))
    .help("a more urgent class should get the shorter limit: check the order of the priority scale and both limits")
}
