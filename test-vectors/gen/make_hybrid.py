#!/usr/bin/env python3
"""Generate licsig's hybrid license vectors (a classical and an ML-DSA signature).

Nothing here uses licsig. The transition posture of DESIGN: one license file signed by
an RSA key (RSASSA-PSS, `cryptography`) or an ECDSA key (RFC 6979, `cryptography`)
and by an ML-DSA key (`dilithium-py`, through make_mldsa.py's keys), checked by a
verifier that requires signatures by keys of several families. JCS by `rfc8785`.

    pip install -r test-vectors/gen/requirements.txt
    python3 test-vectors/gen/make_hybrid.py            # regenerate in place
    python3 test-vectors/gen/make_hybrid.py --check    # compare with committed

Writes test-vectors/licenses/hybrid.json (the schema of test-vectors/README.md, with
the option `require_families`). Every signature is deterministic but RSASSA-PSS's,
whose salt is random: `--check` compares everything else byte for byte, and checks
that every committed signature verifies (valid vectors) or that one does not
(`bad_signature` vectors) with `cryptography` and `dilithium-py`.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import importlib.metadata
import json
import sys
from pathlib import Path

import rfc8785
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_mldsa as ml  # noqa: E402  (the ML-DSA keys and the vector helpers)

TV = ml.TV
GENERATOR = "test-vectors/gen/make_hybrid.py"
V_CRYPTOGRAPHY = importlib.metadata.version("cryptography")
HYBRID = ["rsa", "ml-dsa"]


class ClassicKey:
    """A committed RSA or ECDSA test key of make_licenses.py, signing one algorithm."""

    def __init__(self, name: str, alg: str):
        self.name, self.alg = name, alg
        pem = (TV / f"licenses/keys/private/{name}.pk8.pem").read_bytes()
        self.sk = serialization.load_pem_private_key(pem, password=None)
        self.pub = self.sk.public_key()
        spki = self.pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.kid = hashlib.sha256(spki).hexdigest()
        self.pem = f"licenses/keys/{name}.pub.pem"

    def sign(self, message: bytes) -> bytes:
        """A JOSE signature: PSS (salt = digest length), or ECDSA r‖s."""
        if self.alg == "PS384":
            pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
            return self.sk.sign(message, pss, hashes.SHA384())
        der = self.sk.sign(message, ec.ECDSA(hashes.SHA384(), deterministic_signing=True))
        r, s = decode_dss_signature(der)
        return r.to_bytes(48, "big") + s.to_bytes(48, "big")

    def verify(self, message: bytes, sig: bytes) -> bool:
        try:
            if self.alg == "PS384":
                pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
                self.pub.verify(sig, message, pss, hashes.SHA384())
            else:
                der = encode_dss_signature(int.from_bytes(sig[:48], "big"), int.from_bytes(sig[48:], "big"))
                self.pub.verify(der, message, ec.ECDSA(hashes.SHA384()))
            return True
        except Exception:  # cryptography's InvalidSignature, or a malformed signature
            return False


class Signed:
    """One signer of a license file: a key, and the document its signature covers
    (another one makes a signature that does not verify)."""

    def __init__(self, key, over: dict | None = None):
        self.key, self.over = key, over


def pem(key: ml.Key) -> str:
    return f"licenses/keys/{key.name}.pub.pem"


def protected(key) -> str:
    return ml.b64u(ml.compact({"alg": key.alg, "kid": key.kid}))


def license_file(doc: dict, signers: list[Signed]) -> str:
    sigs = []
    for s in signers:
        p = protected(s.key)
        signed = rfc8785.dumps(s.over if s.over is not None else doc)
        sigs.append({"protected": p, "signature": ml.b64u(s.key.sign(f"{p}.{ml.b64u(signed)}".encode()))})
    return ml.pretty({"license": doc, "signatures": sigs})


def vectors(rsa3072: ClassicKey, p384: ClassicKey, m44: ml.Key, m65: ml.Key) -> list[dict]:
    out = []
    both = [rsa3072.pem, pem(m65)]
    prov = (f"RSASSA-PSS (PS384) by cryptography {V_CRYPTOGRAPHY}, ML-DSA-65 by {ml.P_SIGN}; "
            f"JCS by rfc8785 {ml.V_JCS}; self-checked with both")

    def add(vid, form, alg, keys, *, families=HYBRID, why="", options=None, **rest):
        opts = dict(options or {})
        if families:
            opts["require_families"] = families
        out.append(ml.vector(vid, form, alg, keys, options=opts,
                             provenance=prov + (f"; {why}" if why else ""), **rest))

    doc = ml.document("hybrid-license-file")
    hybrid = license_file(doc, [Signed(rsa3072), Signed(m65)])
    add("hybrid-license-file", "license_file", "PS384", both, input=hybrid)
    add("hybrid-license-file-no-policy", "license_file", "PS384", both, input=hybrid, families=None,
        why="no family required: every trusted signature verifies")
    add("hybrid-license-file-ml-dsa-first", "license_file", "ML-DSA-65", both,
        input=license_file(doc, [Signed(m65), Signed(rsa3072)]), why="the ML-DSA signature first")
    add("hybrid-license-file-ml-dsa-policy-only", "license_file", "PS384", both, input=hybrid,
        families=["ml-dsa"], why="only ML-DSA required")

    add("hybrid-rsa-only", "license_file", "PS384", both,
        input=license_file(doc, [Signed(rsa3072)]), expected="missing_signature",
        why="the RSA signature only")
    add("hybrid-ml-dsa-only", "license_file", "ML-DSA-65", both,
        input=license_file(doc, [Signed(m65)]), expected="missing_signature",
        why="the ML-DSA signature only")
    add("hybrid-ml-dsa-key-not-trusted", "license_file", "PS384", [rsa3072.pem], input=hybrid,
        expected="missing_signature",
        why="only the RSA key is trusted: a signature by an unknown key counts for nothing")
    add("hybrid-two-ml-dsa", "license_file", "ML-DSA-44", [pem(m44), pem(m65), rsa3072.pem],
        input=license_file(doc, [Signed(m44), Signed(m65)]), expected="missing_signature",
        why="two ML-DSA signatures (44 and 65), no RSA one")

    other = dict(doc, entitlementsAllowed=[{"name": "Seats", "unit": "Count", "value": "2500"}])
    add("hybrid-ml-dsa-signature-bad", "license_file", "PS384", both,
        input=license_file(doc, [Signed(rsa3072), Signed(m65, over=other)]),
        expected="bad_signature", why="the ML-DSA signature covers another document")
    add("hybrid-rsa-signature-bad-no-policy", "license_file", "PS384", both,
        input=license_file(doc, [Signed(rsa3072, over=other), Signed(m65)]), families=None,
        expected="bad_signature",
        why="the RSA signature covers another document; no family required, yet every trusted "
            "signature must verify")
    tampered = copy.deepcopy(doc)
    tampered["expiration"] = "2099-11-01T00:00:00"
    add("hybrid-license-file-tampered", "license_file", "PS384", both,
        input=license_file(tampered, [Signed(rsa3072, over=doc), Signed(m65, over=doc)]),
        expected="bad_signature", why="expiration changed after both signed")
    add("hybrid-ml-dsa-key-revoked", "license_file", "PS384", both, input=hybrid,
        options={"revoked_kids": [m65.kid]}, expected="key_revoked", why="the ML-DSA key is revoked")
    add("hybrid-not-allowed", "license_file", "PS384", both, input=hybrid,
        options={"allow_algs": ["PS384"]}, expected="algorithm_not_allowed",
        why="the allow-list names PS384 only")

    expired = dict(ml.document("hybrid-expired"), expiration="2026-11-15T00:00:00")
    add("hybrid-expired", "license_file", "PS384", both,
        input=license_file(expired, [Signed(rsa3072), Signed(m65)]), expected="expired",
        why="expired a week before now")
    add("hybrid-rsa-only-expired", "license_file", "PS384", both,
        input=license_file(expired, [Signed(rsa3072)]), expected="missing_signature",
        why="expired, and the RSA signature only: the signatures are checked before the claims")

    doc = ml.document("hybrid-ecdsa")
    ec_file = license_file(doc, [Signed(p384), Signed(m65)])
    ec_prov = "ES384 by cryptography (RFC 6979 nonces)"
    add("hybrid-ecdsa-ml-dsa", "license_file", "ES384", [p384.pem, pem(m65)], input=ec_file,
        families=["ecdsa", "ml-dsa"], why=f"{ec_prov} instead of RSA")
    add("hybrid-ecdsa-for-rsa-policy", "license_file", "ES384", [p384.pem, pem(m65)], input=ec_file,
        expected="missing_signature", why=f"{ec_prov}: ECDSA is not the RSA the policy requires")

    doc = ml.document("hybrid-token")
    header = ml.b64u(ml.compact({"alg": "PS384", "kid": rsa3072.kid, "typ": "JWT"}))
    signing_input = f"{header}.{ml.b64u(ml.compact(doc))}"
    token = f"{signing_input}.{ml.b64u(rsa3072.sign(signing_input.encode()))}"
    add("hybrid-token", "token", "PS384", both, input=token, expected="missing_signature",
        why="a compact token carries one signature")
    add("hybrid-token-rsa-policy", "token", "PS384", both, input=token, families=["rsa"],
        why="a compact token under a policy of its own family")
    doc = ml.document("hybrid-detached")
    text, sig = ml.detached(m65, doc)
    add("hybrid-detached", "detached", "ML-DSA-65", both, input=text, signature=sig,
        detached_alg="ML_DSA_SHAKE_256", expected="missing_signature",
        why="a detached signature is one signature")
    add("hybrid-detached-ml-dsa-policy", "detached", "ML-DSA-65", both, input=text, signature=sig,
        detached_alg="ML_DSA_SHAKE_256", families=["ml-dsa"],
        why="a detached ML-DSA signature under an ML-DSA policy")
    return out


def b64u_decode(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def signatures_ok(v: dict, by_kid: dict) -> list[bool]:
    """Whether each signature of the vector verifies, by its key (by kid)."""
    if v["form"] == "detached":  # ML-DSA, the key of the vector's algorithm
        key = next(k for k in by_kid.values() if isinstance(k, ml.Key) and k.alg == v["algorithm"])
        msg, sig = rfc8785.dumps(json.loads(v["input"])), base64.b64decode(v["signature"])
        return [key.impl.verify(key.pk, msg, sig)]
    if v["form"] == "token":
        h, p, s = v["input"].split(".")
        key = by_kid[json.loads(b64u_decode(h))["kid"]]
        return [key.verify(f"{h}.{p}".encode(), b64u_decode(s))]
    f = json.loads(v["input"])
    payload = ml.b64u(rfc8785.dumps(f["license"]))
    out = []
    for sg in f["signatures"]:
        key = by_kid[json.loads(b64u_decode(sg["protected"]))["kid"]]
        msg, sig = f"{sg['protected']}.{payload}".encode(), b64u_decode(sg["signature"])
        out.append(key.impl.verify(key.pk, msg, sig) if isinstance(key, ml.Key) else key.verify(msg, sig))
    return out


def self_check(group: dict, by_kid: dict) -> None:
    """Every signature of a valid vector verifies; a bad_signature vector has one that
    does not; every other vector's signatures all verify (it fails for its policy)."""
    for v in group["vectors"]:
        ok = signatures_ok(v, by_kid)
        if v["expected"] == {"error": "bad_signature"}:
            assert not all(ok), v["id"]
        else:
            assert all(ok), v["id"]


