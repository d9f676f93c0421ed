//! What every kind of item has in common, so that the code that treats
//! items alike — indexing ids, checking references, gathering citations,
//! the search index, the export — is written once and iterates over
//! [`Spec::visit`] instead of naming every list.
//!
//! A kind of item is a model type that implements [`Item`]; its parts
//! (steps, clauses, classes, checklist items) come through [`Item::parts`].

use std::borrow::Cow;

use serde::Serialize;

use super::kind::{ItemRef, Kind};
use super::model::*;
use super::resolve::duration_text;
use super::span::{Pos, Sp};
use super::{Located, Spec};

/// A kind of item of the spec.
pub trait Item: Serialize {
    const KIND: Kind;
    fn id(&self) -> &Sp<String>;
    fn title(&self) -> &Sp<String>;
    /// The clause it cites.
    fn source(&self) -> Option<&Citation> {
        None
    }
    /// The ids it refers to, each with the kind of item it must name.
    /// References between parts of one item (`next.to`) are not included.
    fn references<'a>(&'a self, _out: &mut Vec<(Kind, &'a Ref)>) {}
    /// Its searchable text besides title and id, in reading order.
    fn words(&self) -> Vec<Cow<'_, str>>;
    /// Its parts, in order.
    fn parts(&self) -> Vec<Part<'_>> {
        Vec::new()
    }
    /// The searchable text of its part `k`, with its own title and id for
    /// context.
    fn part_words(&self, _k: usize) -> Vec<Cow<'_, str>> {
        Vec::new()
    }
}

/// The searchable text of an item or of one of its parts, read only when
/// asked for (the search index asks; resolving and relations do not).
pub trait Words {
    fn words_of(&self, part: Option<usize>) -> Vec<Cow<'_, str>>;
}

impl<T: Item> Words for T {
    fn words_of(&self, part: Option<usize>) -> Vec<Cow<'_, str>> {
        match part {
            None => self.words(),
            Some(k) => self.part_words(k),
        }
    }
}

/// A part of an item that has an id of its own.
pub struct Part<'a> {
    pub kind: Kind,
    pub id: &'a Sp<String>,
    pub title: &'a str,
    pub pos: Pos,
    /// The clauses it cites, its own and those of what has no address of
    /// its own inside it (a step's escalations).
    pub cites: Vec<&'a Citation>,
}

/// Something that looks at every list of items, one kind at a time.
pub trait Visitor<'a> {
    fn list<T: Item>(&mut self, items: &'a [Located<T>]);
}

impl Spec {
    /// Show every list of items to `v`, in the order of the spec's sections.
    pub fn visit<'a>(&'a self, v: &mut impl Visitor<'a>) {
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
        } = self;
        v.list(standards);
        v.list(calendars);
        v.list(priorities);
        v.list(roles);
        v.list(flows);
        v.list(limits);
        v.list(scripts);
        v.list(checklists);
        v.list(records);
        v.list(terms);
        v.list(questions);
    }

    /// Every item and part, in spec order, parents before their parts.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        let mut all = Entries {
            only: None,
            found: Vec::new(),
        };
        self.visit(&mut all);
        all.found
    }

    /// The item or part at `at`, if there is one.
    pub fn entry(&self, at: ItemRef) -> Option<Entry<'_>> {
        let mut one = Entries {
            only: Some(at),
            found: Vec::new(),
        };
        self.visit(&mut one);
        one.found.pop()
    }
}

/// Collects the entries of every item, or of the one item or part `only`.
struct Entries<'a> {
    only: Option<ItemRef>,
    found: Vec<Entry<'a>>,
}

impl<'a> Visitor<'a> for Entries<'a> {
    fn list<T: Item>(&mut self, items: &'a [Located<T>]) {
        let range = match self.only {
            None => 0..items.len(),
            Some(at) if at.whole().kind == T::KIND && at.index < items.len() => {
                at.index..at.index + 1
            }
            Some(_) => return,
        };
        for (located, i) in items[range.clone()].iter().zip(range) {
            let item = &located.item.value;
            let whole = ItemRef::new(T::KIND, i);
            if self.only.is_none_or(|at| at == whole) {
                self.found.push(Entry {
                    at: whole,
                    file: &located.file,
                    pos: located.item.pos,
                    id: item.id(),
                    title: &item.title().value,
                    cites: item.source().into_iter().collect(),
                    text: item,
                    part: None,
                });
            }
            for (k, part) in item.parts().into_iter().enumerate() {
                let at = ItemRef::part(part.kind, i, k);
                if self.only.is_none_or(|only| only == at) {
                    self.found.push(Entry {
                        at,
                        file: &located.file,
                        pos: part.pos,
                        id: part.id,
                        title: part.title,
                        cites: part.cites,
                        text: item,
                        part: Some(k),
                    });
                }
            }
        }
    }
}

