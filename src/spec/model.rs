//! The standards format: what one YAML file of `spec/` may contain.
//!
//! These types are the single description of the format. serde reads the YAML
//! into them (unknown keys are errors, so a typo never goes unnoticed),
//! schemars derives `guifan schema` from them, and their doc comments become
//! the schema's descriptions that editors show while completing.
//!
//! Every item is a list entry with an explicit `id`; references between
//! items are ids, resolved later by [`crate::spec::resolve`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::span::Sp;

/// What an id and a reference to one look like (`spec::id`'s rule).
const ID: &str = super::id::PATTERN;

/// One file of the spec. Every section is optional, so a standard can be split
/// across files as its owners like (one per chapter, one per kind of item…).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The standard (source document) that this file describes, if any.
    pub standard: Option<Sp<Standard>>,
    /// Business calendars: what a working day is, so that 0.5个工作日 and 2小时 compare.
    #[serde(default)]
    pub calendars: Vec<Sp<Calendar>>,
    /// Ordered priority scales (most urgent class first).
    #[serde(default)]
    pub priorities: Vec<Sp<PriorityScale>>,
    /// Posts and departments.
    #[serde(default)]
    pub roles: Vec<Sp<Role>>,
    /// Ordered processes made of steps.
    #[serde(default)]
    pub flows: Vec<Sp<Flow>>,
    /// Named time limits.
    #[serde(default)]
    pub limits: Vec<Sp<Limit>>,
    /// Hotline and on-site phrases, with forbidden phrases.
    #[serde(default)]
    pub scripts: Vec<Sp<Script>>,
    /// Checklists of items to verify.
    #[serde(default)]
    pub checklists: Vec<Sp<Checklist>>,
    /// Forms and records that steps produce.
    #[serde(default)]
    pub records: Vec<Sp<Record>>,
    /// Glossary entries.
    #[serde(default)]
    pub terms: Vec<Sp<Term>>,
    /// Quiz questions written by trainers (`guifan quiz` asks them as written).
    #[serde(default)]
    pub questions: Vec<Sp<Question>>,
}

/// A citation: `standard-id#clause-number`, e.g. `cmcc-network-complaint#2.1`.
pub type Citation = Sp<Cite>;

/// The text of a citation. Written as one string in YAML; exported as
/// `{"standard": …, "clause": …}` so that other tools need not split it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Cite(#[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*#.+$"))] pub String);

impl Cite {
    /// The standard id and the clause number, if the text has a `#`.
    pub fn parts(&self) -> Option<(&str, &str)> {
        self.0.split_once('#')
    }
}

impl Serialize for Cite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(2))?;
        match self.parts() {
            Some((standard, clause)) => {
                map.serialize_entry("standard", standard)?;
                map.serialize_entry("clause", clause)?;
            }
            None => map.serialize_entry("standard", &self.0)?,
        }
        map.end()
    }
}
/// A reference to another item by its id.
pub type Ref = Sp<String>;

/// Publication status of a standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force.
    Published,
    /// Trial version (试行).
    Trial,
    /// Draft (征求意见稿).
    Draft,
    /// Replaced by a later version.
    Superseded,
    /// The source does not say.
    Unknown,
}

/// A standards document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Path-safe ASCII id: lower-case letters, digits, `-` and `_`.
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// Title in Chinese, as the document gives it.
    pub title: Sp<String>,
    /// English title.
    pub title_en: Option<Sp<String>>,
    /// Who issued it (operator, department).
    pub issuer: Option<Sp<String>>,
    /// Version as the document gives it.
    pub version: Option<Sp<String>>,
    /// Date of issue, as precise as the document gives it (`2025`, `2025-03`, `2025-03-01`).
    pub date: Option<Sp<String>>,
    /// Publication status.
    pub status: Option<Sp<Status>>,
    /// The source capture this standard encodes (a file name of the seed documents).
    pub seed: Option<Sp<String>>,
    /// The business calendar that its working-time limits use (a calendar id).
    #[schemars(pattern(ID))]
    pub calendar: Option<Ref>,
    /// Markdown description.
    pub description: Option<Sp<String>>,
    /// Its clauses, in document order; items cite them as `standard-id#number`.
    #[serde(default)]
    pub clauses: Vec<Sp<Clause>>,
}

