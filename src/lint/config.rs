//! Lint levels: each rule's default, the spec's `guifan.toml`, and the
//! command line, in that order of precedence.
//!
//! ```toml
//! # spec/guifan.toml
//! [lint]
//! SLA007 = "allow"     # allow | warning | error
//! SLA001 = "error"
//! SLA019 = "error"     # a rule that is off by default is turned on here
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::did_you_mean;

/// How a rule's findings count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not checked.
    Allow,
    /// Reported; `check` still exits 0.
    Warning,
    /// Reported; `check` exits 1.
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// The levels in force for one run.
#[derive(Debug, Default, Clone)]
pub struct LintConfig {
    /// From the config file, by upper-case code.
    levels: HashMap<String, Level>,
    /// `--select`: when given, only rules matching one of these run.
    pub select: Vec<String>,
    /// `--ignore`: rules matching one of these do not run.
    pub ignore: Vec<String>,
    /// `--deny warnings`: every warning counts as an error.
    pub deny_warnings: bool,
}

/// The config file's shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    lint: HashMap<String, Level>,
    /// `[audit]`: read by `guifan audit` (src/audit/columns.rs).
    #[serde(default, rename = "audit")]
    _audit: toml::Table,
    /// `[site]`: read by `guifan build` (src/site/config.rs).
    #[serde(default, rename = "site")]
    _site: toml::Table,
}

/// The name of the config file at the spec root.
pub const FILE_NAME: &str = "guifan.toml";

impl LintConfig {
    /// Read `guifan.toml` at the spec root, if there is one. An unreadable
    /// file or an unknown rule code is a usage error (exit 2).
    pub fn load(spec_root: &Path) -> Result<Self, String> {
        crate::spec::load::check_root(spec_root).map_err(|e| e.to_string())?;
        let Some(file) = read::<File>(spec_root)? else {
            return Ok(Self::default());
        };
        let path = spec_root.join(FILE_NAME);
        let mut levels = HashMap::new();
        for (code, level) in file.lint {
            check_code(&code).map_err(|e| format!("`{}`: {e}", path.display()))?;
            levels.insert(code.to_ascii_uppercase(), level);
        }
        Ok(LintConfig {
            levels,
            ..Self::default()
        })
    }

    /// The level of `code` after the file and the command line.
    pub fn level(&self, code: &str) -> Level {
        let matches = |pattern: &String| code.starts_with(&pattern.to_ascii_uppercase());
        let selected = !self.select.is_empty();
        if selected && !self.select.iter().any(matches) {
            return Level::Allow;
        }
        if self.ignore.iter().any(matches) {
            return Level::Allow;
        }
        // A rule that is off by default runs when selected by name or prefix.
        let default = match super::rule(code).map_or(Level::Warning, |r| r.default) {
            Level::Allow if selected => Level::Warning,
            default => default,
        };
        let level = self.levels.get(code).copied().unwrap_or(default);
        if self.deny_warnings && level == Level::Warning {
            Level::Error
        } else {
            level
        }
    }
}

/// The part of the spec's `guifan.toml` that `T` describes; `None` when the
/// spec has no such file. Each command reads the sections it needs, so a
/// section of one command never breaks another.
pub fn read<T: serde::de::DeserializeOwned>(spec_root: &Path) -> Result<Option<T>, String> {
    let path = spec_root.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
    };
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| format!("`{}`: {}", path.display(), e.message()))
}

impl LintConfig {
    /// Set `code`'s level as the config file would (tests, callers that
    /// turn on a rule that is off by default).
    pub fn set(&mut self, code: &str, level: Level) {
        self.levels.insert(code.to_ascii_uppercase(), level);
    }
}

/// Whether `pattern` names a rule or a prefix of rule codes (`SLA00`).
pub fn check_code(pattern: &str) -> Result<(), String> {
    let upper = pattern.to_ascii_uppercase();
    if super::rules::ALL.iter().any(|r| r.code.starts_with(&upper)) && !upper.is_empty() {
        return Ok(());
    }
    let codes = super::rules::ALL.iter().map(|r| r.code);
    Err(match did_you_mean(&upper, codes) {
        Some(best) => format!("unknown rule `{pattern}`; did you mean `{best}`?"),
        None => format!("unknown rule `{pattern}`; `guifan rules` lists them"),
    })
}
