"""Benchmark the dashboard at 1x, 10x and 100x scale, against a naive baseline.

    python -m tools.bench [--scales 1 10 100] [--runs 3] [--cold-runs 5] [--history 12]
                          [--data-root /tmp/jedz-bench] [--write docs/performance.md]

For each scale it measures, in fresh processes:
- re-render: a full server-side run of each page after the park filter changes (AppTest, which runs the
  page script the way the server does), through every park option, `--runs` times: median and p95 of
  them all, and the median of the first pass alone (each park shown for the first time in the process,
  so its queries are not cached yet);
- queries: each query the pages ran, timed again without the result cache: median;
- memory: the resident set of the process that rendered the pages, after each page and at its peak;
- cold start: `streamlit run` started to the first KPI on screen in chromium (median of `--cold-runs`), on a
  restart (snapshots checked before) in a new and in a returning browser, and on a first start
  (never checked), and the server's resident memory (now and at its peak) after visiting every page;
- long history, at the largest scale: a first start over `--history` snapshots never checked, to the
  first KPI, until all are checked and kept, and the server's memory;
and the same re-renders on the naive baseline (JEDZ_BASELINE=naive: pandas reads the parquet files on
every query, nothing cached), with the ratio. Scaled data is generated once into --data-root.

`--write FILE` writes the report as markdown; a `## Notes` section already in FILE (written by hand:
what was slow, what changed) is kept below the new figures.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from tools.browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, start_server, stop_server

NOTES = "## Notes"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ensure_data(scale: int, root: Path) -> Path:
    if scale == 1:
        return ROOT / "data"
    folder = root / f"scale{scale}"
    if not (folder / "snapshots" / "2022-09-30" / "labor_disputes.parquet").exists():
        subprocess.run(
            [sys.executable, "-m", "tools.generate_demo", "--scale", str(scale), "--out", str(folder), "-q"],
            cwd=ROOT,
            check=True,
        )
    return folder


# a logged-in analyst, with login configured (no provider is reached: st.user is set by AppTest)
LOGIN_USER = {"is_logged_in": True, "sub": "bench", "groups": ["analyst"]}
LOGIN_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "bench-only",
    "client_id": "bench",
    "client_secret": "bench-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def measure_briefing(at, runs: int) -> float | None:
    """Median ms to build the PDF briefing of the page `at` shows, as its button's click does (after one
    build that starts the charts' browser); None for a page that offers none."""
    from ui import briefing

    if not [b for b in at.get("download_button") if b.proto.id.endswith("briefing_pdf")]:
        return None
    collected = at.session_state[briefing.STATE_KEY]
    briefing.build(collected)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        briefing.build(collected)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure_pages(runs: int, login: bool = False, briefings: bool = False) -> dict:
    """In this process: render every page, change the park filter, time each re-run (milliseconds);
    as a logged-in analyst when `login`; and the PDF briefing of each page when `briefings`."""
    import psutil
    from streamlit.testing.v1 import AppTest

    from queries import results, runner
    from ui import navigation

    if os.environ.get("JEDZ_BASELINE") == "naive":
        from tools import naive_baseline

        naive_baseline.install()
    parks = list(runner.run("parks", runner.latest_valid())["park_id"])  # the park filter's options, "all" aside
    calls: set = set()
    original = results.run

    def recording(name, snapshot, params):
        calls.add((name, snapshot, params))
        return original(name, snapshot, params)

    results.run = recording
    process = psutil.Process()
    pages = {}
    for path, _title, _icon, url_path in navigation.PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        if login:
            at.user, at.secrets["auth"] = dict(LOGIN_USER), dict(LOGIN_AUTH)
        started = time.perf_counter()
        at.run()
        at.switch_page(path).run()
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(runs):
            for park in (*parks, "all"):
                started = time.perf_counter()
                at.selectbox(key="park").set_value(park).run()
                times.append((time.perf_counter() - started) * 1000)
                if at.exception:
                    raise RuntimeError(f"{path} with park={park}: {at.exception[0].value}")
        first_pass = times[: len(parks)]  # the parks not shown before (the zone was, first)
        pages[url_path] = {
            "first_ms": first,
            "median_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95),
            "first_visit_median_ms": statistics.median(first_pass),
            "rss_mib": process.memory_info().rss / 2**20,
        }
        if briefings:
            pages[url_path]["briefing_ms"] = measure_briefing(at, runs)
    results.run = original

    queries: dict[str, list[float]] = {}
    for name, snapshot, params in calls:
        for _ in range(runs):
            started = time.perf_counter()
            results.query(name, snapshot, params)
            queries.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    return {
        "pages": pages,
        "queries": {name: statistics.median(times) for name, times in sorted(queries.items())},
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_worker(data_dir: Path, runs: int, baseline: str, login: bool = False, briefings: bool = False) -> dict:
    env = {**os.environ, "JEDZ_DATA_DIR": str(data_dir), "JEDZ_BASELINE": baseline}
    flags = [*(["--login"] if login else []), *(["--briefings"] if briefings else [])]
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--worker", "--runs", str(runs), *flags],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


# Records, in the page's own clock, when the first KPI value is on screen (in the page, with a size):
# the test driver's own wait polls, and on a busy machine sees it up to a few hundred ms later.
FIRST_KPI_CLOCK = """
new MutationObserver((_, observer) => {
  const kpi = document.querySelector('[data-testid=stMetricValue]');
  if (kpi && kpi.getBoundingClientRect().width > 0) {
    window.firstKpiAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true});
"""


def cold_start(context, port: int, data_dir: Path, cache_dir: Path) -> tuple[dict, object, object]:
    """Start the server, open the root in a new page of the browser `context` and wait for the first KPI:
    milliseconds from the server's start to the KPI on screen (by the page's clock) and to the driver
    seeing it."""
    started = time.time()
    server = start_server(port, {"JEDZ_DATA_DIR": str(data_dir), "JEDZ_CACHE_DIR": str(cache_dir)})
    page = context.new_page()
    page.add_init_script(FIRST_KPI_CLOCK)
    page.goto(f"http://127.0.0.1:{port}/")
    page.locator("[data-testid=stMetricValue]").first.wait_for(state="visible", timeout=120_000)
    seen = (time.time() - started) * 1000
    on_screen = (page.evaluate("window.firstKpiAt") / 1000 - started) * 1000
    return {"on_screen_ms": on_screen, "seen_ms": seen}, server, page


def measure_cold_start(data_dir: Path, runs: int) -> dict:
    """Server start to first KPI on screen, each run on one port: a first start on data never checked
    before and a restart (its checked copies kept, see queries/snapshot_cache.py), each in a browser
    that never opened the dashboard; and a restart again in the browser of the last one, its cache
    holding the frontend's scripts, as a returning visitor's does. And the server's memory after
    every page was shown."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from ui import navigation

    first_starts, restarts, returning, rss, peaks = [], [], [], [], []
    viewport = {"width": 1920, "height": 1080}
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="jedz-bench-checked-") as scratch:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for run in range(runs):
            port, cache_dir = free_port(), Path(scratch) / str(run)  # empty: nothing checked yet
            context = browser.new_context(viewport=viewport)
            timing, server, page = cold_start(context, port, data_dir, cache_dir)
            first_starts.append(timing)
            wait_for_checked_copies(cache_dir, len(list((data_dir / "snapshots").iterdir())))
            context.close()
            stop_server(server)

            context = browser.new_context(viewport=viewport)
            timing, server, page = cold_start(context, port, data_dir, cache_dir)
            restarts.append(timing)
            for i, (_path, _title, _icon, url_path) in enumerate(navigation.PAGES):
                address = "" if i == 0 else url_path  # the default page is served at the root
                page.goto(f"http://127.0.0.1:{port}/{address}?park=andong")
                page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=120_000)
            rss.append(rss_mib(server.pid))
            peaks.append(peak_rss_mib(server.pid))
            page.close()
            stop_server(server)

            timing, server, page = cold_start(context, port, data_dir, cache_dir)
            returning.append(timing)
            context.close()
            stop_server(server)
        browser.close()

    def median(timings: list[dict], key: str) -> float:
        return statistics.median(t[key] for t in timings)

    return {
        "cold_start_ms": median(restarts, "on_screen_ms"),
        "cold_start_seen_ms": median(restarts, "seen_ms"),
        "returning_ms": median(returning, "on_screen_ms"),
        "returning_seen_ms": median(returning, "seen_ms"),
        "restart_runs_ms": sorted(t["on_screen_ms"] for t in restarts),
        "first_start_ms": median(first_starts, "on_screen_ms"),
        "first_start_seen_ms": median(first_starts, "seen_ms"),
        "server_rss_mib": max(rss),
        "server_peak_mib": max(peaks),
    }


def long_history(data_dir: Path, root: Path, count: int) -> Path:
    """A data folder of `count` snapshots never checked: those of `data_dir`, and its newest files
    again (hard links) under the month-ends that follow, as a zone exporting monthly would have."""
    import calendar
    import shutil

    folder = root / f"{data_dir.name}-history{count}"
    shipped = sorted((data_dir / "snapshots").iterdir())
    dates = [p.name for p in shipped]
    year, month = int(dates[-1][:4]), int(dates[-1][5:7])
    while len(dates) < count:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        dates.append(f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}")
    if not (folder / "snapshots" / dates[-1]).is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        for i, day in enumerate(dates):
            source = shipped[min(i, len(shipped) - 1)]
            shutil.copytree(source, folder / "snapshots" / day, copy_function=os.link)
        for extra in ("geo", "published_figures.csv"):  # the runner falls back to the shipped ones
            if (data_dir / extra).exists():
                (folder / extra).symlink_to((data_dir / extra).resolve())
    return folder


def measure_long_history(data_dir: Path, count: int, runs: int) -> dict:
    """A first start over `count` snapshots never checked: to the first KPI on screen, the server's
    memory then, and once the background has checked and kept them all (then and at its peak)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    starts, all_kept_s, rss_first, rss_kept, peaks = [], [], [], [], []
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="jedz-bench-history-") as scratch:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for run in range(runs):
            port, cache_dir = free_port(), Path(scratch) / str(run)
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            started = time.time()
            timing, server, page = cold_start(context, port, data_dir, cache_dir)
            starts.append(timing)
            rss_first.append(rss_mib(server.pid))
            wait_for_checked_copies(cache_dir, count)
            all_kept_s.append(time.time() - started)
            time.sleep(1)  # the last one moved to its copy
            rss_kept.append(rss_mib(server.pid))
            peaks.append(peak_rss_mib(server.pid))
            context.close()
            stop_server(server)
        browser.close()
    return {
        "snapshots": count,
        "first_start_ms": statistics.median(t["on_screen_ms"] for t in starts),
        "first_start_seen_ms": statistics.median(t["seen_ms"] for t in starts),
        "all_kept_s": statistics.median(all_kept_s),
        "rss_at_first_kpi_mib": statistics.median(rss_first),
        "rss_all_kept_mib": statistics.median(rss_kept),
        "peak_mib": max(peaks),
    }


