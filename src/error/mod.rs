//! The one error type of the crate: a stable kind, typed context, a message.

pub(crate) mod chain;

use core::fmt;
use std::borrow::Cow;

use crate::alg::{Algorithm, AlgorithmSet, Family, KeyType, UnsupportedAlgorithm};
use crate::time::{InvalidTime, Time};
use chain::ChainError;

/// What kind of failure an [`Error`] is.
///
/// The names are stable: [`ErrorKind::as_str`] gives the snake_case form that the
/// `licsig` command prints and that `--json` output carries. New kinds may be added,
/// so match with a wildcard arm.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input is not well-formed: bad JSON, bad base64url, a bad header, an
    /// unrecognised form, a license document of the wrong shape.
    Malformed,
    /// The input is larger or deeper than the configured limits allow.
    LimitExceeded,
    /// The algorithm is one licsig does not implement (for example ES512, HMAC, `none`).
    UnsupportedAlgorithm,
    /// The algorithm is implemented but the verifier's policy does not allow it.
    AlgorithmNotAllowed,
    /// A public key was refused when it was loaded.
    InvalidKey,
    /// The key's type or declared algorithm does not fit the signature's algorithm.
    KeyMismatch,
    /// No trusted key matches the signature.
    UnknownKey,
    /// The signing key is revoked or outside its validity window.
    KeyRevoked,
    /// The signature did not verify.
    BadSignature,
    /// A certificate chain did not validate.
    CertificateInvalid,
    /// The license has expired at the given time.
    Expired,
    /// The license is not valid yet at the given time.
    NotYetValid,
    /// The license is locked to another node.
    NodeMismatch,
    /// The license is node-locked but the verifier was not told its node id.
    NodeUnbound,
    /// A required entitlement is absent from the license.
    MissingEntitlement,
    /// The license id is revoked.
    LicenseRevoked,
    /// The verifier requires signatures by keys of several families (a hybrid policy,
    /// `Verifier::require_family`) and one of them is not on the license.
    MissingSignature,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 17] = [
        Self::Malformed,
        Self::LimitExceeded,
        Self::UnsupportedAlgorithm,
        Self::AlgorithmNotAllowed,
        Self::InvalidKey,
        Self::KeyMismatch,
        Self::UnknownKey,
        Self::KeyRevoked,
        Self::BadSignature,
        Self::CertificateInvalid,
        Self::Expired,
        Self::NotYetValid,
        Self::NodeMismatch,
        Self::NodeUnbound,
        Self::MissingEntitlement,
        Self::LicenseRevoked,
        Self::MissingSignature,
    ];

    /// The stable snake_case name, e.g. `"bad_signature"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::LimitExceeded => "limit_exceeded",
            Self::UnsupportedAlgorithm => "unsupported_algorithm",
            Self::AlgorithmNotAllowed => "algorithm_not_allowed",
            Self::InvalidKey => "invalid_key",
            Self::KeyMismatch => "key_mismatch",
            Self::UnknownKey => "unknown_key",
            Self::KeyRevoked => "key_revoked",
            Self::BadSignature => "bad_signature",
            Self::CertificateInvalid => "certificate_invalid",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::NodeMismatch => "node_mismatch",
            Self::NodeUnbound => "node_unbound",
            Self::MissingEntitlement => "missing_entitlement",
            Self::LicenseRevoked => "license_revoked",
            Self::MissingSignature => "missing_signature",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure: its [`ErrorKind`], its [`Context`] as typed data, and a message a person
/// can act on.
///
/// The message says what failed and, where that helps, how to resolve it. Its wording
/// is not part of the stable interface; the kind and the context are.
///
/// ```
/// # fn main() -> Result<(), licsig::Error> {
/// # let keys = licsig::KeySet::from_pem(include_str!("../../test-vectors/sample/vendor-public-key.pem"))?;
/// # let bytes = include_bytes!("../../test-vectors/sample/license-file.json");
/// let verifier = licsig::Verifier::new(keys).node_id("100.20.15.10");
/// let later = licsig::Time::parse("2037-01-01T00:00:00Z")?;
/// let err = verifier.verify(bytes, later).unwrap_err();
/// match err.context() {
///     licsig::Context::Expired { now, not_after, .. } => {
///         assert!(now > not_after);
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    context: Context,
    message: Cow<'static, str>,
}

