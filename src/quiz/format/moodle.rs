//! Moodle XML: a category question per standard and role, then each
//! question as Moodle's importer reads it: `multichoice` with `<single>`
//! and fractions 100 and 0, `truefalse`, or `matching` with its
//! subquestions; the explanation and clause link as general feedback.

use super::{Quiz, by_category, explained};
use crate::output::escape::xml;
use crate::quiz::question::{Form, Question};

pub fn render(quiz: &Quiz) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    out.push_str(&format!(
        "<!-- {} · guifan quiz, seed {} -->\n",
        comment(&quiz.title),
        quiz.seed
    ));
    for (category, questions) in by_category(quiz) {
        out.push_str(&format!(
            "  <question type=\"category\">\n    <category><text>$course$/top/{}</text></category>\n  </question>\n",
            xml(&category)
        ));
        for q in questions {
            out.push_str(&question(quiz, q));
        }
    }
    out.push_str("</quiz>\n");
    out
}

fn question(quiz: &Quiz, q: &Question) -> String {
    let kind = match q.form {
        Form::Single => "multichoice",
        Form::TrueFalse => "truefalse",
        Form::Matching => "matching",
    };
    let (text, link) = explained(quiz, q);
    let feedback = match link {
        Some((cite, url)) => format!(
            "<p>{}</p><p>出处：<a href=\"{}\">{}</a></p>",
            xml(&text),
            xml(&url),
            xml(&cite)
        ),
        None => format!("<p>{}</p>", xml(&text)),
    };
    let mut out = format!("  <question type=\"{kind}\">\n");
    out.push_str(&format!("    <name><text>{}</text></name>\n", xml(&q.id)));
    out.push_str(&html_text(
        "questiontext",
        &format!("<p>{}</p>", xml(&q.stem)),
    ));
    out.push_str(&html_text("generalfeedback", &feedback));
    out.push_str(
        "    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n",
    );
    out.push_str(&format!("    <idnumber>{}</idnumber>\n", xml(&q.id)));
    match q.form {
        Form::Single => {
            out.push_str("    <single>true</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n");
            for (i, o) in q.options.iter().enumerate() {
                out.push_str(&answer(if Some(i) == q.answer { 100 } else { 0 }, &xml(o)));
            }
        }
        Form::TrueFalse => {
            out.push_str(&answer(if q.answer == Some(0) { 100 } else { 0 }, "true"));
            out.push_str(&answer(if q.answer == Some(1) { 100 } else { 0 }, "false"));
        }
        Form::Matching => {
            out.push_str("    <shuffleanswers>true</shuffleanswers>\n");
            for p in &q.pairs {
                out.push_str(&format!(
                    "    <subquestion format=\"html\">\n      <text>{}</text>\n      <answer><text>{}</text></answer>\n    </subquestion>\n",
                    xml(&xml(&p.prompt)),
                    xml(&p.answer)
                ));
            }
        }
    }
    out.push_str("    <tags>\n");
    let tags = std::iter::once(format!("kind:{}", q.kind.as_str()))
        .chain(q.tags.standard.iter().map(|s| format!("standard:{s}")))
        .chain(q.tags.roles.iter().map(|r| format!("role:{r}")))
        .chain(q.tags.flows.iter().map(|f| format!("flow:{f}")));
    for tag in tags {
        out.push_str(&format!("      <tag><text>{}</text></tag>\n", xml(&tag)));
    }
    out.push_str("    </tags>\n  </question>\n");
    out
}

fn html_text(element: &str, html: &str) -> String {
    format!(
        "    <{element} format=\"html\">\n      <text>{}</text>\n    </{element}>\n",
        xml(html)
    )
}

fn answer(fraction: u32, text: &str) -> String {
    format!(
        "    <answer fraction=\"{fraction}\" format=\"html\">\n      <text>{}</text>\n    </answer>\n",
        xml(text)
    )
}

/// Text safe inside an XML comment (no `--`).
fn comment(text: &str) -> String {
    text.replace("--", "- -")
}
