//! The command line: argument parsing and one function per command. Each
//! command opens the spec through [`crate::spec::open`] and only formats
//! what the model holds.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::{self, Format, Severity};
use crate::lint::LintConfig;

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
    /// Print the documentation of a diagnostic code or lint rule (`E003`, `SLA003`).
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
    },
    /// Print the JSON Schema of a spec file (for editor completion).
    Schema,
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
            check(cli, *format, &config)
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
        } => {
            let (spec, diags) = crate::spec::open(&cli.spec).map_err(|e| e.to_string())?;
            if diags.iter().any(|d| d.severity == Severity::Error) {
                // An export of a broken model would mislead the tools that read it.
                let text = diag::human::render(&diags, &spec.sources, true);
                let mut err = anstream::stderr();
                let _ = write!(err, "{text}");
                let _ = writeln!(err, "error: the spec has errors; nothing exported");
                return Ok(ExitCode::from(1));
            }
            print(&crate::export::to_json(&spec));
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            print(&crate::schema::to_json());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(cli: &Cli, format: Format, config: &LintConfig) -> Result<ExitCode, String> {
    let (spec, mut diags) = crate::spec::open(&cli.spec).map_err(|e| e.to_string())?;
    diags.extend(crate::lint::run(&spec, config));
    diag::sort(&mut diags);
    let text = match format {
        Format::Human => diag::human::render(&diags, &spec.sources, true),
        Format::Json => diag::json::render(&diags),
        Format::Sarif => diag::sarif::render(&diags, &crate::lint::all_rule_infos()),
    };
    print(&text);
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn explain(code: &str) -> Result<ExitCode, String> {
    let doc = diag::codes::lookup(code)
        .map(|c| c.doc)
        .or_else(|| crate::lint::rule(code).map(|r| r.doc));
    match doc {
        Some(doc) => {
            print(doc);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let known: Vec<&str> = diag::codes::STRUCTURAL
                .iter()
                .map(|c| c.code)
                .chain(crate::lint::rules::ALL.iter().map(|r| r.code))
                .collect();
            Err(format!(
                "unknown code `{code}`; known codes: {}",
                known.join(", ")
            ))
        }
    }
}

/// Write to stdout; colours pass only to a terminal and never when
/// `NO_COLOR` is set (anstream decides). A closed pipe is not an error.
fn print(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
