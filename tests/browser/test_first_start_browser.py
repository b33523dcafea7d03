"""A first start over snapshots never checked, in a real browser: the first page comes with the newest
two, the sidebar says how many more are being checked, and offers them by itself once they pass."""

import shutil

import pytest
from playwright.sync_api import expect

from queries import runner
from tests.browser.conftest import expect_no_errors, metric_values, screenshot, visit
from tools.browser import free_port, start_server, stop_server

SHIPPED = ("2022-03-31", "2022-06-30", "2022-09-30")


@pytest.fixture
def fresh_server(tmp_path):
    """A server over the shipped snapshots and two later ones, none of them checked before."""
    for date in SHIPPED:
        shutil.copytree(runner.ROOT / "data" / "snapshots" / date, tmp_path / "data" / "snapshots" / date)
    for date in ("2022-10-31", "2022-11-30"):
        shutil.copytree(runner.ROOT / "data" / "snapshots" / SHIPPED[-1], tmp_path / "data" / "snapshots" / date)
    port = free_port()
    process = start_server(port, {"JEDZ_DATA_DIR": str(tmp_path / "data"), "JEDZ_CACHE_DIR": str(tmp_path / "cache")})
    yield f"http://127.0.0.1:{port}"
    stop_server(process)


def test_the_older_snapshots_are_offered_by_themselves_once_checked(fresh_server, page):
    visit(page, fresh_server)
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("另有 3 个数据快照正在校验,通过后即可在此选择。")).to_be_visible()
    assert metric_values(page)["三级(企业地块)网格"] == "1179个"
    screenshot(page, "first_start_checking")
    # checked in the background a few seconds after the first page, then the sidebar runs the app again
    expect(sidebar.get_by_text("正在校验")).to_have_count(0, timeout=60_000)
    sidebar.locator("[data-testid=stSelectbox]").nth(1).click()
    options = page.get_by_role("option").all_inner_texts()
    assert options == ["2022-11-30", "2022-10-31", "2022-09-30", "2022-06-30", "2022-03-31"]
    expect_no_errors(page)
