#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Wycheproof JSON Web Key tests (`json_web_key_test.json`, 26 tests): each group's
//! key set (its public keys if given, else its private keys) through
//! `KeySet::from_jwks`, then the compact JWS through header `alg` → key by `kid` →
//! `hazmat::verify` (fixed-size ECDSA, as JWS requires).

mod common;

use std::collections::BTreeMap;

use base64::Engine as _;
use licsig::alg::{Algorithm, EcdsaEncoding};
use licsig::hazmat::verify;
use licsig::{Error, ErrorKind, KeySet};

/// Valid vectors licsig refuses by design, with the reason.
const EXCEPTIONS: &[(u64, &str)] = &[
    (2, "HS256 with a set of oct keys: symmetric keys are never loaded (public-key verification only)"),
    (13, "HS256 (oct key): symmetric keys are never loaded"),
    (14, "HS384 (oct key): symmetric keys are never loaded"),
    (15, "HS512 (oct key): symmetric keys are never loaded"),
];

fn check(keys: &KeySet, jws: &str) -> Result<(), Error> {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut parts = jws.split('.');
    let (h, p, s) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    assert!(parts.next().is_none());
    let header: serde_json::Value = serde_json::from_slice(&b64.decode(h).unwrap()).unwrap();
    let alg = Algorithm::from_jose(header["alg"].as_str().unwrap())?;
    let kid = header["kid"].as_str().unwrap();
    let key = keys
        .get(kid)
        .ok_or_else(|| licsig::Error::new(ErrorKind::UnknownKey, kid.to_owned()))?;
    let sig = b64.decode(s).unwrap();
    verify(
        alg,
        key,
        format!("{h}.{p}").as_bytes(),
        &sig,
        EcdsaEncoding::Fixed,
    )
}

#[test]
fn wycheproof_json_web_key() {
    let Some(data) = common::shared_json("wycheproof-jose/json_web_key_test.json") else {
        return;
    };
    let (mut valid_passed, mut valid_excepted, mut invalid_refused) = (0, 0, 0);
    let (mut key_refused, mut total) = (0, 0);
    let mut invalid_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for group in data["testGroups"].as_array().unwrap() {
        let set = group.get("public").unwrap_or(&group["private"]);
        let keys = KeySet::from_jwks(&serde_json::to_vec(set).unwrap());
        if let Err(e) = &keys {
            assert_eq!(e.kind(), ErrorKind::InvalidKey, "key set refused: {e}");
            key_refused += 1;
        }
        for t in group["tests"].as_array().unwrap() {
            total += 1;
            let tc = t["tcId"].as_u64().unwrap();
            let outcome = keys
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|k| check(k, t["jws"].as_str().unwrap()));
            let excepted = EXCEPTIONS.iter().find(|(id, _)| *id == tc);
            match (t["result"].as_str().unwrap(), &outcome) {
                ("valid", Ok(())) => {
                    assert!(
                        excepted.is_none(),
                        "tc {tc} is listed as an exception but passes"
                    );
                    valid_passed += 1;
                }
                ("valid", Err(e)) => {
                    let (_, why) =
                        excepted.unwrap_or_else(|| panic!("tc {tc}: valid vector refused: {e}"));
                    println!("tc {tc}: refused ({}: {e}) — exception: {why}", e.kind());
                    valid_excepted += 1;
                }
                ("invalid", Ok(())) => {
                    panic!("tc {tc} ({}): INVALID VECTOR ACCEPTED", t["comment"])
                }
                ("invalid", Err(e)) => {
                    println!("tc {tc} ({}): refused, {}: {e}", t["comment"], e.kind());
                    invalid_refused += 1;
                    *invalid_kinds.entry(e.kind().as_str()).or_default() += 1;
                }
                (r, _) => panic!("tc {tc}: unexpected result {r}"),
            }
        }
    }
    println!(
        "wycheproof JWK: {total} tests, {valid_passed} valid passed, {valid_excepted} valid refused as listed exceptions, \
         {invalid_refused} invalid refused; {key_refused} key sets refused at load"
    );
    assert_eq!(
        (
            total,
            valid_passed,
            valid_excepted,
            invalid_refused,
            key_refused
        ),
        (26, 1, 4, 21, 23)
    );
    // Most invalid vectors fall with their group's key set.
    assert_eq!(
        invalid_kinds,
        BTreeMap::from([("invalid_key", 20), ("key_mismatch", 1)])
    );
}
