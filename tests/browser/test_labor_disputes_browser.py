"""The disputes page in a real browser: deep link, Chinese page titles, KPI values, the park filter and
the page's own controls in the URL, charts drawn, and screenshots at 1920x1080 of every part of the page."""

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


def test_deep_link_to_one_park(server, page):
    visit(page, f"{server}/labor_disputes?park=andong")
    titles = nav_titles(page)
    assert titles[0] == "总览" and "劳动纠纷调处" in titles
    assert not any(re.search(r"\.py|_", title) for title in titles)  # page titles, never file names
    expect(page.locator("h1")).to_contain_text("劳动纠纷调处")
    totals = runner.run("dispute_totals", runner.resolve("2022-09-30"), park_id="andong").iloc[0]
    values = metric_values(page)
    assert values["调处劳动纠纷"] == f"{int(totals.case_count)}起" == "77起"
    assert values["涉及职工"] == f"{int(totals.workers_involved)}人次"
    assert values["在办案件"] == f"{int(totals.open_case_count)}起"
    expect(page.get_by_text("文章仅发布全区合计,本园区数值未发布").first).to_be_visible()
    # the sankey draws its nodes with their labels in Chinese
    expect(page.locator(".sankey .node-label").filter(has_text="受理 77")).to_have_count(1)
    expect_no_errors(page)
    screenshot(page, "labor_disputes_andong")


def test_zone_published_figures_and_the_whole_page(server, page):
    visit(page, f"{server}/labor_disputes")
    values = metric_values(page)
    assert values["调处劳动纠纷"] == "470起"
    assert values["涉及职工"] == "1573人次"
    assert values["涉及金额"] == "1872.6万元"
    assert values["在办超 30 天"] == "9起"
    expect(page.locator("[data-testid=stPlotlyChart]")).to_have_count(7)
    expect_no_errors(page)
    screenshot(page, "labor_disputes")
    height = page.locator("[data-testid=stMain]").evaluate("e => e.scrollHeight")
    for i, y in enumerate(range(950, height, 950), start=1):
        scroll_main(page, y)
        screenshot(page, f"labor_disputes_scroll{i}")
    # the oldest open case heads the table at the bottom (the grid is drawn on a canvas; its cells are mirrored)
    expect(page.locator("[data-testid=stDataFrame] td").filter(has_text="LD0330")).to_have_count(1)


def test_park_filter_and_page_controls_change_the_url_and_values(server, page):
    visit(page, f"{server}/labor_disputes")
    pick_park(page, "食品园")
    expect(page).to_have_url(re.compile(r"/labor_disputes\?(.*&)?park=food"))
    expect(metric(page, "调处劳动纠纷")).to_contain_text("97起")

    page.get_by_role("radio", name="7天", exact=True).click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"disputes_limit=7"))
    overdue = runner.run("disputes_open_age", runner.resolve("2022-09-30"), park_id="food", limit_days=7)
    expected = f"{int(overdue.at[0, 'overdue_case_count'])}起"
    expect(metric(page, "在办超 7 天")).to_contain_text(expected)

    page.get_by_role("radio", name="按线索来源").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"disputes_flow=source"))
    expect(page.locator(".sankey .node-label").filter(has_text="网格员上报")).to_have_count(1)
    expect_no_errors(page)
    page.wait_for_timeout(600)  # plotly fades the new links in
    screenshot(page, "labor_disputes_food_controls")

    # the link reopens the same view
    visit(page, page.url)
    expect(metric(page, "在办超 7 天")).to_contain_text(expected)


def test_english_and_stage_view(server, page):
    visit(page, f"{server}/labor_disputes?lang=en&disputes_month_view=stage")
    assert metric_values(page)["Labor disputes handled"] == "470"
    chart = page.locator("[data-testid=stPlotlyChart]").nth(5)
    scroll_into_view(page, chart)
    expect(chart.locator(".legendtext").filter(has_text="Before (early warning)")).to_have_count(1)
    expect_no_errors(page)
    screenshot(page, "labor_disputes_en_months")
