"""Snapshots on S3-compatible object storage (MinIO, Ceph, a cloud's OSS): `JEDZ_DATA_URL=s3://bucket/prefix`.

Each replica mirrors the store into a local folder and serves that folder as it serves any data folder:
the checked copies, the checks and the queries are those of local snapshots, and a replica keeps
serving its mirror while the store is away. (DuckDB's httpfs cannot be installed offline; reading
the store on every load would also make each page's first load wait for the network.)

The store's layout, written by `tools.ingest --data-url` (`publish`):

    <prefix>/snapshots/<date>/<version>/<table>.parquet   the data objects, written first
    <prefix>/snapshots/<date>/<version>/manifest.json     written last: the version is complete
    <prefix>/published_figures.csv                        optional

S3 has no rename, so a version is published by its manifest: readers take, for each date, the newest
version that has one, and never see a half-written snapshot. Versions are named by the time they were
written (sortable) and a random tail; a replaced version's objects are removed once its successor's
manifest is written.

The mirror (`<cache folder>/store/<digest of the URL>/`) holds `versions/<date>@<version>/` and, for
each date served, the link `snapshots/<date>` to its version, swapped atomically, so a page never
finds a date missing while it changes. Endpoint, keys and region come from the environment
(`AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`), never from the URL.
"""

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from queries import manifest, snapshot_cache

MANIFEST = manifest.MANIFEST
FIGURES = "published_figures.csv"
POLL_S = float(os.environ.get("JEDZ_STORE_POLL_S", "30"))
FIRST_SYNC_WAIT_S = 15.0
TIMEOUT_S = float(os.environ.get("JEDZ_STORE_TIMEOUT_S", "5"))

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The store cannot be reached or read; the message names no credential."""


class PublishedMeanwhile(FileExistsError):
    """Another delivery of the same date was published while this one was uploading, and came first."""


@dataclass(frozen=True)
class Location:
    bucket: str
    prefix: str  # "" or ending in "/"

    @classmethod
    def parse(cls, url: str) -> "Location":
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.hostname:
            raise StoreError("JEDZ_DATA_URL must look like s3://bucket/prefix")
        if "@" in parts.netloc:
            raise StoreError("JEDZ_DATA_URL must not hold credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        prefix = parts.path.strip("/")
        return cls(parts.netloc, prefix + "/" if prefix else "")

    def key(self, *parts: str) -> str:
        return self.prefix + "/".join(parts)


@dataclass(frozen=True)
class Status:
    """The last attempt to sync with the store."""

    ok: bool
    checked_at: float  # time.time()
    synced_at: float | None  # the last successful sync
    reason: str = ""


def client():
    """A boto3 S3 client from the environment, with short timeouts (a slow store must not hold a page)."""
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=TIMEOUT_S,
        read_timeout=TIMEOUT_S,
        retries={"max_attempts": 2, "mode": "standard"},
        s3={"addressing_style": "path"},  # MinIO and most S3-compatible stores serve path-style requests
    )
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    return boto3.client("s3", region_name=region, config=config)


def scrubbed(error: Exception) -> str:
    """An error's first line with any key of the environment blanked out."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for name in ("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN"):
        value = os.environ.get(name)
        if value:
            text = text.replace(value, "***")
    return text


def versions(s3, where: Location) -> dict[str, dict[str, dict[str, int]]]:
    """The store's snapshot versions: {date: {version: {file name: size}}}."""
    found: dict[str, dict[str, dict[str, int]]] = {}
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=where.bucket, Prefix=where.key("snapshots/"))
    for page in pages:
        for entry in page.get("Contents", []):
            parts = entry["Key"][len(where.key("snapshots/")) :].split("/")
            if len(parts) == 3 and all(parts):
                date, version, name = parts
                found.setdefault(date, {}).setdefault(version, {})[name] = entry["Size"]
    return found


def complete(found: dict[str, dict[str, dict[str, int]]]) -> dict[str, str]:
    """For each date, its newest version that has a manifest (the others are being written or replaced)."""
    newest = {}
    for date, by_version in found.items():
        done = [version for version, files in by_version.items() if MANIFEST in files]
        if done:
            newest[date] = max(done)
    return newest


