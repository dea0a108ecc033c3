//! The exported functions, called as C calls them: statuses, outputs, error objects,
//! NULL pointers, ownership. Expected values are the sample's own (test-vectors/sample/)
//! or the Rust library's answer to the same question.

use core::ffi::c_char;
use core::ptr;
use std::ffi::CStr;

use licsig_core::{ErrorKind, KeySet, Time, Verifier};

use crate::boundary::run;
use crate::error::*;
use crate::keyset::*;
use crate::license::*;
use crate::status::licsig_status::{self, *};
use crate::status::{licsig_status_name, ALL};
use crate::verifier::*;
use crate::{licsig_version, VERSION};

const KEY_PEM: &[u8] = include_bytes!("../../../test-vectors/sample/vendor-public-key.pem");
const KEY_JWK: &[u8] = include_bytes!("../../../test-vectors/sample/vendor-public-key.jwk.json");
const FILE: &[u8] = include_bytes!("../../../test-vectors/sample/license-file.json");
const TOKEN: &[u8] = include_bytes!("../../../test-vectors/sample/token.jwt");
const CHECKOUT: &[u8] = include_bytes!("../../../test-vectors/sample/checkout-response.json");
const DOCUMENT: &[u8] = include_bytes!("../../../test-vectors/sample/license.json");
const SIGNATURE: &[u8] = include_bytes!("../../../test-vectors/sample/license.json.sig");
const X5C: &str = include_str!("../../../test-vectors/licenses/x5c.json");
const ROOT_PEM: &[u8] = include_bytes!("../../../test-vectors/chains/root.pem");
const HYBRID: &str = include_str!("../../../test-vectors/licenses/hybrid.json");
const MLDSA65_PEM: &[u8] = include_bytes!("../../../test-vectors/licenses/keys/mldsa65.pub.pem");

const KID: &str = "428ef18f2a31dd4be16db9bb1cdfbc142b5f04dcb6b1e9ef550ece493b625038";
const ARN: &str =
    "arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1";
const NODE: &str = "100.20.15.10";
/// 2026-11-22T00:00:00Z.
const NOW: i64 = 1_795_305_600;
/// 2026-11-01T00:00:00Z, the sample's `issuedAt`.
const ISSUED: i64 = 1_793_491_200;
/// 2036-11-01T00:00:00Z, the sample's `expiration`.
const EXPIRES: i64 = 2_109_110_400;

/// A value no output is ever set to, to see that outputs are written.
fn dangling<T>() -> *mut T {
    ptr::NonNull::dangling().as_ptr()
}

fn c_str(p: *const c_char) -> &'static str {
    assert!(!p.is_null());
    // SAFETY: the library's static strings, NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap()
}

/// Calls `f` with an error slot; the status, and the error object's message when the
/// call failed (whose status must be the call's).
fn call(f: impl FnOnce(*mut *mut licsig_error) -> licsig_status) -> (licsig_status, String) {
    let mut err = ptr::null_mut();
    let status = f(&mut err);
    if status == LICSIG_OK {
        assert!(err.is_null(), "an error object on success");
        return (status, String::new());
    }
    assert!(!err.is_null(), "no error object for {status:?}");
    // SAFETY: an error object just made.
    let message = unsafe {
        assert_eq!(licsig_error_status(err), status);
        let mut len = usize::MAX;
        let text = licsig_error_message(err, &mut len);
        let message = c_str(text).to_owned();
        assert_eq!(len, message.len());
        licsig_error_free(err);
        message
    };
    (status, message)
}

/// The text an accessor returns, checking the length it reports; `None` for NULL.
fn text(f: impl FnOnce(*mut *const c_char, *mut usize) -> licsig_status) -> Option<String> {
    let mut text = dangling::<c_char>().cast_const();
    let mut len = usize::MAX;
    assert_eq!(f(&mut text, &mut len), LICSIG_OK);
    if text.is_null() {
        assert_eq!(len, 0);
        return None;
    }
    // SAFETY: the accessor's text is `len` bytes and a NUL.
    let bytes = unsafe { core::slice::from_raw_parts(text.cast::<u8>(), len + 1) };
    assert_eq!(bytes.last(), Some(&0));
    Some(String::from_utf8(bytes[..len].to_vec()).unwrap())
}

fn keyset(data: &[u8]) -> *mut licsig_keyset {
    let mut keys = dangling();
    // SAFETY: valid pointers.
    let (status, message) =
        call(|err| unsafe { licsig_keyset_from_bytes(data.as_ptr(), data.len(), &mut keys, err) });
    assert_eq!((status, message.as_str()), (LICSIG_OK, ""));
    keys
}

/// A verifier trusting the sample key, for the sample's node.
fn sample_verifier() -> *mut licsig_verifier {
    let keys = keyset(KEY_PEM);
    let mut verifier = dangling();
    // SAFETY: valid pointers; the key set is freed once, the verifier copied it.
    unsafe {
        assert_eq!(
            call(|err| licsig_verifier_new(keys, &mut verifier, err)).0,
            LICSIG_OK
        );
        licsig_keyset_free(keys);
        set_node(verifier, NODE);
    }
    verifier
}

/// # Safety
///
/// `verifier` is a live verifier.
unsafe fn set_node(verifier: *mut licsig_verifier, node: &str) {
    let (status, _) = call(|err| {
        // SAFETY: the caller's verifier, a valid text.
        unsafe { licsig_verifier_set_node_id(verifier, node.as_ptr().cast(), node.len(), err) }
    });
    assert_eq!(status, LICSIG_OK);
}

