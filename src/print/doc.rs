//! The printed documents in data: a checklist of the spec, or the audit
//! checklist of a flow (each step with its owner, action, limits, evidence
//! and clause; each escalation with its trigger). Everything derived comes
//! from [`crate::spec::relations`]: reading order, effective owners, a
//! flow's checklists.

use serde::Serialize;

use crate::output::neutralise;
use crate::spec::Spec;
use crate::spec::kind::Kind;
use crate::spec::model::{Citation, Escalation, Ref, Step};
use crate::spec::relations::Via;

/// One printable document.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The file name without extension: `checklist-<id>`, `flow-<id>`.
    pub name: String,
    /// 检查表, 流程审核检查表.
    pub kind: &'static str,
    pub title: String,
    /// The standard, its version and date, and the clause.
    pub standard: Option<StandardInfo>,
    pub clause: Option<String>,
    /// Short facts under the title: (label, value).
    pub facts: Vec<(String, String)>,
    pub items: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StandardInfo {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub date: Option<String>,
}

/// One box of a document: a thing to check.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// `1`, `2`, `2.1` (an escalation of step 2).
    pub number: String,
    /// 步骤, 升级, 时限, 检查项.
    pub label: &'static str,
    pub title: String,
    /// (label, value), in order: 责任角色, 动作, 时限…
    pub details: Vec<(String, String)>,
}

/// Every document: the spec's checklists, then a flow audit checklist per
/// flow, in spec order; items whose id is not path-safe (E-coded, printed
/// only under --allow-errors) have none, as their id names the file.
pub fn documents(spec: &Spec) -> Vec<Document> {
    let safe = |id: &str| crate::spec::id::problem(id).is_none();
    let lists = (0..spec.checklists.len()).filter(|&c| safe(&spec.checklists[c].id.value));
    let lists = lists.map(|c| checklist(spec, c));
    let flows = (0..spec.flows.len()).filter(|&f| safe(&spec.flows[f].id.value));
    let flows = flows.filter_map(|f| flow(spec, f));
    lists.chain(flows).map(shorten_citations).collect()
}

/// A clause of the document's own standard is cited by its number and
/// title only: the header names the standard.
fn shorten_citations(mut doc: Document) -> Document {
    let Some(prefix) = doc.standard.as_ref().map(|s| format!("《{}》 ", s.title)) else {
        return doc;
    };
    let details = doc.items.iter_mut().flat_map(|i| &mut i.details);
    for (_, value) in details.filter(|(label, _)| label == "依据") {
        if let Some(rest) = value.strip_prefix(&prefix) {
            *value = rest.to_owned();
        }
    }
    doc
}

/// The standard a citation names and the clause, `4.3 标题` when the
/// standard lists it.
fn cited(spec: &Spec, source: Option<&Citation>) -> (Option<StandardInfo>, Option<String>) {
    let Some((standard, clause)) = source.and_then(|c| c.value.parts()) else {
        return (None, None);
    };
    let Some(s) = spec.standard(standard) else {
        return (None, Some(format!("{standard}#{clause}")));
    };
    let title = s.clauses.iter().find(|c| c.number.value == clause);
    let clause = match title {
        Some(c) => format!("{} {}", c.number.value, c.title.value),
        None => clause.to_owned(),
    };
    let info = StandardInfo {
        id: s.id.value.clone(),
        title: s.title.value.clone(),
        version: s.version.as_ref().map(|v| v.value.clone()),
        date: s.date.as_ref().map(|d| d.value.clone()),
    };
    (Some(info), Some(clause))
}

/// A citation in words: `《标准》 4.3 标题`.
fn clause_words(spec: &Spec, source: Option<&Citation>) -> Option<String> {
    match cited(spec, source) {
        (Some(s), Some(c)) => Some(format!("《{}》 {c}", s.title)),
        (_, c) => c,
    }
}

fn role_title(spec: &Spec, r: Option<&Ref>) -> Option<String> {
    let i = spec.index_of(Kind::Role, &r?.value)?;
    Some(spec.roles[i].title.value.clone())
}

fn checklist(spec: &Spec, c: usize) -> Document {
    let list = &spec.checklists[c];
    let (standard, clause) = cited(spec, list.source.as_ref());
    let mut facts = Vec::new();
    if let Some(owner) = role_title(spec, list.owner.as_ref()) {
        facts.push(("受检角色".to_owned(), owner));
    }
    if let Some(f) = list.flow.as_ref().and_then(|f| spec.flow(&f.value)) {
        let at =
            clause_words(spec, f.source.as_ref()).map_or(String::new(), |c| format!("（{c}）"));
        facts.push(("所属流程".to_owned(), format!("{}{at}", f.title.value)));
    }
    let items = list.items.iter().enumerate().map(|(k, item)| {
        let mut details = Vec::new();
        push(
            &mut details,
            "检查人",
            role_title(spec, item.checker.as_ref()),
        );
        push(
            &mut details,
            "证据",
            item.evidence.as_ref().map(|e| e.value.clone()),
        );
        if item.source.is_some() && item.source != list.source {
            push(
                &mut details,
                "依据",
                clause_words(spec, item.source.as_ref()),
            );
        }
        Entry {
            number: (k + 1).to_string(),
            label: "检查项",
            title: clean(&item.text.value),
            details,
        }
    });
    Document {
        name: format!("checklist-{}", list.id.value),
        kind: "检查表",
        title: list.title.value.clone(),
        standard,
        clause,
        facts,
        items: items.collect(),
    }
}

