//! Public keys: loading, validation, key ids, and sets of trusted keys.
//!
//! A key is parsed and checked once, when it is loaded; what verification needs is
//! kept ready in the [`PublicKey`], so verifying does no parsing. Accepted forms:
//!
//! | form | entry point |
//! |---|---|
//! | SubjectPublicKeyInfo DER (AWS KMS `GetPublicKey`), and its bare base64 as the AWS CLI prints it | [`PublicKey::from_spki_der`], [`PublicKey::from_bytes`] |
//! | PEM `PUBLIC KEY`, `RSA PUBLIC KEY` (PKCS#1), `CERTIFICATE`; bundles of several | [`PublicKey::from_pem`], [`KeySet::from_pem`] |
//! | PKCS#1 `RSAPublicKey` DER | [`PublicKey::from_pkcs1_der`] |
//! | X.509 certificate DER (the key is taken; dates and chains are not judged here) | [`PublicKey::from_certificate_der`] |
//! | JWK, JWK Set (RFC 7517) | [`PublicKey::from_jwk`], [`KeySet::from_jwks`] |
//! | ML-DSA raw public key (FIPS 204 `pkEncode`) | [`PublicKey::from_ml_dsa`] |
//!
//! ML-DSA-44/65/87 keys come as SubjectPublicKeyInfo (OIDs id-ml-dsa-44/65/87,
//! 2.16.840.1.101.3.4.3.17–19, parameters absent: RFC 9881, and what AWS KMS
//! `GetPublicKey` returns), in PEM, DER or bare base64, or as a JWK of `kty` `AKP`
//! (`alg` `ML-DSA-44`/`-65`/`-87`, `pub` = base64url of the raw key; IETF JOSE ML-DSA
//! draft).
//!
//! Refused with [`ErrorKind::InvalidKey`] and a message saying why:
//! - RSA: modulus not exactly 2048–8192 bits long (by bit length, so a 2041-bit
//!   modulus is refused although it fills 256 bytes), even or non-positive modulus,
//!   public exponent even, below 3 or at or above 2^33 (ring's bound), a modulus with
//!   the ROCA fingerprint (CVE-2017-15361).
//! - EC: a point that is compressed, not on the named curve, or has coordinates out
//!   of range; explicit curve parameters instead of a named curve.
//! - ML-DSA: a raw key whose length is not the parameter set's (1312, 1952 or 2592
//!   bytes).
//! - Ed25519: the small-order points (libsodium's blocklist: the 8 points of order
//!   dividing 8, with either sign bit) and non-canonical encodings (y ≥ p). ring
//!   alone accepts a forged signature (R = identity, S = 0) for any message under
//!   the identity key.
//! - JWK: private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`, `priv`), `kty` `oct`,
//!   a declared `alg` that does not fit the key, base64url that is padded or not
//!   canonical, integers with leading zero bytes (RFC 7518 §6.3.1.1), coordinates of
//!   the wrong length.
//! - PEM private keys of any kind: a private key must never be loaded as trust.
//! - Any DER that is not canonical DER, and trailing bytes after any structure.
//!
//! Certificate chains (`x5c`) and trust anchors are in [`crate::chain`].
//!
//! Keys of kinds licsig knows but cannot use (P-521, secp256k1, Ed448,
//! RSASSA-PSS-restricted SPKI) are refused with
//! [`ErrorKind::UnsupportedAlgorithm`].
//!
//! Bounds: key input at most [`MAX_KEY_INPUT_BYTES`] (1 MiB); at most [`MAX_KEYS`]
//! keys in a PEM bundle, a JWK Set or a [`KeySet`]; JSON nesting at most
//! [`MAX_JSON_DEPTH`].

mod jwk;
mod keyset;
mod pem;
mod spki;
mod x509;

use core::fmt;

pub use keyset::KeySet;

pub(crate) use pem::certificate_blocks;
#[cfg(feature = "sign")]
pub(crate) use pem::decode_base64_body;
pub(crate) use spki::parse_spki;

use crate::alg::{Algorithm, Curve, EcdsaEncoding, KeyType, MlDsaParameterSet};
use crate::crypto::{self, VerifyingKey};
use crate::der;
use crate::error::{Context, Error, ErrorKind, Limit};
use crate::time::Time;

