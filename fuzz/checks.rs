//! The checks of the fuzz targets, shared by the fuzz binaries
//! (`fuzz/fuzz_targets/*.rs`, `#[path]`-included) and by the corpus replay in
//! `tests/fuzz_corpus.rs`, so that a replayed input meets exactly the checks the fuzzer
//! made. Each function panics when a property fails, and must not otherwise.
//!
//! Fixed material comes from `test-vectors/` (public keys, the sample license and its
//! signed forms, the x5c test root).

// Each fuzz binary uses one of these functions; the replay test uses them all.
#![allow(dead_code)]

use std::sync::OnceLock;

use licsig::chain::{TrustAnchors, MAX_PATH_LEN, MAX_SIGNATURE_CHECKS};
use licsig::json::canonicalize_with;
use licsig::Limits;
use licsig::{json, unverified, Algorithm, ErrorKind, KeySet, PublicKey, Time, Verifier};

const VENDOR_KEY: &str = include_str!("../test-vectors/sample/vendor-public-key.pem");
const EC_KEY: &[u8] = include_bytes!("../test-vectors/licenses/keys/ec-p256.jwk.json");
const ED_KEY: &str = include_str!("../test-vectors/licenses/keys/ed25519.pub.pem");
const SAMPLE_DOCUMENT: &[u8] = include_bytes!("../test-vectors/sample/license.json");
const X5C_ROOT: &[u8] = include_bytes!("../test-vectors/chains/root.der");

/// The node the sample license is locked to.
const NODE: &str = "100.20.15.10";

fn now() -> Time {
    Time::parse("2026-11-22T00:00:00Z").expect("fixed time")
}

/// Trusts the sample vendor key (RSA-3072), a P-256 and an Ed25519 key, and the x5c
/// test root.
fn verifier() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let mut keys = KeySet::from_pem(VENDOR_KEY).expect("vendor key");
        keys.insert(PublicKey::from_jwk(EC_KEY).expect("P-256 key"))
            .expect("insert");
        keys.extend(KeySet::from_pem(ED_KEY).expect("Ed25519 key"))
            .expect("extend");
        Verifier::new(keys)
            .node_id(NODE)
            .trust_anchors(TrustAnchors::from_der(X5C_ROOT).expect("x5c root"))
            .expect("one anchor")
    })
}

/// Trusts only the sample vendor key: what it accepts must be the sample license.
fn vendor_only() -> &'static Verifier {
    static V: OnceLock<Verifier> = OnceLock::new();
    V.get_or_init(|| Verifier::new(KeySet::from_pem(VENDOR_KEY).expect("vendor key")).node_id(NODE))
}

/// The RFC 8785 form of the sample license document: the only content the vendor key
/// ever signed.
fn original() -> &'static [u8] {
    static O: OnceLock<Vec<u8>> = OnceLock::new();
    O.get_or_init(|| json::canonicalize(SAMPLE_DOCUMENT).expect("sample document"))
}

/// `r`'s value, or `None` after building its error's message as a product would show
/// it: formatting an error (which quotes attacker text) must not panic either, and a
/// message is never empty.
fn shown<T, E: std::fmt::Display>(r: Result<T, E>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            assert!(!e.to_string().is_empty(), "empty error message");
            None
        }
    }
}

/// Splits `data` at its first zero byte.
fn split_nul(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// `verify`: arbitrary bytes against fixed keys, in every form. The first byte picks
/// the entry point: 0 `verify`, 1 `verify_jws`, 2 `verify_detached` (the rest is
/// `document NUL signature`, the algorithm taken from the byte after the first), 3
/// `verify_jws_at`; anything else sends the whole input to `verify`.
pub(crate) fn verify(data: &[u8]) {
    let v = verifier();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => {
            if let Some(license) = shown(v.verify(rest, now())) {
                assert!(!license.kid().is_empty());
                assert!(json::Document::parse(license.signed_document()).is_ok());
            }
        }
        1 => {
            shown(v.verify_jws(rest));
        }
        2 => {
            let Some((&pick, rest)) = rest.split_first() else {
                return;
            };
            let alg = Algorithm::ALL[usize::from(pick) % Algorithm::ALL.len()];
            let (doc, sig) = split_nul(rest);
            shown(v.verify_detached(doc, sig, alg, None, now()));
        }
        3 => {
            shown(v.verify_jws_at(rest, now()));
        }
        _ => {
            shown(v.verify(data, now()));
        }
    }
}

/// `tamper`: seeded with the sample license in every form, signed by the vendor key,
/// and mutated by the fuzzer (bytes, JSON structure, base64 segments). Whenever licsig
/// still accepts, the verified content must be exactly the original: only
/// insignificant changes (whitespace and member order in a license file's JSON) may
/// survive. Input starting `DETACHED\0` is `document NUL base64-signature`, verified
/// as RSASSA_PSS_SHA_256.
pub(crate) fn tamper(data: &[u8]) {
    let v = vendor_only();
    let outcome = match data.strip_prefix(b"DETACHED\0") {
        Some(rest) => {
            let (doc, sig) = split_nul(rest);
            v.verify_detached(doc, sig, Algorithm::Ps256, None, now())
        }
        None => v.verify(data, now()),
    };
    if let Some(license) = shown(outcome) {
        let content = json::canonicalize(license.signed_document()).expect("verified JSON");
        assert!(
            content == original(),
            "accepted altered content:\n{}",
            String::from_utf8_lossy(&content)
        );
    }
}

