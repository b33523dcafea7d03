"""园区地图 through AppTest: the pydeck spec (layers, points, labels, view), KPIs, legend, details, table, URL.

AppTest cannot draw deck.gl, so these tests read the spec the page sends to the browser.
"""

import json

import numpy as np
import pytest

from queries import runner
from tests.pages.helpers import captions, metrics, no_exception, open_app, warnings
from tests.parks import PARK_IDS
from ui import fmt, geo, maps, theme
from ui.strings import t

PAGE = "park_maps.py"


def spec(at) -> dict:
    [chart] = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layers(at) -> dict[str, dict]:
    return {layer["id"]: layer for layer in spec(at)["layers"]}


def data(layer: dict) -> list:
    return layer["data"]["features"] if isinstance(layer["data"], dict) else layer["data"]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def param(at, key: str):
    """A value of the page's URL (AppTest keeps a value the test set as a list, one the app set as a string)."""
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def inside(points, bounds) -> bool:
    west, south, east, north = bounds
    array = np.asarray(points)
    return bool(((array[:, 0] >= west) & (array[:, 0] <= east) & (array[:, 1] >= south) & (array[:, 1] <= north)).all())


# --- the whole zone ---------------------------------------------------------------------------


def test_title_controls_and_defaults(zone):
    assert zone.title[0].value == "园区地图"
    assert "全区(所有园区) · 数据截至 2022-09-30" in captions(zone)
    assert zone.segmented_control(key="maps_layer").value == "enterprises"
    assert zone.segmented_control(key="maps_level").value == "2"
    assert zone.selectbox(key="maps_basemap").value == "none"
    assert "maps_indicator" not in [s.key for s in zone.selectbox]  # only with the output columns
    assert dict(zone.query_params) == {}


def test_kpis_equal_the_queries_and_carry_their_provenance(zone, latest):
    shown = metrics(zone)
    totals = runner.run("maps_enterprise_totals", latest, park_id=None).iloc[0]
    assert shown["二级网格"].value == "58个"
    assert shown["企业"].value == f"{totals.enterprise_count}家" == "1400家"
    assert shown["企业职工"].value == f"{totals.employee_count}名"
    assert shown["调处劳动纠纷"].value == "470起"
    text = captions(zone)
    assert text.count(":green-badge[") == 2  # 58 level-2 grids and 470 cases are the article's
    assert "累计调处劳动纠纷470起" in shown["调处劳动纠纷"].help


def test_zone_map_has_every_park_grid_and_enterprise(zone, latest):
    shown = layers(zone)
    assert list(shown) == ["parks", "grids", "enterprises", "park_labels"]  # labels last, over the shapes
    assert [f["properties"]["park_id"] for f in data(shown["parks"])] == list(PARK_IDS)
    grids = runner.run("maps_grids", latest, level=2, park_id=None)
    assert sorted(f["properties"]["grid_id"] for f in data(shown["grids"])) == sorted(grids["grid_id"])
    assert shown["grids"]["filled"] is False  # outlines only: a click inside a grid reaches its park
    firms = runner.run("maps_enterprises", latest, park_id=None, limit=maps.MAX_POINTS)
    points = data(shown["enterprises"])
    assert len(points) == len(firms) == 1400
    assert [p["select_id"] for p in points] == ["enterprise:" + e for e in firms["enterprise_id"]]
    assert points[0]["tip_title"] == firms.at[0, "name_zh"]
    assert points[0]["position"] == [round(firms.at[0, "lon"], 6), round(firms.at[0, "lat"], 6)]
    assert inside([p["position"] for p in points], geo.bounds())


def test_labels_are_chinese_with_their_characters_in_the_font_atlas(zone, latest):
    labels = layers(zone)["park_labels"]
    names = runner.run("parks", latest)["name_zh"].tolist()
    assert [row["text"] for row in labels["data"]] == names
    characters = labels["characterSet"]
    assert set("".join(names)) <= set(characters) and set("0123456789") <= set(characters)
    assert "Noto Sans CJK SC" in labels["fontFamily"]
    assert not labels["characterSet"].startswith("@@=")  # a literal, not an expression


