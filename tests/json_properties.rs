//! Properties of the strict parser and the RFC 8785 writer, on generated values:
//!
//! - the canonical form does not depend on how a value is written (member order,
//!   insignificant whitespace, string escapes, number spelling), and is a fixed point;
//! - it reads back, with serde_json and with licsig, as the value that was written;
//! - it equals what `serde_jcs`, an independent RFC 8785 implementation, writes;
//! - the parser accepts nothing serde_json refuses (arbitrary and mutated texts), and
//!   where both accept they read the same value.
//!
//! Failures are not persisted to `proptest-regressions/`; a failing case is printed
//! with its seed and shrunk input, to be added to a table test by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use licsig::json::{canonicalize, canonicalize_with, Document};
use licsig::ErrorKind;
use licsig::Limits;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value as Json;

// ---------------------------------------------------------------------------------
// Generated values

/// Characters that stress escaping and UTF-16 ordering, beside arbitrary ones.
#[rustfmt::skip]
const TRICKY: &[char] = &[
    '"', '\\', '/', '\u{0}', '\u{8}', '\u{9}', '\u{a}', '\u{b}', '\u{c}', '\u{d}', '\u{1f}',
    '\u{7f}', '\u{80}', '\u{e9}', '\u{2028}', '\u{d7ff}', '\u{e000}', '\u{fb33}', '\u{feff}',
    '\u{fffd}', '\u{ffff}', '\u{10000}', '\u{1d11e}', '\u{1f600}', '\u{10ffff}', 'a', 'b',
];

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => proptest::sample::select(TRICKY),
        1 => (0u8..0x20).prop_map(char::from),
    ]
}

fn any_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(any_char(), 0..12).prop_map(|cs| cs.into_iter().collect())
}

/// Member names: often short and from a small alphabet, so that names share prefixes
/// and differ where UTF-8 and UTF-16 order disagree.
fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(
            proptest::sample::select(
                &['a', 'b', '\u{e000}', '\u{ffff}', '\u{10000}', '\u{1f600}'][..]
            ),
            0..4
        )
        .prop_map(|cs| cs.into_iter().collect()),
        any_string(),
    ]
}

fn finite_f64() -> impl Strategy<Value = f64> {
    use proptest::num::f64 as f;
    prop_oneof![
        f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO,
        any::<u64>()
            .prop_map(f64::from_bits)
            .prop_filter("finite", |x| x.is_finite()),
        // Near the integer/exponent boundaries of the ES6 format.
        (-30i32..30, -5i64..5).prop_map(|(e, d)| 10f64.powi(e) + d as f64),
        Just(-0.0),
        Just(5e-324),
        Just(f64::MAX),
        Just(9_007_199_254_740_992.0),
    ]
}

fn any_leaf() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        finite_f64().prop_map(Json::from),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        (-1000i64..1000).prop_map(Json::from),
        any_string().prop_map(Json::String),
    ]
}

/// JSON values nested up to five levels. serde_json's map has unique keys, so these
/// never hold duplicate member names.
fn any_json() -> impl Strategy<Value = Json> {
    any_leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            proptest::collection::btree_map(any_name(), inner, 0..6)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

// ---------------------------------------------------------------------------------
// Writing a value many ways

/// A small deterministic generator for the writer's choices (xorshift64*).
struct Rng {
    state: u64,
    /// Whether the writer may repeat a member (name spelled anew, value anew), making
    /// an invalid I-JSON text.
    duplicates: bool,
}

impl Rng {
    fn new(seed: u64) -> Self {
        Self {
            state: seed | 1,
            duplicates: false,
        }
    }
    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// Writes `v` as a JSON text with members shuffled, random insignificant whitespace,
/// strings escaped in random (valid) ways and numbers spelled in random equivalent
/// forms.
fn write_any(v: &Json, rng: &mut Rng) -> String {
    let mut out = String::new();
    ws(rng, &mut out);
    write_value(v, rng, &mut out);
    ws(rng, &mut out);
    out
}

fn ws(rng: &mut Rng, out: &mut String) {
    const WS: [&str; 6] = [" ", "\n", "\t", "\r\n", "  ", " \t\r\n"];
    if rng.one_in(3) {
        out.push_str(WS[rng.below(WS.len())]);
    }
}

fn write_value(v: &Json, rng: &mut Rng, out: &mut String) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => write_number(n, rng, out),
        Json::String(s) => write_string(s, rng, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    ws(rng, out);
                    out.push(',');
                }
                ws(rng, out);
                write_value(item, rng, out);
                ws(rng, out);
            }
            ws(rng, out);
            out.push(']');
        }
        Json::Object(map) => {
            let mut members: Vec<_> = map.iter().collect();
            if rng.duplicates && !members.is_empty() && rng.one_in(3) {
                let again = members[rng.below(members.len())];
                members.push(again);
            }
            for i in (1..members.len()).rev() {
                members.swap(i, rng.below(i + 1));
            }
            out.push('{');
            for (i, (name, value)) in members.into_iter().enumerate() {
                if i > 0 {
                    ws(rng, out);
                    out.push(',');
                }
                ws(rng, out);
                write_string(name, rng, out);
                ws(rng, out);
                out.push(':');
                ws(rng, out);
                write_value(value, rng, out);
                ws(rng, out);
            }
            ws(rng, out);
            out.push('}');
        }
    }
}

