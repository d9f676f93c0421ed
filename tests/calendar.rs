//! The bundled calendar `cn-mainland` against an independent encoding of the
//! same State Council notices, the PyPI package chinese-calendar: whether
//! each day of 2024–2026 is a working day, day by day.

use std::process::Command;

use jiff::civil::{Date, date};

/// The pinned version; `.ci/run` installs it.
const INSTALL: &str = "python3 -m pip install 'chinese-calendar==1.11.0'";

/// Every day of 2024–2026 in one call: `1` working, `0` off.
const PYTHON: &str = "\
import datetime, chinese_calendar
start = datetime.date(2024, 1, 1)
days = (start + datetime.timedelta(n) for n in range(1096))
print(''.join('1' if chinese_calendar.is_workday(d) else '0' for d in days))";

fn days() -> Vec<Date> {
    let mut days = vec![date(2024, 1, 1)];
    while let Some(next) = days.last().and_then(|d| d.tomorrow().ok()) {
        if next.year() > 2026 {
            break;
        }
        days.push(next);
    }
    days
}

/// guifan's answer: a Monday–Friday calendar on `base: cn-mainland`, resolved.
fn guifan_working_days(days: &[Date]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "calendars:\n  - { id: cn, title: 大陆, base: cn-mainland, hours_per_day: 8, \
                working_days: [mon, tue, wed, thu, fri] }\n";
    std::fs::write(dir.path().join("spec.yaml"), yaml).unwrap();
    let (spec, diags) = guifan::spec::open(dir.path()).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    let calendar = spec.work_calendars[0].as_ref().unwrap();
    let working = |d: &Date| calendar.is_working_day(*d).expect("2024–2026 are covered");
    days.iter()
        .map(|d| if working(d) { '1' } else { '0' })
        .collect()
}

fn chinese_calendar() -> String {
    let out = Command::new("python3")
        .args(["-c", PYTHON])
        .output()
        .unwrap_or_else(|e| panic!("python3 does not run ({e}): install it, then `{INSTALL}`"));
    assert!(
        out.status.success(),
        "chinese-calendar is missing: `{INSTALL}`\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
#[ignore = "needs python3 with chinese-calendar (.ci/run installs it)"]
fn cn_mainland_agrees_with_chinese_calendar_on_every_day_of_2024_to_2026() {
    let days = days();
    assert_eq!(days.len(), 1096);
    let (ours, theirs) = (guifan_working_days(&days), chinese_calendar());
    assert_eq!(theirs.len(), days.len(), "{theirs}");
    let differ: Vec<String> = (days.iter().zip(ours.chars().zip(theirs.chars())))
        .filter(|(_, (a, b))| a != b)
        .map(|(d, (a, _))| {
            format!(
                "{d} ({:?}): guifan says {}",
                d.weekday(),
                if a == '1' { "working" } else { "off" }
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} days differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
