//! `guifan audit`: were the time limits met? Service records, as ticket
//! systems export them, checked against the limits of the standards on
//! the standards' own business calendars.
//!
//! One pass over the records, a row at a time: [`records`] reads a row
//! (CSV or JSON Lines, mapped by [`columns`], times by [`when`]), or says
//! why it cannot ([`bad`]); [`matching`] finds the limits that apply;
//! [`measure`] gives each (record, limit) pair its verdict, [`frequency`]
//! counts records per period; [`stats`] sums, and [`report`] writes the
//! pairs as they come (CSV, JSON) and the summary at the end (a terminal
//! table, HTML). docs/audit.md is the user's guide.

pub mod bad;
pub mod columns;
pub mod frequency;
pub mod matching;
pub mod measure;
pub mod records;
pub mod report;
pub mod stats;
pub mod when;

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::lint::LintConfig;
use crate::output::{Checked, Target};
use bad::{Bad, BadKind, Source};
use columns::{Column, Mapping};
use matching::Catalogue;
use measure::{Rule, Status, Times};
use records::{Encoding, Record};
use report::{Pair, Sink};
use stats::{Breach, Stats};

/// `guifan audit`'s arguments.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Service records: CSV (UTF-8, with or without BOM, or GBK) or JSON
    /// Lines (`.jsonl`, `.ndjson`, `.json`). Columns: docs/audit.md.
    #[arg(required = true, value_name = "RECORDS")]
    pub records: Vec<PathBuf>,
    /// What to write: a summary table, an HTML report, or every (record,
    /// limit) pair as CSV or JSON.
    #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
    pub format: AuditFormat,
    /// Write to this file (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Headers of the export: `--map start=受理时间,end=办结时间` (after
    /// `[audit.columns]` in guifan.toml).
    #[arg(long, value_delimiter = ',', value_name = "COLUMN=HEADER")]
    pub map: Vec<String>,
    /// How the files' bytes are read.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    /// The time zone of local times in the records (IANA name).
    #[arg(long, default_value = "Asia/Shanghai", value_name = "ZONE")]
    pub tz: String,
    /// When open records (no end) are audited: a time as in the records
    /// (default: now).
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
    /// `--deny breaches`: exit 1 when any limit was breached.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<DenyAudit>,
    /// How many of the worst breaches the summary lists.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub worst: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// A summary for the terminal (colour only on a terminal).
    Table,
    /// A printable report with charts, one self-contained file.
    Html,
    /// Every (record, limit) pair and every period of a frequency limit.
    Csv,
    /// The pairs, the periods and the summary, as one JSON document.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DenyAudit {
    /// Any breached limit (or short period) makes the exit status 1.
    Breaches,
}

