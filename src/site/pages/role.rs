//! A role's page, the trainee's onboarding sheet: "I am a 话务员 — which
//! flows must I learn, what must I do within which time, what do I say,
//! what is checked?" Its time limits include what its parent roles must
//! meet (inherited, and shown as such), grouped and sorted so that the
//! shortest deadline comes first and vague wording comes last.

use serde_json::{Value, json};

use super::Site;
use crate::site::url;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::LimitKind;

/// The groups of a role's limit list, in the order the page shows them.
const GROUPS: [(&str, &[LimitKind]); 4] = [
    ("timed", &[LimitKind::Deadline, LimitKind::Response]),
    ("recurring", &[LimitKind::Frequency, LimitKind::Anchor]),
    ("retention", &[LimitKind::Retention]),
    ("vague", &[LimitKind::Vague]),
];

/// The role's limits, its own then its inherited ones, grouped by kind and
/// sorted by length within a group (limits with no length last, each group
/// in the order met: own before inherited, spec order).
fn limit_groups(site: &Site, i: usize) -> Vec<Value> {
    let x = &site.spec.relations.roles[i];
    let own = x.limits.iter().map(|&l| (l, None));
    let inherited = (x.inherited_limits.iter()).map(|&(l, from)| (l, Some(from)));
    let rows: Vec<(usize, Value)> = own
        .chain(inherited)
        .map(|(l, from)| {
            let mut row = site.limit(l);
            row["inherited_from"] = from.map_or(Value::Null, |r| site.role_ref(r));
            (l, row)
        })
        .collect();
    GROUPS
        .iter()
        .filter_map(|(key, kinds)| {
            let mut group: Vec<&(usize, Value)> = (rows.iter())
                .filter(|(l, _)| kinds.contains(&site.spec.limit_info[*l].kind))
                .collect();
            group.sort_by(|(_, a), (_, b)| {
                let len = |v: &Value| v["sort"].as_f64().unwrap_or(f64::INFINITY);
                len(a).total_cmp(&len(b))
            });
            (!group.is_empty()).then(|| {
                json!({
                    "key": key,
                    "title": site.t(&format!("limits_{key}")),
                    "note": site.t(&format!("limits_{key}_note")),
                    "limits": group.into_iter().map(|(_, row)| row).collect::<Vec<_>>(),
                })
            })
        })
        .collect()
}

/// The flows to learn: those it owns, then those it performs steps in, each
/// once, with the steps it performs (in flow order) and their limits.
fn flows_to_learn(site: &Site, i: usize) -> Vec<Value> {
    let s = site.spec;
    let x = &s.relations.roles[i];
    let mut flows: Vec<(usize, bool, Vec<Value>)> =
        x.flows.iter().map(|&f| (f, true, Vec::new())).collect();
    for at in &x.steps {
        let (f, st) = (at.index, at.part);
        let step = &s.flows[f].steps[st];
        let entry = json!({
            "step": site.step_ref(f, st),
            "action": step.action.as_ref().map(|a| &a.value),
            "limits": step.limits.iter().map(|l| site.limit_ref(l)).collect::<Vec<_>>(),
        });
        match flows.iter_mut().find(|(g, _, _)| *g == f) {
            Some((_, _, steps)) => steps.push(entry),
            None => flows.push((f, false, vec![entry])),
        }
    }
    flows
        .into_iter()
        .map(|(f, owned, steps)| json!({"flow": site.flow_ref(f), "owned": owned, "steps": steps}))
        .collect()
}

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
    let scripts: Vec<Value> = x
        .scripts
        .iter()
        .map(|&k| {
            let sc = &s.scripts[k];
            json!({
                "title": sc.title.value,
                "url": url::script(&sc.id.value),
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
                "url": url::checklist(&c.id.value),
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
                "url": url::record(&r.id.value),
                "fields": r.fields.iter().map(|f| &f.value).collect::<Vec<_>>(),
            })
        })
        .collect();
    let roles_index = json!({"title": site.t("nav_roles"), "url": "roles/index.html"});
    let mut ancestors: Vec<Value> = (s.relations.ancestors(i))
        .map(|a| site.role_ref(a))
        .collect();
    ancestors.reverse();
    json!({
        "page_title": role.title.value,
        "nav": "roles",
        "breadcrumbs": std::iter::once(roles_index).chain(ancestors).collect::<Vec<_>>(),
        "role": {
            "id": role.id.value,
            "title": role.title.value,
            "title_en": role.title_en.as_ref().map(|t| &t.value),
            "kind": kind,
            "standard": site.standard_link(&role.file, &role.source),
            "parent": site.role_link(&role.parent),
            "children": x.children.iter().map(|&c| site.role_ref(c)).collect::<Vec<_>>(),
            "duties": role.duties.iter().map(|d| &d.value).collect::<Vec<_>>(),
            "description": site.markdown(&role.description),
            "source": site.cite(&role.source),
            "src": site.source_of(role),
        },
        "flows": flows_to_learn(site, i),
        "limit_groups": limit_groups(site, i),
        "scripts": scripts,
        "checklists": checklists,
        "records": records,
        "notified": x.notified.iter().map(|at| site.step_ref(at.index, at.part)).collect::<Vec<_>>(),
        "practice_quiz": site.practice_link(ItemRef::new(Kind::Role, i)),
    })
}
