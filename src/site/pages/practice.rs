//! The practice quizzes: one per role and per flow that has questions,
//! linked from its page, and an index of them. The questions come from
//! the question bank (knowledge of the model, which `guifan quiz` reads
//! too: the site never calls the quiz output), drawn as `guifan quiz
//! --role ID` or `--flow ID` draws them by default (the role and the roles
//! below it; 20 questions, seed 1), and the page is played by the quiz
//! player (`static/quiz.js`, `static/quiz.css`), from `file://` too.

use serde::Serialize;
use serde_json::{Value, json};

use super::Site;
use crate::output::Checked;
use crate::quiz::{self, Filters, Question, player};
use crate::site::url;
use crate::spec::Spec;
use crate::spec::kind::{ItemRef, Kind};

/// The questions of every practice quiz, drawn once per build.
pub struct Practice {
    /// By role index; empty: the role has no quiz.
    roles: Vec<Vec<Question>>,
    /// By flow index.
    flows: Vec<Vec<Question>>,
}

impl Practice {
    pub fn new(checked: &Checked) -> Practice {
        let spec = &checked.spec;
        let bank = quiz::generate(checked).questions;
        let (by_role, by_flow) = index(spec, &bank);
        // Each draw reads only its own part of the bank, in the bank's order.
        let draw = |filters: Filters, mut picks: Vec<usize>| {
            picks.sort_unstable();
            picks.dedup();
            let part = picks.iter().map(|&k| &bank[k]);
            quiz::select::select(part, &filters, quiz::DEFAULT_COUNT, quiz::DEFAULT_SEED)
        };
        let roles = (0..spec.roles.len())
            .map(|i| {
                let ids = quiz::roles_and_below(spec, [i]);
                let picks = (ids.iter())
                    .filter_map(|id| spec.index_of(Kind::Role, id))
                    .flat_map(|r| by_role[r].iter().copied())
                    .collect();
                draw(
                    Filters {
                        roles: ids,
                        ..Filters::default()
                    },
                    picks,
                )
            })
            .collect();
        let flows = (0..spec.flows.len())
            .map(|i| {
                let flows = vec![spec.flows[i].id.value.clone()];
                draw(
                    Filters {
                        flows,
                        ..Filters::default()
                    },
                    by_flow[i].clone(),
                )
            })
            .collect();
        Practice { roles, flows }
    }

    /// The questions of the quiz of a role or flow (none for other kinds).
    pub fn of(&self, at: ItemRef) -> &[Question] {
        let list = match at.kind {
            Kind::Role => self.roles.get(at.index),
            Kind::Flow => self.flows.get(at.index),
            _ => None,
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// The roles, then the flows, that have a quiz.
    pub fn quizzes(&self) -> Vec<ItemRef> {
        let has = |kind: Kind, lists: &[Vec<Question>]| -> Vec<ItemRef> {
            (lists.iter().enumerate())
                .filter(|(_, qs)| !qs.is_empty())
                .map(|(i, _)| ItemRef::new(kind, i))
                .collect()
        };
        let mut all = has(Kind::Role, &self.roles);
        all.extend(has(Kind::Flow, &self.flows));
        all
    }
}

/// The bank's questions (their indexes) by each role and flow they are tagged with.
fn index(spec: &Spec, bank: &[Question]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    // The questions tagged with each item of `kind`, by the item's index.
    let by = |kind: Kind, count: usize, tags: fn(&Question) -> &[String]| {
        let mut lists = vec![Vec::new(); count];
        for (k, q) in bank.iter().enumerate() {
            for i in tags(q).iter().filter_map(|id| spec.index_of(kind, id)) {
                lists[i].push(k);
            }
        }
        lists
    };
    (
        by(Kind::Role, spec.roles.len(), |q| &q.tags.roles),
        by(Kind::Flow, spec.flows.len(), |q| &q.tags.flows),
    )
}

/// Where the quiz of a role or flow is written.
pub fn path(site: &Site, at: ItemRef) -> String {
    match at.kind {
        Kind::Role => url::role_quiz(&site.spec.roles[at.index].id.value),
        _ => url::flow_quiz(&site.spec.flows[at.index].id.value),
    }
}

/// What a role's or flow's page shows of its quiz: a link with the number
/// of questions, or null when it has none.
pub fn link(site: &Site, at: ItemRef) -> Value {
    let n = site.practice.of(at).len();
    if n == 0 {
        return Value::Null;
    }
    let label = site.t("quiz_link").replace("{n}", &n.to_string());
    json!({"url": path(site, at), "label": label})
}

fn about(site: &Site, at: ItemRef) -> Value {
    match at.kind {
        Kind::Role => site.role_ref(at.index),
        _ => site.flow_ref(at.index),
    }
}

/// The quiz as the player reads it: clause links lead from the page back
/// to the site's root.
#[derive(Serialize)]
struct Data<'a> {
    site: String,
    questions: &'a [Question],
}

/// The page of a quiz.
pub fn page(site: &Site, at: ItemRef) -> Value {
    let questions = site.practice.of(at);
    let about = about(site, at);
    let title = about["title"].as_str().unwrap_or_default();
    let data = Data {
        site: url::root_of(&path(site, at)),
        questions,
    };
    let data = serde_json::to_string(&data).expect("questions serialise to JSON");
    json!({
        "page_title": site.t("quiz_title").replace("{title}", title),
        "nav": "quizzes",
        "about": about,
        "about_kind": site.kind_label(at.kind.as_str()),
        "intro": site.t("quiz_intro").replace("{n}", &questions.len().to_string()),
        "data": player::script_json(&data),
    })
}

/// The index of the quizzes: what each is about, and how many questions.
pub fn index_page(site: &Site) -> Value {
    let rows: Vec<Value> = (site.practice.quizzes().into_iter())
        .map(|at| {
            let about = about(site, at);
            json!([
                {"text": about["title"], "url": path(site, at)},
                {"text": site.kind_label(at.kind.as_str()), "url": null},
                {"text": site.practice.of(at).len(), "url": null},
            ])
        })
        .collect();
    let page = json!({
        "page_title": site.t("nav_quizzes"),
        "nav": "quizzes",
        "columns": [site.t("quiz_of"), site.t("kind"), site.t("quiz_questions")],
    });
    super::with_lists(page, [("rows", rows)])
}
