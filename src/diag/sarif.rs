//! SARIF 2.1.0 output, for code scanning (GitHub, Azure DevOps). The types
//! come from serde-sarif, which generates them from the published schema.
//!
//! Paths are relative to the spec folder, the `SPECROOT` base, which
//! `originalUriBaseIds` places in the repository (`REPOROOT`), so results
//! map onto a repository whose spec is not at its root. Every rule carries
//! its documentation, and every result a fingerprint that survives edits
//! elsewhere in the file, so a dashboard tracks a finding across commits.

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, RunAutomationDetails, Sarif,
    Tool, ToolComponent,
};

use super::{Context, Diagnostic, Place, RuleInfo, Severity};

/// Render `diags` as a SARIF log; the rule list is the whole catalogue, so
/// rule indices are stable whatever was found.
pub fn render(diags: &[Diagnostic], cx: &Context) -> String {
    let results: Vec<SarifResult> = (diags.iter().zip(super::fingerprints(diags)))
        .map(|(diag, print)| result(diag, print, cx))
        .collect();
    let driver = ToolComponent::builder()
        .name("guifan")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://github.com/guifan/guifan")
        .rules(cx.rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let spec_root = ArtifactLocation::builder()
        .uri(cx.base.clone())
        .uri_base_id("REPOROOT")
        .description(Message::builder().text("the spec folder").build())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .automation_details(RunAutomationDetails::builder().id("guifan/check/").build())
        .original_uri_base_ids(BTreeMap::from([("SPECROOT".to_owned(), spec_root)]))
        // Columns count characters, as everywhere in guifan (SARIF's
        // default, UTF-16 code units, differs beyond the BMP).
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .results(results)
        .build();
    let log = Sarif::builder()
        .version(serde_json::json!("2.1.0"))
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .runs(vec![run])
        .build();
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serialises to JSON");
    out.push('\n');
    out
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    let text = |t: String| MultiformatMessageString::builder().text(t).build();
    let help = MultiformatMessageString::builder()
        .text(rule.doc.to_owned())
        .markdown(rule.doc.to_owned())
        .build();
    ReportingDescriptor::builder()
        .id(rule.id)
        .name(rule.name)
        .short_description(text(rule.summary.to_owned()))
        .full_description(text(rule.description()))
        .help(help)
        .help_uri(rule.help_uri())
        .build()
}

fn result(diag: &Diagnostic, fingerprint: String, cx: &Context) -> SarifResult {
    let level = match diag.severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    };
    let related: Vec<Location> = (diag.related.iter())
        .map(|r| location(&r.place, Some(&r.message), cx))
        .collect();
    let mut text = diag.message.clone();
    if let Some(help) = &diag.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = SarifResult::builder()
        .rule_id(diag.code)
        .level(level)
        .message(Message::builder().text(text).build())
        .locations(vec![location(&diag.place, None, cx)])
        .partial_fingerprints(BTreeMap::from([("guifan/v1".to_owned(), fingerprint)]))
        .build();
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    result
}

fn location(place: &Place, message: Option<&str>, cx: &Context) -> Location {
    let region = Region::builder()
        .start_line(i64::from(place.line))
        .start_column(i64::from(place.col))
        .end_line(i64::from(place.line))
        .end_column(i64::from(cx.sources.end_column(place)))
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(
            ArtifactLocation::builder()
                .uri(place.file.as_str())
                .uri_base_id("SPECROOT")
                .build(),
        )
        .region(region)
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(m).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}
