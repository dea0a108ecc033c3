//! Signature algorithms, key types and curves, and which key type fits which
//! algorithm. A leaf: it names things and imports nothing of the crate.
//!
//! Each [`Algorithm`] is a named value with every parameter in its name, as in ring:
//! `Ps384` is RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt, over a
//! 2048–8192-bit key. A verifier's policy is an [`AlgorithmSet`], an allow-list.

use core::fmt;

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
    /// `ML-DSA-44`: ML-DSA-44 (FIPS 204), pure, with an empty context.
    MlDsa44 = 9,
    /// `ML-DSA-65`: ML-DSA-65 (FIPS 204), pure, with an empty context.
    MlDsa65 = 10,
    /// `ML-DSA-87`: ML-DSA-87 (FIPS 204), pure, with an empty context.
    MlDsa87 = 11,
    /// `ML_DSA_SHAKE_256` (AWS KMS): pure ML-DSA with an empty context and the
    /// parameter set of the key that verifies, for detached signatures. It has no
    /// JOSE name (a JWS names the parameter set): [`Algorithm::from_jose`] refuses it,
    /// and a license verified under it reports the parameter set's algorithm
    /// ([`Algorithm::for_key`]).
    MlDsaShake256 = 12,
}

impl Algorithm {
    /// Every algorithm, in declaration order.
    pub const ALL: [Self; 13] = [
        Self::Ps256,
        Self::Ps384,
        Self::Ps512,
        Self::Rs256,
        Self::Rs384,
        Self::Rs512,
        Self::Es256,
        Self::Es384,
        Self::EdDsa,
        Self::MlDsa44,
        Self::MlDsa65,
        Self::MlDsa87,
        Self::MlDsaShake256,
    ];

