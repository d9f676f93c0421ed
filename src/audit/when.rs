//! Instants as ticket systems export them: RFC 3339 with an offset
//! (`2025-10-01T09:30:00+08:00`), or a local time in the audit's time zone
//! (`2025-10-01 09:30`, `2025-10-01 09:30:15`, `2025/10/1 9:30`, as Excel
//! writes them). Local times are read by hand: a million records have two
//! each, and the shapes are few.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// What a time looks like when it cannot be read.
pub const SHAPES: &str = "write `YYYY-MM-DD HH:MM[:SS]` or `YYYY/MM/DD HH:MM` in --tz, \
                          or RFC 3339 with an offset (`2025-10-01T09:30:00+08:00`)";

/// The instant `text` names; a local time is in `tz`.
pub fn parse(text: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Some(civil) = local(text) {
        // Asia/Shanghai has no shifts; elsewhere a time in a gap moves
        // forward and one in a fold takes its earlier instant.
        return tz
            .to_ambiguous_timestamp(civil)
            .compatible()
            .map_err(|e| format!("`{text}` has no instant in {}: {e}", name(tz)));
    }
    text.parse::<Timestamp>()
        .map_err(|_| format!("`{text}` is not a time"))
}

fn name(tz: &TimeZone) -> &str {
    tz.iana_name().unwrap_or("the time zone")
}

/// `YYYY-MM-DD HH:MM[:SS]` or with `/` between the parts of the date; a
/// month, day or hour of one digit too. `None` for anything else.
fn local(text: &str) -> Option<DateTime> {
    let (date, time) = text.split_once(' ')?;
    let time = time.trim_start();
    let sep = if date.contains('/') { '/' } else { '-' };
    let mut d = date.split(sep);
    let year = number(d.next()?, 4, 4)?;
    let month = number(d.next()?, 1, 2)?;
    let day = number(d.next()?, 1, 2)?;
    let mut t = time.split(':');
    let hour = number(t.next()?, 1, 2)?;
    let minute = number(t.next()?, 2, 2)?;
    let second = t.next().map_or(Some(0), |s| number(s, 2, 2))?;
    if d.next().is_some() || t.next().is_some() {
        return None;
    }
    let date = jiff::civil::Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()?;
    let time = jiff::civil::Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
    Some(date.to_datetime(time))
}

/// The decimal number of `min..=max` ASCII digits.
fn number(s: &str, min: usize, max: usize) -> Option<u16> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_rfc3339_times() {
        let tz = jiff::tz::db().get("Asia/Shanghai").unwrap();
        let utc = |s: &str| s.parse::<Timestamp>().unwrap();
        let expected = utc("2025-10-01T01:30:00Z");
        for text in [
            "2025-10-01 09:30",
            "2025-10-01 09:30:00",
            "2025/10/01 09:30",
            "2025/10/1 9:30",
            "2025-10-01T09:30:00+08:00",
            " 2025-10-01T01:30:00Z ",
        ] {
            assert_eq!(parse(text, &tz), Ok(expected), "{text}");
        }
        for text in [
            "2025-13-01 09:30",
            "2025-10-01",
            "01/10/2025 09:30",
            "2025-10-01 9:3",
            "",
        ] {
            assert!(parse(text, &tz).is_err(), "{text}");
        }
    }
}
