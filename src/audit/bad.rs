//! Rows that cannot be audited: what is wrong, where (file, line, column)
//! and what to do, rendered like rustc's diagnostics by the renderer the
//! spec's diagnostics use. A bad row is skipped; the audit goes on.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use super::columns::{Column, Layout, Mapping};

/// What is wrong with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BadKind {
    MissingColumn,
    Encoding,
    Malformed,
    BadTime,
    EndBeforeStart,
    BadValue,
    UnknownMetric,
    UnknownFlow,
    UnknownStep,
    UnknownPriority,
    /// A time outside the years a limit's calendar covers.
    OutsideCalendar,
}

impl BadKind {
    pub fn name(self) -> &'static str {
        match self {
            BadKind::MissingColumn => "missing column",
            BadKind::Encoding => "wrong encoding",
            BadKind::Malformed => "malformed row",
            BadKind::BadTime => "unreadable time",
            BadKind::EndBeforeStart => "end before start",
            BadKind::BadValue => "unreadable value",
            BadKind::UnknownMetric => "unknown metric",
            BadKind::UnknownFlow => "unknown flow",
            BadKind::UnknownStep => "unknown step",
            BadKind::UnknownPriority => "unknown priority",
            BadKind::OutsideCalendar => "outside the calendar",
        }
    }
}

/// A row skipped, with everything its message shows (boxed: it is the
/// error of every row read, and rare).
#[derive(Clone, Debug, Serialize)]
pub struct Bad(Box<Details>);

impl std::ops::Deref for Bad {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Details {
    pub kind: BadKind,
    pub file: String,
    pub line: u64,
    /// 1-based character column in the row as shown.
    pub col: usize,
    /// The column's header, when one is at fault.
    pub column: Option<String>,
    pub message: String,
    pub help: String,
    /// The row as text (a CSV row's fields joined again).
    #[serde(skip)]
    text: String,
    #[serde(skip)]
    span: std::ops::Range<usize>,
}

/// Where in a row a problem is: the row and how to find a column in it.
/// Nothing is formatted until a row turns out bad.
#[derive(Clone, Copy)]
pub struct Source<'s> {
    file: &'s str,
    line: u64,
    row: Row<'s>,
    at: At,
    /// The headers of the columns, once known.
    mapping: Option<&'s Mapping>,
}

#[derive(Clone, Copy)]
enum Row<'s> {
    Csv(&'s [&'s str], Option<&'s Layout>),
    Json(&'s str),
}

#[derive(Clone, Copy)]
enum At {
    Column,
    Field(usize),
    Char(usize),
    End,
}

impl<'s> Source<'s> {
    pub fn csv(file: &'s str, line: u64, fields: &'s [&'s str]) -> Self {
        let row = Row::Csv(fields, None);
        Source {
            file,
            line,
            row,
            at: At::Column,
            mapping: None,
        }
    }

    pub fn line(file: &'s str, line: u64, text: &'s str) -> Self {
        let row = Row::Json(text);
        Source {
            file,
            line,
            row,
            at: At::Column,
            mapping: None,
        }
    }

    /// A CSV row whose columns are where `layout` found them.
    pub fn with_layout(self, layout: &'s Layout, mapping: &'s Mapping) -> Self {
        let row = match self.row {
            Row::Csv(fields, _) => Row::Csv(fields, Some(layout)),
            json => json,
        };
        Source {
            row,
            mapping: Some(mapping),
            ..self
        }
    }

    /// A JSON row whose keys are the headers of `mapping`.
    pub fn with_keys(self, mapping: &'s Mapping) -> Self {
        Source {
            mapping: Some(mapping),
            ..self
        }
    }

    pub fn at_field(self, index: usize) -> Self {
        Source {
            at: At::Field(index),
            ..self
        }
    }

    pub fn at_char(self, index: usize) -> Self {
        Source {
            at: At::Char(index),
            ..self
        }
    }

    pub fn at_end(self) -> Self {
        Source {
            at: At::End,
            ..self
        }
    }

    /// The row as text and the byte range of `column` (or of the place set).
    fn locate(&self, column: Option<Column>) -> (String, std::ops::Range<usize>) {
        match self.row {
            Row::Csv(fields, layout) => {
                let mut text = String::new();
                let mut spans = Vec::with_capacity(fields.len());
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    let start = text.len();
                    text.push_str(&csv_field(f));
                    spans.push(start..text.len());
                }
                let field = match (self.at, column, layout) {
                    (At::Field(i), ..) => Some(i),
                    (At::Column, Some(c), Some(layout)) => layout.index(c),
                    _ => None,
                };
                let end = text.len()..text.len();
                let span = match self.at {
                    At::End => end,
                    _ => field.and_then(|i| spans.get(i).cloned()).unwrap_or(end),
                };
                (text, span)
            }
            Row::Json(text) => {
                let span = match (self.at, column, self.mapping) {
                    (At::Char(c), ..) => char_span(text, c),
                    (At::Column, Some(c), Some(m)) => json_value(text, m.header(c)),
                    _ => None,
                };
                (text.to_owned(), span.unwrap_or(0..text.len()))
            }
        }
    }
}

