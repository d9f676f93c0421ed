//! The pages of the site: which pages there are, where each is written, and
//! the data each template receives. One module per kind of page; this one
//! holds what they share (links, citations, durations as shown).
//!
//! Contexts are plain JSON values built from the resolved model: templates
//! only lay them out, so a theme override can change every word of markup
//! without knowing the model.

mod docs;
mod findings;
mod flow;
mod home;
mod lists;
mod practice;
mod role;
mod source;
mod standard;

use std::collections::BTreeMap;

pub use home::footer;

use serde_json::{Value, json};

pub use practice::Practice;

use super::theme::Lang;
use super::url;
use crate::diag::Diagnostic;
use crate::lint::LintConfig;
use crate::spec::duration::{Duration, Unit};
use crate::spec::item::{Item, Visitor};
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::*;
use crate::spec::span::Sp;
use crate::spec::{Located, Spec};

/// One page of the site.
#[derive(Clone, Copy, Debug)]
pub enum Page {
    Home,
    Standards,
    Roles,
    Flows,
    Limits,
    Scripts,
    Checklists,
    Records,
    Glossary,
    Findings,
    Rules,
    /// The page of an item whose kind has one (see [`item_page`]).
    Item(ItemRef),
    Rule(&'static str, &'static str),
    /// A spec file, by index in the source map.
    Source(usize),
    /// The index of the practice quizzes.
    Quizzes,
    /// The practice quiz of a role or a flow.
    Quiz(ItemRef),
}

/// How a page is made from one item: its template and its data.
type ItemPage = (&'static str, fn(&Site, usize) -> Value);

/// The page of an item of `kind`; `None` for kinds shown on other pages
/// (limits in the limit table, steps on their flow's page…).
fn item_page(kind: Kind) -> Option<ItemPage> {
    match kind {
        Kind::Standard => Some(("standard.html", standard::page)),
        Kind::Role => Some(("role.html", role::page)),
        Kind::Flow => Some(("flow.html", flow::page)),
        Kind::Script => Some(("script.html", lists::script)),
        Kind::Checklist => Some(("checklist.html", lists::checklist)),
        Kind::Clause
        | Kind::Calendar
        | Kind::PriorityScale
        | Kind::PriorityClass
        | Kind::Step
        | Kind::Limit
        | Kind::CheckItem
        | Kind::Record
        | Kind::Term
        | Kind::Question => None,
    }
}

/// The list of a page too long to hold whole: a row per limit, per finding,
/// hundreds of megabytes at 10,000 files as JSON and as much again as the
/// template's context. The page's data leaves the rows out; the renderer
/// makes them, lays them out with `template` and frees them a slice at a
/// time (see `site::render`).
pub struct Rows<'s> {
    /// Where the page's template expects the whole list.
    pub key: &'static str,
    /// The partial the page's template includes to lay out the list; it
    /// reads the rows under `key`.
    pub template: &'static str,
    pub len: usize,
    row: Box<dyn Fn(usize) -> Value + Sync + 's>,
}

impl<'s> Rows<'s> {
    fn new(
        key: &'static str,
        template: &'static str,
        len: usize,
        row: impl Fn(usize) -> Value + Sync + 's,
    ) -> Self {
        Rows {
            key,
            template,
            len,
            row: Box::new(row),
        }
    }

    /// The rows of `range`, made now.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Vec<Value> {
        range.map(&self.row).collect()
    }
}

/// Everything the pages are made from.
pub struct Site<'a> {
    pub spec: &'a Spec,
    pub strings: &'a BTreeMap<String, String>,
    pub lang: Lang,
    /// Every finding: resolve diagnostics and lints.
    pub diags: &'a [Diagnostic],
    pub config: &'a LintConfig,
    /// Keep images from outside the site (`[site] remote_images`).
    pub remote_images: bool,
    /// Each limit's contradictions, read from `diags` once (see
    /// [`findings::limit_conflicts`]).
    pub conflicts: std::sync::OnceLock<Vec<Vec<Value>>>,
    /// The first standard of each folder, by folder (see
    /// [`Site::standard_of`]), made once: asked for every role, flow and
    /// limit, a scan of the standards each time was quadratic.
    pub folders: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
    /// The questions of the practice quizzes.
    pub practice: &'a Practice,
}