def wait_for_checked_copies(cache_dir: Path, count: int, timeout: float = 120) -> None:
    """Until the server has written a checked copy of every snapshot (a few seconds after its start)."""
    from queries import snapshot_cache

    deadline = time.monotonic() + timeout

    def kept() -> int:
        copies = snapshot_cache.cache_dir(cache_dir).glob(f"*{snapshot_cache.SUFFIX}")
        return sum(not p.name.startswith(snapshot_cache.WRITING) for p in copies)

    while kept() < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no checked copies of the {count} snapshots in {cache_dir} after {timeout} s")
        time.sleep(0.2)


def rss_mib(pid: int) -> float:
    """The resident set of a server and its children, in MiB."""
    import psutil

    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**20


def peak_rss_mib(pid: int) -> float:
    """A process's peak resident set (Linux: VmHWM), in MiB; NaN where it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    kib = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return kib / 1024 if kib is not None else float("nan")


def machine() -> str:
    """CPU model, cores and memory of this machine, and how busy it was (load averages)."""
    cpu, memory = platform.processor() or platform.machine(), ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
        memory = f", {kib / 2**20:.0f} GiB memory"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}"


def report(results: dict, runs: int, cold_runs: int, load: tuple[float, float]) -> str:
    lines = [
        "# Performance",
        "",
        f"Measured with `make bench` ({runs} runs per figure, {cold_runs} server starts of each kind for the "
        f"cold start; medians) on {date.today().isoformat()}, "
        f"{platform.node()}: {machine()}; Python {platform.python_version()}, {platform.machine()}. "
        f"Load average (1 min) {load[0]:.1f} at the start, {load[1]:.1f} at the end: the machine is shared.",
        "",
        "Re-render: a full server-side run of a page after the park filter changes, through all six",
        "park options, each pass timed (AppTest runs the page script as the server does, without the",
        "browser). First visit: the median of the first pass alone, each park shown for the first time",
        "in the process (its queries not cached yet); the later passes are answered from the cache.",
        "Baseline: pandas reads the parquet files on every query, nothing cached (JEDZ_BASELINE=naive).",
        "",
        "Logged in: the same re-renders as a logged-in analyst with login configured (the role read from",
        "the token's claims and access.toml, and every query checked by access.py), against no login.",
        "",
        "| scale | page | median ms | p95 ms | first visit ms | baseline median ms | baseline / ours"
        " | logged in median ms | login adds ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scale, result in results.items():
        for page, ours in result["fast"]["pages"].items():
            naive = result["naive"]["pages"][page]
            login = result.get("login", {}).get("pages", {}).get(page, {}).get("median_ms", float("nan"))
            lines.append(
                f"| {scale}x | {page} | {ours['median_ms']:.0f} | {ours['p95_ms']:.0f} | "
                f"{ours['first_visit_median_ms']:.0f} | {naive['median_ms']:.0f} | "
                f"{naive['median_ms'] / ours['median_ms']:.1f}x | {login:.0f} | {login - ours['median_ms']:+.0f} |"
            )
    lines += [
        "",
        "Briefing: building a page's PDF (导出简报) from what its run drew, for the whole zone, as a click",
        "does: the charts drawn as SVG in the kept chromium, the document laid out by WeasyPrint (median of",
        f"{runs}, after one build that starts the browser).",
        "",
        "| scale | page | briefing median ms |",
        "| --- | --- | ---: |",
    ]
    for scale, result in results.items():
        for page, ours in result["fast"]["pages"].items():
            if ours.get("briefing_ms") is not None:
                lines.append(f"| {scale}x | {page} | {ours['briefing_ms']:.0f} |")
    lines += [
        "",
        "Cold start: `streamlit run` started to the first KPI on screen in chromium, by the page's own",
        "clock (in brackets: when the test driver's polling saw it). Restart: the server starts on",
        "snapshots it checked before (the usual case: a restart or a reboot; see queries/snapshot_cache.py),",
        "in a browser that never opened the dashboard; returning browser: the same, in a browser whose",
        "cache holds the frontend's scripts (served as immutable), as a daily visitor's does. First start:",
        "on snapshots never checked, so each is checked against the contract first. Server memory: the",
        "resident set after every page was shown once (and its peak). Render process: the AppTest",
        "process that rendered every page, all six parks, at its peak.",
        "",
        "| scale | cold start (restart), ms | restart, returning browser, ms | first start on unchecked data, ms"
        " | server memory, MiB | server peak, MiB | render process peak, MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    nan = float("nan")
    for scale, result in results.items():
        cold = result.get("cold", {})
        lines.append(
            f"| {scale}x | {cold.get('cold_start_ms', nan):.0f} ({cold.get('cold_start_seen_ms', nan):.0f}) | "
            f"{cold.get('returning_ms', nan):.0f} ({cold.get('returning_seen_ms', nan):.0f}) | "
            f"{cold.get('first_start_ms', nan):.0f} ({cold.get('first_start_seen_ms', nan):.0f}) | "
            f"{cold.get('server_rss_mib', nan):.0f} | {cold.get('server_peak_mib', nan):.0f} | "
            f"{result['fast']['peak_rss_mib']:.0f} |"
        )
    lines += ["", "Every restart, by the page's clock (ms, sorted):", ""]
    for scale, result in results.items():
        runs_ms = result.get("cold", {}).get("restart_runs_ms", [])
        lines.append(f"- {scale}x: " + ", ".join(f"{ms:.0f}" for ms in runs_ms))
    history = {scale: r["history"] for scale, r in results.items() if "history" in r}
    if history:
        count = next(iter(history.values()))["snapshots"]
        lines += [
            "",
            f"Long history: a first start over {count} snapshots never checked (the shipped three, and the",
            "newest files again under the month-ends that follow, as a zone exporting monthly would have).",
            "The first page needs the newest two; the others are checked in the background, one at a time,",
            "each then kept as its checked copy and served from it. Memory: the server's resident set when",
            "the first KPI is on screen, once all are checked and kept, and its peak.",
            "",
            "| scale | first KPI on screen, ms | all checked and kept, s | memory at first KPI, MiB"
            " | memory once all kept, MiB | peak, MiB |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for scale, h in history.items():
            lines.append(
                f"| {scale}x | {h['first_start_ms']:.0f} ({h['first_start_seen_ms']:.0f}) | {h['all_kept_s']:.1f} | "
                f"{h['rss_at_first_kpi_mib']:.0f} | {h['rss_all_kept_mib']:.0f} | {h['peak_mib']:.0f} |"
            )
    pages = list(next(iter(results.values()))["fast"]["pages"])
    lines += ["", "Resident memory of the render process after each page (MiB, pages in navigation order):", ""]
    lines += ["| scale | " + " | ".join(pages) + " |", "| --- | " + " | ".join("---:" for _ in pages) + " |"]
    for scale, result in results.items():
        cells = [f"{result['fast']['pages'][p].get('rss_mib', float('nan')):.0f}" for p in pages]
        lines.append(f"| {scale}x | " + " | ".join(cells) + " |")
    lines += ["", "First render of each page in a fresh process (ms; the first page also loads the snapshots):", ""]
    lines += ["| scale | " + " | ".join(pages) + " |", "| --- | " + " | ".join("---:" for _ in pages) + " |"]
    for scale, result in results.items():
        cells = [f"{result['fast']['pages'][p]['first_ms']:.0f}" for p in pages]
        lines.append(f"| {scale}x | " + " | ".join(cells) + " |")
    lines += ["", "Query medians (ms, uncached, as the pages call them):", ""]
    names = sorted({n for r in results.values() for n in r["fast"]["queries"]})
    lines += ["| query | " + " | ".join(f"{s}x" for s in results) + " |"]
    lines += ["| --- | " + " | ".join("---:" for _ in results) + " |"]
    for name in names:
        cells = [f"{r['fast']['queries'].get(name, float('nan')):.1f}" for r in results.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """Write the report, keeping a hand-written `## Notes` section of the file below it."""
    notes = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if f"\n{NOTES}" in old:
            notes = "\n" + old[old.index(f"\n{NOTES}") + 1 :]
    path.write_text(text + notes, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each re-render pass (default 3)")
    parser.add_argument(
        "--cold-runs", type=int, default=5, help="server starts of each kind, the cold start varying most (default 5)"
    )
    parser.add_argument("--data-root", type=Path, default=Path("/tmp/jedz-bench"), help="where scaled data goes")
    parser.add_argument(
        "--history", type=int, default=12, help="snapshots in the long-history first start, at the largest scale"
    )
    parser.add_argument("--skip-browser", action="store_true", help="leave out the cold start in chromium")
    parser.add_argument("--write", type=Path, help="also write the report (markdown) to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--login", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--briefings", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure_pages(args.runs, args.login, args.briefings)))
        return
    results = {}
    load_at_start = os.getloadavg()[0]
    for scale in args.scales:
        data_dir = ensure_data(scale, args.data_root)
        print(f"scale {scale}x: {data_dir}", file=sys.stderr)
        results[scale] = {
            "fast": run_worker(data_dir, args.runs, "fast", briefings=True),
            "naive": run_worker(data_dir, args.runs, "naive"),
            "login": run_worker(data_dir, args.runs, "fast", login=True),
        }
        if not args.skip_browser:
            results[scale]["cold"] = measure_cold_start(data_dir, args.cold_runs)
            if scale == max(args.scales) and args.history:
                history = long_history(data_dir, args.data_root, args.history)
                results[scale]["history"] = measure_long_history(history, args.history, args.cold_runs)
    text = report(results, args.runs, args.cold_runs, (load_at_start, os.getloadavg()[0]))
    print(text)
    if args.write:
        write(args.write, text)


if __name__ == "__main__":
    main()
