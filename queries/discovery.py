"""The snapshot folders of a data folder, found and loaded: `data/snapshots/YYYY-MM-DD/`.

The frame asks only for what its first page needs (`ready_snapshots`): snapshots never checked beyond
the newest two valid ones are checked in the background, one at a time, so a first start over a long
history does not check it all first. Snapshots not yet loaded are loaded side by side, each on its own
cursor (most of a load is small checks).
"""

import functools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from queries import loading, snapshot_cache, store, upkeep
from queries.loading import Snapshot

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LOAD_THREADS = 3
FIRST_PAGE_NEEDS = 2  # valid snapshots: the newest, and the one before it to compare with


def data_dir() -> Path:
    """Where the snapshots are read: the local mirror of `$JEDZ_DATA_URL` (an S3 store, see `store`),
    else `$JEDZ_DATA_DIR`, else the shipped `data/`."""
    url = os.environ.get("JEDZ_DATA_URL", "")
    if url:
        return store.mirror(url)
    return _resolved(os.environ.get("JEDZ_DATA_DIR", ""))


@functools.lru_cache(maxsize=16)
def _resolved(folder: str) -> Path:
    return Path(folder or ROOT / "data").resolve()  # once per value: resolving asks the file system


def snapshot_at(folder: Path) -> Snapshot:
    """The snapshot in `folder`, loaded and checked once per version of its files.

    A load holds that folder's lock only, so other folders load (and every loaded one answers) meanwhile.
    """
    return _snapshot_at(folder)


def _snapshot_at(folder: Path, *, check: bool = True, keep_copy_now: bool = False) -> Snapshot | None:
    """`snapshot_at`; with `check=False`, None rather than checking a snapshot that has no checked
    copy; with `keep_copy_now`, its checked copy is written (and served) before returning, rather
    than a few seconds later."""
    fp = loading.fingerprint(folder)
    known = loading.current(folder)
    if known is not None and known.fingerprint == fp:
        return known
    with loading.folder_lock(folder):
        known = loading.current(folder)
        if known is not None and known.fingerprint == fp:
            return known  # another thread loaded it while this one waited
        loaded, copy_key = loading.load(folder, fp, check=check)
        if loaded is None:
            return None
        loading.install(folder, loaded)
        if copy_key is not None and keep_copy_now:
            upkeep.keep_copy(loaded, copy_key, snapshot_cache.cache_dir(), 0.0)
        elif copy_key is not None:
            upkeep.keep_copy_later(loaded, copy_key, snapshot_cache.cache_dir())
        return loading.current(folder)


def folders(directory: Path | None) -> list[Path]:
    """The snapshot folders under `directory/snapshots`, newest first."""
    root = (directory or data_dir()) / "snapshots"
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.is_dir() and SNAPSHOT_NAME.match(p.name)), reverse=True)


def _side_by_side(found: list[Path], *, keep_copy_now: bool = False) -> list[Snapshot]:
    """Load and check folders side by side (the newest first)."""
    load = functools.partial(_snapshot_at, keep_copy_now=keep_copy_now)
    if len(found) < 2:
        return [load(p) for p in found]
    with ThreadPoolExecutor(max_workers=min(len(found), LOAD_THREADS)) as pool:
        return list(pool.map(load, found))


def snapshots(directory: Path | None = None) -> list[Snapshot]:
    """Every snapshot folder under `directory/snapshots`, newest first, valid or not; those not yet
    checked are checked first, each kept as its checked copy at once (a long history is not held
    in memory)."""
    found = folders(directory)
    _side_by_side([p for p in found if loading.current(p) is None], keep_copy_now=True)
    return [snapshot_at(p) for p in found]


def ready_snapshots(directory: Path | None = None, wanted: str | None = None) -> tuple[list[Snapshot], list[str]]:
    """What the frame can offer at once: the snapshots ready, newest first, valid or not, and the
    dates still being checked.

    Snapshots checked before (in this process, or with a checked copy) are ready at once. Of those
    never checked, only what the first page needs is checked now: the newest until two valid ones are
    ready (the first page compares the newest with the one before), and the date `wanted` (a link's).
    The rest are checked in the background, one at a time, newest first: a first start over a long
    history, or after the rules changed, does not check all of it before the first page.
    """
    found = folders(directory)
    ready = {folder: _checked_before(folder) for folder in found}
    while needed := _needed_first(found, ready, wanted):
        ready.update(zip(needed, _side_by_side(needed), strict=True))
    pending = [folder for folder in found if ready[folder] is None]
    upkeep.check_in_background(pending, _check_and_keep)
    return [ready[f] for f in found if ready[f] is not None], [f.name for f in pending]


def _check_and_keep(folder: Path) -> None:
    """A check in the background keeps its copy at once (memory holds one such at a time)."""
    _snapshot_at(folder, keep_copy_now=True)


def _checked_before(folder: Path) -> Snapshot | None:
    """The folder's snapshot if it was checked before, in this process or with a checked copy; None
    if not, or while it waits for the background (not hashing its files, nor waiting for its lock)."""
    if upkeep.is_queued(folder) and loading.current(folder) is None:
        return None
    return _snapshot_at(folder, check=False)


def _needed_first(found: list[Path], ready: dict[Path, Snapshot | None], wanted: str | None) -> list[Path]:
    """The folders not yet checked that the first page needs (counting each as valid until checked)."""
    needed, valid = [], 0
    for folder in found:
        snapshot = ready[folder]
        if snapshot is None and (valid < FIRST_PAGE_NEEDS or folder.name == wanted):
            needed.append(folder)
        valid += snapshot is None or snapshot.valid
    return needed


def valid_dates(directory: Path | None = None) -> list[str]:
    return [s.date for s in snapshots(directory) if s.valid]


def latest_valid(directory: Path | None = None) -> Snapshot | None:
    """The newest valid snapshot (only the folders down to it are checked)."""
    return next((s for s in map(snapshot_at, folders(directory)) if s.valid), None)


def previous_valid(snapshot: Snapshot, directory: Path | None = None) -> Snapshot | None:
    """The newest valid snapshot older than `snapshot`, for changes since then (only the folders down
    to it are checked)."""
    older = [p for p in folders(directory or snapshot.path.parent.parent) if p.name < snapshot.date]
    return next((s for s in map(snapshot_at, older) if s.valid), None)


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