/// Verifies `data` at `now`; the license or the status and message.
fn verify(
    verifier: *const licsig_verifier,
    data: &[u8],
    now: i64,
) -> Result<*mut licsig_license, (licsig_status, String)> {
    let mut license = dangling();
    // SAFETY: valid pointers.
    let (status, message) = call(|err| unsafe {
        licsig_verify(verifier, data.as_ptr(), data.len(), now, &mut license, err)
    });
    if status == LICSIG_OK {
        assert!(!license.is_null());
        Ok(license)
    } else {
        assert!(license.is_null(), "an output left unset on failure");
        Err((status, message))
    }
}

fn verify_detached(
    verifier: *const licsig_verifier,
    alg: &str,
    kid: Option<&str>,
    now: i64,
) -> Result<*mut licsig_license, (licsig_status, String)> {
    let mut license = dangling();
    let (kid_ptr, kid_len) = kid.map_or((ptr::null(), 0), |k| (k.as_ptr(), k.len()));
    // SAFETY: valid pointers.
    let (status, message) = call(|err| unsafe {
        licsig_verify_detached(
            verifier,
            DOCUMENT.as_ptr(),
            DOCUMENT.len(),
            SIGNATURE.as_ptr(),
            SIGNATURE.len(),
            alg.as_ptr().cast(),
            alg.len(),
            kid_ptr.cast(),
            kid_len,
            now,
            &mut license,
            err,
        )
    });
    if status == LICSIG_OK {
        Ok(license)
    } else {
        assert!(license.is_null());
        Err((status, message))
    }
}

/// The Rust library's refusal of `data` by `verifier` at `now`.
fn rust_refusal(verifier: &Verifier, data: &[u8], now: i64) -> (ErrorKind, String) {
    let err = verifier
        .verify(data, Time::from_unix(now).unwrap())
        .unwrap_err();
    (err.kind(), err.message().to_owned())
}

fn rust_verifier() -> Verifier {
    Verifier::new(KeySet::from_bytes(KEY_PEM).unwrap()).node_id(NODE)
}

#[test]
fn status_numbers_follow_the_error_kinds_in_order() {
    assert_eq!(
        ErrorKind::ALL.len(),
        17,
        "a new kind needs its status number"
    );
    for (i, kind) in ErrorKind::ALL.into_iter().enumerate() {
        let status = licsig_status::of(kind);
        assert_eq!(status as i32, i32::try_from(i).unwrap() + 1, "{kind}");
        assert_eq!(ALL[i + 1], status);
        assert_eq!(c_str(licsig_status_name(status as i32)), kind.as_str());
    }
    assert_eq!(
        ALL.map(|s| (s as i32, c_str(licsig_status_name(s as i32)))),
        [
            (0, "ok"),
            (1, "malformed"),
            (2, "limit_exceeded"),
            (3, "unsupported_algorithm"),
            (4, "algorithm_not_allowed"),
            (5, "invalid_key"),
            (6, "key_mismatch"),
            (7, "unknown_key"),
            (8, "key_revoked"),
            (9, "bad_signature"),
            (10, "certificate_invalid"),
            (11, "expired"),
            (12, "not_yet_valid"),
            (13, "node_mismatch"),
            (14, "node_unbound"),
            (15, "missing_entitlement"),
            (16, "license_revoked"),
            (17, "missing_signature"),
            (100, "invalid_argument"),
            (101, "internal"),
        ]
    );
    for number in [-1, 18, 99, 102, i32::MIN, i32::MAX] {
        assert_eq!(c_str(licsig_status_name(number)), "unknown_status");
    }
}

#[test]
fn the_version_is_the_wrapped_crates() {
    let root = include_str!("../../../Cargo.toml");
    let line = root.lines().find(|l| l.starts_with("version = ")).unwrap();
    assert_eq!(line, format!("version = \"{}\"", c_str(licsig_version())));
    assert_eq!(VERSION, concat!(env!("CARGO_PKG_VERSION"), "\0"));
}

