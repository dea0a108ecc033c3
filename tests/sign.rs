//! The issuing side (feature `sign`).
//!
//! - Known answers: RSASSA-PKCS1-v1_5 and Ed25519 are deterministic, so licsig's
//!   signatures with the corpus's private keys must equal, byte for byte, those that
//!   Python `cryptography` made for the valid vectors of `test-vectors/licenses/`:
//!   the whole detached signature text, the whole `signatures` entry of a license
//!   file when the corpus wrote the same protected header, and the token signature
//!   over the corpus token's own signing input (PyJWT serialises headers and payloads
//!   differently from licsig, so whole tokens cannot match).
//! - Round trips: every algorithm × form, signed by licsig and verified by licsig's
//!   `Verifier` (what the cross-check script verifies with PyJWT and `cryptography`).
//! - Refusals: documents that are not licenses, keys that do not fit, and external
//!   signers that lie about their key or return malformed ECDSA.
//! - ML-DSA through an external signer as AWS KMS signs it: the message up to 4096
//!   bytes, its external μ beyond, with μ checked against `hashlib.shake_256`'s.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use common::read_test_vector;
use licsig::alg::{Curve, EcdsaEncoding};
use licsig::hazmat::{ecdsa_der_to_fixed, ecdsa_fixed_to_der};
use licsig::sign::{ml_dsa_external_mu, ExternalSigner, SignedForm};
use licsig::{Algorithm, Error, ErrorKind, Form, KeySet, PublicKey, Signer, Time, Verifier};
use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, MlDsaParams};
use serde_json::Value;

/// The corpus keys licsig can sign with, and the algorithms each signs.
const KEYS: [(&str, &[Algorithm]); 6] = [
    ("rsa2048", &RSA),
    ("rsa3072", &RSA),
    ("rsa4096", &RSA),
    ("ec-p256", &[Algorithm::Es256]),
    ("ec-p384", &[Algorithm::Es384]),
    ("ed25519", &[Algorithm::EdDsa]),
];
const RSA: [Algorithm; 6] = [
    Algorithm::Ps256,
    Algorithm::Ps384,
    Algorithm::Ps512,
    Algorithm::Rs256,
    Algorithm::Rs384,
    Algorithm::Rs512,
];

fn private(name: &str) -> Vec<u8> {
    read_test_vector(&format!("licenses/keys/private/{name}.pk8.pem"))
}

fn public(name: &str) -> KeySet {
    KeySet::from_bytes(&read_test_vector(&format!("licenses/keys/{name}.pub.pem"))).unwrap()
}

fn signer(name: &str, alg: Algorithm) -> Signer {
    Signer::from_pkcs8(&private(name), alg).unwrap()
}

fn deterministic(alg: Algorithm) -> bool {
    matches!(
        alg,
        Algorithm::Rs256 | Algorithm::Rs384 | Algorithm::Rs512 | Algorithm::EdDsa
    )
}

fn now() -> Time {
    Time::parse("2026-11-22T00:00:00Z").unwrap()
}

fn sample() -> Vec<u8> {
    read_test_vector("sample/license.json")
}

// ---- round trips -----------------------------------------------------------------

#[test]
fn every_algorithm_and_form_round_trips() {
    let doc = sample();
    let canonical = licsig::json::canonicalize(&doc).unwrap();
    let mut counts: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for (name, algs) in KEYS {
        let keys = public(name);
        let verifier = Verifier::new(keys.clone()).node_id("100.20.15.10");
        for &alg in algs {
            let s = signer(name, alg);
            assert_eq!(s.kid(), keys.iter().next().unwrap().kid(), "{name}");
            for (signed, form) in [
                (SignedForm::Token, Form::Token),
                (SignedForm::LicenseFile, Form::LicenseFile),
                (SignedForm::Detached, Form::Detached),
            ] {
                let out = s.sign(&doc, signed).unwrap();
                let v = match form {
                    Form::Detached => {
                        assert!(out.ends_with(b"\n"));
                        verifier.verify_detached(&doc, &out, alg, None, now())
                    }
                    _ => verifier.verify(&out, now()),
                }
                .unwrap_or_else(|e| panic!("{name} {alg} {form}: {e}"));
                assert_eq!(
                    (v.algorithm(), v.kid(), v.form()),
                    (alg, s.kid(), form),
                    "{name} {alg} {form}"
                );
                assert_eq!(v.signed_document(), canonical, "{name} {alg} {form}");
                assert_eq!(v.entitlement("Seats").unwrap().count().unwrap(), 25);
                *counts.entry((alg.to_string(), form.as_str())).or_default() += 1;
            }
            // The raw detached bytes and the compact license file verify too.
            let raw = s.sign_detached(&doc).unwrap();
            verifier
                .verify_detached(&doc, &raw, alg, Some(s.kid()), now())
                .unwrap();
            let compact = s.sign_license_file_compact(&doc).unwrap();
            assert_eq!(
                licsig::json::canonicalize(compact.as_bytes()).unwrap(),
                compact.as_bytes(),
                "the compact license file is its own JCS form"
            );
            verifier.verify(compact.as_bytes(), now()).unwrap();
        }
    }
    // 9 algorithms; RSA ones with 3 key sizes: 21 pairs × 3 forms.
    assert_eq!(counts.values().sum::<usize>(), 63);
    eprintln!("round trips (algorithm, form) -> count: {counts:?}");
}

