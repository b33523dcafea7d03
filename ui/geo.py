"""Park and grid outlines (data/geo/*.geojson), read once per process, and the WGS-84 -> GCJ-02 shift.

The outlines are schematic (WGS-84, `schematic: true`), keyed by `park_id` / `grid_id` like the
snapshot tables; surveyed ones with the same properties can replace them. Chinese web maps (高德/AMap,
腾讯) draw in GCJ-02, offset 50-700 m from WGS-84: overlays on such a basemap must be shifted too.
天地图 uses CGCS2000, which is WGS-84 to within centimetres.

A file is kept compact, since at a hundred times the shipped scale the grids are over a hundred
thousand polygons: every vertex in one array, the rings, polygons and features as offsets into it,
the properties as columns. GeoJSON features (dicts) are made only for the outlines a map draws, and
kept per level, park and coordinate system; the map never draws more than a screen can show, so
it asks `vertex_count` first.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from queries import runner

WGS84, GCJ02 = "wgs84", "gcj02"

# the GCJ-02 obfuscation: the Krasovsky 1940 ellipsoid and the published polynomial shift
_A = 6378245.0
_EE = 0.00669342162296594323


def geo_dir() -> Path:
    """`geo/` beside the snapshots in use (`$JEDZ_DATA_DIR`), else the shipped `data/geo`."""
    folder = runner.data_dir() / "geo"
    return folder if (folder / "parks.geojson").exists() else runner.ROOT / "data" / "geo"


def _shift(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The published GCJ-02 polynomials of x = lon - 105 and y = lat - 35 (degrees): (d_lon, d_lat)."""
    pi = math.pi
    waves = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + waves
    d_lat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    d_lat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + waves
    d_lon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    d_lon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    return d_lon, d_lat


def in_china(lon, lat) -> np.ndarray:
    """The rough box where GCJ-02 applies; outside it the shift is zero."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """WGS-84 longitude/latitude (scalars or arrays, degrees) to GCJ-02."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    d_lon, d_lat = _shift(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1.0 - _EE * np.sin(rad) ** 2
    d_lat = d_lat * 180.0 / ((_A * (1.0 - _EE)) / (magic * np.sqrt(magic)) * math.pi)
    d_lon = d_lon * 180.0 / (_A / np.sqrt(magic) * np.cos(rad) * math.pi)
    inside = in_china(lon, lat)
    return np.where(inside, lon + d_lon, lon), np.where(inside, lat + d_lat, lat)


