"""A page that raises: the user reads our message (what failed, what to do), the log gets the traceback."""

import logging

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from tests.pages.helpers import open_app
from ui import errors, strings, widgets


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def logged():
    handler = Records()
    logger = logging.getLogger("jedz.errors")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def broken_card(*args, **kwargs):
    raise KeyError("grids_total_count")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_page_that_raises_shows_our_message_and_no_traceback(monkeypatch, logged, lang):
    monkeypatch.setattr(widgets, "figure_card", broken_card)
    at = open_app(lang=lang)  # the overview, whose KPI cards now fail
    assert not at.exception
    [error] = at.error
    title = strings.t("page_overview", lang)
    assert title in error.value
    assert ("刷新页面" if lang == "zh" else "Reload the page") in error.value
    shown = "\n".join(e.value for e in [*at.markdown, *at.error, *at.caption, *at.warning])
    assert "Traceback" not in shown and "KeyError" not in shown and "grids_total_count" not in shown
    # the reference on the page finds the log line, which has the traceback
    [record] = logged
    assert record.exc_info[0] is KeyError
    assert record.getMessage().endswith(f"(reference {error.value.rsplit(' ', 1)[-1].strip('。.')})")


def test_the_other_pages_still_run(monkeypatch):
    monkeypatch.setattr(widgets, "figure_card", broken_card)
    at = open_app(page="labor_disputes.py", park="andong")
    assert not at.exception and not at.error
    assert at.metric, "the disputes page draws its own KPI cards"


class StoppingPage:
    title, url_path = "总览", ""

    def run(self):
        raise StopException()


def test_streamlits_control_flow_passes_through(logged):
    # st.stop (a page's empty state) is not an error: it must reach Streamlit, not become our notice
    with pytest.raises(StopException):
        errors.run_page(StoppingPage(), "zh")
    assert logged == []
