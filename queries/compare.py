"""What changed between two snapshots (`a`, the earlier, and `b`, the later): the questions of the compare page.

A question over two snapshots reads both catalogs in one SQL statement (`{a}.grids`, `{b}.grids`: the
loaded snapshots' catalogs, named by the runner, never by a user), so the set differences (grids added,
enterprises that left, cases opened) are done by DuckDB. Each question declares what it exposes in an
`-- access:` line, as `queries/*.sql` do, and the same rules hold (`queries/access.py`): a row-level
question is refused to public and viewer, a park user's park is forced, and only its park's rows are kept.
The catalogue's KPIs are read for each snapshot through `queries/metrics.py`, as the other pages read them.
"""

import re

import duckdb
import pandas as pd

from queries import access, contract, loading, metrics, runner
from queries.results import PARAMETER, ResultCache

CATALOG = re.compile(r"^snap_[0-9a-f]+(_copy)?$")

QUESTIONS: dict[str, str] = {
    # grids in each snapshot and those added or removed (by grid_id), by park and level
    "grids_changed": """
-- access: aggregate
WITH a AS (SELECT grid_id, level, park_id FROM {a}.grids WHERE $park_id IS NULL OR park_id = $park_id),
b AS (SELECT grid_id, level, park_id FROM {b}.grids WHERE $park_id IS NULL OR park_id = $park_id),
sides AS (
    SELECT park_id, level, 1 AS in_a, 0 AS in_b, 0 AS added, 0 AS removed FROM a
    UNION ALL SELECT park_id, level, 0, 1, 0, 0 FROM b
    UNION ALL SELECT park_id, level, 0, 0, 1, 0 FROM b ANTI JOIN a USING (grid_id)
    UNION ALL SELECT park_id, level, 0, 0, 0, 1 FROM a ANTI JOIN b USING (grid_id)
)
SELECT park_id, level,
    sum(in_a)::INTEGER AS grid_count_a,
    sum(in_b)::INTEGER AS grid_count_b,
    sum(added)::INTEGER AS added_count,
    sum(removed)::INTEGER AS removed_count
FROM sides
GROUP BY park_id, level
ORDER BY park_id, level
""",
    # enterprises in each snapshot and those that joined or left (by enterprise_id), by park
    "enterprises_changed": """
-- access: aggregate
WITH a AS (SELECT enterprise_id, park_id FROM {a}.enterprises WHERE $park_id IS NULL OR park_id = $park_id),
b AS (SELECT enterprise_id, park_id FROM {b}.enterprises WHERE $park_id IS NULL OR park_id = $park_id),
sides AS (
    SELECT park_id, 1 AS in_a, 0 AS in_b, 0 AS joined, 0 AS left_ FROM a
    UNION ALL SELECT park_id, 0, 1, 0, 0 FROM b
    UNION ALL SELECT park_id, 0, 0, 1, 0 FROM b ANTI JOIN a USING (enterprise_id)
    UNION ALL SELECT park_id, 0, 0, 0, 1 FROM a ANTI JOIN b USING (enterprise_id)
)
SELECT park_id,
    sum(in_a)::INTEGER AS enterprise_count_a,
    sum(in_b)::INTEGER AS enterprise_count_b,
    sum(joined)::INTEGER AS joined_count,
    sum(left_)::INTEGER AS left_count
FROM sides
GROUP BY park_id
ORDER BY park_id
""",
    # the enterprises that joined or left, by name: row-level
    "enterprises_moved": """
-- access: rows
SELECT 'joined' AS change, enterprise_id, name_zh, park_id, industry, employees
FROM {b}.enterprises ANTI JOIN {a}.enterprises USING (enterprise_id)
WHERE $park_id IS NULL OR park_id = $park_id
UNION ALL
SELECT 'left', enterprise_id, name_zh, park_id, industry, employees
FROM {a}.enterprises ANTI JOIN {b}.enterprises USING (enterprise_id)
WHERE $park_id IS NULL OR park_id = $park_id
ORDER BY change, park_id, enterprise_id
""",
    # dispute cases by stage: open at a (its stage then), opened, closed, reopened, left the record, moved
    # between stages while open at a, and open at b; for each stage
    #   open_b = open_a + opened - closed + reopened - removed + moved_in - moved_out
    "disputes_flow": """
-- access: aggregate
WITH a AS (SELECT case_id, stage, closed_on FROM {a}.labor_disputes WHERE $park_id IS NULL OR park_id = $park_id),
b AS (SELECT case_id, stage, closed_on FROM {b}.labor_disputes WHERE $park_id IS NULL OR park_id = $park_id),
pairs AS (
    SELECT a.case_id AS case_a, a.stage AS stage_a, a.closed_on AS closed_a,
           b.case_id AS case_b, b.stage AS stage_b, b.closed_on AS closed_b
    FROM a FULL JOIN b ON a.case_id = b.case_id
),
moves AS (
    SELECT stage_a AS stage, 1 AS open_a, 0 AS opened, 0 AS closed, 0 AS reopened, 0 AS removed, 0 AS moved,
           0 AS open_b
    FROM pairs WHERE case_a IS NOT NULL AND closed_a IS NULL
    UNION ALL SELECT stage_b, 0, 1, 0, 0, 0, 0, 0 FROM pairs WHERE case_a IS NULL
    UNION ALL SELECT stage_b, 0, 0, 1, 0, 0, 0, 0 FROM pairs
        WHERE closed_b IS NOT NULL AND (case_a IS NULL OR closed_a IS NULL)
    UNION ALL SELECT stage_b, 0, 0, 0, 1, 0, 0, 0 FROM pairs WHERE closed_a IS NOT NULL AND case_b IS NOT NULL
        AND closed_b IS NULL
    UNION ALL SELECT stage_a, 0, 0, 0, 0, 1, 0, 0 FROM pairs WHERE closed_a IS NULL AND case_b IS NULL
        AND case_a IS NOT NULL
    UNION ALL SELECT stage_a, 0, 0, 0, 0, 0, -1, 0 FROM pairs WHERE closed_a IS NULL AND case_a IS NOT NULL
        AND case_b IS NOT NULL AND stage_a <> stage_b
    UNION ALL SELECT stage_b, 0, 0, 0, 0, 0, 1, 0 FROM pairs WHERE closed_a IS NULL AND case_a IS NOT NULL
        AND case_b IS NOT NULL AND stage_a <> stage_b
    UNION ALL SELECT stage_b, 0, 0, 0, 0, 0, 0, 1 FROM pairs WHERE case_b IS NOT NULL AND closed_b IS NULL
)
SELECT stage,
    sum(open_a)::INTEGER AS open_count_a,
    sum(opened)::INTEGER AS opened_count,
    sum(closed)::INTEGER AS closed_count,
    sum(reopened)::INTEGER AS reopened_count,
    sum(removed)::INTEGER AS removed_count,
    sum(moved)::INTEGER AS moved_count,
    sum(open_b)::INTEGER AS open_count_b
FROM moves
GROUP BY stage
""",
    # each indicator's cumulative value in the year up to each date, and its growth on the same months
    # of the year before (like for like)
    "economy_growth": """
-- access: aggregate
WITH a AS (
    SELECT indicator, min(month) AS first_month, max(month) AS last_month, sum(value_yuan) AS value_yuan,
           sum(prior_year_value_yuan) AS prior_yuan
    FROM {a}.economy_monthly
    WHERE ($park_id IS NULL OR park_id = $park_id)
      AND month BETWEEN date_trunc('year', CAST($a_date AS DATE)) AND CAST($a_date AS DATE)
    GROUP BY indicator
),
b AS (
    SELECT indicator, min(month) AS first_month, max(month) AS last_month, sum(value_yuan) AS value_yuan,
           sum(prior_year_value_yuan) AS prior_yuan
    FROM {b}.economy_monthly
    WHERE ($park_id IS NULL OR park_id = $park_id)
      AND month BETWEEN date_trunc('year', CAST($b_date AS DATE)) AND CAST($b_date AS DATE)
    GROUP BY indicator
)
SELECT indicator,
    a.first_month AS first_month_a, a.last_month AS last_month_a, a.value_yuan::BIGINT AS cumulative_yuan_a,
    100.0 * (a.value_yuan / nullif(a.prior_yuan, 0) - 1) AS growth_pct_a,
    b.first_month AS first_month_b, b.last_month AS last_month_b, b.value_yuan::BIGINT AS cumulative_yuan_b,
    100.0 * (b.value_yuan / nullif(b.prior_yuan, 0) - 1) AS growth_pct_b,
    100.0 * (b.value_yuan / nullif(b.prior_yuan, 0) - a.value_yuan / nullif(a.prior_yuan, 0)) AS growth_change_pp
FROM a FULL JOIN b USING (indicator)
""",
}

