"""`python -m tools.ingest`: broken exports are refused with every problem named, writing is atomic,
every encoding gives the same tables, and the shipped example reproduces the published snapshot."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from queries import runner, snapshot_cache, validate
from queries.contract import TABLES, Column
from tests.queries.test_published_figures import FIGURES, NOT_IN_TABLES, measure
from tools import ingest, ingest_example
from tools.ingest_values import Unreadable, parse

CORPUS = Path(__file__).parent / "ingest_corpus"
BASE = CORPUS / "base"
CASES = sorted(p.name for p in (CORPUS / "cases").iterdir())
AS_OF = "2022-09-30"
SHIPPED = runner.ROOT / "data" / "snapshots" / AS_OF
EXAMPLE = runner.ROOT / "data" / "examples" / "ingest"


def run(capsys, source: Path, data: Path, *extra: str, as_of: str = AS_OF) -> tuple[int, str]:
    code = ingest.main([str(source), "--as-of", as_of, "--data-dir", str(data), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def case_source(name: str, tmp_path: Path) -> tuple[Path, list[str]]:
    """The base export with the case's files laid over it (and its deletions); the expected messages."""
    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    expected = []
    for line in (CORPUS / "cases" / name / "CASE.txt").read_text(encoding="utf-8").splitlines():
        kind, _, value = line.partition(": ")
        if kind == "delete":
            (source / value).unlink()
        elif kind == "expect":
            expected.append(value)
    for path in (CORPUS / "cases" / name).iterdir():
        if path.name != "CASE.txt":
            shutil.copy(path, source / path.name)
    return source, expected


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def entries(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "snapshots").iterdir())


def read_tables(folder: Path) -> dict:
    return {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}


# --- the corpus of broken exports -------------------------------------------------------------


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 20


def test_the_corpus_base_is_valid(capsys, tmp_path):
    code, out = run(capsys, BASE, tmp_path / "data")
    assert code == 0, out
    assert entries(tmp_path / "data") == [AS_OF]
    assert "9 tables, 30 rows" in out


@pytest.mark.parametrize("name", CASES)
def test_a_broken_export_is_refused_with_its_problems(name, capsys, tmp_path):
    source, expected = case_source(name, tmp_path)
    assert expected, f"case {name} expects no message"
    data = tmp_path / "data"
    code, out = run(capsys, source, data)
    assert code == 1
    for message in expected:
        assert message in out, f"{message!r} not in:\n{out}"
    assert "nothing was written" in out and "未写入任何数据" in out
    assert not data.exists(), "a refused export must write nothing"


def test_problems_are_told_in_chinese_too(capsys, tmp_path):
    source, _ = case_source("negative_count", tmp_path)
    _, out = run(capsys, source, tmp_path / "data")
    assert "文件 enterprises.csv,列 employees,第 3 行:不能为负数" in out


def test_every_problem_is_listed_and_numbered(capsys, tmp_path):
    source, expected = case_source("many_problems", tmp_path)
    _, out = run(capsys, source, tmp_path / "data")
    assert "4 problem(s)" in out
    assert all(f"{i}. " in out for i in range(1, 5))


def test_many_bad_rows_name_ten_and_count_the_rest(capsys, tmp_path):
    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    lines = (source / "grid_staff.csv").read_text(encoding="utf-8").splitlines()
    extra = [f"S1{i:02d},wuli-L3-001,网格员,maybe,true,2022-01-10" for i in range(25)]
    (source / "grid_staff.csv").write_text("\n".join(lines + extra) + "\n", encoding="utf-8")
    _, out = run(capsys, source, tmp_path / "data")
    rows = ", ".join(str(r) for r in range(6, 16))
    assert f"grid_staff.csv, column is_party_member, rows {rows} (and 15 more): not a yes/no value" in out


def test_rows_are_counted_as_excel_shows_them(capsys, tmp_path):
    """A quoted value over two lines is one row; a blank line is a row of its own."""
    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    (source / "enterprises.csv").write_text(
        "enterprise_id,name_zh,park_id,grid_id,industry,employees,lon,lat\n"
        'E001,"晋江示例纺织\n有限公司",wuli,wuli-L3-001,纺织,320,118.532,24.752\n'
        "\n"
        "E002,晋江示例鞋业有限公司,wuli,wuli-L3-002,鞋服,-1,118.533,24.753\n"
        "E003,晋江示例食品有限公司,andong,andong-L3-001,食品,85,118.472,24.692\n",
        encoding="utf-8",
    )
    _, out = run(capsys, source, tmp_path / "data")
    assert "enterprises.csv, column employees, rows 4: negative value" in out


