//! Paths as guifan compares them: absolute, without `.` or `..` parts, and
//! without touching the file system (a symlinked folder keeps the name it
//! was given, and a file that does not exist yet still has a path).

use std::path::{Component, Path, PathBuf};

/// `path` made absolute (from the current folder) with `.` and `..` resolved
/// by name.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let full = std::path::absolute(path)?;
    let mut clean = PathBuf::new();
    for part in full.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    Ok(clean)
}

/// `path` relative to `root`, `/`-separated (empty when they are the same
/// folder), or `None` when it is not inside. Neither needs to exist.
pub fn relative(path: &Path, root: &Path) -> Option<String> {
    let path = absolute(path).ok()?;
    let root = absolute(root).ok()?;
    let rel = path.strip_prefix(&root).ok()?;
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_resolve_by_name() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(absolute(Path::new("a/./b/../c")).unwrap(), here.join("a/c"));
        assert_eq!(
            relative(Path::new("spec/x/../y.yaml"), Path::new("spec")).unwrap(),
            "y.yaml"
        );
        assert_eq!(
            relative(Path::new("spec"), Path::new("./spec")).unwrap(),
            ""
        );
        assert_eq!(relative(Path::new("other"), Path::new("spec")), None);
    }
}
