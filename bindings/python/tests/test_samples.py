"""The bundled samples (test-vectors/sample/) in every wire form, with the arguments
tests/cli.rs gives the command."""

import json
from datetime import datetime, timezone

import pytest

import licsig
from conftest import NODE, NOW, sample

ARN = "arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1"
KID = "428ef18f2a31dd4be16db9bb1cdfbc142b5f04dcb6b1e9ef550ece493b625038"
UTC = timezone.utc


def check_sample(license: licsig.VerifiedLicense, form: str, algorithm: str) -> None:
    assert (license.form, license.kid, license.algorithm) == (form, KID, algorithm)
    assert license.license_arn == ARN
    assert license.issued_at == datetime(2026, 11, 1, tzinfo=UTC)
    assert license.expiration == datetime(2036, 11, 1, tzinfo=UTC)
    assert license.not_after == datetime(2036, 11, 1, tzinfo=UTC)
    assert license.not_before == datetime(2026, 11, 1, tzinfo=UTC)
    assert license.issued_at.tzinfo is UTC
    assert license.node_id == NODE
    assert license.consumption_token == "88bd3aa8-7ef7-4a4b-8bce-d6a2a1a3b47c"
    assert license.checkout_metadata == {"Customer": "Example Corp", "Tier": "Enterprise"}
    assert [(e.name, e.unit, e.value) for e in license.entitlements] == [
        ("Seats", "Count", "25"),
        ("Feature.Export", "None", "true"),
        ("Storage", "Gigabytes", "500"),
        ("Région", "None", "eu-west-3"),
    ]
    assert license.entitlement("Seats").count() == 25
    assert license.entitlement("Feature.Export").boolean() is True
    assert license.entitlement("Storage").count() == 500
    assert license.entitlement("Région").text() == "eu-west-3"
    # Whatever the form, the signed document is the sample document.
    assert json.loads(license.signed_document) == json.loads(sample("license.json"))


@pytest.mark.parametrize(
    "name, form, algorithm",
    [
        ("token.jwt", "token", "PS384"),
        ("license-file.json", "license_file", "PS256"),
        ("checkout-response.json", "aws_checkout", "PS384"),
    ],
)
def test_self_contained_forms(verifier, name, form, algorithm):
    check_sample(verifier.verify(sample(name), NOW), form, algorithm)


@pytest.mark.parametrize("alg", ["RSASSA_PSS_SHA_256", "PS256"])
def test_detached_with_kms_or_jose_name(verifier, alg):
    license = verifier.verify_detached(
        sample("license.json"), sample("license.json.sig"), alg, NOW
    )
    check_sample(license, "detached", "PS256")
    assert license.signed_document == licsig.canonicalize(sample("license.json"))


def test_detached_signature_as_raw_bytes_and_named_key(verifier):
    import base64

    raw = base64.b64decode(sample("license.json.sig"))
    license = verifier.verify_detached(
        sample("license.json"), raw, "RSASSA_PSS_SHA_256", NOW, kid=KID
    )
    check_sample(license, "detached", "PS256")


def test_token_payload_is_the_signed_document(verifier):
    import base64

    token = sample("token.jwt")
    payload = token.split(b".")[1]
    payload += b"=" * (-len(payload) % 4)
    assert verifier.verify(token, NOW).signed_document == base64.urlsafe_b64decode(payload)


def test_jwk_key_gives_the_same_kid():
    keys = licsig.KeySet.from_bytes(sample("vendor-public-key.jwk.json"))
    assert keys.kids == [KID]
    license = licsig.Verifier(keys, node_id=NODE).verify(sample("token.jwt"), NOW)
    assert license.kid == KID


def test_now_in_another_zone_is_the_same_instant(verifier):
    from datetime import timedelta

    # 2036-11-01T00:01:00Z is the end of validity with the 60 s leeway; the same
    # instant written at +05:00 must be refused the same way, one second before not.
    zone = timezone(timedelta(hours=5))
    end = datetime(2036, 11, 1, 5, 1, tzinfo=zone)
    with pytest.raises(licsig.Expired):
        verifier.verify(sample("token.jwt"), end)
    assert verifier.verify(sample("token.jwt"), end - timedelta(microseconds=1))


def test_now_none_reads_the_system_clock(verifier):
    # The sample is valid from 2026-11-01 to 2036-11-01; the clock decides.
    clock = datetime.now(UTC)
    if datetime(2026, 10, 31, 23, 59, tzinfo=UTC) < clock < datetime(2036, 11, 1, tzinfo=UTC):
        assert verifier.verify(sample("token.jwt")).form == "token"
    elif clock < datetime(2026, 11, 1, tzinfo=UTC):
        with pytest.raises(licsig.NotYetValid):
            verifier.verify(sample("token.jwt"))
    else:
        with pytest.raises(licsig.Expired):
            verifier.verify(sample("token.jwt"))


def test_recheck_at_a_later_time(verifier):
    license = verifier.verify(sample("token.jwt"), NOW)
    assert verifier.recheck(license, datetime(2036, 11, 1, 0, 0, 59, tzinfo=UTC)) is None
    with pytest.raises(licsig.Expired) as raised:
        verifier.recheck(license, datetime(2036, 11, 1, 0, 1, tzinfo=UTC))
    assert raised.value.kind == "expired"
