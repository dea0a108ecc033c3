//! The error object: a status and a message, made when a call fails and the caller
//! asked for it.

use core::ffi::c_char;

use crate::boundary::{guard, Fail};
use crate::status::licsig_status;
use crate::text::CText;

/// Why a call failed: its status and a message a person can act on. Made by a
/// failing call whose `err` argument is not NULL; freed with `licsig_error_free`.
pub struct licsig_error {
    status: licsig_status,
    message: CText,
}

impl From<Fail> for licsig_error {
    fn from(fail: Fail) -> Self {
        Self {
            status: fail.status,
            message: CText::new(&fail.message),
        }
    }
}

/// The status of the failed call that made `err`; `LICSIG_INVALID_ARGUMENT` when
/// `err` is NULL.
///
/// # Safety
///
/// `err` is NULL or an error object not yet freed.
#[no_mangle]
pub unsafe extern "C" fn licsig_error_status(err: *const licsig_error) -> licsig_status {
    guard(licsig_status::LICSIG_INTERNAL, || {
        // SAFETY: this function's contract.
        unsafe { err.as_ref() }.map_or(licsig_status::LICSIG_INVALID_ARGUMENT, |e| e.status)
    })
}

/// The message of `err`, NUL-terminated, owned by `err` and valid until it is freed.
/// When `len` is not NULL, `*len` is set to the message's length in bytes (without
/// the NUL). The message is for a person: its wording may change between versions,
/// the status does not. Never NULL: a NULL `err` gives a static message saying so.
///
/// # Safety
///
/// `err` is NULL or an error object not yet freed; `len` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn licsig_error_message(
    err: *const licsig_error,
    len: *mut usize,
) -> *const c_char {
    const NO_ERROR: &[u8] = b"no error object (NULL)\0";
    let fallback: *const c_char = NO_ERROR.as_ptr().cast();
    guard(fallback, || {
        // SAFETY: this function's contract.
        let (text, n) = match unsafe { err.as_ref() } {
            Some(e) => (e.message.as_ptr(), e.message.len()),
            None => (fallback, NO_ERROR.len().saturating_sub(1)),
        };
        if !len.is_null() {
            // SAFETY: a non-NULL `len` is valid for writes, by this function's
            // contract.
            unsafe { len.write(n) };
        }
        text
    })
}

/// Frees an error object. NULL is allowed and does nothing.
///
/// # Safety
///
/// `err` is NULL or an error object not yet freed; it must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn licsig_error_free(err: *mut licsig_error) {
    // SAFETY: this function's contract; error objects are made by `Box::into_raw`.
    unsafe { crate::boundary::free(err) }
}
