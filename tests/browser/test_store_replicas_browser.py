"""Two dashboard processes on one S3 store (moto, on a free local port), each with its own mirror and
checked copies, as replicas on two hosts: both serve the same snapshots, a new ingest into the store
appears on both, and the store gone away leaves both serving the last snapshot with a notice."""

import time
import uuid

import pytest
from playwright.sync_api import expect

from queries import store
from tests.browser.conftest import screenshot, wait_for_app
from tests.queries.test_store import EXPORT, SECRET, start_moto
from tools import ingest
from tools.browser import free_port, start_server, stop_server

MAIN, SIDEBAR = "[data-testid=stMain]", "[data-testid=stSidebar]"


@pytest.fixture
def replicas(tmp_path, monkeypatch):
    """The store, and two servers reading it (they poll it every second); yields (url, moto, apps)."""
    moto_port = free_port()
    moto = start_moto(moto_port)
    credentials = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
        "AWS_ACCESS_KEY_ID": "jedz-test-key-id",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": "us-east-1",
    }
    for name, value in credentials.items():
        monkeypatch.setenv(name, value)
    bucket = f"jedz-{uuid.uuid4().hex[:8]}"
    store.client().create_bucket(Bucket=bucket)
    url = f"s3://{bucket}/zone"
    assert ingest.main([EXPORT, "--as-of", "2022-09-30", "--data-url", url, "-q"]) == 0
    servers, apps = [], []
    for i in range(2):
        port = free_port()
        env = {
            **credentials,
            "JEDZ_DATA_URL": url,
            "JEDZ_CACHE_DIR": str(tmp_path / f"host{i}"),
            "JEDZ_STORE_POLL_S": "1",
        }
        servers.append(start_server(port, env=env))
        apps.append(f"http://127.0.0.1:{port}")
    yield url, moto, apps
    for server in servers:
        stop_server(server)
    if moto.poll() is None:
        moto.kill()
        moto.wait(10)


def shows(page, app: str, text: str, where: str = MAIN, within_s: float = 30) -> None:
    """Open `app` anew until `text` is on the page (a replica's mirror polls the store every second)."""
    deadline = time.monotonic() + within_s
    while True:
        page.goto(app)
        wait_for_app(page)
        if text in page.locator(where).inner_text() or time.monotonic() > deadline:
            break
        time.sleep(1)
    expect(page.locator(where)).to_contain_text(text)


def test_two_replicas_on_one_store_serve_the_same_snapshots_and_survive_it_going_away(replicas, page):
    url, moto, apps = replicas
    for app in apps:
        shows(page, app, "数据截至 2022-09-30")
        expect(page.locator(MAIN)).to_contain_text("470起")

    assert ingest.main([EXPORT, "--as-of", "2022-12-31", "--data-url", url, "-q"]) == 0
    for app in apps:  # the new snapshot appears on both
        shows(page, app, "数据截至 2022-12-31")
        expect(page.locator(MAIN)).to_contain_text("1179个")

    moto.kill()
    moto.wait(10)
    for i, app in enumerate(apps):  # the store gone: a notice, and the last snapshot still served
        shows(page, app, "数据存储暂时无法连接", where=SIDEBAR)
        expect(page.locator(MAIN)).to_contain_text("数据截至 2022-12-31")
        expect(page.locator(MAIN)).to_contain_text("470起")
        assert SECRET not in page.content()
        screenshot(page, f"store_gone_replica_{i}")
