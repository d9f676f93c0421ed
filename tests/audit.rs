//! `guifan audit` as an auditor sees it, on the fixture spec of
//! `tests/fixtures/audit/spec` (one limit of each kind, on a calendar with
//! a lunch break and mainland China's holidays): verdicts of every limit
//! kind, each kind of bad row with its line and help, exit codes, the
//! encodings, the column mapping, a golden report; and, needing Python's
//! `chinese-calendar`, an independent oracle on a generated year of the
//! bundled spec.

mod common;

use std::path::PathBuf;

use common::*;

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/audit")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Run `guifan audit` on the fixture spec, from the repository root so
/// that file names in the output are relative.
fn audit(args: &[&str]) -> std::process::Output {
    let spec = fixture("spec");
    let mut all = vec!["audit", "-s", &spec, "--as-of", "2025-10-13 15:00"];
    all.extend_from_slice(args);
    std::process::Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(&all)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("guifan runs")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `record,limit` → `status,allowed_value,taken_value,ambiguous` from CSV pairs.
fn verdicts(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!(
                "{} {} {} {} {} {} {}",
                f[2],
                f[3],
                f[9],
                f[7],
                f[8],
                f[11],
                f[12..].join(" ").trim()
            )
        })
        .collect()
}

#[test]
fn every_limit_kind_is_audited_as_its_standard_means() {
    let out = audit(&["tests/fixtures/audit/records.csv", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = verdicts(&stdout(&out));
    let expected = [
        // Clock: 2.5 h against 2小时.
        "A1 accept-urgent breached 7200 9000",
        // Working: 1 h on 30 September, the National Day holiday, 1 h on 9 October.
        "A2 accept-normal met 25200 7200",
        // A make-up Saturday (7 h), Sunday off, Monday to 12:30 (3 h, lunch excluded).
        "A3 accept-normal breached 25200 36000",
        // Friday 11:30 to Monday 11:00 over a weekend and a lunch break: 6.5 h.
        "A4 accept-normal met 25200 23400",
        // Open, audited at --as-of: 2 h so far.
        "A5 accept-normal open 25200 7200",
        // 40 minutes paused.
        "A6 accept-urgent met 7200 6600",
        // A range at its upper bound: 31 January + 2 months = 31 March.
        "R1 repair met 5097600 5094000",
        "R2 repair breached 5097600 5180400",
        // An anchor: 次月5日前 from 20 January is 5 February 00:00.
        "P1 report met 1346400 1324800",
        "P2 report breached 1346400 1375200",
        "D1 drill counted",
        "D2 drill counted",
        "D3 drill counted",
        "D4 drill counted",
        // Vague: counted, not auditable.
        "V1 callback not_auditable",
        // Contradicting limits (SLA001): both, ambiguous. 2 June 2025 is a holiday.
        "C1 close-a breached 86400 97200 SLA001",
        "C1 close-b met 75600 10800 SLA001",
        // A flow's step: its limits.
        "F1 accept-urgent met 7200 3600",
        // Frequency: every quarter of the window, per unit.
        " drill met 1 1  2025-Q1 a",
        " drill met 1 1  2025-Q2 a",
        " drill met 1 1  2025-Q3 a",
        " drill breached 1 0  2025-Q4 a",
        " drill met 1 1  2025-Q1 b",
        " drill breached 1 0  2025-Q2 b",
        " drill breached 1 0  2025-Q3 b",
        " drill breached 1 0  2025-Q4 b",
    ];
    let got: Vec<String> = got
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let expected: Vec<String> = expected
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn breaches_exit_0_unless_denied() {
    let records = fixture("records.csv");
    assert_eq!(audit(&[&records]).status.code(), Some(0));
    assert_eq!(
        audit(&[&records, "--deny", "breaches"]).status.code(),
        Some(1)
    );
    assert_eq!(audit(&["/no/such/records.csv"]).status.code(), Some(2));
    assert_eq!(
        audit(&[&records, "--tz", "Mars/Olympus"]).status.code(),
        Some(2)
    );
    assert_eq!(audit(&[&records, "--map", "start"]).status.code(), Some(2));
}

#[test]
fn each_bad_row_is_reported_with_its_line_column_and_help_and_skipped() {
    let out = audit(&["tests/fixtures/audit/bad.csv", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (line, col, message, help) in [
        (
            2,
            4,
            "unknown metric `ticket.acept`",
            "did you mean `ticket.accept`?",
        ),
        (
            3,
            20,
            "unknown priority `critical`",
            "the classes are normal, urgent",
        ),
        (
            4,
            45,
            "ends at 2025-06-01T10:00:00 before it starts at 2025-06-02T09:00:00",
            "the columns may be swapped",
        ),
        (
            5,
            28,
            "`start`: `2025-06-31 09:00` is not a time",
            "write `YYYY-MM-DD HH:MM[:SS]`",
        ),
        (6, 16, "no `start` value", "every row needs `start`"),
        (
            7,
            5,
            "unknown flow `repair-flw`",
            "did you mean `repair-flow`?",
        ),
        (
            8,
            17,
            "flow `repair-flow` has no step `acept`",
            "did you mean `accept`?",
        ),
        (9, 27, "`maybe` is neither yes nor no", "`是`/`否`"),
        (
            11,
            29,
            "cannot be measured: outside the years its calendar covers (2024–2026)",
            "audit records of those years",
        ),
    ] {
        let at = format!("error: {message}\n  --> tests/fixtures/audit/bad.csv:{line}:{col}\n");
        let at = at.replace("  -->", if line < 10 { " -->" } else { "  -->" });
        assert!(err.contains(&at), "line {line}: {at}\nin\n{err}");
        let block = &err[err.find(&at).unwrap()..];
        let help_at = block.find("= help: ").unwrap();
        assert!(
            block[help_at..].lines().next().unwrap().contains(help),
            "{block}"
        );
    }
    assert_eq!(
        err.matches("= note: the row is skipped").count(),
        9,
        "{err}"
    );
    // The one good row is audited.
    assert_eq!(
        verdicts(&stdout(&out)),
        ["X9 accept-urgent met 7200 3600  "]
    );
}

#[test]
fn a_file_without_a_needed_column_is_skipped_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    std::fs::write(&path, "id,metric,end\nT1,ticket.accept,2025-06-02 10:00\n").unwrap();
    let out = audit(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: no column `start`"), "{err}");
    assert!(err.contains("--map start=受理时间"), "{err}");
}

/// The records of `records.csv` with other headers, in other encodings.
fn exported(dir: &tempfile::TempDir, name: &str, bytes: Vec<u8>) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn mapped_text() -> String {
    let text = std::fs::read_to_string(fixture("records.csv")).unwrap();
    let (_, rows) = text.split_once('\n').unwrap();
    format!("工单号,指标,流程,环节,优先级,涉及外部门,受理时间,办结时间,挂起分钟,单位\n{rows}")
}

const MAP: &str = "id=工单号,metric=指标,flow=流程,step=环节,priority=优先级,other_departments=涉及外部门,\
                   start=受理时间,end=办结时间,paused=挂起分钟,unit=单位";

#[test]
fn gbk_bom_and_mapped_exports_give_the_same_verdicts() {
    let plain = verdicts(&stdout(&audit(&[
        "tests/fixtures/audit/records.csv",
        "--format",
        "csv",
    ])));
    let dir = tempfile::tempdir().unwrap();
    let text = mapped_text();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for (name, bytes, extra) in [
        ("gbk.csv", gbk.into_owned(), vec![]),
        (
            "gbk-named.csv",
            encoding_rs::GBK.encode(&text).0.into_owned(),
            vec!["--encoding", "gbk"],
        ),
        ("bom.csv", bom, vec![]),
    ] {
        let path = exported(&dir, name, bytes);
        let mut args = vec![path.to_str().unwrap(), "--format", "csv", "--map", MAP];
        args.extend(extra);
        let out = audit(&args);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(verdicts(&stdout(&out)), plain, "{name}");
    }
    // A GBK file read as UTF-8: every row with Chinese text is rejected as such.
    let path = exported(
        &dir,
        "gbk-as-utf8.csv",
        encoding_rs::GBK.encode(&text).0.into_owned(),
    );
    let out = audit(&[path.to_str().unwrap(), "--map", MAP, "--encoding", "utf-8"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: the row is not UTF-8"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--encoding gbk"));
}

#[test]
fn the_mapping_can_live_in_guifan_toml() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    std::fs::create_dir(&spec).unwrap();
    std::fs::copy(fixture("spec/standard.yaml"), spec.join("standard.yaml")).unwrap();
    let table: String = MAP
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            format!("{} = \"{v}\"\n", k.trim())
        })
        .collect();
    std::fs::write(
        spec.join("guifan.toml"),
        format!("[lint]\nSLA007 = \"allow\"\n\n[audit.columns]\n{table}"),
    )
    .unwrap();
    let records = exported(&dir, "r.csv", mapped_text().into_bytes());
    let out = guifan(&[
        "audit",
        "-s",
        spec.to_str().unwrap(),
        records.to_str().unwrap(),
        "--as-of",
        "2025-10-13 15:00",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 27);
    // The lint levels of the same file still apply.
    let check = guifan(&["check", "-s", spec.to_str().unwrap()]);
    assert!(!stdout(&check).contains("SLA007"), "{}", stdout(&check));
}

#[test]
fn json_lines_are_read_like_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(fixture("records.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut jsonl = String::new();
    for line in lines {
        let object: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(line.split(','))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(v.to_string())))
            .collect();
        jsonl.push_str(&serde_json::to_string(&object).unwrap());
        jsonl.push('\n');
    }
    jsonl.push_str("{\"id\": \"J1\", \"metric\": \"ticket.accept\", \"start\": \"soon\"}\n");
    let path = exported(&dir, "r.jsonl", jsonl.into_bytes());
    let out = audit(&[path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    let plain = verdicts(&stdout(&audit(&[
        "tests/fixtures/audit/records.csv",
        "--format",
        "csv",
    ])));
    assert_eq!(verdicts(&stdout(&out)), plain);
    let err = stderr(&out);
    assert!(err.contains("r.jsonl:18:"), "{err}");
    assert!(err.contains("`start`: `soon` is not a time"), "{err}");
}

#[test]
fn the_summary_report_is_golden() {
    let out = audit(&["tests/fixtures/audit/records.csv"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn json_and_html_reports_hold_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("audit.json");
    let out = audit(&[
        "tests/fixtures/audit/records.csv",
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["pairs"].as_array().unwrap().len(), 18);
    assert_eq!(doc["periods"].as_array().unwrap().len(), 8);
    let total = &doc["summary"]["total"];
    assert_eq!(
        (total["met"].as_u64(), total["breached"].as_u64()),
        (Some(11), Some(9))
    );
    let html = dir.path().join("audit.html");
    let out = audit(&[
        "tests/fixtures/audit/records.csv",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<svg") && page.contains("@page{size:A4"),
        "{page}"
    );
    assert!(!page.contains("<script"));
    assert!(page.contains("accept-normal") && page.contains("ambiguous (SLA001)"));
}

/// An independent oracle (`chinese-calendar`'s holidays and make-up days,
/// a day-by-day walk, the limits copied by hand) agrees with every verdict
/// on a generated year of records of the bundled spec.
#[test]
#[ignore = "needs python3 with chinese-calendar (installed by .ci/run)"]
fn an_independent_oracle_agrees_on_a_year_of_the_bundled_spec() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("year.csv");
    let pairs = dir.path().join("pairs.csv");
    let python = |args: &[&str]| {
        let out = std::process::Command::new("python3")
            .args(args)
            .current_dir(root())
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    python(&[
        "benches/audit_records.py",
        records.to_str().unwrap(),
        "4000",
    ]);
    let out = guifan(&[
        "audit",
        "-s",
        bundled_spec().to_str().unwrap(),
        records.to_str().unwrap(),
        "--as-of",
        "2026-01-05 09:00",
        "--format",
        "csv",
        "-o",
        pairs.to_str().unwrap(),
    ]);
    // Five bad rows: exit 1, and each reported.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("= note: the row is skipped").count(),
        5
    );
    let report = python(&[
        "benches/audit_oracle.py",
        records.to_str().unwrap(),
        pairs.to_str().unwrap(),
        "--as-of",
        "2026-01-05 09:00",
    ]);
    assert!(report.contains(", 0 disagreements"), "{report}");
}
