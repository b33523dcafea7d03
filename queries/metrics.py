"""The metric catalogue: every KPI of the dashboard, declared once.

A metric names the question (`queries/<query>.sql`) and the column that give its value, the row when
the question returns several (`row`), its label and definition (keys of `ui/strings`), the article's
figure it must equal (`figure`, a key of `data/published_figures.csv`), its change on last year
(`growth`, a column of the same row, with its own figure), its sparkline (a question and column
over months), whether it shows its change since the previous snapshot, and notes under it (a string
key and the columns that fill its placeholders). The unit comes from the column's suffix (`_yuan`,
`_pct`, `_m2`, `_days`; a count otherwise). KPI rows, the big screen's tiles, the reconciliation
tests and the briefing all read this list; `read` gives a metric's values under one scope.

Adding a KPI: one `.sql` file (or a column of an existing one), one `Metric` below, its strings.
"""

from dataclasses import dataclass

import pandas as pd

from queries import runner

UNITS = {"_yuan": "yuan", "_pct": "pct", "_m2": "m2", "_days": "days"}


@dataclass(frozen=True)
class Note:
    text: str  # a strings key
    values: tuple[tuple[str, str], ...] = ()  # (placeholder, column of the metric's row)


@dataclass(frozen=True)
class Metric:
    key: str
    query: str
    column: str
    label: str  # strings key; may hold placeholders of the page's parameters ({limit_days})
    row: tuple[tuple[str, object], ...] = ()  # (column, value): the row of a question with several
    definition: str | None = None  # strings key of how it is counted (the help text's first part)
    figure: str | None = None  # published figure key
    growth: str | None = None  # column of the change on last year, in percent
    growth_figure: str | None = None  # its published figure key
    sparkline: tuple[str, str] | None = None  # (query over months, column)
    sparkline_type: str = "area"
    change: bool = False  # shows its change since the previous snapshot
    note: Note | None = None
    screen_note: Note | None = None  # the big screen's line under the tile
    unit_name: str | None = None  # strings key of a count's unit word (起, 名): shown after it in Chinese
    money: str = "yi"  # 亿元 ("yi") or 万元 ("wan")
    better: str = "up"  # "up": more is better; "down": more is worse (disputes)
    alert: bool = False  # a warning card: red while the value is above zero
    measured_in: str | None = None  # the unit, where the column's name does not end with it

    @property
    def unit(self) -> str:
        if self.measured_in:
            return self.measured_in
        return next((unit for suffix, unit in UNITS.items() if self.column.endswith(suffix)), "count")

    @property
    def parameters(self) -> set[str]:
        """What the page must give, beyond the park (and the date, bound by the runner)."""
        return runner.parameters_of(self.query) - {"park_id", "as_of"}


def _economy(indicator: str, label: str) -> Metric:
    return Metric(
        indicator,
        "economy_ytd",
        "value_yuan",
        label,
        row=(("indicator", indicator),),
        figure=f"{indicator}_yuan",
        growth="growth_pct",
        growth_figure=f"{indicator}_growth_pct",
        sparkline=("economy_cumulative", "cumulative_value_yuan"),
        note=Note("economy_kpi_prior", (("value", "prior_year_value_yuan"),)),
        screen_note=Note("screen_growth_foot", (("growth", "growth_pct"),)),
    )


def _grids(level: int) -> Metric:
    return Metric(
        f"grids_level{level}",
        "grid_counts_by_level",
        "grid_count",
        f"kpi_grids_level{level}",
        row=(("level", level),),
        figure=f"grids_level{level}",
        unit_name="unit_grids",
    )


