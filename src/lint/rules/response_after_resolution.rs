//! SLA008: a first response allowed longer than the resolution it precedes.

use std::collections::BTreeMap;

use super::cited;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::LimitKind;

pub const RULE: Rule = Rule {
    code: "SLA008",
    name: "response-after-resolution",
    summary: "A first-response limit longer than the resolution limit of the same scope.",
    doc: include_str!("../../../docs/rules/SLA008.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

/// The subject of a metric and whether the metric times the end of the
/// matter: `complaint.response` is about `complaint`, and
/// `complaint.resolution` (or `.completion`) is its resolution. Other
/// deadlines on the subject (sorting, analysis) are steps, not the end.
pub fn subject(metric: &str) -> (&str, bool) {
    match metric.rsplit_once('.') {
        Some((about, last)) => (about, matches!(last, "resolution" | "completion")),
        None => (metric, false),
    }
}

/// The limits on one subject that can be held against each other.
#[derive(Default)]
struct Pair {
    responses: Vec<usize>,
    resolutions: Vec<usize>,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<&str, Pair> = BTreeMap::new();
    for (metric, limits) in cx.metrics() {
        let (about, resolves) = subject(metric);
        for &i in limits.iter().filter(|&&i| cx.time(i).is_some()) {
            let entry = groups.entry(about).or_default();
            if cx.is_response(i) {
                entry.responses.push(i);
            } else if resolves && cx.spec.limit_info[i].kind == LimitKind::Deadline {
                entry.resolutions.push(i);
            }
        }
    }
    for (about, pair) in groups {
        for &r in &pair.responses {
            // A response is held against a resolution wherever both apply.
            let applies = |d: &&usize| cx.scope(r).meet(cx.scope(**d)).is_some();
            for &d in pair.resolutions.iter().filter(applies) {
                let what = || msg!("compared.response", about = about);
                if cx.compare_limits(r, d, what).is_some_and(|v| v.longer()) {
                    out.push(finding(cx, about, r, d));
                }
            }
        }
    }
}

fn finding(cx: &Context, about: &str, r: usize, d: usize) -> Finding {
    let case = cx.scope(r).meet(cx.scope(d)).unwrap_or_default();
    Finding::new(
        &RULE,
        ItemRef::new(Kind::Limit, r),
        cx.place(r),
        msg!(
            "SLA008.message",
            about = about,
            scope = @msg super::scope(&case),
            response = cx.text(r),
            resolution = cx.text(d),
        ),
    )
    .also(ItemRef::new(Kind::Limit, d))
    .label(msg!(
        "SLA008.label",
        text = cx.text(r),
        cited = @msg cited(cx, r)
    ))
    .related(
        cx.place(d),
        msg!("SLA008.related", text = cx.text(d), cited = @msg cited(cx, d)),
    )
    .help(msg!("SLA008.help"))
}
