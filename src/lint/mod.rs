//! SLA lints: rules that find time limits which contradict each other.
//!
//! Each rule lives in its own module under [`rules`] with its code, name and
//! documentation (`docs/rules/CODE.md`, the text `guifan explain` prints and
//! the site shows). Rules read the resolved [`Spec`] through a [`Context`]
//! that indexes limits by metric and scope once, so every rule is linear in
//! the size of the spec: no rule compares all limits with all limits.
//!
//! Levels come from the rule's default (warning), then the config file
//! (`guifan.toml` at the spec root), then the command line; findings on an
//! item that carries `allow: [{rule, reason}]` are dropped, and an allow
//! that drops nothing is itself reported (`SLA000`).

pub mod config;
mod context;
pub mod rules;

use std::collections::HashMap;

pub use config::{Level, LintConfig};
pub use context::{Context, Subject};

use crate::diag::{Diagnostic, Place, Severity};
use crate::spec::Spec;
use crate::spec::model::Allow;
use crate::spec::span::Sp;

/// A lint rule: its identity, its documentation, and its check.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// The full Markdown documentation.
    pub doc: &'static str,
    /// `None` for the rule the engine raises itself (SLA000).
    pub check: Option<fn(&Context, &mut Vec<Finding>)>,
}

/// A finding before levels and suppressions apply: the diagnostic and the
/// item whose `allow:` may accept it.
pub struct Finding {
    pub diag: Diagnostic,
    pub subject: Subject,
}

impl Finding {
    pub fn new(rule: &Rule, subject: Subject, place: Place, message: impl Into<String>) -> Self {
        Finding {
            diag: Diagnostic::new(rule.code, place, message),
            subject,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.diag = self.diag.with_label(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.diag = self.diag.with_help(help);
        self
    }

    pub fn related(mut self, place: Place, message: impl Into<String>) -> Self {
        self.diag = self.diag.with_related(place, message);
        self
    }
}

/// Look a rule up by code (any case).
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules::ALL
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Run every enabled rule over `spec` and return the findings at their
/// levels, sorted, with suppressions applied.
pub fn run(spec: &Spec, config: &LintConfig) -> Vec<Diagnostic> {
    let cx = Context::new(spec);
    let mut findings = Vec::new();
    // The calendar rule reports the comparisons the others could not make,
    // so it runs after them.
    let (last, first): (Vec<&Rule>, Vec<&Rule>) = rules::ALL
        .iter()
        .filter(|r| config.level(r.code) != Level::Allow)
        .partition(|r| r.code == rules::calendar_ambiguous::RULE.code);
    for rule in first.into_iter().chain(last) {
        if let Some(check) = rule.check {
            check(&cx, &mut findings);
        }
    }
    let mut diags = suppress(spec, findings, config);
    for d in &mut diags {
        d.severity = match config.level(d.code) {
            Level::Error => Severity::Error,
            _ => Severity::Warning,
        };
    }
    crate::diag::sort(&mut diags);
    diags
}

/// An `allow:` entry of the spec, and whether it accepted a finding.
struct Allowed<'a> {
    allow: &'a Sp<Allow>,
    file: &'a str,
    used: bool,
}

/// Drop findings their subject allows; report allows that dropped nothing.
fn suppress(spec: &Spec, findings: Vec<Finding>, config: &LintConfig) -> Vec<Diagnostic> {
    // Every allow in the spec, by subject, with a "used" mark.
    let mut allows: HashMap<Subject, Vec<Allowed>> = HashMap::new();
    for (i, limit) in spec.limits.iter().enumerate() {
        for a in &limit.allow {
            allows.entry(Subject::Limit(i)).or_default().push(Allowed {
                allow: a,
                file: &limit.file,
                used: false,
            });
        }
    }
    for (i, flow) in spec.flows.iter().enumerate() {
        for a in &flow.allow {
            allows.entry(Subject::Flow(i)).or_default().push(Allowed {
                allow: a,
                file: &flow.file,
                used: false,
            });
        }
        for (j, step) in flow.steps.iter().enumerate() {
            for a in &step.allow {
                allows
                    .entry(Subject::Step(i, j))
                    .or_default()
                    .push(Allowed {
                        allow: a,
                        file: &flow.file,
                        used: false,
                    });
            }
        }
    }
    let mut kept = Vec::new();
    for finding in findings {
        let code = finding.diag.code;
        let matched = allows.get_mut(&finding.subject).and_then(|list| {
            list.iter_mut()
                .find(|a| a.allow.rule.value.eq_ignore_ascii_case(code))
        });
        match matched {
            Some(allowed) => allowed.used = true,
            None => kept.push(finding.diag),
        }
    }
    if config.level(rules::unused_allow::RULE.code) == Level::Allow {
        return kept;
    }
    for allowed in allows.into_values().flatten() {
        // An allow of a rule that did not run cannot have been used.
        let named = rule(&allowed.allow.rule.value);
        let skipped = named.is_some_and(|r| config.level(r.code) == Level::Allow);
        if !allowed.used && !skipped {
            kept.push(rules::unused_allow::finding(allowed.allow, allowed.file));
        }
    }
    kept
}

/// Every documented code, structural and lint, for SARIF's rule list.
pub fn all_rule_infos() -> Vec<crate::diag::sarif::RuleInfo> {
    let structural = crate::diag::codes::STRUCTURAL
        .iter()
        .map(|c| crate::diag::sarif::RuleInfo {
            id: c.code,
            name: c.name,
            summary: c.summary,
        });
    let lints = rules::ALL.iter().map(|r| crate::diag::sarif::RuleInfo {
        id: r.code,
        name: r.name,
        summary: r.summary,
    });
    structural.chain(lints).collect()
}
