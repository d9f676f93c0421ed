//! The YAML source pages: each spec file highlighted, one numbered anchor
//! per line (`#L12`), so that every item and every finding can link to the
//! exact place it was written.
//!
//! The tokens come from [`yaml`], a tokenizer of our own that is linear in
//! the text: syntect's regex grammar, used before, spent half of a build's
//! CPU on the source pages and was quadratic on a long quoted string inside
//! `{ }` (a 200 KB file did not finish in 90 s). Each token gets one of six
//! short classes (key, string, number, comment, anchor, punctuation); the
//! colours, in [`stylesheet`], all have WCAG AA contrast on white.

mod yaml;

use std::fmt::Write;

use yaml::{Class, Lexer, Token};

/// Each class, its CSS class and colour (GitHub's light palette).
const CLASSES: &[(Class, &str, &str)] = &[
    (Class::Comment, "cm", "#57606a"),
    (Class::Key, "k", "#116329"),
    (Class::Str, "s", "#0a3069"),
    (Class::Num, "n", "#0550ae"),
    (Class::Var, "v", "#8250df"),
    (Class::Punct, "p", "#57606a"),
];

fn css_class(class: Class) -> &'static str {
    CLASSES
        .iter()
        .find(|(c, _, _)| *c == class)
        .map_or("", |(_, name, _)| name)
}

/// The stylesheet for the classes [`yaml_html`] emits.
pub fn stylesheet() -> String {
    let mut css = String::new();
    for (_, class, colour) in CLASSES {
        let _ = writeln!(css, "pre.source .{class} {{ color: {colour}; }}");
    }
    css
}

/// The highlighted HTML of `text` for a `<pre>`, with a numbered anchor
/// (`<a class="ln" id="L12" href="#L12">12</a>`) at the start of each line.
pub fn yaml_html(text: &str) -> String {
    let mut lexer = Lexer::default();
    let mut tokens: Vec<Token> = Vec::new();
    let mut html = String::with_capacity(text.len() * 3);
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let n = n + 1;
        let _ = write!(html, "<a class=\"ln\" id=\"L{n}\" href=\"#L{n}\">{n}</a>");
        // The line break stays outside the spans.
        let body = line.trim_end_matches(['\n', '\r']);
        lexer.line(body, &mut tokens);
        for (class, from, to) in merged(&tokens) {
            let text = &body[from..to];
            match class {
                Some(class) if !text.trim().is_empty() => {
                    let _ = write!(html, "<span class=\"{}\">", css_class(class));
                    escape_into(&mut html, text);
                    html.push_str("</span>");
                }
                _ => escape_into(&mut html, text),
            }
        }
        html.push_str(&line[body.len()..]);
    }
    html
}

/// Adjacent tokens of one class as one run.
fn merged(tokens: &[Token]) -> impl Iterator<Item = Token> + '_ {
    let mut runs = tokens.iter().copied().peekable();
    std::iter::from_fn(move || {
        let (class, from, mut to) = runs.next()?;
        while let Some(&(next, _, end)) = runs.peek() {
            if next != class {
                break;
            }
            to = end;
            runs.next();
        }
        Some((class, from, to))
    })
}

fn escape_into(html: &mut String, s: &str) {
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        html.push_str(&s[plain..i]);
        html.push_str(entity);
        plain = i + 1;
    }
    html.push_str(&s[plain..]);
}

#[cfg(test)]
mod tests;
