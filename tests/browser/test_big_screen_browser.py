"""The big screen in a real browser: fits 1920x1080 and 3840x2160 with no scrolling, no chrome, and
it rotates and refreshes by itself without reloading the page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import expect_no_errors, screenshot, visit, wait_for_app

PANELS = ".jedz-tile, .jedz-screen-header, [data-testid=stPlotlyChart], [data-testid=stDeckGlJsonChart]"


def assert_fits(page, width: int, height: int) -> None:
    sizes = page.evaluate(
        """() => ({
            page: [document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight],
            main: [document.querySelector('[data-testid=stMain]').scrollHeight,
                   document.querySelector('[data-testid=stMain]').clientHeight],
        })"""
    )
    assert sizes["page"][0] <= width and sizes["page"][1] <= height, sizes
    assert sizes["main"][0] <= sizes["main"][1], sizes
    boxes = page.locator(PANELS).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert len(boxes) >= 10  # header, six tiles, three charts, the map
    for left, top, right, bottom in boxes:
        assert left >= 0 and top >= 0 and right <= width + 0.5 and bottom <= height + 0.5, (left, top, right, bottom)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (3840, 2160)])
def test_fits_the_screen_with_no_chrome(server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server}/big_screen?rotate=0")
    if width > 1920:  # the page measures the window and asks for a larger canvas
        expect(page).to_have_url(re.compile(r"scale=2"))
    wait_for_app(page)
    expect(page.locator(".jedz-tile")).to_have_count(6)
    page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for()
    for chrome in ("stSidebar", "stHeader", "stToolbar"):
        expect(page.locator(f"[data-testid={chrome}]")).to_be_hidden()
    expect(page.locator(".jedz-tile").first).to_contain_text("1179")
    assert_fits(page, width, height)
    expect_no_errors(page)
    screenshot(page, f"big_screen_{width}x{height}")
    context.close()


def test_embedded(server, page):
    visit(page, f"{server}/big_screen?embed=true&rotate=0")
    expect(page.locator(".jedz-tile")).to_have_count(6)
    assert_fits(page, 1920, 1080)
    screenshot(page, "big_screen_embed")


def test_rotates_and_refreshes_without_reloading(server, page):
    visit(page, f"{server}/big_screen?interval=5")
    scope = page.locator(".jedz-screen-scope")
    first = scope.inner_text()
    page.evaluate("() => { window.jedzMarker = 'still the same page'; }")
    expect(scope).not_to_have_text(first, timeout=20_000)
    assert page.evaluate("() => window.jedzMarker") == "still the same page"
    assert int(page.locator(".jedz-screen-header").get_attribute("data-cycle")) >= 2


def test_a_slide_of_a_parks_view_is_offered_outside_the_screen(server, page):
    from PIL import Image

    visit(page, f"{server}/economy?park=andong")
    button = page.locator("[data-testid=stSidebar]").get_by_role("button", name="大屏画面 PNG · 安东园")
    with page.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename == "big_screen_andong_2022-09-30.png"
    picture = Image.open(download.value.path()).convert("RGB")
    assert picture.size == (1920, 1080)
    colours = picture.resize((96, 54)).getcolors(96 * 54)
    assert len(colours) > 200, "a drawn screen, not an empty one"
    screenshot(page, "slide_button")  # the page it was asked from, unchanged
    expect_no_errors(page)
