//! Signing licenses with an AWS KMS key through [`licsig::sign::ExternalSigner`].
//!
//! The private key never leaves KMS: licsig builds the exact bytes to sign (a token's
//! or license file's signing input, or a document's RFC 8785 form), KMS `Sign` signs
//! them, and licsig assembles the form and checks the signature against the public
//! key before returning it. With the AWS CLI, one call is:
//!
//! ```text
//! aws kms sign --key-id alias/license-signing \
//!     --message fileb://signing-input.bin --message-type RAW \
//!     --signing-algorithm RSASSA_PSS_SHA_256 \
//!     --output text --query Signature        # base64 of the signature
//! ```
//!
//! and for an ML-DSA key (key spec `ML_DSA_44/65/87`) and a message over 4096 bytes,
//! the 64-byte μ that `licsig::sign::ml_dsa_external_mu` computes:
//!
//! ```text
//! aws kms sign --key-id alias/license-signing-pq \
//!     --message fileb://mu.bin --message-type EXTERNAL_MU \
//!     --signing-algorithm ML_DSA_SHAKE_256 \
//!     --output text --query Signature
//! ```
//!
//! The mapping, which `KmsSigner` below implements:
//!
//! | licsig | KMS `Sign` |
//! |---|---|
//! | the message | `Message`, with `MessageType` `RAW` when at most 4096 bytes (KMS's limit); otherwise, for RSA and ECDSA, its SHA-256/384/512 (the algorithm's hash) with `MessageType` `DIGEST`, and for ML-DSA its external μ (`sign::ml_dsa_external_mu`) with `MessageType` `EXTERNAL_MU` — the same signature either way; Ed25519 has no such form |
//! | `Algorithm::kms_name()` | `SigningAlgorithm` (`RSASSA_PSS_SHA_256`, `ECDSA_SHA_384`, `ML_DSA_SHAKE_256`, …) |
//! | `ExternalSigner::public_key` | `GetPublicKey` (`PublicKey`, DER SPKI; the CLI prints base64, which `PublicKey::from_bytes` reads) |
//! | ECDSA result | KMS returns DER; licsig converts to `r‖s` for the JWS forms |
//!
//! This example makes no network call and needs no AWS SDK: the `call` closure
//! stands in for the SDK's `client.sign()` (or for running the command above). Here
//! it is a fake backed by a test key, so the example runs offline:
//!
//! ```text
//! cargo run -p licsig-conformance --example kms_signer
//! ```

use base64::Engine as _;
use licsig::alg::EcdsaEncoding;
use licsig::sign::{ml_dsa_external_mu, ExternalSigner};
use licsig::{Algorithm, Error, ErrorKind, Family, KeySet, PublicKey, Signer, Time, Verifier};
use ml_dsa::MlDsa65;

/// One KMS `Sign` request, as the SDK or CLI takes it.
struct SignRequest<'a> {
    key_id: &'a str,
    message: Vec<u8>,
    /// `"RAW"`, `"DIGEST"` or `"EXTERNAL_MU"`.
    message_type: &'static str,
    signing_algorithm: &'static str,
}

/// KMS's limit for `MessageType` `RAW`.
const KMS_RAW_MAX: usize = 4096;

/// An AWS KMS asymmetric key (`KeyUsage` `SIGN_VERIFY`) as an external signer.
struct KmsSigner<F> {
    key_id: String,
    public_key: PublicKey,
    /// Performs `Sign` and returns the `Signature` bytes.
    call: F,
}

impl<F> ExternalSigner for KmsSigner<F>
where
    F: Fn(&SignRequest<'_>) -> Result<Vec<u8>, Error>,
{
    fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        let (message, message_type) = if message.len() <= KMS_RAW_MAX {
            (message.to_vec(), "RAW")
        } else {
            let hash = match alg {
                Algorithm::Ps256 | Algorithm::Rs256 | Algorithm::Es256 => &ring::digest::SHA256,
                Algorithm::Ps384 | Algorithm::Rs384 | Algorithm::Es384 => &ring::digest::SHA384,
                Algorithm::Ps512 | Algorithm::Rs512 => &ring::digest::SHA512,
                Algorithm::MlDsa44
                | Algorithm::MlDsa65
                | Algorithm::MlDsa87
                | Algorithm::MlDsaShake256 => {
                    let mu = ml_dsa_external_mu(&self.public_key, message)?;
                    return self.send(alg, mu.to_vec(), "EXTERNAL_MU");
                }
                // Pure Ed25519 cannot be pre-hashed (ED25519_PH_SHA_512 is another
                // algorithm), so the message must fit one RAW request.
                _ => {
                    return Err(Error::new(
                        ErrorKind::LimitExceeded,
                        format!("KMS signs at most {KMS_RAW_MAX} bytes with {alg}"),
                    ))
                }
            };
            (
                ring::digest::digest(hash, message).as_ref().to_vec(),
                "DIGEST",
            )
        };
        self.send(alg, message, message_type)
    }

    fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    fn ecdsa_encoding(&self) -> EcdsaEncoding {
        EcdsaEncoding::Der // KMS returns ECDSA signatures as DER
    }
}

