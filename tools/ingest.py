"""Ingest a real export of the zone's tables as a dashboard snapshot.

    python -m tools.ingest SOURCE_DIR --as-of YYYY-MM-DD [--data-dir DIR] [--replace] [--delivered-by NAME]

reads one CSV or XLSX file per table of the data contract (queries/contract.py: parks.csv,
grids.xlsx, ...) from SOURCE_DIR, checks every value against the contract with the same SQL checks
the dashboard runs (queries/validate.py), and writes DIR/snapshots/YYYY-MM-DD/<table>.parquet with
the contract's exact types, and last its manifest.json (source reported, each export file's name,
sha256, encoding or sheet and rows, who delivered it; see queries/manifest.py). On any problem it
writes nothing, lists every problem (file, rows as the spreadsheet numbers them, column, what is
wrong, in English and Chinese) and exits with 1.

Writing is atomic: the files go to a temporary folder `DIR/snapshots/.ingest-<date>-<pid>` (the
dashboard loads only folders named YYYY-MM-DD), are read back and checked again, and the folder is
then renamed to its date. With --replace an existing snapshot of that date is first renamed aside
(`.replaced-<date>-<pid>`), the new one renamed in, and the old one deleted. An interrupted run
leaves at most a hidden temporary folder, which the next run that writes removes (and a snapshot
caught between the two renames of a replace is put back). One ingest writes into a data folder at a
time (an flock on the folder `DIR/snapshots`). A snapshot that passed is also kept as a checked
copy (queries/snapshot_cache.py), which a dashboard starting on it attaches instead of checking again.

For tests, the environment variable JEDZ_INGEST_PAUSE_AFTER_FIRST_FILE=<seconds> makes a run
pause after writing its first file to the temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import fcntl
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from queries import loading, manifest, runner, snapshot_cache, store, validate
from queries.contract import TABLES, Table
from queries.runner import data_dir as default_data_dir
from queries.validate import Problem, problem
from tools.demo_snapshot import arrow_schema
from tools.ingest_read import ROWS_SHOWN, Source, locate, read
from tools.ingest_values import describe, parse_column

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEMP_PREFIX, ASIDE_PREFIX = ".ingest-", ".replaced-"
PAUSE_ENV = "JEDZ_INGEST_PAUSE_AFTER_FIRST_FILE"


@dataclass
class Checked:
    """The result of reading and checking an export: typed tables, or the problems."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    export: list[dict] | None = None  # the files' account for the manifest, when taken while they were there

    @property
    def rows(self) -> int:
        """The data rows read from every file."""
        return sum(len(source.rows) for source in self.sources.values())