def masked(group: dict) -> dict:
    """The group with every RSASSA-PSS signature (random salt) replaced by a marker."""
    group = copy.deepcopy(group)
    for v in group["vectors"]:
        if v["form"] == "token":
            h, p, _ = v["input"].split(".")
            if json.loads(b64u_decode(h))["alg"] == "PS384":
                v["input"] = f"{h}.{p}.<PSS>"
        elif v["form"] == "license_file":
            f = json.loads(v["input"])
            for sg in f["signatures"]:
                if json.loads(b64u_decode(sg["protected"]))["alg"] == "PS384":
                    sg["signature"] = "<PSS>"
            v["input"] = ml.pretty(f)
    return group


def generate() -> tuple[dict, dict]:
    rsa3072, p384 = ClassicKey("rsa3072", "PS384"), ClassicKey("ec-p384", "ES384")
    m44, m65 = ml.Key("mldsa44"), ml.Key("mldsa65")
    by_kid = {k.kid: k for k in (rsa3072, p384, m44, m65)}
    group = {
        "group": "hybrid",
        "description": (
            "Hybrid licenses: license files signed by an RSA (PS384) or ECDSA (ES384) key and an "
            "ML-DSA-65 key, verified under a policy requiring signatures by keys of several "
            "families (options.require_families), and files, tokens and detached signatures "
            "that lack one, with their exact outcomes."
        ),
        "generator": GENERATOR,
        "tools": {
            "python": ".".join(map(str, sys.version_info[:3])),
            "cryptography": V_CRYPTOGRAPHY,
            "dilithium-py": ml.V_DILITHIUM,
            "rfc8785": ml.V_JCS,
        },
        "vectors": vectors(rsa3072, p384, m44, m65),
    }
    self_check(group, by_kid)
    return group, by_kid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    group, by_kid = generate()
    path = TV / "licenses/hybrid.json"
    if args.check:
        committed = json.loads(path.read_text()) if path.exists() else None
        same = committed is not None and ml.pretty(masked(committed)) == ml.pretty(masked(group))
        if same:
            self_check(committed, by_kid)
            same = path.read_text() == ml.pretty(committed)
        print(f"make_hybrid.py --check: test-vectors/licenses/hybrid.json "
              f"{'reproduced' if same else 'differs from the generator output'}")
        return 0 if same else 1
    path.write_text(ml.pretty(group))
    print(f"wrote test-vectors/licenses/hybrid.json ({len(group['vectors'])} vectors)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
