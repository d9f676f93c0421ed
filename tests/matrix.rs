//! `guifan matrix` as an auditor uses it, on the test site
//! (`tests/test_site/spec/`): the matrix lists every requirement, the XLSX
//! opens in an independent reader with its drop-down and frozen header, a
//! filled matrix reads back into exact figures, a changed requirement is
//! reported, and every kind of bad input gets an error naming sheet and
//! cell, the file untouched.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{guifan, stdout, test_site};
use rust_xlsxwriter::Workbook;

fn spec() -> String {
    test_site().display().to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The matrix as CSV records (BOM stripped), header first.
fn csv_records() -> Vec<Vec<String>> {
    let out = guifan(&["-s", &spec(), "matrix", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM first");
    let mut reader = csv::Reader::from_reader(&out.stdout[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut all = vec![header];
    for record in reader.records() {
        all.push(record.unwrap().iter().map(str::to_owned).collect());
    }
    all
}

/// The requirement ids the model implies, counted without the matrix's
/// code: every step, every limit, every checklist item, every record that
/// names a retention limit.
fn expected_ids() -> Vec<String> {
    let (spec, _) = guifan::spec::open(&test_site()).unwrap();
    let mut ids = Vec::new();
    for flow in &spec.flows {
        for step in &flow.steps {
            ids.push(format!("step:{}/{}", flow.id.value, step.id.value));
        }
    }
    ids.extend(spec.limits.iter().map(|l| format!("limit:{}", l.id.value)));
    for list in &spec.checklists {
        ids.extend((list.items.iter()).map(|i| format!("item:{}/{}", list.id.value, i.id.value)));
    }
    let kept = spec.records.iter().filter(|r| r.retention.is_some());
    ids.extend(kept.map(|r| format!("retention:{}", r.id.value)));
    ids.sort();
    ids
}

const HEADER: [&str; 16] = [
    "编号",
    "标准",
    "条款",
    "类别",
    "要求",
    "责任角色",
    "证据记录",
    "时限（原文）",
    "时限（规范化）",
    "规则检查发现",
    "结果",
    "证据索引",
    "备注",
    "检查人",
    "检查日期",
    "校验码",
];

#[test]
fn the_csv_lists_every_requirement_once_with_the_auditor_columns_empty() {
    let records = csv_records();
    assert_eq!(records[0], HEADER);
    let mut ids: Vec<String> = records[1..].iter().map(|r| r[0].clone()).collect();
    ids.sort();
    assert_eq!(ids, expected_ids());
    assert_eq!(ids.len(), 45);
    for r in &records[1..] {
        assert!(r[10..15].iter().all(String::is_empty), "{r:?}");
        assert_eq!(r[15].len(), 16, "a fingerprint of 16 hex digits: {r:?}");
    }
    // One row in full: a step with its owner, limit, record and clause.
    let accept = records
        .iter()
        .find(|r| r[0] == "step:complaint-handling/accept")
        .unwrap();
    assert_eq!(
        accept[..10],
        [
            "step:complaint-handling/accept",
            "hotline-service",
            "4.1",
            "步骤",
            "投诉处理流程 / 受理登记：记录客户诉求, 按投诉等级登记工单",
            "话务员",
            "《投诉工单》",
            "30分钟",
            "30分钟",
            "",
        ]
    );
    // The table's 7 working days contradict 4.2's 5 (SLA001), on both rows.
    let table = records
        .iter()
        .find(|r| r[0] == "limit:table-handle-ordinary")
        .unwrap();
    assert!(table[9].contains("SLA001 警告"), "{table:?}");
    let retention = records
        .iter()
        .find(|r| r[0] == "retention:complaint-ticket")
        .unwrap();
    assert_eq!(retention[4], "投诉工单保存期限：最近3个月");
    assert_eq!(retention[3], "保存期限");
}

/// Write the matrix of the test site as XLSX into `dir`.
fn write_xlsx(dir: &Path) -> PathBuf {
    let path = dir.join("matrix.xlsx");
    let out = guifan(&["-s", &spec(), "matrix", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    path
}

#[test]
fn the_xlsx_is_reproducible_and_needs_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = std::fs::read(write_xlsx(dir.path())).unwrap();
    let second = std::fs::read(write_xlsx(dir.path())).unwrap();
    assert!(first == second, "same spec, same bytes");
    let out = guifan(&["-s", &spec(), "matrix"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: an XLSX workbook is written to a file: pass -o matrix.xlsx (or --format csv for standard output)\n"
    );
}

/// A sheet: its name, header and rows.
type Sheet<'a> = (&'a str, &'a [&'a str], &'a [Vec<String>]);

/// A workbook of `sheets`, as an auditor's spreadsheet program would save
/// it (empty cells left out).
fn workbook_of(path: &Path, sheets: &[Sheet]) {
    let mut book = Workbook::new();
    for (name, header, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (c, title) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *title).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                ws.write_string(r as u32 + 1, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn workbook(path: &Path, sheet: &str, header: &[&str], rows: &[Vec<String>]) {
    workbook_of(path, &[(sheet, header, rows)]);
}

/// The matrix's rows with `results` (id → result, remark) filled in.
fn filled(results: &[(&str, &str, &str)]) -> Vec<Vec<String>> {
    let mut rows = csv_records().split_off(1);
    for (id, result, remark) in results {
        let row = rows.iter_mut().find(|r| r[0] == *id).unwrap();
        row[10] = (*result).to_owned();
        row[12] = (*remark).to_owned();
        row[13] = "张审核".to_owned();
    }
    rows
}

fn read_report(path: &Path, format: &str) -> std::process::Output {
    guifan(&[
        "-s",
        &spec(),
        "matrix",
        "--read",
        path.to_str().unwrap(),
        "--format",
        format,
    ])
}

#[test]
fn a_filled_matrix_reads_back_into_exact_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.xlsx");
    let rows = filled(&[
        ("step:complaint-handling/accept", "符合", ""),
        ("step:complaint-handling/sort", "符合", ""),
        (
            "limit:complaint-accept",
            "不符合",
            "抽查3张工单, 1张超过30分钟",
        ),
        ("limit:call-answer", "不适用", ""),
        ("item:call-quality/greeting", "符合", ""),
        ("step:installation/visit", "不符合", "未按约定时间上门"),
    ]);
    workbook(&path, "all", &HEADER, &rows);
    let before = std::fs::read(&path).unwrap();
    let out = read_report(&path, "json");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the input is never rewritten"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = &report["total"];
    assert_eq!(
        total,
        &serde_json::json!({"requirements": 45, "conforming": 3, "nonconforming": 2,
            "not_applicable": 1, "unchecked": 39, "changed": 0, "rate": 60.0})
    );
    let group = |list: &str, name: &str| {
        report[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == name)
            .unwrap()
            .clone()
    };
    let hotline = group("by_standard", "hotline-service");
    assert_eq!(
        (
            hotline["conforming"].clone(),
            hotline["nonconforming"].clone()
        ),
        (3.into(), 1.into())
    );
    assert_eq!(hotline["rate"], 75.0);
    let field = group("by_standard", "field-service");
    assert_eq!(
        (field["nonconforming"].clone(), field["rate"].clone()),
        (1.into(), 0.0.into())
    );
    assert_eq!(group("by_role", "话务员")["conforming"], 2);
    assert_eq!(group("by_clause", "hotline-service#4.1")["rate"], 50.0);
    let bad: Vec<(&str, &str, &str)> = report["nonconforming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap(),
                l["clause"].as_str().unwrap(),
                l["filled"]["remark"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bad,
        [
            ("step:installation/visit", "第五条", "未按约定时间上门"),
            (
                "limit:complaint-accept",
                "4.1",
                "抽查3张工单, 1张超过30分钟"
            ),
        ]
    );
    assert_eq!(report["unchecked"].as_array().unwrap().len(), 39);
    let text = stdout(&read_report(&path, "text"));
    assert!(text.contains("  all requirements: 45 requirements, 符合 3, 不符合 2, 不适用 1, 未检查 39, changed 0; rate 60.0 %\n"), "{text}");
    assert!(text.contains("    备注: 未按约定时间上门 (all!K"), "{text}");
    let html = stdout(&read_report(&path, "html"));
    assert!(html.contains("抽查3张工单, 1张超过30分钟") && html.contains("<h1>合规报告</h1>"));
}

#[test]
fn a_requirement_changed_since_writing_is_reported_not_matched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.xlsx");
    let mut rows = filled(&[
        ("limit:revisit", "符合", ""),
        ("limit:call-answer", "符合", ""),
    ]);
    // The matrix was written when the limit said something else.
    let revisit = rows.iter_mut().find(|r| r[0] == "limit:revisit").unwrap();
    revisit[15] = "0123456789abcdef".to_owned();
    workbook(&path, "all", &HEADER, &rows);
    let report: serde_json::Value =
        serde_json::from_slice(&read_report(&path, "json").stdout).unwrap();
    assert_eq!(report["total"]["changed"], 1);
    assert_eq!(report["total"]["conforming"], 1);
    assert_eq!(report["changed"][0]["id"], "limit:revisit");
}

/// `guifan matrix --read` on a workbook of `rows`: its exit code and
/// message, the temporary path written `FILE`.
fn bad(sheet: &str, header: &[&str], rows: &[Vec<String>]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.xlsx");
    workbook(&path, sheet, header, rows);
    let before = std::fs::read(&path).unwrap();
    let out = read_report(&path, "json");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(out.stdout.is_empty());
    (
        out.status.code(),
        stderr(&out).replace(path.to_str().unwrap(), "FILE"),
    )
}

#[test]
fn an_unknown_id_is_an_error_naming_sheet_and_cell() {
    let mut rows = filled(&[]);
    rows[2][0] = "step:complaint-handling/nowhere".to_owned();
    assert_eq!(
        bad("hotline", &HEADER, &rows),
        (Some(2), "error: FILE: sheet `hotline`, cell A4: `step:complaint-handling/nowhere` is no requirement of the spec (a row added by hand, or a matrix of another spec)\n".to_owned())
    );
}

#[test]
fn a_result_outside_the_list_is_an_error_naming_sheet_and_cell() {
    let rows = filled(&[
        ("limit:revisit", "OK", ""),
        ("limit:call-answer", "合格", ""),
    ]);
    let at = |id: &str| rows.iter().position(|r| r[0] == id).unwrap() + 2;
    assert_eq!(
        bad("all", &HEADER, &rows),
        (
            Some(2),
            format!(
                "error: FILE: sheet `all`, cell K{}: result `合格` is not one of 符合, 不符合, 不适用, 未检查\n  \
             sheet `all`, cell K{}: result `OK` is not one of 符合, 不符合, 不适用, 未检查\n",
                at("limit:call-answer"),
                at("limit:revisit")
            )
        )
    );
}

#[test]
fn a_missing_column_is_an_error_naming_the_sheet() {
    let header: Vec<&str> = HEADER.iter().copied().filter(|h| *h != "结果").collect();
    let rows: Vec<Vec<String>> = filled(&[])
        .into_iter()
        .map(|mut r| {
            r.remove(10);
            r
        })
        .collect();
    assert_eq!(
        bad("all", &header, &rows),
        (Some(2), "error: FILE: sheet `all`, row 1: no column `结果` (the header row must keep every column the matrix was written with)\n".to_owned())
    );
}

#[test]
fn two_different_results_for_one_requirement_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.xlsx");
    let rows = filled(&[("limit:revisit", "符合", "")]);
    let other = filled(&[("limit:revisit", "不符合", "")]);
    workbook_of(
        &path,
        &[
            ("all", &HEADER, &rows),
            ("hotline-service", &HEADER, &other),
        ],
    );
    let out = read_report(&path, "json");
    assert_eq!(out.status.code(), Some(2));
    let row = rows.iter().position(|r| r[0] == "limit:revisit").unwrap() + 2;
    assert_eq!(
        stderr(&out).replace(path.to_str().unwrap(), "FILE"),
        format!(
            "error: FILE: `limit:revisit` has two results: `符合` in all!K{row} and `不符合` in hotline-service!K{row}\n"
        )
    );
}

#[test]
fn a_file_that_is_not_xlsx_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matrix.xlsx");
    let out = guifan(&[
        "-s",
        &spec(),
        "matrix",
        "--format",
        "csv",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let out = read_report(&path, "text");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).replace(path.to_str().unwrap(), "FILE"),
        "error: FILE is not an XLSX workbook (an XLSX file is a ZIP archive; save the matrix as Excel 2007-365 .xlsx)\n"
    );
}

/// Python with openpyxl, which CI installs (`.ci/run`).
fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("needs python3 with openpyxl (bash .ci/run installs it)");
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const OPENPYXL_DESCRIBE: &str = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("sheets", ",".join(wb.sheetnames))
for ws in wb.worksheets:
    dv = [(d.type, d.formula1, str(d.sqref)) for d in ws.data_validations.dataValidation]
    print(ws.title, ws.max_row, ws.max_column, ws.freeze_panes, ws.auto_filter.ref, dv)
    print(" ids", ",".join(str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True)))
"#;

#[test]
#[ignore = "needs python3 with openpyxl"]
fn openpyxl_reads_the_rows_the_drop_down_and_the_frozen_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_xlsx(dir.path());
    let text = python(OPENPYXL_DESCRIBE, &[path.to_str().unwrap()]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "sheets all,no-standard,field-service,hotline-service"
    );
    let list = "'\"符合,不符合,不适用,未检查\"'";
    assert_eq!(
        lines[1],
        format!("all 46 16 B2 A1:P46 [('list', {list}, 'K2:K46')]")
    );
    let csv_ids: Vec<String> = csv_records()[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(lines[2], format!(" ids {}", csv_ids.join(",")));
    // Every requirement is on its standard's sheet too.
    let per_standard: usize = lines[3..]
        .iter()
        .step_by(2)
        .map(|l| {
            let rows: usize = l.split(' ').nth(1).unwrap().parse().unwrap();
            assert!(l.contains(" B2 A1:P") && l.contains("'list'"), "{l}");
            rows - 1
        })
        .sum();
    assert_eq!(per_standard, 45);
}

const OPENPYXL_FILL: &str = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["hotline-service"]
for row in ws.iter_rows(min_row=2):
    if row[0].value == "limit:complaint-accept":
        row[10].value = "不符合"; row[12].value = "抽查超时"
    if row[0].value == "limit:revisit":
        row[10].value = "符合"
ws = wb["all"]
for row in ws.iter_rows(min_row=2):
    if row[0].value == "step:installation/visit":
        row[10].value = "不适用"
wb.save(sys.argv[2])
"#;

#[test]
#[ignore = "needs python3 with openpyxl"]
fn a_matrix_filled_with_openpyxl_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_xlsx(dir.path());
    let filled = dir.path().join("filled.xlsx");
    python(
        OPENPYXL_FILL,
        &[path.to_str().unwrap(), filled.to_str().unwrap()],
    );
    let out = read_report(&filled, "json");
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["total"],
        serde_json::json!({"requirements": 45, "conforming": 1, "nonconforming": 1,
            "not_applicable": 1, "unchecked": 42, "changed": 0, "rate": 50.0})
    );
    assert_eq!(report["nonconforming"][0]["filled"]["remark"], "抽查超时");
    assert!(
        report["nonconforming"][0]["filled"]["cell"]
            .as_str()
            .unwrap()
            .starts_with("hotline-service!K")
    );
}

/// LibreOffice (headless) converting `file` to `format` into `out`.
fn libreoffice(file: &Path, format: &str, out: &Path) {
    let run = Command::new("soffice")
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .arg(file)
        .output()
        .expect("needs LibreOffice (soffice; bash .ci/run installs libreoffice-calc-nogui)");
    assert!(
        run.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
#[ignore = "needs libreoffice"]
fn libreoffice_opens_the_matrix_with_the_drop_down_and_its_save_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_xlsx(dir.path());
    libreoffice(&path, "fods", dir.path());
    let fods = std::fs::read_to_string(dir.path().join("matrix.fods")).unwrap();
    let list = "of:cell-content-is-in-list(&quot;符合&quot;;&quot;不符合&quot;;&quot;不适用&quot;;&quot;未检查&quot;)";
    // The validations that offer the list as a drop-down, by name.
    let drop_downs: Vec<&str> = fods
        .split("<table:content-validation ")
        .skip(1)
        .filter(|v| v.contains(list) && v.contains("table:display-list=\"unsorted\""))
        .filter_map(|v| v.split("table:name=\"").nth(1)?.split('"').next())
        .collect();
    // Every sheet's result cells use one of them.
    let sheets: Vec<&str> = fods.split("<table:table table:name=\"").skip(1).collect();
    assert_eq!(sheets.len(), 4);
    for sheet in sheets {
        let used = sheet.split("table:content-validation-name=\"").skip(1);
        let used: Vec<&str> = used.filter_map(|u| u.split('"').next()).collect();
        let name = sheet.split('"').next().unwrap();
        assert!(
            !used.is_empty() && used.iter().all(|u| drop_downs.contains(u)),
            "{name}: {used:?}"
        );
    }
    // An auditor saves it from LibreOffice: it still reads.
    let saved = dir.path().join("saved");
    libreoffice(&path, "xlsx:Calc MS Excel 2007 XML", &saved);
    let out = read_report(&saved.join("matrix.xlsx"), "json");
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            report["total"]["requirements"].clone(),
            report["total"]["unchecked"].clone()
        ),
        (45.into(), 45.into())
    );
}

#[test]
fn the_html_matrix_has_every_row_the_filters_and_the_findings_marked() {
    let out = guifan(&["-s", &spec(), "matrix", "--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = String::from_utf8(out.stdout).unwrap();
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let rows: Vec<String> = page
        .select(&select(".matrix tbody tr td:first-child"))
        .map(|td| td.text().collect())
        .collect();
    let csv: Vec<String> = csv_records()[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(rows, csv);
    let marked = page.select(&select(".matrix tbody tr.finding")).count();
    let with_findings = csv_records()[1..]
        .iter()
        .filter(|r| !r[9].is_empty())
        .count();
    assert_eq!(marked, with_findings);
    // The limit table's filters: text and kind, with the site's script.
    let tools = page
        .select(&select(".table-tools[data-table=matrix]"))
        .count();
    let kinds: Vec<String> = page
        .select(&select(".table-kind option"))
        .map(|o| o.value().attr("value").unwrap().to_owned())
        .collect();
    assert_eq!(
        (tools, kinds),
        (
            1,
            ["", "保存期限", "时限", "检查项", "步骤"]
                .map(String::from)
                .to_vec()
        )
    );
    assert!(html.contains("function makeFilterable(tools)"));
}
