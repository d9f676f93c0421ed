//! The command line: argument parsing and one function per command. Each
//! command starts from one [`Checked`] spec and hands it to an output
//! (through [`crate::output::write`]) or formats its diagnostics. This is
//! the one module that knows every output: it registers them as commands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::{self, Format, Severity};
use crate::lint::LintConfig;
use crate::output::theme::Lang;
use crate::output::{Checked, Output, Refused, Target};

/// guifan (规范): check telecom service standards kept as YAML, and render
/// them for trainees, trainers and auditors.
#[derive(Debug, Parser)]
#[command(name = "guifan", version, about, long_about = None)]
pub struct Cli {
    /// The spec folder: every *.yaml / *.yml file below it is read.
    #[arg(short, long, global = true, default_value = "spec", value_name = "DIR")]
    pub spec: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and resolve the spec and report every problem found.
    ///
    /// Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Run only these lint rules (codes or prefixes, comma-separated: `SLA001,SLA00`).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        select: Vec<String>,
        /// Do not run these lint rules (codes or prefixes, comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        ignore: Vec<String>,
        /// `--deny warnings`: count lint warnings as errors (exit 1).
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Option<Deny>,
    },
    /// Print the documentation of a diagnostic code or lint rule (`E003`,
    /// `SLA003`), or of how the lints decide (`semantics`).
    Explain {
        /// The code, e.g. E003 or SLA003.
        code: String,
    },
    /// List the lint rules with their levels (after `guifan.toml`).
    Rules,
    /// Write the resolved model for other tools (refused, exit 1, when the
    /// spec has errors).
    Export {
        /// Export format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to this file (replaced atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of a spec file (for editor completion), or
    /// with --export of `guifan export`'s output.
    Schema {
        /// The schema of the export instead (docs/export.md).
        #[arg(long)]
        export: bool,
    },
    /// Render the training and standards website (refused, exit 1, when the
    /// spec has errors, unless --allow-errors).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Print nothing but errors (no progress bar, no summary).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Generate a quiz from the standards: questions that cite their clause
    /// and have one right answer, as JSON, a self-grading page, a paper
    /// with its key, GIFT, Moodle XML or Anki (refused, exit 1, when the
    /// spec has errors).
    Quiz(crate::quiz::QuizArgs),
    /// Build the site, serve it on 127.0.0.1, and rebuild and reload open
    /// pages when spec/ or the templates change.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to bind; only change it to share the preview on a network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
}

/// What `build` and `serve` share.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The output folder; replaced as a whole by each successful build.
    #[arg(short, long, default_value = "site", value_name = "DIR")]
    pub out: PathBuf,
    /// A folder of templates, static files or UI strings that override the
    /// built-in theme file by file (same relative paths as `templates/`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Language of the site's UI (content is never translated).
    #[arg(long, value_enum, default_value_t = Lang::ZhCn)]
    pub lang: Lang,
    /// Render even when the spec has errors (the findings page lists them).
    #[arg(long)]
    pub allow_errors: bool,
}

impl SiteArgs {
    pub fn options(&self, spec: &std::path::Path, progress: bool) -> crate::site::Options {
        crate::site::Options {
            spec: spec.to_owned(),
            out: self.out.clone(),
            templates: self.templates.clone(),
            lang: self.lang,
            allow_errors: self.allow_errors,
            progress,
        }
    }
}

/// What `--deny` turns into errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Every lint warning.
    Warnings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The resolved model as one JSON document.
    Json,
}

