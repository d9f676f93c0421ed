//! The matrix's rows: each requirement of [`crate::spec::requirements`] in
//! words, with the lint findings on it, as every format writes them.

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Place, Severity};
use crate::output::{Checked, neutralise};
use crate::spec::Spec;
use crate::spec::duration::Duration;
use crate::spec::kind::ItemRef;
use crate::spec::requirements::{Requirement, requirements};

/// The columns of the matrix, in order. The first ten describe the
/// requirement, the next five are the auditor's, the last is the
/// fingerprint that tells a changed requirement on reading back.
pub const COLUMNS: [&str; 16] = [
    "编号",
    "标准",
    "条款",
    "类别",
    "要求",
    "责任角色",
    "证据记录",
    "时限（原文）",
    "时限（规范化）",
    "规则检查发现",
    RESULT,
    "证据索引",
    "备注",
    "检查人",
    "检查日期",
    FINGERPRINT,
];
pub const ID: &str = "编号";
pub const RESULT: &str = "结果";
pub const FINGERPRINT: &str = "校验码";
/// The columns the auditor fills, from this one on (up to the fingerprint).
pub const FIRST_AUDITOR_COLUMN: usize = 10;

/// The results an auditor may enter; an empty cell is 未检查.
pub const RESULTS: [&str; 4] = ["符合", "不符合", "不适用", "未检查"];

/// One requirement as the matrix shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    /// The standard id it cites; empty when it cites none.
    pub standard: String,
    /// The clause number it cites.
    pub clause: String,
    pub kind: &'static str,
    pub requirement: String,
    pub roles: Vec<String>,
    pub evidence: Vec<String>,
    pub limit_written: Vec<String>,
    pub limit_normalised: Vec<String>,
    /// `SLA001 警告: …`, one per finding.
    pub findings: Vec<String>,
    /// Whether a finding at error level is among them.
    pub has_error: bool,
    /// The first 16 hex digits of the SHA-256 of the requirement's columns.
    pub fingerprint: String,
}

impl Row {
    /// The cells of the requirement's columns (the first ten).
    pub fn cells(&self) -> [String; 10] {
        [
            self.id.clone(),
            self.standard.clone(),
            self.clause.clone(),
            self.kind.to_owned(),
            self.requirement.clone(),
            self.roles.join("、"),
            self.evidence.join("；"),
            self.limit_written.join("；"),
            self.limit_normalised.join("；"),
            self.findings.join("\n"),
        ]
    }

    /// Every cell of the row as written: the requirement's, the auditor's
    /// (empty) and the fingerprint.
    pub fn all_cells(&self) -> Vec<String> {
        let mut cells = self.cells().to_vec();
        cells.resize(COLUMNS.len() - 1, String::new());
        cells.push(self.fingerprint.clone());
        cells
    }
}

/// Every requirement of the checked spec as a row, in the order of
/// [`requirements`].
pub fn rows(checked: &Checked) -> Vec<Row> {
    let spec = &checked.spec;
    let located = Locator::new(spec);
    let mut on: HashMap<ItemRef, Vec<&Diagnostic>> = HashMap::new();
    for d in &checked.diagnostics {
        let places = std::iter::once(&d.place).chain(d.related.iter().map(|r| &r.place));
        let mut items: Vec<ItemRef> = places.filter_map(|p| located.item(p)).collect();
        items.sort();
        items.dedup();
        for at in items {
            on.entry(at).or_default().push(d);
        }
    }
    let all = requirements(spec);
    all.iter()
        .map(|r| row(spec, r, on.get(&r.at).map_or(&[][..], Vec::as_slice)))
        .collect()
}

fn row(spec: &Spec, r: &Requirement, findings: &[&Diagnostic]) -> Row {
    let (standard, clause) = r.citation().unwrap_or(("", ""));
    let roles = r.roles.iter().map(|&i| spec.roles[i].title.value.clone());
    let records = r
        .records
        .iter()
        .map(|&i| format!("《{}》", spec.records[i].title.value));
    let limits = r.limits.iter().map(|&l| &spec.limit_info[l]);
    let mut row = Row {
        id: r.id.clone(),
        standard: standard.to_owned(),
        clause: clause.to_owned(),
        kind: r.kind.label(),
        requirement: neutralise(&r.text).into_owned(),
        roles: roles.collect(),
        evidence: records.chain(r.evidence.clone()).collect(),
        limit_written: limits.clone().map(|i| i.text.clone()).collect(),
        limit_normalised: limits
            .map(|i| {
                i.duration
                    .as_ref()
                    .map_or("（无法读取）".to_owned(), Duration::to_string)
            })
            .collect(),
        findings: findings.iter().map(|d| finding(d)).collect(),
        has_error: findings.iter().any(|d| d.severity == Severity::Error),
        fingerprint: String::new(),
    };
    row.fingerprint = fingerprint(&row.cells()[..9]);
    row
}

fn finding(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    };
    format!("{} {level}: {}", d.code, neutralise(&d.message))
}

/// The fingerprint of a requirement's cells: changes whenever one does.
pub fn fingerprint(cells: &[String]) -> String {
    let mut hash = Sha256::new();
    for cell in cells {
        hash.update(cell.as_bytes());
        hash.update([0u8]);
    }
    let digest = hash.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Finds the item written at a place: per file, the items' first lines in
/// order; a place belongs to the last item starting at or before it (parts
/// start after their item, so they win inside it).
struct Locator {
    by_file: HashMap<String, Vec<(u32, ItemRef)>>,
}

impl Locator {
    fn new(spec: &Spec) -> Locator {
        let mut by_file: HashMap<String, Vec<(u32, ItemRef)>> = HashMap::new();
        for entry in spec.entries() {
            let list = by_file.entry(entry.file.to_owned()).or_default();
            list.push((entry.pos.line, entry.at));
        }
        for list in by_file.values_mut() {
            list.sort_by_key(|(line, _)| *line);
        }
        Locator { by_file }
    }

    fn item(&self, place: &Place) -> Option<ItemRef> {
        let list = self.by_file.get(&place.file)?;
        let after = list.partition_point(|(line, _)| *line <= place.line);
        after.checked_sub(1).map(|i| list[i].1)
    }
}
