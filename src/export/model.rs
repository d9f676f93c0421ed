//! The shape of the export, version 3. These types are its only
//! description: serde writes them, schemars derives the published schema
//! from them (their doc comments are its descriptions), and
//! `docs/export.md` explains them field by field.

use schemars::JsonSchema;
use serde::Serialize;

use super::EXPORT_VERSION;
use crate::spec::calendars::DEFAULT_TIME_ZONE;
use crate::spec::duration::{Duration, Quantity};
use crate::spec::kind::Kind;
use crate::spec::model::*;
use crate::spec::relations::{Owner, Via};
use crate::spec::resolve::LimitInfo;
use crate::spec::span::Sp;
use crate::spec::{Located, Spec};

/// The whole export.
#[derive(Serialize, JsonSchema)]
pub struct Export<'a> {
    /// The version of this format: 3.
    pub guifan_export: u32,
    pub standards: Vec<WithFile<'a, Standard>>,
    pub calendars: Vec<CalendarExport<'a>>,
    pub priorities: Vec<WithFile<'a, PriorityScale>>,
    pub roles: Vec<WithFile<'a, Role>>,
    pub flows: Vec<FlowExport<'a>>,
    pub limits: Vec<LimitExport<'a>>,
    pub scripts: Vec<WithFile<'a, Script>>,
    pub checklists: Vec<WithFile<'a, Checklist>>,
    pub records: Vec<WithFile<'a, Record>>,
    pub terms: Vec<WithFile<'a, Term>>,
    /// Quiz questions written by trainers.
    pub questions: Vec<WithFile<'a, Question>>,
}

/// An item as written, with the place it was defined, so tools can link back.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "{T}Export")]
pub struct WithFile<'a, T> {
    #[serde(flatten)]
    pub item: &'a T,
    /// The spec file, relative to the spec folder, `/`-separated.
    pub file: &'a str,
    /// The line the item starts on (1-based).
    pub line: u32,
}

/// A business calendar as written, with its defaults applied: what a tool
/// needs to time working hours without knowing the format's rules.
#[derive(Serialize, JsonSchema)]
pub struct CalendarExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<&'a str>,
    /// The bundled calendar it builds on (`cn-mainland`), as written.
    pub base: Option<&'a str>,
    /// Its working hours as written (`HH:MM-HH:MM`); empty when it gives
    /// only `hours_per_day` (work then starts at 09:00).
    pub hours: Vec<&'a str>,
    /// The working time of one working day, in hours: as written, or the
    /// sum of `hours`.
    pub hours_per_day: Option<f64>,
    /// Its IANA time zone: as written, or the default `Asia/Shanghai`.
    pub time_zone: &'a str,
    pub working_days: &'a [Sp<Weekday>],
    /// Its own holidays as written (a `base` adds its own).
    pub holidays: Vec<&'a str>,
    /// Its own make-up working days as written (a `base` adds its own).
    pub makeup_days: Vec<&'a str>,
    pub source: Option<&'a Cite>,
    pub description: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
}

/// Where a responsible role is named.
#[derive(Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwnerFrom {
    /// On the limit itself.
    Limit,
    /// On a step (its own, or for a limit the step that uses it).
    Step,
    /// On a flow (a step's flow, or a flow whose `limits` list the limit).
    Flow,
}

/// A flow, with every step's successors worked out.
#[derive(Serialize, JsonSchema)]
pub struct FlowExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<&'a str>,
    /// The role accountable for the flow as a whole, as written (a role id).
    pub owner: Option<&'a str>,
    /// End-to-end limits (limit ids).
    pub limits: Vec<&'a str>,
    /// Lint findings accepted here, each with its reason.
    pub allow: &'a [Sp<Allow>],
    pub steps: Vec<StepExport<'a>>,
    /// The step ids in reading order (the rows of its diagram): a
    /// topological order without the loops' back edges, ties in file order.
    pub order: Vec<&'a str>,
    /// The business calendar its working time is counted on (the calendar
    /// of the standard it cites), a calendar id.
    pub calendar: Option<&'a str>,
    pub source: Option<&'a Cite>,
    pub description: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
}

