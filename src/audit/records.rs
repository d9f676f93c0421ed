//! Service records as they come out of ticket systems: CSV (UTF-8 with or
//! without a byte-order mark, or GBK as Chinese Excel writes it) and JSON
//! Lines, read a row at a time, so memory does not grow with the file.
//!
//! Each row becomes a [`Record`] or a [`Bad`] row that says what is wrong,
//! where and what to do; a bad row never stops the reading.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::bad::{Bad, BadKind, Source};
use super::columns::{Column, Mapping};
use super::when;

/// How the bytes of a file are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is skipped), else GBK when the file's first
    /// 64 KiB are not UTF-8.
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK (GB 18030), as Chinese Excel saves CSV.
    Gbk,
}

/// How much of a file decides `--encoding auto`.
const SNIFF: usize = 64 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One row read: its fields by column (present and not blank), its times.
#[derive(Debug)]
pub struct Record<'a> {
    pub line: u64,
    fields: [Option<Cow<'a, str>>; Column::ALL.len()],
    pub start: Timestamp,
    /// `None`: still open.
    pub end: Option<Timestamp>,
    /// Seconds excluded from the time taken (`paused` is in minutes).
    pub paused: i64,
    /// `other_departments`, read.
    pub other_departments: Option<bool>,
}

impl Record<'_> {
    /// The value of `column`, trimmed; `None` when absent or blank.
    pub fn get(&self, column: Column) -> Option<&str> {
        self.fields[column as usize].as_deref()
    }
}

/// What reading needs besides the file.
pub struct Options<'m> {
    pub mapping: &'m Mapping,
    pub encoding: Encoding,
    pub tz: TimeZone,
}

/// Read `path` row by row, handing each record or bad row to `each`. `Err`
/// is an I/O error (the file cannot be opened or read).
pub fn read(
    path: &Path,
    options: &Options,
    each: &mut dyn FnMut(Result<Record, Bad>, &Source),
) -> Result<(), String> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let json = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson" | "json")
    );
    read_from(&name, file, json, options, each)
}

/// Read the records of `input`, named `name` in messages, as JSON Lines
/// when `json`, else as CSV. Public so that the fuzzer reaches the exact
/// path of `guifan audit`.
pub fn read_from(
    name: &str,
    input: impl Read + 'static,
    json: bool,
    options: &Options,
    each: &mut dyn FnMut(Result<Record, Bad>, &Source),
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot read {name}: {e}");
    let (input, gbk) = decode(input, options.encoding).map_err(|e| fail(&e))?;
    let mut reader = Reader {
        file: name,
        options,
        gbk,
        each,
    };
    if json {
        reader.json_lines(input).map_err(|e| fail(&e))
    } else {
        reader.csv(input).map_err(|e| fail(&e))
    }
}

/// The file as UTF-8 bytes, its BOM skipped; whether it was decoded from GBK.
fn decode(mut file: impl Read + 'static, encoding: Encoding) -> io::Result<(Box<dyn Read>, bool)> {
    let mut head = Vec::with_capacity(SNIFF);
    (&mut file).take(SNIFF as u64).read_to_end(&mut head)?;
    let bom = head.starts_with(BOM);
    let gbk = match encoding {
        Encoding::Gbk => true,
        Encoding::Utf8 => false,
        // A sequence cut at the end of the sample is still UTF-8.
        Encoding::Auto => {
            !bom && std::str::from_utf8(&head).is_err_and(|e| e.error_len().is_some())
        }
    };
    if bom && !gbk {
        head.drain(..BOM.len());
    }
    let input = io::Cursor::new(head).chain(file);
    if gbk {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding_rs::GBK))
            .build(input);
        Ok((Box::new(decoded), true))
    } else {
        Ok((Box::new(input), false))
    }
}

struct Reader<'r, 'm> {
    file: &'r str,
    options: &'r Options<'m>,
    gbk: bool,
    each: &'r mut dyn FnMut(Result<Record, Bad>, &Source),
}

