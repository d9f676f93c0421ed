//! Diagnostics in the reader's language, from a checked-in message
//! catalogue (`src/diag/messages/{en,zh-CN}.toml`).
//!
//! A producer writes `msg!("E005.unknown", kind = …, id = …)`: a key of the
//! catalogue and its named arguments. The diagnostic keeps its English text
//! (what JSON, SARIF and fingerprints show by default, stable for scripts)
//! and the message itself, so that [`localise`] can say it again in another
//! language. Arguments are facts of the spec (ids, durations as written) and
//! are never translated; words that are the program's own (a kind of item, a
//! scope) are arguments that are messages themselves.
//!
//! `tests/i18n.rs` proves that both catalogues have the same keys with the
//! same placeholders, that every code has its messages in both, and that
//! every `msg!` in the sources supplies exactly the placeholders its key uses.

use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::output::theme::Lang;

/// A message of the catalogue and its named arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument: a fact of the spec, shown as it is, or a message of the
/// catalogue, shown in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Msg(Msg),
}

impl<T: std::fmt::Display> From<T> for Arg {
    fn from(value: T) -> Self {
        Arg::Text(value.to_string())
    }
}

/// `msg!("KEY", name = value, …)`: a message of the catalogue. A value is
/// anything `Display`; `name = @msg!(…)` passes a message, translated too.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $(@$m:ident)? $value:expr)* $(,)?) => {
        $crate::diag::i18n::Msg {
            key: $key,
            args: vec![$((stringify!($name), $crate::msg!(@arg $($m)? $value))),*],
        }
    };
    (@arg msg $value:expr) => { $crate::diag::i18n::Arg::Msg($value) };
    (@arg $value:expr) => { $crate::diag::i18n::Arg::from($value) };
}

impl std::fmt::Display for Msg {
    /// The English text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Msg {
    /// The message in `lang`. A key missing from the catalogue or an
    /// argument missing from the call shows as `{name}`, never a panic: the
    /// tests make sure neither happens.
    pub fn render(&self, lang: Lang) -> String {
        let Some(template) = catalogue(lang).get(self.key) else {
            return self.key.to_owned();
        };
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template.as_str();
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let brace = &rest[i..];
            if brace.starts_with("{{") || brace.starts_with("}}") {
                out.push_str(&brace[..1]);
                rest = &brace[2..];
            } else if let Some((name, after)) = brace[1..].split_once('}')
                && brace.starts_with('{')
            {
                match self.args.iter().find(|(n, _)| *n == name) {
                    Some((_, Arg::Text(text))) => out.push_str(text),
                    Some((_, Arg::Msg(msg))) => out.push_str(&msg.render(lang)),
                    None => out.push_str(&brace[..name.len() + 2]),
                }
                rest = after;
            } else {
                out.push_str(&brace[..1]);
                rest = &brace[1..];
            }
        }
        out.push_str(rest);
        out
    }
}

/// The placeholders a template uses, in order (`{{` and `}}` are braces).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let brace = &rest[i..];
        if brace.starts_with("{{") || brace.starts_with("}}") {
            rest = &brace[2..];
        } else if let Some((name, after)) = brace[1..].split_once('}')
            && brace.starts_with('{')
        {
            names.push(name);
            rest = after;
        } else {
            rest = &brace[1..];
        }
    }
    names
}

/// The catalogue of `lang`: `[CODE] name = "template"` read as `CODE.name`.
pub fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    static ZH: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::En => (&EN, include_str!("messages/en.toml")),
        Lang::ZhCn => (&ZH, include_str!("messages/zh-CN.toml")),
    };
    cell.get_or_init(|| parse(text).expect("the built-in catalogue is valid TOML (tests/i18n.rs)"))
}

/// A catalogue file as flat `TABLE.key` → template.
pub fn parse(text: &str) -> Result<HashMap<String, String>, String> {
    let tables: HashMap<String, HashMap<String, String>> =
        toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(tables
        .into_iter()
        .flat_map(|(table, entries)| {
            entries
                .into_iter()
                .map(move |(key, template)| (format!("{table}.{key}"), template))
        })
        .collect())
}

/// A text of a diagnostic as its producer gave it: a message of the
/// catalogue, or (for texts not yet in it) plain English.
#[derive(Clone, Debug)]
pub enum Text {
    Plain(String),
    Msg(Msg),
}

impl Text {
    /// The English text, and the message to say it again in another language.
    pub fn split(self) -> (String, Option<Msg>) {
        match self {
            Text::Plain(text) => (text, None),
            Text::Msg(msg) => (msg.render(Lang::En), Some(msg)),
        }
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Self {
        Text::Msg(msg)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Plain(text.to_owned())
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::Plain(text.clone())
    }
}

/// The catalogue messages behind a diagnostic's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Messages {
    pub message: Option<Msg>,
    pub label: Option<Msg>,
    pub help: Option<Msg>,
    /// One per related place, in order.
    pub related: Vec<Option<Msg>>,
}

/// `diags` with every text that has a message said in `lang` (English is
/// what they already say).
pub fn localise(diags: &mut [super::Diagnostic], lang: Lang) {
    if lang == Lang::En {
        return;
    }
    for diag in diags {
        let Some(messages) = diag.messages.as_deref() else {
            continue;
        };
        let say = |msg: &Option<Msg>, text: &mut String| {
            if let Some(msg) = msg {
                *text = msg.render(lang);
            }
        };
        let messages = messages.clone();
        say(&messages.message, &mut diag.message);
        if let Some(label) = diag.label.as_mut() {
            say(&messages.label, label);
        }
        if let Some(help) = diag.help.as_mut() {
            say(&messages.help, help);
        }
        for (related, msg) in diag.related.iter_mut().zip(&messages.related) {
            say(msg, &mut related.message);
        }
    }
}

/// A kind of item in the reader's language ("role", "角色").
pub fn kind(kind: crate::spec::kind::Kind) -> Msg {
    use crate::spec::kind::Kind::*;
    let key = match kind {
        Standard => "kind.standard",
        Clause => "kind.clause",
        Calendar => "kind.calendar",
        PriorityScale => "kind.priority_scale",
        PriorityClass => "kind.priority_class",
        Role => "kind.role",
        Flow => "kind.flow",
        Step => "kind.step",
        Limit => "kind.limit",
        Script => "kind.script",
        Checklist => "kind.checklist",
        CheckItem => "kind.check_item",
        Record => "kind.record",
        Term => "kind.term",
        Question => "kind.question",
    };
    Msg {
        key,
        args: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_named_arguments_nested_messages_and_escaped_braces() {
        let m = crate::msg!("SLA009.message", id = "l1");
        assert_eq!(m.render(Lang::ZhCn), "时限 `l1` 没有负责的角色");
        assert_eq!(m.to_string(), "no role is responsible for limit `l1`");
        let nested = crate::msg!("scope.written", text = "重要客户");
        let m = crate::msg!("SLA007.message", metric = "m", scope = @msg nested, text = "及时");
        assert_eq!(
            m.render(Lang::ZhCn),
            "`m`（重要客户）只有含糊的时限 `及时`，无法考核"
        );
        // `{{` is a brace; a missing argument shows its name, never panics.
        assert!(
            crate::msg!("SLA001.help")
                .to_string()
                .contains("allow: [{rule: SLA001")
        );
        let bare = crate::msg!("SLA009.message");
        assert_eq!(
            bare.render(Lang::En),
            "no role is responsible for limit `{id}`"
        );
        assert_eq!(placeholders("{{a}} {who} ×{n}"), ["who", "n"]);
    }
}
