#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Certificate paths (`licsig::chain`) over the chains of `test-vectors/chains/`,
//! made by Python `cryptography` (test-vectors/gen/make_chains.py): every case of
//! `cases.json` must give exactly its expected outcome — which certificate, and why —
//! at the license's issuedAt and the corpus's `now`. Plus the refusals that need no
//! generated file (trailing bytes, anchors that are not CAs) and the verifier's time
//! policy.

mod common;

use common::{read_test_vector, TEST_VECTORS};
use licsig::chain::{Position, Reason, TrustAnchors, MAX_SIGNATURE_CHECKS};
use licsig::verify::CertificateTime;
use licsig::{ErrorKind, KeySet, Time, Verifier};
use serde_json::Value;

fn anchors(path: &str) -> TrustAnchors {
    TrustAnchors::from_bytes(&read_test_vector(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn times() -> [Time; 2] {
    [
        Time::parse("2026-11-01T00:00:00Z").unwrap(),
        Time::parse("2026-11-22T00:00:00Z").unwrap(),
    ]
}

/// `"NotCa x5c[1]"` → (reason name, position) — the outcome as `cases.json` writes it.
fn describe(position: Position, reason: &Reason) -> String {
    let name = format!("{reason:?}");
    let name = name
        .split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_owned();
    match position {
        Position::X5c(i) => format!("{name} x5c[{i}]"),
        Position::Anchor(i) => format!("{name} anchor[{i}]"),
        Position::Path => name,
    }
}

#[test]
fn every_chain_case_gives_its_outcome() {
    let manifest: Value = serde_json::from_slice(&read_test_vector("chains/cases.json")).unwrap();
    assert_eq!(manifest["generator"], "test-vectors/gen/make_chains.py");
    let cases = manifest["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let id = case["case"].as_str().unwrap();
        let x5c: Vec<Vec<u8>> = case["x5c"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| read_test_vector(p.as_str().unwrap()))
            .collect();
        let anchors = anchors(case["anchors"].as_str().unwrap());
        let want = case["expected"].as_str().unwrap();
        let got = match anchors.verify_chain(&x5c, &times()) {
            Ok(path) => {
                assert!(path.signature_checks() <= MAX_SIGNATURE_CHECKS);
                assert!((2..=licsig::chain::MAX_PATH_LEN).contains(&path.len()));
                "ok".to_owned()
            }
            Err(e) => {
                // The message names the certificate and says why.
                let text = licsig::Error::from(e.clone()).to_string();
                assert!(text.starts_with("certificate chain: "), "{id}: {text}");
                describe(e.position(), e.reason())
            }
        };
        if got != want {
            failures.push(format!("{id}: expected {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(cases.len(), 21);
}

#[test]
fn exact_reasons_carry_their_context() {
    let root = anchors("chains/root.pem");
    let chain = |case: &str| -> Vec<Vec<u8>> {
        (0..)
            .map(|i| format!("{TEST_VECTORS}/chains/{case}/{i}.der"))
            .take_while(|p| std::path::Path::new(p).exists())
            .map(|p| std::fs::read(p).unwrap())
            .collect()
    };
    let [issued, now] = times();
    let err = root
        .verify_chain(&chain("expired-leaf"), &[issued, now])
        .unwrap_err();
    assert_eq!(
        err.reason(),
        &Reason::Expired {
            not_after: Time::parse("2026-06-01T00:00:00Z").unwrap(),
            at: issued
        }
    );
    let err = root
        .verify_chain(&chain("pathlen-exceeded"), &[now])
        .unwrap_err();
    assert_eq!(
        err.reason(),
        &Reason::PathLenExceeded {
            path_len: 0,
            below: 1
        }
    );
    let err = root
        .verify_chain(&chain("sha1-intermediate"), &[now])
        .unwrap_err();
    assert!(
        matches!(err.reason(), Reason::UnsupportedSignatureAlgorithm(n) if n.contains("SHA-1")),
        "{err}"
    );
    let err = root
        .verify_chain(&chain("unknown-critical-extension"), &[now])
        .unwrap_err();
    assert_eq!(
        err.reason(),
        &Reason::UnknownCriticalExtension("1.3.6.1.4.1.55555.1.1".into())
    );
    // valid-3: three certificates, then a copy of the anchor, which is allowed.
    let path = root
        .verify_chain(&chain("valid-3-with-root"), &[now])
        .unwrap();
    assert_eq!(path.len(), 4);
    assert_eq!(path.signature_checks(), 3);
    // …but not twice.
    let mut twice = chain("valid-3-with-root");
    twice.push(twice[3].clone());
    let err = root.verify_chain(&twice, &[now]).unwrap_err();
    assert_eq!(
        (err.position(), err.reason()),
        (Position::Path, &Reason::UnusedCertificates(2))
    );
    // The budget: 8 other roots with the root's name are tried first.
    let err = anchors("chains/same-name-roots.pem")
        .verify_chain(&chain("valid-1"), &[now])
        .unwrap_err();
    assert_eq!(err.reason(), &Reason::SignatureBudgetExceeded);
}

#[test]
fn trailing_bytes_and_empty_chains() {
    let root = anchors("chains/root.pem");
    let mut leaf = read_test_vector("chains/valid-1/0.der");
    leaf.push(0);
    let err = root.verify_chain(&[leaf], &times()).unwrap_err();
    assert_eq!(
        (err.position(), err.reason()),
        (Position::X5c(0), &Reason::TrailingData(1))
    );
    let none: [Vec<u8>; 0] = [];
    let err = root.verify_chain(&none, &times()).unwrap_err();
    assert_eq!(
        (err.position(), err.reason()),
        (Position::Path, &Reason::Malformed("x5c is empty".into()))
    );
    // A truncated certificate.
    let leaf = read_test_vector("chains/valid-1/0.der");
    let err = root
        .verify_chain(&[&leaf[..leaf.len() - 1]], &times())
        .unwrap_err();
    assert!(matches!(err.reason(), Reason::Malformed(_)), "{err}");
}

#[test]
fn anchors_are_checked_at_load() {
    // A leaf is not a CA; an intermediate is not self-signed.
    for (path, want) in [
        ("chains/valid-1/0.der", Reason::NotCa),
        ("chains/valid-2/1.der", Reason::NotSelfSigned),
        ("chains/leaf-claims-anchor/0.der", Reason::NotCa),
    ] {
        let err = licsig::chain::TrustAnchor::from_der(&read_test_vector(path)).unwrap_err();
        assert_eq!(
            (err.position(), err.reason()),
            (Position::Anchor(0), &want),
            "{path}"
        );
        let err = TrustAnchors::from_der(&read_test_vector(path)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::CertificateInvalid, "{path}");
    }
    let root = anchors("chains/root.pem");
    assert_eq!(root.len(), 1);
    assert_eq!(
        TrustAnchors::from_bytes(&read_test_vector("chains/root.der")).unwrap(),
        root
    );
    assert_eq!(anchors("chains/same-name-roots.pem").len(), 9);
    // A key is not a certificate.
    let err =
        TrustAnchors::from_bytes(&read_test_vector("licenses/keys/rsa2048.pub.pem")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

/// A leaf valid when the license was issued and expired since: refused by default,
/// accepted under `CertificateTime::IssuedAt`.
#[test]
fn certificate_time_policy() {
    let x5c: Value = serde_json::from_slice(&read_test_vector("licenses/x5c.json")).unwrap();
    let token = x5c["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "x5c-token-leaf-expired-since-issue")
        .unwrap()["input"]
        .as_str()
        .unwrap()
        .to_owned();
    let now = times()[1];
    let verifier = Verifier::new(KeySet::new())
        .with_ca(&read_test_vector("chains/root.pem"))
        .unwrap();
    let err = verifier.verify(token.as_bytes(), now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CertificateInvalid);
    // The chain's structure survives: which certificate, and why, as data; and the
    // same ChainError is the error's source.
    let licsig::Context::Certificate(chain) = err.context() else {
        panic!("{err:?}")
    };
    assert_eq!(chain.position(), Position::X5c(0));
    let Reason::Expired { not_after, at } = chain.reason() else {
        panic!("{chain:?}")
    };
    assert_eq!(
        (*not_after, *at),
        (Time::parse("2026-11-10T00:00:00Z").unwrap(), now)
    );
    let source = std::error::Error::source(&err).unwrap();
    assert_eq!(
        source.downcast_ref::<licsig::chain::ChainError>(),
        Some(chain)
    );
    let lenient = verifier.certificate_time(CertificateTime::IssuedAt);
    let license = lenient.verify(token.as_bytes(), now).unwrap();
    assert_eq!(license.algorithm().jose_name(), "RS256");
    // verify_jws has no time: a chain is refused; verify_jws_at checks at `now`.
    assert_eq!(
        lenient.verify_jws(token.as_bytes()).unwrap_err().kind(),
        ErrorKind::CertificateInvalid
    );
    assert_eq!(
        lenient
            .verify_jws_at(token.as_bytes(), now)
            .unwrap_err()
            .kind(),
        ErrorKind::CertificateInvalid
    );
    let before = Time::parse("2026-11-05T00:00:00Z").unwrap();
    assert!(lenient.verify_jws_at(token.as_bytes(), before).is_ok());
}

/// `Verifier::trust_anchors` adds to the anchors `with_ca` added.
#[test]
fn anchors_add_up() {
    let root = anchors("chains/root.pem");
    let other = anchors("chains/same-name-roots.pem")
        .iter()
        .find(|a| !root.iter().any(|r| r == *a))
        .unwrap()
        .clone();
    let mut added = TrustAnchors::new();
    added.add(other).unwrap();
    let verifier = Verifier::new(KeySet::new())
        .with_ca(&read_test_vector("chains/root.pem"))
        .unwrap()
        .trust_anchors(added)
        .unwrap();
    assert_eq!(verifier.anchors().len(), 2);
}
