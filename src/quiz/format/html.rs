//! The self-grading quiz page and the printable paper: Tera templates
//! (`templates/quiz/`), one self-contained file each (styles and script
//! inline: the quiz [`player`]), so a page works from `file://`, a USB
//! stick or an e-mail.

use super::{Quiz, answer_text, explained};
use crate::quiz::player;
use crate::quiz::question::Form;

const PAGE: &str = include_str!("../../../templates/quiz/quiz.html");
const PAPER: &str = include_str!("../../../templates/quiz/paper.html");

/// The interactive page: the quiz as JSON in the page, graded by its script.
pub fn page(quiz: &Quiz) -> Result<String, String> {
    let mut context = tera::Context::new();
    context.insert("title", &quiz.title);
    context.insert("count", &quiz.questions.len());
    context.insert("data", &player::script_json(&super::json(quiz)));
    context.insert("script", player::SCRIPT);
    context.insert("style", player::STYLE);
    render("quiz.html", PAGE, &context)
}

/// The paper: numbered questions with room to answer, then the key.
pub fn paper(quiz: &Quiz) -> Result<String, String> {
    const LETTERS: [&str; 8] = ["A", "B", "C", "D", "E", "F", "G", "H"];
    let questions: Vec<serde_json::Value> = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let (explanation, link) = explained(quiz, q);
            let key = match (q.form, q.answer) {
                (Form::Single, Some(a)) => format!("{}. {}", LETTERS.get(a).copied().unwrap_or("?"), q.options[a]),
                _ => answer_text(q),
            };
            let mut definitions: Vec<&str> = q.pairs.iter().map(|p| p.answer.as_str()).collect();
            definitions.sort_unstable();
            serde_json::json!({
                "number": i + 1,
                "form": q.form,
                "stem": q.stem,
                "options": q.options.iter().enumerate()
                    .map(|(k, o)| serde_json::json!({"letter": LETTERS.get(k).copied().unwrap_or("?"), "text": o}))
                    .collect::<Vec<_>>(),
                "prompts": q.pairs.iter().map(|p| &p.prompt).collect::<Vec<_>>(),
                "definitions": definitions.iter().enumerate()
                    .map(|(k, d)| serde_json::json!({"letter": LETTERS.get(k).copied().unwrap_or("?"), "text": d}))
                    .collect::<Vec<_>>(),
                "key": key,
                "explanation": explanation,
                "cite": link.as_ref().map(|l| &l.0),
                "url": link.as_ref().map(|l| &l.1),
                "id": q.id,
            })
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("title", &quiz.title);
    context.insert("seed", &quiz.seed);
    context.insert("questions", &questions);
    render("paper.html", PAPER, &context)
}

fn render(name: &str, template: &str, context: &tera::Context) -> Result<String, String> {
    let mut tera = tera::Tera::default();
    tera.add_raw_template(name, template)
        .map_err(|e| format!("quiz template {name}: {e}"))?;
    tera.render(name, context)
        .map_err(|e| format!("cannot render the quiz ({name}): {e}"))
}
