//! `guifan init`: start a new spec from a small one that checks clean, so a
//! new user edits something that works rather than a blank page.

use std::path::Path;

/// The starter files, by name. The schema is written from the binary, so
/// editors complete the fields of this very version.
const STARTER: [(&str, &str); 3] = [
    ("guifan.toml", include_str!("starter/guifan.toml")),
    ("standard.yaml", include_str!("starter/standard.yaml")),
    ("flows.yaml", include_str!("starter/flows.yaml")),
];

/// Write a starter spec into `dir`, which must be empty or not exist yet.
pub fn run(dir: &Path) -> Result<String, String> {
    let in_use = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if in_use {
        return Err(format!(
            "`{}` is not empty; guifan init writes a new spec into an empty or new folder",
            dir.display()
        ));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(format!("`{}` is a file, not a folder", dir.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let schema = crate::schema::to_json();
    let files = STARTER
        .iter()
        .copied()
        .chain([("guifan.schema.json", schema.as_str())]);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(format!(
        "wrote a starter spec to {0}; next: `guifan check -s {0}`, then `guifan build -s {0}`",
        dir.display()
    ))
}
