//! What the audit writes: every (record, limit) pair as it is decided
//! ([`Sink`]: CSV or JSON, streamed), and the [`Summary`] the terminal
//! table ([`table`]) and the HTML report ([`html`]) show.

pub mod html;
pub mod table;

use std::io::{self, Write};

use serde::Serialize;

use super::AuditFormat;
use super::frequency;
use super::matching::{CONFLICT, Catalogue};
use super::measure::{Measure, Outcome, Rule, Status};
use super::stats::{Stats, Tally};
use crate::diag::{self, Severity};
use crate::output::{Checked, Dest, Output, Rendered, Target};

/// One line of the pairs output: a (record, limit) pair, or a period of a
/// frequency limit (no file, line or record; `period` and `unit` set).
#[derive(Debug, Serialize)]
pub struct Pair<'a> {
    pub file: &'a str,
    pub line: Option<u64>,
    pub record: &'a str,
    pub limit: &'a str,
    pub clause: &'a str,
    pub measure: Measure,
    /// As the standard writes it.
    pub allowed: &'a str,
    /// In `measure` (seconds, or a count).
    pub allowed_value: Option<i64>,
    pub taken_value: Option<i64>,
    pub status: Status,
    pub breach: Option<bool>,
    /// The code of the finding that makes the limit ambiguous here.
    pub ambiguous: Option<&'static str>,
    pub period: Option<&'a str>,
    pub unit: Option<&'a str>,
}

impl<'a> Pair<'a> {
    pub fn of(
        cat: &'a Catalogue,
        l: usize,
        file: &'a str,
        line: u64,
        record: &'a str,
        outcome: Outcome,
        ambiguous: bool,
    ) -> Pair<'a> {
        let decided = matches!(
            outcome.status,
            Status::Met | Status::Breached | Status::Open
        );
        Pair {
            file,
            line: Some(line),
            record,
            limit: &cat.spec.limits[l].id.value,
            clause: clause(cat, l),
            measure: outcome.measure,
            allowed: &cat.spec.limit_info[l].text,
            allowed_value: outcome.allowed,
            taken_value: outcome.taken,
            status: outcome.status,
            breach: decided.then_some(outcome.status == Status::Breached),
            ambiguous: ambiguous.then_some(CONFLICT),
            period: None,
            unit: None,
        }
    }

    /// The pair as a CSV row (after the header, the first time): written
    /// by hand, since a million rows through serde cost a second.
    fn csv(&self, out: &mut dyn Write, started: &mut bool) -> io::Result<()> {
        if !*started {
            out.write_all(CSV_HEADER.as_bytes())?;
            *started = true;
        }
        // The row is put together in memory and written at once.
        let mut row = Vec::with_capacity(256);
        let text = |b: Option<bool>| b.map_or("", |b| if b { "true" } else { "false" });
        let number = |row: &mut Vec<u8>, n: Option<i64>| match n {
            Some(n) => write!(row, ",{n}"),
            None => row.write_all(b","),
        };
        csv_field(&mut row, self.file)?;
        match self.line {
            Some(l) => write!(row, ",{l}")?,
            None => row.push(b','),
        }
        for field in [
            self.record,
            self.limit,
            self.clause,
            self.measure.name(),
            self.allowed,
        ] {
            row.push(b',');
            csv_field(&mut row, field)?;
        }
        number(&mut row, self.allowed_value)?;
        number(&mut row, self.taken_value)?;
        for field in [
            self.status.name(),
            text(self.breach),
            self.ambiguous.unwrap_or(""),
            self.period.unwrap_or(""),
            self.unit.unwrap_or(""),
        ] {
            row.push(b',');
            csv_field(&mut row, field)?;
        }
        row.push(b'\n');
        out.write_all(&row)
    }

    fn period(cat: &'a Catalogue, p: &'a frequency::Checked) -> Pair<'a> {
        Pair {
            file: "",
            line: None,
            record: "",
            limit: &cat.spec.limits[p.limit].id.value,
            clause: clause(cat, p.limit),
            measure: Measure::Count,
            allowed: &cat.spec.limit_info[p.limit].text,
            allowed_value: Some(i64::from(p.required)),
            taken_value: i64::try_from(p.count).ok(),
            status: if p.short {
                Status::Breached
            } else {
                Status::Met
            },
            breach: Some(p.short),
            ambiguous: None,
            period: Some(&p.period),
            unit: Some(&p.unit),
        }
    }
}

