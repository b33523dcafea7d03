"""Check a loaded snapshot against the data contract.

The tables are already in DuckDB (one schema per snapshot, each table carrying the
`file_row_number` of its source file), so every check is one SQL statement and every
problem can name the file, the column and the rows that break it.
"""

from dataclasses import dataclass

from queries.contract import TABLES, Table

ROW_COLUMN = "file_row_number"
MAX_ROWS_SHOWN = 5

INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
TYPE_FAMILIES = {
    "VARCHAR": {"VARCHAR"},
    "INTEGER": INTEGER_TYPES,
    "BIGINT": INTEGER_TYPES,
    "DOUBLE": INTEGER_TYPES | {"FLOAT", "DOUBLE", "DECIMAL"},
    "BOOLEAN": {"BOOLEAN"},
    "DATE": {"DATE", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP WITH TIME ZONE"},
}
DATE_COLUMNS = {
    "grid_staff": ("appointed_on",),
    "party_member_links": ("linked_on",),
    "economy_monthly": ("month",),
    "expansion_projects": ("started_on",),
    "labor_disputes": ("reported_on", "closed_on", "followed_up_on"),
}


@dataclass(frozen=True)
class Problem:
    file: str
    column: str
    message: str
    rows: tuple[int, ...] = ()
    row_count: int = 0

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.column:
            where += f", column {self.column}"
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows)
            more = f" (and {self.row_count - len(self.rows)} more)" if self.row_count > len(self.rows) else ""
            where += f", rows {shown}{more}"
        return f"{where}: {self.message}"


def type_family(duckdb_type: str) -> str:
    base = duckdb_type.split("(")[0].upper()
    return "DECIMAL" if base == "DECIMAL" else base


def check_columns(table: Table, present: dict[str, str], file: str) -> list[Problem]:
    """Missing columns and columns of the wrong type, from `{column: duckdb_type}`."""
    problems = []
    for col in table.columns + table.extras:
        if col.name not in present:
            if col in table.columns:
                problems.append(Problem(file, col.name, "required column is missing"))
            continue
        if type_family(present[col.name]) not in TYPE_FAMILIES[col.type]:
            problems.append(Problem(file, col.name, f"has type {present[col.name]}, expected {col.type.lower()}"))
    return problems


def _rows_where(cur, table: str, condition: str, params: dict | None = None) -> tuple[tuple[int, ...], int]:
    sql = (
        f"SELECT {ROW_COLUMN} + 1 AS r, count(*) OVER () AS n FROM {table}"
        f" WHERE {condition} ORDER BY r LIMIT {MAX_ROWS_SHOWN}"
    )
    found = cur.execute(sql, params or {}).fetchall()
    if not found:
        return (), 0
    return tuple(int(r) for r, _ in found), int(found[0][1])


def check_rows(cur, table: Table, file: str, present: set[str], as_of: str) -> list[Problem]:
    """Row-level rules of one table: nulls, keys, signs, categories, date range."""
    problems = []
    name = table.name

    def add(column: str, condition: str, message: str, params: dict | None = None) -> None:
        rows, n = _rows_where(cur, name, condition, params)
        if n:
            problems.append(Problem(file, column, message, rows, n))

    for col in table.columns + table.extras:
        if col.name not in present:
            continue
        q = f'"{col.name}"'
        if not col.nullable:
            add(col.name, f"{q} IS NULL", "empty value where one is required")
        if col.non_negative:
            add(col.name, f"{q} < 0", "negative value")
        if col.allowed:
            allowed = ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in col.allowed)
            add(
                col.name,
                f"{q} IS NOT NULL AND {q} NOT IN ({allowed})",
                f"value not one of {', '.join(map(str, col.allowed))}",
            )
    key = ", ".join(f'"{k}"' for k in table.key)
    if all(k in present for k in table.key):
        add(
            "+".join(table.key),
            f"({key}) IN (SELECT ({key}) FROM {name} GROUP BY {key} HAVING count(*) > 1)",
            "duplicate key",
        )
    for col in DATE_COLUMNS.get(name, ()):
        if col in present:
            add(
                col,
                f'CAST("{col}" AS DATE) > CAST($as_of AS DATE)',
                f"date after the snapshot date {as_of}",
                {"as_of": as_of},
            )
    return problems