    /// The JOSE `alg` name, e.g. `"PS384"`. [`Algorithm::MlDsaShake256`], which has
    /// none, gives its KMS name `"ML_DSA_SHAKE_256"`.
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
            Self::MlDsa44 => "ML-DSA-44",
            Self::MlDsa65 => "ML-DSA-65",
            Self::MlDsa87 => "ML-DSA-87",
            Self::MlDsaShake256 => "ML_DSA_SHAKE_256",
        }
    }

    /// The AWS KMS `SigningAlgorithmSpec` name, e.g. `"RSASSA_PSS_SHA_384"`. KMS has
    /// one name for the three ML-DSA parameter sets, `"ML_DSA_SHAKE_256"`, which
    /// [`Algorithm::from_kms`] reads as [`Algorithm::MlDsaShake256`].
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
            Self::MlDsa44 | Self::MlDsa65 | Self::MlDsa87 | Self::MlDsaShake256 => {
                "ML_DSA_SHAKE_256"
            }
        }
    }

    /// Parses a JOSE `alg` name (case-sensitive, as RFC 7515 requires).
    ///
    /// Names licsig refuses give [`UnsupportedAlgorithm`] with the reason:
    /// `none` (in any case), HMAC, ES512 and ES256K, and unknown names.
    pub fn from_jose(name: &str) -> Result<Self, UnsupportedAlgorithm> {
        Self::ALL
            .into_iter()
            .filter(|a| *a != Self::MlDsaShake256)
            .find(|a| a.jose_name() == name)
            .ok_or_else(|| unsupported(name))
    }

    /// Parses an AWS KMS `SigningAlgorithmSpec` name (case-sensitive).
    /// `"ML_DSA_SHAKE_256"` is [`Algorithm::MlDsaShake256`].
    pub fn from_kms(name: &str) -> Result<Self, UnsupportedAlgorithm> {
        Self::ALL
            .into_iter()
            .filter(|a| !matches!(a, Self::MlDsa44 | Self::MlDsa65 | Self::MlDsa87))
            .find(|a| a.kms_name() == name)
            .ok_or_else(|| unsupported(name))
    }

    /// Parses a JOSE or an AWS KMS name.
    pub fn from_name(name: &str) -> Result<Self, UnsupportedAlgorithm> {
        Self::from_jose(name).or_else(|_| Self::from_kms(name))
    }

    /// The RSASSA-PSS algorithm with these parameters (hash and MGF1 hash as output
    /// sizes in bytes: 32, 48, 64). Only salt = digest length with MGF1 over the same
    /// hash exists in JOSE, in KMS and in ring; anything else is
    /// [`UnsupportedAlgorithm`].
    pub fn rsa_pss(
        hash_len: usize,
        mgf1_hash_len: usize,
        salt_len: usize,
    ) -> Result<Self, UnsupportedAlgorithm> {
        let alg = match hash_len {
            32 => Self::Ps256,
            48 => Self::Ps384,
            64 => Self::Ps512,
            _ => {
                return Err(UnsupportedAlgorithm::new(
                    "RSASSA-PSS",
                    format!("RSASSA-PSS with a {hash_len}-byte hash is not supported: only SHA-256, SHA-384 and SHA-512"),
                ))
            }
        };
        if mgf1_hash_len != hash_len || salt_len != hash_len {
            return Err(UnsupportedAlgorithm::new(
                "RSASSA-PSS",
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
    /// loads (2048–8192 bits); [`Algorithm::MlDsaShake256`] fits any ML-DSA key.
    pub const fn fits(self, key_type: KeyType) -> bool {
        matches!(
            (self, key_type),
            (
                Self::Ps256 | Self::Ps384 | Self::Ps512 | Self::Rs256 | Self::Rs384 | Self::Rs512,
                KeyType::Rsa { .. }
            ) | (Self::Es256, KeyType::Ec(Curve::P256))
                | (Self::Es384, KeyType::Ec(Curve::P384))
                | (Self::EdDsa, KeyType::Ed25519)
                | (Self::MlDsa44, KeyType::MlDsa(MlDsaParameterSet::MlDsa44))
                | (Self::MlDsa65, KeyType::MlDsa(MlDsaParameterSet::MlDsa65))
                | (Self::MlDsa87, KeyType::MlDsa(MlDsaParameterSet::MlDsa87))
                | (Self::MlDsaShake256, KeyType::MlDsa(_))
        )
    }

    /// This algorithm as verified with a key of `key_type`: for
    /// [`Algorithm::MlDsaShake256`] and an ML-DSA key, the key's parameter set
    /// (`ML-DSA-65` for an ML-DSA-65 key); otherwise `self`.
    pub const fn for_key(self, key_type: KeyType) -> Self {
        match (self, key_type) {
            (Self::MlDsaShake256, KeyType::MlDsa(set)) => set.algorithm(),
            _ => self,
        }
    }

    /// The family of the algorithm and of the keys that fit it.
    pub const fn family(self) -> Family {
        match self {
            Self::Ps256 | Self::Ps384 | Self::Ps512 | Self::Rs256 | Self::Rs384 | Self::Rs512 => {
                Family::Rsa
            }
            Self::Es256 | Self::Es384 => Family::Ecdsa,
            Self::EdDsa => Family::EdDsa,
            Self::MlDsa44 | Self::MlDsa65 | Self::MlDsa87 | Self::MlDsaShake256 => Family::MlDsa,
        }
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
    type Err = UnsupportedAlgorithm;

    /// Same as [`Algorithm::from_name`].
    fn from_str(s: &str) -> Result<Self, UnsupportedAlgorithm> {
        Self::from_name(s)
    }
}

/// The family of a signature algorithm, which is the family of the keys that make
/// it: what a hybrid policy counts ([`Verifier::require_family`]). RSA-PSS and
/// RSASSA-PKCS1-v1_5 are one family, since one RSA key can make both.
///
/// [`Verifier::require_family`]: crate::Verifier::require_family
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Family {
    /// RSA: PS256/384/512 and RS256/384/512.
    Rsa,
    /// ECDSA on P-256 or P-384: ES256, ES384.
    Ecdsa,
    /// Ed25519: EdDSA.
    EdDsa,
    /// ML-DSA (FIPS 204): ML-DSA-44/65/87, `ML_DSA_SHAKE_256`.
    MlDsa,
}

impl Family {
    /// Every family, in declaration order.
    pub const ALL: [Self; 4] = [Self::Rsa, Self::Ecdsa, Self::EdDsa, Self::MlDsa];

    /// The name the `licsig` command and `--json` output use: `"rsa"`, `"ecdsa"`,
    /// `"eddsa"` or `"ml-dsa"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Rsa => "rsa",
            Self::Ecdsa => "ecdsa",
            Self::EdDsa => "eddsa",
            Self::MlDsa => "ml-dsa",
        }
    }

    /// Parses [`Family::name`] (ASCII case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An algorithm name licsig does not implement, and why. Converts into an
/// [`Error`](crate::error::Error) of kind `unsupported_algorithm`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsupportedAlgorithm {
    name: String,
    why: String,
}

impl UnsupportedAlgorithm {
    fn new(name: &str, why: String) -> Self {
        Self {
            name: name.chars().take(64).collect(),
            why,
        }
    }

    /// The name as written (at most 64 characters of it).
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnsupportedAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)
    }
}

