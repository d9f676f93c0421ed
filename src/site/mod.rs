//! The website: `guifan build` renders the resolved model into a static,
//! offline site, and `guifan serve` previews it.
//!
//! A build: open the spec (the one model every command reads) and lint it;
//! refuse to render errors unless asked; lay out every page's data
//! ([`pages`]), render the pages with Tera in parallel straight into a
//! staging folder, add the static files and the search index, and swap the
//! finished folder in ([`output`]). Nothing depends on the clock or on hash
//! order, so the same spec gives byte-identical output.

pub mod diagram;
pub mod highlight;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod search;
pub mod serve;
pub mod theme;
pub mod url;
pub mod xref;

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Severity, SourceMap};
use crate::lint::LintConfig;
use pages::Site;
pub use theme::Lang;

/// What `guifan build` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub lang: Lang,
    pub allow_errors: bool,
    /// Draw a progress bar (on a terminal, unless `--quiet`).
    pub progress: bool,
}

/// What a build did.
pub struct Outcome {
    /// Every finding, errors first by file; the caller prints or shows them.
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    /// Pages and files written, or `None` when the spec's errors stopped the build.
    pub written: Option<Written>,
}

#[derive(Clone, Copy, Debug)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Build the site. `Err` is a usage or I/O problem (exit 2); a spec with
/// errors is an `Outcome` without `written`.
pub fn build(opts: &Options) -> Result<Outcome, String> {
    let theme = theme::Theme::load(opts.templates.as_deref())?;
    let mut tera = theme.tera()?;
    let strings = theme.strings(opts.lang)?;
    let config = LintConfig::load(&opts.spec)?;

    let (spec, mut diagnostics) = crate::spec::open(&opts.spec).map_err(|e| e.to_string())?;
    diagnostics.extend(crate::lint::run(&spec, &config));
    crate::diag::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    if has_errors && !opts.allow_errors {
        return Ok(Outcome {
            diagnostics,
            sources: spec.sources,
            written: None,
        });
    }

    tera.global_context().insert("t", &strings);
    tera.global_context()
        .insert("lang", strings.get("lang").map_or("zh-CN", |l| l.as_str()));
    let site = Site::new(&spec, &strings, opts.lang, &diagnostics, &config);
    let staging = output::Staging::new(&opts.out)?;
    let pages = site.pages();
    let bar = progress_bar(opts.progress, pages.len());

    pages.par_iter().try_for_each(|&page| {
        let path = site.path(page);
        let (template, mut data) = site.context(page);
        data["root"] = url::root_of(&path).into();
        data["page"] = path.clone().into();
        let context = tera::Context::from_serialize(&data)
            .map_err(|e| format!("{path}: {}", theme::error_chain(&e)))?;
        let html = tera
            .render(template, &context)
            .map_err(|e| format!("{path}: {}", theme::error_chain(&e)))?;
        staging
            .write(&url::file_of(&path), html.as_bytes())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        bar.inc(1);
        Ok::<(), String>(())
    })?;
    bar.finish_and_clear();

    let mut files = pages.len();
    let labels = search::Labels {
        kinds: search::KINDS
            .iter()
            .map(|&k| (k, site.kind_label(k)))
            .collect(),
    };
    let assets = theme
        .static_files()
        .map(|(path, text)| (path.to_owned(), text.to_owned()))
        .chain([("static/syntax.css".to_owned(), highlight::stylesheet())])
        .chain(search::build_index(&spec, &labels));
    for (path, text) in assets {
        staging
            .write(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        files += 1;
    }
    staging.commit()?;
    Ok(Outcome {
        diagnostics,
        sources: spec.sources,
        written: Some(Written {
            pages: pages.len(),
            files,
        }),
    })
}

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} pages ({per_sec})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("rendering");
    bar
}
