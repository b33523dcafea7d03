"""Run the named questions in `queries/*.sql` over one snapshot of the data.

A snapshot is a folder `data/snapshots/YYYY-MM-DD/` holding one parquet file per table of the
contract. The first time a snapshot is used, its files are loaded into a DuckDB catalog of their
own and checked against the contract; a snapshot that fails is kept out of use, with its problems
listed. A snapshot whose very files passed the same checks before is attached from its checked
copy instead (see `snapshot_cache`). SQL names tables only (`FROM grids`): the runner points each
cursor at the snapshot's catalog.

A snapshot checked here is served from memory at first; once its checked copy is written (a few
seconds later, in the background) it is served from that file and the memory is given back, so a
long history does not have to fit in memory. The frame asks only for what its first page needs
(`ready_snapshots`): snapshots never checked beyond the newest two valid ones are checked in the
background, one at a time, so a first start over a long history does not check it all first.

One DuckDB connection serves the whole process; every query runs on a cursor of its own, because
a connection is not thread-safe and Streamlit serves each session from its own thread. Snapshots
not yet loaded are loaded side by side, each on its own cursor (most of a load is small checks).

Results are cached per snapshot version and parameters, up to a memory budget (the least recently
used go first); a result is never re-read from the parquet files while its snapshot is unchanged.
"""

import collections
import dataclasses
import functools
import hashlib
import logging
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

log = logging.getLogger(__name__)


def data_dir() -> Path:
    """Where the snapshots live: `$JEDZ_DATA_DIR`, or the shipped `data/`."""
    return _resolved(os.environ.get("JEDZ_DATA_DIR", ""))


@functools.lru_cache(maxsize=16)
def _resolved(folder: str) -> Path:
    return Path(folder or ROOT / "data").resolve()  # once per value: resolving asks the file system


@dataclass(frozen=True)
class Snapshot:
    """One version of a snapshot folder. Two are equal when they are the same version of the same
    folder, wherever their tables are kept."""

    date: str
    path: Path
    fingerprint: str
    problems: tuple[validate.Problem, ...] = field(default=())
    attached_as: str = field(default="", compare=False)  # the catalog it was loaded into

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def catalog(self) -> str:
        """The DuckDB catalog holding its tables now (an attached database: in memory, or its checked
        copy): a snapshot first served from memory moves to its copy once that is written."""
        current = _loaded.get(self.path)
        return current.attached_as if current == self else self.attached_as


def _read_queries() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.glob("*.sql"))}


QUERIES = _read_queries()

_lock = threading.RLock()
_connection: duckdb.DuckDBPyConnection | None = None
_loaded: dict[Path, Snapshot] = {}
_folder_locks: dict[Path, threading.Lock] = {}
_retired: list[tuple[float, str]] = []  # (when, catalog) of replaced snapshot versions
_queued: set[Path] = set()  # folders waiting for a check in the background
RETIRE_AFTER_S = 600.0
LOAD_THREADS = 3
FIRST_PAGE_NEEDS = 2  # valid snapshots: the newest, and the one before it to compare with


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


def _load(folder: Path, fingerprint: str, *, check: bool = True) -> tuple[Snapshot | None, str | None]:
    """A snapshot folder in a DuckDB catalog of its own: its checked copy attached when these very
    files passed the same checks before (`snapshot_cache`); otherwise, when `check`, its files loaded
    into memory and checked. Returns the snapshot (None when there is no copy and not `check`) and,
    when it passed here, the key its checked copy is to be kept under. The caller holds the folder's lock."""
    catalog = "snap_" + fingerprint
    copy_key = snapshot_cache.key(folder, folder.name)
    cur = connection().cursor()
    try:
        cur.execute(f"DETACH DATABASE IF EXISTS {catalog}")
        if snapshot_cache.attach(cur, copy_key, catalog):
            return Snapshot(folder.name, folder, fingerprint, attached_as=catalog), None
        if not check:
            return None, None
        cur.execute(f"ATTACH ':memory:' AS {catalog}")
        cur.execute(f"USE {catalog}")
        problems = load_and_check(cur, folder, folder.name, shown_as=f"{folder.name}/")
        cur.execute("USE memory")
        if problems:
            cur.execute(f"DETACH DATABASE {catalog}")
    finally:
        cur.close()
    return Snapshot(folder.name, folder, fingerprint, tuple(problems), catalog), None if problems else copy_key


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


