#!/usr/bin/env python3
"""Generate licsig's license test vectors with independent implementations.

Nothing here uses licsig. Signatures come from Python `cryptography`, PyJWT and
`rfc8785` (JCS); every valid vector is re-verified before it is written with
PyJWT's decoder, `cryptography`, `pycryptodome` and (for detached signatures,
when the command is there) `openssl`.

    pip install -r test-vectors/gen/requirements.txt
    python3 test-vectors/gen/make_licenses.py            # regenerate in place
    python3 test-vectors/gen/make_licenses.py --check    # compare with committed
    python3 test-vectors/gen/make_licenses.py --new-keys # new key pairs (rarely!)

The private keys under test-vectors/licenses/keys/private/ are TEST KEYS,
published on purpose. They are loaded, never regenerated, unless --new-keys is
given. RSASSA-PKCS1-v1_5, Ed25519 and the hand-made ECDSA signatures (RFC 6979
deterministic nonces) are deterministic, so rerunning leaves those outputs
byte-identical; RSASSA-PSS (random salt) and PyJWT's ECDSA (random nonce)
signatures change on every run. --check therefore compares every file byte for
byte except at the randomised signatures, and re-verifies the committed ones.
See test-vectors/README.md for the schema.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import difflib
import hashlib
import hmac
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cryptography
import jwt
import rfc8785
import Crypto
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from Crypto.Hash import SHA256 as C_SHA256, SHA384 as C_SHA384, SHA512 as C_SHA512
from Crypto.PublicKey import ECC as C_ECC, RSA as C_RSA
from Crypto.Signature import DSS as C_DSS, eddsa as C_eddsa, pkcs1_15 as C_pkcs1_15, pss as C_pss

HERE = Path(__file__).resolve().parent
TV = HERE.parent  # test-vectors/
GENERATOR = "test-vectors/gen/make_licenses.py"

NOW = "2026-11-22T00:00:00Z"
ISSUED = "2026-11-01T00:00:00"
EXPIRES = "2027-11-01T00:00:00"
ACCOUNT = "294406891311"
NODE = "100.20.15.10"
JUNK_SIG = "c2lnbmF0dXJl"  # b64url("signature"): canonical, non-empty, not a signature

V_CRYPTO = cryptography.__version__
V_PYJWT = jwt.__version__
V_JCS = importlib.metadata.version("rfc8785")
V_PYCRYPTODOME = Crypto.__version__
P_PYJWT = f"PyJWT {V_PYJWT} (cryptography {V_CRYPTO})"
P_CRYPTO = f"cryptography {V_CRYPTO}"
P_JCS = f"rfc8785 {V_JCS}"
P_CHECKED = "self-checked with PyJWT jwt.decode, cryptography and pycryptodome"
P_CHECKED_DETACHED = "self-checked with cryptography, pycryptodome and openssl"

ERROR_KINDS = [
    "malformed", "limit_exceeded", "unsupported_algorithm", "algorithm_not_allowed",
    "invalid_key", "key_mismatch", "unknown_key", "key_revoked", "bad_signature",
    "certificate_invalid", "expired", "not_yet_valid", "node_mismatch", "node_unbound",
    "missing_entitlement", "license_revoked",
]
FORMS = ["token", "license_file", "detached", "aws_checkout"]

ALGS = {
    "PS256": dict(kty="RSA", hash=hashes.SHA256, scheme="pss", kms="RSASSA_PSS_SHA_256"),
    "PS384": dict(kty="RSA", hash=hashes.SHA384, scheme="pss", kms="RSASSA_PSS_SHA_384"),
    "PS512": dict(kty="RSA", hash=hashes.SHA512, scheme="pss", kms="RSASSA_PSS_SHA_512"),
    "RS256": dict(kty="RSA", hash=hashes.SHA256, scheme="pkcs1", kms="RSASSA_PKCS1_V1_5_SHA_256"),
    "RS384": dict(kty="RSA", hash=hashes.SHA384, scheme="pkcs1", kms="RSASSA_PKCS1_V1_5_SHA_384"),
    "RS512": dict(kty="RSA", hash=hashes.SHA512, scheme="pkcs1", kms="RSASSA_PKCS1_V1_5_SHA_512"),
    "ES256": dict(kty="EC", hash=hashes.SHA256, scheme="ecdsa", kms="ECDSA_SHA_256", crv="P-256", size=32),
    "ES384": dict(kty="EC", hash=hashes.SHA384, scheme="ecdsa", kms="ECDSA_SHA_384", crv="P-384", size=48),
    # P-521: not supported by ring, so not by licsig (unsupported_algorithm vectors only).
    "ES512": dict(kty="EC", hash=hashes.SHA512, scheme="ecdsa", kms="ECDSA_SHA_512", crv="P-521", size=66),
    "EdDSA": dict(kty="OKP", hash=None, scheme="eddsa", kms=None, crv="Ed25519"),
}
KMS_TO_JOSE = {a["kms"]: name for name, a in ALGS.items() if a["kms"]}
C_HASH = {"sha256": C_SHA256, "sha384": C_SHA384, "sha512": C_SHA512}
CURVES = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1}
CURVE_NAMES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}

KEY_SPECS = {
    "rsa2048": ("RSA", 2048),
    "rsa3072": ("RSA", 3072),
    "rsa4096": ("RSA", 4096),
    "ec-p256": ("EC", "P-256"),
    "ec-p384": ("EC", "P-384"),
    "ed25519": ("OKP", "Ed25519"),
    # Only to sign the ES512 vector (ring has no P-521): never trusted.
    "ec-p521": ("EC", "P-521"),
    # Attacker keys: never in any vector's trusted key set.
    "attacker-rsa2048": ("RSA", 2048),
    "attacker-ed25519": ("OKP", "Ed25519"),
}

AWS_UNITS = [
    "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
    "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits",
    "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
    "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
    "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
]
assert len(AWS_UNITS) == 27

# The sample document: test-vectors/sample/license.json as first committed, with
# "expiration" moved from 2027 to 2036 so that it stays valid for years.
SAMPLE_LICENSE = """{
  "licenseArn": "arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1",
  "licenseConsumptionToken": "88bd3aa8-7ef7-4a4b-8bce-d6a2a1a3b47c",
  "issuedAt": "2026-11-01T00:00:00",
  "expiration": "2036-11-01T00:00:00",
  "nodeId": "100.20.15.10",
  "checkoutMetadata": {
    "Customer": "Example Corp",
    "Tier": "Enterprise"
  },
  "entitlementsAllowed": [
    { "name": "Seats", "unit": "Count", "value": "25" },
    { "name": "Feature.Export", "unit": "None", "value": "true" },
    { "name": "Storage", "unit": "Gigabytes", "value": "500" },
    { "name": "R\u00e9gion", "unit": "None", "value": "eu-west-3" }
  ]
}
"""

# ---------------------------------------------------------------------------
# encodings


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_dec(text: str) -> bytes:
    """Strict: unpadded, url alphabet, canonical."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text) or len(text) % 4 == 1:
        raise ValueError(f"not unpadded base64url: {text[:40]!r}")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64u(data) != text:
        raise ValueError("non-canonical base64url")
    return data


