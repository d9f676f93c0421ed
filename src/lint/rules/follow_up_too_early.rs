//! SLA011: a deadline counted from an earlier point (`from: start`, or from
//! another limit) falls due before the steps it follows can be done.

use std::collections::BTreeSet;

use super::cited;
use crate::lint::context::Context;
use crate::lint::paths::{timed, walk};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::cases;
use crate::spec::timing::describe;

pub const RULE: Rule = Rule {
    code: "SLA011",
    name: "follow-up-too-early",
    summary: "A deadline counted from an earlier point falls due before the steps it follows can be done.",
    doc: include_str!("../../../docs/rules/SLA011.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        let counted = flow.steps.iter().flat_map(|s| timed(cx, &s.limits));
        let scopes: Vec<_> = counted.clone().map(|(_, s)| s).collect();
        if !counted.into_iter().any(|(l, _)| cx.limit(l).from.is_some()) {
            continue;
        }
        let mut reported = BTreeSet::new();
        for case in cases(scopes) {
            for late in walk(cx, fi, &case).late {
                if !reported.insert((late.step, late.limit)) {
                    continue;
                }
                let step = &flow.steps[late.step];
                let before: Vec<&str> = (late.arrival.path.iter().rev().skip(1).rev())
                    .map(|&j| flow.steps[j].title.value.as_str())
                    .collect();
                let origin = match cx.limit(late.limit).from.as_ref() {
                    Some(f) if f.value == crate::spec::item::FROM_START => {
                        msg!("SLA011.from_start")
                    }
                    Some(f) => msg!("SLA011.from_limit", id = &f.value),
                    None => msg!("SLA011.from_step"),
                };
                out.push(
                    Finding::new(
                        &RULE,
                        ItemRef::step(fi, late.step),
                        cx.place(late.limit),
                        msg!(
                            "SLA011.message",
                            step = &step.id.value,
                            flow = &flow.id.value,
                            text = cx.text(late.limit),
                            origin = @msg origin,
                            due = describe(&late.due),
                            path = before.join(" → "),
                            takes = describe(&late.arrival.time),
                        ),
                    )
                    .also(ItemRef::new(Kind::Limit, late.limit))
                    .also(ItemRef::new(Kind::Flow, fi))
                    .label(msg!(
                        "SLA011.label",
                        text = cx.text(late.limit),
                        cited = @msg cited(cx, late.limit)
                    ))
                    .help(msg!("SLA011.help")),
                );
            }
        }
    }
}
