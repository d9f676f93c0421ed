//! Time to act: what a duration grants, as an amount of clock time and of
//! working time, sums of them, and comparisons that never guess.
//!
//! Clock units are exact (1 h = 3,600 s). Months are counted as months
//! (a year is 12): `半年` equals `6个月`, and `1 + 1.5 + 0.5个月` is
//! `3个月`; against days, n months are the range of days n consecutive
//! months can have (6 months are 181 to 184 days). Working time is kept
//! apart from clock time: working days and working hours add up and compare with each
//! other exactly, with no calendar at all (2 + 1.5 个工作日 against 3个工作日
//! is decided). Where working time meets clock time, a business calendar
//! gives the *range* of clock time a working span can take over every
//! instant the clock may start ([`WorkingClock::clock_range`]): 0.5个工作日
//! always takes longer than 2小时, but 2个工作日 takes less than 48小时 when
//! started on a Monday morning and more when started on a Friday afternoon.
//! Two times whose ranges overlap cannot be ordered, and [`compare`] says
//! so with both ranges ([`Why::Overlap`]) rather than guessing.

use std::cmp::Ordering;
use std::ops::Add;

use num_rational::Ratio;
use num_traits::{ToPrimitive, Zero};

use super::duration::{Amount, Quantity, Unit};

/// Exact seconds; i128 so that any amount the parser admits, times any
/// unit, cannot overflow.
pub type Seconds = Ratio<i128>;

const MINUTE: i128 = 60;
const HOUR: i128 = 3_600;
const DAY: i128 = 86_400;

/// How a business calendar relates working time to clock time.
pub trait WorkingClock {
    /// Working seconds in one working day.
    fn seconds_per_day(&self) -> i64;
    /// The least and the most clock seconds that `working` seconds of
    /// working time can take, over every instant the clock may start;
    /// `None` when the calendar cannot say (beyond the years it covers).
    fn clock_range(&self, working: i64) -> Option<(i64, i64)>;
}

/// An amount of time to act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    /// Clock time.
    pub clock: Seconds,
    /// Calendar months (a year is 12): how many days they are depends on
    /// which months.
    pub months: Seconds,
    /// Working days: how long they are depends on the calendar.
    pub working_days: Seconds,
    /// Working hours, minutes…, in seconds of working time.
    pub working: Seconds,
}

fn wide(a: Amount) -> Seconds {
    Ratio::new(i128::from(*a.numer()), i128::from(*a.denom()))
}

fn secs(n: i128) -> Seconds {
    Seconds::from_integer(n)
}

impl Time {
    pub fn zero() -> Time {
        Time {
            clock: Seconds::zero(),
            months: Seconds::zero(),
            working_days: Seconds::zero(),
            working: Seconds::zero(),
        }
    }

    /// What a quantity grants.
    pub fn of(q: Quantity) -> Time {
        let n = wide(q.amount);
        let clock = |unit: i128| Time {
            clock: n * secs(unit),
            ..Time::zero()
        };
        let months = |per: i128| Time {
            months: n * secs(per),
            ..Time::zero()
        };
        match q.unit {
            Unit::Seconds => clock(1),
            Unit::Minutes => clock(MINUTE),
            Unit::Hours => clock(HOUR),
            Unit::Days => clock(DAY),
            Unit::Months => months(1),
            Unit::Years => months(12),
            Unit::WorkingHours => Time {
                working: n * secs(HOUR),
                ..Time::zero()
            },
            Unit::WorkingDays => Time {
                working_days: n,
                ..Time::zero()
            },
        }
    }

    /// Its working time in seconds, once a calendar says how long a day is.
    fn working_seconds(&self, clock: Option<&dyn WorkingClock>) -> Option<Seconds> {
        if self.working_days.is_zero() {
            return Some(self.working);
        }
        let day = clock?.seconds_per_day();
        Some(self.working_days * secs(i128::from(day)) + self.working)
    }

    /// The same time with its working days turned into working seconds.
    fn folded(&self, clock: Option<&dyn WorkingClock>) -> Option<Time> {
        Some(Time {
            working_days: Seconds::zero(),
            working: self.working_seconds(clock)?,
            ..*self
        })
    }

    /// The clock time it can take: exact for clock time; for months the
    /// days they can have; for working time the calendar's range, or where
    /// it has none at least the working time itself and no known upper
    /// bound. `None` when working days have no calendar to say how long
    /// they are.
    pub fn range(&self, clock: Option<&dyn WorkingClock>) -> Option<Range> {
        let working = self.working_seconds(clock)?;
        let (mlo, mhi) = month_days(self.months);
        let (lo, hi) = (self.clock + mlo * secs(DAY), self.clock + mhi * secs(DAY));
        if working.is_zero() {
            return Some(Range { lo, hi: Some(hi) });
        }
        let whole = working.ceil().to_integer().to_i64()?;
        let (wlo, whi) = match clock.and_then(|c| c.clock_range(whole)) {
            Some((lo, hi)) => (secs(i128::from(lo)), Some(secs(i128::from(hi)))),
            None => (working, None),
        };
        Some(Range {
            lo: lo + wlo,
            hi: whi.map(|whi| hi + whi),
        })
    }
}