_results = ResultCache(32 * 2**20, 256)


def disputes_by_stage(a: runner.Snapshot, b: runner.Snapshot, park_id: str | None) -> pd.DataFrame:
    """`disputes_flow` with a row for every stage of the contract, in its order (zeros where none)."""
    flow = run("disputes_flow", a, b, park_id=park_id).set_index("stage")
    stages = [*contract.STAGES, *sorted(set(flow.index) - set(contract.STAGES))]
    return flow.reindex(stages, fill_value=0).astype("int64").rename_axis("stage").reset_index()


def parameters_of(name: str) -> set[str]:
    return set(PARAMETER.findall(QUESTIONS[name]))


def principal_for(a: runner.Snapshot, b: runner.Snapshot) -> access.Principal:
    """Who reads the pair: the lesser of what the run's user may see of each (public on a reported
    snapshot for a role that holds on demo data only)."""
    return min(access.viewing(a), access.viewing(b), key=lambda p: p.rank)


def run(name: str, a: runner.Snapshot, b: runner.Snapshot, **params) -> pd.DataFrame:
    """Run the question `name` over the snapshots a and b (`$a_date`, `$b_date` bound here), under the
    access rules of its `-- access:` line; its result is cached per pair of versions and parameters."""
    sql = QUESTIONS[name]
    expected = parameters_of(name) - {"a_date", "b_date"}
    if set(params) != expected:
        raise TypeError(f"question {name} takes {sorted(expected)}, got {sorted(params)}")
    principal = principal_for(a, b)
    params = access.admit(name, sql, params, principal)
    params |= {k: s.date for k, s in (("a_date", a), ("b_date", b)) if k in parameters_of(name)}
    key = (name, a, b, tuple(sorted(params.items())))
    frame = _results.get(key)
    if frame is None:
        frame = _query(sql, a, b, params)
        _results.put(key, frame)
    return access.trim(sql, params, frame.copy(deep=False), principal)


