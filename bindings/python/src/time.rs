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
    /// timedelta(microseconds=1).
    microsecond: Py<PyAny>,
}

static API: PyOnceLock<Api> = PyOnceLock::new();

fn api(py: Python<'_>) -> PyResult<&Api> {
    API.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let datetime = module.getattr("datetime")?.cast_into::<PyType>()?;
        let utc = module.getattr("timezone")?.getattr("utc")?;
        let epoch = datetime.call((1970, 1, 1, 0, 0, 0, 0, utc), None)?;
        let timedelta = module.getattr("timedelta")?;
        let microsecond = timedelta.call1((0, 0, 1))?;
        Ok(Api {
            datetime: datetime.unbind(),
            timedelta: timedelta.unbind(),
            epoch: epoch.unbind(),
            microsecond: microsecond.unbind(),
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
    // Aware minus aware is an exact timedelta; naive minus aware is a TypeError,
    // told apart from other TypeErrors by utcoffset() only on that (rare) path.
    let delta = match value.sub(api.epoch.bind(py)) {
        Ok(delta) => delta,
        Err(_) if value.call_method0("utcoffset")?.is_none() => {
            return Err(PyValueError::new_err(format!(
                "{name} is a naive datetime, which names no instant: pass an aware one, \
                 e.g. datetime.now(timezone.utc)"
            )));
        }
        Err(e) => return Err(e),
    };
    // Whole microseconds since the epoch: within ±3.2 × 10^17 over datetime's range.
    let micros: i64 = delta.floor_div(api.microsecond.bind(py))?.extract()?;
    let (whole, micros) = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000));
    let instant = if whole >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(whole.unsigned_abs()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(whole.unsigned_abs()))
    };
    instant
        .and_then(|t: SystemTime| t.checked_add(Duration::from_micros(micros.unsigned_abs())))
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
