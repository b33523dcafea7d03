"""The grid coverage page through AppTest: values equal the queries, tags, the drill-down in the URL."""

import pytest

from queries import runner
from tests.pages.helpers import captions, metrics, no_exception, open_app, plotly_spec, warnings
from tests.parks import PARK_IDS
from ui import fmt
from ui import grids_charts as gc

PAGE = "grid_coverage.py"


def table_with(at, column: str):
    """The first dataframe shown that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def chart(at, key_start: str) -> dict:
    """The plotly figure shown under a key starting with `key_start`."""
    return plotly_spec(next(c for c in at.get("plotly_chart") if c.key and c.key.startswith(key_start)))


def test_title_and_scope(zone):
    assert zone.title[0].value == "网格覆盖"
    assert "全区(五个园区) · 数据截至 2022-09-30" in captions(zone)


def test_coverage_cards_equal_the_query_and_1156_is_published(zone, latest):
    totals = runner.run("grids_network_totals", latest, park_id=None).iloc[0]
    shown = metrics(zone)
    assert shown["企业网格员"].value == "1156"
    assert "1156名企业工作人员担任企业网格员" in shown["企业网格员"].help  # its source sentence
    assert "口径" in shown["企业网格员"].help  # and its definition
    assert shown["三级网格覆盖率"].value == fmt.pct(totals.grid_coverage_pct)
    assert shown["建有党组织的企业"].value == fmt.pct(totals.party_org_enterprise_pct)
    assert shown["首批联系职工党员"].value == "219"
    assert shown["党员联系职工"].value == fmt.count(totals.linked_worker_count)
    assert shown["企业网格员"].delta == "+179" and shown["企业网格员"].delta_description == "较 2022-06-30"
    text = captions(zone)
    assert f"{fmt.count(totals.covered_level3_grid_count)} / 1179 个三级网格" in text
    assert "每名党员联系 4-11 名职工" in text
    assert "来自首批 40 家非公企业党组织" in text
    # workers and first-batch members are the article's; the rates and the sum of links are demo
    assert "2022-09-30" in text and text.count(":green-badge[") >= 2


def test_structure_table_sets_the_article_beside_the_data(zone, latest):
    expected = runner.run("grids_structure_by_park", latest, park_id=None)
    table = table_with(zone, "一级·文章").set_index("园区")
    assert list(table.index) == [*expected["park_name_zh"][:5], "全区合计"]
    assert table["三级网格"].tolist() == expected["level3_grid_count"].tolist()
    assert table.loc["全区合计", ["一级网格", "二级网格", "三级网格"]].tolist() == [8, 58, 1179]
    assert table.loc["全区合计", ["一级·文章", "二级·文章", "三级·文章"]].tolist() == [8, 58, 1179]
    assert table.loc["安东园", ["一级·文章", "二级·文章", "三级·文章"]].tolist() == [1, 5, 144]
    assert table.loc["三创园", "二级·文章"] == 4 and table.loc["三创园", "网格服务小组"] == 11
    assert table.loc["五里园", ["一级·文章", "二级·文章", "三级·文章"]].isna().all()
    checks = table["与文章核对"]
    assert checks["全区合计"] == checks["安东园"] == checks["三创园"] == "✓ 一致(已发布)"
    assert checks["五里园"] == "文章未发布(演示数据)"
    assert "创客大街、研发设计中心、海归人员创业中心、人才公寓;网格服务小组 11 个。 (名称与文章一致)" in captions(zone)


def test_structure_chart_marks_the_published_figures(zone):
    figure = chart(zone, "grids_structure_chart")
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    assert [bar["x"] for bar in bars][2] == [135, 110, 270, 144, 520]  # level 3, the first park on top
    diamonds = [trace for trace in figure["data"] if trace["type"] == "scatter"]
    assert diamonds[2]["x"] == [None, None, None, 144, None]


def test_zone_drill_starts_at_the_parks(zone, latest):
    tree = runner.run("grids_drill_tree", latest, park_id=None, node_id=None)
    treemap = chart(zone, "grids_tree_")["data"][0]
    assert treemap["type"] == "treemap"
    assert treemap["ids"] == tree["node_id"].tolist()
    assert zone.selectbox(key="grids_pick_park").value == ""
    children = table_with(zone, "覆盖率")
    assert children["园区"].tolist() == ["五里园", "安东园", "食品园", "三创园", "综合保税区"]
    assert children["企业"].sum() == 1400


def test_staff_by_park_with_the_zone_total(zone, latest):
    expected = runner.run("grids_staff_by_park", latest, park_id=None)
    table = table_with(zone, "一级网格长").set_index("园区")
    assert table.loc["全区合计", "企业网格员"] == 1156
    assert table["人员合计"].tolist() == expected["staff_count"].tolist()
    assert table["安全专员"].tolist() == expected["safety_specialist_count"].tolist()
    shown = metrics(zone)
    assert shown["网格长"].value == "66"
    assert shown["下沉二级网格干部"].value == fmt.count(expected.iloc[-1].sunk_cadre_count)
    assert shown["兼职专员"].value == fmt.count(expected.iloc[-1].specialist_count)


def test_growth_runs_one_query_per_snapshot(zone):
    table = table_with(zone, "数据日期")
    assert table["数据日期"].tolist() == ["2022-03-31", "2022-06-30", "2022-09-30"]
    for date, workers in zip(table["数据日期"], table["企业网格员"], strict=True):
        assert workers == runner.run("grids_network_totals", date, park_id=None).at[0, "enterprise_grid_worker_count"]
    assert table["企业网格员"].iloc[-1] == 1156
    assert table["与文章核对"].tolist()[-1] == "已发布:企业网格员、联系职工党员"
    assert table["与文章核对"].tolist()[0] == "演示数据"


@pytest.mark.parametrize("park", PARK_IDS)
def test_each_park(park, parks, latest):
    at = parks[park]
    no_exception(at)
    totals = runner.run("grids_network_totals", latest, park_id=park).iloc[0]
    shown = metrics(at)
    assert shown["企业网格员"].value == fmt.count(totals.enterprise_grid_worker_count)
    assert shown["三级网格覆盖率"].value == fmt.pct(totals.grid_coverage_pct)
    assert shown["党员联系职工"].value == fmt.count(totals.linked_worker_count)
    assert "文章仅发布全区合计,此为本园区演示细分" in captions(at)  # 1156 is the zone's figure
    structure = runner.run("grids_structure_by_park", latest, park_id=park).iloc[0]
    row = table_with(at, "一级·文章").iloc[0]
    assert row["三级网格"] == structure.level3_grid_count and row["园区"] == structure.park_name_zh
    level2 = runner.run("grids_staff_by_level2", latest, park_id=park)
    staff = table_with(at, "二级网格长")
    assert staff["二级网格"].tolist() == level2["level2_grid_name_zh"].tolist()
    assert staff["企业网格员"].sum() == totals.enterprise_grid_worker_count
    level1 = at.selectbox(key="grids_pick_level1")
    assert level1.value == "" and len(level1.options) == 1 + structure.level1_grid_count
    assert chart(at, "grids_tree_")["data"][0]["ids"][0] == park


def test_andong_and_sanchuang_are_published(parks):
    andong = table_with(parks["andong"], "一级·文章").iloc[0]
    assert andong["与文章核对"] == "✓ 一致(已发布)"
    assert [andong["一级网格"], andong["二级网格"], andong["三级网格"]] == [1, 5, 144]
    sanchuang = parks["sanchuang"]
    assert table_with(sanchuang, "一级·文章").iloc[0]["与文章核对"] == "✓ 一致(已发布)"
    assert "名称与文章一致" in captions(sanchuang)
    assert table_with(parks["wuli"], "一级·文章").iloc[0]["与文章核对"] == "文章未发布(演示数据)"


def test_drill_position_round_trips_through_the_url(latest):
    at = open_app(page=PAGE, park="andong", grids_node="andong-L2-03")
    assert at.selectbox(key="grids_pick_level1").value == "andong-L1-01"
    assert at.selectbox(key="grids_pick_level2").value == "andong-L2-03"
    tree = runner.run("grids_drill_tree", latest, park_id="andong", node_id="andong-L2-03")
    assert chart(at, "grids_tree_andong-L2-03")["data"][0]["ids"] == tree["node_id"].tolist()
    children = table_with(at, "有企业网格员")
    assert children["三级网格"].tolist() == tree.loc[tree["depth"] == 4, "name_zh"].tolist()

    level3 = at.selectbox(key="grids_pick_level3")
    level3.set_value("andong-L3-0074").run()
    assert at.query_params["grids_node"] == "andong-L3-0074"
    firms = runner.run("grids_enterprises", latest, park_id="andong", node_id="andong-L3-0074")
    assert table_with(at, "职工")["企业"].tolist() == firms["enterprise_name_zh"].tolist()  # its enterprises

    at.button(key="grids_up").click().run()
    assert at.query_params["grids_node"] == "andong-L2-03"
    at.segmented_control(key="grids_table").set_value("enterprises").run()
    firms = runner.run("grids_enterprises", latest, park_id="andong", node_id="andong-L2-03")
    assert table_with(at, "行业")["企业"].tolist() == firms["enterprise_name_zh"].tolist()
    assert at.query_params["grids_table"] == "enterprises"

    at.selectbox(key="grids_pick_level1").set_value("").run()
    assert "grids_node" not in at.query_params
    no_exception(at)


def test_a_drill_position_from_another_park_is_refused_with_a_notice():
    at = open_app(page=PAGE, park="wuli", grids_node="andong-L2-03")
    assert any("andong-L2-03" in w.value for w in at.warning)
    assert at.selectbox(key="grids_pick_level1").value == ""
    assert "grids_node" not in at.query_params


def test_unknown_page_values_are_refused_with_a_notice():
    at = open_app(page=PAGE, grids_node="'; drop table grids", grids_size="huge")
    notices = warnings(at)
    assert "drop table" in notices and "huge" in notices
    assert at.segmented_control(key="grids_size").value == "enterprises"
    assert metrics(at)["企业网格员"].value == "1156"


def test_size_by_employees_from_the_url(latest):
    at = open_app(page=PAGE, grids_size="employees", grids_node="food")
    tree = runner.run("grids_drill_tree", latest, park_id=None, node_id="food")
    treemap = chart(at, "grids_tree_food")["data"][0]
    assert treemap["values"] == tree["employee_count"].tolist()
    assert at.selectbox(key="grids_pick_park").value == "food"


def test_a_tile_click_drills_and_the_top_tile_goes_up(monkeypatch):
    nodes = frozenset({"wuli", "wuli-L1-01"})
    state = {"tree": {"selection": {"points": [{"id": "wuli-L1-01"}]}}}
    monkeypatch.setattr(gc.st, "session_state", state)
    gc._clicked("tree", nodes, "wuli", "")
    assert state[gc.NODE_KEY] == "wuli-L1-01"
    state["tree"]["selection"]["points"] = [{"id": "wuli"}]
    gc._clicked("tree", nodes, "wuli", "")
    assert state[gc.NODE_KEY] == ""
    state["tree"]["selection"]["points"] = [{"id": "E00001"}]  # an enterprise: nothing below it
    gc._clicked("tree", nodes, "wuli", "")
    assert state[gc.NODE_KEY] == ""


def test_english():
    at = open_app(page=PAGE, lang="en", park="andong")
    assert at.title[0].value == "Grid coverage"
    shown = metrics(at)
    assert shown["Enterprise grid workers"].value == "141"
    table = table_with(at, "Level 1 (article)")
    assert table.iloc[0]["Against the article"] == "✓ matches (published)"
    assert table.iloc[0]["Park"] == "Andong Park"
    assert at.selectbox(key="grids_pick_level1").options[0] == "All"


def test_earlier_snapshot_is_demo_and_grows_up_to_it(latest):
    at = open_app(page=PAGE, snapshot="2022-06-30")
    totals = runner.run("grids_network_totals", "2022-06-30", park_id=None).iloc[0]
    shown = metrics(at)
    assert shown["企业网格员"].value == fmt.count(totals.enterprise_grid_worker_count) != "1156"
    assert "green-badge" not in captions(at)
    assert table_with(at, "数据日期")["数据日期"].tolist() == ["2022-03-31", "2022-06-30"]
    assert table_with(at, "一级·文章").set_index("园区").at["全区合计", "与文章核对"] == "文章数字截至 2022-09-30"


def test_past_the_tile_limit_the_treemap_leaves_the_deepest_level_to_a_click(monkeypatch, latest):
    monkeypatch.setattr(gc, "MAX_TILES", 20)
    at = open_app(page=PAGE)
    tree = runner.run("grids_drill_tree", latest, park_id=None, node_id=None)
    assert len(tree) > 20
    treemap = chart(at, "grids_tree_")["data"][0]
    assert treemap["ids"] == tree.loc[tree["depth"] <= 1, "node_id"].tolist()  # the zone and its parks
    assert table_with(at, "覆盖率")["企业"].sum() == 1400  # the table is the same


def test_past_the_bar_limit_the_level2_charts_show_the_largest(monkeypatch, latest):
    monkeypatch.setattr(gc, "MAX_BARS", 3)
    at = open_app(page=PAGE, park="wuli")
    tree = runner.run("grids_drill_tree", latest, park_id="wuli", node_id=None)
    level2 = tree[tree["depth"] == 3]
    bars = chart(at, "grids_structure_chart")["data"][0]
    largest = level2.nlargest(3, "level3_grid_count", keep="first").sort_index()
    assert bars["y"] == largest["name_zh"].tolist()[::-1] and bars["x"] == largest["level3_grid_count"].tolist()[::-1]
    staff = runner.run("grids_staff_by_level2", latest, park_id="wuli")
    most = staff.nlargest(3, "staff_count", keep="first").sort_index()
    assert chart(at, "grids_staff_chart")["data"][0]["y"] == most["level2_grid_name_zh"].tolist()[::-1]
    text = captions(at)
    assert f"图中为三级网格最多的 3 个二级网格(共 {len(level2)} 个)" in text
    assert f"图中为人员最多的 3 个二级网格(共 {len(staff)} 个)" in text
    assert len(table_with(at, "二级网格长")) == len(staff)  # the table lists them all
