"""Twenty sessions at once: the one shared DuckDB connection (a cursor per query) gives every thread
the same results as running alone, while snapshots load, and through whole page runs."""

from __future__ import annotations

import itertools
import os
import random
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.runtime.runtime import Runtime
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from queries import results, runner, upkeep
from tests.conftest import SNAPSHOT_DATES
from tests.pages.helpers import DASHBOARD
from tests.parks import PARK_IDS
from tests.queries.helpers import attached_from
from tools import ingest
from ui import navigation

THREADS = 20
# values for the parameters the questions take besides park_id; a question taking another is skipped
SAMPLES = {
    "park_id": [None, "andong", "bonded"],
    "indicator": ["industrial_output", "retail_sales"],
    "limit_days": [30],
    "category": [None],
    "level": [3],
    "limit": [50],
    "enterprise_id": ["E00001"],
    "node_id": ["andong"],
    "dimension": ["park", "stage"],
}


def tasks() -> list[tuple[str, str, tuple]]:
    """(query, snapshot date, params) for every question, every sample value and every snapshot."""
    out = []
    for name in runner.QUERIES:
        wanted = sorted(runner.parameters_of(name) - {"as_of"})
        if not set(wanted) <= set(SAMPLES):
            continue
        for values in itertools.product(*(SAMPLES[p] for p in wanted)):
            for date in SNAPSHOT_DATES:
                out.append((name, date, tuple(zip(wanted, values, strict=True))))
    return out


@pytest.fixture
def cold_data(tmp_path, monkeypatch) -> Path:
    """A fresh copy of the snapshots: nothing of it is loaded or cached yet."""
    shutil.copytree(runner.ROOT / "data" / "snapshots", tmp_path / "snapshots")
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
    return tmp_path


def in_threads(work, shares: list[list]) -> list:
    """Run `work(share)` in one thread per share, all released at once; re-raise the first error."""
    barrier = threading.Barrier(len(shares))
    results: list = [None] * len(shares)
    errors: list = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[i] = work(shares[i])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(shares))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    if errors:
        raise errors[0]
    return results


@pytest.fixture(scope="module")
def alone() -> dict:
    """Each task's result on the shipped snapshots, one after the other, bypassing the result cache."""
    snaps = {d: runner.resolve(d, runner.ROOT / "data") for d in SNAPSHOT_DATES}
    return {task: results.query(task[0], snaps[task[1]], with_as_of(task)) for task in tasks()}


def with_as_of(task) -> tuple:
    name, date, params = task
    return tuple(sorted(params + ((("as_of", date),) if "as_of" in runner.parameters_of(name) else ())))


def test_the_tasks_cover_most_questions():
    names = {name for name, _, _ in tasks()}
    assert len(names) >= 0.8 * len(runner.QUERIES), set(runner.QUERIES) - names
    assert len(tasks()) >= 200


