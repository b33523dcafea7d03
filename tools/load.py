"""Load generator: many sessions speaking Streamlit's websocket protocol, as a browser does.

    python -m tools.load [--sessions 20] [--runs 600] [--duration 300] [--think 0]
                         [--url http://127.0.0.1:8501 | --serve [--replicas N] [--kill-replica-at S]]
                         [--data-dir DIR]

Each session loads the app's root over HTTP (which gives it the load balancer's sticky cookie), opens
`/_stcore/stream`, and then, like a user clicking through, asks for a page of the mix with
`BackMsg.rerun_script` (the page's URL path and its query string), picks a park in the sidebar's park
selectbox (a widget state, as the browser sends it) and waits for `script_finished`. It keeps the
browser's message cache (the hashes of large elements it has seen), so the server sends references
for elements it already has. A closed connection is reopened, as Streamlit's frontend does, and the
run is asked for again: its time then includes the reconnection.

It reports throughput, the median and p95 per page, errors (a run that never finished), exceptions
and error notices shown on a page, reconnections, and the server's resident memory (with its
children) sampled over the run. Without `--url` it starts the server itself: one process, or with
`--serve` the replicas behind HAProxy (tools/serve.py). Only 127.0.0.1 is loaded. The run is bounded
by `--runs` in all and by `--duration` seconds.
"""

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

# the pages and how often a user opens them (the overview most, the big screen least)
PAGE_MIX = {
    "overview": 4,
    "grid_coverage": 2,
    "economy": 2,
    "labor_disputes": 2,
    "park_maps": 1,
    "big_screen": 1,
}
PARK_WIDGET = "-park"  # the sidebar's park selectbox: its widget id ends with its key
PARK_CHOICES = 6  # its options: the whole zone and the five parks
RUN_TIMEOUT_S = 120
RECONNECT_S = 60  # how long a session keeps trying to reconnect before its run counts as an error
MAX_CACHED_RUNS = 2  # Streamlit's default global.maxCachedMessageAge


@dataclass
class Run:
    page: str
    seconds: float
    ok: bool
    exceptions: list[str] = field(default_factory=list)
    error_notices: list[str] = field(default_factory=list)
    reconnects: int = 0
    script_s: float | None = None  # a chromium click's time to its script's end (tools/load_browser.py)
    received: int = 0  # bytes of the server's messages for this run


def local_only(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"tools.load only loads a server on 127.0.0.1, not {host!r}")
    return url.rstrip("/")


