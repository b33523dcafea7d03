"""A real `streamlit run` server per module and Debian's chromium driven by Playwright.

Copied in spirit from Streamlit's own e2e harness: a free port, health polled until `ok`, and
after each action wait for the app to be connected, the script finished and no skeletons left.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tools.browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, start_server, stop_server

SCREENSHOTS = ROOT / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = start_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium fonts-noto-cjk")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """The app is connected, its script has finished and nothing is still loading."""
    expect(page.locator("[data-testid=stApp][data-test-connection-state=CONNECTED]")).to_be_attached(timeout=timeout)
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached(timeout=timeout)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0, timeout=timeout)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
