//! Resolve: the parsed files → one [`Spec`], with every id indexed, every
//! reference checked, every duration normalised and every flow's graph
//! checked. What cannot be resolved becomes a diagnostic; the model keeps
//! the rest, so one mistake does not hide all the others.

use std::collections::{HashMap, HashSet};

use super::duration::{self, Duration, Quantity, Unit};
use super::load::Loaded;
use super::model::*;
use super::span::{Pos, Sp};
use super::{Located, Spec, id};
use crate::diag::{Diagnostic, Place, SourceMap, did_you_mean};

/// The units of the structured duration form, as YAML spells them.
const UNIT_NAMES: &[&str] = &[
    "seconds",
    "minutes",
    "hours",
    "days",
    "working_hours",
    "working_days",
    "months",
    "years",
];

/// The kinds of item a reference can name; each has its own id space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Standard,
    Calendar,
    PriorityScale,
    PriorityClass,
    Role,
    Flow,
    Limit,
    Script,
    Checklist,
    Record,
    Term,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Standard => "standard",
            Kind::Calendar => "calendar",
            Kind::PriorityScale => "priority scale",
            Kind::PriorityClass => "priority class",
            Kind::Role => "role",
            Kind::Flow => "flow",
            Kind::Limit => "limit",
            Kind::Script => "script",
            Kind::Checklist => "checklist",
            Kind::Record => "record",
            Kind::Term => "term",
        }
    }
}

/// Build the model from what the loader parsed, and report what does not
/// hold together.
pub fn resolve(loaded: Loaded) -> (Spec, Vec<Diagnostic>) {
    let mut spec = Spec {
        sources: loaded.sources,
        ..Spec::default()
    };
    for (file, parsed) in loaded.files {
        spec.absorb(&file, parsed);
    }
    let mut r = Resolver {
        diags: loaded.diagnostics,
        ids: HashMap::new(),
    };
    r.index(&spec);
    r.check_references(&spec);
    let limit_info = spec
        .limits
        .iter()
        .map(|l| r.limit_info(l, &spec.sources))
        .collect();
    spec.limit_info = limit_info;
    r.check_escalation_durations(&spec);
    r.check_flow_graphs(&spec);
    r.check_cycles(&spec);
    spec.index = r
        .ids
        .into_iter()
        .map(|(kind, ids)| (kind, ids.into_iter().map(|(id, (i, _))| (id, i)).collect()))
        .collect();
    crate::diag::sort(&mut r.diags);
    (spec, r.diags)
}

/// A structured duration `{amount, unit}` as a span, if the amount is a
/// positive finite number.
fn structured(amount: f64, unit: Unit) -> Option<Duration> {
    let exact = duration::Amount::approximate_float(amount)?;
    (amount > 0.0 && amount.is_finite()).then_some(Duration::Span {
        quantity: Quantity {
            amount: exact,
            unit,
        },
        within: false,
    })
}

/// The typed reading of a duration value, or `None` when it cannot be read
/// (the resolver reports why, as E008).
pub fn read_duration(value: &DurationValue) -> Option<Duration> {
    match value {
        DurationValue::Text(text) => duration::parse(text).ok(),
        DurationValue::Structured(s) => structured(s.amount, Unit::parse_name(&s.unit)?),
    }
}

/// A duration as its standard writes it, or as guifan renders a structured one.
pub fn duration_text(value: &DurationValue) -> String {
    match value {
        DurationValue::Text(text) => text.clone(),
        DurationValue::Structured(s) => read_duration(value)
            .map_or_else(|| format!("{} {}", s.amount, s.unit), |d| d.to_string()),
    }
}

/// What resolving found out about one limit.
#[derive(Debug, Clone)]
pub struct LimitInfo {
    /// The duration as written (or rendered from its structured form).
    pub text: String,
    /// The parsed duration; `None` when it could not be read (E008 given).
    pub duration: Option<Duration>,
    /// The declared kind, or the one the duration implies.
    pub kind: LimitKind,
}

struct Resolver {
    diags: Vec<Diagnostic>,
    /// Per kind: id → index of its first definition, and its place.
    ids: HashMap<Kind, HashMap<String, (usize, Place)>>,
}

