//! Signature algorithms, and the one place that names `ring::signature`.
//!
//! Each [`Algorithm`] is a named value with every parameter in its name, as in ring:
//! `Ps384` is RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt, over a
//! 2048–8192-bit key. A verifier's policy is an [`AlgorithmSet`], an allow-list.
//!
//! [`verify`] checks that the key fits the algorithm — its type, its declared JWK
//! `alg`, `use` and `key_ops` — before any cryptography runs, then hands the key
//! bytes prepared at load time to ring. Every cryptographic failure is the same
//! opaque [`ErrorKind::BadSignature`].

use core::fmt;

use ring::signature as rs;

use crate::key::{Curve, KeyType, PublicKey};
use crate::{Error, ErrorKind};

/// A signature algorithm licsig verifies.
///
/// Parsed from its JOSE name (RFC 7518, RFC 8037) or its AWS KMS
/// `SigningAlgorithmSpec` name with [`Algorithm::from_name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Algorithm {
    /// `PS256` / `RSASSA_PSS_SHA_256`: RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt.
    Ps256 = 0,
    /// `PS384` / `RSASSA_PSS_SHA_384`: RSASSA-PSS, SHA-384, MGF1-SHA-384, 48-byte salt.
    /// AWS License Manager signs its tokens with this.
    Ps384 = 1,
    /// `PS512` / `RSASSA_PSS_SHA_512`: RSASSA-PSS, SHA-512, MGF1-SHA-512, 64-byte salt.
    Ps512 = 2,
    /// `RS256` / `RSASSA_PKCS1_V1_5_SHA_256`: RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256 = 3,
    /// `RS384` / `RSASSA_PKCS1_V1_5_SHA_384`: RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384 = 4,
    /// `RS512` / `RSASSA_PKCS1_V1_5_SHA_512`: RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512 = 5,
    /// `ES256` / `ECDSA_SHA_256`: ECDSA on P-256 with SHA-256.
    Es256 = 6,
    /// `ES384` / `ECDSA_SHA_384`: ECDSA on P-384 with SHA-384.
    Es384 = 7,
    /// `EdDSA` / `ED25519_SHA_512`: Ed25519 (RFC 8032, pure, no pre-hash).
    EdDsa = 8,
}

impl Algorithm {
    /// Every algorithm, in declaration order.
    pub const ALL: [Self; 9] = [
        Self::Ps256,
        Self::Ps384,
        Self::Ps512,
        Self::Rs256,
        Self::Rs384,
        Self::Rs512,
        Self::Es256,
        Self::Es384,
        Self::EdDsa,
    ];

