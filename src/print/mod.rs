//! `guifan print`: the auditor's printable documents — every checklist of
//! the spec and an audit checklist for every flow ([`doc`]) — as A4 HTML,
//! and with `--pdf` as PDF through headless Chromium ([`pdf`]); `--pack`
//! binds the documents of a standard or a role into one audit pack with a
//! cover and contents. Documented in docs/print.md.

mod doc;
mod pdf;

use std::path::PathBuf;

use serde::Serialize;
use serde_json::json;
use tera::{Context, Tera};

use crate::matrix::{COLUMNS, RESULTS, Report, Row};
use crate::output::theme::error_chain;
use crate::output::{Checked, Dest, Output, Rendered, Target};
use crate::spec::Spec;
use crate::spec::kind::Kind;
pub use doc::{Document, documents};

/// `guifan print`.
#[derive(Debug, clap::Args)]
pub struct PrintArgs {
    /// The folder to write the documents to (replaced as a whole).
    #[arg(short, long, default_value = "print", value_name = "DIR")]
    pub out: PathBuf,
    /// Also write each document as PDF (needs Chromium; see README).
    #[arg(long)]
    pub pdf: bool,
    /// Bind the documents of one standard or role (an id) into one audit
    /// pack, `pack-<id>.html` (and `.pdf` with --pdf), instead.
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Only these documents: checklist or flow ids (repeatable).
    #[arg(long, value_name = "ID")]
    pub only: Vec<String>,
}

/// The templates of the auditor's documents, embedded like the site's
/// theme (src/output/theme.rs).
const TEMPLATES: &[(&str, &str)] = &[
    (
        "document.html",
        include_str!("../../templates/print/document.html"),
    ),
    (
        "_document.html",
        include_str!("../../templates/print/_document.html"),
    ),
    (
        "matrix.html",
        include_str!("../../templates/print/matrix.html"),
    ),
    (
        "report.html",
        include_str!("../../templates/print/report.html"),
    ),
];
const CSS: &str = include_str!("../../templates/print/print.css");
/// The site's sortable, filterable tables (the limit table's), inlined so
/// the matrix page works alone from file://.
const TABLE_JS: &str = include_str!("../../templates/static/table.js");

fn tera() -> Result<Tera, String> {
    let mut tera = Tera::new();
    tera.add_raw_templates(TEMPLATES.iter().copied())
        .map_err(|e| format!("template error: {}", error_chain(&e)))?;
    Ok(tera)
}

fn render(template: &str, data: &serde_json::Value) -> Result<String, String> {
    let context = Context::from_serialize(data).map_err(|e| error_chain(&e))?;
    tera()?
        .render(template, &context)
        .map_err(|e| format!("cannot render {template}: {}", error_chain(&e)))
}

/// What `guifan print` writes with these arguments.
pub fn output(checked: &Checked, args: &PrintArgs) -> Result<(Box<dyn Output>, Target), String> {
    let spec = &checked.spec;
    let mut docs = documents(spec);
    if !args.only.is_empty() {
        for id in &args.only {
            let known = spec.index_of(Kind::Checklist, id).is_some() || spec.flow(id).is_some();
            if !known {
                return Err(format!("--only {id}: no checklist or flow has this id"));
            }
        }
        docs.retain(|d| {
            args.only
                .iter()
                .any(|id| d.name.split_once('-').is_some_and(|(_, n)| n == id))
        });
    }
    let pack = match &args.pack {
        Some(id) => Some(pack(spec, id, &mut docs)?),
        None => None,
    };
    let engine = if args.pdf {
        Some(pdf::Chromium::find()?)
    } else {
        None
    };
    let output = Print { docs, pack, engine };
    Ok((Box::new(output), Target::Folder(args.out.clone())))
}

/// Every document as PDF, `pdf/<name>.pdf`, for the site built with
/// `--pdf` (its checklist and flow pages link to them).
pub fn site_pdfs(checked: &Checked) -> Result<Vec<(String, Vec<u8>)>, String> {
    let engine = pdf::Chromium::find()?;
    let pdfs = engine.print(&one_per_document(&documents(&checked.spec))?)?;
    Ok(pdfs
        .into_iter()
        .map(|(name, bytes)| (format!("pdf/{name}.pdf"), bytes))
        .collect())
}

/// An audit pack's cover.
#[derive(Clone, Debug, Serialize)]
pub struct Cover {
    /// `pack-<id>`.
    name: String,
    title: String,
    subtitle: String,
}

