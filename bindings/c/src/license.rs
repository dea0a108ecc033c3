//! `licsig_license` and `licsig_entitlement`: what a verification returns.

use core::ffi::c_char;
use core::ptr;

use licsig_core::{Entitlement, VerifiedLicense};

use crate::boundary::{borrow, get_text, run, text, Fail, Out};
use crate::error::licsig_error;
use crate::status::licsig_status;
use crate::text::CText;

/// A license whose signature verified under a verifier's keys and policy: the only
/// license content this library hands out. Made by `licsig_verify` and
/// `licsig_verify_detached`; freed with `licsig_license_free`. Every text and
/// entitlement read from it is owned by it and valid until it is freed.
pub struct licsig_license {
    pub(crate) license: VerifiedLicense,
    form: CText,
    kid: CText,
    algorithm: CText,
    /// Every verified signature's algorithm and key id, in the license file's order.
    signatures: Box<[(CText, CText)]>,
    arn: CText,
    node_id: Option<CText>,
    consumption_token: Option<CText>,
    entitlements: Box<[licsig_entitlement]>,
}

/// One entitlement of a license (`name`, `unit`, `value`). Borrowed from its
/// license: never freed on its own, valid until the license is freed.
pub struct licsig_entitlement {
    entitlement: Entitlement,
    name: CText,
    unit: CText,
    value: Option<CText>,
}

impl licsig_license {
    /// The handle, with NUL-terminated copies of every text an accessor returns, made
    /// once so that accessors only read.
    pub(crate) fn new_handle(license: VerifiedLicense) -> *mut Self {
        let entitlements = license
            .entitlements()
            .iter()
            .map(|e| licsig_entitlement {
                entitlement: e.clone(),
                name: CText::new(e.name()),
                unit: CText::new(e.unit().as_str()),
                value: e.value().map(CText::new),
            })
            .collect();
        let handle = Self {
            form: CText::new(license.form().as_str()),
            kid: CText::new(license.kid()),
            algorithm: CText::new(license.algorithm().jose_name()),
            signatures: license
                .signatures()
                .map(|s| (CText::new(s.algorithm().jose_name()), CText::new(s.kid())))
                .collect(),
            arn: CText::new(license.license_arn()),
            node_id: license.node_id().map(CText::new),
            consumption_token: license.consumption_token().map(CText::new),
            entitlements,
            license,
        };
        Box::into_raw(Box::new(handle))
    }
}

/// The wire form the license arrived in: `"token"`, `"license_file"`, `"detached"`
/// or `"aws_checkout"`.
///
/// Text accessors (this one and those below) set `*text` to a NUL-terminated UTF-8
/// text owned by the license and, when `len` is not NULL, `*len` to its length in
/// bytes without the NUL. License texts may contain NUL bytes themselves (JSON
/// allows `\u0000`): compare with `len` where that matters. An absent value sets
/// `*text` to NULL and `*len` to 0, with `LICSIG_OK`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_form(
    license: *const licsig_license,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(license, "license", text, len, |l| Some(&l.form)) }
}

/// The key id of the key that verified the signature.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_kid(
    license: *const licsig_license,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(license, "license", text, len, |l| Some(&l.kid)) }
}

/// The signature algorithm's JOSE name (`"PS384"`, `"ES256"`, `"EdDSA"`, …).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_algorithm(
    license: *const licsig_license,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(license, "license", text, len, |l| Some(&l.algorithm)) }
}

/// The number of verified signatures in `*count`: 1 for a token or a detached
/// signature, and for a license file each signature by a trusted key (all of which
/// verified; see `licsig_verifier_require_families` for hybrid licenses).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_signature_count(
    license: *const licsig_license,
    count: *mut usize,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let count = unsafe { Out::new(count, "count", 0) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        count.set(license.signatures.len());
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// The verified signature at `index` (0 to count − 1, in the license file's order):
/// its algorithm's JOSE name in `*algorithm` and its key id in `*kid`, NUL-terminated
/// texts owned by the license (neither contains a NUL byte). Index 0 is the one
/// `licsig_license_kid` and `licsig_license_algorithm` report. An index out of range
/// is `LICSIG_INVALID_ARGUMENT`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_signature_at(
    license: *const licsig_license,
    index: usize,
    algorithm: *mut *const c_char,
    kid: *mut *const c_char,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let algorithm = unsafe { Out::new(algorithm, "algorithm", ptr::null()) }?;
        // SAFETY: the caller's contract.
        let kid = unsafe { Out::new(kid, "kid", ptr::null()) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        let (alg, id) = license.signatures.get(index).ok_or_else(|| {
            Fail::invalid(format!(
                "signature index {index} is out of range: the license has {}",
                license.signatures.len()
            ))
        })?;
        algorithm.set(alg.as_ptr());
        kid.set(id.as_ptr());
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// The license's id, its `licenseArn`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_arn(
    license: *const licsig_license,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(license, "license", text, len, |l| Some(&l.arn)) }
}

/// The node the license is locked to (`nodeId`); NULL when it is not node-locked.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_node_id(
    license: *const licsig_license,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(license, "license", text, len, |l| l.node_id.as_ref()) }
}

/// The `licenseConsumptionToken`; NULL when absent.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_consumption_token(
    license: *const licsig_license,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe {
        get_text(license, "license", text, len, |l| {
            l.consumption_token.as_ref()
        })
    }
}

