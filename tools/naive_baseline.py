"""The benchmark's baseline (`JEDZ_BASELINE=naive` in `tools.bench`'s worker), the way most dashboards
start: pandas reads the parquet files a question needs on every run, and nothing is cached."""

import re

import duckdb
import pandas as pd

from queries import metrics, results
from queries.contract import TABLES
from queries.loading import Snapshot
from ui import kept_figures


def run_naive(name: str, snapshot: Snapshot, params: tuple) -> pd.DataFrame:
    con = duckdb.connect(":memory:")
    try:
        for table in TABLES:
            if re.search(rf"\b{table}\b", results.QUERIES[name]):
                con.register(table, pd.read_parquet(snapshot.path / f"{table}.parquet"))
        return con.execute(results.QUERIES[name], dict(params)).df()
    finally:
        con.close()


def install() -> None:
    """Answer every query of this process the naive way, and keep no catalogue reading nor figure either."""
    results.run = run_naive
    metrics.READINGS_KEPT = 0
    kept_figures.KEPT_FIGURES = 0
