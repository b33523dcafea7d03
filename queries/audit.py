"""The audit log: who logged in or out, who was refused what, who downloaded which table for which scope,
who delivered which snapshot.

One JSON object a line, appended and never rewritten, in `$JEDZ_AUDIT_DIR/audit.jsonl` (default
`~/.local/state/jedz-dashboard/`), outside the snapshots: a folder under the data's `snapshots/` is
refused. A lock in the process and an exclusive `flock` on the file keep lines whole when several
sessions, or several server processes on one host, write at once.

Entries hold who did what, never a token or a password: `at` (UTC), `event`, `user`, `role`, and
the event's own fields (`table`, `scope`, `format`, `snapshot`, `files`, `outcome`...).
"""

import datetime
import fcntl
import json
import os
import threading
from pathlib import Path

import pandas as pd

FILE_NAME = "audit.jsonl"
EVENTS = ("login", "logout", "denial", "download", "upload")
COLUMNS = ["at", "event", "user", "role", "table", "scope", "format", "snapshot", "outcome"]
_lock = threading.Lock()


class AuditError(OSError):
    """The audit log cannot be kept where it is configured."""


def audit_dir() -> Path:
    folder = os.environ.get("JEDZ_AUDIT_DIR") or Path.home() / ".local" / "state" / "jedz-dashboard"
    return Path(folder).expanduser().resolve()


def path(data_dir: Path | None = None) -> Path:
    """The log's file; an AuditError if it would lie among the snapshots of `data_dir`."""
    folder = audit_dir()
    if data_dir is not None:
        snapshots = (Path(data_dir) / "snapshots").resolve()
        if folder == snapshots or snapshots in folder.parents:
            raise AuditError(f"the audit log may not be kept among the snapshots ({folder})")
    return folder / FILE_NAME


def record(event: str, user: str, role: str, data_dir: Path | None = None, **details) -> dict:
    """Append one entry; returns it. `details` are plain values (str, int, lists of them)."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}; known: {', '.join(EVENTS)}")
    entry = {
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "event": event,
        "user": user or "anonymous",
        "role": role,
        **details,
    }
    line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
    file = path(data_dir)
    with _lock:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(file, "ab") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                if f.tell() and not _ends_with_newline(file):  # a crashed writer's half line stays alone
                    line = "\n" + line
                f.write(line.encode("utf-8"))
                f.flush()
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
    return entry


def _ends_with_newline(file: Path) -> bool:
    with open(file, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def entries(data_dir: Path | None = None) -> pd.DataFrame:
    """Every entry, oldest first, as a table (COLUMNS first, then any other field); a line that is not
    JSON (a torn write of a crashed process) is skipped."""
    file = path(data_dir)
    rows = []
    if file.exists():
        with _lock, open(file, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict):
                    rows.append(row)
    frame = pd.DataFrame(rows)
    for column in COLUMNS:
        if column not in frame:
            frame[column] = None
    extra = [c for c in frame.columns if c not in COLUMNS]
    return frame[COLUMNS + extra]
