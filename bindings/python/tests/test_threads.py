"""One Verifier shared by threads: it is immutable and releases the GIL while it
verifies."""

from concurrent.futures import ThreadPoolExecutor

import licsig
from conftest import NOW, sample

THREADS = 8
EACH = 50


def test_threads_share_one_verifier(verifier):
    inputs = [sample("token.jwt"), sample("license-file.json"), sample("checkout-response.json")]

    def work(i):
        results = []
        for j in range(EACH):
            license = verifier.verify(inputs[(i + j) % len(inputs)], NOW)
            results.append((license.license_arn, license.kid, license.signed_document))
        detached = verifier.verify_detached(
            sample("license.json"), sample("license.json.sig"), "RSASSA_PSS_SHA_256", NOW
        )
        results.append((detached.license_arn, detached.kid, detached.signed_document))
        return results

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [r for batch in pool.map(work, range(THREADS)) for r in batch]
    assert len(results) == THREADS * (EACH + 1)
    first = verifier.verify(sample("token.jwt"), NOW)
    # Every form reads the same license; the token's payload and the canonical form
    # of the others are the same JSON (compared as sets of distinct results).
    assert {(arn, kid) for arn, kid, _ in results} == {(first.license_arn, first.kid)}
    assert {doc for _, _, doc in results} == {
        first.signed_document,
        licsig.canonicalize(sample("license.json")),
    }


def test_refusals_in_threads(sample_keys):
    unbound = licsig.Verifier(sample_keys)

    def work(_):
        kinds = []
        for _ in range(EACH):
            try:
                unbound.verify(sample("token.jwt"), NOW)
            except licsig.NodeUnbound as e:
                kinds.append(e.kind)
        return kinds

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        kinds = [k for batch in pool.map(work, range(THREADS)) for k in batch]
    assert kinds == ["node_unbound"] * (THREADS * EACH)
