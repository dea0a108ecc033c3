//! ML-DSA (FIPS 204) for the ring backend, which has none: RustCrypto's `ml-dsa`, pure
//! Rust. (Under `aws-lc`, aws-lc-rs's own ML-DSA is used instead.)
//!
//! Pure ML-DSA with an empty context only, as AWS KMS signs (`ML_DSA_SHAKE_256`) and as
//! the JOSE names `ML-DSA-44/65/87` mean; no pre-hash (HashML-DSA), no context. (A
//! signature KMS makes from an external μ is such a signature: `external_mu.rs`.)
//! Signing (feature `sign`) is FIPS 204's deterministic variant.

use ::ml_dsa::{EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams, Signature};

use super::BadSignature;
use crate::alg::{Algorithm, KeyType, MlDsaParameterSet};

/// An ML-DSA public key, decoded once at load (the matrix `A` expanded), with its
/// encoding for equality.
#[derive(Clone)]
pub(crate) struct MlDsaKey {
    encoded: Box<[u8]>,
    decoded: Decoded,
}

#[derive(Clone)]
enum Decoded {
    MlDsa44(Box<::ml_dsa::VerifyingKey<MlDsa44>>),
    MlDsa65(Box<::ml_dsa::VerifyingKey<MlDsa65>>),
    MlDsa87(Box<::ml_dsa::VerifyingKey<MlDsa87>>),
}

impl PartialEq for MlDsaKey {
    fn eq(&self, other: &Self) -> bool {
        self.set() == other.set() && self.encoded == other.encoded
    }
}

impl Eq for MlDsaKey {}

fn decode<P: MlDsaParams>(encoded: &[u8]) -> Option<Box<::ml_dsa::VerifyingKey<P>>> {
    let encoded = EncodedVerifyingKey::<P>::try_from(encoded).ok()?;
    Some(Box::new(::ml_dsa::VerifyingKey::decode(&encoded)))
}

impl MlDsaKey {
    /// The key of parameter set `set` from its encoding (FIPS 204 `pkEncode`); `None`
    /// unless it is exactly the set's public key length. Every such byte string is a
    /// key: `t1` packs 10-bit values, all of which are in range.
    pub(crate) fn new(set: MlDsaParameterSet, encoded: &[u8]) -> Option<Self> {
        let decoded = match set {
            MlDsaParameterSet::MlDsa44 => Decoded::MlDsa44(decode(encoded)?),
            MlDsaParameterSet::MlDsa65 => Decoded::MlDsa65(decode(encoded)?),
            MlDsaParameterSet::MlDsa87 => Decoded::MlDsa87(decode(encoded)?),
        };
        Some(Self {
            encoded: encoded.into(),
            decoded,
        })
    }

    fn set(&self) -> MlDsaParameterSet {
        match self.decoded {
            Decoded::MlDsa44(_) => MlDsaParameterSet::MlDsa44,
            Decoded::MlDsa65(_) => MlDsaParameterSet::MlDsa65,
            Decoded::MlDsa87(_) => MlDsaParameterSet::MlDsa87,
        }
    }
}

fn verify_with<P: MlDsaParams>(
    key: &::ml_dsa::VerifyingKey<P>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), BadSignature> {
    // `try_from` refuses a signature of the wrong length, a malformed hint or a `z`
    // out of range (FIPS 204 sigDecode and the norm check of Algorithm 8).
    let signature = Signature::<P>::try_from(signature).map_err(|_| BadSignature)?;
    if key.verify_with_context(message, &[], &signature) {
        Ok(())
    } else {
        Err(BadSignature)
    }
}

/// Verifies a pure ML-DSA `signature` over `message` with an empty context. `alg`
/// must fit the key's parameter set.
pub(crate) fn verify(
    alg: Algorithm,
    key: &MlDsaKey,
    message: &[u8],
    signature: &[u8],
) -> Result<(), BadSignature> {
    if !alg.fits(KeyType::MlDsa(key.set())) {
        return Err(BadSignature);
    }
    match &key.decoded {
        Decoded::MlDsa44(k) => verify_with(k, message, signature),
        Decoded::MlDsa65(k) => verify_with(k, message, signature),
        Decoded::MlDsa87(k) => verify_with(k, message, signature),
    }
}

/// An ML-DSA private key, for the `sign` feature.
#[cfg(feature = "sign")]
pub(crate) enum MlDsaSigningKey {
    MlDsa44(Box<::ml_dsa::SigningKey<MlDsa44>>),
    MlDsa65(Box<::ml_dsa::SigningKey<MlDsa65>>),
    MlDsa87(Box<::ml_dsa::SigningKey<MlDsa87>>),
}

#[cfg(feature = "sign")]
impl MlDsaSigningKey {
    /// The key of parameter set `set` from its 32-byte seed (FIPS 204
    /// `ML-DSA.KeyGen_internal`).
    pub(crate) fn from_seed(set: MlDsaParameterSet, seed: &[u8; 32]) -> Self {
        let seed = ::ml_dsa::Seed::from(*seed);
        match set {
            MlDsaParameterSet::MlDsa44 => {
                Self::MlDsa44(Box::new(::ml_dsa::SigningKey::from_seed(&seed)))
            }
            MlDsaParameterSet::MlDsa65 => {
                Self::MlDsa65(Box::new(::ml_dsa::SigningKey::from_seed(&seed)))
            }
            MlDsaParameterSet::MlDsa87 => {
                Self::MlDsa87(Box::new(::ml_dsa::SigningKey::from_seed(&seed)))
            }
        }
    }

    /// The parameter set.
    pub(crate) fn set(&self) -> MlDsaParameterSet {
        match self {
            Self::MlDsa44(_) => MlDsaParameterSet::MlDsa44,
            Self::MlDsa65(_) => MlDsaParameterSet::MlDsa65,
            Self::MlDsa87(_) => MlDsaParameterSet::MlDsa87,
        }
    }

    /// The raw public key (FIPS 204 `pkEncode`).
    pub(crate) fn public_key(&self) -> Vec<u8> {
        use ::ml_dsa::signature::Keypair as _;
        match self {
            Self::MlDsa44(k) => k.verifying_key().encode().to_vec(),
            Self::MlDsa65(k) => k.verifying_key().encode().to_vec(),
            Self::MlDsa87(k) => k.verifying_key().encode().to_vec(),
        }
    }

    /// A pure ML-DSA signature over `message` with an empty context, FIPS 204's
    /// deterministic variant (the same license always signs to the same bytes).
    pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        use ::ml_dsa::signature::Signer as _;
        let failed = |_| format!("ML-DSA ({}) could not sign", self.set().name());
        match self {
            Self::MlDsa44(k) => k.try_sign(message).map(|s| s.encode().to_vec()),
            Self::MlDsa65(k) => k.try_sign(message).map(|s| s.encode().to_vec()),
            Self::MlDsa87(k) => k.try_sign(message).map(|s| s.encode().to_vec()),
        }
        .map_err(failed)
    }
}
