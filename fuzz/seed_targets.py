#!/usr/bin/env python3
"""Seeds the fuzz targets other than `canonicalize` from test-vectors/ (the project's
own data) into fuzz/corpus-seed/<target>/ (untracked). Input formats: see
fuzz/checks.rs."""
import base64, glob, json, os, struct, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TV = os.path.join(ROOT, "test-vectors")
OUT = os.path.join(ROOT, "fuzz", "corpus-seed")


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(*p):
    with open(os.path.join(TV, *p), "rb") as f:
        return f.read()


def main():
    sample = {n: read("sample", n) for n in os.listdir(os.path.join(TV, "sample"))}
    doc, sig = sample["license.json"], sample["license.json.sig"]
    for n in ("license-file.json", "token.jwt", "checkout-response.json"):
        put("tamper", n, sample[n])
        put("verify", "0-" + n, b"\x00" + sample[n])
        put("jws", n, sample[n])
    put("tamper", "detached", b"DETACHED\x00" + doc + b"\x00" + sig)
    put("verify", "2-detached", b"\x02\x01" + doc + b"\x00" + sig)
    put("verify", "1-token", b"\x01" + sample["token.jwt"])
    put("license", "license.json", doc)
    # The sample token's payload, and the sample document compact.
    payload = sample["token.jwt"].split(b".")[1]
    put("license", "token-payload",
        base64.urlsafe_b64decode(payload + b"=" * (-len(payload) % 4)))
    put("license", "compact", json.dumps(json.loads(doc), separators=(",", ":"),
                                         ensure_ascii=False).encode())
    # The sample file and document with their members sorted and pretty-printed, as
    # sort-keys serializers write them. The signatures still hold: they cover the
    # canonical form.
    ordered = lambda value: (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
                             + "\n").encode()
    ordered_file = ordered(json.loads(sample["license-file.json"]))
    ordered_doc = ordered(json.loads(doc))
    for t in ("tamper", "jws"):
        put(t, "license-file-ordered.json", ordered_file)
    put("verify", "0-license-file-ordered.json", b"\x00" + ordered_file)
    put("tamper", "detached-ordered", b"DETACHED\x00" + ordered_doc + b"\x00" + sig)
    put("verify", "2-detached-ordered", b"\x02\x01" + ordered_doc + b"\x00" + sig)
    put("jws", "document-ordered.json", ordered_doc)
    for path in sorted(glob.glob(os.path.join(TV, "licenses", "*.json"))):
        group = json.load(open(path))
        for v in group["vectors"]:
            data = (base64.b64decode(v["input_base64"]) if "input_base64" in v
                    else v["input"].encode())
            vid = v["id"][:60]
            put("verify", "0-" + vid, b"\x00" + data)
            put("jws", vid, data)
            if v["form"] == "detached":
                put("license", vid, data)
    for path in sorted(glob.glob(os.path.join(TV, "keys", "*")) +
                       glob.glob(os.path.join(TV, "licenses", "keys", "*.*"))):
        if "PRIVATE" in path or os.path.isdir(path):
            continue
        put("parse_key", os.path.basename(path), open(path, "rb").read())
    for case in sorted(glob.glob(os.path.join(TV, "chains", "*", ""))):
        ders = sorted(glob.glob(os.path.join(case, "*.der")))
        if not ders:
            continue
        blob = b"".join(struct.pack(">H", len(d)) + d
                        for d in (open(p, "rb").read() for p in ders))
        put("x509_chain", os.path.basename(os.path.dirname(case)), blob)
    ml_dsa()
    review()
    for t in sorted(os.listdir(OUT)):
        print(t, len(os.listdir(os.path.join(OUT, t))))


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


ML_DSA_SETS = ("mldsa44", "mldsa65", "mldsa87")  # the selector's key index order


