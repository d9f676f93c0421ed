//! SLA006: a comparison needs working time against clock time, and no
//! business calendar applies.

use crate::lint::context::Context;
use crate::lint::{Finding, Rule};

pub const RULE: Rule = Rule {
    code: "SLA006",
    name: "calendar-ambiguous",
    summary: "Comparing working time with clock time needs a business calendar, and none applies.",
    doc: include_str!("../../../docs/rules/SLA006.md"),
    check: Some(check),
};

/// The other rules record every comparison they could not make for want of
/// a calendar; this rule reports them (it runs after the others).
fn check(cx: &Context, out: &mut Vec<Finding>) {
    for need in cx.take_needs_calendar() {
        out.push(
            Finding::new(&RULE, need.subject, need.place, format!("cannot compare {}: working time meets clock time and no business calendar applies", need.what))
                .label("needs the length of a working day")
                .related(need.other, "compared with this")
                .help("name a calendar in the standard (`calendar: <id>`, with `hours_per_day`); guifan does not guess how long a working day is"),
        );
    }
}
