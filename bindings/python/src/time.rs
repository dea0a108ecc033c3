//! `datetime` ⇄ `licsig::Time`. Only timezone-aware datetimes are accepted: a naive
//! one has no defined instant, and guessing (local time? UTC?) would move expiry.
//!
//! The conversions go through the `datetime` module's own arithmetic (an aware
//! datetime minus the Unix epoch is an exact `timedelta`), because the stable ABI
//! (abi3) has no C-level datetime access.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use licsig::Time;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// The `datetime` module's objects used on every conversion, looked up once.
struct Api {
    datetime: Py<PyType>,
    timedelta: Py<PyAny>,
    /// 1970-01-01T00:00:00+00:00.
    epoch: Py<PyAny>,
}

static API: PyOnceLock<Api> = PyOnceLock::new();

fn api(py: Python<'_>) -> PyResult<&Api> {
    API.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let datetime = module.getattr("datetime")?.cast_into::<PyType>()?;
        let utc = module.getattr("timezone")?.getattr("utc")?;
        let epoch = datetime.call((1970, 1, 1, 0, 0, 0, 0, utc), None)?;
        Ok(Api {
            datetime: datetime.unbind(),
            timedelta: module.getattr("timedelta")?.unbind(),
            epoch: epoch.unbind(),
        })
    })
}

/// The time a `now` argument names: an aware `datetime`, or `None` for the system
/// clock.
pub(crate) fn now_arg(py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<Time> {
    match now {
        None => Ok(Time::now()),
        Some(now) => from_datetime(py, now, "now"),
    }
}

/// An aware `datetime` as a `Time` (microseconds, as `datetime` holds them).
pub(crate) fn from_datetime(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<Time> {
    let api = api(py)?;
    if !value.is_instance(api.datetime.bind(py))? {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a timezone-aware datetime.datetime (or None for the system \
             clock), not {}",
            value.get_type().name()?
        )));
    }
    if value.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{name} is a naive datetime, which names no instant: pass an aware one, \
             e.g. datetime.now(timezone.utc)"
        )));
    }
    // timedelta normalises to days (any sign), seconds in [0, 86400) and
    // microseconds in [0, 10^6); datetime's range keeps days within ±3.7 million.
    let delta = value.sub(api.epoch.bind(py))?;
    let days: i64 = delta.getattr("days")?.extract()?;
    let seconds: i64 = delta.getattr("seconds")?.extract()?;
    let micros: u64 = delta.getattr("microseconds")?.extract()?;
    let whole = days * 86_400 + seconds;
    let instant = if whole >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(whole.unsigned_abs()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(whole.unsigned_abs()))
    };
    instant
        .and_then(|t: SystemTime| t.checked_add(Duration::from_micros(micros)))
        .and_then(Time::from_system_time)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "{name} is outside the years 1 to 9999 in UTC, which licsig's times cover"
            ))
        })
}

/// A `Time` as an aware UTC `datetime` (to the microsecond: `datetime` holds no
/// nanoseconds, so they are truncated).
pub(crate) fn to_datetime(py: Python<'_>, time: Time) -> PyResult<Bound<'_, PyAny>> {
    let api = api(py)?;
    let delta =
        api.timedelta
            .bind(py)
            .call1((0, time.unix_seconds(), time.subsec_nanos() / 1_000))?;
    api.epoch.bind(py).add(delta)
}
