//! Every lint rule against its cases, ruff-style, and against the examples
//! of its documentation.
//!
//! Cases live in `tests/fixtures/lints/CODE/fires/<case>/` and
//! `tests/fixtures/lints/CODE/passes/<case>/`: a case is its `*.yaml` files,
//! copied into a fresh folder beside the shared `tests/fixtures/lints/base.yaml`
//! (a standard `demo` with clauses 1 and 2 and an 8-hour calendar, a role
//! `cs`); a case with a `base.yaml` of its own replaces the shared one. A
//! case must load without structural errors. A `fires` case gives exactly
//! the findings of CODE that its `expected.txt` lists, one a line:
//! `CODE file:line:col message`; a `passes` case gives no finding of CODE.
//! Adding a case needs no Rust: [`every_lint_case`] walks the folders, and
//! reports every failing case at once. `GUIFAN_BLESS=1` rewrites the
//! `expected.txt` of the `fires` cases from what the rules find (review the
//! diff before committing it).
//!
//! Examples of `docs/rules/CODE.md` (what `guifan explain CODE` prints):
//! under `## Example`, a line `Failing example:` directly followed by a
//! ```` ```yaml ```` block, and a line `Passing example:` directly followed
//! by another; prose may follow each block. Each block is loaded alone
//! beside the same lint base. The failing one must load without structural
//! errors and give a finding of CODE, and every rule it gives a finding of
//! must be named in the block (a `# CODE` comment where it fires); the
//! passing one must load cleanly and give no finding of any rule.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::*;
use guifan::diag::Diagnostic;
use guifan::lint::{self, LintConfig};

fn lints_dir() -> PathBuf {
    root().join("tests/fixtures/lints")
}

