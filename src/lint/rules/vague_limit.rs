//! SLA007: a requirement whose only time limit is a vague word.

use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
use crate::spec::duration::Duration;
use crate::spec::kind::{ItemRef, Kind};

pub const RULE: Rule = Rule {
    code: "SLA007",
    name: "vague-limit",
    summary: "A requirement whose only time limit is 及时 / 立即 / 尽快 / 第一时间 / 规定时限.",
    doc: include_str!("../../../docs/rules/SLA007.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (metric, scope, group) in cx.requirements() {
        let vague = |i: &usize| matches!(cx.duration(*i), Some(Duration::Vague { .. }));
        // A vague word beside a measurable limit on the same thing is
        // harmless: the measurable one is what gets audited.
        if !group.iter().all(vague) {
            continue;
        }
        for &i in &group {
            out.push(
                    Finding::new(
                        &RULE,
                        ItemRef::new(Kind::Limit, i),
                        cx.place(i),
                        msg!("SLA007.message", metric = metric, scope = @msg super::scope(scope), text = cx.text(i)),
                    )
                    .label(msg!("SLA007.label"))
                    .help(msg!("SLA007.help")),
                );
        }
    }
}
