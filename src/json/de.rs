//! `serde` deserialization from a parsed [`Value`] (feature `serde`): the caller's own
//! types, read through licsig's one JSON reader.
//!
//! Numbers are doubles, as RFC 8785 reads them. A whole number within ±(2^53 − 1),
//! where every integer is a double, reaches the visitor as an integer (`visit_u64`,
//! `visit_i64`), exactly what was written; any other number as a double (`visit_f64`),
//! which an integer type refuses. Beyond 2^53 a double stands for several integer
//! literals (`9007199254740993` reads as `9007199254740992`), and the canonical form
//! writes it with digits the double does not hold (2^60 is `1152921504606847000`):
//! no reading of it as an integer is both exact and what was signed.
//!
//! Strings are borrowed from the document where they had no escapes. Nesting follows
//! the document's, which the parse's [`Limits::max_depth`](crate::limits::Limits)
//! bounded.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::{Kind, Value};
use crate::error::Error;

impl<'de> Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind() {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool => visitor.visit_bool(self.as_bool().unwrap_or_default()),
            Kind::Number => match self.as_i64() {
                Some(n) => match u64::try_from(n) {
                    Ok(n) => visitor.visit_u64(n),
                    Err(_) => visitor.visit_i64(n),
                },
                None => visitor.visit_f64(self.as_f64().unwrap_or_default()),
            },
            Kind::String => visitor.visit_borrowed_str(self.as_str().unwrap_or_default()),
            Kind::Array => {
                let array = self.as_array();
                let mut seq = Seq {
                    elements: array.into_iter().flat_map(|a| a.iter()),
                    left: array.map_or(0, |a| a.len()),
                };
                let out = visitor.visit_seq(&mut seq)?;
                if seq.left == 0 {
                    Ok(out)
                } else {
                    Err(de::Error::invalid_length(
                        array.map_or(0, |a| a.len()),
                        &"fewer elements in array",
                    ))
                }
            }
            Kind::Object => visitor.visit_map(Map {
                members: self.as_object().into_iter().flat_map(|o| o.iter()),
                pending: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is its name as a string; any other variant is an object with
    /// one member, its name, whose value is the variant's content (serde's external
    /// tagging, as serde_json reads it).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(name) = self.as_str() {
            return visitor.visit_enum(BorrowedStrDeserializer::new(name));
        }
        let mut members = self.as_object().into_iter().flat_map(|o| o.iter());
        match (members.next(), members.next()) {
            (Some((name, content)), None) => visitor.visit_enum(Variant { name, content }),
            _ => Err(de::Error::invalid_type(
                unexpected(self),
                &"a string or an object with one member",
            )),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// How serde names a value that is not what the visitor expected.
fn unexpected(value: Value<'_>) -> de::Unexpected<'_> {
    match value.kind() {
        Kind::Null => de::Unexpected::Unit,
        Kind::Bool => de::Unexpected::Bool(value.as_bool().unwrap_or_default()),
        Kind::Number => de::Unexpected::Float(value.as_f64().unwrap_or_default()),
        Kind::String => de::Unexpected::Str(value.as_str().unwrap_or_default()),
        Kind::Array => de::Unexpected::Seq,
        Kind::Object => de::Unexpected::Map,
    }
}

/// An array's elements, and how many the visitor has not taken.
struct Seq<I> {
    elements: I,
    left: usize,
}

impl<'de, I: Iterator<Item = Value<'de>>> SeqAccess<'de> for Seq<I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.elements.next() {
            None => Ok(None),
            Some(value) => {
                self.left = self.left.saturating_sub(1);
                seed.deserialize(value).map(Some)
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// An object's members, in RFC 8785 order, and the value of the name just read.
struct Map<'d, I> {
    members: I,
    pending: Option<Value<'d>>,
}

impl<'de, I: Iterator<Item = (&'de str, Value<'de>)>> MapAccess<'de> for Map<'de, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.members.next() {
            None => Ok(None),
            Some((name, value)) => {
                self.pending = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(name))
                    .map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom(
                "a member's value was asked for before its name",
            )),
        }
    }
}

/// An enum variant written as an object with one member.
struct Variant<'d> {
    name: &'d str,
    content: Value<'d>,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Value<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.name))?;
        Ok((variant, self.content))
    }
}

impl<'de> VariantAccess<'de> for Value<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        if self.is_null() {
            Ok(())
        } else {
            Err(de::Error::invalid_type(unexpected(self), &"null"))
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }
}