/// An item or a part, where it is written, and what it says.
pub struct Entry<'a> {
    pub at: ItemRef,
    pub file: &'a str,
    pub pos: Pos,
    pub id: &'a Sp<String>,
    pub title: &'a str,
    pub cites: Vec<&'a Citation>,
    text: &'a dyn Words,
    part: Option<usize>,
}

impl<'a> Entry<'a> {
    /// Its searchable text besides title and id, in reading order.
    pub fn words(&self) -> Vec<Cow<'a, str>> {
        self.text.words_of(self.part)
    }
}

/// `id` and `title`, which every kind of item has.
macro_rules! named {
    () => {
        fn id(&self) -> &Sp<String> {
            &self.id
        }
        fn title(&self) -> &Sp<String> {
            &self.title
        }
    };
}

/// `id`, `title` and `source`, which every kind but the standard has.
macro_rules! named_and_cited {
    () => {
        named!();
        fn source(&self) -> Option<&Citation> {
            self.source.as_ref()
        }
    };
}

fn text(s: &Option<Sp<String>>) -> Option<Cow<'_, str>> {
    s.as_ref().map(|s| Cow::Borrowed(s.value.as_str()))
}

fn cite(c: &Option<Citation>) -> Option<Cow<'_, str>> {
    c.as_ref().map(|c| Cow::Borrowed(c.value.0.as_str()))
}

fn words<'a>(parts: impl IntoIterator<Item = Option<Cow<'a, str>>>) -> Vec<Cow<'a, str>> {
    parts.into_iter().flatten().collect()
}

fn refs<'a>(out: &mut Vec<(Kind, &'a Ref)>, kind: Kind, r: impl IntoIterator<Item = &'a Ref>) {
    out.extend(r.into_iter().map(|r| (kind, r)));
}

impl Item for Standard {
    const KIND: Kind = Kind::Standard;
    named!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Calendar, &self.calendar);
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w = words([
            text(&self.title_en),
            text(&self.issuer),
            text(&self.version),
            text(&self.date),
            text(&self.description),
        ]);
        w.extend(self.clauses.iter().map(|c| Cow::from(c.title.as_str())));
        w
    }
    fn parts(&self) -> Vec<Part<'_>> {
        self.clauses
            .iter()
            .map(|c| Part {
                kind: Kind::Clause,
                id: &c.number,
                title: &c.title,
                pos: c.pos,
                cites: Vec::new(),
            })
            .collect()
    }
    fn part_words(&self, _k: usize) -> Vec<Cow<'_, str>> {
        // The standard gives the clause its context.
        vec![Cow::from(self.title.as_str()), Cow::from(self.id.as_str())]
    }
}

impl Item for Calendar {
    const KIND: Kind = Kind::Calendar;
    named_and_cited!();
    fn words(&self) -> Vec<Cow<'_, str>> {
        words([text(&self.title_en), text(&self.description)])
    }
}

impl Item for PriorityScale {
    const KIND: Kind = Kind::PriorityScale;
    named_and_cited!();
    fn words(&self) -> Vec<Cow<'_, str>> {
        words([text(&self.title_en), text(&self.description)])
    }
    fn parts(&self) -> Vec<Part<'_>> {
        self.classes
            .iter()
            .map(|c| Part {
                kind: Kind::PriorityClass,
                id: &c.id,
                title: &c.title,
                pos: c.pos,
                cites: Vec::new(),
            })
            .collect()
    }
    fn part_words(&self, k: usize) -> Vec<Cow<'_, str>> {
        let c = &self.classes[k];
        words([text(&c.title_en), text(&c.description)])
    }
}

impl Item for Role {
    const KIND: Kind = Kind::Role;
    named_and_cited!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.parent);
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w: Vec<_> = self.duties.iter().map(|d| Cow::from(d.as_str())).collect();
        w.extend(words([
            text(&self.title_en),
            text(&self.description),
            cite(&self.source),
        ]));
        w
    }
}

