"""A zone with a sixth park: its export ingests, and every page shows it, named, with no exception.

The park is in no list of the code and has no outline in geo/parks.geojson: it comes from the data only.
"""

import csv

import pytest

from queries import runner
from queries.contract import INDICATORS
from tests.pages.helpers import no_exception, open_app, warnings
from tools import ingest, ingest_example
from ui import navigation, theme

AS_OF = "2022-09-30"
PARK, NAME = "binhai", "滨海园"
ROWS = {
    "parks": [{"park_id": PARK, "name_zh": NAME, "name_en": "Binhai Park", "lon": "118.64", "lat": "24.71"}],
    "grids": [
        {"grid_id": "binhai-L1-01", "level": "1", "parent_id": "", "park_id": PARK, "name_zh": "滨海园一级网格"},
        {"grid_id": "binhai-L2-01", "level": "2", "parent_id": "binhai-L1-01", "park_id": PARK, "name_zh": "滨海一片"},
        {
            "grid_id": "binhai-L3-0001",
            "level": "3",
            "parent_id": "binhai-L2-01",
            "park_id": PARK,
            "name_zh": "滨海地块",
        },
    ],
    "enterprises": [
        {
            "enterprise_id": "E-BH-0001",
            "name_zh": "晋江滨海示例制造有限公司",
            "park_id": PARK,
            "grid_id": "binhai-L3-0001",
            "industry": "纺织",
            "employees": "120",
            "lon": "118.641",
            "lat": "24.711",
        }
    ],
    # a park's pages read its monthly figures too (a park with none is not handled yet: see the report)
    "economy_monthly": [
        {
            "park_id": PARK,
            "month": f"2022-{m:02d}-01",
            "indicator": indicator,
            "value_yuan": str(10_000_000 * m),
            "prior_year_value_yuan": str(9_000_000 * m),
        }
        for indicator in INDICATORS
        for m in range(1, 10)
    ],
}


def add_rows(path, rows: list[dict]) -> None:
    """Append rows to a UTF-8 export file under its own header (columns a row does not give stay empty)."""
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, header, restval="").writerows(rows)


@pytest.fixture(scope="module")
def zone_with_six_parks(tmp_path_factory):
    export, data = tmp_path_factory.mktemp("export"), tmp_path_factory.mktemp("data")
    assert ingest_example.main(["--out", str(export), "--format", "utf-8"]) in (0, None)
    for table, rows in ROWS.items():
        add_rows(export / f"{table}.csv", rows)
    assert ingest.main([str(export), "--as-of", AS_OF, "--data-dir", str(data), "-q"]) == 0
    return data


def test_the_sixth_park_is_a_park_of_the_snapshot(zone_with_six_parks):
    parks = runner.run("parks", runner.resolve(AS_OF, zone_with_six_parks))
    assert parks["park_id"].tolist()[-1] == PARK  # no sort_order: after the five that have one
    assert len(parks) == 6


def texts(at) -> str:
    """Every text the page's main area shows in its elements (markdown, captions, titles, metrics, charts):
    not the sidebar, whose park filter names every park anyway."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return "\n".join(out)


@pytest.mark.parametrize("page", [p[0].removeprefix("app_pages/") for p in navigation.PAGES])
def test_every_page_shows_the_sixth_park(page, zone_with_six_parks, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(zone_with_six_parks))
    at = open_app(page=page, park=PARK)
    no_exception(at)
    assert at.selectbox(key="park").value == PARK  # the filter offers it and took it from the link
    assert NAME in texts(at)
    assert PARK not in warnings(at)  # the link's park was not refused
    assert theme.PARK_COLOURS[PARK] == theme.EXTRA_PARK_COLOURS[0]  # the first park beyond the five
