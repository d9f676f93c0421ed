//! Business time: how much working time lies between two instants, when a
//! span of working time started at an instant falls due, and how long on the
//! clock such a span can take.
//!
//! A calendar is compiled once into a table of the days of its years: for
//! each day the instant it starts, whether it is a working day, the working
//! seconds before it (a prefix sum) and its working intervals as instants.
//! Every question is then a lookup and a few additions in exact integer
//! seconds, never a walk: the day holding an instant is found in O(1) (days
//! are 86,400 s long but for daylight-saving shifts), the day in which a
//! total of working time is reached by binary search over the prefix sums.
//! Arithmetic is checked: a question the table cannot answer (an instant
//! outside its years, an overflowing amount) gets `None`, never a panic.
//!
//! The table covers whole years: those of the calendar's holidays and
//! make-up days (its base's included), or the fixed [`REFERENCE_YEAR`] when
//! it has none, so that answers never depend on today's date.

use std::collections::BTreeSet;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Seconds in a day without daylight-saving shifts.
const DAY: i64 = 86_400;

/// The year a calendar without dates covers: fixed, so that output is
/// reproducible.
pub const REFERENCE_YEAR: i16 = 2025;

/// The most years one calendar may cover (its table holds every day).
pub const MAX_YEARS: i16 = 100;

/// What a business calendar says, checked (see `spec::calendars`): the
/// input of [`WorkCalendar::new`].
#[derive(Clone, Debug)]
pub struct Schedule {
    pub time_zone: TimeZone,
    /// The working intervals of a working day in seconds after midnight:
    /// in order, disjoint, non-empty, within `0..=86_400`.
    pub hours: Vec<(i32, i32)>,
    /// Whether each day of an ordinary week is a working day, Monday first.
    pub weekdays: [bool; 7],
    pub holidays: BTreeSet<Date>,
    pub makeup_days: BTreeSet<Date>,
}

impl Schedule {
    fn is_working_day(&self, date: Date) -> bool {
        let weekday = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
        self.makeup_days.contains(&date)
            || (self.weekdays[weekday] && !self.holidays.contains(&date))
    }

    /// The first and last year of its dates, or the reference year.
    pub fn years(&self) -> (i16, i16) {
        let years = || {
            self.holidays
                .iter()
                .chain(&self.makeup_days)
                .map(|d| d.year())
        };
        match (years().min(), years().max()) {
            (Some(first), Some(last)) => (first, last),
            _ => (REFERENCE_YEAR, REFERENCE_YEAR),
        }
    }

    /// The working time of one working day, in seconds.
    fn seconds_per_day(&self) -> i64 {
        let length = |&(a, b): &(i32, i32)| i64::from(b) - i64::from(a);
        self.hours.iter().map(length).sum()
    }
}

/// One day of the table.
#[derive(Clone, Copy, Debug)]
struct Day {
    /// The instant it starts (Unix seconds).
    start: i64,
    /// Working seconds from the start of the table to `start`.
    before: i64,
    /// Its working intervals: `intervals[first..last]`.
    first: u32,
    last: u32,
    working: bool,
}

/// A working interval `[start, end)` of instants (Unix seconds).
#[derive(Clone, Copy, Debug)]
struct Interval {
    start: i64,
    end: i64,
}

/// A business calendar compiled for arithmetic: see the module's doc.
#[derive(Clone, Debug)]
pub struct WorkCalendar {
    time_zone: TimeZone,
    seconds_per_day: i64,
    first_year: i16,
    /// Index in `days` of 1 January of each covered year, in order: the
    /// per-year tables are slices of one.
    years: Vec<u32>,
    /// Every day of the covered years, then one day more whose `start` is
    /// the table's end and whose `before` is its total.
    days: Vec<Day>,
    intervals: Vec<Interval>,
}

/// The instant `seconds` after midnight of `date` in `tz` (a civil time in
/// a daylight-saving gap moves forward, one in a fold takes its earlier
/// instant).
fn instant(tz: &TimeZone, date: Date, seconds: i32) -> Option<i64> {
    let civil = date
        .to_datetime(Time::midnight())
        .checked_add(SignedDuration::from_secs(i64::from(seconds)))
        .ok()?;
    Some(tz.to_timestamp(civil).ok()?.as_second())
}

