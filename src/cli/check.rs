//! `guifan check`: report every problem of the spec, or of some of its files,
//! in the format the reader wants (a person, a script, a CI dashboard).

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::cache::{Cache, Report};
use crate::diag::i18n::Lang;
use crate::diag::{self, Diagnostic, Format, Severity};
use crate::lint::LintConfig;
use crate::output::Checked;
use crate::spec::Spec;
use crate::spec::load::{MAX_FILE_BYTES, Overlay};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Report only the problems of these files or folders of the spec (the
    /// whole spec is still read, for its references). `-` reads one file
    /// from standard input, named by --stdin-filename (an editor's buffer).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The spec file that standard input stands for (with `-`).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file (replaced atomically) instead of standard output.
    #[arg(short, long = "output-file", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The repository root that CI formats (sarif, github, gitlab, junit)
    /// name files from; by default the nearest folder upward with `.git`.
    #[arg(long, value_name = "DIR")]
    pub repo_root: Option<PathBuf>,
    /// Run only these lint rules (codes or prefixes, comma-separated: `SLA001,SLA00`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Do not run these lint rules (codes or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// `--deny warnings`: count lint warnings as errors (exit 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<super::Deny>,
    /// Human output: render every finding in full. Without it, beyond the
    /// first 200 the rest are counted per code (machine formats always list all).
    #[arg(long)]
    pub show_all: bool,
    /// The language of the messages, in every format (default: English,
    /// stable for scripts and fingerprints).
    #[arg(long, value_enum, env = "GUIFAN_LANG", value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Check from scratch: neither read nor write the cache of the last
    /// report (kept in the spec folder's `.guifan-cache/`, safe to delete).
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the cache in this folder instead of the spec folder's `.guifan-cache/`.
    #[arg(long, env = "GUIFAN_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Check the spec at `spec`; exit 1 when a reported finding is an error.
pub fn run(spec: &Path, args: &CheckArgs, quiet: bool, colour: bool) -> Result<ExitCode, String> {
    let mut config = LintConfig::load(spec)?;
    for code in args.select.iter().chain(&args.ignore) {
        crate::lint::config::check_code(code)?;
    }
    config.select = args.select.clone();
    config.ignore = args.ignore.clone();
    config.deny_warnings = args.deny.is_some();
    let (overlay, only) = selection(spec, args)?;
    let colour = colour && args.output.is_none();
    let shape = Shape {
        args,
        only,
        quiet,
        colour,
        lang: args.lang.unwrap_or(Lang::En),
        base: diag::repository_base(spec, args.repo_root.as_deref()),
    };
    // An editor's buffer (`-`) changes with every keystroke: not cached.
    let cache = (!args.no_cache && overlay.is_none())
        .then(|| Cache::new(spec, args.cache_dir.as_deref(), &shape.key()))
        .flatten();
    let report = match cache.as_ref().and_then(Cache::get) {
        Some(report) => report,
        None => {
            let mut checked = Checked::open_with(spec, config, overlay)?;
            let report = report(&checked.spec, &mut checked.diagnostics, &shape);
            // The process ends soon: freeing a large model item by item
            // would only delay the exit (a tenth of a second at 10,000 files).
            std::mem::forget(checked);
            if let Some(cache) = &cache {
                cache.put(&report);
            }
            report
        }
    };
    match &args.output {
        Some(path) => crate::output::staging::write_file(path, report.text.as_bytes())?,
        None => super::print(&report.text),
    }
    Ok(if report.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Everything besides the spec that shapes the report.
struct Shape<'a> {
    args: &'a CheckArgs,
    /// The files whose findings are reported (`None`: all).
    only: Option<Vec<String>>,
    quiet: bool,
    colour: bool,
    lang: Lang,
    base: String,
}

impl Shape<'_> {
    /// The options as text, for the cache's key: two reports that could
    /// differ have different keys.
    fn key(&self) -> String {
        let a = self.args;
        format!(
            "{:?}",
            (
                (a.format, &a.select, &a.ignore, a.deny.is_some(), a.show_all),
                (&self.only, self.quiet, self.colour, self.lang, &self.base),
            )
        )
    }
}

/// The report of `spec`'s `diags` (kept to the files asked for and
/// translated in place), and whether it fails the check.
fn report(spec: &Spec, diags: &mut Vec<Diagnostic>, shape: &Shape) -> Report {
    if let Some(only) = &shape.only {
        diags.retain(|d| only.iter().any(|o| within(&d.place.file, o)));
    }
    diag::i18n::localise(diags, shape.lang);
    let rules = crate::lint::all_rule_infos();
    let cx = diag::Context {
        sources: &spec.sources,
        rules: &rules,
        base: shape.base.clone(),
        colour: shape.colour,
    };
    let text = match shape.args.format {
        Format::Human => {
            let shown = diag::human::Shown {
                limit: (!shape.args.show_all).then_some(diag::human::SHOWN_IN_FULL),
                summary: !shape.quiet,
                lang: shape.lang,
            };
            diag::human::render_shown(diags, cx.sources, cx.colour, shown)
        }
        format => diag::render(format, diags, &cx),
    };
    Report {
        text,
        failed: diags.iter().any(|d| d.severity == Severity::Error),
    }
}

/// The standard-input overlay, and the files (relative to the spec) whose
/// findings are reported (`None`: all).
fn selection(
    spec: &Path,
    args: &CheckArgs,
) -> Result<(Option<Overlay>, Option<Vec<String>>), String> {
    if args.files.is_empty() {
        if args.stdin_filename.is_some() {
            return Err("--stdin-filename names what `-` reads: pass `-` too".into());
        }
        return Ok((None, None));
    }
    let mut overlay = None;
    let mut only = Vec::new();
    for file in &args.files {
        if file.as_os_str() == "-" {
            let named = (args.stdin_filename.as_deref()).ok_or(
                "`-` reads a spec file from standard input: name it with --stdin-filename",
            )?;
            let path = inside(spec, named)?;
            overlay = Some(Overlay {
                path: path.clone(),
                bytes: read_stdin()?,
            });
            only.push(path);
        } else if !file.exists() {
            return Err(format!("`{}` does not exist", file.display()));
        } else {
            only.push(inside(spec, file)?);
        }
    }
    Ok((overlay, Some(only)))
}

/// `file` relative to the spec folder, or an error saying it is outside.
fn inside(spec: &Path, file: &Path) -> Result<String, String> {
    crate::paths::relative(file, spec).ok_or_else(|| {
        format!(
            "`{}` is not inside the spec folder `{}`; check reads the files of one spec (-s DIR)",
            file.display(),
            spec.display()
        )
    })
}

/// Whether spec file `file` is `selected` or inside it (a folder; `""` is the whole spec).
fn within(file: &str, selected: &str) -> bool {
    selected.is_empty()
        || file == selected
        || file
            .strip_prefix(selected)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Standard input, bounded like a spec file on disk.
fn read_stdin() -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    (std::io::stdin().take(MAX_FILE_BYTES + 1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "standard input is larger than a spec file may be ({MAX_FILE_BYTES} bytes)"
        ));
    }
    Ok(bytes)
}
