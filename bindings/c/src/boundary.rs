//! The boundary: every exported function runs its body through [`run`] (or
//! [`guard`]), so that no panic crosses into C, and reads its arguments through the
//! checked readers here, so that a NULL pointer or a bad length is a status, not
//! undefined behaviour.

use core::ffi::c_char;
use core::ptr::NonNull;
use std::any::Any;
use std::borrow::Cow;
use std::panic::{self, AssertUnwindSafe};

use crate::error::licsig_error;
use crate::status::licsig_status::{self, *};
use crate::text::CText;

/// A failure on its way to C: the status and the message of the error object.
#[derive(Debug)]
pub(crate) struct Fail {
    pub(crate) status: licsig_status,
    pub(crate) message: Cow<'static, str>,
}

impl Fail {
    pub(crate) fn invalid(message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            status: LICSIG_INVALID_ARGUMENT,
            message: message.into(),
        }
    }

    pub(crate) fn internal(what: &str) -> Self {
        Self {
            status: LICSIG_INTERNAL,
            message: format!("internal error in licsig (a bug, please report it): {what}").into(),
        }
    }

    fn null(name: &str) -> Self {
        Self::invalid(format!("argument `{name}` is NULL"))
    }

    fn panic(payload: &(dyn Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic without a message");
        Self::internal(what)
    }
}

impl From<licsig_core::Error> for Fail {
    fn from(error: licsig_core::Error) -> Self {
        let status = licsig_status::of(error.kind());
        let message = if status == LICSIG_INTERNAL {
            format!(
                "error kind {} has no status number in this build of the C binding: {}",
                error.kind(),
                error.message()
            )
        } else {
            error.message().to_owned()
        };
        Self {
            status,
            message: message.into(),
        }
    }
}

/// Runs `f`, and returns `fallback` if it panics.
pub(crate) fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Runs the body of a function that returns a status: `LICSIG_OK` when `body`
/// succeeds; otherwise the failure's status, and, when `err` is not NULL, a new
/// error object in `*err`. A panic in `body` is `LICSIG_INTERNAL`.
///
/// `*err` must be NULL on entry, so that an earlier error is neither overwritten
/// (leaked) nor freed behind the caller's back; otherwise nothing runs and the
/// status is `LICSIG_INVALID_ARGUMENT`.
///
/// # Safety
///
/// `err` is NULL or valid for reads and writes of one pointer.
pub(crate) unsafe fn run(
    err: *mut *mut licsig_error,
    body: impl FnOnce() -> Result<(), Fail>,
) -> licsig_status {
    guard(LICSIG_INTERNAL, || {
        let slot = NonNull::new(err);
        if let Some(slot) = slot {
            // SAFETY: a non-NULL `err` is valid for reads, by this function's contract.
            if !unsafe { slot.as_ptr().read() }.is_null() {
                return LICSIG_INVALID_ARGUMENT;
            }
        }
        let outcome = panic::catch_unwind(AssertUnwindSafe(body))
            .unwrap_or_else(|payload| Err(Fail::panic(&*payload)));
        match outcome {
            Ok(()) => LICSIG_OK,
            Err(fail) => {
                let status = fail.status;
                if let Some(slot) = slot {
                    let error = Box::into_raw(Box::new(licsig_error::from(fail)));
                    // SAFETY: a non-NULL `err` is valid for writes, by this function's
                    // contract.
                    unsafe { slot.as_ptr().write(error) };
                }
                status
            }
        }
    })
}

/// An output argument: checked for NULL and set to a defined value (NULL, 0, false)
/// before anything else can fail, so that the caller never reads an unset output.
pub(crate) struct Out<T: Copy>(NonNull<T>);

impl<T: Copy> Out<T> {
    /// # Safety
    ///
    /// `p` is NULL or valid for writes of a `T` until this function's caller returns.
    pub(crate) unsafe fn new(p: *mut T, name: &str, initial: T) -> Result<Self, Fail> {
        let out = Self(NonNull::new(p).ok_or_else(|| Fail::null(name))?);
        out.set(initial);
        Ok(out)
    }