impl Resolver {
    fn emit(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    /// Check an id's spelling and uniqueness within `scope`; record it.
    fn declare(&mut self, kind: Kind, id: &Sp<String>, file: &str, index: usize) {
        let place = Place::new(file, id.pos);
        if let Some(problem) = id::problem(&id.value) {
            self.emit(
                Diagnostic::new(
                    "E009",
                    place.clone(),
                    format!("unsafe {} id `{}`", kind.name(), id.value),
                )
                .with_label(problem)
                .with_help(format!(
                    "ids become file names; use lower-case ASCII, digits, `-` and `_`, e.g. `{}`",
                    id::suggestion(&id.value)
                )),
            );
        }
        let ids = self.ids.entry(kind).or_default();
        if let Some((_, first)) = ids.get(&id.value) {
            let first = first.clone();
            self.emit(
                Diagnostic::new(
                    "E004",
                    place,
                    format!("duplicate {} id `{}`", kind.name(), id.value),
                )
                .with_label("defined again here")
                .with_related(first, "first defined here")
                .with_help("give one of them another id"),
            );
        } else {
            ids.insert(id.value.clone(), (index, place));
        }
    }

    fn index(&mut self, spec: &Spec) {
        fn each<T>(
            r: &mut Resolver,
            kind: Kind,
            items: &[Located<T>],
            id: impl Fn(&T) -> &Sp<String>,
        ) {
            for (i, item) in items.iter().enumerate() {
                r.declare(kind, id(&item.item.value), &item.file, i);
            }
        }
        each(self, Kind::Standard, &spec.standards, |s| &s.id);
        each(self, Kind::Calendar, &spec.calendars, |c| &c.id);
        each(self, Kind::PriorityScale, &spec.priorities, |p| &p.id);
        each(self, Kind::Role, &spec.roles, |r| &r.id);
        each(self, Kind::Flow, &spec.flows, |f| &f.id);
        each(self, Kind::Limit, &spec.limits, |l| &l.id);
        each(self, Kind::Script, &spec.scripts, |s| &s.id);
        each(self, Kind::Checklist, &spec.checklists, |c| &c.id);
        each(self, Kind::Record, &spec.records, |r| &r.id);
        each(self, Kind::Term, &spec.terms, |t| &t.id);
        for (scale_index, scale) in spec.priorities.iter().enumerate() {
            for class in &scale.item.classes {
                self.declare(Kind::PriorityClass, &class.id, &scale.file, scale_index);
            }
        }
        // Ids local to one item: step ids in a flow, item ids in a
        // checklist, clause numbers in a standard.
        for flow in &spec.flows {
            self.declare_local(
                "step",
                flow.item.steps.iter().map(|s| &s.id),
                &flow.file,
                true,
            );
        }
        for list in &spec.checklists {
            self.declare_local(
                "checklist item",
                list.item.items.iter().map(|i| &i.id),
                &list.file,
                true,
            );
        }
        for std in &spec.standards {
            self.declare_local(
                "clause",
                std.item.clauses.iter().map(|c| &c.number),
                &std.file,
                false,
            );
        }
    }

    fn declare_local<'a>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = &'a Sp<String>>,
        file: &str,
        check_spelling: bool,
    ) {
        let mut seen: HashMap<&str, Pos> = HashMap::new();
        for id in ids {
            let place = Place::new(file, id.pos);
            if check_spelling && let Some(problem) = id::problem(&id.value) {
                self.emit(
                    Diagnostic::new(
                        "E009",
                        place.clone(),
                        format!("unsafe {what} id `{}`", id.value),
                    )
                    .with_label(problem)
                    .with_help(format!(
                        "use lower-case ASCII, digits, `-` and `_`, e.g. `{}`",
                        id::suggestion(&id.value)
                    )),
                );
            }
            if let Some(first) = seen.get(id.value.as_str()) {
                self.emit(
                    Diagnostic::new("E004", place, format!("duplicate {what} `{}`", id.value))
                        .with_label("defined again here")
                        .with_related(Place::new(file, *first), "first defined here"),
                );
            } else {
                seen.insert(&id.value, id.pos);
            }
        }
    }