/// A CSV field as written back: quoted when it must be.
fn csv_field(f: &str) -> String {
    let f = f.replace(['\n', '\r'], " ");
    if f.contains([',', '"']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f
    }
}

fn char_span(text: &str, chars: usize) -> Option<std::ops::Range<usize>> {
    let (start, c) = text.char_indices().nth(chars)?;
    Some(start..start + c.len_utf8())
}

/// The byte range of the value of `key` in a one-line JSON object.
fn json_value(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let quoted = serde_json::to_string(key).ok()?;
    let after_key = text.find(&quoted)? + quoted.len();
    let colon = after_key + text[after_key..].find(':')? + 1;
    let start = colon + (text[colon..].len() - text[colon..].trim_start().len());
    let rest = &text[start..];
    let len = if rest.starts_with('"') {
        let mut escaped = false;
        rest.char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
            .map_or(rest.len(), |(i, _)| i + 1)
    } else {
        rest.find([',', '}']).unwrap_or(rest.len())
    };
    Some(start..start + len.max(1).min(rest.len()))
}

impl Bad {
    pub fn new(kind: BadKind, source: &Source, column: Option<Column>, message: String) -> Bad {
        let (text, span) = source.locate(column);
        let col = text[..span.start].chars().count() + 1;
        let header = |c: Column| source.mapping.map_or(c.name(), |m| m.header(c)).to_owned();
        Bad(Box::new(Details {
            kind,
            file: source.file.to_owned(),
            line: source.line,
            col,
            column: column.map(header),
            message,
            help: String::new(),
            text,
            span,
        }))
    }

    pub fn help(mut self, help: impl Into<String>) -> Bad {
        self.0.help = help.into();
        self
    }

    /// As rustc shows an error: the message, the row with a caret under
    /// the value at fault, the help.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let label = self
            .column
            .as_deref()
            .map(|c| format!("column `{c}`"))
            .unwrap_or_default();
        let mut span = self.span.clone();
        if span.is_empty() && !self.text.is_empty() {
            // The end of the row: mark its last character.
            let last = self.text.char_indices().last().map_or(0, |(i, _)| i);
            span = last..self.text.len();
        }
        let group = Level::ERROR
            .primary_title(self.message.as_str())
            .element(
                Snippet::source(self.text.as_str())
                    .line_start(usize::try_from(self.line).unwrap_or(usize::MAX))
                    .path(self.file.as_str())
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(span).label(label.as_str())),
            )
            .element(Level::HELP.message(self.help.as_str()))
            .element(Level::NOTE.message("the row is skipped; the audit goes on"));
        renderer.render(&[group])
    }
}