@pytest.mark.parametrize("start", ["first start", "restart"])
def test_twenty_threads_loading_and_querying_at_once_get_what_one_gets_alone(
    start, cold_data, alone, monkeypatch, checks
):
    """On a first start the snapshots load into memory and are checked, and move to their checked
    copies while the threads query them (their memory detached at once); on a restart their checked
    copies (kept here as ingest keeps them) are attached from files."""
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(cold_data / f"cache-{start}"))
    monkeypatch.setattr(upkeep, "COPY_AFTER_S", 0.3)
    if start == "restart":
        for date in SNAPSHOT_DATES:
            assert ingest.verify(cold_data / "snapshots" / date, date) == []
        checks.clear()
    all_tasks = tasks()
    rng = random.Random(7)
    shares = [rng.sample(all_tasks, len(all_tasks) // 4) for _ in range(THREADS)]  # overlapping, in other orders

    def work(share):
        out = {}
        for i, (name, date, params) in enumerate(share):
            # half by date (resolved from the folder, loading it on first use), half by Snapshot object
            snapshot = date if i % 2 else runner.resolve(date)
            out[(name, date, params)] = runner.run(name, snapshot, **dict(params))
        return out

    results = in_threads(work, shares)
    compared = 0
    for result in results:
        for task, frame in result.items():
            assert_frame_equal(frame, alone[task], obj=str(task))
            compared += 1
    assert compared == THREADS * (len(all_tasks) // 4)
    assert runner.valid_dates() == sorted(SNAPSHOT_DATES, reverse=True)
    # a first start checks each snapshot once, however many threads ask; a restart attaches the copies
    assert sorted(checks) == (sorted(SNAPSHOT_DATES) if start == "first start" else [])
    upkeep.wait()
    assert all(attached_from(s).endswith(".duckdb") for s in runner.snapshots())


def test_twenty_threads_on_the_connection_without_the_cache(cold_data, alone):
    all_tasks = tasks()
    snaps = {d: runner.resolve(d) for d in SNAPSHOT_DATES}
    shares = [all_tasks[i::THREADS] for i in range(THREADS)]

    def work(share):
        return {t: results.query(t[0], snaps[t[1]], with_as_of(t)) for t in share}

    for result in in_threads(work, shares):
        for task, frame in result.items():
            assert_frame_equal(frame, alone[task], obj=str(task))


# --- whole sessions ---------------------------------------------------------------------------

# the big screen rotates through the parks by the clock, so two runs need not show the same
SESSION_PAGES = [url for _, _, _, url in navigation.PAGES if url != "big_screen"]


def session(url: str, park: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at._page_hash = calc_hash(url)  # a deep link to the page
    at.query_params.update({"lang": lang, **({"park": park} if park else {})})
    return at.run()


def view(at: AppTest) -> dict:
    """Everything a session shows that depends on the data: KPIs and tables."""
    return {
        "exceptions": [e.value for e in at.exception],
        "titles": [e.value for e in at.title],
        "metrics": [(m.label, m.value, m.delta) for m in at.metric],
        "tables": [d.value for d in at.dataframe],
    }


def assert_same_view(got: dict, expected: dict, label: str) -> None:
    assert got["exceptions"] == [] and expected["exceptions"] == [], label
    assert got["titles"] == expected["titles"], label
    assert got["metrics"] == expected["metrics"], label
    assert len(got["tables"]) == len(expected["tables"]), label
    for a, b in zip(got["tables"], expected["tables"], strict=True):
        assert_frame_equal(pd.DataFrame(a), pd.DataFrame(b), obj=label)


@pytest.fixture
def shared_test_runtime(monkeypatch):
    """Let AppTest sessions overlap: each run installs a mock Runtime as the process's one and removes
    it when done, which would pull it from under the runs still going. Here a run finding none takes
    the last one installed (the harness's state only; the app's, the runner's connection and caches,
    stays as a server has it)."""
    last: list = []
    instance, exists = Runtime.instance.__func__, Runtime.exists.__func__

    def shared(cls):
        if cls._instance is not None:
            last[:] = [cls._instance]
            return cls._instance
        return last[0] if last else instance(cls)

    monkeypatch.setattr(Runtime, "instance", classmethod(shared))
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: exists(cls) or bool(last)))


def test_twenty_sessions_running_pages_at_once(shared_test_runtime):
    configs = [
        (SESSION_PAGES[i % len(SESSION_PAGES)], [None, *PARK_IDS][i % 6], ("zh", "en")[i // 10]) for i in range(THREADS)
    ]
    alone = {c: view(session(*c)) for c in set(configs)}
    results = in_threads(lambda config: view(session(*config)), configs)
    for config, got in zip(configs, results, strict=True):
        assert_same_view(got, alone[config], str(config))


def test_a_session_holding_a_snapshot_replaced_under_it_still_gets_answers(cold_data):
    newest = SNAPSHOT_DATES[-1]
    held = runner.resolve(newest)  # a session's run took this version at its start
    expected = results.query("party_totals", held, (("park_id", "andong"),))
    parks = cold_data / "snapshots" / newest / "parks.parquet"
    stat = parks.stat()
    os.utime(parks, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # `ingest --replace` wrote new files
    assert runner.latest_valid().fingerprint != held.fingerprint  # another session's rerun loads them
    assert_frame_equal(runner.run("party_totals", held, park_id="andong"), expected)