impl Item for Flow {
    const KIND: Kind = Kind::Flow;
    named_and_cited!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.owner);
        refs(out, Kind::Limit, &self.limits);
        for step in &self.steps {
            refs(out, Kind::Role, &step.owner);
            refs(out, Kind::Limit, &step.limits);
            refs(out, Kind::Record, &step.records);
            refs(out, Kind::Flow, &step.subflow);
            for e in &step.escalations {
                refs(out, Kind::Flow, &e.flow);
                refs(out, Kind::Role, &e.notify);
                refs(out, Kind::PriorityClass, &e.scope.priority);
            }
        }
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w = words([
            text(&self.description),
            text(&self.title_en),
            cite(&self.source),
        ]);
        w.extend(self.steps.iter().map(|s| Cow::from(s.title.as_str())));
        w
    }
    fn parts(&self) -> Vec<Part<'_>> {
        self.steps
            .iter()
            .map(|s| Part {
                kind: Kind::Step,
                id: &s.id,
                title: &s.title,
                pos: s.pos,
                cites: s
                    .source
                    .iter()
                    .chain(s.escalations.iter().filter_map(|e| e.source.as_ref()))
                    .collect(),
            })
            .collect()
    }
    fn part_words(&self, k: usize) -> Vec<Cow<'_, str>> {
        let s = &self.steps[k];
        let mut w = words([text(&s.action)]);
        w.extend(s.next.iter().filter_map(|n| text(&n.when)));
        for e in &s.escalations {
            w.extend(text(&e.when));
            w.push(Cow::from(e.action.as_str()));
        }
        w.extend(words([
            text(&s.description),
            text(&s.title_en),
            cite(&s.source),
        ]));
        // The flow gives the step its context.
        w.extend([Cow::from(self.title.as_str()), Cow::from(self.id.as_str())]);
        w
    }
}

/// `from: start`: a limit counted from the start of its flow.
pub const FROM_START: &str = "start";

impl Item for Limit {
    const KIND: Kind = Kind::Limit;
    named_and_cited!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.owner);
        refs(out, Kind::PriorityClass, &self.scope.priority);
        let counted_from = self.from.iter().filter(|f| f.value != FROM_START);
        refs(out, Kind::Limit, counted_from);
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let duration = match &self.duration.value {
            DurationValue::Text(t) => Cow::from(t.as_str()),
            structured => Cow::from(duration_text(structured)),
        };
        let s = &self.scope;
        let mut w = vec![duration, Cow::from(self.metric.as_str())];
        w.extend(words([
            text(&s.priority),
            text(&s.customer),
            text(&s.channel),
            text(&s.business),
            text(&s.condition),
            text(&self.description),
            text(&self.title_en),
            cite(&self.source),
        ]));
        w
    }
}

impl Item for Script {
    const KIND: Kind = Kind::Script;
    named_and_cited!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.owner);
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w = words([text(&self.situation), text(&self.channel)]);
        w.extend(self.lines.iter().map(|l| Cow::from(l.text.as_str())));
        for f in &self.forbidden {
            w.push(Cow::from(f.text.as_str()));
            w.extend(words([text(&f.reason), text(&f.instead)]));
        }
        w.extend(words([
            text(&self.description),
            text(&self.title_en),
            cite(&self.source),
        ]));
        w
    }
}

impl Item for Checklist {
    const KIND: Kind = Kind::Checklist;
    named_and_cited!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.owner);
        refs(out, Kind::Flow, &self.flow);
        for item in &self.items {
            refs(out, Kind::Role, &item.checker);
        }
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w = Vec::new();
        for i in &self.items {
            w.push(Cow::from(i.text.as_str()));
            w.extend(text(&i.evidence));
        }
        w.extend(words([
            text(&self.description),
            text(&self.title_en),
            cite(&self.source),
        ]));
        w
    }
    fn parts(&self) -> Vec<Part<'_>> {
        self.items
            .iter()
            .map(|i| Part {
                kind: Kind::CheckItem,
                id: &i.id,
                title: &i.text,
                pos: i.pos,
                cites: i.source.iter().collect(),
            })
            .collect()
    }
    fn part_words(&self, k: usize) -> Vec<Cow<'_, str>> {
        let i = &self.items[k];
        words([text(&i.evidence), Some(Cow::from(self.title.as_str()))])
    }
}

impl Item for Record {
    const KIND: Kind = Kind::Record;
    named_and_cited!();
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.owner);
        refs(out, Kind::Limit, &self.retention);
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w: Vec<_> = self.fields.iter().map(|f| Cow::from(f.as_str())).collect();
        w.extend(words([
            text(&self.description),
            text(&self.title_en),
            cite(&self.source),
        ]));
        w
    }
}

impl Item for Term {
    const KIND: Kind = Kind::Term;
    named_and_cited!();
    fn words(&self) -> Vec<Cow<'_, str>> {
        words([
            Some(Cow::from(self.definition.as_str())),
            text(&self.title_en),
            cite(&self.source),
        ])
    }
}

impl Item for Question {
    const KIND: Kind = Kind::Question;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    /// A question's stem is its title.
    fn title(&self) -> &Sp<String> {
        &self.stem
    }
    fn source(&self) -> Option<&Citation> {
        self.source.as_ref()
    }
    fn references<'a>(&'a self, out: &mut Vec<(Kind, &'a Ref)>) {
        refs(out, Kind::Role, &self.tags.roles);
        refs(out, Kind::Flow, &self.tags.flows);
    }
    fn words(&self) -> Vec<Cow<'_, str>> {
        let mut w: Vec<_> = self.options.iter().map(|o| Cow::from(o.as_str())).collect();
        w.extend(words([text(&self.explanation), cite(&self.source)]));
        w
    }
}