def b64s(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def pretty(obj, indent=2, ensure_ascii=False) -> str:
    return json.dumps(obj, indent=indent, ensure_ascii=ensure_ascii) + "\n"


def jcs(obj) -> bytes:
    return rfc8785.dumps(obj)


def sha256_hex(data) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _no_dups(pairs):
    seen = set()
    for k, _ in pairs:
        if k in seen:
            raise ValueError(f"duplicate member {k!r}")
        seen.add(k)
    return dict(pairs)


def _no_constant(name):
    raise ValueError(f"non-finite number {name}")


def strict_loads(data):
    """json.loads that rejects duplicates, NaN/Infinity, BOM and invalid UTF-8."""
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            raise ValueError("BOM")
        data = data.decode("utf-8")
    if data.startswith("\ufeff"):
        raise ValueError("BOM")
    return json.loads(data, object_pairs_hook=_no_dups, parse_constant=_no_constant)


# ---------------------------------------------------------------------------
# keys


class Key:
    def __init__(self, name: str, priv):
        self.name = name
        self.priv = priv
        self.pub = priv.public_key()
        self.spki = self.pub.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.pem = self.pub.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.kid = sha256_hex(self.spki)
        self.pem_path = f"licenses/keys/{name}.pub.pem"
        self.jwk_path = f"licenses/keys/{name}.jwk.json"
        if isinstance(priv, rsa.RSAPrivateKey):
            self.kty, self.crv, self.bits = "RSA", None, priv.key_size
        elif isinstance(priv, ec.EllipticCurvePrivateKey):
            self.kty, self.crv, self.bits = "EC", CURVE_NAMES[priv.curve.name], priv.curve.key_size
        elif isinstance(priv, ed25519.Ed25519PrivateKey):
            self.kty, self.crv, self.bits = "OKP", "Ed25519", 256
        else:
            raise TypeError(name)

    def jwk(self) -> dict:
        out = {"kty": self.kty, "kid": self.kid, "use": "sig"}
        if self.kty == "RSA":
            n = self.pub.public_numbers()
            out["n"] = b64u(n.n.to_bytes((n.n.bit_length() + 7) // 8, "big"))
            out["e"] = b64u(n.e.to_bytes((n.e.bit_length() + 7) // 8, "big"))
        elif self.kty == "EC":
            n = self.pub.public_numbers()
            size = (self.bits + 7) // 8
            out["crv"] = self.crv
            out["x"] = b64u(n.x.to_bytes(size, "big"))
            out["y"] = b64u(n.y.to_bytes(size, "big"))
        else:
            out["crv"] = "Ed25519"
            out["x"] = b64u(
                self.pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            )
        return out


# The trusted keys (every key some vector trusts), written in every key format licsig
# accepts besides NAME.pub.pem and NAME.jwk.json (key_formats.json uses them all).
TRUSTED_KEYS = ["rsa2048", "rsa3072", "rsa4096", "ec-p256", "ec-p384", "ed25519"]
CERT_NOT_BEFORE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
CERT_NOT_AFTER = dt.datetime(2036, 1, 1, tzinfo=dt.timezone.utc)
CERT_SERIAL = 0x1C5169  # fixed: every certificate is regenerated byte-identically


def key_formats(key: Key) -> list[tuple[str, str]]:
    """(format, file name) of every key file of `key`, in the order of key_formats.json."""
    out = [("pem", f"{key.name}.pub.pem"), ("der", f"{key.name}.spki.der"),
           ("b64", f"{key.name}.spki.b64")]
    if key.kty == "RSA":
        out += [("pkcs1-pem", f"{key.name}.pkcs1.pem"), ("pkcs1-der", f"{key.name}.pkcs1.der")]
    out += [("jwk", f"{key.name}.jwk.json"), ("jwks", f"{key.name}.jwks.json"),
            ("cert-pem", f"{key.name}.cert.pem"), ("cert-der", f"{key.name}.cert.der")]
    return out


def self_signed_cert(key: Key) -> x509.Certificate:
    """A self-signed X.509 v3 certificate for `key`, signed by the key itself with
    cryptography's x509 builder: sha256WithRSAEncryption (PKCS#1 v1.5), ecdsa-with-SHA256
    / SHA384 with RFC 6979 deterministic nonces, or Ed25519 -- all deterministic, so the
    certificate is byte-identical on every run."""
    name = x509.Name([
        x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "licsig test vectors"),
        x509.NameAttribute(x509.NameOID.COMMON_NAME, f"licsig test key {key.name} (TEST ONLY)"),
    ])
    b = (x509.CertificateBuilder()
         .subject_name(name).issuer_name(name)
         .public_key(key.pub)
         .serial_number(CERT_SERIAL)
         .not_valid_before(CERT_NOT_BEFORE).not_valid_after(CERT_NOT_AFTER)
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
         .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                      key_encipherment=False, data_encipherment=False,
                                      key_agreement=False, key_cert_sign=False, crl_sign=False,
                                      encipher_only=False, decipher_only=False), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.pub), critical=False))
    if key.kty == "RSA":
        return b.sign(key.priv, hashes.SHA256(), rsa_padding=padding.PKCS1v15())
    if key.kty == "EC":
        h = {"P-256": hashes.SHA256, "P-384": hashes.SHA384}[key.crv]()
        return b.sign(key.priv, h, ecdsa_deterministic=True)
    return b.sign(key.priv, None)


def key_files(key: Key) -> dict[str, bytes]:
    """The extra key files of a trusted key: file name -> bytes."""
    cert = self_signed_cert(key)
    out = {
        f"{key.name}.spki.der": key.spki,
        # as `aws kms get-public-key --output text --query PublicKey` prints it
        f"{key.name}.spki.b64": (b64s(key.spki) + "\n").encode("ascii"),
        f"{key.name}.jwks.json": pretty({"keys": [key.jwk()]}).encode("utf-8"),
        f"{key.name}.cert.pem": cert.public_bytes(serialization.Encoding.PEM),
        f"{key.name}.cert.der": cert.public_bytes(serialization.Encoding.DER),
    }
    if key.kty == "RSA":
        out[f"{key.name}.pkcs1.pem"] = key.pub.public_bytes(serialization.Encoding.PEM,
                                                             serialization.PublicFormat.PKCS1)
        out[f"{key.name}.pkcs1.der"] = key.pub.public_bytes(serialization.Encoding.DER,
                                                             serialization.PublicFormat.PKCS1)
    return out


def new_private_key(kind, param):
    if kind == "RSA":
        return rsa.generate_private_key(public_exponent=65537, key_size=param)
    if kind == "EC":
        return ec.generate_private_key(CURVES[param]())
    return ed25519.Ed25519PrivateKey.generate()


def load_keys(root: Path, new: bool) -> dict[str, Key]:
    priv_dir = root / "licenses" / "keys" / "private"
    keys = {}
    for name, (kind, param) in KEY_SPECS.items():
        path = priv_dir / f"{name}.pk8.pem"
        if new:
            priv = new_private_key(kind, param)
            priv_dir.mkdir(parents=True, exist_ok=True)
            path.write_bytes(
                priv.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        elif not path.exists():
            sys.exit(f"missing {path}: the committed test keys are loaded, not made; "
                     "run with --new-keys only to replace every key pair on purpose")
        priv = serialization.load_pem_private_key(path.read_bytes(), password=None)
        key = Key(name, priv)
        want = (kind, param)
        got = (key.kty, key.bits if kind == "RSA" else key.crv)
        if got != want:
            sys.exit(f"{path}: expected {want}, found {got}")
        if kind == "RSA" and priv.public_key().public_numbers().e != 65537:
            sys.exit(f"{path}: public exponent is not 65537")
        keys[name] = key
    return keys


# ---------------------------------------------------------------------------
# signing (cryptography) and independent verification

# Every randomised signature (PSS salt, PyJWT's ECDSA nonce) in both encodings:
# --check compares the committed files byte for byte except at these strings.
RANDOM_SIGS: set[str] = set()


def note_random(sig: bytes):
    RANDOM_SIGS.add(b64u(sig))
    RANDOM_SIGS.add(b64s(sig))


def der_to_raw(der: bytes, size: int) -> bytes:
    r, s = decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def raw_to_der(raw: bytes, size: int) -> bytes:
    if len(raw) != 2 * size:
        raise ValueError("wrong r||s length")
    return encode_dss_signature(int.from_bytes(raw[:size], "big"), int.from_bytes(raw[size:], "big"))


def sign(key: Key, alg: str, msg: bytes, *, ecdsa="raw", pss_salt=None) -> bytes:
    """ecdsa='raw' gives JOSE r||s, 'der' gives KMS/OpenSSL DER."""
    a = ALGS[alg]
    if a["scheme"] == "pss":
        salt = a["hash"]().digest_size if pss_salt is None else pss_salt
        sig = key.priv.sign(msg, padding.PSS(mgf=padding.MGF1(a["hash"]()), salt_length=salt), a["hash"]())
        if salt:
            note_random(sig)
        return sig
    if a["scheme"] == "pkcs1":
        return key.priv.sign(msg, padding.PKCS1v15(), a["hash"]())
    if a["scheme"] == "ecdsa":
        assert key.crv == a["crv"], (key.name, alg)
        der = key.priv.sign(msg, ec.ECDSA(a["hash"](), deterministic_signing=True))
        return der if ecdsa == "der" else der_to_raw(der, a["size"])
    assert key.kty == "OKP"
    return key.priv.sign(msg)


def fits(pub, alg: str) -> bool:
    a = ALGS.get(alg)
    if a is None:
        return False
    if a["kty"] == "RSA":
        return isinstance(pub, rsa.RSAPublicKey)
    if a["kty"] == "EC":
        return isinstance(pub, ec.EllipticCurvePublicKey) and CURVE_NAMES.get(pub.curve.name) == a["crv"]
    return isinstance(pub, ed25519.Ed25519PublicKey)


def verify_crypto(pub, alg, msg, sig, *, ecdsa="raw", pss_salt=None) -> bool:
    if not fits(pub, alg):
        return False
    a = ALGS[alg]
    try:
        if a["scheme"] == "pss":
            salt = a["hash"]().digest_size if pss_salt is None else pss_salt
            pub.verify(sig, msg, padding.PSS(mgf=padding.MGF1(a["hash"]()), salt_length=salt), a["hash"]())
        elif a["scheme"] == "pkcs1":
            pub.verify(sig, msg, padding.PKCS1v15(), a["hash"]())
        elif a["scheme"] == "ecdsa":
            der = sig if ecdsa == "der" else raw_to_der(sig, a["size"])
            pub.verify(der, msg, ec.ECDSA(a["hash"]()))
        else:
            pub.verify(sig, msg)
        return True
    except (InvalidSignature, ValueError):
        return False


def verify_pycryptodome(pub, alg, msg, sig, *, ecdsa="raw") -> bool:
    if not fits(pub, alg):
        return False
    a = ALGS[alg]
    der = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        if a["scheme"] == "eddsa":
            C_eddsa.new(C_ECC.import_key(der), "rfc8032").verify(msg, sig)
            return True
        h = C_HASH[a["hash"].name].new(msg)
        if a["scheme"] == "pss":
            C_pss.new(C_RSA.import_key(der)).verify(h, sig)  # salt = digest length, MGF1 same hash
        elif a["scheme"] == "pkcs1":
            C_pkcs1_15.new(C_RSA.import_key(der)).verify(h, sig)
        else:
            enc = "der" if ecdsa == "der" else "binary"
            C_DSS.new(C_ECC.import_key(der), "fips-186-3", encoding=enc).verify(h, sig)
        return True
    except (ValueError, TypeError):
        return False


def verify_openssl(pub, alg, msg, sig):
    """Detached (DER ECDSA) signatures with the openssl command; None if absent."""
    if not shutil.which("openssl"):
        return None
    a = ALGS[alg]
    pem = pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d / "k.pem").write_bytes(pem)
        (d / "m").write_bytes(msg)
        (d / "s").write_bytes(sig)
        if a["scheme"] == "eddsa":
            cmd = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", d / "k.pem",
                   "-rawin", "-in", d / "m", "-sigfile", d / "s"]
        else:
            cmd = ["openssl", "dgst", "-" + a["hash"].name]
            if a["scheme"] == "pss":
                cmd += ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]
            cmd += ["-verify", d / "k.pem", "-signature", d / "s", d / "m"]
        return subprocess.run(cmd, capture_output=True).returncode == 0


def openssl_kid(pem: bytes):
    if not shutil.which("openssl"):
        return None
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=pem,
                         capture_output=True, check=True).stdout
    return hashlib.sha256(der).hexdigest()


# ---------------------------------------------------------------------------
# license documents and claims (a small model of DESIGN §3/§4 used to make sure
# each vector fails for exactly the one reason it is about)

KNOWN_MEMBERS = ["entitlementsAllowed", "expiration", "issuedAt", "licenseArn",
                 "licenseConsumptionToken", "nodeId", "checkoutMetadata"]
TIME_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?")


