//! The one event each license verification emits (feature `tracing`).
//!
//! `Verifier::verify` and `Verifier::verify_detached` emit exactly one event, target
//! `licsig`: INFO `license verified` when valid, WARN `license refused` otherwise
//! (a refused license is something an operator should see; a forged one is too).
//! Fields: `form`, `kid`, `alg`, `outcome` (`"valid"` or the error kind, as
//! `ErrorKind::as_str` spells it) and `license_id` (`licenseArn`). A refusal carries
//! what was established before it: the form once the bytes were read; the key id and
//! algorithm once a signature verified, or from the error's context (the key that
//! did not verify, the algorithm not allowed); the license id only once a signature
//! verified, so that nothing unsigned is logged as a license's. No other license
//! content: no entitlements, node id, consumption token, metadata or claims.
//!
//! `Verifier::verify_jws` (signed data that is not a license) and `Verifier::recheck`
//! (no verification, a time check) emit nothing. Without the feature nothing here
//! does anything, and nothing is kept on the path of a valid license.

use crate::alg::Algorithm;
use crate::error::Error;
use crate::form::Form;

/// The target of every event licsig emits.
#[cfg(feature = "tracing")]
const TARGET: &str = "licsig";

/// What a verification had established when it failed, for its event.
#[derive(Default)]
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) struct Trail {
    form: Option<Form>,
    kid: Option<String>,
    alg: Option<Algorithm>,
    license_id: Option<String>,
}

impl Trail {
    /// The input was read in this form.
    pub(crate) fn form(&mut self, form: Form) {
        self.form = Some(form);
    }

    /// A signature by `kid` with `alg` verified over the license `license_id`, and a
    /// later check failed. (Only on that path: the owned copies cost nothing when the
    /// license is valid.)
    pub(crate) fn signed(&mut self, kid: &str, alg: Algorithm, license_id: &str) {
        self.kid = Some(kid.to_owned());
        self.alg = Some(alg);
        self.license_id = Some(license_id.to_owned());
    }

    /// Emits the event of a refusal.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables, clippy::unused_self))]
    pub(crate) fn refused(&self, error: &Error) {
        #[cfg(feature = "tracing")]
        {
            use crate::error::Context;
            let (kid, alg) = match error.context() {
                Context::KeyMismatch { kid, alg, .. } => (Some(kid.as_str()), Some(*alg)),
                Context::UnknownKey { kid, .. } | Context::BadSignature { kid } => {
                    (kid.as_deref(), None)
                }
                Context::KeyRevoked { kid } | Context::KeyOutsideValidity { kid, .. } => {
                    (Some(kid.as_str()), None)
                }
                Context::AlgorithmNotAllowed { alg, .. } => (None, Some(*alg)),
                _ => (None, None),
            };
            tracing::warn!(
                target: TARGET,
                form = self.form.map(Form::as_str),
                kid = self.kid.as_deref().or(kid),
                alg = self.alg.or(alg).map(Algorithm::jose_name),
                outcome = error.kind().as_str(),
                license_id = self.license_id.as_deref(),
                "license refused"
            );
        }
    }
}

/// Emits the event of a valid license.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn valid(form: Form, kid: &str, alg: Algorithm, license_id: &str) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        target: TARGET,
        form = form.as_str(),
        kid = kid,
        alg = alg.jose_name(),
        outcome = "valid",
        license_id = license_id,
        "license verified"
    );
}
