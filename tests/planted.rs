//! An evaluation set written apart from the rule fixtures: planted
//! inconsistencies that `guifan check` must catch, and near misses that it
//! must leave quiet.
//!
//! Each case is a small, realistic spec of its own (a standard with its
//! clauses, a business calendar where working time is involved, roles,
//! limits, flows…) in a folder with a `case.toml`:
//!
//! - `tests/fixtures/planted/problems/<case>/`: one planted problem.
//!   `case.toml` says `what` was planted, the rule that must report it
//!   (`expect = "SLA003"`, or a list of rules any of which is accepted, for a
//!   comparison that may also be reported as undecidable) and, optionally,
//!   where (`at = "file.yaml:LINE"`, the line of the planted value). The case
//!   is caught when `guifan check` gives at least one finding of an expected
//!   rule at that line (anywhere, without `at`).
//! - `tests/fixtures/planted/near-misses/<case>/`: the same shapes with the
//!   problem absent but looking close. `case.toml` says `what` makes it a
//!   near miss. It passes when `guifan check --format json` gives no
//!   diagnostic at all (no rule, no error).
//!
//! A case the tool gets wrong stays in the set, marked with
//! `known_failure = "…"` (what the tool gives and why that is wrong); it is
//! still counted as failing: the bar is 100 % both ways, and the tool is
//! fixed rather than the bar lowered. The test prints a summary and every
//! failing case with the findings it gave (`cargo test --test planted --
//! --nocapture` shows the summary of a passing run too).

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::*;

fn planted_dir() -> PathBuf {
    root().join("tests/fixtures/planted")
}

/// The sub-folders of `dir`, sorted.
fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// What a `case.toml` says.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    what: String,
    #[serde(default)]
    expect: Option<Expect>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    known_failure: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(untagged)]
enum Expect {
    One(String),
    Any(Vec<String>),
}

impl Expect {
    fn codes(&self) -> Vec<&str> {
        match self {
            Expect::One(code) => vec![code.as_str()],
            Expect::Any(codes) => codes.iter().map(String::as_str).collect(),
        }
    }
}

/// One diagnostic of `check --format json`.
struct Finding {
    code: String,
    place: String,
    message: String,
}

impl Finding {
    fn line(&self) -> String {
        format!("{} {} {}", self.code, self.place, self.message)
    }
}

/// `guifan check -s <case> --format json`, its diagnostics.
fn check(case: &Path) -> Result<Vec<Finding>, String> {
    let out = guifan(&[
        "check",
        "-s",
        case.to_str().expect("UTF-8 path"),
        "--format",
        "json",
    ]);
    let text = stdout(&out);
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        format!(
            "`check --format json` did not print JSON ({e}); exit {:?}, stderr:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    let diagnostics = json["diagnostics"]
        .as_array()
        .ok_or("no `diagnostics` array in the JSON output")?;
    Ok(diagnostics
        .iter()
        .map(|d| Finding {
            code: d["code"].as_str().unwrap_or("?").to_owned(),
            place: format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap_or("?"),
                d["line"],
                d["col"]
            ),
            message: d["message"].as_str().unwrap_or("").to_owned(),
        })
        .collect())
}

fn read_case(dir: &Path) -> Result<Case, String> {
    let text = std::fs::read_to_string(dir.join("case.toml"))
        .map_err(|e| format!("no readable case.toml: {e}"))?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    if case.what.trim().is_empty() {
        return Err("case.toml: `what` is empty".into());
    }
    let has_yaml = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml")));
    if !has_yaml {
        return Err("no *.yaml file".into());
    }
    Ok(case)
}

/// A planted problem: `Ok` when caught, `Err` says what was given instead.
fn run_problem(dir: &Path) -> Result<(), String> {
    let case = read_case(dir)?;
    let expect = case
        .expect
        .as_ref()
        .ok_or("a problem's case.toml needs `expect`")?;
    let codes = expect.codes();
    if let Some(at) = &case.at {
        let (file, line) = at
            .rsplit_once(':')
            .ok_or_else(|| format!("`at = {at:?}` is not FILE:LINE"))?;
        if !dir.join(file).is_file() || line.parse::<u32>().is_err() {
            return Err(format!("`at = {at:?}`: no such file or not a line number"));
        }
    }
    let findings = check(dir)?;
    let caught = findings.iter().any(|f| {
        codes.contains(&f.code.as_str())
            && case.at.as_ref().is_none_or(|at| {
                f.place
                    .rsplit_once(':')
                    .is_some_and(|(file_line, _col)| file_line == at)
            })
    });
    if caught {
        return Ok(());
    }
    let mut why = format!(
        "planted: {}\n  expected {} at {}; the tool gave ",
        case.what,
        codes.join(" or "),
        case.at.as_deref().unwrap_or("any place")
    );
    describe(&mut why, &findings, &case);
    Err(why)
}

/// A near miss: `Ok` when quiet.
fn run_near_miss(dir: &Path) -> Result<(), String> {
    let case = read_case(dir)?;
    if case.expect.is_some() || case.at.is_some() {
        return Err("a near miss's case.toml has neither `expect` nor `at`".into());
    }
    let findings = check(dir)?;
    if findings.is_empty() {
        return Ok(());
    }
    let mut why = format!("near miss: {}\n  must be quiet; the tool gave ", case.what);
    describe(&mut why, &findings, &case);
    Err(why)
}

fn describe(out: &mut String, findings: &[Finding], case: &Case) {
    if findings.is_empty() {
        out.push_str("no finding\n");
    } else {
        out.push_str("these findings:\n");
        for f in findings {
            writeln!(out, "    {}", f.line()).unwrap();
        }
    }
    if let Some(known) = &case.known_failure {
        writeln!(out, "  known failure: {known}").unwrap();
    }
}

#[test]
fn planted_problems_are_caught_and_near_misses_stay_quiet() {
    let dir = planted_dir();
    let problems = subdirs(&dir.join("problems"));
    let near_misses = subdirs(&dir.join("near-misses"));
    assert!(
        problems.len() >= 40,
        "only {} planted problems",
        problems.len()
    );
    assert!(
        near_misses.len() >= 40,
        "only {} near misses",
        near_misses.len()
    );

    let mut failures = Vec::new();
    let mut caught = 0;
    for case in &problems {
        match run_problem(case) {
            Ok(()) => caught += 1,
            Err(why) => failures.push(format!("problems/{}: {why}", name(case))),
        }
    }
    let mut quiet = 0;
    for case in &near_misses {
        match run_near_miss(case) {
            Ok(()) => quiet += 1,
            Err(why) => failures.push(format!("near-misses/{}: {why}", name(case))),
        }
    }

    let summary = format!(
        "planted: caught {caught}/{} problems ({:.1} %), {quiet}/{} near misses quiet ({:.1} %)",
        problems.len(),
        100.0 * caught as f64 / problems.len() as f64,
        near_misses.len(),
        100.0 * quiet as f64 / near_misses.len() as f64,
    );
    println!("{summary}");
    assert!(
        failures.is_empty(),
        "{summary}\n\n{} failing cases:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
