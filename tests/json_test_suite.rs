//! JSONTestSuite (nst/JSONTestSuite, "Parsing JSON is a Minefield"), read from
//! `../shared/vectors/jsontestsuite` when present (required under
//! `LICSIG_REQUIRE_VECTORS=1`).
//!
//! - `y_` files must be accepted, with the canonical form listed in [`Y_CANONICAL`]
//!   (computed with node), except the two with duplicate member names, which I-JSON
//!   (RFC 7493 §2.3) and licsig refuse.
//! - `n_` files must be refused: as `LimitExceeded` for the few listed in
//!   [`N_LIMIT_EXCEEDED`], which nest deeper than the default limit before they go
//!   wrong, as `Malformed` for all the others.
//! - `i_` files (implementation-defined) are decided one by one in [`I_FILES`]; a file
//!   missing from the table, or a table entry naming a missing file, fails the test, as
//!   does an outcome that differs from the table in either direction.
//! - `test_transform/` files, which have no official verdict, are decided in
//!   [`TRANSFORMS`] with the canonical bytes expected, cross-checked against node's
//!   `JSON.stringify(JSON.parse(..))` (ES6 number formatting) when the table was written.
//!
//! Every accepted text is also checked to canonicalise idempotently.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use licsig::json::canonicalize;
use licsig::limits::DEFAULT_MAX_DEPTH;
use licsig::ErrorKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Accepted, with this canonical form.
    Accept(&'static str),
    Malformed,
    LimitExceeded,
}
use Expect::{Accept, LimitExceeded, Malformed};

/// `y_` files refused: duplicate member names (I-JSON, RFC 7493 §2.3).
const Y_REFUSED: [&str; 2] = [
    "y_object_duplicated_key.json",
    "y_object_duplicated_key_and_value.json",
];

