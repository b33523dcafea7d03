"""A snapshot whose very files passed the same checks before loads without checking again; any change
to a file or to the rules, and any failure, means the checks run (queries/check_record.py)."""

import duckdb
import pytest

from queries import check_record, runner, validate


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
def own_records(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(folder))
    return folder / "checked"


def load(folder):
    return runner._load(folder, runner._fingerprint(folder))


def rewrite(folder, table: str, sql_select: str) -> None:
    """Rewrite one table file of the snapshot from a SELECT over its current rows (`t`)."""
    path = folder / f"{table}.parquet"
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_parquet('{path}')")
    con.execute(f"COPY ({sql_select}) TO '{path}' (FORMAT parquet)")
    con.close()


def test_a_pass_is_recorded_and_the_next_load_skips_the_checks(snapshot_copy, own_records, checks):
    folder = snapshot_copy()
    first = load(folder)
    assert first.valid and checks == [folder.name]
    assert [p.name for p in own_records.iterdir()] == [check_record.key(folder, folder.name)]
    again = load(folder)
    assert again.valid and checks == [folder.name]  # not checked a second time
    # the tables are there all the same: the shipped figures come out of the unchecked load
    counts = runner.run("grid_counts_by_level", again, park_id=None)
    assert counts.to_dict("list") == {"level": [1, 2, 3], "grid_count": [8, 58, 1179]}


def test_a_changed_file_is_checked_again_and_its_problem_found(snapshot_copy, own_records, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    rewrite(folder, "labor_disputes", "SELECT * REPLACE (-workers_involved AS workers_involved) FROM t")
    broken = load(folder)
    assert checks == [folder.name, folder.name]
    assert any(p.column == "workers_involved" and p.message == "negative value" for p in broken.problems)
    assert len(list(own_records.iterdir())) == 1  # the failing version left no record


def test_changed_rules_mean_checking_again(snapshot_copy, own_records, checks, monkeypatch):
    folder = snapshot_copy()
    assert load(folder).valid
    monkeypatch.setattr(check_record, "rules_digest", lambda: "rules of another version")
    assert load(folder).valid and len(checks) == 2


def test_a_file_replaced_while_loading_is_checked_as_loaded(snapshot_copy, own_records, checks, monkeypatch):
    """The record is for the bytes hashed; if the files change between the hash and the load, the
    stat fingerprint the runner started from no longer matches, so what was loaded is checked."""
    folder = snapshot_copy()
    good_key = check_record.key(folder, folder.name)
    assert load(folder).valid
    started_from = runner._fingerprint(folder)
    rewrite(folder, "grids", "SELECT * REPLACE (lon + 100 AS lon) FROM t")
    monkeypatch.setattr(check_record, "key", lambda _folder, _as_of: good_key)  # hashed before the change
    loaded = runner._load(folder, started_from)
    assert len(checks) == 2 and any(p.column == "lon" for p in loaded.problems)


def test_a_missing_file_has_no_record_and_is_reported(snapshot_copy, own_records, checks):
    folder = snapshot_copy()
    assert load(folder).valid
    (folder / "party_orgs.parquet").unlink()
    assert check_record.key(folder, folder.name) is None
    missing = load(folder)
    assert [(p.file, p.message) for p in missing.problems][:1] == [
        (f"{folder.name}/party_orgs.parquet", "file is missing")
    ]


def test_an_unwritable_cache_folder_means_checking_every_time(snapshot_copy, tmp_path, monkeypatch, checks):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(blocker))
    folder = snapshot_copy()
    assert load(folder).valid and load(folder).valid
    assert len(checks) == 2 and not check_record.record(check_record.key(folder, folder.name))


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("JEDZ_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert check_record.cache_dir() == tmp_path / "xdg" / "jedz-dashboard" / "checked"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert check_record.cache_dir() == tmp_path / "home" / ".cache" / "jedz-dashboard" / "checked"


def test_the_same_files_under_another_date_are_checked_for_that_date(snapshot_copy, own_records, checks):
    """Dates are checked against the snapshot's date: files that passed as 2022-06-30's do not pass
    unchecked as 2022-03-31's (their later rows are after that date)."""
    folder = snapshot_copy("2022-06-30")
    assert load(folder).valid
    earlier = folder.rename(folder.parent / "2022-03-31")
    moved = load(earlier)
    assert len(checks) == 2 and any("after the snapshot date 2022-03-31" in p.message for p in moved.problems)
