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
fn cited(cx: &Context, limit: usize) -> crate::diag::i18n::Msg {
    let l = cx.limit(limit);
    match &l.source {
        Some(s) => crate::msg!("cited.source", id = &l.id.value, source = &s.value.0),
        None => crate::msg!("cited.bare", id = format!("`{}`", l.id.value)),
    }
}

/// A scope in words for messages: its conditions (the priority class by
/// id, the others as written), or "all cases", in the reader's language.
fn scope(scope: &super::context::ScopeKey) -> crate::diag::i18n::Msg {
    let mut parts: Vec<crate::diag::i18n::Msg> = Vec::new();
    if let Some(p) = &scope.priority {
        parts.push(crate::msg!("scope.priority", id = p));
    }
    let written = [
        &scope.customer,
        &scope.channel,
        &scope.business,
        &scope.condition,
    ];
    for s in written.into_iter().flatten() {
        parts.push(crate::msg!("scope.written", text = s));
    }
    match scope.other_departments {
        Some(true) => parts.push(crate::msg!("scope.other_departments")),
        Some(false) => parts.push(crate::msg!("scope.own_department")),
        None => {}
    }
    // "a, b, c" as nested pairs, so the separator is the reader's.
    let mut parts = parts.into_iter().rev();
    let Some(last) = parts.next() else {
        return crate::msg!("scope.all");
    };
    parts.fold(
        last,
        |rest, first| crate::msg!("scope.and", first = @msg first, rest = @msg rest),
    )
}
