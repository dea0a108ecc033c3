//! Points in time, always passed in by the caller.
//!
//! The library never reads the clock during a check; [`Time::now`] is a convenience for
//! the caller. Times are parsed from the forms License Manager writes
//! (`YYYY-MM-DDTHH:MM:SS[.fff]` with no zone, meaning UTC) and from RFC 3339
//! (`…Z` or `…±hh:mm`). Years 0001 to 9999 only; arithmetic is checked.

use core::fmt;

/// Seconds from 0001-01-01T00:00:00Z to the Unix epoch, negated.
const MIN_SECS: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z.
const MAX_SECS: i64 = 253_402_300_799;

/// A point in time, UTC, with nanosecond precision, between the years 1 and 9999.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// The same instant as a [`std::time::SystemTime`]; `None` where the platform's
    /// `SystemTime` cannot hold it.
    pub fn to_system_time(self) -> Option<std::time::SystemTime> {
        let nanos = core::time::Duration::from_nanos(u64::from(self.nanos));
        let secs = core::time::Duration::from_secs(self.secs.unsigned_abs());
        let whole = if self.secs >= 0 {
            std::time::UNIX_EPOCH.checked_add(secs)
        } else {
            std::time::UNIX_EPOCH.checked_sub(secs)
        };
        whole?.checked_add(nanos)
    }

    /// The instant of a [`std::time::SystemTime`]; `None` outside the years 1 to 9999.
    pub fn from_system_time(t: std::time::SystemTime) -> Option<Self> {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => {
                let t = Self::from_unix(i64::try_from(after.as_secs()).ok()?)?;
                Some(Self {
                    nanos: after.subsec_nanos(),
                    ..t
                })
            }
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).ok()?;
                // -1.25 s is -2 s + 0.75 s: whole seconds round down.
                let (secs, nanos) = match before.subsec_nanos() {
                    0 => (-secs, 0),
                    n => (-secs - 1, 1_000_000_000 - n),
                };
                let t = Self::from_unix(secs)?;
                Some(Self { nanos, ..t })
            }
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
    pub fn parse(text: &str) -> Result<Self, InvalidTime> {
        parse(text.as_bytes()).ok_or_else(|| InvalidTime(shorten(text).to_owned()))
    }
}

/// A text [`Time::parse`] refused (at most 40 characters of it). Converts into an
/// [`Error`](crate::error::Error) of kind `malformed`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTime(String);

impl fmt::Display for InvalidTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid time {:?}: expected YYYY-MM-DDTHH:MM:SS with an optional fraction and \
             an optional Z or ±hh:mm zone",
            self.0
        )
    }
}

impl std::error::Error for InvalidTime {}