/// One clause (chapter, section, article) of a standard.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Clause number as cited: `2.1`, `第五条`, `4.2.3`.
    pub number: Sp<String>,
    /// Clause title.
    pub title: Sp<String>,
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// A business calendar: when work is done, so that a working-time limit
/// (0.5个工作日, 3个工作日) can be timed on the clock and compared with clock time.
/// Checked when the spec is resolved (`E011`); see docs/format.md.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Path-safe ASCII id; a standard names it in `calendar`.
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// Title in Chinese.
    pub title: Sp<String>,
    /// English title.
    pub title_en: Option<Sp<String>>,
    /// A bundled calendar this one builds on; its holidays and make-up days are
    /// added to this calendar's own. `cn-mainland`: mainland China's public
    /// holidays and make-up working days (2024–2026), from the State Council's notices.
    pub base: Option<Sp<String>>,
    /// The working hours of a working day, `HH:MM-HH:MM` in the calendar's time
    /// zone, in order and not overlapping (`["08:30-12:00", "13:30-17:30"]`);
    /// `24:00` is the end of the day.
    #[serde(default)]
    #[schemars(inner(regex(pattern = r"^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$")))]
    pub hours: Vec<Sp<String>>,
    /// The working time of one working day, in hours (more than 0, at most 24):
    /// what 1个工作日 is worth, so 0.5个工作日 is half of it. Derived from `hours`
    /// when omitted; must equal their sum when both are given. Without `hours`,
    /// work starts at 09:00 (8 hours: 09:00–17:00; over 15 hours: ends at 24:00).
    pub hours_per_day: Option<Sp<f64>>,
    /// The IANA time zone of the working hours and dates (default `Asia/Shanghai`).
    pub time_zone: Option<Sp<String>>,
    /// The working days of an ordinary week (at least one).
    pub working_days: Sp<Vec<Sp<Weekday>>>,
    /// Days off (ISO dates, `YYYY-MM-DD`) that would otherwise be working days:
    /// public holidays and the days off of a holiday period.
    #[serde(default)]
    #[schemars(inner(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")), transform = iso_dates)]
    pub holidays: Vec<Sp<String>>,
    /// Make-up working days (调休上班, ISO dates `YYYY-MM-DD`) that fall on
    /// days that are otherwise off. A date cannot be both a holiday and a make-up day.
    #[serde(default)]
    #[schemars(inner(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")), transform = iso_dates)]
    pub makeup_days: Vec<Sp<String>>,
    /// The clause that defines it (`standard-id#clause`).
    pub source: Option<Citation>,
    /// Markdown description: where its hours and days come from.
    pub description: Option<Sp<String>>,
}

/// An ordered set of priority classes, most urgent first
/// (重要投诉 > 一般投诉; 一级 > 二级 > 三级 > 四级).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityScale {
    /// The priority scale's id: lower-case ASCII letters, digits, `-` and `_`, unique among priority scales (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The priority scale's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// The classes, most urgent first.
    pub classes: Vec<Sp<PriorityClass>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the priority scale, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// One class of a priority scale.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityClass {
    /// Unique across all scales; limits name it in `scope.priority`.
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The priority class's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// More about the priority class, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// What kind of organisational unit a role is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// A post held by a person (营业员, 客服代表).
    Post,
    /// A department or office (客户服务部, 主导室).
    Department,
    /// A service centre of the organisation's hierarchy (省客户服务中心).
    Centre,
    /// A team formed for a task (联合处理小组).
    Team,
    /// Someone outside the organisation (客户, 代维厂家).
    External,
}

