"""Start the dashboard's real server and Debian's chromium: shared by the browser tests and the benchmark."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# without the background-networking flags chromium keeps dialling Google on a closed network
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict | None = None, timeout: float = 60) -> subprocess.Popen:
    """`streamlit run dashboard.py` on `port`, returned once `/_stcore/health` answers `ok`."""
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("streamlit did not become healthy: " + process.stdout.read().decode(errors="replace"))


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


DRAWN = (
    "[data-testid=stApp][data-test-connection-state=CONNECTED]",
    "[data-testid=stApp][data-test-script-state=notRunning]",
)


def wait_until_drawn(page, timeout_ms: float = 60_000, settle_ms: int = 1500) -> None:
    """The app is connected, its script finished, nothing still loading; then `settle_ms` more for
    plotly and the map to finish drawing (a Playwright page)."""
    for selector in DRAWN:
        page.wait_for_selector(selector, state="attached", timeout=timeout_ms)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=timeout_ms)
    page.wait_for_timeout(settle_ms)
