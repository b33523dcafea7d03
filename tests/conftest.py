import os
import shutil
from pathlib import Path

import pytest

from queries import runner

LATEST = "2022-09-30"
SNAPSHOT_DATES = ("2022-03-31", "2022-06-30", "2022-09-30")


@pytest.fixture(scope="session", autouse=True)
def snapshot_copies(tmp_path_factory):
    """Checked copies of snapshots go to a folder of this test session (servers it starts inherit it),
    so every session starts unchecked and nothing is written to the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("JEDZ_CACHE_DIR")
    os.environ["JEDZ_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("JEDZ_CACHE_DIR", None)
    else:
        os.environ["JEDZ_CACHE_DIR"] = before


@pytest.fixture(scope="session", autouse=True)
def audit_log(tmp_path_factory):
    """The audit log of this test session (servers it starts inherit it): nothing in the user's home."""
    folder = tmp_path_factory.mktemp("audit")
    before = os.environ.get("JEDZ_AUDIT_DIR")
    os.environ["JEDZ_AUDIT_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("JEDZ_AUDIT_DIR", None)
    else:
        os.environ["JEDZ_AUDIT_DIR"] = before


@pytest.fixture(scope="session")
def latest() -> runner.Snapshot:
    return runner.resolve(LATEST)


@pytest.fixture
def snapshot_copy(tmp_path: Path):
    """A writable copy of the shipped latest snapshot, under `tmp_path/snapshots/<date>`, to break."""

    def make(date: str = LATEST) -> Path:
        target = tmp_path / "snapshots" / date
        shutil.copytree(runner.ROOT / "data" / "snapshots" / date, target)
        return target

    return make
