//! The YAML source pages: each spec file highlighted with syntect, one
//! numbered anchor per line (`#L12`), so that every item and every finding
//! can link to the exact place it was written.
//!
//! syntect's parser names every token's scopes (`entity.name.tag.yaml`,
//! `comment.line.number-sign.yaml`…); we map them to six short classes
//! (key, string, number, comment, punctuation, anchor) instead of emitting
//! syntect's scope classes or running a theme. Scope class lists are longer
//! than most YAML tokens (the pages came out 25–38 times the size of their
//! file), and a theme's selector matching cost as much as the parsing. The
//! colours, in [`stylesheet`], all have WCAG AA contrast on white.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Loading syntect's syntaxes takes milliseconds; do it once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Scope-name prefixes and the class they get, first match wins; with the
/// colour of each class (GitHub's light palette).
const CLASSES: &[(&str, &str, &str)] = &[
    ("comment", "cm", "#57606a"),
    ("entity.name.tag", "k", "#116329"),
    ("string", "s", "#0a3069"),
    ("constant", "n", "#0550ae"),
    ("variable", "v", "#8250df"),
    ("entity.name", "v", "#8250df"),
    ("storage", "v", "#8250df"),
    ("punctuation", "p", "#57606a"),
    ("keyword", "p", "#57606a"),
];

fn class_of(
    scope: Scope,
    cache: &mut HashMap<Scope, Option<&'static str>>,
) -> Option<&'static str> {
    *cache.entry(scope).or_insert_with(|| {
        let name = scope.build_string();
        CLASSES
            .iter()
            .find(|(prefix, _, _)| name.starts_with(prefix))
            .map(|(_, class, _)| *class)
    })
}

/// The stylesheet for the classes [`yaml_html`] emits.
pub fn stylesheet() -> String {
    let mut css = String::new();
    let mut seen = Vec::new();
    for (_, class, colour) in CLASSES {
        if !seen.contains(class) {
            seen.push(*class);
            let _ = writeln!(css, "pre.source .{class} {{ color: {colour}; }}");
        }
    }
    css
}

/// The highlighted HTML of `text` for a `<pre>`, with a numbered anchor
/// (`<a class="ln" id="L12" href="#L12">12</a>`) at the start of each line.
/// Text the highlighter cannot parse is shown plain rather than lost.
pub fn yaml_html(text: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_extension("yaml")
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    // The class in force at each depth of the scope stack: a token takes
    // the class of its innermost classed scope.
    let mut classes: Vec<Option<&'static str>> = Vec::new();
    let mut cache = HashMap::new();
    let mut html = String::with_capacity(text.len() * 3);
    let mut failed = false;
    for (n, line) in LinesWithEndings::from(text).enumerate() {
        let n = n + 1;
        let _ = write!(html, "<a class=\"ln\" id=\"L{n}\" href=\"#L{n}\">{n}</a>");
        let ops = if failed {
            None
        } else {
            state.parse_line(line, set).ok()
        };
        let Some(ops) = ops else {
            failed = true;
            escape_into(&mut html, line);
            continue;
        };
        // Byte ranges of the line with their class; adjacent tokens of one
        // class become one span.
        let mut runs: Vec<(Option<&'static str>, usize, usize)> = Vec::new();
        let mut push = |class: Option<&'static str>, from: usize, to: usize| match runs.last_mut() {
            _ if from >= to => {}
            Some((last, _, end)) if *last == class => *end = to,
            _ => runs.push((class, from, to)),
        };
        let mut at = 0;
        for (i, op) in &ops {
            let i = (*i).min(line.len());
            push(
                classes.last().copied().flatten(),
                at,
                i.min(line.trim_end_matches(['\n', '\r']).len()),
            );
            at = at.max(i);
            let applied = stack.apply_with_hook(op, |basic, _| match basic {
                BasicScopeStackOp::Push(scope) => {
                    // A comment keeps its colour throughout, a string for its
                    // quotes; a key is a string scope with a tag inside.
                    let inherited = classes.last().copied().flatten();
                    let class = match (inherited, class_of(scope, &mut cache)) {
                        (Some("cm"), _) | (Some("s"), Some("p")) => inherited,
                        (_, own) => own.or(inherited),
                    };
                    classes.push(class);
                }
                BasicScopeStackOp::Pop => {
                    classes.pop();
                }
            });
            if applied.is_err() {
                break;
            }
        }
        // The line break stays outside the spans.
        let end = line.trim_end_matches(['\n', '\r']).len();
        push(classes.last().copied().flatten(), at.min(end), end);
        push(None, end, line.len());
        for (class, from, to) in runs {
            let text = &line[from..to];
            match class {
                Some(class) if !text.trim().is_empty() => {
                    let _ = write!(html, "<span class=\"{class}\">");
                    escape_into(&mut html, text);
                    html.push_str("</span>");
                }
                _ => escape_into(&mut html, text),
            }
        }
    }
    html
}

fn escape_into(html: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            c => html.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_escaping_and_anchors() {
        let text = "roles:\n  - id: a # 注释\n    title: \"<b>\"\n    count: 3\n    description: |\n      多行\n";
        let html = yaml_html(text);
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count(),
            "{html}"
        );
        for n in 1..=6 {
            assert!(html.contains(&format!(
                "<a class=\"ln\" id=\"L{n}\" href=\"#L{n}\">{n}</a>"
            )));
        }
        assert!(!html.contains("L7"));
        for expected in [
            "<span class=\"k\">roles</span>",
            "<span class=\"cm\"># 注释</span>\n",
            "&lt;b&gt;",
            "<span class=\"n\">3</span>",
        ] {
            assert!(html.contains(expected), "{expected} not in {html}");
        }
    }

    /// The files of the test site. Each line's anchor costs the same
    /// whatever the line holds (the test site's lines are short); the
    /// highlighting must stay within a few times the text.
    #[test]
    fn pages_stay_a_few_times_their_file() {
        let test_site =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/test_site/spec");
        let (spec, _) = crate::spec::open(&test_site).unwrap();
        let anchor = |n: usize| format!("<a class=\"ln\" id=\"L{n}\" href=\"#L{n}\">{n}</a>").len();
        let (yaml, html): (usize, usize) = spec
            .sources
            .files()
            .iter()
            .map(|f| {
                let anchors: usize = (1..=f.text.lines().count()).map(anchor).sum();
                (f.text.len(), yaml_html(&f.text).len() - anchors)
            })
            .fold((0, 0), |(a, b), (y, h)| (a + y, b + h));
        assert!(yaml > 10_000, "{yaml} bytes of YAML");
        assert!(
            html < yaml * 4,
            "{html} bytes of HTML besides the line anchors for {yaml} of YAML"
        );
    }

    /// Relative luminance and contrast as WCAG 2 defines them.
    fn contrast_on_white(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        1.05 / (l + 0.05)
    }

    #[test]
    fn every_colour_is_readable_on_white() {
        for (_, class, colour) in CLASSES {
            assert!(contrast_on_white(colour) >= 4.5, "{class} {colour}");
        }
        assert!(stylesheet().contains("pre.source .k { color: #116329; }"));
    }
}
