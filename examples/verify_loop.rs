#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Verifies one of `benches/verify.rs`'s inputs in a loop, for instruction counts that a
//! shared machine cannot disturb (`BENCHMARKS.md`):
//!
//! ```text
//! cargo build --release --example verify_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/verify_loop token licsig 200
//! ```
//!
//! Arguments: the input (`token`: PS384 compact JWS, RSA-2048; `file`: pretty-printed
//! license file, PS256; `detached`: pretty-printed document and base64 KMS signature,
//! PS256; with feature `sign`, `mldsa44`, `mldsa65`, `mldsa87`: ML-DSA tokens of the
//! same document), the contender (`licsig`, or `ring` over the same signing input with
//! the signature already decoded, the benchmarks' floor; with feature `aws-lc` also
//! `aws-lc-rs`, its `ParsedPublicKey` parsed once before the loop; for ML-DSA, the
//! backend's own: `ml-dsa` under ring, `aws-lc-rs` under `aws-lc`), and the number of
//! calls. Running N
//! and 2N calls and dividing the difference by N gives the cost of one call without the
//! setup (which signs with RSA, and so costs far more than a verification).

use std::hint::black_box;

use licsig::alg::Algorithm;
use licsig::{KeySet, Time, Verifier};
use ring::signature as rs;

