//! Soundness by construction: a fact that the lints find contradicted, or
//! a limit too vague to time, has no single right answer, so no question
//! asks about it. Each question names the items it relies on (its facts);
//! a finding about one of them removes it, and each finding's count of
//! removed questions is kept for the closing note.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::lint::Finding;
use crate::spec::Spec;
use crate::spec::duration::Duration;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::LimitKind;

/// The rules whose findings mean that the facts they name contradict each
/// other (or, SLA017, are superseded): what they say has no single answer.
pub const CONTRADICTIONS: &[&str] = &[
    "SLA001", "SLA002", "SLA003", "SLA004", "SLA005", "SLA008", "SLA011", "SLA012", "SLA013",
    "SLA015", "SLA016", "SLA017",
];

/// Why facts are not asked about, and how many candidate questions each
/// reason removed.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Removal {
    /// The rule (`SLA001`), or `vague` for a vague limit no rule reported.
    pub code: String,
    pub message: String,
    /// `file:line:col` of the finding.
    pub place: String,
    /// Candidate questions it removed.
    pub questions: usize,
}

pub struct Soundness {
    reasons: Vec<Removal>,
    by_item: HashMap<ItemRef, Vec<usize>>,
}

impl Soundness {
    pub fn new(spec: &Spec, findings: &[Finding]) -> Self {
        let mut s = Soundness {
            reasons: Vec::new(),
            by_item: HashMap::new(),
        };
        let relevant = findings
            .iter()
            .filter(|f| CONTRADICTIONS.contains(&f.diag.code) || f.diag.code == "SLA007");
        for f in relevant {
            s.add(
                f.diag.code,
                &f.diag.message,
                f.diag.place.to_string(),
                &f.subjects,
            );
        }
        for (i, limit) in spec.limits.iter().enumerate() {
            let at = ItemRef::new(Kind::Limit, i);
            let info = &spec.limit_info[i];
            let vague = info.kind == LimitKind::Vague
                || matches!(info.duration, Some(Duration::Vague { .. }) | None);
            if vague && !s.by_item.contains_key(&at) {
                let message = format!("limit `{}` is vague: `{}`", limit.id.value, info.text);
                let place = format!(
                    "{}:{}:{}",
                    limit.file, limit.duration.pos.line, limit.duration.pos.col
                );
                s.add("vague", &message, place, &[at]);
            }
        }
        s
    }

    fn add(&mut self, code: &str, message: &str, place: String, subjects: &[ItemRef]) {
        let k = self.reasons.len();
        self.reasons.push(Removal {
            code: code.to_owned(),
            message: message.to_owned(),
            place,
            questions: 0,
        });
        for subject in subjects {
            self.by_item.entry(*subject).or_default().push(k);
        }
    }

    /// Whether a question relying on `facts` must not be asked; if so, each
    /// reason counts it once.
    pub fn removes(&mut self, facts: &[ItemRef]) -> bool {
        let mut reasons: Vec<usize> = facts
            .iter()
            .filter_map(|f| self.by_item.get(f))
            .flatten()
            .copied()
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        for &k in &reasons {
            self.reasons[k].questions += 1;
        }
        !reasons.is_empty()
    }

    /// The reasons that removed a question, most first.
    pub fn removals(self) -> Vec<Removal> {
        let mut out: Vec<Removal> = self
            .reasons
            .into_iter()
            .filter(|r| r.questions > 0)
            .collect();
        out.sort_by(|a, b| b.questions.cmp(&a.questions).then(a.place.cmp(&b.place)));
        out
    }
}
