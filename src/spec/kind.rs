//! The kinds of item a spec holds — the one list of them — and [`ItemRef`],
//! the address of an item (or of a part of one) in the resolved model.
//!
//! Everything that treats items alike (indexing ids, checking references,
//! citations, search, export, page listing) names a kind through [`Kind`],
//! so a new kind is one variant here and a compile error wherever a `match`
//! must decide what to do with it.

use serde::Serialize;

/// A kind of item. Parts (clauses, priority classes, steps, checklist
/// items) live inside an item of their [`Kind::parent`] kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Standard,
    Clause,
    Calendar,
    PriorityScale,
    PriorityClass,
    Role,
    Flow,
    Step,
    Limit,
    Script,
    Checklist,
    CheckItem,
    Record,
    Term,
    Question,
}

impl Kind {
    /// Every kind, in the order of the spec's sections.
    pub const ALL: [Kind; 15] = [
        Kind::Standard,
        Kind::Clause,
        Kind::Calendar,
        Kind::PriorityScale,
        Kind::PriorityClass,
        Kind::Role,
        Kind::Flow,
        Kind::Step,
        Kind::Limit,
        Kind::Script,
        Kind::Checklist,
        Kind::CheckItem,
        Kind::Record,
        Kind::Term,
        Kind::Question,
    ];

    /// The machine key: `priority_class`, as in the export and UI strings.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Standard => "standard",
            Kind::Clause => "clause",
            Kind::Calendar => "calendar",
            Kind::PriorityScale => "priority_scale",
            Kind::PriorityClass => "priority_class",
            Kind::Role => "role",
            Kind::Flow => "flow",
            Kind::Step => "step",
            Kind::Limit => "limit",
            Kind::Script => "script",
            Kind::Checklist => "checklist",
            Kind::CheckItem => "check_item",
            Kind::Record => "record",
            Kind::Term => "term",
            Kind::Question => "question",
        }
    }

    /// The kind in words, for messages: `priority class`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::PriorityScale => "priority scale",
            Kind::PriorityClass => "priority class",
            Kind::CheckItem => "checklist item",
            other => other.as_str(),
        }
    }

    /// The kind of item a part lives in; `None` for whole items.
    pub fn parent(self) -> Option<Kind> {
        match self {
            Kind::Clause => Some(Kind::Standard),
            Kind::PriorityClass => Some(Kind::PriorityScale),
            Kind::Step => Some(Kind::Flow),
            Kind::CheckItem => Some(Kind::Checklist),
            _ => None,
        }
    }

    /// Whether ids of this kind are unique across the spec (and can be
    /// referenced from anywhere), rather than within their parent only.
    /// Priority classes are parts whose ids are global: limits name them.
    pub fn global_ids(self) -> bool {
        self.parent().is_none() || self == Kind::PriorityClass
    }
}

/// Where an item is: its kind and its index in the spec's list of that kind;
/// for a part, the index of its parent item and its position within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub kind: Kind,
    /// The item's index, or its parent's for a part.
    pub index: usize,
    /// The part's position in its parent (0 for whole items).
    pub part: usize,
}

impl ItemRef {
    /// A whole item.
    pub const fn new(kind: Kind, index: usize) -> Self {
        ItemRef {
            kind,
            index,
            part: 0,
        }
    }

    /// A part of item `parent`.
    pub const fn part(kind: Kind, parent: usize, part: usize) -> Self {
        ItemRef {
            kind,
            index: parent,
            part,
        }
    }

    /// Step `step` of flow `flow`.
    pub const fn step(flow: usize, step: usize) -> Self {
        ItemRef::part(Kind::Step, flow, step)
    }

    /// The item a part belongs to (the item itself for whole items).
    pub fn whole(self) -> ItemRef {
        match self.kind.parent() {
            Some(parent) => ItemRef::new(parent, self.index),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_parts_have_whole_parents() {
        let keys: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(keys.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            if let Some(parent) = kind.parent() {
                assert_eq!(parent.parent(), None, "{kind:?}");
            }
        }
        assert_eq!(
            ItemRef::step(3, 1).whole(),
            ItemRef::new(Kind::Flow, 3),
            "a step belongs to its flow"
        );
    }
}
