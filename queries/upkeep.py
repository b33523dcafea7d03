"""The background upkeep: one thread keeps the checked copies and checks the snapshots the first page
does not need, a few seconds after they are asked for. By then the first page is drawn (writing a copy
costs about twice the load, and the first visitor should not wait for it); and memory holds one
snapshot checked in the background at a time.
"""

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from queries import loading

COPY_AFTER_S = 5.0

log = logging.getLogger(__name__)

_upkeep = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-upkeep")
_stopping = threading.Event()
_lock = threading.Lock()
_queued: set[Path] = set()  # folders waiting for a check in the background


def later(task, *args) -> None:
    """Hand a task to the upkeep thread (not once the process is exiting)."""
    if not _stopping.is_set():
        _upkeep.submit(task, *args)


def wait() -> None:
    """Return once every task handed to the upkeep so far is done (tests, tools)."""
    if not _stopping.is_set():
        _upkeep.submit(lambda: None).result()


def _stop() -> None:
    """As the process exits: drop the upkeep not yet started (the next start does it) rather than keep
    the process alive for every check and copy queued; a copy being written is finished, or left
    under its temporary name."""
    _stopping.set()
    _upkeep.shutdown(wait=False, cancel_futures=True)


# threading's exit hooks run before its threads are joined, and the last registered first: this one
# runs before the executor's own, which would run every queued task before joining its thread
threading._register_atexit(_stop)


def _not_before(when: float) -> bool:
    """Wait until `when`; False when the process is exiting meanwhile."""
    return not _stopping.wait(max(0.0, when - time.monotonic()))


def keep_copy(snapshot: loading.Snapshot, copy_key: str, folder: Path, not_before: float) -> None:
    """Write the checked copy of a snapshot served from memory (not before `not_before`), then serve it
    from the copy and give the memory back."""
    if not _not_before(not_before):
        return
    try:
        loading.move_to_copy(snapshot, copy_key, folder)
    except Exception:  # a thread of its own: nobody else would hear of it
        log.exception("keeping the checked copy of %s failed", snapshot.path)


def keep_copy_later(snapshot: loading.Snapshot, copy_key: str, folder: Path) -> None:
    later(keep_copy, snapshot, copy_key, folder, time.monotonic() + COPY_AFTER_S)


def is_queued(folder: Path) -> bool:
    with _lock:
        return folder in _queued


def check_in_background(folders: list[Path], check: Callable[[Path], object]) -> None:
    """Hand folders to the upkeep to be checked by `check`, newest first, each once however often asked."""
    with _lock:
        new = [folder for folder in folders if folder not in _queued]
        _queued.update(new)
    for folder in new:
        later(_check_later, folder, check, time.monotonic() + COPY_AFTER_S)


def _check_later(folder: Path, check: Callable[[Path], object], not_before: float) -> None:
    if not _not_before(not_before):
        return
    try:
        check(folder)
    except Exception:  # a thread of its own: nobody else would hear of it
        log.exception("checking %s in the background failed", folder)
    finally:
        with _lock:
            _queued.discard(folder)