def test_tooltips_are_chinese_and_every_pickable_object_has_them(zone):
    deck = spec(zone)
    for layer in deck["layers"]:
        if layer.get("pickable"):
            for obj in data(layer)[:50]:
                props = obj.get("properties", obj)
                assert props["tip_title"] and props["tip_body"] and props["select_id"], layer["id"]
    [zone_chart] = zone.get("deck_gl_json_chart")
    tooltip = json.loads(zone_chart.proto.tooltip)
    assert "{tip_title}" in tooltip["html"] and "Noto Sans CJK SC" in tooltip["style"]["fontFamily"]
    wuli = next(f for f in data(layers(zone)["parks"]) if f["properties"]["park_id"] == "wuli")["properties"]
    assert wuli["tip_title"] == "五里园" and "三级" in wuli["tip_body"]


def test_the_map_works_offline_over_a_neutral_backdrop(zone):
    deck = spec(zone)
    style = deck["mapStyle"]
    assert style.startswith("data:application/json") and "http" not in style
    assert "mapProvider" not in deck  # no carto basemap behind it
    view = deck["initialViewState"]
    west, south, east, north = geo.bounds()
    assert west < view["longitude"] < east and south < view["latitude"] < north and view["pitch"] == 0
    assert "无底图:离线可用" in captions(zone)


def test_the_legend_lists_the_industries_on_the_map(zone, latest):
    industries = runner.run("maps_industries", latest, park_id=None)
    text = markdown(zone)
    for row in industries.itertuples():
        assert f"{row.industry}</span><span style='color:#6B7280'>{row.enterprise_count}</span>" in text
    colours = {p["colour"][0] for p in data(layers(zone)["enterprises"])}
    assert len(colours) > 10  # one colour per industry


def test_the_table_lists_the_enterprises_on_the_map(zone, latest):
    firms = runner.run("maps_enterprises", latest, park_id=None, limit=maps.MAX_POINTS)
    table = zone.dataframe[0].value
    assert table["enterprise_id"].tolist() == firms["enterprise_id"].tolist()
    assert table["employees"].tolist() == firms["employees"].tolist()
    assert "全区(所有园区) · 企业名录" in [s.value.split(": ", 1)[-1] for s in zone.subheader]
    assert [b.label for b in zone.main.get("download_button")] == ["导出简报", "下载 CSV", "下载 Excel"]


def test_nothing_selected_shows_a_hint(zone):
    assert "尚未选择" in captions(zone)
    assert not any(b.key == "maps_clear" for b in zone.button)


# --- each park --------------------------------------------------------------------------------


@pytest.mark.parametrize("park", PARK_IDS)
def test_a_park_zooms_to_it_and_shows_its_enterprises(park, parks, zone, latest):
    at = parks[park]
    no_exception(at)
    shown = layers(at)
    firms = runner.run("maps_enterprises", latest, park_id=park, limit=maps.MAX_POINTS)
    points = data(shown["enterprises"])
    assert [p["select_id"] for p in points] == ["enterprise:" + e for e in firms.enterprise_id]
    bounds = geo.bounds(park)
    assert inside([p["position"] for p in points], bounds)
    view = spec(at)["initialViewState"]
    assert inside([[view["longitude"], view["latitude"]]], bounds)
    assert view["zoom"] > spec(zone)["initialViewState"]["zoom"] + 1
    grids = runner.run("maps_grids", latest, level=2, park_id=park)
    assert sorted(f["properties"]["grid_id"] for f in data(shown["grids"])) == sorted(grids["grid_id"])
    assert sorted(label["text"] for label in shown["grid_labels"]["data"]) == sorted(grids["name_zh"])
    assert set("".join(grids["name_zh"])) <= set(shown["grid_labels"]["characterSet"])
    # the KPI row and the table are of the park
    totals = runner.run("maps_enterprise_totals", latest, park_id=park).iloc[0]
    levels = runner.run("grid_counts_by_level", latest, park_id=park).set_index("level")["grid_count"]
    kpis = metrics(at)
    assert kpis["二级网格"].value == f"{levels[2]}个"
    assert kpis["企业"].value == f"{totals.enterprise_count}家"
    assert kpis["企业职工"].value == f"{totals.employee_count}名"
    cases = runner.run("dispute_totals", latest, park_id=park).at[0, "case_count"]
    assert kpis["调处劳动纠纷"].value == f"{cases}起"
    assert at.dataframe[0].value["enterprise_id"].tolist() == firms["enterprise_id"].tolist()
    industries = runner.run("maps_industries", latest, park_id=park)
    assert all(industry in markdown(at) for industry in industries["industry"])


