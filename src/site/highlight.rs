//! The YAML source pages: each spec file highlighted with syntect, one
//! anchored line per source line (`#L12`), so that every item and every
//! finding can link to the exact place it was written.
//!
//! Highlighting emits CSS classes (`hl-…`), not inline colours: the pages
//! stay small and one stylesheet, generated from a syntect theme, colours
//! them all.

use std::fmt::Write;
use std::sync::OnceLock;

use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Loading syntect's syntaxes takes milliseconds; do it once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The stylesheet for the classes `yaml_lines` emits.
pub fn stylesheet() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    // InspiredGitHub: dark text on white, which prints well and keeps contrast.
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|theme| css_for_theme_with_class_style(theme, STYLE).ok())
        .unwrap_or_default()
}

fn open_span(out: &mut String, scope: &Scope) {
    out.push_str("<span class=\"");
    for (i, atom) in scope.build_string().split('.').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "hl-{atom}");
    }
    out.push_str("\">");
}

/// The highlighted HTML of each line of `text`, every line self-contained
/// (spans still open at its end are closed and reopened on the next line),
/// so that each can sit in its own anchored element. Text the highlighter
/// cannot parse is shown plain rather than lost.
pub fn yaml_lines(text: &str) -> Vec<String> {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_extension("yaml")
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    let mut failed = false;
    for line in LinesWithEndings::from(text) {
        let mut html = String::new();
        for scope in stack.as_slice() {
            open_span(&mut html, scope);
        }
        let highlighted = if failed {
            None
        } else {
            state.parse_line(line, set).ok().and_then(|ops| {
                line_tokens_to_classed_spans(line, &ops, STYLE, &mut stack)
                    .ok()
                    .map(|(h, _)| h)
            })
        };
        match highlighted {
            Some(h) => html.push_str(h.trim_end_matches(['\n', '\r'])),
            None => {
                failed = true;
                html.clear();
                html.push_str(&escape(line.trim_end_matches(['\n', '\r'])));
                stack = ScopeStack::new();
            }
        }
        html.push_str(&"</span>".repeat(stack.len()));
        lines.push(html);
    }
    lines
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::yaml_lines;

    #[test]
    fn one_balanced_line_per_source_line() {
        let text = "roles:\n  - id: a # 注释\n    title: \"<b>\"\n    description: |\n      多行\n      文本\n";
        let lines = yaml_lines(text);
        assert_eq!(lines.len(), 6);
        for line in &lines {
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
        assert!(lines[2].contains("&lt;b&gt;"), "{}", lines[2]);
        assert!(lines[1].contains("hl-comment"), "{}", lines[1]);
    }
}
