//! RFC 8785 (JCS) known answers from implementations that are not ours: cyberphone's
//! reference test data, its ES6 number-formatting file, the RFC's own examples and
//! Appendix B, and the big list of naughty strings canonicalised by three independent
//! RFC 8785 implementations.
//!
//! The data lives in `../shared/vectors` (see its README for provenance and licences)
//! and is not copied into this repository; without it these tests say they skipped and
//! pass, or fail under `LICSIG_REQUIRE_VECTORS=1` (CI). Every test asserts how many
//! cases it ran, so a shrinking vector set fails.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::path::Path;

use common::read;
use licsig::json::{canonicalize, Document};
use licsig::ErrorKind;

fn read_text(path: &Path) -> String {
    String::from_utf8(read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file names in `dir` ending in `ext`, sorted, without the extension.
fn stems(dir: &Path, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .map(|name| {
            name.strip_suffix(ext)
                .unwrap_or_else(|| panic!("unexpected file {name} in {}", dir.display()))
                .to_owned()
        })
        .collect();
    names.sort();
    names
}

/// Bytes written as whitespace-separated hex pairs.
fn unhex(text: &str) -> Vec<u8> {
    text.split_ascii_whitespace()
        .map(|pair| {
            assert_eq!(pair.len(), 2, "hex byte {pair:?}");
            u8::from_str_radix(pair, 16).unwrap_or_else(|e| panic!("hex byte {pair:?}: {e}"))
        })
        .collect()
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Checks one `<ieee754 hex>,<expected ES6 string>` pair:
/// - the expected string, parsed as a JSON text, is exactly that double and
///   canonicalises to itself (for -0, whose expected form "0" reads as +0, the text
///   `-0` is fed instead);
/// - Rust's shortest round-trip form of the double (`{:e}`, e.g. `1e21`), written by
///   code that is not ours and with different digits placement, canonicalises to the
///   expected string too.
///
/// Returns false for NaN and the infinities, which JSON cannot express.
fn check_number(hex: &str, expected: &str) -> bool {
    let bits = u64::from_str_radix(hex, 16).unwrap_or_else(|e| panic!("{hex}: {e}"));
    let f = f64::from_bits(bits);
    if !f.is_finite() {
        return false;
    }
    let text = if bits == 0x8000_0000_0000_0000 {
        assert_eq!(expected, "0", "{hex}");
        "-0"
    } else {
        expected
    };
    let doc = Document::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{hex} {text}: {e}"));
    let parsed = doc.root().as_f64().unwrap();
    assert_eq!(
        parsed.to_bits(),
        bits,
        "{hex}: {text} parsed as {parsed:e} ({:x})",
        parsed.to_bits()
    );
    assert_eq!(
        show(&doc.to_canonical()),
        expected,
        "{hex}: canonical form of {text}"
    );

    let other = format!("{f:e}");
    let canonical = canonicalize(other.as_bytes()).unwrap_or_else(|e| panic!("{hex} {other}: {e}"));
    assert_eq!(
        show(&canonical),
        expected,
        "{hex}: canonical form of {other}"
    );
    true
}

#[test]
fn cyberphone_testdata() {
    let Some(dir) = common::shared("jcs/testdata") else {
        return;
    };
    let names = stems(&dir.join("input"), ".json");
    // Strict loader: every input has both expected forms and nothing else is there.
    assert_eq!(stems(&dir.join("output"), ".json"), names);
    assert_eq!(stems(&dir.join("outhex"), ".txt"), names);
    for name in &names {
        let input = read(dir.join(format!("input/{name}.json")));
        let output = read(dir.join(format!("output/{name}.json")));
        let outhex = unhex(&read_text(&dir.join(format!("outhex/{name}.txt"))));
        assert_eq!(output, outhex, "{name}: output/ and outhex/ disagree");
        let got = canonicalize(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(show(&got), show(&output), "{name}");
        assert_eq!(got, outhex, "{name}");
        // Canonical input is a fixed point.
        assert_eq!(canonicalize(&got).unwrap(), got, "{name}: not idempotent");
    }
    println!(
        "cyberphone testdata: {} passed ({})",
        names.len(),
        names.join(", ")
    );
    assert_eq!(names.len(), 6);
}

#[test]
fn es6_number_formatting() {
    let Some(path) = common::shared("jcs/es6/es6_100k.txt") else {
        return;
    };
    let text = read_text(&path);
    let (mut passed, mut not_finite) = (0usize, 0usize);
    for (n, line) in text.lines().enumerate() {
        let (hex, expected) = line
            .split_once(',')
            .unwrap_or_else(|| panic!("line {}: {line:?}", n + 1));
        assert!(
            (1..=16).contains(&hex.len()) && !expected.is_empty() && !expected.contains(','),
            "line {}: {line:?}",
            n + 1
        );
        if check_number(hex, expected) {
            passed += 1;
        } else {
            not_finite += 1;
        }
    }
    println!("es6: {passed} passed, {not_finite} NaN/Infinity lines skipped");
    assert_eq!((passed, not_finite), (100_000, 0));
}

#[test]
fn rfc8785_appendix_b_numbers() {
    let Some(path) = common::shared("jcs/rfc8785/appendix_b_numbers.csv") else {
        return;
    };
    let text = read_text(&path);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("ieee754_hex,expected,comment"));
    let (mut passed, mut errors) = (0usize, 0usize);
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        let [hex, expected, _comment] = fields[..] else {
            panic!("{line:?}: expected three fields");
        };
        assert_eq!(hex.len(), 16, "{line:?}");
        if expected == "ERROR" {
            // NaN and the infinities have no JSON form; RFC 8785 makes them an error.
            // Our side of that: the texts people write for them are refused.
            let f = f64::from_bits(u64::from_str_radix(hex, 16).unwrap());
            assert!(!f.is_finite(), "{line:?}");
            let spelled = if f.is_nan() { "NaN" } else { "1e400" };
            let err = canonicalize(spelled.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{spelled}");
            errors += 1;
        } else {
            assert!(check_number(hex, expected), "{line:?}");
            passed += 1;
        }
    }
    println!("rfc8785 appendix B: {passed} passed, {errors} ERROR rows (NaN, Infinity) refused");
    assert_eq!((passed, errors), (24, 2));
}

#[test]
fn rfc8785_examples() {
    let Some(dir) = common::shared("jcs/rfc8785") else {
        return;
    };
    let mut passed = 0;
    for name in ["sec3.2.2_example", "sec3.2.3_sorting"] {
        let input = read(dir.join(format!("{name}.input.json")));
        let output = read(dir.join(format!("{name}.output.json")));
        let got = canonicalize(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(show(&got), show(&output), "{name}");
        passed += 1;
    }
    // §3.2.4 gives the UTF-8 bytes of the §3.2.2 example's canonical form.
    let bytes = unhex(&read_text(&dir.join("sec3.2.4_example.utf8hex.txt")));
    let got = canonicalize(&read(dir.join("sec3.2.2_example.input.json"))).unwrap();
    assert_eq!(got, bytes, "sec3.2.4");
    passed += 1;
    println!("rfc8785 examples: {passed} passed (3.2.2, 3.2.3, 3.2.4)");
    assert_eq!(passed, 3);
}

#[test]
fn big_list_of_naughty_strings() {
    let Some(dir) = common::shared("blns") else {
        return;
    };
    let mut counts = Vec::new();
    for (form, members) in [("keys", None), ("values", Some("strings"))] {
        let input = read(dir.join(format!("blns_as_{form}.input.json")));
        let expected = read(dir.join(format!("blns_as_{form}.jcs.json")));
        // The expected files hold exactly the canonical bytes, no trailing newline.
        assert_eq!(expected.last(), Some(&b'}'), "{form}");
        let got = canonicalize(&input).unwrap_or_else(|e| panic!("{form}: {e}"));
        if got != expected {
            let at = got
                .iter()
                .zip(&expected)
                .take_while(|(a, b)| a == b)
                .count();
            let from = at.saturating_sub(40);
            panic!(
                "blns as {form}: first difference at byte {at}:\n got: {}\nwant: {}",
                show(&got[from..(at + 40).min(got.len())]),
                show(&expected[from..(at + 40).min(expected.len())]),
            );
        }
        let doc = Document::parse(&input).unwrap();
        let count = match members {
            None => doc.root().as_object().unwrap().len(),
            Some(name) => doc.root().get(name).unwrap().as_array().unwrap().len(),
        };
        println!("blns as {form}: {count} strings, byte-exact");
        counts.push(count);
    }
    // blns.json holds 515 strings, 511 of them distinct (object keys must be unique).
    assert_eq!(counts, [511, 515]);
}