/// The canonical form of every accepted `y_` file, as node 20 computes it: keys sorted
/// with `Array.prototype.sort` (UTF-16 code units), values written by
/// `JSON.stringify` (ES6 numbers, RFC 8785's string escapes), from `JSON.parse`.
const Y_CANONICAL: [(&str, &str); 93] = [
    ("y_array_arraysWithSpaces.json", "[[]]"),
    ("y_array_empty-string.json", "[\"\"]"),
    ("y_array_empty.json", "[]"),
    ("y_array_ending_with_newline.json", "[\"a\"]"),
    ("y_array_false.json", "[false]"),
    ("y_array_heterogeneous.json", "[null,1,\"1\",{}]"),
    ("y_array_null.json", "[null]"),
    ("y_array_with_1_and_newline.json", "[1]"),
    ("y_array_with_leading_space.json", "[1]"),
    ("y_array_with_several_null.json", "[1,null,null,null,2]"),
    ("y_array_with_trailing_space.json", "[2]"),
    ("y_number.json", "[1.23e+67]"),
    ("y_number_0e+1.json", "[0]"),
    ("y_number_0e1.json", "[0]"),
    ("y_number_after_space.json", "[4]"),
    ("y_number_double_close_to_zero.json", "[-1e-78]"),
    ("y_number_int_with_exp.json", "[200]"),
    ("y_number_minus_zero.json", "[0]"),
    ("y_number_negative_int.json", "[-123]"),
    ("y_number_negative_one.json", "[-1]"),
    ("y_number_negative_zero.json", "[0]"),
    ("y_number_real_capital_e.json", "[1e+22]"),
    ("y_number_real_capital_e_neg_exp.json", "[0.01]"),
    ("y_number_real_capital_e_pos_exp.json", "[100]"),
    ("y_number_real_exponent.json", "[1.23e+47]"),
    ("y_number_real_fraction_exponent.json", "[1.23456e+80]"),
    ("y_number_real_neg_exp.json", "[0.01]"),
    ("y_number_real_pos_exponent.json", "[100]"),
    ("y_number_simple_int.json", "[123]"),
    ("y_number_simple_real.json", "[123.456789]"),
    ("y_object.json", "{\"asd\":\"sdf\",\"dfg\":\"fgh\"}"),
    ("y_object_basic.json", "{\"asd\":\"sdf\"}"),
    ("y_object_empty.json", "{}"),
    ("y_object_empty_key.json", "{\"\":0}"),
    ("y_object_escaped_null_in_key.json", "{\"foo\\u0000bar\":42}"),
    ("y_object_extreme_numbers.json", "{\"max\":1e+28,\"min\":-1e+28}"),
    ("y_object_long_strings.json", "{\"id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"x\":[{\"id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}]}"),
    ("y_object_simple.json", "{\"a\":[]}"),
    ("y_object_string_unicode.json", "{\"title\":\"\u{41f}\u{43e}\u{43b}\u{442}\u{43e}\u{440}\u{430} \u{417}\u{435}\u{43c}\u{43b}\u{435}\u{43a}\u{43e}\u{43f}\u{430}\"}"),
    ("y_object_with_newlines.json", "{\"a\":\"b\"}"),
    ("y_string_1_2_3_bytes_UTF-8_sequences.json", "[\"`\u{12a}\u{12ab}\"]"),
    ("y_string_accepted_surrogate_pair.json", "[\"\u{10437}\"]"),
    ("y_string_accepted_surrogate_pairs.json", "[\"\u{1f639}\u{1f48d}\"]"),
    ("y_string_allowed_escapes.json", "[\"\\\"\\\\/\\b\\f\\n\\r\\t\"]"),
    ("y_string_backslash_and_u_escaped_zero.json", "[\"\\\\u0000\"]"),
    ("y_string_backslash_doublequotes.json", "[\"\\\"\"]"),
    ("y_string_comments.json", "[\"a/*b*/c/*d//e\"]"),
    ("y_string_double_escape_a.json", "[\"\\\\a\"]"),
    ("y_string_double_escape_n.json", "[\"\\\\n\"]"),
    ("y_string_escaped_control_character.json", "[\"\\u0012\"]"),
    ("y_string_escaped_noncharacter.json", "[\"\u{ffff}\"]"),
    ("y_string_in_array.json", "[\"asd\"]"),
    ("y_string_in_array_with_leading_space.json", "[\"asd\"]"),
    ("y_string_last_surrogates_1_and_2.json", "[\"\u{10ffff}\"]"),
    ("y_string_nbsp_uescaped.json", "[\"new\u{a0}line\"]"),
    ("y_string_nonCharacterInUTF-8_U+10FFFF.json", "[\"\u{10ffff}\"]"),
    ("y_string_nonCharacterInUTF-8_U+FFFF.json", "[\"\u{ffff}\"]"),
    ("y_string_null_escape.json", "[\"\\u0000\"]"),
    ("y_string_one-byte-utf-8.json", "[\",\"]"),
    ("y_string_pi.json", "[\"\u{3c0}\"]"),
    ("y_string_reservedCharacterInUTF-8_U+1BFFF.json", "[\"\u{1bfff}\"]"),
    ("y_string_simple_ascii.json", "[\"asd \"]"),
    ("y_string_space.json", "\" \""),
    ("y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF.json", "[\"\u{1d11e}\"]"),
    ("y_string_three-byte-utf-8.json", "[\"\u{821}\"]"),
    ("y_string_two-byte-utf-8.json", "[\"\u{123}\"]"),
    ("y_string_u+2028_line_sep.json", "[\"\u{2028}\"]"),
    ("y_string_u+2029_par_sep.json", "[\"\u{2029}\"]"),
    ("y_string_uEscape.json", "[\"a\u{30af}\u{30ea}\u{30b9}\"]"),
    ("y_string_uescaped_newline.json", "[\"new\\nline\"]"),
    ("y_string_unescaped_char_delete.json", "[\"\u{7f}\"]"),
    ("y_string_unicode.json", "[\"\u{a66d}\"]"),
    ("y_string_unicodeEscapedBackslash.json", "[\"\\\\\"]"),
    ("y_string_unicode_2.json", "[\"\u{2342}\u{3234}\u{2342}\"]"),
    ("y_string_unicode_U+10FFFE_nonchar.json", "[\"\u{10fffe}\"]"),
    ("y_string_unicode_U+1FFFE_nonchar.json", "[\"\u{1fffe}\"]"),
    ("y_string_unicode_U+200B_ZERO_WIDTH_SPACE.json", "[\"\u{200b}\"]"),
    ("y_string_unicode_U+2064_invisible_plus.json", "[\"\u{2064}\"]"),
    ("y_string_unicode_U+FDD0_nonchar.json", "[\"\u{fdd0}\"]"),
    ("y_string_unicode_U+FFFE_nonchar.json", "[\"\u{fffe}\"]"),
    ("y_string_unicode_escaped_double_quote.json", "[\"\\\"\"]"),
    ("y_string_utf8.json", "[\"\u{20ac}\u{1d11e}\"]"),
    ("y_string_with_del_character.json", "[\"a\u{7f}a\"]"),
    ("y_structure_lonely_false.json", "false"),
    ("y_structure_lonely_int.json", "42"),
    ("y_structure_lonely_negative_real.json", "-0.1"),
    ("y_structure_lonely_null.json", "null"),
    ("y_structure_lonely_string.json", "\"asd\""),
    ("y_structure_lonely_true.json", "true"),
    ("y_structure_string_empty.json", "\"\""),
    ("y_structure_trailing_newline.json", "[\"a\"]"),
    ("y_structure_true_in_array.json", "[true]"),
    ("y_structure_whitespace_array.json", "[]"),
];