    /// The JOSE `alg` name, e.g. `"PS384"`.
    pub const fn jose_name(self) -> &'static str {
        match self {
            Self::Ps256 => "PS256",
            Self::Ps384 => "PS384",
            Self::Ps512 => "PS512",
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
            Self::Es256 => "ES256",
            Self::Es384 => "ES384",
            Self::EdDsa => "EdDSA",
        }
    }

    /// The AWS KMS `SigningAlgorithmSpec` name, e.g. `"RSASSA_PSS_SHA_384"`.
    pub const fn kms_name(self) -> &'static str {
        match self {
            Self::Ps256 => "RSASSA_PSS_SHA_256",
            Self::Ps384 => "RSASSA_PSS_SHA_384",
            Self::Ps512 => "RSASSA_PSS_SHA_512",
            Self::Rs256 => "RSASSA_PKCS1_V1_5_SHA_256",
            Self::Rs384 => "RSASSA_PKCS1_V1_5_SHA_384",
            Self::Rs512 => "RSASSA_PKCS1_V1_5_SHA_512",
            Self::Es256 => "ECDSA_SHA_256",
            Self::Es384 => "ECDSA_SHA_384",
            Self::EdDsa => "ED25519_SHA_512",
        }
    }

    /// Parses a JOSE `alg` name (case-sensitive, as RFC 7515 requires).
    ///
    /// Names licsig refuses give [`ErrorKind::UnsupportedAlgorithm`] with the reason:
    /// `none` (in any case), HMAC, ES512 and ES256K, and unknown names.
    pub fn from_jose(name: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|a| a.jose_name() == name)
            .ok_or_else(|| unsupported(name))
    }

    /// Parses an AWS KMS `SigningAlgorithmSpec` name (case-sensitive).
    pub fn from_kms(name: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|a| a.kms_name() == name)
            .ok_or_else(|| unsupported(name))
    }

    /// Parses a JOSE or an AWS KMS name.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Self::from_jose(name).or_else(|_| Self::from_kms(name))
    }

    /// The RSASSA-PSS algorithm with these parameters (hash and MGF1 hash as output
    /// sizes in bytes: 32, 48, 64). Only salt = digest length with MGF1 over the same
    /// hash exists in JOSE, in KMS and in ring; anything else is
    /// [`ErrorKind::UnsupportedAlgorithm`].
    pub fn rsa_pss(hash_len: usize, mgf1_hash_len: usize, salt_len: usize) -> Result<Self, Error> {
        let alg = match hash_len {
            32 => Self::Ps256,
            48 => Self::Ps384,
            64 => Self::Ps512,
            _ => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    format!("RSASSA-PSS with a {hash_len}-byte hash is not supported: only SHA-256, SHA-384 and SHA-512"),
                ))
            }
        };
        if mgf1_hash_len != hash_len || salt_len != hash_len {
            return Err(Error::new(
                ErrorKind::UnsupportedAlgorithm,
                format!(
                    "RSASSA-PSS with MGF1 over a {mgf1_hash_len}-byte hash and a {salt_len}-byte salt is not supported: \
                     {} requires MGF1 with the message hash and a salt as long as the digest ({hash_len} bytes)",
                    alg.jose_name()
                ),
            ));
        }
        Ok(alg)
    }

    /// The key type this algorithm needs. RSA algorithms fit any RSA key licsig
    /// loads (2048–8192 bits).
    pub const fn fits(self, key_type: KeyType) -> bool {
        matches!(
            (self, key_type),
            (
                Self::Ps256 | Self::Ps384 | Self::Ps512 | Self::Rs256 | Self::Rs384 | Self::Rs512,
                KeyType::Rsa { .. }
            ) | (Self::Es256, KeyType::Ec(Curve::P256))
                | (Self::Es384, KeyType::Ec(Curve::P384))
                | (Self::EdDsa, KeyType::Ed25519)
        )
    }

    /// Whether this is an ECDSA algorithm (whose signatures come in two encodings).
    pub const fn is_ecdsa(self) -> bool {
        matches!(self, Self::Es256 | Self::Es384)
    }

    const fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.jose_name())
    }
}

impl core::str::FromStr for Algorithm {
    type Err = Error;

    /// Same as [`Algorithm::from_name`].
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_name(s)
    }
}

/// The error for a name that is not one of ours, saying why.
fn unsupported(name: &str) -> Error {
    let why: String = if name.eq_ignore_ascii_case("none") {
        format!("alg \"{name}\" (an unsecured JWS) is never accepted: a license must be signed")
    } else if matches!(
        name,
        "HS256"
            | "HS384"
            | "HS512"
            | "HMAC_SHA_224"
            | "HMAC_SHA_256"
            | "HMAC_SHA_384"
            | "HMAC_SHA_512"
    ) {
        format!(
            "{name} is HMAC, which needs a shared secret: licenses are verified with public keys only, \
             and a public key is public, so it must never serve as an HMAC key"
        )
    } else if matches!(name, "ES512" | "ECDSA_SHA_512") {
        format!("{name} (ECDSA on P-521) is not supported: ring has no P-521; sign with ES256, ES384 or PS384")
    } else if name == "ES256K" {
        "ES256K (ECDSA on secp256k1) is not supported by ring".to_owned()
    } else if matches!(name, "Ed448" | "ED25519_PH_SHA_512" | "Ed25519ph") {
        format!("{name} is not supported: licsig verifies pure Ed25519 (EdDSA) only")
    } else if name == "SM2DSA" {
        "SM2DSA is not supported by ring".to_owned()
    } else if matches!(
        name,
        "RSA1_5" | "RSA-OAEP" | "RSA-OAEP-256" | "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256"
    ) {
        format!("{name} is an encryption algorithm, not a signature algorithm")
    } else {
        let shown: String = name.chars().take(40).collect();
        format!(
            "unknown signature algorithm {shown:?}: licsig verifies PS256/384/512, RS256/384/512, \
             ES256, ES384 and EdDSA (or their AWS KMS names)"
        )
    };
    Error::new(ErrorKind::UnsupportedAlgorithm, why)
}

