"""How much the Python binding adds to a license verification, measured in one run.

    python3 bindings/python/bench/verify_speed.py [--rounds 7] [--calls 4000]

Three contenders verify the same PS384 token (RSA-2048, the AWS License Manager-shaped
document of benches/support/verify_fixtures.rs, read from that file so the two cannot
drift apart):

- rust: licsig's `Verifier::verify` in Rust — examples/verify_loop.rs, built here with
  `cargo build --release --example verify_loop`, run with N and 2N calls; the
  difference divided by N is one call without process start and setup (the loop
  calls the verifier with a `Time` made once);
- binding: `licsig.Verifier.verify(token, now)` from Python (now an aware datetime);
- pyjwt: `jwt.decode(token, key, algorithms=["PS384"])` with the public key loaded
  once (PyJWT on `cryptography`/OpenSSL; it checks the signature and the claims it
  knows, not the license).

Times are CPU time (the child's for verify_loop, this thread's clock for the Python
contenders), which other processes on a shared machine disturb far less than wall
time. Rounds interleave the contenders and each one's fastest round is kept (for rust,
the fastest N-call and 2N-call runs): interference only ever adds time. Needs the licsig wheel, PyJWT and cryptography
installed, and cargo.
"""

import argparse
import base64
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

import licsig

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "benches" / "support" / "verify_fixtures.rs"
PRIVATE_KEY = REPO / "test-vectors" / "keys" / "rsa2048-PRIVATE-test-only.pem"


def fixture(name: str) -> str:
    """A `&str` constant of verify_fixtures.rs: a literal or a concat! of raw strings."""
    source = FIXTURES.read_text()
    match = re.search(rf"const {name}: &str = (.*?);\n", source, re.S)
    if match is None:
        sys.exit(f"{FIXTURES}: no constant {name}")
    return "".join(
        raw or plain
        for raw, plain in re.findall(r'r#"(.*?)"#|"((?:[^"\\]|\\.)*)"', match.group(1), re.S)
    )


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_and_keys():
    """The fixtures' PS384 token, as verify_loop signs it, made with cryptography."""
    private = serialization.load_pem_private_key(PRIVATE_KEY.read_bytes(), password=None)
    public = private.public_key()
    spki = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    kid = hashlib.sha256(spki).hexdigest()
    header = json.dumps({"alg": "PS384", "kid": kid, "typ": "JWT"}, separators=(",", ":"))
    signing_input = f"{b64url(header.encode())}.{b64url(fixture('DOCUMENT').encode())}"
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
    signature = private.sign(signing_input.encode(), pss, hashes.SHA384())
    token = f"{signing_input}.{b64url(signature)}".encode()
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return token, pem, public


def build_verify_loop() -> Path:
    subprocess.run(
        ["cargo", "build", "--quiet", "--release", "--example", "verify_loop"],
        cwd=REPO,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "examples" / "verify_loop"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_loop(binary: Path, calls: int) -> float:
    """The CPU time of one verify_loop run of `calls` calls, setup included."""
    start = children_cpu()
    subprocess.run([str(binary), "token", "licsig", str(calls)], check=True, stdout=subprocess.DEVNULL)
    return children_cpu() - start


def per_call(function, calls: int) -> float:
    """The CPU time of one call, on this thread's clock."""
    start = time.thread_time()
    for _ in range(calls):
        function()
    return (time.thread_time() - start) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=4000)
    args = parser.parse_args()

    token, pem, public = token_and_keys()
    now = datetime.fromisoformat(fixture("NOW").replace("Z", "+00:00"))
    verifier = licsig.Verifier(licsig.KeySet.from_pem(pem), node_id=fixture("NODE_ID"))
    # Each contender accepts the token before anything is timed.
    license = verifier.verify(token, now)
    assert (license.algorithm, license.signed_document) == ("PS384", fixture("DOCUMENT").encode())
    assert jwt.decode(token, public, algorithms=["PS384"])["nodeId"] == fixture("NODE_ID")
    binary = build_verify_loop()
    run_loop(binary, 10)

    best = {"binding": float("inf"), "pyjwt": float("inf")}
    single = double = float("inf")
    for _ in range(args.rounds):
        single = min(single, run_loop(binary, args.calls))
        double = min(double, run_loop(binary, 2 * args.calls))
        best["binding"] = min(best["binding"], per_call(lambda: verifier.verify(token, now), args.calls))
        best["pyjwt"] = min(
            best["pyjwt"], per_call(lambda: jwt.decode(token, public, algorithms=["PS384"]), args.calls)
        )

    best = {"rust": (double - single) / args.calls, **best}
    print(f"PS384 token, RSA-2048, {args.rounds} rounds × {args.calls} calls, CPU time of the fastest round:")
    for name, secs in best.items():
        print(f"  {name:8} {secs * 1e6:8.2f} µs per verification")
    print(f"  binding / rust  = {best['binding'] / best['rust']:.3f}")
    print(f"  binding / pyjwt = {best['binding'] / best['pyjwt']:.3f}")


if __name__ == "__main__":
    main()