class IngestError(Exception):
    """The run stopped without writing a snapshot; `problems` say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


# ---------------------------------------------------------------------------------------------
# reading and checking


def typed_table(source: Source, table: Table, limit: int) -> tuple[pa.Table, list[Problem], set[str]]:
    """The contract columns present in `source`, typed, with the row numbers; unreadable values; columns with them."""
    problems: list[Problem] = []
    unreadable: set[str] = set()
    numbers = [n for n, _ in source.rows]
    # file_row_number + 1 is the row shown (see validate._rows_where): the spreadsheet's own number
    arrays, names = [pa.array([n - 1 for n in numbers], type=pa.int64())], [validate.ROW_COLUMN]
    for col in table.columns + table.extras:
        if col.name not in source.header:
            continue
        i = source.header.index(col.name)
        parsed = parse_column(col, [(n, cells[i]) for n, cells in source.rows])
        for reason, found in parsed.failures.items():
            en, zh = describe(reason, col, found)
            rows = [r for r, _ in found]
            problems.append(problem(source.file, col.name, en, rows[:limit], len(rows), zh=zh))
        if parsed.failures:
            unreadable.add(col.name)
            if not col.nullable and parsed.empty_rows:
                rows = parsed.empty_rows
                problems.append(
                    problem(source.file, col.name, "empty value where one is required", rows[:limit], len(rows))
                )
        arrays.append(parsed.values)
        names.append(col.name)
    return pa.Table.from_arrays(arrays, names=names), problems, unreadable


def check_export(
    source_dir: Path, as_of: str, limit: int = ROWS_SHOWN, shown_as: tuple[str, str] | None = None
) -> Checked:
    """Read every table's file from `source_dir` and check it all against the contract (the messages
    call the folder `shown_as`, English and Chinese: by default its path)."""
    out = Checked()
    paths, out.problems, out.notes = locate(source_dir, shown_as)
    unreadable: dict[str, set[str]] = {}
    for name, path in paths.items():
        source, problems = read(name, path)
        out.problems += problems
        if source is None:
            continue
        out.notes += source.notes
        out.sources[name] = source
        out.tables[name], problems, unreadable[name] = typed_table(source, TABLES[name], limit)
        out.problems += problems
    con = duckdb.connect(":memory:")
    try:
        cur = con.cursor()
        for name, table in out.tables.items():
            cur.register("incoming", table)
            cur.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            cur.unregister("incoming")
        files = {name: source.file for name, source in out.sources.items()}
        out.problems += validate.check_loaded(cur, files, as_of, unreadable=unreadable, limit=limit)
    finally:
        con.close()
    return out


def snapshot_tables(checked: Checked) -> dict[str, pa.Table]:
    """Each table with exactly the contract's columns and types; optional columns not in the export are empty."""
    out = {}
    for name, table in TABLES.items():
        given = checked.tables[name]
        schema = arrow_schema(table)
        arrays = [
            given.column(f.name) if f.name in given.column_names else pa.nulls(given.num_rows, type=f.type)
            for f in schema
        ]
        out[name] = pa.Table.from_arrays(arrays, schema=schema)
    return out


# ---------------------------------------------------------------------------------------------
# writing


def write_table(table: pa.Table, path: Path) -> None:
    """Write one parquet file and flush it to disk."""
    pq.write_table(table, path, compression="zstd")
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_stale(snapshots: Path, say=print) -> None:
    """Remove temporary folders of interrupted runs; put back a snapshot caught between the renames of a replace.

    Call with the lock held: no other ingest is writing, so every temporary folder is stale.
    """
    for entry in sorted(snapshots.iterdir()):
        if not entry.is_dir():
            continue
        if entry.name.startswith(TEMP_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)
            say(f"removed {entry.name}, left by an interrupted ingest / 已删除中断的导入留下的临时文件夹")
        elif entry.name.startswith(ASIDE_PREFIX):
            date = entry.name[len(ASIDE_PREFIX) :][:10]
            target = snapshots / date
            if DATE.match(date) and not target.exists():
                entry.rename(target)
                say(f"restored snapshot {date}, left aside by an interrupted --replace / 已恢复被中断替换的快照")
            else:
                shutil.rmtree(entry, ignore_errors=True)
                say(f"removed {entry.name}, the old copy of a replaced snapshot / 已删除被替换快照的旧副本")


class _Lock:
    """An exclusive lock on the snapshots folder itself, released when the process ends, however it ends."""

    def __init__(self, snapshots: Path, say=print):
        self.path, self.say = snapshots, say

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.say("another ingest is writing into this data folder; waiting for it / 另一个导入正在写入,等待中")
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def verify(folder: Path, as_of: str) -> list[Problem]:
    """Read the written parquet back the way the dashboard does and check it again; when it passes,
    keep the checked copy the dashboard attaches at its next start (queries/snapshot_cache.py)."""
    con = duckdb.connect(":memory:")
    try:
        cur = con.cursor()
        problems = runner.load_and_check(cur, folder, as_of)
        if not problems:
            snapshot_cache.save(cur, "memory", snapshot_cache.key(folder, as_of))
        return problems
    finally:
        con.close()


def export_record(checked: Checked) -> list[dict]:
    """The manifest's account of the export: each file's name, sha256, encoding or sheet, and rows."""
    return [
        {"file": s.file, "sha256": manifest.sha256(s.path), "encoding": s.encoding, "rows": len(s.rows)}
        for s in (checked.sources[name] for name in TABLES)
    ]