impl Add for Time {
    type Output = Time;
    fn add(self, other: Time) -> Time {
        Time {
            clock: self.clock + other.clock,
            months: self.months + other.months,
            working_days: self.working_days + other.working_days,
            working: self.working + other.working,
        }
    }
}

/// The clock time a [`Time`] can take; `hi` is `None` when unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub lo: Seconds,
    pub hi: Option<Seconds>,
}

/// How two times compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Is(Ordering),
    /// Never longer, and shorter unless the clock starts just so (their
    /// ranges touch): `5个工作日` against `7天` on a five-day week.
    AtMost,
    /// Never shorter, and longer unless the clock starts just so:
    /// `0.5个工作日` against `4小时`.
    AtLeast,
    /// They cannot be ordered.
    Undecided(Why),
}

impl Verdict {
    /// Decided longer (or never shorter and longer for most starts).
    pub fn longer(self) -> bool {
        matches!(self, Verdict::Is(Ordering::Greater) | Verdict::AtLeast)
    }

    /// Decided shorter (or never longer and shorter for most starts).
    pub fn shorter(self) -> bool {
        matches!(self, Verdict::Is(Ordering::Less) | Verdict::AtMost)
    }

    /// Decided never shorter.
    pub fn at_least(self) -> bool {
        matches!(
            self,
            Verdict::Is(Ordering::Greater | Ordering::Equal) | Verdict::AtLeast
        )
    }

    /// Decided not to be the same time. Where the order depends on when
    /// the clock starts, the two differ too, but the finding that says so
    /// is the undecided comparison (SLA006), with both ranges.
    pub fn differs(self) -> bool {
        matches!(
            self,
            Verdict::Is(Ordering::Less | Ordering::Greater) | Verdict::AtMost | Verdict::AtLeast
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Working days meet other time and no business calendar says how
    /// long a working day is.
    NeedsCalendar,
    /// The clock time each can take (over every start instant, or for
    /// months over their lengths) overlaps the other's.
    Overlap { a: Range, b: Range },
}

/// One side of a comparison: a time and the calendar its working time is
/// counted on.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub time: Time,
    pub clock: Option<&'a dyn WorkingClock>,
}

fn same_clock(a: Option<&dyn WorkingClock>, b: Option<&dyn WorkingClock>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => std::ptr::addr_eq(a, b),
        _ => false,
    }
}

/// Order two times. Parts in the same unit compare without a calendar;
/// a side that has more of every part is longer; otherwise their clock
/// ranges must not overlap.
pub fn compare(a: Side, b: Side) -> Verdict {
    let (x, y) = (a.time, b.time);
    if same_clock(a.clock, b.clock) {
        if let Some(order) = by_parts(&x, &y) {
            return Verdict::Is(order);
        }
        // Working days and hours meet: the calendar's day length may settle it.
        if let (Some(x), Some(y)) = (x.folded(a.clock), y.folded(b.clock))
            && let Some(verdict) = by_parts(&x, &y)
                .map(Verdict::Is)
                .or_else(|| covered(&x, &y))
        {
            return verdict;
        }
    }
    let (Some(ra), Some(rb)) = (x.range(a.clock), y.range(b.clock)) else {
        return Verdict::Undecided(Why::NeedsCalendar);
    };
    let below = |p: Range, q: Range| p.hi.is_some_and(|hi| hi < q.lo);
    let touches = |p: Range, q: Range| p.hi == Some(q.lo);
    if ra.lo == rb.lo && ra.hi == Some(ra.lo) && rb.hi == Some(rb.lo) {
        Verdict::Is(Ordering::Equal)
    } else if below(ra, rb) {
        Verdict::Is(Ordering::Less)
    } else if below(rb, ra) {
        Verdict::Is(Ordering::Greater)
    } else if touches(ra, rb) {
        Verdict::AtMost
    } else if touches(rb, ra) {
        Verdict::AtLeast
    } else {
        Verdict::Undecided(Why::Overlap { a: ra, b: rb })
    }
}

