//! Comparing and adding durations exactly, with a business calendar where
//! working time meets clock time.
//!
//! Every quantity becomes an interval of *seconds of time to act*: clock
//! units are exact points (1 h = 3600 s), working units are exact points
//! once a calendar says how long a working day is (0.5 个工作日 at 8 h = 4 h
//! of working time), and calendar units are honest intervals (a month is 28
//! to 31 days). Two quantities compare only when their intervals do not
//! overlap or are the same point; otherwise the answer says why not, so no
//! lint ever guesses silently.
//!
//! Holidays and make-up days change *when* a working-time limit falls due,
//! not how much working time it grants, so they do not enter comparisons.

use std::cmp::Ordering;

use num_rational::Ratio;

use super::duration::{Amount, Quantity, Unit};

/// Exact seconds; i128 so that years of seconds times any ratio the parser
/// admits cannot overflow.
pub type Seconds = Ratio<i128>;

/// What a comparison needs to know about the business calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingDay {
    /// Working hours in one working day.
    pub hours: Amount,
}

/// Why two quantities cannot be ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undecided {
    /// Working time meets clock time (or working hours meet working days)
    /// and no calendar says how long a working day is.
    NeedsCalendar,
    /// Calendar months or years against a span they may be shorter or
    /// longer than (1个月 vs 30天).
    Overlap,
}

/// An interval of seconds: `lo == hi` for exact quantities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub lo: Seconds,
    pub hi: Seconds,
}

const MINUTE: i128 = 60;
const HOUR: i128 = 3600;
const DAY: i128 = 86_400;

fn wide(a: Amount) -> Seconds {
    Ratio::new(i128::from(*a.numer()), i128::from(*a.denom()))
}

impl Span {
    fn exact(s: Seconds) -> Self {
        Span { lo: s, hi: s }
    }

    pub fn zero() -> Self {
        Span::exact(Seconds::from_integer(0))
    }

    /// The span a quantity grants. `None` when it needs a calendar that
    /// `day` does not give.
    pub fn of(q: Quantity, day: Option<WorkingDay>) -> Option<Span> {
        let n = wide(q.amount);
        let per = |s: i128| Some(Span::exact(n * Seconds::from_integer(s)));
        match q.unit {
            Unit::Seconds => per(1),
            Unit::Minutes => per(MINUTE),
            Unit::Hours => per(HOUR),
            Unit::Days => per(DAY),
            Unit::WorkingHours => day.map(|_| Span::exact(n * Seconds::from_integer(HOUR))),
            Unit::WorkingDays => {
                day.map(|d| Span::exact(n * wide(d.hours) * Seconds::from_integer(HOUR)))
            }
            Unit::Months => Some(Span {
                lo: n * Seconds::from_integer(28 * DAY),
                hi: n * Seconds::from_integer(31 * DAY),
            }),
            Unit::Years => Some(Span {
                lo: n * Seconds::from_integer(365 * DAY),
                hi: n * Seconds::from_integer(366 * DAY),
            }),
        }
    }
}

impl std::ops::Add for Span {
    type Output = Span;
    fn add(self, other: Span) -> Span {
        Span {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
        }
    }
}

/// Order two quantities exactly. Same-unit quantities always compare;
/// working hours against working days, and working against clock time,
/// need `day`.
pub fn compare(a: Quantity, b: Quantity, day: Option<WorkingDay>) -> Result<Ordering, Undecided> {
    if a.unit == b.unit {
        return Ok(a.amount.cmp(&b.amount));
    }
    // Months and years compare exactly with each other.
    let months = |q: Quantity| match q.unit {
        Unit::Months => Some(q.amount),
        Unit::Years => Some(q.amount * Amount::from_integer(12)),
        _ => None,
    };
    if let (Some(x), Some(y)) = (months(a), months(b)) {
        return Ok(x.cmp(&y));
    }
    let (Some(x), Some(y)) = (Span::of(a, day), Span::of(b, day)) else {
        return Err(Undecided::NeedsCalendar);
    };
    order(x, y)
}

