#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Wycheproof's JSON Web Signature tests (C2SP/wycheproof `testvectors_v1/
//! json_web_signature_test.json`, 401 tests) through `Verifier::verify_jws`, with each
//! group's public JWK loaded by licsig's own JWK loader.
//!
//! Verdicts: `valid` must verify, `invalid` must be refused (the kind is recorded),
//! `acceptable` may go either way. Groups whose key or algorithm ring lacks (HS256
//! groups, which have no public key; P-521 / ES512) must be refused with
//! `unsupported_algorithm`. A valid vector licsig refuses must be listed, with its
//! reason, in `tests/wycheproof_jws_exceptions.txt`; a listed vector that verifies
//! fails the test as a stale exception.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use licsig::{Algorithm, ErrorKind, KeySet, PublicKey, Verifier};
use serde_json::Value;

/// The suite, in `../shared/vectors`.
const SUITE: &str = "wycheproof-jose/json_web_signature_test.json";
const EXCEPTIONS: &str = concat!(common::root!(), "/tests/wycheproof_jws_exceptions.txt");

/// The header's `alg`, decoded leniently by the test (not by licsig) only to tell
/// which algorithm a vector is about.
fn header_alg(jws: &str) -> Option<String> {
    let first = jws.split('.').next()?;
    let bytes = URL_SAFE_NO_PAD.decode(first).ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    v.get("alg")?.as_str().map(str::to_owned)
}

/// Three non-empty segments of unpadded, canonical base64url: what licsig's compact
/// parser accepts before it judges the header.
fn well_formed(jws: &str) -> bool {
    // Three canonical base64url segments, the header non-empty: an empty signature is
    // refused after the header's algorithm (an unsecured JWS is refused for `none`).
    let parts: Vec<&str> = jws.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .enumerate()
            .all(|(i, p)| (i != 0 || !p.is_empty()) && URL_SAFE_NO_PAD.decode(p).is_ok())
}

fn load_exceptions() -> BTreeMap<u64, String> {
    let text = std::fs::read_to_string(EXCEPTIONS).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, why) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let id: u64 = id
            .parse()
            .unwrap_or_else(|_| panic!("exceptions file: bad tcId in {line:?}"));
        assert!(!why.trim().is_empty(), "exception {id} gives no reason");
        assert!(
            out.insert(id, why.trim().to_owned()).is_none(),
            "exception {id} listed twice"
        );
    }
    out
}

fn load_key(jwk: &Value) -> Result<KeySet, licsig::Error> {
    let key = PublicKey::from_jwk(&serde_json::to_vec(jwk).unwrap())?;
    let mut keys = KeySet::new();
    keys.insert(key)?;
    Ok(keys)
}

#[derive(Default)]
struct Counts {
    total: usize,
    json_serialization: usize,
    no_public_key: usize,
    key_refused: BTreeMap<&'static str, usize>,
    unsupported_alg: BTreeMap<String, usize>,
    supported: usize,
    valid_verified: usize,
    valid_refused: BTreeMap<u64, ErrorKind>,
    invalid_refused: BTreeMap<&'static str, usize>,
    invalid_accepted: Vec<u64>,
    acceptable: usize,
    substitution: BTreeSet<u64>,
}

