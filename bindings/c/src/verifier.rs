//! `licsig_verifier`: a policy over a copy of a key set, and the verification calls.

use core::ffi::c_char;
use core::ptr;

use licsig_core::{Algorithm, AlgorithmSet, Family, Time, Verifier};

use crate::boundary::{borrow, borrow_mut, bytes, run, text, Fail, Out};
use crate::error::licsig_error;
use crate::keyset::licsig_keyset;
use crate::license::licsig_license;
use crate::status::licsig_status;

/// A verifier: trusted keys and a policy (node id, required entitlements, leeway,
/// allowed algorithms, strict key ids, trust anchors for `x5c`). Made by `licsig_verifier_new`; freed with
/// `licsig_verifier_free`.
pub struct licsig_verifier {
    verifier: Verifier,
}

impl licsig_verifier {
    /// Applies a builder step. The step works on a copy, so that the verifier is
    /// unchanged if it panics.
    fn update(
        &mut self,
        step: impl FnOnce(Verifier) -> Result<Verifier, Fail>,
    ) -> Result<(), Fail> {
        self.verifier = step(self.verifier.clone())?;
        Ok(())
    }
}

/// The time `now_unix` seconds after the Unix epoch.
fn time(now_unix: i64) -> Result<Time, Fail> {
    Time::from_unix(now_unix).ok_or_else(|| {
        Fail::invalid(format!(
            "time {now_unix} (seconds since 1970) is outside the years 1 to 9999"
        ))
    })
}

