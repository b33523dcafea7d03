"""Run the named questions in `queries/*.sql` over one snapshot of the data.

A snapshot is a folder `data/snapshots/YYYY-MM-DD/` holding one parquet file per table of the
contract. The first time a snapshot is used, its files are loaded into a DuckDB catalog of their
own and checked against the contract; a snapshot that fails is kept out of use, with its problems
listed. A snapshot whose very files passed the same checks before is attached from its checked
copy instead (see `snapshot_cache`). SQL names tables only (`FROM grids`): the runner points each
cursor at the snapshot's catalog.

One DuckDB connection serves the whole process; every query runs on a cursor of its own, because
a connection is not thread-safe and Streamlit serves each session from its own thread. Snapshots
not yet loaded are loaded side by side, each on its own cursor (most of a load is small checks).

Results are cached per snapshot version and parameters, up to a memory budget (the least recently
used go first); a result is never re-read from the parquet files while its snapshot is unchanged.
"""

import collections
import functools
import hashlib
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from queries import snapshot_cache, validate
from queries.contract import TABLES

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = Path(__file__).resolve().parent
SNAPSHOT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
RESULT_CACHE_ENTRIES = 2048
RESULT_CACHE_BYTES = int(float(os.environ.get("JEDZ_RESULT_CACHE_MIB", "256")) * 2**20)


def data_dir() -> Path:
    """Where the snapshots live: `$JEDZ_DATA_DIR`, or the shipped `data/`."""
    return _resolved(os.environ.get("JEDZ_DATA_DIR", ""))


@functools.lru_cache(maxsize=16)
def _resolved(folder: str) -> Path:
    return Path(folder or ROOT / "data").resolve()  # once per value: resolving asks the file system


@dataclass(frozen=True)
class Snapshot:
    date: str
    path: Path
    fingerprint: str
    problems: tuple[validate.Problem, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def catalog(self) -> str:
        """The DuckDB catalog holding its tables (an attached database: in memory, or its checked copy)."""
        return "snap_" + self.fingerprint


def _read_queries() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.glob("*.sql"))}


QUERIES = _read_queries()

_lock = threading.RLock()
_connection: duckdb.DuckDBPyConnection | None = None
_loaded: dict[Path, Snapshot] = {}
_folder_locks: dict[Path, threading.Lock] = {}
_retired: list[tuple[float, str]] = []  # (when, catalog) of replaced snapshot versions
RETIRE_AFTER_S = 600.0
LOAD_THREADS = 3


def connection() -> duckdb.DuckDBPyConnection:
    """The process's one DuckDB connection (in memory); take a `cursor()` from it per query."""
    global _connection
    with _lock:
        if _connection is None:
            _connection = duckdb.connect(":memory:")
        return _connection


def _fingerprint(folder: Path) -> str:
    stats = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.glob("*.parquet"))
    return hashlib.sha1(repr((str(folder), stats)).encode()).hexdigest()[:16]


def _load(folder: Path, fingerprint: str) -> Snapshot:
    """A snapshot folder in a DuckDB catalog of its own: its checked copy attached when these very
    files passed the same checks before (`snapshot_cache`); otherwise its files loaded into memory
    and checked, and, when they pass, a copy written in the background for the next start.
    The caller holds the folder's lock."""
    snapshot = Snapshot(folder.name, folder, fingerprint)
    copy_key = snapshot_cache.key(folder, folder.name)
    cur = connection().cursor()
    try:
        cur.execute(f"DETACH DATABASE IF EXISTS {snapshot.catalog}")
        if snapshot_cache.attach(cur, copy_key, snapshot.catalog):
            return snapshot
        cur.execute(f"ATTACH ':memory:' AS {snapshot.catalog}")
        cur.execute(f"USE {snapshot.catalog}")
        problems = load_and_check(cur, folder, folder.name, shown_as=f"{folder.name}/")
        cur.execute("USE memory")
        if problems:
            cur.execute(f"DETACH DATABASE {snapshot.catalog}")
    finally:
        cur.close()
    if not problems:
        _copy_writer.submit(
            _keep_copy, snapshot.catalog, copy_key, snapshot_cache.cache_dir(), time.monotonic() + COPY_AFTER_S
        )
    return Snapshot(snapshot.date, folder, fingerprint, tuple(problems))


