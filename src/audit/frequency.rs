//! Frequency limits (每季度至少一次): records are counted per period of the
//! limit, and per unit when the records name one (`unit`: the team or post
//! that must hold the drill); every period of the audited window with
//! fewer than the limit asks for is a shortfall.
//!
//! The window is the span of the starts of every record read, so a quarter
//! in which no drill was recorded counts, while the months before the
//! export began do not. Counts are kept per period, not per record.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use num_traits::ToPrimitive;
use serde::Serialize;

use crate::spec::duration::{Quantity, Unit};

/// The most periods checked per limit and unit: an hourly duty over a
/// century of records is not worth a report of a million lines.
pub const MAX_PERIODS: i64 = 10_000;

/// A period of a frequency, as an index scheme over instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Months, counted from January of year 0: quarters and years align.
    Months(i64),
    /// Days; weeks (a multiple of 7) start on Mondays.
    Days(i64),
    /// Seconds of the clock (hours, minutes).
    Seconds(i64),
}

impl Period {
    pub fn of(q: &Quantity) -> Option<Period> {
        let n = |factor: i64| {
            num_traits::CheckedMul::checked_mul(&q.amount, &factor.into())?
                .to_integer()
                .to_i64()
                .filter(|&n| n > 0)
        };
        Some(match q.unit {
            Unit::Months => Period::Months(n(1)?),
            Unit::Years => Period::Months(n(12)?),
            Unit::Days => Period::Days(n(1)?),
            Unit::Hours => Period::Seconds(n(3600)?),
            Unit::Minutes => Period::Seconds(n(60)?),
            Unit::Seconds => Period::Seconds(n(1)?),
            Unit::WorkingDays | Unit::WorkingHours => return None,
        })
    }

    /// The index of the period holding `t`.
    pub fn index(self, t: Timestamp, tz: &TimeZone) -> i64 {
        match self {
            Period::Months(n) => {
                let d = tz.to_datetime(t).date();
                (i64::from(d.year()) * 12 + i64::from(d.month()) - 1).div_euclid(n)
            }
            Period::Days(n) => days(tz.to_datetime(t).date()).div_euclid(n),
            Period::Seconds(n) => t.as_second().div_euclid(n),
        }
    }

    /// How period `i` is shown: `2025-10`, `2025-Q4`, `2025-H2`, `2025`,
    /// or the date (the instant) it starts.
    pub fn label(self, i: i64, tz: &TimeZone) -> String {
        match self {
            Period::Months(n) => {
                let m = i * n;
                let (year, month) = (m.div_euclid(12), m.rem_euclid(12) + 1);
                match n {
                    1 => format!("{year:04}-{month:02}"),
                    3 => format!("{year:04}-Q{}", (month - 1) / 3 + 1),
                    6 => format!("{year:04}-H{}", (month - 1) / 6 + 1),
                    12 => format!("{year:04}"),
                    _ => format!("{year:04}-{month:02} +{n} months"),
                }
            }
            Period::Days(n) => {
                let start = epoch()
                    .checked_add(jiff::Span::new().days(i * n))
                    .unwrap_or(epoch());
                if n % 7 == 0 {
                    format!("week of {start}")
                } else {
                    start.to_string()
                }
            }
            Period::Seconds(n) => Timestamp::from_second(i * n).map_or_else(
                |_| i.to_string(),
                |t| tz.to_datetime(t).strftime("%Y-%m-%d %H:%M").to_string(),
            ),
        }
    }
}

/// Monday 5 January 1970: weeks start on Mondays.
fn epoch() -> Date {
    jiff::civil::date(1970, 1, 5)
}

fn days(d: Date) -> i64 {
    d.since(epoch()).map_or(0, |s| i64::from(s.get_days()))
}

/// Records counted per limit, unit and period.
#[derive(Default)]
pub struct Counts {
    by_limit: BTreeMap<usize, HashMap<String, BTreeMap<i64, u64>>>,
}

/// One period of one unit checked against a frequency limit.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    pub limit: usize,
    pub unit: String,
    pub period: String,
    pub count: u64,
    pub required: u32,
    pub short: bool,
}

impl Counts {
    pub fn add(&mut self, limit: usize, unit: &str, period: i64) {
        let units = self.by_limit.entry(limit).or_default();
        let periods = match units.get_mut(unit) {
            Some(p) => p,
            None => units.entry(unit.to_owned()).or_default(),
        };
        *periods.entry(period).or_default() += 1;
    }

    /// Every period of the window `[first, last]` for every unit counted,
    /// by limit, unit and time. `rule` gives each limit's period, time zone
    /// and count.
    pub fn check(
        &self,
        window: (Timestamp, Timestamp),
        rule: impl Fn(usize) -> Option<(Period, TimeZone, u32)>,
    ) -> Vec<Checked> {
        let mut out = Vec::new();
        for (&limit, units) in &self.by_limit {
            let Some((period, tz, required)) = rule(limit) else {
                continue;
            };
            let (first, last) = (period.index(window.0, &tz), period.index(window.1, &tz));
            let last = last.min(first.saturating_add(MAX_PERIODS - 1));
            let mut names: Vec<&String> = units.keys().collect();
            names.sort();
            for unit in names {
                for i in first..=last {
                    let count = units[unit].get(&i).copied().unwrap_or(0);
                    out.push(Checked {
                        limit,
                        unit: unit.clone(),
                        period: period.label(i, &tz),
                        count,
                        required,
                        short: count < u64::from(required),
                    });
                }
            }
        }
        out
    }
}