impl<F> KmsSigner<F>
where
    F: Fn(&SignRequest<'_>) -> Result<Vec<u8>, Error>,
{
    fn send(
        &self,
        alg: Algorithm,
        message: Vec<u8>,
        message_type: &'static str,
    ) -> Result<Vec<u8>, Error> {
        (self.call)(&SignRequest {
            key_id: &self.key_id,
            message,
            message_type,
            signing_algorithm: alg.kms_name(),
        })
    }
}

/// The offline stand-in for KMS: a test key that answers `Sign` as KMS would.
enum FakeKms {
    /// RSA and ECDSA through licsig's own signer, `RAW` messages only (ECDSA in DER).
    Local(Box<Signer>),
    /// ML-DSA-65 through RustCrypto's `ml-dsa`, which also signs an external μ. FIPS
    /// 204's deterministic variant, as licsig's own signer uses.
    MlDsa65(Box<ml_dsa::SigningKey<MlDsa65>>),
}

impl FakeKms {
    fn sign(&self, req: &SignRequest<'_>) -> Result<Vec<u8>, Error> {
        println!(
            "  KMS Sign: KeyId={} MessageType={} SigningAlgorithm={} ({} bytes)",
            req.key_id,
            req.message_type,
            req.signing_algorithm,
            req.message.len()
        );
        let refused = |why: &'static str| Err(Error::new(ErrorKind::UnsupportedAlgorithm, why));
        match (self, req.message_type) {
            (Self::Local(signer), "RAW") => signer.sign_message(&req.message, EcdsaEncoding::Der),
            (Self::MlDsa65(key), "RAW") => key
                .expanded_key()
                .sign_deterministic(&req.message, &[])
                .map(|s| s.encode().to_vec())
                .map_err(|_| Error::new(ErrorKind::InvalidKey, "ML-DSA signing failed")),
            // `sign_mu_deterministic` has no fallible form; it would panic only if FIPS
            // 204's bounded rejection loop found no signature, a negligible chance.
            (Self::MlDsa65(key), "EXTERNAL_MU") => {
                let Ok(mu) = <[u8; 64]>::try_from(req.message.as_slice()) else {
                    return refused("EXTERNAL_MU takes exactly 64 bytes");
                };
                Ok(key
                    .expanded_key()
                    .sign_mu_deterministic(&mu.into())
                    .encode()
                    .to_vec())
            }
            _ => refused("this fake KMS signs RAW messages, and μ for ML-DSA"),
        }
    }
}

/// The 32-byte seed of an ML-DSA private key in the seed form of RFC 9881, whose DER
/// ends with `[0] IMPLICIT OCTET STRING` (`80 20`) and the seed.
fn ml_dsa_seed(pem: &str) -> Result<ml_dsa::Seed, Error> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| Error::new(ErrorKind::InvalidKey, "PEM body is not base64"))?;
    match der.len().checked_sub(34).and_then(|at| der.get(at..)) {
        Some([0x80, 0x20, seed @ ..]) => ml_dsa::Seed::try_from(seed)
            .map_err(|_| Error::new(ErrorKind::InvalidKey, "seed is not 32 bytes")),
        _ => Err(Error::new(
            ErrorKind::InvalidKey,
            "not an ML-DSA key in the seed form",
        )),
    }
}

/// A license with 101 entitlements: its signed bytes in every form are over KMS's
/// 4096-byte `RAW` limit.
fn long_document() -> Vec<u8> {
    let features: Vec<String> = (0..100)
        .map(|i| format!(r#"{{"name":"Feature.Module{i:03}","unit":"None","value":"true"}}"#))
        .collect();
    format!(
        r#"{{"licenseArn":"arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1",
"issuedAt":"2026-11-01T00:00:00","expiration":"2036-11-01T00:00:00","nodeId":"100.20.15.10",
"entitlementsAllowed":[{{"name":"Seats","unit":"Count","value":"25"}},{}]}}"#,
        features.join(",")
    )
    .into_bytes()
}

