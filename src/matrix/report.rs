//! The compliance report: a filled matrix matched with the spec's
//! requirements, counted per standard, role and clause.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::read::Filled;
use super::rows::{RESULTS, Row};

/// The figures of a set of requirements.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    pub requirements: usize,
    /// 符合.
    pub conforming: usize,
    /// 不符合.
    pub nonconforming: usize,
    /// 不适用.
    pub not_applicable: usize,
    /// 未检查, or not in the file.
    pub unchecked: usize,
    /// Changed since the matrix was written: their results are not counted.
    pub changed: usize,
    /// Conforming among those checked and applicable, in percent to one
    /// decimal; null when none is.
    pub rate: Option<f64>,
}

impl Tally {
    fn add(&mut self, status: Status) {
        self.requirements += 1;
        match status {
            Status::Conforming => self.conforming += 1,
            Status::Nonconforming => self.nonconforming += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Unchecked | Status::Missing => self.unchecked += 1,
            Status::Changed => self.changed += 1,
        }
        let judged = self.conforming + self.nonconforming;
        self.rate = (judged > 0).then(|| {
            let percent = self.conforming as f64 * 100.0 / judged as f64;
            (percent * 10.0).round() / 10.0
        });
    }
}

/// A named group's figures: a standard, a role, a clause.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    #[serde(flatten)]
    pub tally: Tally,
}

/// One requirement as the report lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub id: String,
    pub standard: String,
    pub clause: String,
    pub requirement: String,
    pub roles: Vec<String>,
    /// What the file says, when it has the row.
    pub filled: Option<Filled>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Conforming,
    Nonconforming,
    NotApplicable,
    Unchecked,
    /// Not in the file.
    Missing,
    /// In the file, written for a requirement that has changed since.
    Changed,
}

/// The compliance report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The filled matrix, as given on the command line.
    pub file: String,
    pub total: Tally,
    pub by_standard: Vec<Group>,
    pub by_role: Vec<Group>,
    /// `standard#clause`.
    pub by_clause: Vec<Group>,
    /// Every 不符合, in the order of the matrix.
    pub nonconforming: Vec<Line>,
    /// Requirements whose text, owner, evidence or limit changed since the
    /// matrix was written: their results are not counted; check them again.
    pub changed: Vec<Line>,
    /// Requirements not yet checked: 未检查, or not in the file.
    pub unchecked: Vec<Line>,
}

const NO_SOURCE: &str = "（无出处）";
const NO_ROLE: &str = "（无责任角色）";

impl Report {
    pub fn new(file: String, rows: &[Row], filled: &HashMap<String, Filled>) -> Report {
        let mut report = Report {
            file,
            total: Tally::default(),
            by_standard: Vec::new(),
            by_role: Vec::new(),
            by_clause: Vec::new(),
            nonconforming: Vec::new(),
            changed: Vec::new(),
            unchecked: Vec::new(),
        };
        let mut standards: BTreeMap<String, Tally> = BTreeMap::new();
        let mut roles: BTreeMap<String, Tally> = BTreeMap::new();
        let mut clauses: BTreeMap<String, Tally> = BTreeMap::new();
        for row in rows {
            let got = filled.get(&row.id);
            let status = status(row, got);
            report.total.add(status);
            let (standard, clause) = if row.standard.is_empty() {
                (NO_SOURCE.to_owned(), NO_SOURCE.to_owned())
            } else {
                (
                    row.standard.clone(),
                    format!("{}#{}", row.standard, row.clause),
                )
            };
            standards.entry(standard).or_default().add(status);
            clauses.entry(clause).or_default().add(status);
            if row.roles.is_empty() {
                roles.entry(NO_ROLE.to_owned()).or_default().add(status);
            }
            for role in &row.roles {
                roles.entry(role.clone()).or_default().add(status);
            }
            let line = Line {
                id: row.id.clone(),
                standard: row.standard.clone(),
                clause: row.clause.clone(),
                requirement: row.requirement.clone(),
                roles: row.roles.clone(),
                filled: got.cloned(),
            };
            match status {
                Status::Nonconforming => report.nonconforming.push(line),
                Status::Changed => report.changed.push(line),
                Status::Unchecked | Status::Missing => report.unchecked.push(line),
                Status::Conforming | Status::NotApplicable => {}
            }
        }
        report.by_standard = groups(standards);
        report.by_role = groups(roles);
        report.by_clause = groups(clauses);
        report
    }
}

fn status(row: &Row, filled: Option<&Filled>) -> Status {
    let Some(filled) = filled else {
        return Status::Missing;
    };
    if filled.fingerprint != row.fingerprint {
        return Status::Changed;
    }
    match RESULTS.iter().position(|r| *r == filled.result) {
        Some(0) => Status::Conforming,
        Some(1) => Status::Nonconforming,
        Some(2) => Status::NotApplicable,
        _ => Status::Unchecked,
    }
}

fn groups(map: BTreeMap<String, Tally>) -> Vec<Group> {
    map.into_iter()
        .map(|(name, tally)| Group { name, tally })
        .collect()
}

/// The report for a terminal: the figures, then every 不符合, every
/// changed requirement and how many are not yet checked.
pub fn text(report: &Report) -> String {
    let mut out = format!("compliance report of {}\n", report.file);
    out.push_str(&format!(
        "  {}\n",
        tally_line("all requirements", &report.total)
    ));
    for (title, groups) in [
        ("by standard", &report.by_standard),
        ("by role", &report.by_role),
        ("by clause", &report.by_clause),
    ] {
        out.push_str(&format!("{title}:\n"));
        for g in groups {
            out.push_str(&format!("  {}\n", tally_line(&g.name, &g.tally)));
        }
    }
    let sections = [
        ("不符合 (nonconforming)", &report.nonconforming),
        (
            "changed since the matrix was written (not counted; check again)",
            &report.changed,
        ),
    ];
    for (title, lines) in sections {
        out.push_str(&format!("{title}: {}\n", lines.len()));
        for line in lines {
            out.push_str(&format!(
                "  {} [{}#{}] {}\n",
                line.id, line.standard, line.clause, line.requirement
            ));
            if let Some(f) = line.filled.as_ref().filter(|f| !f.remark.is_empty()) {
                out.push_str(&format!("    备注: {} ({})\n", f.remark, f.cell));
            }
        }
    }
    out.push_str(&format!("not yet checked: {}\n", report.unchecked.len()));
    out
}

fn tally_line(name: &str, t: &Tally) -> String {
    let rate = t.rate.map_or("-".to_owned(), |r| format!("{r:.1} %"));
    format!(
        "{name}: {} requirements, 符合 {}, 不符合 {}, 不适用 {}, 未检查 {}, changed {}; rate {rate}",
        t.requirements, t.conforming, t.nonconforming, t.not_applicable, t.unchecked, t.changed
    )
}