#[test]
fn token_and_file_layout() {
    let s = signer("ed25519", Algorithm::EdDsa);
    let doc = sample();
    let canonical = licsig::json::canonicalize(&doc).unwrap();
    let header = format!(r#"{{"alg":"EdDSA","kid":"{}"}}"#, s.kid());
    let token = s.sign_token(&doc).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(URL_SAFE_NO_PAD.decode(parts[0]).unwrap(), header.as_bytes());
    assert_eq!(URL_SAFE_NO_PAD.decode(parts[1]).unwrap(), canonical);
    assert!(!token.ends_with('\n'));

    let file = s.sign_license_file(&doc).unwrap();
    assert!(file.starts_with("{\n  \"license\": {\n    \"checkoutMetadata\": {\n"));
    assert!(file.ends_with("\n    }\n  ]\n}\n"));
    assert!(
        file.contains("\"Région\""),
        "non-ASCII stays as written by JCS"
    );
    let parsed: Value = serde_json::from_str(&file).unwrap();
    let sig = &parsed["signatures"][0];
    assert_eq!(
        sig["protected"].as_str().unwrap(),
        URL_SAFE_NO_PAD.encode(header.as_bytes())
    );
    // The signature entry is the same in both layouts (Ed25519 is deterministic).
    let compact: Value = serde_json::from_str(&s.sign_license_file_compact(&doc).unwrap()).unwrap();
    assert_eq!(compact, parsed);

    let custom = signer("ed25519", Algorithm::EdDsa)
        .with_kid("vendor-2026")
        .unwrap();
    let keys = KeySet::from_bytes(
        &read_test_vector("licenses/keys/ed25519.pub.pem")
            .into_iter()
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let key = keys
        .iter()
        .next()
        .unwrap()
        .clone()
        .with_kid("vendor-2026")
        .unwrap();
    let mut renamed = KeySet::new();
    renamed.insert(key).unwrap();
    let v = Verifier::new(renamed)
        .node_id("100.20.15.10")
        .verify(custom.sign_token(&doc).unwrap().as_bytes(), now())
        .unwrap();
    assert_eq!(v.kid(), "vendor-2026");
    let err = signer("ed25519", Algorithm::EdDsa)
        .with_kid("")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "empty kid: {err}");
}

// ---- known answers from the corpus ------------------------------------------------

/// Every private key of the corpus, as (kid, name).
fn kid_names() -> BTreeMap<String, &'static str> {
    KEYS.iter()
        .map(|(name, algs)| (signer(name, algs[0]).kid().to_owned(), *name))
        .collect()
}

/// The valid vectors of `algorithms.json` and `valid.json`.
fn valid_vectors() -> Vec<Value> {
    let mut out = Vec::new();
    for group in ["algorithms", "valid"] {
        let file: Value =
            serde_json::from_slice(&read_test_vector(&format!("licenses/{group}.json"))).unwrap();
        for v in file["vectors"].as_array().unwrap() {
            if v["expected"] == "valid" {
                out.push(v.clone());
            }
        }
    }
    out
}

fn vector_input(v: &Value) -> Vec<u8> {
    match v.get("input") {
        Some(text) => text.as_str().unwrap().as_bytes().to_vec(),
        None => STANDARD
            .decode(v["input_base64"].as_str().unwrap())
            .unwrap(),
    }
}

