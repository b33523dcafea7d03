"""The overview in a real browser: KPI values, Chinese page titles, deep links and the park filter."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app


def metric_values(page) -> dict[str, str]:
    cards = page.locator("[data-testid=stMetric]")
    values = {}
    for i in range(cards.count()):
        label = cards.nth(i).locator("[data-testid=stMetricLabel]").inner_text().strip()
        values[label] = cards.nth(i).locator("[data-testid=stMetricValue]").inner_text().strip()
    return values


def nav_titles(page) -> list[str]:
    # a link's text is its material icon's ligature name, then the title
    return [t.strip().splitlines()[-1] for t in page.locator("[data-testid=stSidebarNavLink]").all_inner_texts()]


def test_deep_link_first_shows_page_titles_not_file_names(server, page):
    # the first request this server sees is a deep link with a park: the legacy pages/ trap
    page.goto(f"{server}/overview?park=andong")
    wait_for_app(page)
    titles = nav_titles(page)
    assert titles == ["总览", "网格覆盖", "经济指标", "劳动纠纷调处", "园区地图"]
    values = metric_values(page)
    assert values["一级网格"] == "1"
    assert values["二级网格"] == "5"
    assert values["三级(企业地块)网格"] == "144"
    assert values["企业网格党组织"] == "38"
    expect(page.get_by_text("安东园").first).to_be_visible()
    screenshot(page, "overview_andong")


def test_overview_shows_the_published_figures(server, page):
    page.goto(server)
    wait_for_app(page)
    values = metric_values(page)
    assert values["一级网格"] == "8"
    assert values["二级网格"] == "58"
    assert values["三级(企业地块)网格"] == "1179"
    assert values["企业网格员"] == "1156"
    assert values["调处劳动纠纷"] == "470"
    assert values["涉及职工"] == "1573"
    assert values["涉及金额"] == "1872.6万元"
    assert values["工业总产值"] == "1400.49亿元"
    assert values["全社会固定资产投资"] == "67.65亿元"
    assert values["限上销售总额"] == "588.29亿元"
    assert values["零售额"] == "21.25亿元"
    assert values["改扩建企业"] == "91"
    assert values["建筑面积增量"] == "332万平方米"
    assert values["预计新增投资"] == "199亿元"
    expect(page.get_by_text("+9.79%")).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    screenshot(page, "overview")


def test_changing_the_park_filter_updates_the_url_and_values(server, page):
    page.goto(server)
    wait_for_app(page)
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="安东园").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"park=andong"))
    expect(page.locator("[data-testid=stMetric]").filter(has_text="三级(企业地块)网格")).to_contain_text("144")


def test_english_link(server, page):
    page.goto(f"{server}/?lang=en")
    wait_for_app(page)
    assert nav_titles(page) == ["Overview", "Grid coverage", "Economy", "Labor disputes", "Park maps"]
    assert metric_values(page)["Level-3 (enterprise plot) grids"] == "1,179"


def test_moving_between_pages_keeps_the_shared_filters(server, page):
    page.goto(f"{server}/?park=andong&lang=zh&snapshot=2022-06-30")
    wait_for_app(page)
    page.locator("[data-testid=stSidebarNavLink]").filter(has_text="劳动纠纷调处").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/labor_disputes\?.*park=andong"))
    expect(page).to_have_url(re.compile(r"snapshot=2022-06-30"))
    page.locator("[data-testid=stSidebarNavLink]").filter(has_text="总览").click()
    wait_for_app(page)
    expect(page.locator("[data-testid=stMetric]").filter(has_text="三级(企业地块)网格")).to_contain_text("144")
