#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Key loading: every form, every refusal with its kind, key ids against openssl's.

mod common;

use base64::Engine as _;
use licsig::alg::{Algorithm, Curve, EcdsaEncoding, KeyType};
use licsig::{hazmat, key};
use licsig::{ErrorKind, KeySet, PublicKey};

fn bytes(name: &str) -> Vec<u8> {
    common::read_test_vector(&format!("keys/{name}"))
}
fn text(name: &str) -> String {
    String::from_utf8(bytes(name)).unwrap()
}
fn kid(name: &str) -> String {
    text(name).trim().to_owned()
}
fn kind_of(r: Result<impl std::fmt::Debug, licsig::Error>) -> ErrorKind {
    let e = r.expect_err("expected an error");
    assert!(!e.message().is_empty());
    e.kind()
}

/// RFC 7638 §3.1's example key.
const RFC7638_JWK: &str = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;

/// RFC 7515 A.3's P-256 key.
const A3_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const A3_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

fn ec_jwk(extra: &str) -> String {
    format!(r#"{{"kty":"EC","crv":"P-256","x":"{A3_X}","y":"{A3_Y}"{extra}}}"#)
}

#[test]
fn kid_equals_openssl_sha256_of_spki_der() {
    for (file, kid_file, ty) in [
        ("rsa2048.pem", "rsa2048.kid", KeyType::Rsa { bits: 2048 }),
        ("ec-p256.pem", "ec-p256.kid", KeyType::Ec(Curve::P256)),
        ("ec-p384.pem", "ec-p384.kid", KeyType::Ec(Curve::P384)),
        ("ed25519.pem", "ed25519.kid", KeyType::Ed25519),
    ] {
        let key = PublicKey::from_pem(&text(file)).unwrap();
        assert_eq!(key.kid(), kid(kid_file), "{file}");
        assert_eq!(key.key_type(), ty);
        assert_eq!(key.to_string(), format!("{ty} {}", kid(kid_file)));
    }
    let k = PublicKey::from_pem(&text("ed25519.pem")).unwrap();
    assert!(k.to_string().starts_with("Ed25519 256 "));
    let k = PublicKey::from_pem(&text("ec-p256.pem")).unwrap();
    assert!(k.to_string().starts_with("EC P-256 "));
}

#[test]
fn every_form_of_one_rsa_key_gives_the_same_kid() {
    let want = kid("rsa2048.kid");
    let forms: Vec<(&str, PublicKey)> = vec![
        (
            "spki pem",
            PublicKey::from_pem(&text("rsa2048.pem")).unwrap(),
        ),
        (
            "spki der",
            PublicKey::from_spki_der(&bytes("rsa2048.der")).unwrap(),
        ),
        (
            "bare base64",
            PublicKey::from_bytes(&bytes("rsa2048.b64")).unwrap(),
        ),
        (
            "pkcs1 pem",
            PublicKey::from_pem(&text("rsa2048.pkcs1.pem")).unwrap(),
        ),
        (
            "pkcs1 der",
            PublicKey::from_pkcs1_der(&bytes("rsa2048.pkcs1.der")).unwrap(),
        ),
        (
            "pkcs1 der detected",
            PublicKey::from_bytes(&bytes("rsa2048.pkcs1.der")).unwrap(),
        ),
        (
            "cert pem",
            PublicKey::from_pem(&text("rsa2048.crt.pem")).unwrap(),
        ),
        (
            "cert der",
            PublicKey::from_certificate_der(&bytes("rsa2048.crt.der")).unwrap(),
        ),
        (
            "cert der detected",
            PublicKey::from_bytes(&bytes("rsa2048.crt.der")).unwrap(),
        ),
        (
            "spki der detected",
            PublicKey::from_bytes(&bytes("rsa2048.der")).unwrap(),
        ),
    ];
    for (what, key) in &forms {
        assert_eq!(key.kid(), want, "{what}");
        assert_eq!(key.spki_der(), &bytes("rsa2048.der")[..], "{what}");
    }
    assert_eq!(
        KeySet::from_der(&bytes("rsa2048.crt.der")).unwrap().len(),
        1
    );
    assert_eq!(
        KeySet::from_bytes(&bytes("rsa2048.b64"))
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [format!("RSA 2048 {want}")]
    );
}

#[test]
fn trailing_bytes_are_refused() {
    let mut der = bytes("rsa2048.der");
    der.push(0);
    assert_eq!(
        kind_of(PublicKey::from_spki_der(&der)),
        ErrorKind::InvalidKey
    );
    let mut cert = bytes("rsa2048.crt.der");
    cert.push(0);
    assert_eq!(
        kind_of(PublicKey::from_certificate_der(&cert)),
        ErrorKind::InvalidKey
    );
    assert_eq!(kind_of(PublicKey::from_bytes(&cert)), ErrorKind::InvalidKey);
}

#[test]
fn refusals_have_their_kinds() {
    for (file, kind, needle) in [
        ("rsa2041.pem", ErrorKind::InvalidKey, "2041 bits"),
        ("rsa1024.pem", ErrorKind::InvalidKey, "1024 bits"),
        ("rsa2048-e65536.pem", ErrorKind::InvalidKey, "even"),
        ("rsa2048-e1.pem", ErrorKind::InvalidKey, "at least 3"),
        (
            "rsa2048-even-n.pem",
            ErrorKind::InvalidKey,
            "modulus is even",
        ),
        (
            "ec-p256-compressed.pem",
            ErrorKind::InvalidKey,
            "compressed",
        ),
        (
            "ec-p256-explicit.pem",
            ErrorKind::InvalidKey,
            "explicit curve parameters",
        ),
        ("ec-p521.pem", ErrorKind::UnsupportedAlgorithm, "P-521"),
        (
            "ec-secp256k1.pem",
            ErrorKind::UnsupportedAlgorithm,
            "secp256k1",
        ),
        ("dsa.pem", ErrorKind::UnsupportedAlgorithm, "DSA"),
        (
            "rsa-pss.pem",
            ErrorKind::UnsupportedAlgorithm,
            "RSASSA-PSS-restricted",
        ),
    ] {
        let err = PublicKey::from_pem(&text(file)).unwrap_err();
        assert_eq!(err.kind(), kind, "{file}: {err}");
        assert!(err.message().contains(needle), "{file}: {err}");
        // The general entry points agree.
        assert_eq!(
            KeySet::from_bytes(&bytes(file)).unwrap_err().kind(),
            kind,
            "{file}"
        );
    }
    // A private key, refused by its PEM label.
    let err = PublicKey::from_pem(common::PRIVATE_KEY_PEM).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    assert!(err.message().contains("private key"), "{err}");
    assert_eq!(
        KeySet::from_bytes(common::PRIVATE_KEY_PEM.as_bytes())
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
    // Exponent at or above 2^33 (ring's bound), and a modulus of 8193 bits.
    let n = {
        let mut n = vec![0xc5u8; 256];
        n[255] |= 1;
        n
    };
    assert_eq!(
        kind_of(PublicKey::from_rsa_components(&n, &[2, 0, 0, 0, 1])),
        ErrorKind::InvalidKey
    );
    assert!(PublicKey::from_rsa_components(&n, &[1, 0, 0, 0, 1]).is_ok());
    let mut big = vec![1u8];
    big.extend(vec![0xc5u8; 1024]);
    assert_eq!(
        kind_of(PublicKey::from_rsa_components(&big, &[1, 0, 1])),
        ErrorKind::InvalidKey
    );
}

#[test]
fn bundle_of_three_and_detection() {
    let set = KeySet::from_pem(&text("bundle3.pem")).unwrap();
    assert_eq!(set.len(), 3);
    let kids: Vec<&str> = set.iter().map(|k| k.kid()).collect();
    assert_eq!(
        kids,
        [kid("rsa2048.kid"), kid("ec-p256.kid"), kid("ed25519.kid")]
    );
    for k in ["rsa2048.kid", "ec-p256.kid", "ed25519.kid"] {
        assert!(set.get(&kid(k)).is_some());
    }
    assert_eq!(KeySet::from_bytes(&bytes("bundle3.pem")).unwrap().len(), 3);
    // One key where one is expected.
    assert_eq!(
        kind_of(PublicKey::from_pem(&text("bundle3.pem"))),
        ErrorKind::InvalidKey
    );
    // The same key twice: duplicate key id.
    let twice = text("rsa2048.pem").repeat(2);
    let err = KeySet::from_pem(&twice).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("duplicate"));
    // Text around blocks is ignored; garbage is not a key.
    let decorated = format!("subject=CN = x\n{}\ntrailing words\n", text("ed25519.pem"));
    assert_eq!(KeySet::from_pem(&decorated).unwrap().len(), 1);
    assert_eq!(kind_of(KeySet::from_bytes(b"hello")), ErrorKind::InvalidKey);
    assert_eq!(kind_of(KeySet::from_bytes(b"")), ErrorKind::InvalidKey);
    assert_eq!(
        kind_of(KeySet::from_bytes(b"\x30\x03\x02\x01\x01")),
        ErrorKind::InvalidKey
    );
}

#[test]
fn limits() {
    let huge = vec![b' '; key::MAX_KEY_INPUT_BYTES + 1];
    assert_eq!(kind_of(KeySet::from_bytes(&huge)), ErrorKind::LimitExceeded);
    // A JWK Set with one key more than allowed.
    let one = ec_jwk("");
    let many = vec![one.as_str(); key::MAX_KEYS + 1].join(",");
    let jwks = format!(r#"{{"keys":[{many}]}}"#);
    assert_eq!(
        kind_of(KeySet::from_jwks(jwks.as_bytes())),
        ErrorKind::LimitExceeded
    );
    // Deep JSON.
    let deep = format!("{{\"keys\":{}{}}}", "[".repeat(20), "]".repeat(20));
    assert_eq!(
        kind_of(KeySet::from_jwks(deep.as_bytes())),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn jwk_forms_and_refusals() {
    // The JWK of RFC 7515 A.3 is the key of its SPKI; its kid is the SPKI's hash.
    let jwk = PublicKey::from_jwk(ec_jwk("").as_bytes()).unwrap();
    assert_eq!(jwk.key_type(), KeyType::Ec(Curve::P256));
    assert_eq!(jwk.kid(), jwk.spki_sha256());
    // A JWK's own kid wins.
    let named = PublicKey::from_jwk(ec_jwk(r#","kid":"vendor-2026""#).as_bytes()).unwrap();
    assert_eq!(named.kid(), "vendor-2026");
    assert_eq!(named.spki_der(), jwk.spki_der());

    let ed = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    assert_eq!(
        PublicKey::from_jwk(ed.as_bytes()).unwrap().key_type(),
        KeyType::Ed25519
    );

    let rsa = PublicKey::from_jwk(RFC7638_JWK.as_bytes()).unwrap();
    assert_eq!(rsa.key_type(), KeyType::Rsa { bits: 2048 });
    assert_eq!(rsa.alg(), Some(Algorithm::Rs256));
    assert_eq!(rsa.kid(), "2011-04-29");

    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let n = b64.decode(r#"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"#).unwrap();
    let mut zn = vec![0u8];
    zn.extend(&n);
    let leading_zero = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, b64.encode(&zn));

    let off_curve_y = format!("{}4", &A3_Y[..A3_Y.len() - 1]);
    let cases: Vec<(String, ErrorKind, &str)> = vec![
        (
            ec_jwk(r#","d":"jpsQnnGQmL-YBIffH1136cLyHq9r4bRfI8U3f8tjKyI""#),
            ErrorKind::InvalidKey,
            "private",
        ),
        (
            RFC7638_JWK.replace(r#""e":"AQAB""#, r#""e":"AQAB","p":"AQAB""#),
            ErrorKind::InvalidKey,
            "private",
        ),
        (
            r#"{"kty":"oct","k":"AAAA"}"#.into(),
            ErrorKind::InvalidKey,
            "symmetric",
        ),
        (
            r#"{"kty":"oct"}"#.into(),
            ErrorKind::InvalidKey,
            "symmetric",
        ),
        (r#"{"kty":"XYZ"}"#.into(), ErrorKind::InvalidKey, "kty"),
        (r#"{"crv":"P-256"}"#.into(), ErrorKind::InvalidKey, "kty"),
        (leading_zero, ErrorKind::InvalidKey, "leading zero"),
        (
            ec_jwk("").replace(A3_Y, &off_curve_y),
            ErrorKind::InvalidKey,
            "not on the curve",
        ),
        (
            ec_jwk("").replace(A3_Y, &A3_Y[..42]),
            ErrorKind::InvalidKey,
            "base64url",
        ),
        (
            ec_jwk("").replace(A3_Y, &A3_Y[..40]),
            ErrorKind::InvalidKey,
            "bytes",
        ),
        (
            ec_jwk("").replace("P-256", "P-384"),
            ErrorKind::InvalidKey,
            "bytes",
        ),
        (
            ec_jwk("").replace("P-256", "P-521"),
            ErrorKind::UnsupportedAlgorithm,
            "P-521",
        ),
        (
            ec_jwk(r#","alg":"RS256""#),
            ErrorKind::InvalidKey,
            "does not fit",
        ),
        (ec_jwk(r#","alg":"ES521""#), ErrorKind::InvalidKey, "ES521"),
        (ec_jwk(r#","alg":"HS256""#), ErrorKind::InvalidKey, "HMAC"),
        (ec_jwk(r#","kid":"""#), ErrorKind::InvalidKey, "empty"),
        (ec_jwk(r#","kid":7"#), ErrorKind::InvalidKey, "not a string"),
        (
            ec_jwk(r#","key_ops":["verify","verify"]"#),
            ErrorKind::InvalidKey,
            "twice",
        ),
        (ec_jwk(r#","x":"a""#), ErrorKind::Malformed, "uplicate"),
        (
            r#"{"kty":"OKP","crv":"Ed25519","x":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#
                .into(),
            ErrorKind::InvalidKey,
            "small order",
        ),
        (
            r#"{"kty":"OKP","crv":"X25519","x":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#
                .into(),
            ErrorKind::InvalidKey,
            "key agreement",
        ),
    ];
    for (json, kind, needle) in &cases {
        let err = PublicKey::from_jwk(json.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), *kind, "{json}: {err}");
        assert!(err.message().contains(needle), "{json}: {err}");
    }
}

#[test]
fn jwks() {
    let ed = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ed"}"#;
    let jwks = format!(
        r#"{{"keys":[{RFC7638_JWK},{},{ed}]}}"#,
        ec_jwk(r#","kid":"ec""#)
    );
    let set = KeySet::from_jwks(jwks.as_bytes()).unwrap();
    assert_eq!(set.len(), 3);
    assert_eq!(
        set.get("2011-04-29").unwrap().key_type(),
        KeyType::Rsa { bits: 2048 }
    );
    assert_eq!(set.get("ec").unwrap().key_type(), KeyType::Ec(Curve::P256));
    assert!(set.get("ed").is_some());
    assert_eq!(KeySet::from_bytes(jwks.as_bytes()).unwrap().len(), 3);
    // Duplicate kid, a private key among public ones, a missing "keys".
    let dup = format!(
        r#"{{"keys":[{},{}]}}"#,
        ec_jwk(r#","kid":"a""#),
        ed.replace(r#""ed""#, r#""a""#)
    );
    let err = KeySet::from_jwks(dup.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    assert!(err.message().contains("duplicate kid"), "{err}");
    let mixed = format!(r#"{{"keys":[{ed},{}]}}"#, ec_jwk(r#","d":"AA""#));
    assert_eq!(
        kind_of(KeySet::from_jwks(mixed.as_bytes())),
        ErrorKind::InvalidKey
    );
    assert_eq!(kind_of(KeySet::from_jwks(b"{}")), ErrorKind::InvalidKey);
    assert_eq!(kind_of(KeySet::from_jwks(b"[]")), ErrorKind::InvalidKey);
    assert_eq!(
        kind_of(KeySet::from_jwks(br#"{"keys":{}}"#)),
        ErrorKind::InvalidKey
    );
}

#[test]
fn rfc7638_thumbprint() {
    let key = PublicKey::from_jwk(RFC7638_JWK.as_bytes()).unwrap();
    assert_eq!(
        key.jwk_thumbprint(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
    // RFC 8037 A.3: the thumbprint of the A.2 Ed25519 key.
    let ed = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    assert_eq!(
        PublicKey::from_jwk(ed.as_bytes()).unwrap().jwk_thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
}

#[test]
fn alg_use_and_key_ops_are_enforced_before_crypto() {
    let garbage = [0u8; 64];
    let check = |extra: &str, alg: Algorithm| {
        let key = PublicKey::from_jwk(ec_jwk(extra).as_bytes()).unwrap();
        hazmat::verify(alg, &key, b"m", &garbage, EcdsaEncoding::Fixed).map_err(|e| e.kind())
    };
    // Fits: the garbage signature reaches ring and fails there.
    assert_eq!(check("", Algorithm::Es256), Err(ErrorKind::BadSignature));
    assert_eq!(
        check(
            r#","use":"sig","key_ops":["verify"],"alg":"ES256""#,
            Algorithm::Es256
        ),
        Err(ErrorKind::BadSignature)
    );
    // Does not fit: refused before ring.
    for (extra, alg) in [
        ("", Algorithm::Es384),
        ("", Algorithm::Rs256),
        ("", Algorithm::EdDsa),
        (r#","use":"enc""#, Algorithm::Es256),
        (r#","key_ops":["sign"]"#, Algorithm::Es256),
        (r#","key_ops":[]"#, Algorithm::Es256),
    ] {
        assert_eq!(
            check(extra, alg),
            Err(ErrorKind::KeyMismatch),
            "{extra} {alg}"
        );
    }
    // A key declared for PS256 never verifies RS256.
    let rsa = PublicKey::from_pem(&text("rsa2048.pem")).unwrap();
    let ps = rsa.clone().with_alg(Algorithm::Ps256).unwrap();
    let sig = vec![0u8; 256];
    assert_eq!(
        hazmat::verify(Algorithm::Rs256, &ps, b"m", &sig, EcdsaEncoding::Der)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyMismatch
    );
    assert_eq!(
        hazmat::verify(Algorithm::Ps256, &ps, b"m", &sig, EcdsaEncoding::Der)
            .unwrap_err()
            .kind(),
        ErrorKind::BadSignature
    );
    assert_eq!(
        hazmat::verify(Algorithm::Rs256, &rsa, b"m", &sig, EcdsaEncoding::Der)
            .unwrap_err()
            .kind(),
        ErrorKind::BadSignature
    );
    assert_eq!(
        kind_of(rsa.with_alg(Algorithm::Es256)),
        ErrorKind::InvalidKey
    );
}

/// ring alone accepts R = identity, S = 0 for any message under the identity key;
/// licsig refuses that key when it is loaded.
#[test]
fn ed25519_identity_key_forgery_is_stopped_at_load() {
    use ring::signature::{UnparsedPublicKey, ED25519};
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let mut forged = [0u8; 64];
    forged[0] = 1; // R = identity, S = 0
    for msg in [&b"any license"[..], b"another one", b""] {
        assert!(UnparsedPublicKey::new(&ED25519, identity)
            .verify(msg, &forged)
            .is_ok());
    }
    let err = PublicKey::from_ed25519(&identity).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    let jwk = format!(
        r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#,
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(identity)
    );
    assert_eq!(
        kind_of(PublicKey::from_jwk(jwk.as_bytes())),
        ErrorKind::InvalidKey
    );
    // The SPKI form too.
    let mut spki = hex_decode("302a300506032b6570032100");
    spki.extend(identity);
    assert_eq!(
        kind_of(PublicKey::from_spki_der(&spki)),
        ErrorKind::InvalidKey
    );
    // Every blocklisted encoding, with either sign bit.
    for y in [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ] {
        let mut a = hex_decode(y);
        assert_eq!(
            kind_of(PublicKey::from_ed25519(&a)),
            ErrorKind::InvalidKey,
            "{y}"
        );
        a[31] |= 0x80;
        assert_eq!(
            kind_of(PublicKey::from_ed25519(&a)),
            ErrorKind::InvalidKey,
            "{y} signed"
        );
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn keyset_revocation_and_validity() {
    let mut set = KeySet::from_pem(&text("bundle3.pem")).unwrap();
    let rsa = kid("rsa2048.kid");
    assert_eq!(set.get(&rsa).unwrap().kid(), rsa);
    assert!(set.get("nope").is_none());

    let t = |secs| licsig::Time::from_unix(secs).unwrap();
    set.set_validity(&rsa, Some(t(1_000)), Some(t(2_000)))
        .unwrap();
    let key = set.get(&rsa).unwrap();
    assert_eq!(
        (key.not_before(), key.not_after()),
        (Some(t(1_000)), Some(t(2_000)))
    );
    assert_eq!(
        kind_of(set.set_validity("nope", None, None)),
        ErrorKind::UnknownKey
    );

    set.revoke_key(rsa.clone());
    assert!(set.is_key_revoked(&rsa));
    assert!(set.get(&rsa).is_some(), "a revoked key stays in the set");

    assert!(!set.is_license_revoked("l-1"));
    set.revoke_license("l-1");
    assert!(set.is_license_revoked("l-1"));
}
