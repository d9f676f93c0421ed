//! SLA015: a record is kept for less time than the matter it records can
//! stay open.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::cited;
use crate::diag::Place;
use crate::lint::context::{Context, Operand};
use crate::lint::paths::{flow_cases, walk};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::applicable;
use crate::spec::timing::{self, describe};

pub const RULE: Rule = Rule {
    code: "SLA015",
    name: "retention-too-short",
    summary: "A record is kept for less time than the matter it records can stay open.",
    doc: include_str!("../../../docs/rules/SLA015.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (ri, record) in cx.spec.records.iter().enumerate() {
        let Some(retention) = record
            .retention
            .as_ref()
            .and_then(|r| cx.limit_index(&r.value))
        else {
            continue;
        };
        let Some(kept) = cx.operand(retention) else {
            continue;
        };
        let flows: BTreeSet<usize> = cx.spec.relations.records[ri]
            .iter()
            .map(|at| at.index)
            .collect();
        for fi in flows {
            if let Some(open) = longest_open(cx, fi) {
                let subjects = [
                    ItemRef::new(Kind::Record, ri),
                    ItemRef::new(Kind::Limit, retention),
                ];
                let what = || msg!("compared.retention", record = &record.id.value);
                if cx.order(&kept, &open, &subjects, what).shorter() {
                    let flow = &cx.spec.flows[fi];
                    out.push(
                        Finding::new(
                            &RULE,
                            subjects[0],
                            kept.place.clone(),
                            msg!(
                                "SLA015.message",
                                record = &record.id.value,
                                kept = &kept.text,
                                flow = &flow.id.value,
                                open = &open.text,
                            ),
                        )
                        .also(subjects[1])
                        .label(msg!(
                            "SLA015.label",
                            kept = &kept.text,
                            cited = @msg cited(cx, retention)
                        ))
                        .related(
                            open.place,
                            msg!("SLA015.related", flow = &flow.id.value, open = &open.text),
                        )
                        .help(msg!("SLA015.help")),
                    );
                    break;
                }
            }
        }
    }
}

/// The longest a flow may stay open: its end-to-end limit for a case, or
/// where it has none, its worst case along its steps; the longest over
/// its cases.
fn longest_open<'c>(cx: &'c Context, fi: usize) -> Option<Operand<'c>> {
    let flow = &cx.spec.flows[fi];
    let (totals, cases) = flow_cases(cx, fi);
    let mut longest: Option<Operand> = None;
    for case in cases {
        let open = match applicable(totals.iter().copied(), &case) {
            Some(total) => cx.operand(total),
            None => walk(cx, fi, &case).end.map(|end| Operand {
                time: end.time,
                clock: cx.flow_clock(fi),
                text: describe(&end.time),
                place: Place::new(&flow.file, flow.id.pos),
            }),
        };
        let Some(open) = open else { continue };
        let longer = longest.as_ref().is_none_or(|l| {
            timing::compare(open.side(), l.side()) == timing::Verdict::Is(Ordering::Greater)
        });
        if longer {
            longest = Some(open);
        }
    }
    longest
}
