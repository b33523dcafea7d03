"""A snapshot whose very files passed the same checks before is attached from its checked copy, not
loaded and checked again; any change to a file, its date or the rules, and any failure, means the
checks run (queries/snapshot_cache.py)."""

import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from queries import results, runner, snapshot_cache, upkeep
from tests.queries.helpers import attached, attached_from, forget, load


def rewrite(folder, table: str, sql_select: str) -> None:
    """Rewrite one table file of the snapshot from a SELECT over its current rows (`t`)."""
    path = folder / f"{table}.parquet"
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_parquet('{path}')")
    con.execute(f"COPY ({sql_select}) TO '{path}' (FORMAT parquet)")
    con.close()


def test_a_passing_snapshot_is_kept_and_the_next_start_attaches_it(snapshot_copy, copies, checks):
    folder = snapshot_copy()
    first = load(folder)
    key = snapshot_cache.key(folder, folder.name)
    assert first.valid and checks == [folder.name]
    assert [p.name for p in copies.iterdir()] == [f"{key}.duckdb"]
    assert attached_from(first) == str(snapshot_cache.path(key))  # served from the copy once it was kept
    again = load(folder)
    assert again.valid and checks == [folder.name]  # not checked a second time
    assert attached_from(again) == str(snapshot_cache.path(key))
    counts = runner.run("grid_counts_by_level", again, park_id=None)
    assert counts.to_dict("list") == {"level": [1, 2, 3], "grid_count": [8, 58, 1179]}


