"""Faults survived: a damaged checked copy is found when it is attached and when a query fails reading it,
removed, and the snapshot checked again from its parquet files; a full disk while a copy or a snapshot
is written leaves the last good state, and says so."""

import errno
import logging
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from queries import loading, results, runner, snapshot_cache, upkeep
from tests.pages.helpers import metrics, no_exception, open_app
from tests.queries.helpers import attached_from, forget, load
from tools import ingest

LATEST = "2022-09-30"


def dispute_totals(snapshot) -> tuple:
    row = runner.run("dispute_totals", snapshot, park_id=None).iloc[0]
    return int(row["case_count"]), int(row["workers_involved"]), int(row["amount_yuan"])


def truncate(path: Path) -> None:
    with open(path, "r+b") as file:
        file.truncate(path.stat().st_size // 2)


def the_copy(folder: Path) -> Path:
    return snapshot_cache.path(snapshot_cache.key(folder, folder.name))


def test_a_truncated_copy_is_removed_at_attach_and_the_snapshot_checked_again(snapshot_copy, copies, checks, caplog):
    folder = snapshot_copy()
    assert load(folder).valid and checks == [LATEST]
    copy = the_copy(folder)
    truncate(copy)
    forget(folder)  # a restart
    with caplog.at_level(logging.WARNING):
        again = load(folder)
    assert again.valid and checks == [LATEST, LATEST]  # checked again from the parquet files
    assert "truncated" in caplog.text and str(copy) in caplog.text
    assert attached_from(again) == str(copy)  # written again, whole, and served from it
    assert copy.stat().st_size > 0
    assert dispute_totals(again) == (470, 1573, 18_726_000)


def test_a_foreign_file_in_place_of_a_copy_is_removed(snapshot_copy, copies, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    copy = the_copy(folder)
    forget(folder)
    copy.write_bytes(b"PK\x03\x04 a zip file restored from a backup by mistake")
    assert load(folder).valid and len(checks) == 2
    assert attached_from(loading.current(folder)) == str(copy)


def test_a_copy_damaged_after_it_is_attached_is_replaced_when_a_query_fails(snapshot_copy, copies, checks, caplog):
    folder = snapshot_copy()
    snapshot = load(folder)
    copy = the_copy(folder)
    assert attached_from(snapshot) == str(copy)
    truncate(copy)  # a bad sector, a full disk: the blocks a query reads are gone
    results.clear()
    with caplog.at_level(logging.WARNING):
        assert dispute_totals(snapshot) == (470, 1573, 18_726_000)  # the same session's snapshot still answers
    assert "unreadable by a query" in caplog.text
    assert checks == [LATEST, LATEST]
    upkeep.wait()
    assert attached_from(snapshot) == str(copy) and runner.snapshot_at(folder) == snapshot  # a new copy, served
    results.clear()
    assert dispute_totals(snapshot) == (470, 1573, 18_726_000)


@pytest.fixture
def served_data(tmp_path, monkeypatch):
    """The shipped snapshots in a data folder the app serves, with a cache folder of the test's own."""
    data = tmp_path / "data"
    shutil.copytree(runner.ROOT / "data" / "snapshots", data / "snapshots")
    shutil.copy(runner.ROOT / "data" / "published_figures.csv", data)
    monkeypatch.setenv("JEDZ_DATA_DIR", str(data))
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(tmp_path / "cache"))
    return data


def test_pages_show_the_articles_figures_over_damaged_copies(served_data, tmp_path):
    data = served_data
    folders = sorted((data / "snapshots").iterdir())
    assert all(s.valid for s in runner.snapshots(data))
    upkeep.wait()
    copies = list((tmp_path / "cache" / "snapshots").glob("*.duckdb"))
    assert len(copies) == len(folders)
    for copy in copies:
        truncate(copy)
    for folder in folders:
        forget(folder)  # a restart over the damaged copies
    at = open_app("labor_disputes.py")
    no_exception(at)
    shown = metrics(at)
    assert (shown["调处劳动纠纷"].value, shown["涉及职工"].value) == ("470起", "1573人次")
    assert shown["涉及金额"].value == "1872.6万元"


def test_a_page_over_a_copy_damaged_after_it_was_attached_shows_its_figures_and_says_so(served_data, tmp_path):
    data = served_data
    assert all(s.valid for s in runner.snapshots(data))
    upkeep.wait()  # every snapshot served from its checked copy, as by a server that has run a while
    copy = Path(attached_from(runner.resolve(LATEST)))
    truncate(copy)  # under the running server, before a page reads it: a bad sector, a copy overwritten
    at = open_app()
    shown = metrics(at)
    assert (shown["调处劳动纠纷"].value, shown["三级(企业地块)网格"].value) == ("470起", "1179个")
    notice = "\n".join(i.value for i in at.sidebar.info)
    assert f"数据快照 {LATEST} 的校验副本已损坏" in notice and "重新载入并校验" in notice
    upkeep.wait()
    assert attached_from(runner.resolve(LATEST)) == str(copy)  # a new copy, whole, served again
    at.switch_page("app_pages/labor_disputes.py")
    at.run()
    no_exception(at)
    assert not at.info  # said once, in the run that found it
    shown = metrics(at)
    assert (shown["调处劳动纠纷"].value, shown["涉及职工"].value) == ("470起", "1573人次")
    assert shown["涉及金额"].value == "1872.6万元"


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs (as root); else None, and the tests raise ENOSPC themselves."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_while_a_copy_is_written_serves_from_memory_and_says_so(
    snapshot_copy, small_disk, monkeypatch, caplog
):
    monkeypatch.setattr(upkeep, "COPY_AFTER_S", 0.0)
    folder = snapshot_copy()
    if small_disk is None:

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(snapshot_cache.os, "replace", full)
        cache = folder.parent.parent / "cache"
    else:
        cache = small_disk / "cache"
        (small_disk / "filler").write_bytes(b"\0" * 700 * 1024)  # the copy (about 1 MiB) does not fit
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(cache))
    with caplog.at_level(logging.WARNING):
        snapshot = load(folder)
    assert snapshot.valid and attached_from(snapshot) is None  # served from memory
    assert "the disk is full" in caplog.text
    assert not [p for p in (cache / "snapshots").glob("*") if p.is_file()]  # nothing half-written left
    assert dispute_totals(snapshot) == (470, 1573, 18_726_000)


def test_a_full_disk_while_ingest_writes_leaves_the_existing_snapshots_untouched(small_disk, tmp_path):
    if small_disk is None:
        pytest.skip("needs a small tmpfs (root): the ingest runs in a process of its own")
    data = small_disk / "data"
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-06-30", data / "snapshots" / "2022-06-30")
    before = {p.name: p.read_bytes() for p in (data / "snapshots" / "2022-06-30").iterdir()}
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * (free - 60 * 1024))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.ingest",
            "data/examples/ingest",
            "--as-of",
            "2022-12-31",
            "--data-dir",
            str(data),
        ],
        cwd=runner.ROOT,
        env={**os.environ, "JEDZ_CACHE_DIR": str(tmp_path / f"cache-{uuid.uuid4().hex}")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "the disk is full" in done.stderr and "nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in (data / "snapshots").iterdir()) == ["2022-06-30"]  # no temporary folder left
    assert {p.name: p.read_bytes() for p in (data / "snapshots" / "2022-06-30").iterdir()} == before
    assert ingest.verify(data / "snapshots" / "2022-06-30", "2022-06-30") == []