/// One step of a flow.
#[derive(Serialize, JsonSchema)]
pub struct StepExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<&'a str>,
    /// The role that performs it (the effective owner rule): its own
    /// `owner`, else its flow's; null when neither names a known role.
    pub owner: Option<&'a str>,
    /// Where `owner` is named: `step` or `flow`.
    pub owner_from: Option<OwnerFrom>,
    pub action: Option<&'a str>,
    /// Its limits (limit ids).
    pub limits: Vec<&'a str>,
    /// Every step that can follow, with the format's default applied (a step
    /// without `next` continues with the step below it).
    pub next: Vec<NextExport<'a>>,
    /// Whether the flow may end after it.
    pub end: bool,
    pub escalations: Vec<EscalationExport<'a>>,
    /// Records it produces (record ids).
    pub records: Vec<&'a str>,
    /// The flow that carries it out (a flow id).
    pub subflow: Option<&'a str>,
    pub allow: &'a [Sp<Allow>],
    pub source: Option<&'a Cite>,
    pub description: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
}

/// A way out of a step.
#[derive(Serialize, JsonSchema)]
pub struct NextExport<'a> {
    /// The step id it leads to.
    pub to: &'a str,
    /// The condition under which it is taken, as written; null for an
    /// unconditional or implicit successor.
    pub when: Option<&'a str>,
}

/// What fires when a step is not done in time or cannot be done.
#[derive(Serialize, JsonSchema)]
pub struct EscalationExport<'a> {
    /// How long after the step starts it fires, read; null without `after`.
    pub after: Option<DurationExport<'a>>,
    pub when: Option<&'a str>,
    pub action: &'a str,
    pub scope: &'a Scope,
    /// A flow it starts (a flow id).
    pub flow: Option<&'a str>,
    /// A step of the same flow it moves to (a step id).
    pub to: Option<&'a str>,
    /// Roles notified (role ids).
    pub notify: Vec<&'a str>,
    /// Its level in the step's chain, 1 first, as written.
    pub level: Option<u32>,
    pub source: Option<&'a Cite>,
}

/// A duration as written and as read.
#[derive(Serialize, JsonSchema)]
pub struct DurationExport<'a> {
    /// As the standard writes it.
    pub text: String,
    /// The reading in words, normalised (`每季度至少1次`); null when unreadable.
    pub reading: Option<String>,
    /// The reading by shape; null when unreadable.
    pub duration: Option<&'a Duration>,
    /// What it is compared by: a span's length, a range's upper end, a
    /// frequency's period, a retention window; null for calendar anchors and
    /// vague words.
    pub normalised: Option<Quantity>,
}

/// A time limit, with what resolving and the relations add.
#[derive(Serialize, JsonSchema)]
pub struct LimitExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<&'a str>,
    pub metric: &'a str,
    pub scope: &'a Scope,
    /// As written, or implied by the duration.
    pub kind: LimitKind,
    #[serde(flatten)]
    pub duration: DurationExport<'a>,
    /// The role responsible (the effective owner rule): its own `owner`,
    /// else the first role among those of the steps and flows that use it;
    /// null when nobody is (what SLA009 reports).
    pub owner: Option<&'a str>,
    /// Where `owner` is named: `limit`, `step` or `flow`.
    pub owner_from: Option<OwnerFrom>,
    /// Every role that must meet it (role ids), `owner` first.
    pub owners: Vec<&'a str>,
    /// Where its clock starts: `start` (the flow's start) or a limit id
    /// (when what that limit times is done); null: its step's or flow's start.
    pub from: Option<&'a str>,
    /// Lint findings accepted here, each with its reason.
    pub allow: &'a [Sp<Allow>],
    pub source: Option<&'a Cite>,
    pub description: Option<&'a str>,
    /// The flows (`flow.limits`) and steps that use it.
    pub used_by: Vec<UseExport<'a>>,
    /// The business calendar its working time is counted on (the calendar
    /// of the standard it cites), a calendar id.
    pub calendar: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
}

