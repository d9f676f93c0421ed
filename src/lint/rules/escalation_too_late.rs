//! SLA004: an escalation fires at or after the deadline it protects.

use super::cited;
use crate::diag::Place;
use crate::diag::i18n::Msg;
use crate::lint::context::{Context, Operand, ScopeKey};
use crate::lint::paths::timed;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::Ref;
use crate::spec::timing::Time;

pub const RULE: Rule = Rule {
    code: "SLA004",
    name: "escalation-too-late",
    summary: "An escalation fires at or after the deadline it is meant to protect.",
    doc: include_str!("../../../docs/rules/SLA004.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let step_limits = |fi: usize, si: usize| &cx.spec.flows[fi].steps[si].limits[..];
    for late in fires_late(cx, step_limits, || msg!("compared.step_limit")) {
        let step = &cx.spec.flows[late.flow].steps[late.step];
        out.push(
            Finding::new(
                &RULE,
                late.subjects[0],
                late.fires.place.clone(),
                msg!(
                    "SLA004.message",
                    step = &step.id.value,
                    after = &late.fires.text,
                    text = cx.text(late.limit),
                ),
            )
            .also(late.subjects[1])
            .label(msg!("SLA004.label", cited = @msg cited(cx, late.limit)))
            .related(
                cx.place(late.limit),
                msg!("SLA004.related", text = cx.text(late.limit)),
            )
            .help(msg!("SLA004.help")),
        );
    }
}

/// An escalation that fires at or after a limit it should come before.
pub struct Late<'c> {
    pub flow: usize,
    pub step: usize,
    pub fires: Operand<'c>,
    pub limit: usize,
    /// The step and the limit, whose `allow:` may accept the finding.
    pub subjects: [ItemRef; 2],
}

/// Every escalation with an `after`, against each limit of `limits(flow,
/// step)` whose scope overlaps its own, where it fires at or after the limit.
/// `against` names those limits, for an undecided comparison.
pub fn fires_late<'c, 'r>(
    cx: &'c Context,
    limits: impl Fn(usize, usize) -> &'r [Ref],
    against: impl Fn() -> Msg,
) -> Vec<Late<'c>> {
    let mut late = Vec::new();
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        for (si, step) in flow.steps.iter().enumerate() {
            for (ei, esc) in step.escalations.iter().enumerate() {
                let Some(fires) = after(cx, fi, si, ei) else {
                    continue;
                };
                let scope = ScopeKey::of(&esc.scope);
                let overlapping = timed(cx, limits(fi, si))
                    .into_iter()
                    .filter(|(_, s)| s.meet(&scope).is_some());
                for (limit, _) in overlapping {
                    let Some(deadline) = cx.operand(limit) else {
                        continue;
                    };
                    let subjects = [ItemRef::step(fi, si), ItemRef::new(Kind::Limit, limit)];
                    let what = || {
                        msg!(
                            "compared.escalation",
                            flow = &flow.id.value,
                            against = @msg against(),
                        )
                    };
                    if cx.order(&fires, &deadline, &subjects, what).at_least() {
                        late.push(Late {
                            flow: fi,
                            step: si,
                            fires: fires.clone(),
                            limit,
                            subjects,
                        });
                    }
                }
            }
        }
    }
    late
}

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
