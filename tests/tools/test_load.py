"""The load generator's protocol client against real servers: a page's run finishes and what it shows is read."""

import asyncio
import concurrent.futures
import subprocess
import sys

import pytest

from tests.browser import conftest as harness
from tools import load
from tools.browser import free_port, stop_server
from tools.serve import wait_healthy

RAISING_APP = """\
import streamlit as st

st.title("probe")
if st.query_params.get("boom"):
    raise ValueError("boom from the page")
st.error("a notice, not an exception") if st.query_params.get("notice") else st.write("fine")
"""


def outside_any_loop(coroutine_function):
    """Run a coroutine on a thread of its own: the browser tests' Playwright keeps an event loop
    running on the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_function()).result()


server = harness.server  # the browser tests' server per module


def run_once(url: str, page: str, query: str = "", then: list[tuple[str, int]] = ()) -> list[load.Run]:
    async def visit() -> list[load.Run]:
        session = load.Session(url)
        try:
            runs = [await session.run(page, None, query=query)]
            for next_page, park in then:
                runs.append(await session.run(next_page, park))
            return runs
        finally:
            await session.close()

    return outside_any_loop(visit)


def test_a_session_runs_pages_and_picks_a_park(server):
    session_runs = run_once(server, "labor_disputes", "park=andong", then=[("overview", 2), ("economy", 0)])
    assert [r.ok for r in session_runs] == [True, True, True]
    assert [r.exceptions for r in session_runs] == [[], [], []]
    assert [r.error_notices for r in session_runs] == [[], [], []]
    assert all(0 < r.seconds < load.RUN_TIMEOUT_S for r in session_runs)


def test_the_park_pick_reaches_the_server(server):
    async def visit() -> list[str]:
        session = load.Session(server)
        queries = []
        try:
            await session.run("overview", None)
            assert session.park_widget is not None and len(session.park_widget[1]) == 6
            for park in (2, 1, 0):  # 安东园, 五里园, the whole zone (the sidebar's order)
                await session.run("overview", park)
                queries.append(session.query)
        finally:
            await session.close()
        return queries

    assert outside_any_loop(visit) == ["park=andong", "park=wuli", ""]


def probe_app(folder, port: int) -> subprocess.Popen:
    """A small app of its own on `port`, returned once healthy."""
    (folder / "app.py").write_text(RAISING_APP)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_healthy(f"http://127.0.0.1:{port}", process)
    return process


def test_an_exception_on_a_page_is_reported(tmp_path):
    port = free_port()
    process = probe_app(tmp_path, port)
    try:
        url = f"http://127.0.0.1:{port}"
        fine, boom, notice = (run_once(url, "", query)[0] for query in ("", "boom=1", "notice=1"))
    finally:
        stop_server(process)
    assert fine.ok and fine.exceptions == [] and fine.error_notices == []
    assert boom.ok and boom.exceptions == ["ValueError: boom from the page"]
    assert notice.ok and notice.exceptions == [] and notice.error_notices == ["a notice, not an exception"]


def test_a_session_reconnects_when_its_server_goes_and_comes_back(tmp_path):
    """As the frontend does: the closed socket is opened again, offering the old session id, and the
    run asked for again."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = probe_app(tmp_path, port)

    async def visit() -> list[load.Run]:
        nonlocal process
        session = load.Session(url)
        try:
            before = await session.run("", None)
            assert session.session_id
            stop_server(process)
            process = await asyncio.to_thread(probe_app, tmp_path, port)
            return [before, await session.run("", None)]
        finally:
            await session.close()

    try:
        before, after = outside_any_loop(visit)
    finally:
        stop_server(process)
    assert before.ok and before.reconnects == 0
    assert after.ok and after.reconnects >= 1 and after.exceptions == []


def test_only_the_local_machine_is_loaded():
    assert load.local_only("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"
    with pytest.raises(SystemExit, match="only loads a server on 127.0.0.1"):
        load.local_only("http://example.org:8501")


def test_the_summary_counts_errors_and_memory():
    runs = [load.Run("overview", 1.0, True), load.Run("overview", 3.0, True), load.Run("economy", 60.0, False)]
    runs[1].exceptions.append("KeyError: 'x'")
    summary = load.summarise(runs, 2.0, [(0, 100.0), (1, 100.0), (2, 110.0), (3, 120.0)], sessions=2)
    assert summary["runs_per_s"] == 1.0  # the two that finished, in 2 s
    assert summary["pages"]["overview"] == {"runs": 2, "median_s": 2.0, "p95_s": 3.0, "received_kib": 0.0}
    assert "economy" not in summary["pages"]
    assert (summary["errors"], summary["exception_runs"], summary["exceptions"]) == (1, 1, ["KeyError: 'x'"])
    assert (summary["memory_first_third_mib"], summary["memory_last_third_mib"]) == (100.0, 120.0)


def test_chromium_sessions_click_through_beside_the_protocol_ones(server):
    """`--browsers`: real chromium tabs click page links and parks, each click timed to its script's end
    (the protocol's measure) and to the page drawn (what the user waits for)."""
    summary = outside_any_loop(
        lambda: load.load(server, sessions=2, runs=16, seconds=90, think=0, seed=3, pids=list, browsers=1)
    )
    assert summary["sessions"] == 1 and summary["errors"] == 0 and summary["runs"] > 0
    seen = summary["browsers"]
    assert seen["sessions"] == 1 and seen["runs"] > 0
    assert seen["errors"] == 0 and seen["exception_runs"] == 0, seen["exceptions"]
    assert set(seen["pages"]) <= set(load.PAGE_MIX) - {"big_screen"}
    for page in seen["pages"].values():
        assert 0 < page["script_median_s"] <= page["median_s"] < load.RUN_TIMEOUT_S
