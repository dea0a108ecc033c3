//! The C ABI of licsig: `liblicsig.so` / `liblicsig.a` and `include/licsig.h`.
//!
//! Every exported function is `extern "C"`, returns a `licsig_status` (or a value that
//! cannot fail), checks every pointer it is given, and runs its body under
//! `catch_unwind` so that no panic crosses into C. The conventions C callers rely on
//! (errors, ownership, strings, threads) are written once, at the top of the header
//! (`cbindgen.toml`'s `header`), and in `README.md`.
//!
//! `unsafe` is confined to reading the caller's pointers (`boundary.rs`) and to
//! handing handles back and forth with `Box::into_raw`/`Box::from_raw`; each block
//! says why it holds.

#![deny(unsafe_op_in_unsafe_fn)]
// The exported names are C's, as the header spells them.
#![allow(non_camel_case_types)]

mod boundary;
mod text;

// In this order in the header: statuses and errors, then key set, verifier, license.
mod status;

mod error;

mod keyset;

mod verifier;

mod license;

#[cfg(test)]
mod tests;

use core::ffi::c_char;

pub use error::{licsig_error, licsig_error_free, licsig_error_message, licsig_error_status};
pub use keyset::licsig_keyset;
pub use license::{licsig_entitlement, licsig_license};
pub use status::{licsig_status, licsig_status_name};
pub use verifier::licsig_verifier;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The version of licsig this library is, as a static NUL-terminated string
/// (`"0.1.0"`). Never NULL; never to be freed.
#[no_mangle]
pub extern "C" fn licsig_version() -> *const c_char {
    // Nothing here can panic; the guard keeps the rule without exception.
    boundary::guard(VERSION, || VERSION).as_ptr().cast()
}
