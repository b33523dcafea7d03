"""园区地图 in a real browser: deck.gl draws (WebGL in software), Chinese labels and tooltips, a click shows
the details, the park filter zooms, the page's choices stay in the URL, and a basemap's tiles load when
they can be reached (served here by the test, since the machine is offline)."""

import io
import re
import time

import numpy as np
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from queries import runner
from tests.browser.conftest import (
    expect_no_errors,
    metric,
    metric_values,
    nav_titles,
    pick_park,
    screenshot,
    scroll_main,
    visit,
    wait_for_app,
)
from ui import maps, theme

MAP = "[data-testid=stDeckGlJsonChart]"
BACKDROP = tuple(maps.rgb(maps.BACKDROP)[:3])
TILE = (200, 230, 200)  # the pale green the test serves as every basemap tile
ANDONG_FILL = tuple(maps.tint(theme.PARK_COLOURS["andong"], 0.14)[:3])  # andong's park fill, focused


def map_pixels(page) -> Image.Image:
    return Image.open(io.BytesIO(page.locator(MAP).first.screenshot(timeout=10_000))).convert("RGB")


def share(image: Image.Image, test) -> float:
    """The share of the image's pixels for which `test` (of an H x W x 3 array) holds."""
    return float(test(np.asarray(image).astype(int)).mean())


def near(pixels, target, tolerance=40):
    return (np.abs(pixels - np.asarray(target)) <= tolerance).all(axis=-1)


def drawn(pixels):
    """Neither the backdrop nor white: something deck.gl drew."""
    return ~near(pixels, BACKDROP, 6) & ~near(pixels, (255, 255, 255), 6)


def reds(pixels):
    return (pixels[..., 0] > 180) & (pixels[..., 1] < 150) & (pixels[..., 2] < 140)


def wait_for_map(page, test=drawn, at_least=0.01):
    """deck.gl draws after the script has finished: wait until the map's pixels show what `test` looks for.

    A new view is a new chart: while the old one is being replaced a screenshot may miss, so it is
    taken again until the deadline.
    """
    expect(page.locator(MAP)).to_have_count(1, timeout=15_000)
    deadline = time.monotonic() + 45
    found, problem = 0.0, None
    while time.monotonic() < deadline:
        try:
            image = map_pixels(page)
        except PlaywrightError as error:
            problem = error
        else:
            found = share(image, test)
            if found >= at_least:
                return image
        page.wait_for_timeout(250)
    raise AssertionError(f"the map never drew: {found:.4f} of its pixels match ({problem})")


def centre(page) -> tuple[float, float]:
    box = page.locator(f"{MAP} canvas").first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def click_until_selected(page, x: float, y: float, tries: int = 3) -> None:
    """Click the map until the page has the selection in its URL: in software WebGL a click that lands
    while deck.gl is still busy is now and then lost, so it is tried again, a few times at most."""
    for _ in range(tries):
        page.mouse.click(x, y)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if "maps_selected=" in page.url:
                wait_for_app(page)
                return
            page.wait_for_timeout(200)
    raise AssertionError(f"clicking the map at ({x}, {y}) selected nothing")


def test_deep_link_to_andong_draws_its_map(server, page):
    visit(page, f"{server}/park_maps?park=andong")
    titles = nav_titles(page)
    assert titles[0] == "总览" and "园区地图" in titles
    assert not any(re.search(r"\.py|_", title) for title in titles)
    expect(page.locator("h1")).to_contain_text("园区地图")
    values = metric_values(page)
    assert (values["二级网格"], values["企业"], values["调处劳动纠纷"]) == ("5个", "169家", "77起")
    totals = runner.run("maps_enterprise_totals", runner.resolve("2022-09-30"), park_id="andong").iloc[0]
    assert values["企业职工"] == f"{totals.employee_count}名"
    # the park's outline and dots are drawn: many pixels of andong's red and of industry colours
    image = wait_for_map(page)
    assert share(image, lambda p: near(p, ANDONG_FILL, 6)) > 0.1  # the park, filled in its colour
    assert share(image, drawn) > 0.4  # the park and its enterprises fill a good part of the view
    expect(page.get_by_text("点击地图上的园区、网格或企业查看详情").first).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "park_maps_andong")


