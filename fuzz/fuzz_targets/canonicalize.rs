//! `licsig::json::canonicalize` on arbitrary bytes.
//!
//! Checks, besides "no panic, no overflow, no runaway allocation":
//! - the canonical form is a fixed point: canonicalizing it again gives the same bytes,
//!   and it parses;
//! - an input refused for its size or depth alone is accepted, or refused as
//!   malformed, once the limits are lifted (so the writer also sees deep documents);
//! - licsig accepts exactly what a strict serde_json reading accepts (see `strict`);
//! - on every accepted input the bytes equal those of `serde_json_canonicalizer`, an
//!   RFC 8785 implementation that is not ours (see `oracle`).
//!
//! `tests/fuzz_corpus.rs` replays the corpus through the same checks minus the two
//! serde_json ones.

#![no_main]

use std::collections::HashSet;
use std::fmt;

use libfuzzer_sys::fuzz_target;
use licsig::ErrorKind;

#[path = "../checks.rs"]
mod checks;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

fuzz_target!(|data: &[u8]| {
    // The checks the corpus replay makes too, then the serde_json comparisons.
    match checks::canonicalize(data) {
        Ok(out) => {
            if let Err(e) = strict(data) {
                panic!("licsig accepted what strict serde_json refuses: {e}");
            }
            let theirs = oracle(data);
            assert!(
                theirs == out,
                "licsig and serde_json_canonicalizer differ:\n licsig: {}\n theirs: {}",
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&theirs),
            );
        }
        Err(ErrorKind::Malformed) => {
            assert!(
                strict(data).is_err(),
                "licsig refused what strict serde_json accepts"
            );
        }
        Err(_) => {}
    }
});

/// `serde_json_canonicalizer`'s canonical form of an input licsig accepted.
///
/// The oracle reads the text into a `serde_json::Value` and serialises that. It is exact
/// on the inputs licsig accepts, because these are the only ways a `Value` could lose
/// or change what the text says, and none applies:
/// - duplicate member names (a `Value` keeps the last): licsig refuses them;
/// - nesting past serde_json's recursion limit of 128: licsig's default limit is 64;
/// - numbers. serde_json keeps an integer that fits in u64/i64 exactly and every other
///   number as an f64; the oracle writes each as `value as f64` through ryu-js. Both
///   roads give the double nearest the decimal text, as licsig and RFC 8785 do, only
///   because `float_roundtrip` is on (without it serde_json is off by one ulp on about
///   29% of ES6 test numbers) and `arbitrary_precision` is off (with it numbers stay
///   text and out-of-range ones change meaning). `fuzz/Cargo.toml` sets both; no other
///   crate here enables `arbitrary_precision`.
/// - `preserve_order` is on so that the `Value` keeps members in document order and
///   the oracle's own UTF-16 sort does all the ordering, rather than serde_json's
///   UTF-8 `BTreeMap` order doing part of it first.
fn oracle(data: &[u8]) -> Vec<u8> {
    let value: serde_json::Value = match serde_json::from_slice(data) {
        Ok(v) => v,
        Err(e) => panic!("serde_json refused what licsig accepted: {e}"),
    };
    match serde_json_canonicalizer::to_vec(&value) {
        Ok(v) => v,
        Err(e) => panic!("serde_json_canonicalizer failed: {e}"),
    }
}

/// Parses `data` with serde_json, refusing duplicate member names (compared after
/// unescaping, as serde_json hands names over). serde_json is otherwise as strict as
/// licsig: RFC 8259 grammar, UTF-8, no BOM, no lone surrogates, no trailing bytes,
/// numbers must be finite doubles. So on inputs within licsig's limits the two must
/// agree; the one remaining difference, nesting (serde_json 128, licsig 64), shows up
/// in licsig as `LimitExceeded`, which the caller does not compare.
fn strict(data: &[u8]) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(data);
    Strict.deserialize(&mut de)?;
    de.end()
}

/// A value that is only checked, never built.
#[derive(Clone, Copy)]
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value without duplicate member names")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Strict)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            map.next_value_seed(Strict)?;
            if !seen.insert(name) {
                return Err(de::Error::custom("duplicate member name"));
            }
        }
        Ok(())
    }
}