/// The kids of a vector's trusted keys.
fn vector_kids(v: &Value) -> Vec<String> {
    v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            KeySet::from_bytes(&read_test_vector(p.as_str().unwrap()))
                .unwrap()
                .iter()
                .map(|k| k.kid().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[derive(Default, Debug)]
struct Tally {
    /// (form, algorithm) → signatures compared byte for byte.
    exact: BTreeMap<(String, String), usize>,
    /// Of which the whole signed artefact (file entry, detached text) was equal.
    whole: usize,
}

#[test]
fn deterministic_signatures_equal_the_corpus() {
    let names = kid_names();
    let mut tally = Tally::default();
    for v in valid_vectors() {
        let id = v["id"].as_str().unwrap();
        let input = vector_input(&v);
        match v["form"].as_str().unwrap() {
            "detached" => {
                let alg = Algorithm::from_name(v["detached_alg"].as_str().unwrap()).unwrap();
                if !deterministic(alg) {
                    continue;
                }
                // The signer is one of the trusted keys; exactly one must reproduce it.
                let expected = v["signature"].as_str().unwrap();
                let matches = vector_kids(&v)
                    .iter()
                    .filter_map(|kid| names.get(kid))
                    .filter(|name| {
                        Signer::from_pkcs8(&private(name), alg)
                            .map(|s| s.sign_detached_base64(&input).unwrap() == expected)
                            .unwrap_or(false)
                    })
                    .count();
                assert_eq!(
                    matches, 1,
                    "{id}: licsig's detached {alg} signature differs"
                );
                *tally
                    .exact
                    .entry(("detached".into(), alg.to_string()))
                    .or_default() += 1;
                tally.whole += 1;
            }
            "license_file" => {
                let doc = licsig::json::Document::parse(&input).unwrap();
                let license = doc.root().get("license").unwrap().to_canonical();
                let file: Value = serde_json::from_slice(&input).unwrap();
                for entry in file["signatures"].as_array().unwrap() {
                    let protected = entry["protected"].as_str().unwrap();
                    let header: Value =
                        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(protected).unwrap())
                            .unwrap();
                    let alg = Algorithm::from_jose(header["alg"].as_str().unwrap()).unwrap();
                    let Some(name) = names.get(header["kid"].as_str().unwrap()) else {
                        continue; // an attacker key: not ours to reproduce
                    };
                    if !deterministic(alg) {
                        continue;
                    }
                    let s = signer(name, alg);
                    let mine: Value =
                        serde_json::from_str(&s.sign_license_file_compact(&license).unwrap())
                            .unwrap();
                    let mine = &mine["signatures"][0];
                    if mine["protected"] == entry["protected"] {
                        assert_eq!(mine, entry, "{id}: license file signature entry differs");
                        tally.whole += 1;
                    } else {
                        // Another header serialisation: compare over the corpus's input.
                        let payload = URL_SAFE_NO_PAD.encode(&license);
                        let message = format!("{protected}.{payload}");
                        let sig = s
                            .sign_message(message.as_bytes(), EcdsaEncoding::Fixed)
                            .unwrap();
                        assert_eq!(
                            URL_SAFE_NO_PAD.encode(sig),
                            entry["signature"].as_str().unwrap(),
                            "{id}"
                        );
                    }
                    *tally
                        .exact
                        .entry(("license_file".into(), alg.to_string()))
                        .or_default() += 1;
                }
            }
            "token" => {
                let text = std::str::from_utf8(&input).unwrap();
                let (signing_input, sig) = text.rsplit_once('.').unwrap();
                let (h, _) = signing_input.split_once('.').unwrap();
                let header: Value =
                    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).unwrap()).unwrap();
                let alg = Algorithm::from_jose(header["alg"].as_str().unwrap()).unwrap();
                if !deterministic(alg) {
                    continue;
                }
                let candidates: Vec<&str> = match header.get("kid") {
                    Some(kid) => names
                        .get(kid.as_str().unwrap())
                        .copied()
                        .into_iter()
                        .collect(),
                    None => vector_kids(&v)
                        .iter()
                        .filter_map(|k| names.get(k).copied())
                        .collect(),
                };
                let matches = candidates
                    .iter()
                    .filter(|name| {
                        Signer::from_pkcs8(&private(name), alg)
                            .map(|s| {
                                URL_SAFE_NO_PAD.encode(
                                    s.sign_message(signing_input.as_bytes(), EcdsaEncoding::Fixed)
                                        .unwrap(),
                                ) == sig
                            })
                            .unwrap_or(false)
                    })
                    .count();
                assert_eq!(matches, 1, "{id}: licsig's {alg} token signature differs");
                *tally
                    .exact
                    .entry(("token".into(), alg.to_string()))
                    .or_default() += 1;
            }
            _ => {}
        }
    }
    eprintln!(
        "known answers (form, algorithm) -> count: {:?}; whole artefacts equal: {}",
        tally.exact, tally.whole
    );
    // Exact, so that a corpus change is noticed: 72 signatures compared, of which 33
    // whole artefacts (15 detached signature texts, 18 license-file entries).
    let total: usize = tally.exact.values().sum();
    assert_eq!((total, tally.whole), (72, 33));
    for form in ["token", "license_file", "detached"] {
        for alg in ["RS256", "RS384", "RS512", "EdDSA"] {
            assert!(
                tally.exact.contains_key(&(form.to_owned(), alg.to_owned())),
                "no known answer for {form} {alg}"
            );
        }
    }
}

// ---- ECDSA encodings against the corpus's independent DER --------------------------

#[test]
fn ecdsa_der_from_the_corpus_converts_both_ways() {
    let mut n = 0;
    for v in valid_vectors() {
        if v["form"] != "detached" {
            continue;
        }
        let alg = Algorithm::from_name(v["detached_alg"].as_str().unwrap()).unwrap();
        let curve = match alg {
            Algorithm::Es256 => Curve::P256,
            Algorithm::Es384 => Curve::P384,
            _ => continue,
        };
        let der = STANDARD
            .decode(v["signature"].as_str().unwrap().trim())
            .unwrap();
        let fixed = ecdsa_der_to_fixed(&der, curve).unwrap();
        assert_eq!(fixed.len(), 2 * curve.coordinate_len());
        assert_eq!(
            ecdsa_fixed_to_der(&fixed, curve).unwrap(),
            der,
            "{}",
            v["id"]
        );
        // The fixed form verifies where the DER did.
        let input = vector_input(&v);
        let canonical = licsig::json::canonicalize(&input).unwrap();
        let keys = KeySet::from_bytes(&read_test_vector(v["keys"][0].as_str().unwrap())).unwrap();
        let key = keys.iter().next().unwrap();
        licsig::hazmat::verify(alg, key, &canonical, &fixed, EcdsaEncoding::Fixed).unwrap();
        licsig::hazmat::verify(alg, key, &canonical, &der, EcdsaEncoding::Der).unwrap();
        n += 1;
    }
    assert!(n >= 3, "{n} ECDSA detached vectors");
}