/// A post or department, with its duties.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The role's id: lower-case ASCII letters, digits, `-` and `_`, unique among roles (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The role's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// What kind of unit the role is (a post, a team, a department, a centre…).
    pub kind: Option<Sp<RoleKind>>,
    /// The role this one belongs to or reports to (a role id).
    #[schemars(pattern(ID))]
    pub parent: Option<Ref>,
    /// Its duties, one short paraphrase each.
    #[serde(default)]
    pub duties: Vec<Sp<String>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the role, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// An ordered process: complaint handling, business acceptance, fault repair.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// The flow's id: lower-case ASCII letters, digits, `-` and `_`, unique among flows (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The flow's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// The role accountable for the flow as a whole.
    #[schemars(pattern(ID))]
    pub owner: Option<Ref>,
    /// End-to-end time limits of the whole flow (limit ids), one per scope.
    #[serde(default)]
    #[schemars(inner(pattern(ID)))]
    pub limits: Vec<Ref>,
    /// Lint findings accepted here on purpose, each with its reason.
    #[serde(default)]
    pub allow: Vec<Sp<Allow>>,
    /// The steps; the first is where the flow starts.
    pub steps: Vec<Sp<Step>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the flow, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// One step of a flow.
///
/// Without `next` a step continues with the step below it, and the last step
/// ends the flow; `end: true` ends the flow at a step in the middle.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique within its flow.
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The step's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// The role that performs the step.
    #[schemars(pattern(ID))]
    pub owner: Option<Ref>,
    /// What is done, paraphrased.
    pub action: Option<Sp<String>>,
    /// Time limits of this step (limit ids), one per scope.
    #[serde(default)]
    #[schemars(inner(pattern(ID)))]
    pub limits: Vec<Ref>,
    /// Where the flow goes after this step; several entries make it a decision.
    #[serde(default)]
    pub next: Vec<Sp<Next>>,
    /// Whether the flow ends after this step.
    #[serde(default)]
    pub end: bool,
    /// What happens when the step overruns or fails.
    #[serde(default)]
    pub escalations: Vec<Sp<Escalation>>,
    /// Records the step produces (record ids).
    #[serde(default)]
    #[schemars(inner(pattern(ID)))]
    pub records: Vec<Ref>,
    /// A flow that carries out this step (a flow id).
    #[schemars(pattern(ID))]
    pub subflow: Option<Ref>,
    /// Lint findings accepted here on purpose, each with its reason.
    #[serde(default)]
    pub allow: Vec<Sp<Allow>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the step, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// A lint finding accepted on purpose: `{rule: SLA001, reason: …}`. The
/// reason is required, so that every exception is explained where it is made.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule code, e.g. `SLA001`.
    pub rule: Sp<String>,
    /// Why the finding is accepted.
    pub reason: Sp<String>,
}

/// A branch from one step to another.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Next {
    /// The step id to go to, in the same flow.
    #[schemars(pattern(ID))]
    pub to: Ref,
    /// The condition under which this branch is taken (重要客户, 能处理, 否).
    pub when: Option<Sp<String>>,
}

/// What fires when a step is not done in time or cannot be done.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// How long after the step starts the escalation fires (a duration: `1小时`).
    pub after: Option<Sp<DurationValue>>,
    /// The condition, in words (主导室无法解决故障).
    pub when: Option<Sp<String>>,
    /// What is done.
    pub action: Sp<String>,
    /// The scope it applies to (which priority class, customer tier…).
    #[serde(default)]
    pub scope: Scope,
    /// A flow started by the escalation.
    #[schemars(pattern(ID))]
    pub flow: Option<Ref>,
    /// A step of the same flow that the escalation moves to.
    #[schemars(pattern(ID))]
    pub to: Option<Ref>,
    /// Roles notified or drawn in.
    #[serde(default)]
    #[schemars(inner(pattern(ID)))]
    pub notify: Vec<Ref>,
    /// Its level in the step's chain of escalations, 1 first: a higher
    /// level must not fire before a lower one.
    pub level: Option<Sp<u32>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
}

