//! Human output, in rustc's style (rendered by annotate-snippets, the
//! renderer rustc itself uses).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rayon::prelude::*;

use super::source::token_range;
use super::{Diagnostic, Place, Severity, SourceMap};

/// Render `diags` followed by a summary line. `styled` adds ANSI colours; the
/// caller decides (a terminal, and no `NO_COLOR`).
pub fn render(diags: &[Diagnostic], sources: &SourceMap, styled: bool) -> String {
    let mut out = render_findings(diags, sources, styled);
    out.push_str(&summary(diags));
    out.push('\n');
    out
}

/// Render `diags` alone, each followed by a blank line (`-q`).
pub fn render_findings(diags: &[Diagnostic], sources: &SourceMap, styled: bool) -> String {
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