#[test]
fn ecdsa_conversion_refuses_what_is_not_a_signature() {
    let p256 = Curve::P256;
    // r = 0x80 needs a sign byte in DER.
    let mut fixed = vec![0u8; 64];
    fixed[31] = 0x80;
    fixed[63] = 0x01;
    let der = ecdsa_fixed_to_der(&fixed, p256).unwrap();
    assert_eq!(der, [0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01]);
    assert_eq!(ecdsa_der_to_fixed(&der, p256).unwrap(), fixed);
    // A full-width r with the top bit set: 33-byte INTEGER, 32-byte field.
    let full = vec![0xffu8; 64];
    let der = ecdsa_fixed_to_der(&full, p256).unwrap();
    assert_eq!(ecdsa_der_to_fixed(&der, p256).unwrap(), full);
    assert_eq!(
        ecdsa_der_to_fixed(&der, Curve::P384).unwrap().len(),
        96,
        "P-256 values fit P-384"
    );
    for (bad, what) in [
        (
            &[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01][..],
            "r zero",
        ),
        (
            &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x81],
            "s negative",
        ),
        (
            &[0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01],
            "non-minimal",
        ),
        (
            &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00],
            "trailing",
        ),
        (&[0x30, 0x03, 0x02, 0x01, 0x01], "no s"),
        (
            &[0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
            "long form",
        ),
        (&[], "empty"),
    ] {
        let err = ecdsa_der_to_fixed(bad, p256).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadSignature, "{what}");
    }
    let mut long = vec![0x30, 0x26, 0x02, 0x21, 0x01];
    long.extend([0u8; 32]);
    long.extend([0x02, 0x01, 0x01]);
    assert_eq!(
        ecdsa_der_to_fixed(&long, p256).unwrap_err().kind(),
        ErrorKind::BadSignature,
        "r wider than the curve"
    );
    let mut zero_s = vec![1u8; 64];
    zero_s[32..].fill(0);
    for (bad, what) in [(&[1u8; 63][..], "63 bytes"), (&zero_s, "s zero")] {
        let err = ecdsa_fixed_to_der(bad, p256).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadSignature, "{what}: {err}");
    }
}

// ---- refusals --------------------------------------------------------------------

#[test]
fn refuses_to_sign_what_is_not_a_license() {
    let s = signer("ed25519", Algorithm::EdDsa);
    let license_file = s.sign_license_file(&sample()).unwrap();
    for (doc, what) in [
        (&b"not json"[..], "not JSON"),
        (b"[]", "an array"),
        (b"{}", "no members"),
        (
            br#"{"issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
            "no licenseArn",
        ),
        (
            br#"{"licenseArn":"a","issuedAt":"2026-13-01T00:00:00","entitlementsAllowed":[]}"#,
            "month 13",
        ),
        (
            br#"{"licenseArn":"a","licenseArn":"b","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
            "duplicate member",
        ),
        (
            br#"{"licenseArn":"a","NodeId":"x","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
            "case variant",
        ),
        (
            br#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","expiration":"2026-10-01T00:00:00","entitlementsAllowed":[]}"#,
            "expires before issued",
        ),
        (license_file.as_bytes(), "an already signed license file"),
        (b"\xEF\xBB\xBF{}", "BOM"),
    ] {
        for form in [SignedForm::Token, SignedForm::LicenseFile, SignedForm::Detached] {
            let err = s.sign(doc, form).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{what} {form:?}: {err}");
            assert!(err.message().starts_with("refusing to sign"), "{err}");
        }
    }
    let deep = format!(
        r#"{{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[],"x":{}{}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    assert_eq!(
        s.sign_token(deep.as_bytes()).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn refuses_keys_that_do_not_fit() {
    for (name, alg) in [
        ("rsa2048", Algorithm::Es256),
        ("rsa2048", Algorithm::EdDsa),
        ("ec-p256", Algorithm::Es384),
        ("ec-p256", Algorithm::Ps256),
        ("ec-p384", Algorithm::Es256),
        ("ed25519", Algorithm::Rs256),
    ] {
        let err = Signer::from_pkcs8(&private(name), alg).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyMismatch, "{name} {alg}: {err}");
    }
    // P-521: ring cannot sign with it.
    let err = Signer::from_pkcs8(&private("ec-p521"), Algorithm::Es256).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    // A public key is not a private key.
    let err = Signer::from_pkcs8(
        &read_test_vector("licenses/keys/rsa2048.pub.pem"),
        Algorithm::Rs256,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    // DER input works as PEM does.
    let pem = String::from_utf8(private("ec-p256")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    let s = Signer::from_pkcs8(&der, Algorithm::Es256).unwrap();
    assert_eq!(s.kid(), signer("ec-p256", Algorithm::Es256).kid());
}

// ---- external signers --------------------------------------------------------------

/// Stands in for AWS KMS: signs with a local key and returns ECDSA as DER, as KMS does.
struct FakeKms {
    inner: Signer,
    public: PublicKey,
    encoding: EcdsaEncoding,
}

impl FakeKms {
    fn new(name: &str, alg: Algorithm, encoding: EcdsaEncoding) -> Self {
        let inner = signer(name, alg);
        let public = inner.public_key().clone();
        Self {
            inner,
            public,
            encoding,
        }
    }
}

impl ExternalSigner for FakeKms {
    fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        assert_eq!(alg, self.inner.algorithm());
        self.inner.sign_message(message, self.encoding)
    }
    fn public_key(&self) -> &PublicKey {
        &self.public
    }
    fn ecdsa_encoding(&self) -> EcdsaEncoding {
        self.encoding
    }
}

#[test]
fn external_signers_in_every_form() {
    let doc = sample();
    let mut n = 0;
    for (name, algs) in KEYS {
        let verifier = Verifier::new(public(name)).node_id("100.20.15.10");
        for &alg in algs {
            for encoding in [EcdsaEncoding::Der, EcdsaEncoding::Fixed] {
                let s = Signer::external(FakeKms::new(name, alg, encoding), alg).unwrap();
                verifier
                    .verify(s.sign_token(&doc).unwrap().as_bytes(), now())
                    .unwrap();
                verifier
                    .verify(s.sign_license_file(&doc).unwrap().as_bytes(), now())
                    .unwrap();
                let sig = s.sign_detached(&doc).unwrap();
                verifier
                    .verify_detached(&doc, &sig, alg, None, now())
                    .unwrap_or_else(|e| panic!("{name} {alg} {encoding:?}: {e}"));
                n += 1;
            }
        }
    }
    assert_eq!(n, 42);
}

/// Claims one key, signs with another.
struct Liar {
    claimed: PublicKey,
    actual: Signer,
}

impl ExternalSigner for Liar {
    fn sign(&self, _: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        self.actual.sign_message(message, EcdsaEncoding::Der)
    }
    fn public_key(&self) -> &PublicKey {
        &self.claimed
    }
}

/// Returns garbage, or fails as a KMS call can.
struct Broken(PublicKey, Option<ErrorKind>);

impl ExternalSigner for Broken {
    fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, Error> {
        match self.1 {
            Some(kind) => Err(Error::new(kind, "KMS: AccessDeniedException")),
            None => Ok(vec![0x30, 0x00]),
        }
    }
    fn public_key(&self) -> &PublicKey {
        &self.0
    }
}

#[test]
fn external_signers_are_checked() {
    let doc = sample();
    let claimed = signer("rsa3072", Algorithm::Ps384).public_key().clone();
    let liar = Liar {
        claimed,
        actual: signer("rsa2048", Algorithm::Ps384),
    };
    let s = Signer::external(liar, Algorithm::Ps384).unwrap();
    let err = s.sign_token(&doc).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadSignature, "{err}");
    assert!(err.message().contains("not that key"), "{err}");

    let p256 = signer("ec-p256", Algorithm::Es256).public_key().clone();
    let s = Signer::external(Broken(p256.clone(), None), Algorithm::Es256).unwrap();
    let err = s.sign_token(&doc).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadSignature);
    assert!(err.message().contains("malformed ECDSA"), "{err}");

    let s = Signer::external(
        Broken(p256.clone(), Some(ErrorKind::InvalidKey)),
        Algorithm::Es256,
    )
    .unwrap();
    assert_eq!(
        s.sign_detached(&doc).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );

    let err = Signer::external(Broken(p256, None), Algorithm::Ps256).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyMismatch);
}

