//! What must hold of any spec's export and site, whatever its content: the
//! export is complete and valid against its published schema, and the
//! export, SLA009 and the role pages agree on who must meet each limit.
//! Shared by `tests/model.rs` (the test site) and `tests/bundled.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Selector};
use serde_json::Value;

use super::{guifan, root};

/// `guifan -s SPEC export`, validated against `docs/export.schema.json`.
pub fn export(spec: &Path) -> Value {
    let out = guifan(&["-s", spec.to_str().unwrap(), "export"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export: Value = serde_json::from_slice(&out.stdout).expect("the export is JSON");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the export schema is valid");
    let problems: Vec<String> = validator
        .iter_errors(&export)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "the export breaks its schema: {problems:#?}"
    );
    export
}

/// No consumer of the export must re-derive the model: every step has its
/// successors or ends the flow, every `after` is read, and no limit used by
/// a step that has an owner lacks one.
pub fn assert_export_is_complete(export: &Value) {
    let mut step_owner = BTreeMap::new();
    for flow in export["flows"].as_array().unwrap() {
        for step in flow["steps"].as_array().unwrap() {
            let at = format!(
                "{}/{}",
                flow["id"].as_str().unwrap(),
                step["id"].as_str().unwrap()
            );
            let next = step["next"].as_array().unwrap();
            assert!(
                !next.is_empty() || step["end"] == true,
                "{at}: neither next nor end"
            );
            for e in step["escalations"].as_array().unwrap() {
                if !e["after"].is_null() {
                    assert!(
                        e["after"]["reading"].is_string(),
                        "{at}: `after` unread: {e}"
                    );
                }
            }
            step_owner.insert(at, step["owner"].clone());
        }
    }
    for limit in export["limits"].as_array().unwrap() {
        for user in limit["used_by"].as_array().unwrap() {
            let Some(step) = user["step"].as_str() else {
                continue;
            };
            let owner = &step_owner[&format!("{}/{step}", user["flow"].as_str().unwrap())];
            assert!(
                owner.is_null() || !limit["owner"].is_null(),
                "{} is used by a step owned by {owner} but exports no owner",
                limit["id"]
            );
        }
    }
}

/// The limits each role page lists under 本角色的时限, by role id.
fn role_page_limits(site: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let table =
        Selector::parse("#limits li.limit-card:not(.inherited) a[href*='limits.html#limit-']")
            .unwrap();
    let mut by_role = BTreeMap::new();
    for entry in std::fs::read_dir(site.join("roles")).unwrap() {
        let path = entry.unwrap().path();
        let Some(role) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if role == "index" {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        let limits = html
            .select(&table)
            .filter_map(|a| {
                a.attr("href")?
                    .split_once("#limit-")
                    .map(|(_, id)| id.to_owned())
            })
            .collect();
        by_role.insert(role.to_owned(), limits);
    }
    by_role
}

/// SLA009, the export and every role page give each limit the same owners.
pub fn assert_owners_agree(spec: &Path, export: &Value, site: &Path) {
    let out = guifan(&["-s", spec.to_str().unwrap(), "check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let unowned: BTreeSet<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "SLA009")
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            message.split('`').nth(1).unwrap().to_owned()
        })
        .collect();
    let pages = role_page_limits(site);
    for limit in export["limits"].as_array().unwrap() {
        let id = limit["id"].as_str().unwrap();
        let owners: BTreeSet<String> = limit["owners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap().to_owned())
            .collect();
        let on_pages: BTreeSet<String> = pages
            .iter()
            .filter(|(_, limits)| limits.contains(id))
            .map(|(role, _)| role.clone())
            .collect();
        assert_eq!(owners, on_pages, "limit {id}: export owners vs role pages");
        assert_eq!(
            owners.is_empty(),
            unowned.contains(id),
            "limit {id}: export owners {owners:?} but SLA009 {}",
            if unowned.contains(id) {
                "fires"
            } else {
                "is quiet"
            }
        );
        assert_eq!(
            limit["owner"].as_str().is_some(),
            !owners.is_empty(),
            "{id}"
        );
    }
}
