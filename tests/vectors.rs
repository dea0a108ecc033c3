#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The license corpus `test-vectors/licenses/*.json`, made by independent tools
//! (Python `cryptography`, PyJWT, `rfc8785`; see `test-vectors/README.md`): each vector
//! is verified with a `Verifier` built from its options and must give exactly its
//! expected outcome — `valid` (with the vector's form and algorithm) or the one
//! `ErrorKind` of DESIGN.md §6.
//!
//! The loader is strict, as ring's `testutil` is: a member it does not know, in a group
//! file, a vector or its options, fails the test, so a schema change cannot be ignored
//! silently.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use common::{Availability, REQUIRE_VECTORS, TEST_VECTORS};
use licsig::Limits;
use licsig::{Algorithm, AlgorithmSet, Error, ErrorKind, Family, KeySet, Time, Verifier};
use serde_json::{Map, Value};

/// Vectors whose expectation is wrong by DESIGN.md, reported to the generator's owner:
/// `(id, what licsig gives, why the vector is wrong)`. The test asserts that licsig
/// still gives that outcome, so an entry cannot go stale silently.
const KNOWN_VECTOR_BUGS: &[(&str, &str, &str)] = &[];

/// The trusted-key file formats of `key_formats.json`: (format, file name suffix),
/// most specific suffix first. Each file is loaded with `KeySet::from_bytes`, which
/// detects the format.
const KEY_FORMATS: [(&str, &str); 9] = [
    ("pem", ".pub.pem"),
    ("der", ".spki.der"),
    ("b64", ".spki.b64"),
    ("pkcs1-pem", ".pkcs1.pem"),
    ("pkcs1-der", ".pkcs1.der"),
    ("jwk", ".jwk.json"),
    ("jwks", ".jwks.json"),
    ("cert-pem", ".cert.pem"),
    ("cert-der", ".cert.der"),
];

const GROUP_MEMBERS: [&str; 5] = ["group", "description", "generator", "tools", "vectors"];
const VECTOR_MEMBERS: [&str; 11] = [
    "id",
    "form",
    "algorithm",
    "keys",
    "input",
    "input_base64",
    "signature",
    "detached_alg",
    "options",
    "expected",
    "provenance",
];
const OPTION_MEMBERS: [&str; 8] = [
    "now",
    "node_id",
    "require",
    "allow_algs",
    "leeway",
    "revoked_kids",
    "revoked_licenses",
    "max_bytes",
];
/// Options a vector may leave out: `ca`, the trust anchors for x5c chains (paths
/// relative to `test-vectors/`; absent = none); `strict_kid`, a token's `kid` must
/// name a trusted key (absent = false).
const OPTIONAL_OPTION_MEMBERS: [&str; 3] = ["ca", "strict_kid", "require_families"];

fn only_members(obj: &Map<String, Value>, known: &[&str], what: &str) {
    for name in obj.keys() {
        assert!(
            known.contains(&name.as_str()),
            "{what}: unknown member {name:?} (update tests/vectors.rs for the new schema)"
        );
    }
}

fn str_list(v: &Value, what: &str) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("{what}: not an array"))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("{what}: not a string"))
                .to_owned()
        })
        .collect()
}

/// A vector's outcome: `valid` with its form and algorithm, or an error kind.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Valid {
        form: &'static str,
        algorithm: &'static str,
    },
    Error(&'static str),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Valid { form, algorithm } => write!(f, "valid ({form}, {algorithm})"),
            Self::Error(kind) => f.write_str(kind),
        }
    }
}

