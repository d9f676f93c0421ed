//! A question as the outputs see it ([`Question`]), and how one is made
//! from a generator's [`Draft`]: options chosen from the draft's pool,
//! every option judged against the model, and the question refused unless
//! its key is the one right option (the self-check).

use schemars::JsonSchema;
use serde::Serialize;

use super::bank::Ctx;
use super::dice::{Dice, hash};
use super::probe::{Probe, Value};
use crate::spec::kind::ItemRef;

/// What a question is about.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum QuestionKind {
    /// The duration of a time limit.
    TimeLimit,
    /// Who performs a step; which duty is a role's.
    Owner,
    /// What comes after a step; the order of steps.
    Sequence,
    /// When an escalation fires and whom it notifies.
    Escalation,
    /// Standard and forbidden phrases, and what to say instead.
    Script,
    /// Which item is not on a checklist.
    Checklist,
    /// Terms and their definitions.
    Glossary,
    /// Written by a trainer in the spec's `questions` section.
    Authored,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 8] = [
        QuestionKind::TimeLimit,
        QuestionKind::Owner,
        QuestionKind::Sequence,
        QuestionKind::Escalation,
        QuestionKind::Script,
        QuestionKind::Checklist,
        QuestionKind::Glossary,
        QuestionKind::Authored,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::TimeLimit => "time_limit",
            QuestionKind::Owner => "owner",
            QuestionKind::Sequence => "sequence",
            QuestionKind::Escalation => "escalation",
            QuestionKind::Script => "script",
            QuestionKind::Checklist => "checklist",
            QuestionKind::Glossary => "glossary",
            QuestionKind::Authored => "authored",
        }
    }

    /// The kind in Chinese, for category names and headings.
    pub fn title(self) -> &'static str {
        match self {
            QuestionKind::TimeLimit => "时限",
            QuestionKind::Owner => "职责",
            QuestionKind::Sequence => "流程顺序",
            QuestionKind::Escalation => "升级",
            QuestionKind::Script => "话术",
            QuestionKind::Checklist => "检查单",
            QuestionKind::Glossary => "术语",
            QuestionKind::Authored => "培训师出题",
        }
    }
}

/// The shape of a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// One right option among `options` (`answer` is its index).
    Single,
    /// `options` are 正确 and 错误, in that order; `answer` is the index.
    TrueFalse,
    /// Match each `pairs[].prompt` to its `pairs[].answer`; `options` is empty.
    Matching,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn title(self) -> &'static str {
        match self {
            Difficulty::Easy => "易",
            Difficulty::Medium => "中",
            Difficulty::Hard => "难",
        }
    }
}

/// What a question tests: an item of the spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Subject {
    /// The kind of item (`limit`, `step`, `role`, `script`, `checklist`, `term`, `flow`, `question`).
    pub kind: String,
    pub id: String,
    /// For a part (a step), the id of the item it belongs to (its flow).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// The clause a question comes from, and where the site shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Citation {
    pub standard: String,
    pub clause: String,
    /// The standard's title.
    pub standard_title: String,
    /// The clause's title, when the standard lists the clause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause_title: Option<String>,
    /// The clause's page in the site, relative to the site's root
    /// (`standards/ID.html#clause-N`).
    pub page: String,
}

/// The roles, standard and flows a question belongs to, for filtering and
/// for Moodle categories.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Tags {
    pub roles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    pub flows: Vec<String>,
}

/// One pair of a matching question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Pair {
    pub prompt: String,
    pub answer: String,
}

/// A question, sound and self-checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Question {
    /// `q-` and 16 hex digits: a hash of what the question tests, so it
    /// keeps its id across runs and edits elsewhere in the spec.
    pub id: String,
    pub kind: QuestionKind,
    pub form: Form,
    pub stem: String,
    /// The options in the order shown; empty for matching.
    pub options: Vec<String>,
    /// The index of the right option; null for matching.
    pub answer: Option<usize>,
    /// For matching: each prompt with its answer, in the order shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<Pair>,
    /// Why the answer is right, with what the standard says.
    pub explanation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
    pub subject: Subject,
    pub difficulty: Difficulty,
    pub tags: Tags,
}

/// What a generator proposes: a stem, a key, and candidate distractors in
/// tiers (the most telling first); the builder picks and checks.
pub struct Draft {
    pub kind: QuestionKind,
    /// What it tests, hashed into the id (e.g. `["limit", metric, scope]`).
    pub tests: Vec<String>,
    pub form: Form,
    pub stem: String,
    pub probe: Probe,
    pub key: Value,
    /// Distractor candidates, tier by tier; each tier is shuffled.
    pub pool: Vec<Vec<Value>>,
    pub explanation: String,
    pub subject: Subject,
    pub citation: Option<Citation>,
    pub difficulty: Difficulty,
    pub tags: Tags,
    /// The items whose facts the question relies on: a finding against one
    /// of them, or vagueness, removes it.
    pub facts: Vec<ItemRef>,
}

/// How many options a single-choice question shows at most.
pub const OPTIONS: usize = 4;

