"""The park maps page's queries on the shipped parquet: columns, published figures, parks, empty cases."""

import pandas as pd
import pytest

from queries import runner
from queries.contract import INDICATORS
from tests.parks import PARK_IDS

PARKS = [None, *PARK_IDS]
ENTERPRISE_COLUMNS = [
    "enterprise_id",
    "name_zh",
    "park_id",
    "park_name_zh",
    "park_name_en",
    "industry",
    "employees",
    "grid_id",
    "grid_name_zh",
    "level2_grid_id",
    "level2_grid_name_zh",
    "lon",
    "lat",
    "case_count",
    "workers_involved",
    "amount_yuan",
]


# --- maps_parks -----------------------------------------------------------------------------


def test_parks_give_back_the_published_totals(latest):
    parks = runner.run("maps_parks", latest, indicator="industrial_output")
    assert list(parks.columns) == [
        "park_id",
        "name_zh",
        "name_en",
        "lon",
        "lat",
        "level1_grid_count",
        "level2_grid_count",
        "level3_grid_count",
        "enterprise_count",
        "employee_count",
        "case_count",
        "workers_involved",
        "amount_yuan",
        "last_month",
        "value_yuan",
        "prior_year_value_yuan",
        "growth_pct",
    ]
    assert parks["park_id"].tolist() == list(PARK_IDS)
    totals = parks[["level1_grid_count", "level2_grid_count", "level3_grid_count"]].sum().tolist()
    assert totals == [8, 58, 1179]
    andong = parks.set_index("park_id").loc["andong"]
    assert [andong.level1_grid_count, andong.level2_grid_count, andong.level3_grid_count] == [1, 5, 144]
    assert parks.set_index("park_id").at["sanchuang", "level2_grid_count"] == 4
    assert (parks.case_count.sum(), parks.workers_involved.sum(), parks.amount_yuan.sum()) == (470, 1573, 18_726_000)
    assert parks["value_yuan"].sum() == 140_049_000_000  # 1400.49亿元
    assert parks["enterprise_count"].sum() == 1400
    assert {m.month for m in parks["last_month"]} == {9}


@pytest.mark.parametrize("indicator", INDICATORS)
def test_park_values_are_each_parks_year_to_date(indicator, latest):
    parks = runner.run("maps_parks", latest, indicator=indicator).set_index("park_id")
    for park in PARK_IDS:
        ytd = runner.run("economy_ytd", latest, park_id=park).set_index("indicator").loc[indicator]
        assert parks.at[park, "value_yuan"] == ytd.value_yuan
        assert parks.at[park, "growth_pct"] == pytest.approx(ytd.growth_pct)
    published = {"fixed_asset_investment": 6_765_000_000, "above_quota_sales": 58_829_000_000}
    if indicator in published:
        assert parks["value_yuan"].sum() == published[indicator]


@pytest.mark.parametrize("park", PARK_IDS)
def test_park_rows_agree_with_the_shared_queries(park, latest):
    row = runner.run("maps_parks", latest, indicator="retail_sales").set_index("park_id").loc[park]
    levels = runner.run("grid_counts_by_level", latest, park_id=park)["grid_count"].tolist()
    assert [row.level1_grid_count, row.level2_grid_count, row.level3_grid_count] == levels
    assert row.case_count == runner.run("dispute_totals", latest, park_id=park).at[0, "case_count"]
    totals = runner.run("maps_enterprise_totals", latest, park_id=park).iloc[0]
    assert (row.enterprise_count, row.employee_count) == (totals.enterprise_count, totals.employee_count)


def test_an_unknown_indicator_gives_parks_with_no_value(latest):
    parks = runner.run("maps_parks", latest, indicator="nowhere")
    assert len(parks) == 5
    assert (parks["value_yuan"] == 0).all() and parks["growth_pct"].isna().all() and parks["last_month"].isna().all()


# --- maps_enterprises and maps_enterprise ---------------------------------------------------


def test_enterprises_of_the_zone(latest):
    firms = runner.run("maps_enterprises", latest, park_id=None, limit=3000)
    assert list(firms.columns) == [*ENTERPRISE_COLUMNS, "total_enterprise_count"]
    assert len(firms) == 1400 and (firms["total_enterprise_count"] == 1400).all()
    assert firms["enterprise_id"].is_unique
    assert firms["employees"].is_monotonic_decreasing
    assert firms["case_count"].sum() == 470 and firms["amount_yuan"].sum() == 18_726_000
    assert firms["grid_name_zh"].notna().all() and firms["level2_grid_name_zh"].notna().all()
    assert firms["grid_id"].nunique() == 1179


def test_only_the_largest_enterprises_come_back_past_the_limit(latest):
    every = runner.run("maps_enterprises", latest, park_id=None, limit=3000)
    top = runner.run("maps_enterprises", latest, park_id=None, limit=25)
    assert len(top) == 25 and (top["total_enterprise_count"] == 1400).all()
    assert top["enterprise_id"].tolist() == every["enterprise_id"].head(25).tolist()
    assert top["employees"].min() >= every["employees"].iloc[25]


@pytest.mark.parametrize("park", PARK_IDS)
def test_enterprises_of_a_park(park, latest):
    firms = runner.run("maps_enterprises", latest, park_id=park, limit=3000)
    assert set(firms["park_id"]) == {park}
    totals = runner.run("maps_enterprise_totals", latest, park_id=park).iloc[0]
    assert len(firms) == totals.enterprise_count == firms.at[0, "total_enterprise_count"]
    assert firms["employees"].sum() == totals.employee_count
    assert firms["case_count"].sum() == runner.run("dispute_totals", latest, park_id=park).at[0, "case_count"]
    assert firms["grid_id"].str.startswith(f"{park}-L3-").all()
    assert firms["level2_grid_id"].str.startswith(f"{park}-L2-").all()


