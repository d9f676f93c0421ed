//! The terminal summary: one table per view (limit, role, priority class,
//! month), the worst breaches with their clauses, the short periods.
//! Colour (rates under 100 % red, met limits green) only when asked.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::{GroupRow, Summary, counts_text, duration_text, rate_text, rejected_text, value_text};
use crate::audit::measure::Measure;

/// How many short periods the table lists (the CSV and JSON have all).
const SHORT_SHOWN: usize = 20;

pub fn render(s: &Summary, styled: bool) -> String {
    let paint = |text: String, style: Style| {
        if styled {
            format!("{style}{text}{style:#}")
        } else {
            text
        }
    };
    let rate = |r: Option<f64>| {
        let text = format!("{:>7}", rate_text(r));
        match r {
            Some(r) if r < 100.0 => paint(text, AnsiColor::Red.on_default()),
            Some(_) => paint(text, AnsiColor::Green.on_default()),
            None => text,
        }
    };
    let bold = Style::new().bold();
    let t = &s.total;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint(
            format!("Audit of {} records as of {}", s.records, s.as_of),
            bold
        )
    );
    let _ = writeln!(
        out,
        "{}; compliance {}",
        counts_text(t),
        rate_text(t.rate())
    );
    if s.without_limit > 0 {
        let _ = writeln!(
            out,
            "{} records fall under no limit's scope",
            s.without_limit
        );
    }
    if s.rejected > 0 {
        let _ = writeln!(out, "{}; see the errors above", rejected_text(s));
    }
    let _ = writeln!(out, "\n{}", paint("Per limit".to_owned(), bold));
    let h = [
        "limit", "allowed", "pairs", "met", "breached", "open", "rate", "median", "p90", "max",
        "clause",
    ];
    let _ = writeln!(
        out,
        "{:<42} {:<14} {:>7} {:>7} {:>8} {:>6} {:>7}  {:>16} {:>16} {:>16}  {}",
        h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10],
    );
    for l in &s.limits {
        let taken = |v| value_text(l.measure, v);
        let (pairs, met, breached) = if l.measure == Measure::Count {
            (l.tally.pairs, l.periods - l.short, l.short)
        } else {
            (l.tally.pairs, l.tally.met, l.tally.breached)
        };
        let mut note = l.clause.clone();
        if let Some(code) = l.ambiguous {
            note.push_str(&format!(" [ambiguous: {code}]"));
        }
        if l.how.starts_with("not auditable") {
            note.push_str(&format!(" [{}]", l.how));
        } else if l.measure == Measure::Count {
            note.push_str(&format!(" [{} periods, {} short]", l.periods, l.short));
        }
        let _ = writeln!(
            out,
            "{:<42} {:<14} {:>7} {:>7} {:>8} {:>6} {}  {:>16} {:>16} {:>16}  {}",
            l.id,
            pad(&l.allowed, 14),
            pairs,
            met,
            breached,
            l.tally.open,
            rate(l.rate),
            taken(l.median),
            taken(l.p90),
            taken(l.max),
            note
        );
    }
    for (title, rows) in [
        ("Per responsible role", &s.roles),
        ("Per priority class", &s.classes),
        ("Per month", &s.months),
    ] {
        let _ = writeln!(out, "\n{}", paint(title.to_owned(), bold));
        group(&mut out, rows, &rate);
    }
    if !s.worst.is_empty() {
        let _ = writeln!(out, "\n{}", paint("Worst breaches".to_owned(), bold));
        for w in &s.worst {
            let _ = writeln!(
                out,
                "{}:{} {} — {} took {} against {} ({}, {} {})",
                w.file,
                w.line,
                w.record,
                w.limit,
                value_text(w.measure, Some(w.taken_value)),
                w.allowed,
                duration_text(w.allowed_value),
                w.clause,
                w.clause_title
            );
        }
    }
    if !s.short_periods.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint("Periods short of a frequency limit".to_owned(), bold)
        );
        for p in s.short_periods.iter().take(SHORT_SHOWN) {
            let unit = if p.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", p.unit)
            };
            let _ = writeln!(
                out,
                "{} {}{}: {} of {}",
                p.limit, p.period, unit, p.count, p.required
            );
        }
        if s.short_periods.len() > SHORT_SHOWN {
            let _ = writeln!(
                out,
                "… and {} more (all in --format csv or json)",
                s.short_periods.len() - SHORT_SHOWN
            );
        }
    }
    out.lines().map(|l| format!("{}\n", l.trim_end())).collect()
}

fn group(out: &mut String, rows: &[GroupRow], rate: &dyn Fn(Option<f64>) -> String) {
    let h = ["", "pairs", "met", "breached", "open", "rate"];
    let _ = writeln!(
        out,
        "{:<42} {:>7} {:>7} {:>8} {:>6} {:>7}",
        h[0], h[1], h[2], h[3], h[4], h[5]
    );
    for g in rows {
        let title = if g.title == g.key {
            String::new()
        } else {
            g.title.clone()
        };
        let key = if g.key.is_empty() {
            "(none)"
        } else {
            g.key.as_str()
        };
        let t = &g.tally;
        let _ = writeln!(
            out,
            "{:<42} {:>7} {:>7} {:>8} {:>6} {}  {}",
            key,
            t.pairs,
            t.met,
            t.breached,
            t.open,
            rate(g.rate),
            title
        );
    }
}

/// `text` padded to `width` columns, counting a CJK character as two.
fn pad(text: &str, width: usize) -> String {
    let wide = |c: char| ('\u{1100}'..='\u{FFEF}').contains(&c);
    let columns: usize = text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
}
