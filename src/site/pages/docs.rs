//! The documentation pages of the codes and rules, in the site's language.
//!
//! The English documents (`docs/codes/`, `docs/rules/`, `docs/semantics.md`)
//! are what `guifan explain` prints and where the rules' examples run as
//! tests. The site is for trainees and maintainers who read Chinese, so a
//! zh-CN site shows their translations (`docs/zh-CN/`), whose code blocks
//! are the English ones byte for byte (`tests` below).

use crate::output::theme::Lang;

/// The Simplified Chinese page of each code, rule and of the semantics.
const ZH_CN: &[(&str, &str)] = &[
    ("E001", include_str!("../../../docs/zh-CN/codes/E001.md")),
    ("E002", include_str!("../../../docs/zh-CN/codes/E002.md")),
    ("E003", include_str!("../../../docs/zh-CN/codes/E003.md")),
    ("E004", include_str!("../../../docs/zh-CN/codes/E004.md")),
    ("E005", include_str!("../../../docs/zh-CN/codes/E005.md")),
    ("E006", include_str!("../../../docs/zh-CN/codes/E006.md")),
    ("E007", include_str!("../../../docs/zh-CN/codes/E007.md")),
    ("E008", include_str!("../../../docs/zh-CN/codes/E008.md")),
    ("E009", include_str!("../../../docs/zh-CN/codes/E009.md")),
    ("E010", include_str!("../../../docs/zh-CN/codes/E010.md")),
    ("E011", include_str!("../../../docs/zh-CN/codes/E011.md")),
    (
        "SLA000",
        include_str!("../../../docs/zh-CN/rules/SLA000.md"),
    ),
    (
        "SLA001",
        include_str!("../../../docs/zh-CN/rules/SLA001.md"),
    ),
    (
        "SLA002",
        include_str!("../../../docs/zh-CN/rules/SLA002.md"),
    ),
    (
        "SLA003",
        include_str!("../../../docs/zh-CN/rules/SLA003.md"),
    ),
    (
        "SLA004",
        include_str!("../../../docs/zh-CN/rules/SLA004.md"),
    ),
    (
        "SLA005",
        include_str!("../../../docs/zh-CN/rules/SLA005.md"),
    ),
    (
        "SLA006",
        include_str!("../../../docs/zh-CN/rules/SLA006.md"),
    ),
    (
        "SLA007",
        include_str!("../../../docs/zh-CN/rules/SLA007.md"),
    ),
    (
        "SLA008",
        include_str!("../../../docs/zh-CN/rules/SLA008.md"),
    ),
    (
        "SLA009",
        include_str!("../../../docs/zh-CN/rules/SLA009.md"),
    ),
    (
        "SLA010",
        include_str!("../../../docs/zh-CN/rules/SLA010.md"),
    ),
    (
        "SLA011",
        include_str!("../../../docs/zh-CN/rules/SLA011.md"),
    ),
    (
        "SLA012",
        include_str!("../../../docs/zh-CN/rules/SLA012.md"),
    ),
    (
        "SLA013",
        include_str!("../../../docs/zh-CN/rules/SLA013.md"),
    ),
    (
        "SLA014",
        include_str!("../../../docs/zh-CN/rules/SLA014.md"),
    ),
    (
        "SLA015",
        include_str!("../../../docs/zh-CN/rules/SLA015.md"),
    ),
    (
        "SLA016",
        include_str!("../../../docs/zh-CN/rules/SLA016.md"),
    ),
    (
        "SLA017",
        include_str!("../../../docs/zh-CN/rules/SLA017.md"),
    ),
    (
        "SLA018",
        include_str!("../../../docs/zh-CN/rules/SLA018.md"),
    ),
    (
        "SLA019",
        include_str!("../../../docs/zh-CN/rules/SLA019.md"),
    ),
    (
        "semantics",
        include_str!("../../../docs/zh-CN/semantics.md"),
    ),
];

/// The documentation pages: structural codes, then lint rules, then how
/// the rules decide, each as `(code, Markdown)` in `lang`.
pub fn all(lang: Lang) -> Vec<(&'static str, &'static str)> {
    english()
        .into_iter()
        .map(|(code, doc)| (code, translated(code, lang).unwrap_or(doc)))
        .collect()
}

fn english() -> Vec<(&'static str, &'static str)> {
    crate::diag::codes::STRUCTURAL
        .iter()
        .map(|c| (c.code, c.doc))
        .chain(crate::lint::rules::ALL.iter().map(|r| (r.code, r.doc)))
        .chain([("semantics", crate::lint::SEMANTICS)])
        .collect()
}

fn translated(code: &str, lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::ZhCn => ZH_CN.iter().find(|(c, _)| *c == code).map(|(_, doc)| *doc),
        Lang::En => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fenced code blocks of a Markdown page, in order.
    fn code_blocks(doc: &str) -> Vec<String> {
        let mut blocks = Vec::new();
        let mut current: Option<String> = None;
        for line in doc.lines() {
            match (&mut current, line.trim_start().starts_with("```")) {
                (None, true) => current = Some(format!("{line}\n")),
                (Some(block), true) => {
                    block.push_str(line);
                    blocks.push(current.take().unwrap_or_default());
                }
                (Some(block), false) => {
                    block.push_str(line);
                    block.push('\n');
                }
                (None, false) => {}
            }
        }
        blocks
    }

    #[test]
    fn every_page_has_its_translation_with_the_same_code_blocks() {
        for (code, doc) in english() {
            let zh =
                translated(code, Lang::ZhCn).unwrap_or_else(|| panic!("{code}: no zh-CN page"));
            assert_eq!(
                code_blocks(zh),
                code_blocks(doc),
                "{code}: code blocks differ"
            );
            let first = |d: &str| d.lines().next().unwrap_or_default().to_owned();
            if code != "semantics" {
                assert!(first(zh).starts_with(&first(doc)), "{code}: {}", first(zh));
            }
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{code}"
            );
        }
        assert_eq!(ZH_CN.len(), english().len(), "a translation of no page");
    }
}