def write_snapshot(
    tables: dict[str, pa.Table],
    data: Path,
    as_of: str,
    replace: bool,
    say=print,
    *,
    export: list[dict] | None = None,
    delivered_by: str | None = None,
    uploaded_by: str | None = None,
    replacing: str | None = None,
) -> Path:
    """Write the snapshot atomically (see the module's doc), its manifest last (source reported, the
    `export` files and who delivered them); return its folder. With `replacing` (the `identity` of
    the snapshot of that date the caller saw, "" for none), one written since by someone else is not
    replaced: an IngestError says so."""
    snapshots = data / "snapshots"
    snapshots.mkdir(parents=True, exist_ok=True)
    target = snapshots / as_of
    with _Lock(snapshots, say):
        clean_stale(snapshots, say)
        if replacing is not None and identity(target) != replacing:
            raise IngestError([_changed_meanwhile(target)])
        if target.exists() and not replace:
            raise IngestError([_exists(target)])
        temp = snapshots / f"{TEMP_PREFIX}{as_of}-{os.getpid()}"
        temp.mkdir()
        try:
            pause = float(os.environ.get(PAUSE_ENV) or 0)
            for i, (name, table) in enumerate(tables.items()):
                write_table(table, temp / f"{name}.parquet")
                if i == 0 and pause:
                    print(f"paused after writing {name}.parquet ({PAUSE_ENV})", file=sys.stderr, flush=True)
                    time.sleep(pause)
            _fsync_dir(temp)
            problems = verify(temp, as_of)
            if problems:
                raise IngestError(problems)
            record = manifest.build(
                temp,
                source="reported",
                as_of=as_of,
                rules_version=snapshot_cache.rules_digest(),
                export=export or [],
                delivered_by=delivered_by,
                uploaded_by=uploaded_by,
            )
            manifest.write(temp, record)
            if target.exists():
                aside = snapshots / f"{ASIDE_PREFIX}{as_of}-{os.getpid()}"
                target.rename(aside)
                try:
                    temp.rename(target)
                except BaseException:
                    aside.rename(target)
                    raise
                _fsync_dir(snapshots)
                shutil.rmtree(aside)
            else:
                temp.rename(target)
                _fsync_dir(snapshots)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    return target


def identity(target: Path) -> str:
    """What tells one version of a snapshot folder from another: its manifest's sha256 (of a folder
    without one, its files' sizes and times); "" when there is no such folder."""
    if not target.is_dir():
        return ""
    try:
        return manifest.sha256(target / manifest.MANIFEST)
    except OSError:
        return "files:" + loading.fingerprint(target)


def _changed_meanwhile(target: Path) -> Problem:
    record = manifest.record(target) if target.exists() else None
    who = (record.delivered_by if record else None) or "?"
    return problem(
        target.name,
        "",
        f"this snapshot was written by someone else ({who}) after you checked your files: nothing was written; "
        "look at it, and check again if yours should replace it",
        zh=f"核对之后,该日期的快照已被他人({who})写入:未写入任何数据。请先查看,如仍需替换,请重新检查",
    )


def _exists(target: Path) -> Problem:
    return problem(
        shown_path(target),
        "",
        "a snapshot of this date exists already: run again with --replace to replace it",
        zh="该日期的快照已存在:如需替换,请加 --replace 重新运行",
    )


