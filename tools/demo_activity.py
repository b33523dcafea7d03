"""The demo world's activity in 2022: monthly economy, expansion projects, labour-dispute cases.

All three are calibrated so that the 2022-09-30 snapshot at scale 1 gives back the article's figures
exactly; at scale K the counts and sums are K times those figures.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from queries.contract import CLOSED_OUTCOMES, DEFUSED_OUTCOME, DISPUTE_CATEGORIES, DISPUTE_SOURCES
from tools.demo_common import (
    LAST_DAY,
    YEAR_START,
    adjust_to_sum,
    day,
    distribute,
    ids,
    random_days,
    rng_for,
    scale_round,
)
from tools.demo_names import PARKS

# indicator: (Jan-Sep 2022 total in yuan, growth on Jan-Sep 2021 in percent, two decimals)
ECONOMY = {
    "industrial_output": (140_049_000_000, 9.79),
    "fixed_asset_investment": (6_765_000_000, 31.64),
    "above_quota_sales": (58_829_000_000, 25.23),
    "retail_sales": (2_125_000_000, 29.17),
}
# park shares (wuli, andong, food, sanchuang, bonded) and spread of park growth around the zone's
ECONOMY_SHARES = {
    "industrial_output": ((0.45, 0.20, 0.22, 0.02, 0.11), 4.0),
    "fixed_asset_investment": ((0.35, 0.25, 0.20, 0.08, 0.12), 10.0),
    "above_quota_sales": ((0.30, 0.12, 0.15, 0.03, 0.40), 7.0),
    "retail_sales": ((0.25, 0.10, 0.30, 0.15, 0.20), 8.0),
}
# monthly profile Jan..Sep: 2022 (Spring Festival 1 Feb; the March-April 2022 outbreak in Quanzhou)
# and 2021 (Spring Festival 12 Feb)
SEASON_2022 = {
    "industrial_output": (0.98, 0.62, 0.86, 0.92, 1.04, 1.12, 1.05, 1.08, 1.18),
    "fixed_asset_investment": (0.70, 0.45, 0.85, 0.90, 1.05, 1.30, 1.05, 1.10, 1.45),
    "above_quota_sales": (1.00, 0.65, 0.88, 0.92, 1.02, 1.12, 1.04, 1.08, 1.16),
    "retail_sales": (1.20, 1.10, 0.85, 0.88, 0.95, 1.00, 0.95, 0.97, 1.05),
}
SEASON_2021 = {
    "industrial_output": (1.02, 0.66, 1.00, 1.00, 1.02, 1.08, 1.00, 1.02, 1.12),
    "fixed_asset_investment": (0.75, 0.50, 0.95, 1.00, 1.05, 1.25, 1.00, 1.05, 1.35),
    "above_quota_sales": (1.02, 0.68, 1.00, 1.00, 1.02, 1.08, 1.00, 1.03, 1.10),
    "retail_sales": (1.10, 1.20, 0.95, 0.92, 0.95, 1.00, 0.95, 0.97, 1.02),
}
WAN = 10_000

PROJECTS = 91
PROJECT_AREA_M2 = 3_320_000
PROJECT_INVESTMENT = 19_900_000_000
PROJECTS_PER_PARK = {"wuli": 46, "andong": 19, "food": 21, "bonded": 5}
PROJECT_KINDS = {
    "wuli": ("厂房扩建", "技改扩产", "新厂房建设", "智能化改造", "二期扩建"),
    "andong": ("厂房扩建", "技改扩产", "新厂房建设", "智能化改造", "二期扩建"),
    "food": ("生产线扩建", "厂房扩建", "技改扩产", "二期扩建"),
    "bonded": ("仓储扩建", "保税仓库扩建", "厂房扩建"),
}

CASES = 470
CASE_WORKERS = 1573
CASE_AMOUNT = 18_726_000
CATEGORY_WEIGHTS = (0.40, 0.15, 0.12, 0.10, 0.10, 0.08, 0.05)
# per-worker amount: (share of cases with no money at stake, lognormal median in yuan, sigma)
CATEGORY_AMOUNTS = {
    "欠薪": (0.0, 9000, 0.6),
    "加班费": (0.0, 4000, 0.6),
    "社保": (0.4, 6000, 0.7),
    "工伤": (0.3, 60000, 0.7),
    "解除劳动合同": (0.0, 20000, 0.6),
    "经济补偿": (0.0, 18000, 0.6),
    "其他": (0.5, 3000, 0.6),
}
SOURCE_WEIGHTS = (0.30, 0.25, 0.10, 0.20, 0.15)
DEFUSE_CHANCE = (0.35, 0.10, 0.25, 0.55, 0.05)  # per source: warning defused at source, no mediation
OUTCOME_WEIGHTS = (0.55, 0.22, 0.13, 0.10)


def build_economy(world) -> None:
    rng = rng_for(world.seed, "economy")
    months = [dt.date(2022, m, 1) for m in range(1, 10)]
    rows = []
    for ind, (total, growth) in ECONOMY.items():
        v_wan = total // WAN
        p_wan = prior_total(total, growth) // WAN
        shares, spread = ECONOMY_SHARES[ind]
        v_park = distribute(v_wan, np.array(shares) * rng.lognormal(0, 0.08, size=5))
        g_park = np.maximum(growth + rng.normal(0, spread, size=5), -15.0)
        p_park = distribute(p_wan, v_park / (1 + g_park / 100))
        for i, (pid, *_rest) in enumerate(PARKS):
            v = distribute(int(v_park[i]), np.array(SEASON_2022[ind]) * rng.lognormal(0, 0.04, size=9))
            p = distribute(int(p_park[i]), np.array(SEASON_2021[ind]) * rng.lognormal(0, 0.04, size=9))
            for m in range(9):
                rows.append((pid, months[m], ind, int(v[m]) * WAN * world.scale, int(p[m]) * WAN * world.scale))
    eco = pd.DataFrame(rows, columns=["park_id", "month", "indicator", "value_yuan", "prior_year_value_yuan"])
    world.economy = eco


def prior_total(total: int, growth: float) -> int:
    """The prior-year total, a whole number of 万元, whose growth rounds to `growth` (2 decimals)."""
    p = int(round(total / (1 + growth / 100) / WAN)) * WAN
    rate = (total / p - 1) * 100
    if abs(rate - growth) >= 0.004:
        raise AssertionError(f"cannot calibrate growth {growth}: got {rate}")
    return p


def build_projects(world) -> None:
    k = world.scale
    rng = rng_for(world.seed, "projects")
    ents = world.enterprises
    chosen = []
    for pid, n in PROJECTS_PER_PARK.items():
        pe = ents[ents["park_id"] == pid]
        if pid == "bonded":
            pe = pe[pe["industry"].isin(["仓储物流", "保税加工"])]
        w = pe["employees"].to_numpy(dtype=float)
        pick = rng.choice(len(pe), size=n * k, replace=False, p=w / w.sum())
        chosen.append(pe.iloc[np.sort(pick)])
    pr = pd.concat(chosen, ignore_index=True)
    n = len(pr)
    for _ in range(1000):  # skewed sizes, a few above 100,000 m2, none tiny
        raw = np.clip(rng.lognormal(0, 1.0, size=n), 0.12, None)
        area = scale_round(raw, PROJECT_AREA_M2 * k, 100)
        big = int((area > 100_000).sum())
        if 3 * k <= big <= 0.1 * n and area.min() >= 2_000:
            break
    else:
        raise AssertionError("could not draw project sizes")
    unit_cost = rng.uniform(3500, 8000, size=n) * rng.lognormal(0, 0.2, size=n)
    invest = scale_round(area * unit_cost, PROJECT_INVESTMENT * k, WAN)
    cum1 = int(round(n * rng.uniform(0.31, 0.35)))
    cum2 = int(round(n * rng.uniform(0.63, 0.68)))
    started = np.concatenate(
        [
            random_days(rng, dt.date(2022, 1, 4), dt.date(2022, 3, 31), cum1),
            random_days(rng, dt.date(2022, 4, 1), dt.date(2022, 6, 30), cum2 - cum1),
            random_days(rng, dt.date(2022, 7, 1), dt.date(2022, 9, 30), n - cum2),
        ]
    )[rng.permutation(n)]
    build = started + rng.integers(15, 76, size=n).astype("timedelta64[D]")
    months = np.clip(rng.lognormal(np.log(60 + 2.2 * np.sqrt(area)), 0.3), 60, 700)
    done = build + np.round(months).astype(np.int64).astype("timedelta64[D]")
    kinds = [PROJECT_KINDS[p][int(rng.integers(0, len(PROJECT_KINDS[p])))] for p in pr["park_id"]]
    world.projects = pd.DataFrame(
        {
            "project_id": ids("PRJ", n, 3),
            "enterprise_id": pr["enterprise_id"].to_numpy(),
            "park_id": pr["park_id"].to_numpy(),
            "added_floor_area_m2": area,
            "planned_investment_yuan": invest,
            "project_name": [s + kd + "项目" for s, kd in zip(pr["short"], kinds, strict=True)],
            "started_on": started,
            "build_on": build,
            "done_on": done,
        }
    )


def _day_weights() -> np.ndarray:
    """Reporting intensity per day of Jan 1..Sep 30, 2022: low over the Spring Festival holiday,
    high when workers come back after it and in summer."""
    n = (LAST_DAY - YEAR_START).days + 1
    d = day(YEAR_START) + np.arange(n).astype("timedelta64[D]")
    w = np.ones(n)
    w[(d >= day(dt.date(2022, 1, 29))) & (d <= day(dt.date(2022, 2, 7)))] = 0.3
    w[(d > day(dt.date(2022, 2, 7))) & (d <= day(dt.date(2022, 3, 31)))] = 1.6
    w[(d >= day(dt.date(2022, 6, 1))) & (d <= day(dt.date(2022, 8, 31)))] = 1.4
    return w


def build_disputes(world) -> None:
    k = world.scale
    rng = rng_for(world.seed, "disputes")
    n = CASES * k
    ents = world.enterprises
    w = ents["employees"].to_numpy(dtype=float) ** 0.8
    ent = ents.iloc[rng.choice(len(ents), size=n, p=w / w.sum())]
    reported = np.sort(random_days(rng, YEAR_START, LAST_DAY, n, _day_weights()))
    category = np.array(DISPUTE_CATEGORIES, dtype=object)[
        rng.choice(len(DISPUTE_CATEGORIES), size=n, p=CATEGORY_WEIGHTS)
    ]
    source_i = rng.choice(len(DISPUTE_SOURCES), size=n, p=SOURCE_WEIGHTS)
    # workers: mostly 1-3, ~5% group cases of 10-40 (mostly unpaid wages); exact total
    group = rng.random(n) < 0.05
    category[group & (rng.random(n) < 0.8)] = "欠薪"
    category[group & (category != "欠薪")] = "经济补偿"
    workers = rng.choice(np.arange(1, 7), size=n, p=[0.45, 0.25, 0.14, 0.07, 0.05, 0.04])
    workers[group] = np.clip(np.round(rng.lognormal(np.log(20), 0.4, size=group.sum())), 10, 40)
    try:  # the group cases absorb the difference; the small ones keep their size
        workers = adjust_to_sum(
            workers, CASE_WORKERS * k, np.where(group, 10, workers), np.where(group, 40, workers), rng
        )
    except ValueError:
        workers = adjust_to_sum(workers, CASE_WORKERS * k, np.where(group, 10, 1), np.where(group, 40, 6), rng)
    # money at stake, scaled to the exact total in whole hundreds of yuan
    raw = np.zeros(n)
    for cat, (p_zero, median, sigma) in CATEGORY_AMOUNTS.items():
        sel = category == cat
        per = rng.lognormal(np.log(median), sigma, size=sel.sum()) * (rng.random(sel.sum()) >= p_zero)
        raw[sel] = per if cat == "工伤" else per * workers[sel]
    amount = scale_round(raw, CASE_AMOUNT * k, 100)
    # the loop: early warning (事前) -> mediation (事中) -> follow-up after closing (事后)
    defused = (rng.random(n) < np.array(DEFUSE_CHANCE)[source_i]) & ~group
    slow = np.where(group | (category == "工伤"), 1.5, 1.0)
    mediated_days = np.clip(np.round(rng.lognormal(np.log(13), 0.75, size=n) * slow), 1, 90)
    duration = np.where(defused, rng.integers(0, 8, size=n), mediated_days).astype(np.int64)
    to_mediation = np.minimum(rng.integers(0, 6, size=n), duration)
    outcome = np.where(
        defused,
        DEFUSED_OUTCOME,
        np.array(CLOSED_OUTCOMES, dtype=object)[rng.choice(len(CLOSED_OUTCOMES), size=n, p=OUTCOME_WEIGHTS)],
    )
    end = day(LAST_DAY)
    age = (end - reported).astype(np.int64)
    # open at the end: the naturally open plus a few long-running ones, 15-25 (x scale) in all
    old = np.flatnonzero(~defused & (age > 35) & (age < 88))
    n_old = int(rng.integers(4, 8)) * k
    stuck = np.zeros(n, bool)
    stuck[rng.choice(old, size=n_old, replace=False)] = True
    duration[stuck] = age[stuck] + rng.integers(5, 30, size=n_old)
    is_open = reported + duration.astype("timedelta64[D]") > end
    target = int(rng.integers(17, 24)) * k
    natural = np.flatnonzero(is_open & ~stuck)
    if is_open.sum() > target:  # close some of the naturally open ones, sparing the few still awaiting mediation
        waiting = defused[natural] | (reported[natural] + to_mediation[natural].astype("timedelta64[D]") > end)
        keep = natural[waiting][: max(1, k)]
        natural = np.setdiff1d(natural, keep)
        close = rng.choice(natural, size=int(is_open.sum()) - target, replace=False)
        duration[close] = (rng.random(close.size) * (age[close] + 1)).astype(np.int64)
    elif is_open.sum() < target:
        recent = np.flatnonzero(~is_open & ~defused & (age <= 30))
        extend = rng.choice(recent, size=target - int(is_open.sum()), replace=False)
        duration[extend] = age[extend] + rng.integers(1, 20, size=extend.size)
    to_mediation = np.minimum(to_mediation, duration)
    closed = reported + duration.astype("timedelta64[D]")
    follow = rng.random(n) < np.where(defused, 0.6, np.where(outcome == "撤回", 0.5, 0.85))
    followed = np.where(follow, closed + rng.integers(7, 31, size=n).astype("timedelta64[D]"), np.datetime64("NaT"))
    df = pd.DataFrame(
        {
            "park_id": ent["park_id"].to_numpy(),
            "grid_id": ent["grid_id"].to_numpy(),
            "enterprise_id": ent["enterprise_id"].to_numpy(),
            "category": category,
            "workers_involved": workers,
            "amount_yuan": amount,
            "reported_on": reported,
            "source": np.array(DISPUTE_SOURCES, dtype=object)[source_i],
            "defused": defused,
            "mediated_on": np.where(defused, np.datetime64("NaT"), reported + to_mediation.astype("timedelta64[D]")),
            "final_outcome": outcome,
            "closed_on": closed,
            "followed_up_on": followed,
        }
    )
    df.insert(0, "case_id", ids("LD", n, 4))
    world.disputes = df