def element_problems(msg: ForwardMsg) -> tuple[list[str], list[str]]:
    """The exception elements and the error notices (st.error) a delta puts on the page."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return [], []
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        return [f"{element.exception.type}: {element.exception.message}"[:200]], []
    if kind == "alert" and element.alert.format == element.alert.ERROR:
        return [], [element.alert.body[:200]]
    return [], []


class Session:
    """One browser tab: a websocket to the app, its widget states and its message cache."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookie = ""
        self.ws = None
        self.session_id = ""
        self.query = ""  # the query string of the browser's address bar, as the server last set it
        self.park_widget: tuple[str, list[str]] | None = None  # (widget id, option labels)
        self.cached: list[set[str]] = []  # hashes of cacheable messages, per recent run

    async def open(self) -> None:
        # the page load a browser makes first: behind HAProxy it sets the sticky cookie
        def page_load() -> str:
            request = urllib.request.Request(
                self.base_url + "/", headers={"Cookie": self.cookie} if self.cookie else {}
            )
            with urllib.request.urlopen(request, timeout=30) as reply:
                reply.read()
                cookies = reply.headers.get_all("Set-Cookie") or []
            return "; ".join(c.split(";", 1)[0] for c in cookies) or self.cookie

        self.cookie = await asyncio.to_thread(page_load)
        # the browser passes a token slot (the XSRF cookie, or this placeholder) and its previous session
        # id as the second and third subprotocols, to resume that session
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN", self.session_id] if self.session_id else ["streamlit"]
        self.ws = await connect(
            self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=protocols,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            max_size=None,
            open_timeout=30,
            ping_interval=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def rerun(self, page: str, park_index: int | None, query: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.page_name = page
        state.query_string = query
        if self.park_widget is not None and park_index is not None:
            widget_id, options = self.park_widget
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.string_value = options[park_index % len(options)]
        state.cached_message_hashes.extend(set().union(*self.cached) if self.cached else ())
        state.context_info.timezone = "Asia/Shanghai"
        state.context_info.locale = "zh-CN"
        return msg.SerializeToString()

    async def run(self, page: str, park_index: int | None, query: str = "") -> Run:
        """Ask for `page` with the park at `park_index` among the selectbox's options; wait for it."""
        started = time.monotonic()
        result = Run(page, 0.0, False)
        deadline = started + RUN_TIMEOUT_S
        self.query = query or self.query
        while time.monotonic() < deadline:
            try:
                if self.ws is None:
                    await self.open()
                await self.ws.send(self.rerun(page, park_index, self.query))
                await self.receive_until_finished(result, deadline)
                result.ok = True
                break
            except (ConnectionClosed, InvalidStatus, OSError, TimeoutError) as error:
                if isinstance(error, TimeoutError) and time.monotonic() >= deadline:
                    break
                result.reconnects += 1
                self.ws = None
                if time.monotonic() - started > RECONNECT_S:
                    break
                await asyncio.sleep(0.5)
        result.seconds = time.monotonic() - started
        return result

    async def receive_until_finished(self, result: Run, deadline: float) -> None:
        seen: set[str] = set()
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
            result.received += len(raw)
            msg = ForwardMsg.FromString(raw)
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                seen.add(msg.hash)
            if kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
            elif kind == "delta":
                exceptions, notices = element_problems(msg)
                result.exceptions += exceptions
                result.error_notices += notices
                element = msg.delta.new_element
                if element.WhichOneof("type") == "selectbox" and element.selectbox.id.endswith(PARK_WIDGET):
                    self.park_widget = (element.selectbox.id, list(element.selectbox.options))
            elif kind == "script_finished" and msg.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                self.cached = [*self.cached[-(MAX_CACHED_RUNS - 1) :], seen]
                return


def plan(rng: random.Random, length: int) -> list[tuple[str, int]]:
    """A user's clicks: pages drawn from the mix, each with a park index (0 is the whole zone)."""
    pages, weights = zip(*PAGE_MIX.items(), strict=True)
    return [(rng.choices(pages, weights)[0], rng.randrange(PARK_CHOICES)) for _ in range(length)]


async def user(base_url: str, rng: random.Random, budget: "Budget", think: float, runs: list[Run]) -> None:
    session = Session(base_url)
    try:
        # the first visit is a shared link, e.g. /labor_disputes?park=andong
        page, _ = plan(rng, 1)[0]
        query = rng.choice(["", "park=andong", "park=wuli", "park=lingxiu"])
        runs.append(await session.run(page, None, query=query))
        while budget.take():
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))
            page, park = plan(rng, 1)[0]
            runs.append(await session.run(page, park))
    finally:
        try:
            await session.close()
        except Exception:  # noqa: BLE001 - a dead connection has nothing left to close
            pass


class Budget:
    """The runs left in all and the time left: every session stops when either is spent."""

    def __init__(self, runs: int, seconds: float):
        self.left = runs
        self.deadline = time.monotonic() + seconds

    def take(self) -> bool:
        if self.left <= 0 or time.monotonic() >= self.deadline:
            return False
        self.left -= 1
        return True


