//! A floor under the clock: turning the machine's clock back does not revive an
//! expired license.
//!
//! Time is always passed in (DESIGN.md §1), and the license holder controls the
//! machine's clock. A [`TimeFloor`] is a lower bound on the time that the product
//! keeps across runs: the latest time it has seen, and the latest `issuedAt` of a
//! license it verified (a time the vendor signed). The product verifies at
//! [`TimeFloor::effective_now`] — the later of the clock and the floor — so that a
//! clock set back to before an expiry finds the floor instead.
//!
//! # Limits
//!
//! - **The holder controls the disk.** The floor is only as durable as the place it is
//!   kept: deleting or editing the state, or restoring an old copy, lowers it. No
//!   secret can authenticate it offline — a key in the product is a key the holder
//!   has. It raises the bar against casual clock changes, not against a determined
//!   holder; keep it where the product keeps its other state (beside its settings or
//!   database, not in a file named for what it does), and treat a missing or
//!   unreadable state as the product's policy for a first run dictates.
//! - **A clock fixed backwards is held at the floor.** When a clock that ran ahead is
//!   corrected, the floor wins until the real time passes it: licenses look as they
//!   would at the floor's time, and one that expires in between expires early by the
//!   clock's former error. A floor far in the future (a clock once set to 2099) makes
//!   every license look expired until the state is removed; the floor cannot tell a
//!   wrong clock that ran ahead from the right one.
//! - **`issuedAt` counts only up to [`DEFAULT_LEEWAY_SECS`] past the time passed to
//!   [`TimeFloor::observe`].** The verifier refuses a license issued after the
//!   verification time plus its leeway, so a license verified at that time has an
//!   `issuedAt` within it; the cap keeps a wrong `issuedAt`, accepted under a large
//!   leeway, from pushing the floor past the clock by more than a minute.
//!
//! # State format
//!
//! One line of ASCII text, `licsig-time-floor 1 <time>` and a line feed, where `<time>`
//! is RFC 3339 in UTC as [`Time`]'s `Display` writes it (`2026-11-22T12:00:00Z`, a
//! fraction only when there is one, without trailing zeros). At most
//! [`MAX_STATE_BYTES`]. [`TimeFloor::decode`] accepts exactly what
//! [`TimeFloor::encode`] writes: one spelling per floor.

use core::fmt;

use crate::error::Error;
use crate::time::Time;
use crate::verify::{VerifiedLicense, DEFAULT_LEEWAY_SECS};

/// The state's first bytes: the format's name and version.
const HEADER: &str = "licsig-time-floor 1 ";

/// The longest state [`TimeFloor::decode`] reads: the header, the longest time
/// (`9999-12-31T23:59:59.999999999Z`) and the line feed fit with room to spare.
pub const MAX_STATE_BYTES: usize = 64;

/// A lower bound on the time, kept by the product across runs. See the
/// [module docs](self) for what it does and does not protect against.
///
/// ```
/// # fn main() -> Result<(), licsig::Error> {
/// use licsig::{rollback::TimeFloor, Time};
/// # let keys = licsig::KeySet::from_pem(include_str!("../test-vectors/sample/vendor-public-key.pem"))?;
/// # let bytes = include_bytes!("../test-vectors/sample/license-file.json");
/// # let verifier = licsig::Verifier::new(keys).node_id("100.20.15.10");
/// // At start: the stored floor, or a new one on the first run.
/// let stored: Option<Vec<u8>> = None; // e.g. std::fs::read(state_path).ok()
/// let mut floor = match stored {
///     Some(state) => TimeFloor::decode(&state)?,
///     None => TimeFloor::new(),
/// };
/// let clock = Time::parse("2036-10-31T12:00:00Z")?; // usually Time::now()
/// let now = floor.effective_now(clock);
/// floor.advance(now); // seen, whatever the verification says
/// if let Ok(license) = verifier.verify(bytes, now) {
///     floor.observe(&license, now);
/// }
/// let state = floor.encode(); // write it back beside the product's other state
/// assert_eq!(state, "licsig-time-floor 1 2036-10-31T12:00:00Z\n");
///
/// // Next run, the clock set back a month: the floor holds.
/// let floor = TimeFloor::decode(state.as_bytes())?;
/// let clock = Time::parse("2036-10-01T00:00:00Z")?;
/// assert_eq!(floor.effective_now(clock), Time::parse("2036-10-31T12:00:00Z")?);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeFloor {
    floor: Time,
}

impl TimeFloor {
    /// No floor yet ([`Time::MIN`]): the state of a first run.
    pub const fn new() -> Self {
        Self { floor: Time::MIN }
    }