impl std::error::Error for UnsupportedAlgorithm {}

/// The refusal of a name that is not one of ours, saying why.
fn unsupported(name: &str) -> UnsupportedAlgorithm {
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
        format!("{name} (ECDSA on P-521) is not supported: licsig verifies ECDSA on P-256 and P-384 only; sign with ES256, ES384 or PS384")
    } else if name == "ES256K" {
        "ES256K (ECDSA on secp256k1) is not supported: licsig verifies ECDSA on P-256 and P-384 only".to_owned()
    } else if matches!(name, "Ed448" | "ED25519_PH_SHA_512" | "Ed25519ph") {
        format!("{name} is not supported: licsig verifies pure Ed25519 (EdDSA) only")
    } else if name == "SM2DSA" {
        "SM2DSA is not supported".to_owned()
    } else if matches!(
        name,
        "RSA1_5" | "RSA-OAEP" | "RSA-OAEP-256" | "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256"
    ) {
        format!("{name} is an encryption algorithm, not a signature algorithm")
    } else {
        let shown: String = name.chars().take(40).collect();
        format!(
            "unknown signature algorithm {shown:?}: licsig verifies PS256/384/512, RS256/384/512, \
             ES256, ES384, EdDSA and ML-DSA-44/65/87 (or their AWS KMS names)"
        )
    };
    UnsupportedAlgorithm::new(name, why)
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

/// A named elliptic curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (secp256r1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
}

impl Curve {
    /// The JOSE name: `"P-256"` or `"P-384"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
        }
    }

    /// The length of one coordinate in bytes.
    pub const fn coordinate_len(self) -> usize {
        match self {
            Self::P256 => 32,
            Self::P384 => 48,
        }
    }
}

/// An ML-DSA parameter set (FIPS 204 §4, Table 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MlDsaParameterSet {
    /// ML-DSA-44 (NIST security category 2).
    MlDsa44,
    /// ML-DSA-65 (category 3).
    MlDsa65,
    /// ML-DSA-87 (category 5).
    MlDsa87,
}

impl MlDsaParameterSet {
    /// The name: `"ML-DSA-44"`, `"ML-DSA-65"` or `"ML-DSA-87"`.
    pub const fn name(self) -> &'static str {
        self.algorithm().jose_name()
    }

    /// The algorithm that verifies with this parameter set.
    pub const fn algorithm(self) -> Algorithm {
        match self {
            Self::MlDsa44 => Algorithm::MlDsa44,
            Self::MlDsa65 => Algorithm::MlDsa65,
            Self::MlDsa87 => Algorithm::MlDsa87,
        }
    }

    /// The length of an encoded public key in bytes (FIPS 204 Table 2): 1312, 1952
    /// or 2592.
    pub const fn public_key_len(self) -> usize {
        match self {
            Self::MlDsa44 => 1312,
            Self::MlDsa65 => 1952,
            Self::MlDsa87 => 2592,
        }
    }

    /// The DER contents of its object identifier, id-ml-dsa-44/65/87
    /// (2.16.840.1.101.3.4.3.17, .18, .19; RFC 9881).
    pub(crate) const fn oid(self) -> &'static [u8] {
        match self {
            Self::MlDsa44 => &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11],
            Self::MlDsa65 => &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x12],
            Self::MlDsa87 => &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x13],
        }
    }

    /// The length of a signature in bytes (FIPS 204 Table 2): 2420, 3309 or 4627.
    pub const fn signature_len(self) -> usize {
        match self {
            Self::MlDsa44 => 2420,
            Self::MlDsa65 => 3309,
            Self::MlDsa87 => 4627,
        }
    }
}

