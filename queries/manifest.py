"""Where a snapshot's numbers come from: the `manifest.json` written last into each snapshot folder.

    {"manifest_version": 1, "source": "demo" | "reported", "as_of": "2022-09-30",
     "written_at": "2026-12-02T08:30:00+00:00", "rules_version": "...",
     "generator": {"program": "tools.generate_demo", "seed": 20221031, "scale": 1, "version": "1"},  # demo
     "export": [{"file": "grids.csv", "sha256": "...", "encoding": "GBK", "rows": 1245}, ...],     # reported
     "delivered_by": "...",                                                                        # reported
     "files": {"grids.parquet": "<sha256>", ...}}

`files` are the snapshot's own parquet files: a manifest whose hashes do not match them describes other
data. A snapshot with no manifest, or one that cannot be trusted (not JSON, an unknown `source`, a
date or hashes that do not match), is served, but its numbers are tagged 来源未登记 (source not
recorded): never demo, never published. `record(folder)` says which, and why.
"""

import datetime
import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"
VERSION = 1
SOURCES = ("demo", "reported")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Record:
    """What a snapshot's manifest says of it: `source` is `demo`, `reported`, or None when not recorded
    (then `reason` and `reason_zh` say why)."""

    source: str | None
    reason: str = ""
    reason_zh: str = ""
    fields: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def recorded(self) -> bool:
        return self.source is not None

    @property
    def delivered_by(self) -> str | None:
        return self.fields.get("delivered_by")

    @property
    def uploaded_by(self) -> str | None:
        return self.fields.get("uploaded_by")

    @property
    def written_at(self) -> str | None:
        return self.fields.get("written_at")

    def fingerprints(self) -> list[tuple[str, str]]:
        """(file, sha256) of what the snapshot was made from: the export's files for reported data, the
        snapshot's own files otherwise."""
        export = self.fields.get("export") or []
        if export:
            return [(str(e.get("file", "")), str(e.get("sha256", ""))) for e in export]
        return sorted((self.fields.get("files") or {}).items())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def data_files(folder: Path) -> dict[str, str]:
    """The sha256 of each parquet file of a snapshot folder, by file name."""
    return {p.name: sha256(p) for p in sorted(folder.glob("*.parquet"))}


def build(folder: Path, *, source: str, as_of: str, rules_version: str, **details) -> dict:
    """The manifest of the snapshot in `folder` (its parquet files written): `details` are `generator`
    for demo data, or `export`, `delivered_by` (an office or a person) and `uploaded_by` (the admin who
    uploaded it in the browser) for reported data."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    return {
        "manifest_version": VERSION,
        "source": source,
        "as_of": as_of,
        "written_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "rules_version": rules_version,
        **{k: v for k, v in details.items() if v is not None},
        "files": data_files(folder),
    }


def write(folder: Path, manifest: dict) -> Path:
    """Write `manifest` into `folder`, atomically (a temporary file flushed, then renamed): the last
    file of a snapshot, so that a manifest always describes files already in place."""
    path = folder / MANIFEST
    temp = folder / f".{MANIFEST}.{os.getpid()}"
    try:
        with open(temp, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def record(folder: Path, files_version: str | None = None) -> Record:
    """What the manifest in `folder` says, checked against the folder's files; read and checked once per
    version of the manifest and of the files (`files_version`, a fingerprint of the parquet files the
    caller already has; otherwise their sizes and times are read)."""
    if files_version is None:
        files_version = repr(file_versions(folder))
    try:
        stat = (folder / MANIFEST).stat()
        stamp = stat.st_mtime_ns, stat.st_size
    except OSError:
        stamp = None
    return _record(folder, stamp, files_version)


def file_versions(folder: Path) -> list[tuple[str, int, int]]:
    """The parquet files of `folder`, each by its name, size and time: what names its version without
    reading it (one stat a file)."""
    return sorted((p.name, stat.st_size, stat.st_mtime_ns) for p in folder.glob("*.parquet") for stat in [p.stat()])


@functools.lru_cache(maxsize=256)
def _record(folder: Path, stamp, files_version: str) -> Record:
    if stamp is None:
        return Record(None, "this snapshot has no manifest.json", "该快照没有 manifest.json")
    try:
        fields = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = str(error).splitlines()[0][:120]
        return Record(None, f"manifest.json is not valid JSON ({reason})", f"manifest.json 不是有效的 JSON({reason})")
    if not isinstance(fields, dict):
        return Record(None, "manifest.json is not a JSON object", "manifest.json 不是 JSON 对象")
    source = fields.get("source")
    if source not in SOURCES:
        shown = str(source)[:40]
        return Record(
            None,
            f"manifest.json names an unknown source “{shown}” (known: demo, reported)",
            f"manifest.json 中的来源“{shown}”无法识别(应为 demo 或 reported)",
        )
    if fields.get("as_of") != folder.name:
        shown = str(fields.get("as_of"))[:40]
        return Record(
            None,
            f"manifest.json is dated {shown}, not {folder.name}",
            f"manifest.json 的日期为 {shown},与快照日期 {folder.name} 不符",
        )
    listed = fields.get("files")
    if not isinstance(listed, dict) or not listed:
        return Record(None, "manifest.json lists no data files", "manifest.json 未列出数据文件")
    present = {p.name for p in folder.glob("*.parquet")}
    if set(listed) != present:
        odd = sorted(set(listed) ^ present)
        return Record(
            None,
            f"manifest.json does not list the snapshot's files ({', '.join(odd[:3])})",
            f"manifest.json 与快照的文件不符({'、'.join(odd[:3])})",
        )
    changed = [name for name in sorted(listed) if sha256(folder / name) != listed[name]]
    if changed:
        return Record(
            None,
            f"the files do not match their hashes in manifest.json ({', '.join(changed[:3])})",
            f"文件与 manifest.json 中的哈希值不符({'、'.join(changed[:3])})",
        )
    return Record(source, fields=fields)
