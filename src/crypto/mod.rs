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

#[cfg(test)]
#[cfg(feature = "sign")]
mod tests {
    use super::KeyPair;

    /// A PKCS#8 DER RSA private key from `openssl genpkey` with these `-pkeyopt`s
    /// (its DER output is PKCS#1, hence `openssl pkcs8`).
    fn openssl_rsa(opts: &[&str]) -> Vec<u8> {
        let opts: String = opts.iter().map(|o| format!(" -pkeyopt {o}")).collect();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "openssl genpkey -algorithm RSA{opts} 2>/dev/null \
                 | openssl pkcs8 -topk8 -nocrypt -outform DER"
            ))
            .output()
            .expect("sh runs");
        assert!(out.status.success(), "openssl genpkey{opts} failed");
        out.stdout
    }

    /// Both backends sign with the RSA keys ring signs with, and no others: aws-lc-rs
    /// alone would take up to 8192 bits and any exponent.
    #[test]
    fn rsa_signing_keys_are_bounded_alike() {
        let ok = openssl_rsa(&["rsa_keygen_bits:2048"]);
        assert!(KeyPair::from_pkcs8(&ok).is_ok());
        for opts in [
            ["rsa_keygen_bits:4104", "rsa_keygen_pubexp:65537"],
            ["rsa_keygen_bits:2048", "rsa_keygen_pubexp:3"],
        ] {
            assert!(
                KeyPair::from_pkcs8(&openssl_rsa(&opts)).is_err(),
                "{opts:?} was accepted"
            );
        }
    }
}
