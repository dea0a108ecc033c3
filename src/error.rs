//! The one error type of the crate.

use core::fmt;
use std::borrow::Cow;

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
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 16] = [
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
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure, with its [`ErrorKind`] and a message a person can act on.
///
/// The message says what failed and, where that helps, how to resolve it. Its wording
/// is not part of the stable interface; the kind is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Cow<'static, str>,
}

impl Error {
    /// An error of `kind` with `message`. For code outside licsig that reports
    /// through licsig's error type, such as an `ExternalSigner` implementation
    /// (feature `sign`) whose KMS call failed: pick the kind that says what the
    /// caller should do.
    #[cold]
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    #[cold]
    pub(crate) fn malformed(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Malformed, message)
    }

    #[cold]
    pub(crate) fn limit(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::LimitExceeded, message)
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

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
        assert_eq!(seen.len(), 16);
    }
}
