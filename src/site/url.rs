//! Where each page lives, as paths relative to the site root.
//!
//! Every link in the site is relative (a page prefixes these with its
//! `root`, `""` or `"../"`), so the site works from `file://`, from a USB
//! stick and under any sub-path of a web server. Ids are path-safe by the
//! time they get here (`spec::id` checks them); file paths of the spec and
//! clause numbers are not, so they are escaped.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::spec::Spec;
use crate::spec::kind::{ItemRef, Kind};

/// ASCII characters escaped in a path segment or fragment: what would end
/// or confuse the URL (space, `#`, `?`, `%`, quotes, `<>`). Non-ASCII text
/// (a Chinese clause number or file name) is always percent-encoded as
/// UTF-8; browsers decode it again before matching an `id` or a file.
const ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn escape(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// An HTML `id` for a clause: its number with white space replaced, since
/// ids may hold any character but white space.
pub fn clause_anchor(number: &str) -> String {
    let number: String = number
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect();
    format!("clause-{number}")
}

pub fn standard(id: &str) -> String {
    format!("standards/{id}.html")
}

pub fn clause(standard_id: &str, number: &str) -> String {
    format!(
        "standards/{standard_id}.html#{}",
        escape(&clause_anchor(number))
    )
}

pub fn role(id: &str) -> String {
    format!("roles/{id}.html")
}

pub fn flow(id: &str) -> String {
    format!("flows/{id}.html")
}

/// The HTML `id` of a step on its flow's page.
pub fn step_anchor(step_id: &str) -> String {
    format!("step-{step_id}")
}

pub fn step(flow_id: &str, step_id: &str) -> String {
    format!("{}#{}", flow(flow_id), step_anchor(step_id))
}

pub fn limit(id: &str) -> String {
    format!("limits.html#limit-{id}")
}

pub fn script(id: &str) -> String {
    format!("scripts/{id}.html")
}

pub fn checklist(id: &str) -> String {
    format!("checklists/{id}.html")
}

pub fn record(id: &str) -> String {
    format!("records.html#record-{id}")
}

pub fn term(id: &str) -> String {
    format!("glossary.html#term-{id}")
}

pub fn rule(code: &str) -> String {
    format!("rules/{code}.html")
}

/// The practice quizzes' index.
pub fn quizzes() -> String {
    "quiz/index.html".to_owned()
}

/// A role's practice quiz.
pub fn role_quiz(id: &str) -> String {
    format!("quiz/role/{id}.html")
}

/// A flow's practice quiz.
pub fn flow_quiz(id: &str) -> String {
    format!("quiz/flow/{id}.html")
}

/// The page or anchor that shows an item or part, if the site has one.
/// Checklist items show on their checklist's page.
pub fn of(spec: &Spec, at: ItemRef) -> Option<String> {
    let (i, part) = (at.index, at.part);
    Some(match at.kind {
        Kind::Standard => standard(&spec.standards.get(i)?.id),
        Kind::Clause => {
            let st = spec.standards.get(i)?;
            clause(&st.id, &st.clauses.get(part)?.number)
        }
        Kind::Role => role(&spec.roles.get(i)?.id),
        Kind::Flow => flow(&spec.flows.get(i)?.id),
        Kind::Step => {
            let f = spec.flows.get(i)?;
            step(&f.id, &f.steps.get(part)?.id)
        }
        Kind::Limit => limit(&spec.limits.get(i)?.id),
        Kind::Script => script(&spec.scripts.get(i)?.id),
        Kind::Checklist | Kind::CheckItem => checklist(&spec.checklists.get(i)?.id),
        Kind::Record => record(&spec.records.get(i)?.id),
        Kind::Term => term(&spec.terms.get(i)?.id),
        Kind::Calendar | Kind::PriorityScale | Kind::PriorityClass | Kind::Question => {
            return None;
        }
    })
}

/// What a link to `at` shows: the item itself, or for a part that has no
/// anchor of its own (a checklist item), the item it belongs to.
pub fn shown(at: ItemRef) -> ItemRef {
    match at.kind {
        Kind::CheckItem => at.whole(),
        _ => at,
    }
}

/// The page showing a spec file (`cmcc/flows.yaml` → `source/cmcc/flows.yaml.html`).
pub fn source_page(file: &str) -> String {
    let segments: Vec<String> = file.split('/').map(escape).collect();
    format!("source/{}.html", segments.join("/"))
}

/// A line of a spec file.
pub fn source_line(file: &str, line: u32) -> String {
    format!("{}#L{line}", source_page(file))
}

/// The link from page `from` to `to`, both paths from the site root: the
/// bare fragment on the same page (no reload), the bare file name in the
/// same folder, and a path through the root otherwise. A flow's diagram
/// links this way, since it is made without its page's `root`.
pub fn relative(from: &str, to: &str) -> String {
    let folder = |path: &str| path.rfind('/').map_or(0, |i| i + 1);
    let (page, fragment) = to.split_once('#').unwrap_or((to, ""));
    if page == from && page.len() < to.len() {
        format!("#{fragment}")
    } else if from[..folder(from)] == page[..folder(page)] {
        to[folder(page)..].to_owned()
    } else {
        format!("{}{to}", root_of(from))
    }
}

/// Where the file of a page path is written, relative to the output folder.
/// The inverse of the escaping above, for the paths made here.
pub fn file_of(page: &str) -> String {
    percent_encoding::percent_decode_str(page)
        .decode_utf8_lossy()
        .into_owned()
}

/// The prefix that leads from a page back to the site root: `""` for
/// `index.html`, `"../"` for `roles/x.html`.
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("roles/x.html"), "../");
        assert_eq!(root_of(&source_page("cmcc/flows.yaml")), "../../");
        let link = clause("cmcc", "网投 时限1");
        assert!(link.is_ascii(), "{link}");
        assert_eq!(file_of(&link), "standards/cmcc.html#clause-网投-时限1");
        assert_eq!(
            source_page("a dir/x#1.yaml"),
            "source/a%20dir/x%231.yaml.html"
        );
        assert_eq!(
            file_of(&source_page("a dir/x#1.yaml")),
            "source/a dir/x#1.yaml.html"
        );
        let page = flow("a");
        assert_eq!(relative(&page, &step("a", "s")), "#step-s");
        assert_eq!(relative(&page, &flow("b")), "b.html");
        assert_eq!(relative(&page, &step("b", "s")), "b.html#step-s");
        assert_eq!(relative(&page, &role("r")), "../roles/r.html");
        assert_eq!(relative("index.html", &limit("l")), "limits.html#limit-l");
        assert_eq!(relative(&standard("s"), &clause("s", "1/2")), "#clause-1/2");
    }
}