def test_one_enterprise_by_id(latest):
    firms = runner.run("maps_enterprises", latest, park_id="andong", limit=3000).set_index("enterprise_id")
    some = firms[firms["case_count"] > 0].index[0]
    one = runner.run("maps_enterprise", latest, enterprise_id=some)
    assert list(one.columns) == ENTERPRISE_COLUMNS
    assert one.iloc[0].tolist() == [some, *firms.loc[some, ENTERPRISE_COLUMNS[1:]].tolist()]
    assert runner.run("maps_enterprise", latest, enterprise_id="nowhere").empty
    assert runner.run("maps_enterprise", latest, enterprise_id="E00001' OR 1=1 --").empty


def test_no_enterprises_in_an_unknown_park(latest):
    assert runner.run("maps_enterprises", latest, park_id="nowhere", limit=3000).empty
    totals = runner.run("maps_enterprise_totals", latest, park_id="nowhere").iloc[0]
    assert (totals.enterprise_count, totals.employee_count) == (0, 0)


def test_enterprise_totals_of_the_zone(latest):
    totals = runner.run("maps_enterprise_totals", latest, park_id=None)
    assert list(totals.columns) == ["enterprise_count", "employee_count"]
    parts = pd.concat([runner.run("maps_enterprise_totals", latest, park_id=p) for p in PARK_IDS])
    assert totals.at[0, "enterprise_count"] == parts["enterprise_count"].sum() == 1400
    assert totals.at[0, "employee_count"] == parts["employee_count"].sum()


# --- maps_industries ------------------------------------------------------------------------


def test_industries_of_the_zone_rank_by_enterprises(latest):
    industries = runner.run("maps_industries", latest, park_id=None)
    assert list(industries.columns) == ["industry", "industry_rank", "enterprise_count", "employee_count"]
    assert industries["industry_rank"].tolist() == list(range(1, len(industries) + 1))
    assert industries["enterprise_count"].is_monotonic_decreasing
    assert industries["enterprise_count"].sum() == 1400
    assert industries.at[0, "industry"] == "鞋服"


@pytest.mark.parametrize("park", PARK_IDS)
def test_a_park_keeps_the_zone_rank_of_its_industries(park, latest):
    zone = runner.run("maps_industries", latest, park_id=None).set_index("industry")["industry_rank"]
    industries = runner.run("maps_industries", latest, park_id=park)
    assert industries["industry_rank"].tolist() == zone.loc[industries["industry"]].tolist()
    firms = runner.run("maps_enterprises", latest, park_id=park, limit=3000)
    assert industries.set_index("industry")["enterprise_count"].to_dict() == firms.groupby("industry").size().to_dict()


def test_no_industries_in_an_unknown_park(latest):
    assert runner.run("maps_industries", latest, park_id="nowhere").empty


# --- maps_grids -----------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "count"), [(1, 8), (2, 58), (3, 1179)])
def test_grids_of_each_level_hold_every_enterprise_and_case(level, count, latest):
    grids = runner.run("maps_grids", latest, level=level, park_id=None)
    assert list(grids.columns) == [
        "grid_id",
        "level",
        "name_zh",
        "park_id",
        "park_name_zh",
        "park_name_en",
        "enterprise_count",
        "employee_count",
        "case_count",
        "workers_involved",
        "amount_yuan",
    ]
    assert len(grids) == count and grids["grid_id"].is_unique and (grids["level"] == level).all()
    assert grids["enterprise_count"].sum() == 1400
    assert (grids.case_count.sum(), grids.workers_involved.sum(), grids.amount_yuan.sum()) == (470, 1573, 18_726_000)


@pytest.mark.parametrize("park", PARK_IDS)
def test_grids_of_a_park(park, latest):
    levels = runner.run("grid_counts_by_level", latest, park_id=park)["grid_count"].tolist()
    cases = runner.run("dispute_totals", latest, park_id=park).at[0, "case_count"]
    for level in (1, 2, 3):
        grids = runner.run("maps_grids", latest, level=level, park_id=park)
        assert len(grids) == levels[level - 1] and set(grids["park_id"]) == {park}
        assert grids["case_count"].sum() == cases


def test_the_grids_the_article_names(latest):
    sanchuang = runner.run("maps_grids", latest, level=2, park_id="sanchuang")
    assert set(sanchuang["name_zh"]) == {"创客大街", "研发设计中心", "海归人员创业中心", "人才公寓"}
    assert len(runner.run("maps_grids", latest, level=3, park_id="andong")) == 144


def test_a_level_2_grid_counts_what_its_plots_hold(latest):
    grid = runner.run("maps_grids", latest, level=2, park_id="andong").iloc[0]
    firms = runner.run("maps_enterprises", latest, park_id="andong", limit=3000)
    mine = firms[firms["level2_grid_id"] == grid.grid_id]
    assert (grid.enterprise_count, grid.employee_count, grid.case_count) == (
        len(mine),
        mine["employees"].sum(),
        mine["case_count"].sum(),
    )


def test_no_grids_in_an_unknown_park_or_level(latest):
    assert runner.run("maps_grids", latest, level=2, park_id="nowhere").empty
    assert runner.run("maps_grids", latest, level=4, park_id=None).empty


def test_an_earlier_snapshot_has_fewer_enterprises_and_cases(latest):
    earlier = runner.resolve("2022-06-30")
    now = runner.run("maps_parks", latest, indicator="industrial_output")
    then = runner.run("maps_parks", earlier, indicator="industrial_output")
    assert then["case_count"].sum() < now["case_count"].sum()
    assert {m.month for m in then["last_month"]} == {6}