#[path = "../benches/support/verify_fixtures.rs"]
mod fixtures;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, contender, calls] = args.as_slice() else {
        panic!(
            "usage: verify_loop token|file|detached|mldsa44|mldsa65|mldsa87 \
             licsig|ring|aws-lc-rs|ml-dsa CALLS"
        );
    };
    let calls: usize = calls.parse().unwrap();
    let signer = fixtures::Signer::from_pkcs8_pem(&fixtures::repo_file(
        "test-vectors/keys/rsa2048-PRIVATE-test-only.pem",
    ));
    let verifier =
        Verifier::new(KeySet::from_keys([signer.key.clone()]).unwrap()).node_id(fixtures::NODE_ID);
    let now = Time::parse(fixtures::NOW).unwrap();
    let ring = |alg: &'static rs::RsaParameters, message: &[u8], signature: &[u8]| {
        rs::UnparsedPublicKey::new(alg, &signer.pkcs1)
            .verify(black_box(message), black_box(signature))
            .unwrap();
    };

    let mut run: Box<dyn FnMut()> = match (input.as_str(), contender.as_str()) {
        ("token", "licsig") => {
            let token = signer.token("PS384", &rs::RSA_PSS_SHA384);
            Box::new(move || {
                black_box(
                    verifier
                        .verify(black_box(token.text.as_bytes()), now)
                        .unwrap(),
                );
            })
        }
        ("token", "ring") => {
            let token = signer.token("PS384", &rs::RSA_PSS_SHA384);
            Box::new(move || {
                ring(
                    &rs::RSA_PSS_2048_8192_SHA384,
                    &token.signing_input,
                    &token.signature,
                );
            })
        }
        ("file", "licsig") => {
            let file = fixtures::license_file(&signer);
            Box::new(move || {
                black_box(
                    verifier
                        .verify(black_box(file.text.as_bytes()), now)
                        .unwrap(),
                );
            })
        }
        ("file", "ring") => {
            let file = fixtures::license_file(&signer);
            Box::new(move || {
                ring(
                    &rs::RSA_PSS_2048_8192_SHA256,
                    &file.signing_input,
                    &file.signature,
                );
            })
        }
        ("detached", "licsig") => {
            let detached = fixtures::detached(&signer);
            let alg = Algorithm::from_name("RSASSA_PSS_SHA_256").unwrap();
            let kid = signer.kid().to_owned();
            Box::new(move || {
                black_box(
                    verifier
                        .verify_detached(
                            black_box(detached.document.as_bytes()),
                            black_box(detached.signature_text.as_bytes()),
                            alg,
                            Some(&kid),
                            now,
                        )
                        .unwrap(),
                );
            })
        }
        ("detached", "ring") => {
            let detached = fixtures::detached(&signer);
            Box::new(move || {
                ring(
                    &rs::RSA_PSS_2048_8192_SHA256,
                    &detached.canonical,
                    &detached.signature,
                );
            })
        }
        #[cfg(feature = "sign")]
        (input, contender) if input.starts_with("mldsa") => {
            use licsig::alg::MlDsaParameterSet as Set;
            let set = match input {
                "mldsa44" => Set::MlDsa44,
                "mldsa65" => Set::MlDsa65,
                "mldsa87" => Set::MlDsa87,
                other => panic!("unknown input {other:?}"),
            };
            let (key, encoded, token) = fixtures::ml_dsa_token(set);
            match contender {
                "licsig" => {
                    let verifier =
                        Verifier::new(KeySet::from_keys([key]).unwrap()).node_id(fixtures::NODE_ID);
                    Box::new(move || {
                        black_box(
                            verifier
                                .verify(black_box(token.text.as_bytes()), now)
                                .unwrap(),
                        );
                    })
                }
                #[cfg(feature = "aws-lc")]
                "aws-lc-rs" => {
                    use aws_lc_rs::signature::{ParsedPublicKey, ML_DSA_44, ML_DSA_65, ML_DSA_87};
                    let alg = match set {
                        Set::MlDsa44 => &ML_DSA_44,
                        Set::MlDsa65 => &ML_DSA_65,
                        Set::MlDsa87 => &ML_DSA_87,
                    };
                    let key = ParsedPublicKey::new(alg, &encoded).unwrap();
                    Box::new(move || {
                        key.verify_sig(
                            black_box(&token.signing_input),
                            black_box(&token.signature),
                        )
                        .unwrap();
                    })
                }
                #[cfg(not(feature = "aws-lc"))]
                "ml-dsa" => {
                    fn rustcrypto<P: ml_dsa::MlDsaParams + 'static>(
                        encoded: &[u8],
                        token: fixtures::Token,
                    ) -> Box<dyn FnMut()> {
                        let encoded = ml_dsa::EncodedVerifyingKey::<P>::try_from(encoded).unwrap();
                        let key = ml_dsa::VerifyingKey::<P>::decode(&encoded);
                        Box::new(move || {
                            let signature =
                                ml_dsa::Signature::<P>::try_from(black_box(&token.signature[..]))
                                    .unwrap();
                            let message = black_box(&token.signing_input[..]);
                            assert!(key.verify_with_context(message, &[], &signature));
                        })
                    }
                    match set {
                        Set::MlDsa44 => rustcrypto::<ml_dsa::MlDsa44>(&encoded, token),
                        Set::MlDsa65 => rustcrypto::<ml_dsa::MlDsa65>(&encoded, token),
                        Set::MlDsa87 => rustcrypto::<ml_dsa::MlDsa87>(&encoded, token),
                    }
                }
                other => panic!("unknown contender {other:?}"),
            }
        }
        #[cfg(feature = "aws-lc")]
        (input, "aws-lc-rs") => {
            use aws_lc_rs::signature::{self as als, ParsedPublicKey};
            let (alg, message, signature): (&'static als::RsaParameters, _, _) = match input {
                "token" => {
                    let token = signer.token("PS384", &rs::RSA_PSS_SHA384);
                    let alg = &als::RSA_PSS_2048_8192_SHA384;
                    (alg, token.signing_input, token.signature)
                }
                "file" => {
                    let file = fixtures::license_file(&signer);
                    let alg = &als::RSA_PSS_2048_8192_SHA256;
                    (alg, file.signing_input, file.signature)
                }
                "detached" => {
                    let detached = fixtures::detached(&signer);
                    let alg = &als::RSA_PSS_2048_8192_SHA256;
                    (alg, detached.canonical, detached.signature)
                }
                other => panic!("unknown input {other:?}"),
            };
            let key = ParsedPublicKey::new(alg, &signer.pkcs1).unwrap();
            Box::new(move || {
                key.verify_sig(black_box(&message), black_box(&signature))
                    .unwrap();
            })
        }
        other => panic!("unknown input and contender {other:?}"),
    };
    for _ in 0..calls {
        run();
    }
    println!("{input} {contender}: {calls} calls");
}