def deliver(
    checked: Checked,
    as_of: str,
    *,
    data: Path | None,
    url: str | None = None,
    replace: bool = False,
    replacing: str | None = None,
    delivered_by: str | None = None,
    uploaded_by: str | None = None,
    say=print,
) -> str:
    """Write a checked export as the snapshot of `as_of`: into the data folder `data`, or published to
    the store at `url`; returns where it went. Every way it can fail is an IngestError whose problems
    say why, and then nothing was written. The command and the upload page both deliver through here."""
    try:
        with tempfile.TemporaryDirectory(prefix="jedz-ingest-") as staging:
            folder = write_snapshot(
                snapshot_tables(checked),
                data or Path(staging),
                as_of,
                replace,
                say,
                export=checked.export or export_record(checked),
                delivered_by=delivered_by,
                uploaded_by=uploaded_by,
                replacing=replacing if data is not None else None,
            )
            if url:
                version = store.publish(url, folder, as_of, replace=replace)
                return f"{url} ({as_of}, version {version})"
            return str(folder)
    except store.PublishedMeanwhile:
        raise IngestError(
            [
                problem(
                    f"snapshots/{as_of}",
                    "",
                    "another delivery of this date was published to the store while this one was uploading, and "
                    "came first: nothing was published; look at it, and deliver again if yours should replace it",
                    zh="上传期间,该日期的另一份数据已先发布到数据存储:未发布任何数据。请先查看,如仍需替换,请重新报送",
                )
            ]
        ) from None
    except FileExistsError:
        raise IngestError([_exists(Path(f"snapshots/{as_of}"))]) from None
    except store.StoreError as error:
        raise IngestError(
            [
                problem(
                    f"snapshots/{as_of}",
                    "",
                    f"could not publish the snapshot to the store, nothing was published: {error}",
                    zh=f"无法发布快照到数据存储,未发布任何数据:{error}",
                )
            ]
        ) from None
    except OSError as error:
        where = data or "the temporary folder"
        if error.errno == errno.ENOSPC or "No space left on device" in str(error):
            en = f"could not write the snapshot: the disk is full ({where}); nothing was written"
            zh = f"无法写入快照:磁盘已满({where}),未写入任何数据"
        else:
            en = f"could not write the snapshot, nothing was written: {error.strerror or error}"
            zh = f"无法写入快照,未写入任何数据:{error.strerror or error}"
        raise IngestError([problem(f"snapshots/{as_of}", "", en, zh=zh)]) from None


# ---------------------------------------------------------------------------------------------
# the command


def as_of_date(text: str) -> str:
    """argparse type of --as-of: a real calendar date written YYYY-MM-DD."""
    try:
        if not DATE.match(text):
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD (e.g. 2022-09-30)") from None
    if text < validate.EARLIEST_DATE:
        raise argparse.ArgumentTypeError(f"{text} is before {validate.EARLIEST_DATE}")
    if dt.date.fromisoformat(text) > dt.date.today():
        raise argparse.ArgumentTypeError(f"{text} is in the future")
    return text


