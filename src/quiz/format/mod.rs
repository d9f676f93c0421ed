//! The quiz's formats. Each reads the one [`Quiz`] and writes one file.

mod anki;
mod gift;
mod html;
mod moodle;

use super::Quiz;
use super::question::Question;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuizFormat {
    /// Every field, for other tools (docs/quiz.md, docs/quiz.schema.json).
    Json,
    /// One self-grading page that works from file:// with no server.
    Html,
    /// A printable A4 paper with a separate answer key (print it to PDF).
    Paper,
    /// GIFT, for Moodle's question bank.
    Gift,
    /// Moodle XML, for Moodle's question bank.
    MoodleXml,
    /// Anki's text import: one note per question.
    Anki,
}

impl QuizFormat {
    pub fn extension(self) -> &'static str {
        match self {
            QuizFormat::Json => "json",
            QuizFormat::Html | QuizFormat::Paper => "html",
            QuizFormat::Gift => "gift.txt",
            QuizFormat::MoodleXml => "xml",
            QuizFormat::Anki => "txt",
        }
    }
}

pub fn render(format: QuizFormat, quiz: &Quiz) -> Result<Vec<u8>, String> {
    Ok(match format {
        QuizFormat::Json => json(quiz).into_bytes(),
        QuizFormat::Html => html::page(quiz)?.into_bytes(),
        QuizFormat::Paper => html::paper(quiz)?.into_bytes(),
        QuizFormat::Gift => gift::render(quiz).into_bytes(),
        QuizFormat::MoodleXml => moodle::render(quiz).into_bytes(),
        QuizFormat::Anki => anki::render(quiz).into_bytes(),
    })
}

/// The quiz as pretty JSON.
pub fn json(quiz: &Quiz) -> String {
    let mut out = serde_json::to_string_pretty(quiz).expect("a quiz serialises to JSON");
    out.push('\n');
    out
}

/// The JSON Schema of `--format json`, pretty-printed.
pub fn schema() -> String {
    let mut schema = schemars::schema_for!(Quiz);
    schema.insert("title".into(), "guifan quiz".into());
    schema.insert(
        "description".into(),
        "A quiz as `guifan quiz --format json` writes it (docs/quiz.md).".into(),
    );
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    out.push('\n');
    out
}

/// The category of a question in Moodle: its standard, then its first role.
pub fn category(q: &Question) -> String {
    let standard = q.tags.standard.as_deref().unwrap_or("通用");
    let role = q.tags.roles.first().map_or("通用", String::as_str);
    format!("guifan/{standard}/{role}")
}

/// The explanation with the clause it cites and where to read it.
pub fn explained(quiz: &Quiz, q: &Question) -> (String, Option<(String, String)>) {
    let link = q.citation.as_ref().map(|c| {
        let title = c
            .clause_title
            .as_ref()
            .map(|t| format!(" {t}"))
            .unwrap_or_default();
        (
            format!("《{}》{}{title}", c.standard_title, c.clause),
            quiz.link(&c.page),
        )
    });
    (q.explanation.clone(), link)
}

/// The right answer in words: the option, or the pairs of a matching question.
pub fn answer_text(q: &Question) -> String {
    match q.answer.and_then(|a| q.options.get(a)) {
        Some(a) => a.clone(),
        None => (q.pairs.iter())
            .map(|p| format!("{} — {}", p.prompt, p.answer))
            .collect::<Vec<_>>()
            .join("；"),
    }
}

/// Questions grouped by category, categories in order, questions in quiz order.
pub fn by_category(quiz: &Quiz) -> std::collections::BTreeMap<String, Vec<&Question>> {
    let mut out: std::collections::BTreeMap<String, Vec<&Question>> = Default::default();
    for q in &quiz.questions {
        out.entry(category(q)).or_default().push(q);
    }
    out
}
