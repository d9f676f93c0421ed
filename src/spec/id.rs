//! Ids become file names of the site (`roles/<id>.html`), so they are held
//! to a rule that is safe on every file system and in every URL.

/// Longest id accepted.
pub const MAX_LEN: usize = 64;

/// [`problem`]'s rule as a regular expression (ECMA 262, for the JSON
/// Schema): a test requires the two to agree.
pub const PATTERN: &str =
    r"^(?!(con|prn|aux|nul|index|com[0-9]|lpt[0-9])$)[a-z0-9][a-z0-9_-]{0,63}$";

/// Why an id is unsafe, or `None` when it is fine: lower-case ASCII letters,
/// digits, `-` and `_`, starting with a letter or digit, at most 64 chars.
/// This excludes `/`, `\`, `..`, white space, upper case (file systems that
/// ignore case would merge two ids) and reserved device names.
pub fn problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("the id is empty".to_owned());
    }
    if id.chars().count() > MAX_LEN {
        return Some(format!("the id is longer than {MAX_LEN} characters"));
    }
    if let Some(c) = id
        .chars()
        .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
    {
        let what = match c {
            '/' | '\\' => "a path separator".to_owned(),
            '.' => "a dot".to_owned(),
            c if c.is_ascii_uppercase() => "an upper-case letter".to_owned(),
            c if c.is_whitespace() => "white space".to_owned(),
            c => format!("the character `{c}`"),
        };
        return Some(format!("the id contains {what}"));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("the id must start with a letter or digit".to_owned());
    }
    if reserved(id) {
        return Some(format!("`{id}` is a reserved file name"));
    }
    None
}

/// Device names Windows reserves (`con`, `com1`…`com9`, `lpt0`…: any
/// extension too, so `roles/com2.html` cannot be created), and `index`,
/// which every folder of the site uses for its list.
fn reserved(id: &str) -> bool {
    const NAMES: &[&str] = &["con", "prn", "aux", "nul", "index"];
    let numbered = ["com", "lpt"].iter().any(|stem| {
        id.strip_prefix(stem)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    });
    NAMES.contains(&id) || numbered
}

/// A safe spelling to suggest for an unsafe id.
pub fn suggestion(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "item-1".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids_pass() {
        for id in ["cmcc-sort-important", "e2e_limit", "4-2", "a"] {
            assert_eq!(problem(id), None, "{id}");
        }
    }

    #[test]
    fn unsafe_ids_are_named() {
        assert_eq!(problem("../etc/passwd").unwrap(), "the id contains a dot");
        assert_eq!(problem("a/b").unwrap(), "the id contains a path separator");
        assert_eq!(
            problem("Role").unwrap(),
            "the id contains an upper-case letter"
        );
        assert_eq!(
            problem("客服").unwrap(),
            "the id contains the character `客`"
        );
        assert_eq!(
            problem("-x").unwrap(),
            "the id must start with a letter or digit"
        );
        assert_eq!(problem("con").unwrap(), "`con` is a reserved file name");
        for id in ["com2", "com9", "lpt0", "lpt5", "nul", "index"] {
            assert!(problem(id).is_some(), "{id}");
        }
        assert_eq!(problem("com10"), None);
        assert_eq!(
            problem(&"a".repeat(65)).unwrap(),
            "the id is longer than 64 characters"
        );
        assert_eq!(suggestion("../Etc/Passwd"), "etc-passwd");
    }
}
