//! SLA018: the same limit is stated in two standards.

use std::cmp::Ordering;

use super::cited;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::timing::Verdict;

pub const RULE: Rule = Rule {
    code: "SLA018",
    name: "duplicated-limit",
    summary: "The same limit (metric, scope and duration) is stated in two standards.",
    doc: include_str!("../../../docs/rules/SLA018.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn standard_of<'a>(cx: &Context<'a>, limit: usize) -> Option<&'a str> {
    cx.limit(limit)
        .source
        .as_ref()?
        .value
        .parts()
        .map(|(s, _)| s)
}

/// Each copy is reported, with the other as its related place: every copy
/// is a place to fix, and nothing says which one is the original.
fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (metric, scope, group) in cx.requirements() {
        for &here in &group {
            // The first limit of another standard that says the same.
            let same = group.iter().copied().find(|&there| {
                let (a, b) = (standard_of(cx, here), standard_of(cx, there));
                a.is_some() && b.is_some() && a != b && says_the_same(cx, here, there)
            });
            let Some(there) = same else { continue };
            out.push(
                Finding::new(
                    &RULE,
                    ItemRef::new(Kind::Limit, here),
                    cx.place(here),
                    msg!(
                        "SLA018.message",
                        metric = metric,
                        scope = @msg super::scope(scope),
                        text = cx.text(here),
                        here = @msg cited(cx, here),
                        there = @msg cited(cx, there),
                    ),
                )
                .also(ItemRef::new(Kind::Limit, there))
                .label(msg!("SLA018.label"))
                .related(
                    cx.place(there),
                    msg!("SLA018.related", text = cx.text(there)),
                )
                .help(msg!("SLA018.help")),
            );
        }
    }
}

/// Whether two limits grant the same: equal times, or the same schedule or date.
fn says_the_same(cx: &Context, a: usize, b: usize) -> bool {
    match (cx.time(a), cx.time(b)) {
        (Some(_), Some(_)) => {
            cx.compare_limits(a, b, || msg!("compared.copies"))
                == Some(Verdict::Is(Ordering::Equal))
        }
        // Recurring limits and dates; vague words say nothing to copy.
        (None, None) => {
            use crate::spec::duration::Duration::{Anchor, Frequency};
            matches!(cx.duration(a), Some(Frequency { .. } | Anchor { .. }))
                && cx.duration(a) == cx.duration(b)
        }
        _ => false,
    }
}