def test_excel_rows_are_the_sheet_rows(capsys, tmp_path):
    import openpyxl

    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    (source / "parks.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "园区"  # not named after the table: the first sheet is read
    for i, line in enumerate((BASE / "parks.csv").read_text(encoding="utf-8").splitlines()):
        cells = line.split(",")
        sheet.append(cells if i == 0 else cells[:3] + [float(cells[3]), float(cells[4])])
        if i == 2:
            sheet.append([])  # an empty row 4
    sheet["E6"] = "24,75"
    book.save(source / "parks.xlsx")
    _, out = run(capsys, source, tmp_path / "data")
    assert "parks.xlsx, column lat, rows 6: not a number: found “24,75”" in out


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "column, text, value",
    [
        (Column("n", "INTEGER"), "1,234", 1234),
        (Column("n", "INTEGER"), "１２３", 123),
        (Column("n", "BIGINT"), "18726000.0", 18726000),
        (Column("n", "BIGINT"), "-5", -5),
        (Column("x", "DOUBLE"), "118.532", 118.532),
        (Column("x", "DOUBLE"), "24", 24.0),
        (Column("b", "BOOLEAN"), "TRUE", True),
        (Column("b", "BOOLEAN"), "否", False),
        (Column("b", "BOOLEAN"), "1", True),
        (Column("d", "DATE"), "2022-09-30", dt.date(2022, 9, 30)),
        (Column("d", "DATE"), "2022/9/3", dt.date(2022, 9, 3)),
        (Column("d", "DATE"), "2022年9月30日", dt.date(2022, 9, 30)),
        (Column("d", "DATE"), "2022.09.30", dt.date(2022, 9, 30)),
        (Column("d", "DATE"), "20220930", dt.date(2022, 9, 30)),
        (Column("d", "DATE"), "2022-09-30 14:05:00", dt.date(2022, 9, 30)),
        (Column("month", "DATE"), "2022-09", dt.date(2022, 9, 1)),
        (Column("month", "DATE"), "2022年9月", dt.date(2022, 9, 1)),
        (Column("s", "VARCHAR"), "安东园", "安东园"),
    ],
)
def test_values_an_export_may_hold(column, text, value):
    assert parse(column, text) == value


@pytest.mark.parametrize(
    "column, text, reason",
    [
        (Column("n", "INTEGER"), "12.5", "whole"),
        (Column("n", "INTEGER"), "1.2E+07", "scientific"),
        (Column("n", "INTEGER"), "3000000000", "too_large"),
        (Column("n", "BIGINT"), "1872.6万", "whole"),
        (Column("x", "DOUBLE"), "nan", "number"),
        (Column("x", "DOUBLE"), "24°45′", "number"),
        (Column("b", "BOOLEAN"), "maybe", "boolean"),
        (Column("d", "DATE"), "2022-09", "date"),
        (Column("d", "DATE"), "2022-02-29", "no_such_day"),
        (Column("d", "DATE"), "44834", "serial"),
        (Column("d", "DATE"), "30/09/2022", "date"),
    ],
)
def test_values_that_are_refused(column, text, reason):
    with pytest.raises(Unreadable) as refused:
        parse(column, text)
    assert refused.value.reason == reason


def test_utf16_tab_separated_text_is_read_too(capsys, tmp_path):
    """Excel's "Unicode text" (UTF-16, tabs) saved under a .csv name."""
    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    text = (BASE / "grids.csv").read_text(encoding="utf-8").replace(",", "\t")
    (source / "grids.csv").write_bytes(text.encode("utf-16"))
    code, out = run(capsys, source, tmp_path / "data")
    assert code == 0, out
    assert "grids.csv                    7 rows  UTF-16" in out
    assert pq.read_table(tmp_path / "data" / "snapshots" / AS_OF / "grids.parquet").equals(
        pq.read_table(ingested_base(tmp_path) / "grids.parquet")
    )


def ingested_base(tmp_path: Path) -> Path:
    data = tmp_path / "base-data"
    assert ingest.main([str(BASE), "--as-of", AS_OF, "--data-dir", str(data), "-q"]) == 0
    return data / "snapshots" / AS_OF


