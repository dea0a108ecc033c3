//! Feature `serde`: a license's own claims read into the caller's types, and a
//! `VerifiedLicense` serialized.
//!
//! Claims come from licenses signed here (with feature `sign`) or from the bundled
//! sample; each refusal is checked for its kind and its message.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use licsig::json::Document;
use licsig::{ErrorKind, KeySet, Time, Verifier};
use serde::Deserialize;

// Read by the tests that sign their own license (feature `sign`).
#[cfg(feature = "sign")]
#[derive(Debug, Deserialize, PartialEq)]
struct Support {
    tier: Tier,
    regions: Vec<String>,
    contact: Contact,
    seats: u32,
    ratio: f64,
    mode: Mode,
}

#[derive(Debug, Deserialize, PartialEq)]
enum Tier {
    Gold,
    Silver,
}

#[cfg(feature = "sign")]
#[derive(Debug, Deserialize, PartialEq)]
struct Contact {
    email: String,
    phone: Option<String>,
}

#[cfg(feature = "sign")]
#[derive(Debug, Deserialize, PartialEq)]
enum Mode {
    Trial { days: u16 },
    Paid(Vec<(String, i64)>),
}

#[cfg(feature = "sign")]
const SUPPORT: &str = r#"{"tier":"Gold","regions":["eu-west-3","us-east-1"],
    "contact":{"email":"ops@example.com","phone":null},"seats":40,"ratio":0.25,
    "mode":{"Paid":[["base",-3],["extra",9007199254740991]]}}"#;

fn document(claims: &str) -> String {
    format!(
        r#"{{"licenseArn":"arn:l-1","issuedAt":"2026-11-01T00:00:00Z","entitlementsAllowed":[{{"name":"Seats","unit":"Count","value":"25"}}],"nodeId":"node-a"{claims}}}"#
    )
}

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

fn unverified(claims: &str) -> licsig::License {
    licsig::unverified::license_document(document(claims).as_bytes())
        .unwrap()
        .into_unverified()
}

/// The kind and message of a refused claim.
fn refusal<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    license: &licsig::License,
    name: &str,
) -> (ErrorKind, String) {
    let err = license.claim::<T>(name).unwrap_err();
    (err.kind(), err.message().to_owned())
}

/// A nested claim of a license signed here reads into the caller's own types:
/// structs, unit and struct-like enum variants, options, sequences, tuples, negative
/// integers and the largest integer a double holds exactly.
#[cfg(feature = "sign")]
#[test]
fn a_signed_claim_reads_into_the_callers_types() {
    let pem = include_bytes!("../test-vectors/keys/rsa2048-PRIVATE-test-only.pem");
    let signer = licsig::Signer::from_pkcs8(pem, licsig::Algorithm::Ps256).unwrap();
    let verifier =
        Verifier::new(KeySet::from_keys([signer.public_key().clone()]).unwrap()).node_id("node-a");
    let doc = document(&format!(
        r#","support":{SUPPORT},"trial":{{"Trial":{{"days":30}}}}"#
    ));
    let token = signer.sign_token(doc.as_bytes()).unwrap();
    let license = verifier
        .verify(token.as_bytes(), at("2026-11-22T00:00:00Z"))
        .unwrap();
    // Through VerifiedLicense's Deref to License.
    assert_eq!(
        license.claim::<Support>("support").unwrap(),
        Some(Support {
            tier: Tier::Gold,
            regions: vec!["eu-west-3".into(), "us-east-1".into()],
            contact: Contact {
                email: "ops@example.com".into(),
                phone: None,
            },
            seats: 40,
            ratio: 0.25,
            mode: Mode::Paid(vec![
                ("base".into(), -3),
                ("extra".into(), 9_007_199_254_740_991),
            ]),
        })
    );
    assert_eq!(
        license.claim::<Mode>("trial").unwrap(),
        Some(Mode::Trial { days: 30 })
    );
    assert_eq!(license.claim::<Mode>("absent").unwrap(), None);
}