/// The columns of `--format csv`, in the order of [`Pair`]'s fields.
const CSV_HEADER: &str = "file,line,record,limit,clause,measure,allowed,allowed_value,taken_value,status,breach,ambiguous,period,unit\n";

/// A CSV field, quoted when it holds a separator, a quote or a line break.
fn csv_field(out: &mut Vec<u8>, field: &str) -> io::Result<()> {
    if field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        write!(out, "\"{}\"", field.replace('"', "\"\""))
    } else {
        out.write_all(field.as_bytes())
    }
}

/// The clause a limit cites (`standard#clause`), or `""`.
fn clause<'a>(cat: &'a Catalogue, l: usize) -> &'a str {
    cat.spec.limits[l]
        .source
        .as_ref()
        .map_or("", |c| c.value.0.as_str())
}

/// Where pairs go as they are decided.
pub enum Sink<'w> {
    /// Table and HTML keep no pairs.
    Nowhere,
    Csv {
        out: &'w mut dyn Write,
        started: bool,
    },
    Json {
        out: &'w mut dyn Write,
        started: bool,
    },
}

impl<'w> Sink<'w> {
    pub fn new(format: AuditFormat, out: &'w mut dyn Write) -> Sink<'w> {
        match format {
            AuditFormat::Csv => Sink::Csv {
                out,
                started: false,
            },
            AuditFormat::Json => Sink::Json {
                out,
                started: false,
            },
            AuditFormat::Table | AuditFormat::Html => Sink::Nowhere,
        }
    }

    pub fn pair(&mut self, pair: &Pair) -> io::Result<()> {
        match self {
            Sink::Nowhere => Ok(()),
            Sink::Csv { out, started } => pair.csv(*out, started),
            Sink::Json { out, started } => {
                out.write_all(if *started { b",\n" } else { b"{\"pairs\": [\n" })?;
                *started = true;
                serde_json::to_writer(&mut *out, pair).map_err(io::Error::other)
            }
        }
    }

    /// The periods of frequency limits and, in JSON, the summary.
    pub fn finish(&mut self, periods: &[frequency::Checked], summary: &Summary) -> io::Result<()> {
        let cat = summary.catalogue;
        match self {
            Sink::Nowhere => Ok(()),
            Sink::Csv { out, started } => {
                for p in periods {
                    Pair::period(cat, p).csv(*out, started)?;
                }
                if !*started {
                    out.write_all(CSV_HEADER.as_bytes())?;
                }
                Ok(())
            }
            Sink::Json { out, started } => {
                out.write_all(if *started {
                    b"\n],\n"
                } else {
                    b"{\"pairs\": [],\n"
                })?;
                out.write_all(b"\"periods\": [")?;
                for (i, p) in periods.iter().enumerate() {
                    out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                    serde_json::to_writer(&mut *out, &Pair::period(cat, p))
                        .map_err(io::Error::other)?;
                }
                out.write_all(b"\n],\n\"summary\": ")?;
                serde_json::to_writer_pretty(&mut *out, summary).map_err(io::Error::other)?;
                out.write_all(b"}\n")
            }
        }
    }
}

/// Everything the auditor reads at the end.
#[derive(Serialize)]
pub struct Summary<'c> {
    #[serde(skip)]
    pub catalogue: &'c Catalogue<'c>,
    pub as_of: String,
    /// Records audited (rows read and matched).
    pub records: u64,
    pub rejected: u64,
    pub rejected_by_kind: Vec<(&'static str, u64)>,
    /// Records no limit's scope covers.
    pub without_limit: u64,
    pub total: Tally,
    pub limits: Vec<LimitRow>,
    pub roles: Vec<GroupRow>,
    pub classes: Vec<GroupRow>,
    pub months: Vec<GroupRow>,
    pub worst: Vec<WorstRow>,
    /// Periods of frequency limits that fell short.
    pub short_periods: Vec<ShortRow>,
}

#[derive(Serialize)]
pub struct LimitRow {
    pub id: String,
    pub title: String,
    pub metric: String,
    pub clause: String,
    pub allowed: String,
    pub measure: Measure,
    /// `clock`, `working`, `months`, `anchor`, `frequency` or `not auditable: …`.
    pub how: String,
    pub owners: Vec<String>,
    pub tally: Tally,
    pub rate: Option<f64>,
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub max: Option<i64>,
    pub periods: u64,
    pub short: u64,
    pub ambiguous: Option<&'static str>,
}

#[derive(Serialize)]
pub struct GroupRow {
    pub key: String,
    pub title: String,
    pub tally: Tally,
    pub rate: Option<f64>,
}

#[derive(Serialize)]
pub struct WorstRow {
    pub file: String,
    pub line: u64,
    pub record: String,
    pub limit: String,
    pub clause: String,
    pub clause_title: String,
    pub allowed: String,
    pub measure: Measure,
    pub allowed_value: i64,
    pub taken_value: i64,
}

#[derive(Serialize)]
pub struct ShortRow {
    pub limit: String,
    pub unit: String,
    pub period: String,
    pub count: u64,
    pub required: u32,
}

impl<'c> Summary<'c> {
    pub fn new(
        cat: &'c Catalogue<'c>,
        stats: &Stats,
        as_of: jiff::civil::DateTime,
        periods: &[frequency::Checked],
    ) -> Summary<'c> {
        let spec = cat.spec;
        let mut total = stats.total();
        let limits: Vec<LimitRow> = (stats.limits.iter().enumerate())
            .filter(|(_, s)| s.tally.pairs > 0)
            .map(|(l, s)| {
                let mut tally = s.tally;
                if matches!(cat.rules[l], Rule::Frequency { .. }) {
                    (tally.met, tally.breached) = (s.periods - s.short, s.short);
                    total.met += tally.met;
                    total.breached += tally.breached;
                }
                let limit = &spec.limits[l];
                LimitRow {
                    id: limit.id.value.clone(),
                    title: limit.title.value.clone(),
                    metric: limit.metric.value.clone(),
                    clause: clause(cat, l).to_owned(),
                    allowed: spec.limit_info[l].text.clone(),
                    measure: cat.rules[l].measure(),
                    how: how(&cat.rules[l]),
                    owners: (spec.relations.limits[l].owners.iter())
                        .map(|o| spec.roles[o.role].id.value.clone())
                        .collect(),
                    rate: tally.rate(),
                    tally,
                    median: s.taken.quantile(0.5),
                    p90: s.taken.quantile(0.9),
                    max: s.taken.max(),
                    periods: s.periods,
                    short: s.short,
                    ambiguous: (s.tally.ambiguous > 0).then_some(CONFLICT),
                }
            })
            .collect();
        let group = |key: String, title: String, tally: &Tally| GroupRow {
            key,
            title,
            tally: *tally,
            rate: tally.rate(),
        };
        let class_title = |id: &str| {
            spec.priorities
                .iter()
                .flat_map(|p| &p.classes)
                .find(|c| c.id.value == id)
                .map_or_else(
                    || "(no priority given)".to_owned(),
                    |c| c.title.value.clone(),
                )
        };
        Summary {
            catalogue: cat,
            as_of: as_of.to_string(),
            records: stats.records,
            rejected: stats.rejected_rows(),
            rejected_by_kind: stats.rejected.iter().map(|(k, n)| (k.name(), *n)).collect(),
            without_limit: stats.unmatched,
            total,
            limits,
            roles: (stats.roles.iter())
                .map(|(&r, t)| {
                    group(
                        spec.roles[r].id.value.clone(),
                        spec.roles[r].title.value.clone(),
                        t,
                    )
                })
                .collect(),
            classes: (stats.classes.iter().enumerate())
                .filter(|(_, t)| t.pairs > 0)
                .map(|(i, t)| {
                    let id = i.checked_sub(1).map_or("", |c| cat.class_ids[c]);
                    group(id.to_owned(), class_title(id), t)
                })
                .collect(),
            months: (stats.months.iter())
                .map(|((y, m), t)| group(format!("{y:04}-{m:02}"), format!("{y:04}-{m:02}"), t))
                .collect(),
            worst: stats
                .worst
                .iter()
                .map(|b| WorstRow {
                    file: b.file.clone(),
                    line: b.line,
                    record: b.record.clone(),
                    limit: spec.limits[b.limit].id.value.clone(),
                    clause: clause(cat, b.limit).to_owned(),
                    clause_title: clause_title(cat, b.limit),
                    allowed: spec.limit_info[b.limit].text.clone(),
                    measure: cat.rules[b.limit].measure(),
                    allowed_value: b.allowed,
                    taken_value: b.taken,
                })
                .collect(),
            short_periods: periods
                .iter()
                .filter(|p| p.short)
                .map(|p| ShortRow {
                    limit: spec.limits[p.limit].id.value.clone(),
                    unit: p.unit.clone(),
                    period: p.period.clone(),
                    count: p.count,
                    required: p.required,
                })
                .collect(),
        }
    }
}