/// Every form verifies, and every accessor returns the sample's values.
#[test]
fn every_form_verifies_and_reads_back_exactly() {
    let verifier = sample_verifier();
    let cases = [
        (verify(verifier, FILE, NOW), "license_file", "PS256"),
        (verify(verifier, TOKEN, NOW), "token", "PS384"),
        (verify(verifier, CHECKOUT, NOW), "aws_checkout", "PS384"),
        (
            verify_detached(verifier, "PS256", None, NOW),
            "detached",
            "PS256",
        ),
        (
            verify_detached(verifier, "RSASSA_PSS_SHA_256", Some(KID), NOW),
            "detached",
            "PS256",
        ),
    ];
    for (license, form, alg) in cases {
        let license = license.unwrap();
        // SAFETY: a live license and valid outputs.
        unsafe {
            assert_eq!(
                text(|t, l| licsig_license_form(license, t, l)).as_deref(),
                Some(form)
            );
            assert_eq!(
                text(|t, l| licsig_license_algorithm(license, t, l)).as_deref(),
                Some(alg)
            );
            assert_eq!(
                text(|t, l| licsig_license_kid(license, t, l)).as_deref(),
                Some(KID)
            );
            assert_eq!(
                text(|t, l| licsig_license_arn(license, t, l)).as_deref(),
                Some(ARN)
            );
            assert_eq!(
                text(|t, l| licsig_license_node_id(license, t, l)).as_deref(),
                Some(NODE)
            );
            assert_eq!(
                text(|t, l| licsig_license_consumption_token(license, t, l)).as_deref(),
                Some("88bd3aa8-7ef7-4a4b-8bce-d6a2a1a3b47c")
            );
            let mut issued = -1;
            assert_eq!(licsig_license_issued_at(license, &mut issued), LICSIG_OK);
            assert_eq!(issued, ISSUED);
            let (mut present, mut end) = (false, -1);
            assert_eq!(
                licsig_license_not_after(license, &mut present, &mut end),
                LICSIG_OK
            );
            assert_eq!((present, end), (true, EXPIRES));

            let mut count = usize::MAX;
            assert_eq!(
                licsig_license_entitlement_count(license, &mut count),
                LICSIG_OK
            );
            let mut rows = Vec::new();
            for i in 0..count {
                let mut e = ptr::null();
                assert_eq!(licsig_license_entitlement_at(license, i, &mut e), LICSIG_OK);
                rows.push((
                    text(|t, l| licsig_entitlement_name(e, t, l)).unwrap(),
                    text(|t, l| licsig_entitlement_unit(e, t, l)).unwrap(),
                    text(|t, l| licsig_entitlement_value(e, t, l)).unwrap(),
                ));
            }
            assert_eq!(
                rows,
                [
                    ("Seats", "Count", "25"),
                    ("Feature.Export", "None", "true"),
                    ("Storage", "Gigabytes", "500"),
                    ("Région", "None", "eu-west-3"),
                ]
                .map(|(n, u, v)| (n.to_owned(), u.to_owned(), v.to_owned()))
            );

            let mut seats = ptr::null();
            let (status, _) = call(|err| {
                licsig_license_entitlement(license, c"Seats".as_ptr(), 5, &mut seats, err)
            });
            assert_eq!(status, LICSIG_OK);
            let mut n = 0;
            assert_eq!(
                call(|err| licsig_entitlement_count(seats, &mut n, err)).0,
                LICSIG_OK
            );
            assert_eq!(n, 25);
            let mut export = ptr::null();
            let name = "Feature.Export";
            let (status, _) = call(|err| {
                licsig_license_entitlement(
                    license,
                    name.as_ptr().cast(),
                    name.len(),
                    &mut export,
                    err,
                )
            });
            assert_eq!(status, LICSIG_OK);
            let mut on = false;
            assert_eq!(
                call(|err| licsig_entitlement_boolean(export, &mut on, err)).0,
                LICSIG_OK
            );
            assert!(on);
            licsig_license_free(license);
        }
    }
    // SAFETY: the verifier, freed once.
    unsafe { licsig_verifier_free(verifier) };
}

/// The signed document is the Rust library's, byte for byte.
#[test]
fn the_signed_document_is_the_libraries() {
    let verifier = sample_verifier();
    let license = verify(verifier, FILE, NOW).unwrap();
    let expected = rust_verifier()
        .verify(FILE, Time::from_unix(NOW).unwrap())
        .unwrap();
    let (mut data, mut len) = (ptr::null(), 0);
    // SAFETY: live handles, valid outputs; the bytes are read before the license is
    // freed.
    unsafe {
        assert_eq!(
            licsig_license_signed_document(license, &mut data, &mut len),
            LICSIG_OK
        );
        assert_eq!(
            core::slice::from_raw_parts(data, len),
            expected.signed_document()
        );
        licsig_license_free(license);
        licsig_verifier_free(verifier);
    }
}