/// What an [`Error`] is about, as data a program can read. Which variant comes with
/// which [`ErrorKind`] is documented on each; [`Context::None`] says nothing beyond
/// the kind and the message.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    /// Nothing beyond the kind and the message.
    None,
    /// [`ErrorKind::Malformed`]: a JSON text is not valid at this byte offset of the
    /// text (the text itself may be a part of the input: a header, a payload).
    Json {
        /// Offset in the JSON text of the first byte that is not valid there.
        offset: usize,
    },
    /// [`ErrorKind::LimitExceeded`]: which bound, and its value.
    Limit {
        /// The bound.
        limit: Limit,
        /// Its value.
        max: usize,
    },
    /// [`ErrorKind::UnsupportedAlgorithm`]: the algorithm name as written (at most
    /// 64 characters of it).
    UnsupportedAlgorithm {
        /// The name.
        name: String,
    },
    /// [`ErrorKind::AlgorithmNotAllowed`]: the algorithm, and what the verifier allows.
    AlgorithmNotAllowed {
        /// The signature's algorithm.
        alg: Algorithm,
        /// The verifier's allow-list.
        allowed: AlgorithmSet,
    },
    /// [`ErrorKind::KeyMismatch`]: the key that cannot verify `alg`.
    KeyMismatch {
        /// The key's id.
        kid: String,
        /// Its type.
        key_type: KeyType,
        /// The algorithm it was asked to verify.
        alg: Algorithm,
    },
    /// [`ErrorKind::UnknownKey`]: the key id no trusted key has; `None` when the
    /// signature names no key and no trusted key fits its algorithm.
    UnknownKey {
        /// The signature's `kid`, at most 128 characters of it.
        kid: Option<String>,
        /// The trusted keys' ids (each key's first id, at most 16 of them).
        trusted: Vec<String>,
    },
    /// [`ErrorKind::KeyRevoked`]: the revoked key id.
    KeyRevoked {
        /// The key id.
        kid: String,
    },
    /// [`ErrorKind::KeyRevoked`]: a key that vouches only for licenses issued within
    /// its validity window, and a license issued outside it.
    KeyOutsideValidity {
        /// The key id.
        kid: String,
        /// The license's `issuedAt`.
        issued_at: Time,
        /// Start of the key's window.
        not_before: Option<Time>,
        /// End of the key's window (inclusive).
        not_after: Option<Time>,
    },
    /// [`ErrorKind::BadSignature`]: the key the signature was checked with, when one
    /// key was (not for a signature tried against several keys).
    BadSignature {
        /// The key id.
        kid: Option<String>,
    },
    /// [`ErrorKind::CertificateInvalid`]: which certificate of the chain and why.
    Certificate(ChainError),
    /// [`ErrorKind::Expired`]: the license is expired at `now`, which is at or after
    /// `not_after` plus the leeway.
    Expired {
        /// The verification time.
        now: Time,
        /// The license's expiry: the earlier of `expiration` and `exp`.
        not_after: Time,
        /// The verifier's leeway, in seconds.
        leeway_secs: u32,
    },
    /// [`ErrorKind::NotYetValid`]: `now` is before `not_before` minus the leeway.
    NotYetValid {
        /// The verification time.
        now: Time,
        /// The license's start: the later of `issuedAt` and `nbf`.
        not_before: Time,
        /// The verifier's leeway, in seconds.
        leeway_secs: u32,
    },
    /// [`ErrorKind::NodeMismatch`]: the license is locked to `found`, this machine is
    /// `expected`.
    NodeMismatch {
        /// The verifier's node id.
        expected: String,
        /// The license's `nodeId`.
        found: String,
    },
    /// [`ErrorKind::NodeUnbound`]: the license is locked to a node and the verifier
    /// was not told its own.
    NodeUnbound {
        /// The license's `nodeId`.
        license_node: String,
    },
    /// [`ErrorKind::MissingEntitlement`]: the entitlement the license lacks.
    MissingEntitlement {
        /// Its name.
        name: String,
    },
    /// [`ErrorKind::LicenseRevoked`]: the revoked license id (`licenseArn`).
    LicenseRevoked {
        /// The license id.
        license_id: String,
    },
    /// [`ErrorKind::MissingSignature`]: a family the verifier requires, and the
    /// families of the signatures that did verify.
    MissingSignature {
        /// The first required family no verified signature is of.
        missing: Family,
        /// The families of the verified signatures, without repeats, in the order
        /// of [`Family::ALL`].
        verified: Vec<Family>,
    },
}

