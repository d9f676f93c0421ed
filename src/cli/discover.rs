//! Which spec folder a command reads when `-s` is not given.
//!
//! In order: `-s DIR`; the `GUIFAN_SPEC` environment variable (clap reads
//! both into one field); then, from the current folder upward, the first
//! folder that holds `guifan.toml`, or whose `spec/` does, or that has a
//! `spec/` folder; else `spec`, which the command then reports missing.
//! So a command run anywhere inside a spec, or inside a project that keeps
//! its spec in `spec/`, finds it.

use std::path::{Path, PathBuf};

/// How the spec folder was found, for `-v`.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    Given,
    Upward,
    Default,
}

/// The spec folder: `given` if any, else the nearest one from `cwd` upward.
pub fn spec_folder(given: Option<&Path>, cwd: &Path) -> (PathBuf, Found) {
    if let Some(dir) = given {
        return (dir.to_owned(), Found::Given);
    }
    for dir in cwd.ancestors() {
        if dir.join("guifan.toml").is_file() {
            return (dir.to_owned(), Found::Upward);
        }
        let spec = dir.join("spec");
        if spec.is_dir() {
            return (spec, Found::Upward);
        }
    }
    (PathBuf::from("spec"), Found::Default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_spec_wins() {
        let project = tempfile::tempdir().unwrap();
        let spec = project.path().join("spec");
        std::fs::create_dir_all(spec.join("cmcc/complaints")).unwrap();
        std::fs::write(spec.join("guifan.toml"), "").unwrap();
        // From the project, from the spec and from deep inside it.
        for cwd in [
            project.path().to_owned(),
            spec.clone(),
            spec.join("cmcc/complaints"),
        ] {
            assert_eq!(
                spec_folder(None, &cwd),
                (spec.clone(), Found::Upward),
                "{cwd:?}"
            );
        }
        // A spec without guifan.toml is found as its parent's `spec/`.
        std::fs::remove_file(spec.join("guifan.toml")).unwrap();
        for cwd in [project.path().to_owned(), spec.join("cmcc/complaints")] {
            assert_eq!(spec_folder(None, &cwd).0, spec, "{cwd:?}");
        }
        let given = Path::new("elsewhere");
        assert_eq!(
            spec_folder(Some(given), &spec),
            (given.to_owned(), Found::Given)
        );
    }
}
