//! The standards model: load (files → typed items with positions), resolve
//! (ids, references, durations, flow graphs), relations (everything derived,
//! both ways, once) and the resolved [`Spec`] that every command reads.

pub mod calendars;
pub mod duration;
pub mod graph;
pub mod id;
pub mod item;
pub mod kind;
pub mod load;
pub mod model;
pub mod quick;
pub mod relations;
pub mod requirements;
pub mod resolve;
pub mod scope;
pub mod span;
pub mod timing;
pub mod worktime;

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::diag::{Diagnostic, SourceMap};
use duration::Duration;
use kind::Kind;
use model::*;
use relations::Relations;
use resolve::LimitInfo;
use span::Sp;
use worktime::WorkCalendar;

/// An item together with the spec file it was defined in.
#[derive(Debug)]
pub struct Located<T> {
    /// Path relative to the spec folder, `/`-separated.
    pub file: String,
    pub item: Sp<T>,
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.item.value
    }
}

/// The whole resolved spec. Items keep the order of their files (sorted by
/// path) and of their place in the file, so every output is deterministic.
#[derive(Debug, Default)]
pub struct Spec {
    pub sources: SourceMap,
    pub standards: Vec<Located<Standard>>,
    pub calendars: Vec<Located<Calendar>>,
    pub priorities: Vec<Located<PriorityScale>>,
    pub roles: Vec<Located<Role>>,
    pub flows: Vec<Located<Flow>>,
    pub limits: Vec<Located<Limit>>,
    pub scripts: Vec<Located<Script>>,
    pub checklists: Vec<Located<Checklist>>,
    pub records: Vec<Located<Record>>,
    pub terms: Vec<Located<Term>>,
    pub questions: Vec<Located<Question>>,
    /// Each calendar compiled for business-time arithmetic, parallel to
    /// `calendars` (`None` when it is invalid: E011 given).
    pub work_calendars: Vec<Option<WorkCalendar>>,
    /// What resolving learnt of each limit, parallel to `limits`.
    pub limit_info: Vec<LimitInfo>,
    /// Each escalation's `after`, read: by flow, step and escalation
    /// (`None` when it has none or it could not be read).
    pub escalation_after: Vec<Vec<Vec<Option<Duration>>>>,
    /// Everything derived from the items, both ways.
    pub relations: Relations,
    /// Per kind, id → index of the item in its list (first definition).
    pub(crate) index: FxHashMap<Kind, FxHashMap<String, usize>>,
}

/// Load and resolve the spec under `root`: the one entry point of every
/// command. Returns the model and every diagnostic, sorted.
pub fn open(root: &Path) -> Result<(Spec, Vec<Diagnostic>), load::LoadError> {
    open_with(root, None)
}

/// [`open`], with one file's text given rather than read (`check -`).
pub fn open_with(
    root: &Path,
    overlay: Option<load::Overlay>,
) -> Result<(Spec, Vec<Diagnostic>), load::LoadError> {
    Ok(resolve::resolve(load::load_with(root, overlay)?))
}

/// [`open`], parsing again only the files changed since the last call
/// with `memo` (see [`load::load_again`]).
pub fn open_again(
    root: &Path,
    memo: &mut load::Memo,
) -> Result<(Spec, Vec<Diagnostic>), load::LoadError> {
    Ok(resolve::resolve(load::load_again(root, memo)?))
}

impl Spec {
    /// Room for every item of `files` at once: growing the lists file by
    /// file copied them again and again (a tenth of a 10,000-file check's
    /// memory traffic).
    fn reserve(&mut self, files: &[(String, SpecFile)]) {
        let count = |of: fn(&SpecFile) -> usize| files.iter().map(|(_, f)| of(f)).sum::<usize>();
        self.standards
            .reserve(count(|f| usize::from(f.standard.is_some())));
        self.calendars.reserve(count(|f| f.calendars.len()));
        self.priorities.reserve(count(|f| f.priorities.len()));
        self.roles.reserve(count(|f| f.roles.len()));
        self.flows.reserve(count(|f| f.flows.len()));
        self.limits.reserve(count(|f| f.limits.len()));
        self.scripts.reserve(count(|f| f.scripts.len()));
        self.checklists.reserve(count(|f| f.checklists.len()));
        self.records.reserve(count(|f| f.records.len()));
        self.terms.reserve(count(|f| f.terms.len()));
        self.questions.reserve(count(|f| f.questions.len()));
    }

    fn absorb(&mut self, file: &str, parsed: SpecFile) {
        fn push<T>(to: &mut Vec<Located<T>>, file: &str, items: Vec<Sp<T>>) {
            to.extend(items.into_iter().map(|item| Located {
                file: file.to_owned(),
                item,
            }));
        }
        // Destructured, so that a new section is a compile error here.
        let SpecFile {
            standard,
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
        } = parsed;
        push(&mut self.standards, file, standard.into_iter().collect());
        push(&mut self.calendars, file, calendars);
        push(&mut self.priorities, file, priorities);
        push(&mut self.roles, file, roles);
        push(&mut self.flows, file, flows);
        push(&mut self.limits, file, limits);
        push(&mut self.scripts, file, scripts);
        push(&mut self.checklists, file, checklists);
        push(&mut self.records, file, records);
        push(&mut self.terms, file, terms);
        push(&mut self.questions, file, questions);
    }

    /// The position of the item of `kind` with `id` in its list.
    pub fn index_of(&self, kind: Kind, id: &str) -> Option<usize> {
        self.index.get(&kind)?.get(id).copied()
    }

    pub fn standard(&self, id: &str) -> Option<&Located<Standard>> {
        self.index_of(Kind::Standard, id)
            .map(|i| &self.standards[i])
    }

    pub fn calendar(&self, id: &str) -> Option<&Located<Calendar>> {
        self.index_of(Kind::Calendar, id)
            .map(|i| &self.calendars[i])
    }

    pub fn flow(&self, id: &str) -> Option<&Located<Flow>> {
        self.index_of(Kind::Flow, id).map(|i| &self.flows[i])
    }

    /// The relations of `flow`, an item of this spec.
    pub fn flow_relations(&self, flow: &Flow) -> Option<&relations::FlowRelations> {
        let is = |i: &usize| std::ptr::eq(&self.flows[*i].item.value, flow);
        // By id; a duplicate id (E004) is found by a scan.
        let i = (self.index_of(Kind::Flow, &flow.id.value).filter(is))
            .or_else(|| (0..self.flows.len()).find(is))?;
        self.relations.flows.get(i)
    }

    /// The `after` of escalation `e` of step `s` of flow `f`, read.
    pub fn escalation_after(&self, f: usize, s: usize, e: usize) -> Option<&Duration> {
        self.escalation_after.get(f)?.get(s)?.get(e)?.as_ref()
    }
}
