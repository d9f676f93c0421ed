//! SLA005: a step, or the sub-flow that carries a step out, is allowed
//! longer than what contains it.

use std::collections::BTreeSet;

use super::cited;
use crate::diag::i18n::Msg;
use crate::lint::context::Context;
use crate::lint::paths::timed;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::Ref;
use crate::spec::scope::{applicable, cases};

pub const RULE: Rule = Rule {
    code: "SLA005",
    name: "child-exceeds-parent",
    summary: "A step or sub-flow is allowed longer than the flow or step that contains it.",
    doc: include_str!("../../../docs/rules/SLA005.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        for (si, step) in flow.steps.iter().enumerate() {
            let step_ref = ItemRef::step(fi, si);
            let step_name = msg!("SLA005.step", id = &step.id.value);
            // The step against the whole flow.
            let flow_name = msg!("SLA005.flow", id = &flow.id.value);
            let whole = Pair {
                outer: &flow.limits,
                outer_name: &flow_name,
                inner: &step.limits,
                inner_name: &step_name,
            };
            compare(cx, out, &[step_ref, ItemRef::new(Kind::Flow, fi)], whole);
            // The sub-flow that carries the step out against the step.
            if let Some(sub) = step.subflow.as_ref().and_then(|r| cx.spec.flow(&r.value)) {
                let sub_name = msg!("SLA005.subflow", id = &sub.id.value);
                let part = Pair {
                    outer: &step.limits,
                    outer_name: &step_name,
                    inner: &sub.limits,
                    inner_name: &sub_name,
                };
                let sub_ref = cx
                    .spec
                    .index_of(Kind::Flow, &sub.id.value)
                    .map(|i| ItemRef::new(Kind::Flow, i));
                let subjects: Vec<ItemRef> = std::iter::once(step_ref).chain(sub_ref).collect();
                compare(cx, out, &subjects, part);
            }
        }
    }
}

/// Limits that contain others, and the contained ones, with names for messages.
struct Pair<'a> {
    outer: &'a [Ref],
    outer_name: &'a Msg,
    inner: &'a [Ref],
    inner_name: &'a Msg,
}

/// In every case either side's limits cover, the inner limit that applies
/// against the outer one that applies.
/// `subjects`: the items whose `allow:` accepts a finding, besides the two
/// limits (the step, and the flow or sub-flow).
fn compare(cx: &Context, out: &mut Vec<Finding>, subjects: &[ItemRef], pair: Pair) {
    let (outer, inner) = (timed(cx, pair.outer), timed(cx, pair.inner));
    let mut reported = BTreeSet::new();
    for case in cases(outer.iter().chain(&inner).map(|(_, s)| *s)) {
        let (Some(parent), Some(child)) = (
            applicable(outer.iter().copied(), &case),
            applicable(inner.iter().copied(), &case),
        ) else {
            continue;
        };
        if reported.contains(&(parent, child)) {
            continue;
        }
        let what = || {
            msg!(
                "compared.child",
                inner = @msg pair.inner_name.clone(),
                outer = @msg pair.outer_name.clone(),
            )
        };
        if cx
            .compare_limits(child, parent, what)
            .is_some_and(|v| v.longer())
        {
            reported.insert((parent, child));
            out.push(
                Finding::new(
                    &RULE,
                    subjects[0],
                    cx.place(child),
                    msg!(
                        "SLA005.message",
                        inner = @msg pair.inner_name.clone(),
                        text = cx.text(child),
                        outer_text = cx.text(parent),
                        outer = @msg pair.outer_name.clone(),
                    ),
                )
                .also(ItemRef::new(Kind::Limit, child))
                .also(ItemRef::new(Kind::Limit, parent))
                .also_all(&subjects[1..])
                .label(msg!(
                    "SLA005.label",
                    text = cx.text(child),
                    cited = @msg cited(cx, child)
                ))
                .related(
                    cx.place(parent),
                    msg!(
                        "SLA005.related",
                        outer = @msg pair.outer_name.clone(),
                        text = cx.text(parent),
                        cited = @msg cited(cx, parent)
                    ),
                )
                .help(msg!("SLA005.help")),
            );
        }
    }
}
