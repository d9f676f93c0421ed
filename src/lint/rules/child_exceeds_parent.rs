//! SLA005: a step, or the sub-flow that carries a step out, is allowed
//! longer than what contains it.

use std::cmp::Ordering;

use super::{applicable, cited};
use crate::lint::context::{Context, Subject};
use crate::lint::{Finding, Rule};

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
            let subject = Subject::Step(fi, si);
            // The step against the whole flow.
            for parent in flow.limits.iter().filter_map(|r| cx.limit_index(&r.value)) {
                let Some(child) = applicable(cx, &step.limits, cx.scope(parent)) else {
                    continue;
                };
                let what = format!("step `{}` against flow `{}`", step.id.value, flow.id.value);
                if cx.compare(parent, child, subject, &what) == Some(Ordering::Less) {
                    out.push(finding(
                        cx,
                        subject,
                        child,
                        parent,
                        format!("step `{}`", step.id.value),
                        format!("flow `{}`", flow.id.value),
                    ));
                }
            }
            // The sub-flow that carries the step out against the step.
            let Some(sub) = step.subflow.as_ref().and_then(|r| cx.spec.flow(&r.value)) else {
                continue;
            };
            for parent in step.limits.iter().filter_map(|r| cx.limit_index(&r.value)) {
                let Some(child) = applicable(cx, &sub.limits, cx.scope(parent)) else {
                    continue;
                };
                let what = format!(
                    "sub-flow `{}` against step `{}`",
                    sub.id.value, step.id.value
                );
                if cx.compare(parent, child, subject, &what) == Some(Ordering::Less) {
                    out.push(finding(
                        cx,
                        subject,
                        child,
                        parent,
                        format!("sub-flow `{}`", sub.id.value),
                        format!("step `{}`", step.id.value),
                    ));
                }
            }
        }
    }
}

fn finding(
    cx: &Context,
    subject: Subject,
    child: usize,
    parent: usize,
    child_name: String,
    parent_name: String,
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
