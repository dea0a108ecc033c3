//! `serde` serialization of a parsed [`Value`] and [`Document`] (feature `serde`).
//!
//! Objects keep RFC 8785 member order. A whole number within ±(2^53 − 1) is written
//! as an integer, any other number as a double, as the deserializer reads them (see
//! `de.rs`). Nesting follows the document's, which the parse's
//! [`Limits::max_depth`](crate::limits::Limits) bounded.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{Document, Kind, Value};

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.kind() {
            Kind::Null => serializer.serialize_unit(),
            Kind::Bool => serializer.serialize_bool(self.as_bool().unwrap_or_default()),
            Kind::Number => match self.as_i64() {
                Some(n) => serializer.serialize_i64(n),
                None => serializer.serialize_f64(self.as_f64().unwrap_or_default()),
            },
            Kind::String => serializer.serialize_str(self.as_str().unwrap_or_default()),
            Kind::Array => {
                let elements = self.as_array().into_iter().flat_map(|a| a.iter());
                let mut seq = serializer.serialize_seq(self.as_array().map(|a| a.len()))?;
                for element in elements {
                    seq.serialize_element(&element)?;
                }
                seq.end()
            }
            Kind::Object => {
                let members = self.as_object().into_iter().flat_map(|o| o.iter());
                let mut map = serializer.serialize_map(self.as_object().map(|o| o.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, &value)?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.root().serialize(serializer)
    }
}
