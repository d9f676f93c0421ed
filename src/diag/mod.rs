//! Diagnostics: what `guifan check` reports, and how.
//!
//! A [`Diagnostic`] is plain data (code, severity, message, places, help);
//! the submodules turn a list of them into the three output formats. Keeping
//! them data means every producer (loader, resolver, lints) speaks one
//! language and every format shows the same facts.

pub mod codes;
pub mod human;
pub mod json;
pub mod sarif;
mod source;

pub use source::{SourceFile, SourceMap};

use serde::Serialize;

use crate::spec::span::Pos;

/// How serious a finding is. Errors fail `check` (exit 1); warnings fail it
/// only under `--deny warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a spec file. `file` is relative to the spec folder, with `/`
/// separators on every platform so that output is the same everywhere.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl Place {
    pub fn new(file: &str, pos: Pos) -> Self {
        Place {
            file: file.to_owned(),
            line: pos.line.max(1),
            col: pos.col.max(1),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// A secondary place that explains the finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub place: Place,
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(flatten)]
    pub place: Place,
    /// What the caret under the source says, where it says more than the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `code` at its catalogue's default severity.
    pub fn new(code: &'static str, place: Place, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: codes::default_severity(code),
            message: message.into(),
            place,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, place: Place, message: impl Into<String>) -> Self {
        self.related.push(Related {
            place,
            message: message.into(),
        });
        self
    }
}

/// Sort diagnostics into the order users read them: by file, then position,
/// then code. Output is then the same whatever order the parallel loader
/// finished in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.place, a.code, &a.message).cmp(&(&b.place, b.code, &b.message)));
}

/// How many errors and warnings a list holds.
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}

/// "did you mean `owner`?" — the closest candidate, if one is close enough
/// to be a plausible typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Output format of diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, like rustc (colour on a terminal unless NO_COLOR is set).
    Human,
    /// One JSON document: the diagnostics and a summary.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["id", "title", "owner", "duties"];
        assert_eq!(did_you_mean("ownr", fields), Some("owner"));
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("zzzz", fields), None);
    }
}