/// Keep in `docs` the documents of standard or role `id`; the pack's cover.
fn pack(spec: &Spec, id: &str, docs: &mut Vec<Document>) -> Result<Cover, String> {
    let name = format!("pack-{id}");
    if let Some(s) = spec.standard(id) {
        docs.retain(|d| d.standard.as_ref().is_some_and(|x| x.id == id));
        let version = s
            .version
            .as_ref()
            .map_or(String::new(), |v| format!(" {}", v.value));
        return nonempty(docs, id).map(|()| Cover {
            name,
            title: format!("《{}》审核资料", s.title.value),
            subtitle: format!("标准 {id}{version}"),
        });
    }
    let Some(r) = spec.index_of(Kind::Role, id) else {
        return Err(format!("--pack {id}: no standard or role has this id"));
    };
    let rel = &spec.relations.roles[r];
    let lists = rel
        .checklists
        .iter()
        .map(|&c| format!("checklist-{}", spec.checklists[c].id.value));
    let owned = rel.flows.iter().copied();
    let performed = rel.steps.iter().map(|s| s.index);
    let flows = owned
        .chain(performed)
        .map(|f| format!("flow-{}", spec.flows[f].id.value));
    let names: Vec<String> = lists.chain(flows).collect();
    docs.retain(|d| names.contains(&d.name));
    nonempty(docs, id).map(|()| Cover {
        name,
        title: format!("{}审核资料", spec.roles[r].title.value),
        subtitle: format!("角色 {id}"),
    })
}

fn nonempty(docs: &[Document], id: &str) -> Result<(), String> {
    if docs.is_empty() {
        return Err(format!("--pack {id}: it has no checklist or flow to print"));
    }
    Ok(())
}

/// The documents as an output.
struct Print {
    docs: Vec<Document>,
    pack: Option<Cover>,
    engine: Option<pdf::Chromium>,
}

impl Output for Print {
    fn name(&self) -> &'static str {
        "documents"
    }

    fn render(&self, _checked: &Checked, dest: &dyn Dest) -> Result<Rendered, String> {
        let pages: Vec<(String, String)> = match &self.pack {
            Some(cover) => vec![(cover.name.clone(), page(&self.docs, Some(cover), false)?)],
            None => one_per_document(&self.docs)?,
        };
        for (name, html) in &pages {
            dest.write(&format!("{name}.html"), html.as_bytes())
                .map_err(|e| format!("cannot write {name}.html: {e}"))?;
        }
        let mut files = pages.len();
        if let Some(engine) = &self.engine {
            for (name, bytes) in engine.print(&pages)? {
                dest.write(&format!("{name}.pdf"), &bytes)
                    .map_err(|e| format!("cannot write {name}.pdf: {e}"))?;
                files += 1;
            }
        }
        Ok(Rendered {
            files,
            summary: format!("{} document(s) in {files} file(s)", self.docs.len()),
        })
    }
}

/// Each document as a page of its own: (name, HTML).
fn one_per_document(docs: &[Document]) -> Result<Vec<(String, String)>, String> {
    docs.iter()
        .map(|d| Ok((d.name.clone(), page(std::slice::from_ref(d), None, false)?)))
        .collect()
}

/// A printable page of `docs`, with a cover and contents for a pack; a
/// print button for the site.
pub fn page(docs: &[Document], cover: Option<&Cover>, button: bool) -> Result<String, String> {
    let first = docs.first();
    let title = match (cover, first) {
        (Some(c), _) => c.title.clone(),
        (None, Some(d)) => format!("{}：{}", d.kind, d.title),
        (None, None) => String::new(),
    };
    let standard = first.and_then(|d| d.standard.as_ref()).map(|s| {
        let version = s
            .version
            .as_ref()
            .map_or(String::new(), |v| format!(" {v}"));
        format!("《{}》{version}", s.title)
    });
    let left = match cover {
        Some(c) => c.subtitle.clone(),
        None => standard.unwrap_or_default(),
    };
    render(
        "document.html",
        &json!({
            "title": title,
            "css": CSS,
            "header_left": css_string(&left),
            "header_right": css_string(&title),
            "docs": docs,
            "cover": cover,
            "button": button,
        }),
    )
}

/// `text` as a CSS string literal that cannot end the string or the
/// `<style>` element it is written in.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The matrix as an HTML page with filters.
pub fn matrix_page(rows: &[Row]) -> Result<String, String> {
    let mut kinds: Vec<&str> = rows.iter().map(|r| r.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let rows: Vec<_> = rows
        .iter()
        .map(|r| {
            json!({"cells": r.all_cells(), "kind": r.kind, "error": r.has_error,
                   "finding": !r.findings.is_empty()})
        })
        .collect();
    render(
        "matrix.html",
        &json!({"css": CSS, "columns": COLUMNS, "results": RESULTS, "rows": rows,
                "kinds": kinds, "table_js": TABLE_JS}),
    )
}

/// The compliance report as an HTML page.
pub fn report_page(report: &Report) -> Result<String, String> {
    let total = crate::matrix::Group {
        name: "全部要求".to_owned(),
        tally: report.total.clone(),
    };
    let sections = json!([
        {"title": "总计", "key": "范围", "groups": [total]},
        {"title": "按标准", "key": "标准", "groups": report.by_standard},
        {"title": "按责任角色", "key": "角色", "groups": report.by_role},
        {"title": "按条款", "key": "条款", "groups": report.by_clause},
    ]);
    let lists = json!([
        {"title": "不符合项", "lines": report.nonconforming},
        {"title": "编写矩阵后已变更的要求（结果未计入，请重新检查）", "lines": report.changed},
        {"title": "未检查", "lines": report.unchecked},
    ]);
    render(
        "report.html",
        &json!({"css": CSS, "report": report, "sections": sections, "lists": lists}),
    )
}
