//! SLA002: a more urgent priority class is allowed longer than a less
//! urgent one, for the same metric.

use std::collections::{BTreeMap, BTreeSet};

use super::cited;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::{applicable_all, cases};

pub const RULE: Rule = Rule {
    code: "SLA002",
    name: "priority-inversion",
    summary: "A more urgent priority class is allowed longer than a less urgent one.",
    doc: include_str!("../../../docs/rules/SLA002.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut reported = BTreeSet::new();
    for (metric, limits) in cx.metrics() {
        let timed: Vec<usize> = limits
            .iter()
            .copied()
            .filter(|&l| cx.time(l).is_some())
            .collect();
        // A limit for every class of a scale (no priority) applies to each.
        let general: Vec<usize> = timed
            .iter()
            .copied()
            .filter(|&l| cx.scope(l).priority.is_none())
            .collect();
        let mut scales: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for &limit in &timed {
            if let Some((scale, rank)) =
                cx.scope(limit).priority.as_deref().and_then(|c| cx.rank(c))
            {
                scales.entry(scale).or_default().push((limit, rank));
            }
        }
        for (scale, classed) in scales {
            let Some(classes) = cx
                .spec
                .index_of(Kind::PriorityScale, scale)
                .map(|i| &cx.spec.priorities[i])
            else {
                continue;
            };
            let rest = |l: usize| cx.scope(l).without_priority();
            let scopes: Vec<ScopeKey> = classed
                .iter()
                .map(|&(l, _)| rest(l))
                .chain(general.iter().map(|&l| rest(l)))
                .collect();
            for case in cases(&scopes) {
                // Each class's limits in this case: its own, else the general ones.
                let per_class: Vec<(usize, Vec<usize>)> = (0..classes.classes.len())
                    .map(|rank| {
                        let own = classed.iter().filter(|&&(_, r)| r == rank).map(|&(l, _)| l);
                        let candidates: Vec<(usize, ScopeKey)> = own
                            .chain(general.iter().copied())
                            .map(|l| (l, rest(l)))
                            .collect();
                        (
                            rank,
                            applicable_all(candidates.iter().map(|(l, s)| (*l, s)), &case),
                        )
                    })
                    .collect();
                for (k, (urgent_rank, urgent)) in per_class.iter().enumerate() {
                    for (lesser_rank, lesser) in &per_class[k + 1..] {
                        for &u in urgent {
                            for &l in lesser.iter().filter(|&&l| l != u) {
                                if reported.contains(&(u, l)) {
                                    continue;
                                }
                                let what = || msg!("compared.priority_classes", metric = metric);
                                if cx.compare_limits(u, l, what).is_some_and(|v| v.longer()) {
                                    reported.insert((u, l));
                                    let names = (
                                        &classes.classes[*urgent_rank].id.value,
                                        &classes.classes[*lesser_rank].id.value,
                                    );
                                    out.push(finding(cx, metric, (u, names.0), (l, names.1)));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn finding(
    cx: &Context,
    metric: &str,
    (urgent, class_u): (usize, &str),
    (lesser, class_l): (usize, &str),
) -> Finding {
    Finding::new(
        &RULE,
        ItemRef::new(Kind::Limit, urgent),
        cx.place(urgent),
        msg!(
            "SLA002.message",
            metric = metric,
            urgent = class_u,
            urgent_text = cx.text(urgent),
            lesser = class_l,
            lesser_text = cx.text(lesser),
        ),
    )
    .also(ItemRef::new(Kind::Limit, lesser))
    .label(msg!(
        "SLA002.label",
        text = cx.text(urgent),
        cited = @msg cited(cx, urgent)
    ))
    .related(
        cx.place(lesser),
        msg!(
            "SLA002.related",
            text = cx.text(lesser),
            cited = @msg cited(cx, lesser)
        ),
    )
    .help(msg!("SLA002.help"))
}