/// A set of [`Algorithm`]s: a verifier's allow-list.
///
/// ```
/// use licsig::alg::{Algorithm, AlgorithmSet};
/// const POLICY: AlgorithmSet = AlgorithmSet::EMPTY.with(Algorithm::Ps384).with(Algorithm::Es256);
/// assert!(POLICY.contains(Algorithm::Ps384));
/// assert!(!POLICY.contains(Algorithm::Rs256));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AlgorithmSet(u16);

impl AlgorithmSet {
    /// No algorithm.
    pub const EMPTY: Self = Self(0);
    /// Every algorithm licsig implements.
    pub const ALL: Self = Self((1 << Algorithm::ALL.len()) - 1);

    /// This set with `alg` added.
    pub const fn with(self, alg: Algorithm) -> Self {
        Self(self.0 | alg.bit())
    }

    /// This set with `alg` removed.
    pub const fn without(self, alg: Algorithm) -> Self {
        Self(self.0 & !alg.bit())
    }

    /// Whether `alg` is in the set.
    pub const fn contains(self, alg: Algorithm) -> bool {
        self.0 & alg.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The algorithms in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Algorithm> {
        Algorithm::ALL
            .into_iter()
            .filter(move |a| self.contains(*a))
    }

    /// Fails with [`ErrorKind::AlgorithmNotAllowed`] unless `alg` is in the set.
    pub fn check(self, alg: Algorithm) -> Result<(), Error> {
        if self.contains(alg) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("algorithm {alg} is not on this verifier's allow-list ({self:?})"),
            ))
        }
    }
}

impl FromIterator<Algorithm> for AlgorithmSet {
    fn from_iter<I: IntoIterator<Item = Algorithm>>(iter: I) -> Self {
        iter.into_iter().fold(Self::EMPTY, Self::with)
    }
}

impl fmt::Debug for AlgorithmSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// How an ECDSA signature is encoded. Always the caller's choice, never guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EcdsaEncoding {
    /// ASN.1 DER `Ecdsa-Sig-Value` (AWS KMS, OpenSSL).
    Der,
    /// Fixed-size big-endian `r || s` (JWS, RFC 7518 §3.4; IEEE P1363).
    Fixed,
}

/// Verifies `signature` over `message` with `key` under `alg`.
///
/// In order: the key's type must fit `alg`, and the key's declared JWK `alg`, `use`
/// and `key_ops`, when present, must allow verifying with `alg`
/// ([`ErrorKind::KeyMismatch`], before any cryptography); then ring verifies
/// ([`ErrorKind::BadSignature`] on any failure). `ecdsa` says how an ECDSA signature
/// is encoded and is ignored for the other algorithms.
///
/// This does no parsing of its own: the key bytes were prepared when the key was
/// loaded. It does not consult a policy's allow-list, revocation or validity windows;
/// the verifier does.
pub fn verify(
    alg: Algorithm,
    key: &PublicKey,
    message: &[u8],
    signature: &[u8],
    ecdsa: EcdsaEncoding,
) -> Result<(), Error> {
    key.check_alg(alg)?;
    let params: &'static dyn rs::VerificationAlgorithm = match (alg, ecdsa) {
        (Algorithm::Ps256, _) => &rs::RSA_PSS_2048_8192_SHA256,
        (Algorithm::Ps384, _) => &rs::RSA_PSS_2048_8192_SHA384,
        (Algorithm::Ps512, _) => &rs::RSA_PSS_2048_8192_SHA512,
        (Algorithm::Rs256, _) => &rs::RSA_PKCS1_2048_8192_SHA256,
        (Algorithm::Rs384, _) => &rs::RSA_PKCS1_2048_8192_SHA384,
        (Algorithm::Rs512, _) => &rs::RSA_PKCS1_2048_8192_SHA512,
        (Algorithm::Es256, EcdsaEncoding::Der) => &rs::ECDSA_P256_SHA256_ASN1,
        (Algorithm::Es256, EcdsaEncoding::Fixed) => &rs::ECDSA_P256_SHA256_FIXED,
        (Algorithm::Es384, EcdsaEncoding::Der) => &rs::ECDSA_P384_SHA384_ASN1,
        (Algorithm::Es384, EcdsaEncoding::Fixed) => &rs::ECDSA_P384_SHA384_FIXED,
        (Algorithm::EdDsa, _) => &rs::ED25519,
    };
    rs::UnparsedPublicKey::new(params, key.ring_bytes())
        .verify(message, signature)
        .map_err(|_| Error::new(ErrorKind::BadSignature, "the signature did not verify"))
}

