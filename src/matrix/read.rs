//! Reading an auditor's filled matrix back (calamine): every sheet whose
//! header has the id column is read; each row is matched to a requirement
//! of the spec by id. The file is only read, never written.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};

use super::rows::{COLUMNS, FIRST_AUDITOR_COLUMN, ID, RESULTS};

/// What an auditor wrote about one requirement, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Filled {
    pub id: String,
    /// `sheet!K7`: the cell of its result.
    pub cell: String,
    /// One of [`RESULTS`]; an empty cell reads as 未检查.
    pub result: String,
    pub evidence_ref: String,
    pub remark: String,
    pub auditor: String,
    pub date: String,
    /// The fingerprint the row was written with.
    pub fingerprint: String,
}

/// At most this many problems are listed before reading gives up.
const MAX_PROBLEMS: usize = 20;

/// Every filled row of the workbook at `path`, by requirement id; `known`
/// says whether an id is a requirement of the spec. `Err` lists every
/// problem (up to [`MAX_PROBLEMS`]) with its sheet and cell.
pub fn read(path: &Path, known: &dyn Fn(&str) -> bool) -> Result<HashMap<String, Filled>, String> {
    let shown = path.display();
    let mut magic = [0u8; 4];
    let opened = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic));
    opened.map_err(|e| format!("cannot read {shown}: {e}"))?;
    if &magic != b"PK\x03\x04" {
        return Err(format!(
            "{shown} is not an XLSX workbook (an XLSX file is a ZIP archive; \
             save the matrix as Excel 2007-365 .xlsx)"
        ));
    }
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e| format!("{shown} is not a readable XLSX workbook: {e}"))?;
    let mut problems = Vec::new();
    let mut by_id: HashMap<String, Filled> = HashMap::new();
    let mut any_sheet = false;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("{shown}: cannot read sheet `{name}`: {e}"))?;
        let Some(columns) = header(&name, &range, &mut problems) else {
            continue;
        };
        any_sheet = true;
        let Some(columns) = columns else {
            continue;
        };
        for filled in sheet_rows(&name, &range, &columns, known, &mut problems) {
            merge(&mut by_id, filled, &mut problems);
        }
    }
    if !any_sheet {
        problems.push(format!(
            "no sheet has the column `{ID}` in its first row (cell A1 of the matrix `guifan matrix` writes)"
        ));
    }
    if problems.is_empty() {
        return Ok(by_id);
    }
    let more = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    if more > 0 {
        problems.push(format!("… and {more} more"));
    }
    Err(format!("{shown}: {}", problems.join("\n  ")))
}

/// The column of each of [`COLUMNS`] the reader needs, found by the header
/// row; `None` for a sheet without the id column (an auditor's own sheet),
/// `Some(None)` when a column is missing (a problem is added).
fn header(
    sheet: &str,
    range: &Range<Data>,
    problems: &mut Vec<String>,
) -> Option<Option<Vec<u32>>> {
    let (_, (_, last_col)) = bounds(range)?;
    let titles: Vec<(u32, String)> = (0..=last_col)
        .map(|c| (c, text(range.get_value((0, c)))))
        .collect();
    let find = |title: &str| {
        titles
            .iter()
            .find(|(_, t)| t.trim() == title)
            .map(|(c, _)| *c)
    };
    find(ID)?;
    let needed = std::iter::once(ID)
        .chain(COLUMNS[FIRST_AUDITOR_COLUMN..].iter().copied())
        .collect::<Vec<_>>();
    let mut columns = Vec::new();
    for &title in &needed {
        match find(title) {
            Some(c) => columns.push(c),
            None => problems.push(format!(
                "sheet `{sheet}`, row 1: no column `{title}` (the header row must keep every column the matrix was written with)"
            )),
        }
    }
    Some((columns.len() == needed.len()).then_some(columns))
}

/// The filled rows of one sheet; `columns` as [`header`] found them.
fn sheet_rows(
    sheet: &str,
    range: &Range<Data>,
    columns: &[u32],
    known: &dyn Fn(&str) -> bool,
    problems: &mut Vec<String>,
) -> Vec<Filled> {
    let Some((_, (last_row, _))) = bounds(range) else {
        return Vec::new();
    };
    let cell_text = |r: u32, k: usize| text(range.get_value((r, columns[k])));
    let mut out = Vec::new();
    for r in 1..=last_row {
        let id = cell_text(r, 0).trim().to_owned();
        if id.is_empty() {
            continue;
        }
        if !known(&id) {
            let at = cell_name(r, columns[0]);
            problems.push(format!(
                "sheet `{sheet}`, cell {at}: `{id}` is no requirement of the spec (a row added by hand, or a matrix of another spec)"
            ));
            continue;
        }
        let result_at = cell_name(r, columns[1]);
        let mut result = cell_text(r, 1).trim().to_owned();
        if result.is_empty() {
            result = RESULTS[3].to_owned();
        } else if !RESULTS.contains(&result.as_str()) {
            problems.push(format!(
                "sheet `{sheet}`, cell {result_at}: result `{result}` is not one of {}",
                RESULTS.join(", ")
            ));
            continue;
        }
        out.push(Filled {
            id,
            cell: format!("{sheet}!{result_at}"),
            result,
            evidence_ref: cell_text(r, 2),
            remark: cell_text(r, 3),
            auditor: cell_text(r, 4),
            date: cell_text(r, 5),
            fingerprint: cell_text(r, 6).trim().to_owned(),
        });
    }
    out
}

/// A requirement can be filled on the `all` sheet or its standard's: the
/// one with a result wins; two different results are a problem.
fn merge(by_id: &mut HashMap<String, Filled>, new: Filled, problems: &mut Vec<String>) {
    let unchecked = |f: &Filled| f.result == RESULTS[3];
    match by_id.get_mut(&new.id) {
        None => {
            by_id.insert(new.id.clone(), new);
        }
        Some(old) if unchecked(old) && !unchecked(&new) => *old = new,
        Some(old) if unchecked(&new) || old.result == new.result => {}
        Some(old) => problems.push(format!(
            "`{}` has two results: `{}` in {} and `{}` in {}",
            new.id, old.result, old.cell, new.result, new.cell
        )),
    }
}

/// The last row and column of a sheet that starts at A1; `None` when empty.
fn bounds(range: &Range<Data>) -> Option<((u32, u32), (u32, u32))> {
    Some((range.start()?, range.end()?))
}

/// A cell as text: dates as `YYYY-MM-DD`, numbers as written.
fn text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::DateTime(d)) if d.is_datetime() => excel_date(d.as_f64()),
        Some(other) => other.to_string(),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = serial.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return serial.to_string();
    }
    // In range (up to 9999-12-31), so the cast is exact.
    let span = jiff::Span::new().try_days(days as i64);
    match span.ok().and_then(|s| epoch.checked_add(s).ok()) {
        Some(date) => date.to_string(),
        None => serial.to_string(),
    }
}

/// `K7` for row index 6, column index 10.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 10), "K7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(excel_date(45658.0), "2025-01-01");
    }
}
