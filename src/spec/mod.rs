//! The standards model: load (files → typed items with positions), resolve
//! (ids, references, durations, flow graphs) and the resolved [`Spec`] that
//! every command reads.

pub mod calendar;
pub mod duration;
pub mod id;
pub mod load;
pub mod model;
pub mod resolve;
pub mod span;

use std::collections::HashMap;
use std::path::Path;

use crate::diag::{Diagnostic, SourceMap};
use model::*;
use resolve::{Kind, LimitInfo};
use span::Sp;

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
    /// What resolving learnt of each limit, parallel to `limits`.
    pub limit_info: Vec<LimitInfo>,
    /// Per kind, id → index of the item in its list (first definition).
    index: HashMap<Kind, HashMap<String, usize>>,
}

/// Load and resolve the spec under `root`: the one entry point of every
/// command. Returns the model and every diagnostic, sorted.
pub fn open(root: &Path) -> Result<(Spec, Vec<Diagnostic>), load::LoadError> {
    Ok(resolve::resolve(load::load(root)?))
}

impl Spec {
    fn absorb(&mut self, file: &str, parsed: SpecFile) {
        fn push<T>(to: &mut Vec<Located<T>>, file: &str, items: Vec<Sp<T>>) {
            to.extend(items.into_iter().map(|item| Located {
                file: file.to_owned(),
                item,
            }));
        }
        push(
            &mut self.standards,
            file,
            parsed.standard.into_iter().collect(),
        );
        push(&mut self.calendars, file, parsed.calendars);
        push(&mut self.priorities, file, parsed.priorities);
        push(&mut self.roles, file, parsed.roles);
        push(&mut self.flows, file, parsed.flows);
        push(&mut self.limits, file, parsed.limits);
        push(&mut self.scripts, file, parsed.scripts);
        push(&mut self.checklists, file, parsed.checklists);
        push(&mut self.records, file, parsed.records);
        push(&mut self.terms, file, parsed.terms);
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
}