/// Verifies a certificate's signature over its DER `TBSCertificate`, for path
/// validation (`crate::key::chain`).
///
/// `alg` is the certificate's signature algorithm, already parsed strictly from its
/// AlgorithmIdentifier: `Rs*` is sha*WithRSAEncryption, `Ps*` is RSASSA-PSS with MGF1
/// over the same hash and a salt as long as the digest, `Es256`/`Es384` is
/// ecdsa-with-SHA256/SHA384 with a DER signature — here the hash only: the curve is the
/// issuer key's, so a P-384 CA may sign with SHA-256 and a P-256 CA with SHA-384, as
/// RFC 5758 allows — and `EdDsa` is Ed25519. The issuer key's type must fit
/// ([`ErrorKind::KeyMismatch`], before any cryptography); every cryptographic failure
/// is [`ErrorKind::BadSignature`]. A certificate key carries no JWK `alg`, `use` or
/// `key_ops`, so none is consulted.
pub(crate) fn verify_cert_signature(
    alg: Algorithm,
    issuer_key: &PublicKey,
    tbs: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let params: &'static dyn rs::VerificationAlgorithm = match (alg, issuer_key.key_type()) {
        (Algorithm::Ps256, KeyType::Rsa { .. }) => &rs::RSA_PSS_2048_8192_SHA256,
        (Algorithm::Ps384, KeyType::Rsa { .. }) => &rs::RSA_PSS_2048_8192_SHA384,
        (Algorithm::Ps512, KeyType::Rsa { .. }) => &rs::RSA_PSS_2048_8192_SHA512,
        (Algorithm::Rs256, KeyType::Rsa { .. }) => &rs::RSA_PKCS1_2048_8192_SHA256,
        (Algorithm::Rs384, KeyType::Rsa { .. }) => &rs::RSA_PKCS1_2048_8192_SHA384,
        (Algorithm::Rs512, KeyType::Rsa { .. }) => &rs::RSA_PKCS1_2048_8192_SHA512,
        (Algorithm::Es256, KeyType::Ec(Curve::P256)) => &rs::ECDSA_P256_SHA256_ASN1,
        (Algorithm::Es256, KeyType::Ec(Curve::P384)) => &rs::ECDSA_P384_SHA256_ASN1,
        (Algorithm::Es384, KeyType::Ec(Curve::P256)) => &rs::ECDSA_P256_SHA384_ASN1,
        (Algorithm::Es384, KeyType::Ec(Curve::P384)) => &rs::ECDSA_P384_SHA384_ASN1,
        (Algorithm::EdDsa, KeyType::Ed25519) => &rs::ED25519,
        (alg, key_type) => {
            return Err(Error::new(
                ErrorKind::KeyMismatch,
                format!("a {key_type} issuer key cannot verify a {alg} certificate signature"),
            ))
        }
    };
    rs::UnparsedPublicKey::new(params, issuer_key.ring_bytes())
        .verify(tbs, signature)
        .map_err(|_| {
            Error::new(
                ErrorKind::BadSignature,
                "the certificate signature did not verify",
            )
        })
}

