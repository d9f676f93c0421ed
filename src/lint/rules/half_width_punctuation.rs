//! SLA019: half-width `,` `;` `:` `(` `)` beside Chinese characters in the
//! spec's text, where Chinese typography wants full-width `，；：（）`.
//!
//! The marks are found in the source lines, so that each finding has its
//! exact column and a fix a tool can apply, but only where the text around
//! the mark is the text of an item written in that file: YAML's own commas
//! and colons (`[受理, 回访]`, `{ title: 甲, … }`), comments and durations are
//! never reported.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diag::{Place, Suggestion};
use crate::lint::context::Context;
use crate::lint::{Finding, Level, Rule};
use crate::msg;
use crate::spec::Spec;
use crate::spec::kind::ItemRef;
use crate::spec::model::DurationValue;
use crate::spec::span::Pos;

pub const RULE: Rule = Rule {
    code: "SLA019",
    name: "half-width-punctuation",
    summary: "Half-width , ; : ( ) beside Chinese characters in the spec's text.",
    doc: include_str!("../../../docs/rules/SLA019.md"),
    check: Some(check),
    // Typography is a house style: the bundled spec turns it on.
    default: Level::Allow,
};

/// A half-width mark to replace, in characters of its line (0-based).
#[derive(Debug, PartialEq, Eq)]
pub struct Mark {
    /// The mark itself.
    pub at: usize,
    /// What the fix replaces: the mark with the spaces around it.
    pub start: usize,
    pub end: usize,
    pub half: char,
    pub full: char,
    /// The text from the nearest non-space character before the mark to the
    /// nearest one after it: what must be item text for the mark to count.
    pub context: String,
    /// Where the mark stands in `context` (in characters).
    pub offset: usize,
}

impl Mark {
    /// What an item's text must contain for the mark to be its own: the
    /// whole context, else the mark with one of its neighbours (a mark that
    /// ends a quoted text stands before YAML's own `"` or `}`).
    fn witnesses(&self) -> [String; 3] {
        let chars: Vec<char> = self.context.chars().collect();
        let (before, after) = chars.split_at(self.offset);
        [
            self.context.clone(),
            before.iter().chain(&after[..1]).collect(),
            after.iter().collect(),
        ]
    }
}

/// Han characters and the full-width punctuation written among them.
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation (、。《》「」)
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}' // full-width forms (，：（）)
        | '\u{20000}'..='\u{2FFFF}')
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// The half-width marks of `line` that Chinese typography writes full-width:
/// `,` `;` `:` with a Chinese character as nearest neighbour on either side
/// (spaces skipped), and both parentheses of a pair that follows, encloses
/// or precedes Chinese text. Text between backticks (code), Markdown link
/// targets `](…)` and `://` are left alone.
pub fn marks(line: &str) -> Vec<Mark> {
    if may_have_marks(line) {
        every_mark(line)
    } else {
        Vec::new()
    }
}

/// [`marks`], worked out in full.
fn every_mark(line: &str) -> Vec<Mark> {
    let chars: Vec<char> = without_comment(line).chars().collect();
    let code = in_code(&chars);
    let before = |i: usize| chars[..i].iter().rposition(|c| *c != ' ');
    let after = |i: usize| (i + 1..chars.len()).find(|&j| chars[j] != ' ');
    let chinese_at = |j: Option<usize>| j.is_some_and(|j| is_chinese(chars[j]));
    let near_chinese = |i: usize| chinese_at(before(i)) || chinese_at(after(i));
    let mut found = Vec::new();
    for pair in pairs(&chars, &code) {
        let (open, close) = match pair {
            (Some(open), Some(close)) => (open, close),
            // An unmatched parenthesis is judged by its neighbours alone.
            (one, other) => {
                found.extend(one.or(other).filter(|&i| near_chinese(i)));
                continue;
            }
        };
        let link = open > 0 && chars[open - 1] == ']';
        let inside = &chars[open + 1..close];
        if link || inside.windows(3).any(|w| w == [':', '/', '/']) {
            continue;
        }
        let encloses = inside.iter().any(|&c| is_chinese(c));
        if encloses || near_chinese(open) || near_chinese(close) {
            found.extend([open, close]);
        }
    }
    // English fields (`title_en:`) are English text.
    let english = english_fields(&chars);
    found.retain(|&i| !english[i]);
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ',' | ';' | ':') || code[i] || english[i] {
            continue;
        }
        let url = c == ':' && chars[i + 1..].starts_with(&['/', '/']);
        if !url && near_chinese(i) && !yaml_key(&chars, i) {
            found.push(i);
        }
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|at| {
            // A full-width mark carries its own space, so the spaces around
            // it go, but not beside YAML's syntax: `text: (见)` keeps the
            // space after `text:`, `（分级) }` the one before `}`.
            let absorbs = |j: &usize| is_chinese(chars[*j]) || chars[*j].is_ascii_alphanumeric();
            let start = before(at).filter(absorbs).map_or(at, |j| j + 1);
            let end = after(at).filter(absorbs).unwrap_or(at + 1);
            let from = before(at).unwrap_or(at);
            let to = after(at).map_or(at + 1, |j| j + 1);
            Mark {
                at,
                start,
                end,
                half: chars[at],
                full: full_width(chars[at]).expect("only marks with a full-width form"),
                context: chars[from..to].iter().collect(),
                offset: at - from,
            }
        })
        .collect()
}