    fn exists(&self, kind: Kind, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|ids| ids.contains_key(id))
    }

    /// Report `r` if it names no item of `kind`.
    fn reference(&mut self, kind: Kind, r: &Sp<String>, file: &str) {
        if self.exists(kind, &r.value) {
            return;
        }
        let candidates: Vec<&str> = self
            .ids
            .get(&kind)
            .map(|ids| ids.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let help = match did_you_mean(&r.value, candidates.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if candidates.is_empty() => format!("no {} is defined in this spec", kind.name()),
            None => format!(
                "define a {} with this id, or correct the reference",
                kind.name()
            ),
        };
        let diag = Diagnostic::new(
            "E005",
            Place::new(file, r.pos),
            format!("unknown {} `{}`", kind.name(), r.value),
        )
        .with_label(format!("no {} has this id", kind.name()))
        .with_help(help);
        self.emit(diag);
    }

    /// A citation `standard#clause`: both parts must exist.
    fn citation(&mut self, spec: &Spec, c: &Citation, file: &str) {
        let place = Place::new(file, c.pos);
        let Some((std_id, clause)) = c.value.parts() else {
            self.emit(
                Diagnostic::new(
                    "E005",
                    place,
                    format!("citation `{}` names no clause", c.value.0),
                )
                .with_label("expected `standard-id#clause`")
                .with_help(format!(
                    "write the clause after a `#`, e.g. `{}#2.1`",
                    c.value.0
                )),
            );
            return;
        };
        let found = self
            .ids
            .get(&Kind::Standard)
            .and_then(|ids| ids.get(std_id));
        let Some(&(index, _)) = found else {
            self.reference(Kind::Standard, &Sp::new(std_id.to_owned(), c.pos), file);
            return;
        };
        let standard = &spec.standards[index];
        if standard.clauses.iter().any(|cl| cl.number.value == clause) {
            return;
        }
        let numbers = standard.clauses.iter().map(|cl| cl.number.value.as_str());
        let help = match did_you_mean(clause, numbers) {
            Some(best) => format!("did you mean `{std_id}#{best}`?"),
            None => format!("add the clause to `{std_id}`'s `clauses`"),
        };
        self.emit(
            Diagnostic::new(
                "E005",
                place,
                format!("standard `{std_id}` has no clause `{clause}`"),
            )
            .with_label("no such clause")
            .with_help(help),
        );
    }

    fn check_references(&mut self, spec: &Spec) {
        let mut refs: Vec<(Kind, &Sp<String>, &str)> = Vec::new();
        let mut cites: Vec<(&Citation, &str)> = Vec::new();
        for s in &spec.standards {
            refs.extend(
                s.item
                    .calendar
                    .iter()
                    .map(|c| (Kind::Calendar, c, s.file.as_str())),
            );
        }
        macro_rules! cite {
            ($located:expr, $source:expr) => {
                if let Some(src) = $source {
                    cites.push((src, $located.file.as_str()));
                }
            };
        }
        for c in &spec.calendars {
            cite!(c, &c.item.source);
        }
        for p in &spec.priorities {
            cite!(p, &p.item.source);
        }
        for r in &spec.roles {
            cite!(r, &r.item.source);
            refs.extend(
                r.item
                    .parent
                    .iter()
                    .map(|p| (Kind::Role, p, r.file.as_str())),
            );
        }
        for f in &spec.flows {
            let file = f.file.as_str();
            cite!(f, &f.item.source);
            refs.extend(f.item.owner.iter().map(|o| (Kind::Role, o, file)));
            refs.extend(f.item.limits.iter().map(|l| (Kind::Limit, l, file)));
            for step in &f.item.steps {
                cite!(f, &step.source);
                refs.extend(step.owner.iter().map(|o| (Kind::Role, o, file)));
                refs.extend(step.limits.iter().map(|l| (Kind::Limit, l, file)));
                refs.extend(step.records.iter().map(|r| (Kind::Record, r, file)));
                refs.extend(step.subflow.iter().map(|s| (Kind::Flow, s, file)));
                for e in &step.escalations {
                    cite!(f, &e.source);
                    refs.extend(e.flow.iter().map(|x| (Kind::Flow, x, file)));
                    refs.extend(e.notify.iter().map(|x| (Kind::Role, x, file)));
                    refs.extend(
                        e.scope
                            .priority
                            .iter()
                            .map(|x| (Kind::PriorityClass, x, file)),
                    );
                }
            }
            self.check_step_refs(&f.item, file);
        }
        for l in &spec.limits {
            cite!(l, &l.item.source);
            refs.extend(
                l.item
                    .owner
                    .iter()
                    .map(|o| (Kind::Role, o, l.file.as_str())),
            );
            refs.extend(
                l.item
                    .scope
                    .priority
                    .iter()
                    .map(|p| (Kind::PriorityClass, p, l.file.as_str())),
            );
        }
        for s in &spec.scripts {
            cite!(s, &s.item.source);
            refs.extend(
                s.item
                    .owner
                    .iter()
                    .map(|o| (Kind::Role, o, s.file.as_str())),
            );
        }
        for c in &spec.checklists {
            let file = c.file.as_str();
            cite!(c, &c.item.source);
            refs.extend(c.item.owner.iter().map(|o| (Kind::Role, o, file)));
            refs.extend(c.item.flow.iter().map(|x| (Kind::Flow, x, file)));
            for item in &c.item.items {
                cite!(c, &item.source);
                refs.extend(item.checker.iter().map(|x| (Kind::Role, x, file)));
            }
        }
        for r in &spec.records {
            cite!(r, &r.item.source);
            refs.extend(
                r.item
                    .owner
                    .iter()
                    .map(|o| (Kind::Role, o, r.file.as_str())),
            );
            refs.extend(
                r.item
                    .retention
                    .iter()
                    .map(|x| (Kind::Limit, x, r.file.as_str())),
            );
        }
        for t in &spec.terms {
            cite!(t, &t.item.source);
        }
        for (kind, r, file) in refs {
            self.reference(kind, r, file);
        }
        for (c, file) in cites {
            self.citation(spec, c, file);
        }
    }

    /// `next[].to` and `escalation.to` name steps of the same flow.
    fn check_step_refs(&mut self, flow: &Flow, file: &str) {
        let ids: Vec<&str> = flow.steps.iter().map(|s| s.id.value.as_str()).collect();
        let targets = flow.steps.iter().flat_map(|s| {
            s.next
                .iter()
                .map(|n| &n.to)
                .chain(s.escalations.iter().filter_map(|e| e.to.as_ref()))
        });
        for to in targets {
            if ids.contains(&to.value.as_str()) {
                continue;
            }
            let help = match did_you_mean(&to.value, ids.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the steps of `{}` are: {}", flow.id.value, ids.join(", ")),
            };
            self.emit(
                Diagnostic::new(
                    "E005",
                    Place::new(file, to.pos),
                    format!("flow `{}` has no step `{}`", flow.id.value, to.value),
                )
                .with_label("no such step")
                .with_help(help),
            );
        }
    }

    /// Parse one duration; report it (E008) when it cannot be read.
    fn duration(
        &mut self,
        value: &Sp<DurationValue>,
        file: &str,
        sources: &SourceMap,
    ) -> Option<Duration> {
        match &value.value {
            DurationValue::Text(text) => match duration::parse(text) {
                Ok(d) => Some(d),
                Err(e) => {
                    // Point at the offending character: skip an opening quote.
                    let line = sources
                        .get(file)
                        .and_then(|f| f.line(value.pos.line))
                        .unwrap_or("");
                    let quoted = line
                        .chars()
                        .nth(value.pos.col.saturating_sub(1) as usize)
                        .is_some_and(|c| c == '"' || c == '\'');
                    let offset = u32::try_from(e.offset).unwrap_or(0) + u32::from(quoted);
                    let pos = Pos::new(value.pos.line, value.pos.col + offset);
                    let mut diag = Diagnostic::new(
                        "E008",
                        Place::new(file, pos),
                        format!("invalid duration `{text}`: {}", e.message),
                    );
                    if let Some(help) = e.help {
                        diag = diag.with_help(help);
                    }
                    self.emit(diag);
                    None
                }
            },
            DurationValue::Structured(s) => {
                let place = Place::new(file, value.pos);
                let Some(unit) = Unit::parse_name(&s.unit) else {
                    let names = UNIT_NAMES.iter().copied();
                    let help = match did_you_mean(&s.unit, names) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("units are: {}", UNIT_NAMES.join(", ")),
                    };
                    self.emit(
                        Diagnostic::new(
                            "E008",
                            place,
                            format!("unknown duration unit `{}`", s.unit),
                        )
                        .with_help(help),
                    );
                    return None;
                };
                match structured(s.amount, unit) {
                    Some(d) => Some(d),
                    _ => {
                        self.emit(
                            Diagnostic::new(
                                "E008",
                                place,
                                format!("invalid duration amount {}", s.amount),
                            )
                            .with_help("a time limit is a positive number"),
                        );
                        None
                    }
                }
            }
        }
    }

    fn limit_info(&mut self, limit: &Located<Limit>, sources: &SourceMap) -> LimitInfo {
        let l = &limit.item.value;
        let duration = self.duration(&l.duration, &limit.file, sources);
        let text = duration_text(&l.duration.value);
        let implied = match &duration {
            Some(Duration::Frequency { .. }) => LimitKind::Frequency,
            Some(Duration::Anchor { .. }) => LimitKind::Anchor,
            Some(Duration::Retention { .. }) => LimitKind::Retention,
            Some(Duration::Vague { .. }) => LimitKind::Vague,
            _ => LimitKind::Deadline,
        };
        LimitInfo {
            text,
            duration,
            kind: l.kind.as_ref().map_or(implied, |k| k.value),
        }
    }

    fn check_escalation_durations(&mut self, spec: &Spec) {
        for flow in &spec.flows {
            for step in &flow.item.steps {
                for e in &step.escalations {
                    if let Some(after) = &e.after {
                        self.duration(after, &flow.file, &spec.sources);
                    }
                }
            }
        }
    }

    /// E006 (a step no path reaches) and E007 (a loop no path leaves).
    /// A flow with an unresolved `next` is skipped: its E005 already says
    /// what is wrong, and its graph would only add echoes of it.
    fn check_flow_graphs(&mut self, spec: &Spec) {
        for flow in &spec.flows {
            let f = &flow.item.value;
            let file = flow.file.as_str();
            if f.steps.is_empty() {
                self.emit(
                    Diagnostic::new(
                        "E007",
                        Place::new(file, f.id.pos),
                        format!("flow `{}` has no steps", f.id.value),
                    )
                    .with_help("add at least one step under `steps:`"),
                );
                continue;
            }
            let graph = FlowGraph::new(f);
            if graph.unresolved {
                continue;
            }
            let reached = graph.reachable_from(&[0]);
            for (i, step) in f.steps.iter().enumerate() {
                if !reached[i] {
                    self.emit(
                        Diagnostic::new(
                            "E006",
                            Place::new(file, step.id.pos),
                            format!(
                                "step `{}` of flow `{}` is unreachable",
                                step.id.value, f.id.value
                            ),
                        )
                        .with_label("no path from the first step leads here")
                        .with_help("add a `next` entry that leads to this step, or remove it"),
                    );
                }
            }
            let can_end = graph.can_reach_end();
            // Steps that are reached, cannot end, and lie on a loop: the loop
            // that traps the flow (steps leading into it are not part of it).
            let trapped: Vec<usize> = (0..f.steps.len())
                .filter(|&i| reached[i] && !can_end[i] && graph.reachable_from(&graph.next[i])[i])
                .collect();
            if let Some(&first) = trapped.first() {
                let names: Vec<&str> = trapped
                    .iter()
                    .map(|&i| f.steps[i].id.value.as_str())
                    .collect();
                let mut diag = Diagnostic::new(
                    "E007",
                    Place::new(file, f.steps[first].id.pos),
                    format!("flow `{}` has a cycle with no exit: {}", f.id.value, names.join(" → ")),
                )
                .with_label("no path from here reaches an end")
                .with_help("mark the step that finishes the flow with `end: true`, or add a `next` that leaves the loop");
                for &i in trapped.iter().skip(1).take(3) {
                    diag =
                        diag.with_related(Place::new(file, f.steps[i].id.pos), "part of the loop");
                }
                self.emit(diag);
            }
        }
    }

    /// E007 for loops among items: flows that are their own sub-flows,
    /// roles that are their own parents. Each loop is reported once, at its
    /// member that comes first in the spec.
    fn check_cycles(&mut self, spec: &Spec) {
        let flows: Vec<(&str, Vec<&Sp<String>>)> = spec
            .flows
            .iter()
            .map(|f| {
                (
                    f.item.id.value.as_str(),
                    f.item
                        .steps
                        .iter()
                        .filter_map(|s| s.subflow.as_ref())
                        .collect(),
                )
            })
            .collect();
        let files: Vec<&str> = spec.flows.iter().map(|f| f.file.as_str()).collect();
        self.report_cycles(
            &flows,
            &files,
            "flows call each other as sub-flows",
            "a sub-flow must not lead back to the flow that contains it",
        );
        let roles: Vec<(&str, Vec<&Sp<String>>)> = spec
            .roles
            .iter()
            .map(|r| (r.item.id.value.as_str(), r.item.parent.iter().collect()))
            .collect();
        let files: Vec<&str> = spec.roles.iter().map(|r| r.file.as_str()).collect();
        self.report_cycles(
            &roles,
            &files,
            "roles are each other's parents",
            "a chain of `parent`s must end at a role with no parent",
        );
    }

    fn report_cycles(
        &mut self,
        nodes: &[(&str, Vec<&Sp<String>>)],
        files: &[&str],
        what: &str,
        help: &str,
    ) {
        let order: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let edges: HashMap<&str, Vec<&str>> = nodes
            .iter()
            .map(|(id, out)| (*id, out.iter().map(|e| e.value.as_str()).collect()))
            .collect();
        for (index, (id, out)) in nodes.iter().enumerate() {
            let Some(members) = cycle_from(id, &edges) else {
                continue;
            };
            if members
                .iter()
                .any(|m| order.get(m).is_some_and(|&o| o < index))
            {
                continue; // reported at an earlier member
            }
            let step = members.get(1).copied().unwrap_or(id);
            let Some(edge) = out.iter().find(|e| e.value == step) else {
                continue;
            };
            let mut path = members.clone();
            path.push(id);
            self.emit(
                Diagnostic::new(
                    "E007",
                    Place::new(files[index], edge.pos),
                    format!("{what}: {}", path.join(" → ")),
                )
                .with_label("this reference closes the loop")
                .with_help(help),
            );
        }
    }
}

