//! The index pages (one table per kind of item), the time-limit table, and
//! the pages of scripts, checklists, records and the glossary.

use serde_json::{Value, json};

use super::{Rows, Site};
use crate::site::url;
use crate::spec::kind::Kind;
use crate::spec::model::Speaker;

/// A cell of an index table: text, and a link when it has one.
fn cell(text: impl Into<Value>, link: Option<String>) -> Value {
    json!({"text": text.into(), "url": link})
}

fn link_cell(v: &Value) -> Value {
    if v.is_null() {
        return cell("", None);
    }
    json!({"text": v["title"], "url": v["url"]})
}

/// An index page: a heading and a table whose first column links to the
/// item. A column empty in every row is left out.
fn index(site: &Site, nav: &str, columns: &[&str], rows: Vec<Vec<Value>>) -> Value {
    let empty = |c: usize| rows.iter().all(|row| row[c]["text"] == "");
    let keep: Vec<usize> = (0..columns.len()).filter(|&c| !empty(c)).collect();
    let rows: Vec<Value> = (rows.into_iter())
        .map(|mut row| keep.iter().map(|&c| row[c].take()).collect())
        .collect();
    let page = json!({
        "page_title": site.t(&format!("nav_{nav}")),
        "nav": nav,
        "columns": keep.iter().map(|&c| site.t(columns[c])).collect::<Vec<_>>(),
    });
    super::with_lists(page, [("rows", rows)])
}

pub fn standards(site: &Site) -> Value {
    let rows = site
        .spec
        .standards
        .iter()
        .map(|s| {
            vec![
                cell(s.title.value.clone(), Some(url::standard(&s.id.value))),
                cell(
                    s.issuer
                        .as_ref()
                        .map(|v| v.value.clone())
                        .unwrap_or_default(),
                    None,
                ),
                cell(
                    s.version
                        .as_ref()
                        .map(|v| v.value.clone())
                        .unwrap_or_default(),
                    None,
                ),
                cell(s.clauses.len(), None),
            ]
        })
        .collect();
    index(
        site,
        "standards",
        &["nav_standards", "issuer", "version", "clauses"],
        rows,
    )
}

pub fn roles(site: &Site) -> Value {
    let rows = (0..site.spec.roles.len())
        .map(|i| {
            let r = &site.spec.roles[i];
            vec![
                link_cell(&site.role_ref(i)),
                cell(
                    r.duties
                        .first()
                        .map(|d| d.value.clone())
                        .unwrap_or_default(),
                    None,
                ),
                link_cell(&site.standard_link(&r.file, &r.source)),
                link_cell(&site.role_link(&r.parent)),
                cell(site.spec.relations.roles[i].steps.len(), None),
            ]
        })
        .collect();
    index(
        site,
        "roles",
        &["nav_roles", "duties", "standard", "parent", "steps"],
        rows,
    )
}

pub fn flows(site: &Site) -> Value {
    let rows = (0..site.spec.flows.len())
        .map(|i| {
            let f = &site.spec.flows[i];
            vec![
                link_cell(&site.flow_ref(i)),
                link_cell(&site.role_link(&f.owner)),
                cell(f.steps.len(), None),
                link_cell(&site.cite(&f.source).as_object().map_or(
                    Value::Null,
                    |c| json!({"title": c["text"], "url": c["url"]}),
                )),
            ]
        })
        .collect();
    index(
        site,
        "flows",
        &["nav_flows", "owner", "steps", "source"],
        rows,
    )
}

pub fn scripts(site: &Site) -> Value {
    let rows = site
        .spec
        .scripts
        .iter()
        .map(|s| {
            vec![
                cell(s.title.value.clone(), Some(url::script(&s.id.value))),
                cell(
                    s.situation
                        .as_ref()
                        .map(|v| v.value.clone())
                        .unwrap_or_default(),
                    None,
                ),
                link_cell(&site.role_link(&s.owner)),
                cell(s.forbidden.len(), None),
            ]
        })
        .collect();
    index(
        site,
        "scripts",
        &["nav_scripts", "situation", "owner", "forbidden"],
        rows,
    )
}

pub fn checklists(site: &Site) -> Value {
    let rows = site
        .spec
        .checklists
        .iter()
        .map(|c| {
            vec![
                cell(c.title.value.clone(), Some(url::checklist(&c.id.value))),
                link_cell(&site.role_link(&c.owner)),
                link_cell(
                    &c.flow
                        .as_ref()
                        .map_or(Value::Null, |f| site.reference(Kind::Flow, f)),
                ),
                cell(c.items.len(), None),
            ]
        })
        .collect();
    index(
        site,
        "checklists",
        &["nav_checklists", "owner", "nav_flows", "items"],
        rows,
    )
}

