//! SLA003: along some path through a flow, the steps' limits add up to
//! more than the flow's end-to-end limit for that case.

use std::collections::BTreeSet;

use super::cited;
use crate::diag::Place;
use crate::lint::context::{Context, Operand};
use crate::lint::paths::{flow_cases, timed, walk};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::applicable;
use crate::spec::timing::{self, describe};

pub const RULE: Rule = Rule {
    code: "SLA003",
    name: "steps-exceed-total",
    summary: "Along some path through a flow, step limits add up to more than the flow's limit.",
    doc: include_str!("../../../docs/rules/SLA003.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (fi, flow) in cx.spec.flows.iter().enumerate() {
        let (totals, cases) = flow_cases(cx, fi);
        if totals.is_empty() {
            continue;
        }
        let mut reported = BTreeSet::new();
        for case in cases {
            let Some(total) = applicable(totals.iter().copied(), &case) else {
                continue;
            };
            let Some(end) = walk(cx, fi, &case).end else {
                continue;
            };
            if reported.contains(&(total, end.path.clone())) {
                continue;
            }
            // One step alone against the total is also SLA005's comparison:
            // where its answer is undecided, SLA005 has recorded it.
            let parts = end.path.iter().filter(|&&j| {
                let step = &flow.steps[j];
                step.subflow.is_some() || applicable(timed(cx, &step.limits), &case).is_some()
            });
            let alone = parts.count() < 2;
            let at = flow
                .limits
                .iter()
                .find(|r| cx.limit_index(&r.value) == Some(total));
            let at = Place::new(&flow.file, at.map_or(flow.id.pos, |r| r.pos));
            let sum = Operand {
                time: end.time,
                clock: cx.flow_clock(fi),
                text: describe(&end.time),
                place: at.clone(),
            };
            let Some(limit) = cx.operand(total) else {
                continue;
            };
            let subjects = [
                ItemRef::new(Kind::Flow, fi),
                ItemRef::new(Kind::Limit, total),
            ];
            let what = || msg!("compared.steps_total", flow = &flow.id.value);
            let verdict = if alone {
                timing::compare(sum.side(), limit.side())
            } else {
                cx.order(&sum, &limit, &subjects, what)
            };
            if !verdict.longer() {
                continue;
            }
            reported.insert((total, end.path.clone()));
            let names: Vec<&str> = end
                .path
                .iter()
                .map(|&j| flow.steps[j].title.value.as_str())
                .collect();
            let mut finding = Finding::new(
                &RULE,
                subjects[0],
                at,
                msg!(
                    "SLA003.message",
                    flow = &flow.id.value,
                    sum = &sum.text,
                    path = names.join(" → "),
                    text = cx.text(total),
                    scope = @msg super::scope(&case),
                ),
            )
            .also(subjects[1])
            .label(msg!(
                "SLA003.label",
                text = cx.text(total),
                cited = @msg cited(cx, total)
            ));
            for &j in end.path.iter().collect::<BTreeSet<_>>() {
                let step = &flow.steps[j];
                if let Some(l) = applicable(timed(cx, &step.limits), &case) {
                    finding = finding.related(
                        cx.place(l),
                        msg!("SLA003.related", step = &step.id.value, text = cx.text(l)),
                    );
                }
            }
            out.push(finding.help(msg!("SLA003.help")));
        }
    }
}
