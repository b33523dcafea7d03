"""An export delivered through the browser (the 数据管理 page): check the uploaded files the way
`python -m tools.ingest` checks a folder, then write them through the same `ingest.deliver`.

Uploaded files are refused before anything reads them when they are too large (`$JEDZ_UPLOAD_MAX_MB`,
default 50 MB a file) or named like a path (`../x.csv`). The rest are laid in a private temporary
folder only while `ingest.check_export` reads them, and removed at once: what was checked is held
in memory (typed tables, each file's name, size and sha256) until the admin confirms or leaves.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from queries.validate import Problem, problem
from tools import ingest

MAX_MB_ENV = "JEDZ_UPLOAD_MAX_MB"
DEFAULT_MAX_MB = 50
SHOWN_AS = ("the uploaded files", "上传的文件")
# a plain file name: no folder, no control character, not hidden, not too long
PLAIN_NAME = re.compile(r"^[^/\\\x00-\x1f]{1,120}$")


def max_mb() -> int:
    """The size limit of one uploaded file, in MB."""
    try:
        value = int(os.environ.get(MAX_MB_ENV) or DEFAULT_MAX_MB)
    except ValueError:
        return DEFAULT_MAX_MB
    return value if value > 0 else DEFAULT_MAX_MB


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def record(self) -> dict:
        """The file as the audit log names it."""
        return {"file": self.name, "size": len(self.data), "sha256": self.sha256}


@dataclass
class Staged:
    """Uploaded files checked for one date: the checked export to deliver, or the problems."""

    as_of: str
    files: list[dict]
    checked: ingest.Checked | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.checked is not None and not self.problems

    def rows(self) -> int:
        return self.checked.rows if self.checked else 0


def refused(upload: Upload, limit_mb: int) -> Problem | None:
    """Why `upload` is refused unread, or None."""
    name = upload.name
    if not PLAIN_NAME.match(name) or name in (".", "..") or name.startswith(".") or Path(name).name != name:
        return problem(
            name,
            "",
            "the file name is not a plain file name (it names a folder, or is hidden): refused unread; "
            "name the file after its table, e.g. parks.csv",
            zh="文件名不是普通文件名(含路径或为隐藏文件):未读取。请以表名命名,如 parks.csv",
        )
    if len(upload.data) > limit_mb * 10**6:
        return problem(
            name,
            "",
            f"is {len(upload.data) / 10**6:,.1f} MB, over the limit of {limit_mb} MB a file: refused unread",
            zh=f"文件大小 {len(upload.data) / 10**6:,.1f} MB,超过每个文件 {limit_mb} MB 的上限:未读取",
        )
    return None


def stage(uploads: list[Upload], as_of: str, limit_mb: int | None = None) -> Staged:
    """Check `uploads` as the export of `as_of`: the same checks and messages as `tools.ingest`, with
    the hostile files refused first. Nothing is written anywhere but a temporary folder, removed
    before this returns."""
    limit_mb = limit_mb or max_mb()
    staged = Staged(as_of, [u.record() for u in uploads])
    staged.problems = [p for p in (refused(u, limit_mb) for u in uploads) if p is not None]
    names = [u.name.lower() for u in uploads]
    for twice in sorted({n for n in names if names.count(n) > 1}):
        staged.problems.append(
            problem(twice, "", "was uploaded twice: upload each file once", zh="该文件上传了两次:每个文件只上传一次")
        )
    if staged.problems:
        return staged
    with tempfile.TemporaryDirectory(prefix="jedz-upload-") as folder:
        for upload in uploads:
            (Path(folder) / upload.name).write_bytes(upload.data)
        checked = ingest.check_export(Path(folder), as_of, shown_as=SHOWN_AS)
        staged.problems = ingest.in_file_order(checked.problems)
        staged.notes = checked.notes
        if not staged.problems:
            checked.export = ingest.export_record(checked)  # the files' hashes, read while they exist
            staged.checked = checked
    return staged


def deliver(
    staged: Staged, *, data: Path | None, url: str | None, delivered_by: str | None, uploaded_by: str, replacing: str
) -> str:
    """Write a staged export (see `ingest.deliver`); `replacing` is the `ingest.identity` of the snapshot
    of its date the admin saw and chose to replace ("" when there was none): one written meanwhile by
    someone else is not replaced."""
    return ingest.deliver(
        staged.checked,
        staged.as_of,
        data=data,
        url=url,
        replace=bool(replacing),
        replacing=replacing,
        delivered_by=delivered_by,
        uploaded_by=uploaded_by,
        say=lambda *a, **k: None,
    )
