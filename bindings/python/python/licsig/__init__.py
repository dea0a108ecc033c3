"""Offline verification of signed software licenses.

RFC 8785 (JCS) canonical JSON, JWS, AWS License Manager tokens and the vendor's
pinned public keys, in Rust (licsig, on ring) behind a Python API::

    keys = licsig.KeySet.from_pem(VENDOR_PUBLIC_KEY_PEM)
    verifier = licsig.Verifier(keys, node_id="100.20.15.10")
    license = verifier.verify(data, now=trusted_now)   # raises licsig.Error
    seats = license.entitlement("Seats").count()

Every refusal is a subclass of ``licsig.Error`` with ``.kind`` (a stable name such as
``"bad_signature"``) and ``.message``.
"""

from licsig._licsig import (
    AlgorithmNotAllowed,
    BadSignature,
    CertificateInvalid,
    Entitlement,
    Error,
    Expired,
    InvalidKey,
    KeyMismatch,
    KeyRevoked,
    KeySet,
    LicenseRevoked,
    LimitExceeded,
    Malformed,
    MissingEntitlement,
    MissingSignature,
    NodeMismatch,
    NodeUnbound,
    NotYetValid,
    UnknownKey,
    UnsupportedAlgorithm,
    VerifiedLicense,
    Verifier,
    __version__,
    canonicalize,
)

__all__ = [
    "AlgorithmNotAllowed",
    "BadSignature",
    "CertificateInvalid",
    "Entitlement",
    "Error",
    "Expired",
    "InvalidKey",
    "KeyMismatch",
    "KeyRevoked",
    "KeySet",
    "LicenseRevoked",
    "LimitExceeded",
    "Malformed",
    "MissingEntitlement",
    "MissingSignature",
    "NodeMismatch",
    "NodeUnbound",
    "NotYetValid",
    "UnknownKey",
    "UnsupportedAlgorithm",
    "VerifiedLicense",
    "Verifier",
    "__version__",
    "canonicalize",
]
