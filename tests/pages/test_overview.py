"""The frame and the overview through AppTest: values equal the queries, tags, URL state, languages."""

import pytest

from queries import runner
from tests.pages.helpers import captions, metrics, open_app, warnings
from ui import fmt


@pytest.fixture(scope="module")
def zone():
    return open_app()


def test_title_and_scope(zone):
    assert zone.title[0].value == "晋江经济开发区 · 网格治理总览"
    assert "全区(所有园区) · 数据截至 2022-09-30" in captions(zone)


def test_published_figures_are_shown_and_tagged(zone):
    shown = metrics(zone)
    assert shown["一级网格"].value == "8个"
    assert shown["二级网格"].value == "58个"
    assert shown["三级(企业地块)网格"].value == "1179个"
    assert shown["企业网格员"].value == "1156名"
    assert shown["调处劳动纠纷"].value == "470起"
    assert shown["涉及职工"].value == "1573人次"
    assert shown["涉及金额"].value == "1872.6万元"
    assert shown["工业总产值"].value == "1400.49亿元"
    assert shown["工业总产值"].delta == "+9.79%"
    assert shown["全社会固定资产投资"].delta == "+31.64%"
    assert shown["限上销售总额"].value == "588.29亿元"
    assert shown["零售额"].delta == "+29.17%"
    assert shown["改扩建企业"].value == "91家"
    assert shown["建筑面积增量"].value == "332万平方米"
    assert shown["预计新增投资"].value == "199亿元"
    assert shown["首批非公企业党组织"].value == "40个"
    assert shown["首批联系职工党员"].value == "219名"
    text = "\n".join(c.value for c in zone.main.caption)
    # 17 cards; only the zone-wide count of enterprise-grid party organisations is not published
    assert text.count(":green-badge[") == 16
    assert text.count(":orange-badge[") == 1
    assert "每人联系 4-11 名职工" in text


def test_published_values_carry_their_sentence_as_help(zone):
    assert "1400.49亿元" in metrics(zone)["工业总产值"].help


def test_one_park_from_the_url(latest):
    at = open_app(park="andong")
    shown = metrics(at)
    assert [shown[k].value for k in ("一级网格", "二级网格", "三级(企业地块)网格")] == ["1个", "5个", "144个"]
    assert shown["企业网格党组织"].value == "38个"
    expected = runner.run("economy_ytd", latest, park_id="andong").set_index("indicator")
    assert shown["工业总产值"].value == fmt.yuan(expected.at["industrial_output", "value_yuan"], "zh", "yi")
    assert shown["工业总产值"].value != "1400.49亿元"
    cases = runner.run("dispute_totals", latest, park_id="andong").at[0, "case_count"]
    assert shown["调处劳动纠纷"].value == f"{cases}起"
    assert "文章仅发布全区合计,本园区数值未发布" in captions(at)
    assert at.selectbox(key="park").value == "andong"


def test_every_park_renders(latest):
    for park in ("wuli", "food", "sanchuang", "bonded"):
        at = open_app(park=park)
        levels = runner.run("grid_counts_by_level", latest, park_id=park)["grid_count"].tolist()
        shown = metrics(at)
        assert [shown[k].value for k in ("一级网格", "二级网格", "三级(企业地块)网格")] == [f"{n}个" for n in levels]


def test_english():
    at = open_app(lang="en")
    assert at.title[0].value == "Jinjiang EDZ · grid governance at a glance"
    shown = metrics(at)
    assert shown["Level-3 (enterprise plot) grids"].value == "1,179"
    assert shown["Gross industrial output"].value == "CNY 140,049 m"
    assert shown["Amount involved"].value == "CNY 18.726 m"


def test_earlier_snapshot_is_demo_and_shows_change():
    at = open_app(snapshot="2022-06-30")
    shown = metrics(at)
    assert int(shown["调处劳动纠纷"].value.removesuffix("起")) < 470
    assert "经济运行(1-6月累计)" in [s.value for s in at.subheader][1]
    assert "green-badge" not in captions(at)  # the article's figures are as of 2022-09-30
    assert shown["企业网格员"].delta.startswith("+")
    assert shown["企业网格员"].delta_description == "较 2022-03-31"


def test_unknown_url_values_are_refused_with_a_notice():
    at = open_app(park="atlantis", snapshot="1999-01-01", lang="fr")
    notices = warnings(at)
    assert "atlantis" in notices and "1999-01-01" in notices and "fr" in notices
    assert metrics(at)["三级(企业地块)网格"].value == "1179个"