/// `n_` files refused for depth: they open more than [`DEFAULT_MAX_DEPTH`] containers
/// before the byte that makes them malformed.
const N_LIMIT_EXCEEDED: [&str; 2] = [
    "n_structure_100000_opening_arrays.json",
    "n_structure_open_array_object.json",
];

/// The implementation-defined cases, with the reason for each verdict.
#[rustfmt::skip]
const I_FILES: [(&str, Expect, &str); 35] = [
    // Numbers: every number is read as the nearest double (RFC 8785 §3.2.2.3);
    // those beyond the finite range have no double and are refused (I-JSON §2.2),
    // those that underflow read as the zero they round to.
    ("i_number_double_huge_neg_exp.json", Accept("[0]"), "123.456e-789 underflows to 0"),
    ("i_number_huge_exp.json", Malformed, "0.4e00669...006 overflows a double"),
    ("i_number_neg_int_huge_exp.json", Malformed, "-1e+9999 overflows a double"),
    ("i_number_pos_double_huge_exp.json", Malformed, "1.5e+9999 overflows a double"),
    ("i_number_real_neg_overflow.json", Malformed, "-123123e100000 overflows a double"),
    ("i_number_real_pos_overflow.json", Malformed, "123123e100000 overflows a double"),
    ("i_number_real_underflow.json", Accept("[0]"), "123e-10000000 underflows to 0"),
    ("i_number_too_big_neg_int.json", Accept("[-1.2312312312312312e+29]"), "a 30-digit integer is in range; read as the nearest double"),
    ("i_number_too_big_pos_int.json", Accept("[100000000000000000000]"), "1e20 is exact as a double"),
    ("i_number_very_big_negative_int.json", Accept("[-2.374623746732769e+47]"), "a 48-digit integer is in range; read as the nearest double"),
    // Strings must be valid Unicode (RFC 8259 §8.2, I-JSON §2.1): escapes that leave
    // a surrogate unpaired are refused.
    ("i_object_key_lone_2nd_surrogate.json", Malformed, "lone low surrogate escape in a name"),
    ("i_string_1st_surrogate_but_2nd_missing.json", Malformed, "high surrogate escape, nothing after"),
    ("i_string_1st_valid_surrogate_2nd_invalid.json", Malformed, "high surrogate followed by \\u1234"),
    ("i_string_incomplete_surrogate_and_escape_valid.json", Malformed, "high surrogate followed by \\n"),
    ("i_string_incomplete_surrogate_pair.json", Malformed, "high surrogate followed by text"),
    ("i_string_incomplete_surrogates_escape_valid.json", Malformed, "two high surrogates"),
    ("i_string_invalid_lonely_surrogate.json", Malformed, "lone high surrogate escape"),
    ("i_string_invalid_surrogate.json", Malformed, "high surrogate followed by text"),
    ("i_string_inverted_surrogates_U+1D11E.json", Malformed, "low surrogate escape before high"),
    ("i_string_lone_second_surrogate.json", Malformed, "lone low surrogate escape"),
    // The text must be UTF-8 (RFC 8259 §8.1, I-JSON §2.1).
    ("i_string_UTF-16LE_with_BOM.json", Malformed, "UTF-16 is not UTF-8"),
    ("i_string_utf16BE_no_BOM.json", Malformed, "UTF-16 is not UTF-8"),
    ("i_string_utf16LE_no_BOM.json", Malformed, "UTF-16 is not UTF-8"),
    ("i_string_UTF-8_invalid_sequence.json", Malformed, "invalid UTF-8"),
    ("i_string_UTF8_surrogate_U+D800.json", Malformed, "UTF-8 encoding of a surrogate is invalid UTF-8"),
    ("i_string_invalid_utf-8.json", Malformed, "0xFF is never UTF-8"),
    ("i_string_iso_latin_1.json", Malformed, "Latin-1 é is not UTF-8"),
    ("i_string_lone_utf8_continuation_byte.json", Malformed, "lone continuation byte"),
    ("i_string_not_in_unicode_range.json", Malformed, "F4 BF BF BF is above U+10FFFF"),
    ("i_string_overlong_sequence_2_bytes.json", Malformed, "overlong UTF-8"),
    ("i_string_overlong_sequence_6_bytes.json", Malformed, "6-byte sequences are not UTF-8"),
    ("i_string_overlong_sequence_6_bytes_null.json", Malformed, "6-byte sequences are not UTF-8"),
    ("i_string_truncated-utf-8.json", Malformed, "truncated UTF-8"),
    // Structure.
    ("i_structure_500_nested_arrays.json", LimitExceeded, "500 levels, over the default 64"),
    ("i_structure_UTF-8_BOM_empty_object.json", Malformed, "a byte-order mark is refused (RFC 8259 §8.1)"),
];

