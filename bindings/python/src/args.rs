//! Python-side argument checks that PyO3's extraction does not make: a bare `str`
//! where a collection of strings is wanted, `bool` where a number is, and ranges.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyInt, PyString};

/// The strings of an iterable of `str`. A bare `str` is refused: iterating it would
/// give its characters (`require="Seats"` would require "S", "e", …).
pub(crate) fn strings(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an iterable of str (a list or tuple), not a single {}",
            value.get_type().name()?
        )));
    }
    value
        .try_iter()?
        .map(|item| {
            let item = item?;
            item.extract::<String>().map_err(|_| {
                let type_name = item
                    .get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                PyTypeError::new_err(format!("{name} must hold str, not {type_name}"))
            })
        })
        .collect()
}

/// A whole number from 0 to `max`: an `int` (not a `bool`, which is one in Python),
/// `TypeError` otherwise and `ValueError` outside the range.
pub(crate) fn whole_number(value: &Bound<'_, PyAny>, name: &str, max: u64) -> PyResult<u64> {
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int, not {}",
            value.get_type().name()?
        )));
    }
    match value.extract::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(PyValueError::new_err(format!(
            "{name} must be from 0 to {max}"
        ))),
    }
}
