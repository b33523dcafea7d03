"""The metric catalogue: every metric reads under every scope, and every one with a published figure gives
back the article's number at 2022-09-30."""

import pytest

from queries import metrics, runner
from tests.parks import PARK_IDS

FIGURES = {(r["key"], r["park_id"]): r["value"] for r in runner.published_figures().to_dict("records")}
PUBLISHED = [
    (m, park)
    for m in metrics.METRICS
    for figure in [m.figure]
    if figure is not None
    for key, park in FIGURES
    if key == figure
]


@pytest.mark.parametrize("metric, park", PUBLISHED, ids=lambda v: getattr(v, "key", v or "zone"))
def test_a_catalogue_metric_gives_back_its_published_figure(metric, park, latest):
    reading = metrics.read(metric.key, latest, park or None, limit_days=60)
    assert reading.value == FIGURES[(metric.figure, park)]
    if metric.growth_figure:
        assert round(float(reading.growth), 2) == FIGURES[(metric.growth_figure, park)]


def test_every_published_figure_shown_as_a_kpi_is_in_the_catalogue():
    shown = {m.figure for m in metrics.METRICS} | {m.growth_figure for m in metrics.METRICS}
    for key in ("grids_level3", "enterprise_grid_workers", "dispute_cases", "retail_sales_growth_pct"):
        assert key in shown


@pytest.mark.parametrize("park", [None, *PARK_IDS])
def test_every_metric_reads_under_every_scope(park, latest):
    for metric in metrics.METRICS:
        reading = metrics.read(metric.key, latest, park, limit_days=60)
        assert reading.row is not None, metric.key
        assert metric.column in reading.row and metric.label


def test_a_change_since_the_previous_snapshot_is_the_difference_of_the_two(latest):
    reading = metrics.read("dispute_cases", latest, None)
    before = runner.run("dispute_totals", runner.previous_valid(latest), park_id=None).at[0, "case_count"]
    assert reading.previous_date == "2022-06-30" and reading.change == 470 - before


def test_units_come_from_the_column_suffix():
    units = {m.key: m.unit for m in metrics.METRICS}
    assert units["dispute_amount"] == "yuan" and units["grid_coverage"] == "pct"
    assert units["expansion_floor_area"] == "m2" and units["disputes_median_days"] == "days"
    assert units["grids_level3"] == "count"


def test_a_metric_needs_the_parameters_of_its_query(latest):
    with pytest.raises(TypeError, match="limit_days"):
        metrics.read("disputes_overdue", latest, None)
