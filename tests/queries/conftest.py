"""Fixtures of the query tests that load snapshots: count the checks, keep copies in the test's folder."""

import pytest

from queries import upkeep, validate


@pytest.fixture
def checks(monkeypatch):
    """Count the runs of the contract's checks made by the runner."""
    calls = []
    real = validate.check_loaded

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(validate, "check_loaded", counting)
    return calls


@pytest.fixture
def copies(tmp_path, monkeypatch):
    """This test's own folder of checked copies, written as soon as a snapshot passes."""
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(upkeep, "COPY_AFTER_S", 0.0)
    return tmp_path / "cache" / "snapshots"