#[test]
fn the_public_half_of_a_private_key_has_the_public_files_key_id() {
    for name in [
        "rsa2048",
        "rsa3072",
        "rsa4096",
        "ec-p256",
        "ec-p384",
        "ed25519",
        "attacker-rsa2048",
    ] {
        let half = licsig::sign::public_key_from_pkcs8(&private(name)).unwrap();
        let file = public(name);
        let [key] = file.iter().collect::<Vec<_>>()[..] else {
            panic!("{name}: one key")
        };
        assert_eq!(half.kid(), key.kid(), "{name}");
        assert_eq!(half.to_string(), key.to_string(), "{name}");
    }
    let err =
        licsig::sign::public_key_from_pkcs8(&read_test_vector("licenses/keys/rsa2048.pub.pem"))
            .unwrap_err();
    assert_eq!(err.kind(), licsig::ErrorKind::InvalidKey, "{err}");
}

/// Whether licsig signs ML-DSA deterministically, as dilithium-py does: under ring
/// (RustCrypto's `ml-dsa`), not under aws-lc, whose aws-lc-rs signs hedged (FIPS 204's
/// default, fresh randomness in every signature).
const DETERMINISTIC_ML_DSA: bool = !cfg!(feature = "aws-lc");

/// ML-DSA, known answers. From the corpus's PKCS#8 seeds licsig derives dilithium-py's
/// public keys (make_mldsa.py). Under ring, FIPS 204's deterministic variant, which
/// dilithium-py signs with too, gives the corpus's signatures byte for byte — the
/// detached signature text, the license file's `signatures` entry, and the token
/// signature over the corpus token's signing input; under aws-lc, each of the same
/// signatures must verify instead. The KMS name signs with the key's parameter set,
/// and another set's name is refused before signing.
#[test]
fn ml_dsa_signatures_equal_dilithium_py() {
    let corpus: Value = serde_json::from_slice(&read_test_vector("licenses/mldsa.json")).unwrap();
    let vector = |id: &str| -> Value {
        corpus["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    for (name, alg) in [
        ("mldsa44", Algorithm::MlDsa44),
        ("mldsa65", Algorithm::MlDsa65),
        ("mldsa87", Algorithm::MlDsa87),
    ] {
        let keys = public(name);
        let theirs = keys.iter().next().unwrap();
        let s = signer(name, alg);
        assert_eq!(s.public_key().spki_der(), theirs.spki_der(), "{name}");
        assert_eq!(s.public_key().kid(), theirs.kid(), "{name}");
        // The test's expectation follows the backend that signs, as the signer names it.
        assert_eq!(
            format!("{s:?}").contains("aws-lc-rs"),
            !DETERMINISTIC_ML_DSA,
            "{s:?}"
        );
        let kms = signer(name, Algorithm::MlDsaShake256);
        assert_eq!(kms.algorithm(), alg, "{name}: the KMS name resolves");

        let v = vector(&format!("{name}-detached"));
        let document = v["input"].as_str().unwrap().as_bytes();
        assert_eq!(
            s.sign_detached(document).unwrap() == s.sign_detached(document).unwrap(),
            DETERMINISTIC_ML_DSA,
            "{name}: signing twice gives the same bytes under ring only"
        );
        for signer in [&s, &kms] {
            let ours = signer.sign_detached_base64(document).unwrap();
            if DETERMINISTIC_ML_DSA {
                assert_eq!(ours, v["signature"].as_str().unwrap(), "{name} detached");
            } else {
                let verified = Verifier::new(keys.clone())
                    .verify_detached(document, ours.as_bytes(), alg, None, now())
                    .unwrap();
                assert_eq!(verified.algorithm(), alg, "{name} detached");
            }
        }

        let v = vector(&format!("{name}-license-file"));
        let file: Value = serde_json::from_str(v["input"].as_str().unwrap()).unwrap();
        let license = serde_json::to_vec(&file["license"]).unwrap();
        let ours = s.sign_license_file(&license).unwrap();
        let ours_json: Value = serde_json::from_str(&ours).unwrap();
        if DETERMINISTIC_ML_DSA {
            assert_eq!(
                ours_json["signatures"], file["signatures"],
                "{name} license file"
            );
        } else {
            assert_eq!(
                ours_json["signatures"][0]["protected"], file["signatures"][0]["protected"],
                "{name} license file"
            );
            let verified = Verifier::new(keys.clone())
                .verify(ours.as_bytes(), now())
                .unwrap();
            assert_eq!(verified.form(), Form::LicenseFile, "{name} license file");
        }

        let v = vector(&format!("{name}-token"));
        let token = v["input"].as_str().unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        let ours = s
            .sign_message(input.as_bytes(), EcdsaEncoding::Fixed)
            .unwrap();
        if DETERMINISTIC_ML_DSA {
            assert_eq!(URL_SAFE_NO_PAD.encode(ours), sig, "{name} token");
        } else {
            let ours = format!("{input}.{}", URL_SAFE_NO_PAD.encode(ours));
            let verified = Verifier::new(keys.clone())
                .verify(ours.as_bytes(), now())
                .unwrap();
            assert_eq!(verified.form(), Form::Token, "{name} token");
        }

        // A token licsig signs verifies, and names the parameter set.
        let token = kms.sign_token(&license).unwrap();
        let verified = Verifier::new(keys).verify(token.as_bytes(), now()).unwrap();
        assert_eq!(verified.algorithm(), alg);
        assert_eq!(verified.form(), Form::Token);
    }
    let err = Signer::from_pkcs8(&private("mldsa44"), Algorithm::MlDsa65).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyMismatch, "{err}");
    let err = Signer::from_pkcs8(&private("mldsa44"), Algorithm::EdDsa).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyMismatch, "{err}");
}

