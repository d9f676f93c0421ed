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

    /// The 1-based column just after the token that starts at `place`
    /// (the caret's end), counted in characters; `place.col + 1` when the
    /// file or line is unknown, so a region is never empty.
    pub fn end_column(&self, place: &super::Place) -> u32 {
        let Some(line) = self.get(&place.file).and_then(|f| f.line(place.line)) else {
            return place.col.saturating_add(1);
        };
        let range = token_range(line, place.col);
        let width = line[range].chars().count().max(1);
        place
            .col
            .saturating_add(u32::try_from(width).unwrap_or(u32::MAX))
    }
}

/// Byte range of the token at 1-based character column `col`: a quoted
/// string up to its closing quote, otherwise up to white space or YAML
/// punctuation. An empty line or a column past its end marks the line end.
pub(crate) fn token_range(line: &str, col: u32) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let mut chars = rest.char_indices();
    let end = match chars.next() {
        None => 0,
        Some((_, quote @ ('"' | '\''))) => chars
            .find(|&(_, c)| c == quote)
            .map_or(rest.len(), |(i, c)| i + c.len_utf8()),
        Some(_) => rest
            .char_indices()
            .find(|&(i, c)| {
                c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#') || (c == ':' && i > 0)
            })
            .map_or(rest.len(), |(i, _)| i),
    };
    start..start + end.max(usize::from(!rest.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::token_range;

    #[test]
    fn carets_cover_one_token() {
        let line = "    ownr: 客户服务部";
        assert_eq!(&line[token_range(line, 5)], "ownr");
        assert_eq!(&line[token_range(line, 11)], "客户服务部");
        let quoted = r#"  to: "next step" # x"#;
        assert_eq!(&quoted[token_range(quoted, 7)], "\"next step\"");
        assert_eq!(token_range("", 1), 0..0);
        assert_eq!(token_range("ab", 9), 2..2);
    }
}