/// The bounds of [`ErrorKind::LimitExceeded`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// `Limits::max_bytes`: an input, or a JSON text in it.
    InputBytes,
    /// `Limits::max_depth`: JSON nesting.
    Depth,
    /// `Limits::max_signatures`: signatures in a license file.
    Signatures,
    /// `Limits::max_keys_tried`: trusted keys that fit a signature without a `kid`.
    KeysTried,
    /// `jws::MAX_HEADER_BYTES`: a protected header.
    HeaderBytes,
    /// `jws::MAX_X5C_CERTIFICATES`: certificates in an `x5c` header.
    X5cCertificates,
    /// `key::MAX_KEY_INPUT_BYTES`: a key file, PEM bundle or JWK Set.
    KeyInputBytes,
    /// `key::MAX_KEYS`: keys in one input or one key set.
    Keys,
    /// `chain::MAX_TRUST_ANCHORS`: trust anchors.
    TrustAnchors,
    /// The largest private key input `Signer` reads.
    PrivateKeyBytes,
}

impl Error {
    /// An error of `kind` with `message` and no context. For code outside licsig
    /// that reports through licsig's error type, such as an `ExternalSigner`
    /// implementation (feature `sign`) whose KMS call failed: pick the kind that says
    /// what the caller should do.
    #[cold]
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self::with(kind, Context::None, message)
    }

    /// An error of `kind` with its `context`.
    #[cold]
    pub(crate) fn with(
        kind: ErrorKind,
        context: Context,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self(Box::new(Inner {
            kind,
            context,
            message: message.into(),
        }))
    }

    #[cold]
    pub(crate) fn malformed(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Malformed, message)
    }

    #[cold]
    pub(crate) fn limit(limit: Limit, max: usize, message: impl Into<Cow<'static, str>>) -> Self {
        Self::with(
            ErrorKind::LimitExceeded,
            Context::Limit { limit, max },
            message,
        )
    }

    /// The same error with `prefix` before its message (where in the input it is):
    /// kind and context unchanged.
    #[cold]
    pub(crate) fn within(mut self, prefix: &str) -> Self {
        self.0.message = format!("{prefix}: {}", self.0.message).into();
        self
    }

    /// The same error with `note` after its message: kind and context unchanged.
    #[cold]
    pub(crate) fn noting(mut self, note: &str) -> Self {
        self.0.message = format!("{}; {note}", self.0.message).into();
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// What the failure is about, as typed data.
    pub fn context(&self) -> &Context {
        &self.0.context
    }

    /// The human-readable message (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("context", &self.0.context)
            .field("message", &self.0.message)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.context {
            Context::Certificate(e) => Some(e),
            _ => None,
        }
    }
}

impl From<UnsupportedAlgorithm> for Error {
    fn from(e: UnsupportedAlgorithm) -> Self {
        let message = e.to_string();
        Self::with(
            ErrorKind::UnsupportedAlgorithm,
            Context::UnsupportedAlgorithm {
                name: e.name().to_owned(),
            },
            message,
        )
    }
}

impl From<InvalidTime> for Error {
    fn from(e: InvalidTime) -> Self {
        Self::malformed(e.to_string())
    }
}

/// A `serde` failure reading or writing licsig's JSON (feature `serde`): malformed,
/// with serde's message.
#[cfg(feature = "serde")]
impl serde::de::Error for Error {
    #[cold]
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::malformed(message.to_string())
    }

    /// Says `null` where serde would say "unit value": the input is JSON.
    #[cold]
    fn invalid_type(
        unexpected: serde::de::Unexpected<'_>,
        expected: &dyn serde::de::Expected,
    ) -> Self {
        match unexpected {
            serde::de::Unexpected::Unit => {
                Self::malformed(format!("invalid type: null, expected {expected}"))
            }
            other => Self::malformed(format!("invalid type: {other}, expected {expected}")),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::ser::Error for Error {
    #[cold]
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::malformed(message.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_distinct_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            let name = kind.as_str();
            assert!(seen.insert(name), "{name} repeated");
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert_eq!(kind.to_string(), name);
        }
        assert_eq!(seen.len(), 17);
    }
}
