"""The overview in a real browser: KPI values, Chinese page titles, deep links and the park filter."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    expect_no_errors,
    metric,
    metric_values,
    nav_titles,
    pick_park,
    screenshot,
    visit,
    wait_for_app,
)
from ui import navigation
from ui.strings import t


def test_deep_link_first_shows_page_titles_not_file_names(server, page):
    # the first request this server sees is a shared deep link: the legacy pages/ trap
    visit(page, f"{server}/labor_disputes?park=andong")
    assert nav_titles(page) == [t(title, "zh") for _path, title, _icon, _url in navigation.PAGES]
    assert "对比" in nav_titles(page) and not any(".py" in title for title in nav_titles(page))
    expect(page.locator("h1").first).to_have_text("劳动纠纷调处")
    expect_no_errors(page)


def test_overview_link_for_one_park(server, page):
    # the overview is the default page: its address is the app's root
    visit(page, f"{server}/?park=andong")
    expect_no_errors(page)
    values = metric_values(page)
    assert values["一级网格"] == "1个"
    assert values["二级网格"] == "5个"
    assert values["三级(企业地块)网格"] == "144个"
    assert values["企业网格党组织"] == "38个"
    expect(page.get_by_text("安东园").first).to_be_visible()
    screenshot(page, "overview_andong")


def test_overview_shows_the_published_figures(server, page):
    visit(page, server)
    values = metric_values(page)
    assert values["一级网格"] == "8个"
    assert values["二级网格"] == "58个"
    assert values["三级(企业地块)网格"] == "1179个"
    assert values["企业网格员"] == "1156名"
    assert values["调处劳动纠纷"] == "470起"
    assert values["涉及职工"] == "1573人次"
    assert values["涉及金额"] == "1872.6万元"
    assert values["工业总产值"] == "1400.49亿元"
    assert values["全社会固定资产投资"] == "67.65亿元"
    assert values["限上销售总额"] == "588.29亿元"
    assert values["零售额"] == "21.25亿元"
    assert values["改扩建企业"] == "91家"
    assert values["建筑面积增量"] == "332万平方米"
    assert values["预计新增投资"] == "199亿元"
    expect(page.get_by_text("+9.79%")).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "overview")


def test_changing_the_park_filter_updates_the_url_and_values(server, page):
    visit(page, server)
    pick_park(page, "安东园")
    expect(page).to_have_url(re.compile(r"park=andong"))
    expect(metric(page, "三级(企业地块)网格")).to_contain_text("144")


def test_english_link(server, page):
    visit(page, f"{server}/?lang=en")
    assert nav_titles(page) == [t(title, "en") for _path, title, _icon, _url in navigation.PAGES]
    assert nav_titles(page)[0] == "Overview" and "Compare" in nav_titles(page)
    assert metric_values(page)["Level-3 (enterprise plot) grids"] == "1,179"


def test_moving_between_pages_keeps_the_shared_filters(server, page):
    visit(page, f"{server}/?park=andong&lang=zh&snapshot=2022-06-30")
    page.locator("[data-testid=stSidebarNavLink]").filter(has_text="劳动纠纷调处").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/labor_disputes\?.*park=andong"))
    expect(page).to_have_url(re.compile(r"snapshot=2022-06-30"))
    page.locator("[data-testid=stSidebarNavLink]").filter(has_text="总览").click()
    wait_for_app(page)
    expect(metric(page, "三级(企业地块)网格")).to_contain_text("144")


def test_english_kpi_labels_are_shown_whole_and_the_values_of_a_row_stay_level(server, page):
    visit(page, f"{server}/?lang=en")
    labels = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMetricLabel] p')].map(p => {
            const box = p.getBoundingClientRect();
            return [p.innerText, p.scrollWidth <= p.clientWidth + 1, box.height];
        })"""
    )
    assert "First-batch non-public party organisations" in [text for text, _, _ in labels]
    assert [text for text, whole, _ in labels if not whole] == []  # none cut short with an ellipsis
    assert max(height for _, _, height in labels) > 1.5 * min(height for _, _, height in labels)  # some wrap
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMetric]')].filter(card => {
            const text = document.createRange();  // the text itself, wherever it runs
            text.selectNodeContents(card.querySelector('[data-testid=stMetricValue] p'));
            return text.getBoundingClientRect().right > card.getBoundingClientRect().right + 1;
        }).map(card => card.innerText.split('\\n')[0])"""
    )
    assert overflowing == []  # a long value (CNY 18.726 m in a narrow card) wraps inside its card
    first_row = page.locator("[data-testid=stMetricValue]").all()[:7]
    tops = {round(value.bounding_box()["y"]) for value in first_row}
    assert len(tops) == 1, tops  # one- and two-line labels alike
    expect_no_errors(page)
    screenshot(page, "overview_english")
