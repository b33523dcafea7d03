"""Login through Streamlit's own st.login against a real OpenID Connect provider (oidc-provider-mock, on a
free local port): the whole redirect flow in chromium, the park user's view, logout, and the provider
gone. No token, password or personal detail in our URLs or the server's log."""

import csv
import io
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import expect_no_errors, screenshot, wait_for_app
from tools.browser import free_port, start_server, stop_server

CLAIMS = {"sub": "alice", "email": "alice@example.org", "groups": ["park:andong"]}
SIDEBAR = "[data-testid=stSidebar]"


def start_provider(port: int, claims: dict = CLAIMS) -> subprocess.Popen:
    """oidc-provider-mock on `port` with one predefined user of `claims`, returned once its discovery
    document answers."""
    command = [str(Path(sys.executable).parent / "oidc-provider-mock"), "-p", str(port), "--user-claims"]
    process = subprocess.Popen([*command, json.dumps(claims)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if "authorization_endpoint" in json.loads(reply.read()):
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oidc-provider-mock did not start")


def auth_secrets(folder: Path, app_port: int, provider_port: int) -> Path:
    """A secrets file of the test's own whose `[auth]` names the provider on `provider_port` (fresh
    random secrets each time)."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(16)}"\n'
        'client_id = "jedz-dashboard"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "http://127.0.0.1:{provider_port}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def login_setup(tmp_path_factory):
    """The provider, and the dashboard with `[auth]` naming it in a secrets file of the test's own."""
    folder = tmp_path_factory.mktemp("login")
    provider_port, app_port = free_port(), free_port()
    provider = start_provider(provider_port)
    secrets_file = auth_secrets(folder, app_port, provider_port)
    env = {"STREAMLIT_SECRETS_FILES": str(secrets_file), "JEDZ_AUDIT_DIR": str(folder / "audit")}
    app = start_server(app_port, env=env)
    yield {"app": f"http://127.0.0.1:{app_port}", "provider": provider, "audit": folder / "audit", "server": app}
    stop_server(app)
    if provider.poll() is None:
        provider.terminate()
        provider.wait(timeout=10)


def sidebar_text(page) -> str:
    return page.locator(SIDEBAR).inner_text()


def test_log_in_see_the_parks_view_log_out_and_the_provider_gone(login_setup, page):
    app = login_setup["app"]
    visited = []
    page.on("request", lambda request: visited.append(request.url) if request.is_navigation_request() else None)

    page.goto(f"{app}/labor_disputes")
    wait_for_app(page)
    expect(page.locator(SIDEBAR).get_by_text("未登录")).to_be_visible()
    expect(page.get_by_text("您当前的角色只能查看汇总数据")).to_be_visible()  # a visitor is public

    page.locator(SIDEBAR).get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "authorize" in url, timeout=30_000)
    page.get_by_role("button", name="alice").click()  # the provider's predefined user
    page.wait_for_url(lambda url: url.startswith(app) and "oauth2callback" not in url, timeout=30_000)
    wait_for_app(page)
    expect(page.locator(SIDEBAR).get_by_text("角色:安东园网格长")).to_be_visible(timeout=30_000)
    expect(page.locator(SIDEBAR).get_by_text("全区数字均为该园区的数字")).to_be_visible()
    expect_no_errors(page)

    page.goto(f"{app}/park_maps?park=wuli")  # another park's link: a notice, and 安东园 only
    wait_for_app(page)
    expect(page.get_by_text("您只能查看本园区")).to_be_visible()
    assert "五里园" not in page.locator("[data-testid=stMain]").inner_text()
    expect(page.locator("[data-testid=stDataFrame]")).to_have_count(1)  # its enterprises, as a park user
    screenshot(page, "login_park_user_maps")
    with page.expect_download() as download:  # its park's rows only, and the audit log has it
        page.get_by_role("button", name="下载 CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
    assert rows and {row["park_id"] for row in rows} == {"andong"}

    page.locator(SIDEBAR).get_by_role("button", name="退出登录").click()
    page.wait_for_url(lambda url: "end_session" in url, timeout=30_000)  # OIDC's own logout at the provider
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(lambda url: url.startswith(app) and "end_session" not in url, timeout=30_000)
    wait_for_app(page)
    expect(page.locator(SIDEBAR).get_by_role("button", name="登录")).to_be_visible(timeout=30_000)

    ours = [url for url in visited if url.startswith(app)]
    for url in ours:  # no token, password or personal detail in our URLs
        for word in ("alice", "example.org", "token", "password", "park%3Aandong"):
            assert word not in url, url
    assert any("oauth2callback" in url for url in ours)  # the flow came back through Streamlit's route

    # the provider gone: the login says so, and the public view still works
    login_setup["provider"].terminate()
    login_setup["provider"].wait(timeout=10)
    page.locator(SIDEBAR).get_by_role("button", name="登录").click()
    wait_for_app(page)
    expect(page.locator(SIDEBAR).get_by_text("统一身份认证服务暂时无法连接")).to_be_visible()
    screenshot(page, "login_provider_unreachable")
    expect(page.locator("[data-testid=stMetric]").first).to_be_visible()
    expect_no_errors(page)


def test_the_audit_log_has_the_login_the_refusal_and_the_download(login_setup):
    entries = [json.loads(line) for line in (login_setup["audit"] / "audit.jsonl").read_text().splitlines()]
    alice = [(e["event"], e.get("table") or e.get("asked")) for e in entries if e["user"] == "alice@example.org"]
    assert ("login", None) in alice and ("denial", "wuli") in alice and ("logout", None) in alice
    assert ("download", "enterprises_andong_2022-09-30") in alice
    assert all(e["role"] == "park:andong" for e in entries if e["user"] == "alice@example.org")


def test_the_server_log_names_no_user_and_holds_no_token(login_setup):
    """Run after the flow: what the server wrote holds neither the user nor a token."""
    server = login_setup["server"]
    os.set_blocking(server.stdout.fileno(), False)
    log = (server.stdout.read() or b"").decode(errors="replace")
    for word in ("alice", "example.org", "id_token", "access_token", "eyJ"):
        assert word not in log, word
