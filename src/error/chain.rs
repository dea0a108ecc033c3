//! Why an `x5c` certificate path or a trust anchor was refused: which certificate
//! ([`Position`]) and why ([`Reason`]). Path validation itself is `crate::chain`.

use core::fmt;

use super::{Context, Error, ErrorKind};
use crate::time::Time;

/// Most certificates in a path, counting the trust anchor: a leaf, at most two
/// intermediates, and the anchor.
pub const MAX_PATH_LEN: usize = 4;

/// Most certificate signature checks one chain may cost.
pub const MAX_SIGNATURE_CHECKS: usize = 8;

/// Which certificate a [`ChainError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// `x5c[i]`: 0 is the leaf.
    X5c(usize),
    /// The `i`-th trust anchor, in the order loaded.
    Anchor(usize),
    /// The path as a whole.
    Path,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::X5c(0) => f.write_str("x5c[0] (the leaf)"),
            Self::X5c(i) => write!(f, "x5c[{i}]"),
            Self::Anchor(i) => write!(f, "trust anchor {i}"),
            Self::Path => f.write_str("the x5c chain"),
        }
    }
}

/// Why a certificate or a path was refused.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Not a DER X.509 certificate (x509-parser's or licsig's complaint).
    Malformed(String),
    /// Bytes after the certificate's DER.
    TrailingData(usize),
    /// Not a version 3 certificate.
    UnsupportedVersion(u32),
    /// A signature algorithm licsig does not accept (named, e.g. `sha1WithRSAEncryption`).
    UnsupportedSignatureAlgorithm(String),
    /// The `TBSCertificate`'s `signature` AlgorithmIdentifier differs from the outer
    /// `signatureAlgorithm`.
    SignatureAlgorithmMismatch,
    /// The subject public key is refused (too short, wrong curve…).
    KeyRefused(String),
    /// A critical extension licsig does not process (dotted OID).
    UnknownCriticalExtension(String),
    /// An extension appears twice, or basicConstraints/keyUsage do not parse.
    BadExtension(String),
    /// Not valid yet at `at`.
    NotYetValid {
        /// The certificate's notBefore.
        not_before: Time,
        /// The time it was checked at.
        at: Time,
    },
    /// Expired at `at`.
    Expired {
        /// The certificate's notAfter.
        not_after: Time,
        /// The time it was checked at.
        at: Time,
    },
    /// An issuer (or anchor) without basicConstraints cA.
    NotCa,
    /// The leaf is a CA certificate: a CA key must not sign licenses.
    CaUsedAsLeaf,
    /// An issuer's pathLenConstraint is smaller than the intermediates below it.
    PathLenExceeded {
        /// The issuer's pathLenConstraint.
        path_len: u32,
        /// Intermediates below it in this path.
        below: usize,
    },
    /// An issuer without keyUsage keyCertSign (or without keyUsage at all).
    MissingKeyCertSign,
    /// The leaf has keyUsage without digitalSignature.
    MissingDigitalSignature,
    /// The issuer's signature on this certificate did not verify (or its key type
    /// cannot make that signature).
    BadSignature,
    /// No anchor and no next `x5c` certificate has this certificate's issuer name.
    UnknownIssuer,
    /// A certificate repeats in the path.
    Loop,
    /// Longer than [`MAX_PATH_LEN`] with the anchor.
    PathTooLong,
    /// Would cost more than [`MAX_SIGNATURE_CHECKS`] signature checks.
    SignatureBudgetExceeded,
    /// `x5c` has certificates after the one the anchor issued (other than a copy of the
    /// anchor).
    UnusedCertificates(usize),
    /// A trust anchor that is not self-issued and self-signed.
    NotSelfSigned,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(why) => write!(f, "is not a valid DER X.509 certificate: {why}"),
            Self::TrailingData(n) => write!(f, "has {n} trailing byte(s) after its DER"),
            Self::UnsupportedVersion(v) => {
                write!(f, "is an X.509 v{} certificate; licsig accepts v3 only", v + 1)
            }
            Self::UnsupportedSignatureAlgorithm(name) => {
                write!(f, "is signed with {name}, which licsig does not accept")
            }
            Self::SignatureAlgorithmMismatch => f.write_str(
                "names a different signature algorithm inside its TBSCertificate than outside it",
            ),
            Self::KeyRefused(why) => write!(f, "has a public key licsig refuses: {why}"),
            Self::UnknownCriticalExtension(oid) => {
                write!(f, "has a critical extension licsig does not process ({oid})")
            }
            Self::BadExtension(why) => write!(f, "has a bad extension: {why}"),
            Self::NotYetValid { not_before, at } => {
                write!(f, "is not valid until {not_before} (checked at {at})")
            }
            Self::Expired { not_after, at } => {
                write!(f, "expired at {not_after} (checked at {at})")
            }
            Self::NotCa => f.write_str("issues certificates but is not a CA (basicConstraints cA)"),
            Self::CaUsedAsLeaf => {
                f.write_str("is a CA certificate; a license must be signed by an end-entity key")
            }
            Self::PathLenExceeded { path_len, below } => write!(
                f,
                "allows {path_len} intermediate(s) below it (pathLenConstraint) and this path has {below}"
            ),
            Self::MissingKeyCertSign => f.write_str(
                "issues certificates but its keyUsage lacks keyCertSign (or it has no keyUsage)",
            ),
            Self::MissingDigitalSignature => {
                f.write_str("has a keyUsage without digitalSignature, so it cannot sign licenses")
            }
            Self::BadSignature => f.write_str("has a signature its issuer's key does not verify"),
            Self::UnknownIssuer => f.write_str(
                "is issued by no trust anchor and by no next certificate in x5c (issuer name)",
            ),
            Self::Loop => f.write_str("appears twice in the path (a loop)"),
            Self::PathTooLong => write!(
                f,
                "is longer than {MAX_PATH_LEN} certificates with the trust anchor"
            ),
            Self::SignatureBudgetExceeded => write!(
                f,
                "needs more than {MAX_SIGNATURE_CHECKS} certificate signature checks"
            ),
            Self::UnusedCertificates(n) => write!(
                f,
                "has {n} certificate(s) after the path to the trust anchor; x5c must hold the \
                 path only (optionally ending with the anchor itself)"
            ),
            Self::NotSelfSigned => f.write_str("is not self-issued and self-signed"),
        }
    }
}

/// A refused certificate path or trust anchor: which certificate, and why.
/// Converts into an [`Error`] of kind [`ErrorKind::CertificateInvalid`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainError {
    position: Position,
    reason: Reason,
}

impl ChainError {
    pub(crate) fn new(position: Position, reason: Reason) -> Self {
        Self { position, reason }
    }

    /// Which certificate.
    pub fn position(&self) -> Position {
        self.position
    }

    /// Why.
    pub fn reason(&self) -> &Reason {
        &self.reason
    }
}

impl fmt::Display for ChainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.position, self.reason)
    }
}

impl std::error::Error for ChainError {}

impl From<ChainError> for Error {
    fn from(e: ChainError) -> Self {
        let message = format!("certificate chain: {e}");
        Error::with(
            ErrorKind::CertificateInvalid,
            Context::Certificate(e),
            message,
        )
    }
}
