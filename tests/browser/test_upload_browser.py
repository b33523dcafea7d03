"""An admin logs in (oidc-provider-mock) and delivers the example export in chromium: files dropped into
the uploader, checked, confirmed, and the new snapshot served; a broken file gets its problems."""

import shutil

import pytest
from playwright.sync_api import expect

from queries import manifest, runner
from tests.browser.conftest import expect_no_errors, screenshot, wait_for_app
from tests.browser.test_login_browser import auth_secrets, start_provider
from tools.browser import free_port, start_server, stop_server

EXAMPLE = runner.ROOT / "data" / "examples" / "ingest"
ADMIN = {"sub": "dana", "email": "dana@example.org", "groups": ["admin"]}
AS_OF = "2022-12-31"


@pytest.fixture(scope="module")
def admin_setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload")
    data = folder / "data"
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-09-30", data / "snapshots" / "2022-09-30")
    provider_port, app_port = free_port(), free_port()
    provider = start_provider(provider_port, ADMIN)
    secrets_file = auth_secrets(folder, app_port, provider_port)
    env = {"STREAMLIT_SECRETS_FILES": str(secrets_file), "JEDZ_DATA_DIR": str(data), "JEDZ_AUDIT_DIR": str(folder)}
    app = start_server(app_port, env=env)
    yield f"http://127.0.0.1:{app_port}", data, folder
    stop_server(app)
    provider.terminate()
    provider.wait(timeout=10)


def test_an_admin_delivers_the_example_export_in_the_browser(admin_setup, page, tmp_path):
    app, data, _folder = admin_setup
    page.goto(f"{app}/data_admin")
    wait_for_app(page)
    expect(page.get_by_text("此页面仅限管理员访问")).to_be_visible()  # not logged in yet
    page.locator("[data-testid=stSidebar]").get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "authorize" in url, timeout=30_000)
    page.get_by_role("button", name="dana").click()
    page.wait_for_url(lambda url: url.startswith(app) and "oauth2callback" not in url, timeout=30_000)
    wait_for_app(page)
    page.goto(f"{app}/data_admin")
    wait_for_app(page)
    expect(page.get_by_text("每个文件不超过 50 MB")).to_be_visible()

    broken = tmp_path / "grids.csv"
    broken.write_bytes((EXAMPLE / "grids.csv").read_bytes().replace(b"wuli-L3-0001,", b"wuli-L3-0001x,", 1))
    files = [str(p) for p in sorted(EXAMPLE.iterdir()) if p.name != "grids.csv"]
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files([*files, str(broken)])
    expect(page.get_by_text("grids.csv").first).to_be_visible(timeout=30_000)
    page.get_by_role("spinbutton", name="year, 数据截止日期").click()
    page.keyboard.type(AS_OF.replace("-", ""))  # year, month and day, each field moving on to the next
    page.keyboard.press("Escape")  # the calendar the click opened
    wait_for_app(page)
    page.get_by_role("button", name="检查文件").click()
    wait_for_app(page)
    expect(page.get_by_text("未写入任何数据")).to_be_visible(timeout=30_000)
    screenshot(page, "data_upload_refused")
    assert not (data / "snapshots" / AS_OF).exists()

    chip = page.locator("[data-testid=stFileChip]").filter(has_text="grids.csv")
    chip.locator("[data-testid=stFileChipDeleteBtn]").click()  # the broken grids.csv out, the good one in
    wait_for_app(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(EXAMPLE / "grids.csv"))
    wait_for_app(page)
    page.get_by_role("button", name="检查文件").click()
    wait_for_app(page)
    expect(page.get_by_text("检查通过:9 个表")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="写入快照").click()
    wait_for_app(page)
    expect(page.get_by_text(f"已写入 {AS_OF} 的快照")).to_be_visible(timeout=30_000)
    screenshot(page, "data_upload_written")
    expect_no_errors(page)
    assert manifest.record(data / "snapshots" / AS_OF).uploaded_by == "dana@example.org"

    page.goto(app)  # a new visit opens the newest snapshot, the one just delivered
    wait_for_app(page)
    expect(page.locator("[data-testid=stMain]")).to_contain_text(f"数据截至 {AS_OF}")
    expect(page.locator("[data-testid=stMain]")).to_contain_text("1179个")
