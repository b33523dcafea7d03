"""Check a loaded snapshot against the data contract.

The tables are already in DuckDB (one schema per snapshot, each table carrying the
`file_row_number` of its source file), so every check is one SQL statement and every
problem can name the file, the column and the rows that break it.

Two callers share these checks, so the dashboard and the ingest command agree on what is valid:
queries/runner.py (parquet snapshots, `file_row_number` counted from 0, rows shown from 1) and
tools/ingest.py (CSV/XLSX exports, `file_row_number` set so that rows are shown as the
spreadsheet numbers them: header row 1, data from row 2).

A check never raises on bad data: a column of the wrong type is left out of every check that
reads it, and a statement that still fails becomes a problem of its own.
"""

import datetime as dt
from dataclasses import dataclass

import duckdb

from queries.contract import TABLES, Table, referenced

ROW_COLUMN = "file_row_number"
MAX_ROWS_SHOWN = 5
EARLIEST_DATE = "2000-01-01"  # no date of the zone's grid governance comes before this
# WGS-84 box around China: a point outside it is a typo, swapped lon/lat, or projected coordinates
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
TYPE_FAMILIES = {
    "VARCHAR": {"VARCHAR"},
    "INTEGER": INTEGER_TYPES,
    "BIGINT": INTEGER_TYPES,
    "DOUBLE": INTEGER_TYPES | {"FLOAT", "DOUBLE", "DECIMAL"},
    "BOOLEAN": {"BOOLEAN"},
    "DATE": {"DATE", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP WITH TIME ZONE"},
}
COORDINATE_RANGES = {"lon": LON_RANGE, "lat": LAT_RANGE}

# Chinese for each fixed message (the English text stays the message, as the dashboard shows it)
ZH = {
    "file is missing": "文件缺失",
    "required column is missing": "缺少必需的列",
    "empty value where one is required": "必填项为空",
    "negative value": "不能为负数",
    "duplicate key": "主键重复",
    "unknown park_id": "park_id 在 parks 表中不存在",
    "a level-1 grid has a parent": "一级网格不应有上级网格(parent_id 应为空)",
    "grid below level 1 has no parent": "二、三级网格缺少上级网格(parent_id 为空)",
    "parent grid does not exist": "上级网格在 grids 表中不存在",
    "parent grid is not one level up in the same park": "上级网格不是同一园区内高一级的网格",
    "grid is not a level-3 grid": "所在网格不是三级(企业地块)网格",
    "unknown grid_id": "grid_id 在 grids 表中不存在",
    "unknown enterprise_id": "enterprise_id 在 enterprises 表中不存在",
    "unknown org_id": "org_id 在 party_orgs 表中不存在",
    "closed before it was reported": "结案日期早于受理日期",
    "followed up before it was closed": "回访日期早于结案日期",
    "month is not the first day of a month (e.g. 2022-09-01)": "月份应写作当月第一天(如 2022-09-01)",
    "park_id is not the park of its grid": "park_id 与所在网格的园区不一致",
    "park_id is not the park of its enterprise": "park_id 与所属企业的园区不一致",
    "park_id is not the park of its party organisation": "park_id 与所属党组织的园区不一致",
}


@dataclass(frozen=True)
class Problem:
    file: str
    column: str
    message: str
    rows: tuple[int, ...] = ()
    row_count: int = 0
    zh: str = ""  # the message in Chinese, when there is one

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.column:
            where += f", column {self.column}"
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows)
            more = f" (and {self.row_count - len(self.rows)} more)" if self.row_count > len(self.rows) else ""
            where += f", rows {shown}{more}"
        return f"{where}: {self.message}"

    def chinese(self) -> str:
        """The problem in Chinese: 文件 parks.csv,列 lon,第 3、8 行:…(English when no translation)."""
        where = f"文件 {self.file}"
        if self.column:
            where += f",列 {self.column}"
        if self.rows:
            where += ",第 " + "、".join(str(r) for r in self.rows) + " 行"
            if self.row_count > len(self.rows):
                where += f"(另有 {self.row_count - len(self.rows)} 行)"
        return f"{where}:{self.zh or self.message}"

    def text(self, lang: str = "en") -> str:
        return self.chinese() if lang == "zh" else str(self)


def problem(file: str, column: str, message: str, rows=(), row_count: int = 0, *, zh: str = "") -> Problem:
    """A Problem whose Chinese comes from ZH when not given."""
    return Problem(file, column, message, tuple(rows), row_count, zh or ZH.get(message, ""))