/// `test_transform/` decisions.
#[rustfmt::skip]
const TRANSFORMS: [(&str, Expect, &str); 22] = [
    // Integers beyond 2^53 read as the nearest double and print as ES6 does.
    ("number_-9223372036854775808.json", Accept("[-9223372036854776000]"), "-2^63"),
    ("number_-9223372036854775809.json", Accept("[-9223372036854776000]"), "rounds to -2^63"),
    ("number_1.0.json", Accept("[1]"), "1.0 is 1"),
    ("number_1.000000000000000005.json", Accept("[1]"), "rounds to 1"),
    ("number_1000000000000000.json", Accept("[1000000000000000]"), "exact"),
    ("number_10000000000000000999.json", Accept("[10000000000000000000]"), "rounds to 1e19"),
    ("number_1e-999.json", Accept("[0]"), "underflows to 0"),
    ("number_1e6.json", Accept("[1000000]"), "exact"),
    ("number_9223372036854775807.json", Accept("[9223372036854776000]"), "rounds to 2^63"),
    ("number_9223372036854775808.json", Accept("[9223372036854776000]"), "2^63"),
    // Names are compared as code units, not normalised: NFC and NFD é are distinct and
    // sort by UTF-16 units (NFD starts with 'e').
    ("object_key_nfc_nfd.json", Accept("{\"e\u{301}\":\"NFD\",\"\u{e9}\":\"NFC\"}"), "distinct names"),
    ("object_key_nfd_nfc.json", Accept("{\"e\u{301}\":\"NFD\",\"\u{e9}\":\"NFC\"}"), "distinct names"),
    ("object_same_key_different_values.json", Malformed, "duplicate name"),
    ("object_same_key_same_value.json", Malformed, "duplicate name, even with equal values"),
    ("object_same_key_unclear_values.json", Malformed, "duplicate name"),
    // Unpaired surrogates, escaped or UTF-8 encoded, are not Unicode text.
    ("string_1_escaped_invalid_codepoint.json", Malformed, "lone surrogate escape"),
    ("string_1_invalid_codepoint.json", Malformed, "UTF-8 encoded surrogate"),
    ("string_2_escaped_invalid_codepoints.json", Malformed, "two high surrogates"),
    ("string_2_invalid_codepoints.json", Malformed, "UTF-8 encoded surrogates"),
    ("string_3_escaped_invalid_codepoints.json", Malformed, "three high surrogates"),
    ("string_3_invalid_codepoints.json", Malformed, "UTF-8 encoded surrogates"),
    // U+0000 is a character like any other; RFC 8785 writes it as \u0000.
    ("string_with_escaped_NULL.json", Accept("[\"A\\u0000B\"]"), "NUL is a valid character"),
];

fn files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

/// What licsig does with `input`, in the table's terms.
fn outcome(input: &[u8]) -> Result<String, ErrorKind> {
    match canonicalize(input) {
        Ok(out) => {
            assert_eq!(canonicalize(&out).as_ref(), Ok(&out), "not idempotent");
            Ok(String::from_utf8(out).expect("canonical form is UTF-8"))
        }
        Err(e) => {
            assert!(!e.message().is_empty());
            Err(e.kind())
        }
    }
}

