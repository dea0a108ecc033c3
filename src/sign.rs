//! The issuing side (feature `sign`): a [`Signer`] makes the three self-made wire
//! forms of DESIGN.md §2 from a license document.
//!
//! | form | method | signed bytes | ECDSA |
//! |---|---|---|---|
//! | compact token | [`Signer::sign_token`] | ASCII(b64url(header) `.` b64url(JCS(document))) | `r‖s` |
//! | license file | [`Signer::sign_license_file`] | ASCII(protected `.` b64url(JCS(license))) | `r‖s` |
//! | detached | [`Signer::sign_detached`] | JCS(document) | DER |
//!
//! The protected header is `{"alg":…,"kid":…}`, in that order and with no
//! whitespace (also its RFC 8785 form). The kid defaults to the key id of DESIGN.md
//! §5, the SHA-256 of the SPKI DER of the signing key's public half.
//!
//! Keys: a PKCS#8 private key, PEM (`PRIVATE KEY`) or DER, signed with by the crypto
//! backend (ring, or aws-lc-rs under feature `aws-lc`); or any [`ExternalSigner`],
//! such as an AWS KMS key (`examples/kms_signer.rs`), which sees only the bytes to
//! sign.
//!
//! Every document is validated before it is signed: it must read as a license
//! document ([`crate::unverified::license_document`]) within the default JSON
//! limits, and must not expire before it is issued. Every signature is verified
//! with the public key before it is returned, so that a signer that is not the key
//! it claims to be (a KMS key id pointing at another key, a wrong algorithm or
//! encoding) fails here and not in the field.

use core::fmt;

use crate::alg::{Algorithm, Curve, EcdsaEncoding, KeyType};
use crate::b64::encode_url as b64url_encode;
use crate::crypto::{self, KeyPair, PublicParts};
use crate::error::{Error, ErrorKind, Limit};
use crate::hazmat::{ecdsa_der_to_fixed, ecdsa_fixed_to_der};
use crate::json;
use crate::key::{self, PublicKey};
use crate::limits::Limits;

/// A signing service outside this process: AWS KMS, an HSM, a PKCS#11 token.
///
/// licsig hands it the exact bytes to sign; it returns the signature. For AWS KMS,
/// that is `Sign` with `SigningAlgorithm` = [`Algorithm::kms_name`] (`ML_DSA_SHAKE_256`
/// for the three ML-DSA parameter sets) and `MessageType` `RAW`, which takes up to 4096
/// bytes. A longer message goes as its digest with `DIGEST` (RSA, ECDSA), or as
/// [`ml_dsa_external_mu`] with `EXTERNAL_MU` (ML-DSA); KMS cannot sign it with Ed25519.
/// See `examples/kms_signer.rs`.
pub trait ExternalSigner {
    /// Signs `message` (the whole message: the signer hashes it) under `alg`.
    ///
    /// RSA, Ed25519 and ML-DSA signatures are returned as they are; ECDSA signatures in
    /// [`ExternalSigner::ecdsa_encoding`] (DER, as KMS returns them, by default).
    fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error>;

    /// The public half of the signing key. Its [`PublicKey::kid`] becomes the
    /// header's `kid` unless [`Signer::with_kid`] says otherwise.
    fn public_key(&self) -> &PublicKey;

    /// How this signer encodes ECDSA signatures: DER unless overridden (AWS KMS,
    /// OpenSSL and most HSM APIs return DER; PKCS#11 `CKM_ECDSA` returns `r‖s`).
    fn ecdsa_encoding(&self) -> EcdsaEncoding {
        EcdsaEncoding::Der
    }
}

