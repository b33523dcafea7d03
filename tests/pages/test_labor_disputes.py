"""The disputes page through AppTest: what it shows equals the queries, for the zone and each park;
published figures tagged; page controls kept in the URL; bad URL values refused; English; empty state."""

import pytest

from queries import runner
from tests.pages.helpers import (
    captions,
    metrics,
    no_exception,
    open_app,
    plotly_charts,
    tables,
    warnings,
)
from tests.parks import PARK_IDS
from ui import fmt

PAGE = "labor_disputes.py"


def test_title_and_published_figures(zone):
    assert zone.title[0].value == "劳动纠纷调处"
    shown = metrics(zone)
    assert shown["调处劳动纠纷"].value == "470起"
    assert shown["涉及职工"].value == "1573人次"
    assert shown["涉及金额"].value == "1872.6万元"
    assert "累计调处劳动纠纷470起" in shown["涉及金额"].help
    text = "\n".join(c.value for c in zone.main.caption)
    assert text.count(":green-badge[") == 3  # the three published figures; everything else is demo
    assert text.count(":orange-badge[") == 3  # open cases, median days, overdue
    chart_tags = [m.value for m in zone.markdown if "badge[" in m.value]
    assert len(chart_tags) == 6 and all(":orange-badge[" in tag for tag in chart_tags)  # one per chart card
    assert "全区(所有园区) · 数据截至 2022-09-30" in text


def test_demo_kpis_equal_the_queries(zone, latest):
    shown = metrics(zone)
    age = runner.run("disputes_open_age", latest, park_id=None, limit_days=30).iloc[0]
    totals = runner.run("dispute_totals", latest, park_id=None).iloc[0]
    assert shown["在办案件"].value == f"{age.open_case_count}起" == "18起"
    assert shown["办结用时中位数"].value == f"{totals.median_days_to_close:g}天" == "9天"
    assert shown["在办超 30 天"].value == f"{age.overdue_case_count}起" == "9起"
    assert shown["在办超 30 天"].delta == "需督办跟进"
    assert shown["调处劳动纠纷"].delta == "+150"  # since 2022-06-30
    assert "最久已在办 84天" in captions(zone)


def test_flow_is_a_sankey_of_the_loop(zone, latest):
    sankey = plotly_charts(zone)[0]["data"][0]
    assert sankey["type"] == "sankey"
    links = runner.run("disputes_flow_links", latest, park_id=None)
    assert sum(sankey["link"]["value"]) == links[links.link_step > 0].case_count.sum()
    labels = sankey["node"]["label"]
    assert {"受理 470", "进入调解(事中) 350", "预警化解(事前) 117", "已回访(事后) 302", "待回访 150"} <= set(labels)


def test_tables_equal_the_queries(zone, latest):
    shown = tables(zone)
    category = runner.run("disputes_by_category", latest, park_id=None)
    assert shown["案件类别"]["案件类别"].tolist() == category.category.tolist()
    assert shown["案件类别"]["涉及金额(元)"].tolist() == category.amount_yuan.tolist()
    outcome = runner.run("disputes_by_outcome", latest, park_id=None)
    assert shown["调处结果"]["案件数(起)"].tolist() == outcome.case_count.tolist()
    by_park = runner.run("disputes_by_park", latest)
    assert shown["园区"]["园区"].tolist() == by_park.name_zh.tolist()
    overdue = runner.run("disputes_open_overdue", latest, park_id=None, limit_days=30)
    assert shown["案件编号"]["案件编号"].tolist() == overdue.case_id.tolist()
    assert shown["案件编号"]["已在办(天)"].tolist() == overdue.days_open.tolist()
    assert "9 起在办案件自受理已超过 30 天仍未办结" in zone.warning[0].value
    assert len(zone.main.get("download_button")) == 2 * len(shown) + 1  # and the briefing


