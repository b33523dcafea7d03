"""Snapshots on S3-compatible storage: `tools.ingest --data-url` publishes into a real S3 server (moto, started
here on a free local port), a replica's mirror serves what it published, and a store gone away leaves the
mirrored snapshots served with a notice."""

import socket
import subprocess
import sys
import time
import uuid

import pytest

from queries import runner, store, upkeep
from tests.pages.helpers import metrics, open_app
from tools import ingest
from tools.browser import free_port

EXPORT = str(runner.ROOT / "data" / "examples" / "ingest")
AS_OF = "2022-12-31"
SECRET = "not-a-real-secret-key-0123456789"


def start_moto(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-c", "from moto.server import main; main()", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"moto did not start on port {port}")


@pytest.fixture
def s3(tmp_path, monkeypatch):
    """A fresh S3 server and bucket; yields (url, server). The data and copies are the test's own."""
    port = free_port()
    server = start_moto(port)
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "jedz-test-key-id")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(tmp_path / "cache"))
    bucket = f"jedz-{uuid.uuid4().hex[:8]}"
    store.client().create_bucket(Bucket=bucket)
    try:
        yield f"s3://{bucket}/zone", server
    finally:
        server.kill()
        server.wait(10)


def dispute_totals(snapshot) -> tuple:
    row = runner.run("dispute_totals", snapshot, park_id=None).iloc[0]
    return int(row["case_count"]), int(row["workers_involved"]), int(row["amount_yuan"])


def test_an_ingest_into_the_store_is_served_from_a_replicas_mirror(s3, tmp_path, monkeypatch, capsys):
    url, _server = s3
    assert ingest.main([EXPORT, "--as-of", AS_OF, "--data-url", url, "-q"]) == 0
    assert ingest.main([EXPORT, "--as-of", AS_OF, "--data-url", url, "-q"]) == 1  # the date is there already
    assert "--replace" in capsys.readouterr().err
    assert ingest.main([EXPORT, "--as-of", AS_OF, "--data-dir", str(tmp_path / "local"), "-q"]) == 0
    local = runner.snapshot_at(tmp_path / "local" / "snapshots" / AS_OF)

    monkeypatch.setenv("JEDZ_DATA_URL", url)
    try:
        served = runner.snapshots()
        assert [s.date for s in served] == [AS_OF] and served[0].valid
        assert runner.store_status().ok
        assert dispute_totals(served[0]) == dispute_totals(local)  # the same rows as a local ingest
        assert dispute_totals(local)[0] > 0
        upkeep.wait()
    finally:
        store.mirror_for(url).stop()


def test_a_store_gone_away_leaves_the_mirrored_snapshots_served_with_a_notice(s3, monkeypatch):
    url, server = s3
    assert ingest.main([EXPORT, "--as-of", AS_OF, "--data-url", url, "-q"]) == 0
    monkeypatch.setenv("JEDZ_DATA_URL", url)
    mirror = store.mirror_for(url)
    try:
        (snapshot,) = runner.snapshots()
        assert snapshot.date == AS_OF
        server.kill()
        server.wait(10)
        status = mirror.sync()
        assert not status.ok and status.synced_at is not None
        assert SECRET not in status.reason
        at = open_app()
        notice = "\n".join(w.value for w in at.sidebar.warning)
        assert "数据存储暂时无法连接" in notice and "The data store cannot be reached" in notice
        cases = metrics(at)["调处劳动纠纷"].value  # the overview still shows its figures, from the mirror
        assert cases == f"{dispute_totals(snapshot)[0]}起" and cases != "0起"
        assert [s.date for s in runner.snapshots()] == [AS_OF]
        upkeep.wait()
    finally:
        mirror.stop()


def test_two_deliveries_of_one_date_at_once_leave_the_first_and_tell_the_second(s3, monkeypatch, capsys):
    """S3 has no lock: the second delivery listed the date before the first was up, uploads, finds the
    first there, removes itself and says so."""
    url, _server = s3
    assert ingest.main([EXPORT, "--as-of", AS_OF, "--data-url", url, "-q"]) == 0
    where = store.Location.parse(url)
    (first,) = store.versions(store.client(), where)[AS_OF]
    real, calls = store.versions, []

    def listed_too_early(s3_client, location):
        calls.append(1)
        return {} if len(calls) == 1 else real(s3_client, location)  # the first listing missed the first delivery

    monkeypatch.setattr(store, "versions", listed_too_early)
    assert ingest.main([EXPORT, "--as-of", AS_OF, "--data-url", url, "-q"]) == 1
    assert (
        "another delivery of this date was published to the store while this one was uploading"
        in capsys.readouterr().err
    )
    monkeypatch.setattr(store, "versions", real)
    left = store.versions(store.client(), where)[AS_OF]
    assert list(left) == [first] and store.MANIFEST in left[first]  # the first, whole; nothing of the second
