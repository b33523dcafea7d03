"""axe-core (WCAG 2.1 AA, as GB/T 37668 asks) on every page in both languages: no serious or critical violation.

One visit per page and language, on the module's one server, in one browser tab (a fresh tab per check
would load Streamlit's bundle twelve times).
"""

import pytest

from tests.browser.conftest import axe_violations, expect_no_errors, visit

PAGES = ["", "grid_coverage", "economy", "labor_disputes", "park_maps", "big_screen"]

# Violations that are Streamlit's own and cannot be reached from the app: (rule id, a piece of the
# element's selector or html, why). Empty today: the faded captions, the badges inside them and the
# sparklines' empty hover layer are fixed by ui/theme.py's CSS and the [theme] badge colours.
STREAMLIT_OWN: list[tuple[str, str, str]] = []


def ours(violations: list[dict]) -> list[str]:
    """The serious and critical violations, one line per element, less the listed ones of Streamlit's."""
    found = []
    for v in violations:
        if v["impact"] not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            if any(
                v["id"] == rule and (part in node["target"] or part in node["html"]) for rule, part, _ in STREAMLIT_OWN
            ):
                continue
            found.append(f"{v['id']} ({v['impact']}) {node['target']}: {node['html']}\n    {node['summary']}")
    return found


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page_path", PAGES, ids=lambda p: p or "overview")
def test_no_serious_accessibility_violation(server, tab, page_path, lang):
    page = tab
    # the big screen paused: a rotation mid-check would redraw what axe is reading
    visit(page, f"{server}/{page_path}?lang={lang}" + ("&paused=1" if page_path == "big_screen" else ""))
    expect_no_errors(page)
    page.wait_for_timeout(1000)  # the metric sparklines and plotly charts draw after the script finishes
    # the page drew what axe reads: tags on the analysis pages, tiles on the big screen
    if page_path == "big_screen":
        assert page.locator(".jedz-tile").count() > 0
    else:
        assert page.locator(".stMarkdownBadge").count() > 0
    found = ours(axe_violations(page))
    assert not found, f"{len(found)} serious/critical axe violations:\n" + "\n".join(found)