def check_references(cur, present: dict[str, set[str]], files: dict[str, str]) -> list[Problem]:
    """Keys that must point at rows of other tables, and the grid hierarchy."""
    problems = []

    def add(table: str, column: str, condition: str, message: str) -> None:
        needed = set(column.split("+"))
        if table not in present or not needed <= present[table]:
            return
        rows, n = _rows_where(cur, table, condition)
        if n:
            problems.append(Problem(files[table], column, message, rows, n))

    for table in TABLES.values():
        if table.name != "parks" and "park_id" in present.get(table.name, set()) and "parks" in present:
            add(table.name, "park_id", "park_id NOT IN (SELECT park_id FROM parks)", "unknown park_id")
    if "grids" in present:
        add("grids", "parent_id", "level = 1 AND parent_id IS NOT NULL", "a level-1 grid has a parent")
        add("grids", "parent_id", "level > 1 AND parent_id IS NULL", "grid below level 1 has no parent")
        add(
            "grids",
            "parent_id",
            "parent_id IS NOT NULL AND parent_id NOT IN (SELECT grid_id FROM grids)",
            "parent grid does not exist",
        )
        add(
            "grids",
            "parent_id",
            "EXISTS (SELECT 1 FROM grids p WHERE p.grid_id = grids.parent_id"
            " AND (p.level <> grids.level - 1 OR p.park_id <> grids.park_id))",
            "parent grid is not one level up in the same park",
        )
        add(
            "enterprises",
            "grid_id",
            "grid_id NOT IN (SELECT grid_id FROM grids WHERE level = 3)",
            "grid is not a level-3 grid",
        )
        for table in ("grid_staff", "labor_disputes"):
            add(table, "grid_id", "grid_id NOT IN (SELECT grid_id FROM grids)", "unknown grid_id")
        add(
            "party_orgs",
            "grid_id",
            "grid_id IS NOT NULL AND grid_id NOT IN (SELECT grid_id FROM grids)",
            "unknown grid_id",
        )
    if "enterprises" in present:
        for table in ("expansion_projects", "labor_disputes"):
            add(
                table,
                "enterprise_id",
                "enterprise_id NOT IN (SELECT enterprise_id FROM enterprises)",
                "unknown enterprise_id",
            )
        add(
            "party_orgs",
            "enterprise_id",
            "enterprise_id IS NOT NULL AND enterprise_id NOT IN (SELECT enterprise_id FROM enterprises)",
            "unknown enterprise_id",
        )
    if "party_orgs" in present:
        add("party_member_links", "org_id", "org_id NOT IN (SELECT org_id FROM party_orgs)", "unknown org_id")
    add("labor_disputes", "closed_on", "closed_on < reported_on", "closed before it was reported")
    return problems


def column_types(cur, table: str) -> dict[str, str]:
    rows = cur.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = $t",
        {"t": table},
    ).fetchall()
    return {c: t for c, t in rows if c != ROW_COLUMN}


def check_loaded(cur, files: dict[str, str], as_of: str) -> list[Problem]:
    """All checks over the tables loaded into the cursor's current schema.

    `files` maps each loaded table to the file name used in messages.
    """
    problems: list[Problem] = []
    present: dict[str, set[str]] = {}
    for name, file in files.items():
        table = TABLES[name]
        types = column_types(cur, name)
        column_problems = check_columns(table, types, file)
        problems += column_problems
        bad = {p.column for p in column_problems}
        present[name] = {c for c in types if c not in bad}
        problems += check_rows(cur, table, file, present[name], as_of)
    problems += check_references(cur, present, files)
    return problems