fn main() -> Result<(), Error> {
    let short = include_bytes!("../test-vectors/sample/license.json").to_vec();
    let long = long_document();
    let now = Time::parse("2026-11-22T00:00:00Z")?;
    let local = |pem: &str, alg| {
        Signer::from_pkcs8(pem.as_bytes(), alg).map(|s| FakeKms::Local(Box::new(s)))
    };

    let mut signers = Vec::new();
    for (alg, fake_kms, public_pem, documents) in [
        // AWS License Manager and the recommended KMS key: RSA_3072, RSASSA-PSS.
        (
            Algorithm::Ps384,
            local(
                include_str!("../test-vectors/licenses/keys/private/rsa3072.pk8.pem"),
                Algorithm::Ps384,
            )?,
            include_str!("../test-vectors/licenses/keys/rsa3072.pub.pem"),
            vec![&short],
        ),
        // ECC_NIST_P256: KMS answers in DER, the token needs r‖s.
        (
            Algorithm::Es256,
            local(
                include_str!("../test-vectors/licenses/keys/private/ec-p256.pk8.pem"),
                Algorithm::Es256,
            )?,
            include_str!("../test-vectors/licenses/keys/ec-p256.pub.pem"),
            vec![&short],
        ),
        // ML_DSA_65: `ML_DSA_SHAKE_256` signs with the key's parameter set; the long
        // document goes as its external μ.
        (
            Algorithm::MlDsaShake256,
            FakeKms::MlDsa65(Box::new(ml_dsa::SigningKey::from_seed(&ml_dsa_seed(
                include_str!("../test-vectors/licenses/keys/private/mldsa65.pk8.pem"),
            )?))),
            include_str!("../test-vectors/licenses/keys/mldsa65.pub.pem"),
            vec![&short, &long],
        ),
    ] {
        // In production: `aws kms get-public-key --key-id … --output text --query
        // PublicKey`, pinned in the verifying product too.
        let public_key = PublicKey::from_pem(public_pem)?;

        // In production this closure calls the SDK's `sign()` with the request's fields.
        let call = move |req: &SignRequest<'_>| fake_kms.sign(req);
        let kms = KmsSigner {
            key_id: "alias/license-signing".to_owned(),
            public_key,
            call,
        };

        let signer = Signer::external(kms, alg)?;
        println!("{}: kid {}", signer.algorithm(), signer.kid());
        // The product's side: only the public key.
        let verifier = Verifier::new(KeySet::from_pem(public_pem)?).node_id("100.20.15.10");
        for document in documents {
            println!("  a license of {} bytes", document.len());
            let token = signer.sign_token(document)?;
            let file = signer.sign_license_file(document)?;
            let detached = signer.sign_detached_base64(document)?;
            for (form, bytes) in [
                ("token", token.as_bytes()),
                ("license file", file.as_bytes()),
            ] {
                let license = verifier.verify(bytes, now)?;
                println!(
                    "  {form}: VALID, {} entitlements",
                    license.entitlements().len()
                );
            }
            verifier.verify_detached(document, detached.as_bytes(), alg, None, now)?;
            println!("  detached ({}): VALID", alg.kms_name());
        }
        signers.push((signer, public_pem));
    }

    // A hybrid license (README, "Hybrid licenses"): one license file signed by the RSA
    // key and by the ML-DSA key, which the product accepts only while both verify.
    if let [(rsa, rsa_pem), _, (ml_dsa, ml_dsa_pem)] = &signers[..] {
        let file = licsig::sign::license_file(&short, &[rsa, ml_dsa])?;
        let mut keys = KeySet::from_pem(rsa_pem)?;
        keys.extend(KeySet::from_pem(ml_dsa_pem)?)?;
        let verifier = Verifier::new(keys)
            .node_id("100.20.15.10")
            .require_family(Family::Rsa)
            .require_family(Family::MlDsa);
        let license = verifier.verify(file.as_bytes(), now)?;
        let by: Vec<String> = license
            .signatures()
            .map(|s| s.algorithm().to_string())
            .collect();
        println!(
            "hybrid license file: VALID, signed with {}",
            by.join(" and ")
        );
    }
    Ok(())
}
