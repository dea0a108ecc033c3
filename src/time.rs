//! Points in time, always passed in by the caller.
//!
//! The library never reads the clock during a check; [`Time::now`] is a convenience for
//! the caller. Times are parsed from the forms License Manager writes
//! (`YYYY-MM-DDTHH:MM:SS[.fff]` with no zone, meaning UTC) and from RFC 3339
//! (`…Z` or `…±hh:mm`). Years 0001 to 9999 only; arithmetic is checked.

use core::fmt;

use crate::Error;

/// Seconds from 0001-01-01T00:00:00Z to the Unix epoch, negated.
const MIN_SECS: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z.
const MAX_SECS: i64 = 253_402_300_799;

/// A point in time, UTC, with nanosecond precision, between the years 1 and 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    secs: i64,
    nanos: u32,
}

impl Time {
    /// The earliest representable time, 0001-01-01T00:00:00Z.
    pub const MIN: Self = Self {
        secs: MIN_SECS,
        nanos: 0,
    };

    /// The latest representable time, 9999-12-31T23:59:59.999999999Z.
    pub const MAX: Self = Self {
        secs: MAX_SECS,
        nanos: 999_999_999,
    };

    /// The time `secs` seconds after the Unix epoch, or `None` outside the years 1 to
    /// 9999.
    pub const fn from_unix(secs: i64) -> Option<Self> {
        if secs < MIN_SECS || secs > MAX_SECS {
            None
        } else {
            Some(Self { secs, nanos: 0 })
        }
    }

    /// The time a JWT NumericDate (RFC 7519 §2) denotes: seconds since the epoch,
    /// possibly fractional. `None` for a value outside the years 1 to 9999.
    pub fn from_unix_f64(secs: f64) -> Option<Self> {
        if !secs.is_finite() || secs < MIN_SECS as f64 || secs >= (MAX_SECS + 1) as f64 {
            return None;
        }
        let whole = secs.floor();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (secs, nanos) = (
            whole as i64,
            (((secs - whole) * 1e9) as u32).min(999_999_999),
        );
        Some(Self { secs, nanos })
    }

