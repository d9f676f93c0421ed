//! What the rules share: limits indexed by metric, each limit's scope,
//! time and business calendar worked out once, and comparisons that
//! remember what they could not decide (which `SLA006` reports, once).

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use crate::diag::Place;
use crate::diag::i18n::Msg;
use crate::spec::duration::Duration;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::model::{Limit, LimitKind};
pub use crate::spec::scope::ScopeKey;
use crate::spec::timing::{self, Side, Time, Verdict, Why, WorkingClock};
use crate::spec::worktime::WorkCalendar;
use crate::spec::{Located, Spec};

/// A comparison a rule needed and could not decide.
pub struct Undecided {
    /// Where the two sides are written.
    pub places: (Place, Place),
    /// The two sides in words.
    pub texts: (String, String),
    /// What was being compared, for the message.
    pub what: Msg,
    pub why: Why,
    /// The items whose `allow:` may accept the finding.
    pub subjects: Vec<ItemRef>,
}

/// One side of a comparison: a time, the calendar its working time is
/// counted on, how it reads and where it is written.
#[derive(Clone)]
pub struct Operand<'c> {
    pub time: Time,
    pub clock: Option<&'c dyn WorkingClock>,
    pub text: String,
    pub place: Place,
}

impl<'c> Operand<'c> {
    /// The side of a comparison it stands for.
    pub fn side(&self) -> Side<'c> {
        Side {
            time: self.time,
            clock: self.clock,
        }
    }
}

/// A business calendar whose clock ranges are worked out once per amount:
/// the rules ask for the same few amounts over and over.
struct Memo<'a> {
    calendar: &'a WorkCalendar,
    ranges: Mutex<HashMap<i64, Option<(i64, i64)>>>,
}

impl WorkingClock for Memo<'_> {
    fn seconds_per_day(&self) -> i64 {
        self.calendar.seconds_per_day()
    }
    fn clock_range(&self, working: i64) -> Option<(i64, i64)> {
        let mut ranges = self.ranges.lock().expect("not poisoned");
        *ranges
            .entry(working)
            .or_insert_with(|| self.calendar.clock_range(working))
    }
}

