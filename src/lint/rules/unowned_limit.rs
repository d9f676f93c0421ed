//! SLA009: a time limit that no role is responsible for meeting.

use std::collections::HashSet;

use crate::diag::Place;
use crate::lint::context::{Context, Subject};
use crate::lint::{Finding, Rule};

pub const RULE: Rule = Rule {
    code: "SLA009",
    name: "unowned-limit",
    summary: "A time limit that no role is responsible for meeting.",
    doc: include_str!("../../../docs/rules/SLA009.md"),
    check: Some(check),
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    // Limits owned through the step or flow that uses them.
    let mut owned: HashSet<&str> = HashSet::new();
    for flow in &cx.spec.flows {
        if flow.owner.is_some() {
            owned.extend(flow.limits.iter().map(|r| r.value.as_str()));
        }
        for step in flow.steps.iter().filter(|s| s.owner.is_some()) {
            owned.extend(step.limits.iter().map(|r| r.value.as_str()));
        }
    }
    for (i, limit) in cx.spec.limits.iter().enumerate() {
        if limit.owner.is_some() || owned.contains(limit.id.value.as_str()) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                Subject::Limit(i),
                Place::new(&limit.file, limit.id.pos),
                format!("no role is responsible for limit `{}`", limit.id.value),
            )
            .label("no owner")
            .help("add `owner: <role>` to the limit, or use it from a step that has an `owner`"),
        );
    }
}