    /// The current time from the system clock. A clock before 1970 reads as the epoch.
    ///
    /// Only the caller reads the clock: every check in licsig takes the time as an
    /// argument.
    pub fn now() -> Self {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let secs = i64::try_from(since.as_secs())
            .unwrap_or(MAX_SECS)
            .min(MAX_SECS);
        Self {
            secs,
            nanos: since.subsec_nanos(),
        }
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub const fn unix_seconds(&self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`Time::unix_seconds`].
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// `self` moved by `secs` seconds (negative moves back), saturating at
    /// [`Time::MIN`] and [`Time::MAX`].
    pub fn saturating_add_secs(self, secs: i64) -> Self {
        match self.secs.checked_add(secs) {
            Some(s) if s < MIN_SECS => Self::MIN,
            Some(s) if s > MAX_SECS => Self::MAX,
            Some(s) => Self {
                secs: s,
                nanos: self.nanos,
            },
            None if secs < 0 => Self::MIN,
            None => Self::MAX,
        }
    }

    /// Whole seconds from `earlier` to `self` (negative if `self` is earlier).
    pub fn seconds_since(self, earlier: Self) -> i64 {
        // Both within years 1..=9999: no overflow.
        let mut d = self.secs - earlier.secs;
        if self.nanos < earlier.nanos && d > 0 {
            d -= 1;
        } else if self.nanos > earlier.nanos && d < 0 {
            d += 1;
        }
        d
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.f…]` followed by nothing (UTC, as AWS License
    /// Manager writes times), `Z`, or `±hh:mm`. Up to nine fraction digits.
    ///
    /// Strict: four-digit year 0001–9999, real calendar dates, hours 00–23, minutes and
    /// seconds 00–59 (no leap second), uppercase `T` and `Z`, nothing else around.
    pub fn parse(text: &str) -> Result<Self, Error> {
        parse(text.as_bytes()).ok_or_else(|| {
            Error::malformed(format!(
                "invalid time {:?}: expected YYYY-MM-DDTHH:MM:SS with an optional fraction \
                 and an optional Z or ±hh:mm zone",
                shorten(text)
            ))
        })
    }
}

impl fmt::Display for Time {
    /// RFC 3339 in UTC: `2030-12-01T00:47:35Z`, with a fraction only when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem / 60 % 60,
            rem % 60
        )?;
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

/// A span of seconds in words, for messages: "3 days", "1 hour", "42 seconds".
pub(crate) fn describe_span(secs: i64) -> String {
    let secs = secs.unsigned_abs();
    let (n, unit) = match secs {
        0..=119 => (secs, "second"),
        120..=7_199 => (secs / 60, "minute"),
        7_200..=172_799 => (secs / 3_600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn shorten(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((cut, _)) => s.get(..cut).unwrap_or_default(),
        None => s,
    }
}

fn parse(b: &[u8]) -> Option<Time> {
    let num = |at: usize, len: usize| -> Option<i64> {
        let digits = b.get(at..at + len)?;
        digits.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if year < 1
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut at = 19;
    let mut nanos = 0u32;
    if sep(at, b'.') {
        at += 1;
        let start = at;
        while let Some(c @ b'0'..=b'9') = b.get(at).copied() {
            if at - start >= 9 {
                return None;
            }
            nanos = nanos * 10 + u32::from(c - b'0');
            at += 1;
        }
        let digits = at - start;
        if digits == 0 {
            return None;
        }
        nanos *= 10u32.pow(u32::try_from(9 - digits).ok()?);
    }
    let offset = match b.get(at..)? {
        [] | [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |x: u8, y: u8| -> Option<i64> {
                (x.is_ascii_digit() && y.is_ascii_digit())
                    .then(|| i64::from(x - b'0') * 10 + i64::from(y - b'0'))
            };
            let (h, m) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let off = h * 3600 + m * 60;
            if *sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    let secs =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let t = Time::from_unix(secs)?;
    Some(Time { nanos, ..t })
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_aws_and_rfc3339_forms() {
        let t = |s: &str| Time::parse(s).unwrap();
        // Known values (`date -u -d … +%s`).
        assert_eq!(t("2030-12-01T00:47:35").unix_seconds(), 1_922_316_455);
        assert_eq!(t("2030-12-01T00:47:35Z"), t("2030-12-01T00:47:35"));
        assert_eq!(t("2030-12-01T02:47:35+02:00"), t("2030-12-01T00:47:35Z"));
        assert_eq!(t("2030-11-30T19:17:35-05:30"), t("2030-12-01T00:47:35Z"));
        assert_eq!(t("1970-01-01T00:00:00").unix_seconds(), 0);
        assert_eq!(t("2000-02-29T12:00:00Z").unix_seconds(), 951_825_600);
        assert_eq!(t("0001-01-01T00:00:00Z"), Time::MIN);
        assert_eq!(t("9999-12-31T23:59:59Z").unix_seconds(), MAX_SECS);
        let f = t("2026-11-01T00:00:00.25");
        assert_eq!(
            (f.unix_seconds(), f.subsec_nanos()),
            (1_793_491_200, 250_000_000)
        );
        assert_eq!(
            t("2026-11-01T00:00:00.123456789Z").subsec_nanos(),
            123_456_789
        );
    }

    #[test]
    fn refuses_everything_else() {
        for s in [
            "",
            "2030-12-01",
            "2030-12-01 00:47:35",
            "2030-12-01t00:47:35",
            "2030-12-01T00:47:35z",
            "2030-13-01T00:47:35",
            "2030-02-29T00:47:35",
            "1900-02-29T00:00:00",
            "2030-12-32T00:47:35",
            "2030-12-01T24:00:00",
            "2030-12-01T00:60:00",
            "2030-12-01T00:00:60",
            "0000-12-01T00:00:00",
            "+2030-12-01T00:47:35",
            "2030-12-01T00:47:35.",
            "2030-12-01T00:47:35.1234567890",
            "2030-12-01T00:47:35+0200",
            "2030-12-01T00:47:35+24:00",
            "2030-12-01T00:47:35 ",
            "2030-12-01T00:47:35ZZ",
            "２030-12-01T00:47:35",
            "0001-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
        ] {
            let err = Time::parse(s).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Malformed, "{s:?}");
        }
    }

    #[test]
    fn displays_rfc3339_and_round_trips() {
        for s in [
            "2030-12-01T00:47:35Z",
            "1969-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2026-11-01T00:00:00.25Z",
            "2024-02-29T23:59:59.000000001Z",
        ] {
            assert_eq!(Time::parse(s).unwrap().to_string(), s);
        }
        for days in (-719_162..2_932_896).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn numeric_dates_and_arithmetic() {
        let t = Time::from_unix_f64(1_700_000_000.5).unwrap();
        assert_eq!(
            (t.unix_seconds(), t.subsec_nanos()),
            (1_700_000_000, 500_000_000)
        );
        assert_eq!(Time::from_unix_f64(-0.5).unwrap().unix_seconds(), -1);
        assert!(Time::from_unix_f64(1e300).is_none());
        assert!(Time::from_unix_f64(f64::NAN).is_none());
        assert!(Time::from_unix(MAX_SECS + 1).is_none());
        assert_eq!(Time::MAX.saturating_add_secs(i64::MAX), Time::MAX);
        assert_eq!(Time::MIN.saturating_add_secs(i64::MIN), Time::MIN);
        let a = Time::from_unix(100).unwrap();
        assert_eq!(a.saturating_add_secs(-40).unix_seconds(), 60);
        assert_eq!(a.seconds_since(Time::from_unix(40).unwrap()), 60);
        assert_eq!(describe_span(259_200), "3 days");
        assert_eq!(describe_span(-3_600 * 5), "5 hours");
        assert_eq!(describe_span(1), "1 second");
        assert_eq!(describe_span(600), "10 minutes");
    }
}