/// The limit table: the kinds to filter by, and a row per limit.
pub fn limits<'s>(site: &'s Site) -> (Value, Rows<'s>) {
    let mut seen = Vec::new();
    for info in &site.spec.limit_info {
        if !seen.contains(&info.kind) {
            seen.push(info.kind);
        }
    }
    let kinds: Vec<Value> = (seen.into_iter().map(super::limit_kind))
        .map(|kind| {
            let label = site.t(&format!("limit_kind_{kind}"));
            json!({"kind": kind, "label": label})
        })
        .collect();
    let page = json!({
        "page_title": site.t("nav_limits"),
        "nav": "limits",
        "kinds": kinds,
    });
    let rows = Rows::new("limits", "_limit_rows.html", site.spec.limits.len(), |i| {
        site.limit(i)
    });
    (page, rows)
}

pub fn script(site: &Site, i: usize) -> Value {
    let s = &site.spec.scripts[i];
    let lines: Vec<Value> = s
        .lines
        .iter()
        .map(|l| {
            let (class, key) = match l.speaker.value {
                Speaker::Staff => ("staff", "speaker_staff"),
                Speaker::Customer => ("customer", "speaker_customer"),
            };
            json!({"speaker": class, "label": site.t(key), "text": l.text.value})
        })
        .collect();
    let forbidden: Vec<Value> = s
        .forbidden
        .iter()
        .map(|f| {
            json!({
                "text": f.text.value,
                "reason": f.reason.as_ref().map(|v| &v.value),
                "instead": f.instead.as_ref().map(|v| &v.value),
            })
        })
        .collect();
    json!({
        "page_title": s.title.value,
        "nav": "scripts",
        "breadcrumbs": site.crumbs(site.standard_link(&s.file, &s.source), Vec::new()),
        "script": {
            "id": s.id.value,
            "title": s.title.value,
            "title_en": s.title_en.as_ref().map(|t| &t.value),
            "situation": s.situation.as_ref().map(|v| &v.value),
            "channel": s.channel.as_ref().map(|v| &v.value),
            "owner": site.role_link(&s.owner),
            "description": site.markdown(&s.description),
            "source": site.cite(&s.source),
            "src": site.source_of(s),
        },
        "lines": lines,
        "forbidden": forbidden,
    })
}

pub fn checklist(site: &Site, i: usize) -> Value {
    let c = &site.spec.checklists[i];
    let items: Vec<Value> = c
        .items
        .iter()
        .map(|item| {
            json!({
                "id": item.id.value,
                "text": item.text.value,
                "checker": site.role_link(&item.checker),
                "evidence": item.evidence.as_ref().map(|v| &v.value),
                "source": site.cite(&item.source),
            })
        })
        .collect();
    let flow = c.flow.as_ref().map(|f| site.reference(Kind::Flow, f));
    let trail = flow
        .iter()
        .filter(|f| f["url"].is_string())
        .cloned()
        .collect();
    json!({
        "page_title": c.title.value,
        "nav": "checklists",
        "breadcrumbs": site.crumbs(site.standard_link(&c.file, &c.source), trail),
        "columns": {
            "checker": items.iter().any(|i| !i["checker"].is_null()),
            "evidence": items.iter().any(|i| !i["evidence"].is_null()),
            "source": items.iter().any(|i| !i["source"].is_null()),
        },
        "checklist": {
            "id": c.id.value,
            "title": c.title.value,
            "title_en": c.title_en.as_ref().map(|t| &t.value),
            "owner": site.role_link(&c.owner),
            "flow": flow,
            "description": site.markdown(&c.description),
            "source": site.cite(&c.source),
            "src": site.source_of(c),
        },
        "items": items,
    })
}

pub fn records(site: &Site) -> Value {
    let records: Vec<Value> = site
        .spec
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": r.id.value,
                "anchor": format!("record-{}", r.id.value),
                "title": r.title.value,
                "title_en": r.title_en.as_ref().map(|t| &t.value),
                "owner": site.role_link(&r.owner),
                "fields": r.fields.iter().map(|f| &f.value).collect::<Vec<_>>(),
                "retention": r.retention.as_ref().map(|l| site.limit_ref(l)),
                "produced_by": site.spec.relations.records[i].iter().map(|at| site.step_ref(at.index, at.part)).collect::<Vec<_>>(),
                "description": site.markdown(&r.description),
                "source": site.cite(&r.source),
                "src": site.source_of(r),
            })
        })
        .collect();
    json!({"page_title": site.t("nav_records"), "nav": "records", "records": records})
}

pub fn glossary(site: &Site) -> Value {
    let terms: Vec<Value> = site
        .spec
        .terms
        .iter()
        .map(|t| {
            json!({
                "id": t.id.value,
                "anchor": format!("term-{}", t.id.value),
                "title": t.title.value,
                "title_en": t.title_en.as_ref().map(|v| &v.value),
                "definition": t.definition.value,
                "standard": site.standard_link(&t.file, &t.source),
                "source": site.cite(&t.source),
                "src": site.source_of(t),
            })
        })
        .collect();
    json!({"page_title": site.t("nav_glossary"), "nav": "glossary", "terms": terms})
}
