#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Published JWS examples through `Verifier::verify_jws` with the published public
//! keys: RFC 7515 appendix A (A.2 RS256, A.3 ES256; A.4 ES512 and A.5 `none` refused),
//! RFC 7520 §4.1 (RS256), §4.2 (PS384), §4.3 (ES512, refused) and RFC 8037 A.4
//! (Ed25519), from the IETF JOSE cookbook (its JWKs) and from the flat transcription
//! `rfc7520_rfc8037_asymmetric.json` (its SPKI PEMs). The verified payload must be
//! byte-for-byte the published one.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use licsig::alg::KeyType;
use licsig::{Algorithm, ErrorKind, KeySet, PublicKey, Verifier};
use serde_json::Value;

/// A published JWK with its private members removed: the public key as a vendor
/// would publish it. (The private JWK itself is refused; see
/// `private_jwks_are_refused`.)
fn public_jwk(jwk: &Value) -> Vec<u8> {
    let mut jwk = jwk.clone();
    let obj = jwk.as_object_mut().unwrap();
    for m in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
        obj.remove(m);
    }
    serde_json::to_vec(&jwk).unwrap()
}

fn keyset(key: PublicKey) -> KeySet {
    KeySet::from_keys([key]).unwrap()
}

fn b64url(v: &Value) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(v.as_str().unwrap()).unwrap()
}

/// Verifies `compact` with `keys` and checks the algorithm and the payload.
fn verifies(keys: &KeySet, compact: &str, alg: Algorithm, payload: &[u8], what: &str) {
    let v = Verifier::new(keys.clone())
        .verify_jws(compact.as_bytes())
        .unwrap_or_else(|e| panic!("{what}: {} ({e})", e.kind()));
    assert_eq!(v.algorithm(), alg, "{what}");
    assert_eq!(
        v.payload(),
        payload,
        "{what}: payload differs from the published one"
    );
    assert_eq!(v.header().alg(), alg.jose_name(), "{what}");
    // One flipped bit in the signature: refused.
    let mut tampered = compact.as_bytes().to_vec();
    let last = tampered.len() - 2;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    let err = Verifier::new(keys.clone())
        .verify_jws(&tampered)
        .expect_err(what);
    assert_eq!(err.kind(), ErrorKind::BadSignature, "{what} tampered");
    println!("{what}: verified ({alg}, {} payload bytes)", payload.len());
}

fn refused(keys: &KeySet, compact: &str, kind: ErrorKind, what: &str) {
    let err = Verifier::new(keys.clone())
        .verify_jws(compact.as_bytes())
        .expect_err(what);
    assert_eq!(err.kind(), kind, "{what}: {err}");
    println!("{what}: refused, {kind}");
}

