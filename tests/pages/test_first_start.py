"""The first start over a history never checked: the dashboard opens on the newest two snapshots, says
how many more are being checked, offers them once they pass, and opens a link to any of them."""

import shutil

import pytest

from queries import runner, upkeep
from tests.pages.helpers import captions, no_exception, open_app

SHIPPED = ("2022-03-31", "2022-06-30", "2022-09-30")


@pytest.fixture
def history(tmp_path, monkeypatch):
    """The shipped snapshots and two later ones, never checked; the background checker held back
    until `release()` is called."""
    for date in SHIPPED:
        shutil.copytree(runner.ROOT / "data" / "snapshots" / date, tmp_path / "snapshots" / date)
    for date in ("2022-10-31", "2022-11-30"):
        shutil.copytree(runner.ROOT / "data" / "snapshots" / SHIPPED[-1], tmp_path / "snapshots" / date)
    shutil.copy(runner.ROOT / "data" / "published_figures.csv", tmp_path)
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("JEDZ_CACHE_DIR", str(tmp_path / "cache"))
    held = []
    monkeypatch.setattr(upkeep, "check_in_background", lambda folders, check: held.append((folders, check)))

    def release():
        monkeypatch.undo()
        monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("JEDZ_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setattr(upkeep, "COPY_AFTER_S", 0.0)
        for folders, check in held:
            upkeep.check_in_background(folders, check)
        upkeep.wait()

    return release


def test_the_first_page_offers_the_newest_two_and_says_the_rest_are_being_checked(history):
    at = open_app()
    assert at.selectbox(key="snapshot").options == ["2022-11-30", "2022-10-31"]
    assert at.selectbox(key="snapshot").value == "2022-11-30"
    assert "另有 3 个数据快照正在校验,通过后即可在此选择。" in [c.value for c in at.sidebar.caption]
    assert "较 2022-10-31" in str([m.proto.delta_description for m in at.metric])  # compared with the one before
    history()
    at.selectbox(key="park").set_value("andong").run()  # any next run offers them
    no_exception(at)
    everything = ["2022-11-30", "2022-10-31", *reversed(SHIPPED)]
    assert at.selectbox(key="snapshot").options == everything
    assert not any("正在校验" in c.value for c in at.sidebar.caption)


def test_a_link_to_a_snapshot_not_yet_checked_opens_it(history):
    at = open_app(snapshot="2022-03-31")
    assert at.selectbox(key="snapshot").value == "2022-03-31" and not at.warning
    assert "数据截至 2022-03-31" in captions(at)
    assert "另有 2 个数据快照正在校验,通过后即可在此选择。" in [c.value for c in at.sidebar.caption]