#[test]
fn wycheproof_json_web_signature() {
    let Some(file) = common::shared_json(SUITE) else {
        return;
    };
    assert_eq!(
        file["schema"], "json_web_signature_schema_v1.json",
        "schema changed"
    );
    let exceptions = load_exceptions();
    let mut c = Counts::default();
    let mut seen_ids = BTreeSet::new();
    let mut valid_ids = BTreeSet::new();

    for group in file["testGroups"].as_array().unwrap() {
        assert_eq!(group["type"], "JsonWebSignature");
        let comment = group["comment"].as_str().unwrap_or("");
        // Some(Ok(keys)): a usable key; Some(Err(kind)): licsig refused the JWK at
        // load; None: the group publishes no public key (its key is secret).
        let keys: Option<Result<KeySet, ErrorKind>> = group
            .get("public")
            .map(|jwk| load_key(jwk).map_err(|e| e.kind()));
        for test in group["tests"].as_array().unwrap() {
            let id = test["tcId"].as_u64().unwrap();
            let result = test["result"].as_str().unwrap();
            let jws = test["jws"]
                .as_str()
                .expect("jws is a string (compact, or JSON text)");
            let flags: Vec<&str> = test["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            assert!(seen_ids.insert(id), "tcId {id} repeated");
            if result == "valid" {
                valid_ids.insert(id);
            }
            c.total += 1;
            let what = format!("tcId {id} ({comment}: {})", test["comment"]);

            // JSON serialization is out of scope for verify_jws, which takes compact
            // tokens only; it must still be refused, never verified.
            if jws.trim_start().starts_with('{') || flags.contains(&"JsonSerialization") {
                c.json_serialization += 1;
                let err = Verifier::new(KeySet::new())
                    .verify_jws(jws.as_bytes())
                    .expect_err(&what);
                assert_eq!(err.kind(), ErrorKind::Malformed, "{what}");
                continue;
            }

            let alg = header_alg(jws);
            let alg_supported = alg
                .as_deref()
                .is_some_and(|a| Algorithm::from_jose(a).is_ok());
            let keyset = match &keys {
                None => {
                    c.no_public_key += 1;
                    None
                }
                Some(Err(kind)) => {
                    *c.key_refused.entry(kind.as_str()).or_default() += 1;
                    // Only keys ring lacks may be refused at load.
                    assert_eq!(*kind, ErrorKind::UnsupportedAlgorithm, "{what}");
                    None
                }
                Some(Ok(keys)) => Some(keys),
            };
            let outcome =
                Verifier::new(keyset.cloned().unwrap_or_default()).verify_jws(jws.as_bytes());

            // Groups whose key licsig cannot hold (HMAC secrets, P-521) and headers
            // naming an algorithm licsig does not implement: refused, whatever
            // Wycheproof's verdict. A token licsig cannot split or decode is malformed
            // first (DESIGN §4 parses before judging the header); a well-formed one is
            // refused for its algorithm.
            if keyset.is_none() || (alg.is_some() && !alg_supported) {
                let err = outcome.expect_err(&what);
                *c.unsupported_alg
                    .entry(format!(
                        "{} {}",
                        alg.as_deref().unwrap_or("(no header)"),
                        err.kind()
                    ))
                    .or_default() += 1;
                let expected = if alg.is_some() && well_formed(jws) {
                    ErrorKind::UnsupportedAlgorithm
                } else {
                    ErrorKind::Malformed
                };
                assert_eq!(err.kind(), expected, "{what}: {err}");
                continue;
            }
            c.supported += 1;
            match (result, outcome) {
                ("valid", Ok(v)) => {
                    c.valid_verified += 1;
                    assert_eq!(Some(v.algorithm().jose_name()), alg.as_deref(), "{what}");
                    assert_eq!(
                        v.payload(),
                        URL_SAFE_NO_PAD
                            .decode(jws.split('.').nth(1).unwrap())
                            .unwrap()
                    );
                }
                ("valid", Err(e)) => {
                    println!("valid but refused: {what}: {} ({e})", e.kind());
                    c.valid_refused.insert(id, e.kind());
                }
                ("invalid", Ok(_)) => c.invalid_accepted.push(id),
                ("invalid", Err(e)) => {
                    *c.invalid_refused.entry(e.kind().as_str()).or_default() += 1;
                    // Wycheproof's algorithm-substitution cases: the header names an
                    // algorithm other than the one the JWK declares.
                    let declared = group["public"]["alg"].as_str();
                    if flags.contains(&"WrongPrimitive") && declared != alg.as_deref() {
                        assert_eq!(e.kind(), ErrorKind::KeyMismatch, "{what}: {e}");
                        c.substitution.insert(id);
                    }
                }
                ("acceptable", _) => c.acceptable += 1,
                (other, _) => panic!("{what}: unknown result {other:?}"),
            }
        }
    }

    println!("Wycheproof JWS: {} tests", c.total);
    println!(
        "  json serialization, not supported: {}",
        c.json_serialization
    );
    println!("  no public key (HMAC groups): {}", c.no_public_key);
    println!("  key refused at load: {:?}", c.key_refused);
    println!(
        "  HMAC / P-521 groups and unsupported header algs, refused (alg, kind): {:?}",
        c.unsupported_alg
    );
    println!("  supported: {}", c.supported);
    println!("    valid verified: {}", c.valid_verified);
    println!("    valid refused (exceptions): {}", c.valid_refused.len());
    println!("    invalid refused, by kind: {:?}", c.invalid_refused);
    println!("    invalid accepted: {}", c.invalid_accepted.len());
    println!("    acceptable: {}", c.acceptable);
    println!(
        "    algorithm substitution refused (key_mismatch): {:?}",
        c.substitution
    );

    assert!(
        c.invalid_accepted.is_empty(),
        "invalid vectors accepted: {:?}",
        c.invalid_accepted
    );
    let unlisted: Vec<_> = c
        .valid_refused
        .keys()
        .filter(|id| !exceptions.contains_key(id))
        .collect();
    assert!(
        unlisted.is_empty(),
        "valid vectors refused and not in tests/wycheproof_jws_exceptions.txt: {unlisted:?}"
    );
    for (id, why) in &exceptions {
        assert!(
            valid_ids.contains(id),
            "exception {id} is not a valid vector"
        );
        let kind = c.valid_refused.get(id).unwrap_or_else(|| {
            panic!("stale exception: tcId {id} now verifies; remove it from the exceptions file")
        });
        // The reason names the kind licsig refuses with: "— <kind>: why".
        assert!(
            why.contains(&format!("— {kind}:")),
            "exception {id}: licsig now refuses with {kind}, the file says {why:?}"
        );
    }

    assert_eq!(c.total, 401);
    assert_eq!(c.json_serialization, 1);
    assert_eq!(c.no_public_key, 39);
    assert_eq!(
        c.key_refused,
        BTreeMap::from([("unsupported_algorithm", 2)])
    );
    assert_eq!(
        c.unsupported_alg,
        BTreeMap::from(
            [
                ("(no header) malformed", 8),
                ("ES512 unsupported_algorithm", 2),
                ("HS256 malformed", 15),
                ("HS256 unsupported_algorithm", 16),
                ("NONE unsupported_algorithm", 1),
                ("none unsupported_algorithm", 4),
            ]
            .map(|(k, n)| (k.to_owned(), n))
        )
    );
    assert_eq!(c.supported, 354);
    assert_eq!(c.valid_verified, 32);
    assert_eq!(c.valid_refused.len(), 2);
    assert_eq!(
        c.invalid_refused,
        BTreeMap::from([
            ("bad_signature", 293),
            ("key_mismatch", 9),
            ("malformed", 16),
            ("unknown_key", 2),
        ])
    );
    assert_eq!(c.acceptable, 0);
    assert_eq!(c.substitution, BTreeSet::from([332, 334, 336, 338, 340]));
}

/// The five algorithm-substitution vectors (header RS256/RS384/RS512/PS256/PS384
/// under the PS512 key): their signatures are genuine for the header's algorithm, so
/// only the JWK's declared `alg` refuses them. With `alg` removed from the JWK they
/// verify — the check that refuses them is the declared-alg check, nothing else.
#[test]
fn algorithm_substitution_needs_the_declared_alg() {
    let Some(file) = common::shared_json(SUITE) else {
        return;
    };
    let group = file["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["public"]["kid"] == "PS512_2048")
        .unwrap();
    let declared = load_key(&group["public"]).unwrap();
    let mut stripped_jwk = group["public"].clone();
    stripped_jwk.as_object_mut().unwrap().remove("alg");
    let stripped = load_key(&stripped_jwk).unwrap();
    let mut n = 0;
    for test in group["tests"].as_array().unwrap() {
        let id = test["tcId"].as_u64().unwrap();
        let jws = test["jws"].as_str().unwrap();
        if ![332, 334, 336, 338, 340].contains(&id) {
            continue;
        }
        n += 1;
        assert_eq!(test["result"], "invalid");
        let err = Verifier::new(declared.clone())
            .verify_jws(jws.as_bytes())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyMismatch, "tcId {id}: {err}");
        let v = Verifier::new(stripped.clone())
            .verify_jws(jws.as_bytes())
            .unwrap_or_else(|e| panic!("tcId {id} without the JWK alg: {e}"));
        assert_eq!(Some(v.algorithm().jose_name()), header_alg(jws).as_deref());
    }
    println!(
        "algorithm substitution: {n} refused with key_mismatch, all verify without the JWK alg"
    );
    assert_eq!(n, 5);
}