#[test]
fn rfc7515_appendix_a() {
    let Some(file) = common::shared_json("jws/rfc7515/rfc7515_appendix_a.json") else {
        return;
    };
    let mut counts = (0, 0);
    for v in file["vectors"].as_array().unwrap() {
        let section = v["section"].as_str().unwrap();
        let compact = v["compact"].as_str().unwrap();
        let what = format!("RFC 7515 {section}");
        let payload = v["payload_utf8"].as_str().unwrap().as_bytes();
        assert_eq!(b64url(&v["payload_b64u"]), payload, "{what}");
        match section {
            "A.2" | "A.3" => {
                let alg = Algorithm::from_jose(v["alg"].as_str().unwrap()).unwrap();
                // Both published forms of the key: the JWK and the SPKI PEM.
                let from_jwk = PublicKey::from_jwk(&public_jwk(&v["public_jwk"])).unwrap();
                let from_pem =
                    PublicKey::from_pem(v["public_key_spki_pem"].as_str().unwrap()).unwrap();
                assert_eq!(from_jwk.spki_der(), from_pem.spki_der(), "{what}");
                assert_eq!(from_jwk.kid(), from_pem.kid(), "{what}: no JWK kid");
                if section == "A.2" {
                    // RFC 7515's RSA key is exactly 2048 bits: at licsig's minimum.
                    assert_eq!(from_jwk.key_type(), KeyType::Rsa { bits: 2048 });
                }
                verifies(&keyset(from_jwk), compact, alg, payload, &what);
                verifies(
                    &keyset(from_pem),
                    compact,
                    alg,
                    payload,
                    &format!("{what} (PEM)"),
                );
                counts.0 += 1;
            }
            "A.4" => {
                // P-521: ring has none. The key is refused at load, and the token is
                // refused by its header whatever keys are trusted.
                let err = PublicKey::from_jwk(&public_jwk(&v["public_jwk"])).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm, "{what} key");
                let err =
                    PublicKey::from_pem(v["public_key_spki_pem"].as_str().unwrap()).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm, "{what} PEM");
                refused(
                    &KeySet::new(),
                    compact,
                    ErrorKind::UnsupportedAlgorithm,
                    &what,
                );
                counts.1 += 1;
            }
            "A.5" => {
                // The unsecured JWS as published ends in an empty signature segment;
                // it is refused for its algorithm (DESIGN §4: header before signature).
                assert!(compact.ends_with('.'));
                let a2 = file["vectors"][0]["public_key_spki_pem"].as_str().unwrap();
                let keys = KeySet::from_pem(a2).unwrap();
                refused(&keys, compact, ErrorKind::UnsupportedAlgorithm, &what);
                // With a non-empty signature segment too.
                let junk = format!("{compact}c2lnbmF0dXJl");
                refused(
                    &keys,
                    &junk,
                    ErrorKind::UnsupportedAlgorithm,
                    &format!("{what} with a junk signature"),
                );
                counts.1 += 1;
            }
            other => panic!("unexpected section {other}"),
        }
    }
    println!(
        "RFC 7515 appendix A: {} verified, {} refused",
        counts.0, counts.1
    );
    assert_eq!(counts, (2, 2));
}

/// RFC 7520 §4 and RFC 8037 A.4 from the JOSE cookbook, keys as the published JWKs.
#[test]
fn rfc7520_rfc8037_cookbook() {
    let mut verified = 0;
    let mut unsupported = 0;
    for (file, section, expect) in [
        (
            "jws/4_1.rsa_v15_signature.json",
            "RFC 7520 4.1",
            Some(Algorithm::Rs256),
        ),
        (
            "jws/4_2.rsa-pss_signature.json",
            "RFC 7520 4.2",
            Some(Algorithm::Ps384),
        ),
        ("jws/4_3.ecdsa_signature.json", "RFC 7520 4.3", None),
        (
            "curve25519/jws.json",
            "RFC 8037 A.4",
            Some(Algorithm::EdDsa),
        ),
    ] {
        let Some(v) = common::shared_json(&format!("jws/cookbook/{file}")) else {
            return;
        };
        let compact = v["output"]["compact"].as_str().unwrap();
        let payload = v["input"]["payload"].as_str().unwrap().as_bytes();
        let what = format!("{section} (cookbook JWK)");
        let jwk = public_jwk(&v["input"]["key"]);
        match expect {
            Some(alg) => {
                let key = PublicKey::from_jwk(&jwk).unwrap();
                // The JWK's own kid wins over the SPKI hash; the token names it.
                match v["input"]["key"]["kid"].as_str() {
                    Some(kid) => assert_eq!(key.kid(), kid, "{what}"),
                    None => assert_eq!(key.kid(), key.spki_sha256(), "{what}"),
                }
                if alg != Algorithm::EdDsa {
                    assert_eq!(key.key_type(), KeyType::Rsa { bits: 2048 }, "{what}");
                }
                verifies(&keyset(key), compact, alg, payload, &what);
                verified += 1;
            }
            None => {
                let err = PublicKey::from_jwk(&jwk).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm, "{what} key");
                refused(
                    &KeySet::new(),
                    compact,
                    ErrorKind::UnsupportedAlgorithm,
                    &what,
                );
                unsupported += 1;
            }
        }
    }
    println!("cookbook: {verified} verified, {unsupported} unsupported_algorithm");
    assert_eq!((verified, unsupported), (3, 1));
}

