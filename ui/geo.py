"""Park and grid outlines (data/geo/*.geojson), read once per process, and the WGS-84 -> GCJ-02 shift.

The outlines are schematic (WGS-84, `schematic: true`), keyed by `park_id` / `grid_id` like the
snapshot tables; surveyed ones with the same properties can replace them. Chinese web maps (高德/AMap,
腾讯) draw in GCJ-02, offset 50-700 m from WGS-84: overlays on such a basemap must be shifted too.
天地图 uses CGCS2000, which is WGS-84 to within centimetres.
"""

import functools
import json
import math
from pathlib import Path

import numpy as np

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


def _convert_ring(ring: list, crs: str) -> list:
    points = np.asarray(ring, dtype=float)
    lon, lat = convert(points[:, 0], points[:, 1], crs)
    return np.round(np.column_stack([lon, lat]), 6).tolist()


def _convert_geometry(geometry: dict, crs: str) -> dict:
    if crs == WGS84:
        return geometry
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_convert_ring(r, crs) for r in geometry["coordinates"]]}
    if geometry["type"] == "MultiPolygon":
        rings = [[_convert_ring(r, crs) for r in polygon] for polygon in geometry["coordinates"]]
        return {"type": "MultiPolygon", "coordinates": rings}
    raise ValueError(f"unsupported geometry {geometry['type']}")


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> tuple[dict, ...]:
    with path.open(encoding="utf-8") as file:
        return tuple(json.load(file)["features"])


def _features(name: str) -> tuple[dict, ...]:
    path = geo_dir() / f"{name}.geojson"
    return _read(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _converted(name: str, crs: str, mtime_ns: int) -> tuple[dict, ...]:
    return tuple(
        {"type": "Feature", "properties": f["properties"], "geometry": _convert_geometry(f["geometry"], crs)}
        for f in _features(name)
    )


def features(name: str, crs: str = WGS84) -> tuple[dict, ...]:
    """The features of `geo/<name>.geojson` in `crs`, read and converted once per file version.

    Callers must not modify them: the same objects serve every session.
    """
    path = geo_dir() / f"{name}.geojson"
    return _converted(name, crs, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _grid_index(crs: str, mtime_ns: int) -> dict[tuple[int, str], tuple[dict, ...]]:
    index: dict[tuple[int, str], list[dict]] = {}
    for feature in features("grids", crs):
        props = feature["properties"]
        index.setdefault((int(props["level"]), props["park_id"]), []).append(feature)
    return {key: tuple(value) for key, value in index.items()}


def parks(crs: str = WGS84, park_id: str | None = None) -> list[dict]:
    """Park outlines (all five, or one park's)."""
    return [f for f in features("parks", crs) if park_id is None or f["properties"]["park_id"] == park_id]


def grids(level: int, park_id: str | None = None, crs: str = WGS84) -> list[dict]:
    """Grid outlines of one level, for one park or all."""
    path = geo_dir() / "grids.geojson"
    index = _grid_index(crs, path.stat().st_mtime_ns)
    return [f for (lvl, park), group in index.items() if lvl == level and park_id in (None, park) for f in group]


@functools.lru_cache(maxsize=64)
def _vertex_count(level: int, park_id: str | None, mtime_ns: int) -> int:
    return sum(len(ring) for f in grids(level, park_id) for ring in _rings(f["geometry"]))


def vertex_count(level: int, park_id: str | None = None) -> int:
    """How many points the outlines of one level's grids have (what drawing them costs)."""
    return _vertex_count(level, park_id, (geo_dir() / "grids.geojson").stat().st_mtime_ns)


def _rings(geometry: dict):
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
    return _box([p for ring in _rings(feature["geometry"]) for p in ring])


def bounds(park_id: str | None = None, crs: str = WGS84) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of one park's outline or of all parks; None if there is none."""
    return _box([p for f in parks(crs, park_id) for ring in _rings(f["geometry"]) for p in ring])
