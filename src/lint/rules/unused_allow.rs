//! SLA000: an `allow:` that accepts no finding.

use crate::diag::{Diagnostic, Place};
use crate::lint::Rule;
use crate::msg;
use crate::spec::model::Allow;
use crate::spec::span::Sp;

pub const RULE: Rule = Rule {
    code: "SLA000",
    name: "unused-allow",
    summary: "An `allow:` entry that accepts no finding.",
    doc: include_str!("../../../docs/rules/SLA000.md"),
    // Raised by the engine once suppressions have been applied.
    check: None,
    default: crate::lint::Level::Warning,
};

pub fn finding(allow: &Sp<Allow>, file: &str) -> Diagnostic {
    let rule = &allow.rule.value;
    let (message, help) = match crate::lint::rule(rule) {
        Some(_) => (msg!("SLA000.message", rule = rule), msg!("SLA000.help")),
        None => (
            msg!("SLA000.unknown", rule = rule),
            msg!("SLA000.unknown_help"),
        ),
    };
    Diagnostic::new(RULE.code, Place::new(file, allow.rule.pos), message)
        .with_label(msg!("SLA000.label"))
        .with_help(help)
}