def load_and_check(cur, folder: Path, as_of: str, shown_as: str = "") -> list[validate.Problem]:
    """Load a snapshot folder's table files into the cursor's current catalog and check them against
    the contract; problems name each file as `shown_as` + `<table>.parquet`. Also how tools/ingest.py
    checks what it wrote, the way the dashboard will load it."""
    problems: list[validate.Problem] = []
    files = {}
    for name in TABLES:
        file = f"{shown_as}{name}.parquet"
        path = folder / f"{name}.parquet"
        if not path.exists():
            problems.append(validate.problem(file, "", "file is missing"))
            continue
        try:
            cur.execute(
                f"CREATE TABLE {name} AS SELECT * FROM read_parquet($path, file_row_number = true)",
                {"path": str(path)},
            )
        except duckdb.Error as error:
            reason = _first_line(error)
            problems.append(
                validate.problem(
                    file, "", f"cannot be read as parquet ({reason})", zh=f"无法作为 parquet 读取({reason})"
                )
            )
            continue
        files[name] = file
    return problems + validate.check_loaded(cur, files, as_of)


# One thread writes the checked copies, a few seconds after the load: by then the first page is drawn
# (writing a copy costs about twice the load, and the first visitor should not wait for it).
COPY_AFTER_S = 5.0
_copy_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-copy")


def _keep_copy(catalog: str, copy_key: str | None, folder: Path, not_before: float) -> None:
    time.sleep(max(0.0, not_before - time.monotonic()))
    cur = connection().cursor()
    try:
        snapshot_cache.save(cur, catalog, copy_key, folder)
    finally:
        cur.close()


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def _retire(catalog: str) -> None:
    """Detach the catalog of a replaced snapshot version only once the runs still holding it have long
    finished (a session mid-page must not lose its tables); the caller holds the lock."""
    now = time.monotonic()
    _retired.append((now, catalog))
    while _retired and now - _retired[0][0] > RETIRE_AFTER_S:
        connection().cursor().execute(f"DETACH DATABASE IF EXISTS {_retired.pop(0)[1]}").close()


def snapshot_at(folder: Path) -> Snapshot:
    """The snapshot in `folder`, loaded and checked once per version of its files.

    A load holds that folder's lock only, so other folders load (and every loaded one answers) meanwhile.
    """
    fingerprint = _fingerprint(folder)
    with _lock:
        known = _loaded.get(folder)
        if known is not None and known.fingerprint == fingerprint:
            return known
        folder_lock = _folder_locks.setdefault(folder, threading.Lock())
    with folder_lock:
        with _lock:
            known = _loaded.get(folder)
        if known is not None and known.fingerprint == fingerprint:
            return known  # another thread loaded it while this one waited
        loaded = _load(folder, fingerprint)
        with _lock:
            if known is not None and known.valid:
                _retire(known.catalog)
            _loaded[folder] = loaded
        return loaded


def snapshots(directory: Path | None = None) -> list[Snapshot]:
    """Every snapshot folder under `directory/snapshots`, newest first, valid or not."""
    root = (directory or data_dir()) / "snapshots"
    if not root.is_dir():
        return []
    folders = sorted((p for p in root.iterdir() if p.is_dir() and SNAPSHOT_NAME.match(p.name)), reverse=True)
    with _lock:
        pending = [p for p in folders if p not in _loaded]
    if len(pending) > 1:  # a first start: load them side by side (the newest first)
        with ThreadPoolExecutor(max_workers=min(len(pending), LOAD_THREADS)) as pool:
            list(pool.map(snapshot_at, pending))
    return [snapshot_at(p) for p in folders]


def valid_dates(directory: Path | None = None) -> list[str]:
    return [s.date for s in snapshots(directory) if s.valid]


def latest_valid(directory: Path | None = None) -> Snapshot | None:
    return next((s for s in snapshots(directory) if s.valid), None)


def resolve(date: str, directory: Path | None = None) -> Snapshot:
    """The valid snapshot of `date`; a LookupError names what is wrong otherwise."""
    if not SNAPSHOT_NAME.match(str(date)):
        raise LookupError(f"not a snapshot date: {date!r}")
    folder = (directory or data_dir()) / "snapshots" / date
    if not folder.is_dir():
        raise LookupError(f"no snapshot dated {date}")
    snapshot = snapshot_at(folder)
    if not snapshot.valid:
        raise LookupError(f"snapshot {date} is invalid: " + "; ".join(map(str, snapshot.problems)))
    return snapshot


def parameters_of(name: str) -> set[str]:
    return set(PARAMETER.findall(QUERIES[name]))