/// FIPS 204's μ for a pure ML-DSA signature by `key` over `message` with an empty
/// context: what AWS KMS signs with `MessageType` `EXTERNAL_MU`, for messages over the
/// 4096 bytes of `RAW`. The signature over μ is the signature over `message`, so an
/// [`ExternalSigner`] returns it as it is.
///
/// μ = SHAKE256(tr ‖ 0x00 ‖ 0x00 ‖ `message`, 64) with tr = SHAKE256(pk, 64), pk the
/// raw public key (not its SPKI): FIPS 204 Algorithm 2 line 10 and Algorithm 7 lines
/// 6–7. A key that is not ML-DSA is [`ErrorKind::KeyMismatch`].
///
/// ```
/// # fn main() -> Result<(), licsig::Error> {
/// use licsig::{sign::ml_dsa_external_mu, PublicKey};
/// let pem = include_str!("../test-vectors/licenses/keys/mldsa65.pub.pem");
/// let mu = ml_dsa_external_mu(&PublicKey::from_pem(pem)?, &[b'x'; 5000])?;
/// assert_eq!(mu.len(), 64); // KMS: --message fileb://mu.bin --message-type EXTERNAL_MU
/// # Ok(()) }
/// ```
pub fn ml_dsa_external_mu(key: &PublicKey, message: &[u8]) -> Result<[u8; 64], Error> {
    let encoded = key.ml_dsa_encoded().ok_or_else(|| {
        Error::new(
            ErrorKind::KeyMismatch,
            format!(
                "key {} is a {} key: an external μ is for ML-DSA keys only",
                key.kid(),
                key.key_type()
            ),
        )
    })?;
    Ok(crypto::ml_dsa_external_mu(encoded, message))
}

enum Backend {
    Local(Box<KeyPair>),
    External(Box<dyn ExternalSigner + Send + Sync>),
}

/// Signs license documents with one key and one algorithm.
///
/// ```
/// # fn main() -> Result<(), licsig::Error> {
/// use licsig::{Algorithm, KeySet, Signer, Time, Verifier};
/// let pem = include_str!("../test-vectors/licenses/keys/private/ed25519.pk8.pem");
/// let signer = Signer::from_pkcs8(pem.as_bytes(), Algorithm::EdDsa)?;
/// let document = br#"{"licenseArn":"arn:aws:license-manager::294406891311:license:l-1",
///     "issuedAt":"2026-11-01T00:00:00",
///     "entitlementsAllowed":[{"name":"Seats","unit":"Count","value":"5"}]}"#;
/// let file = signer.sign_license_file(document)?;
///
/// let keys = KeySet::from_pem(include_str!("../test-vectors/licenses/keys/ed25519.pub.pem"))?;
/// let license = Verifier::new(keys).verify(file.as_bytes(), Time::parse("2026-11-22T00:00:00Z")?)?;
/// assert_eq!(license.entitlement("Seats")?.count()?, 5);
/// assert_eq!(license.kid(), signer.kid());
/// # Ok(()) }
/// ```
pub struct Signer {
    backend: Backend,
    public: PublicKey,
    alg: Algorithm,
    kid: String,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field(
                "backend",
                &match self.backend {
                    Backend::Local(_) => crypto::SIGNING_BACKEND,
                    Backend::External(_) => "external",
                },
            )
            .field("key_type", &self.public.key_type())
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// The forms a vendor signs itself. (The fourth wire form, the AWS checkout response,
/// is made by AWS License Manager only.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignedForm {
    /// A compact JWS ([`Signer::sign_token`]).
    Token,
    /// A pretty-printed license file ([`Signer::sign_license_file`]).
    LicenseFile,
    /// A detached signature as base64 text ([`Signer::sign_detached_base64`]).
    Detached,
}

/// Largest private-key input accepted, in bytes.
const MAX_PRIVATE_KEY_BYTES: usize = 64 * 1024;

/// The public half of a PKCS#8 private key, PEM or DER, read as [`Signer::from_pkcs8`]
/// reads it: its key id is the one a signer's headers carry by default, which is what
/// `licsig fingerprint` shows for a private key file.
pub fn public_key_from_pkcs8(input: &[u8]) -> Result<PublicKey, Error> {
    let pair = KeyPair::from_pkcs8(&pkcs8_der(input)?).map_err(key::invalid)?;
    public_half(&pair)
}

