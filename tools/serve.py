"""Serve the dashboard from one replica per core behind HAProxy.

    python -m tools.serve [--port 8501] [--replicas N] [--bind 127.0.0.1]
    python -m tools.serve --port 8501 --backend host1:8601 --backend host2:8601   (replicas elsewhere)

Starts N `streamlit run dashboard.py` replicas on free local ports and Debian's HAProxy in front of
them on `--port`, with its configuration written into a temporary folder. HAProxy keeps each
browser on its replica with a cookie (a Streamlit session lives in one process), checks
`/_stcore/health`, passes websockets through and, when a replica dies, sends its browsers to a live
one (`option redispatch`): Streamlit's frontend reconnects by itself and the page runs again there.
A replica that exits is started again. Everything started is stopped on exit (Ctrl-C, SIGTERM).

With `--backend` no replica is started here: HAProxy balances over the replicas given, which run
on their hosts as `streamlit run dashboard.py --server.port PORT --server.headless true`.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tools.browser import ROOT, free_port

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
COOKIE = "JEDZ_REPLICA"
START_TIMEOUT_S = 90

CONFIG = """\
global
    # each connection needs two file descriptors: stay well under the usual limit (ulimit -n)
    maxconn 4096

defaults
    mode http
    option redispatch
    retries 3
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-request 30s

frontend dashboard
    bind {bind}:{port}
    default_backend replicas

backend replicas
    balance leastconn
    cookie {cookie} insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect string ok
    default-server check inter 1s fall 2 rise 2
{servers}
"""


def replica_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
            return reply.read() == b"ok"
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen | None, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        if healthy(url):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer /_stcore/health within {timeout:.0f} s")


def haproxy_config(port: int, backends: list[str], bind: str = "127.0.0.1") -> str:
    servers = "\n".join(f"    server r{i} {address} cookie r{i}" for i, address in enumerate(backends, 1))
    return CONFIG.format(bind=bind, port=port, cookie=COOKIE, servers=servers)


# glibc gives each thread that allocates (a session's script runs in a thread of its own) an arena of
# its own, up to 8 per core, and returns little of them: over 2,000 runs under make load a replica's
# memory crept up 14% with them, 9% with two (docs/performance.md)
MEMORY_ENV = {"MALLOC_ARENA_MAX": "2"}


class Stack:
    """The replicas and HAProxy (or, with `balancer=False`, one server on `port` itself)."""

    def __init__(
        self,
        port: int,
        replicas: int,
        env: dict | None = None,
        balancer: bool = True,
        backends: list[str] | None = None,
        bind: str = "127.0.0.1",
    ):
        self.port, self.balancer, self.bind = port, balancer, bind
        self.env = {**MEMORY_ENV, **os.environ, **(env or {})}
        self.ports = [] if backends else ([free_port() for _ in range(replicas)] if balancer else [port])
        self.backends = backends or [f"127.0.0.1:{p}" for p in self.ports]
        self.replicas: list[subprocess.Popen | None] = [None] * len(self.ports)
        self.haproxy: subprocess.Popen | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="jedz-serve-"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_replica(self, i: int) -> subprocess.Popen:
        log = open(self.folder / f"replica{i + 1}.log", "ab")  # noqa: SIM115 - the process keeps it
        self.replicas[i] = subprocess.Popen(
            replica_command(self.ports[i]), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        return self.replicas[i]

    def start(self) -> None:
        try:
            for i in range(len(self.ports)):
                self.start_replica(i)
            for i, port in enumerate(self.ports):
                wait_healthy(f"http://127.0.0.1:{port}", self.replicas[i])
            if self.balancer:
                if not Path(HAPROXY).exists():
                    raise RuntimeError("HAProxy is needed: apt-get install haproxy (make serve installs it as root)")
                config = self.folder / "haproxy.cfg"
                config.write_text(haproxy_config(self.port, self.backends, self.bind))
                # -db: stay in the foreground, so stopping this process stops HAProxy
                log = open(self.folder / "haproxy.log", "ab")  # noqa: SIM115 - the process keeps it
                self.haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], stdout=log, stderr=log)
                wait_healthy(self.url, self.haproxy, timeout=20)
        except Exception as error:
            logs = "".join(f"\n--- {p.name}\n{p.read_text(errors='replace')[-2000:]}" for p in self.logs())
            self.stop()
            raise RuntimeError(f"the stack did not start: {error}{logs}") from None
        except BaseException:
            self.stop()
            raise

    def logs(self) -> list[Path]:
        return sorted(self.folder.glob("*.log"))

    def replica_pids(self) -> list[int]:
        return [p.pid for p in self.replicas if p is not None and p.poll() is None]

    def replica_of(self, cookie_value: str) -> int:
        """The index of the replica a browser's sticky cookie names (`r1` is 0)."""
        return int(cookie_value.removeprefix("r")) - 1

    def kill_replica(self, i: int) -> None:
        self.replicas[i].kill()
        self.replicas[i].wait(timeout=10)

    def restart_dead(self) -> list[int]:
        """Start again each local replica that has exited; return their indexes."""
        dead = [i for i, p in enumerate(self.replicas) if p is not None and p.poll() is not None]
        for i in dead:
            print(f"replica r{i + 1} exited ({self.replicas[i].returncode}); starting it again", file=sys.stderr)
            self.start_replica(i)
        return dead

    def stop(self) -> None:
        for process in [self.haproxy, *self.replicas]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [self.haproxy, *self.replicas]:
            if process is not None:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)), help="HAProxy's port (PORT)")
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="replicas (default: one per core)")
    parser.add_argument("--bind", default="127.0.0.1", help="HAProxy's address (0.0.0.0 to serve the network)")
    parser.add_argument(
        "--backend", action="append", metavar="HOST:PORT", help="a replica running elsewhere (repeat; none started)"
    )
    args = parser.parse_args(argv)

    stack = Stack(args.port, args.replicas, backends=args.backend, bind=args.bind)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    stack.start()
    count = len(stack.backends)
    print(f"serving {stack.url.replace('127.0.0.1', args.bind)} from {count} replicas behind HAProxy", flush=True)
    try:
        while stack.haproxy.poll() is None:
            time.sleep(1)
            for i in stack.restart_dead():
                wait_healthy(f"http://127.0.0.1:{stack.ports[i]}", stack.replicas[i])
        return stack.haproxy.returncode or 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
