//! The quick path of parsing: a spec file read through libyaml's event
//! parser (libyaml-safer) by a small serde deserializer that knows only the
//! YAML that standards files are written in — block and flow collections,
//! plain, quoted and block text, `true`/`false`, plain whole and decimal
//! numbers.
//!
//! Why: serde-saphyr keeps every position and explains every mistake well,
//! but reads about 10 MB a second; a first `check` of 10,000 files spent
//! most of its time in it. This path reads them in 0.37 s instead of 0.92
//! (17 MB of YAML on both cores; the README's `check` section).
//!
//! It never decides anything serde-saphyr would decide otherwise: whatever
//! it is not sure of — a syntax error, an anchor, an alias, a tag, a
//! directive, a plain scalar that could be read as a number, a boolean or
//! null where text is wanted, a missing or unknown field — makes it give up
//! ([`Bail`]) and [`super::load`] parses the file again with serde-saphyr,
//! whose result (and diagnostic) stands. So the model is serde-saphyr's
//! for every file; the differential fuzz target `quick_yaml` and the tests
//! below hold the two paths to that.

mod events;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::load::MAX_DEPTH;
use super::span::Pos;
use events::{Event, Events};

/// The name under which [`super::span::Sp`] asks for a value with its
/// position; this deserializer answers with a map of the position and the
/// value, every other deserializer with the plain newtype.
pub const SPANNED: &str = "__guifan_spanned";

/// The quick path cannot be sure of this file: parse it with serde-saphyr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

impl std::fmt::Display for Bail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not for the quick path")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Bail
    }
}

/// `text` read into `T`, or [`Bail`] when serde-saphyr must read it.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &str) -> Result<T, Bail> {
    if !for_the_quick_path(text) {
        return Err(Bail);
    }
    quiet_libyaml_panics();
    // A panic in libyaml-safer (a bug of 0.3.0: a block scalar that ends
    // the text without a line break is one) leaves the file to serde-saphyr.
    std::panic::catch_unwind(|| {
        let mut input = text.as_bytes();
        let mut events = Events::new(text, &mut input)?;
        let value = T::deserialize(&mut Deserializer {
            events: &mut events,
            depth: 0,
        })?;
        match (events.next()?, events.next()?) {
            (Event::DocumentEnd, Event::StreamEnd) => Ok(value),
            _ => Err(Bail),
        }
    })
    .unwrap_or(Err(Bail))
}

/// Keep libyaml-safer's panics quiet: [`from_str`] catches them and
/// serde-saphyr reads the file, so they are not the user's business. Every
/// other panic goes to the hook that was there before (the message and,
/// under the fuzzer, the abort).
fn quiet_libyaml_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_libyaml = (info.location()).is_some_and(|l| l.file().contains("libyaml-safer"));
            if !in_libyaml {
                before(info);
            }
        }));
    });
}

/// Whether `text` may take the quick path, where libyaml and YAML 1.2
/// (serde-saphyr) may read it differently, or libyaml-safer fails:
/// - libyaml reads YAML 1.1, where NEL, LS and PS break lines;
/// - libyaml takes a `#` right after a quoted scalar or a flow indicator
///   (`"2023"# note`, `[a]#`) as a comment, which YAML 1.2 refuses, and
///   a `?` glued to what follows as the key indicator (`{a: b,?c: d}`),
///   which YAML 1.2 reads as text;
/// - tabs, which the two place differently around indentation;
/// - libyaml-safer 0.3.0 panics on a tag followed by `,` in a flow
///   collection ("TODO"), on some escapes in tags and `%TAG` directives,
///   and on a `\` escape cut short by the end of its buffer: the format
///   uses no tags or directives, and backslashes are rare in standards.
fn for_the_quick_path(text: &str) -> bool {
    let before = |i: usize| text[..i].chars().next_back();
    let comment_glued =
        (text.match_indices('#')).any(|(i, _)| before(i).is_some_and(|c| c.is_ascii_punctuation()));
    let key_indicator = (text.match_indices('?'))
        .any(|(i, _)| before(i).is_none_or(|c| c.is_ascii_punctuation() || c.is_whitespace()));
    !comment_glued
        && !key_indicator
        && !text.contains([
            '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}', '!', '\t', '\\',
        ])
        && !text.lines().any(|line| line.starts_with('%'))
}

struct Deserializer<'e, 'a> {
    events: &'e mut Events<'a>,
    /// Collections open around the next node.
    depth: usize,
}

impl Deserializer<'_, '_> {
    /// The next node's scalar, if it is text that YAML 1.2's core schema
    /// cannot read as anything else.
    fn text(&mut self) -> Result<String, Bail> {
        match self.events.next()? {
            Event::Scalar { text, plain, .. } if !plain || surely_text(&text) => Ok(text),
            _ => Err(Bail),
        }
    }

    /// The next node's plain scalar, whatever it says.
    fn plain(&mut self) -> Result<String, Bail> {
        match self.events.next()? {
            Event::Scalar {
                text, plain: true, ..
            } => Ok(text),
            _ => Err(Bail),
        }
    }

    /// Enter a collection: serde-saphyr refuses nesting deeper than
    /// `MAX_DEPTH`, and this bound keeps the recursion short.
    fn enter(&mut self) -> Result<(), Bail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Bail);
        }
        Ok(())
    }
}

