//! Feature `tracing`: one event per verification, target `licsig`, with the form, key
//! id, algorithm, outcome and license id — and no other license content.
//!
//! A subscriber written here records every event; the bundled sample license file,
//! token and detached signature are verified under it.
#![cfg(feature = "tracing")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use licsig::{Algorithm, KeySet, Time, Verifier};
use tracing::field::{Field, Visit};
use tracing::{span, Event, Level, Metadata, Subscriber};

const KID: &str = "428ef18f2a31dd4be16db9bb1cdfbc142b5f04dcb6b1e9ef550ece493b625038";
const ARN: &str =
    "arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1";

/// One event: its target, level and fields, each as text.
#[derive(Debug, PartialEq)]
struct Recorded {
    target: String,
    level: Level,
    fields: BTreeMap<String, String>,
}

/// Records every event; spans are not used by licsig.
struct Capture(Arc<Mutex<Vec<Recorded>>>);

struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }
    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(BTreeMap::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(Recorded {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            fields: fields.0,
        });
    }
    fn enter(&self, _: &span::Id) {}
    fn exit(&self, _: &span::Id) {}
}

/// The events `f` emits.
fn events(f: impl FnOnce()) -> Vec<Recorded> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    tracing::subscriber::with_default(Capture(seen.clone()), f);
    let events = std::mem::take(&mut *seen.lock().unwrap());
    events
}

fn event(level: Level, fields: &[(&str, &str)]) -> Recorded {
    Recorded {
        target: "licsig".to_owned(),
        level,
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

fn verifier() -> Verifier {
    let keys =
        KeySet::from_pem(include_str!("../test-vectors/sample/vendor-public-key.pem")).unwrap();
    Verifier::new(keys).node_id("100.20.15.10")
}

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

const FILE: &[u8] = include_bytes!("../test-vectors/sample/license-file.json");

/// A valid license: one INFO event with exactly the five fields and the message.
#[test]
fn a_valid_license_emits_one_info_event() {
    let seen = events(|| {
        verifier().verify(FILE, at("2026-11-22T12:00:00Z")).unwrap();
    });
    assert_eq!(
        seen,
        [event(
            Level::INFO,
            &[
                ("message", "license verified"),
                ("form", "license_file"),
                ("kid", KID),
                ("alg", "PS256"),
                ("outcome", "valid"),
                ("license_id", ARN),
            ]
        )]
    );
}

/// A license refused after its signature verified: one WARN event with the signer,
/// the kind and the (signed) license id.
#[test]
fn an_expired_license_emits_one_warn_event() {
    let seen = events(|| {
        verifier()
            .verify(FILE, at("2037-01-01T00:00:00Z"))
            .unwrap_err();
    });
    assert_eq!(
        seen,
        [event(
            Level::WARN,
            &[
                ("message", "license refused"),
                ("form", "license_file"),
                ("kid", KID),
                ("alg", "PS256"),
                ("outcome", "expired"),
                ("license_id", ARN),
            ]
        )]
    );
}

/// A signature that does not verify: the form and the key it was checked with
/// (from the error's context), and no license id — the document is not the vendor's.
#[test]
fn a_bad_signature_names_no_license() {
    let text = String::from_utf8(FILE.to_vec()).unwrap();
    let forged = text.replace("\"Seats\"", "\"Seatz\"");
    let seen = events(|| {
        verifier()
            .verify(forged.as_bytes(), at("2026-11-22T12:00:00Z"))
            .unwrap_err();
    });
    assert_eq!(
        seen,
        [event(
            Level::WARN,
            &[
                ("message", "license refused"),
                ("form", "license_file"),
                ("kid", KID),
                ("outcome", "bad_signature"),
            ]
        )]
    );
}

/// Input that is no form at all: the outcome only.
#[test]
fn unreadable_input_emits_the_outcome_only() {
    let seen = events(|| {
        verifier()
            .verify(b"", at("2026-11-22T12:00:00Z"))
            .unwrap_err();
    });
    assert_eq!(
        seen,
        [event(
            Level::WARN,
            &[("message", "license refused"), ("outcome", "malformed")]
        )]
    );
}

/// A detached signature, valid and then with another node id: one event each, and no
/// event field holds the node id, an entitlement, the consumption token or the
/// metadata.
#[test]
fn detached_verifications_emit_no_license_content() {
    let document = include_bytes!("../test-vectors/sample/license.json");
    let signature = include_bytes!("../test-vectors/sample/license.json.sig");
    let now = at("2026-11-22T12:00:00Z");
    let other_node = verifier().node_id("10.0.0.1");
    let seen = events(|| {
        let license = verifier()
            .verify_detached(document, signature, Algorithm::Ps256, None, now)
            .unwrap();
        verifier().recheck(&license, now).unwrap();
        other_node
            .verify_detached(document, signature, Algorithm::Ps256, None, now)
            .unwrap_err();
        // Neither a compact JWS's signature check nor a recheck is a verification of
        // a license: no event.
        let token = include_bytes!("../test-vectors/sample/token.jwt");
        verifier().verify_jws(token.trim_ascii()).unwrap();
    });
    let fields = |outcome: &'static str| {
        [
            (
                "message",
                if outcome == "valid" {
                    "license verified"
                } else {
                    "license refused"
                },
            ),
            ("form", "detached"),
            ("kid", KID),
            ("alg", "PS256"),
            ("outcome", outcome),
            ("license_id", ARN),
        ]
    };
    assert_eq!(
        seen,
        [
            event(Level::INFO, &fields("valid")),
            event(Level::WARN, &fields("node_mismatch")),
        ]
    );
    let all = format!("{seen:?}");
    for secret in [
        "100.20.15.10",
        "10.0.0.1",
        "Seats",
        "Feature.Export",
        "88bd3aa8",
        "Example Corp",
    ] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
}