/// Converts an ECDSA signature from DER (`Ecdsa-Sig-Value`, as AWS KMS and OpenSSL
/// produce it) to the fixed-size `r || s` of JWS (RFC 7518 §3.4) for `curve`.
///
/// Strict: DER only (minimal lengths and integers, no trailing bytes), `r` and `s`
/// positive and no longer than the curve's coordinate size. Anything else is
/// [`ErrorKind::BadSignature`]: it cannot be a signature under a key on `curve`.
///
/// ```
/// use licsig::alg::{ecdsa_der_to_fixed, ecdsa_fixed_to_der};
/// use licsig::key::Curve;
/// let der = [0x30, 0x07, 0x02, 0x01, 0x05, 0x02, 0x02, 0x00, 0x80];
/// let fixed = ecdsa_der_to_fixed(&der, Curve::P256)?;
/// assert_eq!(fixed.len(), 64);
/// assert_eq!((fixed[31], fixed[63]), (0x05, 0x80));
/// assert_eq!(ecdsa_fixed_to_der(&fixed, Curve::P256)?, der);
/// # Ok::<(), licsig::Error>(())
/// ```
pub fn ecdsa_der_to_fixed(der: &[u8], curve: Curve) -> Result<Vec<u8>, Error> {
    use crate::key::der as d;
    let bad = |why: &str| {
        Error::new(
            ErrorKind::BadSignature,
            format!("not a DER ECDSA signature for {}: {why}", curve.name()),
        )
    };
    let body = d::read_whole(der, d::SEQUENCE, "ECDSA signature").map_err(|e| bad(e.message()))?;
    let mut r = d::Reader::new(body, "ECDSA signature");
    let int_r = r.read_unsigned().map_err(|e| bad(e.message()))?;
    let int_s = r.read_unsigned().map_err(|e| bad(e.message()))?;
    r.finish().map_err(|e| bad(e.message()))?;
    let n = curve.coordinate_len();
    let mut out = vec![0u8; 2 * n];
    for (int, half) in [(int_r, 0), (int_s, n)] {
        if int.iter().all(|&b| b == 0) {
            return Err(bad("r or s is zero"));
        }
        if int.len() > n {
            return Err(bad("r or s is longer than the curve's order"));
        }
        let start = half + n - int.len();
        out.get_mut(start..half + n)
            .ok_or_else(|| bad("length"))?
            .copy_from_slice(int);
    }
    Ok(out)
}

/// Converts a fixed-size `r || s` ECDSA signature (JWS, IEEE P1363) for `curve` to
/// DER (`Ecdsa-Sig-Value`), the encoding of detached signatures, KMS and OpenSSL.
///
/// The input must be exactly twice the coordinate size with `r` and `s` non-zero;
/// anything else is [`ErrorKind::BadSignature`].
pub fn ecdsa_fixed_to_der(fixed: &[u8], curve: Curve) -> Result<Vec<u8>, Error> {
    use crate::key::der as d;
    let n = curve.coordinate_len();
    if fixed.len() != 2 * n {
        return Err(Error::new(
            ErrorKind::BadSignature,
            format!(
                "a fixed-size ECDSA signature for {} is {} bytes, not {}",
                curve.name(),
                2 * n,
                fixed.len()
            ),
        ));
    }
    let (r, s) = fixed.split_at(n);
    let mut body = Vec::with_capacity(2 * n + 6);
    for int in [r, s] {
        let skip = int.iter().take_while(|&&b| b == 0).count();
        let magnitude = int.get(skip..).unwrap_or_default();
        if magnitude.is_empty() {
            return Err(Error::new(
                ErrorKind::BadSignature,
                "ECDSA signature with r or s zero",
            ));
        }
        d::write_unsigned(&mut body, magnitude);
    }
    let mut out = Vec::with_capacity(body.len() + 3);
    d::write(&mut out, d::SEQUENCE, &body);
    Ok(out)
}

/// A private key held by ring, for the `sign` feature. Built from PKCS#8 only.
#[cfg(feature = "sign")]
pub(crate) enum KeyPair {
    Rsa(rs::RsaKeyPair),
    /// ring fixes the output encoding per key pair: one of each, from the same key.
    Ecdsa {
        curve: Curve,
        fixed: Box<rs::EcdsaKeyPair>,
        der: Box<rs::EcdsaKeyPair>,
    },
    Ed25519(rs::Ed25519KeyPair),
}