/// Order two spans: equal points, or disjoint intervals.
pub fn order(x: Span, y: Span) -> Result<Ordering, Undecided> {
    if x.lo == x.hi && y.lo == y.hi {
        Ok(x.lo.cmp(&y.lo))
    } else if x.hi < y.lo {
        Ok(Ordering::Less)
    } else if x.lo > y.hi {
        Ok(Ordering::Greater)
    } else {
        Err(Undecided::Overlap)
    }
}

/// A span shown in the unit a reader expects: working days where a working
/// day is known and the span is a whole number of working hours, else hours.
pub fn describe(span: Span, day: Option<WorkingDay>) -> String {
    let show = |s: Seconds| -> String {
        let hours = s / Seconds::from_integer(HOUR);
        match day {
            Some(d) => {
                let days = hours / wide(d.hours);
                format!("{}个工作日", decimal(days))
            }
            None => format!("{}小时", decimal(hours)),
        }
    };
    if span.lo == span.hi {
        show(span.lo)
    } else {
        format!("{}–{}", show(span.lo), show(span.hi))
    }
}

/// `0.5`, `3.25`, `1/3` — the exact value, as a decimal when it has one of
/// up to 4 places.
fn decimal(x: Seconds) -> String {
    if x.is_integer() {
        return x.to_integer().to_string();
    }
    let scaled = x * Seconds::from_integer(10_000);
    if scaled.is_integer() {
        let v = scaled.to_integer();
        let text = format!("{}.{:04}", v / 10_000, (v % 10_000).abs());
        return text.trim_end_matches('0').to_owned();
    }
    format!("{}/{}", x.numer(), x.denom())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(amount: (i64, i64), unit: Unit) -> Quantity {
        Quantity {
            amount: Amount::new(amount.0, amount.1),
            unit,
        }
    }

    const EIGHT: Option<WorkingDay> = Some(WorkingDay {
        hours: Amount::new_raw(8, 1),
    });

    #[test]
    fn clock_units_compare_exactly() {
        assert_eq!(
            compare(q((2, 1), Unit::Hours), q((120, 1), Unit::Minutes), None),
            Ok(Ordering::Equal)
        );
        assert_eq!(
            compare(q((24, 1), Unit::Hours), q((1, 1), Unit::Days), None),
            Ok(Ordering::Equal)
        );
        assert_eq!(
            compare(q((30, 1), Unit::Seconds), q((1, 1), Unit::Minutes), None),
            Ok(Ordering::Less)
        );
        assert_eq!(
            compare(q((48, 1), Unit::Hours), q((1, 1), Unit::Days), None),
            Ok(Ordering::Greater)
        );
    }

    #[test]
    fn working_time_needs_a_calendar_to_meet_clock_time() {
        let half_day = q((1, 2), Unit::WorkingDays);
        let two_hours = q((2, 1), Unit::Hours);
        assert_eq!(
            compare(half_day, two_hours, None),
            Err(Undecided::NeedsCalendar)
        );
        assert_eq!(compare(half_day, two_hours, EIGHT), Ok(Ordering::Greater));
        assert_eq!(
            compare(half_day, q((4, 1), Unit::Hours), EIGHT),
            Ok(Ordering::Equal)
        );
        // Working days against working days need nothing.
        assert_eq!(
            compare(half_day, q((2, 1), Unit::WorkingDays), None),
            Ok(Ordering::Less)
        );
        // Working hours against working days need the length of a day.
        assert_eq!(
            compare(q((4, 1), Unit::WorkingHours), half_day, None),
            Err(Undecided::NeedsCalendar)
        );
        assert_eq!(
            compare(q((4, 1), Unit::WorkingHours), half_day, EIGHT),
            Ok(Ordering::Equal)
        );
    }

    #[test]
    fn months_are_intervals() {
        assert_eq!(
            compare(q((1, 1), Unit::Months), q((48, 1), Unit::Hours), None),
            Ok(Ordering::Greater)
        );
        assert_eq!(
            compare(q((1, 1), Unit::Months), q((30, 1), Unit::Days), None),
            Err(Undecided::Overlap)
        );
        assert_eq!(
            compare(q((1, 1), Unit::Years), q((12, 1), Unit::Months), None),
            Ok(Ordering::Equal)
        );
        assert_eq!(
            compare(q((3, 1), Unit::Months), q((1, 1), Unit::Years), None),
            Ok(Ordering::Less)
        );
    }

    #[test]
    fn sums_and_descriptions() {
        let total = [
            q((2, 1), Unit::Hours),
            q((1, 2), Unit::WorkingDays),
            q((2, 1), Unit::WorkingDays),
        ]
        .into_iter()
        .map(|x| Span::of(x, EIGHT).unwrap())
        .fold(Span::zero(), |a, b| a + b);
        assert_eq!(describe(total, EIGHT), "2.75个工作日");
        assert_eq!(describe(total, None), "22小时");
        assert_eq!(decimal(Seconds::new(1, 3)), "1/3");
    }

    fn unit() -> impl Strategy<Value = Unit> {
        prop_oneof![
            Just(Unit::Seconds),
            Just(Unit::Minutes),
            Just(Unit::Hours),
            Just(Unit::Days),
            Just(Unit::WorkingHours),
            Just(Unit::WorkingDays),
            Just(Unit::Months),
            Just(Unit::Years),
        ]
    }

    fn quantity() -> impl Strategy<Value = Quantity> {
        (
            1i64..10_000,
            prop_oneof![Just(1i64), Just(2), Just(4), Just(10)],
            unit(),
        )
            .prop_map(|(n, d, unit)| q((n, d), unit))
    }

    fn calendar() -> impl Strategy<Value = Option<WorkingDay>> {
        prop_oneof![
            Just(None),
            (1i64..=24).prop_map(|h| Some(WorkingDay {
                hours: Amount::from_integer(h)
            })),
        ]
    }

    proptest! {
        /// Ordering is a strict weak order wherever it decides: antisymmetric
        /// and transitive.
        #[test]
        fn ordering_is_consistent(a in quantity(), b in quantity(), c in quantity(), day in calendar()) {
            if let (Ok(ab), Ok(ba)) = (compare(a, b, day), compare(b, a, day)) {
                prop_assert_eq!(ab, ba.reverse());
            }
            if let (Ok(ab), Ok(bc), Ok(ac)) = (compare(a, b, day), compare(b, c, day), compare(a, c, day))
                && ab != Ordering::Greater
                && bc != Ordering::Greater
            {
                prop_assert_ne!(ac, Ordering::Greater, "{:?} <= {:?} <= {:?}", a, b, c);
            }
        }

        /// Converting working days to working hours and back is the identity,
        /// and the two forms compare equal.
        #[test]
        fn working_days_round_trip(n in 1i64..10_000, halves in prop::bool::ANY, hours in 1i64..=24) {
            let day = Some(WorkingDay { hours: Amount::from_integer(hours) });
            let days = q((n, if halves { 2 } else { 1 }), Unit::WorkingDays);
            let as_hours = Quantity { amount: days.amount * Amount::from_integer(hours), unit: Unit::WorkingHours };
            prop_assert_eq!(compare(days, as_hours, day), Ok(Ordering::Equal));
            let back = as_hours.amount / Amount::from_integer(hours);
            prop_assert_eq!(back, days.amount);
        }

        /// Adding never makes a span shorter, and exact spans stay exact.
        #[test]
        fn sums_grow(a in quantity(), b in quantity()) {
            let day = Some(WorkingDay { hours: Amount::from_integer(8) });
            let (x, y) = (Span::of(a, day).unwrap(), Span::of(b, day).unwrap());
            let s = x + y;
            prop_assert!(s.lo >= x.lo && s.hi >= x.hi);
            prop_assert_eq!(s.lo == s.hi, x.lo == x.hi && y.lo == y.hi);
        }
    }
}
