"""Hostile links and bad snapshots: the dashboard notices, falls back to defaults, and never shows a traceback.

URL values are untrusted. Every page is opened by deep link with SQL injection, path traversal,
10,000-character, control-character and repeated values in the shared keys (park, snapshot, lang)
and in every key the page itself reads from the URL (found by watching the page read
`st.query_params`, so keys added later are covered too). Each value must be refused with a notice,
the page must show what it shows without them, no value may reach SQL text or a file path, and
none may stay in the URL.

Snapshots are untrusted too: a data folder whose newest snapshot is broken (see
queries/validate.py) is served from the newest valid one, with the broken one listed in the
sidebar with its problems.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.runtime.state.query_params_proxy import QueryParamsProxy
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from queries import loading, runner
from tests.pages.helpers import DASHBOARD, captions, no_exception
from ui import filters, navigation
from ui.strings import t

SHARED = ("park", "snapshot", "lang")
URL_PATHS = [url for _, _, _, url in navigation.PAGES]
NEWEST = "2022-09-30"
HOSTILE = {
    "sql": "andong' OR 1=1 --",
    "sql_statement": "x'); DROP TABLE grids; SELECT ('",
    "traversal": "../../etc/passwd",
    "encoded_traversal": "..%2F..%2Fetc%2Fpasswd",
    "long": "晋" + "A" * 9_999,
    "control": "\x00\x07\x1b[31m\u202eandong\r\n<script>alert(1)</script>",
    "unicode": "ａｎｄｏｎｇ🏭\u200b",
    "unicode_digits": "²",  # str.isdigit() says yes, int() says no
    "repeated": ["nowhere", "elsewhere"],
}
# pages that ignore their own display settings without a notice, by design (a lobby screen shows no
# warnings): keys they read straight from st.query_params; the shared keys still get notices there
SILENT_PAGES = {"big_screen"}
# known failures, each reported to the lead with its fix (not strict: the page is being written)
KNOWN: dict[tuple[str, str], str] = {}  # (page, kind of value) -> a known failure, marked xfail
_zh_notice = t("bad_url_value", "zh", param="{p}", value="{v}")
NOTICE_TAIL = _zh_notice.split("{v}")[1]  # ”无法识别,已改用默认值。


# --- watching what a run reads and touches ----------------------------------------------------


class _Cursor:
    def __init__(self, cursor, log):
        self._cursor, self._log = cursor, log

    def execute(self, sql, *args, **kwargs):
        self._log.append((sql, args[0] if args else kwargs.get("parameters")))
        return self._cursor.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


class _Connection:
    def __init__(self, connection, log):
        self._connection, self._log = connection, log

    def cursor(self):
        return _Cursor(self._connection.cursor(), self._log)

    def __getattr__(self, name):
        return getattr(self._connection, name)


@contextmanager
def watched():
    """Record the URL keys read (all, and those read as choices through ui.filters.from_url), the SQL run
    (text and bound values) and the paths opened or looked at."""
    seen = {"keys": set(), "choices": set(), "sql": [], "paths": []}
    with pytest.MonkeyPatch.context() as mp:
        from_url = filters.from_url

        def record_from_url(key, options, default):
            seen["choices"].add(key)
            return from_url(key, options, default)

        mp.setattr(filters, "from_url", record_from_url)
        get, getitem = QueryParamsProxy.get, QueryParamsProxy.__getitem__

        def record_get(self, key, default=None):
            seen["keys"].add(key)
            return get(self, key, default)

        def record_getitem(self, key):
            seen["keys"].add(key)
            return getitem(self, key)

        mp.setattr(QueryParamsProxy, "get", record_get)
        mp.setattr(QueryParamsProxy, "__getitem__", record_getitem)
        watched = _Connection(loading.connection(), seen["sql"])
        mp.setattr(loading, "connection", lambda: watched)
        for module, name in ((os, "stat"), (os, "listdir"), (os, "scandir"), (builtins, "open"), (io, "open")):
            real = getattr(module, name)

            def recording(path=".", *args, _real=real, **kwargs):
                seen["paths"].append(str(path))
                return _real(path, *args, **kwargs)

            mp.setattr(module, name, recording)
        yield seen


def open_page(url_path: str, query: dict) -> AppTest:
    """The dashboard as a deep link opens it: `/<url_path>?<query>` on the session's first run."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at._page_hash = calc_hash(url_path)  # what the browser's first request for /<url_path> asks for
    at.query_params.update(query)
    return at.run()


