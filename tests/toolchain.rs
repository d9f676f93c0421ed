//! guifan among other tools: the CI formats (GitHub annotations, GitLab Code
//! Quality, JUnit, SARIF that GitHub accepts), `-o`, checking some files or
//! standard input, finding the spec from a subfolder, `--color`, `-q`/`-v`,
//! `init`, completions, the man page and `rules --format json`.

mod common;

use std::process::{Command, Output, Stdio};

use common::*;

/// The test site's findings as `check --format json` gives them.
fn json_findings() -> Vec<serde_json::Value> {
    let out = guifan(&[
        "check",
        "-s",
        test_site().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

/// `check` of the test site in `format`, files named from the repository root.
fn check_as(format: &str) -> String {
    let site = test_site();
    let out = guifan(&[
        "check",
        "-s",
        site.to_str().unwrap(),
        "--format",
        format,
        "--repo-root",
        root().to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let findings = json_findings();
    let text = check_as("github");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len());
    for (line, finding) in lines.iter().zip(&findings) {
        let expected = format!(
            "::warning file=tests/test_site/spec/{},line={},col={},",
            finding["file"].as_str().unwrap(),
            finding["line"],
            finding["col"]
        );
        assert!(line.starts_with(&expected), "{line}\nexpected {expected}");
        assert!(line.contains(&format!("title={} ", finding["code"].as_str().unwrap())));
        assert!(!line.contains('\n'));
    }
}

#[test]
fn gitlab_code_quality_has_unique_fingerprints() {
    let findings = json_findings();
    let issues: Vec<serde_json::Value> = serde_json::from_str(&check_as("gitlab")).unwrap();
    assert_eq!(issues.len(), findings.len());
    let mut prints = std::collections::HashSet::new();
    for (issue, finding) in issues.iter().zip(&findings) {
        assert_eq!(issue["check_name"], finding["code"]);
        assert_eq!(issue["severity"], "minor");
        assert_eq!(issue["location"]["lines"]["begin"], finding["line"]);
        let path = issue["location"]["path"].as_str().unwrap();
        assert_eq!(
            path,
            format!("tests/test_site/spec/{}", finding["file"].as_str().unwrap())
        );
        assert!(prints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
    }
}

#[test]
fn junit_has_a_failed_case_per_finding_and_a_passing_case_when_clean() {
    use quick_xml::events::Event;
    let count = |xml: &str, tag: &str| {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut n = 0;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) if e.name().0 == tag => n += 1,
                Event::Eof => return n,
                _ => {}
            }
        }
    };
    let findings = json_findings();
    let xml = check_as("junit");
    assert_eq!(count(&xml, "testcase"), findings.len());
    assert_eq!(count(&xml, "failure"), findings.len());
    assert!(
        xml.contains(r#"<testsuite name="tests/test_site/spec/hotline/flows.yaml""#),
        "{xml}"
    );

    let clean = tempfile::tempdir().unwrap();
    std::fs::write(
        clean.path().join("a.yaml"),
        "roles:\n  - { id: cs, title: 客服 }\n",
    )
    .unwrap();
    let out = guifan(&[
        "check",
        "-s",
        clean.path().to_str().unwrap(),
        "--format",
        "junit",
    ]);
    let xml = stdout(&out);
    assert_eq!(
        (count(&xml, "testcase"), count(&xml, "failure")),
        (1, 0),
        "{xml}"
    );
}

#[test]
fn sarif_carries_rule_docs_regions_fingerprints_and_the_spec_root() {
    let log: serde_json::Value = serde_json::from_str(&check_as("sarif")).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["SPECROOT"]["uri"],
        "tests/test_site/spec/"
    );
    assert_eq!(run["automationDetails"]["id"], "guifan/check/");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(full.len() > 20 && !full.contains('\n'), "{id}: {full}");
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.starts_with(&format!("# {id} ")), "{id}");
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/{id}.md"))
        );
    }
    for result in run["results"].as_array().unwrap() {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["endLine"], region["startLine"]);
        assert!(
            region["endColumn"].as_i64() > region["startColumn"].as_i64(),
            "{region}"
        );
        assert!(result["partialFingerprints"]["guifan/v1"].is_string());
    }
}