fn write_string(s: &str, rng: &mut Rng, out: &mut String) {
    let hex4 = |rng: &mut Rng, out: &mut String, unit: u16| {
        if rng.one_in(2) {
            write!(out, "\\u{unit:04x}").unwrap();
        } else {
            write!(out, "\\u{unit:04X}").unwrap();
        }
    };
    out.push('"');
    for c in s.chars() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must = matches!(c, '"' | '\\' | '\u{0}'..='\u{1f}');
        if !must && !rng.one_in(4) {
            out.push(c);
        } else if short.is_some() && rng.one_in(2) {
            out.push_str(short.unwrap());
        } else {
            let mut units = [0u16; 2];
            for &unit in c.encode_utf16(&mut units).iter() {
                hex4(rng, out, unit);
            }
        }
    }
    out.push('"');
}

/// Spells a number in one of several forms that denote the same double.
fn write_number(n: &serde_json::Number, rng: &mut Rng, out: &mut String) {
    let base = if n.is_f64() {
        let x = n.as_f64().unwrap();
        match rng.below(3) {
            // serde_json's own (ryu) spelling.
            0 => n.to_string(),
            // Rust's shortest round-trip digits in exponent form: "1.5e2", "-0e0".
            1 => format!("{x:e}"),
            // Rust's shortest round-trip digits in positional form.
            _ => format!("{x:?}"),
        }
    } else {
        n.to_string()
    };
    // `base` matches -?digits(.digits)?(e-?digits)?; decorate it without changing
    // its value.
    let (mantissa, exponent) = match base.find(['e', 'E']) {
        Some(at) => (&base[..at], Some(&base[at + 1..])),
        None => (base.as_str(), None),
    };
    out.push_str(mantissa);
    if rng.one_in(4) {
        if !mantissa.contains('.') {
            out.push('.');
        }
        for _ in 0..=rng.below(3) {
            out.push('0');
        }
    }
    let exponent = match exponent {
        Some(e) => Some(e.to_owned()),
        None if rng.one_in(4) => Some("0".to_owned()),
        None => None,
    };
    if let Some(e) = exponent {
        out.push(if rng.one_in(2) { 'e' } else { 'E' });
        let (sign, digits) = match e.strip_prefix('-') {
            Some(d) => ("-", d),
            None => (
                if rng.one_in(2) { "+" } else { "" },
                e.trim_start_matches('+'),
            ),
        };
        out.push_str(sign);
        for _ in 0..rng.below(3) {
            out.push('0');
        }
        out.push_str(digits);
    }
}

// ---------------------------------------------------------------------------------
// Comparing values

/// A value as both parsers should read it: numbers as double bits, -0 as 0 (the
/// canonical form cannot tell them apart), objects keyed by name.
#[derive(Debug, PartialEq)]
enum Norm {
    Null,
    Bool(bool),
    Num(u64),
    Str(String),
    Arr(Vec<Norm>),
    Obj(BTreeMap<String, Norm>),
}

fn num(x: f64) -> Norm {
    assert!(x.is_finite());
    Norm::Num(if x == 0.0 { 0 } else { x.to_bits() })
}

fn from_serde(v: &Json) -> Norm {
    match v {
        Json::Null => Norm::Null,
        Json::Bool(b) => Norm::Bool(*b),
        // For u64/i64 this is `as f64`, rounding to nearest even, as a correctly
        // rounded decimal parse does.
        Json::Number(n) => num(n.as_f64().unwrap()),
        Json::String(s) => Norm::Str(s.clone()),
        Json::Array(a) => Norm::Arr(a.iter().map(from_serde).collect()),
        Json::Object(m) => Norm::Obj(m.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect()),
    }
}