impl Reader<'_, '_> {
    fn csv(&mut self, input: Box<dyn Read>) -> io::Result<()> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let mut bytes = csv::ByteRecord::new();
        if !read_csv(&mut csv, &mut bytes)? {
            return Ok(());
        }
        let header: Vec<String> = bytes
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect();
        if let Some(i) = bytes.iter().position(|h| std::str::from_utf8(h).is_err()) {
            let names: Vec<&str> = header.iter().map(String::as_str).collect();
            let source = Source::csv(self.file, 1, &names).at_field(i);
            (self.each)(Err(not_utf8(&source, None).help(
                "a GBK file (Chinese Excel's CSV) is read with `--encoding gbk`; every row of this file is skipped",
            )), &source);
            return Ok(());
        }
        let layout = self
            .options
            .mapping
            .layout(header.iter().map(String::as_str));
        if let Some(missing) = layout.missing(self.options.mapping) {
            let names: Vec<&str> = header.iter().map(String::as_str).collect();
            let source = Source::csv(self.file, 1, &names);
            (self.each)(Err(Bad::new(BadKind::MissingColumn, &source, None, format!("no column {missing}"))
                .help("name it in the header, or map the export's header to it: `--map start=受理时间` or `[audit.columns]` in guifan.toml; every row of this file is skipped")), &source);
            return Ok(());
        }
        while read_csv(&mut csv, &mut bytes)? {
            let line = bytes.position().map_or(0, |p| p.line());
            let fields: Vec<&str> = match bytes
                .iter()
                .enumerate()
                .map(|(i, f)| std::str::from_utf8(f).map_err(|_| i))
                .collect::<Result<Vec<_>, usize>>()
            {
                Ok(fields) => fields,
                Err(i) => {
                    let lossy: Vec<Cow<str>> = bytes.iter().map(String::from_utf8_lossy).collect();
                    let lossy: Vec<&str> = lossy.iter().map(|c| c.as_ref()).collect();
                    let column = column_at(&layout, i);
                    let source = Source::csv(self.file, line, &lossy).at_field(i);
                    (self.each)(Err(not_utf8(&source, column)), &source);
                    continue;
                }
            };
            let source = Source::csv(self.file, line, &fields);
            let mut values: [Option<Cow<str>>; Column::ALL.len()] = Default::default();
            let mut short = None;
            for column in Column::ALL {
                if let Some(i) = layout.index(column) {
                    match fields.get(i) {
                        Some(v) => values[column as usize] = present(v).map(Cow::Borrowed),
                        None => short = short.or(Some(column)),
                    }
                }
            }
            let source = match short {
                Some(c) if required(c) => {
                    let source = source.at_end();
                    let missing = self.options.mapping.header(c);
                    (self.each)(Err(Bad::new(BadKind::MissingColumn, &source, Some(c), format!("the row has no `{missing}` value: {} of {} fields", fields.len(), header.len()))
                        .help("every row needs as many fields as the header; check for a lost separator or an unquoted comma")), &source);
                    continue;
                }
                _ => source.with_layout(&layout, self.options.mapping),
            };
            let record = self.record(line, values, &source);
            (self.each)(record, &source);
        }
        Ok(())
    }

    fn json_lines(&mut self, input: Box<dyn Read>) -> io::Result<()> {
        let mut input = BufReader::with_capacity(1 << 16, input);
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                return Ok(());
            }
            line += 1;
            let Ok(text) = std::str::from_utf8(&buf) else {
                let lossy = String::from_utf8_lossy(&buf);
                let source = Source::line(self.file, line, lossy.trim_end());
                (self.each)(Err(not_utf8(&source, None)), &source);
                continue;
            };
            let text = text.trim_end_matches(['\n', '\r']);
            if text.trim().is_empty() {
                continue;
            }
            let source = Source::line(self.file, line, text);
            let object: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(
                text,
            ) {
                Ok(object) => object,
                Err(e) => {
                    let source = source.at_char(e.column().saturating_sub(1));
                    (self.each)(Err(Bad::new(BadKind::Malformed, &source, None, format!("not a JSON object: {e}"))
                        .help("JSON Lines: one object per line, e.g. `{\"id\": \"T1\", \"metric\": \"…\", \"start\": \"2025-10-08 09:00\"}`")), &source);
                    continue;
                }
            };
            let mut values: [Option<Cow<str>>; Column::ALL.len()] = Default::default();
            for column in Column::ALL {
                values[column as usize] = object
                    .get(self.options.mapping.header(column))
                    .and_then(json_text);
            }
            let source = source.with_keys(self.options.mapping);
            let record = self.record(line, values, &source);
            (self.each)(record, &source);
        }
    }

    /// The record of a row's values, or what is wrong with it.
    fn record<'a>(
        &self,
        line: u64,
        fields: [Option<Cow<'a, str>>; Column::ALL.len()],
        source: &Source,
    ) -> Result<Record<'a>, Bad> {
        let bad =
            |kind, column: Column, message: String| Bad::new(kind, source, Some(column), message);
        let undecoded = |&c: &Column| {
            fields[c as usize]
                .as_deref()
                .is_some_and(|v| v.contains('\u{FFFD}'))
        };
        if let Some(c) = Column::ALL.into_iter().filter(|_| self.gbk).find(undecoded) {
            return Err(bad(BadKind::Encoding, c, "the row is not GBK: a byte sequence has no character".to_owned())
                .help("the file may be UTF-8: pass `--encoding utf-8` (or `auto`), or save it again as GBK or UTF-8"));
        }
        let get = |c: Column| fields[c as usize].as_deref();
        let mapping = self.options.mapping;
        for c in [Column::Id, Column::Start] {
            if get(c).is_none() {
                return Err(bad(
                    BadKind::MissingColumn,
                    c,
                    format!("no `{}` value", mapping.header(c)),
                )
                .help(format!("every row needs `{}`", mapping.header(c))));
            }
        }
        if get(Column::Metric).is_none() && get(Column::Flow).is_none() {
            return Err(bad(BadKind::MissingColumn, Column::Metric, "neither a metric nor a flow".to_owned())
                .help("give the limit metric (`network-complaint.sorting`), or the flow and step the record times"));
        }
        let time = |c: Column| -> Result<Option<Timestamp>, Bad> {
            get(c)
                .map(|v| when::parse(v, &self.options.tz))
                .transpose()
                .map_err(|m| {
                    bad(BadKind::BadTime, c, format!("`{}`: {m}", mapping.header(c)))
                        .help(when::SHAPES)
                })
        };
        let start = time(Column::Start)?.unwrap_or_default();
        let end = time(Column::End)?;
        if let Some(end) = end.filter(|&e| e < start) {
            return Err(bad(
                BadKind::EndBeforeStart,
                Column::End,
                format!(
                    "ends at {} before it starts at {}",
                    self.options.tz.to_datetime(end),
                    self.options.tz.to_datetime(start)
                ),
            )
            .help("check the two times: the columns may be swapped, or the end's date mistyped"));
        }
        let paused = match get(Column::Paused) {
            None => 0,
            Some(v) => minutes(v).ok_or_else(|| {
                bad(BadKind::BadValue, Column::Paused, format!("`{v}` is not a number of minutes"))
                    .help("`paused` is the minutes the ticket waited (挂起), a number ≥ 0: `90` or `12.5`")
            })?,
        };
        let other_departments = match get(Column::OtherDepartments) {
            None => None,
            Some(v) => Some(yes_no(v).ok_or_else(|| {
                bad(
                    BadKind::BadValue,
                    Column::OtherDepartments,
                    format!("`{v}` is neither yes nor no"),
                )
                .help("write `true`/`false`, `是`/`否`, `yes`/`no` or `1`/`0`")
            })?),
        };
        Ok(Record {
            line,
            fields,
            start,
            end,
            paused,
            other_departments,
        })
    }
}