/// Builds the verifier of `options` over the trusted keys `key_paths`, and runs it.
fn run(v: &Map<String, Value>, id: &str) -> (Outcome, Option<Error>) {
    let options = v["options"]
        .as_object()
        .unwrap_or_else(|| panic!("{id}: options"));
    let known: Vec<&str> = OPTION_MEMBERS
        .iter()
        .chain(OPTIONAL_OPTION_MEMBERS.iter())
        .copied()
        .collect();
    only_members(options, &known, &format!("{id} options"));
    for m in OPTION_MEMBERS {
        assert!(options.contains_key(m), "{id}: options.{m} missing");
    }

    let mut keys = KeySet::new();
    for path in str_list(&v["keys"], &format!("{id} keys")) {
        let bytes = std::fs::read(format!("{TEST_VECTORS}/{path}"))
            .unwrap_or_else(|e| panic!("{id}: key {path}: {e}"));
        let set = KeySet::from_bytes(&bytes).unwrap_or_else(|e| panic!("{id}: key {path}: {e}"));
        keys.extend(set).unwrap();
    }
    for kid in str_list(&options["revoked_kids"], id) {
        keys.revoke_key(kid);
    }
    for arn in str_list(&options["revoked_licenses"], id) {
        keys.revoke_license(arn);
    }

    let leeway = u32::try_from(options["leeway"].as_u64().expect("leeway")).unwrap();
    let strict_kid = match options.get("strict_kid") {
        None => false,
        Some(Value::Bool(strict)) => *strict,
        Some(other) => panic!("{id}: strict_kid {other}"),
    };
    let mut verifier = Verifier::new(keys).leeway(leeway).strict_kid(strict_kid);
    match &options["node_id"] {
        Value::Null => {}
        Value::String(node) => verifier = verifier.node_id(node.clone()),
        other => panic!("{id}: node_id {other}"),
    }
    for name in str_list(&options["require"], id) {
        verifier = verifier.require_entitlement(name);
    }
    if let Some(families) = options.get("require_families") {
        for name in str_list(families, &format!("{id} require_families")) {
            let family = Family::from_name(&name)
                .unwrap_or_else(|| panic!("{id}: require_families: {name}"));
            verifier = verifier.require_family(family);
        }
    }
    if !options["allow_algs"].is_null() {
        let set: AlgorithmSet = str_list(&options["allow_algs"], id)
            .iter()
            .map(|a| Algorithm::from_name(a).unwrap_or_else(|e| panic!("{id}: allow_algs: {e}")))
            .collect();
        verifier = verifier.allow_algorithms(set);
    }
    if let Some(ca) = options.get("ca") {
        for path in str_list(ca, &format!("{id} ca")) {
            let bytes = std::fs::read(format!("{TEST_VECTORS}/{path}"))
                .unwrap_or_else(|e| panic!("{id}: ca {path}: {e}"));
            verifier = verifier
                .with_ca(&bytes)
                .unwrap_or_else(|e| panic!("{id}: ca {path}: {e}"));
        }
    }
    let mut limits = Limits::default();
    match &options["max_bytes"] {
        Value::Null => {}
        n => limits.max_bytes = usize::try_from(n.as_u64().expect("max_bytes")).unwrap(),
    }
    let verifier = verifier.limits(limits);
    let now = Time::parse(options["now"].as_str().expect("now")).unwrap();

    let input: Vec<u8> = match (v.get("input"), v.get("input_base64")) {
        (Some(Value::String(text)), None) => text.as_bytes().to_vec(),
        (None, Some(Value::String(b64))) => STANDARD.decode(b64).unwrap(),
        _ => panic!("{id}: exactly one of input, input_base64 (a string)"),
    };
    let form = v["form"].as_str().expect("form");
    let detached = (v.get("signature"), v.get("detached_alg"));
    let result = if form == "detached" {
        let (Some(Value::String(sig)), Some(Value::String(alg))) = detached else {
            panic!("{id}: a detached vector has signature and detached_alg strings");
        };
        Algorithm::from_name(alg)
            .map_err(licsig::Error::from)
            .and_then(|alg| verifier.verify_detached(&input, sig.as_bytes(), alg, None, now))
    } else {
        assert!(
            detached == (None, None),
            "{id}: signature/detached_alg belong to detached vectors only"
        );
        verifier.verify(&input, now)
    };

    // licsig's form detection must agree with the vector's form wherever the input
    // reads as a form at all.
    if let Ok(seen) = licsig::unverified::inspect(&input, &limits) {
        assert_eq!(seen.get_unverified().form().as_str(), form, "{id}: form");
    }
    match result {
        Ok(license) => (
            Outcome::Valid {
                form: license.form().as_str(),
                algorithm: license.algorithm().jose_name(),
            },
            None,
        ),
        Err(e) => (Outcome::Error(e.kind().as_str()), Some(e)),
    }
}