/// The DER of a PKCS#8 private key given as PEM or DER, bounded in size.
fn pkcs8_der(input: &[u8]) -> Result<Vec<u8>, Error> {
    if input.len() > MAX_PRIVATE_KEY_BYTES {
        return Err(Error::limit(
            Limit::PrivateKeyBytes,
            MAX_PRIVATE_KEY_BYTES,
            format!(
                "private key input is {} bytes, over the limit of {MAX_PRIVATE_KEY_BYTES}",
                input.len()
            ),
        ));
    }
    if input.first() == Some(&0x30) {
        Ok(input.to_vec())
    } else {
        pkcs8_pem(input)
    }
}

/// The public key of a key pair, validated as every loaded public key is.
fn public_half(pair: &KeyPair) -> Result<PublicKey, Error> {
    match pair.public_parts() {
        PublicParts::Rsa(pkcs1) => PublicKey::from_pkcs1_der(&pkcs1),
        PublicParts::Ec(curve, point) => PublicKey::from_ec_point(curve, &point),
        PublicParts::Ed25519(a) => PublicKey::from_ed25519(&a),
        PublicParts::MlDsa(set, encoded) => PublicKey::from_ml_dsa(set, &encoded),
    }
}

impl Signer {
    /// A signer from a PKCS#8 private key, PEM (`-----BEGIN PRIVATE KEY-----`) or DER,
    /// for `alg`, which must fit the key ([`ErrorKind::KeyMismatch`] otherwise).
    ///
    /// RSA keys must be 2048–4096 bits (ring signs with no larger key). PKCS#1
    /// (`RSA PRIVATE KEY`), SEC1 (`EC PRIVATE KEY`) and encrypted PKCS#8 are refused
    /// with [`ErrorKind::InvalidKey`] and the `openssl` command that converts them.
    pub fn from_pkcs8(input: &[u8], alg: Algorithm) -> Result<Self, Error> {
        Self::from_pkcs8_der(&pkcs8_der(input)?, alg)
    }

    /// A signer from a DER PKCS#8 private key. See [`Signer::from_pkcs8`].
    pub fn from_pkcs8_der(der: &[u8], alg: Algorithm) -> Result<Self, Error> {
        let pair = KeyPair::from_pkcs8(der).map_err(key::invalid)?;
        let public = public_half(&pair)?;
        Self::new(Backend::Local(Box::new(pair)), public, alg)
    }

    /// A signer that delegates to `external` (a KMS key, an HSM). Its public key must
    /// fit `alg`.
    pub fn external(
        external: impl ExternalSigner + Send + Sync + 'static,
        alg: Algorithm,
    ) -> Result<Self, Error> {
        let public = external.public_key().clone();
        Self::new(Backend::External(Box::new(external)), public, alg)
    }

    fn new(backend: Backend, public: PublicKey, alg: Algorithm) -> Result<Self, Error> {
        // `ML_DSA_SHAKE_256` signs with the key's parameter set, whose name the headers carry.
        let alg = alg.for_key(public.key_type());
        if !alg.fits(public.key_type()) {
            return Err(Error::new(
                ErrorKind::KeyMismatch,
                format!(
                    "this {} key cannot sign {alg}; {}",
                    public.key_type(),
                    fitting(public.key_type())
                ),
            ));
        }
        let kid = public.kid().to_owned();
        Ok(Self {
            backend,
            public,
            alg,
            kid,
        })
    }