def state(at: AppTest, keys) -> dict:
    return {k: at.session_state[k] for k in sorted(keys) if k in at.session_state}


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.value.endswith(NOTICE_TAIL)]


def shown(at: AppTest) -> list:
    """What identifies the view: titles, headers, KPI labels and values."""
    return (
        [e.value for e in at.title]
        + [e.value for e in at.header]
        + [e.value for e in at.subheader]
        + [(m.label, m.value) for m in at.metric]
    )


# --- the pages and the keys they read ---------------------------------------------------------


@pytest.fixture(scope="module")
def pages() -> dict[str, dict]:
    """Per page: the URL keys it reads (to a fixed point under hostile values) and its state with a clean link."""
    out = {}
    for url in URL_PATHS:
        keys: set[str] = set(SHARED)
        for _ in range(4):
            with watched() as seen:
                at = open_page(url, dict.fromkeys(keys, HOSTILE["sql"]))
            no_exception(at)
            if seen["keys"] <= keys:
                break
            keys |= seen["keys"]
        clean = open_page(url, {})
        no_exception(clean)
        out[url] = {"keys": keys, "state": state(clean, keys), "shown": shown(clean), "url": clean.query_params}
    return out


def test_every_page_is_tested_with_its_own_keys(pages):
    assert set(pages) == set(URL_PATHS) and "overview" in pages
    for url, page in pages.items():
        assert set(SHARED) <= page["keys"], url
        assert page["state"]["park"] == "all" and page["state"]["snapshot"] == NEWEST and page["state"]["lang"] == "zh"


def _check_hostile_run(url: str, page: dict, query: dict, values: list[str]) -> None:
    with watched() as seen:
        at = open_page(url, query)
    no_exception(at)
    # shown as without the link's values: same titles and KPIs, same filters and page choices
    assert shown(at) == page["shown"]
    assert state(at, page["keys"]) == page["state"]
    # one notice per refused key the page read (a silent page's own settings excepted)
    choices = seen["choices"] & set(query)
    direct = seen["keys"] & set(query) - choices
    refused = choices | (set() if url in SILENT_PAGES else direct)
    assert len(notices(at)) == len(refused), (sorted(refused), notices(at))
    # nothing of it stays in the link
    for key in refused:
        assert at.query_params.get(key) == page["url"].get(key), key
    # no value reaches SQL text or a file path
    markers = [v for v in values if len(v) >= 5]
    for sql, _ in seen["sql"]:
        assert not any(m in sql for m in markers), sql
    for path in seen["paths"]:
        assert not any(m in path for m in markers) and "passwd" not in path, path


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("url", URL_PATHS)
def test_hostile_values_in_every_key_of_every_page(url, kind, pages, request):
    if (url, kind) in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[url, kind], strict=False))
    value = HOSTILE[kind]
    page = pages[url]
    query = dict.fromkeys(page["keys"], value)
    _check_hostile_run(url, page, query, value if isinstance(value, list) else [value])


def test_a_notice_names_the_refused_value_cut_short(pages):
    at = open_page("overview", {"park": HOSTILE["long"]})
    [notice] = notices(at)
    assert "园区" in notice and "晋" + "A" * 39 + NOTICE_TAIL in notice
    assert len(notice) < 100


def test_an_invalid_language_falls_back_to_chinese_and_english_still_works():
    assert open_page("overview", {"lang": "fr"}).title[0].value == open_page("overview", {}).title[0].value
    english = open_page("overview", {"lang": "en", "park": "nowhere"})
    no_exception(english)
    assert english.session_state["lang"] == "en"
    assert any("is not recognised" in w.value for w in english.warning)


# --- bad snapshots ----------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ the dashboard reads through JEDZ_DATA_DIR."""
    shutil.copytree(runner.ROOT / "data" / "snapshots", tmp_path / "snapshots")
    shutil.copy(runner.ROOT / "data" / "published_figures.csv", tmp_path)
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
    return tmp_path


def rewrite(folder: Path, table: str, change) -> None:
    path = folder / f"{table}.parquet"
    frame = change(pq.read_table(path).to_pandas())
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)


