//! The findings of the checks, linked to the items on both sides of each
//! contradiction, and the documentation page of every code and rule (the
//! same text `guifan explain` prints).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{Rows, Site};
use crate::diag::{Place, Severity};
use crate::site::url;

/// Finds the page of the item written at a place: per file, the items'
/// first lines in order; a place belongs to the last item starting at or
/// before it (steps start after their flow, so they win inside it).
struct Locator {
    by_file: HashMap<String, Vec<(u32, String, String)>>,
}

impl Locator {
    fn new(site: &Site) -> Locator {
        let mut by_file: HashMap<String, Vec<(u32, String, String)>> = HashMap::new();
        for entry in site.spec.entries() {
            let link = site.link(entry.at);
            let (Some(title), Some(url)) = (link["title"].as_str(), link["url"].as_str()) else {
                continue; // no page shows it
            };
            by_file.entry(entry.file.to_owned()).or_default().push((
                entry.pos.line,
                title.to_owned(),
                url.to_owned(),
            ));
        }
        for list in by_file.values_mut() {
            list.sort();
        }
        Locator { by_file }
    }

    fn place(&self, place: &Place) -> Value {
        let item = self.by_file.get(&place.file).and_then(|list| {
            let after = list.partition_point(|(line, _, _)| *line <= place.line);
            after.checked_sub(1).map(|i| &list[i])
        });
        json!({
            "text": place.to_string(),
            "src": url::source_line(&place.file, place.line),
            "item": item.map(|(_, title, url)| json!({"title": title, "url": url})),
        })
    }
}

/// The rules whose findings say that two limits contradict each other.
const CONTRADICTIONS: [&str; 4] = ["SLA001", "SLA002", "SLA005", "SLA008"];

/// The anchor of the `n`th finding on the findings page.
fn anchor(n: usize) -> String {
    format!("finding-{}", n + 1)
}

/// For every limit (parallel to `spec.limits`), the contradictions the
/// lints found between it and another limit, as its row shows them: "⚠ 与
/// §5.1.3 的 5个工作日 冲突", linked to the finding. Read from the findings
/// (a finding's place and related place are the two limits' durations),
/// never worked out again here.
pub fn limit_conflicts(site: &Site) -> Vec<Vec<Value>> {
    let limits = &site.spec.limits;
    let at: HashMap<Place, usize> = (limits.iter().enumerate())
        .map(|(i, l)| (Place::new(&l.file, l.duration.pos), i))
        .collect();
    let mut conflicts = vec![Vec::new(); limits.len()];
    let found = site.diags.iter().enumerate();
    for (n, d) in found.filter(|(_, d)| CONTRADICTIONS.contains(&d.code)) {
        let Some(&a) = at.get(&d.place) else { continue };
        for b in d.related.iter().filter_map(|r| at.get(&r.place).copied()) {
            if b != a {
                conflicts[a].push(conflict(site, a, b, n));
                conflicts[b].push(conflict(site, b, a, n));
            }
        }
    }
    conflicts
}

/// Limit `here`'s row note on its contradiction with `other` (finding `n`).
fn conflict(site: &Site, here: usize, other: usize, n: usize) -> Value {
    let limit = &site.spec.limits[other];
    let standard = |i: usize| {
        let l = &site.spec.limits[i];
        site.standard_of(&l.file, &l.source)
    };
    let cite = site.cite(&limit.source);
    let place = match cite["number"].as_str() {
        Some(number) if standard(here) == standard(other) => format!("§{number}"),
        Some(_) => cite["text"].as_str().unwrap_or_default().to_owned(),
        None => format!("「{}」", limit.title.value),
    };
    let text = site
        .t("conflict_with")
        .replace("{cite}", &place)
        .replace("{text}", &site.spec.limit_info[other].text);
    json!({
        "text": text,
        "code": site.diags[n].code,
        "url": format!("findings.html#{}", anchor(n)),
    })
}

/// The findings page: the counts, and a row per finding.
pub fn page<'s>(site: &'s Site) -> (Value, Rows<'s>) {
    let locator = Locator::new(site);
    let (errors, warnings) = site.counts();
    let page = json!({
        "page_title": site.t("nav_findings"),
        "nav": "findings",
        "breadcrumbs": site.maintenance_crumbs(),
        "errors": errors,
        "warnings": warnings,
    });
    let rows = Rows::new(
        "findings",
        "_finding_rows.html",
        site.diags.len(),
        move |n| finding(site, &locator, n),
    );
    (page, rows)
}

/// A finding, in the site's language (docs: README, The website).
fn finding(site: &Site, locator: &Locator, n: usize) -> Value {
    let mut d = site.diags[n].clone();
    crate::diag::i18n::localise(std::slice::from_mut(&mut d), site.lang);
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    json!({
        "anchor": anchor(n),
        "code": d.code,
        "rule_url": url::rule(d.code),
        "severity": severity,
        "severity_label": site.t(&format!("{severity}s")),
        "message": d.message,
        "place": locator.place(&d.place),
        "related": d.related.iter().map(|r| {
            let mut p = locator.place(&r.place);
            p["message"] = json!(r.message);
            p
        }).collect::<Vec<_>>(),
        "help": d.help,
    })
}

pub fn rules_index(site: &Site) -> Value {
    let rows: Vec<Vec<Value>> = super::docs::all(site.lang)
        .into_iter()
        .map(|(code, doc)| {
            let level = if crate::lint::rule(code).is_some() {
                site.config.level(code).as_str()
            } else if crate::diag::codes::lookup(code).is_some() {
                "error"
            } else {
                "" // a page about the rules, not a rule
            };
            vec![
                json!({"text": code, "url": url::rule(code)}),
                json!({"text": summary(doc), "url": null}),
                json!({"text": level, "url": null}),
            ]
        })
        .collect();
    json!({
        "page_title": site.t("nav_rules"),
        "nav": "rules",
        "breadcrumbs": site.maintenance_crumbs(),
        "columns": [site.t("code"), site.t("description"), site.t("rule_level")],
        "rows": rows,
    })
}

/// The first line of a doc, without its Markdown heading marks.
fn summary(doc: &str) -> String {
    doc.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim_start_matches('#')
        .trim()
        .to_owned()
}

pub fn rule(site: &Site, code: &str, doc: &str) -> Value {
    json!({
        "page_title": format!("{code} · {}", summary(doc)),
        "nav": "rules",
        "breadcrumbs": site.maintenance_crumbs(),
        "code": code,
        "doc": crate::site::markdown::to_html(doc, false),
        "findings": site.diags.iter().filter(|d| d.code == code).count(),
    })
}
