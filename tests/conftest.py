import shutil
from pathlib import Path

import pytest

from queries import runner

LATEST = "2022-09-30"
SNAPSHOT_DATES = ("2022-03-31", "2022-06-30", "2022-09-30")


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
