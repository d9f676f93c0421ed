//! SLA010: a time limit with no source clause.

use crate::diag::Place;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
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
                Finding::new(&RULE, ItemRef::new(Kind::Limit, i), Place::new(&limit.file, limit.id.pos), format!("limit `{}` cites no clause", limit.id.value))
                    .label("no `source`")
                    .help("add `source: <standard-id>#<clause>`: an auditor must be able to find where the limit is stated"),
            );
        }
    }
}
