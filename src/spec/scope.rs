//! The one rule of scope coverage: every lint, and every output that asks
//! which limits apply to a case (the record audit), uses it.
//!
//! A limit applies in a case when its scope covers the case: every field
//! the scope sets, the case sets to the same value. So a limit for all
//! cases applies to every priority class, channel and customer tier, in
//! every rule, and two limits are held against each other in each case
//! where both apply: the cases a rule checks are the scopes of the limits
//! involved and where two of them meet ([`cases`]). Of several limits of
//! one step or flow, the most specific that applies is the one that counts
//! ([`applicable`]).

use std::collections::BTreeSet;

use crate::spec::model::Scope;
use crate::spec::span::Sp;

/// A scope's values without their positions, so scopes compare by meaning.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeKey {
    pub priority: Option<String>,
    pub customer: Option<String>,
    pub other_departments: Option<bool>,
    pub channel: Option<String>,
    pub business: Option<String>,
    pub condition: Option<String>,
}

impl ScopeKey {
    pub fn of(scope: &Scope) -> Self {
        let text = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
        ScopeKey {
            priority: text(&scope.priority),
            customer: text(&scope.customer),
            other_departments: scope.other_departments.as_ref().map(|b| b.value),
            channel: text(&scope.channel),
            business: text(&scope.business),
            condition: text(&scope.condition),
        }
    }

    /// The same scope with the priority class left out.
    pub fn without_priority(&self) -> Self {
        ScopeKey {
            priority: None,
            ..self.clone()
        }
    }

    /// Whether a limit of this scope applies in the narrower scope `other`:
    /// every field this scope sets, `other` sets to the same value.
    pub fn covers(&self, other: &ScopeKey) -> bool {
        fn field<T: PartialEq>(mine: &Option<T>, theirs: &Option<T>) -> bool {
            mine.is_none() || mine == theirs
        }
        field(&self.priority, &other.priority)
            && field(&self.customer, &other.customer)
            && field(&self.other_departments, &other.other_departments)
            && field(&self.channel, &other.channel)
            && field(&self.business, &other.business)
            && field(&self.condition, &other.condition)
    }

    /// The narrowest scope covered by both, if they do not contradict each
    /// other (a priority class and a channel meet in that class on that
    /// channel; two classes never meet).
    pub fn meet(&self, other: &ScopeKey) -> Option<ScopeKey> {
        fn field<T: Clone + PartialEq>(a: &Option<T>, b: &Option<T>) -> Result<Option<T>, ()> {
            match (a, b) {
                (Some(x), Some(y)) if x != y => Err(()),
                _ => Ok(a.clone().or_else(|| b.clone())),
            }
        }
        Some(ScopeKey {
            priority: field(&self.priority, &other.priority).ok()?,
            customer: field(&self.customer, &other.customer).ok()?,
            other_departments: field(&self.other_departments, &other.other_departments).ok()?,
            channel: field(&self.channel, &other.channel).ok()?,
            business: field(&self.business, &other.business).ok()?,
            condition: field(&self.condition, &other.condition).ok()?,
        })
    }

    /// How many fields are set: the more, the more specific.
    pub fn specificity(&self) -> usize {
        [
            self.priority.is_some(),
            self.customer.is_some(),
            self.other_departments.is_some(),
            self.channel.is_some(),
            self.business.is_some(),
            self.condition.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count()
    }

    /// The scope in words, for messages: `priority cmcc-important, 涉及外部门`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.priority {
            parts.push(format!("priority `{p}`"));
        }
        for s in [
            &self.customer,
            &self.channel,
            &self.business,
            &self.condition,
        ]
        .into_iter()
        .flatten()
        {
            parts.push(s.clone());
        }
        match self.other_departments {
            Some(true) => parts.push("涉及外部门".to_owned()),
            Some(false) => parts.push("不涉及外部门".to_owned()),
            None => {}
        }
        if parts.is_empty() {
            "all cases".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// The cases worth checking for limits of these scopes: each scope, and the
/// meet of each pair that meets, without repeats, most general first. Meets
/// are formed among up to [`MAX_MEETS`] distinct scopes; beyond that (a
/// metric shared by thousands of standards) the scopes alone are the cases,
/// so that the rules stay near linear.
pub fn cases<'a>(scopes: impl IntoIterator<Item = &'a ScopeKey>) -> Vec<ScopeKey> {
    let distinct: BTreeSet<&ScopeKey> = scopes.into_iter().collect();
    let mut all: Vec<ScopeKey> = distinct.iter().map(|s| (*s).clone()).collect();
    if distinct.len() <= MAX_MEETS {
        let list: Vec<&ScopeKey> = distinct.into_iter().collect();
        for (i, a) in list.iter().enumerate() {
            all.extend(list[i + 1..].iter().filter_map(|b| a.meet(b)));
        }
    }
    all.sort_by_key(|s| (s.specificity(), s.clone()));
    all.dedup();
    all
}

/// Distinct scopes among which [`cases`] forms meets.
const MAX_MEETS: usize = 64;

/// Of `limits` with their scopes, the one that applies in `case`: its
/// scope covers the case, and it is the most specific such (the earlier
/// one of equal specificity).
pub fn applicable<'s>(
    limits: impl IntoIterator<Item = (usize, &'s ScopeKey)>,
    case: &ScopeKey,
) -> Option<usize> {
    applicable_all(limits, case).into_iter().min()
}

/// Of `limits` with their scopes, every one of the most specific that
/// cover `case` (several when a standard says two things for one case).
pub fn applicable_all<'s>(
    limits: impl IntoIterator<Item = (usize, &'s ScopeKey)>,
    case: &ScopeKey,
) -> Vec<usize> {
    let covering: Vec<(usize, usize)> = limits
        .into_iter()
        .filter(|(_, scope)| scope.covers(case))
        .map(|(i, scope)| (i, scope.specificity()))
        .collect();
    let most = covering.iter().map(|&(_, s)| s).max();
    covering
        .into_iter()
        .filter(|&(_, s)| Some(s) == most)
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(priority: Option<&str>, channel: Option<&str>) -> ScopeKey {
        ScopeKey {
            priority: priority.map(str::to_owned),
            channel: channel.map(str::to_owned),
            ..ScopeKey::default()
        }
    }

    #[test]
    fn all_cases_cover_every_class_and_classes_meet_channels() {
        let all = ScopeKey::default();
        let hi = scope(Some("hi"), None);
        let lo = scope(Some("lo"), None);
        let hotline = scope(None, Some("热线"));
        assert!(all.covers(&hi) && !hi.covers(&all));
        assert_eq!(hi.meet(&lo), None);
        assert_eq!(hi.meet(&hotline), Some(scope(Some("hi"), Some("热线"))));
        let found = cases([&all, &hi, &lo, &hotline]);
        assert_eq!(found.len(), 6, "{found:?}");
        assert_eq!(found[0], all);
        let limits = [(0, &all), (1, &hi)];
        assert_eq!(applicable(limits, &hi), Some(1));
        assert_eq!(applicable(limits, &lo), Some(0));
        assert_eq!(applicable([(1, &hi)], &all), None);
    }
}
