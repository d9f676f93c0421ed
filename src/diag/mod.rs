//! Diagnostics: what `guifan check` reports, and how.
//!
//! A [`Diagnostic`] is plain data (code, severity, message, places, help);
//! the submodules turn a list of them into the three output formats. Keeping
//! them data means every producer (loader, resolver, lints) speaks one
//! language and every format shows the same facts.

mod base;
pub mod codes;
mod github;
mod gitlab;
pub mod human;
pub mod i18n;
pub mod json;
mod junit;
pub mod sarif;
mod source;

pub use base::repository_base;

pub use source::{SourceFile, SourceMap};

use schemars::JsonSchema;
use serde::Serialize;

use crate::spec::span::Pos;

/// How serious a finding is. Errors fail `check` (exit 1); warnings fail it
/// only under `--deny warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a spec file. `file` is relative to the spec folder, with `/`
/// separators on every platform so that output is the same everywhere.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct Place {
    /// The file, relative to the spec folder, `/`-separated.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Related {
    #[serde(flatten)]
    pub place: Place,
    /// What this place has to do with the finding.
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// The stable code: `E001`…, `SLA001`… (`guifan explain CODE`).
    pub code: &'static str,
    /// `error` fails `check`; `warning` fails it only under `--deny warnings`.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    #[serde(flatten)]
    pub place: Place,
    /// What the caret under the source says, where it says more than the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Other places the finding involves ("first defined here").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// How to mend it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The mend as an edit a tool can apply, where there is one sure mend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
    /// The catalogue messages behind the texts, to say them in another
    /// language ([`i18n::localise`]); not part of the output.
    #[serde(skip)]
    #[schemars(skip)]
    pub messages: Option<Box<i18n::Messages>>,
}

/// A machine-applicable edit in the diagnostic's file: replace the
/// characters of `line` from `col` up to (not including) `end_col` by
/// `replacement`. Columns count characters, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Suggestion {
    pub line: u32,
    pub col: u32,
    pub end_col: u32,
    pub replacement: String,
}

impl Diagnostic {
    /// A finding of `code` at its catalogue's default severity.
    pub fn new(code: &'static str, place: Place, message: impl Into<i18n::Text>) -> Self {
        let (message, msg) = message.into().split();
        let mut diag = Diagnostic {
            code,
            severity: codes::default_severity(code),
            message,
            place,
            label: None,
            related: Vec::new(),
            help: None,
            suggestion: None,
            messages: None,
        };
        if msg.is_some() {
            diag.messages_mut().message = msg;
        }
        diag
    }

    /// The messages, made when a first text has one.
    fn messages_mut(&mut self) -> &mut i18n::Messages {
        let related = self.related.len();
        self.messages.get_or_insert_with(|| {
            Box::new(i18n::Messages {
                related: vec![None; related],
                ..Default::default()
            })
        })
    }

    pub fn with_label(mut self, label: impl Into<i18n::Text>) -> Self {
        let (text, msg) = label.into().split();
        self.label = Some(text);
        if msg.is_some() {
            self.messages_mut().label = msg;
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<i18n::Text>) -> Self {
        let (text, msg) = help.into().split();
        self.help = Some(text);
        if msg.is_some() {
            self.messages_mut().help = msg;
        }
        self
    }

    pub fn with_suggestion(mut self, suggestion: Suggestion) -> Self {
        self.suggestion = Some(suggestion);
        self
    }

    pub fn with_related(mut self, place: Place, message: impl Into<i18n::Text>) -> Self {
        let (message, msg) = message.into().split();
        if let Some(messages) = self.messages.as_deref_mut() {
            messages.related.push(None);
        }
        self.related.push(Related { place, message });
        if msg.is_some() {
            *self.messages_mut().related.last_mut().expect("just pushed") = msg;
        }
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
    /// One JSON document: the diagnostics and a summary (docs/check.schema.json).
    Json,
    /// SARIF 2.1.0, for code-scanning tools (GitHub, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// GitLab Code Quality report (a JSON array).
    Gitlab,
    /// JUnit XML, one test case per finding, for CI test dashboards.
    Junit,
}

/// A documented code as the machine formats describe it.
pub struct RuleInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    /// The whole Markdown documentation (what `guifan explain` prints).
    pub doc: &'static str,
}

impl RuleInfo {
    /// Where the documentation is published, relative to the repository.
    pub fn help_uri(&self) -> String {
        let folder = if self.id.starts_with('E') {
            "codes"
        } else {
            "rules"
        };
        format!("{DOCS_URI}/{folder}/{}.md", self.id)
    }

    /// The first paragraph under "What it reports": the rule in a few lines.
    pub fn description(&self) -> String {
        let after = self
            .doc
            .split_once("## What it reports")
            .map_or(self.doc, |(_, rest)| rest);
        let paragraph = after.trim_start().split("\n\n").next().unwrap_or("");
        paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Where the documentation of every code lives.
const DOCS_URI: &str = "https://github.com/guifan/guifan/blob/main/docs";

/// What the formats need besides the diagnostics.
pub struct Context<'a> {
    pub sources: &'a SourceMap,
    /// Every documented code, so that rule lists do not depend on findings.
    pub rules: &'a [RuleInfo],
    /// The spec folder's path from the repository root, `/`-separated and
    /// ending in `/` (empty when the spec is the root): CI annotations name
    /// files from the root of the checkout.
    pub base: String,
    /// ANSI colours in human output.
    pub colour: bool,
}

/// Render `diags` in `format`.
pub fn render(format: Format, diags: &[Diagnostic], cx: &Context) -> String {
    match format {
        Format::Human => human::render(diags, cx.sources, cx.colour),
        Format::Json => json::render(diags),
        Format::Sarif => sarif::render(diags, cx),
        Format::Github => github::render(diags, cx),
        Format::Gitlab => gitlab::render(diags, cx),
        Format::Junit => junit::render(diags, cx),
    }
}

/// A fingerprint of a finding that survives edits elsewhere in the file:
/// its code, file and message (which names the items), not its line.
/// `nth` tells apart equal findings in one file. FNV-1a: a fixed algorithm,
/// so fingerprints are the same on every platform and version.
pub fn fingerprint(diag: &Diagnostic, nth: usize) -> String {
    use std::hash::Hasher as _;
    let mut hasher = fnv::FnvHasher::default();
    for part in [diag.code, diag.place.file.as_str(), diag.message.as_str()] {
        hasher.write(part.as_bytes());
        hasher.write(&[0]);
    }
    hasher.write(&nth.to_le_bytes());
    format!("{:016x}", hasher.finish())
}

/// The fingerprint of each diagnostic, in order.
pub fn fingerprints(diags: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, &str, &str), usize> = Default::default();
    diags
        .iter()
        .map(|d| {
            let key = (d.code, d.place.file.as_str(), d.message.as_str());
            let nth = seen.entry(key).or_default();
            let print = fingerprint(d, *nth);
            *nth += 1;
            print
        })
        .collect()
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