fn from_licsig(v: licsig::json::Value<'_>) -> Norm {
    use licsig::json::Kind;
    match v.kind() {
        Kind::Null => Norm::Null,
        Kind::Bool => Norm::Bool(v.as_bool().unwrap()),
        Kind::Number => num(v.as_f64().unwrap()),
        Kind::String => Norm::Str(v.as_str().unwrap().to_owned()),
        Kind::Array => Norm::Arr(v.as_array().unwrap().iter().map(from_licsig).collect()),
        Kind::Object => {
            let obj = v.as_object().unwrap();
            let map: BTreeMap<_, _> = obj
                .iter()
                .map(|(k, v)| {
                    // Lookup by name finds the member the iterator gave.
                    assert_eq!(obj.get(k).map(|g| g.to_canonical()), Some(v.to_canonical()));
                    (k.to_owned(), from_licsig(v))
                })
                .collect();
            assert_eq!(map.len(), obj.len(), "duplicate names in a parsed object");
            Norm::Obj(map)
        }
    }
}

fn licsig_norm(text: &[u8]) -> Norm {
    from_licsig(Document::parse(text).unwrap().root())
}

/// Member names in canonical output appear in UTF-16 order at every level.
fn assert_sorted(v: licsig::json::Value<'_>) {
    if let Some(obj) = v.as_object() {
        let names: Vec<Vec<u16>> = obj
            .iter()
            .map(|(k, _)| k.encode_utf16().collect())
            .collect();
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "names out of UTF-16 order"
        );
        obj.iter().for_each(|(_, v)| assert_sorted(v));
    } else if let Some(arr) = v.as_array() {
        arr.iter().for_each(assert_sorted);
    }
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(512))]

    /// One canonical form however the value is written, a fixed point, and the value
    /// that was written.
    #[test]
    fn canonical_form_is_invariant_and_faithful(v in any_json(), seeds in any::<[u64; 3]>()) {
        let compact = serde_json::to_vec(&v).unwrap();
        let canonical = canonicalize(&compact).unwrap();
        prop_assert_eq!(canonicalize(&canonical).unwrap(), canonical.clone(), "not idempotent");

        let pretty = serde_json::to_vec_pretty(&v).unwrap();
        prop_assert_eq!(canonicalize(&pretty).unwrap(), canonical.clone(), "pretty");
        for seed in seeds {
            let text = write_any(&v, &mut Rng::new(seed));
            let got = canonicalize(text.as_bytes())
                .map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
            prop_assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(canonical.clone()).unwrap(),
                "written as {:?}", text
            );
        }

        // Reads back as the value, with either parser.
        let want = from_serde(&v);
        let back: Json = serde_json::from_slice(&canonical).unwrap();
        prop_assert_eq!(from_serde(&back), want);
        prop_assert_eq!(licsig_norm(&canonical), from_serde(&v));
        prop_assert_eq!(licsig_norm(&compact), from_serde(&v));

        // Canonical shape: no whitespace outside strings, names in UTF-16 order.
        let doc = Document::parse(&canonical).unwrap();
        assert_sorted(doc.root());
        prop_assert_eq!(doc.to_canonical(), canonical);
    }

    /// Byte-exact agreement with serde_jcs 0.2 (ryu-js formatting, UTF-16 key order).
    #[test]
    fn agrees_with_serde_jcs(v in any_json()) {
        let ours = canonicalize(&serde_json::to_vec(&v).unwrap()).unwrap();
        let theirs = serde_jcs::to_vec(&v).unwrap();
        prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
    }
}

/// Bytes biased towards JSON's alphabet, or a soup of JSON tokens (valid and not).
fn json_ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    const ALPHABET: &[u8] = b"{}[]\":,0123456789.eE+- \t\n\rtruefalsn\\/ubfx";
    #[rustfmt::skip]
    const TOKENS: &[&str] = &[
        "{", "}", "[", "]", ",", ":", " ", "\n", "\"a\"", "\"\\u0061\"", "\"\\ud83d\\ude00\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\u00e9\"", "\"\\\"", "\"\\x\"", "\"\u{1}\"",
        "\"\\/\"", "0", "-0", "01", "1.5e3", "1e400", "1e-400", "-", ".5", "1.", "2e", "1E+2",
        "true", "false", "null", "nul", "\u{feff}", "\u{7f}", "\u{e9}",
    ];
    let raw = proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(ALPHABET),
            1 => any::<u8>(),
        ],
        0..48,
    );
    let soup = proptest::collection::vec(proptest::sample::select(TOKENS), 0..10)
        .prop_map(|tokens| tokens.concat().into_bytes());
    prop_oneof![raw, soup]
}

