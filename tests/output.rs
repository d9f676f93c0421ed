//! Nothing is lost: a build killed at any moment leaves a complete site
//! (the old one or the new one) and nothing that the next build does not
//! clear away; two builds into one folder run one after the other.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::site::{build, stderr, walk};
use common::{guifan, test_site};

/// Every file of a site, relative to it.
fn files(dir: &Path) -> BTreeSet<String> {
    walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The names beside the output folder.
fn beside(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let built = build(&test_site(), &site, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let whole = files(&site);
    // Kill builds after delays spread over a build's length (a fixed
    // sequence, so that a failure can be replayed).
    let mut delay: u64 = 7;
    for round in 0..30 {
        delay = (delay * 37 + 11) % 400;
        let mut child = Command::new(env!("CARGO_BIN_EXE_guifan"))
            .args([
                "-s",
                test_site().to_str().unwrap(),
                "build",
                "--quiet",
                "-o",
            ])
            .arg(&site)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(
            files(&site),
            whole,
            "round {round}: killed after {delay} ms, the site is not whole"
        );
    }
    let built = build(&test_site(), &site, &["--quiet"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let expected: BTreeSet<String> = ["site", ".site.guifan-lock"].map(str::to_owned).into();
    assert_eq!(
        beside(dir.path()),
        expected,
        "leftovers of killed builds remain"
    );
}

#[test]
fn two_builds_into_one_folder_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let spec = test_site();
    let start = || {
        Command::new(env!("CARGO_BIN_EXE_guifan"))
            .args(["-s", spec.to_str().unwrap(), "build", "--quiet", "-o"])
            .arg(&site)
            .spawn()
            .unwrap()
    };
    for _ in 0..5 {
        let (mut a, mut b) = (start(), start());
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        assert!(site.join("index.html").is_file());
    }
}

#[test]
fn dot_in_an_empty_folder_builds_there() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args([
            "-s",
            test_site().to_str().unwrap(),
            "build",
            "--quiet",
            "-o",
            ".",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("index.html").is_file());
}

/// A one-file output is created as any new file is (0666 less the umask),
/// not with a temporary file's private 0600: others may read an export.
#[cfg(unix)]
#[test]
fn one_file_outputs_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("model.json");
    let run = guifan(&[
        "export",
        "-s",
        test_site().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), mode(&plain));
}
