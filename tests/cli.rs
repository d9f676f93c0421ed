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
fn the_test_site_checks_with_its_warnings() {
    let spec = test_site();
    let out = guifan(&["check", "-s", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(!text.contains("error["), "{text}");
    // The 回访 loop of the complaint flow, taken once, overruns both totals.
    for (code, count) in [("SLA001", 1), ("SLA003", 2), ("SLA007", 1), ("SLA010", 1)] {
        assert_eq!(
            text.matches(&format!("warning[{code}]")).count(),
            count,
            "{text}"
        );
    }
    assert!(
        text.ends_with("\nwarning: 5 warnings (SLA003 ×2, SLA001 ×1, SLA007 ×1, SLA010 ×1)\n"),
        "{text}"
    );
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
        .env("GUIFAN_CACHE_DIR", check_cache())
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
fn export_gives_every_item_and_each_limit_normalised() {
    let spec = test_site();
    let out = guifan(&["export", "-s", spec.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = |key: &str| -> Vec<String> {
        model[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} missing"))
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Files in path order, items in file order.
    assert_eq!(ids("standards"), ["field-service", "hotline-service"]);
    assert_eq!(
        ids("flows"),
        [
            "installation",
            "fault-repair",
            "onsite-visit",
            "complaint-handling"
        ]
    );
    assert_eq!(ids("roles").len(), 11);
    assert_eq!(
        ids("scripts"),
        ["visit-call", "hotline-greeting", "complaint-apology"]
    );
    assert_eq!(ids("checklists"), ["onsite-conduct", "call-quality"]);
    assert_eq!(
        ids("records"),
        [
            "construction-confirmation",
            "complaint-ticket",
            "call-recording"
        ]
    );
    assert_eq!(ids("terms").len(), 4);
    let seeds: Vec<&serde_json::Value> = model["standards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["seed"])
        .collect();
    assert_eq!(
        seeds,
        [&serde_json::Value::Null, &"test-site-hotline.txt".into()]
    );

    // Every limit: its text as written, its kind (given or inferred), its
    // normalised duration (none for a vague word or a date), its citation.
    let limits: Vec<String> = model["limits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let d = &l["normalised"];
            let duration = if d.is_null() {
                "-".to_owned()
            } else {
                let amount = d["amount"].as_str().unwrap();
                format!("{amount} {}", d["unit"].as_str().unwrap())
            };
            let s = &l["source"];
            let source = if s.is_null() {
                "-".to_owned()
            } else {
                format!(
                    "{}#{}",
                    s["standard"].as_str().unwrap(),
                    s["clause"].as_str().unwrap()
                )
            };
            format!(
                "{} {} {} {duration} {source}",
                l["id"].as_str().unwrap(),
                l["kind"].as_str().unwrap(),
                l["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        limits,
        [
            "install-visit deadline 24小时 24 hours field-service#第五条",
            "install-visit-remote deadline 48小时 48 hours field-service#第十二条",
            "install-visit-vip deadline 12小时 12 hours field-service#第五条",
            "fault-dispatch deadline 30分钟 30 minutes field-service#第六条",
            "fault-fix deadline 24小时 24 hours field-service#第六条",
            "fault-total deadline 48小时 48 hours field-service#第六条",
            "call-answer response 15秒 15 seconds hotline-service#3.1",
            "complaint-accept deadline 30分钟 30 minutes hotline-service#4.1",
            "complaint-first-response response 2小时 2 hours hotline-service#4.2",
            "handle-urgent deadline 2个工作日 2 working_days hotline-service#4.2",
            "handle-ordinary deadline 5个工作日 5 working_days hotline-service#4.2",
            "table-handle-ordinary deadline 7个工作日 7 working_days hotline-service#附录B",
            "revisit deadline 0.5个工作日 0.5 working_days hotline-service#4.4",
            "complaint-total-urgent deadline 5个工作日 5 working_days hotline-service#4.2",
            "complaint-total-ordinary deadline 10个工作日 10 working_days hotline-service#4.2",
            "major-complaint-report vague 及时 - hotline-service#4.3",
            "recording-check frequency 每季度至少一次 3 months hotline-service#5.1",
            "monthly-report anchor 次月5日前 - hotline-service#5.1",
            "records-3m retention 最近3个月 3 months hotline-service#5.2",
            "voicemail-reply deadline 24小时 24 hours -",
        ]
    );
}

#[test]
fn lint_levels_follow_config_and_flags() {
    let spec = test_site();
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

/// A spec of `n` vague limits (SLA007 each) and one unknown owner (E005),
/// on the lint base.
fn many_findings(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = root().join("tests/fixtures/lints/base.yaml");
    std::fs::copy(base, dir.path().join("base.yaml")).unwrap();
    let mut limits = String::from("limits:\n");
    for i in 0..n {
        limits.push_str(&format!(
            "  - {{ id: l{i}, title: 甲, metric: m{i}, duration: 及时, owner: cs, source: demo#1 }}\n"
        ));
    }
    limits.push_str(
        "  - { id: z, title: 乙, metric: z, duration: 1天, owner: nobody, source: demo#1 }\n",
    );
    std::fs::write(dir.path().join("limits.yaml"), limits).unwrap();
    dir
}

#[test]
fn check_ends_with_a_count_per_code() {
    let dir = many_findings(3);
    let out = guifan(&["check", "-s", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let last = "error[E005]: unknown role `nobody`
 --> limits.yaml:5:56
  |
5 |   - { id: z, title: 乙, metric: z, duration: 1天, owner: nobody, source: demo#1 }
  |                                                          ^^^^^^ no role has this id
  |
  = help: define a role with this id, or correct the reference

";
    let summary = "error: 1 error, 3 warnings (E005 ×1, SLA007 ×3)\n";
    assert!(text.ends_with(&format!("{last}{summary}")), "{text}");
    // -q: the findings alone.
    let quiet = stdout(&guifan(&[
        "check",
        "-q",
        "-s",
        dir.path().to_str().unwrap(),
    ]));
    assert!(quiet.ends_with(last), "{quiet}");
    assert_eq!(quiet.len() + summary.len(), text.len());
}

#[test]
fn thousands_of_findings_are_counted_per_code_beyond_the_first_200() {
    let dir = many_findings(300);
    let spec = dir.path().to_str().unwrap();
    let text = stdout(&guifan(&["check", "-s", spec]));
    // Sorted by place: the E005 on the last line is among those counted.
    assert_eq!(text.matches("warning[SLA007]").count(), 200, "{text}");
    assert_eq!(text.matches("error[E005]").count(), 0);
    let tail = "\n\nnote: 101 more not shown (`--show-all` shows every one):\n  \
        E005 ×1, first at limits.yaml:302:56\n  SLA007 ×100, first at limits.yaml:202:51\n\n\
        error: 1 error, 300 warnings (E005 ×1, SLA007 ×300)\n";
    assert!(text.ends_with(tail), "{}", &text[text.len() - 400..]);
    let all = stdout(&guifan(&["check", "-s", spec, "--show-all"]));
    assert_eq!(all.matches("warning[SLA007]").count(), 300);
    assert_eq!(all.matches("error[E005]").count(), 1);
    assert!(!all.contains("not shown"));
    // Machine formats list every finding.
    let json = stdout(&guifan(&["check", "-s", spec, "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 301);
}

#[test]
fn half_width_punctuation_is_reported_with_its_fix() {
    let spec = root().join("tests/fixtures/typography");
    let spec = spec.to_str().unwrap();
    let text = stdout(&guifan(&["check", "-s", spec]));
    assert_eq!(
        text,
        "warning[SLA019]: half-width `,` in Chinese text: `电, 记`
 --> roles.yaml:4:22
  |
4 |     description: 受理来电, 记录工单
  |                          ^ write `，`
  |
  = help: Chinese text takes full-width punctuation: `电，记`

warning: 1 warning (SLA019 ×1)
"
    );
    let json = stdout(&guifan(&["check", "-s", spec, "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        report["diagnostics"][0]["suggestion"],
        serde_json::json!({"line": 4, "col": 22, "end_col": 24, "replacement": "，"})
    );
    // Off by default: the same spec without its guifan.toml is clean.
    let dir = tempfile::tempdir().unwrap();
    for file in ["base.yaml", "roles.yaml"] {
        std::fs::copy(
            root().join("tests/fixtures/typography").join(file),
            dir.path().join(file),
        )
        .unwrap();
    }
    let plain = stdout(&guifan(&["check", "-s", dir.path().to_str().unwrap()]));
    assert_eq!(plain, "no problems found\n");
    let selected = guifan(&[
        "check",
        "-s",
        dir.path().to_str().unwrap(),
        "--select",
        "SLA019",
    ]);
    assert!(stdout(&selected).ends_with("warning: 1 warning (SLA019 ×1)\n"));
}

/// A rule's or code's kebab-case name (as `guifan rules` lists it) works
/// like its code, in any case; a near miss gets a suggestion.
#[test]
fn explain_takes_rule_names_and_suggests_near_misses() {
    let by_code = stdout(&guifan(&["explain", "SLA001"]));
    assert!(
        by_code.starts_with("# SLA001 conflicting-limits"),
        "{by_code}"
    );
    for name in ["conflicting-limits", "Conflicting-Limits"] {
        let out = guifan(&["explain", name]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert_eq!(stdout(&out), by_code, "{name}");
    }
    let e003 = stdout(&guifan(&["explain", "E003"]));
    assert_eq!(stdout(&guifan(&["explain", "unknown-field"])), e003);
    for (typo, meant) in [
        ("conflicting-limit", "conflicting-limits"),
        ("Vague-Limt", "vague-limit"),
    ] {
        let out = guifan(&["explain", typo]);
        assert_eq!(out.status.code(), Some(2), "{typo}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("did you mean `{meant}`?")),
            "{typo}: {err}"
        );
    }
}

/// `check` run without the tests' cache folder: its cache goes where a
/// user's does, in the spec folder.
fn check_in_place(spec: &std::path::Path, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(["check", "-s", spec.to_str().unwrap()])
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("GUIFAN_CACHE_DIR")
        .output()
        .unwrap()
}

/// A second check of an unchanged spec prints the remembered report, with
/// its exit status; any change to a file or an option makes a new one.
#[test]
fn check_remembers_the_last_report_of_an_unchanged_spec() {
    let spec = tempfile::tempdir().unwrap();
    let broken = root().join("tests/fixtures/invalid/e003-step-ownr/spec.yaml");
    std::fs::copy(broken, spec.path().join("spec.yaml")).unwrap();
    let first = check_in_place(spec.path(), &[]);
    assert_eq!(first.status.code(), Some(1));
    let cache = spec.path().join(".guifan-cache");
    let ignore = std::fs::read_to_string(cache.join(".gitignore")).unwrap();
    assert!(ignore.ends_with("\n*\n"), "{ignore}");
    // Served from the cache: a report edited in it is what is printed.
    let saved = cache.join(concat!("check-", env!("CARGO_PKG_VERSION")));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains(&stdout(&first)), "{text}");
    std::fs::write(&saved, text.replace("error[E003]", "error[CACHED]")).unwrap();
    let second = check_in_place(spec.path(), &[]);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(
        stdout(&second),
        stdout(&first).replace("error[E003]", "error[CACHED]")
    );
    // Not for another format, nor with --no-cache, nor after an edit.
    let json = stdout(&check_in_place(spec.path(), &["--format", "json"]));
    assert!(json.contains(r#""code": "E003""#), "{json}");
    let fresh = check_in_place(spec.path(), &["--no-cache"]);
    assert_eq!(stdout(&fresh), stdout(&first));
    std::fs::write(&saved, text.replace("error[E003]", "error[CACHED]")).unwrap();
    let mut yaml = std::fs::read_to_string(spec.path().join("spec.yaml")).unwrap();
    yaml.push_str("# edited\n");
    std::fs::write(spec.path().join("spec.yaml"), yaml).unwrap();
    let edited = check_in_place(spec.path(), &[]);
    assert_eq!(stdout(&edited), stdout(&first));
}

/// A cache that is not one (truncated, or written by hand) is ignored, and
/// `--no-cache` leaves no folder behind.
#[test]
fn a_broken_cache_is_ignored_and_no_cache_writes_none() {
    let spec = tempfile::tempdir().unwrap();
    let base = root().join("tests/fixtures/lints/base.yaml");
    std::fs::copy(base, spec.path().join("base.yaml")).unwrap();
    let plain = check_in_place(spec.path(), &["--no-cache"]);
    assert!(!spec.path().join(".guifan-cache").exists());
    for junk in ["", "key\n", "key\nmaybe\ntext", "\u{0}\u{1}garbage"] {
        std::fs::create_dir_all(spec.path().join(".guifan-cache")).unwrap();
        std::fs::write(
            spec.path()
                .join(concat!(".guifan-cache/check-", env!("CARGO_PKG_VERSION"))),
            junk,
        )
        .unwrap();
        let out = check_in_place(spec.path(), &[]);
        assert_eq!(out.status.code(), plain.status.code(), "{junk:?}");
        assert_eq!(stdout(&out), stdout(&plain), "{junk:?}");
    }
}