impl Draft {
    pub fn id(&self) -> String {
        let parts: Vec<&str> = std::iter::once(self.kind.as_str())
            .chain(self.tests.iter().map(String::as_str))
            .collect();
        format!("q-{:016x}", hash(&parts))
    }

    /// The question, or `None` when too few sound distractors exist or the
    /// self-check fails.
    pub fn build(self, cx: &Ctx) -> Option<Built> {
        let id = self.id();
        let (options, answer, pairs) = match self.form {
            Form::Matching => (Vec::new(), None, self.probe.pairs(cx)?),
            Form::TrueFalse => {
                let Value::Bool(key) = self.key else {
                    return None;
                };
                let options = vec![Value::Bool(true), Value::Bool(false)];
                (options, Some(usize::from(!key)), Vec::new())
            }
            Form::Single => {
                let chosen = self.choose(cx, &id)?;
                (chosen, Some(0), Vec::new())
            }
        };
        let question = Question {
            options: options.iter().map(|v| v.text(cx)).collect(),
            answer,
            pairs,
            id,
            kind: self.kind,
            form: self.form,
            stem: self.stem,
            explanation: self.explanation,
            citation: self.citation,
            subject: self.subject,
            difficulty: self.difficulty,
            tags: self.tags,
        };
        self_check(cx, &self.probe, &options, &question).then_some(Built {
            question,
            probe: self.probe,
            values: options,
        })
    }

    /// The key first, then up to three distractors the model says are
    /// wrong and that differ from every option already taken.
    fn choose(&self, cx: &Ctx, id: &str) -> Option<Vec<Value>> {
        let mut dice = Dice::new(0, id);
        let mut chosen = vec![self.key.clone()];
        for tier in &self.pool {
            let mut tier = tier.clone();
            dice.shuffle(&mut tier);
            for candidate in tier {
                if chosen.len() == OPTIONS {
                    break;
                }
                let distinct = chosen
                    .iter()
                    .all(|c| c.differs(cx, &candidate, &self.probe));
                if distinct && self.probe.judge(cx, &candidate) == Some(false) {
                    chosen.push(candidate);
                }
            }
        }
        (chosen.len() >= 3).then_some(chosen)
    }
}

/// A question with what its options stand for, so that the self-check can
/// be run again on it.
pub struct Built {
    pub question: Question,
    probe: Probe,
    values: Vec<Value>,
}

impl Built {
    /// The self-check once more, on the question as a quiz drawn with
    /// `seed` shows it (options shuffled): the key is the one option the
    /// model judges right.
    pub fn recheck(&self, cx: &Ctx, seed: u64) -> bool {
        let mut q = self.question.clone();
        let order = shuffle_options(&mut q, seed);
        let values: Vec<Value> = match q.form {
            Form::Single => order.iter().map(|&i| self.values[i].clone()).collect(),
            _ => self.values.clone(),
        };
        self_check(cx, &self.probe, &values, &q)
    }
}

/// The self-check: the key is right in the model, every other option is
/// wrong in it, and no two options read alike or mean the same.
fn self_check(cx: &Ctx, probe: &Probe, values: &[Value], q: &Question) -> bool {
    if q.form == Form::Matching {
        return !q.pairs.is_empty()
            && distinct(q.pairs.iter().map(|p| &p.prompt))
            && distinct(q.pairs.iter().map(|p| &p.answer));
    }
    let Some(answer) = q.answer else {
        return false;
    };
    // 正确 / 错误 are judged as the statement's truth, like any option.
    let judged_ok =
        (values.iter().enumerate()).all(|(i, v)| probe.judge(cx, v) == Some(i == answer));
    let pairwise = values
        .iter()
        .enumerate()
        .all(|(i, a)| values[i + 1..].iter().all(|b| a.differs(cx, b, probe)));
    judged_ok && pairwise && distinct(q.options.iter()) && q.options.len() >= 2
}

fn distinct<'a>(texts: impl Iterator<Item = &'a String>) -> bool {
    let mut seen = std::collections::HashSet::new();
    texts
        .map(|t| normalise(t))
        .all(|t| !t.is_empty() && seen.insert(t))
}

/// Text compared as a reader sees it: without white space and punctuation
/// differences of width.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '，' => ',',
            '。' => '.',
            '；' => ';',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect::<String>()
        .trim_end_matches(['.', ',', ';'])
        .to_owned()
}

/// Put the options of `q` in an order drawn from `seed`, moving `answer`;
/// returns the order (new position → old index).
pub fn shuffle_options(q: &mut Question, seed: u64) -> Vec<usize> {
    let mut dice = Dice::new(seed, &q.id);
    match q.form {
        Form::TrueFalse => (0..q.options.len()).collect(),
        Form::Matching => {
            dice.shuffle(&mut q.pairs);
            Vec::new()
        }
        Form::Single => {
            let mut order: Vec<usize> = (0..q.options.len()).collect();
            dice.shuffle(&mut order);
            q.options = order.iter().map(|&i| q.options[i].clone()).collect();
            q.answer = q.answer.and_then(|a| order.iter().position(|&i| i == a));
            order
        }
    }
}