# One thread keeps the checked copies and checks the snapshots the first page does not need, a few
# seconds after they are asked for: by then the first page is drawn (writing a copy costs about twice
# the load, and the first visitor should not wait for it).
COPY_AFTER_S = 5.0
_upkeep = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-upkeep")
_stopping = threading.Event()


def _later(task, *args) -> None:
    """Hand a task to the upkeep thread (not once the process is exiting)."""
    if not _stopping.is_set():
        _upkeep.submit(task, *args)


def _stop_upkeep() -> None:
    """As the process exits: drop the upkeep not yet started (the next start does it) rather than keep
    the process alive for every check and copy queued; a copy being written is finished, or left
    under its temporary name."""
    _stopping.set()
    _upkeep.shutdown(wait=False, cancel_futures=True)


# threading's exit hooks run before its threads are joined, and the last registered first: this one
# runs before the executor's own, which would run every queued task before joining its thread
threading._register_atexit(_stop_upkeep)


def _keep_copy(snapshot: Snapshot, copy_key: str, folder: Path, not_before: float) -> None:
    """Write the checked copy of a snapshot served from memory, then serve it from the copy and give
    the memory back. (Queries running on it finish first: DuckDB keeps a detached database for the
    queries still using it, and one about to start finds the copy, see `_query`.)"""
    if _stopping.wait(max(0.0, not_before - time.monotonic())):
        return  # the process is exiting
    with _lock:
        if _loaded.get(snapshot.path) is not snapshot:
            return  # replaced by a newer version meanwhile
    cur = connection().cursor()
    try:
        moved = _copied(cur, snapshot, copy_key, folder)
        if moved is None:
            return
        with _lock:
            current = _loaded.get(snapshot.path) is snapshot
            if current:
                _loaded[snapshot.path] = moved
        cur.execute(f"DETACH DATABASE {snapshot.attached_as if current else moved.attached_as}")
    except Exception:  # a thread of its own: nobody else would hear of it
        log.exception("keeping the checked copy of %s failed", snapshot.path)
    finally:
        cur.close()


def _copied(cur, snapshot: Snapshot, copy_key: str, folder: Path) -> Snapshot | None:
    """Write the checked copy of a snapshot loaded into memory, and attach it: the same snapshot,
    served from its copy; None where the copy cannot be kept."""
    moved = snapshot.attached_as + "_copy"
    if snapshot_cache.save(cur, snapshot.attached_as, copy_key, folder):
        if snapshot_cache.attach(cur, copy_key, moved, folder):
            return dataclasses.replace(snapshot, attached_as=moved)
    return None


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
    return _snapshot_at(folder)


def _snapshot_at(folder: Path, *, check: bool = True, keep_copy_now: bool = False) -> Snapshot | None:
    """`snapshot_at`; with `check=False`, None rather than checking a snapshot that has no checked
    copy; with `keep_copy_now`, its checked copy is written (and served) before returning, rather
    than a few seconds later."""
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
        loaded, copy_key = _load(folder, fingerprint, check=check)
        if loaded is None:
            return None
        with _lock:
            if known is not None and known.valid:
                _retire(known.catalog)
            _loaded[folder] = loaded
        if copy_key is not None and keep_copy_now:
            _keep_copy(loaded, copy_key, snapshot_cache.cache_dir(), time.monotonic())
        elif copy_key is not None:
            _later(_keep_copy, loaded, copy_key, snapshot_cache.cache_dir(), time.monotonic() + COPY_AFTER_S)
        return _loaded[folder]


def _folders(directory: Path | None) -> list[Path]:
    """The snapshot folders under `directory/snapshots`, newest first."""
    root = (directory or data_dir()) / "snapshots"
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.is_dir() and SNAPSHOT_NAME.match(p.name)), reverse=True)


def _side_by_side(folders: list[Path], *, keep_copy_now: bool = False) -> list[Snapshot]:
    """Load and check folders side by side (the newest first)."""
    load = functools.partial(_snapshot_at, keep_copy_now=keep_copy_now)
    if len(folders) < 2:
        return [load(p) for p in folders]
    with ThreadPoolExecutor(max_workers=min(len(folders), LOAD_THREADS)) as pool:
        return list(pool.map(load, folders))


