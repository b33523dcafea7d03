"""ui/geo.py: the outlines are read once and match the snapshot; WGS-84 -> GCJ-02 gives the reference values."""

import json
import math

import numpy as np
import pytest

from queries import runner
from tests.parks import PARK_IDS
from ui import geo

# eviltransform's reference points (googollee/eviltransform, python/test.py): wgs lat, wgs lon, gcj lat, gcj lon
REFERENCE = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]


def metres(lon1, lat1, lon2, lat2) -> float:
    """Distance on a sphere (haversine), good to a fraction of a metre at these distances."""
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("wgs_lat", "wgs_lon", "gcj_lat", "gcj_lon"), REFERENCE)
def test_wgs84_to_gcj02_gives_the_reference_values(wgs_lat, wgs_lon, gcj_lat, gcj_lon):
    lon, lat = geo.wgs84_to_gcj02(wgs_lon, wgs_lat)
    assert float(lon) == pytest.approx(gcj_lon, abs=1e-6)
    assert float(lat) == pytest.approx(gcj_lat, abs=1e-6)


def test_the_conversion_works_on_arrays_and_leaves_points_outside_china_alone():
    wgs = np.array([[r[1], r[0]] for r in REFERENCE] + [[2.35, 48.85]])  # the last is Paris
    lon, lat = geo.wgs84_to_gcj02(wgs[:, 0], wgs[:, 1])
    assert lon[:3] == pytest.approx([r[3] for r in REFERENCE], abs=1e-6)
    assert lat[:3] == pytest.approx([r[2] for r in REFERENCE], abs=1e-6)
    assert (lon[3], lat[3]) == (2.35, 48.85)


def test_the_shift_at_the_parks_is_within_the_known_50_to_700_metres():
    parks = runner.run("parks", runner.resolve("2022-09-30"))
    lon, lat = geo.wgs84_to_gcj02(parks["lon"].to_numpy(), parks["lat"].to_numpy())
    shifts = [metres(*pair) for pair in zip(parks["lon"], parks["lat"], lon, lat, strict=True)]
    assert all(50 < s < 700 for s in shifts), shifts
    # in Jinjiang, GCJ-02 lies to the east and south of WGS-84
    assert (lon > parks["lon"].to_numpy()).all() and (lat < parks["lat"].to_numpy()).all()


def test_wgs84_and_cgcs2000_need_no_conversion():
    lon, lat = geo.convert([118.53], [24.75], geo.WGS84)
    assert (lon.tolist(), lat.tolist()) == ([118.53], [24.75])


def test_the_outlines_are_read_once_per_process():
    first = geo.features("grids")
    assert geo.features("grids") is first
    assert geo.features("grids", geo.GCJ02) is geo.features("grids", geo.GCJ02)
    assert geo.geo_dir() == runner.ROOT / "data" / "geo"


def test_park_outlines_match_the_parks_of_the_snapshot():
    parks = runner.run("parks", runner.resolve("2022-09-30"))
    features = geo.parks()
    assert [f["properties"]["park_id"] for f in features] == list(PARK_IDS)
    assert {f["properties"]["name_zh"] for f in features} == set(parks["name_zh"])
    assert all(f["properties"]["schematic"] for f in features)
    assert [f["properties"]["park_id"] for f in geo.parks(park_id="andong")] == ["andong"]


def test_grid_outlines_are_the_published_grid_structure():
    assert [len(geo.grids(level)) for level in (1, 2, 3)] == [8, 58, 1179]
    assert [len(geo.grids(level, "andong")) for level in (1, 2, 3)] == [1, 5, 144]
    names = {f["properties"]["name_zh"] for f in geo.grids(2, "sanchuang")}
    assert names == {"创客大街", "研发设计中心", "海归人员创业中心", "人才公寓"}
    grids = runner.run("maps_grids", runner.resolve("2022-09-30"), level=3, park_id=None)
    assert {f["properties"]["grid_id"] for f in geo.grids(3)} == set(grids["grid_id"])
    assert geo.grids(2, "nowhere") == []


