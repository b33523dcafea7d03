"""Snapshots of the demo world: the tables as they stood on a day, written with the contract's types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from queries.contract import OPEN_OUTCOMES, TABLES, Table
from tools.demo_common import day
from tools.demo_geo import feature_collection

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
}
GEO_DESCRIPTION = (
    "示意轮廓,非测绘成果:园区位置为近似中心,形状与网格划分为演示数据生成器虚构,可用实测轮廓(WGS-84,保留相同的 "
    "park_id/grid_id 属性)替换。Schematic outlines, not surveyed: park positions are approximate centres, shapes and "
    "grid layouts are invented by the demo-data generator (tools/generate_demo.py); replace them with surveyed "
    "outlines (WGS-84, same park_id/grid_id properties)."
)


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.type], nullable=c.nullable) for c in table.columns + table.extras])


def _later(values, on: np.datetime64) -> np.ndarray:
    v = np.asarray(values, dtype="datetime64[D]")
    return ~np.isnat(v) & (v > on)


def _mask_after(values, on: np.datetime64) -> np.ndarray:
    v = np.asarray(values, dtype="datetime64[D]").copy()
    v[_later(v, on)] = np.datetime64("NaT")
    return v


def snapshot(world, on: dt.date) -> dict[str, pd.DataFrame]:
    """Every contract table as the world stood at the end of day `on`."""
    d = day(on)
    out: dict[str, pd.DataFrame] = {
        "parks": world.parks,
        "grids": world.grids,
        "enterprises": world.enterprises,
    }
    staff = world.staff
    out["grid_staff"] = staff[~_later(staff["appointed_on"], d)]
    orgs = world.orgs.copy()
    orgs["first_batch"] = ~np.isnat(orgs["joined_on"].to_numpy(dtype="datetime64[D]")) & ~_later(orgs["joined_on"], d)
    out["party_orgs"] = orgs
    links = world.links
    out["party_member_links"] = links[~_later(links["linked_on"], d)]
    eco = world.economy
    out["economy_monthly"] = eco[~_later(eco["month"], d)]
    pr = world.projects[~_later(world.projects["started_on"], d)].copy()
    built = ~_later(pr["build_on"], d)
    done = ~_later(pr["done_on"], d)
    pr["status"] = np.where(done, "竣工", np.where(built, "在建", "前期"))
    out["expansion_projects"] = pr
    out["labor_disputes"] = _disputes_on(world.disputes, d)
    for name, df in out.items():
        out[name] = _conform(TABLES[name], df)
    return out


WAITING, MEDIATING = OPEN_OUTCOMES


def _disputes_on(cases: pd.DataFrame, d: np.datetime64) -> pd.DataFrame:
    """Cases reported by `d`, with the stage and outcome they had that day.

    Open: 事前/待调处 before mediation starts, 事中/调解中 after. Closed: 事前/预警化解 when an early
    warning was defused at source, 事中/<result> after mediation, 事后/<result> once followed up.
    """
    c = cases[~_later(cases["reported_on"], d)].copy()
    closed_on = _mask_after(c["closed_on"], d)
    followed = _mask_after(c["followed_up_on"], d)
    closed = ~np.isnat(closed_on)
    mediating = ~_later(c["mediated_on"], d) & ~np.isnat(c["mediated_on"].to_numpy(dtype="datetime64[D]"))
    defused = c["defused"].to_numpy()
    c["closed_on"] = closed_on
    c["followed_up_on"] = followed
    c["stage"] = np.where(
        ~np.isnat(followed),
        "事后",
        np.where(closed, np.where(defused, "事前", "事中"), np.where(mediating, "事中", "事前")),
    )
    c["outcome"] = np.where(closed, c["final_outcome"].to_numpy(dtype=object), np.where(mediating, MEDIATING, WAITING))
    return c


def _conform(table: Table, df: pd.DataFrame) -> pd.DataFrame:
    cols = [c.name for c in table.columns + table.extras]
    return df[cols].sort_values(list(table.key), kind="stable").reset_index(drop=True)


def to_arrow(table: Table, df: pd.DataFrame) -> pa.Table:
    schema = arrow_schema(table)
    arrays = []
    for f in schema:
        s = df[f.name]
        if pa.types.is_date32(f.type):
            v = s.to_numpy(dtype="datetime64[D]")
            arr = pa.array(v, type=f.type, mask=np.isnat(v))
        elif pa.types.is_string(f.type):
            arr = pa.array([None if pd.isna(x) else str(x) for x in s.to_numpy(dtype=object)], type=f.type)
        elif pa.types.is_boolean(f.type):
            arr = pa.array(s.to_numpy(dtype=bool), type=f.type)
        elif pa.types.is_floating(f.type):
            arr = pa.array(s.to_numpy(dtype=np.float64), type=f.type)
        else:
            v = s.to_numpy(dtype=np.int64)
            if f.type == pa.int32() and (np.abs(v) > 2**31 - 1).any():
                raise OverflowError(f"{table.name}.{f.name} does not fit INTEGER")
            arr = pa.array(v, type=f.type)
        if not f.nullable and arr.null_count:
            raise ValueError(f"{table.name}.{f.name}: {arr.null_count} nulls in a non-nullable column")
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=schema)


def write_snapshot(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in TABLES.items():
        pq.write_table(to_arrow(table, tables[name]), folder / f"{name}.parquet", compression="zstd")


def write_geo(world, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "parks.geojson").write_text(
        feature_collection(
            "晋江经济开发区 园区示意轮廓 (schematic park outlines)", GEO_DESCRIPTION, world.park_features
        ),
        encoding="utf-8",
    )
    (folder / "grids.geojson").write_text(
        feature_collection(
            "晋江经济开发区 三级网格示意划分 (schematic grids, levels 1-3)", GEO_DESCRIPTION, world.grid_features
        ),
        encoding="utf-8",
    )
