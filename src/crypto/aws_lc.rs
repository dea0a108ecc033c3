//! The `aws-lc-rs` backend (features `aws-lc` and `fips`).

#[cfg(feature = "sign")]
use ::aws_lc_rs::signature::KeyPair as _;
use ::aws_lc_rs::signature::{self as als, ParsedPublicKey};

use super::{BadSignature, KeyRefused};
use crate::alg::{Algorithm, Curve, EcdsaEncoding, KeyType, MlDsaParameterSet};

/// A public key as aws-lc-rs verifies with it: parsed once, at load, for every
/// algorithm the key can serve, because a `ParsedPublicKey` is bound to one algorithm.
#[derive(Clone)]
pub(crate) struct VerifyingKey {
    /// The bytes it was parsed from (as ring's backend keeps them): a key's identity.
    bytes: Box<[u8]>,
    parsed: Parsed,
}

#[derive(Clone)]
enum Parsed {
    Rsa(Box<RsaKeys>),
    Ec(Box<EcKeys>),
    Ed25519(ParsedPublicKey),
    MlDsa(MlDsaParameterSet, ParsedPublicKey),
}

#[derive(Clone)]
struct RsaKeys {
    ps256: ParsedPublicKey,
    ps384: ParsedPublicKey,
    ps512: ParsedPublicKey,
    rs256: ParsedPublicKey,
    rs384: ParsedPublicKey,
    rs512: ParsedPublicKey,
}

/// An ECDSA key for its curve's own hash in both encodings, and in DER with the other
/// hash, which only a certificate's signature uses (RFC 5758).
#[derive(Clone)]
struct EcKeys {
    curve: Curve,
    fixed: ParsedPublicKey,
    der: ParsedPublicKey,
    der_other_hash: ParsedPublicKey,
}

impl PartialEq for VerifyingKey {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for VerifyingKey {}

fn parse(
    params: &'static dyn als::VerificationAlgorithm,
    bytes: &[u8],
) -> Result<ParsedPublicKey, KeyRefused> {
    ParsedPublicKey::new(params, bytes).map_err(|_| KeyRefused)
}

impl VerifyingKey {
    /// An RSA key from its DER `RSAPublicKey`.
    pub(crate) fn rsa(pkcs1: &[u8]) -> Result<Self, KeyRefused> {
        let keys = RsaKeys {
            ps256: parse(&als::RSA_PSS_2048_8192_SHA256, pkcs1)?,
            ps384: parse(&als::RSA_PSS_2048_8192_SHA384, pkcs1)?,
            ps512: parse(&als::RSA_PSS_2048_8192_SHA512, pkcs1)?,
            rs256: parse(&als::RSA_PKCS1_2048_8192_SHA256, pkcs1)?,
            rs384: parse(&als::RSA_PKCS1_2048_8192_SHA384, pkcs1)?,
            rs512: parse(&als::RSA_PKCS1_2048_8192_SHA512, pkcs1)?,
        };
        Ok(Self {
            bytes: pkcs1.into(),
            parsed: Parsed::Rsa(Box::new(keys)),
        })
    }

    /// An ECDSA key from its uncompressed point, once [`ec_point_is_valid`] held.
    pub(crate) fn ec(curve: Curve, point: &[u8]) -> Result<Self, KeyRefused> {
        let keys = match curve {
            Curve::P256 => EcKeys {
                curve,
                fixed: parse(&als::ECDSA_P256_SHA256_FIXED, point)?,
                der: parse(&als::ECDSA_P256_SHA256_ASN1, point)?,
                der_other_hash: parse(&als::ECDSA_P256_SHA384_ASN1, point)?,
            },
            Curve::P384 => EcKeys {
                curve,
                fixed: parse(&als::ECDSA_P384_SHA384_FIXED, point)?,
                der: parse(&als::ECDSA_P384_SHA384_ASN1, point)?,
                der_other_hash: parse(&als::ECDSA_P384_SHA256_ASN1, point)?,
            },
        };
        Ok(Self {
            bytes: point.into(),
            parsed: Parsed::Ec(Box::new(keys)),
        })
    }