/// A valid text, perhaps with a repeated member, then up to three byte-level edits.
fn mutated_text() -> impl Strategy<Value = Vec<u8>> {
    let edit = (
        any::<prop::sample::Index>(),
        0u8..5,
        any::<u8>(),
        proptest::sample::select(&b"{}[]\",:0-.eE+\\u \x00\x1f\x7f\xc0\xed\xef\xbb\xbf\xff"[..]),
    );
    (
        any_json(),
        any::<u64>(),
        prop_oneof![Just(Vec::new()), proptest::collection::vec(edit, 1..4)],
    )
        .prop_map(|(v, seed, edits)| {
            let mut rng = Rng::new(seed);
            rng.duplicates = true;
            let mut text = write_any(&v, &mut rng).into_bytes();
            for (at, op, byte, special) in edits {
                let len = text.len();
                let i = if len == 0 { 0 } else { at.index(len) };
                let b = if byte.is_multiple_of(2) {
                    special
                } else {
                    byte
                };
                match op {
                    0 if len > 0 => {
                        text.remove(i);
                    }
                    1 => text.insert(i, b),
                    2 if len > 0 => text[i] = b,
                    3 => text.truncate(i),
                    _ => {
                        // Repeat a slice: duplicate members, doubled escapes.
                        let end = (i + 1 + usize::from(byte % 16)).min(len);
                        let piece = text[i..end].to_vec();
                        text.splice(i..i, piece);
                    }
                }
            }
            text
        })
}

/// How the two parsers decided, over a run.
#[derive(Debug, Default)]
struct Tally {
    both_accept: usize,
    both_refuse: usize,
    only_serde_json_accepts: usize,
}

/// licsig accepts only what serde_json accepts, and reads it the same way. The other
/// direction holds with exactly two intended exceptions: duplicate member names, which
/// serde_json accepts (keeping the last) and licsig refuses (I-JSON, RFC 7493 §2.3),
/// and nesting beyond licsig's limit of 64 (serde_json's is 128).
fn check_against_serde_json(input: &[u8], tally: &mut Tally) -> Result<(), TestCaseError> {
    let ours = Document::parse(input);
    let theirs = serde_json::from_slice::<Json>(input);
    let shown = || String::from_utf8_lossy(input).into_owned();
    match (&ours, &theirs) {
        (Ok(doc), Ok(v)) => {
            prop_assert_eq!(from_licsig(doc.root()), from_serde(v), "{:?}", shown());
            let canonical = doc.to_canonical();
            prop_assert_eq!(canonicalize(&canonical).unwrap(), canonical);
            tally.both_accept += 1;
        }
        (Ok(_), Err(e)) => {
            return Err(TestCaseError::fail(format!(
                "licsig accepts what serde_json refuses ({e}): {:?}",
                shown()
            )));
        }
        (Err(e), Ok(_)) => {
            let intended = match e.kind() {
                ErrorKind::LimitExceeded => true,
                ErrorKind::Malformed => e.message().contains("duplicate member name"),
                _ => false,
            };
            prop_assert!(
                intended,
                "licsig refuses what serde_json accepts ({}): {:?}",
                e,
                shown()
            );
            tally.only_serde_json_accepts += 1;
        }
        (Err(e), Err(_)) => {
            prop_assert!(matches!(
                e.kind(),
                ErrorKind::Malformed | ErrorKind::LimitExceeded
            ));
            prop_assert!(!e.message().is_empty());
            tally.both_refuse += 1;
        }
    }
    Ok(())
}

