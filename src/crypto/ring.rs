//! The `ring` backend, with RustCrypto's `ml-dsa` for ML-DSA, which ring lacks.

use ::ring::signature as rs;
#[cfg(feature = "sign")]
use ::ring::signature::KeyPair as _;

use super::ml_dsa_rustcrypto::{self as ml_dsa, MlDsaKey};
use super::{BadSignature, KeyRefused};
use crate::alg::{Algorithm, Curve, EcdsaEncoding, KeyType, MlDsaParameterSet};

/// A public key as ring verifies with it: the bytes its `UnparsedPublicKey` takes (a
/// DER `RSAPublicKey`, an uncompressed EC point, an Ed25519 point), which ring parses
/// again on every verification (it has no parsed-key type; a key's form and size were
/// checked when it loaded, so the constructors never refuse); or an ML-DSA key, which
/// ring lacks.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum VerifyingKey {
    Ring(Box<[u8]>),
    MlDsa(MlDsaKey),
}

impl VerifyingKey {
    /// An RSA key from its DER `RSAPublicKey`.
    pub(crate) fn rsa(pkcs1: &[u8]) -> Result<Self, KeyRefused> {
        Ok(Self::Ring(pkcs1.into()))
    }

    /// An ECDSA key from its uncompressed point, once [`ec_point_is_valid`] held.
    pub(crate) fn ec(_curve: Curve, point: &[u8]) -> Result<Self, KeyRefused> {
        Ok(Self::Ring(point.into()))
    }

    /// An Ed25519 key from its 32-byte encoding.
    pub(crate) fn ed25519(a: &[u8; 32]) -> Result<Self, KeyRefused> {
        Ok(Self::Ring(a.as_slice().into()))
    }

    /// An ML-DSA key from its encoding, once its length was checked.
    pub(crate) fn ml_dsa(set: MlDsaParameterSet, encoded: &[u8]) -> Result<Self, KeyRefused> {
        MlDsaKey::new(set, encoded)
            .map(Self::MlDsa)
            .ok_or(KeyRefused)
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
    let bytes = match key {
        VerifyingKey::Ring(bytes) => bytes,
        VerifyingKey::MlDsa(key) => return ml_dsa::verify(alg, key, message, signature),
    };
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
        (
            Algorithm::MlDsa44 | Algorithm::MlDsa65 | Algorithm::MlDsa87 | Algorithm::MlDsaShake256,
            _,
        ) => return Err(BadSignature),
    };
    rs::UnparsedPublicKey::new(params, bytes)
        .verify(message, signature)
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
    let VerifyingKey::Ring(bytes) = key else {
        return None;
    };
    let params: &'static dyn rs::VerificationAlgorithm = match (alg, issuer) {
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
        _ => return None,
    };
    Some(
        rs::UnparsedPublicKey::new(params, bytes)
            .verify(tbs, signature)
            .map_err(|_| BadSignature),
    )
}

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let digest = ::ring::digest::digest(&::ring::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// Whether `point` (uncompressed, `0x04 || x || y`) is a point on `curve` other than
/// the point at infinity, with both coordinates reduced.
///
/// ring offers no validation of an ECDSA public key short of verifying a signature,
/// where a bad key and a bad signature look the same. Its ECDH peer-key parsing does
/// the full check (coordinates < p, on the curve), so a key is validated at load by
/// one ephemeral key agreement with it. The ephemeral secret is discarded.
pub(crate) fn ec_point_is_valid(curve: Curve, point: &[u8]) -> bool {
    use ::ring::agreement;
    let alg = match curve {
        Curve::P256 => &agreement::ECDH_P256,
        Curve::P384 => &agreement::ECDH_P384,
    };
    let rng = ::ring::rand::SystemRandom::new();
    let Ok(ours) = agreement::EphemeralPrivateKey::generate(alg, &rng) else {
        return false;
    };
    agreement::agree_ephemeral(ours, &agreement::UnparsedPublicKey::new(alg, point), |_| ()).is_ok()
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
#[cfg(feature = "sign")]
pub(crate) const SIGNING_BACKEND: &str = "ring (PKCS#8; ML-DSA by RustCrypto ml-dsa)";

/// A private key, for the `sign` feature. Built from PKCS#8 only.
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
    MlDsa(ml_dsa::MlDsaSigningKey),
}

/// Why a private key was refused or could not sign, for the caller's error.
#[cfg(feature = "sign")]
pub(crate) type SignError = String;

#[cfg(feature = "sign")]
impl KeyPair {
    /// Reads a PKCS#8 `PrivateKeyInfo` (RFC 5208 / RFC 5958) of any type licsig signs
    /// with: RSA 2048–4096 bits (ring's bound for private keys), ECDSA P-256 or P-384,
    /// Ed25519 (v1 without the public key, as OpenSSL and Python write it, or v2),
    /// ML-DSA-44/65/87 in the seed form.
    pub(crate) fn from_pkcs8(der: &[u8]) -> Result<Self, SignError> {
        if let Some(seed) = super::ml_dsa_pkcs8::read_seed(der) {
            let (set, seed) = seed?;
            return Ok(Self::MlDsa(ml_dsa::MlDsaSigningKey::from_seed(set, seed)));
        }
        let rng = ::ring::rand::SystemRandom::new();
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
                    .map_err(|e| format!("PKCS#8 ECDSA key: {e}"))?;
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
        Err(format!(
            "not a PKCS#8 private key licsig can sign with (RSA 2048–4096 bits, ECDSA \
             P-256 or P-384, Ed25519, ML-DSA-44/65/87 seed); as RSA, ring says: {rsa}"
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
            Self::MlDsa(key) => PublicParts::MlDsa(key.set(), key.public_key()),
        }
    }

    /// Signs `message` under `alg`: RSA-PSS (salt = digest length, MGF1 with the same
    /// hash) and PKCS#1 v1.5, ECDSA in the encoding asked for, Ed25519, ML-DSA. `None` when
    /// this key cannot sign `alg`.
    pub(crate) fn sign(
        &self,
        alg: Algorithm,
        message: &[u8],
        ecdsa: EcdsaEncoding,
    ) -> Option<Result<Vec<u8>, SignError>> {
        let rng = ::ring::rand::SystemRandom::new();
        let failed = |_| format!("ring could not sign with {alg}");
        let rsa: Option<&'static dyn rs::RsaEncoding> = match alg {
            Algorithm::Ps256 => Some(&rs::RSA_PSS_SHA256),
            Algorithm::Ps384 => Some(&rs::RSA_PSS_SHA384),
            Algorithm::Ps512 => Some(&rs::RSA_PSS_SHA512),
            Algorithm::Rs256 => Some(&rs::RSA_PKCS1_SHA256),
            Algorithm::Rs384 => Some(&rs::RSA_PKCS1_SHA384),
            Algorithm::Rs512 => Some(&rs::RSA_PKCS1_SHA512),
            _ => None,
        };
        match (self, rsa) {
            (Self::Rsa(pair), Some(padding)) => {
                let mut out = vec![0u8; pair.public().modulus_len()];
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
            (Self::Ed25519(pair), None) if alg == Algorithm::EdDsa => {
                Some(Ok(pair.sign(message).as_ref().to_vec()))
            }
            (Self::MlDsa(key), None) if alg.fits(KeyType::MlDsa(key.set())) => {
                Some(key.sign(message))
            }
            _ => None,
        }
    }
}
