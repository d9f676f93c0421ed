//! SLA010: a time limit with no source clause.

use crate::diag::Place;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA010",
    name: "uncited-limit",
    summary: "A time limit with no source clause.",
    doc: include_str!("../../../docs/rules/SLA010.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, limit) in cx.spec.limits.iter().enumerate() {
        if limit.source.is_none() {
            out.push(
                Finding::new(
                    &RULE,
                    ItemRef::new(Kind::Limit, i),
                    Place::new(&limit.file, limit.id.pos),
                    msg!("SLA010.message", id = &limit.id.value),
                )
                .label(msg!("SLA010.label"))
                .help(msg!("SLA010.help")),
            );
        }
    }
}
