"""Query results, cached per snapshot version and parameters up to a memory budget (the least recently
used go first): a result is never re-read from a snapshot's tables while its snapshot is unchanged.
"""

import collections
import os
import re
import threading
from pathlib import Path

import duckdb
import pandas as pd

from queries import discovery, loading
from queries.loading import Snapshot

QUERY_DIR = Path(__file__).resolve().parent
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
RESULT_CACHE_ENTRIES = 2048
RESULT_CACHE_BYTES = int(float(os.environ.get("JEDZ_RESULT_CACHE_MIB", "256")) * 2**20)

# Text columns hold Python strings rather than Arrow arrays: the frames here are small, and on them
# each pandas operation over an Arrow array costs twice as much (a call into pyarrow per operation).
pd.set_option("mode.string_storage", "python")


def _read_queries() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.glob("*.sql"))}


QUERIES = _read_queries()


def parameters_of(name: str) -> set[str]:
    return set(PARAMETER.findall(QUERIES[name]))


class ResultCache:
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


_results = ResultCache(RESULT_CACHE_BYTES, RESULT_CACHE_ENTRIES)


def query(name: str, snapshot: Snapshot, params: tuple) -> pd.DataFrame:
    """Run a query on its own cursor, uncached: again on the checked copy when the snapshot moved there
    from memory as the query started; and, when its checked copy cannot be read (damaged on disk), again
    on its parquet files, loaded and checked anew, once the copy is removed."""
    cur = loading.connection().cursor()
    repaired = False
    try:
        while True:
            catalog = snapshot.catalog
            try:
                cur.execute(f"USE {catalog}")
                return cur.execute(QUERIES[name], dict(params)).df()
            except (duckdb.CatalogException, duckdb.BinderException):
                if snapshot.catalog == catalog:
                    raise
            except duckdb.IOException as error:
                if repaired or not _reload_from_files(snapshot, catalog, loading.first_line(error)):
                    raise
                repaired = True
    finally:
        cur.close()


_repaired: list[str] = []  # the dates whose checked copy a query found damaged, in order (rare: never trimmed)


def repair_count() -> int:
    """How many damaged checked copies queries have found, and replaced by their files, in this process."""
    return len(_repaired)


def repaired_since(count: int) -> list[str]:
    """The snapshot dates whose damaged copy was replaced since `repair_count()` returned `count`."""
    return sorted(set(_repaired[count:]))


def _reload_from_files(snapshot: Snapshot, catalog: str, error: str) -> bool:
    """The snapshot's checked copy failed a read: drop it and load and check the same files again."""
    with loading.folder_lock(snapshot.path):
        if snapshot.catalog != catalog:
            return True  # another query repaired it meanwhile
        if not loading.drop_damaged_copy(snapshot, catalog, f"unreadable by a query ({error})"):
            return False
    again = discovery.snapshot_at(snapshot.path)
    if again == snapshot and again.valid:
        _repaired.append(snapshot.date)
        return True
    return False


def run(name: str, snapshot: Snapshot, params: tuple) -> pd.DataFrame:
    """A query's result over a snapshot, from the cache when asked before (the frame is shared)."""
    key = (name, snapshot, params)
    frame = _results.get(key)
    if frame is None:
        frame = query(name, snapshot, params)
        _results.put(key, frame)
    return frame


def clear() -> None:
    """Forget every cached result."""
    _results.clear()
