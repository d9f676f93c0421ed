//! How one limit is measured on one record: what it allows and what the
//! record took, in the limit's own measure (clock seconds, or working
//! seconds on its standard's calendar), and the verdict.
//!
//! Each limit's [`Rule`] is worked out once from its duration: a span or a
//! range (at its upper bound) in clock time, in working time, or in months
//! of the calendar; a calendar anchor (`次月5日前`) as the due instant it
//! gives for the record's start; a frequency, counted per period
//! (`super::frequency`); a vague word or a retention window, which no
//! record can show met or missed.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ToSpan};
use num_traits::ToPrimitive;
use serde::Serialize;

use crate::spec::Spec;
use crate::spec::duration::{AnchorBound, AnchorOffset, AnchorPeriod, Duration, Quantity, Unit};
use crate::spec::worktime::WorkCalendar;

/// Seconds of an average month (a twelfth of 365.25 days), for the part of
/// a month amount that is not whole (`1.5个月`).
const MONTH: i64 = 2_629_800;

/// How a limit is audited.
#[derive(Clone, Debug)]
pub enum Rule {
    /// Within this many seconds of elapsed time.
    Clock(i64),
    /// Within this many working seconds on calendar `calendar`.
    Working { seconds: i64, calendar: usize },
    /// Within whole months of the calendar (and some seconds more).
    Months { months: i32, extra: i64, tz: TimeZone },
    /// By the instant an anchor gives for the record's start.
    Anchor {
        period: AnchorPeriod,
        offset: AnchorOffset,
        day: Option<u8>,
        bound: AnchorBound,
        tz: TimeZone,
        calendar: Option<usize>,
    },
    /// At least `count` records in every period.
    Frequency { count: u32, per: super::frequency::Period, tz: TimeZone },
    /// Not auditable from records, and why.
    NotAuditable(String),
}

/// What a limit's seconds are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    ClockSeconds,
    WorkingSeconds,
    Count,
    None,
}

/// The verdict on a (record, limit) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Breached,
    /// Still open and within the limit at `--as-of`.
    Open,
    NotAuditable,
    /// Counted towards a frequency; its periods have the verdicts.
    Counted,
}

/// A limit measured on a record.
#[derive(Clone, Copy, Debug)]
pub struct Outcome {
    pub measure: Measure,
    pub allowed: Option<i64>,
    pub taken: Option<i64>,
    pub status: Status,
}

/// When the record's clock started and stopped, as the audit sees it.
#[derive(Clone, Copy, Debug)]
pub struct Times {
    pub start: Timestamp,
    /// The end, or `--as-of` for an open record.
    pub end: Timestamp,
    pub open: bool,
    pub paused: i64,
}

impl Rule {
    /// The rule of limit `l` of `spec`; anchors and months count in the
    /// time zone of its calendar, else in `tz`.
    pub fn of(spec: &Spec, l: usize, tz: &TimeZone) -> Rule {
        let calendar = spec.relations.limits[l].calendar;
        let work = calendar.and_then(|c| Some((c, spec.work_calendars.get(c)?.as_ref()?)));
        let tz = work.map_or_else(|| tz.clone(), |(_, w)| w.time_zone().clone());
        let no = |why: &str| Rule::NotAuditable(why.to_owned());
        match &spec.limit_info[l].duration {
            None => no("its duration cannot be read"),
            Some(Duration::Span { quantity: q, .. } | Duration::Range { max: q, .. }) => {
                span(q, work, tz).unwrap_or_else(|| no("its amount is out of range"))
            }
            Some(Duration::Anchor { period, offset, day, bound }) => {
                if *period == AnchorPeriod::WorkingDay && work.is_none() {
                    return no("working days without a business calendar");
                }
                Rule::Anchor { period: *period, offset: *offset, day: *day, bound: *bound, tz, calendar: work.map(|(c, _)| c) }
            }
            Some(Duration::Frequency { count, per, .. }) => match super::frequency::Period::of(per) {
                Some(per) => Rule::Frequency { count: *count, per, tz },
                None => no("a frequency in working time"),
            },
            Some(Duration::Retention { .. }) => no("a retention window, not a time taken"),
            Some(Duration::Vague { word }) => Rule::NotAuditable(format!("vague: `{word}` sets no time")),
        }
    }

    /// The measure its seconds are in.
    pub fn measure(&self) -> Measure {
        match self {
            Rule::Working { .. } => Measure::WorkingSeconds,
            Rule::Frequency { .. } => Measure::Count,
            Rule::NotAuditable(_) => Measure::None,
            _ => Measure::ClockSeconds,
        }
    }

