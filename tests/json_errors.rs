//! Every reason the JSON parser refuses a text, with its kind and the words of its
//! message that tell a person what went wrong (the kind is the stable interface; the
//! message is tested so that it stays useful).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use licsig::json::{canonicalize, canonicalize_with, Document};
use licsig::ErrorKind::{self, LimitExceeded, Malformed};
use licsig::Limits;

/// (what, input, kind, words the message contains).
#[rustfmt::skip]
const REFUSED: &[(&str, &[u8], ErrorKind, &str)] = &[
    // Duplicate member names, compared after unescaping, at any depth.
    ("duplicate", br#"{"a":1,"a":1}"#, Malformed, "duplicate member name \"a\""),
    ("duplicate, escaped", br#"{"a":1,"\u0061":2}"#, Malformed, "duplicate member name \"a\" in the object ending at byte 17"),
    ("duplicate, both escaped", br#"{"\u00e9":1,"\u00E9":2}"#, Malformed, "duplicate member name \"é\""),
    ("duplicate, escaped surrogate pair", b"{\"\xF0\x9F\x98\x80\":1,\"\\ud83d\\ude00\":2}", Malformed, "duplicate member name \"\u{1F600}\""),
    ("duplicate, escaped solidus", br#"{"a/b":1,"a\/b":2}"#, Malformed, "duplicate member name \"a/b\""),
    ("duplicate, not adjacent", br#"{"b":1,"a":2,"c":3,"b":4}"#, Malformed, "duplicate member name \"b\""),
    ("duplicate, nested", br#"{"x":[1,{"y":{"b":1,"b":2}}]}"#, Malformed, "duplicate member name \"b\" in the object ending at byte 25"),
    ("duplicate, control character shown escaped", b"{\"\\n\":1,\"\\u000a\":2}", Malformed, "duplicate member name \"\\n\""),
    // Strings must be Unicode.
    ("lone high surrogate", br#"["\ud800"]"#, Malformed, "lone surrogate \\uD800 at byte 2"),
    ("lone low surrogate", br#"["\uDC00"]"#, Malformed, "lone surrogate \\uDC00 at byte 2"),
    ("high surrogate, then text", br#"["\ud800abc"]"#, Malformed, "lone surrogate \\uD800"),
    ("high surrogate, then a non-surrogate escape", br#"["\ud800\u0041"]"#, Malformed, "lone surrogate \\uD800"),
    ("two high surrogates", br#"["\ud800\ud800"]"#, Malformed, "lone surrogate \\uD800"),
    ("surrogates inverted", br#"["\udd1e\ud834"]"#, Malformed, "lone surrogate \\uDD1E"),
    ("lone surrogate in a name", br#"{"\udfaa":0}"#, Malformed, "lone surrogate \\uDFAA"),
    ("high surrogate, then a bad escape", br#"["\ud800\u12"]"#, Malformed, "expected four hex digits after \\u"),
    ("invalid UTF-8", b"[\"\xFF\"]", Malformed, "not valid UTF-8 (at byte 2)"),
    ("UTF-8 encoded surrogate", b"[\"\xED\xA0\x80\"]", Malformed, "not valid UTF-8 (at byte 2)"),
    ("overlong UTF-8", b"[\"\xC0\xAF\"]", Malformed, "not valid UTF-8"),
    ("truncated UTF-8", b"[\"\xE2\x82", Malformed, "not valid UTF-8 (at byte 2)"),
    ("Latin-1", b"[\"caf\xE9\"]", Malformed, "not valid UTF-8 (at byte 5)"),
    ("UTF-16", b"[\x00\"\x00a\x00\"\x00]\x00", Malformed, "expected a value, found byte 0x00"),
    ("byte-order mark", b"\xEF\xBB\xBF{}", Malformed, "byte-order mark"),
    ("UTF-16 byte-order mark", b"\xFF\xFE[\x00]\x00", Malformed, "not valid UTF-8 (at byte 0)"),
    ("control character in a string", b"[\"a\x01\"]", Malformed, "control characters must be escaped in strings"),
    ("raw tab in a string", b"[\"a\tb\"]", Malformed, "control characters must be escaped"),
    ("raw newline after an escape", b"[\"\\n\n\"]", Malformed, "control characters must be escaped"),
    ("invalid escape", br#"["\x41"]"#, Malformed, "invalid escape sequence"),
    ("escaped single quote", br#"["\'"]"#, Malformed, "invalid escape sequence"),
    ("short \\u escape", br#"["\u12"]"#, Malformed, "expected four hex digits after \\u"),
    ("\\U escape", br#"["\U0041"]"#, Malformed, "invalid escape sequence"),
    ("unterminated string", br#"["abc"#, Malformed, "unterminated string"),
    ("unterminated string after an escape", br#"["a\n"#, Malformed, "unterminated string"),
    ("unterminated escape", br#"["\"#, Malformed, "ends early"),
    // Numbers: RFC 8259 grammar, finite doubles.
    ("1e400", b"1e400", Malformed, "number 1e400 at byte 0 is outside the range of an IEEE-754 double"),
    ("-1e400", b"[-1e400]", Malformed, "number -1e400 at byte 1 is outside the range"),
    ("overflow by digits", b"[1797693134862315807937289714053034150799341327710e260]", Malformed, "outside the range of an IEEE-754 double"),
    ("long number shortened", b"1234567890123456789012345678901234567890123456789e999", Malformed, "number 1234567890123456789012345678901234567890…"),
    ("leading zero", b"01", Malformed, "leading zeros are not allowed in numbers"),
    ("negative leading zero", b"[-012]", Malformed, "leading zeros are not allowed"),
    ("leading zeros before a fraction", b"00.5", Malformed, "leading zeros are not allowed"),
    ("plus sign", b"+1", Malformed, "expected a value, found '+'"),
    ("minus alone", b"-", Malformed, "JSON text ends early: expected a digit"),
    ("minus, then a letter", b"-x", Malformed, "expected a digit, found 'x'"),
    ("no integer part", b".5", Malformed, "expected a value, found '.'"),
    ("no fraction digits", b"1.", Malformed, "ends early: expected a digit"),
    ("no fraction digits, exponent", b"1.e5", Malformed, "expected a digit, found 'e'"),
    ("no exponent digits", b"[1e]", Malformed, "expected a digit, found ']'"),
    ("exponent sign alone", b"1e+", Malformed, "expected a digit"),
    ("hex number", b"0x10", Malformed, "expected the end of the JSON text, found 'x'"),
    ("NaN", b"NaN", Malformed, "expected a value, found 'N'"),
    ("Infinity", b"[-Infinity]", Malformed, "expected a digit, found 'I'"),
    // Literals.
    ("truncated literal", b"[tru]", Malformed, "expected a value"),
    ("capitalised literal", b"True", Malformed, "expected a value, found 'T'"),
    ("literal, then letters", b"nullx", Malformed, "expected the end of the JSON text, found 'x'"),
    // Structure.
    ("empty input", b"", Malformed, "JSON text ends early: expected a value"),
    ("whitespace only", b" \n\t\r ", Malformed, "JSON text ends early: expected a value"),
    ("form feed is not whitespace", b"\x0C1", Malformed, "found byte 0x0C"),
    ("non-breaking space is not whitespace", "\u{a0}1".as_bytes(), Malformed, "found byte 0xC2"),
    ("trailing value", b"1 2", Malformed, "invalid JSON at byte 2: expected the end of the JSON text, found '2'"),
    ("two documents", b"{}{}", Malformed, "expected the end of the JSON text"),
    ("trailing NUL", b"{}\x00", Malformed, "expected the end of the JSON text, found byte 0x00"),
    ("trailing comma in an array", b"[1,]", Malformed, "expected a value, found ']'"),
    ("trailing comma in an object", br#"{"a":1,}"#, Malformed, "expected a member name, found '}'"),
    ("leading comma", b"[,1]", Malformed, "expected a value, found ','"),
    ("missing comma", b"[1 2]", Malformed, "expected ',' or ']', found '2'"),
    ("missing comma between members", br#"{"a":1 "b":2}"#, Malformed, "expected ',' or '}', found '\"'"),
    ("missing colon", br#"{"a" 1}"#, Malformed, "expected ':', found '1'"),
    ("missing value", br#"{"a":}"#, Malformed, "expected a value, found '}'"),
    ("name not a string", b"{1:2}", Malformed, "expected a member name, found '1'"),
    ("single-quoted name", b"{'a':1}", Malformed, "expected a member name"),
    ("unquoted name", b"{a:1}", Malformed, "expected a member name, found 'a'"),
    ("mismatched bracket", b"[1}", Malformed, "expected ',' or ']', found '}'"),
    ("mismatched brace", br#"{"a":1]"#, Malformed, "expected ',' or '}', found ']'"),
    ("unclosed array", b"[1,2", Malformed, "JSON text ends early: expected ',' or ']'"),
    ("unclosed object", br#"{"a":1"#, Malformed, "JSON text ends early: expected ',' or '}'"),
    ("closing bracket alone", b"]", Malformed, "expected a value, found ']'"),
    ("comment", b"[1] // no", Malformed, "expected the end of the JSON text, found '/'"),
    // Depth: 64 by default.
    ("65 nested arrays", &[b'['; 65], LimitExceeded, "JSON nesting at byte 64 is deeper than the limit of 64"),
];

#[test]
fn refusals() {
    let mut seen_kinds = Vec::new();
    for &(what, input, kind, words) in REFUSED {
        let err = match canonicalize(input) {
            Ok(out) => panic!("{what}: accepted as {}", String::from_utf8_lossy(&out)),
            Err(err) => err,
        };
        assert_eq!(err.kind(), kind, "{what}: {err}");
        assert!(
            err.message().contains(words),
            "{what}: message {:?} lacks {words:?}",
            err.message()
        );
        assert_eq!(err.to_string(), err.message(), "{what}");
        // Parsing refuses it the same way.
        assert_eq!(Document::parse(input).unwrap_err(), err, "{what}");
        if !seen_kinds.contains(&kind) {
            seen_kinds.push(kind);
        }
    }
    println!("json errors: {} refusals as expected", REFUSED.len());
    assert_eq!(REFUSED.len(), 79);
    assert_eq!(seen_kinds, [Malformed, LimitExceeded]);
}

#[test]
fn limits() {
    let deep = |n: usize| {
        let mut text = "[".repeat(n);
        text.push_str(&"]".repeat(n));
        text.into_bytes()
    };
    let limits = |max_bytes, max_depth| Limits {
        max_bytes,
        max_depth,
        ..Limits::default()
    };
    // (what, input, limits, Ok(canonical) or Err((kind, words)))
    type Case = (
        &'static str,
        Vec<u8>,
        Limits,
        Result<&'static str, (ErrorKind, &'static str)>,
    );
    let cases: Vec<Case> = vec![
        ("depth at the limit", deep(3), limits(100, 3), Ok("[[[]]]")),
        (
            "depth over the limit",
            deep(3),
            limits(100, 2),
            Err((
                LimitExceeded,
                "JSON nesting at byte 2 is deeper than the limit of 2",
            )),
        ),
        (
            "objects count towards depth",
            br#"{"a":{"b":[{}]}}"#.to_vec(),
            limits(100, 3),
            Err((LimitExceeded, "deeper than the limit of 3")),
        ),
        (
            "objects at the depth limit",
            br#"{"a":{"b":[{}]}}"#.to_vec(),
            limits(100, 4),
            Ok(r#"{"a":{"b":[{}]}}"#),
        ),
        (
            "depth 0 allows scalars",
            b"\"s\"".to_vec(),
            limits(100, 0),
            Ok("\"s\""),
        ),
        (
            "depth 0 refuses containers",
            b"[]".to_vec(),
            limits(100, 0),
            Err((LimitExceeded, "deeper than the limit of 0")),
        ),
        (
            "depth is checked before the text goes wrong",
            b"[[[x".to_vec(),
            limits(100, 2),
            Err((LimitExceeded, "deeper than the limit of 2")),
        ),
        (
            "malformed before too deep",
            b"[x[[".to_vec(),
            limits(100, 2),
            Err((Malformed, "expected a value, found 'x'")),
        ),
        (
            "size at the limit",
            b"[1, 2]".to_vec(),
            limits(6, 64),
            Ok("[1,2]"),
        ),
        (
            "size over the limit",
            b"[1, 2]".to_vec(),
            limits(5, 64),
            Err((LimitExceeded, "JSON text is 6 bytes, over the limit of 5")),
        ),
        (
            "size is checked before anything else",
            b"\xFF\xFF".to_vec(),
            limits(1, 64),
            Err((LimitExceeded, "JSON text is 2 bytes, over the limit of 1")),
        ),
        (
            "size 0 leaves only the empty text, which is malformed",
            Vec::new(),
            limits(0, 64),
            Err((Malformed, "ends early")),
        ),
        (
            "default size limit",
            vec![b' '; licsig::limits::DEFAULT_MAX_BYTES + 1],
            Limits::default(),
            Err((
                LimitExceeded,
                "JSON text is 1048577 bytes, over the limit of 1048576",
            )),
        ),
        (
            "huge max_bytes acts as u32::MAX",
            b"7".to_vec(),
            limits(usize::MAX, 64),
            Ok("7"),
        ),
        (
            "64 nested arrays by default",
            deep(64),
            Limits::default(),
            Ok(
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\
             ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            ),
        ),
    ];
    for (what, input, limits, want) in &cases {
        let got = canonicalize_with(input, limits);
        match (got, want) {
            (Ok(out), Ok(canonical)) => {
                assert_eq!(String::from_utf8(out).unwrap(), *canonical, "{what}")
            }
            (Err(err), Err((kind, words))) => {
                assert_eq!(err.kind(), *kind, "{what}: {err}");
                assert!(
                    err.message().contains(words),
                    "{what}: message {:?} lacks {words:?}",
                    err.message()
                );
            }
            (got, _) => panic!("{what}: got {got:?}, want {want:?}"),
        }
    }
    println!("json limits: {} cases as expected", cases.len());
    assert_eq!(cases.len(), 15);
}

/// Texts near the refusals above that are valid, so the table does not pass by
/// refusing too much.
#[test]
fn near_misses_accepted() {
    let cases: &[(&[u8], &str)] = &[
        (br#"{"a":1,"A":2}"#, r#"{"A":2,"a":1}"#),
        (br#"{"a":{"a":{"a":1}}}"#, r#"{"a":{"a":{"a":1}}}"#),
        (br#"[{"a":1},{"a":2}]"#, r#"[{"a":1},{"a":2}]"#),
        (
            br#"{"e\u0301":1,"\u00e9":2}"#,
            "{\"e\u{301}\":1,\"\u{e9}\":2}",
        ),
        (
            br#"["\ud83d\ude00","\uD83D\uDE00"]"#,
            "[\"\u{1F600}\",\"\u{1F600}\"]",
        ),
        (br#"["\u0000\u001f\u007f"]"#, "[\"\\u0000\\u001f\u{7f}\"]"),
        (b"[\"\xEF\xBB\xBF\"]", "[\"\u{feff}\"]"),
        (br#"["\ufeff"]"#, "[\"\u{feff}\"]"),
        (b"1e308", "1e+308"),
        (b"-1e-400", "0"),
        (b"1e-400", "0"),
        (b"-0", "0"),
        (b"-0.0e-0", "0"),
        (b"0e999999999999999999999", "0"),
        (b"1E+2", "100"),
        (b"1.7976931348623157e308", "1.7976931348623157e+308"),
        (b"4.9e-324", "5e-324"),
        (b" \t\r\n[ 1 , 2 ] \t\r\n", "[1,2]"),
        (b"\"\"", "\"\""),
        (b"{}", "{}"),
        (b"null", "null"),
    ];
    for (input, canonical) in cases {
        let out = canonicalize(input)
            .unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(input)));
        assert_eq!(String::from_utf8(out).unwrap(), *canonical);
    }
    println!("json near misses: {} accepted as expected", cases.len());
    assert_eq!(cases.len(), 21);
}

/// Numbers whose explicit exponent is large but offset by the position of the decimal
/// point. core's float parser saturates explicit exponents beyond about 65,000 in
/// magnitude, so read naively these came out as 0 and infinity.
#[test]
fn large_exponents_offset_by_many_digits() {
    let zeros = |n: usize| "0".repeat(n);
    let cases: Vec<(String, Result<&str, ErrorKind>)> = vec![
        // 0.000…0001e1000000 = 0.1
        (format!("0.{}1e1000000", zeros(1_000_000)), Ok("0.1")),
        (format!("0.{}1e1000000", zeros(999_999)), Ok("1")),
        // 1000…000e-1000000 = 1
        (format!("1{}e-1000000", zeros(1_000_000)), Ok("1")),
        (format!("[-0.{}25E+700001]", zeros(700_000)), Ok("[-2.5]")),
        (format!("1{}e-700308", zeros(700_000)), Ok("1e-308")),
        (format!("1{}e-700324", zeros(700_000)), Ok("0")),
        (format!("0.{}1e700310", zeros(700_000)), Err(Malformed)),
        (
            format!("0.{}17976931348623157e700309", zeros(700_000)),
            Ok("1.7976931348623157e+308"),
        ),
        (format!("0.{}e99999999999999999999", zeros(1000)), Ok("0")),
        ("-0e-99999999999999999999999".to_owned(), Ok("0")),
        ("1e-99999999999999999999999".to_owned(), Ok("0")),
        ("1e99999999999999999999999".to_owned(), Err(Malformed)),
        ("-1.5e+00000000000000000000000000002".to_owned(), Ok("-150")),
    ];
    for (input, want) in &cases {
        let got = canonicalize(input.as_bytes());
        let got = got
            .as_ref()
            .map(|out| std::str::from_utf8(out).unwrap())
            .map_err(|e| e.kind());
        assert_eq!(got, *want, "{}…", &input[..input.len().min(40)]);
    }
    println!("json large exponents: {} as expected", cases.len());
    assert_eq!(cases.len(), 13);
}