def type_family(duckdb_type: str) -> str:
    base = duckdb_type.split("(")[0].upper()
    return "DECIMAL" if base == "DECIMAL" else base


def check_columns(table: Table, present: dict[str, str], file: str) -> list[Problem]:
    """Missing columns and columns of the wrong type, from `{column: duckdb_type}`."""
    problems = []
    for col in table.all_columns:
        if col.name not in present:
            if col in table.columns:
                problems.append(problem(file, col.name, "required column is missing"))
            continue
        if type_family(present[col.name]) not in TYPE_FAMILIES[col.type]:
            problems.append(
                problem(
                    file,
                    col.name,
                    f"has type {present[col.name]}, expected {col.type.lower()}",
                    zh=f"类型为 {present[col.name]},应为 {col.type.lower()}",
                )
            )
    return problems


def _rows_where(
    cur, table: str, condition: str, params: dict | None = None, limit: int = MAX_ROWS_SHOWN
) -> tuple[tuple[int, ...], int]:
    sql = (
        f"SELECT {ROW_COLUMN} + 1 AS r, count(*) OVER () AS n FROM {table}"
        f" WHERE {condition} ORDER BY r LIMIT {int(limit)}"
    )
    found = cur.execute(sql, params or {}).fetchall()
    if not found:
        return (), 0
    return tuple(int(r) for r, _ in found), int(found[0][1])


@dataclass(frozen=True)
class _Rule:
    table: str
    file: str
    column: str
    condition: str  # true for the rows that break the rule
    message: str
    params: tuple = ()
    zh: str = ""


class _Collector:
    """Gathers one condition per rule and turns the rows each finds into problems; never raises on data.

    One scan per table counts the rows breaking each of its rules (a hundred small queries cost more
    than the scans); only rules that find rows ask for them. Where a table's scan fails (a condition
    that cannot run on its columns), its rules run one at a time, and a rule that still fails becomes
    a problem of its own.
    """

    def __init__(self, cur, limit: int):
        self.cur, self.limit, self.rules = cur, limit, []

    def add(self, table: str, file: str, column: str, condition: str, message: str, params=None, zh="") -> None:
        self.rules.append(_Rule(table, file, column, condition, message, tuple((params or {}).items()), zh))

    def problems(self) -> list[Problem]:
        """Run the rules gathered; the problems they find, in the order the rules were added."""
        counts = {}
        for table in dict.fromkeys(rule.table for rule in self.rules):
            rules = [rule for rule in self.rules if rule.table == table]
            counts.update(zip(rules, self._counts(table, rules), strict=True))
        found = []
        for rule in self.rules:
            if counts[rule] == 0:
                continue
            try:
                rows, n = _rows_where(self.cur, rule.table, rule.condition, dict(rule.params), self.limit)
            except duckdb.Error as error:
                first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                found.append(
                    problem(rule.file, rule.column, f"could not be checked ({first})", zh=f"无法校验({first})")
                )
                continue
            if n:
                found.append(problem(rule.file, rule.column, rule.message, rows, n, zh=rule.zh))
        return found

    def _counts(self, table: str, rules: list[_Rule]) -> list[int | None]:
        """How many rows break each rule, in one scan; None for each where the scan fails."""
        params = {name: value for rule in rules for name, value in rule.params}
        counts = ", ".join(f"count(*) FILTER (WHERE {rule.condition})" for rule in rules)
        try:
            return list(self.cur.execute(f"SELECT {counts} FROM {table}", params).fetchone())
        except duckdb.Error:
            return [None] * len(rules)  # each rule on its own finds which one cannot run


def _literal(value) -> str:
    return "'" + value.replace("'", "''") + "'" if isinstance(value, str) else str(value)


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