/// Each refusal reaches C with its kind's status and the library's own message.
#[test]
fn refusals_carry_the_status_and_the_library_message() {
    let verifier = sample_verifier();
    let rust = rust_verifier();
    let tampered = String::from_utf8(FILE.to_vec())
        .unwrap()
        .replace("\"25\"", "\"99\"")
        .into_bytes();
    assert_ne!(tampered, FILE);
    let later = 2_114_380_800; // 2037-01-01T00:00:00Z
    let before = 1_767_225_600; // 2026-01-01T00:00:00Z
    let cases: [(&[u8], i64, licsig_status); 5] = [
        (&tampered, NOW, LICSIG_BAD_SIGNATURE),
        (FILE, later, LICSIG_EXPIRED),
        (FILE, before, LICSIG_NOT_YET_VALID),
        (b"{\"license\": [1,}", NOW, LICSIG_MALFORMED),
        (&vec![b' '; 1024 * 1024 + 1], NOW, LICSIG_LIMIT_EXCEEDED),
    ];
    for (data, now, status) in cases {
        let (kind, message) = rust_refusal(&rust, data, now);
        assert_eq!(licsig_status::of(kind), status);
        assert_eq!(verify(verifier, data, now).unwrap_err(), (status, message));
    }

    // SAFETY: live handles and valid arguments throughout.
    unsafe {
        set_node(verifier, "10.0.0.7");
        let (kind, message) = rust_refusal(&rust_verifier().node_id("10.0.0.7"), FILE, NOW);
        assert_eq!(kind, ErrorKind::NodeMismatch);
        assert_eq!(
            verify(verifier, FILE, NOW).unwrap_err(),
            (LICSIG_NODE_MISMATCH, message)
        );

        let name = "Feature.Import";
        let (status, _) = call(|err| {
            licsig_verifier_require_entitlement(verifier, name.as_ptr().cast(), name.len(), err)
        });
        assert_eq!(status, LICSIG_OK);
        set_node(verifier, NODE);
        let (kind, message) = rust_refusal(&rust_verifier().require_entitlement(name), FILE, NOW);
        assert_eq!(kind, ErrorKind::MissingEntitlement);
        assert_eq!(
            verify(verifier, FILE, NOW).unwrap_err(),
            (LICSIG_MISSING_ENTITLEMENT, message)
        );
        licsig_verifier_free(verifier);
    }

    let status_of = |keys: *mut licsig_keyset, node: Option<&str>, now: i64| {
        let mut verifier = ptr::null_mut();
        // SAFETY: live handles; each freed once.
        unsafe {
            assert_eq!(
                call(|err| licsig_verifier_new(keys, &mut verifier, err)).0,
                LICSIG_OK
            );
            licsig_keyset_free(keys);
            if let Some(node) = node {
                set_node(verifier, node);
            }
            let outcome = verify(verifier, FILE, now).map_err(|(status, _)| status);
            licsig_verifier_free(verifier);
            outcome.unwrap_err()
        }
    };
    assert_eq!(status_of(keyset(KEY_PEM), None, NOW), LICSIG_NODE_UNBOUND);

    let keys = keyset(KEY_PEM);
    // SAFETY: a live key set, valid texts.
    unsafe {
        assert_eq!(
            call(|err| licsig_keyset_revoke_key(keys, KID.as_ptr().cast(), KID.len(), err)).0,
            LICSIG_OK
        );
    }
    assert_eq!(status_of(keys, Some(NODE), NOW), LICSIG_KEY_REVOKED);

    let keys = keyset(KEY_PEM);
    // SAFETY: a live key set, valid texts.
    unsafe {
        assert_eq!(
            call(|err| licsig_keyset_revoke_license(keys, ARN.as_ptr().cast(), ARN.len(), err)).0,
            LICSIG_OK
        );
    }
    assert_eq!(status_of(keys, Some(NODE), NOW), LICSIG_LICENSE_REVOKED);

    // A JWK pinned to another algorithm than the license's.
    let pinned =
        String::from_utf8(KEY_JWK.to_vec())
            .unwrap()
            .replacen('{', "{\"alg\": \"RS256\",", 1);
    assert_eq!(
        status_of(keyset(pinned.as_bytes()), Some(NODE), NOW),
        LICSIG_KEY_MISMATCH
    );

    let verifier = sample_verifier();
    assert_eq!(
        verify_detached(verifier, "PS256", Some("vendor-key-9"), NOW)
            .unwrap_err()
            .0,
        LICSIG_UNKNOWN_KEY
    );
    assert_eq!(
        verify_detached(verifier, "ES512", None, NOW).unwrap_err().0,
        LICSIG_UNSUPPORTED_ALGORITHM
    );
    // SAFETY: a live verifier, valid texts.
    unsafe {
        let names = "ES256,RSASSA_PKCS1_V1_5_SHA_256";
        let (status, _) = call(|err| {
            licsig_verifier_allow_algorithms(verifier, names.as_ptr().cast(), names.len(), err)
        });
        assert_eq!(status, LICSIG_OK);
        assert_eq!(
            verify(verifier, FILE, NOW).unwrap_err().0,
            LICSIG_ALGORITHM_NOT_ALLOWED
        );
        for (names, status) in [
            ("", LICSIG_INVALID_ARGUMENT),
            ("PS256,", LICSIG_INVALID_ARGUMENT),
            ("PS256,HS256", LICSIG_UNSUPPORTED_ALGORITHM),
        ] {
            let (got, _) = call(|err| {
                licsig_verifier_allow_algorithms(verifier, names.as_ptr().cast(), names.len(), err)
            });
            assert_eq!(got, status, "{names:?}");
            // Unchanged on failure.
            assert_eq!(
                verify(verifier, FILE, NOW).unwrap_err().0,
                LICSIG_ALGORITHM_NOT_ALLOWED
            );
        }
        let names = "PS256";
        let (status, _) = call(|err| {
            licsig_verifier_allow_algorithms(verifier, names.as_ptr().cast(), names.len(), err)
        });
        assert_eq!(status, LICSIG_OK);
        licsig_license_free(verify(verifier, FILE, NOW).unwrap());
        licsig_verifier_free(verifier);
    }

    let mut keys = dangling();
    let garbage = b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    // SAFETY: valid pointers.
    let (status, _) = call(|err| unsafe {
        licsig_keyset_from_bytes(garbage.as_ptr(), garbage.len(), &mut keys, err)
    });
    assert_eq!((status, keys), (LICSIG_INVALID_KEY, ptr::null_mut()));
}

/// A hybrid policy: the sample file, signed by one RSA key, passes `rsa` and is
/// `LICSIG_MISSING_SIGNATURE` under `rsa,ml-dsa`; unknown names change nothing.
#[test]
fn required_families_need_a_signature_each() {
    let verifier = sample_verifier();
    let require = |names: &str| {
        call(|err| {
            // SAFETY: a live verifier, a valid text.
            unsafe {
                licsig_verifier_require_families(verifier, names.as_ptr().cast(), names.len(), err)
            }
        })
    };
    assert_eq!(require("rsa").0, LICSIG_OK);
    // SAFETY: a live license, freed once.
    unsafe { licsig_license_free(verify(verifier, FILE, NOW).unwrap()) };
    for names in ["", "rsa,", "rsa,dsa", "RSA-PSS"] {
        let (status, message) = require(names);
        assert_eq!(status, LICSIG_INVALID_ARGUMENT, "{names:?}");
        assert!(message.contains("rsa, ecdsa, eddsa or ml-dsa"), "{message}");
        // SAFETY: as above.
        unsafe { licsig_license_free(verify(verifier, FILE, NOW).unwrap()) };
    }
    assert_eq!(require("ml-dsa,rsa").0, LICSIG_OK);
    let (status, message) = verify(verifier, FILE, NOW).unwrap_err();
    assert_eq!(status, LICSIG_MISSING_SIGNATURE);
    assert_eq!(
        (ErrorKind::MissingSignature, message),
        rust_refusal(
            &rust_verifier()
                .require_family(licsig_core::Family::Rsa)
                .require_family(licsig_core::Family::MlDsa),
            FILE,
            NOW
        )
    );
    // SAFETY: a live verifier, freed once.
    unsafe { licsig_verifier_free(verifier) };
}

