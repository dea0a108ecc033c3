"""KeySet, canonicalize and the module's surface."""

import pytest

import licsig
from conftest import NODE, NOW, REPO, sample

KEYS = REPO / "test-vectors" / "licenses" / "keys"
KID = "428ef18f2a31dd4be16db9bb1cdfbc142b5f04dcb6b1e9ef550ece493b625038"
ED25519 = (KEYS / "ed25519.pub.pem").read_text()


def test_key_set_loaders_agree():
    pem = sample("vendor-public-key.pem")
    loaded = [
        licsig.KeySet.from_pem(pem),
        licsig.KeySet.from_pem(pem.decode()),
        licsig.KeySet.from_bytes(pem),
        licsig.KeySet.from_der((KEYS / "rsa3072.spki.der").read_bytes()),
        licsig.KeySet.from_jwks((KEYS / "rsa3072.jwks.json").read_bytes()),
        licsig.KeySet.from_jwks((KEYS / "rsa3072.jwks.json").read_text()),
    ]
    for keys in loaded:
        assert (keys.kids, len(keys), list(keys), KID in keys) == ([KID], 1, [KID], True)


def test_key_set_is_immutable_and_grows_by_copies(sample_keys):
    both = sample_keys.extended(licsig.KeySet.from_pem(ED25519))
    assert (len(sample_keys), len(both)) == (1, 2)
    assert both.kids[0] == KID
    with pytest.raises(licsig.InvalidKey):
        both.extended(sample_keys)  # a key id twice
    revoked = both.with_revoked_keys([KID]).with_revoked_licenses(["arn:l-1"])
    assert revoked.is_key_revoked(KID) and not both.is_key_revoked(KID)
    assert revoked.is_license_revoked("arn:l-1") and not both.is_license_revoked("arn:l-1")
    named = sample_keys.with_kid(KID, "vendor-key-1")
    assert "vendor-key-1" in named and "vendor-key-1" not in sample_keys
    assert named.kids == [KID]
    with pytest.raises(licsig.UnknownKey):
        sample_keys.with_kid("no-such-kid", "x")
    with pytest.raises(licsig.InvalidKey):
        sample_keys.with_kid(KID, "")
    assert len(licsig.KeySet()) == 0
    assert repr(sample_keys) == f'<licsig.KeySet of 1 key(s): ["{KID}"]>'


def test_verifier_copies_its_keys(sample_keys):
    verifier = licsig.Verifier(sample_keys, node_id=NODE)
    assert verifier.keys.kids == [KID]
    assert repr(verifier) == "<licsig.Verifier trusting 1 key(s)>"


def test_canonicalize_known_answer():
    # RFC 8785 §3.2.2.3 numbers and §3.2.3 member order (by UTF-16 code units).
    assert licsig.canonicalize(b'{"b": [1.0, 1E3, -0.0, 1e21], "a": "\\u00e9", "\xe2\x82\xac": 0}') == (
        '{"a":"é","b":[1,1000,0,1e+21],"€":0}'.encode()
    )


def test_reprs(verifier):
    license = verifier.verify(sample("token.jwt"), NOW)
    assert repr(license) == (
        '<licsig.VerifiedLicense "arn:aws:license-manager::294406891311:license:'
        f'l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1" form=token kid={KID} algorithm=PS384>'
    )
    assert repr(license.entitlement("Seats")) == '<licsig.Entitlement "Seats" unit="Count" value="25">'


def test_module_surface():
    assert licsig.__version__ == "0.1.0"
    assert sorted(licsig.__all__) == sorted(
        name for name in dir(licsig._licsig) if not name.startswith("_") or name == "__version__"
    )


def test_hybrid_license_lists_every_signature():
    """A license file signed by an RSA and an ML-DSA key (make_hybrid.py) passes a
    policy requiring both families, and reports both signatures in file order."""
    import json

    import corpus

    vector = next(v for v in corpus.load_group("hybrid") if v["id"] == "hybrid-license-file")
    kid = lambda name: json.loads((KEYS / f"{name}.jwk.json").read_text())["kid"]
    keys = licsig.KeySet.from_bytes((KEYS / "rsa3072.pub.pem").read_bytes()).extended(
        licsig.KeySet.from_bytes((KEYS / "mldsa65.pub.pem").read_bytes())
    )
    verifier = licsig.Verifier(keys, families=["rsa", "ml-dsa"])
    license = verifier.verify(vector["input"].encode(), NOW)
    assert license.signatures == [("PS384", kid("rsa3072")), ("ML-DSA-65", kid("mldsa65"))]
    assert (license.algorithm, license.kid) == license.signatures[0]
