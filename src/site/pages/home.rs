//! The home page: the standards, roles, flows and limits at a glance, and
//! how many findings the checks report.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Site;
use crate::site::url;
use crate::spec::kind::Kind;
use crate::spec::model::Citation;

/// The folder of a spec file (`""` at the spec root).
fn folder(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Roles and flows by the standard they belong to, in the standards' order;
/// those of no standard last. An item belongs to the standard its citation
/// names, else to the first standard defined in the same folder of the spec.
fn groups(site: &Site) -> Vec<Value> {
    let s = site.spec;
    let n = s.standards.len();
    let mut by_folder: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, st) in s.standards.iter().enumerate() {
        by_folder.entry(folder(&st.file)).or_insert(k);
    }
    let standard_of = |file: &str, source: &Option<Citation>| {
        source
            .as_ref()
            .and_then(|c| c.value.parts())
            .and_then(|(id, _)| s.index_of(Kind::Standard, id))
            .or_else(|| by_folder.get(folder(file)).copied())
            .unwrap_or(n)
    };
    let mut roles = vec![Vec::new(); n + 1];
    let mut flows = vec![Vec::new(); n + 1];
    for (i, r) in s.roles.iter().enumerate() {
        roles[standard_of(&r.file, &r.source)].push(site.role_ref(i));
    }
    for (i, f) in s.flows.iter().enumerate() {
        flows[standard_of(&f.file, &f.source)].push(site.flow_ref(i));
    }
    roles
        .into_iter()
        .zip(flows)
        .enumerate()
        .filter(|(_, (r, f))| !r.is_empty() || !f.is_empty())
        .map(|(k, (roles, flows))| {
            let standard = s
                .standards
                .get(k)
                .map(|st| json!({"title": st.title.value, "url": url::standard(&st.id.value)}));
            json!({"standard": standard, "roles": roles, "flows": flows})
        })
        .collect()
}

pub fn home(site: &Site) -> Value {
    let s = site.spec;
    let standards: Vec<Value> = s
        .standards
        .iter()
        .map(|st| {
            json!({
                "title": st.title.value,
                "title_en": st.title_en.as_ref().map(|t| &t.value),
                "url": url::standard(&st.id.value),
                "issuer": st.issuer.as_ref().map(|i| &i.value),
                "version": st.version.as_ref().map(|v| &v.value),
                "clauses": st.clauses.len(),
            })
        })
        .collect();
    // Limits by kind, in the order of the kinds' declaration.
    let mut by_kind: BTreeMap<usize, (String, usize)> = BTreeMap::new();
    for info in &s.limit_info {
        let key = serde_json::to_value(info.kind).ok();
        let key = key.as_ref().and_then(Value::as_str).unwrap_or_default();
        by_kind
            .entry(info.kind as usize)
            .or_insert_with(|| (key.to_owned(), 0))
            .1 += 1;
    }
    let limits_by_kind: Vec<Value> = by_kind
        .into_values()
        .map(|(kind, count)| {
            json!({
                "kind": kind,
                "label": site.t(&format!("limit_kind_{kind}")),
                "count": count,
                "url": format!("limits.html?kind={kind}"),
            })
        })
        .collect();
    let (errors, warnings) = site.counts();
    json!({
        "page_title": site.t("site_title"),
        "nav": "home",
        "standards": standards,
        "groups": groups(site),
        "counts": [
            {"label": site.t("nav_standards"), "count": s.standards.len(), "url": "standards/index.html"},
            {"label": site.t("nav_roles"), "count": s.roles.len(), "url": "roles/index.html"},
            {"label": site.t("nav_flows"), "count": s.flows.len(), "url": "flows/index.html"},
            {"label": site.t("nav_limits"), "count": s.limits.len(), "url": "limits.html"},
            {"label": site.t("nav_scripts"), "count": s.scripts.len(), "url": "scripts/index.html"},
            {"label": site.t("nav_checklists"), "count": s.checklists.len(), "url": "checklists/index.html"},
            {"label": site.t("nav_records"), "count": s.records.len(), "url": "records.html"},
            {"label": site.t("nav_glossary"), "count": s.terms.len(), "url": "glossary.html"},
            {"label": site.t("nav_quizzes"), "count": site.practice.quizzes().len(), "url": url::quizzes()},
        ],
        "limits_by_kind": limits_by_kind,
        "findings": {"errors": errors, "warnings": warnings},
    })
}
