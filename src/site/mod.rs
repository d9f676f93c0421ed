//! The website: `guifan build` renders the resolved model into a static,
//! offline site, and `guifan serve` previews it.
//!
//! The site is an [`Output`]: from the checked spec it lays out every
//! page's data ([`pages`]), renders the pages with Tera in parallel, and
//! adds the static files and the search index; [`crate::output::write`]
//! gates errors and swaps the finished folder in. Nothing depends on the
//! clock or on hash order, so the same spec gives byte-identical output.

pub mod config;
pub mod diagram;
pub mod highlight;
pub mod markdown;
pub mod pages;
mod render;
pub mod search;
pub mod serve;
pub mod url;

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::Value;

use crate::lint::LintConfig;
use crate::output::theme::{self, Lang, Theme};
use crate::output::{Checked, Dest, Output, Refused, Rendered, Target, neutralise};
use config::SiteConfig;
pub use pages::Practice;
use pages::{Page, Site};

/// The website as an output: the theme and the language it renders in.
pub struct Website {
    theme: Theme,
    lang: Lang,
    /// Draw a progress bar (on a terminal, unless `--quiet`).
    progress: bool,
    /// Also print the auditor's documents to `pdf/` and link them.
    pub pdf: bool,
    /// `[site]` of the spec's `guifan.toml`.
    pub config: SiteConfig,
}

impl Website {
    /// The built-in theme, overridden by the files under `templates`.
    pub fn new(templates: Option<&Path>, lang: Lang, progress: bool) -> Result<Website, String> {
        Ok(Website {
            theme: Theme::load(templates)?,
            lang,
            progress,
            pdf: false,
            config: SiteConfig::default(),
        })
    }

    /// The website `opts` ask for.
    pub fn of(opts: &Options) -> Result<Website, String> {
        let mut website = Website::new(opts.templates.as_deref(), opts.lang, opts.progress)?;
        website.pdf = opts.pdf;
        website.config = SiteConfig::load(&opts.spec)?;
        Ok(website)
    }
}

impl Output for Website {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        self.render_some(checked, dest, &Every)
    }
}

/// Which files a render writes (`serve` writes only those an edit changed).
/// It relies on a page's HTML being a function of its data and the theme
/// alone: templates get everything through the data, never from the model.
pub trait Select: Sync {
    /// Before the page's data is made (source pages highlight their file).
    fn wants(&self, _site: &Site, _path: &str, _page: Page) -> bool {
        true
    }
    /// The page's data, as its template receives it.
    fn keeps(&self, _path: &str, _data: &serde_json::Value) -> bool {
        true
    }
    /// Whether [`Select::keeps`] reads the data: a page's long list is then
    /// made whole for it, else a slice at a time as it is rendered.
    fn reads_data(&self) -> bool {
        false
    }
    /// A file beside the pages: static files, the search index.
    fn keeps_file(&self, _path: &str, _bytes: &[u8]) -> bool {
        true
    }
}

/// What every page shows beside its data (the footer, the glossary's term
/// links), as [`Select::keeps_file`] sees it: not a file of the site.
pub(crate) const SHARED: &str = "\0shared";

/// Every file: `guifan build`.
struct Every;
impl Select for Every {}

impl Website {
    /// Render the files `select` keeps; `files` counts those written.
    pub fn render_some(
        &self,
        checked: &Checked,
        dest: &dyn Dest,
        select: &dyn Select,
    ) -> Result<Rendered, String> {
        self.render_keeping(checked, dest, select)
            .map(|(rendered, _)| rendered)
    }