def test_gcj02_outlines_are_the_wgs84_ones_shifted():
    wgs = geo.grids(2, "andong")
    gcj = geo.grids(2, "andong", geo.GCJ02)
    assert [f["properties"]["grid_id"] for f in gcj] == [f["properties"]["grid_id"] for f in wgs]
    ring_wgs = np.asarray(wgs[0]["geometry"]["coordinates"][0])
    ring_gcj = np.asarray(gcj[0]["geometry"]["coordinates"][0])
    lon, lat = geo.wgs84_to_gcj02(ring_wgs[:, 0], ring_wgs[:, 1])
    assert ring_gcj[:, 0] == pytest.approx(lon, abs=1e-6)
    assert ring_gcj[:, 1] == pytest.approx(lat, abs=1e-6)
    # the WGS-84 outlines every session shares are left as the file has them
    with (geo.geo_dir() / "grids.geojson").open(encoding="utf-8") as file:
        on_disk = {f["properties"]["grid_id"]: f["geometry"] for f in json.load(file)["features"]}
    assert wgs[0]["geometry"] == on_disk[wgs[0]["properties"]["grid_id"]]


def test_bounds_hold_every_enterprise_of_the_park():
    snapshot = runner.resolve("2022-09-30")
    for park_id in PARK_IDS:
        west, south, east, north = geo.bounds(park_id)
        firms = runner.run("maps_enterprises", snapshot, park_id=park_id, limit=10_000)
        assert firms["lon"].between(west, east).all() and firms["lat"].between(south, north).all(), park_id
    zone = geo.bounds()
    assert zone[0] < 118.44 < 118.60 < zone[2] and zone[1] < 24.69 < 24.80 < zone[3]
    assert geo.bounds("nowhere") is None


def test_vertex_count_is_what_drawing_costs():
    assert geo.vertex_count(3) == sum(len(f["geometry"]["coordinates"][0]) for f in geo.grids(3))
    assert 0 < geo.vertex_count(2, "andong") < geo.vertex_count(2) < geo.vertex_count(3)


def test_one_grid_by_its_id_and_the_size_of_a_level():
    andong = geo.grids(2, "andong")
    assert geo.grid(andong[2]["properties"]["grid_id"]) == andong[2]
    assert geo.grid(andong[2]["properties"]["grid_id"], geo.GCJ02) == geo.grids(2, "andong", geo.GCJ02)[2]
    assert geo.grid("nowhere") is None
    assert [geo.grid_count(level) for level in (1, 2, 3)] == [8, 58, 1179]
    assert geo.grid_count(2, "nowhere") == 0 == geo.vertex_count(2, "nowhere")


def test_multipolygons_holes_heights_and_other_properties_are_read(tmp_path, monkeypatch):
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "parks.geojson").write_bytes((runner.ROOT / "data" / "geo" / "parks.geojson").read_bytes())
    square = [[118.5, 24.7], [118.51, 24.7], [118.51, 24.71], [118.5, 24.7]]
    hole = [[118.502, 24.702], [118.504, 24.702], [118.504, 24.704], [118.502, 24.702]]
    far = [[118.6, 24.8], [118.61, 24.8], [118.61, 24.81], [118.6, 24.8]]
    features = [
        {
            "type": "Feature",
            "properties": {"grid_id": "x-1", "level": 1, "park_id": "x", "parent_id": None},
            "geometry": {"type": "Polygon", "coordinates": [[[*p, 12.5] for p in square]]},  # with heights
        },
        {
            "type": "Feature",
            "properties": {"grid_id": "x-2", "level": 1, "park_id": "x", "surveyed": True},
            "geometry": {"type": "MultiPolygon", "coordinates": [[square, hole], [far]]},
        },
    ]
    (tmp_path / "geo" / "grids.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    monkeypatch.setenv("JEDZ_DATA_DIR", str(tmp_path))
    first, second = geo.grids(1, "x")
    assert first["geometry"] == {"type": "Polygon", "coordinates": [square]}
    assert first["properties"] == {"grid_id": "x-1", "level": 1, "park_id": "x", "parent_id": None}
    assert second == features[1]
    assert geo.grid_count(1, "x") == 2 and geo.vertex_count(1, "x") == 4 * 4
    assert geo.feature_bounds(second) == (118.5, 24.7, 118.61, 24.81)
    shifted = geo.grid("x-2", geo.GCJ02)["geometry"]["coordinates"]
    assert [len(polygon) for polygon in shifted] == [2, 1] and shifted[1][0][0][0] > 118.6
