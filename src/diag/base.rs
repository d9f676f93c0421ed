//! Where the spec folder sits in its repository. Diagnostics name files
//! relative to the spec folder; CI annotations and code scanning name them
//! from the root of the checkout, so the machine formats need the way
//! between the two.

use std::path::{Component, Path};

/// The path of `spec` from the repository root, `/`-separated and ending in
/// `/` (empty when the spec folder is the root). The root is `root` when
/// given, else the nearest folder upward holding `.git`, else the current
/// folder; a spec outside the root gives its path as written.
pub fn repository_base(spec: &Path, root: Option<&Path>) -> String {
    let root = match root {
        Some(r) => Some(r.to_owned()),
        None => crate::paths::absolute(spec).ok().and_then(|s| {
            (s.ancestors().find(|dir| dir.join(".git").exists()))
                .map(Path::to_path_buf)
                .or_else(|| std::env::current_dir().ok())
        }),
    };
    let rel = root.and_then(|r| crate::paths::relative(spec, &r));
    match rel {
        Some(rel) if rel.is_empty() => rel,
        Some(rel) => rel + "/",
        None => as_base(spec),
    }
}

fn as_base(rel: &Path) -> String {
    let mut base = String::new();
    for part in rel.components() {
        if let Component::Normal(name) = part {
            base.push_str(&name.to_string_lossy());
            base.push('/');
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_is_the_spec_folder_from_the_root() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(repo.path().join(".git")).unwrap();
        let spec = repo.path().join("standards/spec");
        std::fs::create_dir_all(&spec).unwrap();
        assert_eq!(repository_base(&spec, None), "standards/spec/");
        assert_eq!(repository_base(repo.path(), None), "");
        let given = repo.path().join("standards");
        assert_eq!(repository_base(&spec, Some(&given)), "spec/");
        assert_eq!(
            repository_base(&spec.join("../spec/./"), Some(&given)),
            "spec/"
        );
    }
}
