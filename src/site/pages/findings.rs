//! The findings of the checks, linked to the items on both sides of each
//! contradiction, and the documentation page of every code and rule (the
//! same text `guifan explain` prints).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Site;
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

pub fn page(site: &Site) -> Value {
    let locator = Locator::new(site);
    // Findings and their help in the site's language (docs: README, The website).
    let mut diags = site.diags.to_vec();
    crate::diag::i18n::localise(&mut diags, site.lang);
    let findings: Vec<Value> = diags
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            json!({
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
        })
        .collect();
    let (errors, warnings) = site.counts();
    json!({
        "page_title": site.t("nav_findings"),
        "nav": "findings",
        "findings": findings,
        "errors": errors,
        "warnings": warnings,
    })
}

pub fn rules_index(site: &Site) -> Value {
    let rows: Vec<Vec<Value>> = super::rules::all()
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
        "code": code,
        "doc": crate::site::markdown::to_html(doc, false),
        "findings": site.diags.iter().filter(|d| d.code == code).count(),
    })
}