def sidebar_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption])


def assert_listed(text: str, data: Path, fragment: str) -> None:
    """The problem whose English contains `fragment` is found by the runner and listed (in English or Chinese)."""
    found = [p for snapshot in runner.snapshots(data) for p in snapshot.problems if fragment in str(p)]
    assert found, fragment
    assert any(str(p) in text or p.chinese() in text for p in found), (fragment, text)


def break_newest(data: Path) -> None:
    newest = data / "snapshots" / NEWEST

    def negative(frame):
        frame.loc[[2, 7], "employees"] = -5
        return frame

    rewrite(newest, "enterprises", negative)
    (newest / "party_orgs.parquet").unlink()


def test_a_broken_newest_snapshot_is_listed_and_the_newest_valid_one_served(data_copy):
    break_newest(data_copy)
    at = open_page("overview", {})
    no_exception(at)
    assert at.selectbox(key="snapshot").value == "2022-06-30"
    assert NEWEST not in at.selectbox(key="snapshot").options
    assert "数据截至 2022-06-30" in captions(at)
    broken = runner.snapshot_at(data_copy / "snapshots" / NEWEST)
    assert f"{NEWEST}/enterprises.parquet, column employees, rows 3, 8: negative value" in map(str, broken.problems)
    assert f"{NEWEST}/party_orgs.parquet: file is missing" in map(str, broken.problems)
    text = sidebar_text(at)
    assert f"**{NEWEST}**" in text
    for problem in broken.problems:  # each listed, in English or Chinese
        assert str(problem) in text or problem.chinese() in text, problem


@pytest.mark.parametrize("url", URL_PATHS)
def test_every_page_serves_the_newest_valid_snapshot(url, data_copy):
    break_newest(data_copy)
    at = open_page(url, {"snapshot": NEWEST})  # a link to the broken snapshot
    no_exception(at)
    assert at.session_state["snapshot"] == "2022-06-30"
    assert any(NEWEST in n for n in notices(at))


@pytest.mark.parametrize(
    "damage",
    [
        "text_in_an_integer_column",
        "impossible_folder_date",
        "unreadable_parquet",
        "empty_folder",
        "swapped_columns",
    ],
)
def test_a_snapshot_that_breaks_the_checks_themselves_is_refused_quietly(damage, data_copy):
    """Damage that once raised inside the checks (a text `level`, a date 2022-99-99) is a listed problem."""
    snapshots = data_copy / "snapshots"
    if damage == "text_in_an_integer_column":
        rewrite(snapshots / NEWEST, "grids", lambda f: f.assign(level=f["level"].astype(str).where(f.index != 3, "x")))
        expected = f"{NEWEST}/grids.parquet, column level: has type VARCHAR, expected integer"
    elif damage == "impossible_folder_date":
        shutil.copytree(snapshots / NEWEST, snapshots / "2022-99-99")
        expected = "2022-99-99: is not a real date"
    elif damage == "unreadable_parquet":
        (snapshots / NEWEST / "grids.parquet").write_bytes(b"PAR1 not really")
        expected = f"{NEWEST}/grids.parquet: cannot be read as parquet"
    elif damage == "empty_folder":
        (snapshots / "2023-01-01").mkdir()
        expected = "2023-01-01/parks.parquet: file is missing"
    else:
        rewrite(snapshots / NEWEST, "parks", lambda f: f.rename(columns={"lon": "lat", "lat": "lon"}))
        expected = f"{NEWEST}/parks.parquet, column lon, rows 1, 2, 3, 4, 5: lon outside China"
    at = open_page("overview", {})
    no_exception(at)
    assert_listed(sidebar_text(at), data_copy, expected)
    assert at.session_state["snapshot"] in ("2022-09-30", "2022-06-30")
    assert at.title[0].value


def test_no_valid_snapshot_at_all_is_said_plainly(data_copy):
    for folder in (data_copy / "snapshots").iterdir():
        (folder / "parks.parquet").unlink()
    at = open_page("overview", {"park": "andong"})
    no_exception(at)
    assert "没有可用的数据快照" in at.error[0].value
    assert_listed(captions(at), data_copy, "2022-03-31/parks.parquet: file is missing")