/// Run `guifan audit` on the spec under `spec_root`.
pub fn run(spec_root: &Path, args: &AuditArgs) -> Result<ExitCode, String> {
    let mapping = Mapping::new(spec_root, &args.map)?;
    let tz = jiff::tz::db()
        .get(&args.tz)
        .map_err(|e| format!("--tz `{}`: {e}", args.tz))?;
    let as_of = match &args.as_of {
        Some(text) => {
            when::parse(text, &tz).map_err(|e| format!("--as-of: {e}; {}", when::SHAPES))?
        }
        None => Timestamp::now(),
    };
    let tz_as_of = tz.to_datetime(as_of);
    let checked = Checked::open(spec_root, LintConfig::load(spec_root)?)?;
    if checked.errors() > 0 {
        return Ok(report::refused(&checked));
    }
    let catalogue = Catalogue::new(&checked, &tz);
    let options = records::Options {
        mapping: &mapping,
        encoding: args.encoding,
        tz: tz.clone(),
    };
    let mut audit = Audit {
        catalogue: &catalogue,
        stats: Stats::new(
            checked.spec.limits.len(),
            catalogue.class_ids.len(),
            args.worst,
        ),
        counts: frequency::Counts::default(),
        window: None,
        as_of,
        tz,
        stderr: anstream::stderr(),
    };
    let streamed = matches!(args.format, AuditFormat::Csv | AuditFormat::Json);
    let mut pass = |sink: &mut Sink| -> Result<Vec<frequency::Checked>, String> {
        for path in &args.records {
            audit.file(path, &options, sink)?;
        }
        let periods = audit.periods();
        let summary = report::Summary::new(&catalogue, &audit.stats, tz_as_of, &periods);
        sink.finish(&periods, &summary)
            .map_err(|e| format!("cannot write the audit: {e}"))?;
        Ok(periods)
    };
    let periods = match (streamed, &args.output) {
        (true, Some(path)) => {
            let mut result = Ok(Vec::new());
            crate::output::staging::stream_file(path, |w| {
                result = pass(&mut Sink::new(args.format, w));
                (result.as_ref().map(|_| ())).map_err(|e| io::Error::other(e.clone()))
            })?;
            result?
        }
        (true, None) => {
            let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let periods = pass(&mut Sink::new(args.format, &mut out))?;
            let _ = out.flush();
            periods
        }
        (false, _) => pass(&mut Sink::new(args.format, &mut io::sink()))?,
    };
    let summary = report::Summary::new(&catalogue, &audit.stats, tz_as_of, &periods);
    let styled = anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never;
    match (args.format, &args.output) {
        (AuditFormat::Table, target) => {
            let target = target.clone().map_or(Target::Stdout, Target::File);
            let text = report::table::render(&summary, styled && matches!(target, Target::Stdout));
            report::write_one(&checked, &target, "audit.txt", text.into_bytes())?;
        }
        (AuditFormat::Html, target) => {
            let target = target.clone().map_or(Target::Stdout, Target::File);
            report::write_one(
                &checked,
                &target,
                "audit.html",
                report::html::render(&summary).into_bytes(),
            )?;
            if target_is_file(&target) {
                print(&report::table::render(&summary, styled));
            }
        }
        (_, Some(_)) => print(&report::table::render(&summary, styled)),
        (_, None) => {}
    }
    Ok(exit_code(&audit.stats, &summary, args.deny.is_some()))
}

fn target_is_file(target: &Target) -> bool {
    matches!(target, Target::File(_))
}

