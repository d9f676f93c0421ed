//! One model for every output: who must meet a limit is decided once
//! (`spec::relations`), and SLA009, the role pages and the export say the
//! same; the export is complete and valid against its published schema;
//! a rule that reads the others' work reports the same whatever is selected.

mod common;

use common::model::{assert_export_is_complete, assert_owners_agree, export};
use common::site::{build, read, stderr};
use common::{guifan, root, stdout, test_site};

#[test]
fn sla009_role_pages_and_export_agree_on_every_owner() {
    let spec = test_site();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let built = build(&spec, &site, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let export = export(&spec);
    assert_export_is_complete(&export);
    assert_owners_agree(&spec, &export, &site);

    // The case that used to disagree: a flow owned by 值班主管 (`boss`) with
    // an end-to-end limit that names no owner. No SLA009, and the role page
    // lists it.
    let boss = read(&site.join("roles/boss.html"));
    for limit in ["complaint-total-urgent", "complaint-total-ordinary"] {
        assert!(
            boss.contains(&format!("limits.html#limit-{limit}")),
            "{limit}"
        );
        let exported = export["limits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == limit)
            .unwrap();
        assert_eq!(exported["owner"], "boss");
        assert_eq!(exported["owner_from"], "flow");
        assert_eq!(
            exported["used_by"],
            serde_json::json!([{"flow": "complaint-handling"}])
        );
    }
}

#[test]
fn the_published_export_schema_is_current() {
    let committed = std::fs::read_to_string(root().join("docs/export.schema.json")).unwrap();
    let out = guifan(&["schema", "--export"]);
    assert!(
        committed == stdout(&out),
        "docs/export.schema.json is stale: run `cargo run -- schema --export > docs/export.schema.json`"
    );
}

#[test]
fn steps_export_their_successors_owners_and_escalation_delays() {
    let export = export(&test_site());
    let flow = export["flows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "complaint-handling")
        .unwrap();
    let steps = flow["steps"].as_array().unwrap();
    // Every step says where the flow goes, with the format's default (the
    // step below) written out, and whether the flow may end there.
    for step in steps {
        assert!(
            step["next"].is_array() && step["end"].is_boolean(),
            "{step}"
        );
        assert!(step["file"].is_string() && step["line"].as_u64() > Some(0));
    }
    let first = &steps[0];
    assert_eq!(first["next"][0]["to"], steps[1]["id"], "{first}");
    assert_eq!(first["owner_from"], "step");
    let after: Vec<&serde_json::Value> = steps
        .iter()
        .flat_map(|s| s["escalations"].as_array().unwrap())
        .filter(|e| !e["after"].is_null())
        .map(|e| &e["after"])
        .collect();
    assert!(
        !after.is_empty(),
        "the test site has escalations with `after`"
    );
    for a in after {
        assert!(
            a["normalised"]["amount"].is_string() && a["normalised"]["unit"].is_string(),
            "{a}"
        );
    }
}

/// The findings of `check --format json` with `args`, on a spec of `files`.
fn findings(files: &[(&str, &str)], config: Option<&str>, args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    if let Some(config) = config {
        std::fs::write(dir.path().join("guifan.toml"), config).unwrap();
    }
    let mut all = vec![
        "-s",
        dir.path().to_str().unwrap(),
        "check",
        "--format",
        "json",
    ];
    all.extend(args);
    let report: serde_json::Value = serde_json::from_slice(&guifan(&all).stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["line"], d["col"]))
        .collect()
}

#[test]
fn sla006_reports_the_same_whatever_else_is_selected() {
    let case = root().join("tests/fixtures/lints/SLA006/fires/no-calendar");
    let base = std::fs::read_to_string(case.join("base.yaml")).unwrap();
    let limits = std::fs::read_to_string(case.join("case.yaml")).unwrap();
    let files = [("base.yaml", base.as_str()), ("case.yaml", limits.as_str())];
    let sla006 = |found: Vec<String>| -> Vec<String> {
        found
            .into_iter()
            .filter(|f| f.starts_with("SLA006"))
            .collect()
    };
    // The comparison is SLA001's, and SLA006 says it could not be made.
    let full = sla006(findings(&files, None, &[]));
    assert_eq!(full, ["SLA006 3:45"]);
    assert_eq!(findings(&files, None, &["--select", "SLA006"]), full);
    assert_eq!(
        sla006(findings(&files, None, &["--ignore", "SLA001"])),
        full
    );
    let allowed = findings(&files, Some("[lint]\nSLA001 = \"allow\"\n"), &[]);
    assert_eq!(sla006(allowed.clone()), full);
    assert!(
        !allowed.iter().any(|f| f.starts_with("SLA001")),
        "{allowed:?}"
    );
}
