"""Snapshots loaded into the process's one DuckDB connection, each into a catalog of its own.

A snapshot is loaded from its checked copy when these very files passed the same checks before
(`snapshot_cache`), else from its parquet files into memory and checked against the contract. The
snapshots loaded are kept here, one version per folder; a version replaced by newer files is detached
only once the runs still holding it have long finished.

One DuckDB connection serves the whole process; every query runs on a cursor of its own, because a
connection is not thread-safe and Streamlit serves each session from its own thread.
"""

import dataclasses
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from queries import manifest, snapshot_cache, validate
from queries.contract import TABLES

RETIRE_AFTER_S = 600.0


_lock = threading.RLock()
_connection: duckdb.DuckDBPyConnection | None = None
_loaded: dict[Path, "Snapshot"] = {}
_folder_locks: dict[Path, threading.Lock] = {}
_retired: list[tuple[float, str]] = []  # (when, catalog) of replaced snapshot versions


def connection() -> duckdb.DuckDBPyConnection:
    """The process's one DuckDB connection (in memory); take a `cursor()` from it per query."""
    global _connection
    with _lock:
        if _connection is None:
            _connection = duckdb.connect(":memory:")
        return _connection


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
        copy): a snapshot first served from memory moves to its copy once that is written, and back to
        memory when its copy turns out damaged."""
        current = _loaded.get(self.path)
        return current.attached_as if current == self else self.attached_as


def fingerprint(folder: Path) -> str:
    return hashlib.sha1(repr((str(folder), manifest.file_versions(folder))).encode()).hexdigest()[:16]


def current(folder: Path) -> Snapshot | None:
    """The version of the folder loaded now, if any."""
    with _lock:
        return _loaded.get(folder)


def folder_lock(folder: Path) -> threading.Lock:
    """The lock held while the folder is loaded (other folders load, and loaded ones answer, meanwhile)."""
    with _lock:
        return _folder_locks.setdefault(folder, threading.Lock())


def load(folder: Path, fp: str, *, check: bool = True) -> tuple[Snapshot | None, str | None]:
    """A snapshot folder in a DuckDB catalog of its own: its checked copy attached when these very
    files passed the same checks before; otherwise, when `check`, its files loaded into memory and
    checked. Returns the snapshot (None when there is no copy and not `check`) and, when it passed
    here, the key its checked copy is to be kept under. The caller holds the folder's lock."""
    catalog = "snap_" + fp
    copy_key = snapshot_cache.key(folder, folder.name)
    cur = connection().cursor()
    try:
        cur.execute(f"DETACH DATABASE IF EXISTS {catalog}")
        if snapshot_cache.attach(cur, copy_key, catalog):
            return Snapshot(folder.name, folder, fp, attached_as=catalog), None
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
    return Snapshot(folder.name, folder, fp, tuple(problems), catalog), None if problems else copy_key


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
            reason = first_line(error)
            problems.append(
                validate.problem(
                    file, "", f"cannot be read as parquet ({reason})", zh=f"无法作为 parquet 读取({reason})"
                )
            )
            continue
        files[name] = file
    return problems + validate.check_loaded(cur, files, as_of)


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def install(folder: Path, snapshot: Snapshot) -> None:
    """Serve `snapshot` for its folder from now on; the version it replaces is retired."""
    with _lock:
        known = _loaded.get(folder)
        if known is not None and known.valid and known.attached_as != snapshot.attached_as:
            _retire(known.catalog)
        _loaded[folder] = snapshot


def _retire(catalog: str) -> None:
    """Detach the catalog of a replaced snapshot version only once the runs still holding it have long
    finished (a session mid-page must not lose its tables); the caller holds the lock."""
    now = time.monotonic()
    _retired.append((now, catalog))
    while _retired and now - _retired[0][0] > RETIRE_AFTER_S:
        connection().cursor().execute(f"DETACH DATABASE IF EXISTS {_retired.pop(0)[1]}").close()


def move_to_copy(snapshot: Snapshot, copy_key: str, folder: Path) -> None:
    """Write the checked copy of a snapshot served from memory, then serve it from the copy and give
    the memory back. (Queries running on it finish first: DuckDB keeps a detached database for the
    queries still using it, and one about to start finds the copy, see `results.query`.)"""
    with _lock:
        if _loaded.get(snapshot.path) is not snapshot:
            return  # replaced by a newer version meanwhile
    cur = connection().cursor()
    try:
        moved = _copied(cur, snapshot, copy_key, folder)
        if moved is None:
            return
        with _lock:
            now = _loaded.get(snapshot.path) is snapshot
            if now:
                _loaded[snapshot.path] = moved
        cur.execute(f"DETACH DATABASE {snapshot.attached_as if now else moved.attached_as}")
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


def copy_file(catalog: str) -> Path | None:
    """The checked copy a catalog is attached from; None for one in memory (or not attached)."""
    cur = connection().cursor()
    try:
        found = cur.execute("SELECT path FROM duckdb_databases() WHERE database_name = $c", {"c": catalog}).fetchone()
    finally:
        cur.close()
    return Path(found[0]) if found and found[0] else None


def drop_damaged_copy(snapshot: Snapshot, catalog: str, why: str) -> bool:
    """A query on `catalog` failed reading its file: when the snapshot is still served from that checked
    copy, detach it, remove the file and forget the snapshot, so that the next ask loads and checks its
    parquet files again. False when `catalog` is not a checked copy (nothing to repair)."""
    copy = copy_file(catalog)
    if copy is None:
        return False
    with _lock:
        if _loaded.get(snapshot.path) == snapshot and _loaded[snapshot.path].attached_as == catalog:
            del _loaded[snapshot.path]
    cur = connection().cursor()
    try:
        cur.execute(f"DETACH DATABASE IF EXISTS {catalog}")
    finally:
        cur.close()
    snapshot_cache.discard(copy, why)
    return True


def forget(folder: Path) -> None:
    """As if the process had restarted: the folder's snapshot neither loaded nor attached."""
    with _lock:
        known = _loaded.pop(folder, None)
    if known is not None:
        cur = connection().cursor()
        try:
            for catalog in {known.attached_as, "snap_" + known.fingerprint}:
                cur.execute(f"DETACH DATABASE IF EXISTS {catalog}")
        finally:
            cur.close()