/// Largest key input accepted, in bytes (1 MiB): one file, PEM bundle or JWK Set.
pub const MAX_KEY_INPUT_BYTES: usize = 1 << 20;

/// Most keys accepted in one PEM bundle, JWK Set or [`KeySet`].
pub const MAX_KEYS: usize = 1024;

/// Deepest JSON nesting accepted in a JWK or JWK Set (`{"keys":[{"key_ops":[…]}]}`
/// is 3).
pub const MAX_JSON_DEPTH: usize = 8;

/// Smallest RSA modulus accepted, in bits.
pub const RSA_MIN_BITS: u32 = 2048;
/// Largest RSA modulus accepted, in bits.
pub const RSA_MAX_BITS: u32 = 8192;

/// The key's own numbers, for its JWK thumbprint.
#[derive(Clone, PartialEq, Eq)]
enum Material {
    /// The modulus and public exponent, minimal big-endian magnitudes.
    Rsa { n: Box<[u8]>, e: Box<[u8]> },
    /// The uncompressed point `0x04 || x || y`.
    Ec { point: Box<[u8]> },
    /// The 32-byte encoded point.
    Ed25519 { a: [u8; 32] },
    /// The raw public key (FIPS 204 `pkEncode`).
    MlDsa { encoded: Box<[u8]> },
}

/// A validated public key, ready to verify with.
///
/// Besides the key itself it carries its key id ([`PublicKey::kid`]), what a JWK
/// declared about its use (`alg`, `use`, `key_ops`), which the verifier
/// enforces, and an optional validity window for the verifier to judge against a
/// license's issue time.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    key_type: KeyType,
    material: Material,
    /// What the crypto backend verifies with, prepared at load.
    verifying: VerifyingKey,
    spki: Box<[u8]>,
    kid: String,
    /// More ids the key is known by (a vendor's name for it, the `kid` an issuer
    /// writes), besides [`PublicKey::kid`].
    extra_kids: Vec<String>,
    alg: Option<Algorithm>,
    key_use: Option<String>,
    key_ops: Option<Vec<String>>,
    not_before: Option<Time>,
    not_after: Option<Time>,
}

pub(crate) fn invalid(message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidKey, message)
}

/// The backends take every key the checks here pass; this is the fail-closed answer
/// should one ever not.
fn backend_refused(_: crypto::KeyRefused) -> Error {
    invalid("the crypto backend refused this key although it passed licsig's checks")
}

pub(crate) fn check_size(input_len: usize) -> Result<(), Error> {
    if input_len > MAX_KEY_INPUT_BYTES {
        Err(Error::limit(
            Limit::KeyInputBytes,
            MAX_KEY_INPUT_BYTES,
            format!("key input is {input_len} bytes, more than the limit of {MAX_KEY_INPUT_BYTES}"),
        ))
    } else {
        Ok(())
    }
}

impl PublicKey {
    // ---- construction -------------------------------------------------------------

