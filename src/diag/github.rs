//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the line it names, in the run's summary and the pull request's diff.
//! Format: <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>.

use super::{Context, Diagnostic, Severity};

pub fn render(diags: &[Diagnostic], cx: &Context) -> String {
    let mut out = String::new();
    for diag in diags {
        let command = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let name = cx
            .rules
            .iter()
            .find(|r| r.id == diag.code)
            .map_or("", |r| r.name);
        let mut text = diag.message.clone();
        if let Some(help) = &diag.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endColumn={},title={}::{}\n",
            property(&format!("{}{}", cx.base, diag.place.file)),
            diag.place.line,
            diag.place.col,
            cx.sources.end_column(&diag.place),
            property(&format!("{} {name}", diag.code)),
            data(&text),
        ));
    }
    out
}

/// A message: `%`, CR and LF escaped as the runner's toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as data, and `:` and `,` too, which end a property.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_values_are_escaped() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