def test_andong_grid_counts_are_published(parks):
    captions_text = captions(parks["andong"])
    assert metrics(parks["andong"])["二级网格"].value == "5个"
    assert ":green-badge[:material/verified: 已发布] 2022-09-30" in captions_text
    assert "文章仅发布全区合计,本园区数值未发布" in captions_text  # its 77 cases are demo detail


# --- the page's own state in the URL ----------------------------------------------------------


def test_level_and_layer_come_from_the_url_and_stay_there(latest):
    at = open_app(page=PAGE, park="wuli", maps_level="3", maps_layer="disputes")
    assert at.segmented_control(key="maps_level").value == "3"
    assert at.segmented_control(key="maps_layer").value == "disputes"
    assert param(at, "maps_level") == "3" and param(at, "maps_layer") == "disputes"
    shown = layers(at)
    assert "enterprises" not in shown and "grid_labels" not in shown  # no names on 520 plots
    grids = runner.run("maps_grids", latest, level=3, park_id="wuli")
    features = data(shown["grids"])
    assert len(features) == len(grids) == 520 and shown["grids"]["filled"] is True
    fills = {f["properties"]["grid_id"]: f["properties"]["fill"] for f in features}
    quiet = grids.loc[grids.case_count == 0, "grid_id"]
    busiest = grids.loc[grids.case_count.idxmax(), "grid_id"]
    assert all(fills[g][:3] == maps.ZERO_CASES for g in quiet)
    assert fills[busiest][:3] == maps.rgb(maps.CASE_COLOURS[-1])[:3]
    assert metrics(at)["三级(企业地块)网格"].value == "520个"
    assert "三级网格按劳动纠纷案件数着色" in captions(at)
    # a change of level goes back into the URL
    at.segmented_control(key="maps_level").set_value("1").run()
    assert param(at, "maps_level") == "1"
    assert len(data(layers(at)["grids"])) == 3


def test_output_columns_follow_the_chosen_indicator(latest):
    at = open_app(page=PAGE, maps_layer="output", maps_indicator="fixed_asset_investment")
    assert at.selectbox(key="maps_indicator").value == "fixed_asset_investment"
    shown = layers(at)
    assert "park_labels" not in shown  # the columns would hide them; their own labels name the parks
    parks = runner.run("maps_parks", latest, indicator="fixed_asset_investment")
    columns = data(shown["output"])
    assert [c["select_id"] for c in columns] == ["park:" + p for p in parks["park_id"]]
    heights = [c["height"] for c in columns]
    assert heights.index(max(heights)) == parks["value_yuan"].idxmax()
    labels = [label["text"] for label in shown["output_labels"]["data"]]
    assert labels[0] == "五里园\n" + fmt.yuan(parks.at[0, "value_yuan"], "zh", "yi")
    assert spec(at)["initialViewState"]["pitch"] == 35
    # with one park chosen, the columns still compare all five: the view is the zone's, the park in focus
    one = open_app(page=PAGE, park="bonded", maps_layer="output")
    assert spec(one)["initialViewState"] == spec(at)["initialViewState"]
    fills = {f["properties"]["park_id"]: f["properties"]["fill"] for f in data(layers(one)["parks"])}
    assert fills["bonded"] == maps.tint(theme.PARK_COLOURS["bonded"], 0.14)
    assert fills["wuli"] == maps.tint(theme.PARK_COLOURS["wuli"], 0.06)  # the others fainter
    assert "柱高表示各园区全社会固定资产投资(1-9月累计)" in captions(at)


