//! Text escaped for markup that outputs write by hand (SVG, Moodle XML,
//! Anki's HTML fields), one rule for all: what is safe in XML is safe in
//! HTML too.

/// `text` escaped for XML or HTML content and attribute values; characters
/// that XML 1.0 forbids (most control characters) are dropped, so a stray
/// one in a spec never makes a file that an importer rejects.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(
            xml("a<b & 'c' \"d\">"),
            "a&lt;b &amp; &apos;c&apos; &quot;d&quot;&gt;"
        );
        assert_eq!(xml("x\u{1}y\tz"), "xy\tz");
    }
}
