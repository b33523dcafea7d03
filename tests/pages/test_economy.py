"""The economy page through AppTest: values equal the queries, provenance tags, every park, URL state, English."""

import numpy as np
import pytest

from queries import runner
from tests.pages.helpers import captions, metrics, no_exception, open_app, plotly_charts, tables, warnings
from tests.parks import PARK_IDS
from ui import fmt

PAGE = "economy.py"
PUBLISHED = {
    "工业总产值": ("1400.49亿元", "+9.79%"),
    "全社会固定资产投资": ("67.65亿元", "+31.64%"),
    "限上销售总额": ("588.29亿元", "+25.23%"),
    "零售额": ("21.25亿元", "+29.17%"),
    "改扩建企业": ("91", ""),
    "建筑面积增量": ("332万平方米", ""),
    "预计新增投资": ("199亿元", ""),
}
INDICATOR_LABELS = {
    "industrial_output": "工业总产值",
    "fixed_asset_investment": "全社会固定资产投资",
    "above_quota_sales": "限上销售总额",
    "retail_sales": "零售额",
}


def chart_series(at, index: int) -> dict[str, np.ndarray]:
    """The y values of each named trace of the `index`-th plotly chart."""
    return {trace.get("name"): np.asarray(trace.get("y")) for trace in plotly_charts(at)[index]["data"]}


def test_title_and_scope(zone):
    assert zone.title[0].value == "经济指标"
    assert "全区(五个园区) · 数据截至 2022-09-30" in captions(zone)


def test_the_published_figures_appear_exactly_and_tagged(zone):
    shown = metrics(zone)
    for label, (value, delta) in PUBLISHED.items():
        assert shown[label].value == value, label
        assert (shown[label].delta or "") == delta, label
    assert "1400.49亿元" in shown["工业总产值"].help  # the article's sentence
    text = captions(zone)
    # 7 published KPI cards; 5 chart and table cards of demo detail
    assert text.count(":green-badge[") == 7
    assert text.count(":orange-badge[") == 5
    assert "9月累计值(1400.49亿元,+9.79%)与发布数一致" in text
    assert "上年同期 1275.61亿元" in text


def test_trend_chart_draws_the_query(zone, latest):
    trend = runner.run("economy_trend", latest, park_id=None, indicator="industrial_output")
    series = chart_series(zone, 0)
    np.testing.assert_allclose(series["2022年"], trend["cumulative_value_yuan"] / 1e8)
    np.testing.assert_allclose(series["2021年同期"], trend["cumulative_prior_year_value_yuan"] / 1e8)
    assert series["2022年"][-1] == pytest.approx(1400.49)


def test_split_by_park_table_equals_the_query(zone, latest):
    split = runner.run("economy_by_park", latest, indicator="industrial_output")
    table = tables(zone)["园区"]
    assert list(table.columns) == ["园区", "1-9月累计(亿元)", "上年同期(亿元)", "同比增长(%)", "占全区比重(%)"]
    assert table["园区"].tolist() == split["park_name_zh"].tolist()
    np.testing.assert_allclose(table["1-9月累计(亿元)"] * 1e8, split["value_yuan"])
    np.testing.assert_allclose(table["同比增长(%)"], split["growth_pct"].round(2))
    assert table["1-9月累计(亿元)"].sum() == pytest.approx(1400.49)


def test_project_table_equals_the_query(zone, latest):
    projects = runner.run("expansion_project_list", latest, park_id=None)
    table = tables(zone)["项目名称"]
    assert len(table) == 91
    assert table["项目名称"].tolist() == projects["project_name"].tolist()
    assert table["企业名称"].tolist() == projects["enterprise_name_zh"].tolist()
    assert table["新增建筑面积(平方米)"].sum() == 3_320_000
    assert table["计划投资(万元)"].sum() == pytest.approx(1_990_000)
    assert set(table["状态"]) <= {"前期", "在建", "竣工"}


@pytest.fixture(scope="module", params=PARK_IDS)
def one_park(request):
    return request.param, open_app(page=PAGE, park=request.param)