/// When the license was issued (`issuedAt`), in `*unix_seconds` (seconds since
/// 1970-01-01T00:00:00Z, a fraction rounded down).
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_issued_at(
    license: *const licsig_license,
    unix_seconds: *mut i64,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(unix_seconds, "unix_seconds", 0) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        out.set(license.license.issued_at().unix_seconds());
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// When the license stops being valid: the earlier of `expiration` and the JWT claim
/// `exp`. `*present` is false for a perpetual license (and `*unix_seconds` 0);
/// otherwise true, with the time in `*unix_seconds` (a fraction rounded down). The
/// license is expired at or after this time plus the verifier's leeway.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_not_after(
    license: *const licsig_license,
    present: *mut bool,
    unix_seconds: *mut i64,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let present = unsafe { Out::new(present, "present", false) }?;
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(unix_seconds, "unix_seconds", 0) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        if let Some(end) = license.license.not_after() {
            present.set(true);
            out.set(end.unix_seconds());
        }
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// The license document's bytes exactly as signed (a token's payload, the RFC 8785
/// form of a license file's or detached document), owned by the license: for a
/// program that reads members this library does not. Not NUL-terminated.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_signed_document(
    license: *const licsig_license,
    data: *mut *const u8,
    len: *mut usize,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let data = unsafe { Out::new(data, "data", ptr::null()) }?;
        // SAFETY: the caller's contract.
        let len = unsafe { Out::new(len, "len", 0) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        let document = license.license.signed_document();
        data.set(document.as_ptr());
        len.set(document.len());
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// The number of entitlements (`entitlementsAllowed`), in `*count`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_entitlement_count(
    license: *const licsig_license,
    count: *mut usize,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let count = unsafe { Out::new(count, "count", 0) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        count.set(license.entitlements.len());
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// The entitlement at `index` (0 to count − 1, in document order), in `*out`,
/// borrowed from the license. An index out of range is `LICSIG_INVALID_ARGUMENT`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_entitlement_at(
    license: *const licsig_license,
    index: usize,
    out: *mut *const licsig_entitlement,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null()) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        let entitlement = license.entitlements.get(index).ok_or_else(|| {
            Fail::invalid(format!(
                "entitlement index {index} is out of range: the license has {}",
                license.entitlements.len()
            ))
        })?;
        out.set(entitlement);
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(ptr::null_mut(), body) }
}

/// The entitlement named exactly `name` (UTF-8, `len` bytes), in `*out`, borrowed
/// from the license; `LICSIG_MISSING_ENTITLEMENT` when there is none.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_entitlement(
    license: *const licsig_license,
    name: *const c_char,
    len: usize,
    out: *mut *const licsig_entitlement,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out", ptr::null()) }?;
        // SAFETY: the caller's contract.
        let license = unsafe { borrow(license, "license") }?;
        // SAFETY: the caller's contract.
        let name = unsafe { text(name, len, "name") }?;
        // The library's lookup (its rule, its error), then the handle made from the
        // same entitlement: the handles are in the library's order.
        let found = license.license.entitlement(name)?;
        let index = license
            .license
            .entitlements()
            .iter()
            .position(|e| ptr::eq(e, found));
        let entitlement = index
            .and_then(|i| license.entitlements.get(i))
            .ok_or_else(|| Fail::internal("an entitlement found has no handle"))?;
        out.set(entitlement);
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// The entitlement's name.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_entitlement_name(
    entitlement: *const licsig_entitlement,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(entitlement, "entitlement", text, len, |e| Some(&e.name)) }
}

/// The entitlement's unit as written: one of AWS's 27 names (`"Count"`, `"None"`,
/// `"Gigabytes"`, `"Count/Second"`, …) or another name, kept as written.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_entitlement_unit(
    entitlement: *const licsig_entitlement,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(entitlement, "entitlement", text, len, |e| Some(&e.unit)) }
}

/// The entitlement's value as written (AWS writes values as strings); NULL when it
/// has none.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_entitlement_value(
    entitlement: *const licsig_entitlement,
    text: *mut *const c_char,
    len: *mut usize,
) -> licsig_status {
    // SAFETY: the caller's contract.
    unsafe { get_text(entitlement, "entitlement", text, len, |e| e.value.as_ref()) }
}

/// The value as a whole number, in `*value`, for `Count` and the other numeric units:
/// ASCII digits without sign, spaces or leading zeros, at most 2^64 − 1. Any other
/// unit or shape (or no value) is `LICSIG_MALFORMED`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_entitlement_count(
    entitlement: *const licsig_entitlement,
    value: *mut u64,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let value = unsafe { Out::new(value, "value", 0) }?;
        // SAFETY: the caller's contract.
        let entitlement = unsafe { borrow(entitlement, "entitlement") }?;
        value.set(entitlement.entitlement.count()?);
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// The value as a boolean, in `*value`, for the unit `None`: exactly `"true"` or
/// `"false"`. Any other unit or value is `LICSIG_MALFORMED`.
///
/// # Safety
///
/// Pointers as the conventions at the top of this header say.
#[no_mangle]
pub unsafe extern "C" fn licsig_entitlement_boolean(
    entitlement: *const licsig_entitlement,
    value: *mut bool,
    err: *mut *mut licsig_error,
) -> licsig_status {
    let body = || {
        // SAFETY: the caller's contract.
        let value = unsafe { Out::new(value, "value", false) }?;
        // SAFETY: the caller's contract.
        let entitlement = unsafe { borrow(entitlement, "entitlement") }?;
        value.set(entitlement.entitlement.boolean()?);
        Ok(())
    };
    // SAFETY: the caller's contract.
    unsafe { run(err, body) }
}

/// Frees a license and everything borrowed from it (texts, entitlements). NULL is
/// allowed and does nothing.
///
/// # Safety
///
/// `license` is NULL or a license not yet freed; it must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn licsig_license_free(license: *mut licsig_license) {
    // SAFETY: the caller's contract; licenses are made by `Box::into_raw`.
    unsafe { crate::boundary::free(license) }
}