/// ML-DSA private keys are read in the seed form only; the other forms and malformed
/// seeds are `invalid_key` with the reason.
#[test]
fn ml_dsa_private_key_forms() {
    // PKCS#8 v0 for id-ml-dsa-44 around `key` (the privateKey OCTET STRING's contents).
    let pkcs8 = |key: &[u8], extra_alg: &[u8]| {
        let tlv = |tag: u8, c: &[u8]| {
            let mut out = vec![tag];
            if c.len() < 0x80 {
                out.push(c.len() as u8);
            } else {
                out.extend([0x82, (c.len() >> 8) as u8, c.len() as u8]);
            }
            out.extend_from_slice(c);
            out
        };
        let oid = [
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11,
        ];
        tlv(
            0x30,
            &[
                tlv(0x02, &[0]),
                tlv(0x30, &[&oid[..], extra_alg].concat()),
                tlv(0x04, key),
            ]
            .concat(),
        )
    };
    let seed = [7u8; 32];
    let good = pkcs8(&[&[0x80, 32][..], &seed].concat(), &[]);
    Signer::from_pkcs8(&good, Algorithm::MlDsa44).unwrap();
    for (der, needle) in [
        (
            pkcs8(&[&[0x80, 31][..], &seed[..31]].concat(), &[]),
            "32 bytes",
        ),
        (pkcs8(&[&[0x04, 32][..], &seed].concat(), &[]), "seed form"),
        (
            pkcs8(&[&[0x80, 32][..], &seed].concat(), &[0x05, 0x00]),
            "absent",
        ),
        (
            pkcs8(&[&[0x80, 32][..], &seed, &[0]].concat(), &[]),
            "trailing",
        ),
    ] {
        let err = Signer::from_pkcs8(&der, Algorithm::MlDsa44).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{needle}: {err}");
        assert!(err.message().contains(needle), "{needle}: {err}");
    }
}

// ---- hybrid license files --------------------------------------------------------

