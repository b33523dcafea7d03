"""The grid coverage page in a real browser: deep links, the park filter, drilling by clicking the treemap."""

import re

from playwright.sync_api import expect

from queries import runner
from tests.browser.conftest import (
    expect_no_errors,
    metric,
    metric_values,
    nav_titles,
    pick_park,
    screenshot,
    scroll_into_view,
    scroll_main,
    visit,
    wait_for_app,
)

TITLES = ["总览", "网格覆盖", "经济指标", "劳动纠纷调处", "园区地图"]


def kpi_card(page, label: str):
    """The bordered card around the metric labelled `label` (its tag and notes are captions in it)."""
    return page.locator("[data-testid=stVerticalBlock]").filter(has=metric(page, label)).last


def treemap(page):
    return page.locator("[data-testid=stPlotlyChart]").filter(has=page.locator("g.trace.treemap")).first


def totals(park: str | None):
    return runner.run("grids_network_totals", runner.latest_valid(), park_id=park).to_dict("records")[0]


def test_deep_link_to_a_park(server, page):
    visit(page, f"{server}/grid_coverage?park=andong")
    titles = nav_titles(page)
    assert set(TITLES) <= set(titles), titles
    expect(page.locator("[data-testid=stSidebarNavLink][aria-current=page]")).to_contain_text("网格覆盖")
    expect(page.locator("h1")).to_have_text("网格覆盖")
    values = metric_values(page)
    assert values["企业网格员"] == f"{totals('andong')['enterprise_grid_worker_count']}名"
    assert values["网格长"] == f"{totals('andong')['grid_head_count']}名"
    expect(kpi_card(page, "企业网格员")).to_contain_text("文章仅发布全区合计")
    expect(page.get_by_text("安东园 · 数据截至 2022-09-30")).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "grid_coverage_andong")


def test_zone_shows_the_published_figures_and_every_card(server, page):
    visit(page, f"{server}/grid_coverage")
    values = metric_values(page)
    assert values["企业网格员"] == "1156名"
    assert values["首批联系职工党员"] == "219名"
    expect(kpi_card(page, "企业网格员")).to_contain_text("已发布")
    expect(kpi_card(page, "三级网格覆盖率")).to_contain_text("演示数据")
    expect(page.get_by_text("名称与文章一致")).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "grid_coverage_zone")
    for i, y in enumerate((1000, 2000, 3000), start=1):  # the main area scrolls inside the page
        scroll_main(page, y)
        screenshot(page, f"grid_coverage_zone_{i}")


def test_changing_the_park_filter_updates_the_url_and_values(server, page):
    visit(page, f"{server}/grid_coverage")
    pick_park(page, "食品园")
    expect(page).to_have_url(re.compile(r"park=food"))
    workers = str(totals("food")["enterprise_grid_worker_count"])
    expect(metric(page, "企业网格员")).to_contain_text(workers)
    assert metric_values(page)["企业网格员"] == f"{workers}名" != "1156名"


def test_clicking_the_treemap_drills_down_and_its_top_goes_back_up(server, page):
    visit(page, f"{server}/grid_coverage?park=andong")
    chart = treemap(page)
    chart.scroll_into_view_if_needed()
    chart.locator("g.slice").filter(has_text="梅岭路南片区").first.click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"grids_node=andong-L2-03"))
    expect(page.get_by_role("combobox", name="二级网格")).to_have_value("梅岭路南片区")
    tree = runner.run("grids_drill_tree", runner.latest_valid(), park_id="andong", node_id="andong-L2-03")
    first_grid = tree.loc[tree["depth"] == 4, "name_zh"].iloc[0]
    expect(page.get_by_text(first_grid).first).to_be_attached()
    treemap(page).scroll_into_view_if_needed()
    page.mouse.move(5, 5)  # no hover label over the tiles
    page.wait_for_timeout(500)
    screenshot(page, "grid_coverage_drill_level2")
    treemap(page).locator("g.slice").first.click(position={"x": 40, "y": 8})  # the top bar: one level up
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"grids_node=andong-L1-01"))
    page.get_by_role("button", name="返回上一级").click()
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"grids_node="))
    expect_no_errors(page)


def test_a_shared_drill_link_opens_the_same_view_in_english(server, page):
    visit(page, f"{server}/grid_coverage?lang=en&park=sanchuang&grids_node=sanchuang-L2-01&grids_table=enterprises")
    expect(page.locator("h1")).to_have_text("Grid coverage")
    expect(page.get_by_role("combobox", name="Level-2 grid")).to_have_value("创客大街")
    expect(page.get_by_role("radio", name="All enterprises")).to_be_checked()
    values = metric_values(page)
    assert values["Enterprise grid workers"] == f"{totals('sanchuang')['enterprise_grid_worker_count']:,}"
    scroll_into_view(page, treemap(page))
    screenshot(page, "grid_coverage_sanchuang_en")
    expect_no_errors(page)
