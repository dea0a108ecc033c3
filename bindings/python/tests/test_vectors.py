"""The license corpus (test-vectors/licenses/, made by Python cryptography, PyJWT and
rfc8785, never by licsig): every vector of every group gives exactly its expected
outcome through the binding, and the totals are those test-vectors/README.md states,
so a vector cannot drop out silently."""

from collections import Counter

import pytest

import corpus

# Group → (vectors, outcomes): the counts of test-vectors/README.md.
TOTALS = {
    "algorithms": (87, {"valid": 87}),
    "valid": (44, {"valid": 44}),
    "negative": (
        92,
        {
            "malformed": 46, "bad_signature": 15, "unsupported_algorithm": 7,
            "key_mismatch": 4, "expired": 4, "unknown_key": 4, "limit_exceeded": 3,
            "node_mismatch": 2, "not_yet_valid": 2, "algorithm_not_allowed": 1,
            "node_unbound": 1, "missing_entitlement": 1, "key_revoked": 1,
            "license_revoked": 1,
        },
    ),
    "key_formats": (576, {"valid": 576}),
    "x5c": (
        36,
        {
            "valid": 9, "certificate_invalid": 19, "unknown_key": 2, "key_mismatch": 2,
            "key_revoked": 2, "bad_signature": 1, "expired": 1,
        },
    ),
    "hybrid": (
        21,
        {
            "valid": 7, "missing_signature": 8, "bad_signature": 3, "key_revoked": 1,
            "algorithm_not_allowed": 1, "expired": 1,
        },
    ),
}


@pytest.mark.parametrize("group", sorted(TOTALS))
def test_group(group):
    vectors = corpus.load_group(group)
    count, outcomes = TOTALS[group]
    seen = Counter()
    failures = []
    for vector in vectors:
        want = corpus.expected(vector)
        got, error = corpus.run(vector)
        seen[want[0] if want[0] == "valid" else want[1]] += 1
        if got != want:
            failures.append(f"{vector['id']}: expected {want}, got {got}: {error}")
    assert failures == []
    assert len(vectors) == count
    assert dict(seen) == outcomes


def test_ids_are_unique_across_groups():
    ids = [v["id"] for group in TOTALS for v in corpus.load_group(group)]
    assert len(ids) == len(set(ids)) == 856