#[cfg(feature = "sign")]
impl KeyPair {
    /// Reads a PKCS#8 `PrivateKeyInfo` (RFC 5208 / RFC 5958) of any type licsig signs
    /// with: RSA 2048–4096 bits (ring's bound for private keys), ECDSA P-256 or P-384,
    /// Ed25519 (v1 without the public key, as OpenSSL and Python write it, or v2).
    pub(crate) fn from_pkcs8(der: &[u8]) -> Result<Self, Error> {
        let rng = ring::rand::SystemRandom::new();
        let rsa = match rs::RsaKeyPair::from_pkcs8(der) {
            Ok(pair) => return Ok(Self::Rsa(pair)),
            Err(e) => e,
        };
        for (curve, fixed, asn1) in [
            (
                Curve::P256,
                &rs::ECDSA_P256_SHA256_FIXED_SIGNING,
                &rs::ECDSA_P256_SHA256_ASN1_SIGNING,
            ),
            (
                Curve::P384,
                &rs::ECDSA_P384_SHA384_FIXED_SIGNING,
                &rs::ECDSA_P384_SHA384_ASN1_SIGNING,
            ),
        ] {
            if let Ok(pair) = rs::EcdsaKeyPair::from_pkcs8(fixed, der, &rng) {
                let der_pair = rs::EcdsaKeyPair::from_pkcs8(asn1, der, &rng)
                    .map_err(|e| crate::key::invalid(format!("PKCS#8 ECDSA key: {e}")))?;
                return Ok(Self::Ecdsa {
                    curve,
                    fixed: Box::new(pair),
                    der: Box::new(der_pair),
                });
            }
        }
        if let Ok(pair) = rs::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            return Ok(Self::Ed25519(pair));
        }
        Err(crate::key::invalid(format!(
            "not a PKCS#8 private key licsig can sign with (RSA 2048–4096 bits, ECDSA \
             P-256 or P-384, Ed25519); as RSA, ring says: {rsa}"
        )))
    }

    /// The public half, loaded and validated as any public key is.
    pub(crate) fn public_key(&self) -> Result<PublicKey, Error> {
        use ring::signature::KeyPair as _;
        match self {
            Self::Rsa(pair) => PublicKey::from_pkcs1_der(pair.public_key().as_ref()),
            Self::Ecdsa { curve, fixed, .. } => {
                PublicKey::from_ec_point(*curve, fixed.public_key().as_ref())
            }
            Self::Ed25519(pair) => PublicKey::from_ed25519(pair.public_key().as_ref()),
        }
    }
}

/// Signs `message` with `pair` under `alg`: RSA-PSS (salt = digest length, MGF1 with
/// the same hash) and PKCS#1 v1.5 through `RsaKeyPair`, ECDSA in the encoding asked
/// for through `EcdsaKeyPair`, Ed25519 through `Ed25519KeyPair`. The key must fit
/// `alg` ([`ErrorKind::KeyMismatch`] otherwise).
#[cfg(feature = "sign")]
pub(crate) fn sign(
    pair: &KeyPair,
    alg: Algorithm,
    message: &[u8],
    ecdsa: EcdsaEncoding,
) -> Result<Vec<u8>, Error> {
    let rng = ring::rand::SystemRandom::new();
    let failed = || {
        Error::new(
            ErrorKind::InvalidKey,
            format!("ring could not sign with {alg}"),
        )
    };
    let rsa: Option<&'static dyn rs::RsaEncoding> = match alg {
        Algorithm::Ps256 => Some(&rs::RSA_PSS_SHA256),
        Algorithm::Ps384 => Some(&rs::RSA_PSS_SHA384),
        Algorithm::Ps512 => Some(&rs::RSA_PSS_SHA512),
        Algorithm::Rs256 => Some(&rs::RSA_PKCS1_SHA256),
        Algorithm::Rs384 => Some(&rs::RSA_PKCS1_SHA384),
        Algorithm::Rs512 => Some(&rs::RSA_PKCS1_SHA512),
        _ => None,
    };
    match (pair, rsa) {
        (KeyPair::Rsa(pair), Some(padding)) => {
            let mut out = vec![0u8; pair.public().modulus_len()];
            pair.sign(padding, &rng, message, &mut out)
                .map_err(|_| failed())?;
            Ok(out)
        }
        (KeyPair::Ecdsa { curve, fixed, der }, None) if alg.fits(KeyType::Ec(*curve)) => {
            let pair = match ecdsa {
                EcdsaEncoding::Fixed => fixed,
                EcdsaEncoding::Der => der,
            };
            pair.sign(&rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| failed())
        }
        (KeyPair::Ed25519(pair), None) if alg == Algorithm::EdDsa => {
            Ok(pair.sign(message).as_ref().to_vec())
        }
        _ => Err(Error::new(
            ErrorKind::KeyMismatch,
            format!("this private key cannot sign {alg}"),
        )),
    }
}