def _query(sql: str, a: runner.Snapshot, b: runner.Snapshot, params: dict) -> pd.DataFrame:
    """On a cursor of its own; once more if a snapshot moved to its checked copy as the query started."""
    cur = loading.connection().cursor()
    try:
        for attempt in range(3):
            catalogs = a.catalog, b.catalog
            if not all(CATALOG.match(c) for c in catalogs):
                raise ValueError(f"not a snapshot catalog: {catalogs}")
            try:
                return cur.execute(sql.format(a=catalogs[0], b=catalogs[1]), params).df()
            except (duckdb.CatalogException, duckdb.BinderException):
                if attempt == 2 or (a.catalog, b.catalog) == catalogs:
                    raise
        raise AssertionError("unreachable")
    finally:
        cur.close()


# --- the catalogue's KPIs at both dates -----------------------------------------------------------


def kpi_changes(
    a: runner.Snapshot, b: runner.Snapshot, scopes: list[str | None], keys: list[str] | None = None, **params
) -> pd.DataFrame:
    """Every catalogue KPI (or `keys`) at a and b for each scope (a park_id, None for the zone): one row per
    (key, scope) with value_a, value_b, change (b - a) and change_pct (of a's value; none for a percentage,
    whose change is in points), and the metric's sense (`better`)."""
    rows = []
    for key in keys or list(metrics.CATALOGUE):
        metric = metrics.CATALOGUE[key]
        for park_id in scopes:
            value_a = metrics.read(key, a, park_id, **params).value
            value_b = metrics.read(key, b, park_id, **params).value
            change = None if _missing(value_a) or _missing(value_b) else value_b - value_a
            pct = None
            if change is not None and metric.unit != "pct" and value_a:
                pct = 100.0 * change / abs(value_a)
            rows.append((key, park_id, value_a, value_b, change, pct, metric.better))
    columns = ["key", "park_id", "value_a", "value_b", "change", "change_pct", "better"]
    return pd.DataFrame(rows, columns=columns)


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def sense(change, better: str | None) -> str | None:
    """ "good", "bad" or None (no change, or no sense) for a change of a metric whose `better` is given."""
    if _missing(change) or change == 0 or better not in ("up", "down"):
        return None
    return "good" if (change > 0) == (better == "up") else "bad"
