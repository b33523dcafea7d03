"""A first start checks only what the first page needs: the newest two valid snapshots and a linked
date. The rest of a long history is checked in the background, one snapshot at a time, each then
served from its checked copy, so neither the first page nor memory grows with the history
(runner.ready_snapshots)."""

import os
import shutil
import threading
from pathlib import Path

import pytest

from queries import loading, runner, snapshot_cache, upkeep
from tests.queries.helpers import attached, attached_from, forget

SHIPPED = ("2022-03-31", "2022-06-30", "2022-09-30")
LATER = ("2022-10-31", "2022-11-30")  # the newest files again, under later dates: valid
NEWEST_FIRST = sorted(SHIPPED + LATER, reverse=True)


@pytest.fixture
def history(tmp_path, copies) -> Path:
    """A data folder of five snapshots never checked, with this test's own folder of checked copies."""
    for date in SHIPPED:
        shutil.copytree(runner.ROOT / "data" / "snapshots" / date, tmp_path / "snapshots" / date)
    for date in LATER:
        shutil.copytree(runner.ROOT / "data" / "snapshots" / SHIPPED[-1], tmp_path / "snapshots" / date)
    return tmp_path


@pytest.fixture
def background(monkeypatch) -> list[str]:
    """The dates handed to the background checker, which is held back."""
    handed = []
    monkeypatch.setattr(upkeep, "check_in_background", lambda folders, check: handed.extend(f.name for f in folders))
    return handed


def dates(snapshots) -> list[str]:
    return [s.date for s in snapshots]


def test_a_first_start_checks_the_newest_two_and_hands_the_rest_to_the_background(history, checks, background):
    ready, checking = runner.ready_snapshots(history)
    assert dates(ready) == ["2022-11-30", "2022-10-31"] and all(s.valid for s in ready)
    assert checking == ["2022-09-30", "2022-06-30", "2022-03-31"] == background
    assert sorted(checks) == ["2022-10-31", "2022-11-30"]


def test_a_broken_newest_snapshot_means_checking_one_more(history, checks, background):
    (history / "snapshots" / "2022-11-30" / "party_orgs.parquet").unlink()
    ready, checking = runner.ready_snapshots(history)
    assert [(s.date, s.valid) for s in ready] == [("2022-11-30", False), ("2022-10-31", True), ("2022-09-30", True)]
    assert checking == ["2022-06-30", "2022-03-31"]
    assert "2022-11-30/party_orgs.parquet: file is missing" in map(str, ready[0].problems)


def test_a_date_a_link_asks_for_is_checked_at_once(history, checks, background):
    ready, checking = runner.ready_snapshots(history, wanted="2022-03-31")
    assert dates(ready) == ["2022-11-30", "2022-10-31", "2022-03-31"]
    assert checking == ["2022-09-30", "2022-06-30"]
    ready, checking = runner.ready_snapshots(history, wanted="not-a-date")
    assert checking == ["2022-09-30", "2022-06-30"] and len(checks) == 3


def test_the_background_checks_the_rest_one_at_a_time_each_then_served_from_its_copy(history, checks):
    loaded_on = {}
    real = loading.load

    def recording(folder, fingerprint, **kwargs):
        loaded_on[folder.name] = threading.current_thread().name
        return real(folder, fingerprint, **kwargs)

    loading.load = recording
    try:
        runner.ready_snapshots(history)
        upkeep.wait()
    finally:
        loading.load = real
    ready, checking = runner.ready_snapshots(history)
    assert dates(ready) == NEWEST_FIRST and checking == [] and all(s.valid for s in ready)
    assert sorted(checks) == sorted(NEWEST_FIRST)  # each checked once
    for snapshot in ready:
        assert attached_from(snapshot).endswith(".duckdb"), snapshot.date  # all served from their copies
    for date in ("2022-09-30", "2022-06-30", "2022-03-31"):
        assert loaded_on[date].startswith("snapshot-upkeep")
    background = [s for s in ready if s.date in ("2022-09-30", "2022-06-30", "2022-03-31")]
    assert not any(attached("snap_" + s.fingerprint) for s in background)  # their memory given back at once
    counts = runner.run("grid_counts_by_level", ready[-1], park_id=None)
    assert counts.to_dict("list") == {"level": [1, 2, 3], "grid_count": [8, 58, 1179]}


def test_a_restart_attaches_every_checked_copy_and_checks_nothing(history, checks, background):
    assert all(s.valid for s in runner.snapshots(history))
    upkeep.wait()
    for date in NEWEST_FIRST:
        forget(history / "snapshots" / date)
    checks.clear()
    ready, checking = runner.ready_snapshots(history)
    assert dates(ready) == NEWEST_FIRST and checking == [] and checks == []


def test_the_newest_and_the_one_before_are_found_checking_no_further(history, checks, background):
    latest = runner.latest_valid(history)
    assert latest.date == "2022-11-30" and checks == ["2022-11-30"]
    assert runner.previous_valid(latest).date == "2022-10-31" and checks == ["2022-11-30", "2022-10-31"]


def test_every_date_is_offered_once_all_are_checked(history, background):
    """A page that shows the whole history (grid coverage over time) checks what is still unchecked."""
    runner.ready_snapshots(history)
    assert runner.valid_dates(history) == NEWEST_FIRST
    assert runner.ready_snapshots(history)[1] == []


def test_a_page_run_neither_waits_for_nor_rereads_a_snapshot_being_checked_in_the_background(history, monkeypatch):
    monkeypatch.setattr(upkeep, "later", lambda task, *args: None)  # queued, never started
    _, checking = runner.ready_snapshots(history)
    held = [loading.folder_lock(history / "snapshots" / d) for d in checking]
    hashed = []
    monkeypatch.setattr(snapshot_cache, "key", lambda folder, as_of: hashed.append(as_of))
    for lock in held:
        lock.acquire()  # as the background checker holds the one it checks
    try:
        again = []
        run = threading.Thread(target=lambda: again.append(runner.ready_snapshots(history)), daemon=True)
        run.start()
        run.join(timeout=10)
        assert again and dates(again[0][0]) == ["2022-11-30", "2022-10-31"] and again[0][1] == checking
        assert hashed == []
    finally:
        for lock in held:
            lock.release()


def test_a_process_exiting_drops_the_checks_and_copies_still_queued(history):
    """Stopping a server right after a first start does not wait for the background: what is queued is
    done by the next start instead."""
    import subprocess
    import sys

    script = (
        "from pathlib import Path; from queries import runner; "
        f"ready, checking = runner.ready_snapshots(Path({str(history)!r})); "
        "print(len(ready), len(checking))"
    )
    cache = history / "exit-cache"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=runner.ROOT,
        env={**os.environ, "JEDZ_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "3"]
    assert not list(cache.rglob("*.duckdb"))  # neither the first page's copies (due in 5 s) nor the checks