pub struct Context<'a> {
    pub spec: &'a Spec,
    /// Per calendar of the spec, its business calendar if it is valid.
    clocks: Vec<Option<Memo<'a>>>,
    scopes: Vec<ScopeKey>,
    by_metric: BTreeMap<&'a str, Vec<usize>>,
    /// Priority class id → (scale id, rank; 0 = most urgent).
    ranks: HashMap<&'a str, (&'a str, usize)>,
    /// With the rank of the rule that needed each (see [`Context::as_rule`]).
    undecided: Mutex<Vec<(usize, Undecided)>>,
    /// The worst-case time of each sub-flow walked, per case (see `paths`).
    pub(super) subflow_times: Mutex<HashMap<(usize, ScopeKey), Option<Time>>>,
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
        let ranks = spec.priorities.iter().flat_map(|scale| {
            let classes = scale.classes.iter().enumerate();
            classes.map(|(rank, c)| (c.id.value.as_str(), (scale.id.value.as_str(), rank)))
        });
        let clocks = spec.work_calendars.iter().map(|c| {
            c.as_ref().map(|calendar| Memo {
                calendar,
                ranges: Mutex::new(HashMap::new()),
            })
        });
        Context {
            spec,
            clocks: clocks.collect(),
            scopes: spec.limits.iter().map(|l| ScopeKey::of(&l.scope)).collect(),
            by_metric,
            ranks: ranks.collect(),
            undecided: Mutex::new(Vec::new()),
            subflow_times: Mutex::new(HashMap::new()),
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
    /// metric then scope order; each group in reading order (see
    /// [`Self::reading_order`]), so a finding about two of them goes to the
    /// one a reader meets last.
    pub fn requirements(&self) -> Vec<(&'a str, &ScopeKey, Vec<usize>)> {
        let mut out = Vec::new();
        for (metric, limits) in self.metrics() {
            let mut by_scope: BTreeMap<&ScopeKey, Vec<usize>> = BTreeMap::new();
            for &i in limits {
                by_scope.entry(self.scope(i)).or_default().push(i);
            }
            for group in by_scope.values_mut() {
                group.sort_by_key(|&i| self.reading_order(i));
            }
            out.extend(
                by_scope
                    .into_iter()
                    .map(|(scope, group)| (metric, scope, group)),
            );
        }
        out
    }

    /// Where a reader meets a limit: by the standard it cites (in spec
    /// order), then by its clause in that standard's order (an appendix
    /// after the body, whatever the files are called), then in spec order.
    pub fn reading_order(&self, limit: usize) -> (usize, usize, usize) {
        let cited = self
            .limit(limit)
            .source
            .as_ref()
            .and_then(|s| s.value.parts());
        let standard = cited.and_then(|(id, _)| self.spec.index_of(Kind::Standard, id));
        let clause = cited.zip(standard).and_then(|((_, number), s)| {
            let clauses = &self.spec.standards[s].clauses;
            clauses.iter().position(|c| c.number.value == number)
        });
        (
            standard.unwrap_or(usize::MAX),
            clause.unwrap_or(usize::MAX),
            limit,
        )
    }

    pub fn scope(&self, limit: usize) -> &ScopeKey {
        &self.scopes[limit]
    }

    pub fn limit(&self, limit: usize) -> &'a Located<Limit> {
        &self.spec.limits[limit]
    }

    /// The index of the limit with `id`.
    pub fn limit_index(&self, id: &str) -> Option<usize> {
        self.spec.index_of(Kind::Limit, id)
    }

    pub fn duration(&self, limit: usize) -> Option<&'a Duration> {
        self.spec.limit_info[limit].duration.as_ref()
    }

    /// The time a limit grants, for limits that grant one (deadlines,
    /// responses, retention windows; a range grants its upper end).
    pub fn time(&self, limit: usize) -> Option<Time> {
        match self.duration(limit)? {
            d @ (Duration::Span { .. } | Duration::Range { .. } | Duration::Retention { .. }) => {
                d.normalised().map(Time::of)
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

    /// Whether a limit times a first response: marked `kind: response`, or
    /// its metric says so (`complaint.response`, `…first-response`).
    pub fn is_response(&self, limit: usize) -> bool {
        self.spec.limit_info[limit].kind == LimitKind::Response
            || metric_says_response(&self.limit(limit).metric.value)
    }

    /// The calendar a limit's working time is counted on.
    pub fn clock(&self, limit: usize) -> Option<&dyn WorkingClock> {
        self.calendar(self.spec.relations.limits[limit].calendar)
    }

    /// The calendar a flow's working time is counted on.
    pub fn flow_clock(&self, flow: usize) -> Option<&dyn WorkingClock> {
        self.calendar(self.spec.relations.flows[flow].calendar)
    }

    fn calendar(&self, index: Option<usize>) -> Option<&dyn WorkingClock> {
        let clock = self.clocks.get(index?)?.as_ref()?;
        Some(clock as &dyn WorkingClock)
    }

    /// A limit as one side of a comparison, if it grants a time.
    pub fn operand(&self, limit: usize) -> Option<Operand<'_>> {
        Some(Operand {
            time: self.time(limit)?,
            clock: self.clock(limit),
            text: self.text(limit).to_owned(),
            place: self.place(limit),
        })
    }

    /// Order `a` against `b`. An undecided comparison is remembered for
    /// SLA006, with `subjects` whose `allow:` may accept it and `what` was
    /// compared (a message, made only then).
    pub fn order(
        &self,
        a: &Operand,
        b: &Operand,
        subjects: &[ItemRef],
        what: impl FnOnce() -> Msg,
    ) -> Verdict {
        let verdict = timing::compare(a.side(), b.side());
        if let Verdict::Undecided(why) = verdict {
            let undecided = Undecided {
                places: (a.place.clone(), b.place.clone()),
                texts: (a.text.clone(), b.text.clone()),
                what: what(),
                why,
                subjects: subjects.to_vec(),
            };
            let rank = RULE_RANK.get();
            (self.undecided.lock().expect("not poisoned")).push((rank, undecided));
        }
        verdict
    }

    /// Order two limits (see [`Self::order`]); both are subjects. `None`
    /// when one of them grants no time.
    pub fn compare_limits(
        &self,
        a: usize,
        b: usize,
        what: impl FnOnce() -> Msg,
    ) -> Option<Verdict> {
        let subjects = [ItemRef::new(Kind::Limit, a), ItemRef::new(Kind::Limit, b)];
        Some(self.order(&self.operand(a)?, &self.operand(b)?, &subjects, what))
    }

    /// Run `check` as the rule of `rank` in the order rules are run. Rules run
    /// side by side; the comparisons they could not decide are ranked so that
    /// [`Context::take_undecided`] keeps the first rule's wording of a pair, as
    /// if they had run one after the other. (A rule's own work stays on one
    /// thread: no rule uses rayon.)
    pub fn as_rule<T>(&self, rank: usize, check: impl FnOnce() -> T) -> T {
        let outer = RULE_RANK.replace(rank);
        let result = check();
        RULE_RANK.set(outer);
        result
    }

    /// The comparisons that could not be decided, each pair of places once.
    pub fn take_undecided(&self) -> Vec<Undecided> {
        let mut ranked = std::mem::take(&mut *self.undecided.lock().expect("not poisoned"));
        // Stable: one rule's comparisons keep the order it made them in.
        ranked.sort_by_key(|(rank, _)| *rank);
        let mut all: Vec<Undecided> = ranked.into_iter().map(|(_, u)| u).collect();
        for u in &mut all {
            // The same pair seen from either side is one comparison.
            if u.places.1 < u.places.0 {
                std::mem::swap(&mut u.places.0, &mut u.places.1);
                std::mem::swap(&mut u.texts.0, &mut u.texts.1);
                u.why = match u.why {
                    Why::Overlap { a, b } => Why::Overlap { a: b, b: a },
                    why => why,
                };
            }
        }
        all.sort_by(|a, b| a.places.cmp(&b.places));
        all.dedup_by(|a, b| a.places == b.places);
        all
    }
}

thread_local! {
    /// The rank of the rule running on this thread ([`Context::as_rule`]).
    static RULE_RANK: Cell<usize> = const { Cell::new(0) };
}

/// Whether a metric's last part names a first response.
pub fn metric_says_response(metric: &str) -> bool {
    let last = metric.rsplit('.').next().unwrap_or(metric);
    matches!(
        last,
        "response" | "first-response" | "initial-response" | "acknowledgement" | "ack"
    ) || last.ends_with("-response")
}