/// `line` without a YAML comment: from a `#` that starts the line or
/// follows a space, outside quotes. (A Markdown heading inside a block
/// scalar is left out too: a mark missed, never a wrong one.)
/// A quick look that rules out most lines without the allocations of
/// [`marks`]: it finds every line [`marks`] does and some more. A line
/// without Chinese has nothing to be near; without parentheses, a mark is a
/// `,` `;` `:` with a Chinese neighbour that does not end a YAML key.
fn may_have_marks(line: &str) -> bool {
    if line.is_ascii() {
        return false;
    }
    if line.contains(['(', ')']) {
        return true;
    }
    let chinese = |c: Option<char>| c.is_some_and(is_chinese);
    line.match_indices([',', ';', ':']).any(|(i, _)| {
        let near = chinese(line[..i].trim_end_matches(' ').chars().next_back())
            || chinese(line[i + 1..].trim_start_matches(' ').chars().next());
        near && !ends_key(line.as_bytes(), i)
    })
}

/// [`yaml_key`] on the line's bytes (a key is ASCII).
fn ends_key(bytes: &[u8], i: usize) -> bool {
    let key_char = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    let start = bytes[..i]
        .iter()
        .rposition(|c| !key_char(c))
        .map_or(0, |j| j + 1);
    let spaced = bytes.get(i + 1).is_none_or(|c| *c == b' ');
    let opens = start == 0 || matches!(bytes[start - 1], b' ' | b'{' | b'-' | b',');
    spaced && start < i && opens
}

fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '#') if previous == ' ' || previous == '\t' => return &line[..i],
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            _ => {}
        }
        previous = c;
    }
    line
}

/// Which characters are inside an English field: the last `key: ` before
/// them ends in `_en`. One pass, so a long line costs no more than its
/// length.
fn english_fields(chars: &[char]) -> Vec<bool> {
    let key_char = |c: char| c.is_ascii_lowercase() || c == '_';
    let mut english = vec![false; chars.len()];
    let mut inside = false;
    for i in 0..chars.len() {
        english[i] = inside;
        // A `: ` ending here takes effect after its space.
        if i >= 1 && chars[i - 1] == ':' && chars[i] == ' ' {
            let colon = i - 1;
            let start = chars[..colon]
                .iter()
                .rposition(|&c| !key_char(c))
                .map_or(0, |j| j + 1);
            let opens = start > 0 && matches!(chars[start - 1], ' ' | '{' | '-');
            if start < colon && opens {
                inside = chars[start..colon].ends_with(&['_', 'e', 'n']);
            }
        }
    }
    english
}

/// Whether the `:` at `i` ends a YAML key (`title: 甲`): keys of the format
/// are ASCII, after the line's indent, a `- `, `{` or `, `.
fn yaml_key(chars: &[char], i: usize) -> bool {
    let key_char = |c: &char| c.is_ascii_alphanumeric() || *c == '_';
    let start = chars[..i]
        .iter()
        .rposition(|c| !key_char(c))
        .map_or(0, |j| j + 1);
    let spaced = chars.get(i + 1).is_none_or(|c| *c == ' ');
    let opens = start == 0 || matches!(chars[start - 1], ' ' | '{' | '-' | ',');
    spaced && start < i && opens
}

/// Which characters are inside backticks.
fn in_code(chars: &[char]) -> Vec<bool> {
    let mut inside = false;
    chars
        .iter()
        .map(|&c| {
            if c == '`' {
                inside = !inside;
                true
            } else {
                inside
            }
        })
        .collect()
}

/// Each `(` outside code with its matching `)`; unmatched ones alone.
fn pairs(chars: &[char], code: &[bool]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            _ if code[i] => {}
            '(' => open.push(i),
            ')' => pairs.push((open.pop(), Some(i))),
            _ => {}
        }
    }
    pairs.extend(open.into_iter().map(|o| (Some(o), None)));
    pairs
}

/// `line` with every mark replaced by its full-width form (the fix a tool
/// applies, and what the help line shows).
pub fn fixed(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut from = 0;
    for mark in marks(line) {
        out.extend(&chars[from..mark.start]);
        out.push(mark.full);
        from = mark.end;
    }
    out.extend(&chars[from..]);
    out
}

