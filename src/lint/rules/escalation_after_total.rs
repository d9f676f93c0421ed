//! SLA013: an escalation fires only after the whole flow's limit has passed.

use super::cited;
use super::escalation_too_late::fires_late;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
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
    for late in fires_late(cx, flow_limits, || msg!("compared.flow_limit")) {
        let flow = &cx.spec.flows[late.flow];
        out.push(
            Finding::new(
                &RULE,
                late.subjects[0],
                late.fires.place.clone(),
                msg!(
                    "SLA013.message",
                    step = &flow.steps[late.step].id.value,
                    after = &late.fires.text,
                    flow = &flow.id.value,
                    text = cx.text(late.limit),
                ),
            )
            .also(late.subjects[1])
            .also(ItemRef::new(Kind::Flow, late.flow))
            .label(msg!("SLA013.label"))
            .related(
                cx.place(late.limit),
                msg!(
                    "SLA013.related",
                    text = cx.text(late.limit),
                    cited = @msg cited(cx, late.limit)
                ),
            )
            .help(msg!("SLA013.help")),
        );
    }
}