def ml_dsa():
    """`ml_dsa_key`: every form of the three ML-DSA test keys, their raw keys, and
    near misses. `ml_dsa_signature`: each valid license of licenses/mldsa.json as
    `selector message NUL raw-signature` in its own form and as a raw hazmat check."""
    jwks = []
    for i, name in enumerate(ML_DSA_SETS):
        for ext in ("pub.pem", "spki.der", "spki.b64", "jwk.json"):
            put("ml_dsa_key", f"{name}.{ext}", read("licenses", "keys", f"{name}.{ext}"))
        spki = read("licenses", "keys", f"{name}.spki.der")
        raw = spki[22:]
        jwk = json.loads(read("licenses", "keys", f"{name}.jwk.json"))
        jwks.append(jwk)
        put("ml_dsa_key", f"{name}.raw", raw)
        put("ml_dsa_key", f"{name}.raw-short", raw[:-1])
        put("ml_dsa_key", f"{name}.raw-long", raw + b"\x00")
        # The SPKI with NULL parameters, and with another set's OID
        other = bytes([0x11 + (i + 1) % 3])
        put("ml_dsa_key", f"{name}.spki-other-oid", spki[:16] + other + spki[17:])
        body = spki[4:]
        alg = bytes.fromhex("300d") + body[2:13] + bytes.fromhex("0500")
        with_null = alg + body[13:]
        put("ml_dsa_key", f"{name}.spki-null-params",
            b"\x30\x82" + len(with_null).to_bytes(2, "big") + with_null)
        # AKP JWKs: another set's alg, a short pub, a private member, "use" and "key_ops"
        wrong = ML_DSA_SETS[(i + 1) % 3].replace("mldsa", "ML-DSA-")
        put("ml_dsa_key", f"{name}.jwk-other-alg", json.dumps(dict(jwk, alg=wrong)).encode())
        put("ml_dsa_key", f"{name}.jwk-short-pub",
            json.dumps(dict(jwk, pub=b64u(raw[:-3]).decode())).encode())
        put("ml_dsa_key", f"{name}.jwk-priv", json.dumps(dict(jwk, priv="AAAA")).encode())
        put("ml_dsa_key", f"{name}.jwk-use",
            json.dumps(dict(jwk, use="sig", key_ops=["verify"])).encode())
    put("ml_dsa_key", "jwks", json.dumps({"keys": jwks}).encode())

    group = json.loads(read("licenses", "mldsa.json"))
    for v in group["vectors"]:
        if v["expected"] != "valid":
            continue
        key = ML_DSA_SETS.index(v["algorithm"].replace("ML-DSA-", "mldsa"))
        alg = 3 if v.get("detached_alg") == "ML_DSA_SHAKE_256" else key
        pick = lambda form: bytes([form | key << 2 | alg << 4])
        if v["form"] == "token":
            message, sig = v["input"].rsplit(".", 1)
            message, sig = message.encode(), unb64u(sig)
            put("ml_dsa_signature", v["id"], pick(1) + message + b"\x00" + sig)
        elif v["form"] == "license_file":
            entry = json.loads(v["input"])["signatures"][0]
            license = json.dumps(json.loads(v["input"])["license"]).encode()
            sig = unb64u(entry["signature"])
            put("ml_dsa_signature", v["id"], pick(2) + license + b"\x00" + sig)
            message = entry["protected"].encode() + b"." + b64u(
                rfc8785_like(json.loads(v["input"])["license"]))
        else:
            sig = base64.b64decode(v["signature"])
            put("ml_dsa_signature", v["id"], pick(3) + v["input"].encode() + b"\x00" + sig)
            message = rfc8785_like(json.loads(v["input"]))
        put("ml_dsa_signature", v["id"] + "-raw", pick(0) + message + b"\x00" + sig)


