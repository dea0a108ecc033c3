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
    for t in sorted(os.listdir(OUT)):
        print(t, len(os.listdir(os.path.join(OUT, t))))


if __name__ == "__main__":
    sys.exit(main())
