//! The theme: Tera templates, static assets and UI strings.
//!
//! The built-in theme (the repository's `templates/` folder) is embedded in
//! the binary, so `guifan build` works wherever it is run. `--templates DIR`
//! overrides it file by file, as Zola themes allow: a `DIR/base.html` or
//! `DIR/static/style.css` replaces the built-in one, and the rest stays.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

/// The built-in theme, by path relative to `templates/`.
const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("_ref.html", include_str!("../../templates/_ref.html")),
    ("_cite.html", include_str!("../../templates/_cite.html")),
    ("_limit.html", include_str!("../../templates/_limit.html")),
    ("_src.html", include_str!("../../templates/_src.html")),
    (
        "_limit_rows.html",
        include_str!("../../templates/_limit_rows.html"),
    ),
    (
        "_finding_rows.html",
        include_str!("../../templates/_finding_rows.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("list.html", include_str!("../../templates/list.html")),
    (
        "standard.html",
        include_str!("../../templates/standard.html"),
    ),
    ("role.html", include_str!("../../templates/role.html")),
    ("flow.html", include_str!("../../templates/flow.html")),
    ("limits.html", include_str!("../../templates/limits.html")),
    ("script.html", include_str!("../../templates/script.html")),
    (
        "checklist.html",
        include_str!("../../templates/checklist.html"),
    ),
    ("records.html", include_str!("../../templates/records.html")),
    (
        "glossary.html",
        include_str!("../../templates/glossary.html"),
    ),
    (
        "findings.html",
        include_str!("../../templates/findings.html"),
    ),
    ("rule.html", include_str!("../../templates/rule.html")),
    ("source.html", include_str!("../../templates/source.html")),
    (
        "practice.html",
        include_str!("../../templates/practice.html"),
    ),
    (
        "static/style.css",
        include_str!("../../templates/static/style.css"),
    ),
    (
        "static/table.js",
        include_str!("../../templates/static/table.js"),
    ),
    (
        "static/favicon.svg",
        include_str!("../../templates/static/favicon.svg"),
    ),
    (
        "static/search.js",
        include_str!("../../templates/static/search.js"),
    ),
    (
        "static/diagram.js",
        include_str!("../../templates/static/diagram.js"),
    ),
    (
        "static/quiz.js",
        include_str!("../../templates/static/quiz.js"),
    ),
    (
        "static/quiz.css",
        include_str!("../../templates/static/quiz.css"),
    ),
    (
        "i18n/zh-CN.toml",
        include_str!("../../templates/i18n/zh-CN.toml"),
    ),
    ("i18n/en.toml", include_str!("../../templates/i18n/en.toml")),
];

/// The languages of the UI (never of the content).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Simplified Chinese.
    #[default]
    #[value(name = "zh-CN")]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    fn file(self) -> &'static str {
        match self {
            Lang::ZhCn => "i18n/zh-CN.toml",
            Lang::En => "i18n/en.toml",
        }
    }
}

pub struct Theme {
    files: BTreeMap<String, String>,
}

impl Theme {
    /// The built-in theme, overridden by the files under `overrides`.
    pub fn load(overrides: Option<&Path>) -> Result<Theme, String> {
        let mut files: BTreeMap<String, String> = BUILTIN
            .iter()
            .map(|(path, text)| (path.to_string(), text.to_string()))
            .collect();
        if let Some(dir) = overrides {
            if !dir.is_dir() {
                return Err(format!("--templates {}: no such folder", dir.display()));
            }
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .expect("walkdir stays under its root")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
                files.insert(rel, text);
            }
        }
        Ok(Theme { files })
    }

    /// Every `.html` file of the theme as a Tera template, named by its path.
    pub fn tera(&self) -> Result<Tera, String> {
        let mut tera = Tera::new();
        tera.add_raw_templates(
            self.files
                .iter()
                .filter(|(path, _)| path.ends_with(".html"))
                .map(|(path, text)| (path.as_str(), text.as_str())),
        )
        .map_err(|e| format!("template error: {}", error_chain(&e)))?;
        Ok(tera)
    }

    /// The UI strings of `lang`.
    pub fn strings(&self, lang: Lang) -> Result<BTreeMap<String, String>, String> {
        let text = self
            .files
            .get(lang.file())
            .ok_or_else(|| format!("the theme has no {}", lang.file()))?;
        toml::from_str(text).map_err(|e| format!("{}: {e}", lang.file()))
    }

    /// The files copied as they are into the site (`static/…`).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(path, _)| path.starts_with("static/"))
            .map(|(p, t)| (p.as_str(), t.as_str()))
    }
}

/// A Tera error with its causes, which say where in which template.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
