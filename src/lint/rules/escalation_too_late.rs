//! SLA004: an escalation fires at or after the deadline it protects.

use std::cmp::Ordering;

use super::cited;
use crate::diag::Place;
use crate::lint::context::{Context, Operand, ScopeKey};
use crate::lint::paths::timed;
use crate::lint::{Finding, Rule};
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::timing::Time;

pub const RULE: Rule = Rule {
    code: "SLA004",
    name: "escalation-too-late",
    summary: "An escalation fires at or after the deadline it is meant to protect.",
    doc: include_str!("../../../docs/rules/SLA004.md"),
    check: Some(check),
};

/// An escalation's `after` as one side of a comparison.
pub fn after<'c>(cx: &'c Context, fi: usize, si: usize, ei: usize) -> Option<Operand<'c>> {
    let flow = &cx.spec.flows[fi];
    let written = flow.steps[si].escalations[ei].after.as_ref()?;
    let read = cx.spec.escalation_after(fi, si, ei)?;
    Some(Operand {
        time: Time::of(read.normalised()?),
        clock: cx.flow_clock(fi),
        text: crate::spec::resolve::duration_text(&written.value),
        place: Place::new(&flow.file, written.pos),
    })
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        for (si, step) in flow.steps.iter().enumerate() {
            for (ei, esc) in step.escalations.iter().enumerate() {
                let Some(fires) = after(cx, fi, si, ei) else {
                    continue;
                };
                let scope = ScopeKey::of(&esc.scope);
                // The limits of the step for a case the escalation covers.
                let protected = timed(cx, &step.limits)
                    .into_iter()
                    .filter(|(_, s)| s.meet(&scope).is_some());
                for (limit, _) in protected {
                    let Some(deadline) = cx.operand(limit) else {
                        continue;
                    };
                    let subjects = [ItemRef::step(fi, si), ItemRef::new(Kind::Limit, limit)];
                    let what = format!(
                        "an escalation of `{}` against its step's limit",
                        flow.id.value
                    );
                    if matches!(
                        cx.order(&fires, &deadline, &subjects, &what),
                        Some(Ordering::Equal | Ordering::Greater)
                    ) {
                        out.push(
                            Finding::new(
                                &RULE,
                                subjects[0],
                                fires.place.clone(),
                                format!(
                                    "escalation of step `{}` fires after {}, not before the step's limit of {}",
                                    step.id.value,
                                    fires.text,
                                    cx.text(limit)
                                ),
                            )
                            .also(subjects[1])
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