    /// An RSA key from its modulus and public exponent (big-endian magnitudes; leading
    /// zero bytes are ignored here — the JWK loader refuses them itself).
    pub fn from_rsa_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = strip_zeros(n);
        let e = strip_zeros(e);
        let bits = bit_len(n);
        if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
            return Err(invalid(format!(
                "RSA modulus is {bits} bits; licsig accepts {RSA_MIN_BITS} to {RSA_MAX_BITS} bits"
            )));
        }
        if n.last().is_none_or(|b| b & 1 == 0) {
            return Err(invalid("RSA modulus is even"));
        }
        let e_bits = bit_len(e);
        if e_bits > 33 {
            return Err(invalid(format!(
                "RSA public exponent is {e_bits} bits; it must be below 2^33"
            )));
        }
        let e_value = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        if e_value < 3 {
            return Err(invalid(format!(
                "RSA public exponent is {e_value}; it must be at least 3"
            )));
        }
        if e_value & 1 == 0 {
            return Err(invalid(format!(
                "RSA public exponent {e_value} is even; it must be odd"
            )));
        }
        if has_roca_fingerprint(n) {
            return Err(invalid(
                "RSA modulus has the ROCA fingerprint (CVE-2017-15361, Infineon RSALib): \
                 its private key can be recovered; replace the key",
            ));
        }
        let mut body = Vec::with_capacity(n.len() + e.len() + 16);
        der::write_unsigned(&mut body, n);
        der::write_unsigned(&mut body, e);
        let mut pkcs1 = Vec::with_capacity(body.len() + 4);
        der::write(&mut pkcs1, der::SEQUENCE, &body);
        let spki = spki::rsa_spki(&pkcs1);
        Ok(Self::new(
            KeyType::Rsa { bits },
            Material::Rsa {
                n: n.into(),
                e: e.into(),
            },
            VerifyingKey::rsa(&pkcs1).map_err(backend_refused)?,
            spki,
        ))
    }

    /// An ECDSA key from its uncompressed point `0x04 || x || y`.
    pub fn from_ec_point(curve: Curve, point: &[u8]) -> Result<Self, Error> {
        let len = 1 + 2 * curve.coordinate_len();
        match point.first() {
            Some(0x02 | 0x03) => {
                return Err(invalid(format!(
                "{} point is compressed; licsig accepts uncompressed points (0x04 || x || y) only",
                curve.name()
            )))
            }
            Some(0x04) if point.len() == len => {}
            _ => {
                return Err(invalid(format!(
                    "{} point is not an uncompressed point of {len} bytes",
                    curve.name()
                )))
            }
        }
        if !crypto::ec_point_is_valid(curve, point) {
            return Err(invalid(format!(
                "{} point is not on the curve (or a coordinate is out of range)",
                curve.name()
            )));
        }
        let spki = spki::ec_spki(curve, point);
        Ok(Self::new(
            KeyType::Ec(curve),
            Material::Ec {
                point: point.into(),
            },
            VerifyingKey::ec(curve, point).map_err(backend_refused)?,
            spki,
        ))
    }

    /// An Ed25519 key from its 32-byte encoding (RFC 8032 §5.1.2).
    pub fn from_ed25519(a: &[u8]) -> Result<Self, Error> {
        let a: [u8; 32] = a.try_into().map_err(|_| {
            invalid(format!(
                "Ed25519 public key is {} bytes; it must be 32",
                a.len()
            ))
        })?;
        if ed25519_is_small_order(&a) {
            return Err(invalid(
                "Ed25519 public key is a point of small order: signatures under it can be forged",
            ));
        }
        if ed25519_is_non_canonical(&a) {
            return Err(invalid(
                "Ed25519 public key is not canonically encoded (y ≥ 2^255 - 19)",
            ));
        }
        let spki = spki::ed25519_spki(&a);
        Ok(Self::new(
            KeyType::Ed25519,
            Material::Ed25519 { a },
            VerifyingKey::ed25519(&a).map_err(backend_refused)?,
            spki,
        ))
    }

    /// An ML-DSA key of parameter set `set` from its raw encoding (FIPS 204
    /// `pkEncode`: 1312, 1952 or 2592 bytes), as a JWK's `pub` holds it.
    pub fn from_ml_dsa(set: MlDsaParameterSet, encoded: &[u8]) -> Result<Self, Error> {
        if encoded.len() != set.public_key_len() {
            return Err(invalid(format!(
                "{} public key is {} bytes; it must be {}",
                set.name(),
                encoded.len(),
                set.public_key_len()
            )));
        }
        let verifying = VerifyingKey::ml_dsa(set, encoded).map_err(backend_refused)?;
        let spki = spki::ml_dsa_spki(set, encoded);
        Ok(Self::new(
            KeyType::MlDsa(set),
            Material::MlDsa {
                encoded: encoded.into(),
            },
            verifying,
            spki,
        ))
    }

    fn new(key_type: KeyType, material: Material, verifying: VerifyingKey, spki: Vec<u8>) -> Self {
        let kid = hex(&crypto::sha256(&spki));
        Self {
            key_type,
            material,
            verifying,
            spki: spki.into(),
            kid,
            extra_kids: Vec::new(),
            alg: None,
            key_use: None,
            key_ops: None,
            not_before: None,
            not_after: None,
        }
    }

    /// A key from a DER SubjectPublicKeyInfo (what AWS KMS `GetPublicKey` returns).
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        check_size(der.len())?;
        spki::parse_spki(der)
    }

    /// An RSA key from a DER PKCS#1 `RSAPublicKey`.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        check_size(der.len())?;
        spki::parse_pkcs1(der)
    }

    /// The key of a DER X.509 certificate. The certificate's dates, issuer and
    /// extensions are not judged here.
    pub fn from_certificate_der(der: &[u8]) -> Result<Self, Error> {
        check_size(der.len())?;
        x509::parse_certificate(der)
    }

    /// The one key in a PEM text (`PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE`).
    /// For several, use [`KeySet::from_pem`].
    pub fn from_pem(text: &str) -> Result<Self, Error> {
        one(pem::parse_bundle(text)?)
    }

    /// A key from a JWK (RFC 7517). A `kid` member becomes the key id; without one
    /// the key id is the SHA-256 of the SPKI DER, as for every other form.
    pub fn from_jwk(json: &[u8]) -> Result<Self, Error> {
        check_size(json.len())?;
        jwk::parse_jwk(json)
    }

    /// The one key in `input`, whatever its form: PEM, JWK, DER (SPKI, PKCS#1 or
    /// certificate), or base64 of DER.
    pub fn from_bytes(input: &[u8]) -> Result<Self, Error> {
        one(detect(input)?)
    }

    // ---- adjustments --------------------------------------------------------------

    /// Replaces the key id (for example with the name a vendor gave its key).
    pub fn with_kid(mut self, kid: impl Into<String>) -> Result<Self, Error> {
        let kid = kid.into();
        if kid.is_empty() {
            return Err(invalid("key id is empty"));
        }
        self.kid = kid;
        Ok(self)
    }

    /// Adds another id the key is known by, for example the `kid` an issuer writes
    /// into its tokens' headers (`"vendor-key-1"`), besides [`PublicKey::kid`]. It must
    /// be non-empty.
    pub fn with_extra_kid(mut self, kid: impl Into<String>) -> Result<Self, Error> {
        let kid = kid.into();
        if kid.is_empty() {
            return Err(invalid("key id is empty"));
        }
        if kid != self.kid && !self.extra_kids.contains(&kid) {
            self.extra_kids.push(kid);
        }
        Ok(self)
    }

    /// Restricts the key to one algorithm, as a JWK `alg` member does.
    /// `ML_DSA_SHAKE_256` restricts an ML-DSA key to its own parameter set.
    pub fn with_alg(mut self, alg: Algorithm) -> Result<Self, Error> {
        if !alg.fits(self.key_type) {
            return Err(invalid(format!(
                "algorithm {alg} does not fit a {} key",
                self.key_type
            )));
        }
        self.alg = Some(alg.for_key(self.key_type));
        Ok(self)
    }

    /// Sets the validity window, both ends inclusive: the key vouches only for
    /// licenses issued within it. A license whose `issuedAt` is outside is refused with
    /// [`ErrorKind::KeyRevoked`] and [`crate::Context::KeyOutsideValidity`].
    pub fn with_validity(mut self, not_before: Option<Time>, not_after: Option<Time>) -> Self {
        self.not_before = not_before;
        self.not_after = not_after;
        self
    }

    // ---- reading ------------------------------------------------------------------

    /// The key's type and size.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The key id: the JWK's `kid`, a name given with [`PublicKey::with_kid`], or by
    /// default the lowercase hex SHA-256 of the SPKI DER — the same value as
    /// `openssl pkey -pubin -outform DER | sha256sum`.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Every id the key is known by: [`PublicKey::kid`], then those added with
    /// [`PublicKey::with_extra_kid`].
    pub fn kids(&self) -> impl Iterator<Item = &str> {
        core::iter::once(self.kid.as_str()).chain(self.extra_kids.iter().map(String::as_str))
    }

    /// The lowercase hex SHA-256 of the SPKI DER, whatever the key id is.
    pub fn spki_sha256(&self) -> String {
        hex(&crypto::sha256(&self.spki))
    }

    /// The algorithm the key is restricted to (a JWK's `alg`), if any.
    pub fn alg(&self) -> Option<Algorithm> {
        self.alg
    }

    /// A JWK's `use`, if present. Only `"sig"` allows verification.
    pub fn key_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }

    /// A JWK's `key_ops`, if present. Verification needs `"verify"` among them.
    pub fn key_ops(&self) -> Option<&[String]> {
        self.key_ops.as_deref()
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// Start of the validity window, if any.
    pub fn not_before(&self) -> Option<Time> {
        self.not_before
    }

    /// End of the validity window (inclusive), if any.
    pub fn not_after(&self) -> Option<Time> {
        self.not_after
    }

    /// Whether the key may vouch for a license issued at `t`: fails with
    /// [`ErrorKind::KeyRevoked`] outside the key's validity window.
    pub(crate) fn usable_at(&self, t: Time) -> Result<(), Error> {
        let outside = |message: String| {
            Err(Error::with(
                ErrorKind::KeyRevoked,
                Context::KeyOutsideValidity {
                    kid: self.kid.clone(),
                    issued_at: t,
                    not_before: self.not_before,
                    not_after: self.not_after,
                },
                message,
            ))
        };
        if let Some(nb) = self.not_before {
            if t < nb {
                return outside(format!(
                    "key {} is valid for licenses issued from {nb}, and this one was issued \
                     at {t}",
                    self.kid
                ));
            }
        }
        if let Some(na) = self.not_after {
            if t > na {
                return outside(format!(
                    "key {} is valid for licenses issued until {na}, and this one was issued \
                     at {t}",
                    self.kid
                ));
            }
        }
        Ok(())
    }

    /// The raw public key (FIPS 204 `pkEncode`) of an ML-DSA key; `None` for the
    /// other key types.
    #[cfg(feature = "sign")]
    pub(crate) fn ml_dsa_encoded(&self) -> Option<&[u8]> {
        match &self.material {
            Material::MlDsa { encoded } => Some(encoded),
            _ => None,
        }
    }

    /// The RFC 7638 JWK thumbprint: base64url (unpadded) SHA-256 of the key's
    /// required JWK members in canonical form.
    pub fn jwk_thumbprint(&self) -> String {
        let b64 = crate::b64::encode_url;
        let json = match &self.material {
            Material::Rsa { n, e, .. } => {
                format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b64(e), b64(n))
            }
            Material::Ec { point } => {
                let len = point.len() / 2;
                let xy = point.get(1..).unwrap_or_default();
                let (x, y) = xy.split_at(len.min(xy.len()));
                let crv = match self.key_type {
                    KeyType::Ec(c) => c.name(),
                    _ => "",
                };
                format!(
                    r#"{{"crv":"{crv}","kty":"EC","x":"{}","y":"{}"}}"#,
                    b64(x),
                    b64(y)
                )
            }
            Material::Ed25519 { a } => {
                format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, b64(a))
            }
            // The AKP required members (IETF JOSE ML-DSA draft): alg, kty, pub.
            Material::MlDsa { encoded } => {
                let alg = match self.key_type {
                    KeyType::MlDsa(set) => set.name(),
                    _ => "",
                };
                format!(r#"{{"alg":"{alg}","kty":"AKP","pub":"{}"}}"#, b64(encoded))
            }
        };
        b64(&crypto::sha256(json.as_bytes()))
    }

    /// Fails with [`ErrorKind::KeyMismatch`] unless this key may verify under `alg`:
    /// its type fits, and its declared `alg`, `use` and `key_ops` (when present)
    /// allow it.
    pub(crate) fn check_alg(&self, alg: Algorithm) -> Result<(), Error> {
        let mismatch = |why: String| {
            Err(Error::with(
                ErrorKind::KeyMismatch,
                Context::KeyMismatch {
                    kid: self.kid.clone(),
                    key_type: self.key_type,
                    alg,
                },
                why,
            ))
        };
        if !alg.fits(self.key_type) {
            return mismatch(format!(
                "key {} is a {} key, which cannot verify {alg}",
                self.kid, self.key_type
            ));
        }
        if let Some(declared) = self.alg {
            if declared != alg.for_key(self.key_type) {
                return mismatch(format!(
                    "key {} is declared for {declared} only, not {alg}",
                    self.kid
                ));
            }
        }
        if let Some(u) = &self.key_use {
            if u != "sig" {
                return mismatch(format!(
                    "key {} has use {u:?}; verifying needs \"sig\"",
                    self.kid
                ));
            }
        }
        if let Some(ops) = &self.key_ops {
            if !ops.iter().any(|op| op == "verify") {
                return mismatch(format!("key {} has key_ops without \"verify\"", self.kid));
            }
        }
        Ok(())
    }

    /// Verifies `signature` over `message` under `alg`: [`ErrorKind::KeyMismatch`]
    /// unless the key fits `alg` ([`PublicKey::check_alg`], before any cryptography),
    /// then [`ErrorKind::BadSignature`] unless the signature verifies.
    pub(crate) fn verify(
        &self,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
        ecdsa: EcdsaEncoding,
    ) -> Result<(), Error> {
        self.check_alg(alg)?;
        // An ML-DSA signature has its parameter set's length; refused here, before the
        // backend, so that both backends refuse any other length alike.
        let length_fits = match self.key_type {
            KeyType::MlDsa(set) => signature.len() == set.signature_len(),
            KeyType::Rsa { .. } | KeyType::Ec(_) | KeyType::Ed25519 => true,
        };
        let verified = if length_fits {
            crypto::verify(alg, &self.verifying, message, signature, ecdsa)
        } else {
            Err(crypto::BadSignature)
        };
        verified.map_err(|_| {
            Error::with(
                ErrorKind::BadSignature,
                Context::BadSignature {
                    kid: Some(self.kid.clone()),
                },
                format!(
                    "the signature does not verify under key {}: {CHANGED_OR_OTHER_KEY}",
                    self.kid
                ),
            )
        })
    }

    /// What the crypto backend verifies with.
    pub(crate) fn verifying_key(&self) -> &VerifyingKey {
        &self.verifying
    }
}