def test_each_park_shows_its_own_values(one_park, latest):
    park, at = one_park
    shown = metrics(at)
    ytd = runner.run("economy_ytd", latest, park_id=park).set_index("indicator")
    for indicator, label in INDICATOR_LABELS.items():
        assert shown[label].value == fmt.yuan(ytd.at[indicator, "value_yuan"], "zh", "yi")
        assert shown[label].delta == fmt.pct(ytd.at[indicator, "growth_pct"], signed=True)
    assert shown["工业总产值"].value != "1400.49亿元"
    expansion = runner.run("expansion_totals", latest, park_id=park).iloc[0]
    assert shown["改扩建企业"].value == str(expansion.enterprise_count)
    assert shown["预计新增投资"].value == fmt.yuan(expansion.planned_investment_yuan, "zh", "yi")
    text = captions(at)
    assert ":green-badge[" not in text  # the article publishes these figures for the zone only
    assert text.count("文章仅发布全区合计,此为本园区演示细分") == 7


def test_each_park_is_highlighted_among_all_parks(one_park, latest):
    park, at = one_park
    name = runner.run("parks", latest).set_index("park_id").at[park, "name_zh"]
    assert f"突出显示{name},其余园区保留作对比" in captions(at)
    assert len(tables(at)["园区"]) == 5  # the others stay for comparison


def test_each_park_lists_its_projects_or_says_it_has_none(one_park, latest):
    park, at = one_park
    projects = runner.run("expansion_project_list", latest, park_id=park)
    shown = tables(at)
    if projects.empty:
        assert "项目名称" not in shown
        assert [i.value for i in at.info].count("三创园当前没有改扩建项目。") == 2
    else:
        assert shown["项目名称"]["项目名称"].tolist() == projects["project_name"].tolist()
        assert set(shown["项目名称"]["园区"]) == set(projects["park_name_zh"])


def test_page_choices_round_trip_through_the_url(latest):
    at = open_app(page=PAGE, economy_indicator="retail_sales", economy_view="monthly", economy_size_view="scatter")
    assert at.segmented_control(key="economy_indicator").value == "retail_sales"
    assert at.segmented_control(key="economy_view").value == "monthly"
    assert at.segmented_control(key="economy_size_view").value == "scatter"
    assert "零售额:逐月走势" in [s.value for s in at.subheader]
    split = runner.run("economy_by_park", latest, indicator="retail_sales")
    np.testing.assert_allclose(tables(at)["园区"]["1-9月累计(亿元)"] * 1e8, split["value_yuan"])
    trend = runner.run("economy_trend", latest, park_id=None, indicator="retail_sales")
    np.testing.assert_allclose(chart_series(at, 0)["当月同比增速"], trend["growth_pct"])

    at.segmented_control(key="economy_indicator").set_value("fixed_asset_investment").run()
    at.segmented_control(key="economy_view").set_value("cumulative").run()
    no_exception(at)
    assert at.query_params["economy_indicator"] == "fixed_asset_investment"
    assert "economy_view" not in at.query_params  # the default is left out of the link
    assert at.query_params["economy_size_view"] == "scatter"
    assert "全社会固定资产投资:各园区占比与增速" in [s.value for s in at.subheader]


def test_an_invalid_url_value_gives_a_notice():
    at = open_app(page=PAGE, economy_indicator="gdp; drop table", economy_view="pie")
    notices = warnings(at)
    assert "gdp; drop table" in notices and "pie" in notices
    assert at.segmented_control(key="economy_indicator").value == "industrial_output"
    assert metrics(at)["工业总产值"].value == "1400.49亿元"


def test_english():
    at = open_app(page=PAGE, lang="en")
    assert at.title[0].value == "Economy"
    shown = metrics(at)
    assert shown["Gross industrial output"].value == "CNY 140,049 m"
    assert shown["Gross industrial output"].delta == "+9.79%"
    assert shown["Added floor area"].value == "3.32 million m²"
    assert "Gross industrial output by park: share and growth" in [s.value for s in at.subheader]
    assert list(tables(at)["Park"].columns)[1] == "Jan-Sep (CNY m)"
    projects = tables(at)["Project"]
    assert projects["Planned investment (CNY m)"].sum() == pytest.approx(19_900)
    assert set(projects["Status"]) <= {"Preparation", "Under construction", "Completed"}


def test_an_earlier_snapshot_is_demo_throughout():
    at = open_app(page=PAGE, snapshot="2022-06-30")
    assert ":material/monitoring: 主要经济指标(1-6月累计,同比)" in [s.value for s in at.subheader]
    text = captions(at)
    assert ":green-badge[" not in text  # the article's figures are as of 2022-09-30
    assert "逐月数据为演示细分,不是官方统计。" in text
    assert int(metrics(at)["改扩建企业"].value) < 91
