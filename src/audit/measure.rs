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
    Months {
        months: i32,
        extra: i64,
        tz: TimeZone,
    },
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
    Frequency {
        count: u32,
        per: super::frequency::Period,
        tz: TimeZone,
    },
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

impl Measure {
    /// As written in CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Measure::ClockSeconds => "clock_seconds",
            Measure::WorkingSeconds => "working_seconds",
            Measure::Count => "count",
            Measure::None => "none",
        }
    }
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

impl Status {
    /// As written in CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Breached => "breached",
            Status::Open => "open",
            Status::NotAuditable => "not_auditable",
            Status::Counted => "counted",
        }
    }
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
            Some(Duration::Anchor {
                period,
                offset,
                day,
                bound,
            }) => {
                if *period == AnchorPeriod::WorkingDay && work.is_none() {
                    return no("working days without a business calendar");
                }
                Rule::Anchor {
                    period: *period,
                    offset: *offset,
                    day: *day,
                    bound: *bound,
                    tz,
                    calendar: work.map(|(c, _)| c),
                }
            }
            Some(Duration::Frequency { count, per, .. }) => match super::frequency::Period::of(per)
            {
                Some(per) => Rule::Frequency {
                    count: *count,
                    per,
                    tz,
                },
                None => no("a frequency in working time"),
            },
            Some(Duration::Retention { .. }) => no("a retention window, not a time taken"),
            Some(Duration::Vague { word }) => {
                Rule::NotAuditable(format!("vague: `{word}` sets no time"))
            }
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
                let worked = cal
                    .working_seconds(s.start, s.end)
                    .ok_or_else(|| outside(cal))?;
                (*seconds, (worked - s.paused).max(0))
            }
            Rule::Months { months, extra, tz } => {
                let due = s
                    .start
                    .to_zoned_datetime(tz.clone())
                    .checked_add(months.months())
                    .map_err(|e| e.to_string())?;
                (
                    due.timestamp().as_second() - s.start.as_second() + extra,
                    clock(),
                )
            }
            Rule::Anchor { .. } => (self.due(calendars, s.start)? - s.start.as_second(), clock()),
            Rule::Frequency { .. } | Rule::NotAuditable(_) => {
                let status = match self {
                    Rule::Frequency { .. } => Status::Counted,
                    _ => Status::NotAuditable,
                };
                return Ok(Outcome {
                    measure: self.measure(),
                    allowed: None,
                    taken: None,
                    status,
                });
            }
        };
        let status = if taken > allowed {
            Status::Breached
        } else if s.open {
            Status::Open
        } else {
            Status::Met
        };
        Ok(Outcome {
            measure: self.measure(),
            allowed: Some(allowed),
            taken: Some(taken),
            status,
        })
    }

    /// The instant (Unix seconds) an anchor falls due for a record started at `start`.
    fn due(&self, calendars: &[Option<WorkCalendar>], start: Timestamp) -> Result<i64, String> {
        let Rule::Anchor {
            period,
            offset,
            day,
            bound,
            tz,
            calendar,
        } = self
        else {
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
                        if *bound == AnchorBound::Before {
                            on
                        } else {
                            add(on, 1.day())?
                        }
                    }
                    None => add(first, 1.month())?,
                }
            }
            AnchorPeriod::Quarter => {
                let quarter = date
                    .with()
                    .month((date.month() - 1) / 3 * 3 + 1)
                    .day(1)
                    .build()
                    .map_err(|e| e.to_string())?;
                add(quarter, (3 + 3 * next).months())?
            }
            AnchorPeriod::Year => Date::new(date.year(), 1, 1)
                .map_err(|e| e.to_string())
                .and_then(|d| add(d, (1 + next).years()))?,
        };
        let due = tz
            .to_timestamp(after.to_datetime(jiff::civil::Time::midnight()))
            .map_err(|e| e.to_string())?;
        Ok(due.as_second())
    }
}

/// A span or a range's upper end.
fn span(q: &Quantity, work: Option<(usize, &WorkCalendar)>, tz: TimeZone) -> Option<Rule> {
    let floor = |a: num_rational::Ratio<i64>| a.floor().to_integer();
    match q.unit {
        Unit::WorkingDays | Unit::WorkingHours => {
            let Some((calendar, cal)) = work else {
                return Some(Rule::NotAuditable(
                    "working time without a business calendar".to_owned(),
                ));
            };
            let per = if q.unit == Unit::WorkingDays {
                cal.seconds_per_day()
            } else {
                3600
            };
            let seconds = num_traits::CheckedMul::checked_mul(&q.amount, &per.into()).map(floor)?;
            Some(Rule::Working { seconds, calendar })
        }
        Unit::Months | Unit::Years => {
            let months = if q.unit == Unit::Years {
                num_traits::CheckedMul::checked_mul(&q.amount, &12.into())?
            } else {
                q.amount
            };
            let whole = months.floor();
            let extra = floor(num_traits::CheckedMul::checked_mul(
                &(months - whole),
                &MONTH.into(),
            )?);
            Some(Rule::Months {
                months: whole.to_integer().to_i32()?,
                extra,
                tz,
            })
        }
        _ => Some(Rule::Clock(floor(q.clock_seconds()?))),
    }
}

fn calendar_at(calendars: &[Option<WorkCalendar>], c: usize) -> Result<&WorkCalendar, String> {
    calendars
        .get(c)
        .and_then(Option::as_ref)
        .ok_or_else(|| "its calendar is invalid".to_owned())
}