METRICS: tuple[Metric, ...] = (
    *(_grids(level) for level in (1, 2, 3)),
    Metric(
        "enterprise_grid_workers",
        "grids_network_totals",
        "enterprise_grid_worker_count",
        "kpi_grid_workers",
        definition="grids_def_workers",
        figure="enterprise_grid_workers",
        change=True,
        note=Note("coverage_of_level3", (("pct", "grid_coverage_pct"),)),
        screen_note=Note("screen_grid_workers_foot", (("pct", "grid_coverage_pct"),)),
        unit_name="unit_people",
    ),
    Metric(
        "enterprise_grid_party_orgs",
        "party_totals",
        "enterprise_grid_party_org_count",
        "kpi_party_orgs",
        figure="enterprise_grid_party_orgs",
        unit_name="unit_orgs",
    ),
    Metric(
        "first_batch_party_orgs",
        "party_totals",
        "first_batch_org_count",
        "kpi_first_batch_orgs",
        figure="first_batch_party_orgs",
        unit_name="unit_orgs",
    ),
    Metric(
        "first_batch_party_members",
        "grids_network_totals",
        "first_batch_member_count",
        "kpi_first_batch_members",
        definition="grids_def_members",
        figure="first_batch_party_members",
        change=True,
        note=Note("linked_range", (("low", "linked_workers_min"), ("high", "linked_workers_max"))),
        unit_name="unit_people",
    ),
    Metric(
        "grid_coverage",
        "grids_network_totals",
        "grid_coverage_pct",
        "grids_kpi_grid_coverage",
        definition="grids_def_grid_coverage",
        change=True,
        note=Note(
            "grids_note_grid_coverage", (("covered", "covered_level3_grid_count"), ("total", "level3_grid_count"))
        ),
    ),
    Metric(
        "party_org_coverage",
        "grids_network_totals",
        "party_org_enterprise_pct",
        "grids_kpi_party_org_coverage",
        definition="grids_def_party_org_coverage",
        note=Note(
            "grids_note_party_org_coverage", (("orgs", "party_org_enterprise_count"), ("total", "enterprise_count"))
        ),
    ),
    Metric(
        "linked_workers",
        "grids_network_totals",
        "linked_worker_count",
        "grids_kpi_linked",
        definition="grids_def_linked",
        change=True,
        note=Note("grids_note_linked", (("low", "linked_workers_min"), ("high", "linked_workers_max"))),
        unit_name="unit_people",
    ),
    Metric(
        "grid_heads",
        "grids_network_totals",
        "grid_head_count",
        "grids_kpi_heads",
        definition="grids_def_heads",
        unit_name="unit_people",
    ),
    Metric(
        "sunk_cadres",
        "grids_network_totals",
        "sunk_cadre_count",
        "grids_kpi_cadres",
        definition="grids_def_cadres",
        unit_name="unit_people",
    ),
    Metric(
        "specialists",
        "grids_network_totals",
        "specialist_count",
        "grids_kpi_specialists",
        definition="grids_def_specialists",
        note=Note("grids_note_specialists_top", (("role", "top_specialist_role"), ("n", "top_specialist_count"))),
        unit_name="unit_people",
    ),
    Metric(
        "party_member_staff",
        "grids_network_totals",
        "party_member_staff_count",
        "grids_kpi_staff_party",
        definition="grids_def_staff_party",
        note=Note("grids_note_staff_party", (("pct", "party_member_staff_pct"),)),
        unit_name="unit_people",
    ),
    _economy("industrial_output", "kpi_industrial_output"),
    _economy("fixed_asset_investment", "kpi_fixed_asset_investment"),
    _economy("above_quota_sales", "kpi_above_quota_sales"),
    _economy("retail_sales", "kpi_retail_sales"),
    Metric(
        "expansion_enterprises",
        "expansion_totals",
        "enterprise_count",
        "kpi_expansion_enterprises",
        figure="expansion_enterprises",
        screen_note=Note(
            "screen_expansion_foot", (("area", "added_floor_area_m2"), ("investment", "planned_investment_yuan"))
        ),
        unit_name="unit_enterprises",
    ),
    Metric(
        "expansion_floor_area",
        "expansion_totals",
        "added_floor_area_m2",
        "kpi_expansion_area",
        figure="expansion_floor_area_m2",
    ),
    Metric(
        "expansion_investment",
        "expansion_totals",
        "planned_investment_yuan",
        "kpi_expansion_investment",
        figure="expansion_investment_yuan",
    ),
    Metric(
        "dispute_cases",
        "dispute_totals",
        "case_count",
        "kpi_dispute_cases",
        figure="dispute_cases",
        sparkline=("disputes_by_month", "case_count"),
        sparkline_type="bar",
        change=True,
        note=Note("open_cases", (("n", "open_case_count"),)),
        screen_note=Note("screen_disputes_foot", (("workers", "workers_involved"),)),
        unit_name="unit_cases",
        better="down",
    ),
    Metric(
        "dispute_workers",
        "dispute_totals",
        "workers_involved",
        "kpi_dispute_workers",
        figure="dispute_workers",
        sparkline=("disputes_by_month", "workers_involved"),
        sparkline_type="bar",
        better="down",
        unit_name="unit_worker_times",
    ),
    Metric(
        "dispute_amount",
        "dispute_totals",
        "amount_yuan",
        "kpi_dispute_amount",
        figure="dispute_amount_yuan",
        sparkline=("disputes_by_month", "amount_yuan"),
        sparkline_type="bar",
        money="wan",
        better="down",
    ),
    Metric(
        "disputes_open",
        "dispute_totals",
        "open_case_count",
        "disputes_kpi_open",
        note=Note("disputes_oldest_open", (("days", "oldest_open_days"),)),
        unit_name="unit_cases",
        better="down",
    ),
    Metric(
        "disputes_median_days",
        "dispute_totals",
        "median_days_to_close",
        "disputes_kpi_median_days",
        measured_in="days",
        note=Note("disputes_closed_share", (("closed", "closed_case_count"), ("pct", "closed_pct"))),
        better="down",
    ),
    Metric(
        "disputes_overdue",
        "disputes_open_age",
        "overdue_case_count",
        "disputes_kpi_overdue",
        definition="disputes_limit_help",
        note=Note(
            "disputes_overdue_scale", (("workers", "overdue_workers_involved"), ("amount", "overdue_amount_yuan"))
        ),
        money="wan",
        better="down",
        alert=True,
        unit_name="unit_cases",
    ),
    Metric(
        "map_enterprises",
        "maps_enterprise_totals",
        "enterprise_count",
        "maps_kpi_enterprises",
        unit_name="unit_enterprises",
    ),
    Metric("map_employees", "maps_enterprise_totals", "employee_count", "maps_kpi_employees", unit_name="unit_people"),
)