fn print(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// 1 when a row was rejected, or a limit breached under `--deny breaches`.
fn exit_code(stats: &Stats, summary: &report::Summary, deny: bool) -> ExitCode {
    let breaches = summary.total.breached > 0;
    if stats.rejected_rows() > 0 || (deny && breaches) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One run's state as the rows stream past.
struct Audit<'c, 's> {
    catalogue: &'c Catalogue<'s>,
    stats: Stats,
    counts: frequency::Counts,
    /// The first and last start of the records audited.
    window: Option<(Timestamp, Timestamp)>,
    as_of: Timestamp,
    tz: TimeZone,
    stderr: anstream::Stderr,
}

impl Audit<'_, '_> {
    fn file(
        &mut self,
        path: &Path,
        options: &records::Options,
        sink: &mut Sink,
    ) -> Result<(), String> {
        let name = path.display().to_string();
        let mut failed = Ok(());
        records::read(path, options, &mut |row, source| {
            if failed.is_err() {
                return;
            }
            failed = match row {
                Ok(record) => self.record(&name, &record, source, sink),
                Err(bad) => {
                    self.reject(&bad);
                    Ok(())
                }
            };
        })?;
        failed.map_err(|e| format!("cannot write the audit: {e}"))
    }

    fn reject(&mut self, bad: &Bad) {
        *self.stats.rejected.entry(bad.kind).or_default() += 1;
        let styled = anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
        let _ = writeln!(self.stderr, "{}\n", bad.render(styled));
    }

    /// Audit one record against every limit that applies to it.
    fn record(
        &mut self,
        file: &str,
        record: &Record,
        source: &Source,
        sink: &mut Sink,
    ) -> io::Result<()> {
        let matched = match self.catalogue.limits(record) {
            Ok(m) => m,
            Err((kind, column, message, help)) => {
                self.reject(&Bad::new(kind, source, Some(column), message).help(help));
                return Ok(());
            }
        };
        let times = Times {
            start: record.start,
            end: record.end.unwrap_or(self.as_of),
            open: record.end.is_none(),
            paused: record.paused,
        };
        if times.end < times.start {
            let local = |t| self.tz.to_datetime(t);
            let message = format!(
                "is open and starts at {} after --as-of {}",
                local(times.start),
                local(self.as_of)
            );
            let help = "give its end, or audit at a later --as-of";
            self.reject(
                &Bad::new(
                    BadKind::EndBeforeStart,
                    source,
                    Some(Column::Start),
                    message,
                )
                .help(help),
            );
            return Ok(());
        }
        let rules = &self.catalogue.rules;
        let calendars = &self.catalogue.spec.work_calendars;
        let outcomes: Result<Vec<_>, String> = matched
            .limits
            .iter()
            .map(|&l| rules[l].apply(calendars, times).map(|o| (l, o)))
            .collect();
        let outcomes = match outcomes {
            Ok(o) => o,
            Err(why) => {
                let message = format!("cannot be measured: {why}");
                let help = "the spec's calendars list holidays for their years only; audit records of those years";
                self.reject(
                    &Bad::new(
                        BadKind::OutsideCalendar,
                        source,
                        Some(Column::Start),
                        message,
                    )
                    .help(help),
                );
                return Ok(());
            }
        };
        self.stats.records += 1;
        self.stats.unmatched += u64::from(outcomes.is_empty());
        self.window = Some(match self.window {
            None => (record.start, record.start),
            Some((a, b)) => (a.min(record.start), b.max(record.start)),
        });
        let date = self.tz.to_datetime(record.start).date();
        let month = (date.year(), date.month());
        let class = matched.class.map_or(0, |c| c + 1);
        let id = record.get(Column::Id).unwrap_or_default();
        for (l, outcome) in outcomes {
            let ambiguous = self.catalogue.ambiguous(l, &matched.limits);
            self.tally(l, outcome, ambiguous, class, month);
            if let Rule::Frequency { per, tz, .. } = &rules[l] {
                let unit = record.get(Column::Unit).unwrap_or_default();
                self.counts.add(l, unit, per.index(record.start, tz));
            }
            if outcome.status == Status::Breached {
                let (allowed, taken) = (outcome.allowed.unwrap_or(0), outcome.taken.unwrap_or(0));
                let ratio = Breach {
                    file: String::new(),
                    line: 0,
                    record: String::new(),
                    limit: l,
                    allowed,
                    taken,
                }
                .ratio();
                self.stats.consider(
                    || Breach {
                        file: file.to_owned(),
                        line: record.line,
                        record: id.to_owned(),
                        limit: l,
                        allowed,
                        taken,
                    },
                    ratio,
                );
            }
            sink.pair(&Pair::of(
                self.catalogue,
                l,
                file,
                record.line,
                id,
                outcome,
                ambiguous,
            ))?;
        }
        Ok(())
    }

    fn tally(
        &mut self,
        l: usize,
        outcome: measure::Outcome,
        ambiguous: bool,
        class: usize,
        month: (i16, i8),
    ) {
        let limit = &mut self.stats.limits[l];
        limit.tally.add(outcome.status, ambiguous);
        if let Some(taken) = outcome.taken {
            limit.taken.add(taken);
        }
        if outcome.status == Status::Counted {
            return;
        }
        for owner in &self.catalogue.spec.relations.limits[l].owners {
            self.stats
                .roles
                .entry(owner.role)
                .or_default()
                .add(outcome.status, ambiguous);
        }
        if let Some(t) = self.stats.classes.get_mut(class) {
            t.add(outcome.status, ambiguous);
        }
        self.stats
            .months
            .entry(month)
            .or_default()
            .add(outcome.status, ambiguous);
    }

    /// Every period of every frequency limit over the records' window,
    /// and their verdicts summed into the limits and roles (once, at the end).
    fn periods(&mut self) -> Vec<frequency::Checked> {
        let Some(window) = self.window else {
            return Vec::new();
        };
        let rules = &self.catalogue.rules;
        let periods = self.counts.check(window, |l| match &rules[l] {
            Rule::Frequency { count, per, tz } => Some((*per, tz.clone(), *count)),
            _ => None,
        });
        let owners = &self.catalogue.spec.relations.limits;
        for p in &periods {
            let s = &mut self.stats.limits[p.limit];
            s.periods += 1;
            s.short += u64::from(p.short);
            let status = if p.short {
                Status::Breached
            } else {
                Status::Met
            };
            for owner in &owners[p.limit].owners {
                self.stats
                    .roles
                    .entry(owner.role)
                    .or_default()
                    .add(status, false);
            }
        }
        periods
    }
}