/// `sign::license_file` with an RSA and an ML-DSA signer makes the corpus's hybrid
/// file (`make_hybrid.py`): the same license and protected headers, one signature per
/// signer in order, accepted under the hybrid policy; without signers it refuses.
#[test]
fn hybrid_license_files_have_one_signature_per_signer() {
    let group: Value = serde_json::from_slice(&read_test_vector("licenses/hybrid.json")).unwrap();
    let vector = group["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "hybrid-license-file")
        .unwrap();
    let corpus: Value = serde_json::from_str(vector["input"].as_str().unwrap()).unwrap();
    let document = serde_json::to_vec(&corpus["license"]).unwrap();
    let rsa = signer("rsa3072", Algorithm::Ps384);
    let ml = Signer::from_pkcs8(&private("mldsa65"), Algorithm::MlDsa65).unwrap();

    let file = licsig::sign::license_file(&document, &[&rsa, &ml]).unwrap();
    let ours: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(ours["license"], corpus["license"]);
    let protected = |file: &Value| -> Vec<Value> {
        let signatures = file["signatures"].as_array().unwrap();
        signatures.iter().map(|s| s["protected"].clone()).collect()
    };
    assert_eq!(protected(&ours), protected(&corpus));

    let mut keys = public("rsa3072");
    keys.extend(public("mldsa65")).unwrap();
    let verifier = Verifier::new(keys)
        .require_family(licsig::Family::Rsa)
        .require_family(licsig::Family::MlDsa);
    let license = verifier.verify(file.as_bytes(), now()).unwrap();
    let signed: Vec<(String, Algorithm)> = license
        .signatures()
        .map(|s| (s.kid().to_owned(), s.algorithm()))
        .collect();
    assert_eq!(
        signed,
        [
            (rsa.kid().to_owned(), Algorithm::Ps384),
            (ml.kid().to_owned(), Algorithm::MlDsa65)
        ]
    );
    // One signer's file is what `Signer::sign_license_file` makes (RSASSA-PKCS1-v1_5
    // is deterministic under every backend).
    let rs = signer("rsa3072", Algorithm::Rs384);
    let one = licsig::sign::license_file(&document, &[&rs]).unwrap();
    assert_eq!(one, rs.sign_license_file(&document).unwrap());
    let err = verifier.verify(one.as_bytes(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingSignature, "{err}");

    let err = licsig::sign::license_file(&document, &[]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed, "{err}");
}

// ---- ML-DSA through an external signer, as AWS KMS signs ----------------------------

/// KMS's limit for `MessageType` `RAW`; longer ML-DSA messages go as `EXTERNAL_MU`.
const KMS_RAW_MAX: usize = 4096;

/// The external μ vectors of `test-vectors/mldsa-external-mu.json` (make_mldsa.py).
fn mu_vectors() -> Vec<Value> {
    let group: Value = serde_json::from_slice(&read_test_vector("mldsa-external-mu.json")).unwrap();
    assert_eq!(group["generator"], "test-vectors/gen/make_mldsa.py");
    group["vectors"].as_array().unwrap().clone()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// μ known answers: licsig's μ equals the one Python's `hashlib.shake_256` computed
/// (and dilithium-py's `prehash_external_mu`), for empty, short and over-4096-byte
/// messages under each parameter set; the signature dilithium-py made from the long
/// message's μ verifies as a detached `ML_DSA_SHAKE_256` signature over the message.
#[test]
fn ml_dsa_external_mu_equals_hashlib() {
    let mut n = 0;
    for v in mu_vectors() {
        let id = v["id"].as_str().unwrap();
        let key = PublicKey::from_bytes(&read_test_vector(v["key"].as_str().unwrap())).unwrap();
        let message = v["message"].as_str().unwrap().as_bytes();
        assert_eq!(
            message.len() as u64,
            v["message_len"].as_u64().unwrap(),
            "{id}"
        );
        let mu = ml_dsa_external_mu(&key, message).unwrap();
        assert_eq!(hex(&mu), v["mu_hex"].as_str().unwrap(), "{id}");
        if let Some(signature) = v["signature"].as_str() {
            assert!(message.len() > KMS_RAW_MAX, "{id}");
            let alg = Algorithm::from_name(v["detached_alg"].as_str().unwrap()).unwrap();
            let license = Verifier::new(KeySet::from_keys([key.clone()]).unwrap())
                .verify_detached(message, signature.as_bytes(), alg, None, now())
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(license.algorithm(), alg.for_key(key.key_type()), "{id}");
        }
        n += 1;
    }
    assert_eq!(n, 9);

    let rsa = PublicKey::from_bytes(&read_test_vector("licenses/keys/rsa2048.pub.pem")).unwrap();
    let err = ml_dsa_external_mu(&rsa, b"abc").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyMismatch, "{err}");
    assert!(err.message().contains("ML-DSA keys only"), "{err}");
}

/// The 32-byte seed of an RFC 9881 seed-form PKCS#8 test key (its last 34 bytes are
/// `[0] IMPLICIT OCTET STRING`, `80 20` and the seed).
fn ml_dsa_seed(name: &str) -> ml_dsa::Seed {
    let pem = String::from_utf8(private(name)).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    let (head, seed) = der.split_at(der.len() - 32);
    assert!(head.ends_with(&[0x80, 0x20]), "{name}: seed form");
    ml_dsa::Seed::try_from(seed).unwrap()
}

/// An ML-DSA key in a KMS stand-in: RustCrypto's `ml-dsa`, not licsig, signs the
/// message (`RAW`, up to 4096 bytes) or the external μ licsig computes (`EXTERNAL_MU`),
/// FIPS 204's deterministic variant either way. `mu_key` is the key whose μ is taken
/// and `extra` is appended to the message first: the faults a wrong μ comes from.
struct MlDsaKms<P: MlDsaParams> {
    signing: ml_dsa::SigningKey<P>,
    public: PublicKey,
    mu_key: PublicKey,
    extra: &'static [u8],
    raw: AtomicUsize,
    external_mu: AtomicUsize,
}

impl<P: MlDsaParams> MlDsaKms<P> {
    fn new(seed: &ml_dsa::Seed, public: PublicKey) -> Self {
        Self {
            signing: ml_dsa::SigningKey::from_seed(seed),
            mu_key: public.clone(),
            public,
            extra: b"",
            raw: AtomicUsize::new(0),
            external_mu: AtomicUsize::new(0),
        }
    }
}

impl<P: MlDsaParams> ExternalSigner for &'static MlDsaKms<P> {
    fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        assert_eq!(alg.kms_name(), "ML_DSA_SHAKE_256");
        let key = self.signing.expanded_key();
        let message = [message, self.extra].concat();
        let signature = if message.len() <= KMS_RAW_MAX {
            self.raw.fetch_add(1, Ordering::Relaxed);
            key.sign_deterministic(&message, &[]).unwrap()
        } else {
            self.external_mu.fetch_add(1, Ordering::Relaxed);
            let mu = ml_dsa_external_mu(&self.mu_key, &message)?;
            key.sign_mu_deterministic(&mu.into())
        };
        Ok(signature.encode().to_vec())
    }
    fn public_key(&self) -> &PublicKey {
        &self.public
    }
}

