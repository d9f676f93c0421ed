//! Every malformed spec under `tests/fixtures/invalid/` must give exactly the
//! diagnostics its `expected.txt` lists (code and `file:line:col`), render
//! as its insta snapshot, and never crash the binary in any format.

mod common;

use common::*;
use guifan::diag;

fn diagnostics(dir: &std::path::Path) -> (guifan::spec::Spec, Vec<diag::Diagnostic>) {
    guifan::spec::open(dir).expect("fixture folder loads")
}

#[test]
fn each_fixture_gives_exactly_its_expected_diagnostics() {
    let fixtures = invalid_fixtures();
    assert!(fixtures.len() >= 30, "only {} fixtures", fixtures.len());
    let mut failures = Vec::new();
    for dir in &fixtures {
        let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
        let (_, diags) = diagnostics(dir);
        let got: String = diags
            .iter()
            .map(|d| format!("{} {}\n", d.code, d.place))
            .collect();
        if got != expected {
            failures.push(format!(
                "{}:\n expected:\n{expected} got:\n{got}",
                name(dir)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixture_names_say_the_code_they_expect() {
    for dir in invalid_fixtures() {
        let code = name(&dir)[..4].to_uppercase();
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        assert!(
            expected.lines().any(|l| l.starts_with(&code)),
            "{} does not produce {code}",
            name(&dir)
        );
    }
}

#[test]
fn human_output_snapshots() {
    for dir in invalid_fixtures() {
        let (spec, diags) = diagnostics(&dir);
        let text = diag::human::render(&diags, &spec.sources, false);
        insta::assert_snapshot!(name(&dir), text);
    }
}

#[test]
fn json_output_snapshot() {
    let dir = root().join("tests/fixtures/invalid/e004-role-in-two-files");
    let (_, diags) = diagnostics(&dir);
    insta::assert_snapshot!(diag::json::render(&diags));
}

#[test]
fn no_fixture_crashes_the_binary_in_any_format() {
    for dir in invalid_fixtures() {
        for format in ["human", "json", "sarif"] {
            let out = guifan(&["check", "-s", dir.to_str().unwrap(), "--format", format]);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{} --format {format}: {}",
                name(&dir),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = "# padding\n".repeat((guifan::spec::load::MAX_FILE_BYTES / 10 + 1) as usize);
    std::fs::write(dir.path().join("big.yaml"), big).unwrap();
    let (_, diags) = diagnostics(dir.path());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "E010");
    assert_eq!(diags[0].place.to_string(), "big.yaml:1:1");
    assert!(
        diags[0]
            .message
            .starts_with("file is too large: 2097160 bytes"),
        "{}",
        diags[0].message
    );
}

#[test]
fn deep_nesting_far_past_the_limit_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let yaml = format!(
        "limits:\n  - id: x\n    title: t\n    metric: m\n    duration: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(dir.path().join("deep.yaml"), yaml).unwrap();
    let (_, diags) = diagnostics(dir.path());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "E010");
    assert!(
        diags[0].message.contains("nesting is deeper"),
        "{}",
        diags[0].message
    );
}

/// Long chains once took cubic time (a 4,000-role `parent:` chain, 65 s)
/// or overflowed the stack (10,000 nested sub-flows). Now a chain and a
/// loop of 5,000 roles and a chain of 5,000 sub-flows give exactly their
/// findings: one E007 for the loop and nothing else (benches/chains.sh
/// times chains of 100,000).
#[test]
fn long_chains_and_loops_give_exactly_their_findings() {
    let n = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, section: &str, items: Vec<String>| {
        for (k, part) in items.chunks(5_000).enumerate() {
            let text = format!("{section}:\n{}\n", part.join("\n"));
            std::fs::write(dir.path().join(format!("{name}-{k}.yaml")), text).unwrap();
        }
    };
    let chain = (0..n).map(|i| {
        let parent = if i > 0 {
            format!(", parent: r{}", i - 1)
        } else {
            String::new()
        };
        format!("  - {{ id: r{i}, title: 岗{i}{parent} }}")
    });
    write("chain", "roles", chain.collect());
    let ring =
        (0..n).map(|i| format!("  - {{ id: c{i}, title: 环{i}, parent: c{} }}", (i + 1) % n));
    write("ring", "roles", ring.collect());
    let flows = (0..n).map(|i| {
        let sub = if i + 1 < n { format!("subflow: f{}", i + 1) } else { "action: 办结".into() };
        format!("  - {{ id: f{i}, title: 流程{i}, owner: r0, steps: [{{ id: s, title: 步骤, {sub} }}] }}")
    });
    write("flows", "flows", flows.collect());
    let (_, diags) = diagnostics(dir.path());
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E007"], "{diags:#?}");
    assert!(diags[0].message.contains("c0"), "{}", diags[0].message);
}
