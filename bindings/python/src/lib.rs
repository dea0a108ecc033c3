//! The native module `licsig._licsig` of the Python package `licsig`: licsig's
//! verifier, key sets, verified licenses and errors, in Python's idiom. The package's
//! `__init__.py` re-exports everything; `__init__.pyi` types it.
//!
//! Arguments are checked on the Python side before any work (bytes where bytes are
//! meant, aware datetimes, ranges); verification runs with the GIL released.

mod args;
mod errors;
mod keys;
mod license;
mod time;
mod verifier;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::IntoPy;

/// The RFC 8785 (JCS) canonical form of a JSON text (`bytes`), read by licsig's
/// strict parser: raises `Malformed` (duplicate member names, invalid UTF-8, a BOM,
/// lone surrogates, numbers beyond a double, trailing bytes) or `LimitExceeded` (over
/// 1 MiB, nesting over 64).
#[pyfunction]
fn canonicalize<'py>(py: Python<'py>, data: &Bound<'py, PyBytes>) -> PyResult<Bound<'py, PyBytes>> {
    let data = data.as_bytes();
    let canonical = py
        .detach(|| licsig::json::canonicalize(data))
        .or_raise(py)?;
    Ok(PyBytes::new(py, &canonical))
}

#[pymodule]
fn _licsig(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<keys::KeySet>()?;
    m.add_class::<verifier::Verifier>()?;
    m.add_class::<license::VerifiedLicense>()?;
    m.add_class::<license::Entitlement>()?;
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    errors::register(m)
}