/// How a limit is audited, in a word or two.
fn how(rule: &Rule) -> String {
    match rule {
        Rule::Clock(_) => "clock".to_owned(),
        Rule::Working { .. } => "working time".to_owned(),
        Rule::Months { .. } => "calendar months".to_owned(),
        Rule::Anchor { .. } => "due date".to_owned(),
        Rule::Frequency { .. } => "per period".to_owned(),
        Rule::NotAuditable(why) => format!("not auditable: {why}"),
    }
}

/// The title of the clause a limit cites, from its standard.
fn clause_title(cat: &Catalogue, l: usize) -> String {
    let Some((standard, number)) = cat.spec.limits[l]
        .source
        .as_ref()
        .and_then(|c| c.value.parts())
    else {
        return String::new();
    };
    (cat.spec.standard(standard).into_iter())
        .flat_map(|s| &s.clauses)
        .find(|c| c.number.value == number)
        .map_or_else(String::new, |c| c.title.value.clone())
}

/// `3 h 05 min`, `2 d 4 h`, `45 s`: a duration as the auditor reads it.
pub fn duration_text(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let sign = if seconds < 0 { "-" } else { "" };
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let text = match (d, h, m) {
        (0, 0, 0) => format!("{sec} s"),
        (0, 0, _) => format!("{m} min"),
        (0, _, _) => format!("{h} h {m:02} min"),
        _ => format!("{d} d {h} h"),
    };
    format!("{sign}{text}")
}

