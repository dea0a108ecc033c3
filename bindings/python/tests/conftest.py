"""Shared paths, times and keys for the licsig binding's tests."""

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

import licsig

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "test-vectors" / "sample"
NODE = "100.20.15.10"
# Inside the sample license's validity (issued 2026-11-01, expires 2036-11-01), as
# tests/cli.rs uses it.
NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)


def pytest_sessionstart(session):
    # CI tests the installed wheel: a package imported from the source tree
    # (bindings/python/python/licsig) would test something else.
    if os.environ.get("LICSIG_PY_REQUIRE_INSTALLED") == "1":
        source = REPO / "bindings" / "python" / "python"
        imported = Path(licsig.__file__).resolve()
        if source in imported.parents:
            raise pytest.UsageError(f"licsig imported from the source tree: {imported}")


def sample(name: str) -> bytes:
    return (SAMPLE / name).read_bytes()


@pytest.fixture(scope="session")
def sample_keys() -> licsig.KeySet:
    return licsig.KeySet.from_pem(sample("vendor-public-key.pem").decode())


@pytest.fixture(scope="session")
def verifier(sample_keys) -> licsig.Verifier:
    return licsig.Verifier(sample_keys, node_id=NODE)
