//! Business calendars as a spec writes them, checked and compiled: every
//! problem is an `E011` at the offending value, with a help line; a calendar
//! without problems becomes a [`WorkCalendar`].

mod bundled;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;

pub use bundled::{NAMES, Named, named};

use super::model::Calendar;
use super::span::{Pos, Sp};
use super::worktime::{MAX_YEARS, Schedule, WorkCalendar};
use crate::diag::i18n::Text;
use crate::diag::{Diagnostic, Place, did_you_mean};

/// The time zone of a calendar that names none.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";

/// When a working day starts if the calendar gives only `hours_per_day`.
const DEFAULT_START: i32 = 9 * 3600;

const DAY: i32 = 86_400;

/// What is wrong with a date as written.
#[derive(Debug)]
pub struct DateError {
    pub message: String,
    pub help: String,
}

/// A `YYYY-MM-DD` date of the proleptic Gregorian calendar.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let b = text.as_bytes();
    let digits = [0, 1, 2, 3, 5, 6, 8, 9];
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits.iter().all(|&i| b[i].is_ascii_digit());
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    if !shaped {
        return Err(DateError {
            message: format!("`{text}` is not a date"),
            help: "write dates as `YYYY-MM-DD`, e.g. `2026-10-01`".to_owned(),
        });
    }
    // Two digits each, so they fit.
    let (year, month, day) = (number(0..4), number(5..7) as i8, number(8..10) as i8);
    if !(1..=12).contains(&month) {
        return Err(DateError {
            message: format!("`{text}` has no month {month}"),
            help: "months run from 01 to 12: `YYYY-MM-DD`".to_owned(),
        });
    }
    let length = Date::new(year, month, 1).map_or(31, |d| d.days_in_month());
    Date::new(year, month, day).map_err(|_| DateError {
        message: format!("`{text}` does not exist: {year:04}-{month:02} has {length} days"),
        help: format!("days of {year:04}-{month:02} run from 01 to {length}"),
    })
}

