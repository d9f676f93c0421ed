//! SLA017: a limit cites a standard that has been superseded.

use crate::diag::Place;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::Status;

pub const RULE: Rule = Rule {
    code: "SLA017",
    name: "superseded-source",
    summary: "A limit cites a standard whose status is `superseded`.",
    doc: include_str!("../../../docs/rules/SLA017.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, limit) in cx.spec.limits.iter().enumerate() {
        let Some(source) = &limit.source else {
            continue;
        };
        let Some(standard) = source.value.parts().and_then(|(s, _)| cx.spec.standard(s)) else {
            continue;
        };
        if standard.status.as_ref().map(|s| s.value) != Some(Status::Superseded) {
            continue;
        }
        let version = standard
            .version
            .as_ref()
            .map(|v| format!(" {}", v.value))
            .unwrap_or_default();
        out.push(
            Finding::new(
                &RULE,
                ItemRef::new(Kind::Limit, i),
                Place::new(&limit.file, source.pos),
                msg!(
                    "SLA017.message",
                    id = &limit.id.value,
                    source = &source.value.0,
                    version = version
                ),
            )
            .label(msg!("SLA017.label"))
            .related(
                Place::new(&standard.file, standard.item.pos),
                msg!("SLA017.related"),
            )
            .help(msg!("SLA017.help")),
        );
    }
}
