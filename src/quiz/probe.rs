//! What a question asks of the model ([`Probe`]) and what its options stand
//! for ([`Value`]). Each kind's module judges its own probes: whether an
//! option is right, wrong, or not decided by the model (then it is never
//! offered).

use super::bank::Ctx;
use super::question::{Pair, normalise};
use super::{checklist, escalation, glossary, owner, script, sequence, time_limit};
use crate::spec::duration::Duration;
use crate::spec::scope::ScopeKey;
use crate::spec::timing::WorkingClock;

/// What an option stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A duration, as the site and the export read it.
    Duration(Duration),
    /// A role, by index.
    Role(usize),
    /// Roles together (an escalation notifies each of them).
    Roles(Vec<usize>),
    /// A step of a flow: (flow, step).
    Step(usize, usize),
    /// Steps of a flow in this order.
    Path(usize, Vec<usize>),
    /// A phrase, a duty, a checklist item, a definition.
    Text(String),
    /// 正确 / 错误.
    Bool(bool),
}

impl Value {
    pub fn text(&self, cx: &Ctx) -> String {
        let spec = cx.spec;
        match self {
            Value::Duration(d) => d.to_string(),
            Value::Role(r) => spec.roles[*r].title.value.clone(),
            Value::Roles(rs) => (rs.iter())
                .map(|r| spec.roles[*r].title.value.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            Value::Step(f, s) => spec.flows[*f].steps[*s].title.value.clone(),
            Value::Path(f, steps) => (steps.iter())
                .map(|s| spec.flows[*f].steps[*s].title.value.as_str())
                .collect::<Vec<_>>()
                .join(" → "),
            Value::Text(t) => t.clone(),
            Value::Bool(true) => "正确".to_owned(),
            Value::Bool(false) => "错误".to_owned(),
        }
    }

    /// Whether two options are surely different answers: they read
    /// differently and, for durations, the model decides that they differ
    /// (2小时 and 120分钟 are the same; 1个月 and 30天 are not decided).
    pub fn differs(&self, cx: &Ctx, other: &Value, probe: &Probe) -> bool {
        if normalise(&self.text(cx)) == normalise(&other.text(cx)) {
            return false;
        }
        match (self, other) {
            (Value::Duration(a), Value::Duration(b)) => {
                time_limit::relation(a, b, probe.clock(cx)) == Some(false)
            }
            _ => true,
        }
    }
}

/// What a question asks.
#[derive(Clone, Debug)]
pub enum Probe {
    /// The duration of the limits timing `metric` in `case`.
    Limit {
        metric: String,
        case: ScopeKey,
        /// The limit asked about, whose calendar counts working time.
        limit: usize,
    },
    /// Who performs step (flow, step).
    StepOwner(usize, usize),
    /// Which phrase is a duty of the role.
    Duty(usize),
    /// What follows step (flow, step).
    Next(usize, usize),
    /// Which order of steps of the flow is right.
    Order(usize),
    /// Whom escalation (flow, step, escalation) notifies.
    Notify(usize, usize, usize),
    /// When escalation (flow, step, escalation) fires.
    After(usize, usize, usize),
    /// Whether saying `text` in script `script` is right.
    Says { script: usize, text: String },
    /// Which phrase of script `script` is forbidden.
    Forbidden(usize),
    /// What to say instead of forbidden phrase `k` of script `script`.
    Instead(usize, usize),
    /// Which text is not an item of checklist `c`.
    NotOn(usize),
    /// What term `t` means.
    Meaning(usize),
    /// Match these terms to their definitions.
    Match(Vec<usize>),
    /// An authored question: its right option, as written.
    Authored { answer: String },
}

impl Probe {
    /// Whether `value` answers the probe rightly in the model; `None` when
    /// the model does not decide (such an option is never offered).
    pub fn judge(&self, cx: &Ctx, value: &Value) -> Option<bool> {
        match self {
            Probe::Limit { .. } | Probe::After(..) => time_limit::judge(cx, self, value),
            Probe::StepOwner(..) | Probe::Duty(_) => owner::judge(cx, self, value),
            Probe::Next(..) | Probe::Order(_) => sequence::judge(cx, self, value),
            Probe::Notify(..) => escalation::judge(cx, self, value),
            Probe::Says { .. } | Probe::Forbidden(_) | Probe::Instead(..) => {
                script::judge(cx, self, value)
            }
            Probe::NotOn(_) => checklist::judge(cx, self, value),
            Probe::Meaning(_) | Probe::Match(_) => glossary::judge(cx, self, value),
            Probe::Authored { answer } => match value {
                Value::Text(t) => Some(normalise(t) == normalise(answer)),
                _ => None,
            },
        }
    }

    /// The business calendar durations of this probe are compared on.
    pub fn clock<'c>(&self, cx: &'c Ctx) -> Option<&'c dyn WorkingClock> {
        match self {
            Probe::Limit { limit, .. } => cx.lint.clock(*limit),
            Probe::After(flow, ..) => cx.lint.flow_clock(*flow),
            _ => None,
        }
    }

    /// The pairs of a matching probe.
    pub fn pairs(&self, cx: &Ctx) -> Option<Vec<Pair>> {
        match self {
            Probe::Match(terms) => Some(glossary::pairs(cx, terms)),
            _ => None,
        }
    }
}
