//! # licsig
//!
//! Offline verification of signed software licenses, after AWS License Manager's
//! cryptographic license signing: a vendor-owned asymmetric key signs a JSON document
//! listing entitlements; the product checks, with the vendor's pinned public keys and
//! no network, that the document was not altered and who signed it.
//!
//! ```
//! # fn main() -> Result<(), licsig::Error> {
//! // The vendor's public key, pinned in the binary.
//! let keys = licsig::KeySet::from_pem(include_str!("../test-vectors/sample/vendor-public-key.pem"))?;
//! let verifier = licsig::Verifier::new(keys) // default policy: strict, fail-closed
//!     .node_id("100.20.15.10")                // this machine; the license is node-locked
//!     .require_entitlement("Feature.Export");
//!
//! // A license file, a JWS token or an AWS CheckoutLicense response, read from disk.
//! let bytes = include_bytes!("../test-vectors/sample/license-file.json");
//! let now = licsig::Time::parse("2026-11-22T12:00:00Z")?; // usually Time::now()
//! let license = verifier.verify(bytes, now)?;
//!
//! assert_eq!(license.entitlement("Seats")?.count()?, 25);
//! assert!(license.entitlement("Feature.Export")?.boolean()?);
//! assert_eq!(license.algorithm(), licsig::Algorithm::Ps256);
//!
//! // Ten years on, the same file is refused, with a reason a person can act on.
//! let later = licsig::Time::parse("2037-01-01T00:00:00Z")?;
//! let err = verifier.verify(bytes, later).unwrap_err();
//! assert_eq!(err.kind(), licsig::ErrorKind::Expired);
//! # Ok(()) }
//! ```
//!
//! ## What is where
//!
//! | module | concept |
//! |---|---|
//! | [`json`] | strict JSON (RFC 8259 + I-JSON) and its RFC 8785 canonical form |
//! | [`alg`] | the signature algorithms (JOSE and AWS KMS names), key types and curves, which fits which |
//! | [`key`] | public keys (SPKI, PKCS#1, X.509, JWK), validated once when loaded; [`KeySet`] |
//! | [`chain`] | `x5c` certificate paths validated to pinned trust anchors |
//! | [`jws`] | protected headers and the compact serialization |
//! | [`license`] | the license document: entitlements, units, times |
//! | [`limits`] | [`Limits`], the bounds on the work one input may cause |
//! | [`verify`] | [`Verifier`], its policy, [`VerifiedLicense`] |
//! | [`rollback`] | [`TimeFloor`], a stored lower bound on the time against a clock set back |
//! | [`unverified`] | reading licenses without trust, for display and debugging |
//! | [`hazmat`] | raw signature checks and ECDSA encoders, outside any policy |
//! | `sign` (feature `sign`) | `Signer`: issuing tokens, license files and detached signatures; `ExternalSigner` for KMS or an HSM |
//!
//! Errors are one type, [`Error`]: a stable [`ErrorKind`], its [`Context`] as typed
//! data, and a message for a person.
//!
//! Data flows one way: bytes → form → header → key → signature → claims →
//! [`VerifiedLicense`], which only the verifier constructs.
//!
//! ## Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `cli` | off | the `licsig` command as an installable binary (`cargo install licsig --features cli`), with shell completions and a man page; brings `clap`. The library does not change. |
//! | `sign` | off | the `sign` module: `Signer` (PKCS#8 keys through the crypto backend, ML-DSA seeds included, or an `ExternalSigner` such as an AWS KMS key) for the three self-made forms; the `licsig sign` command. Under `ring`, turns on `ml-dsa`'s `zeroize`. |
//! | `serde` | off | `License::claim::<T>(name)`: a vendor's own claim read into the caller's `Deserialize` type, through licsig's one parser (`json::Value` is a `serde::Deserializer`); `Serialize` for `VerifiedLicense` (form, kid, algorithm, signed document) and `json::Value`/`Document`. Integers are exact within ±(2^53 − 1), beyond that doubles only. Adds `serde`. |
//! | `tracing` | off | one event per `Verifier::verify`/`verify_detached`, target `licsig`, INFO when valid and WARN when refused, with the fields `form`, `kid`, `alg`, `outcome` (`valid` or the error kind) and `license_id` — no other license content. Adds `tracing` without default features. |
//! | `ring` | on | the crypto backend `ring`, with RustCrypto's `ml-dsa` for ML-DSA (FIPS 204), which ring lacks. |
//! | `aws-lc` | off | the crypto backend `aws-lc-rs` instead, for every cryptographic call (ML-DSA included), even if `ring` is on too; public keys are parsed by it once, when loaded. Needs a C compiler to build. With `default-features = false` neither ring nor `ml-dsa` is linked. |
//! | `fips` | off | `aws-lc` on AWS-LC's FIPS 140-3 module (`aws-lc-rs/fips`), ML-DSA included. Needs cmake and Go to build as well. |
//!
//! Both backends behave the same: they take the same keys (the checks are licsig's
//! own) and accept the same signatures. Their ML-DSA signatures differ in their bytes
//! only: ring's `ml-dsa` signs deterministically, aws-lc-rs hedged. Without either
//! backend, the crate does not compile.
//!
//! ## Promises
//!
//! No input makes the library panic, allocate without bound or loop without bound:
//! every input is bounded in size and depth ([`Limits`]), parsing and writing
//! are iterative, and `unsafe` code is forbidden. Time is always passed in. See
//! `SECURITY.md`.
//!
//! MSRV: Rust 1.87.

#![forbid(unsafe_code)]

pub mod alg;
mod b64;
pub mod chain;
mod crypto;
mod der;
mod error;
mod form;
pub mod hazmat;
pub mod json;
pub mod jws;
pub mod key;
pub mod license;
pub mod limits;
pub mod rollback;
#[cfg(feature = "sign")]
pub mod sign;
mod span;
mod time;
mod trace;
pub mod unverified;
pub mod verify;

pub use alg::{Algorithm, AlgorithmSet, Family};
pub use error::{Context, Error, ErrorKind, Limit};
pub use form::Form;
pub use key::{KeySet, PublicKey};
pub use license::{Entitlement, License, Unit};
pub use limits::Limits;
pub use rollback::TimeFloor;
#[cfg(feature = "sign")]
pub use sign::{ExternalSigner, Signer};
pub use time::{InvalidTime, Time};
pub use verify::{VerifiedLicense, Verifier};
