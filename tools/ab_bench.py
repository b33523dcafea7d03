"""Before and after: the park re-render of every page in two checkouts, interleaved, so that whatever
else the machine is doing weighs on both alike.

    git worktree add /tmp/before <rev>
    python -m tools.ab_bench --before /tmp/before [--rounds 3] [--scales 1 100] [--login]

Each round runs, for each scale, a fresh process in the `--before` checkout, then one in this
checkout (and with `--login` one more here as a logged-in analyst). Every process renders each page,
shows it once for every park (to warm its caches), then re-renders it four times through the parks,
timing each re-render in CPU time (`time.process_time`: the work of this process, which another
process on the machine does not add to) and in wall time. The report gives, per page, the median over
the rounds of each process's median, and the spread of the rounds: a difference smaller than the
spread is not one. Scaled data comes from `tools.bench` (`--data-root`).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "grid_coverage", "economy", "labor_disputes", "park_maps", "big_screen")
PASSES = 4


def measure(login: dict | None) -> dict[str, tuple[float, float]]:
    """In this process, whose working folder is the checkout measured (so it imports nothing of this
    one): per page, the median CPU and wall ms; `login` holds st.user and `[auth]` to log in with."""
    from streamlit.testing.v1 import AppTest

    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(Path.cwd() / "dashboard.py"), default_timeout=300)
        if login:
            at.user, at.secrets["auth"] = dict(login["user"]), dict(login["auth"])
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        parks = at.selectbox(key="park").options
        for park in parks:
            at.selectbox(key="park").set_value(park).run()
        cpu, wall = [], []
        for _ in range(PASSES):
            for park in parks:
                started_cpu, started = time.process_time(), time.perf_counter()
                at.selectbox(key="park").set_value(park).run()
                cpu.append((time.process_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
        out[page] = (statistics.median(cpu), statistics.median(wall))
    return out


def worker(checkout: Path, data: Path, login: bool) -> dict:
    from tools.bench import LOGIN_AUTH, LOGIN_USER

    env = {**os.environ, "JEDZ_DATA_DIR": str(data), "PYTHONPATH": str(checkout)}
    command = [
        sys.executable,
        __file__,
        "--measure",
        json.dumps({"user": LOGIN_USER, "auth": LOGIN_AUTH} if login else None),
    ]
    done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:
        print(json.dumps(measure(json.loads(argv[1]))))
        return 0
    from tools.bench import ensure_data

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--login", action="store_true", help="also this checkout as a logged-in analyst")
    parser.add_argument("--data-root", type=Path, default=Path("/tmp/jedz-bench"))
    args = parser.parse_args(argv)
    kinds = [("before", args.before.resolve(), False), ("after", ROOT, False)]
    if args.login:
        kinds.append(("after, logged in", ROOT, True))
    found: dict[tuple[int, str, str], list[tuple[float, float]]] = {}
    for round_ in range(args.rounds):
        for scale in args.scales:
            data = ensure_data(scale, args.data_root)
            for name, checkout, login in kinds:
                for page, times in worker(checkout, data, login).items():
                    found.setdefault((scale, page, name), []).append(tuple(times))
                print(f"round {round_ + 1}, {scale}x, {name}: load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    names = [name for name, _, _ in kinds]
    print("| scale | page | " + " | ".join(f"{n}: CPU ms (spread)" for n in names) + " | " + " | ".join(
        f"{n}: wall ms" for n in names) + " |")  # fmt: skip
    print("| --- | --- |" + " ---: |" * (2 * len(names)))
    for scale in args.scales:
        for page in PAGES:
            cells, walls = [], []
            for name in names:
                runs = found[(scale, page, name)]
                cpu = [c for c, _ in runs]
                cells.append(f"{statistics.median(cpu):.0f} ({min(cpu):.0f}-{max(cpu):.0f})")
                walls.append(f"{statistics.median(w for _, w in runs):.0f}")
            print(f"| {scale}x | {page} | " + " | ".join(cells) + " | " + " | ".join(walls) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
