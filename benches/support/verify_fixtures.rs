#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]
//! The signed inputs of `benches/verify.rs`, shared with `examples/verify_loop.rs`
//! (which counts instructions of the same calls under callgrind).
//!
//! Every signature is made here, from committed test keys: RSA with ring's `RsaKeyPair`
//! (RSA-2048 `test-vectors/keys/rsa2048-PRIVATE-test-only.pem`, RSA-3072
//! `test-vectors/licenses/keys/private/rsa3072.pk8.pem`), ML-DSA with licsig's own
//! signer (feature `sign`) from the seed-form keys
//! `test-vectors/licenses/keys/private/mldsa{44,65,87}.pk8.pem`. Every token carries the
//! same license document, AWS License Manager-shaped, 495 bytes compact, under the same
//! header shape.

use std::path::PathBuf;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
#[cfg(feature = "sign")]
use licsig::alg::MlDsaParameterSet;
use licsig::PublicKey;
use ring::rand::SystemRandom;
use ring::signature as rs;

/// The node the license is locked to, and the verifier's own.
pub(crate) const NODE_ID: &str = "i-0a1b2c3d4e5f67890";

/// The verifier's fixed "now": inside the license's validity.
pub(crate) const NOW: &str = "2026-11-22T12:00:00Z";

/// The signed license document, compact as a signer serialises a token payload.
pub(crate) const DOCUMENT: &str = concat!(
    r#"{"licenseArn":"arn:aws:license-manager::294406891311:license:l-4d7e1a0b3c2f4e5a9b8c7d6e5f4a3b2c","#,
    r#""licenseConsumptionToken":"6f1c2b9e-8a43-4d57-b2e0-3c9d71f0a6e4","#,
    r#""issuedAt":"2026-11-22T09:14:03.000Z","expiration":"2026-11-23T09:14:03.000Z","#,
    r#""nodeId":"i-0a1b2c3d4e5f67890","#,
    r#""checkoutMetadata":{"Environment":"production"},"#,
    r#""entitlementsAllowed":["#,
    r#"{"name":"Seats","unit":"Count","value":"25"},"#,
    r#"{"name":"Feature.Export","unit":"None","value":"true"},"#,
    r#"{"name":"Storage","unit":"Gigabytes","value":"500"}]}"#,
);

/// An RSA signing key, with its public half as licsig, ring and jsonwebtoken take it.
pub(crate) struct Signer {
    pair: rs::RsaKeyPair,
    pub(crate) key: PublicKey,
    /// DER `RSAPublicKey`, what ring's RSA verifiers take.
    pub(crate) pkcs1: Vec<u8>,
    /// SPKI PEM (`PUBLIC KEY`), what a vendor ships and jsonwebtoken loads.
    pub(crate) spki_pem: String,
}

impl Signer {
    pub(crate) fn from_pkcs8_pem(text: &str) -> Self {
        let pair = rs::RsaKeyPair::from_pkcs8(&pem_body(text, "PRIVATE KEY")).unwrap();
        let pkcs1 = pair.public().as_ref().to_vec();
        let key = PublicKey::from_pkcs1_der(&pkcs1).unwrap();
        let spki_pem = pem_encode("PUBLIC KEY", key.spki_der());
        Self {
            pair,
            key,
            pkcs1,
            spki_pem,
        }
    }

    pub(crate) fn kid(&self) -> &str {
        self.key.kid()
    }

    pub(crate) fn sign(&self, padding: &'static dyn rs::RsaEncoding, message: &[u8]) -> Vec<u8> {
        let mut sig = vec![0; self.pair.public().modulus_len()];
        self.pair
            .sign(padding, &SystemRandom::new(), message, &mut sig)
            .unwrap();
        sig
    }

    /// A compact JWS of [`DOCUMENT`] under `alg`, signed with `padding`.
    pub(crate) fn token(&self, alg: &str, padding: &'static dyn rs::RsaEncoding) -> Token {
        token(alg, self.kid(), |input| self.sign(padding, input))
    }
}

