//! The text of the spec files, kept so that diagnostics can quote them.

use std::collections::HashMap;

/// One loaded file: its path relative to the spec folder and its text
/// (lossily decoded when it was not UTF-8, so the bad line can still be shown).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text
            .split('\n')
            .nth(index)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// All files of a spec, by relative path.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    by_path: HashMap<String, usize>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) {
        self.by_path.insert(file.path.clone(), self.files.len());
        self.files.push(file);
    }

    pub fn get(&self, path: &str) -> Option<&SourceFile> {
        self.by_path.get(path).map(|&i| &self.files[i])
    }

    /// The files in the order they were added (sorted by path when loaded).
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}
