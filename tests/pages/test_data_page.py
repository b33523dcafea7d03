"""数据管理: an export delivered in the browser is checked as `tools.ingest` checks it, written only when
the admin confirms, the same snapshot as the command writes; hostile files are refused and leave
nothing behind; two admins on one date give one whole snapshot; nobody else reaches the page."""

import io
import json
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import streamlit as st

from queries import audit, manifest, runner, store
from queries.contract import TABLES
from tests.pages.access_helpers import everything, open_as, user
from tests.queries import test_store
from tests.tools.test_ingest import CASES, EXAMPLE, case_source
from tools import ingest
from ui import downloads

AS_OF = "2022-09-30"
ADMIN = user("admin", sub="data-admin")
s3 = test_store.s3  # a fresh S3 server (moto) and bucket, the fixture of the store tests
UPLOADER = "data-admin@example.org"


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A data folder served by the dashboard, holding the shipped 2022-06-30 snapshot only."""
    folder = tmp_path / "data"
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-06-30", folder / "snapshots" / "2022-06-30")
    monkeypatch.setenv("JEDZ_DATA_DIR", str(folder))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # this test's own: leftovers are its own
    return folder


def files_of(folder: Path) -> list[tuple[str, bytes, str]]:
    return [(p.name, p.read_bytes(), "application/octet-stream") for p in sorted(folder.iterdir()) if p.is_file()]


def open_data_page(who=ADMIN):
    return open_as("data_admin.py", who=who, login=True)


def check(at, files, as_of=AS_OF, office=""):
    """Drop `files` in, choose the date (and the office), press 检查文件."""
    import datetime as dt

    at.file_uploader(key="data_files").set_value(files)
    at.date_input(key="data_as_of").set_value(dt.date.fromisoformat(as_of))
    at.text_input(key="data_office").set_value(office)
    at.button(key="data_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_problems(at) -> list[str]:
    """The problems table, each row told as the command line tells it (file, column, rows: message)."""
    frame = at.dataframe[0].value
    out = []
    for file, column, rows, _zh, message in frame.itertuples(index=False):
        where = file + (f", column {column}" if column else "") + (f", rows {rows}" if rows else "")
        out.append(f"{where}: {message}")
    return out


def leftovers() -> list[str]:
    """Whatever an upload or an ingest left in the temporary folder."""
    return sorted(p.name for p in Path(tempfile.gettempdir()).iterdir())


def snapshot_dates(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "snapshots").iterdir())


# --- the example export, delivered ------------------------------------------------------------------


def test_the_example_export_uploaded_is_the_snapshot_ingest_writes(data, tmp_path):
    at = check(open_data_page(), files_of(EXAMPLE), office="综治办")
    assert "检查通过:9 个表" in at.success[0].value
    assert snapshot_dates(data) == ["2022-06-30"], "nothing is written before the admin confirms"
    at.button(key="data_write").click().run()
    assert f"已写入 {AS_OF} 的快照" in at.success[-1].value

    by_command = tmp_path / "command"
    assert ingest.main([str(EXAMPLE), "--as-of", AS_OF, "--data-dir", str(by_command), "-q"]) == 0
    uploaded, commanded = data / "snapshots" / AS_OF, by_command / "snapshots" / AS_OF
    for name in TABLES:
        assert pq.read_table(uploaded / f"{name}.parquet").equals(pq.read_table(commanded / f"{name}.parquet")), name
    record = manifest.record(uploaded)
    assert (record.source, record.uploaded_by, record.delivered_by) == ("reported", UPLOADER, "综治办")
    assert [e["sha256"] for e in record.fields["export"]] == [
        e["sha256"] for e in json.loads((commanded / "manifest.json").read_text())["export"]
    ]
    assert leftovers() == []


def test_the_new_snapshot_is_listed_with_its_manifest_and_served(data):
    at = check(open_data_page(), files_of(EXAMPLE), office="综治办")
    at.button(key="data_write").click().run()
    listed = at.dataframe[-1].value
    row = listed[listed["日期"] == AS_OF].iloc[0]
    assert (row["来源"], row["报送单位"], row["上传人"], row["状态"]) == ("报送数据", "综治办", UPLOADER, "通过检查")
    assert row["行数"] == sum(
        pq.ParquetFile(p).metadata.num_rows for p in (data / "snapshots" / AS_OF).glob("*.parquet")
    )
    overview = open_as("overview.py", who=user("analyst"), login=True)
    assert overview.selectbox(key="snapshot").value == AS_OF
    assert "综治办" in everything(overview)  # the sidebar says who delivered it


def test_replacing_a_date_needs_a_second_confirmation_and_keeps_nothing_of_the_old(data):
    old = data / "snapshots" / AS_OF
    shutil.copytree(runner.ROOT / "data" / "snapshots" / AS_OF, old)
    assert manifest.record(old).source == "demo"
    at = check(open_data_page(), files_of(EXAMPLE))
    assert f"{AS_OF} 已有快照(来源:演示数据" in at.warning[0].value
    assert at.button(key="data_write").disabled
    at.checkbox(key="data_replace").check().run()
    assert not at.button(key="data_write").disabled
    at.button(key="data_write").click().run()
    assert f"已写入 {AS_OF} 的快照" in at.success[-1].value
    assert snapshot_dates(data) == ["2022-06-30", AS_OF], "the old one was set aside and removed"
    record = manifest.record(old)
    assert record.source == "reported" and record.uploaded_by == UPLOADER
    assert [e["outcome"] for e in audit.entries().to_dict("records") if e["user"] == UPLOADER][-1] == "replaced"


# --- broken exports: the command line's messages, nothing written -----------------------------------


@pytest.mark.parametrize("name", CASES)
def test_a_broken_export_gets_the_command_lines_messages_and_writes_nothing(name, data, tmp_path):
    source, expected = case_source(name, tmp_path)
    at = check(open_data_page(), files_of(source))
    assert "未写入任何数据" in at.error[0].value
    shown = "\n".join(shown_problems(at))
    for message in expected:
        assert message in shown, f"{message!r} not in:\n{shown}"
    assert all(b.key != "data_write" for b in at.button)
    assert snapshot_dates(data) == ["2022-06-30"]
    assert leftovers() == []


def test_the_problems_download_as_excel(data, tmp_path):
    source, _ = case_source("many_problems", tmp_path)
    at = check(open_data_page(), files_of(source))
    labels = [b.proto.label for b in at.main.get("download_button")]
    assert "下载 Excel" in labels, labels


# --- hostile files ------------------------------------------------------------------------------------


def bomb() -> bytes:
    """An .xlsx-looking zip whose sheet unpacks to 64 MiB of zeros from a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 2**20))
    return buffer.getvalue()