/// A compact JWS of [`DOCUMENT`] as License Manager writes one (`alg`, `kid`,
/// `typ: JWT`), with its signing input and the signature `sign` makes over it.
pub(crate) fn token(alg: &str, kid: &str, sign: impl FnOnce(&[u8]) -> Vec<u8>) -> Token {
    let header = format!(r#"{{"alg":"{alg}","kid":"{kid}","typ":"JWT"}}"#);
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(DOCUMENT)
    );
    let signature = sign(signing_input.as_bytes());
    Token {
        text: format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(&signature)),
        signing_input: signing_input.into_bytes(),
        signature,
    }
}

/// An ML-DSA token signed with the committed seed-form test key of parameter set `set`,
/// and the public key: licsig's, and its FIPS 204 encoding (`pkEncode`), the form the
/// raw primitives take.
#[cfg(feature = "sign")]
pub(crate) fn ml_dsa_token(set: MlDsaParameterSet) -> (PublicKey, Vec<u8>, Token) {
    use licsig::alg::EcdsaEncoding;
    let bits = &set.name()["ML-DSA-".len()..];
    let pem = repo_file(&format!(
        "test-vectors/licenses/keys/private/mldsa{bits}.pk8.pem"
    ));
    let signer = licsig::sign::Signer::from_pkcs8(pem.as_bytes(), set.algorithm()).unwrap();
    let token = token(set.name(), signer.kid(), |input| {
        signer.sign_message(input, EcdsaEncoding::Fixed).unwrap()
    });
    assert_eq!(token.signature.len(), set.signature_len());
    let key = signer.public_key().clone();
    // The SPKI ends with the BIT STRING holding the encoded key.
    let spki = key.spki_der();
    let encoded = spki[spki.len() - set.public_key_len()..].to_vec();
    (key, encoded, token)
}

pub(crate) struct Token {
    pub(crate) text: String,
    pub(crate) signing_input: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

/// The DER inside the first `label` block of a PEM text.
fn pem_body(text: &str, label: &str) -> Vec<u8> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin).unwrap() + begin.len();
    let stop = start + text[start..].find(&end).unwrap();
    let b64: String = text[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD.decode(b64).unwrap()
}

fn pem_encode(label: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

pub(crate) fn repo_file(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// [`DOCUMENT`] pretty-printed (members sorted), as a person or `jq` saves it.
pub(crate) fn pretty_document() -> String {
    let value: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
    serde_json::to_string_pretty(&value).unwrap()
}

/// A pretty-printed license file with one PS256 signature over [`DOCUMENT`].
pub(crate) struct LicenseFile {
    pub(crate) text: String,
    /// RFC 8785 form of the license.
    pub(crate) canonical: Vec<u8>,
    /// `protected.base64url(canonical)`.
    pub(crate) signing_input: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

pub(crate) fn license_file(signer: &Signer) -> LicenseFile {
    let canonical = licsig::json::canonicalize(DOCUMENT.as_bytes()).unwrap();
    let protected =
        URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"PS256","kid":"{}"}}"#, signer.kid()));
    let signing_input = format!("{protected}.{}", URL_SAFE_NO_PAD.encode(&canonical)).into_bytes();
    let signature = signer.sign(&rs::RSA_PSS_SHA256, &signing_input);
    let file = format!(
        r#"{{"license":{},"signatures":[{{"protected":"{protected}","signature":"{}"}}]}}"#,
        DOCUMENT,
        URL_SAFE_NO_PAD.encode(&signature)
    );
    let file: serde_json::Value = serde_json::from_str(&file).unwrap();
    LicenseFile {
        text: serde_json::to_string_pretty(&file).unwrap(),
        canonical,
        signing_input,
        signature,
    }
}

/// A pretty-printed license document and its `RSASSA_PSS_SHA_256` signature over the
/// RFC 8785 form, as base64 text the way `aws kms sign --query Signature --output text`
/// prints it.
pub(crate) struct Detached {
    pub(crate) document: String,
    pub(crate) canonical: Vec<u8>,
    pub(crate) signature: Vec<u8>,
    pub(crate) signature_text: String,
}

pub(crate) fn detached(signer: &Signer) -> Detached {
    let document = pretty_document();
    let canonical = licsig::json::canonicalize(document.as_bytes()).unwrap();
    let signature = signer.sign(&rs::RSA_PSS_SHA256, &canonical);
    let signature_text = format!("{}\n", STANDARD.encode(&signature));
    Detached {
        document,
        canonical,
        signature,
        signature_text,
    }
}