def test_hover_shows_a_chinese_tooltip_and_a_click_the_details(server, page):
    visit(page, f"{server}/park_maps?park=andong")
    wait_for_map(page)
    x, y = centre(page)
    page.mouse.move(x + 60, y + 40)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("安东园")
    expect(tooltip).to_contain_text("劳动纠纷")
    title = tooltip.locator("b").inner_text().strip()
    click_until_selected(page, x + 60, y + 40)
    expect(page).to_have_url(re.compile(r"maps_selected=(park|grid|enterprise)%3A"))
    details = page.locator("[data-testid=stVerticalBlock]").filter(has_text="详情").last
    expect(details.get_by_text(title, exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="取消选择")).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "park_maps_selected")
    page.get_by_role("button", name="取消选择").click()
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"maps_selected="))
    expect(page.get_by_text("尚未选择").first).to_be_visible()


def test_the_zone_and_the_park_filter(server, page):
    visit(page, f"{server}/park_maps")
    values = metric_values(page)
    assert (values["二级网格"], values["企业"], values["调处劳动纠纷"]) == ("58个", "1400家", "470起")
    wait_for_map(page)
    # every park's name label is drawn (dark text on light boxes at five places); the legend lists 21 industries
    expect(page.get_by_text("鞋服").first).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "park_maps_zone")
    pick_park(page, "五里园")
    expect(page).to_have_url(re.compile(r"park=wuli"))
    expect(metric(page, "企业职工")).to_contain_text("218262")
    expect(page.locator("[data-testid=stMetric]").filter(has=page.get_by_text("企业", exact=True))).to_contain_text(
        "636"
    )
    wait_for_map(page)
    screenshot(page, "park_maps_wuli")
    scroll_main(page, 900)
    expect(page.get_by_text("五里园 · 企业名录")).to_be_visible()
    expect(page.get_by_role("button", name="下载 CSV")).to_be_visible()
    screenshot(page, "park_maps_wuli_table")


def test_dispute_density_and_output_layers(server, page):
    visit(page, f"{server}/park_maps?park=food")
    page.locator("[data-testid=stButtonGroup]").filter(has_text="纠纷密度").get_by_text("纠纷密度").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"maps_layer=disputes"))
    expect(page.get_by_text("无案件")).to_be_visible()
    wait_for_map(page, reds, at_least=0.05)  # the grids are filled in reds
    expect_no_errors(page)
    screenshot(page, "park_maps_food_disputes")
    visit(page, f"{server}/park_maps?maps_layer=output&maps_indicator=industrial_output")
    expect(page.get_by_text("柱高表示各园区工业总产值(1-9月累计)")).to_be_visible()
    wait_for_map(page)
    expect_no_errors(page)
    screenshot(page, "park_maps_output")


def test_a_gaode_basemap_loads_its_tiles_when_reachable(server, page):
    # the machine is offline: the test serves every tile as a pale green square
    tile = io.BytesIO()
    Image.new("RGB", (256, 256), TILE).save(tile, "PNG")
    requested = []

    def serve(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=tile.getvalue())

    page.route(re.compile(r"https://webrd0\d\.is\.autonavi\.com/appmaptile.*"), serve)
    visit(page, f"{server}/park_maps?maps_basemap=amap")
    # a canvas not yet drawn screenshots white, so wait for the tiles' own colour first; they keep
    # arriving after the first ones show: then wait until they cover the backdrop
    wait_for_map(page, lambda p: near(p, TILE, 8), at_least=0.3)
    image = wait_for_map(page, lambda p: ~near(p, BACKDROP, 6) & ~near(p, (255, 255, 255), 6), at_least=0.95)
    assert requested and all("&x=" in url and "&z=" in url for url in requested)
    assert share(image, lambda p: near(p, TILE, 8)) >= 0.3  # the tiles are drawn
    assert share(image, lambda p: near(p, BACKDROP, 6)) < 0.05  # the tiles cover the backdrop
    expect(page.get_by_text("底图瓦片需联网从高德地图加载").first).to_be_visible()
    expect_no_errors(page)
    screenshot(page, "park_maps_amap")


def test_without_the_internet_the_basemap_is_left_out_and_the_map_still_draws(server, page):
    visit(page, f"{server}/park_maps?maps_basemap=amap&park=sanchuang")
    wait_for_map(page)  # tiles fail to load here; the outlines and dots are drawn all the same
    expect(page.get_by_text("无法联网时地图照常显示轮廓与数据").first).to_be_visible()
    expect_no_errors(page)


def test_english(server, page):
    visit(page, f"{server}/park_maps?lang=en&park=bonded&maps_selected=park:bonded")
    expect(page.locator("h1")).to_contain_text("Park maps")
    assert metric_values(page)["Enterprises"] == "156"
    expect(page.get_by_text("Grids L1/L2/L3")).to_be_visible()
    wait_for_map(page)
    expect_no_errors(page)
    screenshot(page, "park_maps_en")