/// What a signature that does not verify means, for a person.
pub(crate) const CHANGED_OR_OTHER_KEY: &str =
    "the signed content was changed after it was signed, or another key signed it";

impl fmt::Display for PublicKey {
    /// One line: `<type> <size> <kid>`, e.g. `RSA 2048 3f…`, `EC P-256 …`,
    /// `Ed25519 256 …`, `ML-DSA-65 1952 …` — what `licsig fingerprint` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.key_type, self.kid)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("key_type", &self.key_type)
            .field("kid", &self.kid)
            .field("extra_kids", &self.extra_kids)
            .field("alg", &self.alg)
            .field("use", &self.key_use)
            .field("key_ops", &self.key_ops)
            .field("not_before", &self.not_before)
            .field("not_after", &self.not_after)
            .finish_non_exhaustive()
    }
}

fn one(mut keys: Vec<PublicKey>) -> Result<PublicKey, Error> {
    match keys.len() {
        1 => keys.pop().ok_or_else(|| invalid("no key found")),
        0 => Err(invalid("no key found")),
        n => Err(invalid(format!(
            "{n} keys found where one was expected; load several with KeySet"
        ))),
    }
}

/// Every key in `input`, detecting its form.
pub(crate) fn detect(input: &[u8]) -> Result<Vec<PublicKey>, Error> {
    check_size(input.len())?;
    let trimmed = input.trim_ascii();
    match trimmed.first() {
        None => Err(invalid("key input is empty")),
        Some(b'{') => jwk::parse_jwk_or_jwks(trimmed),
        Some(0x30) => Ok(vec![der_any(input)?]),
        Some(_) => {
            let text = core::str::from_utf8(trimmed)
                .map_err(|_| invalid("key input is neither DER, PEM, JWK nor base64"))?;
            if text.contains("-----BEGIN") {
                pem::parse_bundle(text)
            } else {
                let der = pem::decode_base64_body(text)
                    .map_err(|_| invalid("key input is neither DER, PEM, JWK nor base64 of DER"))?;
                Ok(vec![der_any(&der)?])
            }
        }
    }
}

