"""Every page tells where its numbers come from, by the active snapshot's manifest: the zone's own
export, ingested, is 报送数据 everywhere and 演示数据 nowhere; a snapshot with no manifest, or one
that cannot be trusted, is 来源未登记 with the reason in the sidebar, and nothing on it is published."""

import json
import shutil

import pytest

from queries import manifest, runner
from tests.pages.access_helpers import everything
from tests.pages.helpers import captions, metrics, no_exception, open_app
from tools import ingest
from ui import navigation

REPORTED_ON, DELIVERED_BY = "2022-12-31", "综治办 张三"
PAGES = [path.removeprefix("app_pages/") for path, *_ in navigation.PAGES]
ANALYSIS_PAGES = [page for page in PAGES if page != "big_screen.py"]
DEMO_WORDS = ("演示", "demo", "Demo", "synthetic", "合成")


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """The example export, ingested as the zone's data for a later date, delivered by a named person."""
    data = tmp_path_factory.mktemp("reported")
    example = runner.ROOT / "data" / "examples" / "ingest"
    args = [str(example), "--as-of", REPORTED_ON, "--data-dir", str(data), "--delivered-by", DELIVERED_BY, "-q"]
    assert ingest.main(args) == 0
    assert manifest.record(data / "snapshots" / REPORTED_ON).source == "reported"
    return data


@pytest.mark.parametrize("page", PAGES)
def test_the_zones_export_is_reported_on_every_page_and_demo_nowhere(page, reported, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(reported))
    at = open_app(page=page)
    no_exception(at)
    shown = everything(at)
    assert "报送数据" in shown
    for word in DEMO_WORDS:
        assert word not in shown, word
    if page != "big_screen.py":
        assert all("报送数据" in card.help for card in at.metric), [c.label for c in at.metric]
        assert DELIVERED_BY in "\n".join(c.value for c in at.sidebar.caption)


def test_a_reported_card_says_who_delivered_it(reported, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(reported))
    at = open_app()
    cases = metrics(at)["调处劳动纠纷"]
    assert DELIVERED_BY in cases.help
    main = "\n".join(c.value for c in at.main.caption)
    assert ":blue-badge[:material/assignment_turned_in: 报送数据]" in main and ":green-badge[" not in main


def test_the_sidebar_shows_the_files_fingerprints_on_hover(reported, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(reported))
    at = open_app()
    [source] = [c for c in at.sidebar.caption if "报送数据" in c.value]
    export = manifest.record(reported / "snapshots" / REPORTED_ON).fields["export"]
    assert {e["file"] for e in export} >= {"grids.csv", "economy_monthly.xlsx"}  # the files delivered
    assert all(f"- {e['file']}: sha256 `{e['sha256'][:16]}…`" in source.help for e in export)


def legacy(tmp_path, damage) -> str:
    """The shipped 2022-09-30 snapshot in a data folder of its own, its manifest damaged by `damage`."""
    folder = tmp_path / "snapshots" / "2022-09-30"
    shutil.copytree(runner.ROOT / "data" / "snapshots" / "2022-09-30", folder)
    damage(folder / "manifest.json")
    return str(tmp_path)


def rewrite(**changes):
    def damage(path):
        fields = json.loads(path.read_text(encoding="utf-8"))
        for key, value in changes.items():
            fields[key] = value(fields[key]) if callable(value) else value
        path.write_text(json.dumps(fields), encoding="utf-8")

    return damage


DAMAGES = {
    "no manifest": (lambda path: path.unlink(), "该快照没有 manifest.json"),
    "not JSON": (lambda path: path.write_text("{source: demo", encoding="utf-8"), "不是有效的 JSON"),
    "unknown source": (rewrite(source="official"), "来源“official”无法识别"),
    "hash mismatch": (
        rewrite(files=lambda files: {**files, "grids.parquet": "0" * 64}),
        "文件与 manifest.json 中的哈希值不符(grids.parquet)",
    ),
}


@pytest.mark.parametrize("case", DAMAGES)
def test_a_snapshot_whose_source_cannot_be_trusted_is_unrecorded_and_says_why(case, tmp_path, monkeypatch):
    damage, reason = DAMAGES[case]
    monkeypatch.setenv("JEDZ_DATA_DIR", legacy(tmp_path, damage))
    at = open_app()
    no_exception(at)
    shown = metrics(at)
    assert shown["三级(企业地块)网格"].value == "1179个"  # served all the same
    assert all("来源未登记" in card.help for card in at.metric)
    main = "\n".join(c.value for c in at.main.caption)
    assert ":green-badge[" not in main and ":orange-badge[" not in main  # neither published nor demo
    assert main.count(":gray-badge[:material/help: 来源未登记]") == len(at.metric)
    assert reason in "\n".join(c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("page", ANALYSIS_PAGES)
def test_every_page_runs_on_a_snapshot_with_no_manifest(page, tmp_path, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", legacy(tmp_path, lambda path: path.unlink()))
    at = open_app(page=page)
    no_exception(at)
    assert "来源未登记" in captions(at) + "\n".join(m.value for m in at.markdown)
    assert "已发布" not in "\n".join(c.value for c in at.main.caption)