@pytest.mark.parametrize("park", PARK_IDS)
def test_each_park_shows_its_own_numbers(park, parks, latest):
    at = parks[park]
    shown = metrics(at)
    totals = runner.run("dispute_totals", latest, park_id=park).iloc[0]
    cases, workers, amount = (int(totals[c]) for c in ("case_count", "workers_involved", "amount_yuan"))
    assert shown["调处劳动纠纷"].value == f"{cases}起"
    assert shown["涉及职工"].value == f"{workers}人次"
    assert shown["涉及金额"].value == fmt.yuan(amount, "zh", "wan")
    assert shown["在办案件"].value == f"{int(totals.open_case_count)}起"
    text = captions(at)
    assert ":green-badge[" not in text  # the article publishes the zone's totals only
    assert "文章仅发布全区合计,本园区数值未发布" in text
    shown_tables = tables(at)
    category = runner.run("disputes_by_category", latest, park_id=park)
    assert shown_tables["案件类别"]["案件数(起)"].tolist() == category.case_count.tolist()
    assert len(shown_tables["园区"]) == 5  # the comparison always lists every park
    overdue = runner.run("disputes_open_overdue", latest, park_id=park, limit_days=30)
    if overdue.empty:
        assert "案件编号" not in shown_tables and at.success
    else:
        assert shown_tables["案件编号"]["案件编号"].tolist() == overdue.case_id.tolist()
    assert f"受理 {cases}" in plotly_charts(at)[0]["data"][0]["node"]["label"]
    assert at.selectbox(key="park").value == park
    no_exception(at)


def test_page_controls_come_from_the_url_and_go_back_to_it(latest):
    at = open_app(
        page=PAGE,
        disputes_limit="60",
        disputes_flow="source",
        disputes_measure="amount_yuan",
        disputes_month_view="stage",
        disputes_category="工伤",
    )
    assert at.segmented_control(key="disputes_limit").value == "60"
    assert at.segmented_control(key="disputes_month_view").value == "stage"
    assert at.selectbox(key="disputes_category").value == "工伤"
    assert metrics(at)["在办超 60 天"].value == "4起"
    sankey = plotly_charts(at)[0]["data"][0]
    assert "网格员上报 152" in sankey["node"]["label"]  # by source
    month_chart = plotly_charts(at)[5]
    assert [trace["name"] for trace in month_chart["data"][:3]] == ["事前", "事中", "事后"]
    injury = runner.run("disputes_days_to_close_histogram", latest, park_id=None, category="工伤")
    assert plotly_charts(at)[3]["data"][0]["y"] == injury.case_count.tolist()

    at.segmented_control(key="disputes_limit").set_value("7").run()
    assert at.query_params["disputes_limit"] == "7"
    assert metrics(at)["在办超 7 天"].value == "13起"
    assert len(tables(at)["案件编号"]) == 13
    at.segmented_control(key="disputes_limit").set_value("30").run()
    assert "disputes_limit" not in at.query_params  # the default is left out of the link
    at.segmented_control(key="disputes_month_view").set_value("category").run()
    assert at.query_params["disputes_month_view"] == "category"
    no_exception(at)


def test_unknown_page_url_values_are_refused_with_a_notice():
    at = open_app(page=PAGE, disputes_limit="9999", disputes_month_view="<script>", disputes_category="nothing")
    notices = warnings(at)
    assert "9999" in notices and "<script>" in notices and "nothing" in notices
    assert at.segmented_control(key="disputes_limit").value == "30"
    assert metrics(at)["在办超 30 天"].value == "9起"


def test_english():
    at = open_app(page=PAGE, lang="en")
    assert at.title[0].value == "Labor dispute mediation"
    shown = metrics(at)
    assert shown["Labor disputes handled"].value == "470"
    assert shown["Worker-times involved"].value == "1,573"
    assert shown["Amount involved"].value == "CNY 18.726 m"
    assert shown["Open over 30 days"].value == "9"
    assert tables(at)["Category"]["Category"].tolist()[0] == "Unpaid wages"
    assert "Reported 470" in plotly_charts(at)[0]["data"][0]["node"]["label"]
    no_exception(at)


def test_a_park_with_no_case_shows_the_empty_state():
    at = open_app(page=PAGE, park="sanchuang", snapshot="2022-03-31")
    assert metrics(at)["调处劳动纠纷"].value == "0起"
    assert at.info[0].value == "当前筛选条件下没有数据。"
    assert not at.get("plotly_chart") and not at.dataframe
    no_exception(at)


def test_an_earlier_snapshot_is_demo_detail():
    at = open_app(page=PAGE, snapshot="2022-06-30")
    shown = metrics(at)
    assert shown["调处劳动纠纷"].value == "320起"
    assert "green-badge" not in captions(at)  # the article's figures are as of 2022-09-30
    assert "在办天数计至数据日期 2022-06-30,而非今天。" in captions(at)
