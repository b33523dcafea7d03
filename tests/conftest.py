import os
import shutil
from pathlib import Path

import pytest

from queries import runner
from ui import kept_figures

LATEST = "2022-09-30"
SNAPSHOT_DATES = ("2022-03-31", "2022-06-30", "2022-09-30")


def session_folder(tmp_path_factory, name: str, variable: str):
    """A folder of this test session in the environment variable `variable` (servers the tests start
    inherit it), restored afterwards."""
    folder = tmp_path_factory.mktemp(name)
    before = os.environ.get(variable)
    os.environ[variable] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(variable, None)
    else:
        os.environ[variable] = before


@pytest.fixture(scope="session", autouse=True)
def snapshot_copies(tmp_path_factory):
    """Checked copies of snapshots go to a folder of this test session, so every session starts
    unchecked and nothing is written to the user's cache."""
    yield from session_folder(tmp_path_factory, "cache", "JEDZ_CACHE_DIR")


@pytest.fixture(scope="session", autouse=True)
def audit_log(tmp_path_factory):
    """The audit log of this test session: nothing in the user's home."""
    yield from session_folder(tmp_path_factory, "audit", "JEDZ_AUDIT_DIR")


@pytest.fixture(autouse=True)
def figures_built_afresh():
    """Every test builds its figures: a test may change what a builder reads (a limit, a string), which
    a kept figure would not follow."""
    kept_figures.forget()


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
