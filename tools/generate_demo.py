"""Build the seeded, reproducible demo snapshots of the dashboard.

    python -m tools.generate_demo [--out DIR] [--seed N] [--scale K]

writes DIR/snapshots/{2022-03-31,2022-06-30,2022-09-30}/<table>.parquet (one file per table of
`queries.contract.TABLES`, with the contract's columns and types) with its manifest.json (source demo,
the seed, scale and generator version; see `queries/manifest.py`), and DIR/geo/{parks,grids}.geojson
(schematic outlines). At scale 1 the 2022-09-30 snapshot gives back every figure the article publishes
exactly; earlier snapshots are earlier states of the same synthetic world. The same seed and scale
always give the same tables.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from queries import manifest, snapshot_cache
from tools.demo_activity import build_disputes, build_economy, build_projects
from tools.demo_common import DEFAULT_SEED, SNAPSHOTS
from tools.demo_snapshot import snapshot, write_geo, write_snapshot
from tools.demo_world import World, build_party, build_staff, build_structure

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"
VERSION = "1"  # of the generator's output: raise it whenever the same seed and scale give other tables


def build_world(seed: int = DEFAULT_SEED, scale: int = 1) -> World:
    """The whole synthetic world, with the dates from which each row exists."""
    world = World(seed=seed, scale=scale)
    build_structure(world)
    build_party(world)
    build_staff(world)
    build_economy(world)
    build_projects(world)
    build_disputes(world)
    return world


def generate(out: Path, seed: int = DEFAULT_SEED, scale: int = 1) -> World:
    world = build_world(seed, scale)
    for on in SNAPSHOTS:
        folder = out / "snapshots" / on.isoformat()
        write_snapshot(snapshot(world, on), folder)
        generator = {"program": "tools.generate_demo", "seed": seed, "scale": scale, "version": VERSION}
        rules = snapshot_cache.rules_digest()
        record = manifest.build(folder, source="demo", as_of=on.isoformat(), rules_version=rules, generator=generator)
        manifest.write(folder, record)
    write_geo(world, out / "geo")
    return world


def shipped_data_reason(out: Path) -> str | None:
    """Why `out` must not receive a scaled dataset (None when it may)."""
    out = out.resolve()
    shipped = SHIPPED.resolve()
    if out == shipped or out.is_relative_to(shipped):
        return f"{out} is (inside) the shipped data folder {shipped}"
    if shipped.is_relative_to(out):
        return f"{out} contains the shipped data folder {shipped}"
    if (out / "data" / "snapshots").exists():
        return f"{out} contains data/snapshots"
    if out.name == "data" and (out / "snapshots").exists():
        return f"{out} is a data folder holding snapshots"
    return None


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.generate_demo",
        description=(
            "Generate the synthetic demo snapshots (parquet) and schematic outlines (GeoJSON) of the "
            "晋江经济开发区 grid-governance dashboard. Seeded and reproducible: the same seed and scale give "
            "the same tables. At scale 1 the 2022-09-30 snapshot reproduces the article's published figures."
        ),
        epilog=(
            "Examples: 'python -m tools.generate_demo' rebuilds the shipped data/ folder; "
            "'python -m tools.generate_demo --scale 10 --out /tmp/scale10' builds a 10x dataset for benchmarks "
            "(scaled data is refused in the shipped data folder)."
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=SHIPPED,
        metavar="DIR",
        help="output folder; gets snapshots/<date>/*.parquet and geo/*.geojson (default: the repo's data/)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="N", help=f"random seed (default: {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        metavar="K",
        help="K times the enterprises, grids, staff, party rows, cases and projects (default: 1, "
        "the calibrated dataset); K > 1 needs an --out outside the shipped data folder",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be a positive integer")
    if args.scale > 1:
        reason = shipped_data_reason(args.out)
        if reason:
            parser.error(
                f"refusing to write a scale-{args.scale} dataset there: {reason}; "
                f"name another folder, e.g. --out /tmp/scale{args.scale}"
            )
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    t0 = time.perf_counter()
    world = generate(args.out, args.seed, args.scale)
    if not args.quiet:
        last = snapshot(world, SNAPSHOTS[-1])
        counts = ", ".join(f"{name} {len(df)}" for name, df in last.items())
        print(
            f"wrote {len(SNAPSHOTS)} snapshots and geo to {args.out} (seed {args.seed}, scale {args.scale}) "
            f"in {time.perf_counter() - t0:.1f} s; {SNAPSHOTS[-1]}: {counts}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
