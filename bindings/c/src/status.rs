//! The status every function returns, and its stable numbers.

use core::ffi::c_char;

use licsig_core::ErrorKind;

/// What a call did: `LICSIG_OK` (0), one of licsig's error kinds (1 to 17, each
/// named after the kind's snake_case name, which the `licsig` command prints), or one
/// of this binding's own codes (100 and up).
///
/// The numbers are stable: a number never changes meaning and is never reused. A
/// later version may add kinds (18 and up) or binding codes (102 and up), so treat
/// any status you do not know as a failure.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum licsig_status {
    /// Success.
    LICSIG_OK = 0,
    /// `malformed`: bad JSON, bad base64url, a bad header, an unrecognised form, a
    /// license document of the wrong shape, an entitlement value of the wrong shape.
    LICSIG_MALFORMED = 1,
    /// `limit_exceeded`: the input is larger or deeper than the limits allow.
    LICSIG_LIMIT_EXCEEDED = 2,
    /// `unsupported_algorithm`: an algorithm licsig does not implement (ES512, HMAC,
    /// `none`, an unknown name).
    LICSIG_UNSUPPORTED_ALGORITHM = 3,
    /// `algorithm_not_allowed`: implemented, but not on the verifier's allow-list.
    LICSIG_ALGORITHM_NOT_ALLOWED = 4,
    /// `invalid_key`: a public key was refused when it was loaded.
    LICSIG_INVALID_KEY = 5,
    /// `key_mismatch`: the key's type or declared algorithm does not fit the
    /// signature's algorithm.
    LICSIG_KEY_MISMATCH = 6,
    /// `unknown_key`: no trusted key matches the signature.
    LICSIG_UNKNOWN_KEY = 7,
    /// `key_revoked`: the signing key is revoked or outside its validity window.
    LICSIG_KEY_REVOKED = 8,
    /// `bad_signature`: the signature did not verify.
    LICSIG_BAD_SIGNATURE = 9,
    /// `certificate_invalid`: a certificate chain did not validate.
    LICSIG_CERTIFICATE_INVALID = 10,
    /// `expired`: the license has expired at the given time.
    LICSIG_EXPIRED = 11,
    /// `not_yet_valid`: the license is not valid yet at the given time.
    LICSIG_NOT_YET_VALID = 12,
    /// `node_mismatch`: the license is locked to another node.
    LICSIG_NODE_MISMATCH = 13,
    /// `node_unbound`: the license is node-locked and the verifier was not given
    /// this machine's node id.
    LICSIG_NODE_UNBOUND = 14,
    /// `missing_entitlement`: a required or requested entitlement is absent.
    LICSIG_MISSING_ENTITLEMENT = 15,
    /// `license_revoked`: the license id is revoked.
    LICSIG_LICENSE_REVOKED = 16,
    /// `missing_signature`: the verifier requires signatures by keys of several
    /// families (a hybrid policy) and one of them is not on the license.
    LICSIG_MISSING_SIGNATURE = 17,
    /// `invalid_argument`: the caller broke a rule of the call: a NULL pointer where
    /// one is required, text that is not UTF-8, an index out of range, a time outside
    /// the years 1 to 9999, `*err` not NULL on entry. Nothing was done.
    LICSIG_INVALID_ARGUMENT = 100,
    /// `internal`: a bug in licsig (a panic, caught at the boundary) or an error kind
    /// this binding does not know. Nothing was returned; please report it.
    LICSIG_INTERNAL = 101,
}

use licsig_status::*;

/// Every status, in order of number.
#[cfg(test)]
pub(crate) const ALL: [licsig_status; 20] = [
    LICSIG_OK,
    LICSIG_MALFORMED,
    LICSIG_LIMIT_EXCEEDED,
    LICSIG_UNSUPPORTED_ALGORITHM,
    LICSIG_ALGORITHM_NOT_ALLOWED,
    LICSIG_INVALID_KEY,
    LICSIG_KEY_MISMATCH,
    LICSIG_UNKNOWN_KEY,
    LICSIG_KEY_REVOKED,
    LICSIG_BAD_SIGNATURE,
    LICSIG_CERTIFICATE_INVALID,
    LICSIG_EXPIRED,
    LICSIG_NOT_YET_VALID,
    LICSIG_NODE_MISMATCH,
    LICSIG_NODE_UNBOUND,
    LICSIG_MISSING_ENTITLEMENT,
    LICSIG_LICENSE_REVOKED,
    LICSIG_MISSING_SIGNATURE,
    LICSIG_INVALID_ARGUMENT,
    LICSIG_INTERNAL,
];

