//! licsig's errors as Python exceptions: `licsig.Error` and one subclass per kind of
//! DESIGN.md §6, each instance carrying `.kind` (the stable snake_case name) and
//! `.message`.

use licsig::ErrorKind;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::PyTypeInfo;

create_exception!(
    licsig,
    Error,
    PyException,
    "A license, key or document was refused. `kind` is the stable snake_case name of \
     the reason (DESIGN.md §6), `message` what a person can act on; each kind has its \
     own subclass."
);

macro_rules! kinds {
    ($($class:ident = $kind:ident: $doc:literal,)*) => {
        $(create_exception!(licsig, $class, Error, $doc);)*

        /// The exception class of `kind`; the base class for a kind this binding does
        /// not know yet (`ErrorKind` is non-exhaustive).
        fn class_of(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
            match kind {
                $(ErrorKind::$kind => $class::type_object(py),)*
                _ => Error::type_object(py),
            }
        }

        /// Adds `Error` and every subclass to the module, each subclass with its kind
        /// as the class attribute `kind`.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = m.py();
            m.add("Error", Error::type_object(py))?;
            $(
                let class = $class::type_object(py);
                class.setattr("kind", ErrorKind::$kind.as_str())?;
                m.add(stringify!($class), class)?;
            )*
            Ok(())
        }
    };
}

kinds! {
    Malformed = Malformed: "The input is not well-formed: bad JSON, bad base64url, a bad header, an unrecognised form, a license document of the wrong shape (kind `malformed`).",
    LimitExceeded = LimitExceeded: "The input is larger or deeper than the verifier's limits allow (kind `limit_exceeded`).",
    UnsupportedAlgorithm = UnsupportedAlgorithm: "An algorithm licsig does not implement: `none`, HMAC, ES512, an unknown name (kind `unsupported_algorithm`).",
    AlgorithmNotAllowed = AlgorithmNotAllowed: "An algorithm licsig implements but the verifier's allow-list leaves out (kind `algorithm_not_allowed`).",
    InvalidKey = InvalidKey: "A public key was refused when it was loaded (kind `invalid_key`).",
    KeyMismatch = KeyMismatch: "The key's type or declared algorithm does not fit the signature's algorithm (kind `key_mismatch`).",
    UnknownKey = UnknownKey: "No trusted key matches the signature (kind `unknown_key`).",
    KeyRevoked = KeyRevoked: "The signing key is revoked or outside its validity window (kind `key_revoked`).",
    BadSignature = BadSignature: "The signature does not verify: the content was changed after it was signed, or another key signed it (kind `bad_signature`).",
    CertificateInvalid = CertificateInvalid: "An x5c certificate chain did not validate to a trust anchor (kind `certificate_invalid`).",
    Expired = Expired: "The license has expired at the given time, leeway included (kind `expired`).",
    NotYetValid = NotYetValid: "The license is not valid yet at the given time, leeway included (kind `not_yet_valid`).",
    NodeMismatch = NodeMismatch: "The license is locked to another node (kind `node_mismatch`).",
    NodeUnbound = NodeUnbound: "The license is node-locked and the verifier was not given its node id (kind `node_unbound`).",
    MissingEntitlement = MissingEntitlement: "A required or requested entitlement is absent from the license (kind `missing_entitlement`).",
    LicenseRevoked = LicenseRevoked: "The license id is revoked (kind `license_revoked`).",
    MissingSignature = MissingSignature: "The verifier requires signatures by keys of several families (a hybrid policy) and one is not on the license (kind `missing_signature`).",
}

/// The Python exception for a licsig error: an instance of its kind's class with the
/// attributes `kind` and `message`; `str()` of it is the message.
pub(crate) fn to_py(py: Python<'_>, error: &licsig::Error) -> PyErr {
    let class = class_of(py, error.kind());
    let raised = class.call1((error.message(),)).and_then(|exception| {
        exception.setattr("kind", error.kind().as_str())?;
        exception.setattr("message", error.message())?;
        Ok(PyErr::from_value(exception))
    });
    // Building the exception fails only if the interpreter cannot allocate; that
    // failure is then the exception raised.
    raised.unwrap_or_else(|failure| failure)
}

/// `Result<T, licsig::Error>` into a Python result.
pub(crate) trait IntoPy<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, licsig::Error> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}
