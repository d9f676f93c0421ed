//! The question bank: every sound question the model yields, each kind's
//! generator run over the checked spec, the drafts that rely on a
//! contradicted or vague fact removed (and counted), the rest built and
//! self-checked, none twice.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use super::question::{Built, Citation, Draft, Question, normalise};
use super::soundness::{Removal, Soundness};
use super::{authored, checklist, escalation, glossary, owner, script, sequence, time_limit};
use crate::output::Checked;
use crate::spec::Spec;
use crate::spec::kind::Kind;
use crate::spec::model;

/// What generators read: the model and the indexes they share.
pub struct Ctx<'a> {
    pub spec: &'a Spec,
    /// Clocks and limit scopes, as the lints compare them.
    pub lint: crate::lint::Context<'a>,
    /// Limits by metric, in spec order.
    pub by_metric: HashMap<&'a str, Vec<usize>>,
    /// Roles by title (two standards may both have a 客户服务部).
    pub roles_by_title: HashMap<&'a str, Vec<usize>>,
    /// The standard each role cites, by index.
    pub role_standard: Vec<Option<usize>>,
    /// Roles by the standard they cite, in spec order.
    pub roles_by_standard: HashMap<usize, Vec<usize>>,
    /// Each role's duties, normalised.
    pub duties: Vec<HashSet<String>>,
    /// Priority class id → its title.
    pub classes: HashMap<&'a str, &'a str>,
    /// Every forbidden phrase of every script, normalised.
    pub forbidden: HashSet<String>,
    /// Every item of every checklist, normalised.
    pub check_items: HashSet<String>,
    /// Term titles by their definition, normalised.
    pub definitions: HashMap<String, Vec<&'a str>>,
}

impl<'a> Ctx<'a> {
    pub fn new(spec: &'a Spec) -> Self {
        let mut by_metric: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, l) in spec.limits.iter().enumerate() {
            by_metric
                .entry(l.metric.value.as_str())
                .or_default()
                .push(i);
        }
        let mut roles_by_title: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in spec.roles.iter().enumerate() {
            roles_by_title
                .entry(r.title.value.as_str())
                .or_default()
                .push(i);
        }
        let role_standard: Vec<Option<usize>> = spec
            .roles
            .iter()
            .map(|r| standard_index(spec, r.source.as_ref()))
            .collect();
        let mut roles_by_standard: HashMap<usize, Vec<usize>> = HashMap::new();
        for (r, s) in role_standard.iter().enumerate() {
            if let Some(s) = s {
                roles_by_standard.entry(*s).or_default().push(r);
            }
        }
        let duties = (spec.roles.iter())
            .map(|r| r.duties.iter().map(|d| normalise(&d.value)).collect())
            .collect();
        let mut definitions: HashMap<String, Vec<&str>> = HashMap::new();
        for t in &spec.terms {
            definitions
                .entry(normalise(&t.definition.value))
                .or_default()
                .push(&t.title.value);
        }
        Ctx {
            definitions,
            spec,
            lint: crate::lint::Context::new(spec),
            by_metric,
            roles_by_title,
            role_standard,
            roles_by_standard,
            classes: (spec.priorities.iter())
                .flat_map(|s| s.classes.iter())
                .map(|c| (c.id.value.as_str(), c.title.value.as_str()))
                .collect(),
            duties,
            forbidden: (spec.scripts.iter())
                .flat_map(|s| s.forbidden.iter())
                .map(|f| normalise(&f.text.value))
                .collect(),
            check_items: (spec.checklists.iter())
                .flat_map(|c| c.items.iter())
                .map(|i| normalise(&i.text.value))
                .collect(),
        }
    }

    /// The citation of a question from the clause `cite` names.
    pub fn citation(&self, cite: Option<&model::Citation>) -> Option<Citation> {
        let (standard, clause) = cite?.value.parts()?;
        let s = self.spec.standard(standard)?;
        let clause_title = (s.clauses.iter())
            .find(|c| c.number.value == clause)
            .map(|c| c.title.value.clone());
        Some(Citation {
            standard: standard.to_owned(),
            clause: clause.to_owned(),
            standard_title: s.title.value.clone(),
            clause_title,
            page: crate::site::url::clause(standard, clause),
        })
    }

    /// `《title》第 N 条`-style words for a citation, for explanations.
    pub fn cited(&self, c: &Option<Citation>) -> String {
        match c {
            Some(c) => format!("《{}》{}", c.standard_title, c.clause),
            None => "标准".to_owned(),
        }
    }

    /// `按照《title》，` for a stem, or nothing without a citation.
    pub fn per(&self, c: &Option<Citation>) -> String {
        c.as_ref()
            .map_or_else(String::new, |c| format!("按照《{}》，", c.standard_title))
    }

    /// A role as a stem names it: its title, and its standard when another
    /// role has the same title; `None` when even that is ambiguous.
    pub fn role_label(&self, r: usize) -> Option<String> {
        let role = &self.spec.roles[r];
        let same = &self.roles_by_title[role.title.value.as_str()];
        if same.len() == 1 {
            return Some(role.title.value.clone());
        }
        let mine = self.role_standard[r]?;
        if same
            .iter()
            .filter(|&&o| self.role_standard[o] == Some(mine))
            .count()
            > 1
        {
            return None;
        }
        Some(format!(
            "{}（{}）",
            role.title.value, self.spec.standards[mine].title.value
        ))
    }

    /// The roles citing standard `s` (none without a standard).
    pub fn roles_of(&self, s: Option<usize>) -> &[usize] {
        s.and_then(|s| self.roles_by_standard.get(&s))
            .map_or(&[], Vec::as_slice)
    }

    pub fn role_id(&self, r: usize) -> String {
        self.spec.roles[r].id.value.clone()
    }

    pub fn flow_id(&self, f: usize) -> String {
        self.spec.flows[f].id.value.clone()
    }
}