    /// An Ed25519 key from its 32-byte encoding.
    pub(crate) fn ed25519(a: &[u8; 32]) -> Result<Self, KeyRefused> {
        Ok(Self {
            bytes: a.as_slice().into(),
            parsed: Parsed::Ed25519(parse(&als::ED25519, a)?),
        })
    }

    /// An ML-DSA key from its encoding (FIPS 204 `pkEncode`), once its length was
    /// checked: at that length aws-lc-rs cannot read it as a SubjectPublicKeyInfo, which
    /// it would also accept here.
    pub(crate) fn ml_dsa(set: MlDsaParameterSet, encoded: &[u8]) -> Result<Self, KeyRefused> {
        let params = match set {
            MlDsaParameterSet::MlDsa44 => &als::ML_DSA_44,
            MlDsaParameterSet::MlDsa65 => &als::ML_DSA_65,
            MlDsaParameterSet::MlDsa87 => &als::ML_DSA_87,
        };
        Ok(Self {
            bytes: encoded.into(),
            parsed: Parsed::MlDsa(set, parse(params, encoded)?),
        })
    }

    fn rsa_for(&self, alg: Algorithm) -> Option<&ParsedPublicKey> {
        let Parsed::Rsa(keys) = &self.parsed else {
            return None;
        };
        match alg {
            Algorithm::Ps256 => Some(&keys.ps256),
            Algorithm::Ps384 => Some(&keys.ps384),
            Algorithm::Ps512 => Some(&keys.ps512),
            Algorithm::Rs256 => Some(&keys.rs256),
            Algorithm::Rs384 => Some(&keys.rs384),
            Algorithm::Rs512 => Some(&keys.rs512),
            Algorithm::Es256
            | Algorithm::Es384
            | Algorithm::EdDsa
            | Algorithm::MlDsa44
            | Algorithm::MlDsa65
            | Algorithm::MlDsa87
            | Algorithm::MlDsaShake256 => None,
        }
    }

    fn ec_keys(&self) -> Option<&EcKeys> {
        match &self.parsed {
            Parsed::Ec(keys) => Some(keys),
            Parsed::Rsa(_) | Parsed::Ed25519(_) | Parsed::MlDsa(..) => None,
        }
    }

    fn ed25519_key(&self) -> Option<&ParsedPublicKey> {
        match &self.parsed {
            Parsed::Ed25519(key) => Some(key),
            Parsed::Rsa(_) | Parsed::Ec(_) | Parsed::MlDsa(..) => None,
        }
    }