def snapshots(directory: Path | None = None) -> list[Snapshot]:
    """Every snapshot folder under `directory/snapshots`, newest first, valid or not; those not yet
    checked are checked first, each kept as its checked copy at once (a long history is not held
    in memory)."""
    folders = _folders(directory)
    with _lock:
        pending = [p for p in folders if p not in _loaded]
    _side_by_side(pending, keep_copy_now=True)
    return [snapshot_at(p) for p in folders]


def ready_snapshots(directory: Path | None = None, wanted: str | None = None) -> tuple[list[Snapshot], list[str]]:
    """What the frame can offer at once: the snapshots ready, newest first, valid or not, and the
    dates still being checked.

    Snapshots checked before (in this process, or with a checked copy) are ready at once. Of those
    never checked, only what the first page needs is checked now: the newest until two valid ones are
    ready (the first page compares the newest with the one before), and the date `wanted` (a link's).
    The rest are checked in the background, one at a time, newest first: a first start over a long
    history, or after the rules changed, does not check all of it before the first page.
    """
    folders = _folders(directory)
    found = {folder: _checked_before(folder) for folder in folders}
    while needed := _needed_first(folders, found, wanted):
        found.update(zip(needed, _side_by_side(needed), strict=True))
    pending = [folder for folder in folders if found[folder] is None]
    _check_in_background(pending)
    return [found[f] for f in folders if found[f] is not None], [f.name for f in pending]


def _checked_before(folder: Path) -> Snapshot | None:
    """The folder's snapshot if it was checked before, in this process or with a checked copy; None
    if not, or while it waits for the background (not hashing its files, nor waiting for its lock)."""
    with _lock:
        if folder in _queued and folder not in _loaded:
            return None
    return _snapshot_at(folder, check=False)


def _needed_first(folders: list[Path], found: dict[Path, Snapshot | None], wanted: str | None) -> list[Path]:
    """The folders not yet checked that the first page needs (counting each as valid until checked)."""
    needed, valid = [], 0
    for folder in folders:
        snapshot = found[folder]
        if snapshot is None and (valid < FIRST_PAGE_NEEDS or folder.name == wanted):
            needed.append(folder)
        valid += snapshot is None or snapshot.valid
    return needed


def _check_in_background(folders: list[Path]) -> None:
    with _lock:
        new = [folder for folder in folders if folder not in _queued]
        _queued.update(new)
    for folder in new:
        _later(_check_later, folder, time.monotonic() + COPY_AFTER_S)


def _check_later(folder: Path, not_before: float) -> None:
    """Check a folder in the background and keep its copy at once (memory holds one such at a time)."""
    if _stopping.wait(max(0.0, not_before - time.monotonic())):
        return  # the process is exiting
    try:
        _snapshot_at(folder, keep_copy_now=True)
    except Exception:  # a thread of its own: nobody else would hear of it
        log.exception("checking %s in the background failed", folder)
    finally:
        with _lock:
            _queued.discard(folder)


def valid_dates(directory: Path | None = None) -> list[str]:
    return [s.date for s in snapshots(directory) if s.valid]


def latest_valid(directory: Path | None = None) -> Snapshot | None:
    """The newest valid snapshot (only the folders down to it are checked)."""
    return next((s for s in map(snapshot_at, _folders(directory)) if s.valid), None)


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
    """Run a query on its own cursor, uncached (again on the checked copy, when the snapshot moved
    there from memory as the query started)."""
    cur = connection().cursor()
    try:
        while True:
            catalog = snapshot.catalog
            try:
                cur.execute(f"USE {catalog}")
                return cur.execute(QUERIES[name], dict(params)).df()
            except (duckdb.CatalogException, duckdb.BinderException):
                if snapshot.catalog == catalog:
                    raise
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
    """The newest valid snapshot older than `snapshot`, for changes since then (only the folders down
    to it are checked)."""
    older = [p for p in _folders(directory or snapshot.path.parent.parent) if p.name < snapshot.date]
    return next((s for s in map(snapshot_at, older) if s.valid), None)
