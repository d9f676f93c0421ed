//! SARIF 2.1.0 output, for code-scanning dashboards. The types come from
//! serde-sarif, which generates them from the published schema.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::{Diagnostic, Place, Severity};

/// A documented rule as SARIF lists it in the tool's driver.
pub struct RuleInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

/// Render `diags` as a SARIF log. `rules` is the whole catalogue, so that
/// rule ids are stable whatever was found. Paths are relative to the spec
/// folder, which SARIF calls the `SPECROOT` base.
pub fn render(diags: &[Diagnostic], rules: &[RuleInfo]) -> String {
    let descriptors: Vec<ReportingDescriptor> = rules
        .iter()
        .map(|r| {
            ReportingDescriptor::builder()
                .id(r.id)
                .name(r.name)
                .short_description(MultiformatMessageString::builder().text(r.summary).build())
                .build()
        })
        .collect();
    let results: Vec<SarifResult> = diags.iter().map(result).collect();
    let driver = ToolComponent::builder()
        .name("guifan")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://github.com/guifan/guifan")
        .rules(descriptors)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
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

fn result(diag: &Diagnostic) -> SarifResult {
    let level = match diag.severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    };
    let related: Vec<Location> = diag
        .related
        .iter()
        .map(|r| location(&r.place, Some(&r.message)))
        .collect();
    let mut text = diag.message.clone();
    if let Some(help) = &diag.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    SarifResult::builder()
        .rule_id(diag.code)
        .level(level)
        .message(Message::builder().text(text).build())
        .locations(vec![location(&diag.place, None)])
        .related_locations(related)
        .build()
}

fn location(place: &Place, message: Option<&str>) -> Location {
    let physical = PhysicalLocation::builder()
        .artifact_location(
            ArtifactLocation::builder()
                .uri(place.file.as_str())
                .uri_base_id("SPECROOT")
                .build(),
        )
        .region(
            Region::builder()
                .start_line(i64::from(place.line))
                .start_column(i64::from(place.col))
                .build(),
        )
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(m).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}