    /// The ML-DSA key, if `alg` names its parameter set (or `ML_DSA_SHAKE_256`).
    fn ml_dsa_for(&self, alg: Algorithm) -> Option<&ParsedPublicKey> {
        match &self.parsed {
            Parsed::MlDsa(set, key) if alg.fits(KeyType::MlDsa(*set)) => Some(key),
            _ => None,
        }
    }
}

/// The curve whose own hash an ECDSA algorithm names: SHA-256 is P-256's, SHA-384
/// P-384's.
fn hash_curve(alg: Algorithm) -> Option<Curve> {
    match alg {
        Algorithm::Es256 => Some(Curve::P256),
        Algorithm::Es384 => Some(Curve::P384),
        _ => None,
    }
}

/// Verifies `signature` over `message` with `key` under `alg`. The caller has checked
/// that the key's type fits `alg`; `ecdsa` says how an ECDSA signature is encoded.
pub(crate) fn verify(
    alg: Algorithm,
    key: &VerifyingKey,
    message: &[u8],
    signature: &[u8],
    ecdsa: EcdsaEncoding,
) -> Result<(), BadSignature> {
    let parsed = match (alg, hash_curve(alg), key.ec_keys()) {
        (Algorithm::EdDsa, _, _) => key.ed25519_key(),
        (
            Algorithm::MlDsa44 | Algorithm::MlDsa65 | Algorithm::MlDsa87 | Algorithm::MlDsaShake256,
            _,
            _,
        ) => key.ml_dsa_for(alg),
        (_, Some(curve), Some(ec)) if ec.curve == curve => match ecdsa {
            EcdsaEncoding::Fixed => Some(&ec.fixed),
            EcdsaEncoding::Der => Some(&ec.der),
        },
        (_, Some(_), _) => None,
        (_, None, _) => key.rsa_for(alg),
    };
    check(parsed, message, signature)
}

fn check(
    parsed: Option<&ParsedPublicKey>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), BadSignature> {
    parsed
        .ok_or(BadSignature)?
        .verify_sig(message, signature)
        .map_err(|_| BadSignature)
}

/// Verifies a certificate's DER signature over its `TBSCertificate` with the issuer's
/// key of type `issuer`. For ECDSA, `alg` gives the hash only: the curve is the
/// issuer's, as RFC 5758 allows a P-384 CA to sign with SHA-256. `None` when the
/// issuer's type cannot verify `alg` at all.
pub(crate) fn verify_certificate(
    alg: Algorithm,
    issuer: KeyType,
    key: &VerifyingKey,
    tbs: &[u8],
    signature: &[u8],
) -> Option<Result<(), BadSignature>> {
    let parsed = match (issuer, hash_curve(alg)) {
        (KeyType::Rsa { .. }, None) if alg != Algorithm::EdDsa => key.rsa_for(alg),
        (KeyType::Ec(_), Some(hashed_for)) => key.ec_keys().map(|ec| {
            if ec.curve == hashed_for {
                &ec.der
            } else {
                &ec.der_other_hash
            }
        }),
        (KeyType::Ed25519, None) if alg == Algorithm::EdDsa => key.ed25519_key(),
        _ => return None,
    };
    Some(check(parsed, tbs, signature))
}

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let digest = ::aws_lc_rs::digest::digest(&::aws_lc_rs::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// Whether `point` (uncompressed, `0x04 || x || y`) is a point on `curve` other than
/// the point at infinity, with both coordinates reduced.
///
/// AWS-LC's point decoding (`EC_POINT_oct2point`, then `EC_KEY_check_key`) does the
/// full check when the key is parsed.
pub(crate) fn ec_point_is_valid(curve: Curve, point: &[u8]) -> bool {
    let params: &'static dyn als::VerificationAlgorithm = match curve {
        Curve::P256 => &als::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &als::ECDSA_P384_SHA384_FIXED,
    };
    // Only a bare point may pass: aws-lc-rs would also read a whole SPKI here.
    point.first() == Some(&0x04) && ParsedPublicKey::new(params, point).is_ok()
}

/// The public half of a [`KeyPair`], in the raw forms keys are built from.
#[cfg(feature = "sign")]
pub(crate) enum PublicParts {
    /// DER `RSAPublicKey`.
    Rsa(Vec<u8>),
    /// Uncompressed point.
    Ec(Curve, Vec<u8>),
    /// 32-byte encoding.
    Ed25519(Vec<u8>),
    /// Raw ML-DSA public key.
    MlDsa(MlDsaParameterSet, Vec<u8>),
}

/// What signs with a [`KeyPair`], as `Signer`'s `Debug` names it.
#[cfg(all(feature = "sign", feature = "fips"))]
pub(crate) const SIGNING_BACKEND: &str = "aws-lc-rs FIPS module (PKCS#8)";
#[cfg(all(feature = "sign", not(feature = "fips")))]
pub(crate) const SIGNING_BACKEND: &str = "aws-lc-rs (PKCS#8)";

/// A private key, for the `sign` feature. Built from PKCS#8 only.
#[cfg(feature = "sign")]
pub(crate) enum KeyPair {
    Rsa(als::RsaKeyPair),
    /// aws-lc-rs fixes the output encoding per key pair: one of each, from the same key.
    Ecdsa {
        curve: Curve,
        fixed: Box<als::EcdsaKeyPair>,
        der: Box<als::EcdsaKeyPair>,
    },
    Ed25519(als::Ed25519KeyPair),
    MlDsa(MlDsaParameterSet, als::PqdsaKeyPair),
}

/// Why a private key was refused or could not sign, for the caller's error.
#[cfg(feature = "sign")]
pub(crate) type SignError = String;

/// The RSA private keys licsig signs with, in modulus bytes: ring's bounds
/// (2048–4096 bits; the exact lower bound is the public half's check), so that both
/// backends take the same keys.
#[cfg(feature = "sign")]
const RSA_SIGNING_BYTES: core::ops::RangeInclusive<usize> = 256..=512;

/// ring's smallest public exponent for a private key, applied here too.
#[cfg(feature = "sign")]
const RSA_SIGNING_MIN_EXPONENT: u64 = 65_537;

#[cfg(feature = "sign")]
impl KeyPair {
    /// Reads a PKCS#8 `PrivateKeyInfo` (RFC 5208 / RFC 5958) of any type licsig signs
    /// with: RSA 2048–4096 bits, ECDSA P-256 or P-384, Ed25519 (v1 without the public
    /// key, as OpenSSL and Python write it, or v2), ML-DSA-44/65/87 in the seed form.
    pub(crate) fn from_pkcs8(der: &[u8]) -> Result<Self, SignError> {
        if let Some(seed) = super::ml_dsa_pkcs8::read_seed(der) {
            let (set, seed) = seed?;
            let alg = match set {
                MlDsaParameterSet::MlDsa44 => &als::ML_DSA_44_SIGNING,
                MlDsaParameterSet::MlDsa65 => &als::ML_DSA_65_SIGNING,
                MlDsaParameterSet::MlDsa87 => &als::ML_DSA_87_SIGNING,
            };
            let pair = als::PqdsaKeyPair::from_seed(alg, seed)
                .map_err(|e| format!("PKCS#8 {} key: aws-lc-rs says: {e}", set.name()))?;
            return Ok(Self::MlDsa(set, pair));
        }
        let rsa = match als::RsaKeyPair::from_pkcs8(der) {
            Ok(pair) => return rsa_in_bounds(pair).map(Self::Rsa),
            Err(e) => e,
        };
        for (curve, fixed, asn1) in [
            (
                Curve::P256,
                &als::ECDSA_P256_SHA256_FIXED_SIGNING,
                &als::ECDSA_P256_SHA256_ASN1_SIGNING,
            ),
            (
                Curve::P384,
                &als::ECDSA_P384_SHA384_FIXED_SIGNING,
                &als::ECDSA_P384_SHA384_ASN1_SIGNING,
            ),
        ] {
            if let Ok(pair) = als::EcdsaKeyPair::from_pkcs8(fixed, der) {
                let der_pair = als::EcdsaKeyPair::from_pkcs8(asn1, der)
                    .map_err(|e| format!("PKCS#8 ECDSA key: {e}"))?;
                return Ok(Self::Ecdsa {
                    curve,
                    fixed: Box::new(pair),
                    der: Box::new(der_pair),
                });
            }
        }
        if let Ok(pair) = als::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            return Ok(Self::Ed25519(pair));
        }
        Err(format!(
            "not a PKCS#8 private key licsig can sign with (RSA 2048–4096 bits, ECDSA \
             P-256 or P-384, Ed25519, ML-DSA-44/65/87 seed); as RSA, aws-lc-rs says: {rsa}"
        ))
    }