/// `license`: document parsing and claims, without any signature.
pub(crate) fn license(data: &[u8]) {
    if let Some(doc) = shown(unverified::license_document(data)) {
        let license = doc.get_unverified();
        let _ = (
            license.not_after(),
            license.not_before(),
            license.jwt_claims(),
        );
        for e in license.entitlements() {
            let _ = (shown(e.count()), shown(e.text()), shown(e.boolean()));
            let _ = e.unit().is_numeric();
            assert!(license.entitlement(e.name()).is_ok());
            for (name, value) in e.others() {
                assert_eq!(e.other(name), Some(value));
            }
        }
        for (name, value) in license.others() {
            assert_eq!(license.other(name), Some(value));
            assert_eq!(
                json::canonicalize(value).as_deref(),
                Ok(value),
                "kept members are canonical"
            );
        }
        let _ = license.checkout_metadata().count();
    }
}

/// `jws`: form detection, header and segment parsing. Nothing verifies without keys.
pub(crate) fn jws(data: &[u8]) {
    if let Some(seen) = shown(unverified::inspect(data, &Limits::default())) {
        let seen = seen.get_unverified();
        for h in seen.headers() {
            assert!(h.x5c().len() <= licsig::jws::MAX_X5C_CERTIFICATES);
        }
        // The document inspect shows is JSON licsig itself accepts.
        assert!(json::Document::parse(seen.document()).is_ok());
    }
    assert!(Verifier::new(KeySet::new()).verify_jws(data).is_err());
}

/// `parse_key`: every key format. A loaded key re-parses from its own SPKI DER to the
/// same key id, and its JWK thumbprint is 43 base64url characters.
pub(crate) fn parse_key(data: &[u8]) {
    let loaded = [
        KeySet::from_bytes(data),
        KeySet::from_jwks(data),
        KeySet::from_der(data),
        std::str::from_utf8(data)
            .map_err(|_| ())
            .map_or_else(|()| Ok(KeySet::new()), KeySet::from_pem),
    ];
    for set in loaded.into_iter().filter_map(shown) {
        for key in set.iter() {
            let again = PublicKey::from_spki_der(key.spki_der()).expect("own SPKI re-parses");
            assert_eq!(again.spki_sha256(), key.spki_sha256());
            assert_eq!(again.key_type(), key.key_type());
            assert_eq!(key.jwk_thumbprint().len(), 43);
            assert!(!key.kid().is_empty());
        }
    }
    shown(PublicKey::from_jwk(data));
    shown(PublicKey::from_certificate_der(data));
    shown(PublicKey::from_pkcs1_der(data));
}

/// `x509_chain`: up to 8 certificates, each preceded by a 2-byte big-endian length,
/// validated against the x5c test root; bounded work on every input.
pub(crate) fn x509_chain(data: &[u8]) {
    static ANCHORS: OnceLock<TrustAnchors> = OnceLock::new();
    let anchors = ANCHORS.get_or_init(|| TrustAnchors::from_der(X5C_ROOT).expect("x5c root"));
    let mut certs = Vec::new();
    let mut rest = data;
    while certs.len() < 8 {
        let [a, b, tail @ ..] = rest else { break };
        let n = usize::from(u16::from_be_bytes([*a, *b])).min(tail.len());
        let (c, t) = tail.split_at(n);
        certs.push(c);
        rest = t;
    }
    if let Some(path) = shown(anchors.verify_chain(&certs, &[now()])) {
        assert!(path.signature_checks() <= MAX_SIGNATURE_CHECKS);
        assert!(path.len() <= MAX_PATH_LEN);
    }
    shown(TrustAnchors::from_bytes(data));
}

/// `canonicalize`, less the serde_json comparisons that only the fuzz binary makes:
/// accepted output is a fixed point that parses; an input refused for size or depth
/// alone is, without limits, accepted (the writer copes with the depth) or refused as
/// malformed; no other error kind. Returns the outcome under the default limits.
pub(crate) fn canonicalize(data: &[u8]) -> Result<Vec<u8>, ErrorKind> {
    match json::canonicalize(data) {
        Ok(out) => {
            check_fixed_point(&out, &Limits::default());
            Ok(out)
        }
        Err(e) if e.kind() == ErrorKind::Malformed => Err(e.kind()),
        Err(e) if e.kind() == ErrorKind::LimitExceeded => {
            let unbounded = Limits {
                max_bytes: usize::MAX,
                max_depth: usize::MAX,
                ..Limits::default()
            };
            match canonicalize_with(data, &unbounded) {
                Ok(out) => check_fixed_point(&out, &unbounded),
                Err(e) => assert_eq!(e.kind(), ErrorKind::Malformed, "{e}"),
            }
            Err(e.kind())
        }
        Err(e) => panic!("unexpected error kind {:?}: {e}", e.kind()),
    }
}

/// Canonical output canonicalizes to itself and parses.
fn check_fixed_point(out: &[u8], limits: &Limits) {
    match canonicalize_with(out, limits) {
        Ok(again) => assert!(
            again == out,
            "not a fixed point:\n once:  {}\n twice: {}",
            String::from_utf8_lossy(out),
            String::from_utf8_lossy(&again),
        ),
        Err(e) => panic!(
            "canonical output refused ({e}): {}",
            String::from_utf8_lossy(out)
        ),
    }
    assert!(json::Document::parse_with(out, limits).is_ok());
}
