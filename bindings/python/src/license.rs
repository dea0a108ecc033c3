//! `licsig.VerifiedLicense` and `licsig.Entitlement`: what a verification returns.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::IntoPy;
use crate::time::to_datetime;

/// A license whose signature verified under the verifier's keys and policy at the
/// given time. Only `Verifier.verify` and `Verifier.verify_detached` make one.
///
/// Times are timezone-aware UTC `datetime`s (to the microsecond).
#[pyclass(frozen, module = "licsig", name = "VerifiedLicense")]
pub(crate) struct VerifiedLicense {
    pub(crate) inner: licsig::VerifiedLicense,
}

#[pymethods]
impl VerifiedLicense {
    /// The wire form it arrived in: `"token"`, `"license_file"`, `"detached"` or
    /// `"aws_checkout"`.
    #[getter]
    fn form(&self) -> &'static str {
        self.inner.form().as_str()
    }

    /// The key id of the key that verified the signature.
    #[getter]
    fn kid(&self) -> &str {
        self.inner.kid()
    }

    /// The signature algorithm's JOSE name (`"PS384"`, `"ES256"`, `"EdDSA"`, …).
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().jose_name()
    }

    /// Every verified signature as `(algorithm, kid)`, in the license file's order (a
    /// token or detached signature has one); `kid` and `algorithm` are the first's.
    #[getter]
    fn signatures(&self) -> Vec<(&'static str, String)> {
        self.inner
            .signatures()
            .map(|s| (s.algorithm().jose_name(), s.kid().to_owned()))
            .collect()
    }

    /// The license id, its `licenseArn`.
    #[getter]
    fn license_arn(&self) -> &str {
        self.inner.license_arn()
    }

    /// When the license was issued (`issuedAt`).
    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_datetime(py, self.inner.issued_at())
    }

    /// When the license expires (`expiration`); `None` for a perpetual license.
    #[getter]
    fn expiration<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .expiration()
            .map(|t| to_datetime(py, t))
            .transpose()
    }

    /// The end of the license's validity: the earlier of `expiration` and the JWT
    /// claim `exp`; `None` when it has neither.
    #[getter]
    fn not_after<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .not_after()
            .map(|t| to_datetime(py, t))
            .transpose()
    }

    /// The start of the license's validity: the latest of `issuedAt` and the JWT
    /// claims `nbf` and `iat`. Never `None`: `issuedAt` is required.
    #[getter]
    fn not_before<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_datetime(py, self.inner.not_before())
    }

    /// The node the license is locked to (`nodeId`); `None` when it is not
    /// node-locked.
    #[getter]
    fn node_id(&self) -> Option<&str> {
        self.inner.node_id()
    }

    /// The `licenseConsumptionToken`, when present.
    #[getter]
    fn consumption_token(&self) -> Option<&str> {
        self.inner.consumption_token()
    }

    /// The `checkoutMetadata` object, as a new `dict` of `str` to `str`.
    #[getter]
    fn checkout_metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in self.inner.checkout_metadata() {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// The entitlements (`entitlementsAllowed`), in the document's order, as a new
    /// list.
    #[getter]
    fn entitlements(&self) -> Vec<Entitlement> {
        self.inner
            .entitlements()
            .iter()
            .map(|e| Entitlement { inner: e.clone() })
            .collect()
    }

    /// The entitlement named `name`; raises `MissingEntitlement` when there is none.
    fn entitlement(&self, py: Python<'_>, name: &str) -> PyResult<Entitlement> {
        self.inner
            .entitlement(name)
            .map(|e| Entitlement { inner: e.clone() })
            .or_raise(py)
    }

    /// A member of the license document that licsig does not read itself, as its
    /// RFC 8785 canonical JSON text (`json.loads` reads it); `None` when absent.
    fn other<'py>(&self, py: Python<'py>, name: &str) -> Option<Bound<'py, PyBytes>> {
        self.inner.other(name).map(|json| PyBytes::new(py, json))
    }

    /// The license document's bytes as signed: a token's payload as its signer
    /// serialised it, or the RFC 8785 form of a license file's or detached document.
    #[getter]
    fn signed_document<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.signed_document())
    }

    fn __repr__(&self) -> String {
        format!(
            "<licsig.VerifiedLicense {:?} form={} kid={} algorithm={}>",
            self.inner.license_arn(),
            self.inner.form().as_str(),
            self.inner.kid(),
            self.inner.algorithm().jose_name()
        )
    }
}

/// One entry of a license's `entitlementsAllowed`: a name, an AWS EntitlementUnit and
/// a value as written (AWS writes values as strings). The typed accessors parse the
/// value and raise `Malformed` when it does not have the shape asked for.
#[pyclass(frozen, module = "licsig", name = "Entitlement")]
pub(crate) struct Entitlement {
    inner: licsig::Entitlement,
}

#[pymethods]
impl Entitlement {
    /// The entitlement's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The unit's name as written: one of AWS's 27 (`"Count"`, `"None"`,
    /// `"Gigabytes"`, `"Count/Second"`, …) or another name, kept as it is.
    #[getter]
    fn unit(&self) -> &str {
        self.inner.unit().as_str()
    }

    /// The value as written, or `None` when the entitlement has none.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.inner.value()
    }

    /// The value as a whole number, for `Count` and the other quantity units: ASCII
    /// digits, no sign, no leading zero, at most 2**64 - 1. Raises `Malformed`
    /// otherwise (the unit `None`, an unknown unit, no value, another shape).
    fn count(&self, py: Python<'_>) -> PyResult<u64> {
        self.inner.count().or_raise(py)
    }

    /// The value as a boolean, for the unit `None`: exactly `"true"` or `"false"`;
    /// raises `Malformed` otherwise.
    fn boolean(&self, py: Python<'_>) -> PyResult<bool> {
        self.inner.boolean().or_raise(py)
    }

    /// The value as text, for the unit `None`; raises `Malformed` for another unit
    /// or no value.
    fn text(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.text().map(str::to_owned).or_raise(py)
    }

    fn __repr__(&self) -> String {
        let value = match self.inner.value() {
            Some(value) => format!("{value:?}"),
            None => "None".to_owned(),
        };
        format!(
            "<licsig.Entitlement {:?} unit={:?} value={value}>",
            self.inner.name(),
            self.inner.unit().as_str(),
        )
    }
}
