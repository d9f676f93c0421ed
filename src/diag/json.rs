//! Machine output: one JSON document with every diagnostic and a summary,
//! versioned and described by a published schema (`docs/check.schema.json`,
//! `guifan schema --diagnostics`), so scripts can rely on its shape.

use schemars::JsonSchema;
use serde::Serialize;

use super::Diagnostic;

/// The version of this document's shape; raised when a field changes
/// meaning or goes away (new fields do not raise it).
pub const VERSION: u32 = 1;

/// The output of `guifan check --format json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "guifan check --format json")]
struct Report<'a> {
    /// The version of this document's shape (1).
    version: u32,
    /// Every finding, sorted by file, line, column and code.
    diagnostics: &'a [Diagnostic],
    summary: Summary,
}

/// How many findings of each severity.
#[derive(Serialize, JsonSchema)]
struct Summary {
    /// Findings at error level (`check` exits 1 when there is any).
    errors: usize,
    /// Findings at warning level.
    warnings: usize,
}

pub fn render(diags: &[Diagnostic]) -> String {
    let (errors, warnings) = super::count(diags);
    let report = Report {
        version: VERSION,
        diagnostics: diags,
        summary: Summary { errors, warnings },
    };
    let mut out = serde_json::to_string_pretty(&report).expect("diagnostics serialise to JSON");
    out.push('\n');
    out
}

/// The JSON Schema of [`render`]'s output.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report<'static>);
    let mut out = serde_json::to_string_pretty(&schema).expect("the schema serialises");
    out.push('\n');
    out
}
