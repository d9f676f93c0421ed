//! `guifan quiz`: question banks generated from the standards, for
//! trainers. Every question comes from the checked model (a limit, a step,
//! a script, a checklist, a term) or from the spec's `questions` section,
//! cites the clause it tests, and is sound by construction: nothing is
//! asked about a fact the lints find contradicted or too vague to time,
//! and a self-check refuses a question unless the model makes its key the
//! one right option ([`question`]).
//!
//! One module per kind of question (each generates drafts and judges its
//! own options), [`bank`] runs them, [`select`] draws a quiz: that much is
//! knowledge of the model, which the site's practice quizzes read as well.
//! The rest is the `quiz` output: [`format`] writes a quiz (JSON,
//! self-grading HTML, printable paper, GIFT, Moodle XML, Anki) and the
//! [`player`] (script and stylesheet) is the one asset both self-grading
//! pages share. The format is documented in `docs/quiz.md`.

mod authored;
pub mod bank;
mod checklist;
mod dice;
mod escalation;
pub mod format;
mod glossary;
mod owner;
pub mod player;
mod probe;
pub mod question;
mod script;
pub mod select;
mod sequence;
pub mod soundness;
mod time_limit;

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

use schemars::JsonSchema;
use serde::Serialize;

use crate::output::{Checked, Dest, Output, Rendered};
use crate::spec::Spec;
use crate::spec::kind::Kind;
pub use bank::{Bank, Stats, generate};
pub use format::QuizFormat;
pub use question::{Difficulty, Question, QuestionKind};
pub use select::Filters;

/// Version of the quiz's JSON shape; bumped when a field changes meaning.
pub const QUIZ_VERSION: u32 = 1;

/// How many questions a quiz has unless asked (the site's practice quizzes too).
pub const DEFAULT_COUNT: usize = 20;

/// The seed of a quiz unless given (the site's practice quizzes too).
pub const DEFAULT_SEED: u64 = 1;

/// `guifan quiz`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct QuizArgs {
    /// Only questions for these roles (ids, comma-separated) or the roles below them.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub role: Vec<String>,
    /// Only questions citing these standards (ids).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub standard: Vec<String>,
    /// Only questions about these flows (ids).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub flow: Vec<String>,
    /// Only these kinds of question.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub kind: Vec<QuestionKind>,
    /// Only these difficulties.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub difficulty: Vec<Difficulty>,
    /// How many questions (0: every question that the filters admit).
    #[arg(short = 'n', long, default_value_t = DEFAULT_COUNT)]
    pub count: usize,
    /// The seed of the draw and of the order of questions and options.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QuizFormat::Json)]
    pub format: QuizFormat,
    /// Write to this file (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The quiz's title (default: from the filters).
    #[arg(long)]
    pub title: Option<String>,
    /// Where clause links point: the site's root, relative to the quiz file or a URL.
    #[arg(long, default_value = "site/", value_name = "URL")]
    pub site: String,
    /// List every finding or vague limit that removed questions, with how many.
    #[arg(long)]
    pub explain_removed: bool,
}

/// A quiz as every format receives it, and as `--format json` writes it.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Quiz {
    /// The version of this shape (docs/quiz.md).
    pub guifan_quiz: u32,
    pub title: String,
    pub seed: u64,
    /// The site's root that citations' `page` is relative to.
    pub site: String,
    pub filters: Filters,
    pub questions: Vec<Question>,
    /// Figures about the whole bank the quiz was drawn from.
    pub stats: Stats,
}

impl Quiz {
    /// A clause page as a link from the quiz.
    pub fn link(&self, page: &str) -> String {
        format!("{}{page}", self.site)
    }
}

/// Draw the quiz `args` ask for from `checked`.
pub fn quiz(checked: &Checked, args: &QuizArgs, filters: Filters) -> Quiz {
    let bank = generate(checked);
    let questions = select::select(&bank.questions, &filters, args.count, args.seed);
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| default_title(&checked.spec, &filters));
    Quiz {
        guifan_quiz: QUIZ_VERSION,
        title,
        seed: args.seed,
        site: args.site.clone(),
        filters,
        questions,
        stats: bank.stats,
    }
}

fn default_title(spec: &Spec, f: &Filters) -> String {
    let titled = |kind: Kind, ids: &[String]| -> Vec<String> {
        (ids.iter())
            .map(|id| match kind {
                Kind::Role => spec
                    .index_of(kind, id)
                    .map(|i| spec.roles[i].title.value.clone()),
                Kind::Flow => spec.flow(id).map(|x| x.title.value.clone()),
                _ => spec.standard(id).map(|x| x.title.value.clone()),
            })
            .map(|t| t.unwrap_or_else(|| "?".into()))
            .collect()
    };
    let mut parts = titled(Kind::Standard, &f.standards);
    parts.extend(titled(
        Kind::Role,
        f.roles.first().map(std::slice::from_ref).unwrap_or(&[]),
    ));
    parts.extend(titled(Kind::Flow, &f.flows));
    if parts.is_empty() {
        "规范知识测验".to_owned()
    } else {
        format!("{} 规范知识测验", parts.join(" · "))
    }
}