    /// [`Website::render_some`], handing back the practice quizzes'
    /// questions (`serve` renders the open pages with them after an edit,
    /// before the bank is drawn again).
    pub fn render_keeping(
        &self,
        checked: &Checked,
        dest: &dyn Dest,
        select: &dyn Select,
    ) -> Result<(Rendered, Practice), String> {
        let (tera, strings) = self.prepare()?;
        let written = std::sync::atomic::AtomicUsize::new(0);
        let put = |path: &str, bytes: &[u8]| {
            if select.keeps_file(path, bytes) {
                dest.write(path, bytes)
                    .map_err(|e| format!("cannot write {path}: {e}"))?;
                written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Ok::<(), String>(())
        };
        // The search index, each file written as it is made, then the
        // question bank: each uses both cores, and made side by side their
        // working memory added up (643 MB resident at 10,000 files).
        let labels = search::Labels::new(&strings);
        search::write_index(&checked.spec, &labels, &|path, text| {
            put(&path, neutralise(&text).as_bytes())
        })?;
        let practice = Practice::new(checked);
        let pages = self.pages(checked, (tera, &strings), &practice, dest, select)?;
        let assets: Vec<(String, String)> = self
            .theme
            .static_files()
            .map(|(path, text)| (path.to_owned(), text.to_owned()))
            .chain([("static/syntax.css".to_owned(), highlight::stylesheet())])
            .collect();
        let pdfs = if self.pdf {
            crate::print::site_pdfs(checked)?
        } else {
            Vec::new()
        };
        for (path, text) in &assets {
            put(path, neutralise(text).as_bytes())?;
        }
        for (path, bytes) in &pdfs {
            put(path, bytes)?;
        }
        let written = written.into_inner() + pages.written;
        let rendered = Rendered {
            files: written,
            summary: format!("{} pages ({written} files)", pages.all),
        };
        Ok((rendered, practice))
    }

    /// Only the pages `select` wants, with the practice quizzes of an
    /// earlier render: no bank drawn, no search index, no static files.
    /// `serve` renders the pages a browser has open so, first after an
    /// edit; the number of files written.
    pub fn render_pages(
        &self,
        checked: &Checked,
        dest: &dyn Dest,
        select: &dyn Select,
        practice: &Practice,
    ) -> Result<usize, String> {
        let (tera, strings) = self.prepare()?;
        let pages = self.pages(checked, (tera, &strings), practice, dest, select)?;
        Ok(pages.written)
    }

    /// The templates, with the UI strings of the site's language.
    fn prepare(&self) -> Result<(tera::Tera, Strings), String> {
        let mut tera = self.theme.tera()?;
        let strings = self.theme.strings(self.lang)?;
        tera.global_context().insert("t", &strings);
        tera.global_context()
            .insert("lang", strings.get("lang").map_or("zh-CN", |l| l.as_str()));
        tera.global_context().insert("pdf", &self.pdf);
        Ok((tera, strings))
    }

    /// Render and write the pages `select` keeps, in parallel.
    fn pages(
        &self,
        checked: &Checked,
        (mut tera, strings): (tera::Tera, &Strings),
        practice: &Practice,
        dest: &dyn Dest,
        select: &dyn Select,
    ) -> Result<Pages, String> {
        let site = Site {
            spec: &checked.spec,
            strings,
            lang: self.lang,
            diags: &checked.diagnostics,
            config: &checked.config,
            remote_images: self.config.remote_images,
            conflicts: Default::default(),
            folders: Default::default(),
            practice,
        };
        let footer = pages::footer(&site, source_date_epoch());
        tera.global_context().insert("footer", &footer);
        let pages = site.pages();
        let glossary: Vec<(&str, String, &str)> = (checked.spec.terms.iter())
            .map(|t| {
                let anchor = url::term(&t.id.value);
                (t.title.value.as_str(), anchor, t.definition.value.as_str())
            })
            .collect();
        // Every page shows the footer and links the glossary's terms, outside
        // its data: when either changes, every page is written.
        let shared = serde_json::to_vec(&(&footer, &glossary)).unwrap_or_default();
        let everything = select.keeps_file(SHARED, &shared);
        let terms = markdown::TermLinker::new(glossary);
        let written = std::sync::atomic::AtomicUsize::new(0);
        let bar = progress_bar(self.progress, pages.len());
        pages.par_iter().try_for_each(|&page| {
            let path = site.path(page);
            bar.inc(1);
            if !(select.wants(&site, &path, page) || everything) {
                return Ok(());
            }
            let (template, mut data, rows) = site.context(page);
            data["root"] = url::root_of(&path).into();
            data["page"] = path.clone().into();
            if let Some(rows) = rows.as_ref().filter(|_| select.reads_data()) {
                data[rows.key] = Value::Array(rows.slice(0..rows.len));
            }
            if !(select.keeps(&path, &data) || everything) {
                return Ok(());
            }
            let mut html = render::page(&tera, template, data, rows.as_ref())
                .map_err(|e| format!("{path}: {}", theme::error_chain(&e)))?;
            // The glossary defines the terms; a source page shows YAML.
            let linked = !matches!(page, pages::Page::Glossary | pages::Page::Source(_));
            if let Some(terms) = terms.as_ref().filter(|_| linked) {
                html = terms.link(&html, &url::root_of(&path));
            }
            dest.write(&url::file_of(&path), neutralise(&html).as_bytes())
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok::<(), String>(())
        })?;
        bar.finish_and_clear();
        Ok(Pages {
            all: pages.len(),
            written: written.into_inner(),
        })
    }
}

/// The UI strings of the site's language, by key.
type Strings = std::collections::BTreeMap<String, String>;

/// How many pages the site has, and how many a render wrote.
struct Pages {
    all: usize,
    written: usize,
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
    let website = Website::of(opts)?;
    let checked = Checked::open(&opts.spec, LintConfig::load(&opts.spec)?)?;
    build_with(opts, checked, &website)
}

/// [`build`] of a spec already checked, rendered by `output` (the website,
/// or `serve`'s wrapper of it).
pub fn build_with(
    opts: &Options,
    checked: Checked,
    output: &dyn Output,
) -> Result<Outcome, String> {
    let target = Target::Folder(opts.out.clone());
    let written = match crate::output::write(output, &checked, &target, opts.allow_errors) {
        Ok(rendered) => Some(rendered),
        Err(Refused::Errors(_)) => None,
        Err(Refused::Failed(message)) => return Err(message),
    };
    Ok(Outcome { checked, written })
}

/// The date `SOURCE_DATE_EPOCH` names (reproducible builds' convention),
/// as `YYYY-MM-DD` in UTC; never the clock.
fn source_date_epoch() -> Option<String> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let at = jiff::Timestamp::from_second(seconds).ok()?;
    Some(at.strftime("%Y-%m-%d").to_string())
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
