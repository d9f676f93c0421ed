//! Source positions carried by every value of the model.
//!
//! serde-saphyr reports where each YAML node stands through its `Spanned<T>`;
//! [`Sp<T>`] keeps that position in our own type so that it can also implement
//! `JsonSchema` (for `guifan schema`) and serialise as the bare value (for
//! `guifan export`), which a foreign type could not.

use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::quick;

/// A position in a spec file: 1-based line and column (in characters, as an
/// editor counts them), plus the byte offset used to cut the source line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Self {
        Self { line, col }
    }

    fn from_location(loc: serde_saphyr::Location) -> Self {
        Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            col: u32::try_from(loc.column()).unwrap_or(u32::MAX),
        }
    }
}

/// A value together with the position of the YAML node it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sp<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Sp<T> {
    pub const fn new(value: T, pos: Pos) -> Self {
        Self { value, pos }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    /// The quick path ([`super::quick`]) answers the name [`quick::SPANNED`]
    /// with a map of the position and the value; serde-saphyr and every
    /// other deserializer see a newtype, read through serde-saphyr's
    /// `Spanned`.
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        de.deserialize_newtype_struct(quick::SPANNED, SpVisitor(PhantomData))
    }
}

struct SpVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
    type Value = Sp<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<Sp<T>, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(de)?;
        Ok(Sp {
            value: spanned.value,
            pos: Pos::from_location(spanned.referenced),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sp<T>, A::Error> {
        let missing = || de::Error::custom("a position and a value");
        map.next_key::<IgnoredAny>()?.ok_or_else(missing)?;
        let pos = quick::unpack(map.next_value()?);
        map.next_key::<IgnoredAny>()?.ok_or_else(missing)?;
        Ok(Sp::new(map.next_value()?, pos))
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}
