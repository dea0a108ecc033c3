#!/usr/bin/env python3
"""Generate licsig's ML-DSA (FIPS 204) license vectors with an independent implementation.

Nothing here uses licsig. Keys and signatures come from `dilithium-py` (pure Python
FIPS 204), its SubjectPublicKeyInfo and PKCS#8 encoders (`dilithium_py.ml_dsa.pkcs`,
which need `ecdsa`), and `rfc8785` (JCS). Every output is deterministic: each key pair
is derived from a fixed 32-byte seed (SHA-256 of its name) and every signature uses
FIPS 204's deterministic variant (rnd = 32 zero bytes), so `--check` reproduces the
committed files byte for byte.

    pip install -r test-vectors/gen/requirements.txt
    python3 test-vectors/gen/make_mldsa.py            # regenerate in place
    python3 test-vectors/gen/make_mldsa.py --check    # compare with committed

Writes test-vectors/licenses/mldsa.json (the schema of test-vectors/README.md), and
for each of mldsa44, mldsa65, mldsa87 in test-vectors/licenses/keys/: NAME.pub.pem,
NAME.spki.der, NAME.spki.b64, NAME.jwk.json (kty AKP); and
keys/private/NAME.pk8.pem (PKCS#8, seed form; a TEST KEY, published on purpose).

Also test-vectors/mldsa-external-mu.json: FIPS 204's μ for pure ML-DSA with an empty
context (what AWS KMS signs with MessageType EXTERNAL_MU), computed with Python's
hashlib.shake_256 and checked against dilithium-py's prehash_external_mu, for a few
messages per key, one of them a license document over KMS's 4096-byte RAW limit with
the signature dilithium-py's sign_external_mu makes from that μ.
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
from dilithium_py.ml_dsa import ML_DSA_44, ML_DSA_65, ML_DSA_87
from dilithium_py.ml_dsa import pkcs

HERE = Path(__file__).resolve().parent
TV = HERE.parent  # test-vectors/
GENERATOR = "test-vectors/gen/make_mldsa.py"

NOW = "2026-11-22T00:00:00Z"
# rsa2048's key id (make_licenses.py): a pinned RSA key, for the key_mismatch vectors.
RSA_KEY = "licenses/keys/rsa2048.pub.pem"

SETS = {
    "mldsa44": ("ML-DSA-44", ML_DSA_44, 1312, 2420),
    "mldsa65": ("ML-DSA-65", ML_DSA_65, 1952, 3309),
    "mldsa87": ("ML-DSA-87", ML_DSA_87, 2592, 4627),
}

V_DILITHIUM = importlib.metadata.version("dilithium-py")
V_ECDSA = importlib.metadata.version("ecdsa")
V_JCS = importlib.metadata.version("rfc8785")
P_SIGN = f"dilithium-py {V_DILITHIUM} ML_DSA.sign(deterministic=True), empty context"
P_CHECKED = f"self-checked with dilithium-py {V_DILITHIUM} ML_DSA.verify"

OPTIONS = {
    "now": NOW,
    "node_id": None,
    "require": [],
    "allow_algs": None,
    "leeway": 60,
    "revoked_kids": [],
    "revoked_licenses": [],
    "max_bytes": None,
}


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def pretty(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def document(name: str) -> dict:
    """A license document, its id derived from `name` so that each vector differs."""
    tag = hashlib.sha256(name.encode()).hexdigest()
    return {
        "licenseArn": f"arn:aws:license-manager::294406891311:license:l-{tag[:32]}",
        "licenseConsumptionToken": f"{tag[32:40]}-{tag[40:44]}-{tag[44:48]}-{tag[48:52]}-{tag[52:64]}",
        "issuedAt": "2026-11-01T00:00:00",
        "expiration": "2027-11-01T00:00:00",
        "checkoutMetadata": {"Customer": "Example Corp", "Tier": "Post-quantum"},
        "entitlementsAllowed": [
            {"name": "Seats", "unit": "Count", "value": "25"},
            {"name": "Feature.Export", "unit": "None", "value": "true"},
        ],
    }


class Key:
    def __init__(self, name: str):
        self.name = name
        self.alg, self.impl, pk_len, self.sig_len = SETS[name]
        self.seed = hashlib.sha256(f"licsig ML-DSA test key {name}".encode()).digest()
        self.pk, self.sk = self.impl.key_derive(self.seed)
        assert len(self.pk) == pk_len, name
        self.spki = pkcs.pk_to_der(self.impl, self.pk)
        self.kid = hashlib.sha256(self.spki).hexdigest()

    def sign(self, message: bytes) -> bytes:
        sig = self.impl.sign(self.sk, message, deterministic=True)
        assert len(sig) == self.sig_len and self.impl.verify(self.pk, message, sig)
        return sig

    def files(self) -> dict[str, bytes]:
        jwk = {"kty": "AKP", "alg": self.alg, "pub": b64u(self.pk), "kid": self.kid}
        return {
            f"licenses/keys/{self.name}.pub.pem": pkcs.pk_to_pem(self.impl, self.pk),
            f"licenses/keys/{self.name}.spki.der": self.spki,
            f"licenses/keys/{self.name}.spki.b64": base64.b64encode(self.spki) + b"\n",
            f"licenses/keys/{self.name}.jwk.json": pretty(jwk).encode(),
            f"licenses/keys/private/{self.name}.pk8.pem": pkcs.sk_to_pem(
                self.impl, seed=self.seed, form="seed"
            ),
        }


def token(key: Key, doc: dict, *, alg=None, kid=None, payload: bytes | None = None) -> str:
    header = {"alg": alg or key.alg, "kid": kid or key.kid, "typ": "JWT"}
    signing_input = f"{b64u(compact(header))}.{b64u(compact(doc))}"
    sig = key.sign(signing_input.encode("ascii"))
    if payload is not None:  # tampered: another payload under the same signature
        return f"{b64u(compact(header))}.{b64u(payload)}.{b64u(sig)}"
    return f"{signing_input}.{b64u(sig)}"


def license_file(key: Key, doc: dict, signed_doc: dict | None = None) -> str:
    protected = b64u(compact({"alg": key.alg, "kid": key.kid}))
    signed = rfc8785.dumps(signed_doc if signed_doc is not None else doc)
    sig = key.sign(f"{protected}.{b64u(signed)}".encode("ascii"))
    return pretty({"license": doc, "signatures": [{"protected": protected, "signature": b64u(sig)}]})


def detached(key: Key, doc: dict) -> tuple[str, str]:
    """The document as a person writes it, and the base64 signature over its JCS form."""
    sig = key.sign(rfc8785.dumps(doc))
    return pretty(doc), base64.b64encode(sig).decode("ascii") + "\n"


def vector(vid, form, alg, keys, *, provenance, expected="valid", options=None, **rest):
    v = {"id": vid, "form": form, "algorithm": alg, "keys": keys}
    v.update(rest)
    v["options"] = dict(OPTIONS, **(options or {}))
    v["expected"] = expected if expected == "valid" else {"error": expected}
    v["provenance"] = provenance
    return v


def vectors(keys: dict[str, Key]) -> list[dict]:
    out = []
    for name, key in keys.items():
        alg = key.alg
        pem = f"licenses/keys/{name}.pub.pem"
        jwk = f"licenses/keys/{name}.jwk.json"
        der = f"licenses/keys/{name}.spki.der"
        b64 = f"licenses/keys/{name}.spki.b64"
        p = f"{P_SIGN}; {P_CHECKED}"
        pj = f"{P_SIGN}; JCS by rfc8785 {V_JCS}; {P_CHECKED}"

        doc = document(f"{name}-token")
        t = token(key, doc)
        out.append(vector(f"{name}-token", "token", alg, [pem], input=t, provenance=p))
        out.append(vector(f"{name}-token-jwk", "token", alg, [jwk], input=t, provenance=p))
        tampered = dict(doc, entitlementsAllowed=[{"name": "Seats", "unit": "Count", "value": "2500"}])
        out.append(vector(
            f"{name}-token-tampered", "token", alg, [pem],
            input=token(key, doc, payload=compact(tampered)), expected="bad_signature",
            provenance=f"{p}; payload replaced after signing"))
        out.append(vector(
            f"{name}-token-rsa-key-pinned", "token", alg, [RSA_KEY],
            input=token(key, doc, kid=hashlib.sha256(rsa_spki()).hexdigest()),
            expected="key_mismatch",
            provenance=f"{p}; kid names the pinned RSA key, whose type cannot verify {alg}"))
        out.append(vector(
            f"{name}-token-not-allowed", "token", alg, [pem], input=t,
            options={"allow_algs": ["PS384", "ES256"]}, expected="algorithm_not_allowed",
            provenance=f"{p}; the verifier allows PS384 and ES256 only"))

        doc = document(f"{name}-license-file")
        out.append(vector(f"{name}-license-file", "license_file", alg, [jwk],
                          input=license_file(key, doc), provenance=pj))
        changed = copy.deepcopy(doc)
        changed["expiration"] = "2099-11-01T00:00:00"
        out.append(vector(
            f"{name}-license-file-tampered", "license_file", alg, [pem],
            input=license_file(key, changed, signed_doc=doc), expected="bad_signature",
            provenance=f"{pj}; expiration changed after signing"))

        doc = document(f"{name}-detached")
        text, sig = detached(key, doc)
        out.append(vector(f"{name}-detached-kms", "detached", alg, [b64], input=text,
                          signature=sig, detached_alg="ML_DSA_SHAKE_256",
                          provenance=f"{pj}; KMS algorithm name, parameter set from the key"))
        out.append(vector(f"{name}-detached", "detached", alg, [der], input=text,
                          signature=sig, detached_alg=alg, provenance=pj))
        out.append(vector(
            f"{name}-detached-tampered", "detached", alg, [pem],
            input=text.replace('"25"', '"26"'), signature=sig, detached_alg="ML_DSA_SHAKE_256",
            expected="bad_signature", provenance=f"{pj}; Seats changed after signing"))
        out.append(vector(
            f"{name}-detached-rsa-key-pinned", "detached", alg, [RSA_KEY], input=text,
            signature=sig, detached_alg="ML_DSA_SHAKE_256", expected="unknown_key",
            provenance=f"{pj}; only an RSA key is trusted: no trusted key fits ML-DSA"))
    # A signature by one parameter set under another's name.
    k44, k65 = keys["mldsa44"], keys["mldsa65"]
    doc = document("mldsa65-token-as-44")
    out.append(vector(
        "mldsa65-key-token-alg-44", "token", "ML-DSA-44", ["licenses/keys/mldsa65.pub.pem"],
        input=token(k65, doc, alg="ML-DSA-44"), expected="key_mismatch",
        provenance=f"{P_SIGN}; ML-DSA-65 key, header alg ML-DSA-44"))
    doc = document("mldsa44-detached-not-allowed")
    text, sig = detached(k44, doc)
    out.append(vector(
        "mldsa44-detached-kms-not-allowed", "detached", "ML-DSA-44",
        ["licenses/keys/mldsa44.pub.pem"], input=text, signature=sig,
        detached_alg="ML_DSA_SHAKE_256", options={"allow_algs": ["ML-DSA-44"]},
        expected="algorithm_not_allowed",
        provenance=f"{P_SIGN}; the allow-list names ML-DSA-44, not the KMS name ML_DSA_SHAKE_256"))
    return out


def rsa_spki() -> bytes:
    pem = (TV / RSA_KEY).read_text()
    body = "".join(l for l in pem.splitlines() if not l.startswith("-----"))
    return base64.b64decode(body)


def self_check(keys: dict[str, Key], group: dict) -> None:
    """Every valid vector verifies with dilithium-py from the text as written; every
    bad_signature one does not."""
    by_file = {}
    for k in keys.values():
        for f in (".pub.pem", ".jwk.json", ".spki.der", ".spki.b64"):
            by_file[f"licenses/keys/{k.name}{f}"] = k
    for v in group["vectors"]:
        key = by_file.get(v["keys"][0])
        if key is None or (v["expected"] != "valid" and v["expected"] != {"error": "bad_signature"}):
            continue
        if v["form"] == "token":
            h, pl, s = v["input"].split(".")
            msg, sig = f"{h}.{pl}".encode(), base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
        elif v["form"] == "license_file":
            f = json.loads(v["input"])
            sg = f["signatures"][0]
            msg = f"{sg['protected']}.{b64u(rfc8785.dumps(f['license']))}".encode()
            s = sg["signature"]
            sig = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
        else:
            msg, sig = rfc8785.dumps(json.loads(v["input"])), base64.b64decode(v["signature"])
        ok = key.impl.verify(key.pk, msg, sig)
        assert ok == (v["expected"] == "valid"), v["id"]
        assert pkcs.pk_from_der(key.spki)[1] == key.pk, key.name


# KMS signs at most this many bytes with MessageType RAW; beyond, ML-DSA takes μ.
KMS_RAW_MAX = 4096


def long_document(name: str) -> dict:
    """A license document whose RFC 8785 form is over KMS_RAW_MAX bytes."""
    doc = document(name)
    doc["entitlementsAllowed"] += [
        {"name": f"Feature.Module{i:03}", "unit": "None", "value": "true"} for i in range(80)
    ]
    return doc


def external_mu(pk: bytes, message: bytes) -> bytes:
    """μ = SHAKE256(tr || 0x00 || 0x00 || M, 64), tr = SHAKE256(pk, 64): FIPS 204
    Algorithm 2 line 10 (pure, empty context) and Algorithm 7 lines 6-7."""
    tr = hashlib.shake_256(pk).digest(64)
    return hashlib.shake_256(tr + b"\x00\x00" + message).digest(64)


def mu_vectors(keys: dict[str, Key]) -> dict:
    out = []
    p_mu = (f"hashlib.shake_256 (Python {'.'.join(map(str, sys.version_info[:3]))}); equals "
            f"dilithium-py {V_DILITHIUM} ML_DSA.prehash_external_mu")
    for name, key in keys.items():
        long = rfc8785.dumps(long_document(f"{name}-external-mu"))
        assert len(long) > KMS_RAW_MAX, len(long)
        for tag, message in (("empty", b""), ("abc", b"abc"), ("license-over-4096", long)):
            mu = external_mu(key.pk, message)
            assert mu == key.impl.prehash_external_mu(key.pk, message), (name, tag)
            v = {
                "id": f"{name}-{tag}",
                "key": f"licenses/keys/{name}.pub.pem",
                "message": message.decode("ascii"),
                "message_len": len(message),
                "mu_hex": mu.hex(),
                "provenance": p_mu,
            }
            if len(message) > KMS_RAW_MAX:
                sig = key.impl.sign_external_mu(key.sk, mu, deterministic=True)
                assert sig == key.sign(message), (name, tag)
                v["signature"] = base64.b64encode(sig).decode("ascii") + "\n"
                v["detached_alg"] = "ML_DSA_SHAKE_256"
                v["provenance"] += (f"; signature by dilithium-py {V_DILITHIUM} "
                                    "ML_DSA.sign_external_mu(deterministic=True), equal to "
                                    f"ML_DSA.sign of the message; {P_CHECKED}")
            out.append(v)
    return {
        "group": "mldsa-external-mu",
        "description": (
            "FIPS 204 external μ for pure ML-DSA-44/65/87 with an empty context, as AWS KMS "
            "signs it with MessageType EXTERNAL_MU: μ = SHAKE256(SHAKE256(pk, 64) || 0x00 || "
            "0x00 || message, 64), pk the raw public key of `key`; `message` is ASCII. A "
            "message over KMS's 4096-byte RAW limit (a license document's RFC 8785 form) "
            "carries the base64 signature made from its μ."
        ),
        "generator": GENERATOR,
        "tools": {
            "python": ".".join(map(str, sys.version_info[:3])),
            "dilithium-py": V_DILITHIUM,
            "rfc8785": V_JCS,
        },
        "vectors": out,
    }


def generate() -> dict[str, bytes]:
    keys = {name: Key(name) for name in SETS}
    group = {
        "group": "mldsa",
        "description": (
            "ML-DSA-44/65/87 (FIPS 204, pure, empty context) licenses signed by dilithium-py: "
            "each parameter set as token (SPKI PEM and AKP JWK keys), license file and "
            "detached document (under the JOSE name and the KMS name ML_DSA_SHAKE_256, keys as "
            "SPKI DER and base64), and tampered or mismatched copies."
        ),
        "generator": GENERATOR,
        "tools": {
            "python": ".".join(map(str, sys.version_info[:3])),
            "dilithium-py": V_DILITHIUM,
            "ecdsa": V_ECDSA,
            "rfc8785": V_JCS,
        },
        "vectors": vectors(keys),
    }
    self_check(keys, group)
    files = {
        "licenses/mldsa.json": pretty(group).encode(),
        "mldsa-external-mu.json": pretty(mu_vectors(keys)).encode(),
    }
    for k in keys.values():
        files.update(k.files())
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args()
    files = generate()
    if args.check:
        bad = [rel for rel, data in files.items()
               if not (TV / rel).exists() or (TV / rel).read_bytes() != data]
        ours = [p for p in (TV / "licenses").rglob("mldsa*") if p.is_file()]
        bad += [str(p.relative_to(TV)) for p in ours if str(p.relative_to(TV)) not in files]
        for rel in bad:
            print(f"differs from the generator's output: test-vectors/{rel}")
        print(f"make_mldsa.py --check: {len(files) - len(bad)} of {len(files)} files reproduced")
        return 1 if bad else 0
    for rel, data in files.items():
        path = TV / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files under test-vectors/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
