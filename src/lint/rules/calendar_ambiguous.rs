//! SLA006: a comparison another rule needed cannot be decided: working time
//! meets clock time with no business calendar, or the clock time the two
//! sides take overlaps, depending on when the clock starts.

use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::spec::timing::{Range, Why, describe_range};

pub const RULE: Rule = Rule {
    code: "SLA006",
    name: "calendar-ambiguous",
    summary: "A comparison of working and clock time that no calendar settles, or whose answer depends on when the clock starts.",
    doc: include_str!("../../../docs/rules/SLA006.md"),
    check: Some(check),
    default: crate::lint::Level::Warning,
};

/// A side in words, with the clock time it takes where that is a range.
fn side(text: &str, range: &Range) -> String {
    if range.hi == Some(range.lo) {
        text.to_owned()
    } else {
        format!("{text} ({} of clock time)", describe_range(range))
    }
}

/// The other rules record every comparison they could not decide; this rule
/// reports each once (it runs after them), where the later side is written.
fn check(cx: &Context, out: &mut Vec<Finding>) {
    for u in cx.take_undecided() {
        let (b, a) = (&u.texts.0, &u.texts.1);
        let (message, label, help) = match u.why {
            Why::NeedsCalendar => (
                format!("cannot compare {}: {a} against {b} needs the length of a working day, and no business calendar applies", u.what),
                "needs a business calendar".to_owned(),
                "name a calendar in the standard (`calendar: <id>`, with `hours` or `hours_per_day`); guifan does not guess how long a working day is".to_owned(),
            ),
            Why::Overlap { a: rb, b: ra } => (
                format!(
                    "cannot decide {}: {} against {}, depending on when the clock starts",
                    u.what,
                    side(a, &ra),
                    side(b, &rb)
                ),
                format!("{a}: {}", describe_range(&ra)),
                "state both limits in the same kind of time (working or clock), or say which applies; a reader cannot tell which is longer".to_owned(),
            ),
        };
        let mut finding = Finding::new(&RULE, u.subjects[0], u.places.1, message)
            .label(label)
            .related(u.places.0, format!("compared with {b}"))
            .help(help);
        for &subject in &u.subjects[1..] {
            finding = finding.also(subject);
        }
        out.push(finding);
    }
}
