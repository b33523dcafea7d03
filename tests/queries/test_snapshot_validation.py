"""Broken copies of a snapshot are refused with messages naming the file, column and rows."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from queries import runner


def rewrite(folder, table, change):
    path = folder / f"{table}.parquet"
    frame = pq.read_table(path).to_pandas()
    frame = change(frame)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)


def problems_of(folder) -> list[str]:
    return [str(p) for p in runner.snapshot_at(folder).problems]


def test_an_intact_copy_is_valid(snapshot_copy):
    assert problems_of(snapshot_copy()) == []


def test_missing_file(snapshot_copy):
    folder = snapshot_copy()
    (folder / "grids.parquet").unlink()
    assert "2022-09-30/grids.parquet: file is missing" in problems_of(folder)


def test_unreadable_file(snapshot_copy):
    folder = snapshot_copy()
    (folder / "parks.parquet").write_bytes(b"not a parquet file")
    [problem] = [p for p in problems_of(folder) if p.startswith("2022-09-30/parks.parquet")]
    assert "cannot be read as parquet" in problem


def test_missing_column(snapshot_copy):
    folder = snapshot_copy()
    rewrite(folder, "enterprises", lambda f: f.drop(columns=["employees"]))
    assert "2022-09-30/enterprises.parquet, column employees: required column is missing" in problems_of(folder)


def test_wrong_type(snapshot_copy):
    folder = snapshot_copy()
    rewrite(folder, "labor_disputes", lambda f: f.assign(amount_yuan=f["amount_yuan"].astype(str)))
    assert any(
        p.startswith("2022-09-30/labor_disputes.parquet, column amount_yuan: has type VARCHAR, expected bigint")
        for p in problems_of(folder)
    )


def test_negative_count_names_the_rows(snapshot_copy):
    folder = snapshot_copy()

    def negative(frame):
        frame.loc[[2, 7], "employees"] = -5
        return frame

    rewrite(folder, "enterprises", negative)
    assert "2022-09-30/enterprises.parquet, column employees, rows 3, 8: negative value" in problems_of(folder)


def test_duplicate_key(snapshot_copy):
    folder = snapshot_copy()
    rewrite(folder, "parks", lambda f: f.assign(park_id=f["park_id"].where(f.index != 1, f.at[0, "park_id"])))
    assert "2022-09-30/parks.parquet, column park_id, rows 1, 2: duplicate key" in problems_of(folder)


def test_unknown_park(snapshot_copy):
    folder = snapshot_copy()

    def elsewhere(frame):
        frame.loc[0, "park_id"] = "mars"
        return frame

    rewrite(folder, "labor_disputes", elsewhere)
    assert "2022-09-30/labor_disputes.parquet, column park_id, rows 1: unknown park_id" in problems_of(folder)


def test_closed_before_reported(snapshot_copy):
    folder = snapshot_copy()

    def backwards(frame):
        closed = frame.index[frame["closed_on"].notna()][0]
        frame.loc[closed, "closed_on"] = frame.loc[closed, "reported_on"] - __import__("datetime").timedelta(days=3)
        return frame

    rewrite(folder, "labor_disputes", backwards)
    assert any("column closed_on" in p and "closed before it was reported" in p for p in problems_of(folder))


def test_enterprise_on_a_grid_that_is_not_level3(snapshot_copy):
    folder = snapshot_copy()
    rewrite(folder, "enterprises", lambda f: f.assign(grid_id=f["grid_id"].where(f.index != 0, "andong-L1-01")))
    assert "2022-09-30/enterprises.parquet, column grid_id, rows 1: grid is not a level-3 grid" in problems_of(folder)


def test_the_dashboard_keeps_serving_the_last_good_snapshot(snapshot_copy, tmp_path, monkeypatch):
    snapshot_copy("2022-06-30")
    broken = snapshot_copy("2022-09-30")
    (broken / "grids.parquet").unlink()
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
    assert runner.latest_valid().date == "2022-06-30"
    with pytest.raises(LookupError, match="grids.parquet: file is missing"):
        runner.resolve("2022-09-30")


def test_a_rule_that_cannot_run_leaves_the_other_rules_of_its_table_checked():
    """A table's rules are counted in one scan; where that scan fails, each rule runs on its own."""
    import duckdb

    from queries import validate

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE parks AS SELECT * FROM (VALUES (0::BIGINT, 'wuli', NULL), (1, 'wuli', '五里园'))"
        " t(file_row_number, park_id, name_zh)"
    )
    # told that lon is there, which it is not: its rules cannot run
    problems = validate.check_rows(
        con, validate.TABLES["parks"], "parks.csv", {"park_id", "name_zh", "lon"}, "2022-09-30"
    )
    text = [str(p) for p in problems]
    assert "parks.csv, column park_id, rows 1, 2: duplicate key" in text
    assert "parks.csv, column name_zh, rows 1: empty value where one is required" in text
    assert any(line.startswith("parks.csv, column lon: could not be checked (") for line in text), text
    con.close()
