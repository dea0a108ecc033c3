"""One refusal per error kind of DESIGN.md §6: the exact exception class, its `kind`,
and that it is a licsig.Error."""

import base64
import json

import jwt
import pytest

import licsig
from conftest import NODE, NOW, REPO, sample
import corpus

KEYS = REPO / "test-vectors" / "licenses" / "keys"
PRIVATE = (KEYS / "private" / "rsa3072.pk8.pem").read_bytes()  # the sample's key, TEST ONLY
KID = "428ef18f2a31dd4be16db9bb1cdfbc142b5f04dcb6b1e9ef550ece493b625038"

KINDS = {
    licsig.Malformed: "malformed",
    licsig.LimitExceeded: "limit_exceeded",
    licsig.UnsupportedAlgorithm: "unsupported_algorithm",
    licsig.AlgorithmNotAllowed: "algorithm_not_allowed",
    licsig.InvalidKey: "invalid_key",
    licsig.KeyMismatch: "key_mismatch",
    licsig.UnknownKey: "unknown_key",
    licsig.KeyRevoked: "key_revoked",
    licsig.BadSignature: "bad_signature",
    licsig.CertificateInvalid: "certificate_invalid",
    licsig.Expired: "expired",
    licsig.NotYetValid: "not_yet_valid",
    licsig.NodeMismatch: "node_mismatch",
    licsig.NodeUnbound: "node_unbound",
    licsig.MissingEntitlement: "missing_entitlement",
    licsig.LicenseRevoked: "license_revoked",
    licsig.MissingSignature: "missing_signature",
}


def document(**changes) -> dict:
    doc = json.loads(sample("license.json"))
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not None}


def token(doc: dict, kid: str = KID, alg: str = "PS384") -> bytes:
    return jwt.encode(doc, PRIVATE, algorithm=alg, headers={"kid": kid}).encode()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def refused(exc_class, call):
    """Runs `call`, which must raise exactly `exc_class`; returns the exception."""
    with pytest.raises(licsig.Error) as raised:
        call()
    assert type(raised.value) is exc_class, repr(raised.value)
    assert raised.value.kind == KINDS[exc_class]
    assert raised.value.message == str(raised.value) != ""
    return raised.value


def test_every_kind_has_its_class():
    assert len(KINDS) == 17
    for cls, kind in KINDS.items():
        assert issubclass(cls, licsig.Error) and cls is not licsig.Error
        assert cls.kind == kind
        assert cls.__module__ == "licsig"
    assert issubclass(licsig.Error, Exception)


def test_malformed(verifier):
    refused(licsig.Malformed, lambda: verifier.verify(b"not a license", NOW))


def test_limit_exceeded(verifier):
    e = refused(licsig.LimitExceeded, lambda: verifier.verify(b" " * (2 << 20), NOW))
    assert "1048576" in e.message


def test_unsupported_algorithm(verifier):
    header = b64url(b'{"alg":"none"}')
    unsecured = f"{header}.{b64url(sample('license.json'))}.".encode()
    e = refused(licsig.UnsupportedAlgorithm, lambda: verifier.verify(unsecured, NOW))
    assert "none" in e.message
    refused(
        licsig.UnsupportedAlgorithm,
        lambda: verifier.verify_detached(sample("license.json"), b"AAAA", "HS256", NOW),
    )
    refused(
        licsig.UnsupportedAlgorithm,
        lambda: licsig.Verifier(licsig.KeySet(), algorithms=["ES512"]),
    )


def test_algorithm_not_allowed(sample_keys):
    only_es256 = licsig.Verifier(sample_keys, node_id=NODE, algorithms=["ECDSA_SHA_256"])
    refused(licsig.AlgorithmNotAllowed, lambda: only_es256.verify(sample("token.jwt"), NOW))


def test_invalid_key():
    short = (REPO / "test-vectors" / "keys" / "rsa1024.pem").read_bytes()
    refused(licsig.InvalidKey, lambda: licsig.KeySet.from_pem(short))
    refused(licsig.InvalidKey, lambda: licsig.KeySet.from_pem(b"\xff\xfe not UTF-8"))


