"""The checks come from the contract: a table declared there is checked with no edit to the validator."""

import duckdb

from queries import contract, runner, validate
from queries.contract import Column, Table

SHIPPED = runner.ROOT / "data" / "snapshots" / "2022-09-30"
INSPECTIONS = Table(
    "safety_inspections",
    "safety inspection of an enterprise",
    ("inspection_id",),
    (
        Column("inspection_id", "VARCHAR"),
        Column("park_id", "VARCHAR", references=contract.PARK),
        Column("enterprise_id", "VARCHAR", references=contract.ENTERPRISE, same_park=True),
        Column("inspected_on", "DATE"),
        Column("lon", "DOUBLE", coordinate="lon"),
        Column("lat", "DOUBLE", coordinate="lat"),
    ),
    (Column("result", "VARCHAR", nullable=True, allowed=("合格", "整改")),),
)
# rows 2-7 as a spreadsheet numbers them; row 2 is valid, each other breaks one declared rule
ROWS = """
    ('I1', 'wuli', 'E00001', DATE '2022-09-01', 118.53, 24.75, '合格'),
    ('I2', 'nowhere', 'E00001', DATE '2022-09-01', 118.53, 24.75, '合格'),
    ('I3', 'wuli', 'E99999', DATE '2022-09-01', 118.53, 24.75, '整改'),
    ('I4', 'wuli', 'E00001', DATE '2022-10-08', 118.53, 24.75, NULL),
    ('I5', 'wuli', 'E00001', DATE '1999-12-31', 24.75, 118.53, '合格'),
    ('I6', 'andong', 'E00001', DATE '2022-09-01', 118.53, 24.75, '不合格')
"""


def test_a_new_table_gets_its_date_reference_and_coordinate_checks(monkeypatch):
    monkeypatch.setitem(contract.TABLES, INSPECTIONS.name, INSPECTIONS)
    con = duckdb.connect(":memory:")
    cur = con.cursor()
    for name in ("parks", "enterprises"):
        path = str(SHIPPED / f"{name}.parquet")
        cur.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}', file_row_number = true)")
    firm_park = cur.execute("SELECT park_id FROM enterprises WHERE enterprise_id = 'E00001'").fetchone()[0]
    assert firm_park == "wuli"  # row 7 files E00001 under andong
    cur.execute(
        "CREATE TABLE safety_inspections AS SELECT row_number() OVER () AS file_row_number, * FROM (VALUES"
        f" {ROWS}) t(inspection_id, park_id, enterprise_id, inspected_on, lon, lat, result)"
    )
    files = {"parks": "parks.csv", "enterprises": "enterprises.csv", "safety_inspections": "safety_inspections.csv"}
    problems = [str(p) for p in validate.check_loaded(cur, files, "2022-09-30")]
    con.close()
    file, SWAPPED = "safety_inspections.csv", "are lon and lat swapped, or not WGS-84 degrees?"
    assert sorted(problems) == sorted(
        [
            f"{file}, column park_id, rows 3: unknown park_id",
            f"{file}, column enterprise_id, rows 4: unknown enterprise_id",
            f"{file}, column park_id, rows 7: park_id is not the park of its enterprise",
            f"{file}, column inspected_on, rows 5: date after the snapshot date 2022-09-30",
            f"{file}, column inspected_on, rows 6: date before 2000-01-01",
            f"{file}, column lon, rows 6: lon outside China (73 to 136): {SWAPPED}",
            f"{file}, column lat, rows 6: lat outside China (3 to 54): {SWAPPED}",
            f"{file}, column result, rows 7: value not one of 合格, 整改",
        ]
    )


def test_every_reference_the_contract_declares_names_a_key_of_a_table():
    for table in contract.TABLES.values():
        for col in table.all_columns:
            if col.references:
                target, key = contract.referenced(col)
                assert key in contract.TABLES[target].column_names, (table.name, col.name)
                assert not col.same_park or "park_id" in contract.TABLES[target].column_names
