"""Snapshots that passed the contract's checks, kept as DuckDB database files, so that a restart
attaches them (about 1 ms each) instead of loading and checking the parquet files again.

Loading and checking are most of what a server does before its first page: at 100x scale about
0.2 s of CPU per snapshot to load and 0.25 s to check. A snapshot's files do not change once
written, so once they pass, a copy of the loaded tables is written here, and the next start that
finds the very same files under the very same rules attaches that copy, read-only.

A copy's name is a digest of the rules (the source of `contract.py` and `validate.py`), the DuckDB
version, the snapshot's date (the checks compare dates with it) and every table file's bytes: a
changed file, date, rule or DuckDB, or a missing file, means loading and checking again. Only
passes are kept; a snapshot with problems is checked on every start, so its problems are always
listed. Copies live in `cache_dir()`, are written under a temporary name and renamed (there whole
or not at all), and are removed after 30 days unused. Where that folder cannot be written, nothing is kept
and every start loads and checks. The runner serves a snapshot from its copy once it is written,
giving back the memory its first load took.
"""

import errno
import functools
import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from queries.contract import TABLES

QUERY_DIR = Path(__file__).resolve().parent
RULES = (QUERY_DIR / "contract.py", QUERY_DIR / "validate.py")
SUFFIX = ".duckdb"
WRITING = ".writing-"
UNUSED_FOR_S = 30 * 86400
CHUNK = 1 << 20
HEADER_BYTES = 3 * 4096  # a DuckDB file's main and two database headers, before its blocks

log = logging.getLogger(__name__)


def cache_dir(root: str | Path | None = None) -> Path:
    """The folder of the copies under the cache folder `root` (default: `$JEDZ_CACHE_DIR`, else
    `$XDG_CACHE_HOME/jedz-dashboard`, else `~/.cache/jedz-dashboard`)."""
    root = root or os.environ.get("JEDZ_CACHE_DIR")
    if not root:
        root = Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".cache") / "jedz-dashboard"
    return Path(root) / "snapshots"


def _home() -> Path:
    try:
        return Path.home()
    except RuntimeError:  # no HOME and no passwd entry (a container's arbitrary user)
        return Path(tempfile.gettempdir())


@functools.cache
def rules_digest() -> str:
    digest = hashlib.blake2b(duckdb.__version__.encode(), digest_size=16)
    for path in RULES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(folder: Path, as_of: str) -> str | None:
    """The digest naming a snapshot's checked copy; None when a table file is missing or unreadable."""
    digest = hashlib.blake2b(f"{rules_digest()}\0{as_of}".encode(), digest_size=20)
    try:
        for name in TABLES:
            digest.update(f"\0{name}\0".encode())
            with open(folder / f"{name}.parquet", "rb") as file:
                while chunk := file.read(CHUNK):
                    digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def path(copy_key: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"{copy_key}{SUFFIX}"


def attach(cur, copy_key: str | None, catalog: str, folder: Path | None = None) -> bool:
    """Attach the checked copy named `copy_key` (in `folder`, default `cache_dir()`) read-only as
    `catalog`; False when there is none, or this process has it attached already (the same files in
    another folder). A copy that cannot be read, is shorter than its own header says (truncated), or
    does not hold the contract's tables (foreign) is removed, and False returned: the caller loads
    and checks the snapshot's files again."""
    if copy_key is None or not (copy := path(copy_key, folder)).is_file():
        return False
    attached = cur.execute("SELECT count(*) FROM duckdb_databases() WHERE path = $p", {"p": str(copy)})
    if attached.fetchone()[0]:
        return False
    try:
        cur.execute(f"ATTACH '{copy}' AS {catalog} (READ_ONLY)")
    except duckdb.Error as error:
        discard(copy, f"unreadable ({_first_line(error)})")
        return False
    try:
        damage = _damage(cur, copy, catalog)
    except duckdb.Error as error:
        damage = f"unreadable ({_first_line(error)})"
    if damage:
        cur.execute(f"DETACH DATABASE IF EXISTS {catalog}")
        discard(copy, damage)
        return False
    try:
        os.utime(copy)  # in use: not to be removed as unused
    except OSError:
        pass
    return True


def _damage(cur, copy: Path, catalog: str) -> str | None:
    """What is wrong with an attached copy, found without reading its tables: None when nothing."""
    tables = cur.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = $c", {"c": catalog})
    found = {name for (name,) in tables.fetchall()}
    if found != set(TABLES):  # not one this module wrote
        return f"holds {sorted(found)}, not the contract's tables"
    size = cur.execute(
        "SELECT block_size, total_blocks FROM pragma_database_size() WHERE database_name = $c", {"c": catalog}
    ).fetchone()
    expected = HEADER_BYTES + size[0] * size[1]
    actual = copy.stat().st_size
    if actual < expected:
        return f"truncated: {actual:,} bytes of {expected:,}"
    return None


def discard(copy: Path, why: str = "damaged") -> None:
    """Remove a checked copy found damaged; the snapshot is loaded and checked from its files instead."""
    log.warning("checked copy %s is %s: removed, the snapshot's files are checked again", copy, why)
    for leftover in (copy, Path(f"{copy}.wal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove %s: %s", leftover, error)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def save(cur, catalog: str, copy_key: str | None, folder: Path | None = None) -> bool:
    """Write the tables of `catalog` (checked, passed) as the copy named `copy_key` into `folder`
    (default: `cache_dir()`); False (and nothing left behind) where it cannot be written."""
    if copy_key is None:
        return False
    folder = folder or cache_dir()
    final = path(copy_key, folder)
    temporary = folder / f"{WRITING}{copy_key}-{os.getpid()}-{threading.get_ident()}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A connection of its own, closed before the rename: a DETACH from the shared one may
        # leave its last writes in the WAL while another thread's query still holds the database.
        with duckdb.connect(str(temporary)) as out:
            for name in TABLES:
                batches = cur.sql(f"SELECT * FROM {catalog}.main.{name}").to_arrow_reader()
                out.register("batches", batches)
                out.execute(f"CREATE TABLE main.{name} AS SELECT * FROM batches")
                out.unregister("batches")
        os.replace(temporary, final)
    except (OSError, duckdb.Error) as error:
        full = getattr(error, "errno", None) == errno.ENOSPC or "No space left on device" in str(error)
        why = "the disk is full" if full else _first_line(error)
        log.warning("could not keep a checked copy in %s (%s): the snapshot is served from memory", folder, why)
        for leftover in (temporary, Path(f"{temporary}.wal")):
            leftover.unlink(missing_ok=True)
        return False
    remove_unused(folder)
    return True


def remove_unused(folder: Path, now: float | None = None) -> None:
    """Remove copies unused for 30 days, and what interrupted writes left (after a day)."""
    now = time.time() if now is None else now
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            age = now - entry.stat().st_mtime
            if age > UNUSED_FOR_S or (entry.name.startswith(WRITING) and age > 86400):
                entry.unlink()
        except OSError:
            pass
