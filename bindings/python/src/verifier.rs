//! `licsig.Verifier`: the policy, and verification with the GIL released.

use licsig::{Algorithm, AlgorithmSet, Family, Limits};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::args::{strings, whole_number};
use crate::errors::IntoPy;
use crate::keys::KeySet;
use crate::license::VerifiedLicense;
use crate::time::now_arg;

/// Verifies licenses against pinned keys under a policy.
///
/// The default policy is strict and fail-closed: every algorithm licsig implements
/// (all asymmetric; `none` and HMAC do not exist here), a leeway of 60 seconds, no
/// node id (a node-locked license is refused with `NodeUnbound`), no required
/// entitlement, inputs up to 1 MiB and JSON nesting up to 64.
///
/// Immutable and safe to share between threads: verification releases the GIL, so
/// threads verify in parallel.
///
/// Caller obligations: pin the vendor's keys in the program, not in a file the license
/// holder can replace; pass a time you trust (the license holder controls the
/// machine's clock); give the machine's node id when licenses are node-locked.
#[pyclass(frozen, module = "licsig", name = "Verifier")]
pub(crate) struct Verifier {
    inner: licsig::Verifier,
}

#[pymethods]
impl Verifier {
    /// A verifier trusting `keys` (a `KeySet`, copied), with this policy:
    ///
    /// - `node_id`: this machine's node id; a license locked to another is refused.
    /// - `require`: entitlement names every license must hold (`MissingEntitlement`).
    /// - `families`: key families (`"rsa"`, `"ecdsa"`, `"eddsa"`, `"ml-dsa"`) each
    ///   of which must have made a verified signature (`MissingSignature`); two or
    ///   more are a hybrid policy, met by a license file signed with one key of each.
    ///   An unknown name raises `ValueError`.
    /// - `algorithms`: the allow-list, by JOSE (`"PS384"`) or AWS KMS
    ///   (`"RSASSA_PSS_SHA_384"`) names; `None` allows every algorithm licsig
    ///   implements. An unknown name raises `UnsupportedAlgorithm`.
    /// - `leeway`: seconds of clock difference allowed around expiry and not-before,
    ///   0 to 2**32 - 1.
    /// - `strict_kid`: a token's `kid` must name a trusted key (`UnknownKey`
    ///   otherwise); by default such a kid is a hint and the trusted keys that fit the
    ///   algorithm are tried.
    /// - `ca`: trust anchors (PEM or DER root certificates, as `bytes`) for `x5c`
    ///   chains; without them `x5c` is ignored.
    /// - `max_bytes`, `max_depth`: the input limits (`None`: 1 MiB, 64).
    #[new]
    #[pyo3(
        signature = (keys, *, node_id=None, require=None, families=None, algorithms=None, leeway=None, strict_kid=false, ca=None, max_bytes=None, max_depth=None),
        text_signature = "(keys, *, node_id=None, require=(), families=(), algorithms=None, leeway=60, strict_kid=False, ca=(), max_bytes=None, max_depth=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        keys: &KeySet,
        node_id: Option<String>,
        require: Option<&Bound<'_, PyAny>>,
        families: Option<&Bound<'_, PyAny>>,
        algorithms: Option<&Bound<'_, PyAny>>,
        leeway: Option<&Bound<'_, PyAny>>,
        strict_kid: bool,
        ca: Option<&Bound<'_, PyAny>>,
        max_bytes: Option<&Bound<'_, PyAny>>,
        max_depth: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut inner = licsig::Verifier::new(keys.inner.clone()).strict_kid(strict_kid);
        if let Some(node_id) = node_id {
            inner = inner.node_id(node_id);
        }
        if let Some(require) = require {
            for name in strings(require, "require")? {
                inner = inner.require_entitlement(name);
            }
        }
        if let Some(families) = families {
            for name in strings(families, "families")? {
                let family = Family::from_name(&name).ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "families: {name:?} is not a key family (rsa, ecdsa, eddsa, ml-dsa)"
                    ))
                })?;
                inner = inner.require_family(family);
            }
        }
        if let Some(algorithms) = algorithms {
            let mut set = AlgorithmSet::EMPTY;
            for name in strings(algorithms, "algorithms")? {
                let alg = Algorithm::from_name(&name).map_err(licsig::Error::from);
                set = set.with(alg.or_raise(py)?);
            }
            inner = inner.allow_algorithms(set);
        }
        if let Some(leeway) = leeway {
            let secs = whole_number(leeway, "leeway", u64::from(u32::MAX))?;
            // In range: whole_number checked it against u32::MAX.
            inner = inner.leeway(u32::try_from(secs).unwrap_or(u32::MAX));
        }
        if let Some(ca) = ca {
            if ca.is_instance_of::<PyBytes>() || ca.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(
                    "ca must be an iterable of bytes (one PEM bundle or DER certificate \
                     each), not a single bytes or str",
                ));
            }
            for anchor in ca.try_iter()? {
                let anchor = anchor?;
                let anchor = anchor.cast::<PyBytes>().map_err(|_| {
                    PyTypeError::new_err("ca must hold bytes (PEM or DER certificates)")
                })?;
                inner = inner.with_ca(anchor.as_bytes()).or_raise(py)?;
            }
        }
        let mut limits = Limits::default();
        let most = u64::try_from(usize::MAX).unwrap_or(u64::MAX);
        if let Some(max) = max_bytes {
            limits.max_bytes =
                usize::try_from(whole_number(max, "max_bytes", most)?).unwrap_or(usize::MAX);
        }
        if let Some(max) = max_depth {
            limits.max_depth =
                usize::try_from(whole_number(max, "max_depth", most)?).unwrap_or(usize::MAX);
        }
        Ok(Self {
            inner: inner.limits(limits),
        })
    }

    /// Verifies a license in any self-contained form — a JWS compact token (AWS
    /// License Manager's `SignedToken`), a license file, an AWS CheckoutLicense
    /// response — detected from `data` (`bytes`), at the time `now`: a
    /// timezone-aware `datetime`, or `None` for the system clock.
    ///
    /// Returns a `VerifiedLicense`; raises a subclass of `licsig.Error` naming the
    /// first check that failed. A bare license document is `Malformed` here: its
    /// signature is detached (`verify_detached`).
    #[pyo3(signature = (data, now=None))]
    fn verify(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyBytes>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<VerifiedLicense> {
        let now = now_arg(py, now)?;
        let data = data.as_bytes();
        py.detach(|| self.inner.verify(data, now))
            .map(|inner| VerifiedLicense { inner })
            .or_raise(py)
    }

    /// Verifies a license document (`bytes`, any whitespace and member order) with a
    /// detached signature over its RFC 8785 canonical form, as AWS KMS `Sign`
    /// (message type RAW) returns it: raw `bytes`, or their base64 as the AWS CLI
    /// prints it. ECDSA signatures are DER.
    ///
    /// `alg` is the algorithm by AWS KMS or JOSE name (`"RSASSA_PSS_SHA_256"`,
    /// `"PS256"`); `kid` names the key, otherwise the trusted keys that fit `alg` are
    /// tried (a bounded number). `now` as for `verify`.
    #[pyo3(signature = (document, signature, alg, now=None, *, kid=None))]
    fn verify_detached(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyBytes>,
        signature: &Bound<'_, PyBytes>,
        alg: &str,
        now: Option<&Bound<'_, PyAny>>,
        kid: Option<&str>,
    ) -> PyResult<VerifiedLicense> {
        let alg = Algorithm::from_name(alg)
            .map_err(licsig::Error::from)
            .or_raise(py)?;
        let now = now_arg(py, now)?;
        let (document, signature) = (document.as_bytes(), signature.as_bytes());
        py.detach(|| {
            self.inner
                .verify_detached(document, signature, alg, kid, now)
        })
        .map(|inner| VerifiedLicense { inner })
        .or_raise(py)
    }

    /// Checks a license verified earlier against the time `now` again — expiry and
    /// not-before, with this verifier's leeway — without verifying its signature
    /// again. Raises `Expired` or `NotYetValid`; `now` as for `verify`.
    #[pyo3(signature = (license, now=None))]
    fn recheck(
        &self,
        py: Python<'_>,
        license: &VerifiedLicense,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let now = now_arg(py, now)?;
        self.inner.recheck(&license.inner, now).or_raise(py)
    }

    /// The trusted keys (a copy).
    #[getter]
    fn keys(&self) -> KeySet {
        KeySet {
            inner: self.inner.keys().clone(),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "<licsig.Verifier trusting {} key(s)>",
            self.inner.keys().len()
        )
    }
}
