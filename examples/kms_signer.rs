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
//! The mapping, which `KmsSigner` below implements:
//!
//! | licsig | KMS `Sign` |
//! |---|---|
//! | the message | `Message`, with `MessageType` `RAW` when at most 4096 bytes (KMS's limit); otherwise its SHA-256/384/512 (the algorithm's hash) with `MessageType` `DIGEST` — the same signature for RSA and ECDSA |
//! | `Algorithm::kms_name()` | `SigningAlgorithm` (`RSASSA_PSS_SHA_256`, `ECDSA_SHA_384`, …) |
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

use licsig::alg::EcdsaEncoding;
use licsig::sign::ExternalSigner;
use licsig::{Algorithm, Error, ErrorKind, KeySet, PublicKey, Signer, Time, Verifier};

/// One KMS `Sign` request, as the SDK or CLI takes it.
struct SignRequest<'a> {
    key_id: &'a str,
    message: Vec<u8>,
    /// `"RAW"` or `"DIGEST"`.
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
        if alg == Algorithm::EdDsa && message.len() > KMS_RAW_MAX {
            // Pure Ed25519 cannot be pre-hashed (ED25519_PH_SHA_512 is another
            // algorithm), so the message must fit one RAW request.
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("KMS signs at most {KMS_RAW_MAX} bytes with Ed25519"),
            ));
        }
        let (message, message_type) = if message.len() <= KMS_RAW_MAX {
            (message.to_vec(), "RAW")
        } else {
            let hash = match alg {
                Algorithm::Ps256 | Algorithm::Rs256 | Algorithm::Es256 => &ring::digest::SHA256,
                Algorithm::Ps384 | Algorithm::Rs384 | Algorithm::Es384 => &ring::digest::SHA384,
                _ => &ring::digest::SHA512,
            };
            (
                ring::digest::digest(hash, message).as_ref().to_vec(),
                "DIGEST",
            )
        };
        (self.call)(&SignRequest {
            key_id: &self.key_id,
            message,
            message_type,
            signing_algorithm: alg.kms_name(),
        })
    }

    fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    fn ecdsa_encoding(&self) -> EcdsaEncoding {
        EcdsaEncoding::Der // KMS returns ECDSA signatures as DER
    }
}

fn main() -> Result<(), Error> {
    let document = include_bytes!("../test-vectors/sample/license.json");
    let now = Time::parse("2026-11-22T00:00:00Z")?;

    for (alg, private_pem, public_pem) in [
        // AWS License Manager and the recommended KMS key: RSA_3072, RSASSA-PSS.
        (
            Algorithm::Ps384,
            include_str!("../test-vectors/licenses/keys/private/rsa3072.pk8.pem"),
            include_str!("../test-vectors/licenses/keys/rsa3072.pub.pem"),
        ),
        // ECC_NIST_P256: KMS answers in DER, the token needs r‖s.
        (
            Algorithm::Es256,
            include_str!("../test-vectors/licenses/keys/private/ec-p256.pk8.pem"),
            include_str!("../test-vectors/licenses/keys/ec-p256.pub.pem"),
        ),
    ] {
        // In production: `aws kms get-public-key --key-id … --output text --query
        // PublicKey`, pinned in the verifying product too.
        let public_key = PublicKey::from_pem(public_pem)?;

        // The fake KMS: a local key that answers as KMS would (DER for ECDSA). In
        // production this closure calls the SDK's `sign()` with the request's fields.
        let fake_kms = Signer::from_pkcs8(private_pem.as_bytes(), alg)?;
        let call = move |req: &SignRequest<'_>| -> Result<Vec<u8>, Error> {
            println!(
                "  KMS Sign: KeyId={} MessageType={} SigningAlgorithm={} ({} bytes)",
                req.key_id,
                req.message_type,
                req.signing_algorithm,
                req.message.len()
            );
            if req.message_type != "RAW" {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    "this fake KMS signs RAW messages only",
                ));
            }
            fake_kms.sign_message(&req.message, EcdsaEncoding::Der)
        };
        let kms = KmsSigner {
            key_id: "alias/license-signing".to_owned(),
            public_key,
            call,
        };

        let signer = Signer::external(kms, alg)?;
        println!("{alg}: kid {}", signer.kid());
        let token = signer.sign_token(document)?;
        let file = signer.sign_license_file(document)?;
        let detached = signer.sign_detached_base64(document)?;

        // The product's side: only the public key.
        let verifier = Verifier::new(KeySet::from_pem(public_pem)?).node_id("100.20.15.10");
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
    Ok(())
}
