//! The quiz player: the one script and stylesheet that grade a quiz in the
//! browser (`templates/static/quiz.js`, `quiz.css`). `guifan quiz --format
//! html` inlines them into its one-file page; the site's practice quizzes
//! load the same files as `static/quiz.js` and `static/quiz.css` of the
//! theme. A page gives the player its quiz as JSON in `#quiz-data` (`site`,
//! `questions`) and its words as `data-*` attributes of `#questions`.

pub const SCRIPT: &str = include_str!("../../templates/static/quiz.js");
pub const STYLE: &str = include_str!("../../templates/static/quiz.css");

/// JSON made safe inside a `<script>` element: `</` would end the element
/// and `<!--` would change how the browser reads the rest, so every `<`
/// (found only inside JSON strings) is written as the escape `\u003c`,
/// which JSON reads back as `<`.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}
