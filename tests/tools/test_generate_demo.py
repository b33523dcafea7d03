"""The demo-data generator: reproducible, typed as the contract says, calibrated to the article."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

from queries.contract import ROLES, STAGES, TABLES
from tests.parks import PARK_IDS
from tools.demo_names import FORBIDDEN
from tools.generate_demo import SHIPPED, main

SNAPS = ("2022-03-31", "2022-06-30", "2022-09-30")
LAST = SHIPPED / "snapshots" / SNAPS[-1]
TYPES = {
    "VARCHAR": "string",
    "INTEGER": "int32",
    "BIGINT": "int64",
    "DOUBLE": "double",
    "BOOLEAN": "bool",
    "DATE": "date32[day]",
}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["--out", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scale2")
    assert main(["--out", str(out), "--scale", "2", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    for name in TABLES:
        c.execute(f"create view {name} as select * from read_parquet('{LAST / (name + '.parquet')}')")
    yield c
    c.close()


def one(con, sql: str):
    return con.execute(sql).fetchall()[0][0]


def read(snap: str, table: str, base: Path = SHIPPED) -> pd.DataFrame:
    return pd.read_parquet(base / "snapshots" / snap / f"{table}.parquet")


# --- reproducible, and typed as the contract says ---------------------------------------------


@pytest.mark.parametrize("snap", SNAPS)
@pytest.mark.parametrize("table", list(TABLES))
def test_regenerated_tables_equal_committed(regenerated, snap, table):
    assert_frame_equal(read(snap, table, regenerated), read(snap, table))


@pytest.mark.parametrize("name", ["parks.geojson", "grids.geojson"])
def test_regenerated_geo_identical(regenerated, name):
    assert (regenerated / "geo" / name).read_bytes() == (SHIPPED / "geo" / name).read_bytes()


@pytest.mark.parametrize("snap", SNAPS)
def test_columns_and_types_follow_contract(snap):
    for name, table in TABLES.items():
        schema = pq.read_schema(SHIPPED / "snapshots" / snap / f"{name}.parquet")
        cols = table.columns + table.extras
        assert schema.names == [c.name for c in cols], name
        assert [str(f.type) for f in schema] == [TYPES[c.type] for c in cols], name
        df = read(snap, name)
        for c in cols:
            if not c.nullable:
                assert df[c.name].notna().all(), (name, c.name)
            if c.allowed:
                assert set(df[c.name].dropna()) <= set(c.allowed), (name, c.name)
            if c.non_negative:
                assert (df[c.name] >= 0).all(), (name, c.name)
        assert df.set_index(list(table.key)).index.is_unique, name


# --- calibration: the 2022-09-30 snapshot gives back the article's figures --------------------


def test_published_figures_csv(con):
    """Every figure of data/published_figures.csv that the tables carry, computed from them."""
    sql = {
        "parks": "select count(*) from parks",
        "grids_level1": "select count(*) from grids where level = 1 {park}",
        "grids_level2": "select count(*) from grids where level = 2 {park}",
        "grids_level3": "select count(*) from grids where level = 3 {park}",
        "enterprise_grid_party_orgs": "select count(*) from party_orgs where org_type = '企业网格党组织' {park}",
        "service_groups": "select count(distinct service_group) from grids where level = 3 {park}",
        "enterprise_grid_workers": "select count(*) from grid_staff where role = '网格员' and is_enterprise_employee",
        "first_batch_party_orgs": "select count(*) from party_orgs where first_batch",
        "first_batch_party_members": "select sum(members) from party_orgs where first_batch",
        "linked_workers_min": "select min(linked_workers) from party_member_links",
        "linked_workers_max": "select max(linked_workers) from party_member_links",
        "expansion_enterprises": "select count(distinct enterprise_id) from expansion_projects",
        "expansion_floor_area_m2": "select sum(added_floor_area_m2) from expansion_projects",
        "expansion_investment_yuan": "select sum(planned_investment_yuan) from expansion_projects",
        "dispute_cases": "select count(*) from labor_disputes",
        "dispute_workers": "select sum(workers_involved) from labor_disputes",
        "dispute_amount_yuan": "select sum(amount_yuan) from labor_disputes",
    }
    for ind in ("industrial_output", "fixed_asset_investment", "above_quota_sales", "retail_sales"):
        where = f"from economy_monthly where indicator = '{ind}'"
        sql[f"{ind}_yuan"] = f"select sum(value_yuan) {where}"
        sql[f"{ind}_growth_pct"] = f"select round((sum(value_yuan) / sum(prior_year_value_yuan) - 1) * 100, 2) {where}"
    checked = 0
    with open(SHIPPED / "published_figures.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["key"] not in sql:
                continue
            park = f"and park_id = '{row['park_id']}'" if row["park_id"] else ""
            got = one(con, sql[row["key"]].format(park=park))
            assert float(got) == pytest.approx(float(row["value"]), abs=1e-9), (row["key"], row["park_id"], got)
            checked += 1
    assert checked >= 28


def test_grid_counts_per_park(con):
    got = {(p, lv): n for p, lv, n in con.execute("select park_id, level, count(*) from grids group by all").fetchall()}
    expected = {
        "wuli": (3, 26, 520),
        "andong": (1, 5, 144),
        "food": (2, 13, 270),
        "sanchuang": (1, 4, 110),
        "bonded": (1, 10, 135),
    }
    for park, counts in expected.items():
        assert tuple(got[(park, lv)] for lv in (1, 2, 3)) == counts
    names = con.execute("select name_zh from grids where park_id = 'sanchuang' and level = 2").fetchall()
    assert sorted(n for (n,) in names) == sorted(["创客大街", "研发设计中心", "海归人员创业中心", "人才公寓"])
    assert (
        one(con, "select count(*) from grids where level = 3 and park_id = 'sanchuang' and service_group is null") == 0
    )
    assert one(con, "select count(*) from grids where park_id <> 'sanchuang' and service_group is not null") == 0


def test_grid_hierarchy_and_enterprises(con):
    assert one(con, "select count(*) from grids where (level = 1) <> (parent_id is null)") == 0
    assert (
        one(
            con,
            """select count(*) from grids c join grids p on c.parent_id = p.grid_id
                       where p.level <> c.level - 1 or p.park_id <> c.park_id""",
        )
        == 0
    )
    assert (
        one(
            con,
            """select count(*) from enterprises e left join grids g using (grid_id)
                       where g.level is distinct from 3 or g.park_id <> e.park_id""",
        )
        == 0
    )
    assert one(con, "select count(*) from grids g anti join enterprises e using (grid_id) where g.level = 3") == 0
    assert 1350 <= one(con, "select count(*) from enterprises") <= 1450
    assert one(con, "select count(distinct name_zh) = count(*) from enterprises")
    rows = con.execute("select name_zh from enterprises union all select name_zh from grids").fetchall()
    names = " ".join(n for (n,) in rows)
    assert not [f for f in FORBIDDEN if f in names]


def test_staff(con):
    covered = one(
        con,
        """select count(distinct grid_id) from grid_staff
                          where role = '网格员' and is_enterprise_employee""",
    )
    assert 0.95 <= covered / 1179 <= 0.97
    assert (
        one(
            con,
            """select count(*) from grid_staff s join grids g using (grid_id)
                       where g.level < 3 and s.role = '网格长'""",
        )
        == 66
    )
    assert (
        one(
            con,
            """select count(*) from grid_staff s join grids g using (grid_id)
                       where s.is_enterprise_employee <> (g.level = 3)""",
        )
        == 0
    )
    assert {r for (r,) in con.execute("select distinct role from grid_staff").fetchall()} == set(ROLES)
    assert 0.20 <= one(con, "select avg(is_party_member::int) from grid_staff") <= 0.35


def test_party(con):
    assert (
        one(
            con,
            """select count(*) from party_orgs o join
                       (select org_id, count(*) n from party_member_links group by 1) l using (org_id)
                       where o.members <> l.n or not o.first_batch""",
        )
        == 0
    )
    assert one(con, "select count(distinct org_id) from party_member_links") == 40
    assert one(con, "select count(*) from party_orgs where first_batch and org_type <> '企业网格党组织'") == 0
    assert one(con, "select count(distinct park_id) from party_orgs where first_batch") == 5
    assert (
        one(
            con,
            """select count(*) from party_orgs o join enterprises e using (enterprise_id)
                       where o.grid_id <> e.grid_id or o.park_id <> e.park_id""",
        )
        == 0
    )


def test_disputes_loop(con):
    df = con.execute("select * from labor_disputes").df()
    assert set(df["stage"]) == set(STAGES)
    open_ = df["closed_on"].isna()
    assert 15 <= open_.sum() <= 25
    assert set(df.loc[open_, "outcome"]) <= {"待调处", "调解中"}
    assert (df.loc[open_, "reported_on"] < pd.Timestamp("2022-08-31")).sum() >= 3
    closed = df[~open_]
    days = (pd.to_datetime(closed["closed_on"]) - pd.to_datetime(closed["reported_on"])).dt.days
    assert days.min() >= 0 and days.max() <= 90 and 8 <= days.median() <= 12
    assert (df["followed_up_on"].notna() == (df["stage"] == "事后")).all()
    fu = df[df["followed_up_on"].notna()]
    lag = (pd.to_datetime(fu["followed_up_on"]) - pd.to_datetime(fu["closed_on"])).dt.days
    assert lag.between(7, 30).all()
    assert (df.loc[df["outcome"] == "预警化解", "stage"].isin(["事前", "事后"])).all()
    assert (
        one(
            con,
            """select count(*) from labor_disputes d join enterprises e using (enterprise_id)
                       where d.grid_id <> e.grid_id or d.park_id <> e.park_id""",
        )
        == 0
    )


# --- earlier snapshots: earlier states of the same world --------------------------------------


def test_earlier_snapshots_are_smaller_and_consistent():
    growing = ["grid_staff", "party_member_links", "economy_monthly", "expansion_projects", "labor_disputes"]
    for table in growing:
        counts = [len(read(s, table)) for s in SNAPS]
        assert counts[0] < counts[1] < counts[2], (table, counts)
    for table in ("parks", "grids", "enterprises"):
        for s in SNAPS[:-1]:
            assert_frame_equal(read(s, table), read(SNAPS[-1], table))
    staff = [read(s, "grid_staff") for s in SNAPS]
    workers = [((d["role"] == "网格员") & d["is_enterprise_employee"]).sum() for d in staff]
    assert 550 <= workers[0] <= 650 and 900 <= workers[1] <= 1000 and workers[2] == 1156
    final = read(SNAPS[-1], "labor_disputes").set_index("case_id")
    for s in SNAPS:
        on = pd.Timestamp(s).date()
        cases = read(s, "labor_disputes").set_index("case_id")
        for col in ("reported_on", "closed_on", "followed_up_on"):
            assert (cases[col].dropna() <= on).all(), (s, col)
        assert ((cases["closed_on"].isna()) == cases["outcome"].isin(["待调处", "调解中"])).all()
        assert (cases["reported_on"] == final.loc[cases.index, "reported_on"]).all()
        orgs = read(s, "party_orgs")
        links = read(s, "party_member_links").groupby("org_id").size()
        fb = orgs[orgs["first_batch"]].set_index("org_id")["members"]
        assert fb.sort_index().equals(links.sort_index().astype(fb.dtype)), s
        projects = read(s, "expansion_projects")
        assert (projects["started_on"] <= on).all()
        eco = read(s, "economy_monthly")
        assert (eco["month"] <= on).all()


# --- geometry ------------------------------------------------------------------------------


def _inside(x: np.ndarray, y: np.ndarray, ring) -> np.ndarray:
    """Ray casting: which points (x, y) are inside the closed ring."""
    r = np.asarray(ring, dtype=float)
    inside = np.zeros(len(x), bool)
    for (x1, y1), (x2, y2) in zip(r[:-1], r[1:], strict=True):
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            xc = (x2 - x1) * (y - y1) / (y2 - y1) + x1
        inside ^= crosses & (x < xc)
    return inside


def test_geo_files():
    parks = json.loads((SHIPPED / "geo" / "parks.geojson").read_text(encoding="utf-8"))
    grids = json.loads((SHIPPED / "geo" / "grids.geojson").read_text(encoding="utf-8"))
    for fc in (parks, grids):
        assert fc["type"] == "FeatureCollection" and fc["name"] and "schematic" in fc["description"].lower()
        assert all(f["properties"]["schematic"] is True for f in fc["features"])
    assert sorted(f["properties"]["park_id"] for f in parks["features"]) == sorted(PARK_IDS)
    ids = {f["properties"]["grid_id"] for f in grids["features"]}
    assert ids == set(read(SNAPS[-1], "grids")["grid_id"])


def test_enterprises_inside_their_park_and_plot():
    parks = json.loads((SHIPPED / "geo" / "parks.geojson").read_text(encoding="utf-8"))
    grids = json.loads((SHIPPED / "geo" / "grids.geojson").read_text(encoding="utf-8"))
    ring = {f["properties"]["park_id"]: f["geometry"]["coordinates"][0] for f in parks["features"]}
    plot = {f["properties"]["grid_id"]: f["geometry"]["coordinates"][0] for f in grids["features"]}
    ents = read(SNAPS[-1], "enterprises")
    for park, e in ents.groupby("park_id"):
        assert _inside(e["lon"].to_numpy(), e["lat"].to_numpy(), ring[park]).all(), park
        others = [p for p in ring if p != park]
        for o in others:
            assert not _inside(e["lon"].to_numpy(), e["lat"].to_numpy(), ring[o]).any(), (park, o)
    sample = ents.iloc[::7]
    for e in sample.itertuples():
        assert _inside(np.array([e.lon]), np.array([e.lat]), plot[e.grid_id])[0], e.enterprise_id
    g = read(SNAPS[-1], "grids")
    for row in g[g["level"] < 3].itertuples():  # grid centres inside their park
        assert _inside(np.array([row.lon]), np.array([row.lat]), ring[row.park_id])[0], row.grid_id


# --- scale -----------------------------------------------------------------------------------


def test_scale_two_doubles_rows(scaled):
    for table in ("grids", "grid_staff", "expansion_projects", "labor_disputes", "enterprises", "party_member_links"):
        n1, n2 = len(read(SNAPS[-1], table)), len(read(SNAPS[-1], table, scaled))
        assert 1.8 * n1 <= n2 <= 2.2 * n1, (table, n1, n2)
    assert len(read(SNAPS[-1], "parks", scaled)) == 5


def test_scale_refuses_shipped_data_folder(capsys):
    before = sorted(p.stat().st_mtime_ns for p in (SHIPPED / "snapshots").rglob("*.parquet"))
    for out in (SHIPPED, SHIPPED.parent, SHIPPED / "snapshots"):
        with pytest.raises(SystemExit) as exc:
            main(["--scale", "2", "--out", str(out)])
        assert exc.value.code != 0
        assert "refusing" in capsys.readouterr().err
    assert sorted(p.stat().st_mtime_ns for p in (SHIPPED / "snapshots").rglob("*.parquet")) == before
