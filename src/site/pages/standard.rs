//! A standard's page: its facts, then its clauses in document order, each
//! with the items that cite it — the way back from the paper to the data.

use serde_json::{Value, json};

use super::Site;
use crate::site::url;

pub fn page(site: &Site, i: usize) -> Value {
    let st = &site.spec.standards[i];
    let id = st.id.value.as_str();
    let cited_by = &site.spec.relations.cited_by;
    let citers = |number: &str| -> Vec<Value> {
        cited_by
            .get(&(id.to_owned(), number.to_owned()))
            .map(|list| site.citers(list))
            .unwrap_or_default()
    };
    let clauses: Vec<Value> = st
        .clauses
        .iter()
        .map(|c| {
            json!({
                "number": c.number.value,
                "title": c.title.value,
                "anchor": url::clause_anchor(&c.number.value),
                "cited_by": citers(&c.number.value),
            })
        })
        .collect();
    // Citations of clause numbers the standard does not list (E005 reports
    // them; with --allow-errors they still show somewhere).
    // The keys are sorted by standard, so this standard's are one range.
    let other: Vec<Value> = cited_by
        .range((id.to_owned(), String::new())..)
        .take_while(|((s, _), _)| s == id)
        .filter(|((_, n), _)| !st.clauses.iter().any(|c| &c.number.value == n))
        .flat_map(|((_, n), list)| {
            site.citers(list).into_iter().map(move |mut c| {
                c["title"] = json!(format!("{n}: {}", c["title"].as_str().unwrap_or_default()));
                c
            })
        })
        .collect();
    let status = st.status.as_ref().map(|s| {
        let key = serde_json::to_value(s.value).ok();
        let key = key.as_ref().and_then(Value::as_str).unwrap_or("unknown");
        site.t(&format!("status_{key}"))
    });
    let calendar = st.calendar.as_ref().map(|c| {
        site.spec
            .calendar(&c.value)
            .map(|cal| cal.title.value.clone())
            .unwrap_or_else(|| c.value.clone())
    });
    json!({
        "page_title": st.title.value,
        "nav": "standards",
        "standard": {
            "id": id,
            "title": st.title.value,
            "title_en": st.title_en.as_ref().map(|t| &t.value),
            "issuer": st.issuer.as_ref().map(|v| &v.value),
            "version": st.version.as_ref().map(|v| &v.value),
            "date": st.date.as_ref().map(|v| &v.value),
            "status": status,
            "seed": st.seed.as_ref().map(|v| &v.value),
            "calendar": calendar,
            "description": site.markdown(&st.description),
            "src": site.source_of(st),
        },
        "clauses": clauses,
        "other_citations": other,
    })
}
