//! Every call into the cryptographic library: signature checks, signing, SHA-256 for
//! key ids, EC point validation.
//!
//! The functions here work on raw key material and algorithm names only; they know
//! nothing of key formats, policies or licenses. One file per backend defines them
//! under the same names: `ring.rs` (feature `ring`, the default) and `aws_lc.rs`
//! (feature `aws-lc`, which wins when both are on, since features add up).

#[cfg(not(any(feature = "ring", feature = "aws-lc")))]
compile_error!("licsig needs a crypto backend: enable feature `ring` (the default) or `aws-lc`");

#[cfg_attr(feature = "aws-lc", path = "aws_lc.rs")]
#[cfg_attr(not(feature = "aws-lc"), path = "ring.rs")]
mod backend;

pub(crate) use backend::{ec_point_is_valid, sha256, verify, verify_certificate, VerifyingKey};
#[cfg(feature = "sign")]
pub(crate) use backend::{KeyPair, PublicParts};

/// The signature did not verify. Deliberately without detail, as in ring: a wrong key,
/// a changed message and a malformed signature look the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BadSignature;

/// The backend could not take a public key that licsig's own checks accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyRefused;
