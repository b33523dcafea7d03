"""The zone's own data in a real browser: the example export ingested as a reported snapshot shows 报送数据
(blue) and no demo tag; a snapshot whose manifest is gone shows 来源未登记 (grey); both tags pass axe."""

import shutil

import pytest

from queries import runner
from tests.browser.conftest import axe_violations, expect_no_errors, metric_values, screenshot, visit
from tests.browser.test_accessibility_browser import ours
from tools import ingest
from tools.browser import free_port, start_server, stop_server


@pytest.fixture(scope="module")
def data_dirs(tmp_path_factory):
    reported = tmp_path_factory.mktemp("reported")
    example = str(runner.ROOT / "data" / "examples" / "ingest")
    assert (
        ingest.main([example, "--as-of", "2022-12-31", "--data-dir", str(reported), "--delivered-by", "综治办", "-q"])
        == 0
    )
    unrecorded = tmp_path_factory.mktemp("unrecorded")
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-09-30", unrecorded / "snapshots" / "2022-09-30")
    (unrecorded / "snapshots" / "2022-09-30" / "manifest.json").unlink()
    return {"reported": reported, "unrecorded": unrecorded}


@pytest.fixture(scope="module", params=["reported", "unrecorded"])
def served(request, data_dirs):
    port = free_port()
    process = start_server(port, env={"JEDZ_DATA_DIR": str(data_dirs[request.param])})
    yield request.param, f"http://127.0.0.1:{port}"
    stop_server(process)


TAGS = {"reported": "报送数据", "unrecorded": "来源未登记"}


def test_the_snapshots_own_tag_is_shown_readable_and_demo_nowhere(served, page):
    kind, server = served
    visit(page, server)  # the overview: every page's tags are checked through AppTest (tests/pages)
    expect_no_errors(page)
    main = page.locator("[data-testid=stMain]")
    assert main.locator(".stMarkdownBadge").filter(has_text=TAGS[kind]).count() >= 3
    assert main.locator(".stMarkdownBadge").filter(has_text="演示数据").count() == 0
    assert main.locator(".stMarkdownBadge").filter(has_text="已发布").count() == 0
    assert page.locator("[data-testid=stSidebar]").get_by_text(TAGS[kind]).count() == 1
    if kind == "unrecorded":
        assert metric_values(page).get("三级(企业地块)网格", "1179个") == "1179个"
        assert page.get_by_text("该快照没有 manifest.json").count() == 1
    page.wait_for_timeout(1000)
    found = ours(axe_violations(page))
    assert not found, "\n".join(found)
    screenshot(page, f"{kind}_overview")