/// Check `calendar` (defined in `file`), report every problem, and compile
/// it when there is none.
pub fn compile(
    calendar: &Calendar,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<WorkCalendar> {
    let mut check = Check {
        file,
        diags,
        ok: true,
    };
    let base = check.base(calendar);
    let time_zone = check.time_zone(calendar);
    let hours = check.hours(calendar);
    let weekdays = check.weekdays(calendar);
    let (holidays, makeup_days) = check.dates(calendar, base);
    let schedule = Schedule {
        time_zone: time_zone?,
        hours: hours?,
        weekdays,
        holidays,
        makeup_days,
    };
    check.years(calendar, &schedule);
    if !check.ok {
        return None;
    }
    let compiled = WorkCalendar::new(&schedule);
    if compiled.is_none() {
        let (first, last) = schedule.years();
        let message = format!(
            "calendar `{}` cannot be laid out over the years {first}–{last}",
            calendar.id.value
        );
        check.emit(
            calendar.id.pos,
            message,
            "keep its dates to the years its limits are timed in",
        );
    }
    compiled
}

/// `7.5` for 27,000 seconds: a day length in hours, as a reader writes it.
fn hours_text(seconds: i64) -> String {
    if seconds % 3600 == 0 {
        return (seconds / 3600).to_string();
    }
    let text = format!("{:.4}", seconds as f64 / 3600.0);
    text.trim_end_matches('0').to_owned()
}

/// `08:30` → 30,600 seconds; `24:00` is the end of the day.
fn time_of_day(text: &str) -> Option<i32> {
    let (h, m) = text.split_once(':')?;
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    let seconds = h * 3600 + m * 60;
    (m < 60 && seconds <= DAY).then_some(seconds)
}

struct Check<'a> {
    file: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl Check<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<Text>, help: impl Into<Text>) -> Diagnostic {
        self.ok = false;
        Diagnostic::new("E011", Place::new(self.file, pos), message).with_help(help)
    }

    fn emit(&mut self, pos: Pos, message: impl Into<Text>, help: impl Into<Text>) {
        let diag = self.error(pos, message, help);
        self.diags.push(diag);
    }

    fn base(&mut self, calendar: &Calendar) -> Option<&'static Named> {
        let name = calendar.base.as_ref()?;
        let found = named(&name.value);
        if found.is_none() {
            let help = match did_you_mean(&name.value, NAMES.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the bundled calendars are: {}", NAMES.join(", ")),
            };
            let message = format!("unknown base calendar `{}`", name.value);
            self.emit(name.pos, message, help);
        }
        found
    }

    fn time_zone(&mut self, calendar: &Calendar) -> Option<TimeZone> {
        let db = jiff::tz::db();
        let Some(name) = &calendar.time_zone else {
            return db.get(DEFAULT_TIME_ZONE).ok();
        };
        if let Ok(tz) = db.get(&name.value) {
            return Some(tz);
        }
        let names: Vec<String> = db.available().map(|n| n.as_str().to_owned()).collect();
        let help = match did_you_mean(&name.value, names.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use an IANA time zone name, e.g. `{DEFAULT_TIME_ZONE}`"),
        };
        self.emit(
            name.pos,
            format!("unknown time zone `{}`", name.value),
            help,
        );
        None
    }

    /// The working intervals of a day: `hours`, or `hours_per_day` from
    /// 09:00; the two must agree when both are given.
    fn hours(&mut self, calendar: &Calendar) -> Option<Vec<(i32, i32)>> {
        let written = self.intervals(&calendar.hours);
        let Some(per_day) = &calendar.hours_per_day else {
            if calendar.hours.is_empty() {
                self.no_day_length(calendar);
            }
            return written;
        };
        let length = self.day_length(per_day)?;
        let hours = written?;
        if hours.is_empty() {
            return Some(vec![default_hours(length)]);
        }
        let sum: i32 = hours.iter().map(|(a, b)| b - a).sum();
        if sum != length {
            self.mismatch(per_day, length, sum);
            return None;
        }
        Some(hours)
    }

    fn no_day_length(&mut self, calendar: &Calendar) {
        let message = format!(
            "calendar `{}` does not say how long a working day is",
            calendar.id.value
        );
        let help = "give its working hours (`hours: [\"09:00-12:00\", \"13:00-18:00\"]`) or their length (`hours_per_day: 8`)";
        self.emit(calendar.id.pos, message, help);
    }

    fn mismatch(&mut self, per_day: &Sp<f64>, length: i32, sum: i32) {
        let message = format!(
            "`hours_per_day: {}` does not match `hours`, which add up to {} hours",
            hours_text(length.into()),
            hours_text(sum.into())
        );
        let help = "correct one of them, or leave `hours_per_day` out: it is derived from `hours`";
        self.emit(per_day.pos, message, help);
    }

    /// `hours_per_day` in seconds, if it is more than 0, at most 24 and a
    /// whole number of seconds.
    fn day_length(&mut self, hours: &Sp<f64>) -> Option<i32> {
        let h = hours.value;
        if !(h > 0.0 && h <= 24.0) {
            let message = format!("`hours_per_day: {h}` is out of range");
            self.emit(
                hours.pos,
                message,
                "a working day lasts more than 0 and at most 24 hours",
            );
            return None;
        }
        let seconds = h * 3600.0;
        if (seconds - seconds.round()).abs() > 1e-6 {
            let message = format!("`hours_per_day: {h}` is not a whole number of seconds");
            self.emit(
                hours.pos,
                message,
                "round it, or give the working hours as `hours`",
            );
            return None;
        }
        Some(seconds.round() as i32)
    }

    /// Every `HH:MM-HH:MM` range read, in order and disjoint; `None` if any
    /// is wrong (each reported).
    fn intervals(&mut self, hours: &[Sp<String>]) -> Option<Vec<(i32, i32)>> {
        let reported = self.diags.len();
        let mut out = Vec::with_capacity(hours.len());
        let mut previous: Option<(&Sp<String>, i32)> = None;
        for range in hours {
            let Some((start, end)) = self.interval(range) else {
                continue;
            };
            if let Some((p, before)) = previous
                && start < before
            {
                let message = format!("`{}` starts before `{}` ends", range.value, p.value);
                let help = "list working hours in the order of the day, without overlaps";
                self.emit(range.pos, message, help);
            }
            out.push((start, end));
            previous = Some((range, end));
        }
        (self.diags.len() == reported).then_some(out)
    }

    fn interval(&mut self, range: &Sp<String>) -> Option<(i32, i32)> {
        let times = range.value.trim().split_once('-');
        let read = times.map(|(a, b)| (time_of_day(a), time_of_day(b)));
        match read {
            Some((Some(start), Some(end))) if start < end => Some((start, end)),
            Some((Some(_), Some(_))) => {
                let message = format!("working hours `{}` end before they start", range.value);
                self.emit(range.pos, message, "a range of working hours cannot cross midnight: split it at `24:00` and `00:00`");
                None
            }
            _ => {
                let message = format!("`{}` is not a range of working hours", range.value);
                self.emit(
                    range.pos,
                    message,
                    "write `HH:MM-HH:MM` with hours 00–24 and minutes 00–59, e.g. `08:30-12:00`",
                );
                None
            }
        }
    }

    fn weekdays(&mut self, calendar: &Calendar) -> [bool; 7] {
        let mut weekdays = [false; 7];
        for day in calendar.working_days.iter() {
            weekdays[day.value as usize] = true;
        }
        if calendar.working_days.is_empty() {
            let message = format!("calendar `{}` has no working days", calendar.id.value);
            self.emit(
                calendar.working_days.pos,
                message,
                "list the working days of an ordinary week, e.g. `[mon, tue, wed, thu, fri]`",
            );
        }
        weekdays
    }

    /// Its holidays and make-up days with those of its base; a date both
    /// off and worked is reported where this calendar writes it.
    fn dates(
        &mut self,
        calendar: &Calendar,
        base: Option<&Named>,
    ) -> (BTreeSet<Date>, BTreeSet<Date>) {
        let holidays = self.read_dates(&calendar.holidays);
        let makeup_days = self.read_dates(&calendar.makeup_days);
        for (date, &pos) in &makeup_days {
            if let Some(&holiday) = holidays.get(date) {
                let message = format!("`{date}` is both a holiday and a make-up day");
                let diag = self.error(
                    pos,
                    message,
                    "a day is either off or worked: remove it from one list",
                );
                self.diags.push(
                    diag.with_related(Place::new(self.file, holiday), "listed as a holiday here"),
                );
            }
        }
        if let Some(base) = base {
            self.against_base(&makeup_days, &base.holidays, base, "a day off");
            self.against_base(&holidays, &base.makeup_days, base, "a make-up working day");
        }
        let merge = |own: &BTreeMap<Date, Pos>, theirs: Option<&BTreeMap<Date, String>>| {
            let theirs = theirs.into_iter().flat_map(BTreeMap::keys);
            own.keys().chain(theirs).copied().collect()
        };
        (
            merge(&holidays, base.map(|b| &b.holidays)),
            merge(&makeup_days, base.map(|b| &b.makeup_days)),
        )
    }

    /// Dates of this calendar that its base has the other way round.
    fn against_base(
        &mut self,
        own: &BTreeMap<Date, Pos>,
        theirs: &BTreeMap<Date, String>,
        base: &Named,
        what: &str,
    ) {
        for (date, &pos) in own {
            if let Some(period) = theirs.get(date) {
                let message = format!("`{}` has `{date}` as {what} ({period})", base.id);
                let help = format!(
                    "a day is either off or worked: remove it here, or leave out `base: {}`",
                    base.id
                );
                self.emit(pos, message, help);
            }
        }
    }

    fn read_dates(&mut self, dates: &[Sp<String>]) -> BTreeMap<Date, Pos> {
        let mut out = BTreeMap::new();
        for text in dates {
            match parse_date(&text.value) {
                Ok(date) => {
                    out.entry(date).or_insert(text.pos);
                }
                Err(e) => self.emit(text.pos, format!("invalid date: {}", e.message), e.help),
            }
        }
        out
    }

    fn years(&mut self, calendar: &Calendar, schedule: &Schedule) {
        let (first, last) = schedule.years();
        if i32::from(last) - i32::from(first) >= i32::from(MAX_YEARS) {
            let message = format!(
                "calendar `{}` spans the years {first}–{last}, more than {MAX_YEARS}",
                calendar.id.value
            );
            self.emit(calendar.id.pos, message, "a calendar covers the years of its dates: keep to the years its limits are timed in");
        }
    }
}

/// `hours_per_day` as one interval: from 09:00, or up to 24:00 when it
/// would not fit.
fn default_hours(length: i32) -> (i32, i32) {
    let start = DEFAULT_START.min(DAY - length);
    (start, start + length)
}
