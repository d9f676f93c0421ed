//! Anki's text import (File → Import, "Notes in Plain Text"): headers say
//! the separator, that fields are HTML, the note type, deck, the column
//! that holds each note's GUID (its question id, so a re-import updates the
//! note instead of adding one) and the column of its tags; then one note per
//! question: front (stem and options), back (answer, explanation, clause).

use super::{Quiz, answer_text, explained};
use crate::output::escape::xml;
use crate::quiz::question::Form;

pub fn render(quiz: &Quiz) -> String {
    let mut out = String::from("#separator:tab\n#html:true\n#notetype:Basic\n");
    out.push_str(&format!("#deck:{}\n", field(&quiz.title)));
    out.push_str("#guid column:1\n#tags column:4\n");
    for q in &quiz.questions {
        let mut front = format!("<p>{}</p>", xml(&q.stem));
        match q.form {
            Form::Single => {
                front.push_str("<ol type=\"A\">");
                for o in &q.options {
                    front.push_str(&format!("<li>{}</li>", xml(o)));
                }
                front.push_str("</ol>");
            }
            Form::TrueFalse => front.push_str("<p>正确 / 错误</p>"),
            Form::Matching => {
                front.push_str("<ul>");
                for p in &q.pairs {
                    front.push_str(&format!("<li>{}</li>", xml(&p.prompt)));
                }
                front.push_str("</ul>");
            }
        }
        let (text, link) = explained(quiz, q);
        let mut back = format!(
            "<p><b>{}</b></p><p>{}</p>",
            xml(&answer_text(q)),
            xml(&text)
        );
        if let Some((cite, url)) = link {
            back.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>",
                xml(&url),
                xml(&cite)
            ));
        }
        let mut tags = vec!["guifan".to_owned(), format!("guifan::{}", q.kind.as_str())];
        tags.extend(q.tags.standard.iter().map(|s| format!("standard::{s}")));
        tags.extend(q.tags.roles.iter().map(|r| format!("role::{r}")));
        tags.extend(q.tags.flows.iter().map(|f| format!("flow::{f}")));
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            field(&q.id),
            field(&front),
            field(&back),
            field(&tags.join(" "))
        ));
    }
    out
}

/// A field on one line with no tab (the separator).
fn field(text: &str) -> String {
    text.replace(['\t', '\r'], " ").replace('\n', "<br>")
}
