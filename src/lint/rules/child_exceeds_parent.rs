//! SLA005: a step, or the sub-flow that carries a step out, is allowed
//! longer than what contains it.

use std::cmp::Ordering;

use super::{applicable, cited};
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::spec::kind::ItemRef;
use crate::spec::model::Ref;

pub const RULE: Rule = Rule {
    code: "SLA005",
    name: "child-exceeds-parent",
    summary: "A step or sub-flow is allowed longer than the flow or step that contains it.",
    doc: include_str!("../../../docs/rules/SLA005.md"),
    check: Some(check),
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        for (si, step) in flow.steps.iter().enumerate() {
            let subject = ItemRef::step(fi, si);
            let step_name = format!("step `{}`", step.id.value);
            // The step against the whole flow.
            let flow_name = format!("flow `{}`", flow.id.value);
            let whole = Outer {
                limits: &flow.limits,
                name: &flow_name,
            };
            compare(cx, out, subject, whole, &step.limits, &step_name);
            // The sub-flow that carries the step out against the step.
            if let Some(sub) = step.subflow.as_ref().and_then(|r| cx.spec.flow(&r.value)) {
                let sub_name = format!("sub-flow `{}`", sub.id.value);
                let part = Outer {
                    limits: &step.limits,
                    name: &step_name,
                };
                compare(cx, out, subject, part, &sub.limits, &sub_name);
            }
        }
    }
}

/// What contains the inner limits: its limits and its name for messages.
struct Outer<'a> {
    limits: &'a [Ref],
    name: &'a str,
}

/// Report each inner limit that is longer than the outer limit of its scope.
fn compare(
    cx: &Context,
    out: &mut Vec<Finding>,
    subject: ItemRef,
    outer: Outer,
    inner: &[Ref],
    inner_name: &str,
) {
    for parent in outer.limits.iter().filter_map(|r| cx.limit_index(&r.value)) {
        let Some(child) = applicable(cx, inner, cx.scope(parent)) else {
            continue;
        };
        let what = format!("{inner_name} against {}", outer.name);
        if cx.compare(parent, child, subject, &what) == Some(Ordering::Less) {
            out.push(finding(cx, subject, child, parent, inner_name, outer.name));
        }
    }
}

fn finding(
    cx: &Context,
    subject: ItemRef,
    child: usize,
    parent: usize,
    child_name: &str,
    parent_name: &str,
) -> Finding {
    Finding::new(
        &RULE,
        subject,
        cx.place(child),
        format!(
            "{child_name} is allowed {}, longer than the {} of {parent_name} that contains it",
            cx.text(child),
            cx.text(parent)
        ),
    )
    .label(format!("{} by {}", cx.text(child), cited(cx, child)))
    .related(cx.place(parent), format!("{parent_name}: {} by {}", cx.text(parent), cited(cx, parent)))
    .help("a part cannot take longer than the whole: shorten the inner limit or lengthen the outer one")
}