impl WorkCalendar {
    /// The table of the schedule's years (see [`Schedule::years`]); `None`
    /// when they are more than [`MAX_YEARS`] or beyond the dates jiff knows.
    pub fn new(schedule: &Schedule) -> Option<WorkCalendar> {
        let (first, last) = schedule.years();
        if i32::from(last) - i32::from(first) >= i32::from(MAX_YEARS) {
            return None;
        }
        let mut table = WorkCalendar {
            time_zone: schedule.time_zone.clone(),
            seconds_per_day: schedule.seconds_per_day(),
            first_year: first,
            years: Vec::new(),
            days: Vec::new(),
            intervals: Vec::new(),
        };
        // Instants only move forward, even where a daylight-saving gap
        // swallows part of the working hours.
        let mut floor = i64::MIN;
        let mut before = 0i64;
        let mut date = Date::new(first, 1, 1).ok()?;
        while date.year() <= last {
            if date.day_of_year() == 1 {
                table.years.push(u32::try_from(table.days.len()).ok()?);
            }
            let day = table.day(schedule, date, &mut floor, before)?;
            before = before.checked_add(table.worked_in(&day))?;
            table.days.push(day);
            date = date.tomorrow().ok()?;
        }
        let end = instant(&schedule.time_zone, date, 0)?.max(floor);
        let at = u32::try_from(table.intervals.len()).ok()?;
        table.days.push(Day {
            start: end,
            before,
            first: at,
            last: at,
            working: false,
        });
        Some(table)
    }

    /// The entry of `date`, its intervals pushed onto `self.intervals`.
    fn day(
        &mut self,
        schedule: &Schedule,
        date: Date,
        floor: &mut i64,
        before: i64,
    ) -> Option<Day> {
        let tz = &schedule.time_zone;
        let start = instant(tz, date, 0)?.max(*floor);
        *floor = start;
        let working = schedule.is_working_day(date);
        let first = u32::try_from(self.intervals.len()).ok()?;
        for &(a, b) in schedule.hours.iter().filter(|_| working) {
            let start = instant(tz, date, a)?.max(*floor);
            let end = instant(tz, date, b)?.max(start);
            *floor = end;
            if end > start {
                self.intervals.push(Interval { start, end });
            }
        }
        let last = u32::try_from(self.intervals.len()).ok()?;
        Some(Day {
            start,
            before,
            first,
            last,
            working,
        })
    }

    fn intervals_of(&self, day: &Day) -> &[Interval] {
        self.intervals
            .get(day.first as usize..day.last as usize)
            .unwrap_or_default()
    }

    fn worked_in(&self, day: &Day) -> i64 {
        self.intervals_of(day).iter().map(|i| i.end - i.start).sum()
    }

