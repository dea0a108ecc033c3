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
    review()
    for t in sorted(os.listdir(OUT)):
        print(t, len(os.listdir(os.path.join(OUT, t))))


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def review():
    """Hand-made inputs for branches that the coverage review (fuzz/README.md) found
    reachable but unreached by the corpora. They go into the seeds and, so that the
    replayed corpus covers them, into the tracked corpus as `review-*` files."""
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
    for target, inputs in (("jws", jws), ("license", license)):
        for name, data in inputs.items():
            put(target, "review-" + name, data)
            tracked = os.path.join(ROOT, "fuzz", "corpus", target)
            os.makedirs(tracked, exist_ok=True)
            with open(os.path.join(tracked, "review-" + name), "wb") as f:
                f.write(data)
        # The verify target reads the same bytes after a selector byte (0: verify).
        if target == "jws":
            for name, data in inputs.items():
                put("verify", "review-" + name, b"\x00" + data)


if __name__ == "__main__":
    sys.exit(main())