/// A duration as written: Chinese text (`2小时`, `0.5个工作日`, `每季度至少一次`)
/// or a structured amount with a unit.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "expected a duration: text such as `2小时` or `0.5个工作日`, or `{amount: 2, unit: hours}`"
)]
pub enum DurationValue {
    /// As the standard writes it.
    Text(String),
    /// `{amount: 2, unit: hours}`.
    Structured(StructuredDuration),
}

/// A duration given as a number and a unit.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::duration::structured_schema)]
pub struct StructuredDuration {
    /// How many units: a positive number, at least a millisecond and at most 100 years in all.
    pub amount: f64,
    /// seconds, minutes, hours, days, working_hours, working_days, months or years.
    pub unit: String,
}

/// What kind of time limit a limit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// Something must be done within the duration (处理时限).
    Deadline,
    /// A first response or acknowledgement (响应, 初步回复).
    Response,
    /// A recurring duty (每季度至少一次, 每小时通报1次).
    Frequency,
    /// A date of the calendar (每月28日, 次月5日前).
    Anchor,
    /// How long something is kept or looked back on (最近3个月).
    Retention,
    /// A word that sets no measurable limit (及时, 立即, 第一时间).
    Vague,
}

/// The circumstances a limit applies to. Two limits on one metric with equal
/// scopes must agree.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// A priority class id (重要投诉, 一级).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(ID))]
    pub priority: Option<Ref>,
    /// Customer tier, in words (重要客户, 集团客户, 普通客户).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Sp<String>>,
    /// Whether other departments are involved (涉及外部门).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_departments: Option<Sp<bool>>,
    /// Service channel (热线, 营业厅, 在线, 上门).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Sp<String>>,
    /// Kind of business or problem (普通业务, 复杂业务, 设备故障).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business: Option<Sp<String>>,
    /// Any further condition, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<Sp<String>>,
}

/// A named time limit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// The limit's id: lower-case ASCII letters, digits, `-` and `_`, unique among limits (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The limit's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// What is timed, as a dotted ASCII name shared by the limits that time
    /// the same thing (`complaint.sorting`, `acceptance.ordinary`).
    pub metric: Sp<String>,
    /// The circumstances it applies to.
    #[serde(default)]
    pub scope: Scope,
    /// The duration, as written or structured.
    pub duration: Sp<DurationValue>,
    /// The kind of limit; inferred from the duration when omitted.
    pub kind: Option<Sp<LimitKind>>,
    /// The role responsible for meeting it (defaults to the owner of the step that uses it).
    #[schemars(pattern(ID))]
    pub owner: Option<Ref>,
    /// Where its clock starts: `start` (the start of the flow, so a step must
    /// be done within this time of the matter's start), or the id of another
    /// limit (counted from when what that limit times is done: a 回访 limit
    /// `from: <the resolution limit>`). Without it, a step's limit counts
    /// from the start of its step and a flow's from the start of the flow.
    #[schemars(pattern(ID))]
    pub from: Option<Ref>,
    /// Lint findings accepted here on purpose, each with its reason.
    #[serde(default)]
    pub allow: Vec<Sp<Allow>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the limit, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// Who speaks a line of a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Staff,
    Customer,
}

/// Phrases to use in a situation, and phrases never to use.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The script's id: lower-case ASCII letters, digits, `-` and `_`, unique among scripts (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The script's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// When the script applies (来电接听, 上门服务结束).
    pub situation: Option<Sp<String>>,
    /// The role that speaks it.
    #[schemars(pattern(ID))]
    pub owner: Option<Ref>,
    /// Service channel (热线, 营业厅, 上门).
    pub channel: Option<Sp<String>>,
    /// The dialogue, in order.
    #[serde(default)]
    pub lines: Vec<Sp<Line>>,
    /// Phrases that must not be said.
    #[serde(default)]
    pub forbidden: Vec<Sp<Forbidden>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the script, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// One line of a dialogue.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Who says the line: the staff member or the customer.
    pub speaker: Sp<Speaker>,
    /// What is said.
    pub text: Sp<String>,
}

