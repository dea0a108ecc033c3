//! `TimeFloor` with real verifications of the bundled sample license file (issued
//! 2026-11-01T00:00:00, expires 2036-11-01T00:00:00): a clock set back after the
//! expiry does not revive the license, and `issuedAt` raises the floor only up to
//! the cap.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use licsig::{Context, ErrorKind, KeySet, Time, TimeFloor, Verifier};

const FILE: &[u8] = include_bytes!("../test-vectors/sample/license-file.json");

fn verifier() -> Verifier {
    let keys =
        KeySet::from_pem(include_str!("../test-vectors/sample/vendor-public-key.pem")).unwrap();
    Verifier::new(keys).node_id("100.20.15.10")
}

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

/// Three runs: valid the day before expiry, expired the day after, and with the
/// clock set back a month — still expired, at the floor's time, through a state
/// stored and read back between runs.
#[test]
fn a_clock_set_back_does_not_revive_an_expired_license() {
    let verifier = verifier();
    let mut floor = TimeFloor::new();

    let now = floor.effective_now(at("2036-10-31T12:00:00Z"));
    floor.advance(now);
    let license = verifier.verify(FILE, now).unwrap();
    floor.observe(&license, now);
    let state = floor.encode();
    assert_eq!(state, "licsig-time-floor 1 2036-10-31T12:00:00Z\n");

    let mut floor = TimeFloor::decode(state.as_bytes()).unwrap();
    let now = floor.effective_now(at("2036-11-02T00:00:00Z"));
    floor.advance(now);
    assert_eq!(
        verifier.verify(FILE, now).unwrap_err().kind(),
        ErrorKind::Expired
    );
    let state = floor.encode();
    assert_eq!(state, "licsig-time-floor 1 2036-11-02T00:00:00Z\n");

    let floor = TimeFloor::decode(state.as_bytes()).unwrap();
    let clock = at("2036-10-01T00:00:00Z");
    assert!(
        verifier.verify(FILE, clock).is_ok(),
        "the clock alone would revive it"
    );
    let now = floor.effective_now(clock);
    assert_eq!(now, at("2036-11-02T00:00:00Z"));
    assert_eq!(
        verifier.verify(FILE, now).unwrap_err().context(),
        &Context::Expired {
            now: at("2036-11-02T00:00:00Z"),
            not_after: at("2036-11-01T00:00:00Z"),
            leeway_secs: 60,
        }
    );
}

/// A license verified 30 seconds before its `issuedAt` (within the leeway) raises
/// the floor to its `issuedAt`; one verified a day early under a generous leeway
/// raises it only to the verification time plus 60 seconds.
#[test]
fn issued_at_raises_the_floor_up_to_the_cap() {
    let mut floor = TimeFloor::new();
    let now = at("2026-10-31T23:59:30Z");
    let license = verifier().verify(FILE, now).unwrap();
    floor.observe(&license, now);
    assert_eq!(floor.floor(), at("2026-11-01T00:00:00Z"));

    let mut floor = TimeFloor::new();
    let now = at("2026-10-31T00:00:00Z");
    let license = verifier().leeway(86_400).verify(FILE, now).unwrap();
    floor.observe(&license, now);
    assert_eq!(floor.floor(), at("2026-10-31T00:01:00Z"));

    // A floor already past both stays where it is.
    floor.advance(at("2030-01-01T00:00:00Z"));
    floor.observe(&license, now);
    assert_eq!(floor.floor(), at("2030-01-01T00:00:00Z"));
}
