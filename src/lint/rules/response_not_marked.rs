//! SLA014: a limit whose metric times a first response is not marked
//! `kind: response`.

use crate::diag::Place;
use crate::lint::context::{Context, metric_says_response};
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::LimitKind;

pub const RULE: Rule = Rule {
    code: "SLA014",
    name: "response-not-marked",
    summary: "A limit whose metric times a first response is not marked `kind: response`.",
    doc: include_str!("../../../docs/rules/SLA014.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, limit) in cx.spec.limits.iter().enumerate() {
        // A deadline that is really a response; a vague word stays vague.
        let kind = cx.spec.limit_info[i].kind;
        if kind != LimitKind::Deadline || !metric_says_response(&limit.metric.value) {
            continue;
        }
        let place = limit.kind.as_ref().map_or(limit.metric.pos, |k| k.pos);
        let written = match &limit.kind {
            Some(_) => msg!(
                "SLA014.marked",
                kind = serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
            None => msg!("SLA014.unmarked"),
        };
        out.push(
            Finding::new(
                &RULE,
                ItemRef::new(Kind::Limit, i),
                Place::new(&limit.file, place),
                msg!("SLA014.message", id = &limit.id.value, metric = &limit.metric.value, written = @msg written),
            )
            .label(msg!("SLA014.label"))
            .help(msg!("SLA014.help")),
        );
    }
}
