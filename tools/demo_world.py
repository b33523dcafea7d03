"""The demo world's structure: parks, grids, enterprises, grid staff and party organisations.

Everything here carries its own dates (appointed, joined, linked), so that a snapshot is the world
as it stood on a day: see `tools.demo_snapshot`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.demo_common import distribute, ids, random_days, rng_for, split_int
from tools.demo_geo import (
    ParkGeo,
    check_disjoint,
    park_outline,
    plot_rings,
    points_in_plots,
    polygon_feature,
    tessellate,
)
from tools.demo_names import (
    INDUSTRIES,
    PARK_INDUSTRIES,
    PARKS,
    SERVICE_GROUPS_SANCHUANG,
    enterprise_names,
    level1_names,
    level2_names,
)

# Published counts (scale 1); the generator multiplies them by the scale.
ENTERPRISE_GRID_WORKERS = 1156
ANDONG_ENTERPRISE_GRID_ORGS = 38
FIRST_BATCH_ORGS = 40
FIRST_BATCH_MEMBERS = 219
LINKED_WORKERS = (4, 11)
FIRST_BATCH_PER_PARK = {"wuli": 15, "andong": 9, "food": 10, "sanchuang": 3, "bonded": 3}
ORG_RANGE = {"wuli": (105, 131), "food": (65, 86), "sanchuang": (10, 17), "bonded": (14, 23)}
AREAS = ("生产", "研发", "管理", "仓储", "销售")
AREA_WEIGHTS = (0.4, 0.15, 0.2, 0.1, 0.15)
SPECIALISTS = {  # role: (count range at scale 1, appointment window)
    "安全专员": ((80, 100), (dt.date(2022, 1, 10), dt.date(2022, 9, 20))),
    "防疫专员": ((70, 90), (dt.date(2022, 3, 1), dt.date(2022, 5, 31))),
    "党建专员": ((45, 60), (dt.date(2022, 2, 15), dt.date(2022, 9, 20))),
    "综治专员": ((35, 50), (dt.date(2022, 2, 15), dt.date(2022, 9, 20))),
    "创城专员": ((35, 50), (dt.date(2022, 4, 1), dt.date(2022, 9, 20))),
}


@dataclass
class World:
    seed: int
    scale: int
    parks: pd.DataFrame = None
    grids: pd.DataFrame = None
    enterprises: pd.DataFrame = None  # plus internal column `short`
    staff: pd.DataFrame = None
    orgs: pd.DataFrame = None  # plus internal column `joined_on` (first batch)
    links: pd.DataFrame = None
    economy: pd.DataFrame = None
    projects: pd.DataFrame = None  # plus internal `build_on`, `done_on`
    disputes: pd.DataFrame = None  # plus internal lifecycle columns
    park_features: list[dict] = field(default_factory=list)
    grid_features: list[dict] = field(default_factory=list)


def build_structure(world: World) -> None:
    seed, k = world.seed, world.scale
    rng = rng_for(seed, "geo")
    geos = [park_outline(rng, p[0], p[3], p[4], p[7]) for p in PARKS]
    check_disjoint(geos)
    world.parks = pd.DataFrame(
        {
            "park_id": [p[0] for p in PARKS],
            "name_zh": [p[1] for p in PARKS],
            "name_en": [p[2] for p in PARKS],
            "lon": [p[3] for p in PARKS],
            "lat": [p[4] for p in PARKS],
            "sort_order": list(range(1, len(PARKS) + 1)),  # the article's order
        }
    )
    names_rng = rng_for(seed, "names")
    ent_rng = rng_for(seed, "enterprises")
    used_l2: set[str] = set()
    grid_parts, ent_parts = [], []
    for p, geo in zip(PARKS, geos, strict=True):
        pid, zh, en = p[0], p[1], p[2]
        n1, n2, n3 = p[5] * k, p[6] * k, p[7] * k
        l2_per_l1 = split_int(n2, n1, rng, shape=8.0, minimum=1)
        l3_per_l2 = split_int(n3, n2, rng, shape=3.0, minimum=4)
        tessellate(geo, list(l2_per_l1), list(l3_per_l2), rng)
        g, e = _park_grids_and_enterprises(world, p, geo, l3_per_l2, names_rng, ent_rng, used_l2)
        grid_parts.append(g)
        ent_parts.append(e)
        world.park_features.append(
            polygon_feature(
                {"park_id": pid, "level": 0, "name_zh": zh, "name_en": en, "schematic": True}, geo.ring(geo.root)
            )
        )
    world.grids = pd.concat(grid_parts, ignore_index=True)
    ents = pd.concat(ent_parts, ignore_index=True)
    # enterprise names are drawn for the whole zone at once so that short names are unique everywhere
    full, short = enterprise_names(names_rng, ents["word"].tolist(), ents["employees"].to_numpy())
    ents["name_zh"], ents["short"] = full, short
    ents.insert(0, "enterprise_id", ids("E", len(ents), 5))
    world.enterprises = ents.drop(columns=["word", "main"])
    main = ents[ents["main"]].set_index("grid_id")["short"]
    l3 = world.grids["level"] == 3
    world.grids.loc[l3, "name_zh"] = world.grids.loc[l3, "grid_id"].map(main) + "地块"
    rings = world.grids.pop("_ring")
    for row, ring in zip(world.grids.itertuples(index=False), rings, strict=True):
        props = {
            "grid_id": row.grid_id,
            "level": int(row.level),
            "parent_id": row.parent_id,
            "park_id": row.park_id,
            "name_zh": row.name_zh,
            "schematic": True,
        }
        world.grid_features.append(polygon_feature(props, ring))


def _park_grids_and_enterprises(world, p, geo: ParkGeo, l3_per_l2, names_rng, ent_rng, used_l2):
    pid, zh = p[0], p[1]
    n1, n2, n3 = len(geo.l1), len(geo.l2), len(geo.l3_rects)
    id1 = [f"{pid}-L1-{x}" for x in ids("", n1, 2)]
    id2 = [f"{pid}-L2-{x}" for x in ids("", n2, 2)]
    id3 = [f"{pid}-L3-{x}" for x in ids("", n3, 4)]
    rings3, centres3 = plot_rings(geo)
    c1 = [geo.center(nd) for nd in geo.l1]
    c2 = [geo.center(nd) for nd in geo.l2]
    service = [None] * n3
    if pid == "sanchuang":
        n_groups = SERVICE_GROUPS_SANCHUANG * world.scale
        per_l2 = distribute(n_groups - n2, np.asarray(l3_per_l2, dtype=float)) + 1  # ~ by number of plots
        gnames = ids("网格服务小组", n_groups, 2)
        start_leaf, g0 = 0, 0
        for leaves, groups in zip(l3_per_l2, per_l2, strict=True):
            sizes = split_int(int(leaves), int(groups), names_rng, shape=20.0, minimum=1)
            for gi, size in enumerate(sizes):
                for q in range(start_leaf, start_leaf + size):
                    service[q] = gnames[g0 + gi]
                start_leaf += size
            g0 += groups
    grids = pd.DataFrame(
        {
            "grid_id": id1 + id2 + id3,
            "level": [1] * n1 + [2] * n2 + [3] * n3,
            "parent_id": [None] * n1 + [id1[i] for i in geo.l2_parent] + [id2[i] for i in geo.l3_parent],
            "park_id": pid,
            "name_zh": level1_names(zh, n1) + level2_names(names_rng, pid, n2, used_l2) + [""] * n3,
            "service_group": [None] * (n1 + n2) + service,
            "lon": [c[0] for c in c1 + c2] + centres3[:, 0].tolist(),
            "lat": [c[1] for c in c1 + c2] + centres3[:, 1].tolist(),
            "_ring": [geo.ring(nd) for nd in geo.l1 + geo.l2] + rings3.tolist(),
        }
    )
    # enterprises: one per plot, ~15% of plots are standard factory buildings with 2-3
    multi = ent_rng.random(n3) < 0.15
    per_plot = np.where(multi, np.where(ent_rng.random(n3) < 0.7, 2, 3), 1)
    plot = np.repeat(np.arange(n3), per_plot)
    main = np.r_[True, plot[1:] != plot[:-1]]
    inds, weights = zip(*PARK_INDUSTRIES[pid], strict=True)
    w = np.array(weights, dtype=float)
    ind = np.array(inds, dtype=object)[ent_rng.choice(len(inds), size=len(plot), p=w / w.sum())]
    employees = np.empty(len(plot), dtype=np.int64)
    words = np.empty(len(plot), dtype=object)
    for name in inds:
        sel = np.flatnonzero(ind == name)
        spec = INDUSTRIES[name]
        raw = ent_rng.lognormal(np.log(spec.median), spec.sigma, size=sel.size)
        employees[sel] = np.clip(np.round(raw), spec.lo, spec.hi).astype(np.int64)
        words[sel] = np.array(spec.words, dtype=object)[ent_rng.integers(0, len(spec.words), size=sel.size)]
    pts = points_in_plots(geo, plot, ent_rng)
    ents = pd.DataFrame(
        {
            "park_id": pid,
            "grid_id": np.array(id3, dtype=object)[plot],
            "industry": ind,
            "employees": employees,
            "lon": pts[:, 0],
            "lat": pts[:, 1],
            "word": words,
            "main": main,
        }
    )
    return grids, ents


def build_staff(world: World) -> None:
    k = world.scale
    rng = rng_for(world.seed, "staff")
    g = world.grids
    parts = []
    chiefs = g[g["level"] < 3]["grid_id"].to_numpy()
    appointed = random_days(rng, dt.date(2022, 1, 4), dt.date(2022, 1, 10), len(chiefs))
    parts.append(_staff(chiefs, "网格长", False, appointed, rng.random(len(chiefs)) < 0.85))
    l2 = g[g["level"] == 2]["grid_id"].to_numpy()
    cadres = np.repeat(l2, rng.integers(2, 4, size=len(l2)))
    appointed = random_days(rng, dt.date(2022, 1, 4), dt.date(2022, 2, 28), len(cadres))
    parts.append(_staff(cadres, "网格员", False, appointed, rng.random(len(cadres)) < 0.6))
    # enterprise grid workers: exactly 1156 (x scale); ~4% of plots have none, a few have two
    l3 = g[g["level"] == 3]["grid_id"].to_numpy()
    n3, n_workers = len(l3), ENTERPRISE_GRID_WORKERS * k
    n_none = int(round(n3 * rng.uniform(0.036, 0.048)))
    n_two = n_workers - (n3 - n_none)
    order = rng.permutation(n3)
    covered = np.sort(order[n_none:])
    per_grid = world.enterprises.groupby("grid_id").size().reindex(l3).to_numpy()
    prefer = covered[np.argsort(-(per_grid[covered] + rng.random(len(covered))), kind="stable")]
    seconds = np.sort(prefer[:n_two])
    grid_of = np.concatenate([l3[covered], l3[seconds]])
    is_second = np.r_[np.zeros(len(covered), bool), np.ones(len(seconds), bool)]
    cum1 = int(round(n_workers * rng.uniform(0.50, 0.54)))
    cum2 = int(round(n_workers * rng.uniform(0.80, 0.85)))
    dates = np.sort(
        np.concatenate(
            [
                random_days(rng, dt.date(2022, 1, 10), dt.date(2022, 3, 31), cum1),
                random_days(rng, dt.date(2022, 4, 1), dt.date(2022, 6, 30), cum2 - cum1),
                random_days(rng, dt.date(2022, 7, 1), dt.date(2022, 9, 28), n_workers - cum2),
            ]
        )
    )
    rank = np.lexsort((rng.random(n_workers), is_second))  # first workers of a plot are appointed first
    appointed = np.empty(n_workers, dtype="datetime64[D]")
    appointed[rank] = dates
    parts.append(_staff(grid_of, "网格员", True, appointed, rng.random(n_workers) < 0.2))
    # part-time specialists on enterprise plots, bigger enterprises first
    size = world.enterprises.groupby("grid_id")["employees"].sum().reindex(l3).to_numpy().astype(float)
    has_org = np.asarray(pd.Index(l3).isin(world.orgs["grid_id"]))
    for role, ((lo, hi), (start, end)) in SPECIALISTS.items():
        n = int(rng.integers(lo, hi + 1)) * k
        w = np.sqrt(size) * np.where(has_org & (role == "党建专员"), 4.0, 1.0)
        pick = rng.choice(n3, size=n, replace=False, p=w / w.sum())
        party = rng.random(n) < (0.95 if role == "党建专员" else 0.25)
        parts.append(_staff(l3[np.sort(pick)], role, True, random_days(rng, start, end, n), party))
    staff = pd.concat(parts, ignore_index=True)
    staff.insert(0, "staff_id", ids("ST", len(staff), 5))
    world.staff = staff


def _staff(grid_ids, role, enterprise, appointed, party) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "grid_id": grid_ids,
            "role": role,
            "is_party_member": np.asarray(party, bool),
            "is_enterprise_employee": enterprise,
            "appointed_on": np.asarray(appointed, dtype="datetime64[D]"),
        }
    )


def build_party(world: World) -> None:
    k = world.scale
    rng = rng_for(world.seed, "party")
    ents, g = world.enterprises, world.grids
    parts = []
    l1 = g[g["level"] == 1]
    parts.append(
        pd.DataFrame(
            {
                "park_id": l1["park_id"].to_numpy(),
                "grid_id": l1["grid_id"].to_numpy(),
                "enterprise_id": None,
                "members": rng.integers(15, 46, size=len(l1)),
                "org_type": "综合党支部",
                "first_batch_rank": -1,
            }
        )
    )
    fb_members = split_int(FIRST_BATCH_MEMBERS * k, FIRST_BATCH_ORGS * k, rng, shape=2.0, minimum=3)
    fb_pos = 0
    for pid, *_ in PARKS:
        pe = ents[ents["park_id"] == pid]
        lo, hi = ORG_RANGE.get(pid, (ANDONG_ENTERPRISE_GRID_ORGS, ANDONG_ENTERPRISE_GRID_ORGS))
        n = int(rng.integers(lo, hi + 1)) * k if pid != "andong" else ANDONG_ENTERPRISE_GRID_ORGS * k
        w = pe["employees"].to_numpy(dtype=float)
        pick = np.sort(rng.choice(len(pe), size=n, replace=False, p=w / w.sum()))
        chosen = pe.iloc[pick]
        emp = chosen["employees"].to_numpy(dtype=float)
        members = np.clip(np.round(emp * 0.03 * rng.lognormal(0, 0.4, size=n)), 3, 60).astype(np.int64)
        # first batch: the bigger enterprises of the park are likelier to be in it
        n_fb = FIRST_BATCH_PER_PARK[pid] * k
        fb = rng.choice(n, size=n_fb, replace=False, p=emp / emp.sum())
        rank = np.full(n, -1)
        rank[fb] = np.arange(fb_pos, fb_pos + n_fb)
        members[fb] = fb_members[fb_pos : fb_pos + n_fb]
        fb_pos += n_fb
        parts.append(
            pd.DataFrame(
                {
                    "park_id": pid,
                    "grid_id": chosen["grid_id"].to_numpy(),
                    "enterprise_id": chosen["enterprise_id"].to_numpy(),
                    "members": members,
                    "org_type": "企业网格党组织",
                    "first_batch_rank": rank,
                }
            )
        )
    orgs = pd.concat(parts, ignore_index=True)
    orgs.insert(0, "org_id", ids("PO", len(orgs), 4))
    # the campaign starts in April; a first-batch org and all its members join on one day
    n_fb = FIRST_BATCH_ORGS * k
    by_june = int(round(n_fb * rng.uniform(0.5, 0.6)))
    join = np.sort(
        np.concatenate(
            [
                random_days(rng, dt.date(2022, 4, 6), dt.date(2022, 6, 28), by_june),
                random_days(rng, dt.date(2022, 7, 1), dt.date(2022, 9, 26), n_fb - by_june),
            ]
        )
    )
    join_by_rank = join[rng.permutation(n_fb)]
    fb_rows = orgs.index[orgs["first_batch_rank"] >= 0]
    joined = np.full(len(orgs), np.datetime64("NaT"), dtype="datetime64[D]")
    joined[fb_rows] = join_by_rank[orgs.loc[fb_rows, "first_batch_rank"].to_numpy()]
    orgs["joined_on"] = joined
    world.orgs = orgs.drop(columns=["first_batch_rank"])
    fb = world.orgs.loc[fb_rows].sort_values(["joined_on", "org_id"])
    m = fb["members"].to_numpy()
    linked = rng.choice(np.arange(4, 12), size=m.sum(), p=[0.10, 0.16, 0.18, 0.17, 0.14, 0.11, 0.08, 0.06])
    if (linked == LINKED_WORKERS[0]).sum() == 0:
        linked[0] = LINKED_WORKERS[0]
    if (linked == LINKED_WORKERS[1]).sum() == 0:
        linked[1] = LINKED_WORKERS[1]
    links = pd.DataFrame(
        {
            "org_id": np.repeat(fb["org_id"].to_numpy(), m),
            "park_id": np.repeat(fb["park_id"].to_numpy(), m),
            "linked_workers": linked,
            "responsibility_area": np.array(AREAS, dtype=object)[rng.choice(5, size=m.sum(), p=AREA_WEIGHTS)],
            "linked_on": np.repeat(fb["joined_on"].to_numpy(), m),
        }
    )
    links.insert(0, "member_id", ids("PM", len(links), 4))
    world.links = links
