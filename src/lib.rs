//! # licsig
//!
//! Offline verification of signed software licenses, after AWS License Manager's
//! cryptographic license signing: a vendor-owned asymmetric key signs a JSON document
//! listing entitlements; the product checks, with the vendor's pinned public keys and
//! no network, that the document was not altered and who signed it.
//!
//! This release provides the foundation every other part stands on: strict JSON and
//! its RFC 8785 (JCS) canonical form, in [`json`]; trusted public keys — loaded,
//! validated and identified once — in [`key`] ([`KeySet`], [`PublicKey`]); and the
//! signature algorithms with the one signature check, in [`alg`] ([`Algorithm`],
//! [`alg::verify`]).
//!
//! ```
//! use licsig::json;
//!
//! let license = br#"{
//!     "licenseArn": "arn:aws:license-manager::123456789012:license:l-1",
//!     "issuedAt": "2026-11-01T00:00:00",
//!     "entitlementsAllowed": [{"name": "Seats", "unit": "Count", "value": "10"}]
//! }"#;
//! let doc = json::Document::parse(license)?;
//! assert_eq!(doc.root().get("issuedAt").and_then(|v| v.as_str()), Some("2026-11-01T00:00:00"));
//! assert_eq!(
//!     doc.to_canonical(),
//!     br#"{"entitlementsAllowed":[{"name":"Seats","unit":"Count","value":"10"}],"issuedAt":"2026-11-01T00:00:00","licenseArn":"arn:aws:license-manager::123456789012:license:l-1"}"#
//! );
//!
//! // Duplicate member names are refused, even when escaped differently.
//! let err = json::canonicalize(br#"{"a":1,"\u0061":2}"#).unwrap_err();
//! assert_eq!(err.kind(), licsig::ErrorKind::Malformed);
//! # Ok::<(), licsig::Error>(())
//! ```
//!
//! ## Promises
//!
//! No input makes the library panic, allocate without bound or loop without bound:
//! every input is bounded in size ([`json::Limits`]) and depth, parsing and writing are
//! iterative, and `unsafe` code is forbidden.
//!
//! MSRV: Rust 1.85.

#![forbid(unsafe_code)]

pub mod alg;
mod error;
mod form;
pub mod json;
pub mod jws;
pub mod key;
pub mod license;
mod time;
pub mod unverified;
pub mod verify;

pub use alg::{Algorithm, AlgorithmSet};
pub use error::{Error, ErrorKind};
pub use form::Form;
pub use key::{KeySet, PublicKey};
pub use license::{Entitlement, License, Unit};
pub use time::Time;
pub use verify::{VerifiedLicense, Verifier};
