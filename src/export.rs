//! `guifan export --format json`: the resolved model for other tools.
//!
//! Items are the model as written (citations split into standard and
//! clause); limits add what resolving learnt: kind, the duration as written
//! and normalised, and where they are used.

use serde::Serialize;

use crate::spec::duration::{Duration, Unit};
use crate::spec::model::*;
use crate::spec::span::Sp;
use crate::spec::{Located, Spec};

/// Version of the export's shape; bumped when a field changes meaning.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    guifan_export: u32,
    standards: Vec<WithFile<'a, Standard>>,
    calendars: Vec<WithFile<'a, Calendar>>,
    priorities: Vec<WithFile<'a, PriorityScale>>,
    roles: Vec<WithFile<'a, Role>>,
    flows: Vec<WithFile<'a, Flow>>,
    limits: Vec<LimitExport<'a>>,
    scripts: Vec<WithFile<'a, Script>>,
    checklists: Vec<WithFile<'a, Checklist>>,
    records: Vec<WithFile<'a, Record>>,
    terms: Vec<WithFile<'a, Term>>,
}

/// An item with the place it was defined, so tools can link back.
#[derive(Serialize)]
struct WithFile<'a, T> {
    #[serde(flatten)]
    item: &'a T,
    file: &'a str,
    line: u32,
}

fn with_file<T>(items: &[Located<T>]) -> Vec<WithFile<'_, T>> {
    items
        .iter()
        .map(|l| WithFile {
            item: &l.item.value,
            file: &l.file,
            line: l.item.pos.line,
        })
        .collect()
}

#[derive(Serialize)]
struct LimitExport<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title_en: Option<&'a str>,
    metric: &'a str,
    scope: &'a Scope,
    kind: LimitKind,
    /// The duration as the standard writes it.
    text: &'a str,
    /// The normalised duration, where it has one.
    duration: Option<Normalised>,
    /// The typed reading of the duration.
    reading: Option<String>,
    owner: Option<&'a str>,
    source: Option<&'a Cite>,
    /// Where the limit is used: `flow` or `flow/step`.
    used_by: Vec<String>,
    file: &'a str,
    line: u32,
}

#[derive(Serialize)]
struct Normalised {
    amount: f64,
    unit: Unit,
    /// For ranges: the lower end, in the same unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
}

fn to_f64(a: crate::spec::duration::Amount) -> f64 {
    *a.numer() as f64 / *a.denom() as f64
}

fn normalised(d: &Duration) -> Option<Normalised> {
    let q = d.normalised()?;
    let min = match d {
        Duration::Range { min, .. } => Some(to_f64(min.amount)),
        _ => None,
    };
    Some(Normalised {
        amount: to_f64(q.amount),
        unit: q.unit,
        min,
    })
}

fn opt(s: &Option<Sp<String>>) -> Option<&str> {
    s.as_ref().map(|s| s.value.as_str())
}

/// Where each limit is used, by limit id.
fn usages(spec: &Spec) -> std::collections::HashMap<&str, Vec<String>> {
    let mut used: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for flow in &spec.flows {
        for l in &flow.limits {
            used.entry(&l.value)
                .or_default()
                .push(flow.id.value.clone());
        }
        for step in &flow.steps {
            for l in &step.limits {
                used.entry(&l.value)
                    .or_default()
                    .push(format!("{}/{}", flow.id.value, step.id.value));
            }
        }
    }
    used
}

/// The export as pretty JSON.
pub fn to_json(spec: &Spec) -> String {
    let used = usages(spec);
    let limits = spec
        .limits
        .iter()
        .zip(&spec.limit_info)
        .map(|(l, info)| LimitExport {
            id: &l.id.value,
            title: &l.title.value,
            title_en: opt(&l.title_en),
            metric: &l.metric.value,
            scope: &l.scope,
            kind: info.kind,
            text: &info.text,
            duration: info.duration.as_ref().and_then(normalised),
            reading: info.duration.as_ref().map(ToString::to_string),
            owner: opt(&l.owner),
            source: l.source.as_ref().map(|s| &s.value),
            used_by: used.get(l.id.value.as_str()).cloned().unwrap_or_default(),
            file: &l.file,
            line: l.item.pos.line,
        })
        .collect();
    let export = Export {
        guifan_export: EXPORT_VERSION,
        standards: with_file(&spec.standards),
        calendars: with_file(&spec.calendars),
        priorities: with_file(&spec.priorities),
        roles: with_file(&spec.roles),
        flows: with_file(&spec.flows),
        limits,
        scripts: with_file(&spec.scripts),
        checklists: with_file(&spec.checklists),
        records: with_file(&spec.records),
        terms: with_file(&spec.terms),
    };
    let mut out = serde_json::to_string_pretty(&export).expect("the model serialises to JSON");
    out.push('\n');
    out
}