def unb64u(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rfc8785_like(value):
    """RFC 8785 for the ML-DSA documents, whose values are strings and objects only:
    sorted members, no whitespace, no escapes beyond JSON's."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def null_with_contents(der):
    """An RSA SubjectPublicKeyInfo whose NULL parameters hold one byte (05 01 00)."""
    algid = bytes.fromhex("300d06092a864886f70d0101010500")
    assert der[:4] == b"\x30\x82" + len(der[4:]).to_bytes(2, "big") and der[4:19] == algid
    body = bytes.fromhex("300e06092a864886f70d010101050100") + der[19:]
    return b"\x30\x82" + len(body).to_bytes(2, "big") + body


def review():
    """Hand-made inputs for branches that the coverage review (fuzz/README.md) found
    reachable but unreached by the corpora. Like every seed, they reach the tracked
    corpus through fuzz/cmin.sh, and so the replay and the coverage report."""
    doc = b'{"licenseArn":"a","issuedAt":"2026-01-01T00:00:00Z","entitlementsAllowed":[]}'

    def token(header):
        return b64u(header) + b"." + b64u(doc) + b".AAAA"

    jws = {
        # "b64" that is not a boolean
        "b64-not-boolean": token(b'{"alg":"PS256","b64":"no"}'),
        # "x5c" not an array, empty, holding a non-string
        "x5c-object": token(b'{"alg":"PS256","x5c":{}}'),
        "x5c-empty": token(b'{"alg":"PS256","x5c":[]}'),
        "x5c-number": token(b'{"alg":"PS256","x5c":[1]}'),
        # a license file whose "signatures" is not an array, or whose entry has a
        # member of the wrong type
        "file-signatures-object": b'{"license":{},"signatures":{}}',
        "file-protected-number": b'{"license":{},"signatures":[{"protected":1,"signature":"AA"}]}',
        # a checkout response with an unsigned field that is not a string
        "checkout-nodeid-number": b'{"SignedToken":"' + token(b'{"alg":"PS256"}') + b'","NodeId":5}',
    }
    license = {
        # more than nine fraction digits, an offset hour of 24, a positive offset
        "time-ten-fraction-digits": doc.replace(b"00Z", b"00.1234567890Z"),
        "time-offset-24h": doc.replace(b"00Z", b"00+24:00"),
        "time-offset-positive": doc.replace(b"00Z", b"00+05:30"),
    }
    ed = json.loads(read("licenses", "keys", "ed25519.jwk.json"))
    x = ed["x"]
    okp = lambda **kw: json.dumps({"kty": "OKP", "crv": "Ed25519", "x": x, **kw}).encode()
    spki = read("licenses", "keys", "ed25519.spki.der")
    pem_body = base64.encodebytes(spki).decode().replace("\n", "")
    parse_key = {
        # JWK "alg" that fits and one that does not; "key_ops" listed, repeated, of
        # the wrong type
        "jwk-alg-fits": okp(alg="EdDSA"),
        "jwk-alg-misfit": okp(alg="ES256"),
        "jwk-alg-unknown": okp(alg="HS256"),
        "jwk-key-ops": okp(key_ops=["verify"]),
        "jwk-key-ops-twice": okp(key_ops=["verify", "verify"]),
        "jwk-key-ops-string": okp(key_ops="verify"),
        # key types and curves ring does not verify with, or that are not for signing
        "jwk-oct": b'{"kty":"oct","k":"c2VjcmV0"}',
        "jwk-secp256k1": json.dumps({"kty": "EC", "crv": "secp256k1", "x": x, "y": x}).encode(),
        "jwk-ed448": json.dumps({"kty": "OKP", "crv": "Ed448", "x": x}).encode(),
        "jwk-x25519": json.dumps({"kty": "OKP", "crv": "X25519", "x": x}).encode(),
        # a JWK Set naming one kid twice
        "jwks-duplicate-kid": json.dumps({"keys": [json.loads(okp(kid="a"))] * 2}).encode(),
        # a private key in PEM, refused as such
        "pem-private-key": b"-----BEGIN PRIVATE KEY-----\n" + pem_body.encode() + b"\n-----END PRIVATE KEY-----\n",
        # the SPKI with its outer length in long form: BER, not DER
        "spki-long-form-length": b"\x30\x81" + spki[1:],
        # RSA's AlgorithmIdentifier with NULL parameters that hold a byte
        "spki-null-with-contents": null_with_contents(read("keys", "rsa2048.der")),
        # key kinds refused as unsupported (test-vectors/gen/keys_unsupported.sh)
        "dsa": read("keys", "dsa.pem"),
        "rsa-pss": read("keys", "rsa-pss.pem"),
        "ec-secp256k1": read("keys", "ec-secp256k1.pem"),
    }
    cert_pem = read("keys", "rsa2048.crt.pem")
    x509_chain = {
        # trust anchors from PEM: one certificate, two, and a block that is not one
        "pem-certificate": cert_pem,
        "pem-two-certificates": cert_pem + cert_pem,
        "pem-public-key-not-certificate": read("keys", "rsa2048.pem"),
    }
    for target, inputs in (("jws", jws), ("license", license), ("parse_key", parse_key),
                           ("x509_chain", x509_chain)):
        for name, data in inputs.items():
            put(target, "review-" + name, data)
        # The verify target reads the same bytes after a selector byte (0: verify).
        if target == "jws":
            for name, data in inputs.items():
                put("verify", "review-" + name, b"\x00" + data)


if __name__ == "__main__":
    sys.exit(main())
