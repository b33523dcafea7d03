"""Schematic geometry of the demo world: park outlines tessellated into level-1/2/3 grids.

Each park is a slightly irregular, slightly rotated quadrilateral around its centre. Grids are laid
out in the park's unit square (u to the east, v to the north) and mapped to WGS-84 with the bilinear
map of the four corners; iso-u and iso-v lines of that map are straight, so an axis-aligned cell of
the unit square maps to an exact quadrilateral and children tile their parent. A parent's ring also
carries every child vertex lying on its sides, so after rounding to 6 decimals a child's outline
still lies exactly within its parent's (shared vertices, shared segments).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np

DECIMALS = 6
KM_PER_DEG_LAT = 110.57

Rect = tuple[float, float, float, float]  # u0, u1, v0, v1


@dataclass
class Node:
    rect: Rect
    breaks: dict[str, list[float]] = field(default_factory=lambda: {"b": [], "t": [], "l": [], "r": []})


@dataclass
class ParkGeo:
    park_id: str
    corners: np.ndarray  # 4x2 lon/lat: south-west, south-east, north-east, north-west
    width_km: float
    height_km: float
    root: Node | None = None
    l1: list[Node] = field(default_factory=list)
    l2: list[Node] = field(default_factory=list)
    l2_parent: list[int] = field(default_factory=list)  # index into l1
    l3_parent: np.ndarray | None = None  # index into l2
    l3_rects: np.ndarray | None = None  # n x 4: u0, u1, v0, v1

    def map(self, u, v) -> tuple[np.ndarray, np.ndarray]:
        """Unit-square coordinates to lon/lat (bilinear in the four corners)."""
        u = np.asarray(u, dtype=float)
        v = np.asarray(v, dtype=float)
        sw, se, ne, nw = self.corners
        w = [(1 - u) * (1 - v), u * (1 - v), u * v, (1 - u) * v]
        lon = w[0] * sw[0] + w[1] * se[0] + w[2] * ne[0] + w[3] * nw[0]
        lat = w[0] * sw[1] + w[1] * se[1] + w[2] * ne[1] + w[3] * nw[1]
        return lon, lat

    def ring(self, node: Node) -> list[list[float]]:
        """Closed counter-clockwise ring of a node, with its children's boundary vertices."""
        u0, u1, v0, v1 = node.rect
        b = sorted(set(node.breaks["b"]) | {u0, u1})
        r = sorted(set(node.breaks["r"]) | {v0, v1})
        t = sorted(set(node.breaks["t"]) | {u0, u1}, reverse=True)
        left = sorted(set(node.breaks["l"]) | {v0, v1}, reverse=True)
        pts = [(u, v0) for u in b] + [(u1, v) for v in r[1:]] + [(u, v1) for u in t[1:]] + [(u0, v) for v in left[1:]]
        lon, lat = self.map([p[0] for p in pts], [p[1] for p in pts])
        return _dedupe(np.round(lon, DECIMALS), np.round(lat, DECIMALS))

    def center(self, node: Node) -> tuple[float, float]:
        u0, u1, v0, v1 = node.rect
        lon, lat = self.map((u0 + u1) / 2, (v0 + v1) / 2)
        return round(float(lon), DECIMALS), round(float(lat), DECIMALS)


def _dedupe(lon: np.ndarray, lat: np.ndarray) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in zip(lon.tolist(), lat.tolist(), strict=True):
        if not out or out[-1] != [x, y]:
            out.append([x, y])
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def park_outline(rng: np.random.Generator, park_id: str, lon: float, lat: float, plots: int) -> ParkGeo:
    """An irregular quadrilateral around (lon, lat), sized by the number of plots at scale 1."""
    side = 0.14 * math.sqrt(plots)
    width, height = side * 1.25, side / 1.25
    theta = math.radians(rng.uniform(-8, 8))
    km_per_deg_lon = 111.32 * math.cos(math.radians(lat))
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x = sx * width / 2 * (1 + rng.uniform(-0.07, 0.07))
        y = sy * height / 2 * (1 + rng.uniform(-0.07, 0.07))
        xr = x * math.cos(theta) - y * math.sin(theta)
        yr = x * math.sin(theta) + y * math.cos(theta)
        corners.append((lon + xr / km_per_deg_lon, lat + yr / KM_PER_DEG_LAT))
    return ParkGeo(park_id, np.array(corners), width, height)


def check_disjoint(parks: list[ParkGeo]) -> None:
    boxes = [(p.park_id, p.corners.min(axis=0), p.corners.max(axis=0)) for p in parks]
    for i, (a, amin, amax) in enumerate(boxes):
        for b, bmin, bmax in boxes[i + 1 :]:
            if (amin < bmax).all() and (bmin < amax).all():
                raise AssertionError(f"park outlines overlap: {a} and {b}")