fn expected(v: &Map<String, Value>, id: &str) -> Outcome {
    let form = v["form"].as_str().unwrap();
    let form = ["token", "license_file", "detached", "aws_checkout"]
        .into_iter()
        .find(|f| *f == form)
        .unwrap_or_else(|| panic!("{id}: unknown form {form:?}"));
    match &v["expected"] {
        Value::String(s) if s == "valid" => {
            let alg = v["algorithm"]
                .as_str()
                .unwrap_or_else(|| panic!("{id}: a valid vector names its algorithm"));
            let alg = Algorithm::from_jose(alg).unwrap_or_else(|e| panic!("{id}: {e}"));
            Outcome::Valid {
                form,
                algorithm: alg.jose_name(),
            }
        }
        Value::Object(o) => {
            only_members(o, &["error"], &format!("{id} expected"));
            let name = o["error"].as_str().unwrap();
            let kind = ErrorKind::ALL
                .into_iter()
                .find(|k| k.as_str() == name)
                .unwrap_or_else(|| panic!("{id}: unknown error kind {name:?}"));
            Outcome::Error(kind.as_str())
        }
        other => panic!("{id}: expected {other}"),
    }
}

#[derive(Default)]
struct Tally(BTreeMap<String, usize>);

impl Tally {
    fn add(&mut self, key: impl Into<String>) {
        *self.0.entry(key.into()).or_default() += 1;
    }
    fn get(&self, key: &str) -> usize {
        self.0.get(key).copied().unwrap_or(0)
    }
}

