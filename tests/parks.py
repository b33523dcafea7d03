"""The parks of a snapshot, for tests that go through every park: they are data, not a list in code.

Read at collection time (parametrize), before the session's fixtures run, so the dashboard's own
`parks` query runs over the snapshot's parquet in a connection of its own, not through the runner
(which would load and check the snapshot and keep a checked copy outside the test session's folder).
"""

from pathlib import Path

import duckdb

from queries import runner

LATEST = "2022-09-30"


def park_ids(folder: Path | None = None) -> list[str]:
    """The park_ids of a snapshot folder (the shipped latest by default), in the `parks` query's order."""
    folder = folder or runner.ROOT / "data" / "snapshots" / LATEST
    con = duckdb.connect(":memory:")
    try:
        path = str(folder / "parks.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW parks AS SELECT * FROM read_parquet('{path}')")
        return [row[0] for row in con.execute(runner.QUERIES["parks"]).fetchall()]
    finally:
        con.close()


PARK_IDS = park_ids()
