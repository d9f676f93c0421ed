//! The command-line contract: exit codes, formats, colour, `explain`,
//! `export`, as a user or a script sees them.

mod common;

use common::*;

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/invalid")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn bundled_spec_checks_clean() {
    let spec = bundled_spec();
    let out = guifan(&["check", "-s", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(!text.contains("error["), "{text}");
}

#[test]
fn errors_exit_1_usage_and_io_errors_exit_2() {
    let out = guifan(&["check", "-s", &fixture("e003-step-ownr")]);
    assert_eq!(out.status.code(), Some(1));

    let out = guifan(&["check", "-s", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));

    let out = guifan(&["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = guifan(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_command_has_help() {
    let out = guifan(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for command in ["check", "explain", "export", "schema", "rules"] {
        assert!(help.contains(command), "{command} missing from --help");
        let out = guifan(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command} --help");
        assert!(stdout(&out).contains("--spec"), "{command} lacks --spec");
    }
}

#[test]
fn human_output_has_no_colour_when_piped_even_without_no_color() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(["check", "-s", &fixture("e003-step-ownr")])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}'),
        "ANSI escapes in piped output: {text:?}"
    );
    assert!(text.contains("error[E003]: unknown field `ownr`"));
    assert!(text.contains("--> spec.yaml:16:9"));
    assert!(text.contains("help: did you mean `owner`?"));
}

#[test]
fn json_format_lists_diagnostics_and_a_summary() {
    let out = guifan(&[
        "check",
        "-s",
        &fixture("e004-role-in-two-files"),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diag = &report["diagnostics"][0];
    assert_eq!(diag["code"], "E004");
    assert_eq!(diag["severity"], "error");
    assert_eq!(diag["file"], "b.yaml");
    assert_eq!(diag["line"], 4);
    assert_eq!(diag["col"], 9);
    assert_eq!(diag["related"][0]["file"], "a.yaml");
    assert_eq!(diag["related"][0]["message"], "first defined here");
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn explain_prints_the_code_documentation() {
    let out = guifan(&["explain", "E003"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("# E003 unknown-field"), "{text}");
    assert!(text.contains("## Why it matters"));
    assert_eq!(stdout(&guifan(&["explain", "e003"])), text);
    let out = guifan(&["explain", "X999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("known codes: E001"));
}

#[test]
fn every_code_is_documented_with_an_example() {
    for code in guifan::diag::codes::STRUCTURAL {
        assert_documented(code.code, code.name, code.doc);
    }
}

#[test]
fn export_refuses_a_broken_spec() {
    let out = guifan(&["export", "-s", &fixture("e005-unknown-owner")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("E005"));
}

#[test]
fn export_gives_every_limit_with_its_normalised_duration() {
    let spec = bundled_spec();
    let out = guifan(&["export", "-s", spec.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "standards",
        "roles",
        "flows",
        "limits",
        "checklists",
        "scripts",
        "records",
        "terms",
    ] {
        let items = model[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} missing"));
        assert!(!items.is_empty(), "no {key} in the bundled spec");
    }
    let seeds: Vec<&str> = model["standards"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["seed"].as_str())
        .collect();
    for seed in [
        "000_8152028feef732c4.txt",
        "001_b52da804ab1c13b9.txt",
        "002_728a6f8a6a92bc81.txt",
        "003_0bfd18a641f6e2d1.txt",
        "004_be153a3ba709e634.txt",
    ] {
        assert!(seeds.contains(&seed), "no standard encodes {seed}");
    }
    for limit in model["limits"].as_array().unwrap() {
        let id = &limit["id"];
        assert!(
            limit["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{id}: no text"
        );
        assert!(limit["source"]["standard"].is_string(), "{id}: no source");
        let kind = limit["kind"].as_str().unwrap();
        if !matches!(kind, "vague" | "anchor") {
            let d = &limit["normalised"];
            let amount = d["amount"].as_str().and_then(|a| a.parse::<f64>().ok());
            assert!(amount.is_some_and(|a| a > 0.0), "{id}: {d}");
            assert!(d["unit"].is_string(), "{id}: {d}");
        }
    }
}

#[test]
fn the_documented_example_durations_normalise() {
    let spec = bundled_spec();
    let out = guifan(&["export", "-s", spec.to_str().unwrap()]);
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let limits = model["limits"].as_array().unwrap();
    // The seed README's plain-text rows of the complaint table.
    let find = |text: &str, unit: &str, amount: &str| {
        limits.iter().any(|l| {
            let n = &l["normalised"];
            l["text"] == text && n["unit"] == unit && n["amount"] == amount
        })
    };
    assert!(find("2小时", "hours", "2"));
    assert!(find("0.5个工作日", "working_days", "0.5"));
    assert!(find("2个工作日", "working_days", "2"));
}

#[test]
fn lint_levels_follow_config_and_flags() {
    let spec = bundled_spec();
    let spec = spec.to_str().unwrap();
    // Warnings alone exit 0; `--deny warnings` makes them fail the run.
    assert_eq!(guifan(&["check", "-s", spec]).status.code(), Some(0));
    let denied = guifan(&["check", "-s", spec, "--deny", "warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(stdout(&denied).contains("error[SLA001]"));
    // --select runs only the named rules; --ignore drops them.
    let selected = stdout(&guifan(&[
        "check", "-s", spec, "--select", "SLA001", "--format", "json",
    ]));
    let report: serde_json::Value = serde_json::from_str(&selected).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| *c == "SLA001"),
        "{codes:?}"
    );
    let ignored = stdout(&guifan(&["check", "-s", spec, "--ignore", "SLA0"]));
    assert_eq!(ignored.trim(), "no problems found");
    let bad = guifan(&["check", "-s", spec, "--select", "SLA01x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown rule `SLA01x`"));
}

#[test]
fn config_file_sets_levels() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spec.yaml"),
        "limits:\n  - { id: a, title: 甲, metric: m, duration: 及时 }\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let out = guifan(&["check", "-s", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("warning[SLA007]"));
    std::fs::write(
        dir.path().join("guifan.toml"),
        "[lint]\nSLA007 = \"error\"\nSLA009 = \"allow\"\n",
    )
    .unwrap();
    let out = guifan(&["check", "-s", path]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error[SLA007]") && !text.contains("SLA009"),
        "{text}"
    );
    let rules = stdout(&guifan(&["rules", "-s", path]));
    assert!(
        rules
            .lines()
            .any(|l| l.starts_with("SLA007") && l.contains("error")),
        "{rules}"
    );
    std::fs::write(
        dir.path().join("guifan.toml"),
        "[lint]\nSLA077 = \"error\"\n",
    )
    .unwrap();
    let out = guifan(&["check", "-s", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `SLA007`?"));
}

#[test]
fn explain_covers_lint_rules() {
    let text = stdout(&guifan(&["explain", "SLA003"]));
    assert!(text.starts_with("# SLA003 steps-exceed-total"), "{text}");
}
