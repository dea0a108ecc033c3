//! Every call into the cryptographic library: signature checks, signing, SHA-256 for
//! key ids, EC point validation.
//!
//! The functions here work on raw key material and algorithm names only; they know
//! nothing of key formats, policies or licenses. One file per backend defines them
//! under the same names — `ring.rs` today — so that another backend can stand beside
//! it as a sibling file chosen by a feature.

#[path = "ring.rs"]
mod backend;
// ML-DSA for the ring backend, which has none.
mod ml_dsa;

pub(crate) use backend::{ec_point_is_valid, sha256, verify, verify_certificate, VerifyingKey};
#[cfg(feature = "sign")]
pub(crate) use backend::{KeyPair, PublicParts};

/// The signature did not verify. Deliberately without detail, as in ring: a wrong key,
/// a changed message and a malformed signature look the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BadSignature;
