//! The command line: argument parsing and one function per command. Each
//! command opens the spec through [`crate::spec::open`] and only formats
//! what the model holds.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::{self, Format, Severity};

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
    },
    /// Print the documentation of a diagnostic code (e.g. `E003`).
    Explain {
        /// The code, e.g. E003.
        code: String,
    },
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
        Command::Check { format } => check(cli, *format),
        Command::Explain { code } => explain(code),
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

fn check(cli: &Cli, format: Format) -> Result<ExitCode, String> {
    let (spec, diags) = crate::spec::open(&cli.spec).map_err(|e| e.to_string())?;
    let text = match format {
        Format::Human => diag::human::render(&diags, &spec.sources, true),
        Format::Json => diag::json::render(&diags),
        Format::Sarif => diag::sarif::render(&diags, &rule_infos()),
    };
    print(&text);
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every documented code, for SARIF's rule list.
fn rule_infos() -> Vec<diag::sarif::RuleInfo> {
    diag::codes::STRUCTURAL
        .iter()
        .map(|c| diag::sarif::RuleInfo {
            id: c.code,
            name: c.name,
            summary: c.summary,
        })
        .collect()
}

fn explain(code: &str) -> Result<ExitCode, String> {
    match diag::codes::lookup(code) {
        Some(doc) => {
            print(doc.doc);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let known: Vec<&str> = diag::codes::STRUCTURAL.iter().map(|c| c.code).collect();
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
