//! The home page, for the new trainee first: "新员工从这里开始" (pick your
//! role, by standard), the flows, the key time limits; then, out of the
//! way, the maintainers' corner (findings, rules, YAML sources). And the
//! footer every page shares.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Site;
use crate::site::url;

/// Roles and flows by the standard they belong to ([`Site::standard_of`]),
/// in the standards' order; those of no standard last.
fn groups(site: &Site) -> Vec<Value> {
    let s = site.spec;
    let n = s.standards.len();
    let mut roles = vec![Vec::new(); n + 1];
    let mut flows = vec![Vec::new(); n + 1];
    for (i, r) in s.roles.iter().enumerate() {
        roles[site.standard_of(&r.file, &r.source).unwrap_or(n)].push(site.role_ref(i));
    }
    for (i, f) in s.flows.iter().enumerate() {
        flows[site.standard_of(&f.file, &f.source).unwrap_or(n)].push(site.flow_ref(i));
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

/// The key time limits: each flow's end-to-end limits, the promise the
/// whole flow keeps to the customer.
fn key_limits(site: &Site) -> Vec<Value> {
    (site.spec.flows.iter().enumerate())
        .filter(|(_, f)| !f.limits.is_empty())
        .map(|(i, f)| {
            json!({
                "flow": site.flow_ref(i),
                "limits": f.limits.iter().map(|l| site.limit_chip(l)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// What every page's footer says: each standard's version and date, and
/// the build's date — `SOURCE_DATE_EPOCH` when given, else the newest date
/// of the standards (never the clock, so builds stay reproducible).
/// Up to this many standards, every page's footer names each one's
/// edition; beyond, it links to the list of standards (every page carrying
/// every standard would make a large site's size grow with its square).
const FOOTER_EDITIONS: usize = 12;

pub fn footer(site: &Site, epoch: Option<String>) -> Value {
    let s = site.spec;
    let listed = if s.standards.len() <= FOOTER_EDITIONS {
        s.standards.as_slice()
    } else {
        &[]
    };
    let standards: Vec<Value> = (listed.iter())
        .map(|st| {
            json!({
                "title": st.title.value,
                "url": url::standard(&st.id.value),
                "version": st.version.as_ref().map(|v| &v.value),
                "date": st.date.as_ref().map(|v| &v.value),
            })
        })
        .collect();
    let newest = (s.standards.iter())
        .filter_map(|st| st.date.as_ref().map(|d| d.value.clone()))
        .max();
    let date = match (epoch, newest) {
        (Some(d), _) => json!({"label": site.t("build_date"), "value": d}),
        (None, Some(d)) => json!({"label": site.t("content_date"), "value": d}),
        (None, None) => Value::Null,
    };
    let all = (standards.len() < s.standards.len()).then(|| {
        json!({
            "text": site.t("all_editions").replace("{n}", &s.standards.len().to_string()),
            "url": "standards/index.html",
        })
    });
    json!({"standards": standards, "all": all, "date": date})
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
        by_kind
            .entry(info.kind as usize)
            .or_insert_with(|| (super::limit_kind(info.kind), 0))
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
    let sources: Vec<Value> = (s.sources.files().iter())
        .map(|f| json!({"title": f.path, "url": url::source_page(&f.path)}))
        .collect();
    let page = json!({
        "page_title": site.t("site_title"),
        "nav": "home",
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
    });
    super::with_lists(
        page,
        [
            ("standards", standards),
            ("key_limits", key_limits(site)),
            ("sources", sources),
        ],
    )
}