/// A phrase that must not be said, and why.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Forbidden {
    /// The phrase that must not be used.
    pub text: Sp<String>,
    /// Why the phrase must not be used.
    pub reason: Option<Sp<String>>,
    /// What to say instead.
    pub instead: Option<Sp<String>>,
}

/// A list of things to verify.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// The checklist's id: lower-case ASCII letters, digits, `-` and `_`, unique among checklists (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The checklist's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// The role whose work is checked.
    #[schemars(pattern(ID))]
    pub owner: Option<Ref>,
    /// The flow it belongs to, if any.
    #[schemars(pattern(ID))]
    pub flow: Option<Ref>,
    /// The items to check, in the order they are checked.
    pub items: Vec<Sp<CheckItem>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the checklist, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// One item of a checklist.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckItem {
    /// Unique within its checklist.
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// What must hold.
    pub text: Sp<String>,
    /// The role that checks it.
    #[schemars(pattern(ID))]
    pub checker: Option<Ref>,
    /// What shows that it holds.
    pub evidence: Option<Sp<String>>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
}

/// A form or record (《客户投诉查询表》).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The record's id: lower-case ASCII letters, digits, `-` and `_`, unique among records (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The record's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// The role that keeps it.
    #[schemars(pattern(ID))]
    pub owner: Option<Ref>,
    /// What it records.
    #[serde(default)]
    pub fields: Vec<Sp<String>>,
    /// How long it is kept (a limit id).
    #[schemars(pattern(ID))]
    pub retention: Option<Ref>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
    /// More about the record, in Markdown (sanitised; remote images become links).
    pub description: Option<Sp<String>>,
}

/// A glossary entry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term's id: lower-case ASCII letters, digits, `-` and `_`, unique among terms (it becomes a file name of the site).
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The term's title, as the standard words it.
    pub title: Sp<String>,
    /// An English title, for the site's English interface and search.
    pub title_en: Option<Sp<String>>,
    /// The definition, paraphrased.
    pub definition: Sp<String>,
    /// The clause it comes from: `standard-id#clause-number`.
    pub source: Option<Citation>,
}

/// Dates of the calendar (`2026-10-01`) as JSON Schema's `date` format, so
/// that a schema validator refuses `2026-13-45` as the loader does (E011).
fn iso_dates(schema: &mut schemars::Schema) {
    let items = schema.get_mut("items").and_then(|i| i.as_object_mut());
    if let Some(items) = items {
        items.insert("format".into(), "date".into());
    }
}

/// A quiz question written by a trainer. `guifan quiz` asks it as written,
/// among the questions it generates; the answer must be one of the options.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question's id: lower-case ASCII letters, digits, `-` and `_`, unique among questions.
    #[schemars(pattern(ID))]
    pub id: Sp<String>,
    /// The question as asked.
    pub stem: Sp<String>,
    /// The options, at least two, all different; shown in an order drawn from `--seed`.
    pub options: Vec<Sp<String>>,
    /// The right option, written exactly as among `options`.
    pub answer: Sp<String>,
    /// Why the answer is right, shown after answering.
    pub explanation: Option<Sp<String>>,
    /// The clause it tests (`standard-id#clause`).
    pub source: Option<Citation>,
    /// The roles and flows it is for (ids), so `--role` and `--flow` find it.
    #[serde(default)]
    pub tags: QuestionTags,
    /// How hard it is: easy, medium (the default) or hard.
    pub difficulty: Option<Sp<QuestionDifficulty>>,
}

/// What an authored question is for.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionTags {
    /// Role ids.
    #[serde(default)]
    #[schemars(inner(pattern(ID)))]
    pub roles: Vec<Ref>,
    /// Flow ids.
    #[serde(default)]
    #[schemars(inner(pattern(ID)))]
    pub flows: Vec<Ref>,
}

/// How hard an authored question is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionDifficulty {
    Easy,
    Medium,
    Hard,
}
