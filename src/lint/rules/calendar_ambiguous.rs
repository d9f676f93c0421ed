//! SLA006: a comparison another rule needed cannot be decided: working time
//! meets clock time with no business calendar, or the clock time the two
//! sides take overlaps, depending on when the clock starts.

use crate::diag::i18n::Msg;
use crate::lint::context::Context;
use crate::lint::{Finding, Rule};
use crate::msg;
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
fn side(text: &str, range: &Range) -> Msg {
    if range.hi == Some(range.lo) {
        msg!("SLA006.side", text = text)
    } else {
        msg!(
            "SLA006.side_range",
            text = text,
            range = describe_range(range)
        )
    }
}

/// The other rules record every comparison they could not decide; this rule
/// reports each once (it runs after them), where the later side is written.
fn check(cx: &Context, out: &mut Vec<Finding>) {
    for u in cx.take_undecided() {
        let (b, a) = (&u.texts.0, &u.texts.1);
        let (message, label, help) = match u.why {
            Why::NeedsCalendar => (
                msg!("SLA006.message", what = @msg u.what, a = a, b = b),
                msg!("SLA006.label"),
                msg!("SLA006.help"),
            ),
            Why::Overlap { a: rb, b: ra } => (
                msg!(
                    "SLA006.overlap",
                    what = @msg u.what,
                    a = @msg side(a, &ra),
                    b = @msg side(b, &rb),
                ),
                msg!(
                    "SLA006.overlap_label",
                    text = a,
                    range = describe_range(&ra)
                ),
                msg!("SLA006.overlap_help"),
            ),
        };
        let mut finding = Finding::new(&RULE, u.subjects[0], u.places.1, message)
            .label(label)
            .related(u.places.0, msg!("SLA006.related", text = b))
            .help(help);
        for &subject in &u.subjects[1..] {
            finding = finding.also(subject);
        }
        out.push(finding);
    }
}
