//! The command line: argument parsing and one function per command. Each
//! command starts from one [`Checked`] spec and hands it to an output
//! (through [`crate::output::write`]) or formats its diagnostics. This is
//! the one module that knows every output: it registers them as commands.

mod cache;
mod check;
mod discover;
mod init;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand};

use crate::diag::{self, Severity};
use crate::lint::LintConfig;
use crate::output::theme::Lang;
use crate::output::{Checked, Output, Refused, Target};

/// guifan (规范): check telecom service standards kept as YAML, and render
/// them for trainees, trainers and auditors.
#[derive(Debug, Parser)]
#[command(name = "guifan", version, about, long_about = None)]
pub struct Cli {
    /// The spec folder: every *.yaml / *.yml file below it is read. Without
    /// it: $GUIFAN_SPEC, else the nearest folder from here upward that holds
    /// guifan.toml or is a `spec/` folder.
    #[arg(
        short = 's',
        long = "spec",
        global = true,
        env = "GUIFAN_SPEC",
        value_name = "DIR"
    )]
    pub spec_given: Option<PathBuf>,

    /// The spec folder in use (found from `--spec` and the rules above).
    #[arg(skip)]
    pub spec: PathBuf,

    /// When to colour output: auto (a terminal without NO_COLOR, or
    /// FORCE_COLOR set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print nothing but findings and errors (no progress, no summary).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Say more: which spec was read and how it was found, and how long each
    /// command took.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and resolve the spec and report every problem found.
    ///
    /// Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
    Check(check::CheckArgs),
    /// Print the documentation of a diagnostic code or lint rule (`E003`,
    /// `SLA003`, or its name: `conflicting-limits`), or of how the lints
    /// decide (`semantics`).
    Explain {
        /// The code or rule name, e.g. E003, SLA003 or conflicting-limits.
        code: String,
    },
    /// List the lint rules with their levels (after `guifan.toml`).
    Rules {
        /// `text` (a table) or `json` (code, name, level, summary, documentation URL).
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
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
    /// Print the JSON Schema of a spec file (for editor completion), or of
    /// guifan's own outputs.
    Schema {
        /// The schema of `guifan export`'s output instead (docs/export.md).
        #[arg(long, conflicts_with = "diagnostics")]
        export: bool,
        /// The schema of `guifan check --format json`'s output instead.
        #[arg(long)]
        diagnostics: bool,
    },
    /// Render the training and standards website (refused, exit 1, when the
    /// spec has errors, unless --allow-errors).
    Build {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Audit service records against the limits: were they met? (see
    /// docs/audit.md).
    ///
    /// Exit status: 0 every row read (breaches are results), 1 rows
    /// rejected (or breaches under --deny breaches), 2 usage or I/O error.
    Audit(crate::audit::AuditArgs),
    /// Generate a quiz from the standards: questions that cite their clause
    /// and have one right answer, as JSON, a self-grading page, a paper
    /// with its key, GIFT, Moodle XML or Anki (refused, exit 1, when the
    /// spec has errors).
    Quiz(crate::quiz::QuizArgs),
    /// Print the auditor's documents: every checklist and an audit
    /// checklist per flow, as A4 HTML and (--pdf) PDF; --pack binds those
    /// of a standard or role into one audit pack.
    Print(crate::print::PrintArgs),
    /// The compliance matrix (one row per requirement) as XLSX, CSV or
    /// HTML; --read a filled one back into a compliance report.
    Matrix(crate::matrix::MatrixArgs),
    /// Build the site, serve it on 127.0.0.1, and rebuild and reload open
    /// pages when spec/ or the templates change.
    Serve(crate::site::serve::ServeArgs),
    /// Start a new spec: write a small one that checks clean, with the
    /// schema editors use for completion.
    Init {
        /// The folder to write it to (empty or new).
        #[arg(default_value = "spec", value_name = "DIR")]
        dir: PathBuf,
    },
    /// Print a shell's completion script: `guifan completions bash >
    /// /etc/bash_completion.d/guifan`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `guifan man > guifan.1`.
    Man,
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
    /// Also print every checklist and flow audit checklist to PDF under
    /// pdf/ and link it from its page (needs Chromium, as `print --pdf`).
    #[arg(long)]
    pub pdf: bool,
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
            pdf: self.pdf,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Exit status for usage and I/O errors, as documented for every command.
const EXIT_USAGE: u8 = 2;

/// What a command asks of the allocator, which the binary sets
/// (`src/main.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Memory {
    /// Keep freed memory for reuse: `check` is over within a second, and
    /// memory given back is zeroed again by the system when it is reused.
    Keep,
    /// Give freed memory back soon: a build's phases each free hundreds of
    /// megabytes, and `serve` runs for hours.
    GiveBack,
}

/// Run the command line; `memory` is told what the command asks of the
/// allocator before it runs.
pub fn main(memory: impl FnOnce(Memory)) -> ExitCode {
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap exits 0 for --help/--version and 2 for usage errors.
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    memory(match cli.command {
        Command::Check(_) => Memory::Keep,
        _ => Memory::GiveBack,
    });
    set_colour(cli.color);
    let cwd = std::env::current_dir().unwrap_or_default();
    let (spec, found) = discover::spec_folder(cli.spec_given.as_deref(), &cwd);
    cli.spec = spec;
    let started = std::time::Instant::now();
    if cli.verbose {
        say(&format!(
            "spec: {} ({})",
            cli.spec.display(),
            match found {
                discover::Found::Given => "from -s or GUIFAN_SPEC",
                discover::Found::Upward => "found from the current folder upward",
                discover::Found::Default => "the default; none found upward",
            }
        ));
    }
    let code = match run(&cli) {
        Ok(code) => code,
        Err(message) => {
            let mut err = anstream::stderr();
            let _ = writeln!(err, "error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    };
    if cli.verbose {
        say(&format!("done in {:.3} s", started.elapsed().as_secs_f64()));
    }
    code
}

/// `--color` for every stream (anstream strips colours where not wanted).
/// `FORCE_COLOR` (set, not `0`) turns `auto` on, as in Node and Python tools.
fn set_colour(when: ColorWhen) {
    let forced = std::env::var_os("FORCE_COLOR").is_some_and(|v| !v.is_empty() && v != "0");
    let choice = match when {
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto if forced => anstream::ColorChoice::Always,
        ColorWhen::Auto => anstream::ColorChoice::Auto,
    };
    choice.write_global();
}

/// A line on standard error (`-v`).
fn say(text: &str) {
    let _ = writeln!(anstream::stderr(), "{text}");
}

fn run(cli: &Cli) -> Result<ExitCode, String> {
    match &cli.command {
        Command::Check(args) => check::run(&cli.spec, args, cli.quiet, colour()),
        Command::Explain { code } => explain(code),
        Command::Rules { format } => rules(cli, *format),
        Command::Export {
            format: ExportFormat::Json,
            output,
        } => {
            let checked = Checked::open(&cli.spec, LintConfig::load(&cli.spec)?)?;
            let target = output.clone().map_or(Target::Stdout, Target::File);
            write(&crate::export::Json, &checked, &target)
        }
        Command::Schema {
            export,
            diagnostics,
        } => {
            print(&if *export {
                crate::export::schema()
            } else if *diagnostics {
                diag::json::schema()
            } else {
                crate::schema::to_json()
            });
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { site } => {
            use std::io::IsTerminal;
            let progress = !cli.quiet && std::io::stderr().is_terminal();
            build(&site.options(&cli.spec, progress), cli.quiet)
        }
        Command::Print(args) => {
            let checked = Checked::open(&cli.spec, LintConfig::load(&cli.spec)?)?;
            let (output, target) = crate::print::output(&checked, args)?;
            write(output.as_ref(), &checked, &target)
        }
        Command::Matrix(args) => {
            let checked = Checked::open(&cli.spec, LintConfig::load(&cli.spec)?)?;
            let (output, target) = crate::matrix::output(&checked, args)?;
            write(output.as_ref(), &checked, &target)
        }
        Command::Audit(args) => crate::audit::run(&cli.spec, args),
        Command::Quiz(args) => crate::quiz::run(&cli.spec, args, cli.quiet),
        Command::Serve(args) => {
            crate::site::serve::run(args, &cli.spec)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let done = init::run(dir)?;
            if !cli.quiet {
                say(&done);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "guifan", &mut out);
            print(&String::from_utf8_lossy(&out));
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = Vec::new();
            (clap_mangen::Man::new(Cli::command()).render(&mut out))
                .map_err(|e| format!("cannot render the manual page: {e}"))?;
            print(&String::from_utf8_lossy(&out));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `guifan rules`: every lint rule with its level in force.
fn rules(cli: &Cli, format: RulesFormat) -> Result<ExitCode, String> {
    let config = LintConfig::load(&cli.spec)?;
    let infos = crate::lint::all_rule_infos();
    let lints = crate::lint::rules::ALL.iter();
    let text = match format {
        RulesFormat::Text => lints
            .map(|r| {
                let level = config.level(r.code).as_str();
                format!("{:<7} {:<26} {:<8} {}\n", r.code, r.name, level, r.summary)
            })
            .collect(),
        RulesFormat::Json => {
            let rows: Vec<_> = lints
                .map(|r| {
                    let info = infos.iter().find(|i| i.id == r.code);
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "level": config.level(r.code).as_str(),
                        "summary": r.summary,
                        "help_uri": info.map(|i| i.help_uri()),
                    })
                })
                .collect();
            let mut json = serde_json::to_string_pretty(&rows).expect("rules serialise");
            json.push('\n');
            json
        }
    };
    print(&text);
    Ok(ExitCode::SUCCESS)
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
    let styled = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let text = diag::human::render(&errors, &checked.spec.sources, styled);
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

fn explain(code: &str) -> Result<ExitCode, String> {
    if code.eq_ignore_ascii_case("semantics") {
        print(crate::lint::SEMANTICS);
        return Ok(ExitCode::SUCCESS);
    }
    // A code or the kebab-case name `guifan rules` lists, in any case.
    let named =
        |c: &str, name: &str| c.eq_ignore_ascii_case(code) || name.eq_ignore_ascii_case(code);
    if let Some(c) = diag::codes::STRUCTURAL
        .iter()
        .find(|c| named(c.code, c.name))
    {
        print(c.doc);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(rule) = crate::lint::rules::ALL
        .iter()
        .find(|r| named(r.code, r.name))
    {
        print(&format!(
            "{}\nHow the lints compare limits (units, calendars, cases, loops, sub-flows): \
             `guifan explain semantics`.\n",
            rule.doc
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let codes = (diag::codes::STRUCTURAL.iter().map(|c| (c.code, c.name)))
        .chain(crate::lint::rules::ALL.iter().map(|r| (r.code, r.name)));
    let known: Vec<&str> = codes.clone().map(|(c, _)| c).chain(["semantics"]).collect();
    // Compared in lower case, suggested as `guifan rules` spells them.
    let names: Vec<(String, &str)> = (codes.flat_map(|(c, n)| [c, n]).chain(["semantics"]))
        .map(|n| (n.to_ascii_lowercase(), n))
        .collect();
    let lower = names.iter().map(|(l, _)| l.as_str());
    let hint = diag::did_you_mean(&code.to_ascii_lowercase(), lower)
        .and_then(|b| names.iter().find(|(l, _)| l == b))
        .map(|(_, n)| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    Err(format!(
        "unknown code or rule `{code}`{hint}; known codes: {} (and the rule names `guifan rules` lists)",
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
    // Text without escape sequences passes anstream's filter unchanged:
    // write it in one go rather than through the filter (thousands of
    // findings are megabytes).
    if !text.as_bytes().contains(&0x1b) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
        return;
    }
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
