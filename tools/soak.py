"""Soak test of the big screen: many refresh cycles, memory measured, reconnection checked.

    python -m tools.soak [--cycles 300] [--interval 5] [--samples 10]

Starts the real server, opens the big screen in chromium with a short refresh interval, lets it
refresh `--cycles` times and samples, every `cycles/samples` cycles, the server's resident memory
and the page's JavaScript heap. The screen passes when memory is flat: the mean of the last third of
the samples is within 10% (server) and 25% (browser heap) of the first third's, after a warm-up.
Then it kills the server, starts a new one on the same port and checks the screen reconnects and
shows fresh data again by itself, without a page reload.
"""

import argparse
import statistics
import sys
import time

import psutil
from playwright.sync_api import sync_playwright

from tools.browser import CHROMIUM, CHROMIUM_FLAGS, free_port, start_server, stop_server

SCREEN_PATH = "big_screen"


def rss_mib(pid: int) -> float:
    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**20


def cycles_seen(page) -> int:
    return int(page.locator(".jedz-screen-header").get_attribute("data-cycle") or 0)


def refreshed_at(page) -> float:
    return float(page.locator(".jedz-screen-header").get_attribute("data-refreshed") or 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=300, help="refresh cycles to run (default 300)")
    parser.add_argument(
        "--interval", type=int, default=5, help="seconds between refreshes (default 5, the shortest the screen allows)"
    )
    parser.add_argument("--samples", type=int, default=10, help="memory samples over the run (default 10)")
    args = parser.parse_args()

    port = free_port()
    server = start_server(port)
    url = f"http://127.0.0.1:{port}/{SCREEN_PATH}?interval={args.interval}"
    flags = [*CHROMIUM_FLAGS, "--enable-precise-memory-info"]
    server_mib, heap_mib = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(url)
        page.locator(".jedz-tile").first.wait_for(timeout=60_000)
        step = max(1, args.cycles // args.samples)
        started = time.monotonic()
        for sample in range(args.samples + 1):
            target = sample * step
            deadline = time.monotonic() + step * args.interval * 3 + 30
            while cycles_seen(page) < target and time.monotonic() < deadline:
                time.sleep(args.interval / 2)
            page.evaluate("() => window.gc && window.gc()")
            server_mib.append(rss_mib(server.pid))
            heap_mib.append(page.evaluate("() => performance.memory.usedJSHeapSize") / 2**20)
            print(
                f"cycle {cycles_seen(page):5d}  t={time.monotonic() - started:7.1f}s  "
                f"server {server_mib[-1]:7.1f} MiB  page heap {heap_mib[-1]:6.1f} MiB",
                flush=True,
            )
        # a lost connection: the server goes away and comes back on the same port
        stop_server(server)
        time.sleep(3)
        server = start_server(port)
        page.evaluate("() => { window.jedzMarker = 'no reload'; }")
        restarted = time.time()
        deadline = time.monotonic() + 90
        while refreshed_at(page) < restarted and time.monotonic() < deadline:
            time.sleep(1)
        reconnected = (
            refreshed_at(page) >= restarted
            and page.locator(".jedz-tile").count() == 6
            and page.evaluate("() => window.jedzMarker") == "no reload"
        )
        browser.close()
    stop_server(server)

    third = max(1, len(server_mib) // 3)
    warm = slice(1, 1 + third)  # the first sample is before any refresh
    server_growth = statistics.mean(server_mib[-third:]) / statistics.mean(server_mib[warm]) - 1
    heap_growth = statistics.mean(heap_mib[-third:]) / statistics.mean(heap_mib[warm]) - 1
    print(f"server memory growth {server_growth:+.1%}, page heap growth {heap_growth:+.1%}")
    print(f"reconnected after a server restart: {'yes' if reconnected else 'NO'}")
    ok = server_growth < 0.10 and heap_growth < 0.25 and reconnected
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