/// An absent claim is `None`; a present one of the wrong type is malformed, with the
/// claim's name and serde's reason, never "absent" — `null` included, except for an
/// `Option`.
#[test]
fn a_wrong_type_is_malformed_and_an_absent_claim_is_none() {
    let license = unverified(r#","seats":"40","tier":"Platinum","gone":null,"pair":[1,2,3]"#);
    assert_eq!(license.claim::<u32>("missing").unwrap(), None);
    assert_eq!(
        refusal::<u32>(&license, "seats"),
        (
            ErrorKind::Malformed,
            r#"claim "seats": invalid type: string "40", expected u32"#.to_owned()
        )
    );
    assert_eq!(
        refusal::<Tier>(&license, "tier"),
        (
            ErrorKind::Malformed,
            r#"claim "tier": unknown variant `Platinum`, expected `Gold` or `Silver`"#.to_owned()
        )
    );
    assert_eq!(
        refusal::<u32>(&license, "gone"),
        (
            ErrorKind::Malformed,
            r#"claim "gone": invalid type: null, expected u32"#.to_owned()
        )
    );
    assert_eq!(license.claim::<Option<u32>>("gone").unwrap(), Some(None));
    assert_eq!(
        refusal::<(u8, u8)>(&license, "pair"),
        (
            ErrorKind::Malformed,
            r#"claim "pair": invalid length 3, expected fewer elements in array"#.to_owned()
        )
    );
    assert_eq!(
        refusal::<u8>(&unverified(r#","small":256"#), "small"),
        (
            ErrorKind::Malformed,
            r#"claim "small": invalid value: integer `256`, expected u8"#.to_owned()
        )
    );
}

/// The members licsig reads itself are not claims: asking for one is an error, not
/// "absent".
#[test]
fn a_known_member_is_not_a_claim() {
    let license = unverified("");
    assert_eq!(
        refusal::<String>(&license, "nodeId"),
        (
            ErrorKind::Malformed,
            r#""nodeId" is a member licsig reads itself: use its accessor on License, not claim"#
                .to_owned()
        )
    );
}

/// Integers are exact within ±(2^53 − 1). From 2^53 up a number is a double only:
/// an integer type refuses it, `f64` gets the double, whatever the literal.
#[test]
fn integers_beyond_two_to_the_53_are_doubles_only() {
    let license = unverified(
        r#","max":9007199254740991,"min":-9007199254740991,"edge":9007199254740992,"odd":9007199254740993,"big":18446744073709551615,"neg":-9223372036854775808"#,
    );
    assert_eq!(
        license.claim::<u64>("max").unwrap(),
        Some(9_007_199_254_740_991)
    );
    assert_eq!(
        license.claim::<i64>("min").unwrap(),
        Some(-9_007_199_254_740_991)
    );
    for (name, shown) in [
        ("edge", "9007199254740992.0"),
        ("odd", "9007199254740992.0"),
        ("big", "18446744073709552000.0"),
    ] {
        assert_eq!(
            refusal::<u64>(&license, name),
            (
                ErrorKind::Malformed,
                format!("claim \"{name}\": invalid type: floating point `{shown}`, expected u64")
            )
        );
    }
    assert_eq!(
        refusal::<i64>(&license, "neg").0,
        ErrorKind::Malformed,
        "i64::MIN is a double only"
    );
    assert_eq!(
        license.claim::<f64>("odd").unwrap(),
        Some(9_007_199_254_740_992.0)
    );
    assert_eq!(
        license.claim::<f64>("big").unwrap(),
        Some(18_446_744_073_709_551_616.0)
    );
}

/// Why: in a license file the signature covers the RFC 8785 form, where
/// `9007199254740993` is `9007199254740992`. The file's text can be changed from one
/// to the other under the same signature, and both read the same.
#[cfg(feature = "sign")]
#[test]
fn a_big_integer_in_a_license_file_is_not_what_the_signature_fixes() {
    let pem = include_bytes!("../test-vectors/keys/rsa2048-PRIVATE-test-only.pem");
    let signer = licsig::Signer::from_pkcs8(pem, licsig::Algorithm::Ps256).unwrap();
    let verifier =
        Verifier::new(KeySet::from_keys([signer.public_key().clone()]).unwrap()).node_id("node-a");
    let file = signer
        .sign_license_file(document(r#","serial":9007199254740992"#).as_bytes())
        .unwrap();
    let edited = file.replace("9007199254740992", "9007199254740993");
    assert_ne!(edited, file);
    for text in [&file, &edited] {
        let license = verifier
            .verify(text.as_bytes(), at("2026-11-22T00:00:00Z"))
            .unwrap();
        assert_eq!(
            license.claim::<u64>("serial").unwrap_err().kind(),
            ErrorKind::Malformed
        );
        assert_eq!(
            license.claim::<f64>("serial").unwrap(),
            Some(9_007_199_254_740_992.0)
        );
    }
}

/// A parsed value is itself a deserializer: strings borrow from the text.
#[test]
fn a_json_value_deserializes_and_borrows() {
    #[derive(Deserialize)]
    struct Borrowed<'a> {
        name: &'a str,
        list: Vec<bool>,
    }
    let doc = Document::parse(br#"{"list":[true,false],"name":"plain"}"#).unwrap();
    let b = Borrowed::deserialize(doc.root()).unwrap();
    assert_eq!((b.name, b.list), ("plain", vec![true, false]));
}

/// The sample license file, verified, serializes to the form, key id, algorithm and
/// the signed document — and nothing from around the signature.
#[test]
fn a_verified_license_serializes() {
    let keys =
        KeySet::from_pem(include_str!("../test-vectors/sample/vendor-public-key.pem")).unwrap();
    let verifier = Verifier::new(keys).node_id("100.20.15.10");
    let bytes = include_bytes!("../test-vectors/sample/license-file.json");
    let license = verifier.verify(bytes, at("2026-11-22T12:00:00Z")).unwrap();
    let expected = concat!(
        r#"{"form":"license_file","#,
        r#""kid":"428ef18f2a31dd4be16db9bb1cdfbc142b5f04dcb6b1e9ef550ece493b625038","#,
        r#""algorithm":"PS256","license":{"#,
        r#""checkoutMetadata":{"Customer":"Example Corp","Tier":"Enterprise"},"#,
        r#""entitlementsAllowed":["#,
        r#"{"name":"Seats","unit":"Count","value":"25"},"#,
        r#"{"name":"Feature.Export","unit":"None","value":"true"},"#,
        r#"{"name":"Storage","unit":"Gigabytes","value":"500"},"#,
        r#"{"name":"Région","unit":"None","value":"eu-west-3"}],"#,
        r#""expiration":"2036-11-01T00:00:00","issuedAt":"2026-11-01T00:00:00","#,
        r#""licenseArn":"arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1","#,
        r#""licenseConsumptionToken":"88bd3aa8-7ef7-4a4b-8bce-d6a2a1a3b47c","#,
        r#""nodeId":"100.20.15.10"}}"#
    );
    assert_eq!(serde_json::to_string(&license).unwrap(), expected);
}

/// Numbers serialize as they deserialize: whole numbers within ±(2^53 − 1) as
/// integers, the rest as doubles.
#[test]
fn a_json_value_serializes_its_numbers_as_it_reads_them() {
    let doc = Document::parse(
        br#"{"a":[1.0,-0,1e3,0.5,-9007199254740991,9007199254740992,1e300],"b":{"z":null,"y":"\u00e9"}}"#,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&doc).unwrap(),
        r#"{"a":[1,0,1000,0.5,-9007199254740991,9007199254740992.0,1e+300],"b":{"y":"é","z":null}}"#
    );
}
