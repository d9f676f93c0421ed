//! `guifan matrix`: the compliance matrix — one row per requirement
//! ([`crate::spec::requirements`]) with its standard, clause, owner,
//! evidence, time limit and lint findings, and empty columns for the
//! auditor — as XLSX, CSV or an HTML page; and `--read`, which reads a
//! filled matrix back into a compliance report (text, JSON or HTML).
//! Documented in docs/matrix.md.

mod read;
mod report;
mod rows;
mod xlsx;

use std::path::PathBuf;

use crate::output::{Checked, Dest, Output, Rendered, Target};
pub use read::{Filled, cell_name};
pub use report::{Group, Line, Report, Tally};
pub use rows::{COLUMNS, RESULTS, Row, rows};
pub use xlsx::{ALL_SHEET, sheet_name};

/// `guifan matrix`.
#[derive(Debug, clap::Args)]
pub struct MatrixArgs {
    /// What to write: the matrix as `xlsx` (default), `csv` (UTF-8 with a
    /// BOM) or `html`; with --read, the report as `text` (default), `json`
    /// or `html`.
    #[arg(long, value_enum)]
    pub format: Option<MatrixFormat>,
    /// The file to write; standard output when omitted (not for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read a filled matrix (XLSX) and write the compliance report.
    #[arg(long, value_name = "FILLED.xlsx")]
    pub read: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixFormat {
    Xlsx,
    Csv,
    Html,
    Json,
    Text,
}

/// What `guifan matrix` writes with these arguments, and where.
pub fn output(checked: &Checked, args: &MatrixArgs) -> Result<(Box<dyn Output>, Target), String> {
    let target = args.output.clone().map_or(Target::Stdout, Target::File);
    let output: Box<dyn Output> = match (&args.read, args.format) {
        (None, None | Some(MatrixFormat::Xlsx)) => {
            if args.output.is_none() {
                return Err(
                    "an XLSX workbook is written to a file: pass -o matrix.xlsx \
                            (or --format csv for standard output)"
                        .to_owned(),
                );
            }
            Box::new(Matrix(MatrixFormat::Xlsx))
        }
        (None, Some(format @ (MatrixFormat::Csv | MatrixFormat::Html))) => Box::new(Matrix(format)),
        (None, Some(other)) => {
            return Err(format!(
                "--format {other:?} is a format of the report: use it with --read FILLED.xlsx"
            )
            .to_lowercase());
        }
        (Some(file), format) => {
            let format = format.unwrap_or(MatrixFormat::Text);
            if !matches!(
                format,
                MatrixFormat::Text | MatrixFormat::Json | MatrixFormat::Html
            ) {
                return Err("the report of --read is written as text, json or html".to_owned());
            }
            if args.output.as_deref() == Some(file.as_path()) {
                return Err(format!(
                    "-o {} would overwrite the filled matrix; the report goes elsewhere",
                    file.display()
                ));
            }
            let rows = rows(checked);
            let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let filled = read::read(file, &|id| ids.contains(id))?;
            let report = Report::new(file.display().to_string(), &rows, &filled);
            Box::new(ReportOutput { report, format })
        }
    };
    Ok((output, target))
}

/// The matrix in one format.
struct Matrix(MatrixFormat);

impl Output for Matrix {
    fn name(&self) -> &'static str {
        "matrix"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        let rows = rows(checked);
        let (path, bytes) = match self.0 {
            MatrixFormat::Csv => ("matrix.csv", csv(&rows)?),
            MatrixFormat::Html => (
                "matrix.html",
                crate::print::matrix_page(&rows)?.into_bytes(),
            ),
            _ => ("matrix.xlsx", xlsx::workbook(&rows)?),
        };
        dest.write(path, &bytes)
            .map_err(|e| format!("cannot write the matrix: {e}"))?;
        Ok(Rendered {
            files: 1,
            summary: format!("the matrix of {} requirements", rows.len()),
        })
    }
}

/// The matrix as CSV: UTF-8 with a byte-order mark, which Excel needs to
/// read it as UTF-8 (without one it guesses the system's code page).
fn csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let failed = |e: csv::Error| format!("cannot write the CSV: {e}");
    out.write_record(COLUMNS).map_err(failed)?;
    for row in rows {
        out.write_record(row.all_cells()).map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| format!("cannot write the CSV: {e}"))
}

/// The compliance report in one format.
struct ReportOutput {
    report: Report,
    format: MatrixFormat,
}

impl Output for ReportOutput {
    fn name(&self) -> &'static str {
        "report"
    }

    fn render(&self, _checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        let (path, text) = match self.format {
            MatrixFormat::Json => {
                let mut json = serde_json::to_string_pretty(&self.report)
                    .map_err(|e| format!("cannot write the report: {e}"))?;
                json.push('\n');
                ("report.json", json)
            }
            MatrixFormat::Html => ("report.html", crate::print::report_page(&self.report)?),
            _ => ("report.txt", report::text(&self.report)),
        };
        dest.write(path, text.as_bytes())
            .map_err(|e| format!("cannot write the report: {e}"))?;
        Ok(Rendered {
            files: 1,
            summary: "the compliance report".to_owned(),
        })
    }
}
