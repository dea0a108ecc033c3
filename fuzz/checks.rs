//! The checks of the fuzz targets, shared by the fuzz binaries
//! (`fuzz/fuzz_targets/*.rs`, `#[path]`-included) and by the corpus replay in
//! `tests/fuzz_corpus.rs`, so that a replayed input meets exactly the checks the fuzzer
//! made. Each function panics when a property fails, and must not otherwise.
//!
//! Fixed material comes from `test-vectors/` (public keys, the sample license and its
//! signed forms, the x5c test root, the ML-DSA keys and licenses of `mldsa.json`).

// Each fuzz binary uses one of these functions; the replay test uses them all.
#![allow(dead_code)]

use std::sync::OnceLock;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use licsig::alg::{EcdsaEncoding, KeyType, MlDsaParameterSet};
use licsig::chain::{TrustAnchors, MAX_PATH_LEN, MAX_SIGNATURE_CHECKS};
use licsig::json::canonicalize_with;
use licsig::Limits;
use licsig::{
    hazmat, json, unverified, Algorithm, ErrorKind, KeySet, PublicKey, Time, VerifiedLicense,
    Verifier,
};

const VENDOR_KEY: &str = include_str!("../test-vectors/sample/vendor-public-key.pem");
const EC_KEY: &[u8] = include_bytes!("../test-vectors/licenses/keys/ec-p256.jwk.json");
const ED_KEY: &str = include_str!("../test-vectors/licenses/keys/ed25519.pub.pem");
const SAMPLE_DOCUMENT: &[u8] = include_bytes!("../test-vectors/sample/license.json");
const X5C_ROOT: &[u8] = include_bytes!("../test-vectors/chains/root.der");
const ML_DSA_VECTORS: &[u8] = include_bytes!("../test-vectors/licenses/mldsa.json");
/// The three parameter sets with their public keys, in the order the `ml_dsa_signature`
/// selector byte numbers them.
const ML_DSA_KEYS: [(MlDsaParameterSet, &str); 3] = [
    (
        MlDsaParameterSet::MlDsa44,
        include_str!("../test-vectors/licenses/keys/mldsa44.pub.pem"),
    ),
    (
        MlDsaParameterSet::MlDsa65,
        include_str!("../test-vectors/licenses/keys/mldsa65.pub.pem"),
    ),
    (
        MlDsaParameterSet::MlDsa87,
        include_str!("../test-vectors/licenses/keys/mldsa87.pub.pem"),
    ),
];

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

/// The DER of an ML-DSA SubjectPublicKeyInfo before the raw key (RFC 9881), written out
/// here rather than taken from licsig: `SEQUENCE { SEQUENCE { id-ml-dsa-NN }, BIT
/// STRING { 00, key } }`, every length in two bytes.
fn ml_dsa_spki_prefix(set: MlDsaParameterSet) -> [u8; 22] {
    let last_arc = match set {
        MlDsaParameterSet::MlDsa44 => 0x11,
        MlDsaParameterSet::MlDsa65 => 0x12,
        MlDsaParameterSet::MlDsa87 => 0x13,
    };
    let bits = set.public_key_len() + 1;
    let total = 13 + 4 + bits;
    let [_, _, t1, t0] = u32::try_from(total).expect("small").to_be_bytes();
    let [_, _, b1, b0] = u32::try_from(bits).expect("small").to_be_bytes();
    [
        0x30, 0x82, t1, t0, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03,
        last_arc, 0x03, 0x82, b1, b0, 0x00,
    ]
}

