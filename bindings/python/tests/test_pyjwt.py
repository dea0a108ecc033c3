"""A token made by another implementation: PyJWT signs PS384 with an RSA key that
cryptography generates here; the binding verifies it."""

import hashlib
import json
from datetime import datetime, timezone

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import licsig

NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)
DOCUMENT = {
    "licenseArn": "arn:aws:license-manager::111122223333:license:l-pyjwt",
    "issuedAt": "2026-11-22T00:00:00Z",
    "expiration": "2026-11-23T00:00:00Z",
    "nodeId": "node-7",
    "entitlementsAllowed": [
        {"name": "Seats", "unit": "Count", "value": "7"},
        {"name": "Feature.Export", "unit": "None", "value": "false"},
    ],
    "support": {"tier": "gold", "regions": ["eu", "us"]},
}


@pytest.fixture(scope="module")
def key():
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    spki = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, pem, hashlib.sha256(spki).hexdigest()


def test_pyjwt_ps384_token_verifies(key):
    private, pem, kid = key
    token = jwt.encode(DOCUMENT, private, algorithm="PS384", headers={"kid": kid})
    keys = licsig.KeySet.from_pem(pem)
    assert keys.kids == [kid]
    verifier = licsig.Verifier(keys, node_id="node-7", algorithms=["PS384"], require=["Seats"])
    license = verifier.verify(token.encode(), NOW)
    assert (license.form, license.algorithm, license.kid) == ("token", "PS384", kid)
    assert license.license_arn == DOCUMENT["licenseArn"]
    assert license.expiration == datetime(2026, 11, 23, tzinfo=timezone.utc)
    assert license.entitlement("Seats").count() == 7
    assert license.entitlement("Feature.Export").boolean() is False
    assert json.loads(license.other("support")) == DOCUMENT["support"]
    assert license.other("absent") is None
    # The payload is what PyJWT serialised, byte for byte.
    assert json.loads(license.signed_document) == DOCUMENT


def test_pyjwt_token_with_the_issuers_own_kid(key):
    private, pem, kid = key
    token = jwt.encode(DOCUMENT, private, algorithm="PS384", headers={"kid": "vendor-key-1"})
    keys = licsig.KeySet.from_pem(pem)
    # By default the unknown kid is a hint: the trusted key that verifies it is found.
    assert licsig.Verifier(keys, node_id="node-7").verify(token.encode(), NOW).kid == kid
    # Named as the issuer names it, it verifies under strict_kid too, under that name.
    named = keys.with_kid(kid, "vendor-key-1")
    strict = licsig.Verifier(named, node_id="node-7", strict_kid=True)
    assert strict.verify(token.encode(), NOW).kid == kid
    with pytest.raises(licsig.UnknownKey):
        licsig.Verifier(keys, node_id="node-7", strict_kid=True).verify(token.encode(), NOW)


def test_pyjwt_token_by_another_key_is_refused(key):
    _, pem, kid = key
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(DOCUMENT, other, algorithm="PS384", headers={"kid": kid})
    verifier = licsig.Verifier(licsig.KeySet.from_pem(pem), node_id="node-7")
    with pytest.raises(licsig.BadSignature) as raised:
        verifier.verify(token.encode(), NOW)
    assert raised.value.kind == "bad_signature"
