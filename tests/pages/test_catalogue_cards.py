"""Every KPI card on every page is a metric of the catalogue (queries/metrics.py), read under the page's
filters: its value, change and tag are the catalogue's reading, and every metric is on some page."""

import shutil

import pytest

from queries import metrics as catalogue
from queries import runner
from tests.pages.helpers import metrics, open_app
from ui import kpis, navigation, screen
from ui.strings import t

PARAMS = {"limit_days": 30, "limit": "30"}  # the disputes page's default limit
PAGES = [path.removeprefix("app_pages/") for path, *_ in navigation.PAGES if "big_screen" not in path]


def by_label(lang: str = "zh") -> dict[str, catalogue.Metric]:
    return {t(m.label, lang, **PARAMS): m for m in catalogue.METRICS}


@pytest.fixture(scope="module")
def shown() -> dict[tuple[str, str | None], dict]:
    """The cards of every analysis page, for the zone and for one park."""
    return {(page, park): metrics(open_app(page=page, park=park)) for page in PAGES for park in (None, "andong")}


def test_every_card_is_a_catalogue_reading(shown, latest):
    labels = by_label()
    for (page, park), cards in shown.items():
        assert cards, page
        for label, card in cards.items():
            assert label in labels, f"{page}: {label} is not in the catalogue"
            reading = catalogue.read(labels[label].key, latest, park, **PARAMS)
            assert card.value == kpis.value_text(reading.metric, reading.value, "zh"), (page, park, label)
            tag = kpis.tag_of(reading)
            assert (tag.published and "来源:" in card.help) or (not tag.published and "演示数据" in card.help)


def test_every_metric_of_the_catalogue_is_shown_on_some_page(shown):
    on_pages = {label for cards in shown.values() for label in cards}
    unshown = [m.key for m in catalogue.METRICS if t(m.label, "zh", **PARAMS) not in on_pages]
    assert unshown == []


def test_a_change_since_the_previous_snapshot_is_shown_where_the_catalogue_says(shown):
    labels = by_label()
    for (page, _), cards in shown.items():
        for label, card in cards.items():
            metric = labels[label]
            if metric.change:
                assert card.delta_description == "较 2022-06-30", (page, label)
            elif metric.growth:
                assert card.delta_description == t("vs_last_year", "zh"), (page, label)


@pytest.mark.parametrize("park", [None, "andong"])
def test_the_big_screen_tiles_are_catalogue_readings(park, latest):
    at = open_app(page="big_screen.py", rotate="0", **({"park": park} if park else {}))
    [tiles] = [h.proto.body for h in at.get("html") if '<div class="jedz-tiles">' in h.proto.body]
    for reading in catalogue.read_all(screen.TILES, latest, park):
        tile = kpis.tile(reading, "zh")
        cell = f'<div class="jedz-tile-label">{tile.label}</div>\n<div class="jedz-tile-value">{tile.value}'
        assert cell in tiles, reading.metric.key
        assert f'class="jedz-tag-{tile.kind}"' in tiles
    assert tiles.count('class="jedz-tile"') == len(screen.TILES)


def test_published_figures_are_tagged_published_wherever_shown(shown):
    published = runner.published_by_key()
    labels = by_label()
    for (page, park), cards in shown.items():
        for label, card in cards.items():
            metric = labels[label]
            if metric.figure and (metric.figure, park or "") in published and not metric.growth_figure:
                assert "来源:" in card.help, (page, park, label)


def test_no_change_since_the_previous_snapshot_is_grey_without_an_arrow(tmp_path, monkeypatch):
    from streamlit.proto.Metric_pb2 import Metric

    latest = runner.ROOT / "data" / "snapshots" / "2022-09-30"
    shutil.copytree(latest, tmp_path / "snapshots" / "2022-09-30")
    shutil.copytree(latest, tmp_path / "snapshots" / "2022-12-31")  # the same figures three months on
    (tmp_path / "snapshots" / "2022-12-31" / "manifest.json").unlink()  # its manifest names the other date
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
    cards = metrics(open_app())
    for label in ("企业网格员", "调处劳动纠纷"):  # more is better, and more is worse
        card = cards[label].proto
        assert (card.delta, card.color, card.direction) == ("+0", Metric.MetricColor.GRAY, Metric.MetricDirection.NONE)