/// The text of an item or part, where it starts and how allows find it.
struct Text<'a> {
    pos: Pos,
    at: ItemRef,
    words: Vec<Cow<'a, str>>,
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    // Most files have no mark at all: the items' text is gathered only
    // when one is found.
    let mut texts: Option<HashMap<&str, Vec<Text>>> = None;
    for file in cx.spec.sources.files() {
        for (n, line) in file.text.lines().enumerate() {
            let marks = marks(line);
            if marks.is_empty() {
                continue;
            }
            let texts = texts.get_or_insert_with(|| item_texts(cx.spec));
            let Some(items) = texts.get(file.path.as_str()) else {
                continue;
            };
            let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            for mark in marks {
                // The innermost item or part that starts at or before the
                // line, or the item it is part of, must say these words.
                let Some(inner) = items.iter().rev().find(|t| t.pos.line <= line_no) else {
                    continue;
                };
                let whole = items.iter().find(|t| t.at == inner.at.whole());
                let witnesses = mark.witnesses();
                let says = |t: &&Text| {
                    witnesses
                        .iter()
                        .any(|w| t.words.iter().any(|words| words.contains(w.as_str())))
                };
                let Some(item) = [inner].into_iter().chain(whole).find(says) else {
                    continue;
                };
                out.push(finding(&file.path, line_no, &mark, item.at));
            }
        }
    }
}

/// Every item's and part's text by file, in spec order, durations left out
/// (their wording is read by the duration parser).
fn item_texts(spec: &Spec) -> HashMap<&str, Vec<Text<'_>>> {
    let durations: std::collections::HashSet<&str> = (spec.limits.iter())
        .filter_map(|l| match &l.item.value.duration.value {
            DurationValue::Text(text) => Some(text.as_str()),
            DurationValue::Structured(_) => None,
        })
        .collect();
    let mut by_file: HashMap<&str, Vec<Text>> = HashMap::new();
    for entry in spec.entries() {
        let mut words = entry.words();
        words.retain(|w| !durations.contains(&w.as_ref()));
        words.push(Cow::Borrowed(entry.title));
        by_file.entry(entry.file).or_default().push(Text {
            pos: entry.pos,
            at: entry.at,
            words,
        });
    }
    by_file
}

fn finding(file: &str, line_no: u32, mark: &Mark, subject: ItemRef) -> Finding {
    let col = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
    let place = Place::new(file, Pos::new(line_no, col(mark.at)));
    Finding::new(
        &RULE,
        subject,
        place,
        msg!("SLA019.message", mark = mark.half, context = &mark.context),
    )
    .label(msg!("SLA019.label", full = mark.full))
    .help(msg!("SLA019.help", fixed = fixed(&mark.context)))
    .suggest(Suggestion {
        line: line_no,
        col: col(mark.start),
        end_col: col(mark.end),
        replacement: mark.full.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_marks_beside_chinese_only() {
        let cases = [
            ("受理, 回访", "受理，回访"),
            ("受理,回访;结案: 2小时", "受理，回访；结案：2小时"),
            ("客服代表 (CSR) 负责", "客服代表（CSR）负责"),
            ("(见附件)", "（见附件）"),
            ("SLA (service level), ok", "SLA (service level), ok"),
            ("10:30, 1,000", "10:30, 1,000"),
            (
                "见 `a, 中` 与 [链接](http://x.cn/a), 完",
                "见 `a, 中` 与 [链接](http://x.cn/a)，完",
            ),
            ("网址: https://例.cn", "网址：https://例.cn"),
            ("text: (见附件) }", "text: （见附件） }"),
            (
                "受理时限, 1.4 分, ONU (FTTB)",
                "受理时限，1.4 分，ONU (FTTB)",
            ),
            (
                "{ title: 一级 (重大), title_en: Level 1 (重大) }",
                "{ title: 一级（重大）, title_en: Level 1 (重大) }",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(fixed(line), want, "{line}");
        }
    }

    /// Every line of up to five characters from an alphabet of the marks,
    /// Chinese, spaces, code, comments and YAML keys: the quick look never
    /// rules out a line that has marks.
    #[test]
    fn the_quick_look_misses_no_mark() {
        let alphabet = ['甲', ',', ' ', '(', ')', ':', 'a', '#', '`', ';', '-', '_'];
        let mut ruled_out = 0;
        let mut lines = vec![String::new()];
        for _ in 0..5 {
            let longer = lines
                .iter()
                .flat_map(|l| alphabet.iter().map(move |c| format!("{l}{c}")));
            lines = longer.collect();
            for line in &lines {
                let quick = may_have_marks(line);
                assert!(quick || every_mark(line).is_empty(), "{line:?}");
                ruled_out += usize::from(!quick && !line.is_ascii());
            }
        }
        // Lines such as `a: 甲` are ruled out, not only lines without Chinese.
        assert!(ruled_out > 10_000, "{ruled_out}");
        assert!(!may_have_marks("  - title: 受理时限"));
    }

    #[test]
    fn a_mark_knows_its_context_and_span() {
        let m = &marks("甲 ,  乙")[0];
        assert_eq!((m.at, m.start, m.end), (2, 1, 5));
        assert_eq!(m.context, "甲 ,  乙");
        let m = &marks("（分级) }")[0];
        assert_eq!((m.at, m.start, m.end), (3, 3, 4));
        assert!(marks("  # 注释, 不是文本").is_empty());
        assert_eq!(marks("title: 甲 # 注释, 不是文本").len(), 0);
        assert_eq!(marks("text: \"甲, 乙 # 不是注释\"").len(), 1);
    }
}