/// The index of the standard a citation names.
pub fn standard_index(spec: &Spec, cite: Option<&model::Citation>) -> Option<usize> {
    let (standard, _) = cite?.value.parts()?;
    spec.index_of(Kind::Standard, standard)
}

/// Every sound question of the spec, with what was left out and why.
pub struct Bank {
    pub questions: Vec<Question>,
    pub stats: Stats,
}

/// Figures about a bank, for the closing note and the JSON.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Stats {
    /// Candidate questions the generators proposed.
    pub candidates: usize,
    /// Sound questions in the bank.
    pub sound: usize,
    /// Candidates removed because a fact they rely on is contradicted or vague.
    pub removed: usize,
    /// Candidates left out because the model offers too few options that
    /// are surely wrong, or the self-check refused the key.
    pub unsound: usize,
    /// Candidates that repeat a question already in the bank.
    pub repeated: usize,
    /// The bank by kind.
    pub by_kind: BTreeMap<String, usize>,
    /// The bank by standard (`-` when a question cites none).
    pub by_standard: BTreeMap<String, usize>,
    /// Each finding or vague limit that removed candidates, most first.
    pub removals: Vec<Removal>,
}

/// Generate the bank of `checked`.
pub fn generate(checked: &Checked) -> Bank {
    let cx = Ctx::new(&checked.spec);
    let (built, stats) = build_all(&cx);
    let questions = built.into_iter().map(|b| b.question).collect();
    Bank { questions, stats }
}

/// The self-check run again over every question of the bank, as quizzes
/// drawn with `seeds` show them: the number of questions checked, and the
/// ids of those whose key is not the one right option.
pub fn audit(checked: &Checked, seeds: &[u64]) -> (usize, Vec<String>) {
    let cx = Ctx::new(&checked.spec);
    let (built, _) = build_all(&cx);
    let failed = (built.iter())
        .filter(|b| !seeds.iter().all(|&seed| b.recheck(&cx, seed)))
        .map(|b| b.question.id.clone())
        .collect();
    (built.len(), failed)
}

/// How many drafts are built in parallel at a time: enough to keep the
/// cores busy, few enough that the drafts waiting take no memory to speak of.
const CHUNK: usize = 512;

fn build_all(cx: &Ctx) -> (Vec<Built>, Stats) {
    let spec = cx.spec;
    let mut soundness = Soundness::new(spec, &crate::lint::findings_in(&cx.lint, |_| true));
    let generators: [fn(&Ctx) -> Vec<Draft>; 7] = [
        owner::drafts,
        sequence::drafts,
        escalation::drafts,
        script::drafts,
        checklist::drafts,
        glossary::drafts,
        authored::drafts,
    ];
    let mut stats = Stats::default();
    let mut built: Vec<Built> = Vec::new();
    let mut seen_ids = HashSet::new();
    let mut seen_stems = HashSet::new();
    let mut drafts = time_limit::drafts(cx).chain(generators.iter().flat_map(|g| g(cx)));
    // A chunk at a time: the sound drafts are built in parallel (building
    // a question is most of the bank's time, and depends on nothing
    // before it), then taken in order, so the bank is what one pass gives.
    loop {
        let chunk: Vec<Draft> = drafts.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let proposed = chunk.len();
        let sound: Vec<Draft> = (chunk.into_iter())
            .filter(|draft| !soundness.removes(&draft.facts))
            .collect();
        stats.candidates += proposed;
        stats.removed += proposed - sound.len();
        let builds: Vec<_> = (sound.into_par_iter())
            .map(|draft| {
                let keys = (draft.id(), (draft.kind, normalise(&draft.stem)));
                (keys, draft.build(cx))
            })
            .collect();
        for ((id, stem_key), build) in builds {
            if seen_ids.contains(&id) || seen_stems.contains(&stem_key) {
                stats.repeated += 1;
                continue;
            }
            match build {
                Some(b) => {
                    seen_ids.insert(b.question.id.clone());
                    seen_stems.insert(stem_key);
                    built.push(b);
                }
                None => stats.unsound += 1,
            }
        }
    }
    for b in &built {
        let q = &b.question;
        *stats.by_kind.entry(q.kind.as_str().to_owned()).or_default() += 1;
        let standard = q.tags.standard.clone().unwrap_or_else(|| "-".to_owned());
        *stats.by_standard.entry(standard).or_default() += 1;
    }
    stats.sound = built.len();
    stats.removals = soundness.removals();
    (built, stats)
}
