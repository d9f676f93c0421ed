//! Human output, in rustc's style (rendered by annotate-snippets, the
//! renderer rustc itself uses).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rayon::prelude::*;

use super::{Diagnostic, Place, Severity, SourceMap};

/// Render `diags` followed by a summary line. `styled` adds ANSI colours; the
/// caller decides (a terminal, and no `NO_COLOR`).
pub fn render(diags: &[Diagnostic], sources: &SourceMap, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Thousands of findings render in parallel, each on its own.
    let rendered: Vec<String> = diags
        .par_iter()
        .map(|diag| renderer.render(&report(diag, sources)))
        .collect();
    let mut out = String::with_capacity(rendered.iter().map(|r| r.len() + 2).sum::<usize>() + 40);
    for text in rendered {
        out.push_str(&text);
        out.push_str("\n\n");
    }
    out.push_str(&summary(diags));
    out.push('\n');
    out
}

/// "2 errors, 1 warning" — or "no problems found".
pub fn summary(diags: &[Diagnostic]) -> String {
    let (errors, warnings) = super::count(diags);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems found".to_owned(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn report<'a>(diag: &'a Diagnostic, sources: &'a SourceMap) -> Vec<Group<'a>> {
    let level = match diag.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let label = diag.label.as_deref().unwrap_or("");
    let mut group = level
        .primary_title(diag.message.as_str())
        .id(diag.code)
        .element(snippet(
            &diag.place,
            sources,
            AnnotationKind::Primary,
            label,
        ));
    let mut groups = Vec::new();
    for related in &diag.related {
        let note = Level::NOTE
            .secondary_title(related.message.as_str())
            .element(snippet(
                &related.place,
                sources,
                AnnotationKind::Context,
                "",
            ));
        groups.push(note);
    }
    if let Some(help) = &diag.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    groups.insert(0, group);
    groups
}

/// The source line of `place` with a caret under the token that starts there.
fn snippet<'a>(
    place: &'a Place,
    sources: &'a SourceMap,
    kind: AnnotationKind,
    label: &'a str,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let line = sources
        .get(&place.file)
        .and_then(|f| f.line(place.line))
        .unwrap_or("");
    let range = token_range(line, place.col);
    // annotate-snippets appends `:line:col` of the annotation itself.
    Snippet::source(line)
        .line_start(place.line as usize)
        .path(place.file.as_str())
        .fold(false)
        .annotation(kind.span(range).label(label))
}

/// Byte range of the token at 1-based character column `col`: a quoted
/// string up to its closing quote, otherwise up to white space or YAML
/// punctuation. An empty line or a column past its end marks the line end.
fn token_range(line: &str, col: u32) -> std::ops::Range<usize> {
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