def parse_time(text: str) -> dt.datetime:
    m = TIME_RE.fullmatch(text)
    if not m:
        raise ValueError(text)
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    frac = m.group(7)
    micro = int((frac[1:] + "000000")[:6]) if frac else 0
    zone = m.group(8)
    if not zone or zone == "Z":
        tz = dt.timezone.utc
    else:
        sign_ = 1 if zone[0] == "+" else -1
        tz = dt.timezone(sign_ * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return dt.datetime(y, mo, d, h, mi, s, micro, tzinfo=tz)


def epoch(text: str) -> int:
    return int(parse_time(text).timestamp())


def claims_failures(doc, opts, kid) -> list[str]:
    out = []
    if not isinstance(doc, dict):
        return ["malformed"]
    lower = {m.lower(): m for m in KNOWN_MEMBERS}
    for k in doc:
        if k not in KNOWN_MEMBERS and k.lower() in lower:
            out.append("malformed")
    if any(r not in doc for r in ("licenseArn", "issuedAt", "entitlementsAllowed")):
        return out + ["malformed"]
    for c in ("exp", "nbf", "iat"):
        if c in doc and (isinstance(doc[c], bool) or not isinstance(doc[c], (int, float))):
            out.append("malformed")
    try:
        issued = parse_time(doc["issuedAt"])
        expiration = parse_time(doc["expiration"]) if "expiration" in doc else None
    except (ValueError, TypeError):
        return out + ["malformed"]
    if out:
        return out
    now = parse_time(opts["now"])
    leeway = dt.timedelta(seconds=opts["leeway"])
    if expiration is not None and expiration < now - leeway:
        out.append("expired")
    if isinstance(doc.get("exp"), (int, float)) and doc["exp"] < (now - leeway).timestamp():
        out.append("expired")
    if issued > now + leeway:
        out.append("not_yet_valid")
    if isinstance(doc.get("nbf"), (int, float)) and doc["nbf"] > (now + leeway).timestamp():
        out.append("not_yet_valid")
    if "nodeId" in doc:
        if opts["node_id"] is None:
            out.append("node_unbound")
        elif opts["node_id"] != doc["nodeId"]:
            out.append("node_mismatch")
    names = {e["name"] for e in doc["entitlementsAllowed"]}
    if any(r not in names for r in opts["require"]):
        out.append("missing_entitlement")
    if kid in opts["revoked_kids"]:
        out.append("key_revoked")
    if doc["licenseArn"] in opts["revoked_licenses"]:
        out.append("license_revoked")
    return out


def arn(tag: str) -> str:
    return f"arn:aws:license-manager::{ACCOUNT}:license:l-{sha256_hex('arn:' + tag)[:32]}"


def consumption_token(tag: str) -> str:
    h = sha256_hex("lct:" + tag)
    return f"{h[0:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


BASE_ENTITLEMENTS = [
    {"name": "Seats", "unit": "Count", "value": "25"},
    {"name": "Feature.Export", "unit": "None", "value": "true"},
    {"name": "Storage", "unit": "Gigabytes", "value": "500"},
    {"name": "ApiCalls", "unit": "Count/Second", "value": "100"},
    {"name": "R\u00e9gion", "unit": "None", "value": "eu-west-3"},
]


def document(tag, *, issued=ISSUED, expiration=EXPIRES, node=None, entitlements=None,
             metadata=None, extra=None, drop=()):
    d = {
        "licenseArn": arn(tag),
        "licenseConsumptionToken": consumption_token(tag),
        "issuedAt": issued,
    }
    if expiration is not None:
        d["expiration"] = expiration
    if node is not None:
        d["nodeId"] = node
    d["checkoutMetadata"] = dict(metadata) if metadata is not None else {
        "Customer": "Example Corp", "Tier": "Enterprise"}
    d["entitlementsAllowed"] = [dict(e) for e in (entitlements if entitlements is not None else BASE_ENTITLEMENTS)]
    if extra:
        d.update(extra)
    for k in drop:
        del d[k]
    return d


def options(**kw):
    o = {"now": NOW, "node_id": None, "require": [], "allow_algs": None, "leeway": 60,
         "revoked_kids": [], "revoked_licenses": [], "max_bytes": None}
    for k, v in kw.items():
        # strict_kid (a token's kid must name a trusted key) is written only when set.
        assert k in o or k == "strict_kid", k
        o[k] = v
    return o


# ---------------------------------------------------------------------------
# wire forms


def pyjwt_token(key: Key, alg: str, doc: dict, headers=None) -> str:
    h = {"kid": key.kid}
    h.update(headers or {})
    token = jwt.encode(doc, key.priv, algorithm=alg, headers=h)
    if alg.startswith(("PS", "ES")):
        note_random(b64u_dec(token.split(".")[2]))
    return token


def jws_token(key: Key, alg: str, header, payload, **signopts) -> str:
    """Hand-made compact JWS; header/payload: a dict (compact JSON) or exact bytes."""
    h = header if isinstance(header, bytes) else compact(header)
    p = payload if isinstance(payload, bytes) else compact(payload)
    signing_input = f"{b64u(h)}.{b64u(p)}"
    return signing_input + "." + b64u(sign(key, alg, signing_input.encode("ascii"), **signopts))


def corrupt(sig: bytes) -> bytes:
    b = bytearray(sig)
    b[len(b) // 2] ^= 0x01
    out = bytes(b)
    if b64u(sig) in RANDOM_SIGS:
        note_random(out)
    return out


def file_signature(key: Key, alg: str, license_obj, header=None, *, corrupt_sig=False, **signopts):
    header = header if header is not None else {"alg": alg, "kid": key.kid}
    protected = b64u(header if isinstance(header, bytes) else compact(header))
    signing_input = f"{protected}.{b64u(jcs(license_obj))}".encode("ascii")
    sig = sign(key, alg, signing_input, **signopts)
    if corrupt_sig:
        sig = corrupt(sig)
    return {"protected": protected, "signature": b64u(sig)}


def license_file(license_obj, signatures, *, signatures_first=False, indent=2, ensure_ascii=False):
    obj = ({"signatures": signatures, "license": license_obj} if signatures_first
           else {"license": license_obj, "signatures": signatures})
    if indent is None:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=ensure_ascii)
    return pretty(obj, indent=indent, ensure_ascii=ensure_ascii)


def license_file_raw(license_text: str, signatures) -> str:
    """A license file whose license object is given as exact text."""
    return '{\n  "license": ' + license_text + ',\n  "signatures": ' + \
        json.dumps(signatures, indent=2).replace("\n", "\n  ") + "\n}\n"


def detached_sig(key: Key, alg: str, msg: bytes, *, ecdsa="der", **signopts) -> str:
    return b64s(sign(key, alg, msg, ecdsa=ecdsa, **signopts)) + "\n"


def checkout_body(token: str, doc: dict, *, overrides=None, indent=None) -> str:
    body = {
        "CheckoutType": "PROVISIONAL",
        "EntitlementsAllowed": [{"Name": e["name"], "Unit": e["unit"], "Value": e["value"]}
                                for e in doc["entitlementsAllowed"]],
        "Expiration": doc["expiration"],
        "IssuedAt": doc["issuedAt"],
        "LicenseArn": doc["licenseArn"],
        "LicenseConsumptionToken": doc["licenseConsumptionToken"],
        "NodeId": doc["nodeId"],
        "SignedToken": token,
    }
    body.update(overrides or {})
    if indent is None:
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(body, indent=indent, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------
# vector collection


GROUP_DESCRIPTIONS = {
    "algorithms": "Valid licenses: every supported algorithm (PS256/384/512 and RS256/384/512 "
                  "with RSA 2048, 3072 and 4096; ES256 with P-256; ES384 with P-384; EdDSA with "
                  "Ed25519) in every wire form (aws_checkout: PS384 only, as AWS License Manager "
                  "signs), trusted keys as SubjectPublicKeyInfo PEM and, for the token form, as JWK.",
    "valid": "Valid licenses exercising the rest of the contract: hand-made JWS, key selection "
             "without kid, key rotation, time leeway, node locking, required entitlements, "
             "canonicalisation of license files and detached documents, the sample/ files.",
    "key_formats": "Valid vectors, one per algorithm/key pair, trusted-key file format and wire "
                   "form (token, license_file, detached; aws_checkout for PS384): the same input "
                   "(that of the algorithms group) verified with the key as "
                   "SubjectPublicKeyInfo PEM, DER and base64 of the DER (as `aws kms "
                   "get-public-key` prints it), PKCS#1 RSAPublicKey PEM and DER (RSA keys), a "
                   "public JWK, a JWK Set, and a self-signed X.509 certificate in PEM and DER.",
    "negative": "Inputs that must be rejected, each with the one error kind (DESIGN.md section 6) "
                "that the first failing check of DESIGN.md section 4 gives. Where a lenient "
                "verifier could accept, the input is correctly signed so that only the strict "
                "check fails.",
}


class Collector:
    def __init__(self):
        self.groups = {g: [] for g in GROUP_DESCRIPTIONS}
        self.ids = set()

    def add(self, group, vid, form, alg, keys, data, expected, provenance, *, opts=None,
            signature=None, detached_alg=None, byte_exact=False):
        assert vid not in self.ids, vid
        assert form in FORMS, form
        assert expected == "valid" or expected in ERROR_KINDS, expected
        assert (form == "detached") == (signature is not None), vid
        self.ids.add(vid)
        v = {"id": vid, "form": form, "algorithm": alg,
             "keys": [k.pem_path if isinstance(k, Key) else k for k in keys]}
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if byte_exact or text is None or text.startswith("\ufeff"):
            for s in RANDOM_SIGS:
                assert s.encode() not in raw, f"{vid}: randomised signature inside input_base64"
            v["input_base64"] = b64s(raw)
        else:
            v["input"] = text
        if signature is not None:
            v["signature"] = signature
            v["detached_alg"] = detached_alg
        v["options"] = opts if opts is not None else options()
        v["expected"] = "valid" if expected == "valid" else {"error": expected}
        v["provenance"] = provenance
        self.groups[group].append(v)
        return v


# ---------------------------------------------------------------------------
# self-check of valid vectors against the files actually written


class Trusted:
    def __init__(self, pub, kid, path):
        self.pub, self.kid, self.path = pub, kid, path


def load_trusted(root: Path, paths) -> list[Trusted]:
    out = []
    for p in paths:
        data = (root / p).read_bytes()
        jwk_kid = None
        if p.endswith((".cert.pem", ".cert.der")):
            load = x509.load_pem_x509_certificate if p.endswith(".pem") else x509.load_der_x509_certificate
            cert = load(data)
            cert.verify_directly_issued_by(cert)  # self-signed by the key it certifies
            assert cert.not_valid_before_utc <= parse_time(NOW) < cert.not_valid_after_utc, p
            pub = cert.public_key()
        elif p.endswith(".pem"):  # SPKI PUBLIC KEY or PKCS#1 RSA PUBLIC KEY
            pub = serialization.load_pem_public_key(data)
        elif p.endswith(".der"):  # SPKI or PKCS#1 RSAPublicKey
            pub = serialization.load_der_public_key(data)
        elif p.endswith(".b64"):
            assert data.endswith(b"\n") and data.count(b"\n") == 1, f"{p}: one line + newline"
            pub = serialization.load_der_public_key(base64.b64decode(data.strip(), validate=True))
        elif p.endswith(".jwks.json"):
            obj = strict_loads(data)
            assert set(obj) == {"keys"} and len(obj["keys"]) == 1, p
            pub = jwt.PyJWKSet.from_dict(obj).keys[0].key  # PyJWT's JWKS reader, not ours
            jwk_kid = obj["keys"][0].get("kid")
        else:
            obj = strict_loads(data)
            pub = jwt.PyJWK(obj).key  # PyJWT's JWK reader, not ours
            jwk_kid = obj.get("kid")
        spki = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        kid = sha256_hex(spki)
        if jwk_kid is not None and jwk_kid != kid:
            raise AssertionError(f"{p}: kid {jwk_kid} != SHA-256(SPKI) {kid}")
        out.append(Trusted(pub, kid, p))
    return out


def vector_bytes(v) -> bytes:
    return base64.b64decode(v["input_base64"], validate=True) if "input_base64" in v else v["input"].encode("utf-8")


def check_token(token: str, trusted, alg, opts):
    assert token.count(".") == 2 and token.strip() == token, "token shape"
    h64, p64, s64 = token.split(".")
    header = strict_loads(b64u_dec(h64))
    assert header["alg"] == alg, (header["alg"], alg)
    assert not ({"crit", "b64", "jwk", "jku", "x5u", "x5c"} & header.keys())
    kid = header.get("kid")
    named = [t for t in trusted if t.kid == kid]
    # A kid that names no trusted key is a hint (DESIGN.md §4) unless strict_kid is set.
    if kid is None or (not named and not opts.get("strict_kid")):
        cands = [t for t in trusted if fits(t.pub, alg)]
    else:
        cands = named
    msg = f"{h64}.{p64}".encode("ascii")
    sig = b64u_dec(s64)
    good = [t for t in cands if verify_crypto(t.pub, alg, msg, sig)]
    assert good, "cryptography rejects the token"
    t = good[0]
    assert verify_pycryptodome(t.pub, alg, msg, sig), "pycryptodome rejects the token"
    jwt.decode(token, t.pub, algorithms=[alg],
               options={"verify_exp": False, "verify_nbf": False, "verify_iat": False,
                        "verify_aud": False, "verify_iss": False})
    doc = strict_loads(b64u_dec(p64))
    assert claims_failures(doc, opts, t.kid) == [], claims_failures(doc, opts, t.kid)
    return doc


def check_license_file(data: bytes, trusted, alg, opts):
    obj = strict_loads(data)
    assert set(obj) == {"license", "signatures"}
    lic = obj["license"]
    payload = b64u(jcs(lic))
    verified = []
    for s in obj["signatures"]:
        assert set(s) == {"protected", "signature"}
        header = strict_loads(b64u_dec(s["protected"]))
        assert "alg" in header and "kid" in header
        key = [t for t in trusted if t.kid == header["kid"]]
        if not key:
            continue  # a signature by a key this verifier does not trust
        t = key[0]
        msg = f"{s['protected']}.{payload}".encode("ascii")
        sig = b64u_dec(s["signature"])
        assert verify_crypto(t.pub, header["alg"], msg, sig), "cryptography rejects a signature"
        assert verify_pycryptodome(t.pub, header["alg"], msg, sig), "pycryptodome rejects a signature"
        # RFC 7515 appendix F: put the detached payload back and decode with PyJWT.
        jwt.api_jws.decode(f"{s['protected']}.{payload}.{s['signature']}", t.pub, algorithms=[header["alg"]])
        verified.append((header["alg"], t.kid))
    assert verified, "no signature by a trusted key"
    assert alg in [a for a, _ in verified]
    for _, kid in verified:
        assert claims_failures(lic, opts, kid) == [], claims_failures(lic, opts, kid)


def check_detached(data: bytes, v, trusted, opts):
    doc = strict_loads(data)
    msg = jcs(doc)
    alg = v["detached_alg"] if v["detached_alg"] in ALGS else KMS_TO_JOSE[v["detached_alg"]]
    assert alg == v["algorithm"]
    assert v["signature"].endswith("\n")
    sig = base64.b64decode(v["signature"].strip(), validate=True)
    good = [t for t in trusted if verify_crypto(t.pub, alg, msg, sig, ecdsa="der")]
    assert good, "cryptography rejects the detached signature"
    t = good[0]
    assert verify_pycryptodome(t.pub, alg, msg, sig, ecdsa="der"), "pycryptodome rejects it"
    assert verify_openssl(t.pub, alg, msg, sig) in (True, None), "openssl rejects it"
    assert claims_failures(doc, opts, t.kid) == []


def check_checkout(data: bytes, trusted, alg, opts):
    body = strict_loads(data)
    doc = check_token(body["SignedToken"], trusted, alg, opts)
    assert body["LicenseArn"] == doc["licenseArn"]
    assert body["LicenseConsumptionToken"] == doc["licenseConsumptionToken"]
    assert body["NodeId"] == doc.get("nodeId")
    assert body["IssuedAt"] == doc["issuedAt"] and body["Expiration"] == doc.get("expiration")
    assert body["EntitlementsAllowed"] == [{"Name": e["name"], "Unit": e["unit"], "Value": e["value"]}
                                           for e in doc["entitlementsAllowed"]]


def check_not_verifiable(v, trusted):
    """A bad_signature token or detached vector: no trusted key verifies it (as JWS/JCS say)."""
    data = vector_bytes(v)
    if v["form"] == "token":
        h, p, s = data.decode("ascii").split(".")
        msg, sig, enc = f"{h}.{p}".encode(), b64u_dec(s), "raw"
        alg = v["algorithm"]
    elif v["form"] == "detached":
        msg, sig, enc = jcs(strict_loads(data)), base64.b64decode(v["signature"].strip()), "der"
        alg = v["detached_alg"] if v["detached_alg"] in ALGS else KMS_TO_JOSE[v["detached_alg"]]
    else:
        return
    for t in trusted:
        assert not verify_crypto(t.pub, alg, msg, sig, ecdsa=enc), f"{t.path} verifies it"
        assert not verify_pycryptodome(t.pub, alg, msg, sig, ecdsa=enc), f"{t.path} verifies it"


def self_check(root: Path, groups) -> int:
    """Verify every valid vector of `groups` against the key files under `root`, and
    that no trusted key verifies the bad_signature tokens and detached signatures."""
    n = 0
    failures = []
    for group, vectors in groups.items():
        for v in vectors:
            try:
                trusted = load_trusted(root, v["keys"])
                if v["expected"] != "valid":
                    if v["expected"] == {"error": "bad_signature"}:
                        check_not_verifiable(v, trusted)
                    continue
                data = vector_bytes(v)
                if v["form"] == "token":
                    check_token(data.decode("ascii"), trusted, v["algorithm"], v["options"])
                elif v["form"] == "license_file":
                    check_license_file(data, trusted, v["algorithm"], v["options"])
                elif v["form"] == "detached":
                    check_detached(data, v, trusted, v["options"])
                else:
                    check_checkout(data, trusted, v["algorithm"], v["options"])
                if v["options"]["max_bytes"] is not None:
                    assert len(data) <= v["options"]["max_bytes"]
                n += 1
            except Exception as e:  # noqa: BLE001 - report every failing vector
                failures.append(f"self-check failed: {group}/{v['id']}: {type(e).__name__}: {e}")
    if failures:
        raise SystemExit("\n".join(failures))
    return n


# ---------------------------------------------------------------------------
# the vectors


def only(doc, opts, kid, kind):
    """Assert that the claims of `doc` fail for exactly `kind` (or pass, kind=None)."""
    got = claims_failures(doc, opts, kid)
    assert got == ([kind] if kind else []), (kind, got)


def padding_for_2000_bytes(key: Key) -> int:
    """Length of checkoutMetadata.Padding that makes an RS256 token exactly 2000 bytes."""
    for pad in range(0, 1500):
        doc = document("token-over-max-bytes", metadata={"Customer": "Example Corp", "Padding": "x" * pad})
        si = f"{b64u(compact({'alg': 'RS256', 'kid': key.kid}))}.{b64u(compact(doc))}"
        if len(si) + 1 + len(b64u(bytes(key.bits // 8))) == 2000:
            return pad
    raise AssertionError("no padding gives 2000 bytes")


def build_algorithms(c: Collector, K):
    rsa_keys = ["rsa2048", "rsa3072", "rsa4096"]
    matrix = [(alg, k) for alg in ("PS256", "PS384", "PS512", "RS256", "RS384", "RS512") for k in rsa_keys]
    matrix += [("ES256", "ec-p256"), ("ES384", "ec-p384"), ("EdDSA", "ed25519")]
    for alg, kn in matrix:
        key = K[kn]
        base = f"{alg.lower()}-{kn}"
        # token
        doc = document(f"{base}-token")
        if alg == "EdDSA":
            tok = jws_token(key, alg, {"alg": alg, "kid": key.kid}, doc)
            prov = (f"hand-made JWS: {P_CRYPTO} Ed25519PrivateKey.sign over "
                    "ASCII(b64url(header) '.' b64url(compact UTF-8 JSON)); PyJWT is not used for EdDSA")
        else:
            tok = pyjwt_token(key, alg, doc)
            prov = (f"{P_PYJWT}: jwt.encode(document, private key, algorithm='{alg}', "
                    "headers={'kid': kid}); payload is PyJWT's compact JSON (\\u-escaped non-ASCII)")
            if alg.startswith("ES"):
                prov += "; ECDSA signature fixed-size r||s (RFC 7518 §3.4)"
        c.add("algorithms", f"{base}-token", "token", alg, [key], tok, "valid", f"{prov}; {P_CHECKED}")
        c.add("algorithms", f"{base}-token-jwk", "token", alg, [key.jwk_path], tok, "valid",
              f"same token as {base}-token, trusted key given as a public JWK; {prov}; {P_CHECKED}")
        # license file
        doc = document(f"{base}-license-file")
        text = license_file(doc, [file_signature(key, alg, doc)])
        c.add("algorithms", f"{base}-license-file", "license_file", alg, [key], text, "valid",
              f"{P_CRYPTO} signature over ASCII(protected '.' b64url({P_JCS} dumps(license)))"
              + ("; ECDSA r||s" if alg.startswith("ES") else "")
              + f"; file pretty-printed by json.dumps(indent=2); {P_CHECKED}")
        # detached
        doc = document(f"{base}-detached")
        text = pretty(doc)
        dalg = ALGS[alg]["kms"] or alg
        c.add("algorithms", f"{base}-detached", "detached", alg, [key], text, "valid",
              f"{P_CRYPTO} signature over {P_JCS} dumps(document)"
              + ("; ECDSA as DER (as KMS/OpenSSL)" if alg.startswith("ES") else "")
              + f"; base64 text with newline as `aws kms sign` prints it; {P_CHECKED_DETACHED}",
              signature=detached_sig(key, alg, jcs(doc)), detached_alg=dalg)
    for kn in rsa_keys:
        key = K[kn]
        base = f"ps384-{kn}-aws-checkout"
        doc = document(base, node=NODE)
        tok = pyjwt_token(key, "PS384", doc)
        c.add("algorithms", base, "aws_checkout", "PS384", [key], checkout_body(tok, doc), "valid",
              f"CheckoutLicense response body (compact JSON) around a {P_PYJWT} PS384 token; "
              f"unsigned fields copied from the token's document; {P_CHECKED}",
              opts=options(node_id=NODE))


FORMAT_WORDS = {
    "pem": "SubjectPublicKeyInfo PEM (PUBLIC KEY), cryptography public_bytes(PEM, SubjectPublicKeyInfo)",
    "der": "SubjectPublicKeyInfo DER, cryptography public_bytes(DER, SubjectPublicKeyInfo)",
    "b64": "standard base64 of the SubjectPublicKeyInfo DER on one line plus newline, as "
           "`aws kms get-public-key --output text --query PublicKey` prints it",
    "pkcs1-pem": "PKCS#1 RSAPublicKey PEM (RSA PUBLIC KEY), cryptography public_bytes(PEM, PKCS1)",
    "pkcs1-der": "PKCS#1 RSAPublicKey DER, cryptography public_bytes(DER, PKCS1)",
    "jwk": "one public JWK (kid = SHA-256 of the SPKI DER)",
    "jwks": "a JWK Set {\"keys\": [the public JWK]}",
    "cert-pem": "self-signed X.509 certificate PEM (cryptography x509.CertificateBuilder, signed by "
                "the key itself, serial 0x1c5169, valid 2026-01-01..2036-01-01)",
    "cert-der": "the same self-signed X.509 certificate as DER",
}


def build_key_formats(c: Collector, K):
    """Every trusted-key file format for every algorithm/key pair and every wire form: the
    token, license file and detached document of the algorithms group's `{base}-token`,
    `{base}-license-file` and `{base}-detached` (and, for PS384 with the RSA keys, its
    `ps384-{key}-aws-checkout`), unchanged but for the trusted key, verified with each key
    file of its key. Token ids are `key-format-{base}-{fmt}`; the other forms add
    `-license-file`, `-detached` or `-aws-checkout`."""
    srcs = {v["id"]: v for v in c.groups["algorithms"]}
    rsa_keys = ["rsa2048", "rsa3072", "rsa4096"]
    matrix = [(alg, k) for alg in ("PS256", "PS384", "PS512", "RS256", "RS384", "RS512") for k in rsa_keys]
    matrix += [("ES256", "ec-p256"), ("ES384", "ec-p384"), ("EdDSA", "ed25519")]
    # (form, id suffix, source id suffix, what is reused, self-check words)
    forms = [("token", "", "-token", "token", P_CHECKED),
             ("license_file", "-license-file", "-license-file", "license file", P_CHECKED),
             ("detached", "-detached", "-detached", "document and detached signature",
              P_CHECKED_DETACHED)]
    jobs = [(form, alg, kn, sfx, f"{alg.lower()}-{kn}{src_sfx}", what, checked)
            for form, sfx, src_sfx, what, checked in forms for alg, kn in matrix]
    jobs += [("aws_checkout", "PS384", kn, "-aws-checkout", f"ps384-{kn}-aws-checkout",
              "CheckoutLicense response body", P_CHECKED) for kn in rsa_keys]
    for form, alg, kn, sfx, src_id, what, checked in jobs:
        key = K[kn]
        base = f"{alg.lower()}-{kn}"
        src = srcs[src_id]
        assert src["algorithm"] == alg and src["expected"] == "valid" and src["form"] == form, src_id
        assert src["keys"] == [key.pem_path], src_id
        data = src["input"]
        made = src["provenance"].split(f"; {checked}")[0]
        for fmt, fname in key_formats(key):
            how = FORMAT_WORDS[fmt]
            if fmt.startswith("cert") and key.kty != "RSA":
                how += (" with ecdsa-with-SHA%s, RFC 6979 deterministic nonce" % key.bits
                        if key.kty == "EC" else " with Ed25519")
            elif fmt.startswith("cert"):
                how += " with sha256WithRSAEncryption (PKCS#1 v1.5)"
            c.add("key_formats", f"key-format-{base}-{fmt}{sfx}", form, alg, [f"licenses/keys/{fname}"],
                  data, "valid",
                  f"same {what} as algorithms/{src_id} ({made}); trusted key {kn} given as "
                  f"{how}, written by {P_CRYPTO} from licenses/keys/private/{kn}.pk8.pem; {checked}, "
                  "the key loaded from this file by cryptography (PyJWT for JWK/JWKS)",
                  opts=src["options"], signature=src.get("signature"),
                  detached_alg=src.get("detached_alg"))


def build_valid(c: Collector, K, sample):
    r2, r3, r4 = K["rsa2048"], K["rsa3072"], K["rsa4096"]
    p256, p384, ed = K["ec-p256"], K["ec-p384"], K["ed25519"]
    hand = f"hand-made JWS with {P_CRYPTO}"
    G = "valid"

    def tok(vid, key, alg, doc, prov, *, header=None, opts=None, keys=None):
        header = header if header is not None else {"alg": alg, "kid": key.kid}
        t = jws_token(key, alg, header, doc)
        c.add(G, vid, "token", alg, keys or [key], t, "valid", f"{hand}: {prov}; {P_CHECKED}", opts=opts)
        return t

    tok("token-handmade-ps256-rsa3072", r3, "PS256", document("token-handmade-ps256-rsa3072"),
        "PSS salt 32, MGF1-SHA256, payload compact JSON with raw UTF-8 (é not escaped)")
    tok("token-handmade-es256-rfc6979", p256, "ES256", document("token-handmade-es256-rfc6979"),
        "ECDSA P-256 with RFC 6979 deterministic nonce (deterministic_signing=True), DER converted to "
        "r||s with decode_dss_signature")
    tok("token-handmade-es384-rfc6979", p384, "ES384", document("token-handmade-es384-rfc6979"),
        "ECDSA P-384 with RFC 6979 deterministic nonce, r||s")
    tok("token-header-typ-first", r2, "RS512", document("token-header-typ-first"),
        'header {"typ":"JWT","alg":"RS512","kid":…} with typ before alg',
        header={"typ": "JWT", "alg": "RS512", "kid": r2.kid})
    tok("token-no-kid-rsa", r2, "RS256", document("token-no-kid-rsa"),
        'header {"alg":"RS256"} without kid; the one trusted key fits the algorithm',
        header={"alg": "RS256"})
    tok("token-no-kid-eddsa", ed, "EdDSA", document("token-no-kid-eddsa"),
        'header {"alg":"EdDSA"} without kid; trusted keys rsa2048 and ed25519, only ed25519 fits',
        header={"alg": "EdDSA"}, keys=[r2, ed])
    tok("token-key-set-rotation", r3, "RS384", document("token-key-set-rotation"),
        "six trusted keys (all PEM); kid selects rsa3072",
        keys=[r2, r3, r4, p256, p384, ed])
    tok("token-key-set-mixed-formats", ed, "EdDSA", document("token-key-set-mixed-formats"),
        "trusted keys rsa3072 (PEM), ec-p256 (JWK) and ed25519 (JWK); kid selects ed25519",
        keys=[r3, p256.jwk_path, ed.jwk_path])
    tok("token-perpetual", r2, "RS256", document("token-perpetual", expiration=None),
        "no expiration member: a perpetual license")
    tok("token-node-locked-match", r2, "RS256", document("token-node-locked-match", node=NODE),
        f"nodeId {NODE}, verifier node_id {NODE}", opts=options(node_id=NODE))
    tok("token-issued-at-within-leeway", r2, "RS256",
        document("token-issued-at-within-leeway", issued="2026-11-22T00:00:30"),
        "issuedAt 30 s after now, inside the 60 s leeway")
    tok("token-expiration-within-leeway", r2, "RS256",
        document("token-expiration-within-leeway", expiration="2026-11-21T23:59:30"),
        "expiration 30 s before now, inside the 60 s leeway")
    tok("token-require-present", ed, "EdDSA", document("token-require-present"),
        "options.require names three entitlements the license has (one non-ASCII)",
        opts=options(require=["Seats", "Feature.Export", "R\u00e9gion"]))
    tok("token-allow-algs-listed", ed, "EdDSA", document("token-allow-algs-listed"),
        "options.allow_algs lists EdDSA", opts=options(allow_algs=["PS384", "EdDSA"]))
    units = [{"name": f"Unit.{u}", "unit": u, "value": "1"} for u in AWS_UNITS]
    units[AWS_UNITS.index("None")]["value"] = "true"
    units.append({"name": "Unit.Furlongs", "unit": "Furlongs", "value": "8"})
    tok("token-all-entitlement-units", r2, "RS256",
        document("token-all-entitlement-units", entitlements=units),
        "one entitlement per AWS EntitlementUnit (27) plus unknown unit 'Furlongs' (kept as other)")
    tok("token-unknown-members", r2, "RS256",
        document("token-unknown-members", extra={
            "vendorData": {"plan": "gold", "limits": [1, 2.5, True, None]}, "schemaVersion": 2}),
        "unknown members vendorData and schemaVersion (kept, not an error)")
    tok("token-jwt-numeric-claims", r2, "RS256",
        document("token-jwt-numeric-claims", extra={
            "iat": epoch(ISSUED), "nbf": epoch(ISSUED), "exp": epoch(EXPIRES)}),
        "numeric JWT claims iat/nbf/exp consistent with issuedAt/expiration")
    tok("token-times-fractional", r2, "RS256",
        document("token-times-fractional", issued="2026-11-01T00:00:00.123",
                 expiration="2027-11-01T00:00:00.999"),
        "issuedAt/expiration with fractional seconds, no zone (UTC)")
    tok("token-times-zoned", r2, "RS256",
        document("token-times-zoned", issued="2026-10-31T20:00:00-04:00",
                 expiration="2027-11-01T00:00:00Z"),
        "issuedAt with -04:00 offset, expiration with Z")
    minimal = {"licenseArn": arn("token-minimal-document"), "issuedAt": ISSUED, "entitlementsAllowed": []}
    tok("token-minimal-document", r2, "RS256", minimal,
        "only the required members: licenseArn, issuedAt, entitlementsAllowed (empty)")
    tok("token-revocation-lists-unrelated", r2, "RS256", document("token-revocation-lists-unrelated"),
        "revoked_kids and revoked_licenses name other keys and licenses",
        opts=options(revoked_kids=[r4.kid, ed.kid], revoked_licenses=[arn("some-other-license")]))
    # the twin of negative/token-over-max-bytes that fits its limit
    big = document("token-large-within-limit",
                   metadata={"Customer": "Example Corp", "Padding": "x" * padding_for_2000_bytes(r2)})
    t = tok("token-large-within-limit", r2, "RS256", big,
            "checkoutMetadata padded to make the token 2000 bytes, options.max_bytes 2000",
            opts=options(max_bytes=2000))
    assert len(t) == 2000, len(t)

    # license files
    doc = document("license-file-two-trusted-signatures")
    text = license_file(doc, [file_signature(r3, "RS256", doc), file_signature(ed, "EdDSA", doc)])
    c.add(G, "license-file-two-trusted-signatures", "license_file", "RS256", [r3, ed], text, "valid",
          f"{P_CRYPTO} + {P_JCS}: signatures by rsa3072 (RS256) and ed25519 (EdDSA), both trusted, "
          f"both verify (key rotation); {P_CHECKED}")
    doc = document("license-file-untrusted-extra-signature")
    text = license_file(doc, [file_signature(K["attacker-ed25519"], "EdDSA", doc),
                              file_signature(r2, "RS256", doc)])
    c.add(G, "license-file-untrusted-extra-signature", "license_file", "RS256", [r2], text, "valid",
          f"{P_CRYPTO} + {P_JCS}: first signature by a key the verifier does not trust (ignored), "
          f"second by trusted rsa2048; {P_CHECKED}")
    doc = document("license-file-signatures-first")
    doc_rev = dict(reversed(list(doc.items())))
    text = license_file(doc_rev, [file_signature(r2, "RS384", doc_rev)], signatures_first=True)
    c.add(G, "license-file-signatures-first", "license_file", "RS384", [r2], text, "valid",
          f"{P_CRYPTO} + {P_JCS}: 'signatures' before 'license', license members in reverse order "
          f"(the signature covers the JCS form); {P_CHECKED}")
    doc = document("license-file-compact")
    text = license_file(doc, [file_signature(ed, "EdDSA", doc)], indent=None)
    c.add(G, "license-file-compact", "license_file", "EdDSA", [ed], text, "valid",
          f"{P_CRYPTO} + {P_JCS}: the whole file on one line, no trailing newline; {P_CHECKED}")
    doc = document("license-file-ascii-escapes")
    text = license_file(doc, [file_signature(r2, "RS256", doc)], ensure_ascii=True)
    c.add(G, "license-file-ascii-escapes", "license_file", "RS256", [r2], text, "valid",
          f"{P_CRYPTO} + {P_JCS}: file written with \\u00e9 escapes; JCS writes é as UTF-8; {P_CHECKED}")
    # numbers that JCS rewrites
    base = document("license-file-number-forms")
    lic_text = pretty(base).rstrip("\n")[:-2] + (
        ',\n  "vendorData": {"one": 1.0, "thousand": 1E3, "tiny": 1e-7, "negZero": -0.0, '
        '"big": 1e21, "third": 0.3333333333333333, "int": 123456789012}\n}')
    lic = strict_loads(lic_text)
    assert b'"big":1e+21' in jcs(lic) and b'"thousand":1000' in jcs(lic) and b'"negZero":0' in jcs(lic)
    text = license_file_raw(lic_text.replace("\n", "\n  "), [file_signature(r2, "RS256", lic)])
    c.add(G, "license-file-number-forms", "license_file", "RS256", [r2], text, "valid",
          f"{P_CRYPTO} + {P_JCS}: license has a member with numbers written 1.0, 1E3, 1e-7, -0.0, 1e21, "
          "…; JCS gives 1, 1000, 1e-7, 0, 1e+21; signature over rfc8785.dumps(json.loads(text)); "
          f"{P_CHECKED}")
    for vid, key, alg in [("license-file-jwk-rsa3072-ps512", r3, "PS512"),
                          ("license-file-jwk-es256", p256, "ES256"),
                          ("license-file-jwk-eddsa", ed, "EdDSA")]:
        doc = document(vid)
        text = license_file(doc, [file_signature(key, alg, doc)])
        c.add(G, vid, "license_file", alg, [key.jwk_path], text, "valid",
              f"{P_CRYPTO} + {P_JCS}; trusted key given as a public JWK; {P_CHECKED}")

    # detached
    doc = document("detached-jose-alg-name")
    c.add(G, "detached-jose-alg-name", "detached", "RS256", [r2], pretty(doc), "valid",
          f"{P_CRYPTO} RS256 over {P_JCS} dumps(document); the algorithm named by its JOSE name; "
          f"{P_CHECKED_DETACHED}", signature=detached_sig(r2, "RS256", jcs(doc)), detached_alg="RS256")
    doc = document("detached-jose-alg-name-es384")
    c.add(G, "detached-jose-alg-name-es384", "detached", "ES384", [p384], pretty(doc), "valid",
          f"{P_CRYPTO} ECDSA P-384 (RFC 6979) DER over {P_JCS} dumps(document); algorithm named "
          f"'ES384'; {P_CHECKED_DETACHED}", signature=detached_sig(p384, "ES384", jcs(doc)),
          detached_alg="ES384")
    doc = document("detached-compact-document")
    c.add(G, "detached-compact-document", "detached", "EdDSA", [ed], compact(doc).decode(), "valid",
          f"{P_CRYPTO} Ed25519 over {P_JCS} dumps(document); document as compact JSON, no newline; "
          f"{P_CHECKED_DETACHED}", signature=detached_sig(ed, "EdDSA", jcs(doc)), detached_alg="EdDSA")
    doc = document("detached-crlf-tabs")
    text = json.dumps(doc, indent="\t", ensure_ascii=False).replace("\n", "\r\n") + "\r\n"
    c.add(G, "detached-crlf-tabs", "detached", "RS256", [r2], text, "valid",
          f"{P_CRYPTO} over {P_JCS} dumps(document); document indented with tabs, CRLF line ends; "
          f"{P_CHECKED_DETACHED}", signature=detached_sig(r2, "RS256", jcs(doc)),
          detached_alg="RSASSA_PKCS1_V1_5_SHA_256")
    doc = document("detached-no-kid-key-set")
    c.add(G, "detached-no-kid-key-set", "detached", "RS512", [r2, r3, r4, p256, ed], pretty(doc), "valid",
          f"{P_CRYPTO} RS512 by rsa4096 over {P_JCS} dumps(document); five trusted keys, no kid in a "
          f"detached signature; {P_CHECKED_DETACHED}", signature=detached_sig(r4, "RS512", jcs(doc)),
          detached_alg="RSASSA_PKCS1_V1_5_SHA_512")
    doc = document("detached-eddsa-jwk")
    c.add(G, "detached-eddsa-jwk", "detached", "EdDSA", [ed.jwk_path], pretty(doc), "valid",
          f"{P_CRYPTO} Ed25519 over {P_JCS} dumps(document); key as JWK; {P_CHECKED_DETACHED}",
          signature=detached_sig(ed, "EdDSA", jcs(doc)), detached_alg="EdDSA")

    # aws checkout, as the AWS CLI prints it
    doc = document("aws-checkout-aws-cli-style", node=NODE)
    t = pyjwt_token(r3, "PS384", doc)
    c.add(G, "aws-checkout-aws-cli-style", "aws_checkout", "PS384", [r3], checkout_body(t, doc, indent=4),
          "valid", f"CheckoutLicense response pretty-printed with 4 spaces (as `aws license-manager "
          f"checkout-license` prints it) around a {P_PYJWT} PS384 token; {P_CHECKED}",
          opts=options(node_id=NODE))

    # an issuer's own kid (AWS does not document License Manager's; PyJWT ignores it)
    doc = document("token-issuer-kid-pem-key")
    t = pyjwt_token(r3, "PS384", doc, headers={"kid": "vendor-key-1"})
    c.add(G, "token-issuer-kid-pem-key", "token", "PS384", [r3], t, "valid",
          f"{P_PYJWT} PS384 by rsa3072 with header kid 'vendor-key-1', the key pinned as PEM: the kid "
          f"names no trusted key and is a hint; {P_CHECKED}")

    # the sample/ files
    so = options(node_id=NODE)
    c.add(G, "sample-license-json-detached", "detached", "PS256", ["sample/vendor-public-key.pem"],
          sample["license.json"], "valid",
          "test-vectors/sample/license.json with sample/license.json.sig: " + sample["prov.sig"]
          + f"; {P_CHECKED_DETACHED}", opts=so, signature=sample["license.json.sig"],
          detached_alg="RSASSA_PSS_SHA_256")
    c.add(G, "sample-license-file", "license_file", "PS256", ["sample/vendor-public-key.pem"],
          sample["license-file.json"], "valid",
          "test-vectors/sample/license-file.json: " + sample["prov.file"] + f"; {P_CHECKED}", opts=so)
    c.add(G, "sample-token", "token", "PS384", ["sample/vendor-public-key.pem"], sample["token.jwt"],
          "valid", "test-vectors/sample/token.jwt: " + sample["prov.token"] + f"; {P_CHECKED}", opts=so)
    c.add(G, "sample-token-jwk", "token", "PS384", ["sample/vendor-public-key.jwk.json"],
          sample["token.jwt"], "valid",
          "test-vectors/sample/token.jwt with sample/vendor-public-key.jwk.json; " + sample["prov.token"]
          + f"; {P_CHECKED}", opts=so)
    c.add(G, "sample-checkout-response", "aws_checkout", "PS384", ["sample/vendor-public-key.pem"],
          sample["checkout-response.json"], "valid",
          "test-vectors/sample/checkout-response.json: " + sample["prov.checkout"] + f"; {P_CHECKED}",
          opts=so)


def build_negative(c: Collector, K):
    r2, r3 = K["rsa2048"], K["rsa3072"]
    p256, p521, ed = K["ec-p256"], K["ec-p521"], K["ed25519"]
    ar, ae = K["attacker-rsa2048"], K["attacker-ed25519"]
    G = "negative"
    hand = f"hand-made JWS with {P_CRYPTO}"

    def add(vid, form, alg, keys, data, kind, prov, **kw):
        return c.add(G, vid, form, alg, keys, data, kind, prov, **kw)

    def good_token(tag, key=r2, alg="RS256", **docargs):
        doc = document(tag, **docargs)
        return doc, jws_token(key, alg, {"alg": alg, "kid": key.kid}, doc)

    def signed_raw(key, alg, header, payload_bytes):
        """Token over exact payload bytes; returns it after checking the signature verifies."""
        t = jws_token(key, alg, header, payload_bytes)
        h, p, s = t.split(".")
        assert verify_crypto(key.pub, alg, f"{h}.{p}".encode(), b64u_dec(s))
        return t

    # --- header: algorithms --------------------------------------------------
    for name, vid in (("none", "token-alg-none"), ("None", "token-alg-none-capitalised"),
                      ("NONE", "token-alg-none-uppercase")):
        doc = document(vid)
        t = f"{b64u(compact({'alg': name, 'kid': r2.kid}))}.{b64u(compact(doc))}.{JUNK_SIG}"
        add(vid, "token", None, [r2], t, "unsupported_algorithm",
            f'hand-made: header {{"alg":"{name}","kid":<rsa2048>}}, valid payload, non-empty junk '
            "signature segment b64url('signature') (an empty segment would be malformed first)")
    doc = document("license-file-alg-none")
    text = license_file(doc, [{"protected": b64u(compact({"alg": "none", "kid": r2.kid})),
                               "signature": JUNK_SIG}])
    add("license-file-alg-none", "license_file", None, [r2], text, "unsupported_algorithm",
        'hand-made: license file whose protected header is {"alg":"none","kid":<rsa2048>}, junk signature')
    doc = document("token-hs256-public-key-as-secret")
    si = f"{b64u(compact({'alg': 'HS256', 'kid': r2.kid}))}.{b64u(compact(doc))}"
    mac = hmac.new(r2.pem, si.encode(), hashlib.sha256).digest()
    add("token-hs256-public-key-as-secret", "token", "HS256", [r2], f"{si}.{b64u(mac)}",
        "unsupported_algorithm",
        "hand-made (Python hmac; PyJWT refuses a PEM as HMAC secret): HS256 over the signing input "
        "with the exact bytes of licenses/keys/rsa2048.pub.pem as secret, kid of rsa2048 (key confusion)")
    doc, t = good_token("token-rs256-not-allowed")
    add("token-rs256-not-allowed", "token", "RS256", [r2], t, "algorithm_not_allowed",
        f"{hand}: correctly signed RS256 token, options.allow_algs ['PS384']",
        opts=options(allow_algs=["PS384"]))
    doc = document("token-alg-unknown-rs1")
    t = f"{b64u(compact({'alg': 'RS1', 'kid': r2.kid}))}.{b64u(compact(doc))}." + \
        b64u(r2.priv.sign(b"x", padding.PKCS1v15(), hashes.SHA1()))
    add("token-alg-unknown-rs1", "token", "RS1", [r2], t, "unsupported_algorithm",
        f"hand-made: header alg 'RS1' (RSASSA-PKCS1-v1_5 SHA-1, registered but not supported); "
        f"signature is {P_CRYPTO} PKCS#1 v1.5 SHA-1 of a constant")
    doc = document("token-es512-p521")
    t = jws_token(p521, "ES512", {"alg": "ES512", "kid": p521.kid}, doc)
    add("token-es512-p521", "token", "ES512", [p256], t, "unsupported_algorithm",
        f"{hand}: ES512 with P-521 (RFC 6979 nonce, r||s 132 bytes), kid of ec-p521 (untrusted: ring has "
        "no P-521; the alg check comes before key selection)")
    doc = document("token-ps256-salt-zero")
    t = jws_token(r2, "PS256", {"alg": "PS256", "kid": r2.kid}, doc, pss_salt=0)
    h, p, s = t.split(".")
    assert verify_crypto(r2.pub, "PS256", f"{h}.{p}".encode(), b64u_dec(s), pss_salt=0)
    assert not verify_crypto(r2.pub, "PS256", f"{h}.{p}".encode(), b64u_dec(s))
    add("token-ps256-salt-zero", "token", "PS256", [r2], t, "bad_signature",
        f"{hand}: RSASSA-PSS with salt length 0 (valid under salt 0, not under salt = 32)")

    # --- header: key type vs alg ----------------------------------------------
    doc = document("token-es256-with-rsa-kid")
    t = jws_token(p256, "ES256", {"alg": "ES256", "kid": r2.kid}, doc)
    add("token-es256-with-rsa-kid", "token", "ES256", [r2], t, "key_mismatch",
        f"{hand}: header ES256 with kid of rsa2048 (trusted); signed by ec-p256 (r||s)")
    doc = document("token-es384-with-p256-key")
    si = f"{b64u(compact({'alg': 'ES384', 'kid': p256.kid}))}.{b64u(compact(doc))}"
    der = p256.priv.sign(si.encode(), ec.ECDSA(hashes.SHA384(), deterministic_signing=True))
    add("token-es384-with-p256-key", "token", "ES384", [p256], f"{si}.{b64u(der_to_raw(der, 48))}",
        "key_mismatch",
        f"hand-made: header ES384, kid of the trusted P-256 key; {P_CRYPTO} ECDSA P-256/SHA-384 "
        "(RFC 6979), r||s padded to 48 bytes each")
    doc = document("token-eddsa-with-rsa-kid")
    t = jws_token(ed, "EdDSA", {"alg": "EdDSA", "kid": r2.kid}, doc)
    add("token-eddsa-with-rsa-kid", "token", "EdDSA", [r2], t, "key_mismatch",
        f"{hand}: header EdDSA with kid of rsa2048; signed by ed25519")
    doc = document("token-rs256-with-ed25519-kid")
    t = jws_token(r2, "RS256", {"alg": "RS256", "kid": ed.kid}, doc)
    add("token-rs256-with-ed25519-kid", "token", "RS256", [ed], t, "key_mismatch",
        f"{hand}: header RS256 with kid of ed25519 (trusted); signed by rsa2048")

    # --- header: crit, b64 ---------------------------------------------------
    doc = document("token-crit-exp")
    t = jws_token(r2, "RS256", {"alg": "RS256", "kid": r2.kid, "crit": ["exp"], "exp": 1800000000}, doc)
    add("token-crit-exp", "token", "RS256", [r2], t, "malformed",
        f'{hand}: header {{"alg","kid","crit":["exp"],"exp":1800000000}}, correctly signed')
    doc = document("token-b64-false")
    t = jws_token(r2, "RS256", {"alg": "RS256", "kid": r2.kid, "b64": False, "crit": ["b64"]}, doc)
    add("token-b64-false", "token", "RS256", [r2], t, "malformed",
        f'{hand}: header with "b64":false, "crit":["b64"]; payload segment still base64url and the '
        "signature over the ordinary signing input, so only the header check can reject it")
    doc = document("token-b64-false-rfc7797", entitlements=[{"name": "Seats", "unit": "Count", "value": "25"}])
    raw = compact(doc)
    assert b"." not in raw
    hdr = b64u(compact({"alg": "RS256", "kid": r2.kid, "b64": False, "crit": ["b64"]}))
    sig = r2.priv.sign(hdr.encode() + b"." + raw, padding.PKCS1v15(), hashes.SHA256())
    add("token-b64-false-rfc7797", "token", "RS256", [r2], f"{hdr}.{raw.decode()}.{b64u(sig)}", "malformed",
        f"hand-made RFC 7797 token: unencoded JSON payload in the second segment, {P_CRYPTO} RS256 "
        "over ASCII(header) '.' payload")
    doc = document("license-file-b64-false")
    text = license_file(doc, [file_signature(r2, "RS256", doc, {"alg": "RS256", "kid": r2.kid,
                                                                 "b64": False, "crit": ["b64"]})])
    add("license-file-b64-false", "license_file", "RS256", [r2], text, "malformed",
        f"{P_CRYPTO} + {P_JCS}: protected header with b64:false and crit [b64], signature over the "
        "ordinary signing input")

    # --- header: embedded / remote keys ---------------------------------------
    doc = document("token-embedded-jwk-no-kid")
    jwk_pub = {k: v for k, v in ar.jwk().items() if k != "kid"}
    t = jws_token(ar, "RS256", {"alg": "RS256", "jwk": jwk_pub}, doc)
    add("token-embedded-jwk-no-kid", "token", "RS256", [r2], t, "bad_signature",
        f"{hand}: signed by attacker-rsa2048, header carries the attacker's public key as 'jwk', no kid; "
        "the trusted rsa2048 is the only candidate and does not verify")
    doc = document("token-jku-attacker-kid")
    t = jws_token(ar, "RS256", {"alg": "RS256", "kid": ar.kid, "jku": "https://attacker.example/jwks"}, doc)
    add("token-jku-attacker-kid", "token", "RS256", [r2], t, "unknown_key",
        f"{hand}: signed by attacker-rsa2048, header jku https://attacker.example/jwks and the "
        "attacker's kid (not trusted)")
    doc = document("token-x5u-trusted-kid")
    t = jws_token(ar, "RS256", {"alg": "RS256", "kid": r2.kid, "x5u": "https://attacker.example/cert.pem"}, doc)
    add("token-x5u-trusted-kid", "token", "RS256", [r2], t, "bad_signature",
        f"{hand}: signed by attacker-rsa2048, header x5u https://attacker.example/cert.pem and the kid "
        "of the trusted rsa2048")
    doc = document("token-unknown-kid")
    t = jws_token(r2, "RS256", {"alg": "RS256", "kid": sha256_hex("no such key")}, doc)
    add("token-unknown-kid", "token", "RS256", [r2], t, "unknown_key",
        f"{hand}: signed by rsa2048 but kid = SHA-256('no such key'); strict_kid",
        opts=options(strict_kid=True))
    doc = document("token-issuer-kid-other-key")
    t = pyjwt_token(ar, "PS384", doc, headers={"kid": "vendor-key-1"})
    add("token-issuer-kid-other-key", "token", "PS384", [r2], t, "unknown_key",
        f"{P_PYJWT} PS384 by attacker-rsa2048 with header kid 'vendor-key-1'; trusted rsa2048, which "
        "the hint tries and which does not verify it")
    doc = document("token-attacker-ed25519-trusted-kid")
    t = jws_token(ae, "EdDSA", {"alg": "EdDSA", "kid": ed.kid}, doc)
    add("token-attacker-ed25519-trusted-kid", "token", "EdDSA", [ed], t, "bad_signature",
        f"{hand}: signed by attacker-ed25519 with the kid of the trusted ed25519")
    doc = document("token-rs256-header-pss-signature")
    si = f"{b64u(compact({'alg': 'RS256', 'kid': r2.kid}))}.{b64u(compact(doc))}"
    sig = r2.priv.sign(si.encode(), padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=0), hashes.SHA256())
    add("token-rs256-header-pss-signature", "token", "RS256", [r2], f"{si}.{b64u(sig)}", "bad_signature",
        f"hand-made: header RS256, signature is {P_CRYPTO} RSASSA-PSS-SHA256 (salt 0) by the same key")

    # --- strict JSON in header and payload --------------------------------------
    doc = document("token-duplicate-alg")
    hdr = ('{"alg":"none","kid":"%s","alg":"RS256"}' % r2.kid).encode()
    t = signed_raw(r2, "RS256", hdr, compact(doc))
    assert json.loads(hdr)["alg"] == "RS256"
    add("token-duplicate-alg", "token", "RS256", [r2], t, "malformed",
        f'{hand}: header text {{"alg":"none","kid":…,"alg":"RS256"}} (a last-wins parser sees RS256 and '
        "the signature verifies)")
    doc = document("token-duplicate-payload-member")
    body = compact(doc).decode()
    payload = body[:-1] + ',"licenseArn":"%s"}' % arn("the-other-license")
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload.encode())
    add("token-duplicate-payload-member", "token", "RS256", [r2], t, "malformed",
        f"{hand}: payload has licenseArn twice (different values), correctly signed")
    payload = body.replace('"Tier":"Enterprise"', '"Tier":"Enterprise","Tier":"Trial"')
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload.encode())
    add("token-duplicate-nested-member", "token", "RS256", [r2], t, "malformed",
        f"{hand}: checkoutMetadata has Tier twice, correctly signed")
    doc = document("token-escaped-duplicate-member")
    body = compact(doc).decode()
    payload = body[:-1] + ',"licenseAr\\u006e":"%s"}' % arn("the-other-license")
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload.encode())
    add("token-escaped-duplicate-member", "token", "RS256", [r2], t, "malformed",
        f'{hand}: payload has "licenseArn" and "licenseAr\\u006e" (equal after unescaping), correctly signed')
    doc = document("token-payload-bom")
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, b"\xef\xbb\xbf" + compact(doc))
    add("token-payload-bom", "token", "RS256", [r2], t, "malformed",
        f"{hand}: payload JSON preceded by a UTF-8 BOM, correctly signed")
    doc = document("token-payload-invalid-utf8")
    payload = compact(doc).replace(b'"Example Corp"', b'"Example \xff Corp"')
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload)
    add("token-payload-invalid-utf8", "token", "RS256", [r2], t, "malformed",
        f"{hand}: byte 0xFF inside a string of the payload, correctly signed")
    payload = compact(document("token-payload-lone-surrogate")).replace(b'"Example Corp"', b'"Example \\ud800 Corp"')
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload)
    add("token-payload-lone-surrogate", "token", "RS256", [r2], t, "malformed",
        f"{hand}: escaped lone surrogate \\ud800 in a payload string, correctly signed")
    payload = compact(document("token-payload-trailing-bytes")) + b"{}"
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload)
    add("token-payload-trailing-bytes", "token", "RS256", [r2], t, "malformed",
        f"{hand}: payload is the document followed by '{{}}', correctly signed")
    payload = compact(document("token-payload-number-not-finite"))[:-1] + b',"vendorScore":1e400}'
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload)
    add("token-payload-number-not-finite", "token", "RS256", [r2], t, "malformed",
        f"{hand}: payload member 1e400 (not a finite double), correctly signed")
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, compact([document("token-payload-array")]))
    add("token-payload-not-object", "token", "RS256", [r2], t, "malformed",
        f"{hand}: payload is a JSON array holding the document, correctly signed")
    doc = document("token-nesting-bomb")
    payload = compact(doc)[:-1] + b',"padding":' + b"[" * 10000 + b"]" * 10000 + b"}"
    t = signed_raw(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, payload)
    add("token-nesting-bomb", "token", "RS256", [r2], t, "limit_exceeded",
        f"{hand}: payload member 'padding' holds 10,000 nested arrays, correctly signed")

    # --- license document members ------------------------------------------------
    def doc_case(vid, doc, kind, why, opts=None, key=r2, form="token"):
        opts = opts or options()
        only(doc, opts, key.kid, kind if kind != "malformed" else "malformed")
        if form == "token":
            t = jws_token(key, "RS256", {"alg": "RS256", "kid": key.kid}, doc)
            add(vid, "token", "RS256", [key], t, kind, f"{hand}: correctly signed; {why}", opts=opts)
        else:
            text = license_file(doc, [file_signature(key, "RS256", doc)])
            add(vid, "license_file", "RS256", [key], text, kind,
                f"{P_CRYPTO} + {P_JCS}: correctly signed license file; {why}", opts=opts)

    d = document("token-case-variant-nodeid")
    d["NodeId"] = NODE
    doc_case("token-case-variant-nodeid", d, "malformed",
             f'payload has "NodeId":"{NODE}" instead of nodeId; verifier node_id null (a case-blind '
             "or case-ignoring reader would unlock it)")
    d = document("license-file-case-variant-nodeid")
    d["NodeId"] = NODE
    doc_case("license-file-case-variant-nodeid", d, "malformed", f'license has "NodeId":"{NODE}"',
             form="license_file")
    d = document("token-case-variant-expiration", expiration=None)
    d["Expiration"] = "2026-01-01T00:00:00"
    doc_case("token-case-variant-expiration", d, "malformed",
             'payload has "Expiration":"2026-01-01T00:00:00" (past) and no expiration')
    doc_case("token-missing-license-arn", document("token-missing-license-arn", drop=("licenseArn",)),
             "malformed", "no licenseArn")
    doc_case("token-missing-issued-at", document("token-missing-issued-at", drop=("issuedAt",)),
             "malformed", "no issuedAt")
    doc_case("token-missing-entitlements", document("token-missing-entitlements", drop=("entitlementsAllowed",)),
             "malformed", "no entitlementsAllowed")
    doc_case("token-bad-time-format", document("token-bad-time-format", expiration="2027-13-01T00:00:00"),
             "malformed", "expiration 2027-13-01T00:00:00 (month 13)")
    doc_case("token-jwt-exp-wrong-type", document("token-jwt-exp-wrong-type", extra={"exp": str(epoch(EXPIRES))}),
             "malformed", "JWT claim exp is a string, not a number")

    # --- claims -------------------------------------------------------------
    doc_case("token-expired", document("token-expired", expiration="2026-11-21T23:58:00"), "expired",
             "expiration 2026-11-21T23:58:00, 120 s before now (leeway 60 s)")
    doc_case("token-expired-long-ago", document("token-expired-long-ago", issued="2025-01-01T00:00:00",
                                                expiration="2026-01-01T00:00:00"),
             "expired", "expired 2026-01-01")
    doc_case("license-file-expired", document("license-file-expired", expiration="2026-11-21T23:58:00"),
             "expired", "expiration 120 s before now", form="license_file")
    doc_case("token-jwt-exp-past", document("token-jwt-exp-past", extra={"exp": epoch("2026-11-21T00:00:00Z")}),
             "expired", "JWT claim exp = 2026-11-21T00:00:00Z (numeric) while expiration is 2027")
    doc_case("token-not-yet-valid", document("token-not-yet-valid", issued="2026-11-22T00:02:00"),
             "not_yet_valid", "issuedAt 2026-11-22T00:02:00, 120 s after now (leeway 60 s)")
    doc_case("token-jwt-nbf-future", document("token-jwt-nbf-future", extra={"nbf": epoch("2026-12-01T00:00:00Z")}),
             "not_yet_valid", "JWT claim nbf = 2026-12-01T00:00:00Z (numeric)")
    doc_case("token-node-mismatch", document("token-node-mismatch", node=NODE), "node_mismatch",
             f"nodeId {NODE}, verifier node_id 10.0.0.1", opts=options(node_id="10.0.0.1"))
    doc_case("token-node-unbound", document("token-node-unbound", node=NODE), "node_unbound",
             f"nodeId {NODE}, verifier not told its node id (node_id null)")
    doc_case("license-file-node-mismatch", document("license-file-node-mismatch", node=NODE), "node_mismatch",
             f"nodeId {NODE}, verifier node_id 10.0.0.1", opts=options(node_id="10.0.0.1"), form="license_file")
    doc_case("token-missing-entitlement", document("token-missing-entitlement"), "missing_entitlement",
             "options.require ['Seats', 'Feature.Missing']",
             opts=options(require=["Seats", "Feature.Missing"]))
    doc_case("token-key-revoked", document("token-key-revoked"), "key_revoked",
             "options.revoked_kids holds the signing key's kid", opts=options(revoked_kids=[r2.kid]))
    d = document("token-license-revoked")
    doc_case("token-license-revoked", d, "license_revoked", "options.revoked_licenses holds its licenseArn",
             opts=options(revoked_licenses=[d["licenseArn"]]))

    # --- compact serialisation ------------------------------------------------------
    doc, good = good_token("token-shape")
    h, p, s = good.split(".")
    shape = [
        ("token-four-segments", good + "." + s, "a valid token followed by '.' and its signature again"),
        ("token-two-segments", f"{h}.{p}", "header and payload only"),
        ("token-empty-signature", f"{h}.{p}.", "empty signature segment"),
        ("token-leading-space", " " + good, "a space before a valid token"),
        ("token-leading-newline", "\n" + good, "a newline before a valid token"),
        ("token-trailing-newline", good + "\n", "a valid token followed by a newline"),
        ("token-trailing-crlf", good + "\r\n", "a valid token followed by CRLF"),
        ("token-trailing-space", good + " ", "a valid token followed by a space"),
        ("token-space-after-dot", f"{h}. {p}.{s}", "a space after the first dot"),
        ("token-newline-in-signature", f"{h}.{p}.{s[:100]}\n{s[100:]}", "a newline inside the signature segment"),
        ("token-padded-signature", f"{good}==", "signature segment with '==' padding (256 bytes)"),
        ("token-standard-base64-alphabet", f"{h}.{p}.{s.replace('-', '+').replace('_', '/')}"
         if ("-" in s or "_" in s) else None, "signature segment in the standard alphabet (+ /)"),
    ]
    for vid, text, why in shape:
        assert text is not None, vid
        add(vid, "token", "RS256", [r2], text, "malformed",
            f"{hand}: a correctly signed RS256 token (rsa2048), then: {why}", byte_exact="\r" in text)
    # stray low bits in the signature's last character
    assert len(b64u_dec(s)) % 3 == 1  # last char carries 2 bits, 4 must be zero
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(s[-1])
    bad = s[:-1] + alphabet[last | 0x01]
    assert base64.urlsafe_b64decode(bad + "==") == b64u_dec(s)
    add("token-non-canonical-signature", "token", "RS256", [r2], f"{h}.{p}.{bad}", "malformed",
        f"{hand}: correctly signed RS256 token whose signature segment's last character has a stray low "
        "bit (a lenient decoder gives the same, valid, signature bytes)")
    # padded payload: sign the exact received bytes, padding included
    doc = document("token-padded-payload")
    payload = compact(doc)
    while len(payload) % 3 == 0:
        payload += b" "
    hdr = b64u(compact({"alg": "RS256", "kid": r2.kid}))
    p_pad = base64.urlsafe_b64encode(payload).decode()
    assert p_pad.endswith("=")
    si = f"{hdr}.{p_pad}"
    add("token-padded-payload", "token", "RS256", [r2], f"{si}.{b64u(sign(r2, 'RS256', si.encode()))}",
        "malformed", f"hand-made: payload segment with '=' padding; {P_CRYPTO} RS256 over the exact "
        "received signing input (padding included)")

    # --- size ------------------------------------------------------------------
    doc = document("token-over-max-bytes",
                   metadata={"Customer": "Example Corp", "Padding": "x" * padding_for_2000_bytes(r2)})
    t = jws_token(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, doc)
    assert len(t) == 2000, len(t)
    add("token-over-max-bytes", "token", "RS256", [r2], t, "limit_exceeded",
        f"{hand}: correctly signed, {len(t)} bytes, options.max_bytes 1000", opts=options(max_bytes=1000))
    doc = document("license-file-over-max-bytes", metadata={"Customer": "Example Corp", "Padding": "x" * 582})
    text = license_file(doc, [file_signature(r2, "RS256", doc)])
    assert 1990 < len(text.encode()) < 2010, len(text.encode())
    add("license-file-over-max-bytes", "license_file", "RS256", [r2], text, "limit_exceeded",
        f"{P_CRYPTO} + {P_JCS}: correctly signed, {len(text.encode())} bytes, options.max_bytes 1000",
        opts=options(max_bytes=1000))

    # --- license files ---------------------------------------------------------------
    doc = document("license-file-second-signature-corrupted")
    text = license_file(doc, [file_signature(r2, "RS256", doc),
                              file_signature(ed, "EdDSA", doc, corrupt_sig=True)])
    add("license-file-second-signature-corrupted", "license_file", "RS256", [r2, ed], text, "bad_signature",
        f"{P_CRYPTO} + {P_JCS}: two signatures by trusted keys; the first (rsa2048 RS256) verifies, the "
        "second (ed25519) has one bit flipped in the middle")
    doc = document("license-file-untrusted-only")
    text = license_file(doc, [file_signature(ae, "EdDSA", doc)])
    add("license-file-untrusted-only", "license_file", "EdDSA", [ed], text, "unknown_key",
        f"{P_CRYPTO} + {P_JCS}: the only signature is by attacker-ed25519 (its own kid), not trusted")
    doc = document("license-file-duplicate-member")
    lic_text = pretty(doc).rstrip("\n")
    lic_text = lic_text.replace('  "licenseArn": ', '  "licenseArn": "%s",\n  "licenseArn": ' % arn("other"), 1)
    lic = json.loads(lic_text)  # last wins: sign what a lenient reader sees
    assert lic == doc
    text = license_file_raw(lic_text.replace("\n", "\n  "), [file_signature(r2, "RS256", lic)])
    add("license-file-duplicate-member", "license_file", "RS256", [r2], text, "malformed",
        f"{P_CRYPTO} + {P_JCS}: license object has licenseArn twice; signature over JCS of the last-wins "
        "reading, so a lenient verifier accepts")
    doc = document("license-file-escaped-duplicate-member")
    lic_text = pretty(doc).rstrip("\n")
    lic_text = lic_text.replace('  "licenseArn": ', '  "licenseArn": "%s",\n  "licenseAr\\u006e": ' % arn("other"), 1)
    lic = json.loads(lic_text)
    assert lic == doc
    text = license_file_raw(lic_text.replace("\n", "\n  "), [file_signature(r2, "RS256", lic)])
    add("license-file-escaped-duplicate-member", "license_file", "RS256", [r2], text, "malformed",
        f'{P_CRYPTO} + {P_JCS}: license object has "licenseArn" and "licenseAr\\u006e"; signature over '
        "JCS of the last-wins reading")
    doc = document("license-file-extra-top-level-member")
    obj = {"license": doc, "signatures": [file_signature(r2, "RS256", doc)], "comment": "issued by hand"}
    add("license-file-extra-top-level-member", "license_file", "RS256", [r2], pretty(obj), "malformed",
        f"{P_CRYPTO} + {P_JCS}: correctly signed file with a third top-level member 'comment'")
    doc = document("license-file-missing-kid")
    text = license_file(doc, [file_signature(r2, "RS256", doc, {"alg": "RS256"})])
    add("license-file-missing-kid", "license_file", "RS256", [r2], text, "malformed",
        f"{P_CRYPTO} + {P_JCS}: correctly signed, protected header {{\"alg\":\"RS256\"}} without kid "
        "(DESIGN §2: each protected header carries alg and kid)")
    doc = document("license-file-bom")
    text = license_file(doc, [file_signature(ed, "EdDSA", doc)])
    add("license-file-bom", "license_file", "EdDSA", [ed], b"\xef\xbb\xbf" + text.encode(), "malformed",
        f"{P_CRYPTO} + {P_JCS}: correctly signed license file preceded by a UTF-8 BOM")

    # --- tampering, in each form ---------------------------------------------------
    doc = document("token-tampered-payload")
    t = jws_token(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, doc)
    h, p, s = t.split(".")
    bad_doc = dict(doc, entitlementsAllowed=[dict(e) for e in doc["entitlementsAllowed"]])
    bad_doc["entitlementsAllowed"][0]["value"] = "26"
    assert compact(bad_doc) != compact(doc) and len(compact(bad_doc)) == len(compact(doc))
    add("token-tampered-payload", "token", "RS256", [r2], f"{h}.{b64u(compact(bad_doc))}.{s}", "bad_signature",
        f"{hand}: RS256 token; after signing, Seats '25' became '26' in the payload (one character)")
    doc = document("license-file-tampered")
    text = license_file(doc, [file_signature(ed, "EdDSA", doc)])
    assert text.count('"value": "25"') == 1
    add("license-file-tampered", "license_file", "EdDSA", [ed], text.replace('"value": "25"', '"value": "26"'),
        "bad_signature", f"{P_CRYPTO} + {P_JCS}: EdDSA license file; after signing, Seats '25' became '26'")
    doc = document("detached-tampered")
    text = pretty(doc)
    sig = detached_sig(r2, "RS256", jcs(doc))
    assert text.count('"value": "25"') == 1
    add("detached-tampered", "detached", "RS256", [r2], text.replace('"value": "25"', '"value": "26"'),
        "bad_signature", f"{P_CRYPTO} RS256 over {P_JCS} dumps(document); after signing, Seats '25' became '26'",
        signature=sig, detached_alg="RSASSA_PKCS1_V1_5_SHA_256")
    doc = document("aws-checkout-tampered-token", node=NODE)
    t = pyjwt_token(r3, "PS384", doc)
    h, p, s = t.split(".")
    bad_doc = json.loads(b64u_dec(p))
    bad_doc["entitlementsAllowed"][0]["value"] = "26"
    bad_t = f"{h}.{b64u(json.dumps(bad_doc, separators=(',', ':')).encode())}.{s}"
    add("aws-checkout-tampered-token", "aws_checkout", "PS384", [r3], checkout_body(bad_t, bad_doc),
        "bad_signature", f"{P_PYJWT} PS384 token; after signing, Seats '25' became '26' in the token's "
        "payload; the unsigned fields match the tampered payload", opts=options(node_id=NODE))

    # --- aws checkout: unsigned fields ------------------------------------------------
    for vid, field, value in [("aws-checkout-unsigned-nodeid-differs", "NodeId", "10.0.0.1"),
                              ("aws-checkout-unsigned-licensearn-differs", "LicenseArn", arn("another-license"))]:
        doc = document(vid, node=NODE)
        t = pyjwt_token(r3, "PS384", doc)
        add(vid, "aws_checkout", "PS384", [r3], checkout_body(t, doc, overrides={field: value}), "malformed",
            f"{P_PYJWT} PS384 token, valid for this verifier (node_id {NODE}); the unsigned {field} "
            f"beside it says {value!r}", opts=options(node_id=NODE))

    # --- detached -------------------------------------------------------------------
    doc = document("detached-signed-non-canonical-bytes")
    text = pretty(doc)
    add("detached-signed-non-canonical-bytes", "detached", "RS256", [r2], text, "bad_signature",
        f"{P_CRYPTO} RS256 over the pretty-printed file bytes instead of their JCS form",
        signature=detached_sig(r2, "RS256", text.encode()), detached_alg="RSASSA_PKCS1_V1_5_SHA_256")
    doc = document("detached-ecdsa-raw-not-der")
    add("detached-ecdsa-raw-not-der", "detached", "ES256", [p256], pretty(doc), "bad_signature",
        f"{P_CRYPTO} ECDSA P-256 (RFC 6979) over {P_JCS} dumps(document), given as fixed r||s (64 bytes) "
        "instead of DER", signature=detached_sig(p256, "ES256", jcs(doc), ecdsa="raw"),
        detached_alg="ECDSA_SHA_256")
    doc = document("detached-wrong-alg-name")
    add("detached-wrong-alg-name", "detached", "RS384", [r2], pretty(doc), "bad_signature",
        f"{P_CRYPTO} RSASSA_PKCS1_V1_5_SHA_256 over {P_JCS} dumps(document), but the caller names "
        "RSASSA_PKCS1_V1_5_SHA_384", signature=detached_sig(r2, "RS256", jcs(doc)),
        detached_alg="RSASSA_PKCS1_V1_5_SHA_384")
    doc = document("detached-untrusted-key")
    add("detached-untrusted-key", "detached", "RS256", [r2], pretty(doc), "bad_signature",
        f"{P_CRYPTO} RS256 by attacker-rsa2048 over {P_JCS} dumps(document); only rsa2048 trusted "
        "(no kid in a detached signature)", signature=detached_sig(ar, "RS256", jcs(doc)),
        detached_alg="RSASSA_PKCS1_V1_5_SHA_256")
    doc = document("detached-duplicate-member")
    text = pretty(doc).replace('  "licenseArn": ', '  "licenseArn": "%s",\n  "licenseArn": ' % arn("other"), 1)
    assert json.loads(text) == doc
    add("detached-duplicate-member", "detached", "EdDSA", [ed], text, "malformed",
        f"{P_CRYPTO} Ed25519 over {P_JCS} dumps of the last-wins reading; the document has licenseArn twice",
        signature=detached_sig(ed, "EdDSA", jcs(doc)), detached_alg="EdDSA")
    doc = document("detached-bom")
    add("detached-bom", "detached", "EdDSA", [ed], b"\xef\xbb\xbf" + pretty(doc).encode(), "malformed",
        f"{P_CRYPTO} Ed25519 over {P_JCS} dumps(document); the document file starts with a UTF-8 BOM",
        signature=detached_sig(ed, "EdDSA", jcs(doc)), detached_alg="EdDSA")
    doc = document("detached-case-variant-expiration", expiration=None)
    doc["Expiration"] = "2026-01-01T00:00:00"
    add("detached-case-variant-expiration", "detached", "EdDSA", [ed], pretty(doc), "malformed",
        f'{P_CRYPTO} Ed25519 over {P_JCS} dumps(document); document has "Expiration" (past), no expiration',
        signature=detached_sig(ed, "EdDSA", jcs(doc)), detached_alg="EdDSA")

    # --- ECDSA encodings in JWS ------------------------------------------------------------
    doc = document("token-es256-der-signature")
    si = f"{b64u(compact({'alg': 'ES256', 'kid': p256.kid}))}.{b64u(compact(doc))}"
    der = sign(p256, "ES256", si.encode(), ecdsa="der")
    assert verify_crypto(p256.pub, "ES256", si.encode(), der, ecdsa="der")
    add("token-es256-der-signature", "token", "ES256", [p256], f"{si}.{b64u(der)}", "bad_signature",
        f"hand-made: ES256 token whose signature segment is {P_CRYPTO}'s DER signature (RFC 6979 nonce, "
        f"{len(der)} bytes) instead of r||s")