def new_version() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------
# writing (tools.ingest)


def publish(url: str, folder: Path, as_of: str, *, replace: bool) -> str:
    """Upload a written, checked snapshot folder as a new version of `as_of`: its data objects first,
    its manifest last, then remove the versions it replaces. Returns the version. Raises FileExistsError
    when the date has a complete version and not `replace`, StoreError when the store fails.

    S3 has no lock, so two deliveries of one date (two admins, two hosts) may upload at once. Each
    lists the date again once its manifest is up: the earliest version begun after what it replaces
    wins, and a later one removes itself and raises PublishedMeanwhile. Both agree on the winner
    whichever lists first, and readers never see a version mixed with another."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = Location.parse(url)
    s3 = client()
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise StoreError(f"{folder} has no {MANIFEST}: a snapshot is published with its manifest, written last")
    try:
        before = versions(s3, where).get(as_of, {})
        if complete({as_of: before}) and not replace:
            raise FileExistsError(as_of)
        version = new_version()
        data = sorted(p for p in folder.iterdir() if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))
        for path in [*data, manifest]:  # the manifest last: until then readers do not list this version
            s3.upload_file(str(path), where.bucket, where.key("snapshots", as_of, version, path.name))
        after = versions(s3, where).get(as_of, {})
        rivals = [v for v, files in after.items() if v not in before and v != version and MANIFEST in files]
        if any(rival < version for rival in rivals):
            for path in [manifest, *data]:
                s3.delete_object(Bucket=where.bucket, Key=where.key("snapshots", as_of, version, path.name))
            raise PublishedMeanwhile(as_of)
        for old, files in before.items():
            for name in files:
                s3.delete_object(Bucket=where.bucket, Key=where.key("snapshots", as_of, old, name))
    except (BotoCoreError, ClientError) as error:
        raise StoreError(scrubbed(error)) from None
    return version


# ---------------------------------------------------------------------------------------------
# reading: the mirror


class Mirror:
    """The local mirror of one store URL, kept in step by a thread of its own every `POLL_S`."""

    def __init__(self, url: str, root: Path):
        self.url, self.root = url, root
        try:
            self.where, self.refused = Location.parse(url), ""
        except StoreError as error:
            self.where, self.refused = Location("", ""), error.args[0]
        self.status: Status | None = None
        self._lock = threading.Lock()
        self._first = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start keeping the mirror in step; the first caller waits for the first sync, unless the
        store is slow (then the mirror serves what an earlier run left in it)."""
        with self._lock:
            if self._thread is None:
                self._started = time.monotonic()
                self._thread = threading.Thread(target=self._poll, name="store-sync", daemon=True)
                self._thread.start()
        if not self._first.is_set():
            self._first.wait(max(0.0, self._started + FIRST_SYNC_WAIT_S - time.monotonic()))

    def stop(self) -> None:
        self._stop.set()

    def _poll(self) -> None:
        while True:
            self.sync()
            self._first.set()
            if self._stop.wait(POLL_S):
                return

    def sync(self) -> Status:
        """Bring the mirror in step with the store; on failure keep it as it is and say why."""
        last = self.status.synced_at if self.status else None
        try:
            with self._locked():
                changed = self._sync()
            status = Status(True, time.time(), time.time())
            if changed:
                log.info("snapshot store %s: mirrored %s", self.where.bucket, ", ".join(changed))
        except Exception as error:  # the store away, slow, or refusing: serve the mirror as it is
            reason = error.args[0] if isinstance(error, StoreError) else scrubbed(error)
            status = Status(False, time.time(), last, reason)
            if self.status is None or self.status.ok:
                log.warning("snapshot store %s unreachable, serving the last snapshots mirrored: %s", self.url, reason)
        if status.ok and self.status is not None and not self.status.ok:
            log.warning("snapshot store %s reachable again", self.url)
        self.status = status
        return status

    @contextlib.contextmanager
    def _locked(self):
        """One sync at a time into this mirror, across the processes of this host."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _sync(self) -> list[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        if self.refused:
            raise StoreError(self.refused)
        s3 = client()
        try:
            wanted = complete(versions(s3, self.where))
            changed = [self._fetch(s3, date, version) for date, version in sorted(wanted.items())]
            self._fetch_figures(s3)
        except (BotoCoreError, ClientError) as error:
            raise StoreError(scrubbed(error)) from None
        links = self.root / "snapshots"
        for link in links.iterdir() if links.is_dir() else ():
            if link.name not in wanted:  # removed from the store
                link.unlink()
                changed.append(f"{link.name} removed")
        self._remove_unlinked()
        return [c for c in changed if c]

    def _fetch(self, s3, date: str, version: str) -> str:
        """Download one version unless the mirror has it, then point the date's link at it."""
        target = self.root / "versions" / f"{date}@{version}"
        link = self.root / "snapshots" / date
        if link.is_symlink() and os.readlink(link) == str(target):
            return ""
        if not target.is_dir():
            incoming = self.root / "versions" / f".incoming-{date}@{version}-{os.getpid()}"
            shutil.rmtree(incoming, ignore_errors=True)
            incoming.mkdir(parents=True)
            try:
                listed = s3.list_objects_v2(
                    Bucket=self.where.bucket, Prefix=self.where.key("snapshots", date, version, "")
                )
                for entry in listed.get("Contents", []):
                    name = entry["Key"].rsplit("/", 1)[-1]
                    s3.download_file(self.where.bucket, entry["Key"], str(incoming / name))
                    if (incoming / name).stat().st_size != entry["Size"]:
                        raise StoreError(f"{entry['Key']}: downloaded size differs from the store's")
                _check_hashes(incoming, f"{date}/{version}")
                incoming.rename(target)
            except BaseException:
                shutil.rmtree(incoming, ignore_errors=True)
                raise
        link.parent.mkdir(parents=True, exist_ok=True)
        swap = link.parent / f".{date}-{os.getpid()}"
        swap.unlink(missing_ok=True)
        swap.symlink_to(target, target_is_directory=True)
        os.replace(swap, link)  # atomic: a page finds the old version or the new one
        return f"{date} ({version})"

    def _fetch_figures(self, s3) -> None:
        from botocore.exceptions import ClientError

        temporary = self.root / f".{FIGURES}-{os.getpid()}"
        try:
            s3.download_file(self.where.bucket, self.where.key(FIGURES), str(temporary))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                (self.root / FIGURES).unlink(missing_ok=True)  # the shipped figures apply
                return
            raise
        os.replace(temporary, self.root / FIGURES)

    def _remove_unlinked(self) -> None:
        """Remove versions no link points to, once no run can still be loading them (a day later)."""
        linked = {os.readlink(p) for p in (self.root / "snapshots").iterdir() if p.is_symlink()}
        for entry in (self.root / "versions").iterdir() if (self.root / "versions").is_dir() else ():
            if str(entry) not in linked and time.time() - entry.stat().st_mtime > 86400:
                shutil.rmtree(entry, ignore_errors=True)