#[test]
fn license_vectors() {
    let files = [
        "algorithms.json",
        "valid.json",
        "negative.json",
        "key_formats.json",
    ];
    let present = files
        .iter()
        .map(|f| format!("{TEST_VECTORS}/licenses/{f}"))
        .chain([format!("{TEST_VECTORS}/README.md")])
        .all(|path| common::present(path).is_some());
    if !present {
        return;
    }
    let mut ids = std::collections::BTreeSet::new();
    let mut by_group = Tally::default();
    let mut by_form = Tally::default();
    let mut by_alg = Tally::default();
    let mut by_kind = Tally::default();
    let mut by_key_format = Tally::default();
    let mut failures = Vec::new();
    let mut known_bugs_seen = Vec::new();

    for file in files {
        let text = common::read_test_vector(&format!("licenses/{file}"));
        let doc: Value = serde_json::from_slice(&text).unwrap();
        let doc = doc.as_object().unwrap();
        only_members(doc, &GROUP_MEMBERS, file);
        let group = doc["group"].as_str().unwrap();
        assert_eq!(format!("{group}.json"), file);
        assert_eq!(doc["generator"], "test-vectors/gen/make_licenses.py");
        for v in doc["vectors"].as_array().unwrap() {
            let v = v.as_object().unwrap();
            let id = v["id"].as_str().unwrap().to_owned();
            only_members(v, &VECTOR_MEMBERS, &id);
            assert!(ids.insert(id.clone()), "{id}: id repeated");
            assert!(v["provenance"].as_str().is_some_and(|p| !p.is_empty()));
            let want = expected(v, &id);
            let (got, err) = run(v, &id);
            let form = v["form"].as_str().unwrap();
            let alg = v["algorithm"].as_str().unwrap_or("none");
            by_group.add(group);
            by_form.add(format!("{group} {form}"));
            by_form.add(form);
            by_alg.add(format!("{group} {alg}"));
            by_alg.add(alg);
            if let Outcome::Error(kind) = &want {
                by_kind.add(*kind);
            }
            if group == "key_formats" {
                let keys = str_list(&v["keys"], &id);
                assert_eq!(keys.len(), 1, "{id}: one key file");
                let format = KEY_FORMATS
                    .iter()
                    .find(|(_, suffix)| keys[0].ends_with(suffix))
                    .unwrap_or_else(|| panic!("{id}: unknown key file format {:?}", keys[0]))
                    .0;
                // `key-format-ALG-KEY-FORMAT`, plus `-FORM` but for tokens.
                let form_suffix = match form {
                    "token" => "",
                    "license_file" => "-license-file",
                    "detached" => "-detached",
                    "aws_checkout" => "-aws-checkout",
                    other => panic!("{id}: form {other}"),
                };
                assert!(
                    id.starts_with("key-format-")
                        && id.ends_with(&format!("-{format}{form_suffix}")),
                    "{id}: key format {format}, form {form}"
                );
                by_key_format.add(format);
                by_key_format.add(format!("{format} {alg}"));
                by_key_format.add(format!("{format} {form}"));
            }
            if let Some(&(_, licsig_gives, why)) =
                KNOWN_VECTOR_BUGS.iter().find(|(bug, _, _)| *bug == id)
            {
                assert_ne!(got, want, "{id}: known vector bug is fixed; remove it");
                assert_eq!(got.to_string(), licsig_gives, "{id}: {why}");
                known_bugs_seen.push(id);
                continue;
            }
            if got != want {
                failures.push(format!(
                    "{id} ({group}, {form}, {alg}): expected {want}, licsig gives {got}{}",
                    err.map(|e| format!(": {e}")).unwrap_or_default()
                ));
            }
        }
    }

    println!("license vectors: {} in all", ids.len());
    println!("  by group: {:?}", by_group.0);
    println!(
        "  by form: {:?}",
        by_form
            .0
            .iter()
            .filter(|(k, _)| !k.contains(' '))
            .collect::<BTreeMap<_, _>>()
    );
    println!(
        "  by algorithm: {:?}",
        by_alg
            .0
            .iter()
            .filter(|(k, _)| !k.contains(' '))
            .collect::<BTreeMap<_, _>>()
    );
    println!(
        "  by group and form: {:?}",
        by_form
            .0
            .iter()
            .filter(|(k, _)| k.contains(' '))
            .collect::<BTreeMap<_, _>>()
    );
    println!(
        "  by group and algorithm: {:?}",
        by_alg
            .0
            .iter()
            .filter(|(k, _)| k.contains(' '))
            .collect::<BTreeMap<_, _>>()
    );
    println!("  negative, by expected kind: {:?}", by_kind.0);
    println!("  key_formats, by key format: {:?}", by_key_format.0);
    println!("  known vector bugs: {known_bugs_seen:?}");
    assert!(
        failures.is_empty(),
        "{} vector(s) disagree with licsig:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(known_bugs_seen.len(), KNOWN_VECTOR_BUGS.len());

    // The counts test-vectors/README.md publishes.
    assert_eq!(ids.len(), 799);
    for (group, n) in [
        ("algorithms", 87),
        ("valid", 44),
        ("negative", 92),
        ("key_formats", 576),
    ] {
        assert_eq!(by_group.get(group), n, "{group}");
    }
    for (key, n) in [
        ("token", 317),
        ("license_file", 228),
        ("detached", 219),
        ("aws_checkout", 35),
        ("algorithms token", 42),
        ("algorithms license_file", 21),
        ("algorithms detached", 21),
        ("algorithms aws_checkout", 3),
        ("valid token", 25),
        ("valid license_file", 10),
        ("valid detached", 7),
        ("valid aws_checkout", 2),
        ("negative token", 67),
        ("negative license_file", 14),
        ("negative detached", 8),
        ("negative aws_checkout", 3),
        ("key_formats token", 183),
        ("key_formats license_file", 183),
        ("key_formats detached", 183),
        ("key_formats aws_checkout", 27),
    ] {
        assert_eq!(by_form.get(key), n, "{key}");
    }
    for (key, n) in [
        ("algorithms PS256", 12),
        ("algorithms PS384", 15),
        ("algorithms PS512", 12),
        ("algorithms RS256", 12),
        ("algorithms RS384", 12),
        ("algorithms RS512", 12),
        ("algorithms ES256", 4),
        ("algorithms ES384", 4),
        ("algorithms EdDSA", 4),
        ("valid RS256", 19),
        ("valid EdDSA", 8),
        ("valid PS384", 5),
        ("valid PS256", 3),
        ("valid ES256", 2),
        ("valid ES384", 2),
        ("valid RS384", 2),
        ("valid RS512", 2),
        ("valid PS512", 1),
        ("negative RS256", 67),
        ("negative EdDSA", 8),
        ("negative none", 4),
        ("negative ES256", 3),
        ("negative PS384", 4),
        ("negative ES384", 1),
        ("negative ES512", 1),
        ("negative HS256", 1),
        ("negative PS256", 1),
        ("negative RS1", 1),
        ("negative RS384", 1),
        ("key_formats PS256", 81),
        ("key_formats PS384", 108),
        ("key_formats PS512", 81),
        ("key_formats RS256", 81),
        ("key_formats RS384", 81),
        ("key_formats RS512", 81),
        ("key_formats ES256", 21),
        ("key_formats ES384", 21),
        ("key_formats EdDSA", 21),
    ] {
        assert_eq!(by_alg.get(key), n, "{key}");
    }
    // key_formats: every RSA algorithm/key pair (18) in 9 formats, ES256, ES384 and
    // EdDSA (3) in the 7 that are not PKCS#1; each pair as token, license file and
    // detached document, and PS384 with the 3 RSA keys also as aws_checkout.
    for (format, _) in KEY_FORMATS {
        let every_key = !format.starts_with("pkcs1");
        let pairs = if every_key { 21 } else { 18 };
        assert_eq!(
            by_key_format.get(format),
            3 * pairs + 3,
            "key format {format}"
        );
        for form in ["token", "license_file", "detached"] {
            assert_eq!(
                by_key_format.get(&format!("{format} {form}")),
                pairs,
                "{format} {form}"
            );
        }
        assert_eq!(
            by_key_format.get(&format!("{format} aws_checkout")),
            3,
            "{format} aws_checkout"
        );
        for alg in ["PS256", "PS384", "PS512", "RS256", "RS384", "RS512"] {
            let want = if alg == "PS384" { 12 } else { 9 };
            assert_eq!(
                by_key_format.get(&format!("{format} {alg}")),
                want,
                "{format} {alg}"
            );
        }
        for alg in ["ES256", "ES384", "EdDSA"] {
            let want = 3 * usize::from(every_key);
            assert_eq!(
                by_key_format.get(&format!("{format} {alg}")),
                want,
                "{format} {alg}"
            );
        }
    }
    assert_eq!(
        by_kind.0,
        BTreeMap::from(
            [
                ("malformed", 46),
                ("bad_signature", 15),
                ("unsupported_algorithm", 7),
                ("key_mismatch", 4),
                ("expired", 4),
                ("unknown_key", 4),
                ("limit_exceeded", 3),
                ("node_mismatch", 2),
                ("not_yet_valid", 2),
                ("algorithm_not_allowed", 1),
                ("node_unbound", 1),
                ("missing_entitlement", 1),
                ("key_revoked", 1),
                ("license_revoked", 1),
            ]
            .map(|(k, n)| (k.to_owned(), n))
        )
    );
}

/// The vectors of one generated group file, each checked against licsig: every one
/// must give its expected outcome, under an id of its own. Gives the number of
/// vectors and the tally of expected outcomes (`None` when the file is missing).
fn run_group(file: &str, group: &str, generator: &str) -> Option<(usize, Tally)> {
    let path = common::present(format!("{TEST_VECTORS}/licenses/{file}"))?;
    let doc: Value = serde_json::from_slice(&common::read(path)).unwrap();
    let doc = doc.as_object().unwrap();
    only_members(doc, &GROUP_MEMBERS, file);
    assert_eq!(doc["group"], group);
    assert_eq!(doc["generator"], generator);
    let mut failures = Vec::new();
    let mut by_outcome = Tally::default();
    let mut ids = std::collections::BTreeSet::new();
    for v in doc["vectors"].as_array().unwrap() {
        let v = v.as_object().unwrap();
        let id = v["id"].as_str().unwrap().to_owned();
        only_members(v, &VECTOR_MEMBERS, &id);
        assert!(v["provenance"].as_str().is_some_and(|p| !p.is_empty()));
        let want = expected(v, &id);
        let (got, err) = run(v, &id);
        by_outcome.add(want.to_string());
        if got != want {
            failures.push(format!(
                "{id}: expected {want}, licsig gives {got}{}",
                err.map(|e| format!(": {e}")).unwrap_or_default()
            ));
        }
        assert!(ids.insert(id.clone()), "{id}: id repeated");
    }
    println!(
        "{group} vectors: {}, by outcome: {:?}",
        ids.len(),
        by_outcome.0
    );
    assert!(
        failures.is_empty(),
        "{} {group} vector(s) disagree with licsig:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Some((ids.len(), by_outcome))
}

/// `test-vectors/licenses/x5c.json` (test-vectors/gen/make_chains.py): tokens and
/// license files carrying x5c chains, with and without trust anchors.
#[test]
fn x5c_vectors() {
    let Some((n, _)) = run_group("x5c.json", "x5c", "test-vectors/gen/make_chains.py") else {
        return;
    };
    assert_eq!(n, 36);
}

/// `test-vectors/licenses/mldsa.json` (test-vectors/gen/make_mldsa.py): ML-DSA-44/65/87
/// licenses signed by dilithium-py in every form a vendor signs, and tampered or
/// mismatched copies, each with its exact outcome.
#[test]
fn mldsa_vectors() {
    let Some((n, by_outcome)) = run_group("mldsa.json", "mldsa", "test-vectors/gen/make_mldsa.py")
    else {
        return;
    };
    let mut want = BTreeMap::from([
        ("bad_signature".to_owned(), 9),
        ("key_mismatch".to_owned(), 4),
        ("algorithm_not_allowed".to_owned(), 4),
        ("unknown_key".to_owned(), 3),
    ]);
    for alg in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
        want.insert(format!("valid (token, {alg})"), 2);
        want.insert(format!("valid (license_file, {alg})"), 1);
        want.insert(format!("valid (detached, {alg})"), 2);
    }
    assert_eq!(by_outcome.0, want);
    assert_eq!(n, 35);
}

/// `test-vectors/licenses/hybrid.json` (test-vectors/gen/make_hybrid.py): license files
/// signed by an RSA or ECDSA key and an ML-DSA key (`cryptography`, dilithium-py) under
/// policies that require several key families, and inputs that lack one.
#[test]
fn hybrid_vectors() {
    let Some((n, by_outcome)) =
        run_group("hybrid.json", "hybrid", "test-vectors/gen/make_hybrid.py")
    else {
        return;
    };
    let want = BTreeMap::from([
        ("missing_signature".to_owned(), 8),
        ("bad_signature".to_owned(), 3),
        ("key_revoked".to_owned(), 1),
        ("algorithm_not_allowed".to_owned(), 1),
        ("expired".to_owned(), 1),
        ("valid (license_file, PS384)".to_owned(), 3),
        ("valid (license_file, ML-DSA-65)".to_owned(), 1),
        ("valid (license_file, ES384)".to_owned(), 1),
        ("valid (token, PS384)".to_owned(), 1),
        ("valid (detached, ML-DSA-65)".to_owned(), 1),
    ]);
    assert_eq!(by_outcome.0, want);
    assert_eq!(n, 21);
}

/// Missing test data: a developer's run says it skipped; CI, with
/// `LICSIG_REQUIRE_VECTORS=1`, fails and says why.
#[test]
fn missing_test_data_skips_or_fails() {
    let missing = Path::new(TEST_VECTORS).join("no-such-file.json");
    let shown = missing.display().to_string();
    assert_eq!(
        common::availability(&missing, false),
        Availability::Skip(format!("skipped: {shown} not found"))
    );
    let Availability::Fail(message) = common::availability(&missing, true) else {
        panic!("a missing required file must fail");
    };
    assert!(
        message.contains(&shown) && message.contains(REQUIRE_VECTORS),
        "{message}"
    );
    for required in [false, true] {
        assert_eq!(
            common::availability(Path::new(TEST_VECTORS), required),
            Availability::Present
        );
    }
}