def test_codes_kept_as_text_by_an_excel_formula_are_read_as_text(capsys, tmp_path):
    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    text = (source / "enterprises.csv").read_text(encoding="utf-8").replace("E001,", '="E001",')
    (source / "enterprises.csv").write_text(text, encoding="utf-8")
    code, out = run(capsys, source, tmp_path / "data")
    assert code == 0, out
    ids = pq.read_table(tmp_path / "data" / "snapshots" / AS_OF / "enterprises.parquet").column("enterprise_id")
    assert ids.to_pylist() == ["E001", "E002", "E003"]


def test_extra_files_and_columns_are_ignored_with_a_note(capsys, tmp_path):
    source = tmp_path / "export"
    shutil.copytree(BASE, source)
    (source / "readme.txt").write_text("exported 2022-10-08", encoding="utf-8")
    text = (source / "parks.csv").read_text(encoding="utf-8").splitlines()
    text = [line + (",备注" if i == 0 else ",x") for i, line in enumerate(text)]
    (source / "parks.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    code, out = run(capsys, source, tmp_path / "data")
    assert code == 0, out
    assert "note: readme.txt: not a table of the contract, ignored" in out
    assert "note: parks.csv: column “备注” is not in the contract, ignored" in out
    parks = pq.read_table(tmp_path / "data" / "snapshots" / AS_OF / "parks.parquet")
    assert parks.column_names == ["park_id", "name_zh", "name_en", "lon", "lat", "sort_order"]
    assert parks.column("sort_order").null_count == 5  # the optional column the export did not give: empty


# --- the command line -------------------------------------------------------------------------


def test_help(capsys):
    with pytest.raises(SystemExit) as done:
        ingest.main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "--as-of YYYY-MM-DD" in text and "--replace" in text and "--data-dir DIR" in text
    assert "labor_disputes" in text and "GBK" in text and "header is row 1" in text


@pytest.mark.parametrize("as_of", ["2022-13-01", "20220930", "2022-9-30", "1999-12-31", "2999-01-01", "'; DROP"])
def test_a_wrong_as_of_is_a_usage_error(as_of, capsys):
    with pytest.raises(SystemExit) as done:
        ingest.main([str(BASE), "--as-of", as_of])
    assert done.value.code == 2
    assert "--as-of" in capsys.readouterr().err


def test_a_missing_source_folder_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as done:
        ingest.main([str(tmp_path / "nowhere"), "--as-of", AS_OF])
    assert done.value.code == 2
    assert "is not a folder" in capsys.readouterr().err


def test_data_dir_defaults_to_the_dashboards(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path / "dash"))
    assert ingest.main([str(BASE), "--as-of", AS_OF, "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert runner.valid_dates(tmp_path / "dash") == [AS_OF]


# --- writing: existing snapshots, atomicity, interruptions ----------------------------------


@pytest.fixture
def data_with_snapshot(tmp_path) -> Path:
    """A data folder already holding a snapshot of AS_OF (the shipped one) and another date."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data / "snapshots" / AS_OF)
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-06-30", data / "snapshots" / "2022-06-30")
    return data


def test_an_existing_snapshot_is_kept_without_replace(capsys, data_with_snapshot):
    before = digest(data_with_snapshot / "snapshots" / AS_OF)
    code, out = run(capsys, BASE, data_with_snapshot)
    assert code == 1
    assert "a snapshot of this date exists already: run again with --replace" in out
    assert digest(data_with_snapshot / "snapshots" / AS_OF) == before


def test_replace(capsys, data_with_snapshot):
    other = digest(data_with_snapshot / "snapshots" / "2022-06-30")
    code, out = run(capsys, BASE, data_with_snapshot, "--replace")
    assert code == 0, out
    assert entries(data_with_snapshot) == ["2022-06-30", AS_OF]
    assert pq.read_table(data_with_snapshot / "snapshots" / AS_OF / "enterprises.parquet").num_rows == 3
    assert digest(data_with_snapshot / "snapshots" / "2022-06-30") == other
    assert runner.valid_dates(data_with_snapshot) == [AS_OF, "2022-06-30"]


def test_a_failing_writer_leaves_nothing_behind(capsys, data_with_snapshot, monkeypatch):
    before = {d: digest(data_with_snapshot / "snapshots" / d) for d in entries(data_with_snapshot)}
    calls = []
    real = ingest.write_table

    def failing(table, path):
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(table, path)

    monkeypatch.setattr(ingest, "write_table", failing)
    code, out = run(capsys, BASE, data_with_snapshot, "--replace")
    assert code == 1
    assert f"the disk is full ({data_with_snapshot.resolve()}); nothing was written" in out
    assert "磁盘已满" in out
    assert len(calls) == 2
    assert entries(data_with_snapshot) == sorted(before)
    assert {d: digest(data_with_snapshot / "snapshots" / d) for d in before} == before


def ingest_process(source: Path, data: Path, *extra: str, pause: float | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(runner.ROOT), "PYTHONUNBUFFERED": "1"}
    if pause:
        env[ingest.PAUSE_ENV] = str(pause)
    return subprocess.Popen(
        [sys.executable, "-m", "tools.ingest", str(source), "--as-of", AS_OF, "--data-dir", str(data), *extra],
        cwd=runner.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_a_killed_ingest_leaves_no_partial_snapshot_and_the_next_run_cleans_up(data_with_snapshot):
    snapshots = data_with_snapshot / "snapshots"
    before = {d: digest(snapshots / d) for d in entries(data_with_snapshot)}
    proc = ingest_process(BASE, data_with_snapshot, "--replace", pause=60)
    try:
        wait_for(lambda: any(p.name.endswith(".parquet") for p in snapshots.glob(".ingest-*/*")))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    [temp] = [p for p in snapshots.iterdir() if p.name.startswith(".ingest-")]
    assert [p.name for p in temp.iterdir()] == ["parks.parquet"]
    assert {d: digest(snapshots / d) for d in before} == before  # the existing snapshots are untouched
    assert [s.date for s in runner.snapshots(data_with_snapshot)] == ["2022-09-30", "2022-06-30"]
    assert all(s.valid for s in runner.snapshots(data_with_snapshot))

    later = ingest_process(BASE, data_with_snapshot, "--replace")
    out, err = later.communicate(timeout=60)
    assert later.returncode == 0, err
    assert "removed .ingest-2022-09-30-" in out
    assert entries(data_with_snapshot) == ["2022-06-30", AS_OF]


def test_a_snapshot_caught_between_the_renames_of_a_replace_is_put_back(capsys, data_with_snapshot):
    snapshots = data_with_snapshot / "snapshots"
    before = digest(snapshots / AS_OF)
    (snapshots / AS_OF).rename(snapshots / f".replaced-{AS_OF}-4242")  # killed after the first rename
    (snapshots / ".ingest-2022-09-30-4242").mkdir()
    code, out = run(capsys, BASE, data_with_snapshot, as_of="2022-12-31")
    assert code == 0, out
    assert "restored snapshot 2022-09-30" in out
    assert entries(data_with_snapshot) == ["2022-06-30", AS_OF, "2022-12-31"]
    assert digest(snapshots / AS_OF) == before


def test_two_ingests_take_turns(data_with_snapshot):
    snapshots = data_with_snapshot / "snapshots"
    with ingest._Lock(snapshots):
        proc = ingest_process(BASE, data_with_snapshot, "--replace")
        first = proc.stdout.readline()  # unbuffered: printed when it starts to wait
        assert "another ingest is writing into this data folder; waiting" in first
        assert proc.poll() is None
        assert not any(p.name.startswith(".ingest-") for p in snapshots.iterdir())
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Wrote snapshot" in out


# --- real exports: encodings, the shipped example -------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The shipped 2022-09-30 snapshot exported whole as GBK, UTF-8 with BOM and XLSX, and ingested."""
    out = {}
    for form in ("gbk", "utf-8-bom", "xlsx"):
        root = tmp_path_factory.mktemp(form)
        ingest_example.export(SHIPPED, root / "export", dict.fromkeys(TABLES, form))
        assert ingest.main([str(root / "export"), "--as-of", AS_OF, "--data-dir", str(root / "data"), "-q"]) == 0
        out[form] = root / "data" / "snapshots" / AS_OF
    return out


def test_gbk_utf8_bom_and_xlsx_ingest_to_identical_tables(exported):
    gbk, bom, xlsx = (read_tables(exported[f]) for f in ("gbk", "utf-8-bom", "xlsx"))
    shipped = read_tables(SHIPPED)
    for name in TABLES:
        assert gbk[name].equals(bom[name]), name
        assert gbk[name].equals(xlsx[name]), name
        assert gbk[name].equals(shipped[name]), name  # the same types and values as the snapshot exported


def test_a_gbk_export_is_really_gbk(exported):
    data = (exported["gbk"].parent.parent.parent / "export" / "grids.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "五里园".encode("gbk") in data


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> runner.Snapshot:
    data = tmp_path_factory.mktemp("example")
    assert ingest.main([str(EXAMPLE), "--as-of", AS_OF, "--data-dir", str(data), "-q"]) == 0
    return runner.resolve(AS_OF, data)


def test_the_shipped_example_mixes_encodings_and_stays_small():
    files = sorted(p.name for p in EXAMPLE.iterdir())
    assert files == sorted(
        f"{name}.{'xlsx' if form == 'xlsx' else 'csv'}" for name, form in ingest_example.MIXED.items()
    )
    assert sum(p.stat().st_size for p in EXAMPLE.iterdir()) < 1_000_000
    assert (EXAMPLE / "parks.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "2022/1/1" in (EXAMPLE / "labor_disputes.csv").read_bytes().decode("gbk")


def test_the_shipped_example_is_what_the_exporter_makes(tmp_path):
    import openpyxl

    def cells(path: Path) -> list[tuple]:
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return [tuple(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()

    ingest_example.main(["--out", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in EXAMPLE.iterdir())
    for path in EXAMPLE.glob("*.csv"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    for path in EXAMPLE.glob("*.xlsx"):
        assert cells(tmp_path / path.name) == cells(path), path.name


def test_the_shipped_example_reproduces_the_snapshot(example):
    ingested = read_tables(example.path)
    for name, table in read_tables(SHIPPED).items():
        assert ingested[name].equals(table), name


@pytest.mark.parametrize(
    "row",
    [r for r in FIGURES.to_dict("records") if r["key"] not in NOT_IN_TABLES],
    ids=lambda r: f"{r['key']}[{r['park_id'] or 'zone'}]",
)
def test_the_shipped_example_gives_back_the_published_figures(row, example):
    assert measure(row["key"], row["park_id"] or None, example) == row["value"]


def test_the_running_dashboard_serves_a_new_ingest_on_its_next_rerun(tmp_path, monkeypatch):
    from tests.pages.helpers import metrics, open_app

    data = tmp_path / "data"
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-06-30", data / "snapshots" / "2022-06-30")
    monkeypatch.setenv("JEDZ_DATA_DIR", str(data))
    session = open_app()
    assert session.selectbox(key="snapshot").options == ["2022-06-30"]

    assert ingest.main([str(EXAMPLE), "--as-of", AS_OF, "-q"]) == 0
    session.run()
    assert session.selectbox(key="snapshot").options == [AS_OF, "2022-06-30"]
    assert session.selectbox(key="snapshot").value == "2022-06-30"  # a session keeps the date it shows
    fresh = open_app()
    assert fresh.selectbox(key="snapshot").value == AS_OF  # a new one opens the newest
    assert metrics(fresh)["三级(企业地块)网格"].value == "1179个"


def test_a_check_that_cannot_run_is_a_problem_not_an_exception():
    import duckdb

    from queries import validate

    con = duckdb.connect()
    con.execute("CREATE TABLE parks AS SELECT 0::BIGINT AS file_row_number, 'wuli' AS park_id")
    # told that columns are there which are not: every statement reading them fails
    problems = validate.check_rows(con, validate.TABLES["parks"], "parks.csv", {"park_id", "lon"}, AS_OF)
    assert [str(p) for p in problems if "could not be checked" in p.message]
    assert all(p.file == "parks.csv" for p in problems)
    con.close()


def test_an_ingested_snapshot_is_recorded_as_checked(tmp_path, monkeypatch):
    """The dashboard attaches the checked copy ingest kept of what it wrote, without checking again."""
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    assert ingest.main([str(EXAMPLE), "--as-of", AS_OF, "--data-dir", str(data), "-q"]) == 0
    folder = data / "snapshots" / AS_OF
    assert snapshot_cache.path(snapshot_cache.key(folder, AS_OF)).is_file()
    checked = []
    monkeypatch.setattr(validate, "check_loaded", lambda *args, **kwargs: checked.append(args) or [])
    loaded = runner.snapshot_at(folder)
    assert loaded.valid and checked == []
    assert list(runner.run("parks", loaded)["name_zh"]) == ["五里园", "安东园", "食品园", "三创园", "综合保税区"]


def test_gbk_text_whose_first_characters_also_read_as_utf8_is_gbk():
    from tools import ingest_read

    text = "enterprise_id,industry\nE1,皮革\n"  # 皮 is C6 A4 in GBK: a valid two-byte UTF-8 character too
    assert ingest_read._decode(text.encode("gbk"), "enterprises.csv") == (text, "GBK", [])
