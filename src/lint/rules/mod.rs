//! The rule catalogue: one module per rule, in code order.

pub mod calendar_ambiguous;
pub mod child_exceeds_parent;
pub mod conflicting_limits;
pub mod escalation_too_late;
pub mod priority_inversion;
pub mod response_after_resolution;
pub mod steps_exceed_total;
pub mod uncited_limit;
pub mod unowned_limit;
pub mod unused_allow;
pub mod vague_limit;

use super::Rule;
use super::context::{Context, ScopeKey};

/// Every rule, in code order.
pub const ALL: &[Rule] = &[
    unused_allow::RULE,
    conflicting_limits::RULE,
    priority_inversion::RULE,
    steps_exceed_total::RULE,
    escalation_too_late::RULE,
    child_exceeds_parent::RULE,
    calendar_ambiguous::RULE,
    vague_limit::RULE,
    response_after_resolution::RULE,
    unowned_limit::RULE,
    uncited_limit::RULE,
];

/// Of the limits `ids` (a step's or flow's `limits:`), the one that applies
/// in `scope`: its scope covers `scope`, and it is the most specific such.
/// Limits that name no existing limit (E005) are skipped.
fn applicable(cx: &Context, ids: &[crate::spec::model::Ref], scope: &ScopeKey) -> Option<usize> {
    ids.iter()
        .filter_map(|r| cx.limit_index(&r.value))
        .filter(|&i| cx.quantity(i).is_some() && cx.scope(i).covers(scope))
        .max_by_key(|&i| (cx.scope(i).specificity(), std::cmp::Reverse(i)))
}

/// `id` (`source`) for messages: where a limit comes from.
fn cited(cx: &Context, limit: usize) -> String {
    let l = cx.limit(limit);
    match &l.source {
        Some(s) => format!("`{}` ({})", l.id.value, s.value.0),
        None => format!("`{}`", l.id.value),
    }
}
