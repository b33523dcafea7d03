"""Open the dashboard in AppTest the way a link would: a page and its query string; read what it shows."""

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest

from queries import runner
from tests.parks import PARK_IDS

DASHBOARD = str(runner.ROOT / "dashboard.py")


def open_app(page: str | None = None, *, user: dict | None = None, auth: dict | None = None, **query) -> AppTest:
    """Run the dashboard with `query` in the URL, straight on `page` (a file under app_pages/) if
    given, as a deep link would: the overview is not run first. `user` is an st.user dict (None:
    Streamlit's default, nobody logged in); `auth` the `[auth]` secrets, when login is configured."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    if user is not None:
        at.user = dict(user)
    if auth is not None:
        at.secrets["auth"] = dict(auth)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"app_pages/{page}")
    at.run()
    no_exception(at)
    return at


def open_each_park(page: str | None = None, **query) -> dict[str, AppTest]:
    """`open_app` once for each of the five parks, by park_id."""
    return {park: open_app(page=page, park=park, **query) for park in PARK_IDS}


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def metrics(at: AppTest) -> dict:
    return {m.label: m for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def warnings(at: AppTest) -> str:
    """The text of every warning shown (the notices about refused URL values among them)."""
    return "\n".join(w.value for w in at.warning)


def tables(at: AppTest) -> dict:
    """The dataframes shown, keyed by their first column's header."""
    return {frame.value.columns[0]: frame.value for frame in at.dataframe}


def plain(value):
    """Plotly's typed arrays (`{"dtype": "i4", "bdata": ...}`) as lists, recursively."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = [int(n) for n in str(value.get("shape", len(array))).split(",")]
        return array.reshape(shape).tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def plotly_spec(element) -> dict:
    """A plotly chart element's figure, as its JSON spec with the typed arrays made lists."""
    return plain(json.loads(element.proto.spec))


def plotly_charts(at: AppTest) -> list[dict]:
    """The plotly figures on the page, in page order (see `plotly_spec`)."""
    return [plotly_spec(element) for element in at.get("plotly_chart")]
