"""make serve's stack: two replicas behind HAProxy; killing one costs only its own sessions, which reconnect."""

import concurrent.futures
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.conftest import metric_values, wait_for_app
from tools import serve
from tools.browser import CHROMIUM, CHROMIUM_FLAGS, free_port

pytestmark = pytest.mark.browser


def test_haproxy_config_is_sticky_checked_and_redispatches(tmp_path):
    text = serve.haproxy_config(8501, ["127.0.0.1:9001", "127.0.0.1:9002"])
    assert "cookie JEDZ_REPLICA insert indirect nocache" in text
    assert "option httpchk GET /_stcore/health" in text and "option redispatch" in text
    assert "server r2 127.0.0.1:9002 cookie r2" in text and "bind 127.0.0.1:8501" in text
    if Path(serve.HAPROXY).exists():  # HAProxy's own check of the file
        import subprocess

        (tmp_path / "h.cfg").write_text(text)
        assert subprocess.run([serve.HAPROXY, "-c", "-f", str(tmp_path / "h.cfg")], capture_output=True).returncode == 0


def replica(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == serve.COOKIE)


def test_a_killed_replica_costs_only_its_sessions():
    # on a thread of its own: the browser tests' Playwright keeps an event loop on the main thread
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(killed_replica_costs_only_its_sessions).result()


def killed_replica_costs_only_its_sessions():
    stack = serve.Stack(port=free_port(), replicas=2)
    stack.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            pages, sockets = [], []
            for _ in range(4):  # leastconn spreads new browsers: two contexts on different replicas
                context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
                page = context.new_page()
                opened = []
                page.on("websocket", lambda ws, opened=opened: opened.append(ws))
                page.goto(stack.url)
                wait_for_app(page, timeout=60_000)
                pages.append(page)
                sockets.append(opened)
                if len({replica(pg.context) for pg in pages}) == 2:
                    break
            assert len({replica(pg.context) for pg in pages}) == 2, "HAProxy put every browser on one replica"
            victim, bystander = pages[-1], next(pg for pg in pages if replica(pg.context) != replica(pages[-1].context))
            victim_sockets, bystander_sockets = sockets[-1], sockets[pages.index(bystander)]
            assert metric_values(victim)["三级(企业地块)网格"] == "1179个"

            stack.kill_replica(stack.replica_of(replica(victim.context)))
            # the frontend reconnects by itself; HAProxy sends it to the live replica, where it runs again
            deadline = time.monotonic() + 60
            while len(victim_sockets) < 2 and time.monotonic() < deadline:
                victim.wait_for_timeout(500)
            assert len(victim_sockets) >= 2, "the page did not reconnect"
            wait_for_app(victim, timeout=60_000)
            assert metric_values(victim)["三级(企业地块)网格"] == "1179个"
            assert replica(victim.context) == replica(bystander.context)
            for page in (victim, bystander):
                expect(page.locator("[data-testid=stException]")).to_have_count(0)
                expect(page.get_by_text("Traceback")).to_have_count(0)
            # the other replica's session saw nothing: the same websocket, still open, still the page
            assert len(bystander_sockets) == 1 and not bystander_sockets[0].is_closed()
            assert metric_values(bystander)["三级(企业地块)网格"] == "1179个"
            browser.close()
    finally:
        stack.stop()