    /// Writes `kid` into headers instead of the default key id (for example the
    /// name a verifier's JWK Set gives the key). It must be non-empty.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Result<Self, Error> {
        let kid = kid.into();
        if kid.is_empty() {
            return Err(key::invalid("key id is empty"));
        }
        self.kid = kid;
        Ok(self)
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The key id written into headers.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public half of the signing key: what a verifier pins.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Signs `document` in `form`, returning the bytes as the `licsig sign` command
    /// prints them: a token (no line break), a pretty-printed license file (ending
    /// in a line break), or a detached signature as base64 text with a line break.
    pub fn sign(&self, document: &[u8], form: SignedForm) -> Result<Vec<u8>, Error> {
        match form {
            SignedForm::Token => self.sign_token(document).map(String::into_bytes),
            SignedForm::LicenseFile => self.sign_license_file(document).map(String::into_bytes),
            SignedForm::Detached => self.sign_detached_base64(document).map(String::into_bytes),
        }
    }

    /// A compact JWS: `b64url(header).b64url(JCS(document)).b64url(r‖s or signature)`.
    pub fn sign_token(&self, document: &[u8]) -> Result<String, Error> {
        let canonical = validated(document)?;
        let mut token = b64url_encode(&self.header());
        token.push('.');
        token.push_str(&b64url_encode(&canonical));
        let signature = self.sign_message(token.as_bytes(), EcdsaEncoding::Fixed)?;
        token.push('.');
        token.push_str(&b64url_encode(&signature));
        Ok(token)
    }

    /// A license file, pretty-printed with two-space indentation and a final line
    /// break. The license appears in its RFC 8785 form (members in canonical order,
    /// numbers and strings as JCS writes them), so what a person reads is what was
    /// signed; a verifier canonicalises it again whatever the layout.
    pub fn sign_license_file(&self, document: &[u8]) -> Result<String, Error> {
        license_file(document, &[self])
    }

    /// The same license file on one line, with no line break: its RFC 8785 form.
    pub fn sign_license_file_compact(&self, document: &[u8]) -> Result<String, Error> {
        license_file_canonical(document, &[self])
    }

    /// A detached signature over JCS(document), raw bytes as AWS KMS `Sign` returns
    /// them (ECDSA in DER).
    pub fn sign_detached(&self, document: &[u8]) -> Result<Vec<u8>, Error> {
        let canonical = validated(document)?;
        self.sign_message(&canonical, EcdsaEncoding::Der)
    }

    /// [`Signer::sign_detached`] as standard base64 with a line break, as
    /// `aws kms sign --output text --query Signature` prints it.
    pub fn sign_detached_base64(&self, document: &[u8]) -> Result<String, Error> {
        let mut text = crate::b64::encode_standard(&self.sign_detached(document)?);
        text.push('\n');
        Ok(text)
    }

    /// Signs arbitrary bytes — no license validation — and verifies the signature
    /// with the public key before returning it. ECDSA comes in `ecdsa` encoding,
    /// converted if the external signer returns the other one.
    ///
    /// For signing inputs other than the three forms, such as conformance tests.
    pub fn sign_message(&self, message: &[u8], ecdsa: EcdsaEncoding) -> Result<Vec<u8>, Error> {
        let signature = match &self.backend {
            Backend::Local(pair) => pair
                .sign(self.alg, message, ecdsa)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::KeyMismatch,
                        format!("this private key cannot sign {}", self.alg),
                    )
                })?
                .map_err(|e| Error::new(ErrorKind::InvalidKey, e))?,
            Backend::External(external) => {
                let got = external.sign(self.alg, message)?;
                match (self.public.key_type(), external.ecdsa_encoding(), ecdsa) {
                    (KeyType::Ec(curve), EcdsaEncoding::Der, EcdsaEncoding::Fixed) => {
                        ecdsa_der_to_fixed(&got, curve).map_err(|e| from_external(&e))?
                    }
                    (KeyType::Ec(curve), EcdsaEncoding::Fixed, EcdsaEncoding::Der) => {
                        ecdsa_fixed_to_der(&got, curve).map_err(|e| from_external(&e))?
                    }
                    _ => got,
                }
            }
        };
        self.public
            .verify(self.alg, message, &signature, ecdsa)
            .map_err(|e| {
                Error::new(
                    ErrorKind::BadSignature,
                    format!(
                        "the new {} signature does not verify under the signer's public key {} \
                     ({e}): the signer is not that key, or signs another algorithm",
                        self.alg, self.public
                    ),
                )
            })?;
        Ok(signature)
    }

    /// `{"alg":"…","kid":"…"}`: compact, and its own RFC 8785 form.
    fn header(&self) -> Vec<u8> {
        let mut h = br#"{"alg":"#.to_vec();
        json::write_string(self.alg.jose_name(), &mut h);
        h.extend_from_slice(br#","kid":"#);
        json::write_string(&self.kid, &mut h);
        h.push(b'}');
        h
    }
}