def test_amap_shifts_every_overlay_to_gcj02(latest):
    at = open_app(page=PAGE, park="andong", maps_basemap="amap")
    deck = spec(at)
    assert "autonavi.com" in deck["mapStyle"] and "%7Bx%7D" in deck["mapStyle"]
    firms = runner.run("maps_enterprises", latest, park_id="andong", limit=maps.MAX_POINTS)
    lon, lat = geo.wgs84_to_gcj02(firms.at[0, "lon"], firms.at[0, "lat"])
    assert data(layers(at)["enterprises"])[0]["position"] == [round(float(lon), 6), round(float(lat), 6)]
    ring = data(layers(at)["parks"])[1]["geometry"]["coordinates"][0][0]
    wgs = geo.parks(park_id="andong")[0]["geometry"]["coordinates"][0][0]
    assert ring == pytest.approx([float(v) for v in geo.wgs84_to_gcj02(*wgs)], abs=1e-6)
    text = captions(at)
    assert "底图瓦片需联网从高德地图加载" in text and "GCJ-02" in text


def test_tianditu_needs_a_key_and_uses_it_when_set(monkeypatch):
    monkeypatch.delenv(maps.TIANDITU_TOKEN_ENV, raising=False)
    at = open_app(page=PAGE, maps_basemap="tianditu")
    assert "TIANDITU_TOKEN" in warnings(at)
    assert "tianditu" not in spec(at)["mapStyle"]
    monkeypatch.setenv(maps.TIANDITU_TOKEN_ENV, "demo-key")
    at = open_app(page=PAGE, maps_basemap="tianditu")
    assert "tianditu.gov.cn" in spec(at)["mapStyle"] and "demo-key" in spec(at)["mapStyle"]
    assert "CGCS2000" in captions(at)
    ring = data(layers(at)["parks"])[0]["geometry"]["coordinates"][0][0]
    assert ring == geo.parks()[0]["geometry"]["coordinates"][0][0]  # no shift


# --- the selection ----------------------------------------------------------------------------


def test_a_selected_park_from_the_link(latest):
    at = open_app(page=PAGE, maps_selected="park:andong")
    text = markdown(at)
    assert "**安东园**" in text
    for label, value in (("一/二/三级网格", "1/5/144"), ("企业", "169"), ("劳动纠纷", "77")):
        assert f"{label}</span><span style='font-weight:600'>{value}</span>" in text
    assert "网格数与文章发布数一致" in captions(at)
    assert len(data(layers(at)["selected"])) == 1  # a thick outline around the park
    assert param(at, "maps_selected") == "park:andong"
    # the table lists the park clicked
    firms = runner.run("maps_enterprises", latest, park_id="andong", limit=maps.MAX_POINTS)
    assert at.dataframe[0].value["enterprise_id"].tolist() == firms["enterprise_id"].tolist()
    assert "安东园 · 企业名录" in [s.value.split(": ", 1)[-1] for s in at.subheader]


def test_a_selected_enterprise_and_clearing_it(latest):
    firms = runner.run("maps_enterprises", latest, park_id="food", limit=maps.MAX_POINTS)
    firm = firms.iloc[3]
    at = open_app(page=PAGE, park="food", maps_selected=f"enterprise:{firm.enterprise_id}")
    text = markdown(at)
    assert f"**{firm.name_zh}**" in text
    assert f"{firm.industry}</span>" in text and f"{firm.grid_name_zh}</span>" in text
    assert f"劳动纠纷</span><span style='font-weight:600'>{firm.case_count}</span>" in text
    ring = layers(at)["selected"]
    assert ring["data"][0]["position"] == [round(firm.lon, 6), round(firm.lat, 6)]
    at.button(key="maps_clear").click().run()
    assert "maps_selected" not in at.query_params and "selected" not in layers(at)
    assert "尚未选择" in captions(at)


def test_a_click_on_a_grid_shows_it(latest):
    # what the chart's on_select callback does with a picked grid
    grids = runner.run("maps_grids", latest, level=2, park_id="sanchuang")
    grid = grids.iloc[0]
    at = open_app(page=PAGE, park="sanchuang")
    at.session_state[maps.SELECTED_KEY] = f"grid:{grid.grid_id}"
    at.run()
    assert f"**{grid.name_zh}**" in markdown(at)
    assert f"劳动纠纷</span><span style='font-weight:600'>{grid.case_count}</span>" in markdown(at)
    assert param(at, "maps_selected") == f"grid:{grid.grid_id}"
    assert len(data(layers(at)["selected"])) == 1