impl licsig_status {
    /// The status of an error of this kind. A kind added to licsig after this
    /// binding was written is reported as internal (still a failure) until it gets
    /// its number here; a unit test fails when `ErrorKind::ALL` grows.
    pub(crate) fn of(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Malformed => LICSIG_MALFORMED,
            ErrorKind::LimitExceeded => LICSIG_LIMIT_EXCEEDED,
            ErrorKind::UnsupportedAlgorithm => LICSIG_UNSUPPORTED_ALGORITHM,
            ErrorKind::AlgorithmNotAllowed => LICSIG_ALGORITHM_NOT_ALLOWED,
            ErrorKind::InvalidKey => LICSIG_INVALID_KEY,
            ErrorKind::KeyMismatch => LICSIG_KEY_MISMATCH,
            ErrorKind::UnknownKey => LICSIG_UNKNOWN_KEY,
            ErrorKind::KeyRevoked => LICSIG_KEY_REVOKED,
            ErrorKind::BadSignature => LICSIG_BAD_SIGNATURE,
            ErrorKind::CertificateInvalid => LICSIG_CERTIFICATE_INVALID,
            ErrorKind::Expired => LICSIG_EXPIRED,
            ErrorKind::NotYetValid => LICSIG_NOT_YET_VALID,
            ErrorKind::NodeMismatch => LICSIG_NODE_MISMATCH,
            ErrorKind::NodeUnbound => LICSIG_NODE_UNBOUND,
            ErrorKind::MissingEntitlement => LICSIG_MISSING_ENTITLEMENT,
            ErrorKind::LicenseRevoked => LICSIG_LICENSE_REVOKED,
            ErrorKind::MissingSignature => LICSIG_MISSING_SIGNATURE,
            _ => LICSIG_INTERNAL,
        }
    }

    /// The stable name, NUL-terminated: the error kind's snake_case name, or `ok`,
    /// `invalid_argument`, `internal`.
    fn name(self) -> &'static [u8] {
        match self {
            LICSIG_OK => b"ok\0",
            LICSIG_MALFORMED => b"malformed\0",
            LICSIG_LIMIT_EXCEEDED => b"limit_exceeded\0",
            LICSIG_UNSUPPORTED_ALGORITHM => b"unsupported_algorithm\0",
            LICSIG_ALGORITHM_NOT_ALLOWED => b"algorithm_not_allowed\0",
            LICSIG_INVALID_KEY => b"invalid_key\0",
            LICSIG_KEY_MISMATCH => b"key_mismatch\0",
            LICSIG_UNKNOWN_KEY => b"unknown_key\0",
            LICSIG_KEY_REVOKED => b"key_revoked\0",
            LICSIG_BAD_SIGNATURE => b"bad_signature\0",
            LICSIG_CERTIFICATE_INVALID => b"certificate_invalid\0",
            LICSIG_EXPIRED => b"expired\0",
            LICSIG_NOT_YET_VALID => b"not_yet_valid\0",
            LICSIG_NODE_MISMATCH => b"node_mismatch\0",
            LICSIG_NODE_UNBOUND => b"node_unbound\0",
            LICSIG_MISSING_ENTITLEMENT => b"missing_entitlement\0",
            LICSIG_LICENSE_REVOKED => b"license_revoked\0",
            LICSIG_MISSING_SIGNATURE => b"missing_signature\0",
            LICSIG_INVALID_ARGUMENT => b"invalid_argument\0",
            LICSIG_INTERNAL => b"internal\0",
        }
    }

    /// The status with this number, if there is one. The caller's number is an
    /// integer, never read as the enum directly: a C enum may hold any int, a Rust
    /// enum only its variants.
    fn from_number(number: i32) -> Option<Self> {
        Some(match number {
            0 => LICSIG_OK,
            1 => LICSIG_MALFORMED,
            2 => LICSIG_LIMIT_EXCEEDED,
            3 => LICSIG_UNSUPPORTED_ALGORITHM,
            4 => LICSIG_ALGORITHM_NOT_ALLOWED,
            5 => LICSIG_INVALID_KEY,
            6 => LICSIG_KEY_MISMATCH,
            7 => LICSIG_UNKNOWN_KEY,
            8 => LICSIG_KEY_REVOKED,
            9 => LICSIG_BAD_SIGNATURE,
            10 => LICSIG_CERTIFICATE_INVALID,
            11 => LICSIG_EXPIRED,
            12 => LICSIG_NOT_YET_VALID,
            13 => LICSIG_NODE_MISMATCH,
            14 => LICSIG_NODE_UNBOUND,
            15 => LICSIG_MISSING_ENTITLEMENT,
            16 => LICSIG_LICENSE_REVOKED,
            17 => LICSIG_MISSING_SIGNATURE,
            100 => LICSIG_INVALID_ARGUMENT,
            101 => LICSIG_INTERNAL,
            _ => return None,
        })
    }
}

/// The stable name of a status number, as a static NUL-terminated string: `"ok"`,
/// the error kind's snake_case name (`"bad_signature"`, the same as the `licsig`
/// command prints), `"invalid_argument"`, `"internal"`, or `"unknown_status"` for a
/// number that is not a status. Never NULL; never to be freed.
#[no_mangle]
pub extern "C" fn licsig_status_name(status: i32) -> *const c_char {
    const UNKNOWN: &[u8] = b"unknown_status\0";
    let name = crate::boundary::guard(UNKNOWN, || {
        licsig_status::from_number(status).map_or(UNKNOWN, licsig_status::name)
    });
    name.as_ptr().cast()
}
