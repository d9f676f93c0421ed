//! SLA004: an escalation fires at or after the deadline it protects.

use std::cmp::Ordering;

use super::cited;
use crate::diag::Place;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::{Finding, Rule};
use crate::spec::kind::ItemRef;

pub const RULE: Rule = Rule {
    code: "SLA004",
    name: "escalation-too-late",
    summary: "An escalation fires at or after the deadline it is meant to protect.",
    doc: include_str!("../../../docs/rules/SLA004.md"),
    check: Some(check),
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        for (si, step) in flow.steps.iter().enumerate() {
            for (ei, esc) in step.escalations.iter().enumerate() {
                let Some(after) = &esc.after else { continue };
                let read = cx.spec.escalation_after(fi, si, ei);
                let Some(fires) = read.and_then(|d| d.normalised()) else {
                    continue;
                };
                let scope = ScopeKey::of(&esc.scope);
                let at = Place::new(&flow.file, after.pos);
                for limit in step.limits.iter().filter_map(|r| cx.limit_index(&r.value)) {
                    let applies = cx.scope(limit).covers(&scope) || scope.covers(cx.scope(limit));
                    let Some(deadline) = cx.quantity(limit).filter(|_| applies) else {
                        continue;
                    };
                    let day = cx.day(limit).or_else(|| cx.flow_day(fi));
                    let what = format!(
                        "an escalation of `{}` against its step's limit",
                        flow.id.value
                    );
                    let places = (at.clone(), cx.place(limit));
                    let order = cx.compare_quantities(
                        fires,
                        deadline,
                        day,
                        places,
                        ItemRef::step(fi, si),
                        &what,
                    );
                    if matches!(order, Some(Ordering::Equal | Ordering::Greater)) {
                        out.push(
                            Finding::new(
                                &RULE,
                                ItemRef::step(fi, si),
                                at.clone(),
                                format!(
                                    "escalation of step `{}` fires after {}, not before the step's limit of {}",
                                    step.id.value,
                                    crate::spec::resolve::duration_text(&after.value),
                                    cx.text(limit)
                                ),
                            )
                            .label(format!("fires when {} is already due", cited(cx, limit)))
                            .related(cx.place(limit), format!("the limit it protects: {}", cx.text(limit)))
                            .help("an escalation must fire while there is still time to meet the limit: make `after` shorter than the limit"),
                        );
                    }
                }
            }
        }
    }
}
