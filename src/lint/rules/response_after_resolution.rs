//! SLA008: a first response allowed longer than the resolution it precedes.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::cited;
use crate::lint::context::{Context, ScopeKey};
use crate::lint::{Finding, Rule};
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::LimitKind;

pub const RULE: Rule = Rule {
    code: "SLA008",
    name: "response-after-resolution",
    summary: "A first-response limit longer than the resolution limit of the same scope.",
    doc: include_str!("../../../docs/rules/SLA008.md"),
    check: Some(check),
};

/// The subject of a metric and whether the metric times the end of the
/// matter: `complaint.response` is about `complaint`, and
/// `complaint.resolution` (or `.completion`) is its resolution. Other
/// deadlines on the subject (sorting, analysis) are steps, not the end.
fn subject(metric: &str) -> (&str, bool) {
    match metric.rsplit_once('.') {
        Some((about, last)) => (about, matches!(last, "resolution" | "completion")),
        None => (metric, false),
    }
}

/// The limits on one subject and scope that can be held against each other.
#[derive(Default)]
struct Pair {
    responses: Vec<usize>,
    resolutions: Vec<usize>,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<(&str, &ScopeKey), Pair> = BTreeMap::new();
    for (metric, limits) in cx.metrics() {
        for &i in limits {
            let (about, resolves) = subject(metric);
            let entry = groups.entry((about, cx.scope(i))).or_default();
            match cx.spec.limit_info[i].kind {
                LimitKind::Response => entry.responses.push(i),
                LimitKind::Deadline if resolves => entry.resolutions.push(i),
                _ => {}
            }
        }
    }
    for ((about, scope), pair) in groups {
        for &r in &pair.responses {
            for &d in &pair.resolutions {
                let what = format!("a response and a resolution limit on `{about}`");
                if cx.compare(d, r, ItemRef::new(Kind::Limit, r), &what) == Some(Ordering::Less) {
                    out.push(
                        Finding::new(
                            &RULE,
                            ItemRef::new(Kind::Limit, r),
                            cx.place(r),
                            format!(
                                "first response on `{about}` ({}) is allowed {}, longer than the {} for resolving it",
                                scope.describe(),
                                cx.text(r),
                                cx.text(d)
                            ),
                        )
                        .label(format!("{} by {}", cx.text(r), cited(cx, r)))
                        .related(cx.place(d), format!("the resolution limit: {} by {}", cx.text(d), cited(cx, d)))
                        .help("a response comes before the resolution: its limit must be shorter"),
                    );
                }
            }
        }
    }
}