/// Fingerprints name what a finding is, not where: a line added above
/// leaves them as they were.
#[test]
fn fingerprints_survive_a_line_added_above() {
    let prints = |spec: &std::path::Path| {
        let out = guifan(&["check", "-s", spec.to_str().unwrap(), "--format", "sarif"]);
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap().clone();
        let mut pairs: Vec<(String, i64)> = results
            .iter()
            .map(|r| {
                let line = r["locations"][0]["physicalLocation"]["region"]["startLine"].as_i64();
                (
                    r["partialFingerprints"]["guifan/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    line.unwrap(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    };
    let (_keep, copy) = common::site::spec_copy(&test_site());
    let before = prints(&copy);
    let flows = copy.join("hotline/flows.yaml");
    let text = std::fs::read_to_string(&flows).unwrap();
    std::fs::write(&flows, format!("# a new first line\n{text}")).unwrap();
    let after = prints(&copy);
    let names = |p: &[(String, i64)]| p.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after));
    assert_ne!(before, after, "the lines moved");
}

#[test]
#[ignore = "needs tests/browser/node_modules (@microsoft/sarif-multitool; .ci/run installs it)"]
fn microsofts_sarif_validator_with_githubs_rules_finds_nothing() {
    let tool =
        root().join("tests/browser/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    assert!(
        tool.is_file(),
        "{} is missing: run `npm ci --prefix tests/browser`",
        tool.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("check.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, check_as("sarif")).unwrap();
    let run = Command::new(&tool)
        .args([
            "validate",
            "--rule-kind",
            "Gh;Sarif",
            "--log",
            "ForceOverwrite",
            "-o",
        ])
        .arg(&output)
        .arg(&input)
        .output()
        .expect("the SARIF multitool runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let problems: Vec<String> = (log["runs"][0]["results"].as_array().unwrap().iter())
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn output_file_takes_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    let site = test_site();
    let out = guifan(&[
        "check",
        "-s",
        site.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["summary"]["warnings"], 5);
}

/// The files of the findings `check FILE` reports for `selected`.
fn files_reported(selected: &std::path::Path) -> Vec<String> {
    let site = test_site();
    let args = [
        "check",
        "-s",
        site.to_str().unwrap(),
        selected.to_str().unwrap(),
    ];
    let out = guifan(&[&args[..], &["--format", "json"]].concat());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (report["diagnostics"].as_array().unwrap().iter())
        .map(|d| d["file"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn check_reports_only_the_files_named() {
    let site = test_site();
    let files = files_reported(&site.join("hotline/flows.yaml"));
    assert!(
        !files.is_empty() && files.iter().all(|f| f == "hotline/flows.yaml"),
        "{files:?}"
    );
    // A folder selects what is under it; a file outside the spec is a usage error.
    let files = files_reported(&site.join("field"));
    assert!(files.iter().all(|f| f.starts_with("field/")), "{files:?}");
    let out = guifan(&[
        "check",
        "-s",
        site.to_str().unwrap(),
        root().join("Cargo.toml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not inside the spec folder"));
}

/// An editor checks its unsaved buffer: `check -` reads it in place of the
/// file on disk, with the rest of the spec around it.
#[test]
fn check_reads_a_buffer_from_standard_input() {
    let site = test_site();
    let roles = site.join("hotline/roles.yaml");
    let text =
        std::fs::read_to_string(&roles)
            .unwrap()
            .replacen("title: 省公司", "titel: 省公司", 1);
    let mut child = Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args([
            "check",
            "-s",
            site.to_str().unwrap(),
            "-",
            "--stdin-filename",
            roles.to_str().unwrap(),
        ])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let shown = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("error[E003]: unknown field `titel`"),
        "{shown}"
    );
    assert!(shown.contains("--> hotline/roles.yaml:"), "{shown}");
    assert!(
        !shown.contains("flows.yaml"),
        "only the buffer's findings: {shown}"
    );
    let out = guifan(&["check", "-s", site.to_str().unwrap(), "-"]);
    assert_eq!(out.status.code(), Some(2));
}

fn guifan_in(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guifan"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("GUIFAN_SPEC")
        .env_remove("NO_COLOR");
    command
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

#[test]
fn the_spec_is_found_from_a_subfolder_or_guifan_spec() {
    let expected = stdout(&guifan(&["check", "-s", test_site().to_str().unwrap()]));
    let inside = test_site().join("hotline");
    let out = guifan_in(&inside, &["check", "-v"], &[("NO_COLOR", "1")]);
    assert_eq!(stdout(&out), expected);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("found from the current folder upward") && said.contains("done in"),
        "{said}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let by_env = guifan_in(
        elsewhere.path(),
        &["check"],
        &[("GUIFAN_SPEC", test_site().to_str().unwrap())],
    );
    assert_eq!(stdout(&by_env), expected);
}

#[test]
fn colour_follows_color_and_force_color() {
    let site = test_site();
    let args = ["check", "-s", site.to_str().unwrap()];
    let here = root();
    let escapes = |out: Output| stdout(&out).contains('\u{1b}');
    assert!(!escapes(guifan_in(&here, &args, &[])), "piped: no colour");
    assert!(escapes(guifan_in(
        &here,
        &[&args[..], &["--color", "always"]].concat(),
        &[]
    )));
    assert!(escapes(guifan_in(&here, &args, &[("FORCE_COLOR", "1")])));
    assert!(!escapes(guifan_in(
        &here,
        &[&args[..], &["--color", "never"]].concat(),
        &[("FORCE_COLOR", "1")]
    )));
}

#[test]
fn quiet_prints_findings_only() {
    let site = test_site();
    let out = guifan(&["check", "-q", "-s", site.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("warning[SLA001]") && !text.contains("5 warnings"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("site");
    let out = guifan(&[
        "build",
        "-q",
        "-s",
        site.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty() && out.stdout.is_empty());
}

#[test]
fn init_writes_a_spec_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    let out = guifan(&["init", spec.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = guifan(&["check", "-s", spec.to_str().unwrap()]);
    assert_eq!(stdout(&out), "no problems found\n");
    let schema = std::fs::read_to_string(spec.join("guifan.schema.json")).unwrap();
    assert_eq!(schema, guifan::schema::to_json());
    let first = std::fs::read_to_string(spec.join("flows.yaml")).unwrap();
    assert!(first.starts_with("# yaml-language-server: $schema=guifan.schema.json\n"));
    // Never over an existing spec.
    let again = guifan(&["init", spec.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

#[test]
fn completions_and_the_man_page_cover_every_command() {
    let commands = [
        "check",
        "explain",
        "rules",
        "export",
        "schema",
        "build",
        "serve",
        "init",
        "completions",
        "man",
    ];
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = guifan(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(commands.iter().all(|c| script.contains(c)), "{shell}");
    }
    let man = stdout(&guifan(&["man"]));
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq") || man.contains(".TH guifan"),
        "{}",
        &man[..200]
    );
    for command in commands {
        assert!(
            man.contains(&format!("guifan\\-{command}")) || man.contains(command),
            "{command}"
        );
    }
}

#[test]
fn rules_as_json_list_every_lint_with_its_level() {
    let site = test_site();
    let out = guifan(&["rules", "--format", "json", "-s", site.to_str().unwrap()]);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules.len(), guifan::lint::rules::ALL.len());
    for (rule, lint) in rules.iter().zip(guifan::lint::rules::ALL) {
        assert_eq!(rule["code"], lint.code);
        assert!(["allow", "warning", "error"].contains(&rule["level"].as_str().unwrap()));
        assert!(
            rule["help_uri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("docs/rules/{}.md", lint.code))
        );
    }
}

#[test]
fn check_json_has_a_published_schema_it_satisfies() {
    let schema = guifan::diag::json::schema();
    let committed = std::fs::read_to_string(root().join("docs/check.schema.json")).unwrap();
    assert!(
        committed == schema,
        "docs/check.schema.json is stale: `cargo run -- schema --diagnostics > docs/check.schema.json`"
    );
    let validator = jsonschema::validator_for(&serde_json::from_str(&schema).unwrap()).unwrap();
    for spec in [
        test_site(),
        root().join("tests/fixtures/invalid/e004-role-in-two-files"),
    ] {
        let out = guifan(&["check", "-s", spec.to_str().unwrap(), "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
