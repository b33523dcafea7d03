"""The economy page in a real browser: deep links, the published figures, the park filter, URL-kept choices."""

import re

import pytest
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
from ui import fmt

PUBLISHED = {
    "工业总产值": ("1400.49亿元", "+9.79%"),
    "全社会固定资产投资": ("67.65亿元", "+31.64%"),
    "限上销售总额": ("588.29亿元", "+25.23%"),
    "零售额": ("21.25亿元", "+29.17%"),
    "改扩建企业": ("91家", None),
    "建筑面积增量": ("332万平方米", None),
    "预计新增投资": ("199亿元", None),
}


def expected_values(park: str) -> dict[str, str]:
    latest = runner.resolve("2022-09-30")
    economy = runner.run("economy_ytd", latest, park_id=park).set_index("indicator")["value_yuan"]
    expansion = runner.run("expansion_totals", latest, park_id=park).iloc[0]
    return {
        "工业总产值": fmt.yuan(economy["industrial_output"], "zh", "yi"),
        "零售额": fmt.yuan(economy["retail_sales"], "zh", "yi"),
        "改扩建企业": f"{expansion.enterprise_count}家",
        "预计新增投资": fmt.yuan(expansion.planned_investment_yuan, "zh", "yi"),
    }


def segment(page, label: str):
    return page.locator("[data-testid=stMain] [data-testid=stButtonGroup]").get_by_role("radio", name=label, exact=True)


def test_deep_link_with_a_park(server, page):
    visit(page, f"{server}/economy?park=andong")
    titles = nav_titles(page)
    assert "经济指标" in titles and "总览" in titles
    assert not any(re.search(r"\.py|_", t) for t in titles)
    expect(page.get_by_role("heading", name="经济指标", exact=True)).to_be_visible()
    values = metric_values(page)
    for label, value in expected_values("andong").items():
        assert values[label] == value, label
    assert values["工业总产值"] != "1400.49亿元"
    expect(page.get_by_text("文章仅发布全区合计,本园区数值未发布").first).to_be_visible()
    expect(page.get_by_text("突出显示安东园,其余园区保留作对比").first).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "economy_andong")
    scroll_main(page, 1000)
    screenshot(page, "economy_andong_expansion")


def test_zone_shows_the_published_figures(server, page):
    visit(page, f"{server}/economy")
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
    expect_no_errors(page)
    screenshot(page, "economy_zone")
    for i, y in enumerate((700, 1400, 2100), start=1):
        scroll_main(page, y)
        screenshot(page, f"economy_zone_scrolled_{i}")


def test_changing_the_park_filter_updates_the_url_and_values(server, page):
    visit(page, f"{server}/economy?park=andong")
    pick_park(page, "五里园")
    expect(page).to_have_url(re.compile(r"/economy\?(.*&)?park=wuli"))
    expected = expected_values("wuli")
    expect(metric(page, "工业总产值")).to_contain_text(expected["工业总产值"])
    expect(metric(page, "改扩建企业")).to_contain_text(expected["改扩建企业"])
    expect(page.get_by_text("突出显示五里园").first).to_be_visible()
    expect_no_errors(page)


def test_page_choices_are_kept_in_the_url(server, page):
    visit(page, f"{server}/economy?economy_indicator=retail_sales")
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
    scroll_into_view(page, page.get_by_role("heading", name="项目规模"))
    screenshot(page, "economy_scatter")
    expect_no_errors(page)


@pytest.mark.parametrize("park", ["sanchuang"])
def test_a_park_without_projects_says_so(server, page, park):
    visit(page, f"{server}/economy?park={park}&lang=en")
    expect(page.get_by_role("heading", name="Economy", exact=True)).to_be_visible()
    expect(page.get_by_text("has no expansion projects").first).to_be_attached()
    expect_no_errors(page)
    screenshot(page, "economy_sanchuang_en")
    scroll_main(page, 1000)
    screenshot(page, "economy_sanchuang_en_scrolled")
