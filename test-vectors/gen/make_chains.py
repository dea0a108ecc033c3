#!/usr/bin/env python3
"""Generate licsig's X.509 chain test data and x5c license vectors, independently.

Nothing here uses licsig. Certificates come from Python `cryptography`'s x509
builder; the few that no builder will make (SHA-1-signed, inner and outer
signature algorithms that differ) are re-encoded by hand below and signed with
`cryptography`. Tokens and license files carrying the chains in `x5c` are signed
with the leaf's private key through make_licenses.py's helpers.

    pip install -r test-vectors/gen/requirements.txt
    python3 test-vectors/gen/make_chains.py            # write chains/ and licenses/x5c.json
    python3 test-vectors/gen/make_chains.py --check    # compare with the committed files

Keys under test-vectors/chains/private/ are TEST KEYS, published on purpose; they
are loaded, or made once when missing. Certificates are deterministic (fixed
serials and dates; RSA PKCS#1 v1.5, Ed25519 and RFC 6979 ECDSA) except the one
RSASSA-PSS-signed intermediate; --check compares every other file byte for byte.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID, ObjectIdentifier

HERE = Path(__file__).resolve().parent
TV = HERE.parent
sys.path.insert(0, str(HERE))
import make_licenses as ml  # noqa: E402  (its helpers: Key, sign, documents, JWS forms)

GENERATOR = "test-vectors/gen/make_chains.py"
UTC = dt.timezone.utc
NB = dt.datetime(2026, 1, 1, tzinfo=UTC)
NA = dt.datetime(2031, 1, 1, tzinfo=UTC)
ROOT_NA = dt.datetime(2036, 1, 1, tzinfo=UTC)

KEY_SPECS = {
    "root": ("RSA", 2048),
    "inter-ec": ("EC", "P-256"),
    "inter-ed": ("OKP", "Ed25519"),
    "inter-rsa": ("RSA", 2048),
    "leaf-rsa": ("RSA", 2048),
    "leaf-ec": ("EC", "P-256"),
    "leaf-ed": ("OKP", "Ed25519"),
    "unrelated-root": ("RSA", 2048),
    "fake-root": ("RSA", 2048),
    "loop-a": ("OKP", "Ed25519"),
    "loop-b": ("OKP", "Ed25519"),
    "long-1": ("OKP", "Ed25519"),
    "long-2": ("OKP", "Ed25519"),
    "long-3": ("OKP", "Ed25519"),
    **{f"same-name-root-{i}": ("OKP", "Ed25519") for i in range(8)},
}

ROOT_NAME = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "licsig test vendor"),
                       x509.NameAttribute(NameOID.COMMON_NAME, "licsig Test Root CA")])


def name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "licsig test vendor"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def load_keys(root: Path, new: bool) -> dict[str, ml.Key]:
    d = root / "chains" / "private"
    out = {}
    for k, (kind, param) in KEY_SPECS.items():
        path = d / f"{k}.pk8.pem"
        if new or not path.exists():
            priv = ml.new_private_key(kind, param)
            d.mkdir(parents=True, exist_ok=True)
            path.write_bytes(priv.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
        out[k] = ml.Key(k, serialization.load_pem_private_key(path.read_bytes(), password=None))
    return out


SERIAL = iter(range(0x1000, 0x2000))


def ku(*, sig=False, cert_sign=False, key_enc=False):
    return x509.KeyUsage(digital_signature=sig, content_commitment=False, key_encipherment=key_enc,
                         data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
                         crl_sign=cert_sign, encipher_only=False, decipher_only=False)


def build(subject, issuer, pub, signer: ml.Key, *, ca, path_len=None, usage=None, nb=NB, na=NA,
          hash_=hashes.SHA256, pss=False, extra=(), serial=None):
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(pub)
         .serial_number(serial if serial is not None else next(SERIAL))
         .not_valid_before(nb).not_valid_after(na)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=path_len), critical=True))
    if usage is None:
        usage = ku(cert_sign=True) if ca else ku(sig=True)
    if usage is not False:
        b = b.add_extension(usage, critical=True)
    for ext, critical in extra:
        b = b.add_extension(ext, critical=critical)
    priv = signer.priv
    if isinstance(priv, ed25519.Ed25519PrivateKey):
        return b.sign(priv, None)
    if isinstance(priv, ec.EllipticCurvePrivateKey):
        return b.sign(priv, hash_(), ecdsa_deterministic=True)
    if pss:
        return b.sign(priv, hash_(), rsa_padding=padding.PSS(mgf=padding.MGF1(hash_()),
                                                             salt_length=padding.PSS.DIGEST_LENGTH))
    return b.sign(priv, hash_())


# --- hand re-encoding (DER) for the certificates no builder makes -----------------------

def tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(ln)]) + ln + body


def read_tlv(buf: bytes, off: int):
    """(tag, start of contents, end) of the TLV at off."""
    tag = buf[off]
    n = buf[off + 1]
    if n < 0x80:
        return tag, off + 2, off + 2 + n
    k = n & 0x7F
    ln = int.from_bytes(buf[off + 2:off + 2 + k], "big")
    return tag, off + 2 + k, off + 2 + k + ln


def split_cert(der: bytes):
    """(tbs TLV, signatureAlgorithm TLV) of a certificate."""
    _, c0, _ = read_tlv(der, 0)
    _, t0, t1 = read_tlv(der, c0)
    tbs = der[c0:t1]
    _, _, a1 = read_tlv(der, t1)
    return tbs, der[t1:a1]


def replace_inner_alg(tbs: bytes, new_alg: bytes) -> bytes:
    _, c0, end = read_tlv(tbs, 0)
    off = c0
    tag, _, e = read_tlv(tbs, off)
    if tag == 0xA0:  # version
        off = e
    _, _, e = read_tlv(tbs, off)  # serial
    alg_start = off = e
    _, _, alg_end = read_tlv(tbs, off)
    body = tbs[c0:alg_start] + new_alg + tbs[alg_end:end]
    return tlv(0x30, body)


def assemble(tbs: bytes, outer_alg: bytes, sig: bytes) -> bytes:
    return tlv(0x30, tbs + outer_alg + tlv(0x03, b"\x00" + sig))


ALG_SHA1_RSA = bytes.fromhex("300d06092a864886f70d0101050500")
ALG_SHA256_RSA = bytes.fromhex("300d06092a864886f70d01010b0500")
ALG_SHA384_RSA = bytes.fromhex("300d06092a864886f70d01010c0500")


def resign_rsa(cert: x509.Certificate, signer: ml.Key, inner_alg: bytes, outer_alg: bytes, hash_) -> bytes:
    """The certificate's TBS with `inner_alg` as its signature field, signed with
    RSASSA-PKCS1-v1_5 over `hash_`, wrapped with `outer_alg` as signatureAlgorithm."""
    tbs, _ = split_cert(cert.public_bytes(serialization.Encoding.DER))
    tbs = replace_inner_alg(tbs, inner_alg)
    sig = signer.priv.sign(tbs, padding.PKCS1v15(), hash_())
    return assemble(tbs, outer_alg, sig)


# --- the cases ---------------------------------------------------------------------------

def der(c) -> bytes:
    return c if isinstance(c, bytes) else c.public_bytes(serialization.Encoding.DER)


def make_cases(K):
    """{case: (x5c DER list, leaf key, expected chain outcome, note)}; plus the anchors."""
    root = build(ROOT_NAME, ROOT_NAME, K["root"].pub, K["root"], ca=True, na=ROOT_NA, serial=1)
    anchors = {"root": [der(root)]}
    I_EC = name("licsig Intermediate EC")
    inter_ec = build(I_EC, ROOT_NAME, K["inter-ec"].pub, K["root"], ca=True, serial=2)
    I_RSA = name("licsig Intermediate RSA-PSS")
    inter_pss = build(I_RSA, ROOT_NAME, K["inter-rsa"].pub, K["root"], ca=True, pss=True, serial=3)
    I_ED = name("licsig Intermediate Ed25519")
    inter_ed = build(I_ED, I_RSA, K["inter-ed"].pub, K["inter-rsa"], ca=True, hash_=hashes.SHA384, serial=4)

    def leaf(cn, issuer, signer, key="leaf-rsa", **kw):
        return build(name(cn), issuer, K[key].pub, signer, ca=False, **kw)

    C = {}
    C["valid-1"] = ([leaf("leaf 1", ROOT_NAME, K["root"])], "leaf-rsa", "ok",
                    "leaf RSA-2048 directly under the root (sha256WithRSAEncryption)")
    C["valid-2"] = ([leaf("leaf 2", I_EC, K["inter-ec"], "leaf-ec", hash_=hashes.SHA384), inter_ec], "leaf-ec",
                    "ok", "leaf P-256 <- intermediate P-256 (ecdsa-with-SHA384) <- root (sha256WithRSAEncryption)")
    C["valid-3"] = ([leaf("leaf 3", I_ED, K["inter-ed"], "leaf-ed"), inter_ed, inter_pss], "leaf-ed", "ok",
                    "leaf Ed25519 <- Ed25519 intermediate (Ed25519) <- RSA intermediate (sha384WithRSAEncryption) "
                    "<- root (RSASSA-PSS SHA-256, salt 32)")
    C["valid-3-with-root"] = (C["valid-3"][0] + [root], "leaf-ed", "ok",
                              "valid-3 followed by a copy of the root certificate (RFC 7515 allows it)")
    C["expired-leaf"] = ([leaf("leaf expired", ROOT_NAME, K["root"], na=dt.datetime(2026, 6, 1, tzinfo=UTC))],
                         "leaf-rsa", "Expired x5c[0]", "leaf notAfter 2026-06-01, before the license's issuedAt")
    inter_expired = build(name("licsig Intermediate expired"), ROOT_NAME, K["inter-ec"].pub, K["root"], ca=True,
                          na=dt.datetime(2026, 6, 1, tzinfo=UTC))
    C["expired-intermediate"] = ([leaf("leaf under expired", name("licsig Intermediate expired"), K["inter-ec"]),
                                  inter_expired], "leaf-rsa", "Expired x5c[1]", "intermediate notAfter 2026-06-01")
    inter_not_ca = build(name("licsig Intermediate not CA"), ROOT_NAME, K["inter-ec"].pub, K["root"], ca=False,
                         usage=ku(sig=True, cert_sign=True))
    C["intermediate-not-ca"] = ([leaf("leaf under non-CA", name("licsig Intermediate not CA"), K["inter-ec"]),
                                 inter_not_ca], "leaf-rsa", "NotCa x5c[1]",
                                "intermediate with basicConstraints cA false (keyUsage keyCertSign set)")
    i1 = build(name("licsig pathLen 0"), ROOT_NAME, K["inter-ec"].pub, K["root"], ca=True, path_len=0)
    i2 = build(name("licsig below pathLen 0"), name("licsig pathLen 0"), K["inter-ed"].pub, K["inter-ec"], ca=True)
    C["pathlen-exceeded"] = ([leaf("leaf pathlen", name("licsig below pathLen 0"), K["inter-ed"]), i2, i1],
                             "leaf-rsa", "PathLenExceeded x5c[2]",
                             "root <- intermediate pathLenConstraint 0 <- intermediate <- leaf")
    C["leaf-no-digital-signature"] = ([leaf("leaf keyEncipherment", ROOT_NAME, K["root"], usage=ku(key_enc=True))],
                                      "leaf-rsa", "MissingDigitalSignature x5c[0]",
                                      "leaf keyUsage keyEncipherment only")
    inter_no_kcs = build(name("licsig Intermediate no keyCertSign"), ROOT_NAME, K["inter-ec"].pub, K["root"],
                         ca=True, usage=ku(sig=True))
    C["intermediate-no-keycertsign"] = (
        [leaf("leaf under no keyCertSign", name("licsig Intermediate no keyCertSign"), K["inter-ec"]), inter_no_kcs],
        "leaf-rsa", "MissingKeyCertSign x5c[1]", "intermediate cA true, keyUsage digitalSignature only")
    unknown = x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.55555.1.1"), b"\x05\x00")
    C["unknown-critical-extension"] = (
        [leaf("leaf critical ext", ROOT_NAME, K["root"], extra=[(unknown, True)])], "leaf-rsa",
        "UnknownCriticalExtension x5c[0]", "leaf with a critical private extension 1.3.6.1.4.1.55555.1.1")
    sha1_base = build(name("licsig Intermediate SHA-1"), ROOT_NAME, K["inter-ec"].pub, K["root"], ca=True)
    inter_sha1 = resign_rsa(sha1_base, K["root"], ALG_SHA1_RSA, ALG_SHA1_RSA, hashes.SHA1)
    C["sha1-intermediate"] = ([leaf("leaf under SHA-1", name("licsig Intermediate SHA-1"), K["inter-ec"]),
                               inter_sha1], "leaf-rsa", "UnsupportedSignatureAlgorithm x5c[1]",
                              "intermediate signed by the root with sha1WithRSAEncryption (re-signed by hand)")
    U = name("Unrelated Root CA")
    unrelated = build(U, U, K["unrelated-root"].pub, K["unrelated-root"], ca=True)
    C["unrelated-ca"] = ([leaf("leaf unrelated", U, K["unrelated-root"]), unrelated], "leaf-rsa",
                         "UnknownIssuer x5c[1]", "leaf issued by a self-signed root that is not an anchor")
    LA, LB = name("licsig Loop A"), name("licsig Loop B")
    loop_a = build(LA, LB, K["loop-a"].pub, K["loop-b"], ca=True)
    loop_b = build(LB, LA, K["loop-b"].pub, K["loop-a"], ca=True)
    C["loop"] = ([leaf("leaf loop", LA, K["loop-a"]), loop_a, loop_b, loop_a], "leaf-rsa", "Loop x5c[3]",
                 "A issued by B, B issued by A: x5c = [leaf, A, B, A]")
    L1, L2, L3 = name("licsig Long 1"), name("licsig Long 2"), name("licsig Long 3")
    long1 = build(L1, ROOT_NAME, K["long-1"].pub, K["root"], ca=True)
    long2 = build(L2, L1, K["long-2"].pub, K["long-1"], ca=True)
    long3 = build(L3, L2, K["long-3"].pub, K["long-2"], ca=True)
    C["too-long"] = ([leaf("leaf long", L3, K["long-3"]), long3, long2, long1], "leaf-rsa", "PathTooLong",
                     "leaf <- 3 intermediates <- root: 5 certificates with the anchor, over 4")
    mism_base = leaf("leaf alg mismatch", ROOT_NAME, K["root"])
    C["alg-mismatch"] = ([resign_rsa(mism_base, K["root"], ALG_SHA384_RSA, ALG_SHA256_RSA, hashes.SHA256)],
                         "leaf-rsa", "SignatureAlgorithmMismatch x5c[0]",
                         "TBS signature field sha384WithRSAEncryption, outer sha256WithRSAEncryption; the "
                         "signature (SHA-256) over the re-encoded TBS is valid")
    C["leaf-claims-anchor"] = ([build(ROOT_NAME, ROOT_NAME, K["leaf-rsa"].pub, K["fake-root"], ca=False)],
                               "leaf-rsa", "BadSignature x5c[0]",
                               "leaf with the root's subject and issuer, self-issued, signed by another key")
    C["leaf-is-ca"] = ([build(name("leaf CA"), ROOT_NAME, K["leaf-rsa"].pub, K["root"], ca=True,
                              usage=ku(sig=True, cert_sign=True))], "leaf-rsa", "CaUsedAsLeaf x5c[0]",
                       "leaf with basicConstraints cA true")
    C["leaf-not-yet-valid-at-issue"] = (
        [leaf("leaf from Nov 5", ROOT_NAME, K["root"], nb=dt.datetime(2026, 11, 5, tzinfo=UTC))], "leaf-rsa",
        "NotYetValid x5c[0]", "leaf notBefore 2026-11-05: after the license's issuedAt (2026-11-01)")
    C["leaf-expired-since-issue"] = (
        [leaf("leaf until Nov 10", ROOT_NAME, K["root"], na=dt.datetime(2026, 11, 10, tzinfo=UTC))], "leaf-rsa",
        "Expired x5c[0]", "leaf valid at issuedAt (2026-11-01), expired 2026-11-10, before now (2026-11-22): "
        "refused under the default policy (valid at issuedAt and now), accepted under IssuedAt")
    same = [build(ROOT_NAME, ROOT_NAME, K[f"same-name-root-{i}"].pub, K[f"same-name-root-{i}"], ca=True,
                  na=ROOT_NA, serial=100 + i) for i in range(8)]
    anchors["same-name-roots"] = [der(c) for c in same] + [der(root)]
    C["budget"] = (C["valid-1"][0], "leaf-rsa", "SignatureBudgetExceeded",
                   "valid-1 against chains/same-name-roots.pem: 8 other roots with the root's name first, "
                   "then the root: the 9th signature check is over the budget of 8")
    return C, anchors


def pem_of(ders) -> str:
    out = []
    for d in ders:
        b = base64.b64encode(d).decode()
        out.append("-----BEGIN CERTIFICATE-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
                   + "\n-----END CERTIFICATE-----\n")
    return "".join(out)


def write(path: Path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


CHAIN_OUTCOME_TO_KIND = lambda o: "valid" if o == "ok" else {"error": "certificate_invalid"}  # noqa: E731


def generate(out: Path, K, LK):
    cases, anchors = make_cases(K)
    cdir = out / "chains"
    for a, ders in anchors.items():
        write(cdir / f"{a}.pem", pem_of(ders))
    write(cdir / "root.der", anchors["root"][0])
    manifest = []
    for cid, (certs, leaf_key, outcome, note) in cases.items():
        ders = [der(c) for c in certs]
        for i, d in enumerate(ders):
            write(cdir / cid / f"{i}.der", d)
        write(cdir / cid / "chain.pem", pem_of(ders))
        manifest.append({"case": cid, "x5c": [f"chains/{cid}/{i}.der" for i in range(len(ders))],
                         "anchors": "chains/same-name-roots.pem" if cid == "budget" else "chains/root.pem",
                         "leaf_key": f"chains/private/{leaf_key}.pk8.pem", "expected": outcome, "note": note})
    write(cdir / "cases.json", ml.pretty({"generator": GENERATOR, "now": ml.NOW, "issued_at": ml.ISSUED + "Z",
                                          "cases": manifest}))
    vectors = build_vectors(cases, K, LK)
    doc = {"group": "x5c",
           "description": "Tokens and license files whose protected header carries an x5c chain "
                          "(test-vectors/chains/), verified with and without trust anchors (option ca).",
           "generator": GENERATOR,
           "tools": {"python": sys.version.split()[0], "cryptography": ml.V_CRYPTO, "PyJWT": ml.V_PYJWT,
                     "rfc8785": ml.V_JCS},
           "vectors": vectors}
    write(out / "licenses" / "x5c.json", ml.pretty(doc))
    self_check(cases, K)
    return vectors


def x5c_of(certs):
    return [base64.b64encode(der(c)).decode() for c in certs]


ALG_OF = {"leaf-rsa": "RS256", "leaf-ec": "ES256", "leaf-ed": "EdDSA"}


def build_vectors(cases, K, LK):
    vs = []

    def opts(ca=("chains/root.pem",), **kw):
        o = ml.options(**kw)
        if ca is not None:
            o["ca"] = list(ca)
        return o

    def add(vid, form, alg, keys, text, expected, prov, o):
        vs.append({"id": vid, "form": form, "algorithm": alg, "keys": keys, "input": text, "options": o,
                   "expected": expected if expected == "valid" else {"error": expected},
                   "provenance": prov})

    hand = f"hand-made JWS, {ml.P_CRYPTO}"
    for cid, (certs, leaf_key, outcome, note) in cases.items():
        key = K[leaf_key]
        alg = ALG_OF[leaf_key]
        vid = f"x5c-token-{cid}"
        doc = ml.document(vid)
        t = ml.jws_token(key, alg, {"alg": alg, "kid": key.kid, "x5c": x5c_of(certs)}, doc)
        ca = ["chains/same-name-roots.pem"] if cid == "budget" else ["chains/root.pem"]
        add(vid, "token", alg, [], t, "valid" if outcome == "ok" else "certificate_invalid",
            f"{hand}: {alg} by the leaf key, x5c = chains/{cid}/ ({note}); chain outcome {outcome}", opts(ca))
    # license files
    for cid in ["valid-3", "valid-2", "expired-leaf", "leaf-claims-anchor"]:
        certs, leaf_key, outcome, note = cases[cid]
        key, alg = K[leaf_key], ALG_OF[leaf_key]
        vid = f"x5c-file-{cid}"
        doc = ml.document(vid)
        sig = ml.file_signature(key, alg, doc, {"alg": alg, "kid": key.kid, "x5c": x5c_of(certs)})
        add(vid, "license_file", alg, [], ml.license_file(doc, [sig]),
            "valid" if outcome == "ok" else "certificate_invalid",
            f"{ml.P_CRYPTO} + {ml.P_JCS}: license file signed by the leaf key, x5c = chains/{cid}/ ({note})", opts())

    leaf = K["leaf-rsa"]
    certs = cases["valid-1"][0]
    # x5c and the key set
    vid = "x5c-no-anchors-ignored"
    t = ml.jws_token(leaf, "RS256", {"alg": "RS256", "kid": leaf.kid, "x5c": x5c_of(certs)}, ml.document(vid))
    add(vid, "token", "RS256", [], t, "unknown_key",
        f"{hand}: valid-1 chain, no trust anchors and no keys: x5c is ignored, the kid is unknown", opts(ca=None))
    vid = "x5c-no-anchors-key-set-decides"
    t = ml.jws_token(leaf, "RS256", {"alg": "RS256", "kid": leaf.kid, "x5c": x5c_of(cases["expired-leaf"][0])},
                     ml.document(vid))
    add(vid, "token", "RS256", ["chains/keys/leaf-rsa.pub.pem"], t, "valid",
        f"{hand}: expired-leaf chain, no trust anchors, leaf key trusted directly: x5c ignored", opts(ca=None))
    r2 = LK["rsa2048"]
    vid = "x5c-anchors-without-x5c"
    t = ml.jws_token(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, ml.document(vid))
    add(vid, "token", "RS256", [r2.pem_path], t, "valid",
        f"{hand}: ordinary token by rsa2048, verifier with a trust anchor and rsa2048: the key set decides", opts())
    vid = "x5c-anchors-without-x5c-unknown-kid"
    t = ml.jws_token(r2, "RS256", {"alg": "RS256", "kid": r2.kid}, ml.document(vid))
    add(vid, "token", "RS256", [], t, "unknown_key",
        f"{hand}: ordinary token by rsa2048, verifier with a trust anchor and no keys", opts())
    vid = "x5c-no-kid"
    t = ml.jws_token(leaf, "RS256", {"alg": "RS256", "x5c": x5c_of(certs)}, ml.document(vid))
    add(vid, "token", "RS256", [], t, "valid", f"{hand}: valid-1 chain, header without kid", opts())
    vid = "x5c-kid-mismatch"
    t = ml.jws_token(leaf, "RS256", {"alg": "RS256", "kid": r2.kid, "x5c": x5c_of(certs)}, ml.document(vid))
    add(vid, "token", "RS256", [r2.pem_path], t, "key_mismatch",
        f"{hand}: valid-1 chain signed by its leaf, but kid names rsa2048 (trusted): kid must be the leaf's key",
        opts())
    vid = "x5c-signed-by-other-key"
    ar = LK["attacker-rsa2048"]
    t = ml.jws_token(ar, "RS256", {"alg": "RS256", "kid": leaf.kid, "x5c": x5c_of(certs)}, ml.document(vid))
    add(vid, "token", "RS256", [], t, "bad_signature",
        f"{hand}: valid-1 chain and the leaf's kid, signed by attacker-rsa2048", opts())
    vid = "x5c-leaf-revoked"
    t = ml.jws_token(leaf, "RS256", {"alg": "RS256", "kid": leaf.kid, "x5c": x5c_of(certs)}, ml.document(vid))
    add(vid, "token", "RS256", [], t, "key_revoked", f"{hand}: valid-1 chain, revoked_kids holds the leaf's kid",
        opts(revoked_kids=[leaf.kid]))
    vid = "x5c-intermediate-revoked"
    ekey = K["leaf-ed"]
    t = ml.jws_token(ekey, "EdDSA", {"alg": "EdDSA", "kid": ekey.kid, "x5c": x5c_of(cases["valid-3"][0])},
                     ml.document(vid))
    add(vid, "token", "EdDSA", [], t, "key_revoked",
        f"{hand}: valid-3 chain, revoked_kids holds the Ed25519 intermediate's key id",
        opts(revoked_kids=[K["inter-ed"].kid]))
    vid = "x5c-license-expired"
    t = ml.jws_token(leaf, "RS256", {"alg": "RS256", "kid": leaf.kid, "x5c": x5c_of(certs)},
                     ml.document(vid, expiration="2026-11-10T00:00:00"))
    add(vid, "token", "RS256", [], t, "expired",
        f"{hand}: valid-1 chain, license expiration 2026-11-10: the claims still decide", opts())
    vid = "x5c-alg-not-fitting-leaf"
    t = ml.jws_token(leaf, "PS256", {"alg": "PS256", "x5c": x5c_of(cases["valid-2"][0])},
                     ml.document(vid))
    add(vid, "token", "PS256", [], t, "key_mismatch",
        f"{hand}: valid-2 chain (P-256 leaf) with a PS256 signature by leaf-rsa: the leaf's key cannot verify PS256",
        opts())
    return vs


def self_check(cases, K):
    """cryptography must agree that every certificate of each 'ok' chain is signed by
    the next (or by the root)."""
    root = x509.load_der_x509_certificate((TV / "chains" / "root.der").read_bytes()) \
        if (TV / "chains" / "root.der").exists() else None
    for cid, (certs, _, outcome, _) in cases.items():
        if outcome != "ok":
            continue
        cs = [c if not isinstance(c, bytes) else x509.load_der_x509_certificate(c) for c in certs]
        for a, b in zip(cs, cs[1:]):
            a.verify_directly_issued_by(b)
        if root is not None:
            cs[-1].verify_directly_issued_by(root)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    K = load_keys(TV, new=False)
    LK = ml.load_keys(TV, new=False)
    for k in ("leaf-rsa", "leaf-ec", "leaf-ed"):
        write(TV / "chains" / "keys" / f"{k}.pub.pem", K[k].pem)
    if not args.check:
        vs = generate(TV, K, LK)
        print(f"x5c: {len(vs)} vectors")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        generate(tmp, K, LK)
        problems = 0
        for p in sorted(tmp.rglob("*")):
            if not p.is_file():
                continue
            rel = p.relative_to(tmp)
            committed = TV / rel
            if not committed.exists():
                print("CHECK: not committed:", rel)
                problems += 1
            elif committed.read_bytes() != p.read_bytes() and "valid-3" not in str(rel) \
                    and rel.name != "x5c.json":
                print("CHECK: differs:", rel)
                problems += 1
        print(f"check: {problems} problem(s) (valid-3 certificates and x5c.json carry RSASSA-PSS signatures)")
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