fn matches(got: &Result<String, ErrorKind>, want: Expect) -> bool {
    match (got, want) {
        (Ok(out), Accept(expected)) => out == expected,
        (Err(kind), Malformed) => *kind == ErrorKind::Malformed,
        (Err(kind), LimitExceeded) => *kind == ErrorKind::LimitExceeded,
        _ => false,
    }
}

/// Runs `table` over the files of `dir` whose names start with `prefix`, which must be
/// exactly the table's files.
fn run_table(dir: &Path, prefix: &str, table: &[(&str, Expect, &str)]) -> usize {
    let present: BTreeSet<String> = files(dir)
        .into_iter()
        .filter(|name| name.starts_with(prefix))
        .collect();
    let listed: BTreeSet<String> = table.iter().map(|(name, ..)| (*name).to_owned()).collect();
    assert_eq!(listed.len(), table.len(), "a file is listed twice");
    let unlisted: Vec<_> = present.difference(&listed).collect();
    let absent: Vec<_> = listed.difference(&present).collect();
    assert!(
        unlisted.is_empty(),
        "files without a decision: {unlisted:?}"
    );
    assert!(absent.is_empty(), "decided files not present: {absent:?}");
    let mut wrong = Vec::new();
    for (name, want, why) in table {
        let got = outcome(&common::read(dir.join(name)));
        if !matches(&got, *want) {
            wrong.push(format!("{name}: got {got:?}, want {want:?} ({why})"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    table.len()
}

#[test]
fn test_parsing() {
    let Some(dir) = common::shared("jsontestsuite/test_parsing") else {
        return;
    };
    let all = files(&dir);
    let y_table: Vec<(&str, Expect, &str)> = Y_CANONICAL
        .iter()
        .map(|&(name, canonical)| (name, Accept(canonical), "must accept"))
        .chain(
            Y_REFUSED
                .iter()
                .map(|&name| (name, Malformed, "duplicate name")),
        )
        .collect();
    let y = run_table(&dir, "y_", &y_table);
    let y_refused = Y_REFUSED.len();
    let (mut n_malformed, mut n_limit) = (0, 0);
    let mut wrong = Vec::new();
    for name in all
        .iter()
        .filter(|n| !n.starts_with("i_") && !n.starts_with("y_"))
    {
        let got = outcome(&common::read(dir.join(name)));
        let want = if name.starts_with("n_") {
            if N_LIMIT_EXCEEDED.contains(&name.as_str()) {
                n_limit += 1;
                LimitExceeded
            } else {
                n_malformed += 1;
                Malformed
            }
        } else {
            panic!("unexpected file {name}");
        };
        if !matches(&got, want) {
            wrong.push(format!("{name}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let i = run_table(&dir, "i_", &I_FILES);
    let i_accept = I_FILES
        .iter()
        .filter(|(_, e, _)| matches!(e, Accept(_)))
        .count();
    let i_limit = I_FILES
        .iter()
        .filter(|(_, e, _)| *e == LimitExceeded)
        .count();
    println!(
        "JSONTestSuite test_parsing: y_ {} accepted with node's canonical form + {y_refused} \
         refused (duplicate names); \
         n_ {n_malformed} malformed + {n_limit} limit_exceeded; \
         i_ {i} as decided ({i_accept} accepted, {} malformed, {i_limit} limit_exceeded)",
        y - y_refused,
        i - i_accept - i_limit
    );
    assert_eq!((y, y_refused, n_malformed, n_limit), (95, 2, 186, 2));
    assert_eq!((i, i_accept, i_limit), (35, 5, 1));
    assert_eq!(DEFAULT_MAX_DEPTH, 64, "the i_/n_ depth verdicts assume 64");
}

#[test]
fn test_transform() {
    let Some(dir) = common::shared("jsontestsuite/test_transform") else {
        return;
    };
    let n = run_table(&dir, "", &TRANSFORMS);
    let accepted = TRANSFORMS
        .iter()
        .filter(|(_, e, _)| matches!(e, Accept(_)))
        .count();
    println!(
        "JSONTestSuite test_transform: {n} as decided ({accepted} accepted with the expected \
         canonical form, {} malformed)",
        n - accepted
    );
    assert_eq!((n, accepted), (22, 13));
}
