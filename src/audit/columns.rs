//! The columns of a records file: what guifan reads, and under which header
//! a ticket system's export has each one. A mapping (`--map
//! start=受理时间,end=办结时间`, or `[audit.columns]` in the spec's
//! `guifan.toml`) names the headers of a real export, so it is read as it
//! comes; a column it does not map is looked up by its own name.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::did_you_mean;

/// A column guifan reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Id,
    Metric,
    Flow,
    Step,
    Priority,
    Customer,
    OtherDepartments,
    Channel,
    Business,
    Condition,
    Start,
    End,
    Paused,
    Unit,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Id,
        Column::Metric,
        Column::Flow,
        Column::Step,
        Column::Priority,
        Column::Customer,
        Column::OtherDepartments,
        Column::Channel,
        Column::Business,
        Column::Condition,
        Column::Start,
        Column::End,
        Column::Paused,
        Column::Unit,
    ];

    /// Its name, as a header or a key of `--map`.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Metric => "metric",
            Column::Flow => "flow",
            Column::Step => "step",
            Column::Priority => "priority",
            Column::Customer => "customer",
            Column::OtherDepartments => "other_departments",
            Column::Channel => "channel",
            Column::Business => "business",
            Column::Condition => "condition",
            Column::Start => "start",
            Column::End => "end",
            Column::Paused => "paused",
            Column::Unit => "unit",
        }
    }

    fn parse(name: &str) -> Result<Column, String> {
        Column::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                let names = Column::ALL.iter().map(|c| c.name());
                match did_you_mean(name, names) {
                    Some(best) => format!("unknown column `{name}`; did you mean `{best}`?"),
                    None => format!(
                        "unknown column `{name}`; the columns are {}",
                        Column::ALL.map(Column::name).join(", ")
                    ),
                }
            })
    }
}

/// Which header each column has in the files read.
#[derive(Clone, Debug)]
pub struct Mapping {
    headers: [String; Column::ALL.len()],
}

/// The part of `guifan.toml` the audit reads.
#[derive(Deserialize, Default)]
struct File {
    #[serde(default)]
    audit: Audit,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Audit {
    #[serde(default)]
    columns: BTreeMap<String, String>,
}

impl Mapping {
    /// The mapping of `[audit.columns]` in the spec's `guifan.toml`, then
    /// `--map` (which wins). A bad entry is a usage error.
    pub fn new(spec_root: &Path, map: &[String]) -> Result<Mapping, String> {
        let mut mapping = Mapping {
            headers: Column::ALL.map(|c| c.name().to_owned()),
        };
        let path = spec_root.join(crate::lint::config::FILE_NAME);
        if let Some(file) = crate::lint::config::read::<File>(spec_root)? {
            for (column, header) in file.audit.columns {
                mapping
                    .set(&column, &header)
                    .map_err(|e| format!("`{}` [audit.columns]: {e}", path.display()))?;
            }
        }
        for entry in map {
            let (column, header) = entry.split_once('=').ok_or_else(|| {
                format!("`--map {entry}`: write COLUMN=HEADER, e.g. `start=受理时间`")
            })?;
            mapping.set(column.trim(), header.trim())?;
        }
        Ok(mapping)
    }

    fn set(&mut self, column: &str, header: &str) -> Result<(), String> {
        let column = Column::parse(column)?;
        if header.is_empty() {
            return Err(format!("no header given for column `{}`", column.name()));
        }
        self.headers[column as usize] = header.to_owned();
        Ok(())
    }

    /// The header of `column` in the files.
    pub fn header(&self, column: Column) -> &str {
        &self.headers[column as usize]
    }

    /// Where each column is among `headers` (a CSV file's first row).
    pub fn layout<'h>(&self, headers: impl IntoIterator<Item = &'h str>) -> Layout {
        let mut layout = Layout {
            index: [None; Column::ALL.len()],
        };
        for (i, header) in headers.into_iter().enumerate() {
            let header = header.trim();
            for column in Column::ALL {
                let slot = &mut layout.index[column as usize];
                if slot.is_none() && header == self.header(column) {
                    *slot = Some(i);
                }
            }
        }
        layout
    }
}

/// Where each column is in a CSV file's rows.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    index: [Option<usize>; Column::ALL.len()],
}

impl Layout {
    pub fn index(&self, column: Column) -> Option<usize> {
        self.index[column as usize]
    }

    /// What a file without these columns cannot give: `id`, `start`, and a
    /// `metric` or a `flow`.
    pub fn missing(&self, mapping: &Mapping) -> Option<String> {
        let has = |c: Column| self.index(c).is_some();
        let name = |c: Column| match mapping.header(c) {
            h if h == c.name() => format!("`{h}`"),
            h => format!("`{h}` (column `{}`)", c.name()),
        };
        if !has(Column::Id) {
            Some(name(Column::Id))
        } else if !has(Column::Start) {
            Some(name(Column::Start))
        } else if !has(Column::Metric) && !has(Column::Flow) {
            Some(format!(
                "{} or {}",
                name(Column::Metric),
                name(Column::Flow)
            ))
        } else {
            None
        }
    }
}
