"""The economy page's questions on real DuckDB over the shipped parquet: columns, the published figures,
each park, and what an unknown park or indicator gives."""

import pandas as pd
import pytest

from queries import runner
from queries.contract import INDICATORS
from tests.parks import PARK_IDS

# the article's 1-9月 2022 figures for the whole "全市一区" scope: (value_yuan, growth_pct)
PUBLISHED = {
    "industrial_output": (140_049_000_000, 9.79),
    "fixed_asset_investment": (6_765_000_000, 31.64),
    "above_quota_sales": (58_829_000_000, 25.23),
    "retail_sales": (2_125_000_000, 29.17),
}
EXPANSION = {"enterprises": 91, "added_floor_area_m2": 3_320_000, "planned_investment_yuan": 19_900_000_000}
REAL_ENTERPRISES = ("凤竹纺织", "佳福染整", "兴业皮革", "信泰印染", "非莉集团", "美沿科技")


# ---- economy_trend --------------------------------------------------------------------------------


def test_trend_columns_and_months(latest):
    trend = runner.run("economy_trend", latest, park_id=None, indicator="industrial_output")
    assert list(trend.columns) == [
        "report_month",
        "value_yuan",
        "prior_year_value_yuan",
        "growth_pct",
        "cumulative_value_yuan",
        "cumulative_prior_year_value_yuan",
        "cumulative_growth_pct",
    ]
    assert [(m.year, m.month) for m in trend["report_month"]] == [(2022, m) for m in range(1, 10)]
    assert (trend["cumulative_value_yuan"] == trend["value_yuan"].cumsum()).all()


@pytest.mark.parametrize("indicator", INDICATORS)
def test_trend_ends_on_the_published_figure(latest, indicator):
    last = runner.run("economy_trend", latest, park_id=None, indicator=indicator).iloc[-1]
    value, growth = PUBLISHED[indicator]
    assert last.cumulative_value_yuan == value
    assert round(last.cumulative_growth_pct, 2) == growth


@pytest.mark.parametrize("indicator", INDICATORS)
def test_trend_parks_add_up_to_the_zone(latest, indicator):
    zone = runner.run("economy_trend", latest, park_id=None, indicator=indicator).set_index("report_month")
    parts = pd.concat([runner.run("economy_trend", latest, park_id=p, indicator=indicator) for p in PARK_IDS])
    summed = parts.groupby("report_month")[["value_yuan", "prior_year_value_yuan"]].sum()
    pd.testing.assert_frame_equal(summed, zone[["value_yuan", "prior_year_value_yuan"]], check_dtype=False)


def test_trend_of_one_park_ends_on_its_year_to_date(latest):
    ytd = runner.run("economy_ytd", latest, park_id="andong").set_index("indicator")
    last = runner.run("economy_trend", latest, park_id="andong", indicator="retail_sales").iloc[-1]
    assert last.cumulative_value_yuan == ytd.at["retail_sales", "value_yuan"]
    assert last.cumulative_growth_pct == pytest.approx(ytd.at["retail_sales", "growth_pct"])


def test_trend_stops_at_the_snapshot_date():
    trend = runner.run("economy_trend", "2022-06-30", park_id=None, indicator="retail_sales")
    assert [m.month for m in trend["report_month"]] == list(range(1, 7))


def test_trend_is_empty_for_an_unknown_park_or_indicator(latest):
    assert runner.run("economy_trend", latest, park_id="nowhere", indicator="industrial_output").empty
    assert runner.run("economy_trend", latest, park_id=None, indicator="gdp").empty


# ---- economy_by_park ------------------------------------------------------------------------------


@pytest.mark.parametrize("indicator", INDICATORS)
def test_split_by_park_adds_up_to_the_published_zone(latest, indicator):
    split = runner.run("economy_by_park", latest, indicator=indicator)
    assert list(split.columns) == [
        "park_id",
        "park_name_zh",
        "park_name_en",
        "value_yuan",
        "prior_year_value_yuan",
        "growth_pct",
        "share_pct",
        "zone_growth_pct",
    ]
    assert sorted(split["park_id"]) == sorted(PARK_IDS)
    assert split["value_yuan"].is_monotonic_decreasing
    value, growth = PUBLISHED[indicator]
    assert split["value_yuan"].sum() == value
    assert split["share_pct"].sum() == pytest.approx(100)
    assert round(split["zone_growth_pct"].iloc[0], 2) == growth


@pytest.mark.parametrize("park", PARK_IDS)
def test_split_by_park_matches_each_parks_year_to_date(latest, park):
    split = runner.run("economy_by_park", latest, indicator="above_quota_sales").set_index("park_id")
    ytd = runner.run("economy_ytd", latest, park_id=park).set_index("indicator")
    assert split.at[park, "value_yuan"] == ytd.at["above_quota_sales", "value_yuan"]
    assert split.at[park, "growth_pct"] == pytest.approx(ytd.at["above_quota_sales", "growth_pct"])


