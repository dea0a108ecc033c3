//! Embedding licsig in a product: the vendor's public key pinned in the binary, the
//! AWS License Manager checkout kept on disk, a feature gated on an entitlement, and
//! a new checkout before the old one expires.
//!
//! ```text
//! cargo run --example embed
//! ```
//!
//! Offline, on the bundled sample (`test-vectors/sample/checkout-response.json`,
//! signed by `vendor-public-key.pem`'s key). In a product:
//!
//! 1. Pin the public key of the KMS key that signs the licenses:
//!    `aws kms get-public-key --key-id … --output text --query PublicKey | base64 -d > vendor.der`
//!    and `include_bytes!("vendor.der")` (the base64 text or a PEM work as well).
//! 2. Check a license out with `aws license-manager checkout-license` (or the SDK's
//!    `CheckoutLicense`) and write the response body to disk as it came. Only its
//!    `SignedToken` is trusted; licsig checks that the fields beside it agree.
//! 3. At start-up, and whenever a gated feature is used, verify the file with the
//!    machine's node id and the time, and gate on the entitlements of the
//!    `VerifiedLicense`.
//! 4. The token's `expiration` is the checkout's time to live. `ExtendLicenseConsumption`
//!    extends the consumption on the AWS side but returns no new token, so before
//!    `expiration` check out again and replace the file.

use std::path::PathBuf;

use licsig::{ErrorKind, KeySet, Time, VerifiedLicense, Verifier};

/// The vendor's public key, compiled in. A file beside the binary could be replaced
/// by the license holder; the binary's own bytes are what the vendor shipped.
const VENDOR_PUBLIC_KEY: &[u8] = include_bytes!("../test-vectors/sample/vendor-public-key.pem");

/// Check out again when less than this is left (the checkout's time to live is
/// usually hours; leave room for a failed attempt or two).
const RENEW_BEFORE_SECS: i64 = 15 * 60;

/// What the product should do with the license on disk.
enum Status {
    /// Licensed; `renew` when the checkout is about to expire.
    Licensed {
        license: Box<VerifiedLicense>,
        renew: bool,
    },
    /// No usable license: the file is missing, expired, or refused.
    Unlicensed { why: String, check_out: bool },
}

struct Licensing {
    verifier: Verifier,
    path: PathBuf,
}

impl Licensing {
    fn new(path: PathBuf, node_id: &str) -> Result<Self, licsig::Error> {
        let keys = KeySet::from_bytes(VENDOR_PUBLIC_KEY)?;
        let verifier = Verifier::new(keys)
            // AWS License Manager signs with PS384; allow nothing else.
            .allow_algorithms(licsig::AlgorithmSet::EMPTY.with(licsig::Algorithm::Ps384))
            .node_id(node_id);
        Ok(Self { verifier, path })
    }

    /// Saves a CheckoutLicense response body (or a bare `SignedToken`) as received,
    /// once it verifies: a bad answer never replaces a good license.
    fn store(&self, response: &[u8], now: Time) -> Result<(), licsig::Error> {
        self.verifier.verify(response, now)?;
        std::fs::write(&self.path, response).map_err(|e| {
            licsig::Error::new(
                ErrorKind::Malformed,
                format!("cannot save the license: {e}"),
            )
        })
    }

    fn status(&self, now: Time) -> Status {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                return Status::Unlicensed {
                    why: format!("no license at {}: {e}", self.path.display()),
                    check_out: true,
                }
            }
        };
        match self.verifier.verify(&bytes, now) {
            Ok(license) => {
                let renew = license
                    .not_after()
                    .is_some_and(|end| end.seconds_since(now) < RENEW_BEFORE_SECS);
                Status::Licensed {
                    license: Box::new(license),
                    renew,
                }
            }
            // Expired: an ordinary event for a checkout, solved by checking out again.
            Err(e) if e.kind() == ErrorKind::Expired => Status::Unlicensed {
                why: e.to_string(),
                check_out: true,
            },
            // Anything else (bad signature, another node, revoked): checking out
            // again will not help; say why.
            Err(e) => Status::Unlicensed {
                why: format!("{} ({})", e, e.kind()),
                check_out: false,
            },
        }
    }
}

