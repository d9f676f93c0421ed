//! The diagnostics' message catalogue (`src/diag/messages/`): both languages
//! have the same keys with the same placeholders, every `msg!` in the
//! sources names a key that exists and supplies exactly its placeholders,
//! and messages read as expected in both languages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use guifan::diag::i18n::{Lang, catalogue, placeholders};

fn names(template: &str) -> BTreeSet<&str> {
    placeholders(template).into_iter().collect()
}

#[test]
fn both_languages_have_every_key_with_the_same_placeholders() {
    let en = catalogue(Lang::En);
    let zh = catalogue(Lang::ZhCn);
    let en_keys: BTreeSet<&String> = en.keys().collect();
    let zh_keys: BTreeSet<&String> = zh.keys().collect();
    assert_eq!(en_keys, zh_keys, "the two catalogues differ in keys");
    for (key, template) in en {
        assert_eq!(
            names(template),
            names(&zh[key]),
            "{key}: placeholders differ"
        );
        let words = placeholders(template)
            .iter()
            .map(|p| p.len() + 2)
            .sum::<usize>();
        if words < template.len() {
            assert_ne!(template, &zh[key], "{key}: not translated");
        }
    }
}

/// Every `msg!("KEY", name = …, …)` of `text`: its key and argument names.
fn calls(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("msg!(\"") {
        let rest = &text[start + 6..];
        let key = rest[..rest.find('"').unwrap()].to_owned();
        // The call runs to its matching parenthesis.
        let mut depth = 1;
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        // Arguments at the call's own depth: `, name =`.
        let body = &rest[..end];
        let mut args = BTreeSet::new();
        let mut depth = 0;
        for (i, c) in body.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    let next = body[i + 1..].trim_start();
                    let name: String = (next.chars())
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let after = next[name.len()..].trim_start();
                    if !name.is_empty() && after.starts_with('=') && !after.starts_with("==") {
                        args.insert(name);
                    }
                }
                _ => {}
            }
        }
        found.push((key, args));
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_msg_call_supplies_exactly_the_placeholders_of_its_key() {
    let en = catalogue(Lang::En);
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (key, args) in calls(&text) {
            if file.ends_with("src/diag/i18n.rs") {
                continue; // the macro's own definition and docs
            }
            checked += 1;
            let Some(template) = en.get(&key) else {
                problems.push(format!("{}: unknown key {key}", file.display()));
                continue;
            };
            let wanted: BTreeSet<String> = names(template).into_iter().map(str::to_owned).collect();
            if wanted != args {
                problems.push(format!(
                    "{}: {key} uses {wanted:?}, the call supplies {args:?}",
                    file.display()
                ));
            }
        }
    }
    assert!(checked >= 30, "only {checked} msg! calls found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_lint_rule_has_its_messages_in_both_languages() {
    let zh = catalogue(Lang::ZhCn);
    let mut missing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for rule in guifan::lint::rules::ALL {
        for part in ["message", "help"] {
            if !zh.contains_key(&format!("{}.{part}", rule.code)) {
                missing.entry(rule.code).or_default().push(part);
            }
        }
    }
    // No rule is left in English only.
    let english_only: Vec<&str> = missing.keys().copied().collect();
    assert!(english_only.is_empty(), "{missing:?}");
}

fn fixture(name: &str) -> String {
    root().join(name).to_string_lossy().into_owned()
}

#[test]
fn findings_read_in_both_languages() {
    let spec = fixture("tests/fixtures/typography");
    let zh = stdout(&guifan(&["check", "-s", &spec, "--lang", "zh-CN"]));
    assert_eq!(
        zh,
        "warning[SLA019]: 中文文本中的半角 `,`：`电, 记`
 --> roles.yaml:4:22
  |
4 |     description: 受理来电, 记录工单
  |                          ^ 应为 `，`
  |
  = help: 中文文本使用全角标点：`电，记`

警告：1 个警告（SLA019 ×1）
"
    );
    // GUIFAN_LANG says the same; --lang en overrides it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(["check", "-s", &spec])
        .env("GUIFAN_CACHE_DIR", check_cache())
        .env("NO_COLOR", "1")
        .env("GUIFAN_LANG", "zh-CN")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), zh);
    let en = stdout(&guifan(&["check", "-s", &spec, "--lang", "en"]));
    assert!(en.ends_with("warning: 1 warning (SLA019 ×1)\n"), "{en}");
}

/// `guifan check --lang zh-CN` of a lint case: its output.
fn check_in_chinese(dir: &tempfile::TempDir) -> String {
    stdout(&guifan(&[
        "check",
        "-s",
        dir.path().to_str().unwrap(),
        "--lang",
        "zh-CN",
    ]))
}