/// A hybrid license file (make_hybrid.py: RSA-3072 PS384, then ML-DSA-65) under
/// `rsa,ml-dsa`: both signatures are read back in order; the sample's one.
#[test]
fn every_verified_signature_reads_back_in_order() {
    let vectors: serde_json::Value = serde_json::from_str(HYBRID).unwrap();
    let vector = vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "hybrid-license-file")
        .unwrap();
    let file = vector["input"].as_str().unwrap().as_bytes();
    let keys = keyset(KEY_PEM); // the sample key is rsa3072
    let mut verifier = dangling();
    let names = "rsa,ml-dsa";
    // SAFETY: valid pointers; each handle is freed once.
    unsafe {
        let (status, _) =
            call(|err| licsig_keyset_add(keys, MLDSA65_PEM.as_ptr(), MLDSA65_PEM.len(), err));
        assert_eq!(status, LICSIG_OK);
        assert_eq!(
            call(|err| licsig_verifier_new(keys, &mut verifier, err)).0,
            LICSIG_OK
        );
        licsig_keyset_free(keys);
        let (status, _) = call(|err| {
            licsig_verifier_require_families(verifier, names.as_ptr().cast(), names.len(), err)
        });
        assert_eq!(status, LICSIG_OK);
        let signed = |license: *const licsig_license| {
            let mut count = usize::MAX;
            assert_eq!(
                licsig_license_signature_count(license, &mut count),
                LICSIG_OK
            );
            let all: Vec<(String, String)> = (0..count)
                .map(|i| {
                    let (mut alg, mut kid) = (ptr::null(), ptr::null());
                    assert_eq!(
                        licsig_license_signature_at(license, i, &mut alg, &mut kid),
                        LICSIG_OK
                    );
                    (c_str(alg).to_owned(), c_str(kid).to_owned())
                })
                .collect();
            let mut alg = dangling::<c_char>().cast_const();
            let mut kid = alg;
            assert_eq!(
                licsig_license_signature_at(license, count, &mut alg, &mut kid),
                LICSIG_INVALID_ARGUMENT
            );
            assert!(alg.is_null() && kid.is_null());
            all
        };
        let license = verify(verifier, file, NOW).unwrap();
        let ml_kid = "332caef175dc682f92b4059fd91ed79948a1e65f4dbc4fbe75c00ba80f095823";
        assert_eq!(
            signed(license),
            [
                ("PS384".to_owned(), KID.to_owned()),
                ("ML-DSA-65".to_owned(), ml_kid.to_owned())
            ]
        );
        licsig_license_free(license);
        assert_eq!(
            verify(verifier, FILE, NOW).unwrap_err().0,
            LICSIG_MISSING_SIGNATURE
        );
        licsig_verifier_free(verifier);

        let verifier = sample_verifier();
        let license = verify(verifier, FILE, NOW).unwrap();
        assert_eq!(signed(license), [("PS256".to_owned(), KID.to_owned())]);
        licsig_license_free(license);
        licsig_verifier_free(verifier);
    }
}

