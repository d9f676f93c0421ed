//! The HTML report: one self-contained page with the figures of the
//! terminal summary and two charts, compliance per limit and per month,
//! drawn as inline SVG when the report is written. No JavaScript, no
//! request; `@page A4` and print styles so it prints as handed in.

use std::fmt::Write as _;

use super::{GroupRow, Summary, counts_text, duration_text, rate_text, rejected_text, value_text};

/// Escape text for HTML content and attributes.
fn esc(text: &str) -> String {
    let text = crate::output::neutralise(text);
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "@page{size:A4;margin:15mm}body{font-family:'Noto Sans CJK SC',sans-serif;\
font-size:10pt;max-width:180mm;margin:auto;color:#222}table{border-collapse:collapse;width:100%;\
margin:0 0 1em}th,td{border-bottom:1px solid #ccc;padding:2px 4px;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#b00020}.ok{color:#1b5e20}\
h2{break-after:avoid;margin-top:1.2em}table,svg{break-inside:auto}tr{break-inside:avoid}\
svg text{font-size:9px}@media print{a{color:inherit;text-decoration:none}}";

pub fn render(s: &Summary) -> String {
    let mut o = String::new();
    let t = &s.total;
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Audit of service records</title>\
         <style>{STYLE}</style></head><body>\n<h1>Audit of service records</h1>\n\
         <p>{} records as of {}: {}; compliance <b>{}</b>.</p>\n",
        s.records,
        esc(&s.as_of),
        counts_text(t),
        rate_text(t.rate())
    );
    if s.rejected > 0 {
        let _ = writeln!(o, "<p class=\"bad\">{}.</p>", esc(&rejected_text(s)));
    }
    let bars: Vec<(String, Option<f64>)> =
        s.limits.iter().map(|l| (l.id.clone(), l.rate)).collect();
    let _ = writeln!(o, "<h2>Compliance per limit</h2>\n{}", chart(&bars));
    limits(&mut o, s);
    let months: Vec<(String, Option<f64>)> =
        s.months.iter().map(|g| (g.key.clone(), g.rate)).collect();
    let _ = writeln!(o, "<h2>Compliance per month</h2>\n{}", chart(&months));
    for (title, rows) in [
        ("Per responsible role", &s.roles),
        ("Per priority class", &s.classes),
        ("Per month", &s.months),
    ] {
        let _ = writeln!(o, "<h2>{title}</h2>");
        group(&mut o, rows);
    }
    if !s.worst.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Worst breaches</h2>\n<table><tr><th>record</th><th>line</th><th>limit</th><th>allowed</th><th>taken</th><th>clause</th></tr>"
        );
        for w in &s.worst {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}:{}</td><td>{}</td><td>{} ({})</td><td class=\"bad\">{}</td><td>{} {}</td></tr>",
                esc(&w.record),
                esc(&w.file),
                w.line,
                esc(&w.limit),
                esc(&w.allowed),
                duration_text(w.allowed_value),
                value_text(w.measure, Some(w.taken_value)),
                esc(&w.clause),
                esc(&w.clause_title)
            );
        }
        o.push_str("</table>\n");
    }
    if !s.short_periods.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Periods short of a frequency limit</h2>\n<table><tr><th>limit</th><th>period</th><th>unit</th><th>records</th><th>required</th></tr>"
        );
        for p in &s.short_periods {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n bad\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&p.limit),
                esc(&p.period),
                esc(&p.unit),
                p.count,
                p.required
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</body></html>\n");
    o
}

fn limits(o: &mut String, s: &Summary) {
    o.push_str("<table><tr><th>limit</th><th>allowed</th><th>pairs</th><th>met</th><th>breached</th><th>open</th>\
                <th>rate</th><th>median</th><th>p90</th><th>max</th><th>clause</th></tr>\n");
    for l in &s.limits {
        let v = |x| value_text(l.measure, x);
        let mut note = esc(&l.clause);
        if let Some(code) = l.ambiguous {
            let _ = write!(note, " <b>ambiguous ({code})</b>");
        }
        if l.how.starts_with("not auditable") {
            let _ = write!(note, " <i>{}</i>", esc(&l.how));
        }
        let _ = writeln!(
            o,
            "<tr><td>{}<br><small>{}</small></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&l.id),
            esc(&l.title),
            esc(&l.allowed),
            l.tally.pairs,
            l.tally.met,
            l.tally.breached,
            l.tally.open,
            rate_text(l.rate),
            v(l.median),
            v(l.p90),
            v(l.max),
            note
        );
    }
    o.push_str("</table>\n");
}

fn group(o: &mut String, rows: &[GroupRow]) {
    o.push_str("<table><tr><th></th><th>pairs</th><th>met</th><th>breached</th><th>open</th><th>rate</th></tr>\n");
    for g in rows {
        let key = if g.key.is_empty() {
            "(none)"
        } else {
            g.key.as_str()
        };
        let title = if g.title == g.key {
            String::new()
        } else {
            format!("<br><small>{}</small>", esc(&g.title))
        };
        let t = &g.tally;
        let _ = writeln!(
            o,
            "<tr><td>{}{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(key),
            title,
            t.pairs,
            t.met,
            t.breached,
            t.open,
            rate_text(g.rate)
        );
    }
    o.push_str("</table>\n");
}

/// Horizontal bars of compliance (0–100 %), one per row; `—` rows (nothing
/// decided) have no bar.
fn chart(rows: &[(String, Option<f64>)]) -> String {
    const ROW: usize = 14;
    const LABEL: f64 = 210.0;
    const WIDTH: f64 = 420.0;
    let height = rows.len() * ROW + 20;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 680 {height}\" width=\"100%\">\n"
    );
    for (i, (label, rate)) in rows.iter().enumerate() {
        let y = i * ROW;
        let _ = write!(
            svg,
            "<text x=\"{:.0}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 4.0,
            y + 10,
            esc(label)
        );
        if let Some(r) = rate {
            let colour = if *r < 100.0 { "#b00020" } else { "#1b5e20" };
            let _ = write!(
                svg,
                "<rect x=\"{LABEL}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{}\">{}</text>",
                y + 2,
                WIDTH * r / 100.0,
                ROW - 4,
                LABEL + WIDTH * r / 100.0 + 3.0,
                y + 10,
                rate_text(Some(*r))
            );
        } else {
            let _ = write!(svg, "<text x=\"{LABEL}\" y=\"{}\">—</text>", y + 10);
        }
        svg.push('\n');
    }
    let axis = rows.len() * ROW + 12;
    for pct in [0, 50, 100] {
        let x = LABEL + WIDTH * f64::from(pct) / 100.0;
        let _ = write!(
            svg,
            "<text x=\"{x:.0}\" y=\"{axis}\" text-anchor=\"middle\">{pct} %</text>"
        );
    }
    svg.push_str("\n</svg>");
    svg
}