def _with_children(pids: list[int]):
    """The processes `pids` and all their children that are still running."""
    for pid in pids:
        try:
            process = psutil.Process(pid)
            yield from [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass


def rss_mib(pids: list[int]) -> float:
    total = 0
    for process in _with_children(pids):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += process.memory_info().rss
    return total / 2**20


def cpu_s(pids: list[int]) -> float:
    """CPU seconds (user and system) the server processes and their children have used so far."""
    total = 0.0
    for process in _with_children(pids):
        with contextlib.suppress(psutil.NoSuchProcess):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def listening_pids(port: int) -> list[int]:
    """The process listening on `port` (the server given by --url), if it can be seen."""
    try:
        return sorted({c.pid for c in psutil.net_connections("tcp") if c.laddr.port == port and c.status == "LISTEN"})
    except psutil.AccessDenied:
        return []


async def load(
    base_url: str, sessions: int, runs: int, seconds: float, think: float, seed: int, pids, faults=(), browsers=0
) -> dict:
    """Run the sessions, `browsers` of them in chromium (tools/load_browser.py, summarised apart); each of
    `faults`, (seconds after the start, what to do, what it is called), is done at its time, off the event
    loop, and named in the summary."""
    tabs = None
    if browsers:
        from tools import load_browser  # noqa: PLC0415 - Playwright, only when asked for

        tabs = await load_browser.Tabs(base_url, browsers).__aenter__()
    budget = Budget(runs, seconds)
    results: list[Run] = []
    in_browsers: list[Run] = []
    cpu_at_start = cpu_s(pids())
    memory: list[tuple[int, float]] = [(0, rss_mib(pids()))]
    done: list[str] = []
    started = time.monotonic()

    async def inject(at_s: float, action, name: str) -> None:
        await asyncio.sleep(at_s)
        await asyncio.to_thread(action)
        done.append(f"{name} at {time.monotonic() - started:.0f} s, after {len(results)} runs")

    async def sample() -> None:
        while True:
            await asyncio.sleep(2)
            memory.append((len(results), rss_mib(pids())))

    sampler = asyncio.create_task(sample())
    injected = [asyncio.create_task(inject(*fault)) for fault in faults]
    users = [user(base_url, random.Random(seed * 1000 + i), budget, think, results) for i in range(sessions - browsers)]
    if tabs is not None:
        users.append(tabs.click_through(seed, budget, in_browsers))
    try:
        await asyncio.gather(*users)
    finally:
        if tabs is not None:
            await tabs.__aexit__(None, None, None)
    elapsed = time.monotonic() - started
    sampler.cancel()
    for task in injected:
        task.cancel()
    memory.append((len(results), rss_mib(pids())))
    summary = summarise(results, elapsed, memory, sessions - browsers)
    summary["server_cpu_ms_per_run"] = 1000 * (cpu_s(pids()) - cpu_at_start) / max(1, len(results) + len(in_browsers))
    if browsers:
        summary["browsers"] = summarise(in_browsers, elapsed, memory, browsers)
    return {**summary, "faults": done}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(results: list[Run], elapsed: float, memory: list[tuple[int, float]], sessions: int) -> dict:
    pages = {}
    for page in PAGE_MIX:
        times = [r.seconds for r in results if r.page == page and r.ok]
        if times:
            pages[page] = {"runs": len(times), "median_s": statistics.median(times), "p95_s": percentile(times, 0.95)}
    for page, p in pages.items():
        scripts = [r.script_s for r in results if r.page == page and r.ok and r.script_s is not None]
        if scripts:
            p |= {"script_median_s": statistics.median(scripts), "script_p95_s": percentile(scripts, 0.95)}
        p["received_kib"] = statistics.median(r.received for r in results if r.page == page and r.ok) / 1024
    ok = [r.seconds for r in results if r.ok]
    scripts = [r.script_s for r in results if r.ok and r.script_s is not None]
    mib = [m for _, m in memory]
    third = max(1, len(mib) // 3)
    return {
        "sessions": sessions,
        "runs": len(results),
        "seconds": elapsed,
        "runs_per_s": len(ok) / elapsed if elapsed else 0.0,
        "median_s": statistics.median(ok) if ok else float("nan"),
        "p95_s": percentile(ok, 0.95) if ok else float("nan"),
        "pages": pages,
        "script_median_s": statistics.median(scripts) if scripts else None,
        "script_p95_s": percentile(scripts, 0.95) if scripts else None,
        "errors": sum(not r.ok for r in results),
        "exceptions": sorted({e for r in results for e in r.exceptions}),
        "exception_runs": sum(bool(r.exceptions) for r in results),
        "error_notices": sorted({e for r in results for e in r.error_notices}),
        "reconnects": sum(r.reconnects for r in results),
        "memory_mib": memory,
        "memory_first_third_mib": statistics.mean(mib[:third]),
        "memory_last_third_mib": statistics.mean(mib[-third:]),
    }


def report(summary: dict, label: str) -> str:
    lines = [
        f"{label}: {summary['sessions']} sessions, {summary['runs']} runs in {summary['seconds']:.1f} s, "
        f"{summary['runs_per_s']:.2f} runs/s; median {summary['median_s']:.2f} s, p95 {summary['p95_s']:.2f} s; "
        f"errors {summary['errors']}, runs showing an exception {summary['exception_runs']}, "
        f"reconnects {summary['reconnects']}",
        "| page | runs | median s | p95 s | received, median KiB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for page, p in summary["pages"].items():
        lines.append(f"| {page} | {p['runs']} | {p['median_s']:.2f} | {p['p95_s']:.2f} | {p['received_kib']:.0f} |")
    if "server_cpu_ms_per_run" in summary:
        lines.append(f"server CPU per run (all sessions): {summary['server_cpu_ms_per_run']:.0f} ms")
    first, last = summary["memory_first_third_mib"], summary["memory_last_third_mib"]
    start, end = summary["memory_mib"][0][1], summary["memory_mib"][-1][1]
    lines.append(
        f"server memory: {start:.0f} MiB at start, {end:.0f} at the end; "
        f"mean of the first third {first:.0f}, of the last third {last:.0f} ({(last / first - 1) * 100:+.1f}%)"
        if first
        else "server memory: not visible"
    )
    if "browsers" in summary:
        seen = summary["browsers"]
        lines += [
            f"in chromium beside them: {seen['sessions']} sessions, {seen['runs']} clicks; click to the script's "
            f"end: median {seen['script_median_s'] or float('nan'):.2f} s, "
            f"p95 {seen['script_p95_s'] or float('nan'):.2f} s; "
            f"click to drawn: median {seen['median_s']:.2f} s, p95 {seen['p95_s']:.2f} s; errors {seen['errors']}, "
            f"clicks showing an exception {seen['exception_runs']}",
            "| page (chromium) | clicks | to script's end, median s | p95 s | to drawn, median s | p95 s "
            "| received, median KiB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {page} | {p['runs']} | {p.get('script_median_s', float('nan')):.2f} | "
            f"{p.get('script_p95_s', float('nan')):.2f} | {p['median_s']:.2f} | {p['p95_s']:.2f} | "
            f"{p['received_kib']:.0f} |"
            for page, p in seen["pages"].items()
        ]
    for fault in summary.get("faults", []):
        lines.append(f"fault: {fault}")
    for text in summary["exceptions"][:10]:
        lines.append(f"exception shown: {text}")
    for text in summary["error_notices"][:10]:
        lines.append(f"error notice shown: {text}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="load a server already running here (127.0.0.1 only)")
    parser.add_argument("--serve", action="store_true", help="start the replicas behind HAProxy (tools/serve.py)")
    parser.add_argument("--replicas", type=int, default=None, help="replicas for --serve (default: one per core)")
    parser.add_argument("--data-dir", help="JEDZ_DATA_DIR for the server it starts (e.g. 100x data)")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--runs", type=int, default=600, help="page runs in all, at most (default 600)")
    parser.add_argument("--duration", type=float, default=300, help="seconds, at most (default 300)")
    parser.add_argument("--think", type=float, default=0.0, help="mean think time between a user's clicks, s")
    parser.add_argument("--warmup", type=int, default=1, help="runs of each page before measuring (default 1)")
    parser.add_argument(
        "--kill-replica-at",
        type=float,
        metavar="S",
        help="with --serve: kill one replica S seconds into the run (its sessions must reconnect to another), "
        "and start it again 10 s later",
    )
    parser.add_argument(
        "--browsers",
        type=int,
        default=0,
        metavar="K",
        help="K of the sessions are real chromium tabs clicking through the same mix (tools/load_browser.py), "
        "reported beside the protocol's figures",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the summary here as JSON")
    args = parser.parse_args(argv)

    from tools import serve  # noqa: PLC0415 - it starts servers; --url needs none of it

    stack = None
    if args.url:
        base_url = local_only(args.url)
        port = urllib.parse.urlsplit(base_url).port or 80
        found = listening_pids(port)

        def pids() -> list[int]:
            return found
    else:
        env = {"JEDZ_DATA_DIR": args.data_dir} if args.data_dir else {}
        replicas = args.replicas or (psutil.cpu_count() if args.serve else 1)
        stack = serve.Stack(port=serve.free_port(), replicas=replicas, env=env, balancer=args.serve)
        stack.start()
        base_url = stack.url
        pids = stack.replica_pids
    label = f"{base_url} ({len(pids())} server process(es))"
    faults = []
    if args.kill_replica_at is not None:
        if stack is None or not args.serve:
            parser.error("--kill-replica-at needs --serve")
        faults = [
            (args.kill_replica_at, lambda: stack.kill_replica(0), "replica r1 killed"),
            (args.kill_replica_at + 10, stack.restart_dead, "replica r1 started again"),
        ]
    try:
        if args.warmup:
            asyncio.run(warm_up(base_url, args.warmup))
        summary = asyncio.run(
            load(base_url, args.sessions, args.runs, args.duration, args.think, args.seed, pids, faults, args.browsers)
        )
    finally:
        if stack is not None:
            stack.stop()
    print(report(summary, label))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(summary, out, indent=1)
    failed = [summary, summary.get("browsers", {})]
    return 1 if any(s.get("errors") or s.get("exception_runs") or s.get("error_notices") for s in failed) else 0


async def warm_up(base_url: str, rounds: int) -> None:
    """Each page for each park in the first sessions (spread over the replicas), so the measure starts
    from warm caches: memory that grows after it is not a cache filling."""
    sessions = [Session(base_url) for _ in range(4)]
    for session in sessions:
        for _ in range(rounds):
            for page in PAGE_MIX:
                for park in range(PARK_CHOICES):
                    await session.run(page, park)
        await session.close()


if __name__ == "__main__":
    sys.exit(main())