fn flow(spec: &Spec, f: usize) -> Option<Document> {
    let flow = &spec.flows[f];
    let rel = spec.relations.flows.get(f)?;
    let (standard, clause) = cited(spec, flow.source.as_ref());
    let mut facts = Vec::new();
    if let Some(owner) = role_title(spec, flow.owner.as_ref()) {
        facts.push(("流程责任角色".to_owned(), owner));
    }
    let lists = rel.checklists.iter().map(|&c| {
        let list = &spec.checklists[c];
        let at =
            clause_words(spec, list.source.as_ref()).map_or(String::new(), |c| format!("（{c}）"));
        format!("{}{at}", list.title.value)
    });
    let lists: Vec<String> = lists.collect();
    if !lists.is_empty() {
        facts.push(("配套检查表".to_owned(), lists.join("；")));
    }
    let mut items = Vec::new();
    if !flow.limits.is_empty() {
        items.push(Entry {
            number: "0".to_owned(),
            label: "全流程时限",
            title: "全流程办结时限".to_owned(),
            details: vec![("时限".to_owned(), limits(spec, &flow.limits))],
        });
    }
    for (n, &s) in rel.order.iter().enumerate() {
        let step = &flow.steps[s];
        let owner = rel.step_owners[s].map(|o| {
            let title = spec.roles[o.role].title.value.clone();
            match o.via {
                Via::Declared => title,
                Via::Inherited(_) => format!("{title}（流程责任角色）"),
            }
        });
        items.push(step_entry(spec, n + 1, step, owner, flow.source.as_ref()));
        for (e, esc) in step.escalations.iter().enumerate() {
            let after = spec.escalation_after(f, s, e).map(ToString::to_string);
            items.push(escalation_entry(spec, n + 1, e + 1, esc, after));
        }
    }
    Some(Document {
        name: format!("flow-{}", flow.id.value),
        kind: "流程审核检查表",
        title: flow.title.value.clone(),
        standard,
        clause,
        facts,
        items,
    })
}

fn step_entry(
    spec: &Spec,
    n: usize,
    step: &Step,
    owner: Option<String>,
    flow_source: Option<&Citation>,
) -> Entry {
    let mut details = Vec::new();
    push(&mut details, "责任角色", owner);
    push(
        &mut details,
        "动作",
        step.action.as_ref().map(|a| clean(&a.value)),
    );
    if !step.limits.is_empty() {
        details.push(("时限".to_owned(), limits(spec, &step.limits)));
    }
    if !step.records.is_empty() {
        details.push(("证据记录".to_owned(), records(spec, &step.records)));
    }
    push(
        &mut details,
        "依据",
        clause_words(spec, step.source.as_ref().or(flow_source)),
    );
    Entry {
        number: n.to_string(),
        label: "步骤",
        title: clean(&step.title.value),
        details,
    }
}

fn escalation_entry(
    spec: &Spec,
    n: usize,
    e: usize,
    esc: &Escalation,
    after: Option<String>,
) -> Entry {
    let trigger = match (after, esc.when.as_ref()) {
        (Some(a), Some(w)) => format!("{a}后：{}", w.value),
        (Some(a), None) => format!("开始{a}后未完成"),
        (None, Some(w)) => w.value.clone(),
        (None, None) => "未完成或无法完成".to_owned(),
    };
    let mut details = vec![("触发条件".to_owned(), clean(&trigger))];
    let notify: Vec<String> = esc
        .notify
        .iter()
        .filter_map(|r| role_title(spec, Some(r)))
        .collect();
    if !notify.is_empty() {
        details.push(("通知".to_owned(), notify.join("、")));
    }
    if let Some(f) = esc.flow.as_ref().and_then(|f| spec.flow(&f.value)) {
        details.push(("转入流程".to_owned(), f.title.value.clone()));
    }
    if let Some(level) = &esc.level {
        details.push(("级别".to_owned(), format!("第{}级", level.value)));
    }
    push(
        &mut details,
        "依据",
        clause_words(spec, esc.source.as_ref()),
    );
    Entry {
        number: format!("{n}.{e}"),
        label: "升级",
        title: clean(&esc.action.value),
        details,
    }
}

/// Limits in words: `投诉受理登记时限 30分钟`, each with its reading when it
/// differs from what is written.
fn limits(spec: &Spec, refs: &[Ref]) -> String {
    let words = refs
        .iter()
        .filter_map(|r| spec.index_of(Kind::Limit, &r.value))
        .map(|l| {
            let info = &spec.limit_info[l];
            let read = info.duration.as_ref().map(ToString::to_string);
            let read = read
                .filter(|r| *r != info.text)
                .map_or(String::new(), |r| format!("（{r}）"));
            format!("{} {}{read}", spec.limits[l].title.value, info.text)
        });
    words.collect::<Vec<_>>().join("；")
}

fn records(spec: &Spec, refs: &[Ref]) -> String {
    let words = refs
        .iter()
        .filter_map(|r| spec.index_of(Kind::Record, &r.value));
    let words = words.map(|i| format!("《{}》", spec.records[i].title.value));
    words.collect::<Vec<_>>().join("")
}

fn push(details: &mut Vec<(String, String)>, label: &str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        details.push((label.to_owned(), value));
    }
}

fn clean(text: &str) -> String {
    neutralise(text.trim()).into_owned()
}