def test_a_changed_file_is_checked_again_and_its_problem_found(snapshot_copy, copies, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    rewrite(folder, "labor_disputes", "SELECT * REPLACE (-workers_involved AS workers_involved) FROM t")
    broken = load(folder)
    assert checks == [folder.name, folder.name]
    assert any(p.column == "workers_involved" and p.message == "negative value" for p in broken.problems)
    assert len(list(copies.iterdir())) == 1  # the failing version left no copy


def test_changed_rules_mean_checking_again(snapshot_copy, copies, checks, monkeypatch):
    folder = snapshot_copy()
    assert load(folder).valid
    monkeypatch.setattr(snapshot_cache, "rules_digest", lambda: "rules of another version")
    assert load(folder).valid and len(checks) == 2


def test_the_same_files_under_another_date_are_checked_for_that_date(snapshot_copy, copies, checks):
    """Dates are checked against the snapshot's date: files that passed as 2022-06-30's do not pass
    unchecked as 2022-03-31's (their later rows are after that date)."""
    folder = snapshot_copy("2022-06-30")
    assert load(folder).valid
    moved = load(folder.rename(folder.parent / "2022-03-31"))
    assert len(checks) == 2 and any("after the snapshot date 2022-03-31" in p.message for p in moved.problems)


def test_a_missing_file_has_no_copy_and_is_reported(snapshot_copy, copies, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    (folder / "party_orgs.parquet").unlink()
    assert snapshot_cache.key(folder, folder.name) is None
    missing = load(folder)
    assert (f"{folder.name}/party_orgs.parquet", "file is missing") in [(p.file, p.message) for p in missing.problems]


def test_the_same_files_in_two_folders_both_load(snapshot_copy, tmp_path, copies, checks):
    """A process attaches a copy once: the second folder with the same files loads into memory."""
    folder = snapshot_copy()
    assert load(folder).valid and load(folder).valid  # the second attached the copy
    twin = tmp_path / "twin" / "snapshots" / folder.name
    twin.parent.mkdir(parents=True)
    shutil.copytree(folder, twin)
    other = load(twin)
    assert other.valid and attached_from(other) is None and len(checks) == 2


def test_an_unreadable_copy_is_checked_again_and_replaced(snapshot_copy, copies, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    key = snapshot_cache.key(folder, folder.name)
    snapshot_cache.path(key).write_bytes(b"not a duckdb database")
    assert load(folder).valid and len(checks) == 2
    assert load(folder).valid and len(checks) == 2  # the copy written again, and attached
    assert attached_from(load(folder)) == str(snapshot_cache.path(key))


def test_an_unwritable_cache_folder_means_checking_every_time(snapshot_copy, tmp_path, monkeypatch, checks):
    monkeypatch.setattr(upkeep, "COPY_AFTER_S", 0.0)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(blocker))
    folder = snapshot_copy()
    assert load(folder).valid and load(folder).valid
    assert len(checks) == 2


def test_copies_unused_for_30_days_are_removed(copies):
    copies.mkdir(parents=True)
    now = time.time()
    ages = {"old.duckdb": 31, "recent.duckdb": 29, ".writing-x-1-2.duckdb": 2, ".writing-y-1-2.duckdb": 0.5}
    for name, days in ages.items():
        (copies / name).write_bytes(b"")
        os.utime(copies / name, (now - days * 86400, now - days * 86400))
    snapshot_cache.remove_unused(copies, now)
    assert sorted(p.name for p in copies.iterdir()) == [".writing-y-1-2.duckdb", "recent.duckdb"]


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("JEDZ_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert snapshot_cache.cache_dir() == tmp_path / "xdg" / "jedz-dashboard" / "snapshots"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert snapshot_cache.cache_dir() == tmp_path / "home" / ".cache" / "jedz-dashboard" / "snapshots"


def test_the_copy_is_written_after_the_first_page_not_before(snapshot_copy, copies, monkeypatch):
    monkeypatch.setattr(upkeep, "COPY_AFTER_S", 2.0)
    folder = snapshot_copy()
    started = time.monotonic()
    snapshot = runner.snapshot_at(folder)
    assert snapshot.valid and attached_from(snapshot) is None and not copies.exists()  # in memory
    upkeep.wait()
    # no upper bound on how long loading took: a loaded machine is slow, the order is what matters
    assert time.monotonic() - started >= 2.0 and len(list(copies.glob("*.duckdb"))) == 1


def test_once_its_copy_is_kept_a_snapshot_is_served_from_it_and_its_memory_given_back(snapshot_copy, copies):
    folder = snapshot_copy()
    snapshot = runner.snapshot_at(folder)
    in_memory = snapshot.catalog
    before = runner.run("grid_counts_by_level", snapshot, park_id="andong")
    results.clear()
    upkeep.wait()
    assert snapshot.catalog != in_memory and attached_from(snapshot).endswith(".duckdb")
    assert not attached(in_memory)
    assert runner.snapshot_at(folder) == snapshot  # the same version: cached results still apply
    # a run that got the snapshot before the move still reads it, from the copy
    assert runner.run("grid_counts_by_level", snapshot, park_id="andong").equals(before)
    assert before.to_dict("list") == {"level": [1, 2, 3], "grid_count": [1, 5, 144]}


def test_a_query_that_chose_the_memory_just_as_it_was_given_back_runs_on_the_copy(snapshot_copy, copies, monkeypatch):
    folder = snapshot_copy()
    snapshot = runner.snapshot_at(folder)
    in_memory = snapshot.catalog
    upkeep.wait()
    moved = snapshot.catalog
    chosen = iter([in_memory, moved, moved, "not read"])  # read before the move, then after it
    monkeypatch.setattr(runner.Snapshot, "catalog", property(lambda self: next(chosen)))
    counts = results.query("grid_counts_by_level", snapshot, (("park_id", None),))
    assert counts.to_dict("list") == {"level": [1, 2, 3], "grid_count": [8, 58, 1179]}
    assert next(chosen) == "not read"  # the memory tried, found moved, then the copy


def test_a_copy_without_the_contracts_tables_is_not_used(snapshot_copy, copies, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    key = snapshot_cache.key(folder, folder.name)
    forget(folder)  # a copy replaced while no server has it open
    snapshot_cache.path(key).unlink()
    other = duckdb.connect(str(snapshot_cache.path(key)))
    other.execute("CREATE TABLE parks AS SELECT 1 AS park_id")
    other.close()
    assert load(folder).valid and len(checks) == 2  # checked again rather than served half a snapshot


def test_without_a_home_folder_copies_go_to_the_temporary_folder(monkeypatch):
    monkeypatch.delenv("JEDZ_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert snapshot_cache.cache_dir() == Path(tempfile.gettempdir()) / ".cache" / "jedz-dashboard" / "snapshots"