    /// The public half.
    pub(crate) fn public_parts(&self) -> PublicParts {
        match self {
            Self::Rsa(pair) => PublicParts::Rsa(pair.public_key().as_ref().to_vec()),
            Self::Ecdsa { curve, fixed, .. } => {
                PublicParts::Ec(*curve, fixed.public_key().as_ref().to_vec())
            }
            Self::Ed25519(pair) => PublicParts::Ed25519(pair.public_key().as_ref().to_vec()),
            Self::MlDsa(set, pair) => PublicParts::MlDsa(*set, pair.public_key().as_ref().to_vec()),
        }
    }

    /// Signs `message` under `alg`: RSA-PSS (salt = digest length, MGF1 with the same
    /// hash) and PKCS#1 v1.5, ECDSA in the encoding asked for, Ed25519, ML-DSA (pure,
    /// empty context, FIPS 204's hedged variant). `None` when this key cannot sign `alg`.
    pub(crate) fn sign(
        &self,
        alg: Algorithm,
        message: &[u8],
        ecdsa: EcdsaEncoding,
    ) -> Option<Result<Vec<u8>, SignError>> {
        let rng = ::aws_lc_rs::rand::SystemRandom::new();
        let failed = |_| format!("aws-lc-rs could not sign with {alg}");
        let rsa: Option<&'static dyn als::RsaEncoding> = match alg {
            Algorithm::Ps256 => Some(&als::RSA_PSS_SHA256),
            Algorithm::Ps384 => Some(&als::RSA_PSS_SHA384),
            Algorithm::Ps512 => Some(&als::RSA_PSS_SHA512),
            Algorithm::Rs256 => Some(&als::RSA_PKCS1_SHA256),
            Algorithm::Rs384 => Some(&als::RSA_PKCS1_SHA384),
            Algorithm::Rs512 => Some(&als::RSA_PKCS1_SHA512),
            _ => None,
        };
        match (self, rsa) {
            (Self::Rsa(pair), Some(padding)) => {
                let mut out = vec![0u8; pair.public_modulus_len()];
                Some(
                    pair.sign(padding, &rng, message, &mut out)
                        .map(|()| out)
                        .map_err(failed),
                )
            }
            (Self::Ecdsa { curve, fixed, der }, None) if alg.fits(KeyType::Ec(*curve)) => {
                let pair = match ecdsa {
                    EcdsaEncoding::Fixed => fixed,
                    EcdsaEncoding::Der => der,
                };
                Some(
                    pair.sign(&rng, message)
                        .map(|s| s.as_ref().to_vec())
                        .map_err(failed),
                )
            }
            (Self::Ed25519(pair), None) if alg == Algorithm::EdDsa => Some(
                pair.try_sign(message)
                    .map(|s| s.as_ref().to_vec())
                    .map_err(failed),
            ),
            (Self::MlDsa(set, pair), None) if alg.fits(KeyType::MlDsa(*set)) => {
                let mut out = vec![0u8; set.signature_len()];
                Some(match pair.sign(message, &mut out) {
                    Ok(len) if len == out.len() => Ok(out),
                    _ => Err(format!("aws-lc-rs could not sign with {}", set.name())),
                })
            }
            _ => None,
        }
    }
}

