//! SLA lints: rules that find time limits which contradict each other.
//!
//! Each rule lives in its own module under [`rules`] with its code, name and
//! documentation (`docs/rules/CODE.md`, the text `guifan explain` prints and
//! the site shows). Rules read the resolved [`Spec`] through a [`Context`]
//! that indexes limits by metric and scope once, so every rule is linear in
//! the size of the spec: no rule compares all limits with all limits.
//!
//! Every rule always runs, and findings on an item that carries
//! `allow: [{rule, reason}]` are dropped (an allow that drops nothing is
//! itself reported, `SLA000`). Only then do levels apply: the rule's default
//! (warning), the config file (`guifan.toml` at the spec root), the command
//! line. So a rule that reads the others' work (SLA006 reports the
//! comparisons they could not make) says the same whatever is selected.

pub mod config;
mod context;
mod paths;
pub mod rules;

use std::collections::HashMap;

use rayon::prelude::*;

pub use config::{Level, LintConfig};
pub use context::Context;

use crate::diag::{Diagnostic, Place, Severity};
use crate::spec::Spec;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::Allow;
use crate::spec::span::Sp;

/// How the lints decide (`docs/semantics.md`): what `guifan explain
/// semantics` prints and the site shows beside the rules.
pub const SEMANTICS: &str = include_str!("../../docs/semantics.md");

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
    /// The level without configuration: `Allow` for a rule a project
    /// turns on (`guifan.toml`, `--select`).
    pub default: Level,
}

/// A finding before levels and suppressions apply: the diagnostic and the
/// items whose `allow:` may accept it (both members of a pair).
pub struct Finding {
    pub diag: Diagnostic,
    pub subjects: Vec<ItemRef>,
}

impl Finding {
    pub fn new(
        rule: &Rule,
        subject: ItemRef,
        place: Place,
        message: impl Into<crate::diag::i18n::Text>,
    ) -> Self {
        Finding {
            diag: Diagnostic::new(rule.code, place, message),
            subjects: vec![subject],
        }
    }

    /// More items whose `allow:` accepts the finding.
    pub fn also_all(self, subjects: &[ItemRef]) -> Self {
        subjects.iter().fold(self, |f, &s| f.also(s))
    }

    /// Another item whose `allow:` accepts the finding.
    pub fn also(mut self, subject: ItemRef) -> Self {
        if !self.subjects.contains(&subject) {
            self.subjects.push(subject);
        }
        self
    }

    pub fn label(mut self, label: impl Into<crate::diag::i18n::Text>) -> Self {
        self.diag = self.diag.with_label(label);
        self
    }

    pub fn help(mut self, help: impl Into<crate::diag::i18n::Text>) -> Self {
        self.diag = self.diag.with_help(help);
        self
    }

    /// The one sure mend, as an edit a tool can apply.
    pub fn suggest(mut self, suggestion: crate::diag::Suggestion) -> Self {
        self.diag = self.diag.with_suggestion(suggestion);
        self
    }

