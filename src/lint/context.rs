//! What the rules share: limits indexed by metric, each limit's scope and
//! business calendar worked out once, and comparisons that remember when
//! they could not be made for want of a calendar (for `SLA006`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use crate::diag::Place;
use crate::spec::calendar::{self, Span, Undecided, WorkingDay};
use crate::spec::duration::{Amount, Duration, Quantity};
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::Scope;
use crate::spec::{Located, Spec};

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
        let text = |s: &Option<crate::spec::span::Sp<String>>| s.as_ref().map(|s| s.value.clone());
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

/// A comparison that needed a business calendar and had none.
pub struct NeedsCalendar {
    pub place: Place,
    pub other: Place,
    pub what: String,
    pub subject: ItemRef,
}

pub struct Context<'a> {
    pub spec: &'a Spec,
    scopes: Vec<ScopeKey>,
    days: Vec<Option<WorkingDay>>,
    by_metric: BTreeMap<&'a str, Vec<usize>>,
    /// Priority class id → (scale id, rank; 0 = most urgent).
    ranks: HashMap<&'a str, (&'a str, usize)>,
    needs_calendar: Mutex<Vec<NeedsCalendar>>,
}

impl<'a> Context<'a> {
    pub fn new(spec: &'a Spec) -> Self {
        let mut by_metric: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, limit) in spec.limits.iter().enumerate() {
            by_metric
                .entry(limit.metric.value.as_str())
                .or_default()
                .push(i);
        }
        Context {
            spec,
            scopes: spec.limits.iter().map(|l| ScopeKey::of(&l.scope)).collect(),
            days: (spec.relations.limits.iter())
                .map(|l| working_day(spec, l.calendar))
                .collect(),
            by_metric,
            ranks: spec
                .priorities
                .iter()
                .flat_map(|scale| {
                    scale
                        .classes
                        .iter()
                        .enumerate()
                        .map(|(rank, c)| (c.id.value.as_str(), (scale.id.value.as_str(), rank)))
                })
                .collect(),
            needs_calendar: Mutex::new(Vec::new()),
        }
    }

    /// Limits grouped by metric, in metric order; each group in spec order.
    pub fn metrics(&self) -> impl Iterator<Item = (&'a str, &[usize])> {
        self.by_metric.iter().map(|(m, v)| (*m, v.as_slice()))
    }

    /// A priority class's scale and rank (0 = most urgent).
    pub fn rank(&self, class: &str) -> Option<(&'a str, usize)> {
        self.ranks.get(class).copied()
    }

    /// Requirements: the limits of each metric grouped by equal scope, in
    /// metric then scope order.
    pub fn requirements(&self) -> Vec<(&'a str, &ScopeKey, Vec<usize>)> {
        let mut out = Vec::new();
        for (metric, limits) in self.metrics() {
            let mut by_scope: BTreeMap<&ScopeKey, Vec<usize>> = BTreeMap::new();
            for &i in limits {
                by_scope.entry(self.scope(i)).or_default().push(i);
            }
            out.extend(
                by_scope
                    .into_iter()
                    .map(|(scope, group)| (metric, scope, group)),
            );
        }
        out
    }

    pub fn scope(&self, limit: usize) -> &ScopeKey {
        &self.scopes[limit]
    }

    /// The working day of the calendar that the limit's standard names.
    pub fn day(&self, limit: usize) -> Option<WorkingDay> {
        self.days[limit]
    }

    /// The working day of a flow's standard.
    pub fn flow_day(&self, flow: usize) -> Option<WorkingDay> {
        working_day(self.spec, self.spec.relations.flows[flow].calendar)
    }

    pub fn limit(&self, limit: usize) -> &'a Located<crate::spec::model::Limit> {
        &self.spec.limits[limit]
    }

    /// The index of the limit with `id`.
    pub fn limit_index(&self, id: &str) -> Option<usize> {
        self.spec.index_of(Kind::Limit, id)
    }

    pub fn duration(&self, limit: usize) -> Option<&'a Duration> {
        self.spec.limit_info[limit].duration.as_ref()
    }

    /// The span a limit grants, for limits that grant one (deadlines,
    /// responses, retention windows; a range grants its upper end).
    pub fn quantity(&self, limit: usize) -> Option<Quantity> {
        match self.duration(limit)? {
            Duration::Span { .. } | Duration::Range { .. } | Duration::Retention { .. } => {
                self.duration(limit)?.normalised()
            }
            _ => None,
        }
    }

    /// The limit's duration as written.
    pub fn text(&self, limit: usize) -> &'a str {
        &self.spec.limit_info[limit].text
    }

    /// Where the limit's duration is written.
    pub fn place(&self, limit: usize) -> Place {
        let l = &self.spec.limits[limit];
        Place::new(&l.file, l.duration.pos)
    }

    /// Order two limits' spans. `None` when they cannot be ordered; when that
    /// is for want of a calendar, the comparison is remembered for SLA006.
    pub fn compare(&self, a: usize, b: usize, subject: ItemRef, what: &str) -> Option<Ordering> {
        let (qa, qb) = (self.quantity(a)?, self.quantity(b)?);
        let day = if self.day(a) == self.day(b) {
            self.day(a)
        } else {
            None
        };
        self.compare_quantities(qa, qb, day, (self.place(b), self.place(a)), subject, what)
    }

    /// Order two quantities under `day`, remembering a missing calendar as
    /// [`Self::compare`] does.
    pub fn compare_quantities(
        &self,
        a: Quantity,
        b: Quantity,
        day: Option<WorkingDay>,
        places: (Place, Place),
        subject: ItemRef,
        what: &str,
    ) -> Option<Ordering> {
        self.decide(
            calendar::compare(a, b, day),
            places.0,
            places.1,
            subject,
            what,
        )
    }

    /// Order two spans, remembering a missing calendar as [`Self::compare`] does.
    pub fn compare_spans(
        &self,
        a: Span,
        b: Span,
        places: (Place, Place),
        subject: ItemRef,
        what: &str,
    ) -> Option<Ordering> {
        self.decide(calendar::order(a, b), places.0, places.1, subject, what)
    }

    /// The span of a quantity under `day`, remembering a missing calendar.
    pub fn span(
        &self,
        q: Quantity,
        day: Option<WorkingDay>,
        places: (Place, Place),
        subject: ItemRef,
        what: &str,
    ) -> Option<Span> {
        let span = Span::of(q, day);
        if span.is_none() {
            self.decide(
                Err(Undecided::NeedsCalendar),
                places.0,
                places.1,
                subject,
                what,
            );
        }
        span
    }

    fn decide(
        &self,
        result: Result<Ordering, Undecided>,
        place: Place,
        other: Place,
        subject: ItemRef,
        what: &str,
    ) -> Option<Ordering> {
        match result {
            Ok(order) => Some(order),
            Err(Undecided::Overlap) => None,
            Err(Undecided::NeedsCalendar) => {
                self.needs_calendar
                    .lock()
                    .expect("not poisoned")
                    .push(NeedsCalendar {
                        place,
                        other,
                        what: what.to_owned(),
                        subject,
                    });
                None
            }
        }
    }

    /// The comparisons that needed a calendar, each once.
    pub fn take_needs_calendar(&self) -> Vec<NeedsCalendar> {
        let mut needs = std::mem::take(&mut *self.needs_calendar.lock().expect("not poisoned"));
        needs.sort_by(|a, b| (&a.place, &a.other).cmp(&(&b.place, &b.other)));
        needs.dedup_by(|a, b| a.place == b.place && a.other == b.other);
        needs
    }
}

/// The working day of calendar `calendar` (an index in `spec.calendars`).
fn working_day(spec: &Spec, calendar: Option<usize>) -> Option<WorkingDay> {
    let work = spec.work_calendars.get(calendar?)?.as_ref()?;
    Some(WorkingDay {
        hours: Amount::new(work.seconds_per_day(), 3600),
    })
}