/// The gate: a feature is on only with a verified license that grants it.
fn export_enabled(status: &Status) -> bool {
    match status {
        Status::Licensed { license, .. } => license
            .entitlement("Feature.Export")
            .and_then(|e| e.boolean())
            .unwrap_or(false),
        Status::Unlicensed { .. } => false,
    }
}

fn check_out_command(node_id: &str) -> String {
    format!(
        "aws license-manager checkout-license --product-sku PRODUCT_SKU \
         --checkout-type PROVISIONAL \
         --key-fingerprint 'aws:294406891311:AWS/Marketplace:issuer-fingerprint' \
         --entitlements Name=Feature.Export,Unit=None Name=Seats,Value=25,Unit=Count \
         --node-id {node_id} --client-token $(uuidgen) > license.json"
    )
}

/// Prints what the product would do, and returns whether the feature is on.
fn report(at: &str, status: &Status, node_id: &str) -> bool {
    println!("{at}:");
    match status {
        Status::Licensed { license, renew } => {
            println!(
                "  licensed: {}, {} by key {}",
                license.license_arn(),
                license.algorithm(),
                license.kid()
            );
            if let Some(end) = license.not_after() {
                println!("  checkout valid until {end}");
            }
            if *renew {
                println!("  expires soon: check out again now:");
                println!("    {}", check_out_command(node_id));
            }
        }
        Status::Unlicensed { why, check_out } => {
            println!("  not licensed: {why}");
            if *check_out {
                println!("  check out a license:");
                println!("    {}", check_out_command(node_id));
            }
        }
    }
    let enabled = export_enabled(status);
    println!(
        "  Feature.Export: {}",
        if enabled { "enabled" } else { "disabled" }
    );
    enabled
}

fn main() -> Result<(), licsig::Error> {
    // In a product: this machine's node id, as given to CheckoutLicense.
    let node_id = "100.20.15.10";
    let dir = std::env::temp_dir().join(format!("licsig-embed-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| licsig::Error::new(ErrorKind::Malformed, e.to_string()))?;
    let licensing = Licensing::new(dir.join("license.json"), node_id)?;

    // Before any checkout.
    let now = Time::parse("2026-11-22T09:00:00Z")?; // usually Time::now()
    let on = report(
        "first start, before any checkout",
        &licensing.status(now),
        node_id,
    );
    assert!(!on, "unexpected gate");

    // The response of `aws license-manager checkout-license`, saved as received.
    let response = include_bytes!("../test-vectors/sample/checkout-response.json");
    licensing.store(response, now)?;
    let on = report(
        &format!("{now}, after checkout"),
        &licensing.status(now),
        node_id,
    );
    assert!(on, "unexpected gate");

    // Ten minutes before the checkout expires (the sample's runs to 2036-11-01).
    let late = Time::parse("2036-10-31T23:50:00Z")?;
    let on = report(
        &format!("{late}, ten minutes before expiry"),
        &licensing.status(late),
        node_id,
    );
    assert!(on, "unexpected gate");

    // After expiry: the same file no longer unlocks anything.
    let after = Time::parse("2036-11-02T00:00:00Z")?;
    let on = report(
        &format!("{after}, after expiry"),
        &licensing.status(after),
        node_id,
    );
    assert!(!on, "unexpected gate");

    // An altered file is refused, and checking out again is not the fix. (Only the
    // SignedToken is signed; the fields beside it must agree with it.)
    let tampered = String::from_utf8_lossy(response)
        .replace("\"NodeId\": \"100.20.15.10\"", "\"NodeId\": \"10.0.0.99\"");
    std::fs::write(dir.join("license.json"), tampered)
        .map_err(|e| licsig::Error::new(ErrorKind::Malformed, e.to_string()))?;
    let on = report(
        "an altered response on disk",
        &licensing.status(now),
        node_id,
    );
    assert!(!on, "unexpected gate");

    // The bare token works the same way.
    let token = Licensing::new(dir.join("token.jwt"), node_id)?;
    token.store(include_bytes!("../test-vectors/sample/token.jwt"), now)?;
    let on = report("the bare SignedToken on disk", &token.status(now), node_id);
    assert!(on, "unexpected gate");

    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