def build_sample(K):
    """The sample/ files (text) and provenance notes."""
    key = K["rsa3072"]
    doc = json.loads(SAMPLE_LICENSE)
    out = {"license.json": SAMPLE_LICENSE}
    out["license.json.sig"] = detached_sig(key, "PS256", jcs(doc))
    out["prov.sig"] = (f"{P_CRYPTO} RSASSA_PSS_SHA_256 (salt 32) by rsa3072 over {P_JCS} "
                       "dumps(document), base64 text with newline")
    out["license-file.json"] = license_file(doc, [file_signature(key, "PS256", doc)])
    out["prov.file"] = f"{P_CRYPTO} PS256 by rsa3072 over ASCII(protected '.' b64url({P_JCS} dumps(license)))"
    token = pyjwt_token(key, "PS384", doc)
    out["token.jwt"] = token
    out["prov.token"] = f"{P_PYJWT}: jwt.encode(document, rsa3072, algorithm='PS384', headers={{'kid': kid}})"
    out["checkout-response.json"] = checkout_body(token, doc, indent=4)
    out["prov.checkout"] = ("CheckoutLicense response as the AWS CLI prints it (4 spaces) around "
                            "sample/token.jwt")
    return out


# ---------------------------------------------------------------------------
# generation, --check


def write(path: Path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def generate(out: Path, K) -> dict:
    """Write everything under `out` (a test-vectors/ directory); returns the groups."""
    keydir = out / "licenses" / "keys"
    for key in K.values():
        write(keydir / f"{key.name}.pub.pem", key.pem)
        write(keydir / f"{key.name}.jwk.json", pretty(key.jwk()))
        ok = openssl_kid(key.pem)
        assert ok in (None, key.kid), f"{key.name}: openssl kid {ok} != {key.kid}"
        if key.name in TRUSTED_KEYS:
            for fname, data in key_files(key).items():
                write(keydir / fname, data)
            assert {f for _, f in key_formats(key)} == set(key_files(key)) | {
                f"{key.name}.pub.pem", f"{key.name}.jwk.json"}
    sample = build_sample(K)
    sdir = out / "sample"
    write(sdir / "vendor-public-key.pem", K["rsa3072"].pem)
    write(sdir / "vendor-public-key.jwk.json", pretty(K["rsa3072"].jwk()))
    for name in ("license.json", "license.json.sig", "license-file.json", "token.jwt", "checkout-response.json"):
        write(sdir / name, sample[name])

    c = Collector()
    build_algorithms(c, K)
    build_valid(c, K, sample)
    build_negative(c, K)
    build_key_formats(c, K)
    for g, vectors in c.groups.items():
        doc = {"group": g, "description": GROUP_DESCRIPTIONS[g], "generator": GENERATOR,
               "tools": {"python": sys.version.split()[0], "cryptography": V_CRYPTO, "PyJWT": V_PYJWT,
                         "rfc8785": V_JCS, "pycryptodome": V_PYCRYPTODOME},
               "vectors": vectors}
        write(out / "licenses" / f"{g}.json", pretty(doc))
    n = self_check(out, c.groups)
    return {"groups": c.groups, "self_checked": n}


def summary(groups) -> str:
    from collections import Counter
    lines = []
    total = 0
    for g, vs in groups.items():
        total += len(vs)
        rnd = sum(1 for v in vs if any(r in json.dumps(v, ensure_ascii=False) for r in RANDOM_SIGS))
        lines.append(f"{g}: {len(vs)} vectors ({len(vs) - rnd} deterministic, {rnd} with randomised signatures)")
        for label, fn in [("form", lambda v: v["form"]), ("algorithm", lambda v: str(v["algorithm"])),
                          ("expected", lambda v: v["expected"] if v["expected"] == "valid" else v["expected"]["error"])]:
            cnt = Counter(fn(v) for v in vs)
            lines.append(f"  by {label}: " + ", ".join(f"{k} {n}" for k, n in sorted(cnt.items())))
    lines.append(f"total: {total} vectors")
    return "\n".join(lines)


def masked_match(fresh: str, committed: str) -> bool:
    """fresh == committed, except that each randomised signature may differ."""
    if fresh == committed:
        return True
    sigs = sorted((s for s in RANDOM_SIGS if s in fresh), key=len, reverse=True)
    if not sigs:
        return False
    pieces = re.split("|".join(re.escape(s) for s in sigs), fresh)
    pattern = "[A-Za-z0-9+/=_-]+".join(re.escape(p) for p in pieces)
    return re.fullmatch(pattern, committed, flags=re.DOTALL) is not None


def check(K) -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        generate(tmp, K)
        fresh = {p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file()}
        committed = {p.relative_to(TV) for d in ("licenses", "sample") for p in (TV / d).rglob("*")
                     if p.is_file() and "private" not in p.parts}
        # licenses/x5c.json is make_chains.py's, licenses/mldsa.json and keys/mldsa*
        # make_mldsa.py's, licenses/hybrid.json make_hybrid.py's (each one's own --check
        # compares them)
        others = {Path("licenses/x5c.json"), Path("licenses/hybrid.json")}
        committed = {p for p in committed
                     if p not in others and not p.name.startswith("mldsa")}
        for rel in sorted(committed - fresh):
            problems.append(f"{rel}: committed but no longer generated")
        exact = masked = 0
        for rel in sorted(fresh):
            if rel not in committed:
                problems.append(f"{rel}: generated but not committed")
                continue
            a = (tmp / rel).read_bytes()
            b = (TV / rel).read_bytes()
            if a == b:
                exact += 1
            elif masked_match(a.decode("utf-8"), b.decode("utf-8", "replace")):
                masked += 1
            else:
                diff = list(difflib.unified_diff(b.decode("utf-8", "replace").splitlines(),
                                                 a.decode("utf-8").splitlines(),
                                                 f"committed/{rel}", f"generated/{rel}", lineterm="", n=0))
                problems.append(f"{rel}: differs\n" + "\n".join(d[:200] for d in diff[:12]))
    # the committed randomised signatures must still verify
    groups = {}
    for g in GROUP_DESCRIPTIONS:
        path = TV / "licenses" / f"{g}.json"
        if path.exists():
            groups[g] = json.loads(path.read_text("utf-8"))["vectors"]
    try:
        n = self_check(TV, groups)
    except SystemExit as e:
        problems.append(str(e))
        n = 0
    for p in problems:
        print("CHECK:", p, file=sys.stderr)
    print(f"check: {exact} files identical, {masked} identical but for randomised signatures, "
          f"{n} committed valid vectors re-verified, {len(problems)} problem(s)")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and compare with the committed files")
    ap.add_argument("--new-keys", action="store_true",
                    help="replace every key pair under licenses/keys/private (never needed to regenerate)")
    args = ap.parse_args()
    if args.check and args.new_keys:
        ap.error("--check and --new-keys exclude each other")
    K = load_keys(TV, new=args.new_keys)
    if args.check:
        sys.exit(check(K))
    result = generate(TV, K)
    print(summary(result["groups"]))
    print(f"self-checked {result['self_checked']} valid vectors")


if __name__ == "__main__":
    main()
