"""Every query runs on real DuckDB over the shipped parquet, for the zone and each park."""

import shutil

import pandas as pd
import pytest

from queries import loading, results, runner
from tests.parks import PARK_IDS

PARKS = [None, *PARK_IDS]


def park_queries():
    return [name for name in runner.QUERIES if runner.parameters_of(name) == {"park_id"}]


@pytest.mark.parametrize("name", park_queries())
def test_parts_add_up_to_the_zone(name, latest):
    """Summed over the five parks, every additive column gives the zone's value."""
    # a `top_` column names the largest of something (the most common specialist role): not a sum
    zone = runner.run(name, latest, park_id=None).filter(regex="^(?!top_)")
    parts = pd.concat([runner.run(name, latest, park_id=p) for p in PARK_IDS]).filter(regex="^(?!top_)")
    keys = [c for c in zone.columns if zone[c].dtype == object or str(zone[c].dtype) in ("str", "string")]
    additive = [c for c in zone.columns if c.endswith(("_count", "_yuan", "_m2", "workers_involved"))]
    assert additive, f"{name} has no additive column to check"
    if keys or "level" in zone.columns or "report_month" in zone.columns or "month" in zone.columns:
        by = [c for c in zone.columns if c in keys or c in ("level", "report_month", "month")]
        assert_sums(zone.groupby(by)[additive].sum(), parts.groupby(by)[additive].sum())
    else:
        assert_sums(zone[additive].sum(), parts[additive].sum())


def assert_sums(zone, parts):
    pd.testing.assert_frame_equal(pd.DataFrame(zone).astype("int64"), pd.DataFrame(parts).astype("int64"))


def test_andong_grid_structure(latest):
    levels = runner.run("grid_counts_by_level", latest, park_id="andong")
    assert levels.to_dict("list") == {"level": [1, 2, 3], "grid_count": [1, 5, 144]}


def test_coverage_is_share_of_level3_grids(latest):
    row = runner.run("grid_worker_coverage", latest, park_id=None).iloc[0]
    assert row.level3_grid_count == 1179
    assert 0 < row.covered_level3_grid_count < row.level3_grid_count
    assert row.coverage_pct == pytest.approx(100 * row.covered_level3_grid_count / 1179)


def test_disputes_by_month_cover_the_year_to_date(latest):
    months = runner.run("disputes_by_month", latest, park_id=None)
    assert [m.month for m in months["report_month"]] == list(range(1, 10))
    assert months["case_count"].sum() == 470


def test_earlier_snapshots_are_smaller(latest):
    earlier = runner.resolve("2022-06-30")
    for query, column in (("dispute_totals", "case_count"), ("grid_worker_coverage", "enterprise_grid_worker_count")):
        assert (
            runner.run(query, earlier, park_id=None).at[0, column]
            < runner.run(query, latest, park_id=None).at[0, column]
        )
    months = runner.run("economy_ytd", earlier, park_id=None)["last_month"]
    assert {m.month for m in months} == {6}


def test_a_park_without_rows_gives_zeros_not_errors(latest):
    totals = runner.run("dispute_totals", latest, park_id="nowhere").iloc[0]
    assert (totals.case_count, totals.amount_yuan) == (0, 0)
    assert runner.run("grid_counts_by_level", latest, park_id="nowhere")["grid_count"].tolist() == [0, 0, 0]


def test_runner_refuses_unknown_queries_and_parameters(latest):
    with pytest.raises(KeyError, match="unknown query"):
        runner.run("drop_everything", latest)
    with pytest.raises(TypeError, match="takes"):
        runner.run("dispute_totals", latest, park_id=None, extra=1)
    with pytest.raises(LookupError):
        runner.resolve("../../etc")


def test_results_are_copies(latest):
    first = runner.run("parks", latest)
    first.loc[0, "name_zh"] = "changed"
    assert runner.run("parks", latest).at[0, "name_zh"] == "五里园"


def test_shipped_snapshots_are_all_valid():
    found = {s.date: s for s in runner.snapshots()}
    assert set(found) == {"2022-03-31", "2022-06-30", "2022-09-30"}
    assert all(s.valid for s in found.values()), [str(p) for s in found.values() for p in s.problems]
    assert runner.latest_valid().date == "2022-09-30"


def test_a_changed_result_leaves_the_cached_one_alone(latest):
    first = runner.run("dispute_totals", latest, park_id="andong")
    first["extra"] = 1
    first.iloc[0, 0] = -1
    again = runner.run("dispute_totals", latest, park_id="andong")
    assert "extra" not in again.columns and again.iloc[0, 0] != -1


def test_the_result_cache_keeps_within_its_memory_budget():
    frame = pd.DataFrame({"n": range(1000)})  # 8 kB of int64 (and its index)
    size = int(frame.memory_usage(index=True, deep=True).sum())
    cache = results.ResultCache(max_bytes=4 * size, max_entries=100)
    for key in "abcd":
        cache.put((key,), frame)
    assert cache.get(("a",)) is frame  # now the most recently used
    cache.put(("e",), frame)
    assert cache.get(("b",)) is None and cache.get(("a",)) is frame and cache.get(("e",)) is frame
    assert cache.nbytes <= 4 * size
    cache.put(("big",), pd.DataFrame({"n": range(2000)}))  # more than a quarter of the budget: not kept
    assert cache.get(("big",)) is None and cache.get(("c",)) is frame
    few = results.ResultCache(max_bytes=10**9, max_entries=2)
    for key in "abc":
        few.put((key,), frame)
    assert few.get(("a",)) is None and few.get(("c",)) is frame


def test_snapshots_not_yet_loaded_load_side_by_side_once_each(tmp_path, monkeypatch):
    import threading

    from tests.conftest import SNAPSHOT_DATES

    shutil.copytree(runner.ROOT / "data" / "snapshots", tmp_path / "snapshots")
    loads, threads = [], set()
    real = loading.load

    def counting(folder, fingerprint, **kwargs):
        loads.append(folder.name)
        threads.add(threading.get_ident())
        return real(folder, fingerprint, **kwargs)

    monkeypatch.setattr(loading, "load", counting)
    found = runner.snapshots(tmp_path)
    assert [s.date for s in found] == sorted(SNAPSHOT_DATES, reverse=True) and all(s.valid for s in found)
    assert sorted(loads) == sorted(SNAPSHOT_DATES) and len(threads) > 1
    assert runner.snapshots(tmp_path) == found and len(loads) == 3  # loaded once per version
