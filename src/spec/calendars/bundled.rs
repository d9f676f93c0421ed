//! The named calendars a spec's calendar can build on (`base:`), kept as
//! small data files beside this one and embedded in the binary.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jiff::civil::Date;
use serde::Deserialize;

use super::parse_date;

/// The names `base:` accepts.
pub const NAMES: &[&str] = &["cn-mainland"];

/// A bundled calendar: its days off and make-up working days, each with
/// the name of its holiday period (春节, 国庆节).
#[derive(Debug)]
pub struct Named {
    pub id: String,
    pub holidays: BTreeMap<Date, String>,
    pub makeup_days: BTreeMap<Date, String>,
}

/// The bundled calendar called `id`.
pub fn named(id: &str) -> Option<&'static Named> {
    static CN_MAINLAND: OnceLock<Named> = OnceLock::new();
    match id {
        "cn-mainland" => Some(CN_MAINLAND.get_or_init(|| {
            load(include_str!("cn-mainland.toml")).expect("bundled calendar is valid (tested)")
        })),
        _ => None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    id: String,
    years: Vec<Year>,
}

/// One notice: the holiday periods of a year.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: i16,
    periods: Vec<Period>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Period {
    name: String,
    from: String,
    to: Option<String>,
    #[serde(default)]
    work: Vec<String>,
}

fn date_in(text: &str, year: i16) -> Result<Date, String> {
    let date = parse_date(text).map_err(|e| e.message)?;
    if date.year() != year {
        return Err(format!("{text} is listed under {year}"));
    }
    Ok(date)
}

/// Read a calendar file, checking that every date is real, in its year's
/// notice, and either off or worked, never both.
fn load(text: &str) -> Result<Named, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut named = Named {
        id: file.id,
        holidays: BTreeMap::new(),
        makeup_days: BTreeMap::new(),
    };
    for year in &file.years {
        for period in &year.periods {
            add_period(&mut named, period, year.year)?;
        }
    }
    match named
        .holidays
        .keys()
        .find(|d| named.makeup_days.contains_key(d))
    {
        Some(both) => Err(format!("{both} is both off and worked")),
        None => Ok(named),
    }
}

fn add_period(named: &mut Named, period: &Period, year: i16) -> Result<(), String> {
    let from = date_in(&period.from, year)?;
    let to = match &period.to {
        Some(to) => date_in(to, year)?,
        None => from,
    };
    let mut day = from;
    while day <= to {
        named.holidays.insert(day, period.name.clone());
        day = day.tomorrow().map_err(|e| e.to_string())?;
    }
    for work in &period.work {
        named
            .makeup_days
            .insert(date_in(work, year)?, period.name.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_bundled_calendar_loads() {
        for id in NAMES {
            let calendar = named(id).unwrap();
            assert_eq!(calendar.id, *id);
        }
    }

    #[test]
    fn cn_mainland_has_the_notices_periods() {
        let cn = named("cn-mainland").unwrap();
        // 2026 春节: 9 days off, 15–23 February; 14 and 28 February worked.
        let spring = (15..=23).map(|d| date(2026, 2, d));
        assert!(spring.clone().all(|d| cn.holidays[&d] == "春节"));
        assert_eq!(cn.makeup_days[&date(2026, 2, 14)], "春节");
        assert_eq!(cn.makeup_days[&date(2026, 2, 28)], "春节");
        // 2025 merged 国庆节 and 中秋节 into 8 days.
        assert_eq!(cn.holidays[&date(2025, 10, 8)], "国庆节、中秋节");
        let years = cn.holidays.keys().map(|d| d.year());
        assert_eq!(years.collect::<std::collections::BTreeSet<_>>().len(), 3);
    }

    #[test]
    fn a_broken_calendar_file_is_refused() {
        let head = "id = \"x\"\n[[years]]\nyear = 2026\n";
        for (periods, why) in [
            (
                r#"[{ name = "a", from = "2026-02-30" }]"#,
                "2026-02 has 28 days",
            ),
            (
                r#"[{ name = "a", from = "2025-12-31" }]"#,
                "listed under 2026",
            ),
            (
                r#"[{ name = "a", from = "2026-10-01", work = ["2026-10-01"] }]"#,
                "both off and worked",
            ),
        ] {
            let err = load(&format!("{head}periods = {periods}\n")).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }
}
