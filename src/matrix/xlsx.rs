//! The matrix as an XLSX workbook (rust_xlsxwriter): an `all` sheet and a
//! sheet per standard, each with a frozen header, an auto-filter, wrapped
//! text, a drop-down of results and the rows with findings highlighted.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

use super::rows::{COLUMNS, FIRST_AUDITOR_COLUMN, RESULTS, Row};

/// The sheet that lists every requirement.
pub const ALL_SHEET: &str = "all";
/// The sheet of the requirements that cite no standard.
pub const NO_STANDARD_SHEET: &str = "no-standard";

/// Column widths in characters, parallel to [`COLUMNS`].
const WIDTHS: [f64; 16] = [
    30.0, 18.0, 10.0, 8.0, 60.0, 16.0, 22.0, 14.0, 14.0, 30.0, 10.0, 16.0, 24.0, 10.0, 12.0, 18.0,
];

/// The workbook's bytes; the same rows give the same bytes.
pub fn workbook(rows: &[Row]) -> Result<Vec<u8>, String> {
    build(rows).map_err(|e| format!("cannot write the XLSX workbook: {e}"))
}

fn build(rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time: the same spec gives the same file.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("合规矩阵 (compliance matrix)")
            .set_creation_datetime(&created),
    );
    let formats = Formats::new();
    sheet(book.add_worksheet(), ALL_SHEET, rows.iter(), &formats)?;
    let mut standards: Vec<&str> = rows.iter().map(|r| r.standard.as_str()).collect();
    standards.sort_unstable();
    standards.dedup();
    for standard in standards {
        let name = sheet_name(standard);
        let of = rows.iter().filter(|r| r.standard == standard);
        sheet(book.add_worksheet(), &name, of, &formats)?;
    }
    book.save_to_buffer()
}

/// The sheet of a standard: its id (path-safe ASCII, so a valid sheet
/// name) cut to Excel's 31 characters.
pub fn sheet_name(standard: &str) -> String {
    if standard.is_empty() {
        return NO_STANDARD_SHEET.to_owned();
    }
    standard.chars().take(31).collect()
}

struct Formats {
    header: Format,
    cell: Format,
    finding: Format,
    error: Format,
    input: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Formats {
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE4EE)),
            finding: cell.clone().set_background_color(Color::RGB(0xFFF2CC)),
            error: cell.clone().set_background_color(Color::RGB(0xF8CBAD)),
            input: cell.clone().set_unlocked(),
            cell,
        }
    }
}

fn sheet<'a>(
    ws: &mut Worksheet,
    name: &str,
    rows: impl Iterator<Item = &'a Row>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    for (c, title) in COLUMNS.iter().enumerate() {
        let c = col(c);
        ws.write_string_with_format(0, c, *title, &f.header)?;
        ws.set_column_width(c, WIDTHS[usize::from(c)])?;
    }
    let mut last = 0;
    for (i, row) in rows.enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        let format = match (row.has_error, row.findings.is_empty()) {
            (true, _) => &f.error,
            (false, false) => &f.finding,
            (false, true) => &f.cell,
        };
        for (c, text) in row.cells().iter().enumerate() {
            ws.write_string_with_format(r, col(c), text, format)?;
        }
        for c in FIRST_AUDITOR_COLUMN..COLUMNS.len() - 1 {
            ws.write_blank(r, col(c), &f.input)?;
        }
        ws.write_string_with_format(r, col(COLUMNS.len() - 1), &row.fingerprint, &f.cell)?;
        last = r;
    }
    ws.set_freeze_panes(1, 1)?;
    let last_col = col(COLUMNS.len() - 1);
    ws.autofilter(0, 0, last.max(1), last_col)?;
    let results = DataValidation::new()
        .allow_list_strings(&RESULTS)?
        .set_input_title("结果")?
        .set_input_message("符合 / 不符合 / 不适用 / 未检查")?
        .set_error_title("结果")?
        .set_error_message("请从列表中选择: 符合、不符合、不适用、未检查")?;
    let result = col(FIRST_AUDITOR_COLUMN);
    ws.add_data_validation(1, result, last.max(1), result, &results)?;
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn col(c: usize) -> u16 {
    // The matrix has 16 columns.
    u16::try_from(c).unwrap_or(u16::MAX)
}
