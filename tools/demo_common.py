"""Shared helpers of the demo generator: dates, seeded random streams, exact integer splitting."""

from __future__ import annotations

import datetime as dt

import numpy as np

DEFAULT_SEED = 20221130
SNAPSHOTS = (dt.date(2022, 3, 31), dt.date(2022, 6, 30), dt.date(2022, 9, 30))
YEAR_START = dt.date(2022, 1, 1)
LAST_DAY = SNAPSHOTS[-1]
SPRING_FESTIVAL = dt.date(2022, 2, 1)

# Fixed stream ids: each part of the world draws from its own generator, so changing one part
# never shifts the random numbers of another.
STREAMS = {
    "geo": 1,
    "names": 2,
    "enterprises": 3,
    "staff": 4,
    "party": 5,
    "economy": 6,
    "projects": 7,
    "disputes": 8,
}


def rng_for(seed: int, part: str) -> np.random.Generator:
    return np.random.default_rng([seed, STREAMS[part]])


def day(d: dt.date) -> np.datetime64:
    return np.datetime64(d.isoformat(), "D")


def ids(prefix: str, n: int, width: int) -> list[str]:
    """`n` zero-padded ids, wide enough for any `n`."""
    width = max(width, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def split_int(total: int, n: int, rng: np.random.Generator, shape: float = 4.0, minimum: int = 1) -> np.ndarray:
    """`n` integers >= `minimum` summing exactly to `total`, gamma-distributed around the mean."""
    if n * minimum > total:
        raise ValueError(f"cannot split {total} into {n} parts of at least {minimum}")
    w = rng.gamma(shape, size=n)
    return distribute(total - n * minimum, w) + minimum


def distribute(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` summing exactly to `total` (largest-remainder method)."""
    weights = np.asarray(weights, dtype=float)
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    rest = int(total - out.sum())
    if rest:
        order = np.argsort(-(raw - out), kind="stable")
        out[order[:rest]] += 1
    return out


def scale_round(values: np.ndarray, total: int, unit: int) -> np.ndarray:
    """Scale non-negative `values` to sum exactly `total`, each a multiple of `unit` except the largest,
    which absorbs the rounding residue."""
    values = np.asarray(values, dtype=float)
    out = (np.round(values / values.sum() * total / unit) * unit).astype(np.int64)
    out[int(np.argmax(out))] += total - int(out.sum())
    if (out < 0).any():
        raise ValueError("rounding residue made a value negative")
    return out


def adjust_to_sum(values: np.ndarray, target: int, lo, hi, rng: np.random.Generator) -> np.ndarray:
    """Nudge integer `values` by +-1 steps, within [lo, hi] per element, until they sum to `target`."""
    v = np.asarray(values, dtype=np.int64).copy()
    lo = np.broadcast_to(lo, v.shape)
    hi = np.broadcast_to(hi, v.shape)
    for _ in range(10_000):
        diff = int(target - v.sum())
        if diff == 0:
            return v
        room = np.flatnonzero(v < hi) if diff > 0 else np.flatnonzero(v > lo)
        if room.size == 0:
            break
        pick = rng.choice(room, size=min(abs(diff), room.size), replace=False)
        v[pick] += 1 if diff > 0 else -1
    raise ValueError(f"cannot reach sum {target} within bounds")


def random_days(rng: np.random.Generator, start: dt.date, end: dt.date, n: int, weights=None) -> np.ndarray:
    """`n` dates in [start, end] (inclusive), optionally weighted per day."""
    span = (end - start).days + 1
    if weights is None:
        offs = rng.integers(0, span, size=n)
    else:
        w = np.asarray(weights, dtype=float)
        offs = rng.choice(span, size=n, p=w / w.sum())
    return day(start) + offs.astype("timedelta64[D]")


def lognormal_clip(rng: np.random.Generator, median: float, sigma: float, lo: float, hi: float, n: int) -> np.ndarray:
    return np.clip(rng.lognormal(np.log(median), sigma, size=n), lo, hi)