/// `ml_dsa_key`: the whole input through every key form that can hold an ML-DSA key
/// (SPKI DER, PEM, bare base64, AKP JWK, JWK Set) and as a raw key of each parameter
/// set. A raw key loads exactly when it has its set's length; a loaded ML-DSA key's
/// SPKI DER is RFC 9881's encoding of its raw key, and the key re-parses from it and
/// from the raw key alone to the same key id, type and thumbprint.
pub(crate) fn ml_dsa_key(data: &[u8]) {
    let mut keys: Vec<PublicKey> = Vec::new();
    keys.extend(shown(PublicKey::from_bytes(data)));
    keys.extend(shown(PublicKey::from_jwk(data)));
    if let Some(set) = shown(KeySet::from_jwks(data)) {
        keys.extend(set.iter().cloned());
    }
    for (set, _) in ML_DSA_KEYS {
        let raw = shown(PublicKey::from_ml_dsa(set, data));
        assert_eq!(
            raw.is_some(),
            data.len() == set.public_key_len(),
            "{} raw key of {} bytes",
            set.name(),
            data.len()
        );
        keys.extend(raw);
    }
    for key in &keys {
        let again = PublicKey::from_spki_der(key.spki_der()).expect("own SPKI re-parses");
        assert_eq!(again.spki_sha256(), key.spki_sha256());
        assert_eq!(again.key_type(), key.key_type());
        assert_eq!(key.jwk_thumbprint().len(), 43);
        assert!(!key.kid().is_empty());
        let KeyType::MlDsa(set) = key.key_type() else {
            continue;
        };
        let spki = key.spki_der();
        assert_eq!(
            spki.len(),
            22 + set.public_key_len(),
            "{} SPKI length",
            set.name()
        );
        let (prefix, raw) = spki.split_at(22);
        assert_eq!(
            prefix,
            ml_dsa_spki_prefix(set),
            "{} SPKI encoding",
            set.name()
        );
        let from_raw = PublicKey::from_ml_dsa(set, raw).expect("own raw key loads");
        assert_eq!(from_raw.spki_der(), spki);
        assert_eq!(from_raw.spki_sha256(), key.spki_sha256());
        assert_eq!(from_raw.jwk_thumbprint(), key.jwk_thumbprint());
        // An all-zero signature has the right length but z out of range. (The raw key
        // carries no JWK `use` or `key_ops` that could refuse it first.)
        let zeros = vec![0; set.signature_len()];
        let refused = hazmat::verify(set.algorithm(), &from_raw, b"", &zeros, EcdsaEncoding::Der);
        assert_eq!(refused.map_err(|e| e.kind()), Err(ErrorKind::BadSignature));
    }
}

/// One message that `test-vectors/gen/make_mldsa.py` signed with an ML-DSA test key.
struct MlDsaSigned {
    set: MlDsaParameterSet,
    /// The exact signed bytes: a token's signing input, a license file's
    /// `protected.b64url(JCS(license))`, or a detached document's JCS form.
    message: Vec<u8>,
    signature: Vec<u8>,
}

/// What `ml_dsa_signature` needs from `mldsa.json`: every signed message with its
/// signature, and each parameter set's license file `protected` header.
struct MlDsaFixture {
    verifier: Verifier,
    keys: Vec<PublicKey>,
    signed: Vec<MlDsaSigned>,
    protected: [String; 3],
}

fn ml_dsa_set(alg: &str) -> MlDsaParameterSet {
    let alg = Algorithm::from_jose(alg).expect("ML-DSA algorithm");
    ML_DSA_KEYS
        .iter()
        .map(|(set, _)| *set)
        .find(|set| set.algorithm() == alg)
        .expect("an ML-DSA parameter set")
}

fn ml_dsa_fixture() -> &'static MlDsaFixture {
    static F: OnceLock<MlDsaFixture> = OnceLock::new();
    F.get_or_init(|| {
        let keys: Vec<PublicKey> = ML_DSA_KEYS
            .iter()
            .map(|(_, pem)| PublicKey::from_pem(pem).expect("ML-DSA test key"))
            .collect();
        let verifier = Verifier::new(KeySet::from_keys(keys.clone()).expect("three keys"));
        let group: serde_json::Value = serde_json::from_slice(ML_DSA_VECTORS).expect("mldsa.json");
        let mut signed = Vec::new();
        let mut protected: [String; 3] = Default::default();
        let text = |v: &serde_json::Value, name: &str| -> String {
            v[name].as_str().expect("a string member").to_owned()
        };
        for v in group["vectors"].as_array().expect("vectors") {
            if v["expected"] != "valid" {
                continue;
            }
            let set = ml_dsa_set(&text(v, "algorithm"));
            let input = text(v, "input");
            let (message, signature) = match text(v, "form").as_str() {
                "token" => {
                    let (message, sig) = input.rsplit_once('.').expect("three segments");
                    (
                        message.as_bytes().to_vec(),
                        URL_SAFE_NO_PAD.decode(sig).expect("b64url"),
                    )
                }
                "license_file" => {
                    let file: serde_json::Value = serde_json::from_str(&input).expect("file");
                    let entry = &file["signatures"][0];
                    let header = text(entry, "protected");
                    let license = serde_json::to_vec(&file["license"]).expect("license");
                    let canonical = json::canonicalize(&license).expect("license JCS");
                    let message = format!("{header}.{}", URL_SAFE_NO_PAD.encode(canonical));
                    let index = ML_DSA_KEYS
                        .iter()
                        .position(|(s, _)| *s == set)
                        .expect("set");
                    protected[index] = header;
                    let sig = URL_SAFE_NO_PAD
                        .decode(text(entry, "signature"))
                        .expect("b64url");
                    (message.into_bytes(), sig)
                }
                _ => {
                    let message = json::canonicalize(input.as_bytes()).expect("document JCS");
                    let sig = STANDARD
                        .decode(text(v, "signature").trim())
                        .expect("base64");
                    (message, sig)
                }
            };
            signed.push(MlDsaSigned {
                set,
                message,
                signature,
            });
        }
        assert!(
            protected.iter().all(|p| !p.is_empty()),
            "a license file per set"
        );
        MlDsaFixture {
            verifier,
            keys,
            signed,
            protected,
        }
    })
}