/// The order of two times on the same calendar when every part of one is
/// at least the same part of the other: more of everything is longer,
/// whatever the calendar.
fn by_parts(x: &Time, y: &Time) -> Option<Ordering> {
    let parts = [
        x.working_days - y.working_days,
        x.working - y.working,
        x.months - y.months,
        x.clock - y.clock,
    ];
    let zero = Seconds::zero();
    if parts.iter().all(|d| d.is_zero()) {
        Some(Ordering::Equal)
    } else if parts.iter().all(|d| *d >= zero) {
        Some(Ordering::Greater)
    } else if parts.iter().all(|d| *d <= zero) {
        Some(Ordering::Less)
    } else {
        None
    }
}

/// The order of two times (working days folded into working seconds) where
/// one has more working time and the other more clock time, but the extra
/// working time covers the extra clock time: working time accrues no faster
/// than the clock, so `2.5个工作日 + 2小时` never outlasts `3个工作日` (the
/// half day takes at least 4 hours).
fn covered(x: &Time, y: &Time) -> Option<Verdict> {
    let (dw, dc, dm) = (
        x.working - y.working,
        x.clock - y.clock,
        x.months - y.months,
    );
    let zero = Seconds::zero();
    if dw > zero && dm >= zero && dw + dc >= zero {
        Some(if dw + dc > zero {
            Verdict::Is(Ordering::Greater)
        } else {
            Verdict::AtLeast
        })
    } else if dw < zero && dm <= zero && dw + dc <= zero {
        Some(if dw + dc < zero {
            Verdict::Is(Ordering::Less)
        } else {
            Verdict::AtMost
        })
    } else {
        None
    }
}

/// A time in words: `3.25个工作日`, `1.5个工作日 + 2小时`, `3个月`.
pub fn describe(t: &Time) -> String {
    let mut parts = Vec::new();
    if !t.working_days.is_zero() {
        parts.push(format!("{}个工作日", decimal(t.working_days)));
    }
    if !t.working.is_zero() {
        parts.push(format!("{}个工作小时", decimal(t.working / secs(HOUR))));
    }
    if !t.months.is_zero() {
        parts.push(format!("{}个月", decimal(t.months)));
    }
    if !t.clock.is_zero() || parts.is_empty() {
        parts.push(clock_text(t.clock));
    }
    parts.join(" + ")
}

/// Month lengths of a common year, January first.
const MONTH_DAYS: [i128; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// The fewest and the most days `n` consecutive calendar months can have:
/// whole years are 365 days and one more for each leap year they may hold;
/// the rest, the shortest and the longest run of that many months (with a
/// 28- or a 29-day February). A fraction of a month counts 28 to 31 days.
fn month_days(n: Seconds) -> (Seconds, Seconds) {
    if n <= Seconds::zero() {
        return (Seconds::zero(), Seconds::zero());
    }
    let whole = n.floor().to_integer();
    let (years, rest) = (whole / 12, (whole % 12) as usize);
    // A run that holds February may hold a 29th.
    let run = |start: usize, leap: bool| -> i128 {
        (0..rest)
            .map(|k| MONTH_DAYS[(start + k) % 12] + i128::from(leap && (start + k) % 12 == 1))
            .sum()
    };
    let short = (0..12).map(|start| run(start, false)).min().unwrap_or(0);
    let long = (0..12).map(|start| run(start, true)).max().unwrap_or(0);
    let frac = n - Seconds::from_integer(whole);
    let lo = secs(365 * years + years / 4 + short) + frac * secs(28);
    let hi = secs(365 * years + (years + 3) / 4 + long) + frac * secs(31);
    (lo, hi)
}

/// A range of clock time in words: `17.5小时至9.1天`, `至少16小时`.
pub fn describe_range(r: &Range) -> String {
    match r.hi {
        Some(hi) if hi == r.lo => clock_text(r.lo),
        Some(hi) => format!("{}至{}", clock_text(r.lo), clock_text(hi)),
        None => format!("至少{}", clock_text(r.lo)),
    }
}

/// Clock seconds in the unit that reads well: minutes under an hour, hours
/// up to two days, days beyond.
fn clock_text(s: Seconds) -> String {
    let unit = |n: i128| s / secs(n);
    if s.is_zero() {
        "0".to_owned()
    } else if s <= secs(2 * DAY) {
        if s < secs(HOUR) {
            format!("{}分钟", decimal(unit(MINUTE)))
        } else {
            format!("{}小时", decimal(unit(HOUR)))
        }
    } else {
        format!("{}天", decimal(unit(DAY)))
    }
}

/// The value as a decimal: exact with up to two places, else rounded to
/// one and marked `约`.
fn decimal(x: Seconds) -> String {
    let scaled = x * secs(100);
    if scaled.is_integer() {
        let v = scaled.to_integer();
        let text = format!("{}.{:02}", v / 100, (v % 100).abs());
        return text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    let tenths = (x * secs(10)).round().to_integer();
    format!("约{}.{}", tenths / 10, (tenths % 10).abs())
}

#[cfg(test)]
mod tests;
