//! A license document with its signature kept apart (DESIGN.md §2.3): the signed
//! message is the document's RFC 8785 form.

use crate::error::Error;
use crate::json::{Document, Value};
use crate::limits::Limits;

/// A license document as a detached signature covers it.
pub(crate) struct Detached<'a> {
    doc: Document<'a>,
    /// The RFC 8785 bytes of the document: the signed message.
    pub(crate) canonical: Vec<u8>,
}

impl<'a> Detached<'a> {
    /// Reads `bytes` as a license document, whatever its members are called: a member
    /// named `signatures` or `SignedToken` is just a member here.
    pub(crate) fn read(bytes: &'a [u8], limits: &Limits) -> Result<Self, Error> {
        if bytes.len() > limits.max_bytes {
            return Err(super::too_long(bytes.len(), limits.max_bytes));
        }
        Document::parse_with(bytes, limits).map(Self::from_document)
    }

    pub(super) fn from_document(doc: Document<'a>) -> Self {
        let canonical = doc.to_canonical();
        Self { doc, canonical }
    }

    /// The document, read as a license once the signature verified.
    pub(crate) fn document(&self) -> Value<'_> {
        self.doc.root()
    }
}
