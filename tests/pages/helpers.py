"""Open the dashboard in AppTest the way a link would: a page and its query string."""

from streamlit.testing.v1 import AppTest

from queries import runner

DASHBOARD = str(runner.ROOT / "dashboard.py")


def open_app(page: str | None = None, **query) -> AppTest:
    """Run the dashboard with `query` in the URL, on `page` (a file under app_pages/) if given."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict:
    return {m.label: m for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)