/// Whether a plain scalar is text under YAML 1.2's core schema. No number,
/// boolean or null spelling holds a character beyond ASCII or a space
/// inside, or starts with a letter other than these words, or starts with a
/// digit and holds a letter that no number has (`24h`: numbers have `e`,
/// hex digits, `0x`, `0o`, `0b`); the rest is left to serde-saphyr.
fn surely_text(s: &str) -> bool {
    const WORDS: [&str; 12] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "inf", "nan", "infinity",
    ];
    let beyond_ascii = s.chars().any(|c| !c.is_ascii() && !c.is_whitespace());
    let spaced = s.trim_matches([' ', '\t']).contains(' ');
    let word = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && !WORDS.iter().any(|w| s.eq_ignore_ascii_case(w));
    let unit = s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .any(|b| b.is_ascii_alphabetic() && !b"abcdefotx".contains(&b.to_ascii_lowercase()));
    beyond_ascii || spaced || word || unit
}

/// A plain whole number as YAML 1.2 writes it: digits, no leading zero.
fn whole(s: &str) -> Option<u64> {
    let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let padded = s.len() > 1 && s.starts_with('0');
    (digits && !padded).then(|| s.parse().ok()).flatten()
}

/// A plain decimal number: a whole number, optionally `.` and digits.
fn decimal(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    let frac_ok = !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit());
    (whole(int).is_some() && frac_ok)
        .then(|| s.parse().ok())
        .flatten()
}

/// Deserializer methods that read as another does (`u8` as `u64`), as
/// serde's `forward_to_deserialize_any!` does for `deserialize_any`.
macro_rules! forward {
    ($($($from:ident)+ => $to:ident;)+) => {
        $($(
            fn $from<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
                self.$to(visitor)
            }
        )+)+
    };
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'_, '_> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.events.peek()? {
            Event::MapStart(_) => self.deserialize_map(visitor),
            Event::SeqStart(_) => self.deserialize_seq(visitor),
            _ => visitor.visit_string(self.text()?),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        match self.plain()?.as_str() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Bail),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_u64(whole(&self.plain()?).ok_or(Bail)?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_f64(decimal(&self.plain()?).ok_or(Bail)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        visitor.visit_string(self.text()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        // A null (`~`, `null`, nothing) is serde-saphyr's to read.
        match self.events.peek()? {
            Event::Scalar {
                text, plain: true, ..
            } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") => Err(Bail),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Bail> {
        if name != SPANNED {
            return visitor.visit_newtype_struct(self);
        }
        let pos = match self.events.peek()? {
            Event::Scalar { pos, .. } | Event::MapStart(pos) | Event::SeqStart(pos) => *pos,
            _ => return Err(Bail),
        };
        visitor.visit_map(Spanned {
            de: self,
            pos: Some(pos),
            value: true,
        })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        let Event::SeqStart(_) = self.events.next()? else {
            return Err(Bail);
        };
        self.enter()?;
        let value = visitor.visit_seq(Items { de: self })?;
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Bail> {
        let Event::MapStart(_) = self.events.next()? else {
            return Err(Bail);
        };
        self.enter()?;
        let value = visitor.visit_map(Entries { de: self })?;
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Bail> {
        // Only unit variants written as text (`status: published`).
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 f32 char bytes byte_buf unit unit_struct tuple
        tuple_struct ignored_any
    }

    forward! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u128 => deserialize_u64;
        deserialize_string deserialize_identifier => deserialize_str;
    }
}

/// The items of a sequence.
struct Items<'d, 'e, 'a> {
    de: &'d mut Deserializer<'e, 'a>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_, '_> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Bail> {
        if let Event::SeqEnd = self.de.events.peek()? {
            self.de.events.next()?;
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The entries of a mapping; keys are text.
struct Entries<'d, 'e, 'a> {
    de: &'d mut Deserializer<'e, 'a>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Bail> {
        match self.de.events.peek()? {
            Event::MapEnd => {
                self.de.events.next()?;
                Ok(None)
            }
            Event::Scalar { .. } => seed
                .deserialize(self.de.text()?.into_deserializer())
                .map(Some),
            _ => Err(Bail),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Bail> {
        seed.deserialize(&mut *self.de)
    }
}

/// A value with its position, as [`super::span::Sp`] reads it: the entry
/// `pos` (line × 2³² + column), then the entry `value`.
struct Spanned<'d, 'e, 'a> {
    de: &'d mut Deserializer<'e, 'a>,
    pos: Option<Pos>,
    value: bool,
}

impl<'de> de::MapAccess<'de> for Spanned<'_, '_, '_> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Bail> {
        let key = match (self.pos, self.value) {
            (Some(_), _) => "pos",
            (None, true) => "value",
            (None, false) => return Ok(None),
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Bail> {
        match self.pos.take() {
            Some(pos) => seed.deserialize(pack(pos).into_deserializer()),
            None => {
                self.value = false;
                seed.deserialize(&mut *self.de)
            }
        }
    }
}

/// A position as one number, so that it passes through serde unchanged.
pub fn pack(pos: Pos) -> u64 {
    (u64::from(pos.line) << 32) | u64::from(pos.col)
}

/// [`pack`]'s inverse.
pub fn unpack(n: u64) -> Pos {
    Pos::new((n >> 32) as u32, n as u32)
}

#[cfg(test)]
mod tests;
