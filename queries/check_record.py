"""A record that a snapshot's files passed the contract's checks, so a restart need not check them again.

Checking is most of what a server does before its first page at scale: at 100x about 0.3 s of CPU
per snapshot against 0.15 s to load it. A snapshot's files do not change once written, so after
they pass, the runner leaves a record, and the next server start that finds the very same files
under the very same rules loads them without checking again.

The record's key is a digest of the rules (the source of `contract.py` and `validate.py`), of the
snapshot's date (the checks compare dates with it) and of every table file's bytes: a changed file,
date or rule, or a missing file, means checking again.
Only passes are recorded; a snapshot with problems is checked on every start, so its problems are
always listed. Records live outside the data, in `$JEDZ_CACHE_DIR` (default
`$XDG_CACHE_HOME/jedz-dashboard`, else `~/.cache/jedz-dashboard`), one empty file each; where
that folder cannot be written, nothing is recorded and every start checks.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from queries.contract import TABLES

QUERY_DIR = Path(__file__).resolve().parent
RULES = (QUERY_DIR / "contract.py", QUERY_DIR / "validate.py")
CHUNK = 1 << 20


def cache_dir() -> Path:
    folder = os.environ.get("JEDZ_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "jedz-dashboard"
    )
    return Path(folder) / "checked"


@functools.cache
def rules_digest() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in RULES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(folder: Path, as_of: str) -> str | None:
    """The digest of the rules, the snapshot's date (dates are checked against it) and its table files;
    None when a file is missing or unreadable."""
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


def passed(record_key: str | None) -> bool:
    return record_key is not None and (cache_dir() / record_key).is_file()


def record(record_key: str | None) -> bool:
    """Record a pass; False (and nothing written) where the cache folder cannot be written."""
    if record_key is None:
        return False
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # written under a temporary name and renamed: a record is there whole or not at all
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-")
        os.close(handle)
        os.replace(temporary, folder / record_key)
    except OSError:
        return False
    return True