/// x5c chains through trust anchors: a valid chain verifies without any key, an
/// expired leaf is certificate_invalid (test-vectors/licenses/x5c.json).
#[test]
fn trust_anchors_validate_x5c_chains() {
    let vectors: serde_json::Value = serde_json::from_str(X5C).unwrap();
    let input = |id: &str| {
        let vector = vectors["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap();
        assert_eq!(vector["options"]["now"], "2026-11-22T00:00:00Z");
        assert_eq!(vector["options"]["ca"][0], "chains/root.pem");
        vector["input"].as_str().unwrap().to_owned()
    };
    let (mut keys, mut verifier) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: live handles, valid pointers; each handle freed once.
    unsafe {
        assert_eq!(licsig_keyset_new(&mut keys), LICSIG_OK);
        assert_eq!(
            call(|err| licsig_verifier_new(keys, &mut verifier, err)).0,
            LICSIG_OK
        );
        licsig_keyset_free(keys);
        let valid = input("x5c-token-valid-1");
        assert_eq!(
            verify(verifier, valid.as_bytes(), NOW).unwrap_err().0,
            LICSIG_UNKNOWN_KEY
        );
        let (status, _) = call(|err| {
            licsig_verifier_add_trust_anchors(verifier, ROOT_PEM.as_ptr(), ROOT_PEM.len(), err)
        });
        assert_eq!(status, LICSIG_OK);
        licsig_license_free(verify(verifier, valid.as_bytes(), NOW).unwrap());
        let expired = input("x5c-token-expired-leaf");
        assert_eq!(
            verify(verifier, expired.as_bytes(), NOW).unwrap_err().0,
            LICSIG_CERTIFICATE_INVALID
        );
        let (status, _) = call(|err| {
            licsig_verifier_add_trust_anchors(verifier, b"not a certificate".as_ptr(), 17, err)
        });
        assert_ne!(status, LICSIG_OK);
        licsig_verifier_free(verifier);
    }
}

/// Every required pointer, NULL, is LICSIG_INVALID_ARGUMENT with a message naming
/// it, and outputs are set even then.
#[test]
fn null_pointers_are_invalid_arguments() {
    let verifier = sample_verifier();
    let license = verify(verifier, FILE, NOW).unwrap();
    let mut entitlement = ptr::null();
    // SAFETY: live handles.
    unsafe {
        assert_eq!(
            licsig_license_entitlement_at(license, 0, &mut entitlement),
            LICSIG_OK
        )
    };
    let null_text = |status: licsig_status| assert_eq!(status, LICSIG_INVALID_ARGUMENT);
    let named = |(status, message): (licsig_status, String), name: &str| {
        assert_eq!(
            (status, message),
            (
                LICSIG_INVALID_ARGUMENT,
                format!("argument `{name}` is NULL")
            )
        );
    };
    let (mut v, mut l) = (dangling(), dangling());
    let (mut e, mut t, mut n, mut u, mut b, mut i) = (
        dangling::<licsig_entitlement>().cast_const(),
        dangling::<c_char>().cast_const(),
        7usize,
        7u64,
        true,
        7i64,
    );
    // SAFETY: NULL where the test says, valid pointers elsewhere.
    unsafe {
        named(
            call(|err| {
                licsig_keyset_from_bytes(KEY_PEM.as_ptr(), KEY_PEM.len(), ptr::null_mut(), err)
            }),
            "out",
        );
        named(
            call(|err| {
                licsig_keyset_from_jwks(KEY_JWK.as_ptr(), KEY_JWK.len(), ptr::null_mut(), err)
            }),
            "out",
        );
        named(
            call(|err| licsig_keyset_add(ptr::null_mut(), KEY_PEM.as_ptr(), KEY_PEM.len(), err)),
            "keys",
        );
        named(
            call(|err| {
                licsig_keyset_add_kid(ptr::null_mut(), c"a".as_ptr(), 1, c"b".as_ptr(), 1, err)
            }),
            "keys",
        );
        named(
            call(|err| licsig_keyset_revoke_key(ptr::null_mut(), c"a".as_ptr(), 1, err)),
            "keys",
        );
        named(
            call(|err| licsig_keyset_revoke_license(ptr::null_mut(), c"a".as_ptr(), 1, err)),
            "keys",
        );
        named(
            call(|err| licsig_verifier_new(ptr::null(), &mut v, err)),
            "keys",
        );
        assert!(
            v.is_null(),
            "the output is set before the argument is refused"
        );
        named(
            call(|err| licsig_verifier_set_node_id(ptr::null_mut(), c"a".as_ptr(), 1, err)),
            "verifier",
        );
        named(
            call(|err| licsig_verifier_require_entitlement(ptr::null_mut(), c"a".as_ptr(), 1, err)),
            "verifier",
        );
        named(
            call(|err| {
                licsig_verifier_allow_algorithms(ptr::null_mut(), c"PS256".as_ptr(), 5, err)
            }),
            "verifier",
        );
        named(
            call(|err| {
                licsig_verifier_add_trust_anchors(ptr::null_mut(), ROOT_PEM.as_ptr(), 1, err)
            }),
            "verifier",
        );
        named(
            call(|err| licsig_verify(ptr::null(), FILE.as_ptr(), FILE.len(), NOW, &mut l, err)),
            "verifier",
        );
        assert!(l.is_null());
        named(
            call(|err| {
                licsig_verify(
                    verifier,
                    FILE.as_ptr(),
                    FILE.len(),
                    NOW,
                    ptr::null_mut(),
                    err,
                )
            }),
            "out",
        );
        named(
            call(|err| {
                licsig_verify_detached(
                    ptr::null(),
                    DOCUMENT.as_ptr(),
                    1,
                    SIGNATURE.as_ptr(),
                    1,
                    c"PS256".as_ptr(),
                    5,
                    ptr::null(),
                    0,
                    NOW,
                    &mut l,
                    err,
                )
            }),
            "verifier",
        );
        named(
            call(|err| licsig_verifier_recheck(verifier, ptr::null(), NOW, err)),
            "license",
        );
        named(
            call(|err| licsig_verifier_recheck(ptr::null(), license, NOW, err)),
            "verifier",
        );
        named(
            call(|err| licsig_license_entitlement(ptr::null(), c"Seats".as_ptr(), 5, &mut e, err)),
            "license",
        );
        assert!(e.is_null());
        named(
            call(|err| licsig_entitlement_count(ptr::null(), &mut u, err)),
            "entitlement",
        );
        assert_eq!(u, 0);
        named(
            call(|err| licsig_entitlement_count(entitlement, ptr::null_mut(), err)),
            "value",
        );
        named(
            call(|err| licsig_entitlement_boolean(ptr::null(), &mut b, err)),
            "entitlement",
        );
        assert!(!b);

        // Functions without an error object: the status alone.
        null_text(licsig_keyset_new(ptr::null_mut()));
        null_text(licsig_keyset_len(ptr::null(), &mut n));
        assert_eq!(n, 0);
        let keys = keyset(KEY_PEM);
        null_text(licsig_keyset_len(keys, ptr::null_mut()));
        null_text(licsig_verifier_set_leeway(ptr::null_mut(), 5));
        null_text(licsig_verifier_set_strict_kid(ptr::null_mut(), true));
        for accessor in [
            licsig_license_form,
            licsig_license_kid,
            licsig_license_algorithm,
            licsig_license_arn,
            licsig_license_node_id,
            licsig_license_consumption_token,
        ] {
            t = dangling::<c_char>().cast_const();
            null_text(accessor(ptr::null(), &mut t, &mut n));
            assert!(t.is_null());
            null_text(accessor(license, ptr::null_mut(), &mut n));
        }
        for accessor in [
            licsig_entitlement_name,
            licsig_entitlement_unit,
            licsig_entitlement_value,
        ] {
            null_text(accessor(ptr::null(), &mut t, &mut n));
            null_text(accessor(entitlement, ptr::null_mut(), &mut n));
        }
        null_text(licsig_license_issued_at(ptr::null(), &mut i));
        assert_eq!(i, 0);
        null_text(licsig_license_issued_at(license, ptr::null_mut()));
        null_text(licsig_license_not_after(license, ptr::null_mut(), &mut i));
        null_text(licsig_license_not_after(license, &mut b, ptr::null_mut()));
        null_text(licsig_license_signed_document(
            license,
            ptr::null_mut(),
            &mut n,
        ));
        null_text(licsig_license_entitlement_count(ptr::null(), &mut n));
        null_text(licsig_license_entitlement_at(license, 0, ptr::null_mut()));

        // The length of a returned text is optional.
        let mut arn = ptr::null();
        assert_eq!(
            licsig_license_arn(license, &mut arn, ptr::null_mut()),
            LICSIG_OK
        );
        assert_eq!(c_str(arn), ARN);

        assert_eq!(licsig_error_status(ptr::null()), LICSIG_INVALID_ARGUMENT);
        let mut len = 0;
        let message = licsig_error_message(ptr::null(), &mut len);
        assert_eq!((c_str(message), len), ("no error object (NULL)", 22));

        licsig_keyset_free(keys);
        licsig_license_free(license);
        licsig_verifier_free(verifier);
    }
}

/// Every free function accepts NULL.
#[test]
fn free_accepts_null() {
    // SAFETY: NULL is allowed.
    unsafe {
        licsig_error_free(ptr::null_mut());
        licsig_keyset_free(ptr::null_mut());
        licsig_verifier_free(ptr::null_mut());
        licsig_license_free(ptr::null_mut());
    }
}

/// Lengths and texts are checked: bytes behind NULL, a length beyond any object,
/// text that is not UTF-8, an index out of range, a time outside the years 1 to 9999.
#[test]
fn bad_lengths_texts_indexes_and_times_are_invalid_arguments() {
    let verifier = sample_verifier();
    let mut license = ptr::null_mut();
    // SAFETY: the pointers are what each case says; none is read beyond its length.
    unsafe {
        let (status, message) =
            call(|err| licsig_verify(verifier, ptr::null(), 10, NOW, &mut license, err));
        assert_eq!(
            (status, message.as_str()),
            (
                LICSIG_INVALID_ARGUMENT,
                "argument `data` is NULL with a length of 10"
            )
        );
        let (status, message) =
            call(|err| licsig_verify(verifier, FILE.as_ptr(), usize::MAX, NOW, &mut license, err));
        assert_eq!(status, LICSIG_INVALID_ARGUMENT);
        assert!(
            message.ends_with("over the largest object size"),
            "{message}"
        );
        // NULL with length 0 is the empty input, which is not a license.
        assert_eq!(
            call(|err| licsig_verify(verifier, ptr::null(), 0, NOW, &mut license, err)).0,
            LICSIG_MALFORMED
        );

        let (status, message) =
            call(|err| licsig_verifier_set_node_id(verifier, c"a\xffb".as_ptr(), 3, err));
        assert_eq!(
            (status, message.as_str()),
            (
                LICSIG_INVALID_ARGUMENT,
                "argument `node_id` is not UTF-8 (invalid byte at offset 1)"
            )
        );
        for now in [i64::MIN, i64::MAX, 253_402_300_800] {
            let (status, message) = call(|err| {
                licsig_verify(verifier, FILE.as_ptr(), FILE.len(), now, &mut license, err)
            });
            assert_eq!(status, LICSIG_INVALID_ARGUMENT);
            assert_eq!(
                message,
                format!("time {now} (seconds since 1970) is outside the years 1 to 9999")
            );
        }

        license = verify(verifier, FILE, NOW).unwrap();
        let mut e = dangling::<licsig_entitlement>().cast_const();
        assert_eq!(
            licsig_license_entitlement_at(license, 4, &mut e),
            LICSIG_INVALID_ARGUMENT
        );
        assert!(e.is_null());
        assert_eq!(
            licsig_license_entitlement_at(license, usize::MAX, &mut e),
            LICSIG_INVALID_ARGUMENT
        );

        let (status, message) =
            call(|err| licsig_license_entitlement(license, c"Seat".as_ptr(), 4, &mut e, err));
        let expected = rust_verifier()
            .verify(FILE, Time::from_unix(NOW).unwrap())
            .unwrap();
        assert_eq!(
            (status, message),
            (
                LICSIG_MISSING_ENTITLEMENT,
                expected
                    .entitlement("Seat")
                    .unwrap_err()
                    .message()
                    .to_owned()
            )
        );

        // Typed accessors refuse a value of another unit, with the library's message.
        let mut export = ptr::null();
        assert_eq!(
            licsig_license_entitlement_at(license, 1, &mut export),
            LICSIG_OK
        );
        let mut n = 7;
        let (status, message) = call(|err| licsig_entitlement_count(export, &mut n, err));
        let rust_export = expected.entitlement("Feature.Export").unwrap();
        assert_eq!(
            (status, message, n),
            (
                LICSIG_MALFORMED,
                rust_export.count().unwrap_err().message().to_owned(),
                0
            )
        );
        let mut seats = ptr::null();
        assert_eq!(
            licsig_license_entitlement_at(license, 0, &mut seats),
            LICSIG_OK
        );
        let mut on = true;
        assert_eq!(
            call(|err| licsig_entitlement_boolean(seats, &mut on, err)).0,
            LICSIG_MALFORMED
        );
        assert!(!on);

        licsig_license_free(license);
        licsig_verifier_free(verifier);
    }
}

/// A non-NULL `*err` on entry is refused and left alone; nothing runs.
#[test]
fn an_unfreed_error_is_never_overwritten() {
    let mut keys = dangling();
    let mut err = ptr::null_mut();
    // SAFETY: valid pointers; the error object is freed once.
    unsafe {
        let garbage = b"x";
        assert_eq!(
            licsig_keyset_from_bytes(garbage.as_ptr(), 1, &mut keys, &mut err),
            LICSIG_INVALID_KEY
        );
        let first = err;
        assert!(!first.is_null());
        keys = dangling();
        assert_eq!(
            licsig_keyset_from_bytes(KEY_PEM.as_ptr(), KEY_PEM.len(), &mut keys, &mut err),
            LICSIG_INVALID_ARGUMENT
        );
        assert_eq!((err, keys), (first, dangling()), "nothing ran");
        licsig_error_free(err);
    }
}

/// A panic inside a call is LICSIG_INTERNAL with its message, never an unwind into C.
#[test]
fn a_panic_is_an_internal_error() {
    let mut err = ptr::null_mut();
    #[allow(clippy::panic)]
    // SAFETY: a valid error slot.
    let status = unsafe { run(&mut err, || panic!("boom")) };
    assert_eq!(status, LICSIG_INTERNAL);
    // SAFETY: the error object just made, freed once.
    unsafe {
        assert_eq!(
            c_str(licsig_error_message(err, ptr::null_mut())),
            "internal error in licsig (a bug, please report it): boom"
        );
        licsig_error_free(err);
    }
}

/// The verifier copies its key set: freeing or changing the key set afterwards does
/// not reach it. Adding keys is all or nothing.
#[test]
fn the_verifier_owns_a_copy_of_the_keys() {
    let keys = keyset(KEY_PEM);
    let mut verifier = ptr::null_mut();
    let mut count = 0;
    // SAFETY: live handles, valid pointers; each handle freed once.
    unsafe {
        assert_eq!(
            call(|err| licsig_verifier_new(keys, &mut verifier, err)).0,
            LICSIG_OK
        );
        set_node(verifier, NODE);
        assert_eq!(
            call(|err| licsig_keyset_revoke_key(keys, KID.as_ptr().cast(), KID.len(), err)).0,
            LICSIG_OK
        );
        let license = verify(verifier, FILE, NOW).unwrap();
        licsig_keyset_free(keys);
        licsig_license_free(verify(verifier, TOKEN, NOW).unwrap());
        // The license outlives its verifier.
        licsig_verifier_free(verifier);
        assert_eq!(
            text(|t, l| licsig_license_kid(license, t, l)).as_deref(),
            Some(KID)
        );
        licsig_license_free(license);

        let keys = keyset(KEY_PEM);
        let (status, _) = call(|err| licsig_keyset_add(keys, KEY_JWK.as_ptr(), KEY_JWK.len(), err));
        assert_eq!(status, LICSIG_INVALID_KEY, "the same key twice");
        assert_eq!(licsig_keyset_len(keys, &mut count), LICSIG_OK);
        assert_eq!(count, 1);
        let extra = "vendor-key-1";
        let (status, _) = call(|err| {
            licsig_keyset_add_kid(
                keys,
                KID.as_ptr().cast(),
                KID.len(),
                extra.as_ptr().cast(),
                extra.len(),
                err,
            )
        });
        assert_eq!(status, LICSIG_OK);
        let (status, _) =
            call(|err| licsig_keyset_add_kid(keys, c"nope".as_ptr(), 4, c"x".as_ptr(), 1, err));
        assert_eq!(status, LICSIG_UNKNOWN_KEY);
        licsig_keyset_free(keys);

        let mut jwks = ptr::null_mut();
        let (status, _) =
            call(|err| licsig_keyset_from_jwks(KEY_JWK.as_ptr(), KEY_JWK.len(), &mut jwks, err));
        assert_ne!(status, LICSIG_OK, "a lone JWK is not a JWK Set");
        let set = format!(
            "{{\"keys\": [{}]}}",
            String::from_utf8(KEY_JWK.to_vec()).unwrap()
        );
        let (status, _) =
            call(|err| licsig_keyset_from_jwks(set.as_ptr(), set.len(), &mut jwks, err));
        assert_eq!(status, LICSIG_OK);
        assert_eq!(licsig_keyset_len(jwks, &mut count), LICSIG_OK);
        assert_eq!(count, 1);
        licsig_keyset_free(jwks);
    }
}

/// A license kept in memory is checked again at a later time.
#[test]
fn recheck_applies_the_verifiers_times() {
    let verifier = sample_verifier();
    let license = verify(verifier, FILE, NOW).unwrap();
    // SAFETY: live handles, freed once.
    unsafe {
        assert_eq!(
            call(|err| licsig_verifier_recheck(verifier, license, NOW, err)).0,
            LICSIG_OK
        );
        assert_eq!(
            call(|err| licsig_verifier_recheck(verifier, license, EXPIRES + 59, err)).0,
            LICSIG_OK
        );
        assert_eq!(
            call(|err| licsig_verifier_recheck(verifier, license, EXPIRES + 60, err)).0,
            LICSIG_EXPIRED
        );
        assert_eq!(licsig_verifier_set_leeway(verifier, 0), LICSIG_OK);
        assert_eq!(
            call(|err| licsig_verifier_recheck(verifier, license, EXPIRES, err)).0,
            LICSIG_EXPIRED
        );
        assert_eq!(
            call(|err| licsig_verifier_recheck(verifier, license, ISSUED - 1, err)).0,
            LICSIG_NOT_YET_VALID
        );
        licsig_license_free(license);
        licsig_verifier_free(verifier);
    }
}

/// Handles may be shared between threads as the header says.
#[test]
fn handles_are_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<licsig_keyset>();
    shareable::<licsig_verifier>();
    shareable::<licsig_license>();
    shareable::<licsig_entitlement>();
    shareable::<licsig_error>();
}
