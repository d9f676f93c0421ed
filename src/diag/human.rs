//! Human output, in rustc's style (rendered by annotate-snippets, the
//! renderer rustc itself uses).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rayon::prelude::*;

use super::i18n::{Arg, Lang, Msg};
use super::source::token_range;
use super::{Diagnostic, Place, Severity, SourceMap};
use crate::msg;

/// How much of a long list human output shows.
#[derive(Clone, Copy, Debug)]
pub struct Shown {
    /// Findings rendered in full; the rest are counted per code. `None`: all.
    pub limit: Option<usize>,
    /// End with the totals line (not under `-q`).
    pub summary: bool,
    /// The language of the lines this module writes itself.
    pub lang: Lang,
}

impl Shown {
    /// Everything, with the totals line.
    pub const ALL: Shown = Shown {
        limit: None,
        summary: true,
        lang: Lang::En,
    };
}

/// Findings `check` renders in full before it counts the rest per code
/// (`--show-all` renders every one): rendering thousands of source
/// snippets costs time and nobody reads them.
pub const SHOWN_IN_FULL: usize = 200;

/// Render `diags` followed by a summary line. `styled` adds ANSI colours; the
/// caller decides (a terminal, and no `NO_COLOR`).
pub fn render(diags: &[Diagnostic], sources: &SourceMap, styled: bool) -> String {
    render_shown(diags, sources, styled, Shown::ALL)
}

/// Render the first findings of `diags` in full, a line per code for the
/// rest, then (if asked) the totals line.
pub fn render_shown(
    diags: &[Diagnostic],
    sources: &SourceMap,
    styled: bool,
    shown: Shown,
) -> String {
    let cut = shown.limit.unwrap_or(usize::MAX).min(diags.len());
    let (full, rest) = diags.split_at(cut);
    let mut out = render_findings(full, sources, styled);
    if !rest.is_empty() {
        out.push_str(&not_shown(rest, shown.lang));
    }
    if shown.summary {
        out.push_str(&summary(diags, shown.lang));
        out.push('\n');
    }
    out
}

/// Render `diags` alone, each followed by a blank line.
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

/// The findings not rendered in full: how many, then a line per code with
/// its count and where its first one is.
fn not_shown(rest: &[Diagnostic], lang: Lang) -> String {
    let mut out = msg!("summary.not_shown", n = rest.len()).render(lang);
    out.push('\n');
    for (code, count, first) in per_code(rest) {
        let line = msg!(
            "summary.code_first",
            code = code,
            n = count,
            place = &first.place
        );
        out.push_str(&line.render(lang));
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Each code of `diags` with its count and first finding: errors first, then
/// by count (most first), then by code.
fn per_code(diags: &[Diagnostic]) -> Vec<(&'static str, usize, &Diagnostic)> {
    let mut codes: Vec<(&'static str, usize, &Diagnostic)> = Vec::new();
    for diag in diags {
        match codes.iter_mut().find(|(code, _, _)| *code == diag.code) {
            Some((_, count, _)) => *count += 1,
            None => codes.push((diag.code, 1, diag)),
        }
    }
    codes.sort_by_key(|&(code, count, first)| (first.severity, std::cmp::Reverse(count), code));
    codes
}

/// "error: 2 errors, 1 warning (E005 ×2, SLA001 ×1)" — or "no problems found".
pub fn summary(diags: &[Diagnostic], lang: Lang) -> String {
    let (errors, warnings) = super::count(diags);
    let count = |n: usize, one: &'static str, many: &'static str| {
        let key = if n == 1 { one } else { many };
        Msg {
            key,
            args: vec![("n", n.into())],
        }
    };
    let errors_text = count(errors, "summary.error", "summary.errors");
    let warnings_text = count(warnings, "summary.warning", "summary.warnings");
    let (key, totals) = match (errors, warnings) {
        (0, 0) => return msg!("summary.clean").render(lang),
        (_, 0) => ("summary.failed", errors_text),
        (0, _) => ("summary.warned", warnings_text),
        _ => (
            "summary.failed",
            msg!("summary.both", errors = @msg errors_text, warnings = @msg warnings_text),
        ),
    };
    let separator = msg!("summary.separator").render(lang);
    let codes: Vec<String> = (per_code(diags).into_iter())
        .map(|(code, n, _)| format!("{code} ×{n}"))
        .collect();
    let line = Msg {
        key,
        args: vec![
            ("totals", Arg::Msg(totals)),
            ("codes", codes.join(&separator).into()),
        ],
    };
    line.render(lang)
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