/// The same examples from the flat transcription, keys as SPKI PEM; entries without a
/// compact serialization (RFC 7520 4.8, JSON only) are counted and skipped; ES512
/// (4.3) and HMAC (4.4, and 4.5, whose detached content leaves an empty payload
/// segment) are refused as unsupported.
#[test]
fn rfc7520_rfc8037_flat_transcription() {
    let Some(file) = common::shared_json("jws/rfc7520_rfc8037_asymmetric.json") else {
        return;
    };
    let mut verified = Vec::new();
    let mut unsupported = Vec::new();
    let mut no_compact = Vec::new();
    for v in file["vectors"].as_array().unwrap() {
        let section = v["section"].as_str().unwrap();
        let alg_name = v["alg"].as_str().unwrap();
        let Some(compact) = v["compact"].as_str() else {
            no_compact.push(format!("{section} {alg_name}"));
            continue;
        };
        let what = format!("{section} {alg_name} (SPKI PEM)");
        match Algorithm::from_jose(alg_name) {
            Ok(alg) => {
                let pem = v["public_key_spki_pem"].as_str().unwrap();
                let key = PublicKey::from_pem(pem).unwrap();
                let key = match v["kid"].as_str() {
                    Some(kid) => key.with_kid(kid).unwrap(),
                    None => key,
                };
                let payload = b64url(&v["payload_b64u"]);
                assert_eq!(
                    compact,
                    format!(
                        "{}.{}",
                        v["signing_input"].as_str().unwrap(),
                        v["signature_b64u"].as_str().unwrap()
                    )
                );
                verifies(&keyset(key), compact, alg, &payload, &what);
                verified.push(section.to_owned());
            }
            Err(e) => {
                assert_eq!(
                    licsig::Error::from(e).kind(),
                    ErrorKind::UnsupportedAlgorithm
                );
                if let Some(pem) = v["public_key_spki_pem"].as_str() {
                    let err = PublicKey::from_pem(pem).unwrap_err();
                    assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm, "{what}");
                }
                // RFC 7520 4.5 (detached content) has an empty payload segment, a
                // valid JWS shape: the algorithm is what refuses it.
                let kind = ErrorKind::UnsupportedAlgorithm;
                refused(&KeySet::new(), compact, kind, &what);
                unsupported.push(format!("{section} {alg_name} {kind}"));
            }
        }
    }
    println!(
        "flat transcription: verified {verified:?}; refused {unsupported:?}; \
         no compact form {no_compact:?}"
    );
    assert_eq!(verified, ["RFC 7520 4.1", "RFC 7520 4.2", "RFC 8037 A.4"]);
    assert_eq!(
        unsupported,
        [
            "RFC 7520 4.3 ES512 unsupported_algorithm",
            "RFC 7520 4.4 HS256 unsupported_algorithm",
            "RFC 7520 4.5 HS256 unsupported_algorithm"
        ]
    );
    assert_eq!(no_compact.len(), 3);
}

/// The cookbook's keys as published, private members and all, are refused: a private
/// key must never be loaded as trust.
#[test]
fn private_jwks_are_refused() {
    let mut n = 0;
    for file in [
        "jws/4_1.rsa_v15_signature.json",
        "jws/4_2.rsa-pss_signature.json",
        "curve25519/jws.json",
    ] {
        let Some(v) = common::shared_json(&format!("jws/cookbook/{file}")) else {
            return;
        };
        let jwk = serde_json::to_vec(&v["input"]["key"]).unwrap();
        let err = PublicKey::from_jwk(&jwk).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{file}");
        n += 1;
    }
    println!("private cookbook JWKs refused: {n}");
    assert_eq!(n, 3);
}
