//! Machine output: one JSON document with every diagnostic and a summary.

use serde::Serialize;

use super::Diagnostic;

#[derive(Serialize)]
struct Report<'a> {
    diagnostics: &'a [Diagnostic],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

pub fn render(diags: &[Diagnostic]) -> String {
    let (errors, warnings) = super::count(diags);
    let report = Report {
        diagnostics: diags,
        summary: Summary { errors, warnings },
    };
    let mut out = serde_json::to_string_pretty(&report).expect("diagnostics serialise to JSON");
    out.push('\n');
    out
}
