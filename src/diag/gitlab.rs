//! GitLab Code Quality: a JSON array of issues, shown in merge requests.
//! Format: <https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>.

use serde::Serialize;

use super::{Context, Diagnostic, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

pub fn render(diags: &[Diagnostic], cx: &Context) -> String {
    let issues: Vec<Issue> = diags
        .iter()
        .zip(super::fingerprints(diags))
        .map(|(diag, fingerprint)| Issue {
            description: format!("{} {}", diag.code, diag.message),
            check_name: diag.code,
            fingerprint,
            // GitLab's scale: info, minor, major, critical, blocker.
            severity: match diag.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            location: Location {
                path: format!("{}{}", cx.base, diag.place.file),
                lines: Lines {
                    begin: diag.place.line,
                },
            },
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).expect("issues serialise to JSON");
    out.push('\n');
    out
}
