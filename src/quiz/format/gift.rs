//! GIFT (Moodle's "General Import Format Technology"): a `$CATEGORY:` per
//! standard and role, then each question as `::id:: stem { … }` with its
//! explanation and clause link as general feedback (`####`). Every
//! character GIFT gives a meaning (`~ = # { } :` and `\`) is escaped with
//! a backslash, and line breaks are spaces.

use super::{Quiz, answer_text, by_category, explained};
use crate::quiz::question::Form;

pub fn render(quiz: &Quiz) -> String {
    let mut out = format!(
        "// {}\n// guifan quiz, seed {}\n\n",
        line(&quiz.title),
        quiz.seed
    );
    for (category, questions) in by_category(quiz) {
        out.push_str(&format!("$CATEGORY: $course$/top/{}\n\n", line(&category)));
        for q in questions {
            let (text, link) = explained(quiz, q);
            let feedback = match link {
                Some((cite, url)) => format!("{text} 出处：{cite} {url}"),
                None => text,
            };
            out.push_str(&format!(
                "// {} {} — {}\n",
                q.id,
                q.kind.as_str(),
                line(&answer_text(q))
            ));
            out.push_str(&format!("::{}::{} {{\n", escape(&q.id), escape(&q.stem)));
            match q.form {
                Form::TrueFalse => {
                    out.push_str(if q.answer == Some(0) {
                        "TRUE\n"
                    } else {
                        "FALSE\n"
                    });
                }
                Form::Single => {
                    for (i, o) in q.options.iter().enumerate() {
                        let mark = if Some(i) == q.answer { '=' } else { '~' };
                        out.push_str(&format!("{mark}{}\n", escape(o)));
                    }
                }
                Form::Matching => {
                    for p in &q.pairs {
                        out.push_str(&format!(
                            "={} -> {}\n",
                            escape(&p.prompt),
                            escape(&p.answer)
                        ));
                    }
                }
            }
            out.push_str(&format!("####{}\n}}\n\n", escape(&feedback)));
        }
    }
    out
}

/// Text on one line.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// GIFT's special characters escaped; `->` is what a matching pair splits on.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in line(text).chars() {
        if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace("->", "-\\>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            super::escape("a~b=c#d{e}f:g\\h"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
        );
        assert_eq!(super::escape("x -> y\nz"), "x -\\> y z");
    }
}
