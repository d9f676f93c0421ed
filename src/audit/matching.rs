//! Which limits a record is audited against: every limit of its metric
//! (or of its flow's step, or its flow's end-to-end limits) whose scope
//! covers the record's, by the one coverage rule of `spec::scope` that the
//! lints use. Built once per run from the checked spec.

use std::collections::HashMap;

use jiff::tz::TimeZone;

use super::bad::BadKind;
use super::columns::Column;
use super::measure::Rule;
use super::records::Record;
use crate::diag::did_you_mean;
use crate::output::Checked;
use crate::spec::Spec;
use crate::spec::kind::Kind;
use crate::spec::scope::ScopeKey;

/// The limits of the spec, indexed for records.
pub struct Catalogue<'s> {
    pub spec: &'s Spec,
    by_metric: HashMap<&'s str, Vec<usize>>,
    /// Parallel to `spec.limits`.
    scopes: Vec<ScopeKey>,
    pub rules: Vec<Rule>,
    /// Parallel to `spec.limits`: the limits an SLA001 finding says it
    /// contradicts, with the finding's code.
    rivals: Vec<Vec<usize>>,
    /// Class ids and titles → the class's index in `class_ids`.
    classes: HashMap<&'s str, usize>,
    /// Every priority class, in spec order.
    pub class_ids: Vec<&'s str>,
}

/// Why a record cannot be matched: the kind, the column, the message, the help.
pub type Unmatched = (BadKind, Column, String, String);

/// A record's limits and the class it was read as (by index).
pub struct Matched {
    pub limits: Vec<usize>,
    pub class: Option<usize>,
}

/// The code of the finding that makes two limits ambiguous.
pub const CONFLICT: &str = "SLA001";

impl<'s> Catalogue<'s> {
    pub fn new(checked: &'s Checked, tz: &TimeZone) -> Catalogue<'s> {
        let spec = &checked.spec;
        let mut by_metric: HashMap<&str, Vec<usize>> = HashMap::new();
        for (l, limit) in spec.limits.iter().enumerate() {
            by_metric
                .entry(limit.metric.value.as_str())
                .or_default()
                .push(l);
        }
        let all = || spec.priorities.iter().flat_map(|p| &p.classes);
        let class_ids: Vec<&str> = all().map(|c| c.value.id.value.as_str()).collect();
        let mut classes = HashMap::new();
        for (i, class) in all().enumerate() {
            classes.entry(class.value.title.value.as_str()).or_insert(i);
            classes.insert(class.value.id.value.as_str(), i);
        }
        Catalogue {
            spec,
            by_metric,
            scopes: spec.limits.iter().map(|l| ScopeKey::of(&l.scope)).collect(),
            rules: (0..spec.limits.len())
                .map(|l| Rule::of(spec, l, tz))
                .collect(),
            rivals: rivals(checked),
            classes,
            class_ids,
        }
    }

    /// The limits `record` is audited against.
    pub fn limits(&self, record: &Record) -> Result<Matched, Unmatched> {
        let candidates = self.candidates(record)?;
        let class = match record.get(Column::Priority) {
            None => None,
            Some(p) => Some(self.classes.get(p).copied().ok_or_else(|| {
                let help = match did_you_mean(p, self.classes.keys().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the classes are {}", self.sorted_class_ids().join(", ")),
                };
                (
                    BadKind::UnknownPriority,
                    Column::Priority,
                    format!("unknown priority `{p}`"),
                    help,
                )
            })?),
        };
        let text = |c: Column| record.get(c).map(str::to_owned);
        let case = ScopeKey {
            priority: class.map(|c| self.class_ids[c].to_owned()),
            customer: text(Column::Customer),
            other_departments: record.other_departments,
            channel: text(Column::Channel),
            business: text(Column::Business),
            condition: text(Column::Condition),
        };
        let limits = candidates
            .into_iter()
            .filter(|&l| self.scopes[l].covers(&case))
            .collect();
        Ok(Matched { limits, class })
    }

    fn sorted_class_ids(&self) -> Vec<&str> {
        let mut ids = self.class_ids.clone();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The limits of the record's metric, or of its flow and step.
    fn candidates(&self, record: &Record) -> Result<Vec<usize>, Unmatched> {
        if let Some(metric) = record.get(Column::Metric) {
            return self.by_metric.get(metric).cloned().ok_or_else(|| {
                let help = match did_you_mean(metric, self.by_metric.keys().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "a metric is what a limit times (`metric:` in the spec), e.g. `network-complaint.sorting`".to_owned(),
                };
                (BadKind::UnknownMetric, Column::Metric, format!("unknown metric `{metric}`"), help)
            });
        }
        let flow_id = record.get(Column::Flow).unwrap_or_default();
        let spec = self.spec;
        let Some(flow) = spec.flow(flow_id) else {
            let ids = spec.flows.iter().map(|f| f.id.value.as_str());
            let help = did_you_mean(flow_id, ids).map_or_else(
                || "name a flow of the spec by its id".to_owned(),
                |best| format!("did you mean `{best}`?"),
            );
            return Err((
                BadKind::UnknownFlow,
                Column::Flow,
                format!("unknown flow `{flow_id}`"),
                help,
            ));
        };
        let refs = match record.get(Column::Step) {
            None => &flow.limits,
            Some(step_id) => match flow.steps.iter().find(|s| s.id.value == step_id) {
                Some(step) => &step.limits,
                None => {
                    let ids = flow.steps.iter().map(|s| s.id.value.as_str());
                    let help = did_you_mean(step_id, ids).map_or_else(
                        || {
                            format!(
                                "the steps of `{flow_id}` are {}",
                                flow.steps
                                    .iter()
                                    .map(|s| s.id.value.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        },
                        |best| format!("did you mean `{best}`?"),
                    );
                    return Err((
                        BadKind::UnknownStep,
                        Column::Step,
                        format!("flow `{flow_id}` has no step `{step_id}`"),
                        help,
                    ));
                }
            },
        };
        Ok(refs
            .iter()
            .filter_map(|r| spec.index_of(Kind::Limit, &r.value))
            .collect())
    }

    /// Whether limit `l` is contradicted by another limit among `applied`.
    pub fn ambiguous(&self, l: usize, applied: &[usize]) -> bool {
        self.rivals[l].iter().any(|r| applied.contains(r))
    }
}

/// For each limit, the limits SLA001 findings pair it with: a finding sits
/// at one limit's duration and names the other's as related.
fn rivals(checked: &Checked) -> Vec<Vec<usize>> {
    let spec = &checked.spec;
    let at: HashMap<(&str, u32, u32), usize> = (spec.limits.iter().enumerate())
        .map(|(l, limit)| {
            (
                (
                    limit.file.as_str(),
                    limit.duration.pos.line.max(1),
                    limit.duration.pos.col.max(1),
                ),
                l,
            )
        })
        .collect();
    let find = |p: &crate::diag::Place| at.get(&(p.file.as_str(), p.line, p.col)).copied();
    let mut rivals = vec![Vec::new(); spec.limits.len()];
    for d in checked.diagnostics.iter().filter(|d| d.code == CONFLICT) {
        let Some(a) = find(&d.place) else { continue };
        for b in d.related.iter().filter_map(|r| find(&r.place)) {
            rivals[a].push(b);
            rivals[b].push(a);
        }
    }
    rivals
}