impl fmt::Debug for Time {
    /// RFC 3339, as `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
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

/// See [`Time::parse`]. The fixed 19 bytes `YYYY-MM-DDTHH:MM:SS` are checked against
/// a template, then the fraction and the zone.
fn parse(b: &[u8]) -> Option<Time> {
    const TEMPLATE: &[u8; 19] = b"dddd-dd-ddTdd:dd:dd";
    let (head, rest) = b.split_first_chunk::<19>()?;
    let fits = head.iter().zip(TEMPLATE).fold(true, |ok, (&c, &t)| {
        ok & if t == b'd' {
            c.is_ascii_digit()
        } else {
            c == t
        }
    });
    if !fits {
        return None;
    }
    let two = |at: usize| -> i64 {
        let d = |i: usize| i64::from(head.get(i).map_or(0, |c| c - b'0'));
        d(at) * 10 + d(at + 1)
    };
    let (year, month, day) = (two(0) * 100 + two(2), two(5), two(8));
    let (hour, minute, second) = (two(11), two(14), two(17));
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
    let (nanos, zone) = match rest.split_first() {
        Some((b'.', fraction)) => {
            let digits = fraction
                .iter()
                .position(|c| !c.is_ascii_digit())
                .unwrap_or(fraction.len());
            let (fraction, zone) = fraction.split_at_checked(digits)?;
            let scale = [
                0,
                100_000_000,
                10_000_000,
                1_000_000,
                100_000,
                10_000,
                1_000,
                100,
                10,
                1,
            ];
            // None past nine digits, and 0 for none: both refused.
            let scale = scale.get(digits).copied().filter(|&s| s != 0)?;
            let n = fraction
                .iter()
                .fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
            (n * scale, zone)
        }
        _ => (0, rest),
    };
    let offset = match zone {
        [] | [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1]
            if [h0, h1, m0, m1].iter().all(|c| c.is_ascii_digit()) =>
        {
            let two = |a: u8, b: u8| i64::from(a - b'0') * 10 + i64::from(b - b'0');
            let (h, m) = (two(*h0, *h1), two(*m0, *m1));
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

    /// `SystemTime` round trips, before and after the epoch, to the nanosecond.
    #[test]
    fn system_time_round_trips() {
        for text in [
            "2026-11-22T12:34:56.789Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:58.75Z",
            "1900-01-01T00:00:00.000000001Z",
        ] {
            let t = Time::parse(text).unwrap();
            let st = t.to_system_time().unwrap();
            assert_eq!(Time::from_system_time(st), Some(t), "{text}");
        }
        let later = std::time::UNIX_EPOCH + core::time::Duration::new(1_798_761_600, 5);
        assert_eq!(
            Time::from_system_time(later).map(|t| (t.unix_seconds(), t.subsec_nanos())),
            Some((1_798_761_600, 5))
        );
        assert_eq!(
            format!("{:?}", Time::parse("2030-12-01T00:47:35Z").unwrap()),
            "2030-12-01T00:47:35Z"
        );
    }

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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Times written from fields in and just out of range, checked against the
        /// `time` crate's calendar: accepted exactly when it builds the date, time
        /// and offset and the instant is within the years 1 to 9999, at the same
        /// instant.
        #[test]
        fn agrees_with_the_time_crate(
            (year, month, day) in (0..=9999i32, 0..=13u8, 0..=32u8),
            (hour, minute, second) in (0..=24u8, 0..=60u8, 0..=60u8),
            fraction in proptest::option::of(proptest::string::string_regex("[0-9]{0,10}").unwrap()),
            zone in proptest::option::of(proptest::option::of((proptest::bool::ANY, 0..=24i8, 0..=60i8))),
        ) {
            let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
            if let Some(f) = &fraction {
                text += &format!(".{f}");
            }
            match zone {
                None => {}
                Some(None) => text += "Z",
                Some(Some((east, h, m))) => text += &format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }),
            }
            let expected = (|| {
                let fraction = fraction.as_deref().unwrap_or("0");
                if year < 1 || fraction.is_empty() || fraction.len() > 9 {
                    return None;
                }
                let nanos: u32 = format!("{fraction:0<9}").parse().ok()?;
                let date = time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
                let clock = time::Time::from_hms_nano(hour, minute, second, nanos).ok()?;
                let (h, m) = match zone {
                    Some(Some((east, h, m))) if h <= 23 && m <= 59 => if east { (h, m) } else { (-h, -m) },
                    Some(Some(_)) => return None,
                    _ => (0, 0),
                };
                let offset = time::UtcOffset::from_hms(h, m, 0).ok()?;
                let at = time::PrimitiveDateTime::new(date, clock).assume_offset(offset);
                let secs = at.unix_timestamp();
                (Time::MIN.unix_seconds()..=MAX_SECS).contains(&secs).then_some((secs, nanos))
            })();
            let got = Time::parse(&text).ok().map(|t| (t.unix_seconds(), t.subsec_nanos()));
            proptest::prop_assert_eq!(got, expected, "{}", text);
        }
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
            assert!(err.to_string().starts_with("invalid time"), "{s:?}");
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
