//! Resolve: the parsed files → one [`Spec`], with every id indexed, every
//! reference checked, every calendar compiled, every duration normalised and
//! every flow's graph checked. What cannot be resolved becomes a diagnostic; the model keeps
//! the rest, so one mistake does not hide all the others.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::duration::{self, Duration, Quantity, Unit};
use super::graph::{self, FlowGraph};
use super::item::{Item, Visitor};
use super::kind::Kind;
use super::load::Loaded;
use super::model::*;
use super::relations::Relations;
use super::span::{Pos, Sp};
use super::{Located, Spec, calendars, id};
use crate::diag::{Diagnostic, Place, SourceMap, did_you_mean, i18n};
use crate::msg;

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

/// Build the model from what the loader parsed, and report what does not
/// hold together.
pub fn resolve(loaded: Loaded) -> (Spec, Vec<Diagnostic>) {
    let mut spec = Spec {
        sources: loaded.sources,
        ..Spec::default()
    };
    spec.reserve(&loaded.files);
    for (file, parsed) in loaded.files {
        spec.absorb(&file, parsed);
    }
    let mut r = Resolver {
        diags: loaded.diagnostics,
        ids: FxHashMap::default(),
    };
    r.index(&spec);
    spec.work_calendars = (spec.calendars.iter())
        .map(|c| calendars::compile(&c.item, &c.file, &mut r.diags))
        .collect();
    let limit_info = spec
        .limits
        .iter()
        .map(|l| r.limit_info(l, &spec.sources))
        .collect();
    spec.limit_info = limit_info;
    spec.escalation_after = r.escalation_durations(&spec);
    spec.index = (r.ids.iter())
        .map(|(kind, ids)| {
            (
                *kind,
                ids.iter().map(|(id, (i, _))| (id.clone(), *i)).collect(),
            )
        })
        .collect();
    // The relations and the checks of references and graphs read the model
    // as it now is, and nothing of each other: side by side.
    let (relations, ()) = rayon::join(
        || Relations::new(&spec),
        || {
            r.check_references(&spec);
            r.check_questions(&spec);
            r.check_flow_graphs(&spec);
            r.check_cycles(&spec);
        },
    );
    spec.relations = relations;
    crate::diag::sort(&mut r.diags);
    (spec, r.diags)
}

/// A structured duration `{amount, unit}` as a span, if the amount is a
/// positive finite number within the bounds of a limit (1 millisecond to
/// 100 years); else the help of its E008.
fn structured(amount: f64, unit: Unit) -> Result<Duration, String> {
    let positive = "a time limit is a positive number".to_string();
    let exact = duration::Amount::approximate_float(amount)
        .filter(|_| amount > 0.0 && amount.is_finite())
        .ok_or(positive)?;
    let quantity = Quantity {
        amount: exact,
        unit,
    };
    duration::check_bounds(&quantity).map_err(|e| e.help.unwrap_or(e.message))?;
    Ok(Duration::Span {
        quantity,
        within: false,
    })
}