def run(name: str, snapshot: str | Snapshot, **params) -> pd.DataFrame:
    """Run the query `queries/<name>.sql` over a snapshot with bound parameters.

    `$as_of` (the snapshot date) is bound by the runner; every other parameter the SQL names must
    be given, and nothing else. The result is cached per snapshot version and parameters; callers
    get their own frame (a shallow copy: pandas copies on write, so changing it leaves the cache alone).
    """
    if name not in QUERIES:
        raise KeyError(f"unknown query {name!r}; known: {', '.join(QUERIES)}")
    snap = snapshot if isinstance(snapshot, Snapshot) else resolve(snapshot)
    expected = parameters_of(name) - {"as_of"}
    if set(params) != expected:
        raise TypeError(f"query {name} takes {sorted(expected)}, got {sorted(params)}")
    if "as_of" in parameters_of(name):
        params["as_of"] = snap.date
    if os.environ.get("JEDZ_BASELINE") == "naive":
        return _run_naive(name, snap, params)
    return _run_cached(name, snap, tuple(sorted(params.items()))).copy(deep=False)


class _ResultCache:
    """Query results by (name, snapshot, params), least recently used first out, within a byte budget
    and a number of entries. Frames are shared: pandas copies on write, so a caller changing its
    frame never changes the cached one."""

    def __init__(self, max_bytes: int, max_entries: int):
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self._frames: collections.OrderedDict[tuple, tuple[pd.DataFrame, int]] = collections.OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> pd.DataFrame | None:
        with self._lock:
            hit = self._frames.get(key)
            if hit is None:
                return None
            self._frames.move_to_end(key)
            return hit[0]

    def put(self, key: tuple, frame: pd.DataFrame) -> None:
        size = int(frame.memory_usage(index=True, deep=True).sum())
        if size > self.max_bytes // 4:  # one result must not push out everything else
            return
        with self._lock:
            if key in self._frames:
                return
            self._frames[key] = (frame, size)
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._frames) > self.max_entries:
                _, (_, dropped) = self._frames.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()
            self._bytes = 0

    @property
    def nbytes(self) -> int:
        return self._bytes


_results = _ResultCache(RESULT_CACHE_BYTES, RESULT_CACHE_ENTRIES)


def _query(name: str, snapshot: Snapshot, params: tuple) -> pd.DataFrame:
    """Run a query on its own cursor, uncached."""
    cur = connection().cursor()
    try:
        cur.execute(f"USE {snapshot.catalog}")
        return cur.execute(QUERIES[name], dict(params)).df()
    finally:
        cur.close()


def _run_cached(name: str, snapshot: Snapshot, params: tuple) -> pd.DataFrame:
    key = (name, snapshot, params)
    frame = _results.get(key)
    if frame is None:
        frame = _query(name, snapshot, params)
        _results.put(key, frame)
    return frame


_run_cached.__wrapped__ = _query  # the uncached run, for tests and the benchmark
_run_cached.cache_clear = _results.clear


def _run_naive(name: str, snapshot: Snapshot, params: dict) -> pd.DataFrame:
    """The benchmark's baseline (JEDZ_BASELINE=naive), the way most dashboards start: pandas reads the
    parquet files a question needs on every run, nothing is cached."""
    con = duckdb.connect(":memory:")
    try:
        for table in TABLES:
            if re.search(rf"\b{table}\b", QUERIES[name]):
                con.register(table, pd.read_parquet(snapshot.path / f"{table}.parquet"))
        return con.execute(QUERIES[name], params).df()
    finally:
        con.close()


def _published_path() -> Path:
    path = data_dir() / "published_figures.csv"
    return path if path.exists() else ROOT / "data" / "published_figures.csv"


def published_figures() -> pd.DataFrame:
    """The figures the article publishes (`data/published_figures.csv`): key, value, unit, park_id, sentence."""
    return _published_figures(_published_path()).copy(deep=False)


def published_by_key() -> dict[tuple[str, str], dict]:
    """The published figures by (key, park_id) ('' for the zone), each row a dict; made once per file.
    Callers must not modify them (every session shares them)."""
    return _published_by_key(_published_path())


@functools.lru_cache(maxsize=4)
def _published_by_key(path: Path) -> dict[tuple[str, str], dict]:
    return {(row["key"], row["park_id"]): row for row in _published_figures(path).to_dict("records")}


@functools.lru_cache(maxsize=4)
def _published_figures(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"key": str, "unit": str, "park_id": str, "as_of": str, "sentence": str})
    frame["park_id"] = frame["park_id"].fillna("")
    return frame


def previous_valid(snapshot: Snapshot, directory: Path | None = None) -> Snapshot | None:
    """The newest valid snapshot older than `snapshot`, for changes since then."""
    older = [s for s in snapshots(directory or snapshot.path.parent.parent) if s.valid and s.date < snapshot.date]
    return older[0] if older else None