def layout(rect: Rect, weights, width_km: float, height_km: float) -> list[Rect]:
    """Split `rect` into len(weights) cells in rows (north row first, west to east), areas ~ weights."""
    u0, u1, v0, v1 = rect
    w = np.asarray(weights, dtype=float)
    n = len(w)
    rows = int(np.clip(round(math.sqrt(n * (v1 - v0) * height_km / ((u1 - u0) * width_km))), 1, n))
    counts = [n // rows + (1 if r < n % rows else 0) for r in range(rows)]
    starts = np.cumsum([0] + counts)
    row_w = np.array([w[starts[r] : starts[r + 1]].sum() for r in range(rows)])
    ve = v1 - (v1 - v0) * np.concatenate([[0], np.cumsum(row_w)]) / row_w.sum()
    ve[0], ve[-1] = v1, v0
    out: list[Rect] = []
    for r in range(rows):
        cw = w[starts[r] : starts[r + 1]]
        ue = u0 + (u1 - u0) * np.concatenate([[0], np.cumsum(cw)]) / cw.sum()
        ue[0], ue[-1] = u0, u1
        out.extend((float(ue[j]), float(ue[j + 1]), float(ve[r + 1]), float(ve[r])) for j in range(len(cw)))
    return out


def _collect(parent: Node, children: list[Node]) -> None:
    u0, u1, v0, v1 = parent.rect
    br = parent.breaks
    for c in children:
        cu0, cu1, cv0, cv1 = c.rect
        if cv0 == v0:
            br["b"] += [cu0, cu1] + c.breaks["b"]
        if cv1 == v1:
            br["t"] += [cu0, cu1] + c.breaks["t"]
        if cu0 == u0:
            br["l"] += [cv0, cv1] + c.breaks["l"]
        if cu1 == u1:
            br["r"] += [cv0, cv1] + c.breaks["r"]


def tessellate(geo: ParkGeo, l2_per_l1: list[int], l3_per_l2: list[int], rng: np.random.Generator) -> None:
    """Fill `geo` with level-1 strips, level-2 cells and level-3 plots (plot sizes vary)."""
    W, H = geo.width_km, geo.height_km
    l3_weights = [rng.uniform(0.6, 1.4, size=k) for k in l3_per_l2]
    l2_weights = [w.sum() for w in l3_weights]
    geo.root = Node((0.0, 1.0, 0.0, 1.0))
    k2 = 0
    l1_w = []
    for n2 in l2_per_l1:
        l1_w.append(sum(l2_weights[k2 : k2 + n2]))
        k2 += n2
    l1_rects = layout(geo.root.rect, l1_w, W, H)
    parents, rects = [], []
    k2 = 0
    for i, (n2, r1) in enumerate(zip(l2_per_l1, l1_rects, strict=True)):
        node1 = Node(r1)
        kids2 = [Node(r) for r in layout(r1, l2_weights[k2 : k2 + n2], W, H)]
        for j, node2 in enumerate(kids2):
            leaves = [Node(r) for r in layout(node2.rect, l3_weights[k2 + j], W, H)]
            _collect(node2, leaves)
            rects.extend(leaf.rect for leaf in leaves)
            parents.extend([len(geo.l2) + j] * len(leaves))
        _collect(node1, kids2)
        geo.l2.extend(kids2)
        geo.l2_parent.extend([i] * n2)
        geo.l1.append(node1)
        k2 += n2
    _collect(geo.root, geo.l1)
    geo.l3_parent = np.array(parents, dtype=np.int64)
    geo.l3_rects = np.array(rects, dtype=float)


def plot_rings(geo: ParkGeo) -> tuple[np.ndarray, np.ndarray]:
    """Level-3 plot corners (n x 5 lon, n x 5 lat, closed counter-clockwise) and centres (n x 2)."""
    r = geo.l3_rects
    u = np.stack([r[:, 0], r[:, 1], r[:, 1], r[:, 0], r[:, 0]], axis=1)
    v = np.stack([r[:, 2], r[:, 2], r[:, 3], r[:, 3], r[:, 2]], axis=1)
    lon, lat = geo.map(u, v)
    clon, clat = geo.map((r[:, 0] + r[:, 1]) / 2, (r[:, 2] + r[:, 3]) / 2)
    return np.round(np.stack([lon, lat], axis=2), DECIMALS), np.round(np.stack([clon, clat], axis=1), DECIMALS)


def points_in_plots(geo: ParkGeo, plot_index: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A point inside each given plot (away from its edges), n x 2 lon/lat rounded."""
    r = geo.l3_rects[plot_index]
    a = rng.uniform(0.2, 0.8, size=len(plot_index))
    b = rng.uniform(0.2, 0.8, size=len(plot_index))
    lon, lat = geo.map(r[:, 0] + (r[:, 1] - r[:, 0]) * a, r[:, 2] + (r[:, 3] - r[:, 2]) * b)
    return np.round(np.stack([lon, lat], axis=1), DECIMALS)


def feature_collection(name: str, description: str, features: list[dict]) -> str:
    """GeoJSON text, one feature per line (stable bytes for a given input)."""
    head = json.dumps({"type": "FeatureCollection", "name": name, "description": description}, ensure_ascii=False)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return head[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def polygon_feature(props: dict, ring: list[list[float]]) -> dict:
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
