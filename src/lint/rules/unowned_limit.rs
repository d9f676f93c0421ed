//! SLA009: a time limit that no role is responsible for meeting.

use crate::diag::Place;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA009",
    name: "unowned-limit",
    summary: "A time limit that no role is responsible for meeting.",
    doc: include_str!("../../../docs/rules/SLA009.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

/// The effective owner rule lives in `spec::relations`; the role pages
/// and the export read the same owners.
fn check(cx: &Context, out: &mut Vec<Finding>) {
    let relations = &cx.spec.relations.limits;
    for (i, limit) in cx.spec.limits.iter().enumerate() {
        if limit.owner.is_some() || !relations[i].owners.is_empty() {
            continue; // an unknown owner is E005's to report
        }
        out.push(
            Finding::new(
                &RULE,
                ItemRef::new(Kind::Limit, i),
                Place::new(&limit.file, limit.id.pos),
                msg!("SLA009.message", id = &limit.id.value),
            )
            .label(msg!("SLA009.label"))
            .help(msg!("SLA009.help")),
        );
    }
}