    /// The working time of one working day, in seconds: the sum of its
    /// hours (so 0.5个工作日 is half of it).
    pub fn seconds_per_day(&self) -> i64 {
        self.seconds_per_day
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The years the table covers.
    pub fn years(&self) -> std::ops::RangeInclusive<i16> {
        let count = i16::try_from(self.years.len()).unwrap_or(1);
        self.first_year..=self.first_year.saturating_add(count - 1)
    }

    /// Whether `date` is a working day; `None` outside the covered years.
    pub fn is_working_day(&self, date: Date) -> Option<bool> {
        let year = usize::try_from(date.year().checked_sub(self.first_year)?).ok()?;
        let first = *self.years.get(year)? as usize;
        let day = first + usize::try_from(date.day_of_year() - 1).ok()?;
        Some(self.days.get(day)?.working)
    }

    /// The index of the day holding instant `t` (the closing entry for the
    /// table's end), if the table covers it.
    fn day_at(&self, t: i64) -> Option<usize> {
        let (first, end) = (self.days.first()?.start, self.days.last()?.start);
        if t < first || t > end {
            return None;
        }
        let guess = usize::try_from((t - first) / DAY).ok()?;
        let mut i = guess.min(self.days.len() - 1);
        while self.days[i].start > t {
            i -= 1;
        }
        while self.days.get(i + 1).is_some_and(|d| d.start <= t) {
            i += 1;
        }
        Some(i)
    }

    /// Working seconds from the start of the table to instant `t`.
    fn worked_until(&self, t: i64) -> Option<i64> {
        let day = &self.days[self.day_at(t)?];
        let mut worked = day.before;
        for interval in self.intervals_of(day) {
            if t <= interval.start {
                break;
            }
            worked += t.min(interval.end) - interval.start;
        }
        Some(worked)
    }

    /// The earliest instant by which `target` working seconds since the
    /// start of the table have elapsed (`target > 0`).
    fn reached(&self, target: i64) -> Option<i64> {
        let next = self.days.partition_point(|d| d.before < target);
        let day = self.days.get(next.checked_sub(1)?)?;
        let mut left = target - day.before;
        for interval in self.intervals_of(day) {
            let length = interval.end - interval.start;
            if left <= length {
                return Some(interval.start + left);
            }
            left -= length;
        }
        None
    }

    fn due_at(&self, from: i64, working: i64) -> Option<i64> {
        let worked = self.worked_until(from)?;
        match working {
            ..0 => None,
            0 => Some(from),
            _ => self.reached(worked.checked_add(working)?),
        }
    }

    /// The working time between two instants, in seconds (negative when
    /// `to` is before `from`); `None` when either is outside the covered
    /// years. Instants count in whole seconds.
    pub fn working_seconds(&self, from: Timestamp, to: Timestamp) -> Option<i64> {
        Some(self.worked_until(to.as_second())? - self.worked_until(from.as_second())?)
    }

    /// The earliest instant by which `working` seconds of working time after
    /// `from` have elapsed; `None` past the covered years, for a negative
    /// amount, or when `from` is outside them.
    pub fn due(&self, from: Timestamp, working: i64) -> Option<Timestamp> {
        let due = self.due_at(from.as_second(), working)?;
        // No working time: `from` itself, to the nanosecond.
        if working == 0 {
            return Some(from);
        }
        Timestamp::from_second(due).ok()
    }

    /// The shortest and longest clock time, in seconds, that `working`
    /// seconds of working time take, over every start instant of the covered
    /// years whose due instant they cover; `None` when there is none.
    ///
    /// Only the ends of working intervals need trying: started inside an
    /// interval, the clock time grows as the start moves later (the end
    /// jumps over gaps), and started in a gap it shrinks as the start moves
    /// later (the same end, less waiting). So the shortest starts at an
    /// interval's beginning and the longest at an interval's end (a gap's
    /// beginning) or at the table's start.
    pub fn clock_range(&self, working: i64) -> Option<(i64, i64)> {
        let starts = self.intervals.iter().flat_map(|i| [i.start, i.end]);
        let starts = std::iter::once(self.days.first()?.start).chain(starts);
        starts
            .map_while(|t| Some(self.due_at(t, working)? - t))
            .fold(None, |range, elapsed| match range {
                None => Some((elapsed, elapsed)),
                Some((lo, hi)) => Some((elapsed.min(lo), elapsed.max(hi))),
            })
    }
}

impl crate::spec::timing::WorkingClock for WorkCalendar {
    fn seconds_per_day(&self) -> i64 {
        WorkCalendar::seconds_per_day(self)
    }
    fn clock_range(&self, working: i64) -> Option<(i64, i64)> {
        WorkCalendar::clock_range(self, working)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    const H: i64 = 3600;
    const MON_FRI: [bool; 7] = [true, true, true, true, true, false, false];

    fn zone(name: &str) -> TimeZone {
        jiff::tz::db().get(name).unwrap()
    }

    fn schedule(hours: &[(i32, i32)], zone_name: &str) -> Schedule {
        Schedule {
            time_zone: zone(zone_name),
            hours: hours.to_vec(),
            weekdays: MON_FRI,
            holidays: BTreeSet::new(),
            makeup_days: BTreeSet::new(),
        }
    }

    /// Monday to Friday, 09:00–17:00, with mainland China's holidays.
    fn cn_mainland() -> WorkCalendar {
        let cn = crate::spec::calendars::named("cn-mainland").unwrap();
        let mut s = schedule(&[(9 * 3600, 17 * 3600)], "Asia/Shanghai");
        s.holidays = cn.holidays.keys().copied().collect();
        s.makeup_days = cn.makeup_days.keys().copied().collect();
        WorkCalendar::new(&s).unwrap()
    }

    fn at(cal: &WorkCalendar, (y, m, d): (i16, i8, i8), (h, min): (i8, i8)) -> Timestamp {
        let civil = date(y, m, d).at(h, min, 0, 0);
        cal.time_zone().to_timestamp(civil).unwrap()
    }

    #[test]
    fn two_working_days_from_a_friday_afternoon_end_on_tuesday() {
        let cal = cn_mainland();
        let friday = at(&cal, (2025, 3, 7), (15, 0));
        assert_eq!(
            cal.due(friday, 16 * H),
            Some(at(&cal, (2025, 3, 11), (15, 0)))
        );
        assert_eq!(cal.seconds_per_day(), 8 * H);
        assert_eq!(cal.years(), 2024..=2026);
    }

    #[test]
    fn the_spring_festival_and_its_make_up_days() {
        let cal = cn_mainland();
        // Friday 13 February 2026: 2 h; Saturday 14th, a make-up day: 8 h;
        // 15–23 off; Tuesday 24th: the last 6 h.
        let friday = at(&cal, (2026, 2, 13), (15, 0));
        assert_eq!(
            cal.due(friday, 16 * H),
            Some(at(&cal, (2026, 2, 24), (15, 0)))
        );
        let (from, to) = (
            at(&cal, (2026, 2, 13), (0, 0)),
            at(&cal, (2026, 2, 28), (0, 0)),
        );
        assert_eq!(cal.working_seconds(from, to), Some(6 * 8 * H));
        assert_eq!(cal.is_working_day(date(2026, 2, 28)), Some(true)); // a Saturday
        assert_eq!(cal.is_working_day(date(2026, 2, 16)), Some(false)); // a Monday
        assert_eq!(cal.is_working_day(date(2027, 1, 4)), None);
    }

    #[test]
    fn the_clock_time_of_two_working_days_ranges_over_the_years() {
        let cal = cn_mainland();
        // Shortest: Monday 09:00 to Tuesday 17:00. Longest: from Saturday
        // 14 February 2026 17:00 over the 9 days of the Spring Festival to
        // Wednesday 25th 17:00.
        assert_eq!(cal.clock_range(16 * H), Some((32 * H, 11 * 24 * H)));
        // Half a working day, as docs/semantics.md quotes it.
        assert_eq!(cal.clock_range(4 * H), Some((4 * H, 236 * H)));
        assert_eq!(cal.clock_range(0), Some((0, 0)));
        assert_eq!(cal.clock_range(-1), None);
        assert_eq!(cal.clock_range(i64::MAX), None);
    }

    #[test]
    fn a_lunch_break_is_waited_out() {
        let cal = WorkCalendar::new(&schedule(
            &[(30_600, 43_200), (48_600, 63_000)],
            "Asia/Shanghai",
        ))
        .unwrap();
        assert_eq!(cal.seconds_per_day(), 7 * H + H / 2);
        assert_eq!(cal.years(), 2025..=2025);
        let day = (2025, 3, 3);
        let hm = |h, m| at(&cal, day, (h, m));
        // Ends the moment the morning ends, not after lunch.
        assert_eq!(cal.due(hm(11, 0), H), Some(hm(12, 0)));
        assert_eq!(cal.due(hm(12, 0), H), Some(hm(14, 30)));
        assert_eq!(cal.due(hm(12, 30), H / 2), Some(hm(14, 0)));
        assert_eq!(cal.working_seconds(hm(12, 0), hm(13, 30)), Some(0));
        assert_eq!(cal.working_seconds(hm(11, 0), hm(14, 0)), Some(H + H / 2));
        assert_eq!(cal.working_seconds(hm(14, 0), hm(11, 0)), Some(-H - H / 2));
        let friday_close = at(&cal, (2025, 3, 7), (17, 30));
        let monday_open = at(&cal, (2025, 3, 10), (8, 30));
        assert_eq!(
            cal.due(friday_close, 60),
            Some(monday_open + SignedDuration::from_secs(60))
        );
    }

    #[test]
    fn working_hours_across_midnight() {
        let cal = WorkCalendar::new(&schedule(&[(0, 86_400)], "Asia/Shanghai")).unwrap();
        let t = |d, h| at(&cal, (2025, 3, d), (h, 0));
        assert_eq!(cal.due(t(3, 23), 2 * H), Some(t(4, 1)));
        // Friday 23:00 + 2 h: one hour on Friday, one on Monday.
        assert_eq!(cal.due(t(7, 23), 2 * H), Some(t(10, 1)));
        assert_eq!(cal.due(t(8, 12), H), Some(t(10, 1)));
        assert_eq!(cal.working_seconds(t(7, 23), t(10, 1)), Some(2 * H));
    }

    #[test]
    fn the_edges_of_the_covered_years() {
        let cal = WorkCalendar::new(&schedule(&[(9 * 3600, 17 * 3600)], "Asia/Shanghai")).unwrap();
        let last = at(&cal, (2025, 12, 31), (16, 0));
        assert_eq!(cal.due(last, H), Some(at(&cal, (2025, 12, 31), (17, 0))));
        assert_eq!(cal.due(last, H + 1), None);
        let end = at(&cal, (2026, 1, 1), (0, 0));
        assert_eq!(cal.working_seconds(last, end), Some(H));
        assert_eq!(
            cal.working_seconds(last, end + SignedDuration::from_secs(1)),
            None
        );
        let start = at(&cal, (2025, 1, 1), (0, 0));
        assert_eq!(
            cal.working_seconds(start - SignedDuration::from_secs(1), last),
            None
        );
        assert_eq!(cal.due(end, 0), Some(end));
        // Any amount, any instant: an answer or `None`, never a panic.
        for t in [Timestamp::MIN, Timestamp::MAX, start, end] {
            for w in [i64::MIN, -1, i64::MAX] {
                assert_eq!(cal.due(t, w), None, "{t} {w}");
            }
            assert_eq!(cal.working_seconds(t, Timestamp::MAX), None);
        }
        assert_eq!(cal.due(Timestamp::MIN, 1), None);
        assert_eq!(cal.due(end, 1), None);
    }

    #[test]
    fn daylight_saving_days_are_as_long_as_the_clock_says() {
        let cal = WorkCalendar::new(&Schedule {
            weekdays: [true; 7],
            ..schedule(&[(0, 86_400)], "America/New_York")
        })
        .unwrap();
        let midnight = |m, d| at(&cal, (2025, m, d), (0, 0));
        assert_eq!(
            cal.working_seconds(midnight(3, 9), midnight(3, 10)),
            Some(23 * H)
        );
        assert_eq!(
            cal.working_seconds(midnight(11, 2), midnight(11, 3)),
            Some(25 * H)
        );
        // 02:00–03:00 does not exist on 9 March.
        let cal = WorkCalendar::new(&Schedule {
            weekdays: [true; 7],
            ..schedule(&[(2 * 3600, 3 * 3600)], "America/New_York")
        })
        .unwrap();
        let year = (midnight(1, 1), at(&cal, (2025, 12, 31), (23, 0)));
        assert_eq!(cal.working_seconds(year.0, year.1), Some(364 * H));
    }

    /// The slow reference: a year of minutes, each working or not, in a
    /// zone whose offset is fixed in 2025.
    struct Minutes {
        working: Vec<bool>,
        /// Working minutes before each minute, and after the last.
        before: Vec<i64>,
    }

    impl Minutes {
        fn new(
            hours: &[(i32, i32)],
            weekdays: [bool; 7],
            off: &BTreeSet<u16>,
            on: &BTreeSet<u16>,
        ) -> Self {
            let mut working = Vec::new();
            for day in 0..365u16 {
                // 1 January 2025 was a Wednesday.
                let open = on.contains(&day)
                    || (weekdays[(usize::from(day) + 2) % 7] && !off.contains(&day));
                for minute in 0..1440 {
                    let at = minute * 60;
                    working.push(open && hours.iter().any(|&(a, b)| a <= at && at < b));
                }
            }
            let before = std::iter::once(0)
                .chain(working.iter().scan(0, |n, &w| {
                    *n += i64::from(w);
                    Some(*n)
                }))
                .collect();
            Minutes { working, before }
        }

        /// Walk minute by minute until `work` working minutes have passed.
        fn due(&self, from: usize, work: i64) -> Option<usize> {
            let (mut m, mut done) = (from, 0);
            while done < work {
                done += i64::from(*self.working.get(m)?);
                m += 1;
            }
            Some(m)
        }

        /// The clock range over every start minute (due minutes only move
        /// forward as the start does).
        fn clock_range(&self, work: i64) -> Option<(i64, i64)> {
            let (mut range, mut due) = (None::<(i64, i64)>, 0);
            for start in 0..self.before.len() {
                due = due.max(start);
                while due < self.before.len() && self.before[due] - self.before[start] < work {
                    due += 1;
                }
                if due == self.before.len() {
                    break;
                }
                let e = (due - start) as i64 * 60;
                range = Some(range.map_or((e, e), |(lo, hi)| (lo.min(e), hi.max(e))));
            }
            range
        }
    }

    fn hours() -> impl Strategy<Value = Vec<(i32, i32)>> {
        prop::collection::btree_set(0i32..=1440, 2..=6).prop_map(|set| {
            let minutes: Vec<i32> = set.into_iter().collect();
            minutes
                .chunks_exact(2)
                .map(|p| (p[0] * 60, p[1] * 60))
                .collect()
        })
    }

    fn days() -> impl Strategy<Value = BTreeSet<u16>> {
        prop::collection::btree_set(0u16..365, 0..20)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// The table agrees with the minute-by-minute reference on working
        /// time, due instants and the clock range.
        #[test]
        fn agrees_with_a_walk_minute_by_minute(
            hours in hours(),
            weekdays in prop::array::uniform7(prop::bool::ANY),
            off in days(),
            on in days(),
            utc in prop::bool::ANY,
            queries in prop::collection::vec((0usize..=525_600, 0usize..=525_600, 0i64..5_000), 12),
        ) {
            let on: BTreeSet<u16> = on.difference(&off).copied().collect();
            let start = date(2025, 1, 1);
            let as_dates = |days: &BTreeSet<u16>| -> BTreeSet<Date> {
                days.iter().map(|&d| start.checked_add(jiff::Span::new().days(d)).unwrap()).collect()
            };
            let cal = WorkCalendar::new(&Schedule {
                time_zone: zone(if utc { "UTC" } else { "Asia/Shanghai" }),
                hours: hours.clone(),
                weekdays,
                holidays: as_dates(&off),
                makeup_days: as_dates(&on),
            }).unwrap();
            let reference = Minutes::new(&hours, weekdays, &off, &on);
            let t0 = at(&cal, (2025, 1, 1), (0, 0));
            let instant = |m: usize| t0 + SignedDuration::from_secs(m as i64 * 60);
            for &(a, b, work) in &queries {
                let expected = (reference.before[b] - reference.before[a]) * 60;
                prop_assert_eq!(cal.working_seconds(instant(a), instant(b)), Some(expected));
                let due = reference.due(a, work).map(instant);
                prop_assert_eq!(cal.due(instant(a), work * 60), due, "from minute {} + {} min", a, work);
            }
            // The reference tries every start minute of the year: two amounts.
            for &(_, _, work) in &queries[..2] {
                prop_assert_eq!(cal.clock_range(work * 60), reference.clock_range(work), "{} min", work);
            }
        }
    }
}