fn outside(cal: &WorkCalendar) -> String {
    let years = cal.years();
    format!(
        "outside the years its calendar covers ({}–{})",
        years.start(),
        years.end()
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jiff::SignedDuration;
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;
    use crate::spec::worktime::Schedule;

    /// 09:00–12:00 and 13:00–17:00, Monday to Friday, with mainland
    /// China's holidays and make-up days, as the audit's fixture spec.
    fn schedule() -> Schedule {
        let cn = crate::spec::calendars::named("cn-mainland").unwrap();
        Schedule {
            time_zone: jiff::tz::db().get("Asia/Shanghai").unwrap(),
            hours: vec![(9 * 3600, 12 * 3600), (13 * 3600, 17 * 3600)],
            weekdays: [true, true, true, true, true, false, false],
            holidays: cn.holidays.keys().copied().collect(),
            makeup_days: cn.makeup_days.keys().copied().collect(),
        }
    }

    /// The slow reference: walk the minutes from `start` to `end`, counting
    /// those on a working day (a weekday that is no holiday, or a make-up
    /// day) within the hours.
    fn walk(s: &Schedule, start: Timestamp, end: Timestamp) -> i64 {
        let (holidays, makeup): (&BTreeSet<Date>, &BTreeSet<Date>) = (&s.holidays, &s.makeup_days);
        let mut t = start;
        let mut seconds = 0;
        while t < end {
            let local = s.time_zone.to_datetime(t);
            let day = local.date();
            let weekday = usize::try_from(day.weekday().to_monday_zero_offset()).unwrap();
            let working =
                makeup.contains(&day) || (s.weekdays[weekday] && !holidays.contains(&day));
            let at = i32::from(local.hour()) * 3600 + i32::from(local.minute()) * 60;
            if working && s.hours.iter().any(|&(a, b)| a <= at && at < b) {
                seconds += 60;
            }
            t += SignedDuration::from_secs(60);
        }
        seconds
    }

    fn instant(s: &Schedule, minute: i64) -> Timestamp {
        let start = s
            .time_zone
            .to_timestamp(date(2025, 1, 1).at(0, 0, 0, 0))
            .unwrap();
        start + SignedDuration::from_secs(minute * 60)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A working-time limit measured on a record agrees with a walk
        /// minute by minute, across weekends, holidays (National Day,
        /// Spring Festival), make-up days, midnight and the lunch break;
        /// paused minutes come off, never below zero.
        #[test]
        fn working_time_taken_agrees_with_a_minute_walk(
            start in 0i64..525_600,
            length in 0i64..(20 * 1440),
            paused in 0i64..600,
        ) {
            let s = schedule();
            let calendars = vec![Some(WorkCalendar::new(&s).unwrap())];
            let rule = Rule::Working { seconds: 7 * 3600, calendar: 0 };
            let (from, to) = (instant(&s, start), instant(&s, start + length));
            let times = Times { start: from, end: to, open: false, paused: paused * 60 };
            let outcome = rule.apply(&calendars, times).unwrap();
            let expected = (walk(&s, from, to) - paused * 60).max(0);
            prop_assert_eq!(outcome.taken, Some(expected));
            prop_assert_eq!(outcome.status == Status::Breached, expected > 7 * 3600);
        }

        /// An anchor's due instant is midnight of the right day: 次月5日前
        /// is the start of the 5th of the next month, 次日 the end of the
        /// next day, whatever the start's time of day.
        #[test]
        fn anchors_fall_due_at_midnight_of_their_day(start in 0i64..525_600) {
            let s = schedule();
            let from = instant(&s, start);
            let day = s.time_zone.to_datetime(from).date();
            let midnight = |d: Date| s.time_zone.to_timestamp(d.to_datetime(jiff::civil::Time::midnight())).unwrap().as_second();
            let anchor = |period, offset, day, bound| Rule::Anchor { period, offset, day, bound, tz: s.time_zone.clone(), calendar: None };
            let next_month_5th = anchor(AnchorPeriod::Month, AnchorOffset::Next, Some(5), AnchorBound::Before);
            let expected = midnight(day.first_of_month().checked_add(1.month()).unwrap().with().day(5).build().unwrap());
            prop_assert_eq!(next_month_5th.due(&[], from), Ok(expected));
            let next_day = anchor(AnchorPeriod::Day, AnchorOffset::Next, None, AnchorBound::By);
            prop_assert_eq!(next_day.due(&[], from), Ok(midnight(day.checked_add(2.days()).unwrap())));
        }
    }

    #[test]
    fn the_next_working_day_skips_the_national_day_holiday_and_keeps_make_up_days() {
        let s = schedule();
        let calendars = vec![Some(WorkCalendar::new(&s).unwrap())];
        let at = |d: Date| s.time_zone.to_timestamp(d.at(10, 0, 0, 0)).unwrap();
        let midnight = |d: Date| {
            s.time_zone
                .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .unwrap()
                .as_second()
        };
        let rule = Rule::Anchor {
            period: AnchorPeriod::WorkingDay,
            offset: AnchorOffset::Next,
            day: None,
            bound: AnchorBound::By,
            tz: s.time_zone.clone(),
            calendar: Some(0),
        };
        // Tuesday 30 September 2025 → Thursday 9 October (1–8 off).
        assert_eq!(
            rule.due(&calendars, at(date(2025, 9, 30))),
            Ok(midnight(date(2025, 10, 10)))
        );
        // Friday 10 October → Saturday 11 October, a make-up working day.
        assert_eq!(
            rule.due(&calendars, at(date(2025, 10, 10))),
            Ok(midnight(date(2025, 10, 12)))
        );
        // 2030 is outside the calendar: not measured, and said so.
        assert!(
            rule.due(&calendars, at(date(2030, 1, 7)))
                .unwrap_err()
                .contains("2024–2026")
        );
    }
}
