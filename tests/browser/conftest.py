"""A real `streamlit run` server per module and Debian's chromium driven by Playwright.

Copied in spirit from Streamlit's own e2e harness: a free port, health polled until `ok`, and
after each action wait for the app to be connected, the script finished and no skeletons left.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from tools.browser import CHROMIUM, CHROMIUM_FLAGS, DRAWN, ROOT, free_port, start_server, stop_server

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
    for selector in DRAWN:
        expect(page.locator(selector)).to_be_attached(timeout=timeout)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0, timeout=timeout)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- shared steps and readings of the test modules -------------------------------------------------


def visit(page: Page, url: str) -> None:
    """Open `url` (a deep link) and wait for the app to finish."""
    page.goto(url)
    wait_for_app(page)


def nav_titles(page: Page) -> list[str]:
    """The page titles in the sidebar navigation, in order."""
    # a link's text is its material icon's ligature name, then the title
    return [t.strip().splitlines()[-1] for t in page.locator("[data-testid=stSidebarNavLink]").all_inner_texts()]


def metric(page: Page, label: str) -> Locator:
    """The KPI metric whose text contains `label`."""
    return page.locator("[data-testid=stMetric]").filter(has_text=label)


def metric_values(page: Page) -> dict[str, str]:
    """Every KPI metric's value by its label."""
    cards = page.locator("[data-testid=stMetric]")
    values = {}
    for i in range(cards.count()):
        # the last line: a metric with an icon reads `warning` (the icon's ligature) before its label
        label = cards.nth(i).locator("[data-testid=stMetricLabel]").inner_text().strip().splitlines()[-1]
        values[label] = cards.nth(i).locator("[data-testid=stMetricValue]").inner_text().strip()
    return values


def pick_park(page: Page, name: str) -> None:
    """Choose the park `name` (as shown) in the sidebar's park filter and wait for the app."""
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=name).click()
    wait_for_app(page)


def scroll_main(page: Page, y: int) -> None:
    """Scroll the main area (it scrolls inside the page) to `y`."""
    page.locator("[data-testid=stMain]").evaluate(f"e => e.scrollTo(0, {y})")
    page.wait_for_timeout(400)  # let plotly finish drawing what scrolled into view before a screenshot


def scroll_into_view(page: Page, locator: Locator) -> None:
    """Scroll the main area until `locator` shows, and let it finish drawing."""
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(500)


def expect_no_errors(page: Page) -> None:
    """No exception, no error box and no "page not found" dialog on the page."""
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations on the page as it stands: rule id, impact, and each element's
    selector, html and summary. axe.min.js is injected from node_modules (`npm ci`), never fetched."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make browser-deps` (npm ci)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact,
            nodes: v.nodes.map((n) => ({
              target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary,
            })),
          }));
        }""",
        AXE_TAGS,
    )