/// Makes a verifier in `*out` that trusts a copy of `keys`, with the default policy:
/// strict and fail-closed — every algorithm licsig implements (all asymmetric),
/// a leeway of 60 seconds, no node id (so a node-locked license is refused with
/// `LICSIG_NODE_UNBOUND` until `licsig_verifier_set_node_id`), no required
/// entitlement, inputs up to 1 MiB.
///
/// The verifier copies the key set: `keys` may be freed at once, and later changes to
/// it do not reach the verifier.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_new(
    keys: *const licsig_keyset,
    out: *mut *mut licsig_verifier,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null_mut()) }?;
        // SAFETY: the caller's contract.
        let keys = unsafe { borrow(keys, "keys") }?;
        let verifier = Verifier::new(keys.keys.clone());
        out.set(Box::into_raw(Box::new(licsig_verifier { verifier })));
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Sets this machine's node id (UTF-8, `len` bytes): a license locked to another node
/// is refused with `LICSIG_NODE_MISMATCH`. Replaces an earlier node id.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_set_node_id(
    verifier: *mut licsig_verifier,
    node_id: *const c_char,
    len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let node_id = unsafe { text(node_id, len, "node_id") }?;
        verifier.update(|v| Ok(v.node_id(node_id)))
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Refuses licenses without the entitlement `name` (UTF-8, `len` bytes, compared
/// exactly) with `LICSIG_MISSING_ENTITLEMENT`. Each call adds one name.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_require_entitlement(
    verifier: *mut licsig_verifier,
    name: *const c_char,
    len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let name = unsafe { text(name, len, "name") }?;
        verifier.update(|v| Ok(v.require_entitlement(name)))
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Requires a verified signature by a trusted key of each family named in `names`
/// (`len` bytes): `rsa`, `ecdsa`, `eddsa` or `ml-dsa`, separated by commas, e.g.
/// `"rsa,ml-dsa"` for a hybrid license file signed by an RSA key and an ML-DSA key.
/// A license without one of them is refused with `LICSIG_MISSING_SIGNATURE`. Each
/// call adds families. An unknown or empty name is `LICSIG_INVALID_ARGUMENT`; on
/// failure nothing is added.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_require_families(
    verifier: *mut licsig_verifier,
    names: *const c_char,
    len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let names = unsafe { text(names, len, "names") }?;
        let families = names
            .split(',')
            .map(|name| {
                Family::from_name(name).ok_or_else(|| {
                    Fail::invalid(format!(
                        "argument `names` ({names:?}) holds {name:?}, which is not rsa, \
                         ecdsa, eddsa or ml-dsa"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        verifier.update(|v| Ok(families.into_iter().fold(v, Verifier::require_family)))
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Allows only the algorithms named in `names` (`len` bytes): JOSE or AWS KMS names
/// separated by commas, e.g. `"PS384"` (what AWS License Manager signs with) or
/// `"PS256,RSASSA_PSS_SHA_384"`. Replaces the allow-list; a signature with another
/// algorithm is then refused with `LICSIG_ALGORITHM_NOT_ALLOWED`. An unknown name is
/// `LICSIG_UNSUPPORTED_ALGORITHM`, an empty list or name `LICSIG_INVALID_ARGUMENT`;
/// on failure the allow-list is unchanged.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_allow_algorithms(
    verifier: *mut licsig_verifier,
    names: *const c_char,
    len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let names = unsafe { text(names, len, "names") }?;
        let mut set = AlgorithmSet::EMPTY;
        for name in names.split(',') {
            if name.is_empty() {
                return Err(Fail::invalid(format!(
                    "argument `names` ({names:?}) holds an empty algorithm name"
                )));
            }
            set = set.with(Algorithm::from_name(name).map_err(licsig_core::Error::from)?);
        }
        verifier.update(|v| Ok(v.allow_algorithms(set)))
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Trusts the vendor root certificates in the `len` bytes at `data` (PEM, one or
/// several certificates, or one DER certificate) as anchors for `x5c` chains: a
/// signature whose protected header carries `x5c` is then verified with the chain's
/// leaf key, and only if the chain validates to one of these anchors
/// (`LICSIG_CERTIFICATE_INVALID` with the reason otherwise). Without anchors `x5c`
/// is ignored. Each call adds anchors; on failure none are added.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_add_trust_anchors(
    verifier: *mut licsig_verifier,
    data: *const u8,
    len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let data = unsafe { bytes(data, len, "data") }?;
        verifier.update(|v| Ok(v.with_ca(data)?))
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Sets the leeway for time checks, in seconds (default 60).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_set_leeway(
    verifier: *mut licsig_verifier,
    seconds: u32,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        verifier.update(|v| Ok(v.leeway(seconds)))
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// Whether a compact token's `kid` must name a trusted key (default: false). When
/// false, a token whose `kid` names no trusted key is tried with the trusted keys
/// that fit its algorithm, and accepted only if one verifies it; when true it is
/// refused with `LICSIG_UNKNOWN_KEY` (see `licsig_keyset_add_kid`).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_set_strict_kid(
    verifier: *mut licsig_verifier,
    strict: bool,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow_mut(verifier, "verifier") }?;
        verifier.update(|v| Ok(v.strict_kid(strict)))
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// Verifies the license in the `len` bytes at `data` — a compact JWS token (AWS
/// License Manager's `SignedToken`), a license file, or an AWS CheckoutLicense
/// response, detected from the bytes — at the time `now_unix` (seconds since
/// 1970-01-01T00:00:00Z; pass `time(NULL)` or, better, a time you trust: the
/// license holder controls the machine's clock).
///
/// On success `*out` is a new verified license; otherwise `*out` is NULL and the
/// status says why (`LICSIG_BAD_SIGNATURE`, `LICSIG_EXPIRED`, …). The checks run in
/// licsig's fixed order and the first failure wins. A bare license document is
/// refused as `LICSIG_MALFORMED`: its signature is detached, see
/// `licsig_verify_detached`.
///
/// `verifier` is only read: several threads may verify with one verifier at once.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verify(
    verifier: *const licsig_verifier,
    data: *const u8,
    len: usize,
    now_unix: i64,
    out: *mut *mut licsig_license,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null_mut()) }?;
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let data = unsafe { bytes(data, len, "data") }?;
        let license = verifier.verifier.verify(data, time(now_unix)?)?;
        out.set(licsig_license::new_handle(license));
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Verifies a license document (`document`, `document_len` bytes: JSON, any
/// whitespace and member order) with a detached signature over its RFC 8785
/// canonical form, as AWS KMS `Sign` (message type RAW) returns it: `signature` is
/// the raw bytes or their base64 text as the AWS CLI prints it (ECDSA in DER).
/// `alg` names the algorithm (JOSE or KMS name, e.g. `"PS256"` or
/// `"RSASSA_PSS_SHA_256"`). `kid` names the key; NULL (with `kid_len` 0) tries the
/// trusted keys that fit `alg`. Otherwise as `licsig_verify`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verify_detached(
    verifier: *const licsig_verifier,
    document: *const u8,
    document_len: usize,
    signature: *const u8,
    signature_len: usize,
    alg: *const c_char,
    alg_len: usize,
    kid: *const c_char,
    kid_len: usize,
    now_unix: i64,
    out: *mut *mut licsig_license,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null_mut()) }?;
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let document = unsafe { bytes(document, document_len, "document") }?;
        // SAFETY: the caller's contract.
        let signature = unsafe { bytes(signature, signature_len, "signature") }?;
        // SAFETY: the caller's contract.
        let alg = unsafe { text(alg, alg_len, "alg") }?;
        // NULL means no key id; an empty text would be a key id that names no key.
        let kid = if kid.is_null() && kid_len == 0 {
            None
        } else {
            // SAFETY: the caller's contract.
            Some(unsafe { text(kid, kid_len, "kid") }?)
        };
        let alg = Algorithm::from_name(alg).map_err(licsig_core::Error::from)?;
        let license =
            verifier
                .verifier
                .verify_detached(document, signature, alg, kid, time(now_unix)?)?;
        out.set(licsig_license::new_handle(license));
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Checks a license verified earlier against a later time `now_unix`, without
/// verifying its signature again: expiry and not-before only, with this verifier's
/// leeway (`LICSIG_OK`, `LICSIG_EXPIRED` or `LICSIG_NOT_YET_VALID`). For a
/// long-running program that keeps a license in memory and asks, say once an hour,
/// whether it still holds.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_recheck(
    verifier: *const licsig_verifier,
    license: *const licsig_license,
    now_unix: i64,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let verifier = unsafe { borrow(verifier, "verifier") }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        verifier
            .verifier
            .recheck(&license.license, time(now_unix)?)?;
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Frees a verifier. NULL is allowed and does nothing. Licenses it verified stay
/// valid.
///
/// # Safety
///
/// `verifier` is NULL or a verifier not yet freed; it must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn licsig_verifier_free(verifier: *mut licsig_verifier) {
    // SAFETY: the caller's contract; verifiers are made by `Box::into_raw`.
    unsafe { crate::boundary::free(verifier) }
}