/// Check the ids of the filters; roles grow the roles below them.
pub fn filters(spec: &Spec, args: &QuizArgs) -> Result<Filters, String> {
    let check = |kind: Kind, ids: &[String]| -> Result<(), String> {
        for id in ids {
            if spec.index_of(kind, id).is_none() {
                let known: Vec<String> = known_ids(spec, kind);
                let hint = crate::diag::did_you_mean(id, known.iter().map(String::as_str))
                    .map(|b| format!("; did you mean `{b}`?"))
                    .unwrap_or_default();
                return Err(format!("unknown {} `{id}`{hint}", kind.name()));
            }
        }
        Ok(())
    };
    check(Kind::Role, &args.role)?;
    check(Kind::Standard, &args.standard)?;
    check(Kind::Flow, &args.flow)?;
    let named = (args.role.iter()).filter_map(|r| spec.index_of(Kind::Role, r));
    Ok(Filters {
        roles: roles_and_below(spec, named),
        standards: args.standard.clone(),
        flows: args.flow.clone(),
        kinds: args.kind.clone(),
        difficulties: args.difficulty.clone(),
    })
}

/// The ids of `roles` and of every role below them (a department's posts),
/// each once.
pub fn roles_and_below(spec: &Spec, roles: impl IntoIterator<Item = usize>) -> Vec<String> {
    let mut seen = vec![false; spec.roles.len()];
    let mut ids: Vec<String> = Vec::new();
    let mut stack: Vec<usize> = roles.into_iter().collect();
    while let Some(r) = stack.pop() {
        if !std::mem::replace(&mut seen[r], true) {
            ids.push(spec.roles[r].id.value.clone());
            stack.extend(&spec.relations.roles[r].children);
        }
    }
    ids
}

fn known_ids(spec: &Spec, kind: Kind) -> Vec<String> {
    match kind {
        Kind::Role => spec.roles.iter().map(|r| r.id.value.clone()).collect(),
        Kind::Flow => spec.flows.iter().map(|r| r.id.value.clone()).collect(),
        _ => spec.standards.iter().map(|r| r.id.value.clone()).collect(),
    }
}

/// The quiz as an output: one file in the chosen format.
pub struct QuizOutput {
    pub args: QuizArgs,
    pub filters: Filters,
    /// The quiz written, for the closing note.
    pub written: Mutex<Option<Quiz>>,
}

impl Output for QuizOutput {
    fn name(&self) -> &'static str {
        "quiz"
    }

    fn render(&self, checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        let quiz = quiz(checked, &self.args, self.filters.clone());
        let bytes = format::render(self.args.format, &quiz)?;
        dest.write(&format!("quiz.{}", self.args.format.extension()), &bytes)
            .map_err(|e| format!("cannot write the quiz: {e}"))?;
        let summary = format!("{} questions", quiz.questions.len());
        if let Ok(mut w) = self.written.lock() {
            *w = Some(quiz);
        }
        Ok(Rendered { files: 1, summary })
    }
}

/// The closing note on standard error: what was written, the bank's
/// figures, and with `explain` every finding that removed questions.
pub fn note(quiz: &Quiz, wanted: usize, explain: bool) -> String {
    let s = &quiz.stats;
    let mut out = format!(
        "quiz: {} question(s) (asked for {}); bank: {} sound of {} candidates — {} removed as contradicted or vague by {} finding(s), {} without sound options, {} repeats\n",
        quiz.questions.len(),
        if wanted == 0 {
            "all".to_owned()
        } else {
            wanted.to_string()
        },
        s.sound,
        s.candidates,
        s.removed,
        s.removals.len(),
        s.unsound,
        s.repeated,
    );
    if explain {
        for r in &s.removals {
            out.push_str(&format!(
                "  {:>4} removed by {} {}: {}\n",
                r.questions, r.code, r.place, r.message
            ));
        }
    } else if !s.removals.is_empty() {
        out.push_str("  (--explain-removed lists the findings and what each removed)\n");
    }
    out
}

/// `guifan quiz`.
/// `guifan quiz`; `quiet` leaves out the closing note (but not what
/// `--explain-removed` asks for).
pub fn run(
    spec_dir: &std::path::Path,
    args: &QuizArgs,
    quiet: bool,
) -> Result<std::process::ExitCode, String> {
    let checked = Checked::open(spec_dir, crate::lint::LintConfig::load(spec_dir)?)?;
    let filters = filters(&checked.spec, args)?;
    let output = QuizOutput {
        args: args.clone(),
        filters,
        written: Mutex::new(None),
    };
    let target = args
        .output
        .clone()
        .map_or(crate::output::Target::Stdout, crate::output::Target::File);
    match crate::output::write(&output, &checked, &target, false) {
        Ok(_) => {
            let noted = !quiet || args.explain_removed;
            if let Some(quiz) =
                (output.written.lock().ok().and_then(|mut w| w.take())).filter(|_| noted)
            {
                let mut err = anstream::stderr();
                let _ = write!(err, "{}", note(&quiz, args.count, args.explain_removed));
            }
            std::mem::forget(checked);
            Ok(std::process::ExitCode::SUCCESS)
        }
        Err(crate::output::Refused::Errors(n)) => {
            let errors: Vec<_> = (checked.diagnostics.iter())
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .cloned()
                .collect();
            let text = crate::diag::human::render(&errors, &checked.spec.sources, true);
            let mut err = anstream::stderr();
            let _ = write!(err, "{text}");
            let _ = writeln!(
                err,
                "error: the spec has {n} error(s); no quiz written. Fix them."
            );
            Ok(std::process::ExitCode::from(1))
        }
        Err(crate::output::Refused::Failed(message)) => Err(message),
    }
}
