"""Export a snapshot as the files an ingest reads: one CSV or XLSX file per table.

    python -m tools.ingest_example [--snapshot DIR] [--out DIR] [--format FORMAT]

Without options it rebuilds `data/examples/ingest/` from `data/snapshots/2022-09-30/`, mixing the
forms a real export takes: CSV in UTF-8, in UTF-8 with a byte-order mark (Excel's "CSV UTF-8") and
in GBK the way Excel on a Chinese Windows saves "CSV (逗号分隔)" (dates as 2022/9/30, TRUE/FALSE),
and one table as an Excel workbook. `--format gbk` (or utf-8, utf-8-bom, xlsx) writes every table
in one form: a template for the people who export, and what the tests compare.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

import pyarrow.parquet as pq

from queries.contract import TABLES

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "data" / "snapshots" / "2022-09-30"
EXAMPLE = REPO / "data" / "examples" / "ingest"
FORMATS = ("utf-8", "utf-8-bom", "gbk", "xlsx")
# the shipped example: each table in the form one of the zone's offices might send it
MIXED = {
    "parks": "utf-8-bom",
    "grids": "gbk",
    "enterprises": "gbk",
    "grid_staff": "utf-8",
    "party_orgs": "utf-8-bom",
    "party_member_links": "gbk",
    "economy_monthly": "xlsx",
    "expansion_projects": "utf-8",
    "labor_disputes": "gbk",
}
FIXED_TIME = dt.datetime(2022, 10, 8)  # workbook properties, so the same snapshot gives the same bytes


def _text(value, excel_style: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE") if excel_style else ("true" if value else "false")
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}" if excel_style else value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv(header: list[str], rows: list[dict], form: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    excel_style = form == "gbk"
    for row in rows:
        writer.writerow([_text(row[c], excel_style) for c in header])
    text = buffer.getvalue()
    if form == "gbk":
        return text.encode("gbk")
    return ("\ufeff" if form == "utf-8-bom" else "").encode("utf-8") + text.encode("utf-8")


def _xlsx(name: str, header: list[str], rows: list[dict], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "tools.ingest_example"
    book.properties.created = book.properties.modified = FIXED_TIME
    sheet = book.create_sheet(name)
    sheet.append(header)
    for row in rows:
        sheet.append([row[c] for c in header])
    book.save(path)


def export(snapshot: Path, out: Path, forms: dict[str, str]) -> list[Path]:
    """Write each table of `snapshot` to `out` in the form `forms[table]`; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        table = pq.read_table(snapshot / f"{name}.parquet")
        header, rows = table.column_names, table.to_pylist()
        form = forms[name]
        for stale in out.glob(f"{name}.*"):
            stale.unlink()
        if form == "xlsx":
            path = out / f"{name}.xlsx"
            _xlsx(name, header, rows, path)
        else:
            path = out / f"{name}.csv"
            path.write_bytes(_csv(header, rows, form))
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.ingest_example",
        description="Export a snapshot as CSV/XLSX files that `python -m tools.ingest` reads back.",
    )
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT, metavar="DIR", help=f"default: {SNAPSHOT}")
    parser.add_argument("--out", type=Path, default=EXAMPLE, metavar="DIR", help=f"default: {EXAMPLE}")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="write every table in this form (default: the shipped example's mix of UTF-8, GBK and xlsx)",
    )
    args = parser.parse_args(argv)
    forms = dict.fromkeys(TABLES, args.format) if args.format else MIXED
    files = export(args.snapshot, args.out, forms)
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files ({size / 1024:.0f} KiB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