fn read_csv(csv: &mut csv::Reader<Box<dyn Read>>, bytes: &mut csv::ByteRecord) -> io::Result<bool> {
    csv.read_byte_record(bytes)
        .map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(e) => e,
            other => io::Error::other(format!("{other:?}")),
        })
}

/// Whether a row without this column cannot be read at all.
fn required(column: Column) -> bool {
    matches!(column, Column::Id | Column::Start)
}

fn column_at(layout: &super::columns::Layout, index: usize) -> Option<Column> {
    Column::ALL
        .into_iter()
        .find(|&c| layout.index(c) == Some(index))
}

fn not_utf8(source: &Source, column: Option<Column>) -> Bad {
    Bad::new(BadKind::Encoding, source, column, "the row is not UTF-8".to_owned())
        .help("a GBK file (Chinese Excel's CSV) is read with `--encoding gbk`; `auto` decides from the first 64 KiB only")
}

/// A value that says something: trimmed, not blank.
fn present(v: &str) -> Option<&str> {
    let v = v.trim();
    (!v.is_empty()).then_some(v)
}

fn json_text(value: &serde_json::Value) -> Option<Cow<'_, str>> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => present(s).map(Cow::Borrowed),
        other => Some(Cow::Owned(other.to_string())),
    }
}

/// Minutes as whole seconds: a finite number from 0 to 100 years.
fn minutes(v: &str) -> Option<i64> {
    let m: f64 = v.parse().ok()?;
    (m.is_finite() && (0.0..=52_596_000.0).contains(&m)).then(|| (m * 60.0).round() as i64)
}

fn yes_no(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" => Some(true),
        "false" | "no" | "n" | "0" | "否" => Some(false),
        _ => None,
    }
}