/// Refuses the RSA private keys ring refuses: aws-lc-rs takes up to 8192 bits and any
/// exponent.
#[cfg(feature = "sign")]
fn rsa_in_bounds(pair: als::RsaKeyPair) -> Result<als::RsaKeyPair, SignError> {
    let bytes = pair.public_modulus_len();
    if !RSA_SIGNING_BYTES.contains(&bytes) {
        return Err(format!(
            "RSA private key of {} bits; licsig signs with 2048–4096 bits",
            bytes * 8
        ));
    }
    let e = pair.public_key().exponent();
    let e = e.big_endian_without_leading_zero();
    let e_value = if e.len() > 8 {
        u64::MAX
    } else {
        e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    };
    if e_value < RSA_SIGNING_MIN_EXPONENT {
        return Err(format!(
            "RSA private key with public exponent {e_value}; licsig signs with keys whose \
             exponent is at least {RSA_SIGNING_MIN_EXPONENT}"
        ));
    }
    Ok(pair)
}

#[cfg(test)]
#[cfg(feature = "fips")]
mod tests {
    /// Feature `fips` links AWS-LC's FIPS module, which reports itself in FIPS mode.
    #[test]
    fn fips_module_is_in_use() {
        assert_eq!(::aws_lc_rs::try_fips_mode(), Ok(()));
    }
}