/// `ml_dsa_signature`: `selector message NUL signature`, with the ML-DSA-44/65/87 test
/// keys trusted and the licenses of `mldsa.json` as seeds. The selector's low two bits
/// pick how `message` and the raw `signature` are checked: 0 `hazmat::verify` with one
/// key, 1 a token (`message.b64url(signature)`), 2 a license file (`message` as its
/// license, the `protected` header of the set `mldsa.json` signed with), 3 a detached
/// signature. Bits 2–3 pick the key or header (44, 65, 87), bits 4–5 the algorithm of
/// modes 0 and 3 (ML-DSA-44, -65, -87 or ML_DSA_SHAKE_256).
///
/// Whatever verifies must be a message the generator signed, with exactly the
/// signature it made, under the key of the set it used: FIPS 204 signatures are
/// strongly unforgeable (a hint in non-canonical form is refused), so no changed
/// message, and no other encoding of a signature, may pass.
pub(crate) fn ml_dsa_signature(data: &[u8]) {
    let f = ml_dsa_fixture();
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (message, signature) = split_nul(rest);
    let index = usize::from((selector >> 2) & 3) % ML_DSA_KEYS.len();
    let alg = match (selector >> 4) & 3 {
        3 => Algorithm::MlDsaShake256,
        i => ML_DSA_KEYS[usize::from(i)].0.algorithm(),
    };
    let b64url = URL_SAFE_NO_PAD.encode(signature);
    let accepted: Option<(MlDsaParameterSet, Vec<u8>, Vec<Vec<u8>>)> = match selector & 3 {
        0 => {
            let key = &f.keys[index];
            let ok = hazmat::verify(alg, key, message, signature, EcdsaEncoding::Der);
            shown(ok).map(|()| {
                let set = ML_DSA_KEYS[index].0;
                (set, message.to_vec(), vec![signature.to_vec()])
            })
        }
        1 => {
            let mut token = message.to_vec();
            token.push(b'.');
            token.extend_from_slice(b64url.as_bytes());
            shown(f.verifier.verify(&token, now()))
                .map(|l| (signed_set(&l), message.to_vec(), vec![signature.to_vec()]))
        }
        2 => {
            let header = &f.protected[index];
            let mut file = br#"{"license":"#.to_vec();
            file.extend_from_slice(message);
            file.extend_from_slice(br#","signatures":[{"protected":""#);
            file.extend_from_slice(header.as_bytes());
            file.extend_from_slice(br#"","signature":""#);
            file.extend_from_slice(b64url.as_bytes());
            file.extend_from_slice(br#""}]}"#);
            shown(f.verifier.verify(&file, now())).map(|l| {
                let canonical = json::canonicalize(l.signed_document()).expect("verified JSON");
                let signed = format!("{header}.{}", URL_SAFE_NO_PAD.encode(canonical));
                (
                    signed_set(&l),
                    signed.into_bytes(),
                    vec![signature.to_vec()],
                )
            })
        }
        _ => shown(
            f.verifier
                .verify_detached(message, signature, alg, None, now()),
        )
        .map(|l| {
            let canonical = json::canonicalize(l.signed_document()).expect("verified JSON");
            // Raw bytes, or standard base64 text of them.
            let mut read_as = vec![signature.to_vec()];
            read_as.extend(STANDARD.decode(signature.trim_ascii()));
            (signed_set(&l), canonical, read_as)
        }),
    };
    if let Some((set, message, read_as)) = accepted {
        assert!(
            f.signed
                .iter()
                .any(|s| s.set == set && s.message == message && read_as.contains(&s.signature)),
            "{} accepted a message or signature it never made:\n{}",
            set.name(),
            String::from_utf8_lossy(&message)
        );
    }
}

/// The parameter set of the key that verified `license`.
fn signed_set(license: &VerifiedLicense) -> MlDsaParameterSet {
    match license.algorithm() {
        Algorithm::MlDsa44 => MlDsaParameterSet::MlDsa44,
        Algorithm::MlDsa65 => MlDsaParameterSet::MlDsa65,
        Algorithm::MlDsa87 => MlDsaParameterSet::MlDsa87,
        other => panic!("only ML-DSA keys are trusted, yet {other} verified"),
    }
}
