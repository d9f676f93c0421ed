//! One page's data through its Tera template into HTML, a page with a long
//! list a slice of rows at a time.
//!
//! The longest pages (every limit, every finding) hold hundreds of
//! megabytes at 10,000 files as JSON rows and as much again as Tera's
//! context, several times the HTML they become. Their template includes a
//! partial that lays out the list and marks the place with `rows_here`; the
//! page is rendered once without its rows, and each slice of rows is made,
//! laid out with the partial and freed before the next. The HTML is the
//! same as a render of the whole list at once, since the partial lays out
//! each row by itself.

use serde_json::Value;
use tera::{Context, Tera, TeraResult};

use super::pages::Rows;

/// What `rows_here` says while the page is rendered without its rows: an
/// HTML comment, which no escaped text and no sanitised Markdown can hold.
const ROWS_HERE: &str = "<!--guifan:rows-->";

/// Rows laid out per render of the list's partial: enough that Tera's fixed
/// cost per render is nothing, few enough that a slice holds kilobytes.
const SLICE: usize = 500;

/// The HTML of a page. `data` may already hold the whole list under its key
/// (made for [`super::Select::keeps`] to compare); else it is made here.
pub fn page(tera: &Tera, template: &str, data: Value, rows: Option<&Rows>) -> TeraResult<String> {
    match rows {
        None => tera.render(template, &into_context(data)?),
        Some(rows) => page_with_list(tera, template, data, rows),
    }
}

fn page_with_list(tera: &Tera, template: &str, mut data: Value, rows: &Rows) -> TeraResult<String> {
    let mut made = match data.get_mut(rows.key).map(Value::take) {
        Some(Value::Array(made)) => Some(made.into_iter()),
        _ => None,
    };
    data[rows.key] = Value::Array(Vec::new());
    data["rows_here"] = ROWS_HERE.into();
    let mut base = into_context(data)?;
    let mut slice = |range: std::ops::Range<usize>| match made.as_mut() {
        Some(made) => made.take(range.len()).collect(),
        None => rows.slice(range),
    };
    let outline = tera.render(template, &base)?;
    let Some((head, tail)) = split_at_only(&outline, ROWS_HERE) else {
        // A theme's page that does not include the list's partial gets the
        // whole list at once.
        base.insert_value(rows.key, into_list(slice(0..rows.len))?);
        base.insert("rows_here", "");
        return tera.render(template, &base);
    };
    let mut html = String::with_capacity(outline.len());
    html.push_str(head);
    for start in (0..rows.len).step_by(SLICE) {
        let mut context = base.clone();
        let list = slice(start..(start + SLICE).min(rows.len));
        context.insert_value(rows.key, into_list(list)?);
        html.push_str(&tera.render(rows.template, &context)?);
    }
    html.push_str(tail);
    Ok(html)
}

/// `text` before and after `mark`, when `mark` is in it exactly once.
fn split_at_only<'t>(text: &'t str, mark: &str) -> Option<(&'t str, &'t str)> {
    let at = text.find(mark)?;
    (text.rfind(mark) == Some(at)).then(|| (&text[..at], &text[at + mark.len()..]))
}

/// A page's data as its template's context, converted a field at a time,
/// a list a row at a time, each part freed once converted: never both forms
/// of a long list whole. The context is the one `Context::from_serialize`
/// would make.
fn into_context(data: Value) -> TeraResult<Context> {
    let Value::Object(fields) = data else {
        return Err(tera::Error::message("a page's data must be a map"));
    };
    let mut context = Context::new();
    for (key, value) in fields {
        let value = match value {
            Value::Array(rows) => into_list(rows)?,
            other => tera::Value::try_from_serializable(&other)?,
        };
        context.insert_value(key, value);
    }
    Ok(context)
}

fn into_list(rows: Vec<Value>) -> TeraResult<tera::Value> {
    Ok((rows.into_iter())
        .map(|row| tera::Value::try_from_serializable(&row))
        .collect::<TeraResult<Vec<_>>>()?
        .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_must_be_there_exactly_once() {
        assert_eq!(split_at_only("a<!--m-->b", "<!--m-->"), Some(("a", "b")));
        assert_eq!(split_at_only("ab", "<!--m-->"), None);
        assert_eq!(split_at_only("<!--m-->a<!--m-->", "<!--m-->"), None);
    }
}
