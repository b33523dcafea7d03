"""Profile the server under load, end to end: py-spy samples one dashboard process while `tools.load`
sessions click through the pages, and the samples are told by where the time goes.

    python -m tools.profile [--sessions 10] [--runs 400] [--rate 100] [--out /tmp/jedz-profile]

It writes py-spy's collapsed stacks (`profile.txt`) and a flame graph (`profile.svg`) to `--out`, and
prints the share of the samples of its busy threads (idle ones are not sampled) that fall in each
part: plotly figures, pandas, DuckDB, Streamlit's own work, the garbage collector, and
our pages and queries. A part's share counts a sample once, whichever frame of its stack is in it;
the parts overlap where one calls another (our page calling plotly).
"""

import argparse
import asyncio
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tools import load, serve
from tools.browser import ROOT
from ui import navigation

# a part of the stack, and the frames that are in it: py-spy writes `function (file:line)`, the file
# relative to its place on sys.path (`plotly/basedatatypes.py`, `ui/kpis.py`, a page as `overview.py`)
PAGE_FILES = "|".join(re.escape(Path(page[0]).name) for page in (*navigation.PAGES, *navigation.ADMIN_PAGES))
PARTS = {
    "plotly figures (construction, validation, to JSON)": r"\((?:plotly|_plotly_utils)/",
    "pandas": r"\(pandas/",
    "DuckDB queries (the call that runs one)": r"^query \(queries/results\.py",
    "pyarrow": r"\(pyarrow/",
    "Streamlit: elements, protos, serialisation": r"\((?:streamlit/elements|streamlit/proto|google/protobuf)/",
    "Streamlit: config lookups (get_option)": r"^get_option \(streamlit/config\.py",
    "Streamlit: script runner, session, websocket": r"\(streamlit/(?:runtime|web)/",
    "Streamlit: file watcher": r"\(streamlit/watcher/",
    "garbage collector": r"^collect \(",
    "our pages (app_pages/)": rf"\((?:{PAGE_FILES}):",
    "our ui/ and queries/": r"\((?:ui|queries)/",
}
PATTERNS = {part: re.compile(pattern) for part, pattern in PARTS.items()}


def shares(collapsed: Path) -> tuple[int, dict[str, float], list[tuple[str, float]]]:
    """Samples in all, the share of each part, and the frames most often at the top of a stack."""
    total, parts, tops = 0, Counter(), Counter()
    for line in collapsed.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        for part, pattern in PATTERNS.items():
            if any(pattern.search(frame) for frame in frames):
                parts[part] += n
        tops[stack.split(";")[-1]] += n
    return (
        total,
        {part: parts[part] / total for part in PARTS} if total else {},
        [(frame, n / total) for frame, n in tops.most_common(12)] if total else [],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second (default 100)")
    parser.add_argument("--data-dir", help="JEDZ_DATA_DIR for the server (e.g. 100x data)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/jedz-profile"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).parent / "py-spy"
    env = {"JEDZ_DATA_DIR": args.data_dir} if args.data_dir else {}
    stack = serve.Stack(port=serve.free_port(), replicas=1, env=env, balancer=False)
    stack.start()
    try:
        asyncio.run(load.warm_up(stack.url, 1))
        (pid,) = stack.replica_pids()
        recorders = [
            subprocess.Popen(
                [
                    str(spy),
                    "record",
                    "--pid",
                    str(pid),
                    "--rate",
                    str(args.rate),
                    "--nonblocking",
                    "--format",
                    kind,
                    "--output",
                    str(args.out / f"profile.{suffix}"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            for kind, suffix in (("raw", "txt"), ("flamegraph", "svg"))
        ]
        summary = asyncio.run(load.load(stack.url, args.sessions, args.runs, 600, 0.0, 1, stack.replica_pids))
        for recorder in recorders:
            recorder.send_signal(2)  # SIGINT: py-spy writes its output and stops
        for recorder in recorders:
            recorder.wait(timeout=60)
    finally:
        stack.stop()
    total, parts, tops = shares(args.out / "profile.txt")
    print(load.report(summary, f"{stack.url} (1 server process, profiled)"))
    print(
        f"\n{total} samples of busy threads, {args.rate}/s; stacks in {args.out}/profile.txt, flame graph profile.svg"
    )
    print("| part of the stack | share of samples |\n| --- | ---: |")
    for part, share in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"| {part} | {share:.0%} |")
    print("\nframes most often on top:")
    for frame, share in tops:
        print(f"  {share:5.1%}  {frame.replace(str(ROOT) + '/', '')[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