    /// Like [`Out::new`], for an output the caller may leave out (NULL).
    ///
    /// # Safety
    ///
    /// As for [`Out::new`].
    pub(crate) unsafe fn optional(p: *mut T, initial: T) -> Option<Self> {
        let out = Self(NonNull::new(p)?);
        out.set(initial);
        Some(out)
    }

    pub(crate) fn set(&self, value: T) {
        // SAFETY: the pointer is not NULL and is valid for writes, by the contract of
        // the constructor; `T: Copy` has no destructor to skip.
        unsafe { self.0.as_ptr().write(value) }
    }
}

/// The body of a text accessor: `*text` and, if the caller asked (`len` not NULL),
/// `*len`, from `pick` on the handle (the argument called `name`). An absent value (`None`) is NULL and 0.
///
/// # Safety
///
/// `handle` is NULL or points to a live `H` that nothing mutates during the call;
/// `text` and `len` are each NULL or valid for writes.
pub(crate) unsafe fn get_text<H>(
    handle: *const H,
    name: &str,
    text: *mut *const c_char,
    len: *mut usize,
    pick: impl FnOnce(&H) -> Option<&CText>,
) -> licsig_status {
    let body = || {
        // SAFETY: this function's contract.
        let text_out = unsafe { Out::new(text, "text", core::ptr::null()) }?;
        // SAFETY: this function's contract.
        let len_out = unsafe { Out::optional(len, 0) };
        // SAFETY: this function's contract.
        let handle = unsafe { borrow(handle, name) }?;
        if let Some(value) = pick(handle) {
            text_out.set(value.as_ptr());
            if let Some(len_out) = len_out {
                len_out.set(value.len());
            }
        }
        Ok(())
    };
    // SAFETY: no error object is asked for.
    unsafe { run(core::ptr::null_mut(), body) }
}

/// The handle behind `p`, borrowed for the call.
///
/// # Safety
///
/// `p` is NULL or points to a live `T` that nothing mutates during the call.
pub(crate) unsafe fn borrow<'a, T>(p: *const T, name: &str) -> Result<&'a T, Fail> {
    // SAFETY: this function's contract.
    unsafe { p.as_ref() }.ok_or_else(|| Fail::null(name))
}

/// The handle behind `p`, borrowed mutably for the call.
///
/// # Safety
///
/// `p` is NULL or points to a live `T` that nothing else reads or writes during the
/// call.
pub(crate) unsafe fn borrow_mut<'a, T>(p: *mut T, name: &str) -> Result<&'a mut T, Fail> {
    // SAFETY: this function's contract.
    unsafe { p.as_mut() }.ok_or_else(|| Fail::null(name))
}

/// The `len` bytes at `data`. `data` may be NULL only when `len` is 0.
///
/// # Safety
///
/// `data` is NULL or valid for reads of `len` bytes that nothing writes during the
/// call.
pub(crate) unsafe fn bytes<'a>(data: *const u8, len: usize, name: &str) -> Result<&'a [u8], Fail> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(Fail::invalid(format!(
            "argument `{name}` is NULL with a length of {len}"
        )));
    }
    if isize::try_from(len).is_err() {
        return Err(Fail::invalid(format!(
            "argument `{name}` has a length of {len}, over the largest object size"
        )));
    }
    // SAFETY: `data` is not NULL, `len` is within `isize::MAX`, and the bytes are
    // readable and unchanged during the call by this function's contract.
    Ok(unsafe { core::slice::from_raw_parts(data, len) })
}

/// The UTF-8 text of `len` bytes at `data`. `data` may be NULL only when `len` is 0.
///
/// # Safety
///
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(
    data: *const c_char,
    len: usize,
    name: &str,
) -> Result<&'a str, Fail> {
    // SAFETY: this function's contract.
    let bytes = unsafe { bytes(data.cast(), len, name) }?;
    core::str::from_utf8(bytes).map_err(|e| {
        Fail::invalid(format!(
            "argument `{name}` is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })
}

/// Frees a handle made by `Box::into_raw`; NULL is allowed and does nothing.
///
/// # Safety
///
/// `p` is NULL or a pointer this library returned as a `T` handle and that has not
/// been freed.
pub(crate) unsafe fn free<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: this function's contract: `p` came from `Box::into_raw` and is freed
        // once.
        let boxed = unsafe { Box::from_raw(p) };
        guard((), || drop(boxed));
    }
}