fn from_external(e: &Error) -> Error {
    Error::new(
        ErrorKind::BadSignature,
        format!("the external signer returned a malformed ECDSA signature: {e}"),
    )
}

fn fitting(key_type: KeyType) -> &'static str {
    match key_type {
        KeyType::Rsa { .. } => "an RSA key signs PS256/384/512 or RS256/384/512",
        KeyType::Ec(Curve::P256) => "a P-256 key signs ES256",
        KeyType::Ec(Curve::P384) => "a P-384 key signs ES384",
        KeyType::Ed25519 => "an Ed25519 key signs EdDSA",
        KeyType::MlDsa(_) => {
            "an ML-DSA key signs its own parameter set (ML-DSA-44, ML-DSA-65 or ML-DSA-87)"
        }
    }
}

/// A license file signed by each of `signers`, in order: one entry of `signatures`
/// per signer, pretty-printed as [`Signer::sign_license_file`] prints one. With an
/// RSA or ECDSA signer and an ML-DSA signer (two AWS KMS keys, say) this is a hybrid
/// license, which a verifier with [`crate::Verifier::require_family`] for both
/// families accepts only while both signatures verify.
///
/// Fails as each signer's [`Signer::sign_license_file`] does; with no signer,
/// [`ErrorKind::Malformed`] (a license file carries at least one signature).
pub fn license_file(document: &[u8], signers: &[&Signer]) -> Result<String, Error> {
    let mut out = pretty(license_file_canonical(document, signers)?.as_bytes());
    out.push('\n');
    Ok(out)
}

/// [`license_file`] in its RFC 8785 form, on one line.
fn license_file_canonical(document: &[u8], signers: &[&Signer]) -> Result<String, Error> {
    if signers.is_empty() {
        return Err(Error::malformed("a license file needs at least one signer"));
    }
    let canonical = validated(document)?;
    let payload = b64url_encode(&canonical);
    // validated() read the document as JSON text, so its canonical form is UTF-8.
    let license = core::str::from_utf8(&canonical)
        .map_err(|_| Error::malformed("the license is not UTF-8"))?;
    // Members in RFC 8785 order ("license" < "signatures", "protected" < "signature");
    // base64url needs no escaping: this is the file's JCS form.
    let mut entries = Vec::with_capacity(signers.len());
    for signer in signers {
        let protected = b64url_encode(&signer.header());
        let input = [protected.as_bytes(), b".", payload.as_bytes()].concat();
        let signature = b64url_encode(&signer.sign_message(&input, EcdsaEncoding::Fixed)?);
        entries.push(format!(
            r#"{{"protected":"{protected}","signature":"{signature}"}}"#
        ));
    }
    Ok(format!(
        r#"{{"license":{license},"signatures":[{}]}}"#,
        entries.join(",")
    ))
}

/// The RFC 8785 bytes of `document`, once it has read as a license document.
fn validated(document: &[u8]) -> Result<Vec<u8>, Error> {
    let limits = Limits::default();
    let license = crate::unverified::license_document_with(document, &limits)
        .map_err(|e| {
            Error::new(
                e.kind(),
                format!("refusing to sign: not a license document: {e}"),
            )
        })?
        .into_unverified();
    if let Some(end) = license.expiration() {
        if end < license.issued_at() {
            return Err(Error::malformed(format!(
                "refusing to sign: the license expires ({end}) before it is issued ({})",
                license.issued_at()
            )));
        }
    }
    json::canonicalize_with(document, &limits)
}

