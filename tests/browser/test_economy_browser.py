"""The economy page in a real browser: deep links, the published figures, the park filter, URL-kept choices."""

import re

import pytest
from playwright.sync_api import expect

from queries import runner
from tests.browser.conftest import screenshot, wait_for_app
from ui import fmt

PUBLISHED = {
    "工业总产值": ("1400.49亿元", "+9.79%"),
    "全社会固定资产投资": ("67.65亿元", "+31.64%"),
    "限上销售总额": ("588.29亿元", "+25.23%"),
    "零售额": ("21.25亿元", "+29.17%"),
    "改扩建企业": ("91", None),
    "建筑面积增量": ("332万平方米", None),
    "预计新增投资": ("199亿元", None),
}


def metric_values(page) -> dict[str, str]:
    cards = page.locator("[data-testid=stMetric]")
    values = {}
    for i in range(cards.count()):
        label = cards.nth(i).locator("[data-testid=stMetricLabel]").inner_text().strip()
        values[label] = cards.nth(i).locator("[data-testid=stMetricValue]").inner_text().strip()
    return values


def expected_values(park: str) -> dict[str, str]:
    latest = runner.resolve("2022-09-30")
    economy = runner.run("economy_ytd", latest, park_id=park).set_index("indicator")["value_yuan"]
    expansion = runner.run("expansion_totals", latest, park_id=park).iloc[0]
    return {
        "工业总产值": fmt.yuan(economy["industrial_output"], "zh", "yi"),
        "零售额": fmt.yuan(economy["retail_sales"], "zh", "yi"),
        "改扩建企业": str(expansion.enterprise_count),
        "预计新增投资": fmt.yuan(expansion.planned_investment_yuan, "zh", "yi"),
    }


def scroll(page, y: int) -> None:
    page.locator("[data-testid=stMain]").evaluate(f"e => e.scrollTo(0, {y})")
    page.wait_for_timeout(300)  # let plotly finish drawing what scrolled into view


def segment(page, label: str):
    return page.locator("[data-testid=stMain] [data-testid=stButtonGroup]").get_by_role("radio", name=label, exact=True)


def test_deep_link_with_a_park(server, page):
    page.goto(f"{server}/economy?park=andong")
    wait_for_app(page)
    # a link's text is its icon's ligature name, then its title
    titles = [t.strip().splitlines()[-1] for t in page.locator("[data-testid=stSidebarNavLink]").all_inner_texts()]
    assert "经济指标" in titles and "总览" in titles
    assert not any(re.search(r"\.py|_", t) for t in titles)
    expect(page.get_by_role("heading", name="经济指标", exact=True)).to_be_visible()
    values = metric_values(page)
    for label, value in expected_values("andong").items():
        assert values[label] == value, label
    assert values["工业总产值"] != "1400.49亿元"
    expect(page.get_by_text("文章仅发布全区合计,此为本园区演示细分").first).to_be_visible()
    expect(page.get_by_text("突出显示安东园,其余园区保留作对比").first).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "economy_andong")
    scroll(page, 1000)
    screenshot(page, "economy_andong_expansion")


def test_zone_shows_the_published_figures(server, page):
    page.goto(f"{server}/economy")
    wait_for_app(page)
    values = metric_values(page)
    for label, (value, _) in PUBLISHED.items():
        assert values[label] == value, label
    for _, delta in PUBLISHED.values():
        if delta:
            expect(page.locator("[data-testid=stMetricDelta]").filter(has_text=delta)).to_have_count(1)
    # the seven KPI cards are published; every chart and table card says demo
    expect(page.locator("[data-testid=stMain] .stMarkdownBadge").filter(has_text="已发布")).to_have_count(7)
    expect(page.locator("[data-testid=stMain] .stMarkdownBadge").filter(has_text="演示数据")).to_have_count(5)
    expect(page.get_by_text("9月累计值(1400.49亿元,+9.79%)与发布数一致", exact=False)).to_be_visible()
    expect(page.locator("[data-testid=stPlotlyChart]")).to_have_count(4)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "economy_zone")
    for i, y in enumerate((700, 1400, 2100), start=1):
        scroll(page, y)
        screenshot(page, f"economy_zone_scrolled_{i}")


def test_changing_the_park_filter_updates_the_url_and_values(server, page):
    page.goto(f"{server}/economy?park=andong")
    wait_for_app(page)
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="五里园").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/economy\?(.*&)?park=wuli"))
    expected = expected_values("wuli")
    expect(page.locator("[data-testid=stMetric]").filter(has_text="工业总产值")).to_contain_text(expected["工业总产值"])
    expect(page.locator("[data-testid=stMetric]").filter(has_text="改扩建企业")).to_contain_text(expected["改扩建企业"])
    expect(page.get_by_text("突出显示五里园").first).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def test_page_choices_are_kept_in_the_url(server, page):
    page.goto(f"{server}/economy?economy_indicator=retail_sales")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="零售额:逐月走势")).to_be_visible()
    segment(page, "限上销售总额").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"economy_indicator=above_quota_sales"))
    expect(page.get_by_role("heading", name="限上销售总额:各园区占比与增速")).to_be_visible()
    segment(page, "当月值与增速").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"economy_view=monthly"))
    screenshot(page, "economy_monthly_view")
    segment(page, "面积与投资(每点一个项目)").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"economy_size_view=scatter"))
    page.get_by_role("heading", name="项目规模").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, "economy_scatter")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


@pytest.mark.parametrize("park", ["sanchuang"])
def test_a_park_without_projects_says_so(server, page, park):
    page.goto(f"{server}/economy?park={park}&lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Economy", exact=True)).to_be_visible()
    expect(page.get_by_text("has no expansion projects").first).to_be_attached()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "economy_sanchuang_en")
    scroll(page, 1000)
    screenshot(page, "economy_sanchuang_en_scrolled")
