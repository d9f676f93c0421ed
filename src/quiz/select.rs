//! Choosing a quiz from the bank: the filters, then a stratified draw so
//! that no flow (or standard, for questions about none) crowds out the
//! rest, kinds interleaved within each stratum, each question once; the
//! order of questions and of their options drawn from the seed.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::Serialize;

use super::dice::Dice;
use super::question::{Difficulty, Question, QuestionKind, shuffle_options};

/// What a quiz is restricted to; an empty list restricts nothing.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Filters {
    /// Role ids, with the roles below them (a department's posts).
    pub roles: Vec<String>,
    pub standards: Vec<String>,
    pub flows: Vec<String>,
    pub kinds: Vec<QuestionKind>,
    pub difficulties: Vec<Difficulty>,
}

impl Filters {
    pub fn admits(&self, q: &Question) -> bool {
        let any = |wanted: &[String], have: &[String]| {
            wanted.is_empty() || have.iter().any(|h| wanted.contains(h))
        };
        any(&self.roles, &q.tags.roles)
            && any(&self.flows, &q.tags.flows)
            && (self.standards.is_empty()
                || q.tags
                    .standard
                    .as_ref()
                    .is_some_and(|s| self.standards.contains(s)))
            && (self.kinds.is_empty() || self.kinds.contains(&q.kind))
            && (self.difficulties.is_empty() || self.difficulties.contains(&q.difficulty))
    }
}

/// Up to `count` questions of `bank` that `filters` admit (all when `count`
/// is 0), stratified by flow, in an order drawn from `seed`. `bank` may be
/// any part of a bank that holds every question the filters admit, in the
/// bank's order: the quiz is the same.
pub fn select<'q>(
    bank: impl IntoIterator<Item = &'q Question>,
    filters: &Filters,
    count: usize,
    seed: u64,
) -> Vec<Question> {
    let mut strata: BTreeMap<String, Vec<&Question>> = BTreeMap::new();
    for q in bank.into_iter().filter(|q| filters.admits(q)) {
        strata.entry(stratum(q)).or_default().push(q);
    }
    let mut queues: Vec<Vec<&Question>> = strata
        .into_iter()
        .map(|(key, mut group)| {
            Dice::new(seed, &key).shuffle(&mut group);
            interleave_kinds(group)
        })
        .collect();
    Dice::new(seed, "strata").shuffle(&mut queues);
    let want = if count == 0 { usize::MAX } else { count };
    let mut chosen: Vec<Question> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut round = 0;
    while chosen.len() < want && queues.iter().any(|q| round < q.len()) {
        for queue in &queues {
            if let Some(q) = queue.get(round)
                && chosen.len() < want
                && seen.insert(q.id.clone())
            {
                chosen.push((*q).clone());
            }
        }
        round += 1;
    }
    Dice::new(seed, "order").shuffle(&mut chosen);
    for q in &mut chosen {
        let _ = shuffle_options(q, seed);
    }
    chosen
}

/// The first flow a question is about, else its standard.
fn stratum(q: &Question) -> String {
    match (q.tags.flows.first(), &q.tags.standard) {
        (Some(flow), _) => format!("flow:{flow}"),
        (None, Some(standard)) => format!("standard:{standard}"),
        (None, None) => "-".to_owned(),
    }
}

/// The group in an order that takes one of each kind in turn.
fn interleave_kinds(group: Vec<&Question>) -> Vec<&Question> {
    let mut by_kind: BTreeMap<QuestionKind, Vec<&Question>> = BTreeMap::new();
    for q in group {
        by_kind.entry(q.kind).or_default().push(q);
    }
    let longest = by_kind.values().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| by_kind.values().filter_map(move |qs| qs.get(i).copied()))
        .collect()
}