/// The DER of the one `PRIVATE KEY` PEM block in `input`.
fn pkcs8_pem(input: &[u8]) -> Result<Vec<u8>, Error> {
    let text = core::str::from_utf8(input)
        .map_err(|_| key::invalid("private key input is neither DER nor PEM"))?;
    let Some((_, after)) = text.split_once("-----BEGIN ") else {
        return Err(key::invalid(
            "private key input is neither DER nor PEM (no \"-----BEGIN\" line)",
        ));
    };
    let (label, rest) = after
        .split_once("-----")
        .ok_or_else(|| key::invalid("PEM: a BEGIN line is not terminated by \"-----\""))?;
    let convert = "openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY.pk8.pem";
    match label {
        "PRIVATE KEY" => {}
        "RSA PRIVATE KEY" | "EC PRIVATE KEY" => {
            return Err(key::invalid(format!(
                "PEM block \"{label}\" is not PKCS#8; convert it: {convert}"
            )))
        }
        "ENCRYPTED PRIVATE KEY" => {
            return Err(key::invalid(format!(
                "the private key is encrypted; decrypt it to PKCS#8 first: {convert}"
            )))
        }
        other => {
            return Err(key::invalid(format!(
                "PEM block \"{}\" is not a PKCS#8 private key (\"PRIVATE KEY\")",
                other.chars().take(40).collect::<String>()
            )))
        }
    }
    let (body, after_end) = rest
        .split_once("-----END PRIVATE KEY-----")
        .ok_or_else(|| key::invalid("PEM: no \"-----END PRIVATE KEY-----\" line"))?;
    if after_end.contains("-----BEGIN ") {
        return Err(key::invalid(
            "more than one PEM block: give one private key",
        ));
    }
    key::decode_base64_body(body)
        .map_err(|_| key::invalid("PEM block \"PRIVATE KEY\" is not valid base64"))
}

/// Pretty-prints canonical JSON (no whitespace outside strings) with two-space
/// indentation, `": "` after names, and empty containers as `{}` / `[]` — the layout
/// of `JSON.stringify(v, null, 2)` and Python's `json.dumps(v, indent=2)`.
/// Iterative; string contents are copied as they are.
fn pretty(canonical: &[u8]) -> String {
    let mut out = String::with_capacity(canonical.len() * 2);
    let text = String::from_utf8_lossy(canonical);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_layout() {
        let canonical = r#"{"a":[],"b":{},"c":[1,{"d":"x,:{[\"]"}],"e":"é"}"#.as_bytes();
        let want = "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"x,:{[\\\"]\"\n    }\n  ],\n  \"e\": \"é\"\n}";
        let got = pretty(canonical);
        assert_eq!(got, want);
        assert_eq!(json::canonicalize(got.as_bytes()).unwrap(), canonical);
    }

    #[test]
    fn header_is_canonical_and_escaped() {
        let pem = include_str!("../test-vectors/licenses/keys/private/ed25519.pk8.pem");
        let s = Signer::from_pkcs8(pem.as_bytes(), Algorithm::EdDsa)
            .unwrap()
            .with_kid("a\"b")
            .unwrap();
        let h = s.header();
        assert_eq!(h, br#"{"alg":"EdDSA","kid":"a\"b"}"#);
        assert_eq!(json::canonicalize(&h).unwrap(), h);
    }

    #[test]
    fn refuses_other_pem_blocks() {
        for (pem, needle) in [
            ("-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----\n", "openssl pkcs8"),
            ("-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----\n", "openssl pkcs8"),
            ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n", "encrypted"),
            ("-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----\n", "not a PKCS#8"),
            ("-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----\n", "base64"),
            ("hello", "neither"),
        ] {
            let err = Signer::from_pkcs8(pem.as_bytes(), Algorithm::Rs256).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidKey, "{pem}");
            assert!(err.message().contains(needle), "{pem}: {err}");
        }
    }
}