/// The type and size of a public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// An RSA key; `bits` is the exact bit length of the modulus.
    Rsa {
        /// Bit length of the modulus.
        bits: u32,
    },
    /// An ECDSA key on a named curve.
    Ec(Curve),
    /// An Ed25519 key.
    Ed25519,
    /// An ML-DSA key of one parameter set.
    MlDsa(MlDsaParameterSet),
}

impl fmt::Display for KeyType {
    /// `RSA 2048`, `EC P-256`, `Ed25519 256` (sizes in bits), `ML-DSA-65 1952` (the
    /// parameter set and the public key's length in bytes, as FIPS 204 sizes it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rsa { bits } => write!(f, "RSA {bits}"),
            Self::Ec(curve) => write!(f, "EC {}", curve.name()),
            Self::Ed25519 => f.write_str("Ed25519 256"),
            Self::MlDsa(set) => write!(f, "{} {}", set.name(), set.public_key_len()),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in Algorithm::ALL {
            assert_eq!(alg.to_string().parse::<Algorithm>().unwrap(), alg);
            if alg.kms_name() == "ML_DSA_SHAKE_256" {
                continue;
            }
            assert_eq!(Algorithm::from_jose(alg.jose_name()).unwrap(), alg);
            assert_eq!(Algorithm::from_kms(alg.kms_name()).unwrap(), alg);
            assert_eq!(Algorithm::from_name(alg.kms_name()).unwrap(), alg);
        }
    }

    /// The three ML-DSA parameter sets share one KMS name, which takes the
    /// parameter set from the key and is no JOSE name.
    #[test]
    fn ml_dsa_names() {
        use MlDsaParameterSet as P;
        for (alg, set, name) in [
            (Algorithm::MlDsa44, P::MlDsa44, "ML-DSA-44"),
            (Algorithm::MlDsa65, P::MlDsa65, "ML-DSA-65"),
            (Algorithm::MlDsa87, P::MlDsa87, "ML-DSA-87"),
        ] {
            assert_eq!(Algorithm::from_jose(name).unwrap(), alg);
            assert_eq!(Algorithm::from_name(name).unwrap(), alg);
            assert_eq!(set.algorithm(), alg);
            assert_eq!(set.name(), name);
            assert_eq!(alg.kms_name(), "ML_DSA_SHAKE_256");
            let key = KeyType::MlDsa(set);
            assert!(alg.fits(key) && Algorithm::MlDsaShake256.fits(key));
            assert_eq!(Algorithm::MlDsaShake256.for_key(key), alg);
            assert_eq!(alg.for_key(key), alg);
            assert!(!alg.fits(KeyType::Ed25519));
        }
        let kms = Algorithm::from_kms("ML_DSA_SHAKE_256").unwrap();
        assert_eq!(kms, Algorithm::MlDsaShake256);
        assert_eq!(Algorithm::from_name("ML_DSA_SHAKE_256").unwrap(), kms);
        assert_eq!(
            Algorithm::from_jose("ML_DSA_SHAKE_256").unwrap_err().name(),
            "ML_DSA_SHAKE_256"
        );
        assert!(!kms.fits(KeyType::Ed25519) && !kms.fits(KeyType::Rsa { bits: 2048 }));
        assert_eq!(kms.for_key(KeyType::Ed25519), kms);
        assert!(!Algorithm::MlDsa44.fits(KeyType::MlDsa(P::MlDsa65)));
        assert_eq!(KeyType::MlDsa(P::MlDsa65).to_string(), "ML-DSA-65 1952");
        assert_eq!(
            [P::MlDsa44, P::MlDsa65, P::MlDsa87].map(P::signature_len),
            [2420, 3309, 4627]
        );
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
            assert_eq!(err.name(), name);
            assert!(err.to_string().contains(needle), "{name}: {err}");
        }
        assert_eq!(Algorithm::rsa_pss(48, 48, 48).unwrap(), Algorithm::Ps384);
        for (h, m, s) in [(32, 32, 0), (32, 20, 32), (64, 64, 32), (20, 20, 20)] {
            let err = Algorithm::rsa_pss(h, m, s).unwrap_err();
            assert_eq!(err.name(), "RSASSA-PSS");
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
        assert_eq!(AlgorithmSet::ALL.iter().count(), 13);
        assert_eq!(
            S.without(Algorithm::Ps384).iter().collect::<Vec<_>>(),
            [Algorithm::EdDsa]
        );
    }
}