def contract_help() -> str:
    """Each table's file and columns, as the help lists them (optional ones marked with *)."""
    width = max(len(name) for name in TABLES) + 5
    lines = []
    for name, table in TABLES.items():
        columns = [c.name for c in table.columns] + [c.name + "*" for c in table.extras]
        lines.append(f"  {name + '.csv':<{width}} {', '.join(columns)}")
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.ingest",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Check an export of the zone's tables and write it as a dashboard snapshot.\n"
            "检查园区导出的数据表,并写入为看板的一个数据快照。\n\n"
            "SOURCE_DIR holds one file per table, named after it (parks.csv or parks.xlsx, ...; see\n"
            "the list below). CSV may be UTF-8, UTF-8 with BOM (Excel 'CSV UTF-8') or GBK\n"
            "(Excel 'CSV (逗号分隔)'); for .xlsx the sheet named after the table, else the first sheet.\n"
            "Row 1 names the columns (see README.md, 'The data contract'); other columns are ignored.\n\n"
            "Every value is checked: types, empty and duplicate keys, known parks, grids and enterprises,\n"
            "the grid hierarchy, negative counts or money, dates between 2000-01-01 and --as-of, cases\n"
            "closed before reported. If anything is wrong nothing is written, every problem is listed\n"
            "(file, column, rows as Excel numbers them: the header is row 1) and the exit status is 1."
        ),
        epilog=(
            "files and their columns (* optional) / 文件及列(* 为可选):\n"
            f"{contract_help()}\n\n"
            "example / 示例:\n"
            "  python -m tools.ingest data/examples/ingest --as-of 2022-09-30 --data-dir /tmp/zone\n\n"
            "exit status: 0 written, 1 problems found (nothing written), 2 wrong arguments"
        ),
    )
    parser.add_argument("source", type=Path, metavar="SOURCE_DIR", help="folder holding the exported files")
    parser.add_argument(
        "--as-of",
        required=True,
        type=as_of_date,
        metavar="YYYY-MM-DD",
        help="the date the export describes; the snapshot's name (no date in the data may be later)",
    )
    parser.add_argument(
        "--delivered-by",
        default=None,
        metavar="NAME",
        help="who delivered the export (an office or a person), recorded in the snapshot's manifest.json",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="data folder receiving snapshots/YYYY-MM-DD/ (default: the dashboard's, $JEDZ_DATA_DIR or data/)",
    )
    parser.add_argument(
        "--replace", action="store_true", help="replace an existing snapshot of the same date (default: refuse)"
    )
    parser.add_argument(
        "--data-url",
        default=os.environ.get("JEDZ_DATA_URL") or None,
        metavar="s3://BUCKET/PREFIX",
        help="publish to S3-compatible storage instead (default: $JEDZ_DATA_URL; keys and endpoint from AWS_*)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        parser.error(f"SOURCE_DIR {args.source} is not a folder")
    return args


def report(problems: list[Problem], source: Path) -> str:
    lines = [
        f"{len(problems)} problem(s) in {source}; nothing was written.",
        f"{source} 中发现 {len(problems)} 个问题,未写入任何数据。",
        "Rows are numbered as in Excel: the header is row 1. / 行号与 Excel 一致:表头为第 1 行。",
        "",
    ]
    for i, p in enumerate(problems, start=1):
        lines.append(f"{i:3}. {p}")
        lines.append(f"     {p.chinese()}")
    return "\n".join(lines)


def shown_path(path: Path) -> str:
    """`path` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def summary(checked: Checked, folder: Path) -> str:
    total = checked.rows
    lines = [
        f"Wrote snapshot {shown_path(folder)} ({len(checked.sources)} tables, {total:,} rows).",
        f"已写入数据快照 {shown_path(folder)}(共 {len(checked.sources)} 个表,{total:,} 行)。",
    ]
    width = max(len(s.file) for s in checked.sources.values())
    for name in TABLES:
        source = checked.sources[name]
        rows = f"{len(source.rows):,} row" + ("s" if len(source.rows) != 1 else "")
        lines.append(f"  {source.file:<{width}}  {rows:>11}  {source.encoding}")
    return "\n".join(lines)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file, the files in the contract's order (each file's problems keep theirs)."""
    order = {name: i for i, name in enumerate(TABLES)}
    return sorted(problems, key=lambda p: order.get(Path(p.file).stem.lower(), len(order)))


def main(argv=None) -> int:
    args = parse_args(argv)
    url = args.data_url
    data = None if url else (args.data_dir or default_data_dir()).resolve()
    say = (lambda *a, **k: None) if args.quiet else print
    checked = check_export(args.source, args.as_of)
    for note in checked.notes:
        say(f"note: {note}")
    problems = in_file_order(checked.problems)
    if data is not None and (data / "snapshots" / args.as_of).exists() and not args.replace:
        problems.append(_exists(data / "snapshots" / args.as_of))
    if problems:
        print(report(problems, args.source), file=sys.stderr)
        return 1
    try:
        where = deliver(
            checked,
            args.as_of,
            data=data,
            url=url,
            replace=args.replace,
            delivered_by=args.delivered_by,
            say=say,
        )
    except IngestError as error:
        print(report(error.problems, args.source), file=sys.stderr)
        return 1
    if url:
        say(f"Published snapshot {args.as_of} ({len(checked.sources)} tables, {checked.rows:,} rows) to {where}")
        say(f"已发布数据快照 {args.as_of} 到数据存储")
        return 0
    say(summary(checked, Path(where)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
