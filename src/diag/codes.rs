//! The catalogue of structural diagnostic codes (`E…`).
//!
//! Codes are stable: scripts and SARIF consumers key on them. Each code's
//! documentation lives in `docs/codes/CODE.md`, the one text that
//! `guifan explain` prints and the site shows.

use super::Severity;

/// A documented diagnostic code.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    pub code: &'static str,
    /// Kebab-case name, used as the SARIF rule name.
    pub name: &'static str,
    /// One line: what the code reports.
    pub summary: &'static str,
    /// The full Markdown documentation.
    pub doc: &'static str,
}

macro_rules! code {
    ($code:literal, $name:literal, $summary:literal) => {
        CodeDoc {
            code: $code,
            name: $name,
            summary: $summary,
            doc: include_str!(concat!("../../docs/codes/", $code, ".md")),
        }
    };
}

/// Every structural code, in order.
pub const STRUCTURAL: &[CodeDoc] = &[
    code!("E001", "yaml-syntax", "The file is not valid YAML."),
    code!(
        "E002",
        "wrong-type",
        "A value has the wrong type, or a required field is missing."
    ),
    code!(
        "E003",
        "unknown-field",
        "A key that the format does not have."
    ),
    code!(
        "E004",
        "duplicate-id",
        "Two items of the same kind share an id."
    ),
    code!(
        "E005",
        "unresolved-reference",
        "A reference names an item that does not exist."
    ),
    code!(
        "E006",
        "unreachable-step",
        "No path from the first step of a flow reaches this step."
    ),
    code!(
        "E007",
        "endless-cycle",
        "A flow cannot end, or items refer to themselves in a loop."
    ),
    code!(
        "E008",
        "invalid-duration",
        "A time limit that cannot be read as a duration."
    ),
    code!("E009", "unsafe-id", "An id that is not a safe file name."),
    code!(
        "E010",
        "resource-limit",
        "A file too large, too deep, too aliased or not UTF-8."
    ),
    code!(
        "E011",
        "invalid-calendar",
        "A business calendar with an impossible date, working hours or day length."
    ),
];

/// The documentation of `code`, if it is a structural code.
pub fn lookup(code: &str) -> Option<&'static CodeDoc> {
    STRUCTURAL
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
}

/// Structural codes are errors: a spec that breaks them cannot be trusted.
pub fn default_severity(code: &str) -> Severity {
    if code.starts_with('E') {
        Severity::Error
    } else {
        Severity::Warning
    }
}
