#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Known answers from the RFCs: RFC 7515 A.2 (RS256), A.3 (ES256), A.4 (ES512,
//! unsupported), A.5 (none, refused); RFC 7520 §4.1 (RS256), §4.2 (PS384), §4.3 and
//! §4.8 (ES512, unsupported; HS256, refused); RFC 8037 A.4 (Ed25519). Each key is
//! loaded from its SPKI PEM (and, where the RFC gives one, its JWK, which must give
//! the same SPKI), each signature verified, and a one-bit change refused.

mod common;

use base64::Engine as _;
use licsig::alg::{Algorithm, EcdsaEncoding};
use licsig::hazmat::verify;
use licsig::{ErrorKind, PublicKey};

#[derive(Default, Debug, PartialEq, Eq)]
struct Counts {
    verified: usize,
    unsupported: usize,
}

fn run(v: &serde_json::Value, signing_input: &str, c: &mut Counts) {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let section = v["section"].as_str().unwrap();
    let alg = match Algorithm::from_jose(v["alg"].as_str().unwrap()) {
        Ok(alg) => alg,
        Err(e) => {
            assert_eq!(
                licsig::Error::from(e.clone()).kind(),
                ErrorKind::UnsupportedAlgorithm,
                "{section}"
            );
            assert!(!v["ring_supported"].as_bool().unwrap_or(false), "{section}");
            // The P-521 key is refused too, with the same kind.
            if let Some(pem) = v["public_key_spki_pem"].as_str() {
                let err = PublicKey::from_pem(pem).unwrap_err();
                assert_eq!(
                    err.kind(),
                    ErrorKind::UnsupportedAlgorithm,
                    "{section}: {err}"
                );
            }
            println!("{section} {}: unsupported ({e})", v["alg"]);
            c.unsupported += 1;
            return;
        }
    };
    let key = PublicKey::from_pem(v["public_key_spki_pem"].as_str().unwrap()).unwrap();
    if let Some(jwk) = v.get("public_jwk") {
        let from_jwk = PublicKey::from_jwk(&serde_json::to_vec(jwk).unwrap()).unwrap();
        assert_eq!(from_jwk.spki_der(), key.spki_der(), "{section}");
        assert_eq!(from_jwk.kid(), key.kid(), "{section}");
    }
    let sig = b64.decode(v["signature_b64u"].as_str().unwrap()).unwrap();
    verify(
        alg,
        &key,
        signing_input.as_bytes(),
        &sig,
        EcdsaEncoding::Fixed,
    )
    .unwrap_or_else(|e| panic!("{section}: {e}"));
    let mut bad = sig.clone();
    bad[sig.len() / 2] ^= 1;
    let err = verify(
        alg,
        &key,
        signing_input.as_bytes(),
        &bad,
        EcdsaEncoding::Fixed,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadSignature, "{section}");
    let mut input = signing_input.as_bytes().to_vec();
    input.push(b' ');
    let err = verify(alg, &key, &input, &sig, EcdsaEncoding::Fixed).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::BadSignature,
        "{section}: input changed"
    );
    println!("{section} {alg}: verified with {}", key);
    c.verified += 1;
}

#[test]
fn rfc7515_appendix_a() {
    let Some(data) = common::shared_json("jws/rfc7515/rfc7515_appendix_a.json") else {
        return;
    };
    let mut c = Counts::default();
    for v in data["vectors"].as_array().unwrap() {
        let input = format!(
            "{}.{}",
            v["protected_b64u"].as_str().unwrap(),
            v["payload_b64u"].as_str().unwrap()
        );
        if v["section"] == "A.5" {
            let e = Algorithm::from_jose("none").unwrap_err();
            assert_eq!(e.name(), "none");
            println!("A.5 none: refused ({e})");
            c.unsupported += 1;
            continue;
        }
        if v.get("signature_b64u").is_none() {
            continue; // A.6/A.7 repeat A.2/A.3 in JSON serialization
        }
        run(v, &input, &mut c);
    }
    println!("RFC 7515 appendix A: {c:?}");
    assert_eq!(
        c,
        Counts {
            verified: 2,
            unsupported: 2
        }
    );
}

#[test]
fn rfc7520_and_rfc8037() {
    let Some(data) = common::shared_json("jws/rfc7520_rfc8037_asymmetric.json") else {
        return;
    };
    let mut c = Counts::default();
    let mut sections = Vec::new();
    for v in data["vectors"].as_array().unwrap() {
        run(v, v["signing_input"].as_str().unwrap(), &mut c);
        sections.push(format!(
            "{} {}",
            v["section"].as_str().unwrap(),
            v["alg"].as_str().unwrap()
        ));
    }
    println!("RFC 7520 / RFC 8037: {c:?} over {sections:?}");
    for needed in [
        "RFC 7520 4.1 RS256",
        "RFC 7520 4.2 PS384",
        "RFC 8037 A.4 EdDSA",
    ] {
        assert!(sections.iter().any(|s| s == needed), "{needed}");
    }
    assert_eq!(
        c,
        Counts {
            verified: 4,
            unsupported: 5
        }
    );
}
