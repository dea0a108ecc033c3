#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Deterministic AWS License Manager-style license documents for the benchmarks and the
//! peak-memory test.
//!
//! The shape follows a `CheckoutLicense` answer written out as a license document:
//! `licenseArn`, `licenseConsumptionToken`, `issuedAt`, `expiration`, `nodeId`,
//! `checkoutMetadata` and `entitlementsAllowed`, each entitlement a
//! `{name, unit, value}` object whose value is a string, as AWS writes them. The text is
//! pretty-printed with two-space indentation, as a person or `jq` would save it.
//!
//! A fixed-seed xorshift picks names, units and values, so every run (and every
//! machine) measures the same bytes; entitlement `i` depends only on `i`, so a larger
//! document extends a smaller one.

use std::fmt::Write as _;

/// The largest document of this shape that is at most `target` bytes, with at least
/// one entitlement.
pub(crate) fn license_document(target: usize) -> Vec<u8> {
    const HEAD: &str = r#"{
  "licenseArn": "arn:aws:license-manager::294406891311:license:l-4d7e1a0b3c2f4e5a9b8c7d6e5f4a3b2c",
  "licenseConsumptionToken": "6f1c2b9e-8a43-4d57-b2e0-3c9d71f0a6e4",
  "issuedAt": "2026-11-22T09:14:03.000Z",
  "expiration": "2026-11-23T09:14:03.000Z",
  "nodeId": "i-0a1b2c3d4e5f67890",
  "checkoutMetadata": [
    {
      "name": "Environment",
      "value": "production"
    }
  ],
  "entitlementsAllowed": ["#;
    const TAIL: &str = "\n  ]\n}\n";

    let mut out = String::from(HEAD);
    let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
    let mut entry = String::new();
    for i in 0.. {
        entry.clear();
        if i > 0 {
            entry.push(',');
        }
        write_entitlement(&mut entry, i, &mut rng);
        if i > 0 && out.len() + entry.len() + TAIL.len() > target {
            break;
        }
        out.push_str(&entry);
    }
    out.push_str(TAIL);
    out.into_bytes()
}

fn write_entitlement(out: &mut String, i: u32, rng: &mut u64) {
    const FEATURES: [&str; 8] = [
        "Seats",
        "DataVolume",
        "ApiCalls",
        "Nodes",
        "StorageTier",
        "Bandwidth",
        "Runtime",
        "Support",
    ];
    const UNITS: [&str; 8] = [
        "Count",
        "Gigabytes",
        "Count/Second",
        "Count",
        "Terabytes",
        "Megabits/Second",
        "Seconds",
        "None",
    ];
    let r = next(rng);
    let kind = (r % 8) as usize;
    let value = match UNITS[kind] {
        "None" => "Enabled".to_owned(),
        _ => (1 + (r >> 8) % 100_000).to_string(),
    };
    write!(
        out,
        "\n    {{\n      \"name\": \"{}-{i:05}\",\n      \"unit\": \"{}\",\n      \"value\": \"{value}\"\n    }}",
        FEATURES[kind], UNITS[kind]
    )
    .unwrap();
}

/// xorshift64: small, fixed, good enough to vary field lengths.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}
