"""Run the named questions in `queries/*.sql` over one snapshot of the data.

A snapshot is a folder `data/snapshots/YYYY-MM-DD/` holding one parquet file per table of the
contract. The first time a snapshot is used, its files are loaded into a DuckDB schema of their
own and checked against the contract; a snapshot that fails is kept out of use, with its problems
listed. SQL names tables only (`FROM grids`): the runner points each cursor at the snapshot's schema.

One DuckDB connection serves the whole process; every query runs on a cursor of its own, because
a connection is not thread-safe and Streamlit serves each session from its own thread.
"""

import functools
import hashlib
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from queries import validate
from queries.contract import TABLES

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = Path(__file__).resolve().parent
SNAPSHOT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
RESULT_CACHE_ENTRIES = 2048


def data_dir() -> Path:
    """Where the snapshots live: `$JEDZ_DATA_DIR`, or the shipped `data/`."""
    return Path(os.environ.get("JEDZ_DATA_DIR", ROOT / "data")).resolve()


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
    def schema(self) -> str:
        return "snap_" + self.fingerprint


def _read_queries() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.glob("*.sql"))}


QUERIES = _read_queries()

_lock = threading.RLock()
_connection: duckdb.DuckDBPyConnection | None = None
_loaded: dict[Path, Snapshot] = {}
_retired: list[tuple[float, str]] = []  # (when, schema) of replaced snapshot versions
RETIRE_AFTER_S = 600.0


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
    """Load a snapshot folder into its own schema and check it; the caller holds the lock."""
    snapshot = Snapshot(folder.name, folder, fingerprint)
    con = connection()
    cur = con.cursor()
    problems: list[validate.Problem] = []
    try:
        cur.execute(f"DROP SCHEMA IF EXISTS {snapshot.schema} CASCADE; CREATE SCHEMA {snapshot.schema}")
        cur.execute(f"SET search_path = '{snapshot.schema}'")
        files = {}
        for name in TABLES:
            file = f"{folder.name}/{name}.parquet"
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
        problems += validate.check_loaded(cur, files, folder.name)
    finally:
        cur.close()
    if problems:
        con.cursor().execute(f"DROP SCHEMA IF EXISTS {snapshot.schema} CASCADE").close()
    return Snapshot(snapshot.date, folder, fingerprint, tuple(problems))


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def _retire(schema: str) -> None:
    """Drop the schema of a replaced snapshot version only once the runs still holding it have long
    finished (a session mid-page must not lose its tables); the caller holds the lock."""
    now = time.monotonic()
    _retired.append((now, schema))
    while _retired and now - _retired[0][0] > RETIRE_AFTER_S:
        connection().cursor().execute(f"DROP SCHEMA IF EXISTS {_retired.pop(0)[1]} CASCADE").close()


def snapshot_at(folder: Path) -> Snapshot:
    """The snapshot in `folder`, loaded and checked once per version of its files."""
    fingerprint = _fingerprint(folder)
    with _lock:
        known = _loaded.get(folder)
    if known is not None and known.fingerprint == fingerprint:
        return known
    with _lock:
        known = _loaded.get(folder)
        if known is None or known.fingerprint != fingerprint:
            if known is not None and known.valid:
                _retire(known.schema)
            _loaded[folder] = _load(folder, fingerprint)
        return _loaded[folder]


def snapshots(directory: Path | None = None) -> list[Snapshot]:
    """Every snapshot folder under `directory/snapshots`, newest first, valid or not."""
    root = (directory or data_dir()) / "snapshots"
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and SNAPSHOT_NAME.match(p.name)]
    return [snapshot_at(p) for p in sorted(folders, key=lambda p: p.name, reverse=True)]


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
    get their own copy.
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
    return _run_cached(name, snap, tuple(sorted(params.items()))).copy()


@functools.lru_cache(maxsize=RESULT_CACHE_ENTRIES)
def _run_cached(name: str, snapshot: Snapshot, params: tuple) -> pd.DataFrame:
    cur = connection().cursor()
    try:
        cur.execute(f"SET search_path = '{snapshot.schema},main'")
        return cur.execute(QUERIES[name], dict(params)).df()
    finally:
        cur.close()


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


def published_figures() -> pd.DataFrame:
    """The figures the article publishes (`data/published_figures.csv`): key, value, unit, park_id, sentence."""
    path = data_dir() / "published_figures.csv"
    return _published_figures(path if path.exists() else ROOT / "data" / "published_figures.csv").copy()


@functools.lru_cache(maxsize=4)
def _published_figures(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"key": str, "unit": str, "park_id": str, "as_of": str, "sentence": str})
    frame["park_id"] = frame["park_id"].fillna("")
    return frame


def previous_valid(snapshot: Snapshot, directory: Path | None = None) -> Snapshot | None:
    """The newest valid snapshot older than `snapshot`, for changes since then."""
    older = [s for s in snapshots(directory or snapshot.path.parent.parent) if s.valid and s.date < snapshot.date]
    return older[0] if older else None