    /// The floor stored by [`TimeFloor::encode`]. Fails with
    /// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) for anything else: more
    /// than [`MAX_STATE_BYTES`], another header or version, a time that is not
    /// exactly as `encode` writes it (an offset, trailing zeros, `\r\n`).
    pub fn decode(state: &[u8]) -> Result<Self, Error> {
        let refused = || {
            Error::malformed(
                "the time floor's state is not the line TimeFloor::encode writes \
                 (`licsig-time-floor 1 <RFC 3339 time in UTC>`); it was damaged or \
                 edited, so treat it as the product treats a missing one",
            )
        };
        if state.len() > MAX_STATE_BYTES {
            return Err(refused());
        }
        let time = core::str::from_utf8(state)
            .ok()
            .and_then(|text| text.strip_prefix(HEADER))
            .and_then(|text| text.strip_suffix('\n'))
            .ok_or_else(refused)?;
        let floor = Self {
            floor: Time::parse(time).map_err(|_| refused())?,
        };
        if floor.encode().as_bytes() == state {
            Ok(floor)
        } else {
            Err(refused())
        }
    }

    /// The state to store: see the [module docs](self#state-format).
    pub fn encode(&self) -> String {
        format!("{HEADER}{}\n", self.floor)
    }

    /// The floor: no time before it is believed.
    pub fn floor(&self) -> Time {
        self.floor
    }

    /// The time to verify at: the later of the clock's `now` and the floor.
    pub fn effective_now(&self, now: Time) -> Time {
        self.floor.max(now)
    }

    /// Raises the floor to `now`, a time the product has seen (pass
    /// [`TimeFloor::effective_now`]'s result). Call it whether or not a license
    /// verified at that time: a clock that reached an expiry must not be able to go
    /// back before it.
    pub fn advance(&mut self, now: Time) {
        self.floor = self.floor.max(now);
    }

    /// Raises the floor to `now` and to the `issuedAt` of `license`, verified at
    /// `now`, counted up to [`DEFAULT_LEEWAY_SECS`] past `now` (see the
    /// [module docs](self#limits)).
    pub fn observe(&mut self, license: &VerifiedLicense, now: Time) {
        let issued = license
            .issued_at()
            .min(now.saturating_add_secs(i64::from(DEFAULT_LEEWAY_SECS)));
        self.floor = self.floor.max(now).max(issued);
    }
}

impl Default for TimeFloor {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for TimeFloor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TimeFloor").field(&self.floor).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn at(text: &str) -> Time {
        Time::parse(text).unwrap()
    }

    /// A new floor believes any clock; a raised one holds against an earlier clock
    /// and gives way to a later one, to the nanosecond.
    #[test]
    fn the_later_of_clock_and_floor_wins() {
        let mut floor = TimeFloor::new();
        assert_eq!(floor.floor(), Time::MIN);
        assert_eq!(
            floor.effective_now(at("1970-01-01T00:00:00Z")),
            at("1970-01-01T00:00:00Z")
        );
        floor.advance(at("2026-11-22T12:00:00.5Z"));
        floor.advance(at("2026-11-01T00:00:00Z"));
        assert_eq!(floor.floor(), at("2026-11-22T12:00:00.5Z"));
        assert_eq!(
            floor.effective_now(at("2026-11-22T12:00:00.499999999Z")),
            at("2026-11-22T12:00:00.5Z")
        );
        assert_eq!(
            floor.effective_now(at("2026-11-22T12:00:00.500000001Z")),
            at("2026-11-22T12:00:00.500000001Z")
        );
    }

    /// What `encode` writes, `decode` reads back, at both ends of the range.
    #[test]
    fn state_round_trips() {
        for (time, text) in [
            (Time::MIN, "licsig-time-floor 1 0001-01-01T00:00:00Z\n"),
            (
                at("2026-11-22T12:00:00.25Z"),
                "licsig-time-floor 1 2026-11-22T12:00:00.25Z\n",
            ),
            (
                Time::MAX,
                "licsig-time-floor 1 9999-12-31T23:59:59.999999999Z\n",
            ),
        ] {
            let mut floor = TimeFloor::new();
            floor.advance(time);
            assert_eq!(floor.encode(), text);
            assert_eq!(TimeFloor::decode(text.as_bytes()), Ok(floor));
        }
        assert!(TimeFloor::new().encode().len() <= MAX_STATE_BYTES);
    }

    /// Anything but `encode`'s exact line is refused as malformed.
    #[test]
    fn other_states_are_refused() {
        let long = format!(
            "licsig-time-floor 1 2026-11-22T12:00:00Z\n{}",
            " ".repeat(30)
        );
        for state in [
            &b""[..],
            b"licsig-time-floor 1 2026-11-22T12:00:00Z",
            b"licsig-time-floor 1 2026-11-22T12:00:00Z\r\n",
            b"licsig-time-floor 1 2026-11-22T12:00:00Z\n\n",
            b"licsig-time-floor 2 2026-11-22T12:00:00Z\n",
            b"licsig-time-floor  2026-11-22T12:00:00Z\n",
            b"licsig-time-floor 1 2026-11-22T12:00:00+00:00\n",
            b"licsig-time-floor 1 2026-11-22T12:00:00\n",
            b"licsig-time-floor 1 2026-11-22T12:00:00.50Z\n",
            b"licsig-time-floor 1 2026-11-31T12:00:00Z\n",
            b"licsig-time-floor 1 \xff2026-11-22T12:00:00Z\n",
            long.as_bytes(),
        ] {
            let err = TimeFloor::decode(state).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{state:?}");
            assert!(
                err.message().starts_with("the time floor's state is not"),
                "{state:?}"
            );
        }
    }
}
