//! SLA013: an escalation fires only after the whole flow's limit has passed.

use super::cited;
use super::escalation_too_late::fires_late;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA013",
    name: "escalation-after-total",
    summary: "An escalation fires only after the flow's end-to-end limit has passed.",
    doc: include_str!("../../../docs/rules/SLA013.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

/// Measured from its step's start, so even if every step before it took no
/// time at all, the escalation comes when the flow is overdue.
fn check(cx: &Context, out: &mut Vec<Finding>) {
    let flow_limits = |fi: usize, _| &cx.spec.flows[fi].limits[..];
    for late in fires_late(cx, flow_limits, "the flow's limit") {
        let flow = &cx.spec.flows[late.flow];
        out.push(
            Finding::new(&RULE, late.subjects[0], late.fires.place.clone(), format!(
                "escalation of step `{}` fires after {}, when the whole of `{}` ({}) is already overdue",
                flow.steps[late.step].id.value, late.fires.text, flow.id.value, cx.text(late.limit)
            ))
            .also(late.subjects[1])
            .also(ItemRef::new(Kind::Flow, late.flow))
            .label("fires too late to save the flow")
            .related(cx.place(late.limit), format!("the flow's limit: {} by {}", cx.text(late.limit), cited(cx, late.limit)))
            .help("an escalation must fire while the matter can still be done in time: make `after` shorter than the flow's limit"),
        );
    }
}
