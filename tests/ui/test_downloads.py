"""A download says where its rows come from: the snapshot's tag and date on every row, and the
manifest's account, with the files' fingerprints, on the workbook's second sheet."""

import io
import shutil

import pandas as pd

from queries import manifest, runner
from ui import downloads, widgets

ROWS = pd.DataFrame({"园区": ["安东园", "三创园"], "三级网格": [144, 270]})


def test_every_row_of_a_demo_download_carries_its_source_and_date(latest):
    source = widgets.download_source(latest, "zh")
    frame = pd.read_csv(io.BytesIO(downloads.csv_bytes(downloads.with_source(ROWS, source))), encoding="utf-8-sig")
    assert frame.columns.tolist() == ["园区", "三级网格", "数据来源", "快照日期"]
    assert frame["数据来源"].tolist() == ["演示数据"] * 2 and frame["快照日期"].tolist() == ["2022-09-30"] * 2


def test_the_workbook_has_the_manifests_account_on_a_sheet_of_its_own(latest):
    source = widgets.download_source(latest, "en")
    book = pd.read_excel(io.BytesIO(downloads.excel_bytes(ROWS, "grids", source)), sheet_name=None, header=None)
    assert list(book) == ["grids", "source"]
    account = dict(book["source"].itertuples(index=False, name=None))
    assert account["Source"] == "Demo detail" and account["Snapshot"] == "2022-09-30"
    files = manifest.record(latest.path).fields["files"]
    assert all(account[name] == f"sha256 {digest}" for name, digest in files.items())


def test_a_snapshot_without_a_manifest_says_so_in_its_downloads(tmp_path):
    folder = tmp_path / "snapshots" / "2022-09-30"
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-09-30", folder)
    (folder / "manifest.json").unlink()
    snapshot = runner.resolve("2022-09-30", tmp_path)
    source = widgets.download_source(snapshot, "zh")
    assert source.columns == {"数据来源": "来源未登记", "快照日期": "2022-09-30"}
    note = "本快照来源未登记:该快照没有 manifest.json。其数值既不作为报送数据,也不作为已发布数据。"
    assert ("来源说明", note) in source.lines
