"""Run the named questions in `queries/*.sql` over one snapshot of the data: what pages ask for.

A snapshot is a folder `data/snapshots/YYYY-MM-DD/` holding one parquet file per table of the
contract. The first time a snapshot is used, its files are loaded into a DuckDB catalog of their
own and checked against the contract; a snapshot that fails is kept out of use, with its problems
listed. SQL names tables only (`FROM grids`): the runner points each cursor at the snapshot's catalog.

The work is split by what it holds:
- `discovery`: the snapshot folders found (in a data folder, or a store's local mirror) and loaded,
  only what the first page needs at once;
- `loading`: the process's one DuckDB connection and the snapshots loaded into it;
- `upkeep`: the background thread that keeps checked copies and checks the rest of a long history;
- `snapshot_cache`: the checked copies themselves;
- `results`: the queries, and their results cached per snapshot version and parameters;
- `store`: snapshots on S3-compatible storage (`$JEDZ_DATA_URL`), mirrored into a local folder.
"""

import functools
from pathlib import Path

import pandas as pd

from queries import access, results, store
from queries.discovery import (  # noqa: F401  (the facade pages use)
    ROOT,
    SNAPSHOT_NAME,
    data_dir,
    latest_valid,
    previous_valid,
    ready_snapshots,
    resolve,
    snapshot_at,
    snapshots,
    valid_dates,
)
from queries.loading import Snapshot, connection, load_and_check  # noqa: F401
from queries.results import PARAMETER, QUERIES, parameters_of, repair_count, repaired_since  # noqa: F401


def run(name: str, snapshot: str | Snapshot, **params) -> pd.DataFrame:
    """Run the query `queries/<name>.sql` over a snapshot with bound parameters.

    `$as_of` (the snapshot date) is bound by the runner; every other parameter the SQL names must
    be given, and nothing else. The result is cached per snapshot version and parameters; callers
    get their own frame (a shallow copy: pandas copies on write, so changing it leaves the cache alone).

    What the run's user may read is enforced here (`queries/access.py`): a row-level query they may
    not see raises AccessDenied, a park user's park is forced, and rows of other parks are dropped.
    """
    if name not in QUERIES:
        raise KeyError(f"unknown query {name!r}; known: {', '.join(QUERIES)}")
    snap = snapshot if isinstance(snapshot, Snapshot) else resolve(snapshot)
    expected = parameters_of(name) - {"as_of"}
    if set(params) != expected:
        raise TypeError(f"query {name} takes {sorted(expected)}, got {sorted(params)}")
    principal = access.viewing(snap)
    params = access.admit(name, QUERIES[name], params, principal)
    if "as_of" in parameters_of(name):
        params["as_of"] = snap.date
    frame = results.run(name, snap, tuple(sorted(params.items()))).copy(deep=False)
    return access.trim(QUERIES[name], params, frame, principal)


def store_status() -> store.Status | None:
    """The last sync with the snapshot store (`$JEDZ_DATA_URL`); None when snapshots are read from a folder."""
    return store.status()


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