/// Whether `point` (uncompressed, `0x04 || x || y`) is a point on `curve` other than
/// the point at infinity, with both coordinates reduced.
///
/// ring offers no validation of an ECDSA public key short of verifying a signature,
/// where a bad key and a bad signature look the same. Its ECDH peer-key parsing does
/// the full check (coordinates < p, on the curve), so a key is validated at load by
/// one ephemeral key agreement with it. The ephemeral secret is discarded.
pub(crate) fn ec_point_is_valid(curve: Curve, point: &[u8]) -> bool {
    use ring::agreement;
    let alg = match curve {
        Curve::P256 => &agreement::ECDH_P256,
        Curve::P384 => &agreement::ECDH_P384,
    };
    let rng = ring::rand::SystemRandom::new();
    let Ok(ours) = agreement::EphemeralPrivateKey::generate(alg, &rng) else {
        return false;
    };
    agreement::agree_ephemeral(ours, &agreement::UnparsedPublicKey::new(alg, point), |_| ()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in Algorithm::ALL {
            assert_eq!(Algorithm::from_jose(alg.jose_name()).unwrap(), alg);
            assert_eq!(Algorithm::from_kms(alg.kms_name()).unwrap(), alg);
            assert_eq!(Algorithm::from_name(alg.kms_name()).unwrap(), alg);
            assert_eq!(alg.to_string().parse::<Algorithm>().unwrap(), alg);
        }
    }

    #[test]
    fn refusals_say_why() {
        for (name, needle) in [
            ("none", "never accepted"),
            ("NoNe", "never accepted"),
            ("HS256", "HMAC"),
            ("HS384", "HMAC"),
            ("HS512", "HMAC"),
            ("ES512", "P-521"),
            ("ECDSA_SHA_512", "P-521"),
            ("ES256K", "secp256k1"),
            ("rs256", "unknown"),
            ("", "unknown"),
        ] {
            let err = Algorithm::from_name(name).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm, "{name}");
            assert!(err.message().contains(needle), "{name}: {err}");
        }
        assert_eq!(Algorithm::rsa_pss(48, 48, 48).unwrap(), Algorithm::Ps384);
        for (h, m, s) in [(32, 32, 0), (32, 20, 32), (64, 64, 32), (20, 20, 20)] {
            let err = Algorithm::rsa_pss(h, m, s).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm);
        }
    }

    #[test]
    fn sets() {
        const S: AlgorithmSet = AlgorithmSet::EMPTY
            .with(Algorithm::Ps384)
            .with(Algorithm::EdDsa);
        assert!(S.contains(Algorithm::Ps384) && S.contains(Algorithm::EdDsa));
        assert!(!S.contains(Algorithm::Rs256));
        assert_eq!(S.iter().count(), 2);
        assert_eq!(AlgorithmSet::ALL.iter().count(), 9);
        assert_eq!(
            S.check(Algorithm::Es256).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        assert_eq!(
            S.without(Algorithm::Ps384).iter().collect::<Vec<_>>(),
            [Algorithm::EdDsa]
        );
    }
}
