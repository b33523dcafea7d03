"""Every snapshot says where its numbers come from: the manifest written with it, and what a damaged one gets."""

import json
import shutil

import pytest

from queries import manifest, runner
from tools import ingest

SHIPPED = runner.ROOT / "data" / "snapshots"
EXAMPLE = runner.ROOT / "data" / "examples" / "ingest"


@pytest.mark.parametrize("date", ["2022-03-31", "2022-06-30", "2022-09-30"])
def test_the_shipped_snapshots_are_demo_data_from_the_generator(date):
    record = manifest.record(SHIPPED / date)
    assert record.source == "demo"
    assert record.fields["generator"]["program"] == "tools.generate_demo"
    assert record.fields["as_of"] == date
    assert {name for name, _ in record.fingerprints()} == {p.name for p in (SHIPPED / date).glob("*.parquet")}


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    data = tmp_path_factory.mktemp("zone")
    argv = [str(EXAMPLE), "--as-of", "2022-12-31", "--data-dir", str(data), "--delivered-by", "综治办", "-q"]
    assert ingest.main(argv) == 0
    return data / "snapshots" / "2022-12-31"


def test_an_ingested_export_is_reported_data_naming_its_files_and_who_delivered_them(reported):
    record = manifest.record(reported)
    assert record.source == "reported" and record.delivered_by == "综治办"
    export = {e["file"]: e for e in record.fields["export"]}
    assert export["labor_disputes.csv"]["rows"] == 470 and export["labor_disputes.csv"]["encoding"] == "GBK"
    assert export["economy_monthly.xlsx"]["encoding"] == "sheet economy_monthly"
    assert export["grids.csv"]["sha256"] == manifest.sha256(EXAMPLE / "grids.csv")
    assert not list(reported.parent.glob(".*")), "no temporary manifest or folder is left behind"


def damaged(folder, tmp_path, change) -> manifest.Record:
    copy = tmp_path / "snapshots" / folder.name
    shutil.copytree(folder, copy)
    change(copy)
    return manifest.record(copy)


def edit_manifest(**fields):
    def change(folder):
        path = folder / manifest.MANIFEST
        path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")) | fields), encoding="utf-8")

    return change


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda f: (f / manifest.MANIFEST).unlink(), "no manifest.json"),
        (lambda f: (f / manifest.MANIFEST).write_text("{not json", encoding="utf-8"), "not valid JSON"),
        (edit_manifest(source="official"), "unknown source “official”"),
        (edit_manifest(as_of="2021-01-01"), "dated 2021-01-01"),
        (lambda f: (f / "parks.parquet").write_bytes((f / "parks.parquet").read_bytes() + b"x"), "parks.parquet"),
        (lambda f: (f / "extra.parquet").write_bytes(b""), "extra.parquet"),
    ],
    ids=["missing", "not-json", "unknown-source", "other-date", "hash-mismatch", "unlisted-file"],
)
def test_a_missing_or_untrustworthy_manifest_is_not_recorded_and_says_why(reported, tmp_path, change, reason):
    record = damaged(reported, tmp_path, change)
    assert record.source is None and not record.recorded
    assert reason in record.reason and record.reason_zh