def convert(lon, lat, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates in `crs` (WGS84 leaves them as they are)."""
    if crs == GCJ02:
        return wgs84_to_gcj02(lon, lat)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


# ---------------------------------------------------------------- the compact store of one file


@dataclass(frozen=True)
class _Outlines:
    """The features of one GeoJSON file. Feature f has the polygons feature_offsets[f] up to
    feature_offsets[f + 1]; polygon p the rings poly_offsets[p]..; ring r the vertices
    coords[ring_offsets[r]:ring_offsets[r + 1]] (lon, lat)."""

    properties: pd.DataFrame  # one row per feature
    keys: tuple[tuple[str, ...], ...]  # each feature's property names, in the file's order
    multi: np.ndarray  # bool per feature: a MultiPolygon
    feature_offsets: np.ndarray
    poly_offsets: np.ndarray
    ring_offsets: np.ndarray
    coords: np.ndarray  # (vertices, 2) float64
    groups: dict  # (level, park_id) -> feature indices, in the file's order (grids only)

    def vertices_per_feature(self) -> np.ndarray:
        return np.diff(self.ring_offsets[self.poly_offsets[self.feature_offsets]])


class _Geometry:
    """A polygon's or multipolygon's rings as arrays, made while the file is parsed."""

    __slots__ = ("multi", "polygons")

    def __init__(self, multi: bool, polygons: list[list[np.ndarray]]):
        self.multi, self.polygons = multi, polygons


def _ring(points) -> np.ndarray:
    try:
        ring = np.asarray(points, dtype=float)
    except ValueError:  # positions of different lengths (some with a height)
        ring = np.asarray([p[:2] for p in points], dtype=float)
    if ring.ndim != 2 or ring.shape[1] < 2:
        raise ValueError(f"not a ring of positions: {str(points)[:80]}")
    return ring if ring.shape[1] == 2 else ring[:, :2]


def _parse(path: Path) -> _Outlines:
    """Read a FeatureCollection of polygons feature by feature: each geometry becomes arrays as soon as
    it is read, so the file is never held as Python lists (hundreds of MB for the grids at 100x)."""
    rows: list[tuple] = []
    keys: list[tuple[str, ...]] = []
    multi: list[bool] = []
    polygon_counts: list[int] = []
    ring_counts: list[int] = []
    rings: list[np.ndarray] = []
    interned: dict = {}

    def hook(obj: dict) -> object:
        kind = obj.get("type")
        if kind is None:  # properties, the commonest object
            return obj
        if kind == "Polygon" or kind == "MultiPolygon":
            polygons = obj.get("coordinates")
            if polygons is None:
                return obj
            polygons = polygons if kind == "MultiPolygon" else [polygons]
            return _Geometry(kind == "MultiPolygon", [[_ring(r) for r in polygon] for polygon in polygons])
        if kind == "Feature" and "geometry" in obj:
            geometry = obj["geometry"]
            if not isinstance(geometry, _Geometry):
                raise ValueError(f"unsupported geometry in {path.name}: {(geometry or {}).get('type')}")
            properties = obj.get("properties") or {}
            names = tuple(properties)
            keys.append(interned.setdefault(names, names))
            rows.append(tuple(properties.values()))
            multi.append(geometry.multi)
            polygon_counts.append(len(geometry.polygons))
            for polygon in geometry.polygons:
                ring_counts.append(len(polygon))
                rings.extend(polygon)
            return None
        return obj

    with path.open(encoding="utf-8") as file:
        json.load(file, object_hook=hook)
    columns = list(dict.fromkeys(k for names in interned for k in names))
    if len(interned) > 1:  # features with different properties: line them up by name
        rows = [
            tuple(dict(zip(names, row, strict=True)).get(c) for c in columns)
            for names, row in zip(keys, rows, strict=True)
        ]
    properties = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)

    def offsets(counts: list[int]) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(np.asarray(counts, dtype=np.int64))]).astype(np.int64)

    coords = np.concatenate(rings) if rings else np.empty((0, 2))
    groups: dict = {}
    if {"level", "park_id"} <= set(properties.columns):
        for i, key in enumerate(zip(properties["level"].tolist(), properties["park_id"].tolist(), strict=True)):
            groups.setdefault((int(key[0]), key[1]), []).append(i)
    return _Outlines(
        properties=properties,
        keys=tuple(keys),
        multi=np.asarray(multi, dtype=bool),
        feature_offsets=offsets(polygon_counts),
        poly_offsets=offsets(ring_counts),
        ring_offsets=offsets([len(r) for r in rings]),
        coords=coords,
        groups={key: np.asarray(value, dtype=np.int64) for key, value in groups.items()},
    )


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> _Outlines:
    return _parse(path)


def _path(name: str) -> Path:
    return geo_dir() / f"{name}.geojson"


def _outlines(name: str) -> tuple[_Outlines, int]:
    path = _path(name)
    mtime_ns = path.stat().st_mtime_ns
    return _read(path, mtime_ns), mtime_ns


@functools.lru_cache(maxsize=8)
def _coords(path: Path, mtime_ns: int, crs: str) -> np.ndarray:
    """Every vertex of a file in `crs` (GCJ-02 rounded to 6 decimals, as drawn)."""
    coords = _read(path, mtime_ns).coords
    if crs == WGS84:
        return coords
    lon, lat = convert(coords[:, 0], coords[:, 1], crs)
    return np.round(np.column_stack([lon, lat]), 6)


def _make(outlines: _Outlines, coords: np.ndarray, indices) -> list[dict]:
    """GeoJSON features (dicts of lists) for the features at `indices`."""
    indices = [int(i) for i in indices]
    if not indices:
        return []
    records = outlines.properties.iloc[indices].to_dict("records")  # Python values, NaN where empty
    features = []
    for f, record in zip(indices, records, strict=True):
        properties = {k: record[k] for k in outlines.keys[f]}
        polygons = [
            [
                coords[outlines.ring_offsets[r] : outlines.ring_offsets[r + 1]].tolist()
                for r in range(outlines.poly_offsets[p], outlines.poly_offsets[p + 1])
            ]
            for p in range(outlines.feature_offsets[f], outlines.feature_offsets[f + 1])
        ]
        geometry = (
            {"type": "MultiPolygon", "coordinates": polygons}
            if outlines.multi[f]
            else {"type": "Polygon", "coordinates": polygons[0]}
        )
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return features


# ---------------------------------------------------------------- what the maps ask for


@functools.lru_cache(maxsize=8)
def _features(path: Path, mtime_ns: int, crs: str) -> tuple[dict, ...]:
    outlines = _read(path, mtime_ns)
    return tuple(_make(outlines, _coords(path, mtime_ns, crs), range(len(outlines.multi))))


def features(name: str, crs: str = WGS84) -> tuple[dict, ...]:
    """The features of `geo/<name>.geojson` in `crs`, made once per file version. For the park outlines
    and tests: a map asks for the grids of one level and park (`grids`).

    Callers must not modify them: the same objects serve every session.
    """
    path = _path(name)
    return _features(path, path.stat().st_mtime_ns, crs)


def parks(crs: str = WGS84, park_id: str | None = None) -> list[dict]:
    """Park outlines (all five, or one park's)."""
    return [f for f in features("parks", crs) if park_id is None or f["properties"]["park_id"] == park_id]


def _group(outlines: _Outlines, level: int, park_id: str | None) -> np.ndarray:
    parts = [idx for (lvl, park), idx in outlines.groups.items() if lvl == level and park_id in (None, park)]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


@functools.lru_cache(maxsize=16)  # each up to MAX_VERTICES points as lists: a few MB
def _grids(level: int, park_id: str | None, crs: str, path: Path, mtime_ns: int) -> tuple[dict, ...]:
    outlines = _read(path, mtime_ns)
    return tuple(_make(outlines, _coords(path, mtime_ns, crs), _group(outlines, level, park_id)))


def grids(level: int, park_id: str | None = None, crs: str = WGS84) -> list[dict]:
    """Grid outlines of one level, for one park or all (ask `vertex_count` before drawing them)."""
    path = _path("grids")
    return list(_grids(level, park_id, crs, path, path.stat().st_mtime_ns))


def grid(grid_id: str, crs: str = WGS84) -> dict | None:
    """One grid's outline, or None."""
    outlines, _ = _outlines("grids")
    if "grid_id" not in outlines.properties.columns:
        return None
    found = np.flatnonzero((outlines.properties["grid_id"] == grid_id).to_numpy(dtype=bool, na_value=False))
    if not found.size:
        return None
    path = _path("grids")
    return _make(outlines, _coords(path, path.stat().st_mtime_ns, crs), found[:1])[0]


@functools.lru_cache(maxsize=64)
def _counts(level: int, park_id: str | None, path: Path, mtime_ns: int) -> tuple[int, int]:
    outlines = _read(path, mtime_ns)
    group = _group(outlines, level, park_id)
    return len(group), int(outlines.vertices_per_feature()[group].sum())


def grid_count(level: int, park_id: str | None = None) -> int:
    """How many grids of one level there are outlines for."""
    path = _path("grids")
    return _counts(level, park_id, path, path.stat().st_mtime_ns)[0]


def vertex_count(level: int, park_id: str | None = None) -> int:
    """How many points the outlines of one level's grids have (what drawing them costs)."""
    path = _path("grids")
    return _counts(level, park_id, path, path.stat().st_mtime_ns)[1]


def rings(geometry: dict):
    """Every ring of a Polygon or MultiPolygon geometry: outlines and holes."""
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    else:
        for polygon in geometry["coordinates"]:
            yield from polygon


def _box(points: list) -> tuple[float, float, float, float] | None:
    if not points:
        return None
    array = np.asarray(points, dtype=float)[:, :2]
    west, south = array.min(axis=0)
    east, north = array.max(axis=0)
    return float(west), float(south), float(east), float(north)


def feature_bounds(feature: dict) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of one feature's outline."""
    return _box([p for ring in rings(feature["geometry"]) for p in ring])


def bounds(park_id: str | None = None, crs: str = WGS84) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of one park's outline or of all parks; None if there is none."""
    return _box([p for f in parks(crs, park_id) for ring in rings(f["geometry"]) for p in ring])