def check_rows(
    cur,
    table: Table,
    file: str,
    present: set[str],
    as_of: str,
    *,
    skip_empty: set[str] = frozenset(),
    limit: int = MAX_ROWS_SHOWN,
) -> list[Problem]:
    """Row-level rules of one table: nulls, keys, signs, categories, date range, coordinates.

    `skip_empty` names columns whose empty values the caller has already reported.
    """
    out = _Collector(cur, limit)
    name = table.name

    def add(column: str, condition: str, message: str, params: dict | None = None, zh: str = "") -> None:
        out.add(name, file, column, condition, message, params, zh)

    for col in table.all_columns:
        if col.name not in present:
            continue
        q = f'"{col.name}"'
        if not col.nullable and col.name not in skip_empty:
            add(col.name, f"{q} IS NULL", "empty value where one is required")
        if col.non_negative:
            add(col.name, f"{q} < 0", "negative value")
        if col.allowed:
            allowed = ", ".join(_literal(v) for v in col.allowed)
            listed = ", ".join(map(str, col.allowed))
            add(
                col.name,
                f"{q} IS NOT NULL AND {q} NOT IN ({allowed})",
                f"value not one of {listed}",
                zh=f"取值不在允许范围内(只能是 {listed})",
            )
    key = ", ".join(f'"{k}"' for k in table.key)
    if all(k in present for k in table.key):
        add(
            "+".join(table.key),
            f"({key}) IN (SELECT ({key}) FROM {name} GROUP BY {key} HAVING count(*) > 1)",
            "duplicate key",
        )
    dated = _real_date(as_of)
    for col in table.all_columns:
        if col.type != "DATE" or col.name not in present:
            continue
        q = f'"{col.name}"'
        if dated:
            add(
                col.name,
                f"CAST({q} AS DATE) > CAST($as_of AS DATE)",
                f"date after the snapshot date {as_of}",
                {"as_of": as_of},
                zh=f"日期晚于快照日期 {as_of}",
            )
        add(
            col.name,
            f"CAST({q} AS DATE) < DATE '{EARLIEST_DATE}'",
            f"date before {EARLIEST_DATE}",
            zh=f"日期早于 {EARLIEST_DATE}",
        )
    if name == "economy_monthly" and "month" in present:
        add("month", "day(CAST(month AS DATE)) <> 1", "month is not the first day of a month (e.g. 2022-09-01)")
    for col in table.all_columns:
        if not col.coordinate or col.name not in present:
            continue
        low, high = COORDINATE_RANGES[col.coordinate]
        q, axis = f'"{col.name}"', col.coordinate
        add(
            col.name,
            f"{q} IS NOT NULL AND NOT ({q} BETWEEN {low} AND {high})",
            f"{axis} outside China ({low:g} to {high:g}): are lon and lat swapped, or not WGS-84 degrees?",
            zh=f"{axis} 超出中国范围({low:g}~{high:g}):经纬度是否写反,或不是 WGS-84 度数?",
        )
    return out.problems()


# Each reference rule: (table, column shown, condition, message, {table: columns the condition reads})
Rule = tuple[str, str, str, str, dict[str, set[str]]]


def _declared_references(tables: dict[str, Table]) -> list[Rule]:
    """The rules of each column's `references` (an unknown key) and `same_park` (the park of what it hangs on)."""
    rules = []
    for table in tables.values():
        for col in table.all_columns:
            if not col.references:
                continue
            target, key = referenced(col)
            q = f'"{col.name}"'
            rules.append(
                (
                    table.name,
                    col.name,
                    f'{q} IS NOT NULL AND {q} NOT IN (SELECT "{key}" FROM {target} WHERE "{key}" IS NOT NULL)',
                    f"unknown {col.name}",
                    {table.name: {col.name}, target: {key}},
                )
            )
    # a row's park is the park of what it hangs on (an unknown park is reported as such, not twice)
    for table in tables.values():
        for col in table.all_columns:
            if not col.same_park:
                continue
            target, key = referenced(col)
            rules.append(
                (
                    table.name,
                    "park_id",
                    f'EXISTS (SELECT 1 FROM {target} p WHERE p."{key}" = {table.name}."{col.name}"'
                    f" AND p.park_id <> {table.name}.park_id AND p.park_id IN (SELECT park_id FROM parks)"
                    f" AND {table.name}.park_id IN (SELECT park_id FROM parks))",
                    f"park_id is not the park of its {tables[target].noun or target}",
                    {table.name: {"park_id", col.name}, target: {"park_id", key}, "parks": {"park_id"}},
                )
            )
    return rules