/// The lint case `tests/fixtures/lints/CODE/fires/CASE/` beside the lint
/// base, as `tests/lints.rs` runs it.
fn lint_case(code: &str, case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lints = root().join("tests/fixtures/lints");
    std::fs::copy(lints.join("base.yaml"), dir.path().join("base.yaml")).unwrap();
    for entry in std::fs::read_dir(lints.join(code).join("fires").join(case)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn rules_built_from_parts_read_in_both_languages() {
    // SLA012: the level numbers and durations are the spec's, the rest Chinese.
    let dir = lint_case("SLA012", "higher-level-first");
    let spec = dir.path().to_str().unwrap();
    let zh = stdout(&guifan(&["check", "-s", spec, "--lang", "zh-CN"]));
    assert_eq!(
        zh,
        "warning[SLA012]: 步骤 `repair` 的第 2 级升级在 1小时 后触发，早于第 1 级（2小时 后）
  --> case.yaml:15:32
   |
15 |           - { level: 2, after: 1小时, action: 报部门经理, notify: [cs], source: demo#2 }
   |                                ^^^^^ 第 2 级先触发
   |
   = help: 升级应逐级进行：每一级都必须晚于它下面的一级触发
note: 第 1 级：2小时 后
  --> case.yaml:14:32
   |
14 |           - { level: 1, after: 2小时, action: 报班长, notify: [leader], source: demo#2 }
   |                                -----

警告：1 个警告（SLA012 ×1）
"
    );
    let en = stdout(&guifan(&["check", "-s", spec]));
    assert!(
        en.starts_with(
            "warning[SLA012]: level 2 escalation of step `repair` fires after 1小时, before level 1 (after 2小时)\n"
        ),
        "{en}"
    );
    // SLA012's loop: the cycle is the spec's ids, joined the same in both.
    let dir = lint_case("SLA012", "steps-escalate-to-each-other");
    let zh = check_in_chinese(&dir);
    assert!(
        zh.starts_with("warning[SLA012]: `f` 的升级相互指向，形成循环：a → b → a\n"),
        "{zh}"
    );
    assert!(zh.contains("^ 这次升级使循环闭合\n"), "{zh}");

    // SLA013: the related note cites the flow's limit.
    let dir = lint_case("SLA013", "escalation-after-the-flow-total");
    let zh = check_in_chinese(&dir);
    assert_eq!(
        zh,
        "warning[SLA013]: 步骤 `visit` 的升级在 3个工作日 后才触发，此时整个 `install`（2个工作日）已经超时
  --> case.yaml:13:22
   |
13 |           - { after: 3个工作日, action: 报主管督办, notify: [cs], source: demo#2 }
   |                      ^^^^^^^^^ 触发太晚，已挽救不了该流程
   |
   = help: 升级须在事项仍能按时办完时触发：把 `after` 设得比流程的时限短
note: 流程的时限：`total`（demo#1） 规定 2个工作日
  --> case.yaml:2:69
   |
 2 |   - { id: total, title: 装机时限, metric: install.completion, duration: 2个工作日, owner: cs, source: demo#1 }
   |                                                                         ---------

警告：1 个警告（SLA013 ×1）
"
    );

    // SLA005 names the step and the flow in Chinese; SLA006 says what it
    // compared and the clock time a working duration may take.
    let dir = lint_case("SLA005", "sub-flow-longer-than-its-step");
    let zh = check_in_chinese(&dir);
    assert!(
        zh.starts_with(
            "warning[SLA005]: 子流程 `inner` 允许 2个工作日，比包含它的步骤 `a` 的时限 1个工作日 还长\n"
        ),
        "{zh}"
    );
    assert!(
        zh.contains("\nnote: 步骤 `a`：`step`（demo#1） 规定 1个工作日\n"),
        "{zh}"
    );
    let dir = lint_case("SLA006", "two-working-days-against-48-hours");
    let zh = check_in_chinese(&dir);
    assert!(
        zh.starts_with(
            "warning[SLA006]: 无法判定步骤 `setup` 与流程 `install` 的时限孰长孰短：\
             2个工作日（折合自然时间 32小时至4天） 与 48小时 相比，结果取决于何时开始计时\n"
        ),
        "{zh}"
    );
}

#[test]
fn the_test_site_findings_in_chinese_and_json_english_by_default() {
    let spec = test_site();
    let spec = spec.to_str().unwrap();
    let args = [
        "check",
        "-s",
        spec,
        "--select",
        "SLA001,SLA007",
        "--format",
        "json",
    ];
    let english: serde_json::Value = serde_json::from_str(&stdout(&guifan(&args))).unwrap();
    let mut zh_args = args.to_vec();
    zh_args.extend(["--lang", "zh-CN"]);
    let chinese: serde_json::Value = serde_json::from_str(&stdout(&guifan(&zh_args))).unwrap();
    let messages = |report: &serde_json::Value| -> Vec<(String, String)> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["message"].as_str().unwrap().to_owned(),
                    d["help"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (en, zh) = (messages(&english), messages(&chinese));
    assert_eq!(en.len(), 2, "{en:?}");
    assert!(en[0].0.starts_with("conflicting limits on `"), "{en:?}");
    assert!(zh[0].0.contains("的时限相互矛盾：此处为 "), "{zh:?}");
    assert!(
        zh[0].1.starts_with("同一指标、同一适用范围只应有一条时限"),
        "{zh:?}"
    );
    assert!(en[1].0.ends_with(": it cannot be audited"), "{en:?}");
    assert!(zh[1].0.ends_with("，无法考核"), "{zh:?}");
}

#[test]
fn an_unknown_reference_in_both_languages() {
    let spec = fixture("tests/fixtures/invalid/e005-unknown-owner");
    let zh = guifan(&["check", "-s", &spec, "--lang", "zh-CN"]);
    assert_eq!(zh.status.code(), Some(1));
    assert_eq!(
        stdout(&zh),
        "error[E005]: 未知的角色 `cs2`
  --> spec.yaml:16:16
   |
16 |         owner: cs2
   |                ^^^ 没有此编号的角色
   |
   = help: 是否想写 `cs`？

错误：1 个错误（E005 ×1）
"
    );
    let en = stdout(&guifan(&["check", "-s", &spec, "--lang", "en"]));
    assert_eq!(
        en,
        "error[E005]: unknown role `cs2`
  --> spec.yaml:16:16
   |
16 |         owner: cs2
   |                ^^^ no role has this id
   |
   = help: did you mean `cs`?

error: 1 error (E005 ×1)
"
    );
}