/// The loop through `start`, if following `edges` from it comes back: the
/// members in order, starting with `start`.
fn cycle_from<'a>(start: &'a str, edges: &HashMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    // Iterative depth-first search keeping the current path, so a long
    // chain of parents cannot overflow the stack.
    let mut path: Vec<(&str, usize)> = vec![(start, 0)];
    let mut done: HashSet<&str> = HashSet::new();
    while let Some((node, child)) = path.last_mut() {
        let node = *node;
        let next = edges.get(node).and_then(|out| out.get(*child)).copied();
        *child += 1;
        match next {
            Some(n) if n == start => return Some(path.iter().map(|(n, _)| *n).collect()),
            Some(n) if !done.contains(n) && !path.iter().any(|(p, _)| *p == n) => path.push((n, 0)),
            Some(_) => {}
            None => {
                done.insert(node);
                path.pop();
            }
        }
    }
    None
}

/// The steps of a flow as a graph: who follows whom.
pub struct FlowGraph {
    /// Successors of each step, by index; unknown targets (E005) are left out.
    pub next: Vec<Vec<usize>>,
    /// Whether the flow may end after each step.
    pub exit: Vec<bool>,
    /// Whether some `next` names no step of the flow.
    pub unresolved: bool,
}

impl FlowGraph {
    pub fn new(flow: &Flow) -> Self {
        let index: HashMap<&str, usize> = flow
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.value.as_str(), i))
            .collect();
        let n = flow.steps.len();
        let mut next = Vec::with_capacity(n);
        let mut exit = Vec::with_capacity(n);
        let unresolved = flow
            .steps
            .iter()
            .flat_map(|s| &s.next)
            .any(|x| !index.contains_key(x.to.value.as_str()));
        for (i, step) in flow.steps.iter().enumerate() {
            let succ: Vec<usize> = if !step.next.is_empty() {
                step.next
                    .iter()
                    .filter_map(|x| index.get(x.to.value.as_str()).copied())
                    .collect()
            } else if step.end || i + 1 == n {
                Vec::new()
            } else {
                vec![i + 1]
            };
            exit.push(step.end || (step.next.is_empty() && i + 1 == n));
            next.push(succ);
        }
        FlowGraph {
            next,
            exit,
            unresolved,
        }
    }

    /// Which steps some path from `starts` reaches (the starts included).
    pub fn reachable_from(&self, starts: &[usize]) -> Vec<bool> {
        let mut seen = vec![false; self.next.len()];
        let mut stack = starts.to_vec();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(&self.next[i]);
            }
        }
        seen
    }

    /// Which steps have a path to a step that ends the flow.
    pub fn can_reach_end(&self) -> Vec<bool> {
        let n = self.next.len();
        let mut prev = vec![Vec::new(); n];
        for (i, succ) in self.next.iter().enumerate() {
            for &j in succ {
                prev[j].push(i);
            }
        }
        let mut ok = vec![false; n];
        let mut stack: Vec<usize> = (0..n).filter(|&i| self.exit[i]).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut ok[i], true) {
                stack.extend(&prev[i]);
            }
        }
        ok
    }
}