/// The folder of a spec file (`""` at the top).
fn folder(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `page` with long lists moved in: `json!` serialises what it is given, a
/// deep copy that doubles a long list's memory while the page is made (the
/// home page's limits of every flow: 65 MB more at 10,000 files).
fn with_lists<const N: usize>(mut page: Value, lists: [(&str, Vec<Value>); N]) -> Value {
    for (key, list) in lists {
        page[key] = Value::Array(list);
    }
    page
}

/// A reference to no limit, as a limit: its bare id, linking nowhere.
fn unresolved_limit(r: &Ref) -> Value {
    json!({"id": r.value, "title": r.value, "text": "", "url": null})
}

/// A limit kind's name as the spec writes it (`deadline`, `response`…).
fn limit_kind(kind: LimitKind) -> String {
    (serde_json::to_value(kind).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl<'a> Site<'a> {
    /// Every page, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        struct ItemPages(Vec<Page>);
        impl<'s> Visitor<'s> for ItemPages {
            fn list<T: Item>(&mut self, items: &'s [Located<T>]) {
                if item_page(T::KIND).is_some() {
                    let pages = (0..items.len()).map(|i| Page::Item(ItemRef::new(T::KIND, i)));
                    self.0.extend(pages);
                }
            }
        }
        let mut pages = ItemPages(vec![
            Page::Home,
            Page::Standards,
            Page::Roles,
            Page::Flows,
            Page::Limits,
            Page::Scripts,
            Page::Checklists,
            Page::Records,
            Page::Glossary,
            Page::Findings,
            Page::Rules,
        ]);
        self.spec.visit(&mut pages);
        let mut pages = pages.0;
        pages.extend(
            docs::all(self.lang)
                .into_iter()
                .map(|(code, doc)| Page::Rule(code, doc)),
        );
        pages.extend((0..self.spec.sources.files().len()).map(Page::Source));
        pages.push(Page::Quizzes);
        pages.extend(self.practice.quizzes().into_iter().map(Page::Quiz));
        pages
    }

    /// Where the page is written, relative to the site root.
    pub fn path(&self, page: Page) -> String {
        match page {
            Page::Home => "index.html".into(),
            Page::Standards => "standards/index.html".into(),
            Page::Roles => "roles/index.html".into(),
            Page::Flows => "flows/index.html".into(),
            Page::Limits => "limits.html".into(),
            Page::Scripts => "scripts/index.html".into(),
            Page::Checklists => "checklists/index.html".into(),
            Page::Records => "records.html".into(),
            Page::Glossary => "glossary.html".into(),
            Page::Findings => "findings.html".into(),
            Page::Rules => "rules/index.html".into(),
            Page::Item(at) => url::of(self.spec, at).expect("pages() lists items that have a page"),
            Page::Rule(code, _) => url::rule(code),
            Page::Source(i) => url::source_page(&self.spec.sources.files()[i].path),
            Page::Quizzes => url::quizzes(),
            Page::Quiz(at) => practice::path(self, at),
        }
    }

    /// The template and the data of a page, and the rows of its long list
    /// when it has one (they are not in the data).
    pub fn context(&self, page: Page) -> (&'static str, Value, Option<Rows<'_>>) {
        let short = |template, data| (template, data, None);
        match page {
            Page::Home => short("index.html", home::home(self)),
            Page::Standards => short("list.html", lists::standards(self)),
            Page::Roles => short("list.html", lists::roles(self)),
            Page::Flows => short("list.html", lists::flows(self)),
            Page::Limits => {
                let (data, rows) = lists::limits(self);
                ("limits.html", data, Some(rows))
            }
            Page::Scripts => short("list.html", lists::scripts(self)),
            Page::Checklists => short("list.html", lists::checklists(self)),
            Page::Records => short("records.html", lists::records(self)),
            Page::Glossary => short("glossary.html", lists::glossary(self)),
            Page::Findings => {
                let (data, rows) = findings::page(self);
                ("findings.html", data, Some(rows))
            }
            Page::Rules => short("list.html", findings::rules_index(self)),
            Page::Item(at) => {
                let (template, data) =
                    item_page(at.kind).expect("pages() lists items that have a page");
                short(template, data(self, at.index))
            }
            Page::Rule(code, doc) => short("rule.html", findings::rule(self, code, doc)),
            Page::Source(i) => short("source.html", source::page(self, i)),
            Page::Quizzes => short("list.html", practice::index_page(self)),
            Page::Quiz(at) => short("practice.html", practice::page(self, at)),
        }
    }

    /// The link to the practice quiz of a role or flow, or null when it has none.
    pub fn practice_link(&self, at: ItemRef) -> Value {
        practice::link(self, at)
    }

    /// The items citing a clause, as links: once each, and only those the
    /// site shows (a checklist and its items link to one page).
    pub fn citers(&self, list: &[ItemRef]) -> Vec<Value> {
        let mut seen = std::collections::HashSet::new();
        list.iter()
            .map(|&at| self.link(at))
            .filter(|l| l["url"].is_string() && seen.insert(l["url"].to_string()))
            .map(|l| json!({"kind": l["kind"], "title": l["title"], "url": l["url"]}))
            .collect()
    }

    /// `{kind, id, title, url}` of an item or part, as a link shows it.
    pub fn link(&self, at: ItemRef) -> Value {
        let shown = url::shown(at);
        match self.spec.entry(shown) {
            Some(e) => json!({
                "kind": self.kind_label(shown.kind.as_str()),
                "id": e.id.value,
                "title": e.title,
                "url": url::of(self.spec, shown),
            }),
            None => Value::Null,
        }
    }

    /// The trail above a maintainers' page: the 规范维护 section of home.
    pub fn maintenance_crumbs(&self) -> Value {
        json!([{"title": self.t("maintenance"), "url": "index.html#maintenance"}])
    }

    /// The trail above an item's page: its standard, then `more`.
    pub fn crumbs(&self, standard: Value, more: Vec<Value>) -> Value {
        let trail = std::iter::once(standard).filter(|s| !s.is_null());
        Value::Array(trail.chain(more).collect())
    }

    /// How many findings are errors, and how many warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .diags
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .count();
        (errors, self.diags.len() - errors)
    }

    /// A UI string (the key itself when a theme's strings lack it, so a
    /// missing translation shows instead of breaking the build).
    pub fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    pub fn kind_label(&self, kind: &str) -> String {
        self.t(&format!("kind_{kind}"))
    }

    /// `{id, title, url}` of a role reference; unresolved references keep
    /// their id and get no link.
    pub fn role_link(&self, r: &Option<Ref>) -> Value {
        let Some(r) = r else { return Value::Null };
        match self.spec.index_of(Kind::Role, &r.value) {
            Some(i) => self.role_ref(i),
            None => json!({"id": r.value, "title": r.value, "url": null}),
        }
    }

    pub fn role_ref(&self, i: usize) -> Value {
        let role = &self.spec.roles[i];
        json!({"id": role.id.value, "title": role.title.value, "url": url::role(&role.id.value)})
    }

    pub fn flow_ref(&self, i: usize) -> Value {
        let flow = &self.spec.flows[i];
        json!({"id": flow.id.value, "title": flow.title.value, "url": url::flow(&flow.id.value)})
    }

    pub fn step_ref(&self, f: usize, s: usize) -> Value {
        let flow = &self.spec.flows[f];
        let step = &flow.steps[s];
        json!({
            "id": step.id.value,
            "title": step.title.value,
            "url": url::step(&flow.id.value, &step.id.value),
            "flow": self.flow_ref(f),
        })
    }

    pub fn reference(&self, kind: Kind, r: &Ref) -> Value {
        let id = r.value.as_str();
        let found = self.spec.index_of(kind, id).map(|i| match kind {
            Kind::Flow => self.flow_ref(i),
            Kind::Record => {
                let rec = &self.spec.records[i];
                json!({"id": id, "title": rec.title.value, "url": url::record(id)})
            }
            Kind::Checklist => {
                let c = &self.spec.checklists[i];
                json!({"id": id, "title": c.title.value, "url": url::checklist(id)})
            }
            _ => self.role_ref(i),
        });
        found.unwrap_or_else(|| json!({"id": id, "title": id, "url": null}))
    }

    /// A citation: the standard's name, the clause's number (its title on
    /// hover), linked to the clause: 《客户服务热线服务规范》§3.2.
    pub fn cite(&self, c: &Option<Citation>) -> Value {
        let Some(c) = c else { return Value::Null };
        let Some((std_id, number)) = c.value.parts() else {
            return json!({"text": c.value.0, "url": null, "title": null});
        };
        let standard = self.spec.standard(std_id);
        let clause_title = standard.and_then(|s| {
            s.clauses
                .iter()
                .find(|cl| cl.number.value == number)
                .map(|cl| cl.title.value.as_str())
        });
        let name = standard.map_or(std_id, |s| s.title.value.as_str());
        json!({
            "text": format!("《{name}》§{number}"),
            "number": number,
            "standard": name,
            "url": standard.map(|_| url::clause(std_id, number)),
            "title": clause_title.map_or_else(|| number.to_owned(), |t| format!("{number} {t}")),
        })
    }

    /// The standard an item belongs to: the one its citation names, else
    /// the first standard defined in the same folder of the spec.
    pub fn standard_of(&self, file: &str, source: &Option<Citation>) -> Option<usize> {
        source
            .as_ref()
            .and_then(|c| c.value.parts())
            .and_then(|(id, _)| self.spec.index_of(Kind::Standard, id))
            .or_else(|| {
                let folders = self.folders.get_or_init(|| {
                    let mut folders = std::collections::HashMap::new();
                    for (k, st) in self.spec.standards.iter().enumerate().rev() {
                        folders.insert(folder(&st.file).to_owned(), k);
                    }
                    folders
                });
                folders.get(folder(file)).copied()
            })
    }

    /// `{title, url}` of the standard an item belongs to, or null.
    pub fn standard_link(&self, file: &str, source: &Option<Citation>) -> Value {
        self.standard_of(file, source).map_or(Value::Null, |k| {
            let st = &self.spec.standards[k];
            json!({"title": st.title.value, "url": url::standard(&st.id.value)})
        })
    }

    /// Markdown → sanitised HTML, or null.
    pub fn markdown(&self, d: &Option<Sp<String>>) -> Value {
        d.as_ref()
            .map(|d| Value::String(super::markdown::to_html(&d.value, self.remote_images)))
            .unwrap_or(Value::Null)
    }

    /// The link to where an item is written.
    pub fn source_of<T>(&self, item: &Located<T>) -> String {
        url::source_line(&item.file, item.item.pos.line)
    }

    /// One limit as every page shows it.
    pub fn limit(&self, i: usize) -> Value {
        let limit = &self.spec.limits[i];
        let info = &self.spec.limit_info[i];
        let kind = limit_kind(info.kind);
        json!({
            "id": limit.id.value,
            "anchor": format!("limit-{}", limit.id.value),
            "url": url::limit(&limit.id.value),
            "title": limit.title.value,
            "title_en": limit.title_en.as_ref().map(|t| &t.value),
            "metric": limit.metric.value,
            "scope": self.scope(&limit.scope),
            "text": info.text,
            "normalised": info.duration.as_ref().map(|d| self.normalised(d)),
            "sort": info.duration.as_ref().and_then(sort_seconds),
            "kind": kind,
            "kind_label": self.t(&format!("limit_kind_{kind}")),
            "owner": self.role_link(&limit.owner),
            "source": self.cite(&limit.source),
            "conflicts": self.conflicts.get_or_init(|| findings::limit_conflicts(self))[i],
            "used_by": self.spec.relations.limits[i].used_by.iter().map(|&at| match at.kind {
                Kind::Step => self.step_ref(at.index, at.part),
                _ => self.flow_ref(at.index),
            }).collect::<Vec<_>>(),
            "description": self.markdown(&limit.description),
            "src": self.source_of(limit),
        })
    }

    /// A limit referenced by id: the limit, or the bare id when unresolved.
    pub fn limit_ref(&self, r: &Ref) -> Value {
        match self.spec.index_of(Kind::Limit, &r.value) {
            Some(i) => self.limit(i),
            None => unresolved_limit(r),
        }
    }

    /// A limit referenced by id as `_limit.html` shows it (kind, link, text,
    /// scope), for lists of many limits: a fraction of [`Site::limit`]'s
    /// size (the home page's limits of every flow: 77 MB at 10,000 files).
    pub fn limit_chip(&self, r: &Ref) -> Value {
        let Some(i) = self.spec.index_of(Kind::Limit, &r.value) else {
            return unresolved_limit(r);
        };
        let limit = &self.spec.limits[i];
        let info = &self.spec.limit_info[i];
        json!({
            "id": limit.id.value,
            "url": url::limit(&limit.id.value),
            "title": limit.title.value,
            "scope": self.scope(&limit.scope),
            "text": info.text,
            "kind": limit_kind(info.kind),
        })
    }

    /// The conditions of a scope as label/value pairs.
    pub fn scope(&self, scope: &Scope) -> Vec<Value> {
        let mut parts = Vec::new();
        if let Some(p) = &scope.priority {
            // The index maps a class to its scale: no scan of every scale.
            let title = self
                .spec
                .index_of(Kind::PriorityClass, &p.value)
                .and_then(|scale| {
                    let classes = &self.spec.priorities[scale].classes;
                    classes.iter().find(|c| c.id.value == p.value)
                })
                .map(|c| c.title.value.clone())
                .unwrap_or_else(|| p.value.clone());
            parts.push(json!({"label": self.t("scope_priority"), "value": title}));
        }
        let words = [
            ("scope_customer", &scope.customer),
            ("scope_channel", &scope.channel),
            ("scope_business", &scope.business),
            ("scope_condition", &scope.condition),
        ];
        for (key, value) in words {
            if let Some(v) = value {
                parts.push(json!({"label": self.t(key), "value": v.value}));
            }
        }
        if let Some(o) = &scope.other_departments {
            // The value alone must read well where scopes show without labels.
            let v = self.t(if o.value {
                "other_departments_yes"
            } else {
                "other_departments_no"
            });
            parts.push(json!({"label": self.t("scope_other_departments"), "value": v}));
        }
        parts
    }

    /// A duration in the site's language: the typed reading in Chinese, an
    /// amount and a unit in English.
    fn normalised(&self, d: &Duration) -> String {
        match (self.lang, d.normalised()) {
            (Lang::En, Some(q)) => {
                let amount = |a: &crate::spec::duration::Amount| {
                    let v = *a.numer() as f64 / *a.denom() as f64;
                    format!("{v}")
                };
                let unit = q.unit.to_string().replace('_', " ");
                match d {
                    Duration::Range { min, max } if min.unit == max.unit => {
                        format!("{}–{} {unit}", amount(&min.amount), amount(&max.amount))
                    }
                    Duration::Frequency { count, per, .. } => {
                        format!("{count} × per {} {unit}", amount(&per.amount))
                    }
                    _ => format!("{} {unit}", amount(&q.amount)),
                }
            }
            _ => d.to_string(),
        }
    }
}

/// An approximate length in seconds, only to sort the limit table: 8 hours
/// per working day, 30 days per month (the table says so). Anchors and
/// vague words have none and sort last.
fn sort_seconds(d: &Duration) -> Option<f64> {
    let q = d.normalised()?;
    let unit = match q.unit {
        Unit::Seconds => 1.0,
        Unit::Minutes => 60.0,
        Unit::Hours | Unit::WorkingHours => 3_600.0,
        Unit::Days => 86_400.0,
        Unit::WorkingDays => 8.0 * 3_600.0,
        Unit::Months => 30.0 * 86_400.0,
        Unit::Years => 365.0 * 86_400.0,
    };
    Some(*q.amount.numer() as f64 / *q.amount.denom() as f64 * unit)
}
