//! A flow's page: the diagram, then every step with its owner, action, time
//! limits, branches, escalations and records.

use serde_json::{Value, json};

use super::Site;
use crate::site::{diagram, url};
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::resolve::duration_text;

pub fn page(site: &Site, i: usize) -> Value {
    let s = site.spec;
    let flow = &s.flows[i];
    let fid = flow.id.value.as_str();
    let step_link = |id: &str| -> Value {
        match flow.steps.iter().position(|st| st.id.value == id) {
            Some(k) => site.step_ref(i, k),
            None => json!({"id": id, "title": id, "url": null}),
        }
    };
    let graph = &s.relations.flows[i].graph;
    let steps: Vec<Value> = flow
        .steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let escalations: Vec<Value> = step
                .escalations
                .iter()
                .map(|e| {
                    json!({
                        "after": e.after.as_ref().map(|a| duration_text(&a.value)),
                        "when": e.when.as_ref().map(|w| &w.value),
                        "action": e.action.value,
                        "scope": site.scope(&e.scope),
                        "flow": e.flow.as_ref().map(|f| site.reference(Kind::Flow, f)),
                        "to": e.to.as_ref().map(|t| step_link(&t.value)),
                        "notify": e.notify.iter().map(|r| site.reference(Kind::Role, r)).collect::<Vec<_>>(),
                        "source": site.cite(&e.source),
                    })
                })
                .collect();
            json!({
                "number": k + 1,
                "id": step.id.value,
                "anchor": url::step_anchor(&step.id.value),
                "title": step.title.value,
                "title_en": step.title_en.as_ref().map(|t| &t.value),
                "owner": site.role_link(&step.owner),
                "action": step.action.as_ref().map(|a| &a.value),
                "limits": step.limits.iter().map(|l| site.limit_ref(l)).collect::<Vec<_>>(),
                "next": step.next.iter().map(|n| json!({
                    "to": step_link(&n.to.value),
                    "when": n.when.as_ref().map(|w| &w.value),
                })).collect::<Vec<_>>(),
                "ends": graph.exit[k],
                "escalations": escalations,
                "records": step.records.iter().map(|r| site.reference(Kind::Record, r)).collect::<Vec<_>>(),
                "subflow": step.subflow.as_ref().map(|f| site.reference(Kind::Flow, f)),
                "source": site.cite(&step.source),
                "description": site.markdown(&step.description),
                "src": crate::site::url::source_line(&flow.file, step.pos.line),
            })
        })
        .collect();
    let labels = diagram::Labels {
        unassigned: &site.t("unassigned"),
        escalation: &site.t("escalation"),
        start: &site.t("start"),
        end: &site.t("end"),
        diagram_of: &site.t("diagram_of"),
        other_departments: [
            &site.t("other_departments_yes"),
            &site.t("other_departments_no"),
        ],
    };
    json!({
        "page_title": flow.title.value,
        "nav": "flows",
        "breadcrumbs": site.crumbs(site.standard_link(&flow.file, &flow.source), Vec::new()),
        "flow": {
            "id": fid,
            "title": flow.title.value,
            "title_en": flow.title_en.as_ref().map(|t| &t.value),
            "owner": site.role_link(&flow.owner),
            "limits": flow.limits.iter().map(|l| site.limit_ref(l)).collect::<Vec<_>>(),
            "description": site.markdown(&flow.description),
            "source": site.cite(&flow.source),
            "src": site.source_of(flow),
            "url": url::flow(fid),
        },
        "diagram": diagram::flow_svg(s, flow, &labels),
        "steps": steps,
        "checklists": s.relations.flows[i].checklists.iter().map(|&c| {
            let list = &s.checklists[c];
            json!({"title": list.title.value, "url": url::checklist(&list.id.value)})
        }).collect::<Vec<_>>(),
        "practice": site.practice_link(ItemRef::new(Kind::Flow, i)),
    })
}