/// The typed reading of a duration value, or `None` when it cannot be read
/// (the resolver reports why, as E008).
fn read_duration(value: &DurationValue) -> Option<Duration> {
    match value {
        DurationValue::Text(text) => duration::parse(text).ok(),
        DurationValue::Structured(s) => structured(s.amount, Unit::parse_name(&s.unit)?).ok(),
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
    ids: FxHashMap<Kind, FxHashMap<String, (usize, Place)>>,
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

    /// Record every id: items in their kind's id space, parts in their
    /// item's (priority classes, which limits name, in a global one).
    fn index(&mut self, spec: &Spec) {
        struct Declare<'r>(&'r mut Resolver);
        impl<'a> Visitor<'a> for Declare<'_> {
            fn list<T: Item>(&mut self, items: &'a [Located<T>]) {
                for (i, located) in items.iter().enumerate() {
                    let (item, file) = (&located.item.value, located.file.as_str());
                    self.0.declare(T::KIND, item.id(), file, i);
                    let parts = item.parts();
                    let Some(kind) = parts.first().map(|p| p.kind) else {
                        continue;
                    };
                    if kind.global_ids() {
                        for part in &parts {
                            self.0.declare(part.kind, part.id, file, i);
                        }
                    } else {
                        // Clause numbers are cited as written, never file names.
                        let spelled = kind != Kind::Clause;
                        let ids = parts.iter().map(|p| p.id);
                        self.0.declare_local(kind.name(), ids, file, spelled);
                    }
                }
            }
        }
        spec.visit(&mut Declare(self));
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
        let name = i18n::kind(kind);
        let help = match did_you_mean(&r.value, candidates.iter().copied()) {
            Some(best) => msg!("E005.did_you_mean", id = best),
            None if candidates.is_empty() => msg!("E005.none_defined", kind = @msg name.clone()),
            None => msg!("E005.define", kind = @msg name.clone()),
        };
        let diag = Diagnostic::new(
            "E005",
            Place::new(file, r.pos),
            msg!("E005.message", kind = @msg name.clone(), id = &r.value),
        )
        .with_label(msg!("E005.label", kind = @msg name))
        .with_help(help);
        self.emit(diag);
    }

    /// A citation `standard#clause`: both parts must exist.
    fn citation(&mut self, spec: &Spec, c: &Citation, file: &str) {
        let place = Place::new(file, c.pos);
        let Some((std_id, clause)) = c.value.parts() else {
            self.emit(
                Diagnostic::new("E005", place, msg!("E005.no_clause", citation = &c.value.0))
                    .with_label(msg!("E005.no_clause_label"))
                    .with_help(msg!("E005.no_clause_help", citation = &c.value.0)),
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
            Some(best) => msg!("E005.did_you_mean", id = format!("{std_id}#{best}")),
            None => msg!("E005.add_clause", standard = std_id),
        };
        self.emit(
            Diagnostic::new(
                "E005",
                place,
                msg!("E005.unknown_clause", standard = std_id, clause = clause),
            )
            .with_label(msg!("E005.unknown_clause_label"))
            .with_help(help),
        );
    }

    /// Every reference names an item of its kind, every citation a clause.
    fn check_references(&mut self, spec: &Spec) {
        struct Refs<'a>(Vec<(Kind, &'a Ref, &'a str)>);
        impl<'a> Visitor<'a> for Refs<'a> {
            fn list<T: Item>(&mut self, items: &'a [Located<T>]) {
                for located in items {
                    let mut refs = Vec::new();
                    located.item.value.references(&mut refs);
                    let file = located.file.as_str();
                    self.0
                        .extend(refs.into_iter().map(|(kind, r)| (kind, r, file)));
                }
            }
        }
        let mut refs = Refs(Vec::new());
        spec.visit(&mut refs);
        for (kind, r, file) in refs.0 {
            self.reference(kind, r, file);
        }
        for entry in spec.entries() {
            for c in entry.cites {
                self.citation(spec, c, entry.file);
            }
        }
        for f in &spec.flows {
            self.check_step_refs(&f.item, &f.file);
        }
    }

    /// `next[].to` and `escalation.to` name steps of the same flow.
    /// An authored question has at least two options, all different, and
    /// its answer is one of them (E002).
    fn check_questions(&mut self, spec: &Spec) {
        for q in &spec.questions {
            let place = |pos| Place::new(&q.file, pos);
            if q.options.len() < 2 {
                let d = Diagnostic::new(
                    "E002",
                    place(q.stem.pos),
                    "a question needs at least two options",
                )
                .with_help("list the options under `options:`, the right one among them");
                self.emit(d);
            }
            for (i, o) in q.options.iter().enumerate() {
                if let Some(first) = q.options[..i]
                    .iter()
                    .find(|p| p.value.trim() == o.value.trim())
                {
                    let d = Diagnostic::new(
                        "E002",
                        place(o.pos),
                        format!("option `{}` is listed twice", o.value),
                    )
                    .with_related(place(first.pos), "first listed here")
                    .with_help("each option must differ from the others");
                    self.emit(d);
                }
            }
            if !q
                .options
                .iter()
                .any(|o| o.value.trim() == q.answer.value.trim())
            {
                let options = q.options.iter().map(|o| o.value.as_str());
                let help = match crate::diag::did_you_mean(&q.answer.value, options) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "write the answer exactly as one of the options".to_owned(),
                };
                let d = Diagnostic::new(
                    "E002",
                    place(q.answer.pos),
                    format!("answer `{}` is not one of the options", q.answer.value),
                )
                .with_label("not among `options`")
                .with_help(help);
                self.emit(d);
            }
        }
    }

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
                    Ok(d) => Some(d),
                    Err(help) => {
                        self.emit(
                            Diagnostic::new(
                                "E008",
                                place,
                                format!("invalid duration amount {}", s.amount),
                            )
                            .with_help(help),
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

    /// Every escalation's `after`, read once (E008 when unreadable), by
    /// flow, step and escalation.
    fn escalation_durations(&mut self, spec: &Spec) -> Vec<Vec<Vec<Option<Duration>>>> {
        let mut all = Vec::with_capacity(spec.flows.len());
        for flow in &spec.flows {
            let steps = flow.item.steps.iter().map(|step| {
                let after = step.escalations.iter().map(|e| e.after.as_ref());
                after
                    .map(|a| a.and_then(|a| self.duration(a, &flow.file, &spec.sources)))
                    .collect()
            });
            all.push(steps.collect());
        }
        all
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
            let reached = graph.reachable_from([0]);
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
            let adj: Vec<Vec<usize>> = (0..f.steps.len())
                .map(|i| graph.successors(i).collect())
                .collect();
            let looping = graph::on_loop(&adj, &graph::components(&adj));
            let trapped: Vec<usize> = (0..f.steps.len())
                .filter(|&i| reached[i] && !can_end[i] && looping[i])
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

    /// One E007 per loop among `nodes` (id, references to other nodes),
    /// at its member that comes first in the spec; linear in the graph.
    fn report_cycles(
        &mut self,
        nodes: &[(&str, Vec<&Sp<String>>)],
        files: &[&str],
        what: &str,
        help: &str,
    ) {
        let mut order: HashMap<&str, usize> = HashMap::new();
        for (i, (id, _)) in nodes.iter().enumerate() {
            order.entry(*id).or_insert(i); // a duplicate id is E004's
        }
        let adj: Vec<Vec<usize>> = nodes
            .iter()
            .map(|(_, out)| {
                out.iter()
                    .filter_map(|e| order.get(e.value.as_str()).copied())
                    .collect()
            })
            .collect();
        let comp = graph::components(&adj);
        let looping = graph::on_loop(&adj, &comp);
        let mut reported = HashSet::new();
        for (index, (_, out)) in nodes.iter().enumerate() {
            if !looping[index] || !reported.insert(comp[index]) {
                continue; // not on a loop, or reported at an earlier member
            }
            let Some(members) = graph::loop_through(&adj, &comp, index) else {
                continue;
            };
            let next = nodes[*members.get(1).unwrap_or(&index)].0;
            let Some(edge) = out.iter().find(|e| e.value == next) else {
                continue;
            };
            let mut path: Vec<&str> = members.iter().map(|&m| nodes[m].0).collect();
            path.push(nodes[index].0);
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
