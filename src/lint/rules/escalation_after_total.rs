//! SLA013: an escalation fires only after the whole flow's limit has passed.

use std::cmp::Ordering;

use super::cited;
use super::escalation_too_late::after;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::paths::timed;
use crate::lint::{Finding, Rule};
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA013",
    name: "escalation-after-total",
    summary: "An escalation fires only after the flow's end-to-end limit has passed.",
    doc: include_str!("../../../docs/rules/SLA013.md"),
    check: Some(check),
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        let totals = timed(cx, &flow.limits);
        for (si, step) in flow.steps.iter().enumerate() {
            for (ei, esc) in step.escalations.iter().enumerate() {
                let Some(fires) = after(cx, fi, si, ei) else {
                    continue;
                };
                let scope = ScopeKey::of(&esc.scope);
                // Even if every step before it took no time at all.
                for &(total, _) in totals.iter().filter(|(_, s)| s.meet(&scope).is_some()) {
                    let Some(limit) = cx.operand(total) else {
                        continue;
                    };
                    let subjects = [ItemRef::step(fi, si), ItemRef::new(Kind::Limit, total)];
                    let what = format!(
                        "an escalation of `{}` against the flow's limit",
                        flow.id.value
                    );
                    if matches!(
                        cx.order(&fires, &limit, &subjects, &what),
                        Some(Ordering::Equal | Ordering::Greater)
                    ) {
                        out.push(
                            Finding::new(
                                &RULE,
                                subjects[0],
                                fires.place.clone(),
                                format!(
                                    "escalation of step `{}` fires after {}, when the whole of `{}` ({}) is already overdue",
                                    step.id.value,
                                    fires.text,
                                    flow.id.value,
                                    cx.text(total)
                                ),
                            )
                            .also(subjects[1])
                            .label("fires too late to save the flow")
                            .related(cx.place(total), format!("the flow's limit: {} by {}", cx.text(total), cited(cx, total)))
                            .help("an escalation must fire while the matter can still be done in time: make `after` shorter than the flow's limit"),
                        );
                    }
                }
            }
        }
    }
}
