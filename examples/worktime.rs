//! Times the business-time arithmetic on a million records, as an audit of
//! a year's tickets would use it: `working_seconds` from opening to closing,
//! and `due` from opening. Run with `bash benches/worktime.sh`.

use std::hint::black_box;
use std::time::Instant;

use guifan::spec::calendars::named;
use guifan::spec::worktime::{Schedule, WorkCalendar};
use jiff::{SignedDuration, Timestamp};

const RECORDS: usize = 1_000_000;

/// Monday–Friday, 08:30–12:00 and 13:30–17:30, with mainland China's holidays.
fn calendar() -> WorkCalendar {
    let cn = named("cn-mainland").expect("bundled");
    let schedule = Schedule {
        time_zone: jiff::tz::db().get("Asia/Shanghai").expect("bundled"),
        hours: vec![(30_600, 43_200), (48_600, 63_000)],
        weekdays: [true, true, true, true, true, false, false],
        holidays: cn.holidays.keys().copied().collect(),
        makeup_days: cn.makeup_days.keys().copied().collect(),
    };
    WorkCalendar::new(&schedule).expect("valid")
}

/// Opening and closing instants spread over 2024–2026, each ticket open for
/// up to 30 days (a fixed pseudo-random sequence: same figures every run).
fn records() -> Vec<(Timestamp, Timestamp)> {
    let start = "2024-01-01T00:00:00+08:00"
        .parse::<Timestamp>()
        .expect("instant");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) % below
    };
    let seconds = |s: u64| SignedDuration::from_secs(s as i64);
    (0..RECORDS)
        .map(|_| {
            let open = start + seconds(next(1_060 * 86_400));
            (open, open + seconds(next(30 * 86_400)))
        })
        .collect()
}

/// Run `f` on every record, print how long it took, return its sum.
fn time(
    what: &str,
    records: &[(Timestamp, Timestamp)],
    f: impl Fn(Timestamp, Timestamp) -> i64,
) -> i64 {
    let began = Instant::now();
    let sum = records
        .iter()
        .map(|&(a, b)| f(black_box(a), black_box(b)))
        .sum();
    let seconds = began.elapsed().as_secs_f64();
    println!(
        "{what}: {} calls in {:.1} ms ({:.0} ns per call)",
        records.len(),
        seconds * 1e3,
        seconds * 1e9 / records.len() as f64
    );
    sum
}

fn main() {
    let cal = calendar();
    let records = records();
    let worked = time("working_seconds", &records, |open, close| {
        cal.working_seconds(open, close).unwrap_or(0)
    });
    println!("  {} working hours in all", worked / 3600);
    let two_days = 2 * 27_000;
    let due = time("due (2 working days)", &records, |open, _| {
        i64::from(cal.due(open, two_days).is_some())
    });
    println!("  {due} due within the covered years");
    let began = Instant::now();
    let range = cal.clock_range(two_days);
    println!(
        "clock_range (2 working days): {range:?} s in {:.2} ms",
        began.elapsed().as_secs_f64() * 1e3
    );
}
