#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Wycheproof ML-DSA verification tests (`../shared/vectors/wycheproof-mldsa/`,
//! `mldsa_{44,65,87}_verify_test.json`: 180, 210 and 241 tests), applied as the suite's
//! `mldsa.md` says, through licsig's own key loading and `hazmat::verify`.
//!
//! Each group's key is loaded from its SubjectPublicKeyInfo (`publicKeyDer`, the form
//! AWS KMS `GetPublicKey` returns) and must equal the key loaded from the raw
//! `publicKey` and from an AKP JWK of it; a group whose key licsig refuses
//! (`invalid_key`, a wrong length) must hold invalid tests only. Then every test with an
//! empty context is verified under the parameter set's JOSE name and under the KMS name
//! `ML_DSA_SHAKE_256`: a valid one must verify, an invalid one must be refused with
//! `bad_signature`. licsig verifies pure ML-DSA with an empty context only (SECURITY.md),
//! so the tests with a context are counted apart and must be refused, valid or not.

mod common;

use base64::Engine as _;
use licsig::alg::{Algorithm, EcdsaEncoding, KeyType, MlDsaParameterSet};
use licsig::hazmat::verify;
use licsig::{ErrorKind, PublicKey};

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    tests: usize,
    valid_verified: usize,
    invalid_refused: usize,
    invalid_refused_at_key: usize,
    context_valid_refused: usize,
    context_invalid_refused: usize,
}

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn run(file: &str, set: MlDsaParameterSet) -> Option<Counts> {
    let doc = common::shared_json(&format!("wycheproof-mldsa/{file}"))?;
    assert_eq!(doc["algorithm"], set.name(), "{file}");
    let alg = set.algorithm();
    let other = match set {
        MlDsaParameterSet::MlDsa44 => Algorithm::MlDsa65,
        _ => Algorithm::MlDsa44,
    };
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for group in doc["testGroups"].as_array().unwrap() {
        assert_eq!(group["type"], "MlDsaVerify");
        let raw = hex(group["publicKey"].as_str().unwrap());
        let der = hex(group["publicKeyDer"].as_str().unwrap());
        let tests = group["tests"].as_array().unwrap();
        let key = match PublicKey::from_spki_der(&der) {
            Ok(key) => key,
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::InvalidKey, "{file}: {e}");
                assert_ne!(raw.len(), set.public_key_len(), "{file}: {e}");
                assert_eq!(
                    PublicKey::from_ml_dsa(set, &raw).unwrap_err().kind(),
                    ErrorKind::InvalidKey
                );
                for t in tests {
                    assert_eq!(t["result"], "invalid", "{file} tc {}", t["tcId"]);
                    counts.tests += 1;
                    counts.invalid_refused_at_key += 1;
                }
                continue;
            }
        };
        assert_eq!(key.key_type(), KeyType::MlDsa(set));
        assert_eq!(PublicKey::from_ml_dsa(set, &raw).unwrap(), key);
        let jwk = format!(
            r#"{{"kty":"AKP","alg":"{}","pub":"{}"}}"#,
            set.name(),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&raw)
        );
        let from_jwk = PublicKey::from_jwk(jwk.as_bytes()).unwrap();
        assert_eq!(from_jwk.spki_der(), key.spki_der());
        assert_eq!(from_jwk.kid(), key.kid());
        assert_eq!(from_jwk.alg(), Some(alg));

        for t in tests {
            counts.tests += 1;
            let id = t["tcId"].as_u64().unwrap();
            let msg = hex(t["msg"].as_str().unwrap());
            let sig = hex(t["sig"].as_str().unwrap());
            let ctx = t
                .get("ctx")
                .map_or_else(Vec::new, |c| hex(c.as_str().unwrap()));
            let valid = match t["result"].as_str().unwrap() {
                "valid" => true,
                "invalid" => false,
                other => panic!("{file} tc {id}: result {other}"),
            };
            let got = verify(alg, &key, &msg, &sig, EcdsaEncoding::Der);
            let kms = verify(
                Algorithm::MlDsaShake256,
                &key,
                &msg,
                &sig,
                EcdsaEncoding::Der,
            );
            assert_eq!(
                got.as_ref().map_err(licsig::Error::kind),
                kms.as_ref().map_err(licsig::Error::kind),
                "{file} tc {id}: ML_DSA_SHAKE_256 and {alg} disagree"
            );
            let mismatch = verify(other, &key, &msg, &sig, EcdsaEncoding::Der).unwrap_err();
            assert_eq!(mismatch.kind(), ErrorKind::KeyMismatch, "{file} tc {id}");
            let refused = match &got {
                Ok(()) => false,
                Err(e) if e.kind() == ErrorKind::BadSignature => true,
                Err(e) => panic!("{file} tc {id}: {e}"),
            };
            match (ctx.is_empty(), valid, refused) {
                (true, true, false) => counts.valid_verified += 1,
                (true, false, true) => counts.invalid_refused += 1,
                (false, true, true) => counts.context_valid_refused += 1,
                (false, false, true) => counts.context_invalid_refused += 1,
                _ => failures.push(format!(
                    "{file} tc {id} ({}, context {} bytes): licsig {}",
                    t["result"],
                    ctx.len(),
                    if refused { "refuses" } else { "accepts" }
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        counts.tests,
        usize::try_from(doc["numberOfTests"].as_u64().unwrap()).unwrap()
    );
    println!("{file}: {counts:?}");
    Some(counts)
}

#[test]
fn ml_dsa_44() {
    let Some(c) = run("mldsa_44_verify_test.json", MlDsaParameterSet::MlDsa44) else {
        return;
    };
    assert_eq!(
        c,
        Counts {
            tests: 180,
            valid_verified: 75,
            invalid_refused: 94,
            invalid_refused_at_key: 4,
            context_valid_refused: 2,
            context_invalid_refused: 5,
        }
    );
}

#[test]
fn ml_dsa_65() {
    let Some(c) = run("mldsa_65_verify_test.json", MlDsaParameterSet::MlDsa65) else {
        return;
    };
    assert_eq!(
        c,
        Counts {
            tests: 210,
            valid_verified: 77,
            invalid_refused: 122,
            invalid_refused_at_key: 4,
            context_valid_refused: 2,
            context_invalid_refused: 5,
        }
    );
}

#[test]
fn ml_dsa_87() {
    let Some(c) = run("mldsa_87_verify_test.json", MlDsaParameterSet::MlDsa87) else {
        return;
    };
    assert_eq!(
        c,
        Counts {
            tests: 241,
            valid_verified: 69,
            invalid_refused: 161,
            invalid_refused_at_key: 4,
            context_valid_refused: 2,
            context_invalid_refused: 5,
        }
    );
}