def test_key_mismatch(verifier):
    # An ES256 header naming the RSA key: refused on the key type, before any crypto.
    header = json.dumps({"alg": "ES256", "kid": KID}).encode()
    forged = f"{b64url(header)}.{b64url(sample('license.json'))}.{b64url(bytes(64))}"
    refused(licsig.KeyMismatch, lambda: verifier.verify(forged.encode(), NOW))


def test_unknown_key(sample_keys):
    strict = licsig.Verifier(sample_keys, node_id=NODE, strict_kid=True)
    e = refused(
        licsig.UnknownKey, lambda: strict.verify(token(document(), kid="vendor-key-1"), NOW)
    )
    assert "vendor-key-1" in e.message


def test_key_revoked(sample_keys):
    revoked = licsig.Verifier(sample_keys.with_revoked_keys([KID]), node_id=NODE)
    refused(licsig.KeyRevoked, lambda: revoked.verify(sample("token.jwt"), NOW))


def test_bad_signature(verifier):
    header, payload, signature = sample("token.jwt").split(b".")
    other = b64url(json.dumps(document(licenseArn="arn:other")).encode()).encode()
    tampered = b".".join([header, other, signature])
    refused(licsig.BadSignature, lambda: verifier.verify(tampered, NOW))


def test_certificate_invalid():
    # A token whose x5c chain has an expired leaf, with the chains' root as anchor.
    vector = next(v for v in corpus.load_group("x5c") if v["id"] == "x5c-token-expired-leaf")
    assert corpus.expected(vector) == ("error", "certificate_invalid")
    outcome, error = corpus.run(vector)
    assert outcome == ("error", "certificate_invalid")
    assert type(error) is licsig.CertificateInvalid


def test_expired(verifier):
    old = token(document(expiration="2026-11-21T23:58:59"))
    e = refused(licsig.Expired, lambda: verifier.verify(old, NOW))
    assert "2026-11-21T23:58:59Z" in e.message


def test_not_yet_valid(verifier):
    future = token(document(issuedAt="2026-11-22T00:01:01"))
    refused(licsig.NotYetValid, lambda: verifier.verify(future, NOW))


def test_node_mismatch(sample_keys):
    elsewhere = licsig.Verifier(sample_keys, node_id="10.0.0.1")
    refused(licsig.NodeMismatch, lambda: elsewhere.verify(sample("token.jwt"), NOW))


def test_node_unbound(sample_keys):
    unbound = licsig.Verifier(sample_keys)
    refused(licsig.NodeUnbound, lambda: unbound.verify(sample("license-file.json"), NOW))


def test_missing_entitlement(sample_keys, verifier):
    needs = licsig.Verifier(sample_keys, node_id=NODE, require=["Seats", "Feature.Missing"])
    e = refused(licsig.MissingEntitlement, lambda: needs.verify(sample("token.jwt"), NOW))
    assert "Feature.Missing" in e.message
    license = verifier.verify(sample("token.jwt"), NOW)
    refused(licsig.MissingEntitlement, lambda: license.entitlement("Nope"))


def test_license_revoked(sample_keys):
    arn = json.loads(sample("license.json"))["licenseArn"]
    revoked = licsig.Verifier(sample_keys.with_revoked_licenses([arn]), node_id=NODE)
    refused(licsig.LicenseRevoked, lambda: revoked.verify(sample("checkout-response.json"), NOW))


def test_missing_signature(sample_keys):
    hybrid = licsig.Verifier(sample_keys, node_id=NODE, families=["rsa", "ml-dsa"])
    e = refused(licsig.MissingSignature, lambda: hybrid.verify(sample("license-file.json"), NOW))
    assert "ml-dsa" in e.message
    assert licsig.Verifier(sample_keys, node_id=NODE, families=["rsa"]).verify(
        sample("license-file.json"), NOW
    )
    with pytest.raises(ValueError, match="not a key family"):
        licsig.Verifier(sample_keys, families=["dsa"])


def test_typed_accessors_raise_malformed(verifier):
    license = verifier.verify(sample("token.jwt"), NOW)
    refused(licsig.Malformed, lambda: license.entitlement("Feature.Export").count())
    refused(licsig.Malformed, lambda: license.entitlement("Seats").boolean())
    refused(licsig.Malformed, lambda: license.entitlement("Seats").text())
    refused(licsig.Malformed, lambda: license.entitlement("Région").boolean())