# The zone's own structure, beyond what a column declares: the grid hierarchy and the order of a case's dates
GRID_COLUMNS = {"grid_id", "level", "parent_id", "park_id"}
STRUCTURE_RULES: list[Rule] = [
    (
        "grids",
        "parent_id",
        "level = 1 AND parent_id IS NOT NULL",
        "a level-1 grid has a parent",
        {"grids": GRID_COLUMNS},
    ),
    (
        "grids",
        "parent_id",
        "level > 1 AND parent_id IS NULL",
        "grid below level 1 has no parent",
        {"grids": GRID_COLUMNS},
    ),
    (
        "grids",
        "parent_id",
        "parent_id IS NOT NULL AND parent_id NOT IN (SELECT grid_id FROM grids WHERE grid_id IS NOT NULL)",
        "parent grid does not exist",
        {"grids": GRID_COLUMNS},
    ),
    (
        "grids",
        "parent_id",
        "EXISTS (SELECT 1 FROM grids p WHERE p.grid_id = grids.parent_id"
        " AND (p.level <> grids.level - 1 OR p.park_id <> grids.park_id))",
        "parent grid is not one level up in the same park",
        {"grids": GRID_COLUMNS},
    ),
    (
        "enterprises",
        "grid_id",
        "grid_id IN (SELECT grid_id FROM grids WHERE level <> 3)",
        "grid is not a level-3 grid",
        {"enterprises": {"grid_id"}, "grids": {"grid_id", "level"}},
    ),
    (
        "labor_disputes",
        "closed_on",
        "closed_on < reported_on",
        "closed before it was reported",
        {"labor_disputes": {"reported_on", "closed_on"}},
    ),
    (
        "labor_disputes",
        "followed_up_on",
        "followed_up_on < closed_on",
        "followed up before it was closed",
        {"labor_disputes": {"closed_on", "followed_up_on"}},
    ),
]


def reference_rules(tables: dict[str, Table] | None = None) -> list[Rule]:
    """Every rule across tables: those the contract declares, then the zone's structure."""
    return _declared_references(TABLES if tables is None else tables) + STRUCTURE_RULES


def check_references(
    cur, present: dict[str, set[str]], files: dict[str, str], *, limit: int = MAX_ROWS_SHOWN
) -> list[Problem]:
    """Keys that must point at rows of other tables, the grid hierarchy, and the order of dates.

    A rule runs only when every table and column it reads is present and of the right type.
    """
    out = _Collector(cur, limit)
    for table, column, condition, message, needs in reference_rules():
        if all(t in present and cols <= present[t] for t, cols in needs.items()):
            out.add(table, files[table], column, condition, message)
    return out.problems()


def column_types(cur, table: str) -> dict[str, str]:
    # duckdb_columns() rather than information_schema.columns: the same types, a tenth of the time
    rows = cur.execute(
        "SELECT column_name, data_type FROM duckdb_columns()"
        " WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = $t"
        " ORDER BY column_index",
        {"t": table},
    ).fetchall()
    return {c: t for c, t in rows if c != ROW_COLUMN}


def check_loaded(
    cur,
    files: dict[str, str],
    as_of: str,
    *,
    unreadable: dict[str, set[str]] | None = None,
    limit: int = MAX_ROWS_SHOWN,
) -> list[Problem]:
    """All checks over the tables loaded into the cursor's current schema.

    `files` maps each loaded table to the file name used in messages; `as_of` is the snapshot date.
    `unreadable` names, per table, columns in which the caller found values it could not read (and
    reported): they hold NULL there, so their empty values are not reported again here.
    `limit` is how many rows each problem names.
    """
    problems: list[Problem] = []
    unreadable = unreadable or {}
    if not _real_date(as_of):
        problems.append(
            problem(
                as_of,
                "",
                "is not a real date (YYYY-MM-DD), so dates cannot be checked against it",
                zh="不是有效日期(YYYY-MM-DD),无法据此校验日期",
            )
        )
    present: dict[str, set[str]] = {}
    for name, file in files.items():
        table = TABLES[name]
        types = column_types(cur, name)
        column_problems = check_columns(table, types, file)
        problems += column_problems
        bad = {p.column for p in column_problems}
        present[name] = {c for c in types if c not in bad}
        problems += check_rows(
            cur, table, file, present[name], as_of, skip_empty=unreadable.get(name, set()), limit=limit
        )
    problems += check_references(cur, present, files, limit=limit)
    add_missing_extras(cur, files)
    return problems


def add_missing_extras(cur, files: dict[str, str]) -> None:
    """Add each optional column a loaded table lacks, empty, so that the queries can read it
    (a snapshot written before the column was declared stays valid)."""
    for name in files:
        types = column_types(cur, name)
        for col in TABLES[name].extras:
            if col.name not in types:
                cur.execute(f'ALTER TABLE {name} ADD COLUMN "{col.name}" {col.type}')
