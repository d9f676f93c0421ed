//! The rule catalogue: one module per rule, in code order.

pub mod anchors_out_of_order;
pub mod calendar_ambiguous;
pub mod child_exceeds_parent;
pub mod conflicting_limits;
pub mod duplicated_limit;
pub mod escalation_after_total;
pub mod escalation_order;
pub mod escalation_too_late;
pub mod follow_up_too_early;
pub mod half_width_punctuation;
pub mod priority_inversion;
pub mod response_after_resolution;
pub mod response_not_marked;
pub mod retention_too_short;
pub mod steps_exceed_total;
pub mod superseded_source;
pub mod uncited_limit;
pub mod unowned_limit;
pub mod unused_allow;
pub mod vague_limit;

use super::Rule;
use super::context::Context;

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
    follow_up_too_early::RULE,
    escalation_order::RULE,
    escalation_after_total::RULE,
    response_not_marked::RULE,
    retention_too_short::RULE,
    anchors_out_of_order::RULE,
    superseded_source::RULE,
    duplicated_limit::RULE,
    half_width_punctuation::RULE,
];

/// `id` (`source`) for messages: where a limit comes from.
fn cited(cx: &Context, limit: usize) -> String {
    let l = cx.limit(limit);
    match &l.source {
        Some(s) => format!("`{}` ({})", l.id.value, s.value.0),
        None => format!("`{}`", l.id.value),
    }
}

/// A scope in words for messages: its conditions as written, or "all
/// cases" in the reader's language.
fn scope(scope: &super::context::ScopeKey) -> crate::diag::i18n::Msg {
    if *scope == super::context::ScopeKey::default() {
        crate::msg!("scope.all")
    } else {
        crate::msg!("scope.some", conditions = scope.describe())
    }
}