/// A measured value as shown: a duration, a count, or `—`.
pub fn value_text(measure: Measure, value: Option<i64>) -> String {
    match (measure, value) {
        (_, None) | (Measure::None, _) => "—".to_owned(),
        (Measure::Count, Some(v)) => v.to_string(),
        (Measure::WorkingSeconds, Some(v)) => format!("{} (work)", duration_text(v)),
        (Measure::ClockSeconds, Some(v)) => duration_text(v),
    }
}

/// A rate as shown: `97.5 %`, or `—` when nothing was decided.
/// `1200 (record, limit) pairs: 1100 met, 80 breached, 10 open, 5 not
/// auditable, 5 ambiguous`, as the table and the HTML report both say it.
pub fn counts_text(t: &crate::audit::stats::Tally) -> String {
    format!(
        "{} (record, limit) pairs: {} met, {} breached, {} open, {} not auditable, {} ambiguous",
        t.pairs, t.met, t.breached, t.open, t.not_auditable, t.ambiguous
    )
}

/// "12 rows rejected (encoding: 2, time: 10)", said alike by every format.
pub fn rejected_text(s: &Summary) -> String {
    let kinds: Vec<String> = s
        .rejected_by_kind
        .iter()
        .map(|(k, n)| format!("{k}: {n}"))
        .collect();
    format!("{} rows rejected ({})", s.rejected, kinds.join(", "))
}

pub fn rate_text(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{r:.1} %"))
}

/// A rendered report as an [`Output`], so `output::write` stages it.
struct Report {
    name: &'static str,
    bytes: Vec<u8>,
}

impl Output for Report {
    fn name(&self) -> &'static str {
        "audit report"
    }
    fn render(&self, _: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        dest.write(self.name, &self.bytes)
            .map_err(|e| e.to_string())?;
        Ok(Rendered {
            files: 1,
            summary: self.name.to_owned(),
        })
    }
}

/// Write one rendered report to `target` through `output::write`.
pub fn write_one(
    checked: &Checked,
    target: &Target,
    name: &'static str,
    bytes: Vec<u8>,
) -> Result<(), String> {
    let report = Report { name, bytes };
    crate::output::write(&report, checked, target, true)
        .map(|_| ())
        .map_err(|e| match e {
            crate::output::Refused::Failed(m) => m,
            crate::output::Refused::Errors(n) => format!("the spec has {n} error(s)"),
        })
}

/// The spec has errors: show them; nothing is audited (exit 1).
pub fn refused(checked: &Checked) -> std::process::ExitCode {
    let errors: Vec<_> = (checked.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let styled = anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
    let mut err = anstream::stderr();
    let _ = write!(
        err,
        "{}",
        diag::human::render(&errors, &checked.spec.sources, styled)
    );
    let _ = writeln!(
        err,
        "error: the spec has {} error(s); nothing audited. Fix them (`guifan check`).",
        errors.len()
    );
    std::process::ExitCode::from(1)
}
