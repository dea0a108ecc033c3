"""Runs the license corpus test-vectors/licenses/*.json through the binding, reading
each vector as tests/vectors.rs does: a Verifier built from the vector's options over
its key files (each loaded with KeySet.from_bytes), verify or verify_detached by its
form, and the outcome compared with `expected`.

Strict like the Rust loader: a member it does not know, in a group file, a vector or
its options, fails, so a schema change cannot be ignored silently.
"""

import base64
import json
from datetime import datetime

import licsig
from conftest import REPO

VECTORS = REPO / "test-vectors"
GROUP_MEMBERS = {"group", "description", "generator", "tools", "vectors"}
VECTOR_MEMBERS = {
    "id", "form", "algorithm", "keys", "input", "input_base64", "signature",
    "detached_alg", "options", "expected", "provenance",
}
OPTION_MEMBERS = {
    "now", "node_id", "require", "allow_algs", "leeway", "revoked_kids",
    "revoked_licenses", "max_bytes",
}
# May be left out: `ca` (x5c trust anchors, none when absent) and `strict_kid`.
OPTIONAL_OPTION_MEMBERS = {"ca", "strict_kid", "require_families"}
FORMS = {"token", "license_file", "detached", "aws_checkout"}


def load_group(name: str) -> list:
    doc = json.loads((VECTORS / "licenses" / f"{name}.json").read_text(encoding="utf-8"))
    assert set(doc) <= GROUP_MEMBERS, f"{name}: unknown members {set(doc) - GROUP_MEMBERS}"
    assert doc["group"] == name
    return doc["vectors"]


def verifier_for(vector: dict) -> licsig.Verifier:
    options = vector["options"]
    unknown = set(options) - OPTION_MEMBERS - OPTIONAL_OPTION_MEMBERS
    assert not unknown, f"{vector['id']}: unknown options {unknown}"
    assert OPTION_MEMBERS <= set(options), f"{vector['id']}: options missing"
    keys = licsig.KeySet()
    for path in vector["keys"]:
        keys = keys.extended(licsig.KeySet.from_bytes((VECTORS / path).read_bytes()))
    keys = keys.with_revoked_keys(options["revoked_kids"])
    keys = keys.with_revoked_licenses(options["revoked_licenses"])
    strict_kid = options.get("strict_kid", False)
    assert isinstance(strict_kid, bool)
    return licsig.Verifier(
        keys,
        node_id=options["node_id"],
        require=options["require"],
        families=options.get("require_families", ()),
        algorithms=options["allow_algs"],
        leeway=options["leeway"],
        strict_kid=strict_kid,
        ca=[(VECTORS / p).read_bytes() for p in options.get("ca", [])],
        max_bytes=options["max_bytes"],
    )


def expected(vector: dict):
    """("valid", form, JOSE algorithm) or ("error", kind)."""
    want = vector["expected"]
    if want == "valid":
        return ("valid", vector["form"], vector["algorithm"])
    assert set(want) == {"error"}, f"{vector['id']}: expected {want}"
    return ("error", want["error"])


def run(vector: dict):
    """The binding's outcome, in the shape of `expected`, and the exception if any."""
    vid = vector["id"]
    unknown = set(vector) - VECTOR_MEMBERS
    assert not unknown, f"{vid}: unknown members {unknown}"
    assert vector["form"] in FORMS, f"{vid}: form {vector['form']}"
    assert vector["provenance"], f"{vid}: provenance"
    if "input" in vector:
        assert "input_base64" not in vector
        data = vector["input"].encode("utf-8")
    else:
        data = base64.b64decode(vector["input_base64"], validate=True)
    now = datetime.fromisoformat(vector["options"]["now"].replace("Z", "+00:00"))
    try:
        verifier = verifier_for(vector)
        if vector["form"] == "detached":
            license = verifier.verify_detached(
                data, vector["signature"].encode("ascii"), vector["detached_alg"], now
            )
        else:
            assert "signature" not in vector and "detached_alg" not in vector, vid
            license = verifier.verify(data, now)
    except licsig.Error as e:
        # The class and the kind agree, for every kind the corpus holds.
        assert type(e).kind == e.kind, f"{vid}: {type(e).__name__} has kind {e.kind}"
        return ("error", e.kind), e
    return ("valid", license.form, license.algorithm), None
