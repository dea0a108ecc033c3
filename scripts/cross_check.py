#!/usr/bin/env python3
"""Cross-direction check: licsig signs, independent implementations verify.

    python3 scripts/cross_check.py target/release/licsig

Runs `licsig sign` (the binary built with `--features cli,sign`) for every form
(file, jws, detached) x every algorithm (PS256/384/512 and RS256/384/512 with
RSA 2048, 3072 and 4096; ES256 with P-256; ES384 with P-384; EdDSA with Ed25519)
x two documents (the sample license, and one built to stress RFC 8785: escapes,
non-ASCII, names that sort differently by UTF-16 and by code point, numbers JCS
rewrites), with the corpus's private test keys, and checks each output with PyJWT,
`cryptography` and `rfc8785` -- never with licsig:

- jws: header is exactly {"alg", "kid"} with kid = SHA-256 of the SPKI DER
  (computed by `cryptography`); payload = rfc8785.dumps(document); PyJWT's
  PyJWS.decode verifies the signature; `cryptography` verifies it again.
- file: only "license" and "signatures"; the license equals the document;
  PyJWT verifies protected + "." + b64url(rfc8785.dumps(license)) + "." + signature
  (RFC 7515 appendix F), and `cryptography` again.
- detached: base64 text with one trailing newline; `cryptography` verifies it over
  rfc8785.dumps(document), ECDSA as DER.

Prints each failure and a tally "N passed, M failed"; exits 1 on any failure.
Requirements: pip install -r test-vectors/gen/requirements.txt
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import jwt
import rfc8785
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "test-vectors" / "licenses" / "keys"

HASH = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}
KMS = {
    "PS256": "RSASSA_PSS_SHA_256", "PS384": "RSASSA_PSS_SHA_384", "PS512": "RSASSA_PSS_SHA_512",
    "RS256": "RSASSA_PKCS1_V1_5_SHA_256", "RS384": "RSASSA_PKCS1_V1_5_SHA_384",
    "RS512": "RSASSA_PKCS1_V1_5_SHA_512", "ES256": "ECDSA_SHA_256", "ES384": "ECDSA_SHA_384",
    "EdDSA": "ED25519_SHA_512",
}
MATRIX = [(alg, key) for alg in ("PS256", "PS384", "PS512", "RS256", "RS384", "RS512")
          for key in ("rsa2048", "rsa3072", "rsa4096")]
MATRIX += [("ES256", "ec-p256"), ("ES384", "ec-p384"), ("EdDSA", "ed25519")]

# Member names chosen so that UTF-16 order (RFC 8785) and code point order differ:
# U+E000 sorts after U+1F600 by code point and before it by UTF-16 code units.
STRESS = {
    "licenseArn": "arn:aws:license-manager::294406891311:license:l-cross-check",
    "issuedAt": "2026-11-01T00:00:00.250Z",
    "expiration": "2036-11-01T00:00:00+02:00",
    "entitlementsAllowed": [
        {"name": "Seats", "unit": "Count", "value": "25"},
        {"name": "Feature.\u00c9xport", "unit": "None", "value": "true"},
        {"name": "Throughput", "unit": "Megabits/Second", "value": "100"},
    ],
    "checkoutMetadata": {"Customer": "Caf\u00e9 \"Quoted\" \\ Ltd\n\t", "Tier": "\U0001f600"},
    "vendorData": {
        "\ue000": 1, "\U0001f600": 2, "a": [1.0, 1e21, 1e-7, -0.0, 0.1, 1.2345678901234568e20, 5e-324, 9007199254740993.0],
        "ctl": "\u0001\u001f\u007f\u2028", "nested": {"z": None, "y": True, "x": False},
    },
}


def b64u_dec(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def strict_loads(data, **kw):
    def pairs(items):
        names = [k for k, _ in items]
        if len(names) != len(set(names)):
            raise ValueError("duplicate member")
        return dict(items)
    return json.loads(data, object_pairs_hook=pairs, **kw)


def crypto_verify(pub, alg: str, message: bytes, sig: bytes, ecdsa: str) -> None:
    """Raises unless `sig` verifies; ecdsa is 'raw' (r||s) or 'der'."""
    if alg == "EdDSA":
        pub.verify(sig, message)
        return
    h = HASH[alg[2:]]()
    if alg.startswith("PS"):
        pub.verify(sig, message, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
    elif alg.startswith("RS"):
        pub.verify(sig, message, padding.PKCS1v15(), h)
    else:
        if ecdsa == "raw":
            n = len(sig) // 2
            sig = encode_dss_signature(int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big"))
        pub.verify(sig, message, ec.ECDSA(h))


def check_jws(out: bytes, doc, pub, kid, alg):
    token = out.decode("ascii")
    assert token == token.strip() and token.count(".") == 2, "token shape"
    h, p, s = token.split(".")
    assert strict_loads(b64u_dec(h)) == {"alg": alg, "kid": kid}, f"header {b64u_dec(h)!r}"
    assert b64u_dec(h) == json.dumps({"alg": alg, "kid": kid}, separators=(",", ":")).encode()
    assert b64u_dec(p) == rfc8785.dumps(doc), "payload is not rfc8785.dumps(document)"
    got = jwt.api_jws.PyJWS().decode_complete(token, pub, algorithms=[alg])
    assert got["payload"] == rfc8785.dumps(doc)
    crypto_verify(pub, alg, f"{h}.{p}".encode("ascii"), b64u_dec(s), "raw")


def check_file(out: bytes, doc, pub, kid, alg):
    assert out.endswith(b"}\n"), "license file ends with a line break"
    # RFC 8785 reads every number as a double. The file's license is in JCS form,
    # where 1.2345678901234568e20 is written 123456789012345680000; Python would
    # read that as an int, which the rfc8785 package refuses beyond 2^53.
    obj = strict_loads(out, parse_int=float)
    assert list(obj) == ["license", "signatures"], list(obj)
    assert rfc8785.dumps(obj["license"]) == rfc8785.dumps(doc), "license differs from the document"
    assert len(obj["signatures"]) == 1
    entry = obj["signatures"][0]
    assert set(entry) == {"protected", "signature"}
    assert strict_loads(b64u_dec(entry["protected"])) == {"alg": alg, "kid": kid}
    payload = b64u(rfc8785.dumps(obj["license"]))
    jwt.api_jws.PyJWS().decode_complete(
        f"{entry['protected']}.{payload}.{entry['signature']}", pub, algorithms=[alg])
    crypto_verify(pub, alg, f"{entry['protected']}.{payload}".encode("ascii"),
                  b64u_dec(entry["signature"]), "raw")


def check_detached(out: bytes, doc, pub, kid, alg):
    assert out.endswith(b"\n") and not out.endswith(b"\n\n") and out.count(b"\n") == 1
    sig = base64.b64decode(out.strip(), validate=True)
    crypto_verify(pub, alg, rfc8785.dumps(doc), sig, "der")


CHECKS = {"file": check_file, "jws": check_jws, "detached": check_detached}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    exe = Path(sys.argv[1]).resolve()
    passed, failed = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        stress = Path(tmp) / "stress.json"
        stress.write_text(json.dumps(STRESS, indent=4, ensure_ascii=True) + "\n", encoding="utf-8")
        docs = [ROOT / "test-vectors" / "sample" / "license.json", stress]
        for alg, key in MATRIX:
            priv = KEYS / "private" / f"{key}.pk8.pem"
            pub = serialization.load_pem_public_key((KEYS / f"{key}.pub.pem").read_bytes())
            spki = pub.public_bytes(serialization.Encoding.DER,
                                    serialization.PublicFormat.SubjectPublicKeyInfo)
            kid = hashlib.sha256(spki).hexdigest()
            for form, check in CHECKS.items():
                # The detached form is named as KMS names it; the JWS forms by JOSE name.
                name = KMS[alg] if form == "detached" else alg
                for doc_path in docs:
                    label = f"{form} {alg} {key} {doc_path.name}"
                    run = subprocess.run(
                        [str(exe), "sign", "--key", str(priv), "--alg", name, "--form", form,
                         str(doc_path)], capture_output=True)
                    try:
                        assert run.returncode == 0, f"exit {run.returncode}: {run.stderr.decode()}"
                        doc = strict_loads(doc_path.read_bytes())
                        check(run.stdout, doc, pub, kid, alg)
                        passed += 1
                    except Exception as e:  # noqa: BLE001 - tally every failure
                        failed.append(f"FAIL {label}: {type(e).__name__}: {e}")
    for line in failed:
        print(line)
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
