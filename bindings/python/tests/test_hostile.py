"""Arguments of the wrong type or size are refused with Python's own exceptions before
any work; hostile inputs with licsig's kinds. Nothing panics."""

from datetime import date, datetime, timedelta, timezone

import pytest

import licsig
from conftest import NODE, NOW, sample


@pytest.mark.parametrize("data", ["a string", bytearray(b"x.y.z"), memoryview(b"x.y.z"), None, 7])
def test_data_must_be_bytes(verifier, data):
    with pytest.raises(TypeError):
        verifier.verify(data, NOW)
    with pytest.raises(TypeError):
        verifier.verify_detached(data, b"sig", "PS256", NOW)
    with pytest.raises(TypeError):
        verifier.verify_detached(sample("license.json"), data, "PS256", NOW)
    with pytest.raises(TypeError):
        licsig.canonicalize(data)
    with pytest.raises(TypeError):
        licsig.KeySet.from_bytes(data)


def test_naive_datetime_is_a_value_error(verifier):
    with pytest.raises(ValueError, match="naive"):
        verifier.verify(sample("token.jwt"), datetime(2026, 11, 22))


@pytest.mark.parametrize("now", [date(2026, 11, 22), "2026-11-22T00:00:00Z", 1795305600, 1.5])
def test_now_must_be_a_datetime(verifier, now):
    with pytest.raises(TypeError, match="datetime"):
        verifier.verify(sample("token.jwt"), now)


def test_now_outside_licsigs_years(verifier):
    # 0001-01-01T00:00+01:00 is in year 0 in UTC.
    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValueError, match="years 1 to 9999"):
        verifier.verify(sample("token.jwt"), early)
    with pytest.raises(licsig.NotYetValid):
        verifier.verify(sample("token.jwt"), datetime(1, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(licsig.Expired):
        verifier.verify(sample("token.jwt"), datetime.max.replace(tzinfo=timezone.utc))


@pytest.mark.parametrize(
    "leeway, error",
    [
        (-1, ValueError),
        (2**32, ValueError),
        (10**100, ValueError),
        (True, TypeError),
        (1.5, TypeError),
        ("60", TypeError),
    ],
)
def test_leeway_bounds(sample_keys, leeway, error):
    with pytest.raises(error, match="leeway"):
        licsig.Verifier(sample_keys, leeway=leeway)


def test_leeway_extremes(sample_keys):
    # 2**32 - 1 seconds (136 years) of leeway keeps the sample valid in 2100.
    lenient = licsig.Verifier(sample_keys, node_id=NODE, leeway=2**32 - 1)
    assert lenient.verify(sample("token.jwt"), datetime(2100, 1, 1, tzinfo=timezone.utc))
    exact = licsig.Verifier(sample_keys, node_id=NODE, leeway=0)
    with pytest.raises(licsig.Expired):
        exact.verify(sample("token.jwt"), datetime(2036, 11, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize("name", ["require", "algorithms"])
def test_string_collections_refuse_a_bare_string(sample_keys, name):
    with pytest.raises(TypeError, match=name):
        licsig.Verifier(sample_keys, **{name: "PS384"})
    with pytest.raises(TypeError, match=name):
        licsig.Verifier(sample_keys, **{name: ["PS384", 7]})


def test_other_option_types(sample_keys):
    with pytest.raises(TypeError):
        licsig.Verifier("not a key set")
    with pytest.raises(TypeError):
        licsig.Verifier(sample_keys, strict_kid=1)
    with pytest.raises(TypeError):
        licsig.Verifier(sample_keys, node_id=b"100.20.15.10")
    with pytest.raises(TypeError, match="ca"):
        licsig.Verifier(sample_keys, ca=b"-----BEGIN CERTIFICATE-----")
    with pytest.raises(TypeError, match="ca"):
        licsig.Verifier(sample_keys, ca=["-----BEGIN CERTIFICATE-----"])
    with pytest.raises(ValueError, match="max_bytes"):
        licsig.Verifier(sample_keys, max_bytes=-1)
    with pytest.raises(TypeError):
        licsig.Verifier(sample_keys, sample_keys)  # options are keyword-only
    with pytest.raises(TypeError):
        licsig.KeySet.from_pem(None)
    with pytest.raises(UnicodeEncodeError):
        licsig.KeySet.from_pem("\ud800")


def test_two_mib_input_is_limit_exceeded(verifier):
    big = b"[" + b"1," * (1 << 20) + b"1]"
    assert len(big) == (2 << 20) + 3
    for call in (
        lambda: verifier.verify(big, NOW),
        lambda: verifier.verify_detached(big, sample("license.json.sig"), "PS256", NOW),
        lambda: licsig.canonicalize(big),
    ):
        with pytest.raises(licsig.LimitExceeded):
            call()
    with pytest.raises(licsig.LimitExceeded):
        verifier.verify_detached(sample("license.json"), b"A" * (2 << 20), "PS256", NOW)


def test_max_bytes_is_inclusive(sample_keys):
    token = sample("token.jwt")
    exact = licsig.Verifier(sample_keys, node_id=NODE, max_bytes=len(token))
    assert exact.verify(token, NOW).form == "token"
    short = licsig.Verifier(sample_keys, node_id=NODE, max_bytes=len(token) - 1)
    with pytest.raises(licsig.LimitExceeded):
        short.verify(token, NOW)


@pytest.mark.parametrize("depth", [65, 10_000, 500_000])
def test_deep_nesting_is_limit_exceeded(verifier, depth):
    nested = b"[" * depth + b"]" * depth
    with pytest.raises(licsig.LimitExceeded):
        licsig.canonicalize(nested)
    with pytest.raises(licsig.LimitExceeded):
        verifier.verify(b'{"license":' + nested + b',"signatures":[]}', NOW)


def test_depth_limit_is_configurable(sample_keys):
    assert licsig.canonicalize(b"[" * 64 + b"]" * 64) == b"[" * 64 + b"]" * 64
    shallow = licsig.Verifier(sample_keys, node_id=NODE, max_depth=1)
    with pytest.raises(licsig.LimitExceeded):
        shallow.verify(sample("license-file.json"), NOW)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf" + sample("license-file.json"),
        b'{"a":1,"a":2}',
        b'{"a":"\\ud800"}',
        b"\xff",
        b"1e400",
        b"{} x",
        b"...",
        b"\x00" * 100,
    ],
)
def test_malformed_json(verifier, data):
    with pytest.raises(licsig.Malformed):
        licsig.canonicalize(data)
    with pytest.raises(licsig.Malformed):
        verifier.verify(data, NOW)


def test_verifiedlicense_cannot_be_made_or_changed(verifier):
    with pytest.raises(TypeError):
        licsig.VerifiedLicense()
    with pytest.raises(TypeError):
        licsig.Entitlement()
    license = verifier.verify(sample("token.jwt"), NOW)
    with pytest.raises(AttributeError):
        license.node_id = "elsewhere"
    with pytest.raises(AttributeError):
        verifier.keys = licsig.KeySet()
