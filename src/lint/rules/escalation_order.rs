//! SLA012: escalations out of order: a higher level of a step's chain fires
//! before a lower one, or escalations lead to each other in a loop.

use super::escalation_too_late::after;
use crate::diag::Place;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::Located;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::{Escalation, Flow};

pub const RULE: Rule = Rule {
    code: "SLA012",
    name: "escalation-order",
    summary: "A higher escalation level fires before a lower one, or escalations lead to each other.",
    doc: include_str!("../../../docs/rules/SLA012.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        for si in 0..flow.steps.len() {
            levels(cx, out, fi, si);
        }
        step_loops(out, fi, flow);
    }
    flow_loops(cx, out);
}

/// An escalation's level: as written, else one above the escalations whose
/// notified roles report to the roles it notifies (the role hierarchy).
fn level(cx: &Context, escs: &[&Escalation], e: usize) -> Option<u32> {
    if let Some(level) = &escs[e].level {
        return Some(level.value);
    }
    let above = |lower: &Escalation, higher: &Escalation| {
        !higher.notify.is_empty()
            && higher.notify.iter().all(|h| {
                lower
                    .notify
                    .iter()
                    .any(|l| ancestor(cx, &h.value, &l.value))
            })
    };
    let lower = escs.iter().filter(|o| above(o, escs[e])).count();
    (lower > 0 || escs.iter().any(|o| above(escs[e], o))).then_some(lower as u32 + 1)
}

/// Whether role `higher` is a parent, grandparent… of role `lower`.
fn ancestor(cx: &Context, higher: &str, lower: &str) -> bool {
    let roles = &cx.spec.roles;
    let mut at = cx.spec.index_of(Kind::Role, lower);
    for _ in 0..roles.len() {
        let Some(parent) = at.and_then(|i| roles[i].parent.as_ref()) else {
            return false;
        };
        if parent.value == higher {
            return true;
        }
        at = cx.spec.index_of(Kind::Role, &parent.value);
    }
    false
}

/// On one step, each higher level must fire later than each lower level
/// of an overlapping scope.
fn levels(cx: &Context, out: &mut Vec<Finding>, fi: usize, si: usize) {
    let step = &cx.spec.flows[fi].steps[si];
    let escs: Vec<&Escalation> = step.escalations.iter().map(|e| &e.value).collect();
    for (lo, low) in escs.iter().enumerate() {
        for (hi, high) in escs.iter().enumerate() {
            let (Some(l1), Some(l2)) = (level(cx, &escs, lo), level(cx, &escs, hi)) else {
                continue;
            };
            let meet = ScopeKey::of(&low.scope).meet(&ScopeKey::of(&high.scope));
            if l2 <= l1 || meet.is_none() {
                continue;
            }
            let (Some(a), Some(b)) = (after(cx, fi, si, hi), after(cx, fi, si, lo)) else {
                continue;
            };
            let what = || msg!("compared.levels", step = &step.id.value);
            if cx.order(&a, &b, &[ItemRef::step(fi, si)], what).shorter() {
                out.push(
                    Finding::new(
                        &RULE,
                        ItemRef::step(fi, si),
                        a.place.clone(),
                        msg!(
                            "SLA012.message",
                            high = l2,
                            step = &step.id.value,
                            after = &a.text,
                            low = l1,
                            low_after = &b.text,
                        ),
                    )
                    .label(msg!("SLA012.label", high = l2))
                    .related(b.place, msg!("SLA012.related", low = l1, after = &b.text))
                    .help(msg!("SLA012.help")),
                );
            }
        }
    }
}

/// Escalations that move between steps of one flow (`to:`) in a loop.
fn step_loops(out: &mut Vec<Finding>, fi: usize, flow: &Located<Flow>) {
    let target = |s: usize| -> Vec<(usize, Place)> {
        flow.steps[s]
            .escalations
            .iter()
            .filter_map(|e| {
                let to = e.to.as_ref()?;
                let t = flow.steps.iter().position(|x| x.id.value == to.value)?;
                Some((t, Place::new(&flow.file, to.pos)))
            })
            .collect()
    };
    let edges: Vec<Vec<(usize, Place)>> = (0..flow.steps.len()).map(target).collect();
    if let Some((members, place)) = first_cycle(&edges) {
        let names: Vec<&str> = members
            .iter()
            .map(|&s| flow.steps[s].id.value.as_str())
            .collect();
        out.push(
            Finding::new(
                &RULE,
                ItemRef::step(fi, members[0]),
                place,
                msg!(
                    "SLA012.loop",
                    flow = &flow.id.value,
                    cycle = format!("{} → {}", names.join(" → "), names[0]),
                ),
            )
            .label(msg!("SLA012.loop_label"))
            .help(msg!("SLA012.loop_help")),
        );
    }
}

/// Flows whose escalations start each other (`flow:`) in a loop.
fn flow_loops(cx: &Context, out: &mut Vec<Finding>) {
    let flows = &cx.spec.flows;
    let edges: Vec<Vec<(usize, Place)>> = flows
        .iter()
        .map(|f| {
            f.steps
                .iter()
                .flat_map(|s| &s.escalations)
                .filter_map(|e| {
                    let to = e.flow.as_ref()?;
                    Some((
                        cx.spec.index_of(Kind::Flow, &to.value)?,
                        Place::new(&f.file, to.pos),
                    ))
                })
                .collect()
        })
        .collect();
    if let Some((members, place)) = first_cycle(&edges) {
        let names: Vec<&str> = members
            .iter()
            .map(|&f| flows[f].id.value.as_str())
            .collect();
        out.push(
            Finding::new(
                &RULE,
                ItemRef::new(Kind::Flow, members[0]),
                place,
                msg!(
                    "SLA012.flow_loop",
                    cycle = format!("{} → {}", names.join(" → "), names[0]),
                ),
            )
            .label(msg!("SLA012.loop_label"))
            .help(msg!("SLA012.flow_loop_help")),
        );
    }
}

/// The first loop of at least two nodes (in node order), as its members
/// from the earliest, and the place of the edge that closes it.
fn first_cycle(edges: &[Vec<(usize, Place)>]) -> Option<(Vec<usize>, Place)> {
    let n = edges.len();
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the path, 2 done
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut k)) = path.last_mut() {
            let Some((next, place)) = edges[node].get(*k) else {
                state[node] = 2;
                path.pop();
                continue;
            };
            *k += 1;
            match state[*next] {
                0 => {
                    state[*next] = 1;
                    path.push((*next, 0));
                }
                1 if *next != node => {
                    let from = path.iter().position(|(m, _)| m == next).unwrap_or(0);
                    return Some((
                        path[from..].iter().map(|(m, _)| *m).collect(),
                        place.clone(),
                    ));
                }
                _ => {}
            }
        }
    }
    None
}