def test_split_by_park_is_empty_for_an_unknown_indicator(latest):
    assert runner.run("economy_by_park", latest, indicator="gdp").empty


# ---- expansion ------------------------------------------------------------------------------------


def test_expansion_by_park_adds_up_to_the_published_figures(latest):
    by_park = runner.run("expansion_by_park", latest)
    assert list(by_park.columns) == [
        "park_id",
        "park_name_zh",
        "park_name_en",
        "enterprise_count",
        "project_count",
        "added_floor_area_m2",
        "planned_investment_yuan",
        "investment_share_pct",
    ]
    assert sorted(by_park["park_id"]) == sorted(PARK_IDS)  # every park, even one without projects
    assert by_park["enterprise_count"].sum() == EXPANSION["enterprises"]
    assert by_park["added_floor_area_m2"].sum() == EXPANSION["added_floor_area_m2"]
    assert by_park["planned_investment_yuan"].sum() == EXPANSION["planned_investment_yuan"]
    assert by_park["investment_share_pct"].sum() == pytest.approx(100)
    assert by_park["planned_investment_yuan"].is_monotonic_decreasing


@pytest.mark.parametrize("park", PARK_IDS)
def test_expansion_per_park_agrees_across_questions(latest, park):
    totals = runner.run("expansion_totals", latest, park_id=park).iloc[0]
    row = runner.run("expansion_by_park", latest).set_index("park_id").loc[park]
    bands = runner.run("expansion_by_size", latest, park_id=park)
    projects = runner.run("expansion_project_list", latest, park_id=park)
    assert row.enterprise_count == totals.enterprise_count
    assert row.added_floor_area_m2 == totals.added_floor_area_m2 == projects["added_floor_area_m2"].sum()
    assert bands["project_count"].sum() == totals.project_count == len(projects)
    assert bands["planned_investment_yuan"].sum() == totals.planned_investment_yuan
    assert set(projects["park_id"]) <= {park}


def test_sanchuang_has_no_expansion_projects(latest):
    # the demo data gives 三创园 (an incubator park) no expansion: the page must show an empty state there
    assert runner.run("expansion_project_list", latest, park_id="sanchuang").empty
    assert runner.run("expansion_by_park", latest).set_index("park_id").at["sanchuang", "project_count"] == 0


def test_size_bands_cover_every_project(latest):
    bands = runner.run("expansion_by_size", latest, park_id=None)
    assert list(bands.columns) == [
        "size_band",
        "band_order",
        "park_id",
        "park_name_zh",
        "park_name_en",
        "project_count",
        "added_floor_area_m2",
        "planned_investment_yuan",
        "band_project_total",
    ]
    assert list(bands.drop_duplicates("size_band")["size_band"]) == [
        "under_50m",
        "50m_100m",
        "100m_200m",
        "200m_500m",
        "500m_plus",
    ]
    assert bands["project_count"].sum() == 91
    assert bands["planned_investment_yuan"].sum() == EXPANSION["planned_investment_yuan"]
    totals = bands.groupby("size_band")["project_count"].sum()
    assert (bands.set_index("size_band")["band_project_total"] == totals.reindex(bands["size_band"])).all()
    big = runner.run("expansion_project_list", latest, park_id=None)["planned_investment_yuan"] >= 500_000_000
    assert totals["500m_plus"] == big.sum()


def test_size_bands_of_an_unknown_park_are_all_zero(latest):
    bands = runner.run("expansion_by_size", latest, park_id="nowhere")
    assert len(bands) == 5
    assert bands["project_count"].sum() == 0 and bands["park_id"].isna().all()


def test_project_list_gives_back_the_published_figures(latest):
    projects = runner.run("expansion_project_list", latest, park_id=None)
    assert list(projects.columns) == [
        "project_id",
        "project_name",
        "enterprise_name_zh",
        "park_id",
        "park_name_zh",
        "park_name_en",
        "industry",
        "added_floor_area_m2",
        "planned_investment_yuan",
        "status",
        "started_on",
    ]
    assert projects["enterprise_name_zh"].nunique() == EXPANSION["enterprises"]
    assert projects["added_floor_area_m2"].sum() == EXPANSION["added_floor_area_m2"]
    assert projects["planned_investment_yuan"].sum() == EXPANSION["planned_investment_yuan"]
    assert projects["planned_investment_yuan"].is_monotonic_decreasing
    assert projects[["enterprise_name_zh", "park_name_zh", "industry"]].notna().all().all()
    assert (projects["started_on"] <= pd.Timestamp("2022-09-30")).all()
    # the article's real enterprises never carry synthetic money
    assert not projects["enterprise_name_zh"].str.contains("|".join(REAL_ENTERPRISES)).any()


def test_project_list_of_an_unknown_park_is_empty(latest):
    assert runner.run("expansion_project_list", latest, park_id="nowhere").empty
