//! `licsig_keyset`: the vendor's public keys, and revoked key and license ids.

use core::ffi::c_char;
use core::ptr;

use licsig_core::KeySet;

use crate::boundary::{borrow, borrow_mut, bytes, run, text, Out};
use crate::error::licsig_error;
use crate::status::licsig_status;

/// A set of trusted public keys (several, for rotation) with revoked key ids and
/// license ids. Made by `licsig_keyset_new`, `licsig_keyset_from_bytes` or
/// `licsig_keyset_from_jwks`; freed with `licsig_keyset_free`.
pub struct licsig_keyset {
    pub(crate) keys: KeySet,
}

fn new_handle(keys: KeySet) -> *mut licsig_keyset {
    Box::into_raw(Box::new(licsig_keyset { keys }))
}

/// Makes an empty key set in `*out` (add keys with `licsig_keyset_add`).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_new(out: *mut *mut licsig_keyset) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null_mut()) }?;
        out.set(new_handle(KeySet::new()));
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// Reads the keys in the `len` bytes at `data`, whatever their form: PEM (one or
/// several `PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE` blocks), DER, the base64
/// of DER that `aws kms get-public-key` prints, a JWK or a JWK Set. Every key is
/// validated now (RSA 2048 to 8192 bits, EC points on the curve, …). On success
/// `*out` is a new key set; otherwise `*out` is NULL.
///
/// Statuses: `LICSIG_INVALID_KEY`, `LICSIG_MALFORMED`, `LICSIG_LIMIT_EXCEEDED`
/// (over 1 MiB, or over the key count limit), `LICSIG_INVALID_ARGUMENT`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_from_bytes(
    data: *const u8,
    len: usize,
    out: *mut *mut licsig_keyset,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null_mut()) }?;
        // SAFETY: the caller's contract.
        let data = unsafe { bytes(data, len, "data") }?;
        out.set(new_handle(KeySet::from_bytes(data)?));
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Reads the keys of a JWK Set (`{"keys": [...]}`) only; anything else is refused.
/// As `licsig_keyset_from_bytes` otherwise.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_from_jwks(
    data: *const u8,
    len: usize,
    out: *mut *mut licsig_keyset,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null_mut()) }?;
        // SAFETY: the caller's contract.
        let data = unsafe { bytes(data, len, "data") }?;
        out.set(new_handle(KeySet::from_jwks(data)?));
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Adds the keys in the `len` bytes at `data` (any form `licsig_keyset_from_bytes`
/// reads) to `keys`: all of them, or none on failure (a key that does not load, a
/// key id already in the set: `LICSIG_INVALID_KEY`).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_add(
    keys: *mut licsig_keyset,
    data: *const u8,
    len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let keys = unsafe { borrow_mut(keys, "keys") }?;
        // SAFETY: the caller's contract.
        let data = unsafe { bytes(data, len, "data") }?;
        keys.keys.extend(KeySet::from_bytes(data)?)?;
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Makes the key whose id is `kid` known by the id `extra` too: a token whose header
/// names `extra` is verified with that key (AWS does not document its tokens' `kid`;
/// issuers write names of their own). `LICSIG_UNKNOWN_KEY` if no key has the id
/// `kid`, `LICSIG_INVALID_KEY` if `extra` is empty or names another key.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_add_kid(
    keys: *mut licsig_keyset,
    kid: *const c_char,
    kid_len: usize,
    extra: *const c_char,
    extra_len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let keys = unsafe { borrow_mut(keys, "keys") }?;
        // SAFETY: the caller's contract.
        let kid = unsafe { text(kid, kid_len, "kid") }?;
        // SAFETY: the caller's contract.
        let extra = unsafe { text(extra, extra_len, "extra") }?;
        keys.keys.add_kid(kid, extra)?;
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Revokes the key id `kid`: a signature by that key (under any of its ids) is then
/// refused with `LICSIG_KEY_REVOKED`, whether or not the key is in the set.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_revoke_key(
    keys: *mut licsig_keyset,
    kid: *const c_char,
    kid_len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let keys = unsafe { borrow_mut(keys, "keys") }?;
        // SAFETY: the caller's contract.
        let kid = unsafe { text(kid, kid_len, "kid") }?;
        keys.keys.revoke_key(kid);
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Revokes the license id `license_id` (a `licenseArn`): that license is then
/// refused with `LICSIG_LICENSE_REVOKED`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_revoke_license(
    keys: *mut licsig_keyset,
    license_id: *const c_char,
    license_id_len: usize,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let keys = unsafe { borrow_mut(keys, "keys") }?;
        // SAFETY: the caller's contract.
        let id = unsafe { text(license_id, license_id_len, "license_id") }?;
        keys.keys.revoke_license(id);
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// The number of keys in `keys`, in `*count`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_len(
    keys: *const licsig_keyset,
    count: *mut usize,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let count = unsafe { Out::new(count, "count", 0) }?;
        // SAFETY: the caller's contract.
        let keys = unsafe { borrow(keys, "keys") }?;
        count.set(keys.keys.len());
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// Frees a key set. NULL is allowed and does nothing. A verifier made from it keeps
/// its own copy and stays usable.
///
/// # Safety
///
/// `keys` is NULL or a key set not yet freed; it must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn licsig_keyset_free(keys: *mut licsig_keyset) {
    // SAFETY: the caller's contract; key sets are made by `Box::into_raw`.
    unsafe { crate::boundary::free(keys) }
}
