//! The website: `guifan build` renders the resolved model into a static,
//! offline site, and `guifan serve` previews it.
//!
//! The site is an [`Output`]: from the checked spec it lays out every
//! page's data ([`pages`]), renders the pages with Tera in parallel, and
//! adds the static files and the search index; [`crate::output::write`]
//! gates errors and swaps the finished folder in. Nothing depends on the
//! clock or on hash order, so the same spec gives byte-identical output.

pub mod diagram;
pub mod highlight;
pub mod markdown;
pub mod pages;
pub mod search;
pub mod serve;
pub mod url;

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::lint::LintConfig;
use crate::output::theme::{self, Lang, Theme};
use crate::output::{Checked, Dest, Output, Refused, Rendered, Target, neutralise};
use pages::Site;

/// The website as an output: the theme and the language it renders in.
pub struct Website {
    theme: Theme,
    lang: Lang,
    /// Draw a progress bar (on a terminal, unless `--quiet`).
    progress: bool,
    /// Also print the auditor's documents to `pdf/` and link them.
    pub pdf: bool,
}

impl Website {
    /// The built-in theme, overridden by the files under `templates`.
    pub fn new(templates: Option<&Path>, lang: Lang, progress: bool) -> Result<Website, String> {
        Ok(Website {
            theme: Theme::load(templates)?,
            lang,
            progress,
            pdf: false,
        })
    }
}

impl Output for Website {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        let mut tera = self.theme.tera()?;
        let strings = self.theme.strings(self.lang)?;
        tera.global_context().insert("t", &strings);
        tera.global_context()
            .insert("lang", strings.get("lang").map_or("zh-CN", |l| l.as_str()));
        tera.global_context().insert("pdf", &self.pdf);
        let site = Site {
            spec: &checked.spec,
            strings: &strings,
            lang: self.lang,
            diags: &checked.diagnostics,
            config: &checked.config,
        };
        let pages = site.pages();
        let bar = progress_bar(self.progress, pages.len());
        pages.par_iter().try_for_each(|&page| {
            let path = site.path(page);
            let (template, mut data) = site.context(page);
            data["root"] = url::root_of(&path).into();
            data["page"] = path.clone().into();
            let context = tera::Context::from_serialize(&data)
                .map_err(|e| format!("{path}: {}", theme::error_chain(&e)))?;
            // The largest pages (every limit, every finding) hold tens of
            // megabytes in each form: keep no more than two forms alive at a time.
            drop(data);
            let html = tera
                .render(template, &context)
                .map_err(|e| format!("{path}: {}", theme::error_chain(&e)))?;
            drop(context);
            dest.write(&url::file_of(&path), neutralise(&html).as_bytes())
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            bar.inc(1);
            Ok::<(), String>(())
        })?;
        bar.finish_and_clear();
        let labels = search::Labels {
            kinds: search::RANKED
                .iter()
                .map(|k| (k.key(), site.kind_label(k.key())))
                .collect(),
        };
        let assets: Vec<(String, String)> = self
            .theme
            .static_files()
            .map(|(path, text)| (path.to_owned(), text.to_owned()))
            .chain([("static/syntax.css".to_owned(), highlight::stylesheet())])
            .chain(search::build_index(&checked.spec, &labels))
            .collect();
        for (path, text) in &assets {
            dest.write(path, neutralise(text).as_bytes())
                .map_err(|e| format!("cannot write {path}: {e}"))?;
        }
        let pdfs = if self.pdf {
            crate::print::site_pdfs(checked)?
        } else {
            Vec::new()
        };
        for (path, bytes) in &pdfs {
            dest.write(path, bytes)
                .map_err(|e| format!("cannot write {path}: {e}"))?;
        }
        let files = pages.len() + assets.len() + pdfs.len();
        Ok(Rendered {
            files,
            summary: format!("{} pages ({files} files)", pages.len()),
        })
    }
}

/// What `guifan build` and `guifan serve` are asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub lang: Lang,
    pub allow_errors: bool,
    pub progress: bool,
    /// Print the checklists and flow audit checklists to `pdf/` (Chromium).
    pub pdf: bool,
}

/// What a build did.
pub struct Outcome {
    /// The spec and every finding; the caller prints or shows them.
    pub checked: Checked,
    /// What was written, or `None` when the spec's errors stopped the build.
    pub written: Option<Rendered>,
}

/// Check the spec and build the site into `opts.out`. `Err` is a usage or
/// I/O problem (exit 2); a spec with errors is an `Outcome` without
/// `written`, and the previous site stays.
pub fn build(opts: &Options) -> Result<Outcome, String> {
    let mut website = Website::new(opts.templates.as_deref(), opts.lang, opts.progress)?;
    website.pdf = opts.pdf;
    let checked = Checked::open(&opts.spec, LintConfig::load(&opts.spec)?)?;
    let target = Target::Folder(opts.out.clone());
    let written = match crate::output::write(&website, &checked, &target, opts.allow_errors) {
        Ok(rendered) => Some(rendered),
        Err(Refused::Errors(_)) => None,
        Err(Refused::Failed(message)) => return Err(message),
    };
    Ok(Outcome { checked, written })
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