    /// The limit measured on one record; `Err` says why it cannot be (a
    /// time outside the calendar's years).
    pub fn apply(&self, calendars: &[Option<WorkCalendar>], s: Times) -> Result<Outcome, String> {
        let clock = || (s.end.as_second() - s.start.as_second() - s.paused).max(0);
        let (allowed, taken) = match self {
            Rule::Clock(allowed) => (*allowed, clock()),
            Rule::Working { seconds, calendar } => {
                let cal = calendar_at(calendars, *calendar)?;
                let worked = cal.working_seconds(s.start, s.end).ok_or_else(|| outside(cal))?;
                (*seconds, (worked - s.paused).max(0))
            }
            Rule::Months { months, extra, tz } => {
                let due = s.start.to_zoned_datetime(tz.clone()).checked_add(months.months()).map_err(|e| e.to_string())?;
                (due.timestamp().as_second() - s.start.as_second() + extra, clock())
            }
            Rule::Anchor { .. } => (self.due(calendars, s.start)? - s.start.as_second(), clock()),
            Rule::Frequency { .. } | Rule::NotAuditable(_) => {
                let status = match self {
                    Rule::Frequency { .. } => Status::Counted,
                    _ => Status::NotAuditable,
                };
                return Ok(Outcome { measure: self.measure(), allowed: None, taken: None, status });
            }
        };
        let status = if taken > allowed {
            Status::Breached
        } else if s.open {
            Status::Open
        } else {
            Status::Met
        };
        Ok(Outcome { measure: self.measure(), allowed: Some(allowed), taken: Some(taken), status })
    }

    /// The instant (Unix seconds) an anchor falls due for a record started at `start`.
    fn due(&self, calendars: &[Option<WorkCalendar>], start: Timestamp) -> Result<i64, String> {
        let Rule::Anchor { period, offset, day, bound, tz, calendar } = self else {
            return Err("not an anchor".to_owned());
        };
        let date = tz.to_datetime(start).date();
        let next = i64::from(*offset == AnchorOffset::Next);
        let add = |d: Date, span: Span| d.checked_add(span).map_err(|e| e.to_string());
        // The first day after the limit: the due instant is its midnight.
        let after = match period {
            AnchorPeriod::Day => add(date, (1 + next).days())?,
            AnchorPeriod::WorkingDay => {
                let cal = calendar_at(calendars, calendar.unwrap_or(usize::MAX))?;
                let mut d = date;
                let mut left = next;
                loop {
                    if cal.is_working_day(d).ok_or_else(|| outside(cal))? {
                        if left == 0 {
                            break;
                        }
                        left -= 1;
                    }
                    d = add(d, 1.day())?;
                }
                add(d, 1.day())?
            }
            AnchorPeriod::Month => {
                let first = add(date.first_of_month(), next.months())?;
                match day {
                    Some(day) => {
                        let day = (*day as i8).min(first.days_in_month());
                        let on = first.with().day(day).build().map_err(|e| e.to_string())?;
                        if *bound == AnchorBound::Before { on } else { add(on, 1.day())? }
                    }
                    None => add(first, 1.month())?,
                }
            }
            AnchorPeriod::Quarter => {
                let quarter = date.with().month((date.month() - 1) / 3 * 3 + 1).day(1).build().map_err(|e| e.to_string())?;
                add(quarter, (3 + 3 * next).months())?
            }
            AnchorPeriod::Year => Date::new(date.year(), 1, 1)
                .map_err(|e| e.to_string())
                .and_then(|d| add(d, (1 + next).years()))?,
        };
        let due = tz.to_timestamp(after.to_datetime(jiff::civil::Time::midnight())).map_err(|e| e.to_string())?;
        Ok(due.as_second())
    }
}

/// A span or a range's upper end.
fn span(q: &Quantity, work: Option<(usize, &WorkCalendar)>, tz: TimeZone) -> Option<Rule> {
    let floor = |a: num_rational::Ratio<i64>| a.floor().to_integer();
    match q.unit {
        Unit::WorkingDays | Unit::WorkingHours => {
            let Some((calendar, cal)) = work else {
                return Some(Rule::NotAuditable("working time without a business calendar".to_owned()));
            };
            let per = if q.unit == Unit::WorkingDays { cal.seconds_per_day() } else { 3600 };
            let seconds = num_traits::CheckedMul::checked_mul(&q.amount, &per.into()).map(floor)?;
            Some(Rule::Working { seconds, calendar })
        }
        Unit::Months | Unit::Years => {
            let months = if q.unit == Unit::Years { num_traits::CheckedMul::checked_mul(&q.amount, &12.into())? } else { q.amount };
            let whole = months.floor();
            let extra = floor(num_traits::CheckedMul::checked_mul(&(months - whole), &MONTH.into())?);
            Some(Rule::Months { months: whole.to_integer().to_i32()?, extra, tz })
        }
        _ => Some(Rule::Clock(floor(q.clock_seconds()?))),
    }
}

fn calendar_at(calendars: &[Option<WorkCalendar>], c: usize) -> Result<&WorkCalendar, String> {
    calendars.get(c).and_then(Option::as_ref).ok_or_else(|| "its calendar is invalid".to_owned())
}

fn outside(cal: &WorkCalendar) -> String {
    let years = cal.years();
    format!("outside the years its calendar covers ({}–{})", years.start(), years.end())
}
