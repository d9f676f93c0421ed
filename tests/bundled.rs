//! The one test of the bundled `spec/`: it checks without errors, builds,
//! its site is whole and its export complete. Every other test runs on the frozen test site
//! (`tests/test_site/spec/`), so that editing the bundled standards never
//! breaks a test; this one pins no count and no content of the standards,
//! only what must hold of any edit of them.

mod common;

use common::model::{assert_export_is_complete, assert_owners_agree, export};
use common::site::{assert_links_resolve, assert_page_for_every_item, build, stderr};
use common::{bundled_spec, guifan, stdout};

#[test]
fn the_bundled_spec_builds_and_checks_end_to_end() {
    let spec = bundled_spec();
    let path = spec.to_str().unwrap();

    // `guifan check`: no error (warnings are the standards' own business).
    let out = guifan(&["check", "-s", path, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", stdout(&out)));
    let errors: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            format!(
                "{} {}:{}: {}",
                d["code"], d["file"], d["line"], d["message"]
            )
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the bundled spec has errors:\n{}",
        errors.join("\n")
    );
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Every file is valid as an independent validator reads the committed
    // schema, and names it for editors.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec.join("guifan.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid JSON Schema");
    let files = guifan::spec::load::discover(&spec).unwrap();
    assert!(!files.is_empty());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let problems: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
        assert!(
            text.starts_with("# yaml-language-server: $schema="),
            "{} does not reference the schema",
            file.display()
        );
    }

    // `guifan build`: the site is written, its links stay inside it, and
    // every item has its page.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let built = build(&spec, &site, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(assert_links_resolve(&site) > 0);
    let (model, diags) = guifan::spec::open(&spec).unwrap();
    assert!(diags.is_empty());
    assert_page_for_every_item(&site, &model);

    // `guifan export`: valid against its published schema, complete, and
    // agreeing with SLA009 and the role pages on every limit's owners.
    let export = export(&spec);
    assert_export_is_complete(&export);
    assert_owners_agree(&spec, &export, &site);

    // `guifan print` and `guifan matrix`: a document per checklist and
    // flow, a matrix row per step, limit, checklist item and retention.
    let print = dir.path().join("print");
    let out = guifan(&["print", "-s", path, "-o", print.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let documents = std::fs::read_dir(&print).unwrap().count() - 1; // and the marker
    assert_eq!(documents, model.checklists.len() + model.flows.len());
    let out = guifan(&["matrix", "-s", path, "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = csv::Reader::from_reader(&out.stdout[3..]).records().count();
    let steps: usize = model.flows.iter().map(|f| f.steps.len()).sum();
    let items: usize = model.checklists.iter().map(|c| c.items.len()).sum();
    let kept = model
        .records
        .iter()
        .filter(|r| r.retention.is_some())
        .count();
    assert_eq!(rows, steps + model.limits.len() + items + kept);
}