/// Runs [`check_against_serde_json`] on `cases` inputs from `strategy`, prints how the
/// parsers decided and returns the tally.
fn differential(name: &str, cases: u32, strategy: impl Strategy<Value = Vec<u8>>) -> Tally {
    let tally = std::cell::RefCell::new(Tally::default());
    let mut runner = proptest::test_runner::TestRunner::new(config(cases));
    let result = runner.run(&strategy, |input| {
        check_against_serde_json(&input, &mut tally.borrow_mut())
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    let tally = tally.into_inner();
    println!(
        "{name}: {cases} cases; both accept {}, both refuse {}, only serde_json accepts \
         (duplicate names, depth) {}",
        tally.both_accept, tally.both_refuse, tally.only_serde_json_accepts
    );
    tally
}

#[test]
fn accepts_nothing_serde_json_refuses_arbitrary() {
    let tally = differential("arbitrary bytes", 8192, json_ish_bytes());
    // Shrinking re-runs cases, so the tally is at least the case count.
    assert!(tally.both_accept + tally.both_refuse + tally.only_serde_json_accepts >= 8192);
    assert!(
        tally.both_accept >= 100,
        "the generator hardly makes valid JSON: {tally:?}"
    );
}

#[test]
fn accepts_nothing_serde_json_refuses_mutated() {
    let tally = differential("mutated texts", 2048, mutated_text());
    assert!(
        tally.both_accept >= 500,
        "the mutations hardly leave valid JSON: {tally:?}"
    );
    assert!(
        tally.both_refuse >= 500,
        "the mutations hardly break JSON: {tally:?}"
    );
    assert!(
        tally.only_serde_json_accepts >= 20,
        "few duplicate names made: {tally:?}"
    );
}

proptest! {
    #![proptest_config(config(1024))]

    /// The limits are enforced with their own kind, and inputs within them are
    /// unaffected.
    #[test]
    fn limits_are_exact(v in any_json(), extra in 0usize..3) {
        let text = serde_json::to_vec(&v).unwrap();
        let depth = depth_of(&v);
        let exact = Limits { max_bytes: text.len(), max_depth: depth, ..Limits::default() };
        prop_assert!(canonicalize_with(&text, &exact).is_ok());
        let roomy = Limits { max_bytes: text.len() + extra, max_depth: depth + extra, ..Limits::default() };
        prop_assert!(canonicalize_with(&text, &roomy).is_ok());
        if depth > 0 {
            let shallow = Limits { max_depth: depth - 1, ..exact };
            prop_assert_eq!(canonicalize_with(&text, &shallow).unwrap_err().kind(), ErrorKind::LimitExceeded);
        }
        if !text.is_empty() {
            let small = Limits { max_bytes: text.len() - 1, ..exact };
            prop_assert_eq!(canonicalize_with(&text, &small).unwrap_err().kind(), ErrorKind::LimitExceeded);
        }
    }
}

fn depth_of(v: &Json) -> usize {
    match v {
        Json::Array(a) => 1 + a.iter().map(depth_of).max().unwrap_or(0),
        Json::Object(m) => 1 + m.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

/// The same number with its decimal point moved by `shift` places and the exponent
/// moved back, so that the exponent is large (≥ 10,000) and offset by the digits.
fn shifted_number() -> impl Strategy<Value = (String, String)> {
    (
        any::<bool>(),
        "[1-9][0-9]{0,25}",
        -340i64..340,
        10_000usize..30_000,
        any::<bool>(),
    )
        .prop_map(|(negative, digits, exponent, shift, left)| {
            let sign = if negative { "-" } else { "" };
            let plain = format!("{sign}0.{digits}e{exponent}");
            let zeros = "0".repeat(shift);
            let shifted = if left {
                // 0.000…<digits>e(exponent + shift)
                format!("{sign}0.{zeros}{digits}E+{}", exponent + shift as i64)
            } else {
                // <digits>000…e(exponent - shift - len): same value.
                format!(
                    "{sign}{digits}{zeros}e{}",
                    exponent - shift as i64 - digits.len() as i64
                )
            };
            (plain, shifted)
        })
}

proptest! {
    #![proptest_config(config(256))]

    /// A large explicit exponent offset by the position of the decimal point reads as
    /// the same double as the plain spelling (core's parser alone saturates exponents
    /// beyond about 65,000; see `large_exponents_offset_by_many_digits`).
    #[test]
    fn large_exponents_read_exactly((plain, shifted) in shifted_number()) {
        let want = canonicalize(plain.as_bytes()).map_err(|e| e.kind());
        let got = canonicalize(shifted.as_bytes()).map_err(|e| e.kind());
        prop_assert_eq!(got, want, "{}", plain);
    }
}