/// A flow or a step of a flow.
#[derive(Serialize, JsonSchema)]
pub struct UseExport<'a> {
    pub flow: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<&'a str>,
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

fn text<T: AsRef<str>>(s: &Option<Sp<T>>) -> Option<&str> {
    s.as_ref().map(|s| s.value.as_ref())
}

fn ids(refs: &[Ref]) -> Vec<&str> {
    refs.iter().map(|r| r.value.as_str()).collect()
}

fn cite(c: &Option<Citation>) -> Option<&Cite> {
    c.as_ref().map(|c| &c.value)
}

impl<'a> Export<'a> {
    pub fn new(spec: &'a Spec) -> Self {
        // Destructured, so that a new list is a compile error here.
        let Spec {
            sources: _,
            standards,
            calendars,
            priorities,
            roles,
            flows,
            limits,
            scripts,
            checklists,
            records,
            terms,
            questions,
            work_calendars: _,
            limit_info: _,
            escalation_after: _,
            relations: _,
            index: _,
        } = spec;
        let x = Exporter { spec };
        Export {
            guifan_export: EXPORT_VERSION,
            standards: with_file(standards),
            calendars: (0..calendars.len()).map(|c| x.calendar_export(c)).collect(),
            priorities: with_file(priorities),
            roles: with_file(roles),
            flows: (0..flows.len()).map(|f| x.flow(f)).collect(),
            limits: (0..limits.len()).map(|l| x.limit(l)).collect(),
            scripts: with_file(scripts),
            checklists: with_file(checklists),
            records: with_file(records),
            terms: with_file(terms),
            questions: with_file(questions),
        }
    }
}

/// Builds the parts of the export that read the relations.
struct Exporter<'a> {
    spec: &'a Spec,
}