def test_picked_objects_give_their_selection():
    assert maps.select_id_of({"select_id": "enterprise:E00001", "tip_title": "x"}) == "enterprise:E00001"
    assert maps.select_id_of({"type": "Feature", "properties": {"select_id": "park:wuli"}}) == "park:wuli"
    assert maps.select_id_of(None) == "" and maps.select_id_of({"properties": None}) == ""


def test_an_enterprise_of_another_park_is_dropped_quietly(latest):
    firm = runner.run("maps_enterprises", latest, park_id="wuli", limit=1).iloc[0]
    at = open_app(page=PAGE, park="andong", maps_selected=f"enterprise:{firm.enterprise_id}")
    assert "maps_selected" not in at.query_params and "尚未选择" in captions(at)


# --- refused values, languages, scale ---------------------------------------------------------


def test_unknown_values_in_the_link_are_refused_with_a_notice():
    bad = {"maps_level": "9", "maps_layer": "heat", "maps_basemap": "google", "maps_selected": "enterprise:E99999"}
    at = open_app(page=PAGE, **bad)
    text = warnings(at)
    for value in bad.values():
        assert f"“{value}”无法识别" in text
    assert at.segmented_control(key="maps_level").value == "2"
    assert at.segmented_control(key="maps_layer").value == "enterprises"
    for key in ("maps_level", "maps_layer", "maps_basemap", "maps_selected"):
        assert key not in at.query_params
    assert metrics(at)["企业"].value == "1400家"


def test_english(latest):
    at = open_app(page=PAGE, park="bonded", lang="en", maps_selected="park:bonded")
    assert at.title[0].value == "Park maps"
    assert metrics(at)["Enterprises"].value == "156"
    shown = layers(at)
    assert [row["text"] for row in shown["park_labels"]["data"]][4] == "Comprehensive Bonded Zone"
    assert "Comprehensive Bonded Zone" in markdown(at) and "Grids L1/L2/L3" in markdown(at)
    assert data(shown["enterprises"])[0]["tip_body"].endswith("labor disputes")
    assert at.dataframe[0].value["park_name_en"].unique().tolist() == ["Comprehensive Bonded Zone"]


def test_past_the_point_limit_only_the_largest_are_sent(monkeypatch, latest):
    monkeypatch.setattr(maps, "MAX_POINTS", 50)
    monkeypatch.setattr(maps, "MAX_VERTICES", 100)
    at = open_app(page=PAGE)
    points = data(layers(at)["enterprises"])
    top = runner.run("maps_enterprises", latest, park_id=None, limit=50)
    assert [p["select_id"] for p in points] == ["enterprise:" + e for e in top["enterprise_id"]]
    text = captions(at)
    assert "仅显示职工人数最多的 50 家企业(共 1400 家)" in text
    assert "二级网格共 58 个,轮廓过多,地图未绘制" in text and "grids" not in layers(at)
    assert "列出职工人数最多的 50 家企业(共 1400 家)" in text


def test_an_earlier_snapshot():
    at = open_app(page=PAGE, snapshot="2022-06-30")
    no_exception(at)
    assert "green-badge" not in captions(at)
    assert int(metrics(at)["调处劳动纠纷"].value.removesuffix("起")) < 470
    assert t("maps_title", "zh") == at.title[0].value


def test_outlines_past_the_limit_are_never_made(monkeypatch, latest):
    monkeypatch.setattr(maps, "MAX_VERTICES", 100)
    monkeypatch.setattr(geo, "grids", lambda *args, **kwargs: pytest.fail("outlines made that cannot be drawn"))
    drawn = maps.grid_layers(runner.run("maps_grids", latest, level=3, park_id=None), 3, None, "zh")
    assert (drawn.layers, drawn.drawn, drawn.total) == ([], 0, 1179)