    pub fn related(mut self, place: Place, message: impl Into<crate::diag::i18n::Text>) -> Self {
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

/// Rules that compare no times, so that SLA006 reports nothing of theirs:
/// at level `allow` they do not run (SLA019 alone takes half a second at
/// 10,000 files). Every other rule runs, for SLA006 and for `allow:`
/// entries that name it.
const STANDALONE: [&Rule; 6] = [
    &rules::half_width_punctuation::RULE,
    &rules::vague_limit::RULE,
    &rules::unowned_limit::RULE,
    &rules::uncited_limit::RULE,
    &rules::superseded_source::RULE,
    &rules::response_not_marked::RULE,
];

/// Run the rules over `spec` and return the findings at their levels,
/// sorted, with suppressions applied and rules at level `allow` left out.
pub fn run(spec: &Spec, config: &LintConfig) -> Vec<Diagnostic> {
    let on = |rule: &Rule| {
        config.level(rule.code) != Level::Allow || !STANDALONE.iter().any(|s| s.code == rule.code)
    };
    let findings = findings_in(&Context::new(spec), on);
    let mut diags: Vec<Diagnostic> = suppress(spec, findings, on)
        .into_iter()
        .filter_map(|mut d| {
            d.severity = match config.level(d.code) {
                Level::Allow => return None,
                Level::Warning => Severity::Warning,
                Level::Error => Severity::Error,
            };
            Some(d)
        })
        .collect();
    crate::diag::sort(&mut diags);
    diags
}

/// Every finding of every rule with the items it is about, before `allow:`
/// and levels apply: for outputs that must know which facts the lints
/// question (the quiz asks nothing about a contradicted fact, accepted or not).
pub fn all_findings(spec: &Spec) -> Vec<Finding> {
    findings_in(&Context::new(spec), |_| true)
}

/// The findings of the rules `on` accepts, with a context the caller keeps,
/// so that its comparisons (business-calendar ranges) are worked out once
/// for both. The rules run side by side (each reads the spec and adds to
/// its own list); SLA006 reports the comparisons the others could not
/// decide, so it runs last.
pub fn findings_in(cx: &Context, on: impl Fn(&Rule) -> bool) -> Vec<Finding> {
    let (last, first): (Vec<&Rule>, Vec<&Rule>) = rules::ALL
        .iter()
        .filter(|r| on(r))
        .partition(|r| r.code == rules::calendar_ambiguous::RULE.code);
    let run = |(rank, rule): (usize, &&Rule)| {
        let mut found = Vec::new();
        if let Some(check) = rule.check {
            cx.as_rule(rank, || check(cx, &mut found));
        }
        found
    };
    let mut findings: Vec<Finding> = (first.par_iter().enumerate().map(run)).flatten().collect();
    findings.extend(last.iter().enumerate().flat_map(run));
    findings
}

/// An `allow:` entry of the spec, and whether it accepted a finding.
struct Allowed<'a> {
    allow: &'a Sp<Allow>,
    file: &'a str,
    used: bool,
}

/// Drop findings their subject allows; report allows that dropped nothing
/// (of the rules `ran` accepts: of the others nothing is known).
fn suppress(spec: &Spec, findings: Vec<Finding>, ran: impl Fn(&Rule) -> bool) -> Vec<Diagnostic> {
    let mut allows = allows(spec);
    let mut kept = Vec::new();
    for finding in findings {
        let code = finding.diag.code;
        // Every subject's matching allow counts as used: either may carry it.
        let mut accepted = false;
        for subject in &finding.subjects {
            let list = allows.get_mut(subject).into_iter().flatten();
            for allowed in list.filter(|a| a.allow.rule.value.eq_ignore_ascii_case(code)) {
                allowed.used = true;
                accepted = true;
            }
        }
        if !accepted {
            kept.push(finding.diag);
        }
    }
    for allowed in allows.into_values().flatten() {
        let rule = rule(&allowed.allow.rule.value);
        if !allowed.used && rule.is_none_or(&ran) {
            kept.push(rules::unused_allow::finding(allowed.allow, allowed.file));
        }
    }
    kept
}

/// Every `allow:` of the spec, by the item it is written on.
fn allows(spec: &Spec) -> HashMap<ItemRef, Vec<Allowed<'_>>> {
    let limits = spec.limits.iter().enumerate().map(|(i, limit)| {
        let at = ItemRef::new(Kind::Limit, i);
        (at, &limit.allow, limit.file.as_str())
    });
    let flows = spec.flows.iter().enumerate().flat_map(|(i, flow)| {
        let at = ItemRef::new(Kind::Flow, i);
        let steps = flow.steps.iter().enumerate();
        let steps =
            steps.map(move |(j, step)| (ItemRef::step(i, j), &step.allow, flow.file.as_str()));
        std::iter::once((at, &flow.allow, flow.file.as_str())).chain(steps)
    });
    let mut allows: HashMap<ItemRef, Vec<Allowed>> = HashMap::new();
    for (at, list, file) in limits.chain(flows) {
        let entries = allows.entry(at).or_default();
        entries.extend(list.iter().map(|allow| Allowed {
            allow,
            file,
            used: false,
        }));
    }
    allows
}

/// Every documented code, structural and lint, for the machine formats' rule lists.
pub fn all_rule_infos() -> Vec<crate::diag::RuleInfo> {
    let structural = crate::diag::codes::STRUCTURAL
        .iter()
        .map(|c| crate::diag::RuleInfo {
            id: c.code,
            name: c.name,
            summary: c.summary,
            doc: c.doc,
        });
    let lints = rules::ALL.iter().map(|r| crate::diag::RuleInfo {
        id: r.code,
        name: r.name,
        summary: r.summary,
        doc: r.doc,
    });
    structural.chain(lints).collect()
}