def not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


HOSTILE = {
    "a path": ("../parks.csv", b"park_id\nwuli\n", "../parks.csv: the file name is not a plain file name"),
    "a folder": ("x/../../grids.csv", b"grid_id\n", "x/../../grids.csv: the file name is not a plain file name"),
    "a zip bomb": ("grids.xlsx", bomb(), "grids.xlsx: unpacks to 64 MiB"),
    "not a workbook": ("grids.xlsx", b"PK\x03\x04 but not really", "grids.xlsx: is not an Excel workbook"),
    "a zip, not a workbook": (
        "grids.xlsx",
        not_a_workbook_zip(),
        "grids.xlsx: is a zip file but not an Excel workbook",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_with_a_clear_message(case, data, tmp_path):
    name, body, message = HOSTILE[case]
    files = [f for f in files_of(EXAMPLE) if not f[0].startswith(Path(name).stem.split("/")[-1])]
    at = check(open_data_page(), [*files, (name, body, "application/octet-stream")])
    shown = "\n".join(shown_problems(at))
    assert message in shown, shown
    assert snapshot_dates(data) == ["2022-06-30"]
    assert leftovers() == [] and not (data.parent / "parks.csv").exists()


def test_a_file_over_the_limit_is_refused_unread_and_the_limit_is_said_before(data, monkeypatch):
    monkeypatch.setenv("JEDZ_UPLOAD_MAX_MB", "1")
    at = open_data_page()
    assert "每个文件不超过 1 MB" in "\n".join(c.value for c in at.caption)
    big = ("enterprises.csv", b"enterprise_id\n" + b"x\n" * 600_000, "text/csv")
    files = [f for f in files_of(EXAMPLE) if f[0] != "enterprises.csv"]
    at = check(at, [*files, big])
    assert any("enterprises.csv: is 1.2 MB, over the limit of 1 MB a file" in p for p in shown_problems(at))
    assert snapshot_dates(data) == ["2022-06-30"]


def test_formula_text_is_stored_as_text_and_escaped_in_downloads(data, tmp_path):
    export = tmp_path / "export"
    shutil.copytree(EXAMPLE, export)
    enterprises = export / "enterprises.csv"
    text = enterprises.read_bytes().decode("gbk")  # the example's enterprises are GBK, as Excel saves them
    header, first, *rest = text.splitlines()
    name_at = header.split(",").index("name_zh")
    cells = first.split(",")
    cells[name_at] = '"=HYPERLINK(""http://x"",""go"")"'
    enterprises.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="gbk")
    at = check(open_data_page(), files_of(export))
    at.button(key="data_write").click().run()
    stored = pq.read_table(data / "snapshots" / AS_OF / "enterprises.parquet").column("name_zh").to_pylist()
    assert '=HYPERLINK("http://x","go")' in stored
    frame = runner.run("maps_enterprises", AS_OF, park_id=None, limit=None)
    assert b"'=HYPERLINK" in downloads.csv_bytes(frame)


# --- two admins at once -----------------------------------------------------------------------------------


def test_two_admins_writing_one_date_at_once_give_one_whole_snapshot(data, tmp_path, monkeypatch):
    other = tmp_path / "other"
    shutil.copytree(EXAMPLE, other)
    parks = other / "parks.csv"
    parks.write_bytes(parks.read_bytes().replace("五里园".encode(), "五里园区".encode()))
    first = check(open_data_page(), files_of(EXAMPLE), office="甲")
    second = check(open_data_page(user("admin", sub="data-admin-2")), files_of(other), office="乙")
    monkeypatch.setenv(ingest.PAUSE_ENV, "1")  # the first holds the folder while it writes
    # AppTest swaps the global st.secrets in and out around each run: two runs at once can leave one's
    # [auth] in place, and every later run in this process would see login configured
    monkeypatch.setattr(st, "secrets", st.secrets)
    writer = threading.Thread(target=lambda: first.button(key="data_write").click().run())
    writer.start()
    second.button(key="data_write").click().run()
    writer.join()
    told = [first, second][[bool(first.error), bool(second.error)].index(True)]
    assert "未写入快照" in told.error[0].value
    assert "已被他人" in everything(told)
    assert snapshot_dates(data) == ["2022-06-30", AS_OF]
    record = manifest.record(data / "snapshots" / AS_OF)
    assert record.recorded, "the snapshot is whole: its manifest matches its files"
    names = pq.read_table(data / "snapshots" / AS_OF / "parks.parquet").column("name_zh").to_pylist()
    winner = "甲" if told is second else "乙"
    assert record.delivered_by == winner
    assert ("五里园区" in names) == (winner == "乙")


# --- the audit log and who may come ----------------------------------------------------------------------


def test_every_upload_refused_or_written_is_in_the_audit_log(data, tmp_path):
    source, _ = case_source("negative_count", tmp_path)
    at = check(open_data_page(), files_of(source))
    at = check(at, files_of(EXAMPLE))
    at.button(key="data_write").click().run()
    log = audit.entries()
    uploads = log[(log["event"] == "upload") & (log["user"] == UPLOADER)]
    assert list(uploads["outcome"])[-3:] == ["refused", "passed checks", "written"]
    files = uploads.iloc[-1]["files"]
    parks = next(f for f in files if f["file"] == "parks.csv")
    assert parks["size"] == (EXAMPLE / "parks.csv").stat().st_size
    assert parks["sha256"] == manifest.sha256(EXAMPLE / "parks.csv")
    shown = open_as("audit_log.py", who=ADMIN, login=True)
    assert not shown.exception
    assert "parks.csv" in everything(shown) and "written" in set(shown.dataframe[0].value["outcome"])


@pytest.mark.parametrize("who", [user("viewer"), user("analyst"), user("park:andong"), None])
def test_the_data_page_is_for_admin_only(who, data):
    at = open_as("data_admin.py", who=who, login=who is not None)
    assert "此页面仅限管理员访问" in "\n".join(w.value for w in at.warning)
    assert not at.file_uploader and not at.dataframe
    assert {b.key for b in at.button} <= {"auth_login", "auth_logout"}


def test_without_login_nobody_may_upload(data):
    at = open_as("data_admin.py")  # no [auth]: the demo is open, the data page is not
    assert "此页面仅限管理员访问" in "\n".join(w.value for w in at.warning)
    assert not at.file_uploader


def test_a_snapshot_that_failed_its_checks_lists_its_problems(data):
    broken = data / "snapshots" / "2022-03-31"
    shutil.copytree(data / "snapshots" / "2022-06-30", broken)
    (broken / "parks.parquet").write_bytes(b"not parquet")
    at = open_data_page()
    listed = at.dataframe[0].value
    assert listed.set_index("日期").at["2022-03-31", "状态"] == "未通过检查"
    assert any("2022-03-31 未通过检查" in e.label for e in at.expander)


# --- a store: the upload is published, and every replica's mirror serves it ---------------------------


def test_an_upload_is_published_to_the_store(s3, data, monkeypatch):
    url, _server = s3
    assert ingest.main([str(EXAMPLE), "--as-of", "2022-06-30", "--data-url", url, "-q"]) != 0  # dates after it
    assert ingest.main([str(EXAMPLE), "--as-of", AS_OF, "--data-url", url, "-q"]) == 0
    monkeypatch.setenv("JEDZ_DATA_URL", url)
    mirror = store.mirror_for(url)
    try:
        at = check(open_data_page(), files_of(EXAMPLE), as_of="2022-12-31", office="综治办")
        at.button(key="data_write").click().run()
        assert "已写入 2022-12-31 的快照" in at.success[-1].value
        assert mirror.sync().ok
        served = {s.date: s for s in runner.snapshots()}
        assert set(served) == {AS_OF, "2022-12-31"} and served["2022-12-31"].valid
        assert manifest.record(served["2022-12-31"].path).uploaded_by == UPLOADER
        assert snapshot_dates(data) == ["2022-06-30"], "with a store, nothing goes to the local data folder"
    finally:
        mirror.stop()