/// A KMS stand-in for test key `name`, leaked so that the test keeps reading its
/// counters after `Signer::external` has taken it.
fn ml_dsa_kms<P: MlDsaParams + 'static>(name: &str) -> &'static MlDsaKms<P> {
    Box::leak(Box::new(MlDsaKms::new(
        &ml_dsa_seed(name),
        public(name).iter().next().unwrap().clone(),
    )))
}

/// The license document of the μ vectors that is over 4096 bytes, in its RFC 8785 form.
fn long_license(name: &str) -> Vec<u8> {
    let id = format!("{name}-license-over-4096");
    let v = mu_vectors()
        .into_iter()
        .find(|v| v["id"] == id.as_str())
        .unwrap();
    v["message"].as_str().unwrap().as_bytes().to_vec()
}

fn ml_dsa_external_signer_round_trips<P: MlDsaParams + 'static>(name: &str, alg: Algorithm) {
    let kms = ml_dsa_kms::<P>(name);
    let s = Signer::external(kms, Algorithm::MlDsaShake256).unwrap();
    assert_eq!(
        s.algorithm(),
        alg,
        "{name}: the KMS name takes the key's set"
    );
    assert_eq!(s.algorithm().kms_name(), "ML_DSA_SHAKE_256");
    let local = signer(name, alg);
    let verifier = Verifier::new(public(name)).node_id("100.20.15.10");
    let long = long_license(name);
    for (doc, external_mu) in [(sample(), 0), (long.clone(), 3)] {
        let before = (
            kms.raw.load(Ordering::Relaxed),
            kms.external_mu.load(Ordering::Relaxed),
        );
        let token = s.sign_token(&doc).unwrap();
        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(token.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], alg.jose_name(), "{name}");
        let file = s.sign_license_file(&doc).unwrap();
        let detached = s.sign_detached_base64(&doc).unwrap();
        for (bytes, form) in [
            (token.as_bytes(), Form::Token),
            (file.as_bytes(), Form::LicenseFile),
        ] {
            let license = verifier.verify(bytes, now()).unwrap();
            assert_eq!((license.algorithm(), license.form()), (alg, form), "{name}");
        }
        let license = verifier
            .verify_detached(
                &doc,
                detached.as_bytes(),
                Algorithm::MlDsaShake256,
                None,
                now(),
            )
            .unwrap();
        assert_eq!(license.algorithm(), alg, "{name}");
        // Deterministic signing: from the message or from its μ, the same signature as
        // licsig's own signer makes where that is deterministic too (under ring).
        if DETERMINISTIC_ML_DSA {
            assert_eq!(
                detached,
                local.sign_detached_base64(&doc).unwrap(),
                "{name}"
            );
            assert_eq!(file, local.sign_license_file(&doc).unwrap(), "{name}");
        }
        let after = (
            kms.raw.load(Ordering::Relaxed),
            kms.external_mu.load(Ordering::Relaxed),
        );
        assert_eq!(
            (after.0 - before.0, after.1 - before.1),
            (3 - external_mu, external_mu),
            "{name}: RAW and EXTERNAL_MU requests"
        );
    }
    // dilithium-py's signature from the same μ (make_mldsa.py), byte for byte.
    let id = format!("{name}-license-over-4096");
    let v = mu_vectors()
        .into_iter()
        .find(|v| v["id"] == id.as_str())
        .unwrap();
    assert_eq!(
        s.sign_detached_base64(&long).unwrap(),
        v["signature"].as_str().unwrap()
    );
}

/// `Signer::external` with an ML-DSA key as KMS signs it: documents whose signed bytes
/// fit 4096 bytes go as `RAW`, longer ones as `EXTERNAL_MU`, and every form verifies
/// under each parameter set.
#[test]
fn ml_dsa_external_signers_raw_and_external_mu() {
    ml_dsa_external_signer_round_trips::<MlDsa44>("mldsa44", Algorithm::MlDsa44);
    ml_dsa_external_signer_round_trips::<MlDsa65>("mldsa65", Algorithm::MlDsa65);
    ml_dsa_external_signer_round_trips::<MlDsa87>("mldsa87", Algorithm::MlDsa87);
}

/// A wrong μ — over another message, from another key's `tr` — or a KMS key that is not
/// the public key it claims, fails the signer's own check with `bad_signature`.
#[test]
fn ml_dsa_external_signers_with_a_wrong_mu_are_caught() {
    let long = long_license("mldsa65");
    let wrong = |kms: MlDsaKms<MlDsa65>| {
        let kms: &'static MlDsaKms<MlDsa65> = Box::leak(Box::new(kms));
        let s = Signer::external(kms, Algorithm::MlDsa65).unwrap();
        let err = s.sign_detached(&long).unwrap_err();
        assert_eq!(kms.external_mu.load(Ordering::Relaxed), 1);
        err
    };
    let public65 = public("mldsa65").iter().next().unwrap().clone();
    let seed = ml_dsa_seed("mldsa65");

    let mut other_message = MlDsaKms::new(&seed, public65.clone());
    other_message.extra = b" ";
    let mut other_keys_mu = MlDsaKms::new(&seed, public65.clone());
    other_keys_mu.mu_key = public("mldsa44").iter().next().unwrap().clone();
    let other_signing_key = MlDsaKms::new(&ml_dsa::Seed::from([7; 32]), public65);
    for (what, err) in [
        ("μ over another message", wrong(other_message)),
        ("μ from another key", wrong(other_keys_mu)),
        ("another signing key", wrong(other_signing_key)),
    ] {
        assert_eq!(err.kind(), ErrorKind::BadSignature, "{what}: {err}");
        assert!(err.message().contains("not that key"), "{what}: {err}");
    }
}