CATALOGUE: dict[str, Metric] = {m.key: m for m in METRICS}


@dataclass(frozen=True)
class Reading:
    """A metric's values in one snapshot, for one scope (`park_id`, None for the zone)."""

    metric: Metric
    snapshot: runner.Snapshot
    park_id: str | None
    value: object
    growth: object = None
    previous: object = None  # the value in the previous valid snapshot, when the metric shows its change
    previous_date: str | None = None
    series: pd.Series | None = None
    row: dict | None = None

    @property
    def change(self):
        if self.previous is None or pd.isna(self.previous) or pd.isna(self.value):
            return None
        return self.value - self.previous


def _row(metric: Metric, snapshot: runner.Snapshot, park_id: str | None, params: dict) -> dict | None:
    """The metric's row, each column keeping its own type (a row as a Series would make counts floats)."""
    frame = runner.run(metric.query, snapshot, park_id=park_id, **params)
    for column, value in metric.row:
        frame = frame[frame[column] == value]
    return None if frame.empty else {column: frame[column].iloc[0] for column in frame.columns}


def _params(metric: Metric, params: dict) -> dict:
    missing = metric.parameters - set(params)
    if missing:
        raise TypeError(f"metric {metric.key} needs {sorted(missing)}")
    return {name: params[name] for name in metric.parameters}


_READINGS: dict[tuple, Reading] = {}  # a snapshot's files never change under one fingerprint
READINGS_KEPT = 4096  # 0: nothing kept (the benchmark's naive baseline)


def read(key: str, snapshot: runner.Snapshot, park_id: str | None, **params) -> Reading:
    """The metric `key` under one scope; `params` are the page's parameters (only those its query
    takes are used)."""
    return read_all([key], snapshot, park_id, **params)[0]


def _reading(key: str, snapshot: runner.Snapshot, park_id: str | None, before, params: dict) -> Reading:
    metric = CATALOGUE[key]
    bound = _params(metric, params)
    before = before if metric.change else None
    if not READINGS_KEPT:
        return _read(metric, snapshot, park_id, bound, before)
    kept = (
        key,
        snapshot.path,
        snapshot.fingerprint,
        park_id,
        tuple(sorted(bound.items())),
        before and before.fingerprint,
    )
    if (reading := _READINGS.get(kept)) is None:
        if len(_READINGS) >= READINGS_KEPT:
            _READINGS.clear()
        reading = _READINGS[kept] = _read(metric, snapshot, park_id, bound, before)
    return reading


def _read(metric: Metric, snapshot: runner.Snapshot, park_id: str | None, bound: dict, before) -> Reading:
    row = _row(metric, snapshot, park_id, bound)
    value = None if row is None else row[metric.column]
    growth = None if row is None or metric.growth is None else row[metric.growth]
    previous = previous_date = None
    if before is not None:
        old = _row(metric, before, park_id, bound)
        previous, previous_date = (None if old is None else old[metric.column]), before.date
    series = None
    if metric.sparkline is not None:
        query, column = metric.sparkline
        months = runner.run(query, snapshot, park_id=park_id)
        for name, wanted in metric.row:
            if name in months.columns:
                months = months[months[name] == wanted]
        series = months[column].reset_index(drop=True)
    return Reading(metric, snapshot, park_id, value, growth, previous, previous_date, series, row)


def read_all(keys: list[str], snapshot: runner.Snapshot, park_id: str | None, **params) -> list[Reading]:
    """`read` of each key (the snapshot before `snapshot` is found once for them all)."""
    before = runner.previous_valid(snapshot) if any(CATALOGUE[key].change for key in keys) else None
    return [_reading(key, snapshot, park_id, before, params) for key in keys]
