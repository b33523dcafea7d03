"""The big screen through AppTest: tiles equal the queries, settings from the URL, no names by default."""

import json

import pytest

from queries import runner
from tests.pages.helpers import open_app, plotly_charts


def tiles_html(at) -> str:
    return next(h.proto.body for h in at.get("html") if "jedz-tiles" in h.proto.body)


def chart_widths(at) -> list[int]:
    return [chart["layout"]["width"] for chart in plotly_charts(at)]


def deck_json(at) -> str:
    return at.get("deck_gl_json_chart")[0].proto.json


@pytest.fixture(scope="module")
def zone():
    return open_app(page="big_screen.py", rotate="0")


def test_zone_tiles_show_the_published_figures(zone):
    tiles = tiles_html(zone)
    for value in ("1179", "1156", "470", "1400.49", "67.65", "91"):
        assert f">{value}<" in tiles
    assert tiles.count("已发布") == 6
    assert "+9.79%" in tiles and "+31.64%" in tiles


def test_a_park_link_pins_the_view(latest):
    at = open_app(page="big_screen.py", park="andong")
    tiles = tiles_html(at)
    cases = runner.run("dispute_totals", latest, park_id="andong").at[0, "case_count"]
    assert ">144<" in tiles and f">{cases}<" in tiles
    assert "已发布" in tiles and "演示数据" in tiles  # 144 grids are published for 安东园, its cases are not
    header = next(h.proto.body for h in at.get("html") if "jedz-screen-header" in h.proto.body)
    assert "安东园" in header and "截至 2022-09-30" in header


def test_no_enterprise_names_unless_allowed(zone, latest):
    names = runner.run("maps_enterprises", latest, park_id=None, limit=5)["name_zh"]
    spec = deck_json(zone)
    assert not any(name in spec for name in names)
    assert json.loads(spec).get("tooltip") in (False, None)


def test_settings_from_the_url_are_checked():
    at = open_app(page="big_screen.py", interval="abc", scale="99", paused="1")
    assert any("轮播已暂停" in h.proto.body for h in at.get("html"))
    # an interval or scale outside the lists falls back to the defaults: a 1920x1080 canvas
    assert chart_widths(at) == [1030, 495, 495]


def test_scale_two_draws_the_canvas_twice_as_large():
    at = open_app(page="big_screen.py", scale="2")
    assert chart_widths(at) == [2060, 990, 990]
    assert any("font-size: 32px" in h.proto.body for h in at.get("html"))


def test_english():
    at = open_app(page="big_screen.py", lang="en", rotate="0")
    assert "Published" in tiles_html(at)


def test_the_growth_lines_leave_room_for_their_end_labels(zone, latest):
    """Both ends of the y range are set (an open end drew no range, and the top label was cut off),
    the top a quarter above the highest growth, where the label of the last month sits."""
    trend = next(c for c in plotly_charts(zone) if any(t.get("mode") == "lines+markers+text" for t in c["data"]))
    low, high = trend["layout"]["yaxis"]["range"]
    highest = max(
        runner.run("economy_trend", latest, park_id=None, indicator=i)["cumulative_growth_pct"].max()
        for i in ("industrial_output", "fixed_asset_investment")
    )
    assert low == 0 and high >= highest * 1.25
    labels = [t["text"][-1] for t in trend["data"]]
    assert labels == ["+9.79%", "+31.64%"]