/// A DER key of any kind: SubjectPublicKeyInfo, PKCS#1 or certificate, told apart by
/// the first element of the outer SEQUENCE.
pub(crate) fn der_any(der: &[u8]) -> Result<PublicKey, Error> {
    let outer = der::read_whole(der, der::SEQUENCE, "DER key")?;
    match outer.first() {
        Some(&der::INTEGER) => spki::parse_pkcs1(der),
        Some(&der::SEQUENCE) => {
            let mut r = der::Reader::new(outer, "DER key");
            let first = r.read(der::SEQUENCE)?;
            if first.first() == Some(&der::OID) {
                spki::parse_spki(der)
            } else {
                x509::parse_certificate(der)
            }
        }
        _ => Err(invalid(
            "DER input is not a SubjectPublicKeyInfo, an RSAPublicKey or a certificate",
        )),
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let skip = b.iter().take_while(|&&x| x == 0).count();
    b.get(skip..).unwrap_or_default()
}

/// Bit length of a big-endian magnitude without leading zero bytes.
fn bit_len(b: &[u8]) -> u32 {
    match b.first() {
        None => 0,
        Some(&top) => (b.len() as u32 - 1) * 8 + (8 - top.leading_zeros()),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use core::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The ROCA test (Nemec et al., CCS 2017): moduli made by Infineon's RSALib are, modulo
/// each small prime below, in the subgroup generated by 65537. A random modulus passes
/// all 38 tests with negligible probability.
fn has_roca_fingerprint(n: &[u8]) -> bool {
    const PRIMES: [u32; 38] = [
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    ];
    PRIMES.iter().all(|&p| {
        let residue = n
            .iter()
            .fold(0u32, |acc, &b| (acc * 256 + u32::from(b)) % p);
        let g = 65537 % p;
        let mut x = 1u32;
        // The powers of g modulo p cycle within p - 1 steps.
        for _ in 0..p {
            if x == residue {
                return true;
            }
            x = x * g % p;
        }
        false
    })
}

/// libsodium's blocklist of small-order Ed25519 encodings (sign bit ignored): y = 0,
/// 1, the two order-8 y values, p - 1, and the non-canonical p and p + 1.
fn ed25519_is_small_order(a: &[u8; 32]) -> bool {
    const BLOCKLIST: [[u8; 32]; 7] = [
        [0; 32],
        [
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0,
        ],
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef,
            0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88,
            0x6d, 0x53, 0xfc, 0x05,
        ],
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10,
            0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77,
            0x92, 0xac, 0x03, 0x7a,
        ],
        ed25519_p_plus(-1),
        ed25519_p_plus(0),
        ed25519_p_plus(1),
    ];
    let mut masked = *a;
    if let Some(last) = masked.last_mut() {
        *last &= 0x7f;
    }
    BLOCKLIST.contains(&masked)
}

/// Little-endian p + delta for p = 2^255 - 19 and delta in -1..=1.
const fn ed25519_p_plus(delta: i8) -> [u8; 32] {
    let mut b = [0xff; 32];
    b[0] = (0xed_i16 + delta as i16) as u8;
    b[31] = 0x7f;
    b
}

/// Whether y (sign bit cleared) is at least p = 2^255 - 19.
fn ed25519_is_non_canonical(a: &[u8; 32]) -> bool {
    let (first, middle, last) = match (a.first(), a.get(1..31), a.last()) {
        (Some(f), Some(m), Some(l)) => (*f, m, *l),
        _ => return true,
    };
    last & 0x7f == 0x7f && middle.iter().all(|&b| b == 0xff) && first >= 0xed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The validity window is inclusive at both ends, to the second, and a refusal
    /// carries the key, the issue time and the window.
    #[test]
    fn validity_window_is_inclusive() {
        let t = |secs| Time::from_unix(secs).unwrap();
        let key = PublicKey::from_ed25519(&[0x11; 32])
            .unwrap()
            .with_validity(Some(t(1_000)), Some(t(2_000)));
        assert!(key.usable_at(t(1_000)).is_ok() && key.usable_at(t(2_000)).is_ok());
        for outside in [999, 2_001] {
            let err = key.usable_at(t(outside)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::KeyRevoked);
            assert_eq!(
                err.context(),
                &Context::KeyOutsideValidity {
                    kid: key.kid().to_owned(),
                    issued_at: t(outside),
                    not_before: Some(t(1_000)),
                    not_after: Some(t(2_000)),
                }
            );
        }
    }

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_len(&[]), 0);
        assert_eq!(bit_len(&[1]), 1);
        assert_eq!(bit_len(&[0x80, 0]), 16);
        assert_eq!(bit_len(&[0x01, 0, 0]), 17);
    }

    #[test]
    fn ed25519_blocklist_matches_libsodium() {
        let p_minus_1 = ed25519_p_plus(-1);
        assert_eq!(p_minus_1[0], 0xec);
        assert_eq!(ed25519_p_plus(1)[0], 0xee);
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(ed25519_is_small_order(&identity));
        identity[31] = 0x80; // the sign bit does not matter
        assert!(ed25519_is_small_order(&identity));
        assert!(ed25519_is_non_canonical(&ed25519_p_plus(0)));
        assert!(!ed25519_is_non_canonical(&p_minus_1));
    }
}
