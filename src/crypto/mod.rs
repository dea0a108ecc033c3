//! Every call into the cryptographic library: signature checks, signing, SHA-256 for
//! key ids, EC point validation.
//!
//! The functions here work on raw key material and algorithm names only; they know
//! nothing of key formats, policies or licenses. One file per backend defines them
//! under the same names: `ring.rs` (feature `ring`, the default), with
//! `ml_dsa_rustcrypto.rs` for the ML-DSA that ring lacks, and `aws_lc.rs` (feature
//! `aws-lc`, which wins when both are on, since features add up).

#[cfg(not(any(feature = "ring", feature = "aws-lc")))]
compile_error!("licsig needs a crypto backend: enable feature `ring` (the default) or `aws-lc`");

#[cfg_attr(feature = "aws-lc", path = "aws_lc.rs")]
#[cfg_attr(not(feature = "aws-lc"), path = "ring.rs")]
mod backend;
#[cfg(feature = "sign")]
mod ml_dsa_pkcs8;
#[cfg(not(feature = "aws-lc"))]
mod ml_dsa_rustcrypto;

pub(crate) use backend::{ec_point_is_valid, sha256, verify, verify_certificate, VerifyingKey};
#[cfg(feature = "sign")]
pub(crate) use backend::{KeyPair, PublicParts, SIGNING_BACKEND};

// For signers that take μ instead of the message (AWS KMS `EXTERNAL_MU`).
#[cfg(feature = "sign")]
mod external_mu;
#[cfg(feature = "sign")]
pub(crate) use external_mu::ml_dsa_external_mu;

/// The signature did not verify. Deliberately without detail, as in ring: a wrong key,
/// a changed message and a malformed signature look the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BadSignature;

/// The backend could not take a public key that licsig's own checks accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyRefused;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::{Algorithm, Curve, EcdsaEncoding, KeyType, MlDsaParameterSet};

    /// The standard output of `sh -c script`, which must succeed.
    fn sh(script: &str) -> Vec<u8> {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .output()
            .expect("sh runs");
        assert!(out.status.success(), "{script} failed");
        out.stdout
    }

    /// A PKCS#8 DER RSA private key from `openssl genpkey` with these `-pkeyopt`s
    /// (its DER output is PKCS#1, hence `openssl pkcs8`).
    #[cfg(feature = "sign")]
    fn openssl_rsa(opts: &[&str]) -> Vec<u8> {
        let opts: String = opts.iter().map(|o| format!(" -pkeyopt {o}")).collect();
        sh(&format!(
            "openssl genpkey -algorithm RSA{opts} 2>/dev/null \
             | openssl pkcs8 -topk8 -nocrypt -outform DER"
        ))
    }

    /// Both backends sign with the RSA keys ring signs with, and no others: aws-lc-rs
    /// alone would take up to 8192 bits and any exponent.
    #[cfg(feature = "sign")]
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

    /// Both backends take any ML-DSA public key of its set's length (FIPS 204
    /// `pkEncode` packs 10-bit values, all in range) and no other, and refuse a
    /// signature under another algorithm's name or that does not verify.
    #[test]
    fn ml_dsa_keys_of_any_bytes() {
        for set in [
            MlDsaParameterSet::MlDsa44,
            MlDsaParameterSet::MlDsa65,
            MlDsaParameterSet::MlDsa87,
        ] {
            let len = set.public_key_len();
            for wrong in [len - 1, len + 1] {
                assert!(VerifyingKey::ml_dsa(set, &vec![7; wrong]).is_err());
            }
            let key = VerifyingKey::ml_dsa(set, &vec![7; len]).unwrap();
            let sig = vec![0; set.signature_len()];
            for alg in [set.algorithm(), Algorithm::MlDsaShake256, Algorithm::EdDsa] {
                assert_eq!(
                    verify(alg, &key, b"m", &sig, EcdsaEncoding::Der),
                    Err(BadSignature),
                    "{} under {alg}",
                    set.name()
                );
            }
            let other = match set {
                MlDsaParameterSet::MlDsa44 => Algorithm::MlDsa65,
                _ => Algorithm::MlDsa44,
            };
            assert_eq!(
                verify(other, &key, b"m", &sig, EcdsaEncoding::Der),
                Err(BadSignature)
            );
        }
    }

    /// A certificate signature over the other curve's hash (RFC 5758: a P-384 CA
    /// signing with SHA-256, a P-256 CA with SHA-384) verifies under the hash it names
    /// only. openssl makes the key and the DER signatures.
    #[test]
    fn certificate_ecdsa_with_the_other_curves_hash() {
        let dir = std::env::temp_dir().join(format!("licsig-crypto-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let tbs = b"a TBSCertificate stand-in";
        std::fs::write(dir.join("tbs"), tbs).unwrap();
        for (curve, name, other_hash, own_alg, other_alg) in [
            (
                Curve::P384,
                "P-384",
                "sha256",
                Algorithm::Es384,
                Algorithm::Es256,
            ),
            (
                Curve::P256,
                "P-256",
                "sha384",
                Algorithm::Es256,
                Algorithm::Es384,
            ),
        ] {
            let d = dir.display();
            let point_len = 1 + 2 * curve.coordinate_len();
            let spki = sh(&format!(
                "cd {d} && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:{name} \
                 -out key.pem 2>/dev/null && openssl pkey -in key.pem -pubout -outform DER"
            ));
            let point = &spki[spki.len() - point_len..];
            let sig = sh(&format!(
                "cd {d} && openssl dgst -{other_hash} -sign key.pem tbs"
            ));
            assert!(ec_point_is_valid(curve, point));
            let key = VerifyingKey::ec(curve, point).unwrap();
            let issuer = KeyType::Ec(curve);
            assert_eq!(
                verify_certificate(other_alg, issuer, &key, tbs, &sig),
                Some(Ok(())),
                "{name} with {other_hash}"
            );
            assert_eq!(
                verify_certificate(own_alg, issuer, &key, tbs, &sig),
                Some(Err(BadSignature)),
                "{name}: the signature is over the other hash"
            );
            assert_eq!(
                verify_certificate(Algorithm::Ps256, issuer, &key, tbs, &sig),
                None
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