/// The sub-folders of `dir`, sorted.
fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Lint a spec made of the lint base and `files` (name, text; a `base.yaml`
/// among them replaces the base), with rule `code` on even if it is off by
/// default. `Err` lists the structural diagnostics.
fn lint_files(code: &str, files: &[(String, String)]) -> Result<Vec<Diagnostic>, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(lints_dir().join("base.yaml"), dir.path().join("base.yaml")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let (spec, diags) = guifan::spec::open(dir.path()).map_err(|e| e.to_string())?;
    if !diags.is_empty() {
        return Err(format!(
            "structural errors (a case must load cleanly):\n{}",
            lines(&diags)
        ));
    }
    let mut config = LintConfig::default();
    config.set(code, lint::Level::Warning);
    Ok(lint::run(&spec, &config))
}

/// The `*.yaml` files of a case folder.
fn case_files(case: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| (name(&p), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    files
}

/// Findings as `expected.txt` writes them.
fn lines<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    diags
        .into_iter()
        .map(|d| format!("{} {} {}\n", d.code, d.place, d.message))
        .collect()
}

/// Expected against actual, line by line: `-` expected but missing, `+`
/// found but not expected.
fn diff(expected: &str, got: &str) -> String {
    let mut out = String::new();
    for line in expected.lines().filter(|l| !got.lines().any(|g| g == *l)) {
        writeln!(out, "    - {line}").unwrap();
    }
    for line in got.lines().filter(|l| !expected.lines().any(|e| e == *l)) {
        writeln!(out, "    + {line}").unwrap();
    }
    if out.is_empty() {
        out.push_str("    (same lines, other order or count)\n");
    }
    out
}

/// Check one case; `Err` says what is wrong.
fn check_case(code: &str, fires: bool, case: &Path) -> Result<(), String> {
    let files = case_files(case);
    if files.iter().all(|(n, _)| n == "base.yaml") {
        return Err("no case file (*.yaml)".into());
    }
    let diags = lint_files(code, &files)?;
    let got = lines(diags.iter().filter(|d| d.code == code));
    if !fires {
        if got.is_empty() {
            return Ok(());
        }
        return Err(format!("must give no {code} finding, gives:\n{got}"));
    }
    let path = case.join("expected.txt");
    if std::env::var("GUIFAN_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected.trim().is_empty() {
        return Err(format!(
            "a `fires` case needs an expected.txt that lists its findings; it gives:\n{got}"
        ));
    }
    if got != expected {
        return Err(format!(
            "expected.txt differs from the findings:\n{}  all {code} findings:\n{got}",
            diff(&expected, &got)
        ));
    }
    Ok(())
}

#[test]
fn every_lint_case() {
    let mut failures = Vec::new();
    let mut count = 0;
    for rule_dir in subdirs(&lints_dir()) {
        let code = name(&rule_dir);
        if lint::rule(&code).is_none_or(|r| r.code != code) {
            failures.push(format!("{code}: not the code of a lint rule"));
            continue;
        }
        for group in subdirs(&rule_dir) {
            let fires = match name(&group).as_str() {
                "fires" => true,
                "passes" => false,
                other => {
                    failures.push(format!("{code}/{other}: neither `fires` nor `passes`"));
                    continue;
                }
            };
            for case in subdirs(&group) {
                count += 1;
                if let Err(why) = check_case(&code, fires, &case) {
                    let rel = case.strip_prefix(root()).unwrap().display().to_string();
                    failures.push(format!("{rel}: {why}"));
                }
            }
        }
    }
    assert!(count >= 40, "only {count} lint cases");
    assert!(
        failures.is_empty(),
        "{} of {count} lint cases fail:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_cases_both_ways_and_is_documented() {
    for rule in lint::rules::ALL {
        assert_documented(rule.code, rule.name, rule.doc);
        for group in ["fires", "passes"] {
            let cases = subdirs(&lints_dir().join(rule.code).join(group));
            assert!(
                !cases.is_empty(),
                "{}: no case in tests/fixtures/lints/{}/{group}/",
                rule.code,
                rule.code
            );
        }
    }
}

/// The yaml block that follows the line `label` in `doc`.
fn example<'a>(code: &str, doc: &'a str, label: &str) -> &'a str {
    let section = &doc[doc
        .find("\n## Example")
        .unwrap_or_else(|| panic!("{code}: no ## Example"))..];
    assert_eq!(
        section.matches(&format!("\n{label}\n")).count(),
        1,
        "{code}: `## Example` needs exactly one line `{label}`"
    );
    let after = &section[section.find(&format!("\n{label}\n")).unwrap() + label.len() + 2..];
    let body = after
        .strip_prefix("```yaml\n")
        .unwrap_or_else(|| panic!("{code}: `{label}` must be followed by a ```yaml block"));
    &body[..body
        .find("\n```")
        .unwrap_or_else(|| panic!("{code}: unclosed block after `{label}`"))
        + 1]
}

#[test]
fn every_documented_example_runs() {
    let mut failures = Vec::new();
    for rule in lint::rules::ALL {
        let code = rule.code;
        let failing = example(code, rule.doc, "Failing example:");
        let passing = example(code, rule.doc, "Passing example:");
        let run = |text: &str| lint_files(code, &[("example.yaml".into(), text.into())]);
        match run(failing) {
            Err(e) => failures.push(format!("{code} failing example: {e}")),
            Ok(diags) => {
                let unnamed = diags.iter().any(|d| !failing.contains(d.code));
                if !diags.iter().any(|d| d.code == code) || unnamed {
                    failures.push(format!(
                        "{code} failing example must give {code}, and name every rule it gives; it gives:\n{}",
                        lines(&diags)
                    ));
                }
            }
        }
        match run(passing) {
            Err(e) => failures.push(format!("{code} passing example: {e}")),
            Ok(diags) if !diags.is_empty() => failures.push(format!(
                "{code} passing example must give no finding, gives:\n{}",
                lines(&diags)
            )),
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fixture spec (`tests/test_site/spec/`) gives these findings on purpose.
#[test]
fn findings_of_the_test_site_are_pinned() {
    let (spec, diags) = guifan::spec::open(&test_site()).unwrap();
    assert!(diags.is_empty(), "{}", lines(&diags));
    let findings = lines(&lint::run(&spec, &LintConfig::default()));
    insta::assert_snapshot!(findings);
}
