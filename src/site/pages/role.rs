//! A role's page, the trainee's view: "I am a 营业员 — which flows do I take
//! part in, what must I do, how fast, what do I say, what is checked?"

use serde_json::{Value, json};

use super::Site;
use crate::spec::kind::{ItemRef, Kind};

pub fn page(site: &Site, i: usize) -> Value {
    let s = site.spec;
    let x = &s.relations.roles[i];
    let role = &s.roles[i];
    let kind = role.kind.as_ref().map(|k| {
        let key = serde_json::to_value(k.value).ok();
        site.t(&format!(
            "role_kind_{}",
            key.as_ref().and_then(Value::as_str).unwrap_or_default()
        ))
    });
    // Steps grouped by flow, in flow order, each with its limits.
    let mut by_flow: Vec<(usize, Vec<Value>)> = Vec::new();
    for at in &x.steps {
        let (f, st) = (at.index, at.part);
        let step = &s.flows[f].steps[st];
        let entry = json!({
            "step": site.step_ref(f, st),
            "action": step.action.as_ref().map(|a| &a.value),
            "limits": step.limits.iter().map(|l| site.limit_ref(l)).collect::<Vec<_>>(),
        });
        match by_flow.last_mut() {
            Some((last, steps)) if *last == f => steps.push(entry),
            _ => by_flow.push((f, vec![entry])),
        }
    }
    let steps: Vec<Value> = by_flow
        .into_iter()
        .map(|(f, steps)| json!({"flow": site.flow_ref(f), "steps": steps}))
        .collect();
    let scripts: Vec<Value> = x
        .scripts
        .iter()
        .map(|&k| {
            let sc = &s.scripts[k];
            json!({
                "title": sc.title.value,
                "url": crate::site::url::script(&sc.id.value),
                "situation": sc.situation.as_ref().map(|v| &v.value),
            })
        })
        .collect();
    let checklists: Vec<Value> = x
        .checklists
        .iter()
        .map(|&k| {
            let c = &s.checklists[k];
            json!({
                "title": c.title.value,
                "url": crate::site::url::checklist(&c.id.value),
                "items": c.items.len(),
            })
        })
        .collect();
    let records: Vec<Value> = x
        .records
        .iter()
        .map(|&k| {
            let r = &s.records[k];
            json!({
                "title": r.title.value,
                "url": crate::site::url::record(&r.id.value),
                "fields": r.fields.iter().map(|f| &f.value).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "page_title": role.title.value,
        "nav": "roles",
        "role": {
            "id": role.id.value,
            "title": role.title.value,
            "title_en": role.title_en.as_ref().map(|t| &t.value),
            "kind": kind,
            "parent": site.role_link(&role.parent),
            "children": x.children.iter().map(|&c| site.role_ref(c)).collect::<Vec<_>>(),
            "duties": role.duties.iter().map(|d| &d.value).collect::<Vec<_>>(),
            "description": site.markdown(&role.description),
            "source": site.cite(&role.source),
            "src": site.source_of(role),
        },
        "flows": x.flows.iter().map(|&f| site.flow_ref(f)).collect::<Vec<_>>(),
        "steps": steps,
        "limits": x.limits.iter().map(|&l| site.limit(l)).collect::<Vec<_>>(),
        "scripts": scripts,
        "checklists": checklists,
        "records": records,
        "notified": x.notified.iter().map(|at| site.step_ref(at.index, at.part)).collect::<Vec<_>>(),
        "practice": site.practice_link(ItemRef::new(Kind::Role, i)),
    })
}