def _check_hashes(folder: Path, shown: str) -> None:
    """The downloaded files are those the manifest lists (a store serving other bytes is refused)."""
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("files") or {}
    except (OSError, ValueError, AttributeError):
        return  # served, and tagged 来源未登记 by `manifest.record`
    for name, digest in listed.items():
        if not (folder / name).is_file() or manifest.sha256(folder / name) != digest:
            raise StoreError(f"{shown}/{name}: not the file its manifest lists")


_mirrors: dict[str, Mirror] = {}
_mirrors_lock = threading.Lock()


def mirror_for(url: str) -> Mirror:
    """The mirror of `url` in this process, started (its first sync waited for) on first use."""
    with _mirrors_lock:
        found = _mirrors.get(url)
        if found is None:
            digest = hashlib.sha256(url.encode()).hexdigest()[:16]
            found = _mirrors[url] = Mirror(url, snapshot_cache.cache_dir().parent / "store" / digest)
    found.start()
    return found


def mirror(url: str) -> Path:
    """The local folder serving the store at `url` (a data folder: `snapshots/<date>/...`)."""
    return mirror_for(url).root


def status() -> Status | None:
    """The last sync of the store in use (`$JEDZ_DATA_URL`); None when snapshots are read from a folder."""
    url = os.environ.get("JEDZ_DATA_URL", "")
    return mirror_for(url).status if url else None