/// Exit status for usage and I/O errors, as documented for every command.
const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap exits 0 for --help/--version and 2 for usage errors.
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match run(&cli) {
        Ok(code) => code,
        Err(message) => {
            let mut err = anstream::stderr();
            let _ = writeln!(err, "error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, String> {
    match &cli.command {
        Command::Check {
            format,
            select,
            ignore,
            deny,
        } => {
            let mut config = LintConfig::load(&cli.spec)?;
            for code in select.iter().chain(ignore) {
                crate::lint::config::check_code(code)?;
            }
            config.select = select.clone();
            config.ignore = ignore.clone();
            config.deny_warnings = deny.is_some();
            check(cli, *format, config)
        }
        Command::Explain { code } => explain(code),
        Command::Rules => {
            let config = LintConfig::load(&cli.spec)?;
            let mut text = String::new();
            for rule in crate::lint::rules::ALL {
                let level = config.level(rule.code).as_str();
                text.push_str(&format!(
                    "{:<7} {:<26} {:<8} {}\n",
                    rule.code, rule.name, level, rule.summary
                ));
            }
            print(&text);
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format: ExportFormat::Json,
            output,
        } => {
            let checked = Checked::open(&cli.spec, LintConfig::load(&cli.spec)?)?;
            let target = output.clone().map_or(Target::Stdout, Target::File);
            write(&crate::export::Json, &checked, &target)
        }
        Command::Schema { export } => {
            print(&if *export {
                crate::export::schema()
            } else {
                crate::schema::to_json()
            });
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { site, quiet } => {
            use std::io::IsTerminal;
            let progress = !quiet && std::io::stderr().is_terminal();
            build(&site.options(&cli.spec, progress), *quiet)
        }
        Command::Quiz(args) => crate::quiz::run(&cli.spec, args),
        Command::Serve { site, port, bind } => {
            crate::site::serve::run(&site.options(&cli.spec, false), *bind, *port)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn build(options: &crate::site::Options, quiet: bool) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    let outcome = crate::site::build(options)?;
    let Some(written) = outcome.written else {
        return Ok(refused(
            &outcome.checked,
            "site",
            "the previous one, if any, is kept",
        ));
    };
    if !quiet {
        let (errors, warnings) = diag::count(&outcome.checked.diagnostics);
        let mut err = anstream::stderr();
        let _ = writeln!(
            err,
            "wrote {} to {} in {:.2} s; {errors} error(s), {warnings} warning(s) \
             (see findings.html, or `guifan check`)",
            written.summary,
            options.out.display(),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Write a one-document output; a spec with errors is refused (exit 1),
/// since a broken model would mislead the tools that read it.
fn write(output: &dyn Output, checked: &Checked, target: &Target) -> Result<ExitCode, String> {
    match crate::output::write(output, checked, target, false) {
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(Refused::Errors(_)) => Ok(refused(checked, output.name(), "nothing written")),
        Err(Refused::Failed(message)) => Err(message),
    }
}

/// Print the errors that stopped an output, and say so; exit status 1.
fn refused(checked: &Checked, what: &str, consequence: &str) -> ExitCode {
    let errors: Vec<_> = (checked.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let text = diag::human::render(&errors, &checked.spec.sources, true);
    let mut err = anstream::stderr();
    let _ = write!(err, "{text}");
    let _ = writeln!(
        err,
        "error: the spec has {} error(s); no {what} written ({consequence}). \
         Fix them{}.",
        errors.len(),
        if what == "site" {
            ", or pass --allow-errors to render anyway"
        } else {
            ""
        }
    );
    ExitCode::from(1)
}

fn check(cli: &Cli, format: Format, config: LintConfig) -> Result<ExitCode, String> {
    let checked = Checked::open(&cli.spec, config)?;
    let diags = &checked.diagnostics;
    let text = match format {
        Format::Human => diag::human::render(diags, &checked.spec.sources, colour()),
        Format::Json => diag::json::render(diags),
        Format::Sarif => diag::sarif::render(diags, &crate::lint::all_rule_infos()),
    };
    print(&text);
    let code = if checked.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing a large model item by item would only
    // delay the exit (a tenth of a second at 10,000 files).
    std::mem::forget(checked);
    Ok(code)
}

fn explain(code: &str) -> Result<ExitCode, String> {
    if code.eq_ignore_ascii_case("semantics") {
        print(crate::lint::SEMANTICS);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(c) = diag::codes::lookup(code) {
        print(c.doc);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(rule) = crate::lint::rule(code) {
        print(&format!(
            "{}\nHow the lints compare limits (units, calendars, cases, loops, sub-flows): \
             `guifan explain semantics`.\n",
            rule.doc
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let known: Vec<&str> = diag::codes::STRUCTURAL
        .iter()
        .map(|c| c.code)
        .chain(crate::lint::rules::ALL.iter().map(|r| r.code))
        .chain(["semantics"])
        .collect();
    Err(format!(
        "unknown code `{code}`; known codes: {}",
        known.join(", ")
    ))
}

/// Whether standard output takes colours: a terminal, and no `NO_COLOR`
/// (anstream decides, as it does for everything printed).
fn colour() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Write to stdout; colours pass only to a terminal and never when
/// `NO_COLOR` is set (anstream decides). A closed pipe is not an error.
fn print(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
