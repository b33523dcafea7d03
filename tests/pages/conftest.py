"""Fixtures of the page tests: a test module names its page in `PAGE` (a file under app_pages/) and gets
it opened once for the zone and once for each park, shared by the module's tests."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import open_app, open_each_park


@pytest.fixture(scope="module")
def zone(request) -> AppTest:
    """The module's PAGE for the whole zone, in Chinese, as a plain link opens it."""
    return open_app(page=request.module.PAGE)


@pytest.fixture(scope="module")
def parks(request) -> dict[str, AppTest]:
    """The module's PAGE for each of the five parks, by park_id."""
    return open_each_park(page=request.module.PAGE)
