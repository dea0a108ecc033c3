//! `licsig.KeySet`: the vendor's pinned public keys and the revocation lists.

use std::borrow::Cow;

use licsig::ErrorKind;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyIterator, PyList, PyString};

use crate::args::strings;
use crate::errors::IntoPy;

/// A set of trusted public keys, each validated once when loaded, with the key ids and
/// license ids that are revoked.
///
/// Immutable: the methods that add keys or revocations return a new set, so a
/// `Verifier` built from a set never changes under it.
#[pyclass(frozen, module = "licsig", name = "KeySet")]
#[derive(Clone)]
pub(crate) struct KeySet {
    pub(crate) inner: licsig::KeySet,
}

impl KeySet {
    fn wrap(result: Result<licsig::KeySet, licsig::Error>, py: Python<'_>) -> PyResult<Self> {
        result.map(|inner| Self { inner }).or_raise(py)
    }
}

/// The bytes of a `str | bytes` argument (a `str` as UTF-8).
fn text_or_bytes<'a>(value: &'a Bound<'_, PyAny>, name: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        Ok(Cow::Borrowed(bytes.as_bytes()))
    } else if let Ok(text) = value.cast::<PyString>() {
        // A str with lone surrogates has no UTF-8 form: UnicodeEncodeError.
        Ok(Cow::Owned(text.to_cow()?.into_owned().into_bytes()))
    } else {
        Err(PyTypeError::new_err(format!(
            "{name} must be str or bytes, not {}",
            value.get_type().name()?
        )))
    }
}

#[pymethods]
impl KeySet {
    /// An empty key set.
    #[new]
    fn new() -> Self {
        Self {
            inner: licsig::KeySet::new(),
        }
    }

    /// The keys of a PEM text (`str`, or `bytes` in UTF-8): one or several
    /// `PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE` blocks.
    ///
    /// Raises `InvalidKey` for a key licsig refuses (RSA under 2048 bits, a point
    /// off its curve, …) and `Malformed`/`InvalidKey` for text that is not PEM.
    #[staticmethod]
    fn from_pem(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = text_or_bytes(pem, "pem")?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            licsig::Error::new(ErrorKind::InvalidKey, "the PEM text is not valid UTF-8")
        });
        Self::wrap(text.and_then(licsig::KeySet::from_pem), py)
    }

    /// The keys in `data`, whatever its form: PEM, JWK, JWK Set, DER
    /// (SubjectPublicKeyInfo, PKCS#1 or X.509), or base64 of DER as
    /// `aws kms get-public-key` prints it.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &Bound<'_, PyBytes>) -> PyResult<Self> {
        Self::wrap(licsig::KeySet::from_bytes(data.as_bytes()), py)
    }

    /// The key of one DER SubjectPublicKeyInfo, PKCS#1 `RSAPublicKey` or certificate.
    #[staticmethod]
    fn from_der(py: Python<'_>, der: &Bound<'_, PyBytes>) -> PyResult<Self> {
        Self::wrap(licsig::KeySet::from_der(der.as_bytes()), py)
    }

    /// The keys of a JWK Set (`{"keys": [...]}`), as `bytes` or `str`.
    #[staticmethod]
    fn from_jwks(py: Python<'_>, jwks: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::wrap(licsig::KeySet::from_jwks(&text_or_bytes(jwks, "jwks")?), py)
    }

    /// A new set with the keys and revocations of both; raises `InvalidKey` when a
    /// key id would be in both.
    fn extended(&self, py: Python<'_>, other: &KeySet) -> PyResult<KeySet> {
        let mut inner = self.inner.clone();
        let result = inner.extend(other.inner.clone()).map(|()| inner);
        Self::wrap(result, py)
    }

    /// A new set in which a signature by any of these key ids fails with
    /// `KeyRevoked`. The ids need not be in the set.
    fn with_revoked_keys(&self, kids: &Bound<'_, PyAny>) -> PyResult<KeySet> {
        let mut inner = self.inner.clone();
        for kid in strings(kids, "kids")? {
            inner.revoke_key(kid);
        }
        Ok(Self { inner })
    }

    /// A new set in which these license ids (`licenseArn` values) fail with
    /// `LicenseRevoked`.
    fn with_revoked_licenses(&self, license_ids: &Bound<'_, PyAny>) -> PyResult<KeySet> {
        let mut inner = self.inner.clone();
        for id in strings(license_ids, "license_ids")? {
            inner.revoke_license(id);
        }
        Ok(Self { inner })
    }

    /// A new set in which the key `kid` is also known as `extra` — the key id its
    /// issuer writes in token headers. Raises `UnknownKey` if no key has the id
    /// `kid`, `InvalidKey` if `extra` is empty or another key's id.
    fn with_kid(&self, py: Python<'_>, kid: &str, extra: &str) -> PyResult<KeySet> {
        let mut inner = self.inner.clone();
        let result = inner.add_kid(kid, extra).map(|()| inner);
        Self::wrap(result, py)
    }

    /// Whether this key id is revoked.
    fn is_key_revoked(&self, kid: &str) -> bool {
        self.inner.is_key_revoked(kid)
    }

    /// Whether this license id is revoked.
    fn is_license_revoked(&self, license_id: &str) -> bool {
        self.inner.is_license_revoked(license_id)
    }

    /// The key ids (lowercase hex SHA-256 of each key's SubjectPublicKeyInfo, unless
    /// the key was loaded with its own), in the order the keys were added.
    #[getter]
    fn kids(&self) -> Vec<String> {
        self.inner.iter().map(|k| k.kid().to_owned()).collect()
    }

    /// How many keys.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Iterates over the key ids.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyList::new(py, self.kids())?.try_iter()
    }

    /// Whether a key has this key id (its own or an extra one).
    fn __contains__(&self, kid: &str) -> bool {
        self.inner.get(kid).is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "<licsig.KeySet of {} key(s): {:?}>",
            self.inner.len(),
            self.kids()
        )
    }
}
