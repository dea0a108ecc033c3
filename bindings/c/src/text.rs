//! Text handed to C: owned by a handle, NUL-terminated, with its length.

use core::ffi::c_char;

/// A UTF-8 text followed by one NUL byte. The text itself may contain NUL (JSON
/// allows `"\u0000"` in a node id or a name), which is why its length is returned
/// beside the pointer.
#[derive(Debug)]
pub(crate) struct CText(Box<[u8]>);

impl CText {
    pub(crate) fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len().saturating_add(1));
        bytes.extend_from_slice(text.as_bytes());
        bytes.push(0);
        Self(bytes.into_boxed_slice())
    }

    pub(crate) fn as_ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    /// The length without the terminating NUL.
    pub(crate) fn len(&self) -> usize {
        self.0.len().saturating_sub(1)
    }
}