impl<'a> Exporter<'a> {
    fn role(&self, owner: Option<Owner>) -> Option<&'a str> {
        owner.map(|o| self.spec.roles[o.role].id.value.as_str())
    }

    fn calendar(&self, calendar: Option<usize>) -> Option<&'a str> {
        calendar.map(|c| self.spec.calendars[c].id.value.as_str())
    }

    fn calendar_export(&self, c: usize) -> CalendarExport<'a> {
        let calendar = &self.spec.calendars[c];
        let work = self.spec.work_calendars.get(c).and_then(Option::as_ref);
        let derived = work.map(|w| w.seconds_per_day() as f64 / 3600.0);
        CalendarExport {
            id: &calendar.id,
            title: &calendar.title,
            title_en: text(&calendar.title_en),
            base: text(&calendar.base),
            hours: ids(&calendar.hours),
            hours_per_day: derived.or(calendar.hours_per_day.as_ref().map(|h| h.value)),
            time_zone: text(&calendar.time_zone).unwrap_or(DEFAULT_TIME_ZONE),
            working_days: &calendar.working_days,
            holidays: ids(&calendar.holidays),
            makeup_days: ids(&calendar.makeup_days),
            source: cite(&calendar.source),
            description: text(&calendar.description),
            file: &calendar.file,
            line: calendar.item.pos.line,
        }
    }

    fn owner_from(owner: Option<Owner>, declared: OwnerFrom) -> Option<OwnerFrom> {
        Some(match owner?.via {
            Via::Declared => declared,
            Via::Inherited(at) if at.kind == Kind::Flow => OwnerFrom::Flow,
            Via::Inherited(_) => OwnerFrom::Step,
        })
    }

    fn flow(&self, f: usize) -> FlowExport<'a> {
        let flow = &self.spec.flows[f];
        let rel = &self.spec.relations.flows[f];
        let step_id = |s: usize| flow.steps[s].id.value.as_str();
        FlowExport {
            id: &flow.id,
            title: &flow.title,
            title_en: text(&flow.title_en),
            owner: text(&flow.owner),
            limits: ids(&flow.limits),
            allow: &flow.allow,
            steps: (0..flow.steps.len()).map(|s| self.step(f, s)).collect(),
            order: rel.order.iter().map(|&s| step_id(s)).collect(),
            calendar: self.calendar(rel.calendar),
            source: cite(&flow.source),
            description: text(&flow.description),
            file: &flow.file,
            line: flow.item.pos.line,
        }
    }

    fn step(&self, f: usize, s: usize) -> StepExport<'a> {
        let flow = &self.spec.flows[f];
        let step = &flow.steps[s];
        let rel = &self.spec.relations.flows[f];
        let owner = rel.step_owners[s];
        let next = rel.graph.next[s].iter().map(|n| NextExport {
            to: &flow.steps[n.step].id,
            when: n.entry.and_then(|k| text(&step.next[k].when)),
        });
        let escalations = step.escalations.iter().enumerate().map(|(e, esc)| {
            let read = self.spec.escalation_after(f, s, e);
            EscalationExport {
                after: esc.after.as_ref().map(|a| duration(&a.value, read)),
                when: text(&esc.when),
                action: &esc.action,
                scope: &esc.scope,
                flow: text(&esc.flow),
                to: text(&esc.to),
                notify: ids(&esc.notify),
                level: esc.level.as_ref().map(|l| l.value),
                source: cite(&esc.source),
            }
        });
        StepExport {
            id: &step.id,
            title: &step.title,
            title_en: text(&step.title_en),
            owner: self.role(owner),
            owner_from: Self::owner_from(owner, OwnerFrom::Step),
            action: text(&step.action),
            limits: ids(&step.limits),
            next: next.collect(),
            end: rel.graph.exit[s],
            escalations: escalations.collect(),
            records: ids(&step.records),
            subflow: text(&step.subflow),
            allow: &step.allow,
            source: cite(&step.source),
            description: text(&step.description),
            file: &flow.file,
            line: step.pos.line,
        }
    }

    fn limit(&self, l: usize) -> LimitExport<'a> {
        let limit = &self.spec.limits[l];
        let info: &LimitInfo = &self.spec.limit_info[l];
        let rel = &self.spec.relations.limits[l];
        let first = rel.owners.first().copied();
        let used_by = rel.used_by.iter().map(|at| {
            let flow = &self.spec.flows[at.index];
            UseExport {
                flow: &flow.id,
                step: (at.kind == Kind::Step).then(|| flow.steps[at.part].id.value.as_str()),
            }
        });
        LimitExport {
            id: &limit.id,
            title: &limit.title,
            title_en: text(&limit.title_en),
            metric: &limit.metric,
            scope: &limit.scope,
            kind: info.kind,
            duration: duration(&limit.duration.value, info.duration.as_ref()),
            owner: self.role(first),
            owner_from: Self::owner_from(first, OwnerFrom::Limit),
            owners: rel
                .owners
                .iter()
                .filter_map(|&o| self.role(Some(o)))
                .collect(),
            from: text(&limit.from),
            allow: &limit.allow,
            source: cite(&limit.source),
            description: text(&limit.description),
            used_by: used_by.collect(),
            calendar: self.calendar(rel.calendar),
            file: &limit.file,
            line: limit.item.pos.line,
        }
    }
}

fn duration<'a>(written: &DurationValue, read: Option<&'a Duration>) -> DurationExport<'a> {
    DurationExport {
        text: crate::spec::resolve::duration_text(written),
        reading: read.map(ToString::to_string),
        duration: read,
        normalised: read.and_then(Duration::normalised),
    }
}
