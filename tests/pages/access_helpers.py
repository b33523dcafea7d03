"""Open the dashboard in AppTest as a given user, with or without login configured, and read
everything a page sends to the browser."""

import re

import duckdb
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import open_app

# what `[auth]` in .streamlit/secrets.toml holds when login is configured (no real secret: nothing here
# reaches a provider unless a test logs in)
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only-cookie-secret",
    "client_id": "jedz-dashboard",
    "client_secret": "test-only-client-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
VISITOR = {"is_logged_in": False}


def user(*groups: str, sub: str = "alice") -> dict:
    """A logged-in user whose `groups` claim holds `groups`."""
    return {"is_logged_in": True, "sub": sub, "email": f"{sub}@example.org", "groups": list(groups)}


def open_as(page: str | None = None, who: dict | None = None, login: bool = False, **query) -> AppTest:
    """Run the dashboard on `page` (a file under app_pages/) as `who` (an st.user dict; None: Streamlit's
    default, nobody logged in), with `[auth]` configured when `login`, and `query` in the URL."""
    return open_app(page, user=who, auth=AUTH if login else None, **query)


def _bytes_fields(message) -> list[str]:
    """The bytes fields of a proto and its sub-messages, decoded (a table's Arrow data holds its text
    as UTF-8, which the text format would print as escapes)."""
    found = []
    for field, value in message.ListFields():
        values = value if getattr(field, "is_repeated", False) else [value]
        for item in values:
            if isinstance(item, bytes):
                found.append(item.decode("utf-8", errors="ignore"))
            elif hasattr(item, "ListFields"):
                found += _bytes_fields(item)
    return found


def everything(at: AppTest) -> str:
    """Every element the app sent, main area and sidebar, as text (protos: a map's JSON, a chart's
    data, a table's Arrow data, help texts), but CSS."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(text_format.MessageToString(proto, as_utf8=True))
            out.extend(_bytes_fields(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return re.sub(r"<style>.*?</style>", "", "\n".join(out), flags=re.S)


def tables_shown(at: AppTest) -> list:
    return [frame.value for frame in at.dataframe]


def downloads(at: AppTest) -> list[str]:
    """The labels of the download buttons of rows shown (in the main area: the sidebar has the slide PNG;
    not the page's briefing: ui/briefing.py)."""
    return [
        element.proto.label
        for element in at.main.get("download_button")
        if not element.proto.id.endswith("briefing_pdf")
    ]


def row_values(folder, table: str, column: str, where: str = "TRUE") -> set[str]:
    """The values of a column of a snapshot folder's table (names, case ids), read from its parquet."""
    con = duckdb.connect(":memory:")
    try:
        query = f"SELECT DISTINCT {column} FROM '{folder / table}.parquet' WHERE {where}"
        return {row[0] for row in con.execute(query).fetchall()}
    finally:
        con.close()
