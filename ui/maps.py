"""Maps of the parks: pydeck layers, the view, the basemap, and the panels beside a map.

The builders are general (the park maps page and the big screen use them): each takes rows ready
to draw (the `maps_*` queries), the language and the coordinate system of the basemap, and returns
pydeck layers. Every pickable object carries `select_id` ("park:andong", "grid:wuli-L2-03",
"enterprise:E00001") and the tooltip fields `tip_title` and `tip_body`.

Offline first: without a basemap nothing is fetched (no tiles, no style, no fonts: labels use the
installed Noto Sans CJK, and `character_set` lists every character they need, since deck.gl draws
only ASCII otherwise). A basemap is a raster style for the chart's map library, whose tiles load
when the internet is reachable; 高德 (GCJ-02) gets every overlay coordinate shifted to GCJ-02.
deck.gl's TileLayer cannot draw raster tiles from pydeck's JSON (its `renderSubLayers` must be a
JavaScript function), hence the style.
"""

import html
import json
import math
import os
import urllib.parse
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from queries import runner
from queries.contract import INDICATORS
from ui import filters, fmt, geo, provenance, theme, widgets
from ui.strings import MONTH_EN, t

MAX_POINTS = 3000  # enterprises sent to the browser at most (the largest by employees)
MAX_VERTICES = 40_000  # grid outline vertices drawn at most (more: none are drawn, with a note)
MAX_LABELS = 80  # grid names drawn at most
MAP_HEIGHT = 560
LAYERS = ("enterprises", "disputes", "output")
LEVELS = ("1", "2", "3")
BASEMAPS = ("none", "tianditu", "amap")
BASEMAP_CRS = {"none": geo.WGS84, "tianditu": geo.WGS84, "amap": geo.GCJ02}
TIANDITU_TOKEN_ENV = "TIANDITU_TOKEN"
SELECTED_KEY = "maps_selected"
RESETS_KEY = "maps_chart_resets"

FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
ASCII = "".join(chr(c) for c in range(32, 127) if chr(c) != "`")
TEXT = [31, 41, 55]
LABEL_BOX = [255, 255, 255, 225]
SELECTED_RGB = [17, 24, 39]
BACKDROP = "#EDF0F4"  # the map's neutral background, under the tiles if any

# one colour per industry, by the industry's zone-wide rank (so a park keeps its colours)
INDUSTRY_PALETTE = (
    "#1565C0", "#C62828", "#2E7D32", "#EF6C00", "#6A1B9A", "#00838F", "#AD1457", "#5D4037",
    "#9E9D24", "#283593", "#D84315", "#00695C", "#8E24AA", "#F9A825", "#0277BD", "#558B2F",
    "#C2185B", "#4E342E", "#3949AB", "#E65100", "#00796B", "#7B1FA2", "#827717", "#37474F",
)  # fmt: skip
# dispute cases: a light grey for none, then light to dark red
ZERO_CASES = [228, 231, 235]
CASE_COLOURS = ("#FCBBA1", "#FC9272", "#FB6A4A", "#DE2D26", "#A50F15")

TOOLTIP_STYLE = {
    "fontFamily": FONT_FAMILY,
    "fontSize": "13px",
    "backgroundColor": "rgba(255, 255, 255, 0.97)",
    "color": "#1F2937",
    "border": "1px solid #D1D5DB",
    "borderRadius": "6px",
    "padding": "8px 10px",
    "boxShadow": "0 2px 8px rgba(0, 0, 0, 0.15)",
    "maxWidth": "320px",
}
TOOLTIP_HTML = "<b>{tip_title}</b><div style='white-space:pre-line;margin-top:4px;line-height:1.5'>{tip_body}</div>"


def rgb(colour: str, alpha: int = 255) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def quoted(text: str) -> str:
    """A literal string for a pydeck layer prop (pydeck takes bare strings as expressions)."""
    return f"`{text.replace('`', '')}`"


def character_set(texts) -> str:
    """Every character of `texts` plus printable ASCII, for a TextLayer's `character_set`."""
    return "".join(sorted(set(ASCII).union(*map(set, texts))))


def _rows(frame: pd.DataFrame):
    """The rows of a query result as named tuples of Python values: several times faster than
    `itertuples` straight over pandas' Arrow-backed text columns, for the thousands of rows of a layer."""
    return frame.astype(object).itertuples()


def name_column(lang: str) -> str:
    return "name_en" if lang == "en" else "name_zh"


def level_name(level: int, lang: str) -> str:
    return t(f"maps_level_{level}", lang)


# ---------------------------------------------------------------- the view and the deck


def fit_view(bounds, *, width: int = 1000, height: int = MAP_HEIGHT, padding: float = 0.06, pitch: float = 0):
    """A view showing `bounds` (west, south, east, north) whole in a map of about `width` x `height` px."""
    west, south, east, north = bounds
    lon_span = max(east - west, 1e-4) * (1 + 2 * padding)

    def mercator(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    y_span = max(mercator(north) - mercator(south), 1e-6) * (1 + 2 * padding)
    # deck.gl's world is 512 px wide at zoom 0
    zoom = min(math.log2(width * 360 / (512 * lon_span)), math.log2(height * 2 * math.pi / (512 * y_span)))
    return pdk.ViewState(
        longitude=round((west + east) / 2, 6),
        latitude=round((south + north) / 2, 6),
        zoom=round(min(zoom, 17), 2),
        pitch=pitch,
        bearing=0,
    )


NO_OUTLINE_SPAN = 0.03  # degrees around the centre of a park that has no outline in geo/parks.geojson


def view_bounds(park_id: str | None, crs: str, centre=None) -> tuple[float, float, float, float]:
    """What the view of one park (or of all) shows: the bounds of its outline; for a park without one,
    around its `centre` (lon, lat in WGS-84, from `park_centre`) if given, else the whole zone."""
    bounds = geo.bounds(park_id, crs)
    if bounds is None and park_id is not None and centre is not None:
        lon, lat = geo.convert(centre[0], centre[1], crs)
        d = NO_OUTLINE_SPAN
        bounds = (float(lon) - d, float(lat) - d, float(lon) + d, float(lat) + d)
    return bounds or geo.bounds(None, crs)


def view(park_id: str | None, crs: str, *, pitch: float = 0, centre=None, **size) -> pdk.ViewState:
    """The view of one park (or of all): `view_bounds`, whole."""
    return fit_view(view_bounds(park_id, crs, centre), pitch=pitch, **size)


def park_centre(parks: pd.DataFrame, park_id: str | None) -> tuple[float, float] | None:
    """A park's (lon, lat) from rows of the parks or maps_parks query; None for the zone or an unknown park."""
    found = parks[parks["park_id"] == park_id]
    return None if park_id is None or found.empty else (float(found["lon"].iloc[0]), float(found["lat"].iloc[0]))


def tianditu_token() -> str:
    return os.environ.get(TIANDITU_TOKEN_ENV, "").strip()


def tile_urls(basemap: str) -> list[str]:
    """The raster tile URL templates of a basemap ({x}, {y}, {z}); none without a key where one is needed."""
    if basemap == "amap":
        return [
            f"https://webrd0{n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={{x}}&y={{y}}&z={{z}}"
            for n in range(1, 5)
        ]
    if basemap == "tianditu" and tianditu_token():
        token = urllib.parse.quote(tianditu_token())
        return [
            f"https://t{n}.tianditu.gov.cn/DataServer?T={kind}_w&x={{x}}&y={{y}}&l={{z}}&tk={token}"
            for kind in ("vec", "cva")
            for n in range(4)
        ]
    return []


def basemap_style(basemap: str, backdrop: str = BACKDROP) -> str:
    """A map style as a data: URL (nothing to fetch but the tiles): a neutral backdrop under the raster
    tiles of the basemap, or the backdrop alone for no basemap, which needs no network at all."""
    urls = tile_urls(basemap)
    groups = {"vec": [u for u in urls if "T=vec_w" in u], "cva": [u for u in urls if "T=cva_w" in u]}
    groups = {k: v for k, v in groups.items() if v} or ({"tiles": urls} if urls else {})
    sources = {name: {"type": "raster", "tiles": tiles, "tileSize": 256} for name, tiles in groups.items()}
    layers = [{"id": "backdrop", "type": "background", "paint": {"background-color": backdrop}}]
    layers += [{"id": name, "type": "raster", "source": name} for name in groups]
    style = {"version": 8, "sources": sources, "layers": layers}
    return "data:application/json;charset=utf-8," + urllib.parse.quote(json.dumps(style, separators=(",", ":")))


class Deck(pdk.Deck):
    """pydeck's Deck, serialised compactly: no indentation and UTF-8 text (pydeck indents and escapes,
    which makes a map of a few thousand shapes several times larger to send)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


def deck(
    layers: list, view_state: pdk.ViewState, *, basemap: str = "none", tooltip: bool = True, backdrop: str = BACKDROP
) -> pdk.Deck:
    """The deck over a neutral backdrop, with the basemap's tiles when one is chosen (and reachable)."""
    # labels over every shape, whatever order the layers came in
    layers = sorted(layers, key=lambda layer: layer.type == "TextLayer")
    return Deck(
        layers=layers,
        initial_view_state=view_state,
        map_provider=None,
        map_style=basemap_style(basemap, backdrop),
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE} if tooltip else False,
    )


# ---------------------------------------------------------------- layers


def _feature(feature: dict, **properties) -> dict:
    return {"type": "Feature", "geometry": feature["geometry"], "properties": properties}


def _centre(feature: dict) -> list[float]:
    """Where a shape's name goes: the middle of its bounding box."""
    west, south, east, north = geo.feature_bounds(feature)
    return [round((west + east) / 2, 6), round((south + north) / 2, 6)]


def text_layer(
    layer_id: str, rows: list[dict], *, size: int = 14, colour=None, weight: str = "normal", baseline: str = "center"
) -> pdk.Layer:
    """Labels (`text`, `position`) in the installed CJK font, on a light box so they read over anything."""
    return pdk.Layer(
        "TextLayer",
        rows,
        id=layer_id,
        get_position="position",
        get_text="text",
        get_size=size,
        get_color=colour or TEXT,
        font_family=quoted(FONT_FAMILY),
        font_weight=quoted(weight),
        character_set=quoted(character_set(r["text"] for r in rows)),
        background=True,
        get_background_color=LABEL_BOX,
        get_border_color=[209, 213, 219, 255],
        get_border_width=1,
        background_padding=[5, 2, 5, 2],
        get_text_anchor=quoted("middle"),
        get_alignment_baseline=quoted(baseline),
        billboard=True,
        pickable=False,
    )


def park_tip(row, lang: str) -> str:
    return t(
        "maps_tip_park",
        lang,
        l1=fmt.count(row.level1_grid_count, lang=lang),
        l2=fmt.count(row.level2_grid_count, lang=lang),
        l3=fmt.count(row.level3_grid_count, lang=lang),
        firms=fmt.count(row.enterprise_count, lang=lang),
        employees=fmt.count(row.employee_count, lang=lang),
        cases=fmt.count(row.case_count, lang=lang),
    )


def tint(colour: str, strength: float, alpha: int = 255) -> list[int]:
    """`colour` laid at `strength` (0-1) over the map's backdrop, as one colour."""
    base = rgb(BACKDROP)
    return [round(b + (c - b) * strength) for c, b in zip(rgb(colour)[:3], base[:3], strict=True)] + [alpha]


def park_layers(
    parks: pd.DataFrame, lang: str, crs: str = geo.WGS84, *, labels: bool = True, focus=None, opaque: bool = True
) -> list:
    """Park outlines (pickable, tooltips) and their names; `parks` are rows of the maps_parks query.

    `focus` (a park_id) draws the other parks fainter. Fills are light tints, `opaque` over no basemap:
    the chart draws a clicked object fully opaque and dims the rest, which keeps a tint a tint.
    Over a basemap they are see-through (`opaque=False`).
    """
    rows = {row.park_id: row for row in parks.itertuples()}
    features = []
    for feature in geo.parks(crs):
        park_id = feature["properties"]["park_id"]
        row = rows.pop(park_id, None)
        if row is None:
            continue
        faint = focus is not None and park_id != focus
        features.append(
            _feature(
                feature,
                park_id=park_id,
                select_id=f"park:{park_id}",
                tip_title=getattr(row, name_column(lang)),
                tip_body=park_tip(row, lang),
                fill=tint(theme.PARK_COLOURS.get(park_id, "#546E7A"), 0.06 if faint else 0.14, 255 if opaque else 110),
                line=rgb(theme.PARK_COLOURS.get(park_id, "#546E7A"), 120 if faint else 230),
            )
        )
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            {"type": "FeatureCollection", "features": features},
            id="parks",
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color="properties.line",
            get_line_width=2.5,
            line_width_units=quoted("pixels"),
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 60],
        )
    ]
    if rows:  # parks with no outline in geo/parks.geojson: a dot at their centre
        layers.append(_park_points(list(rows.values()), lang, crs, focus))
    if labels:
        centres = [
            {"text": getattr(row, name_column(lang)), "position": list(geo.convert(row.lon, row.lat, crs))}
            for row in parks.itertuples()
        ]
        for label in centres:
            label["position"] = [round(float(v), 6) for v in label["position"]]
        layers.append(text_layer("park_labels", centres, size=20, weight="bold"))
    return layers


def _park_points(rows: list, lang: str, crs: str, focus) -> pdk.Layer:
    lon, lat = geo.convert([r.lon for r in rows], [r.lat for r in rows], crs)
    data = [
        {
            "position": [round(float(x), 6), round(float(y), 6)],
            "park_id": row.park_id,
            "select_id": f"park:{row.park_id}",
            "tip_title": getattr(row, name_column(lang)),
            "tip_body": park_tip(row, lang),
            "colour": rgb(
                theme.PARK_COLOURS.get(row.park_id, "#546E7A"), 120 if focus not in (None, row.park_id) else 230
            ),
        }
        for row, x, y in zip(rows, lon, lat, strict=True)
    ]
    return pdk.Layer(
        "ScatterplotLayer",
        data,
        id="park_points",
        get_position="position",
        get_fill_color="colour",
        get_radius=600,
        radius_min_pixels=8,
        stroked=True,
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=2,
        pickable=True,
    )


def grid_tip(row, lang: str) -> str:
    return t(
        "maps_tip_grid",
        lang,
        park=getattr(row, f"park_{name_column(lang)}"),
        level=level_name(row.level, lang),
        firms=fmt.count(row.enterprise_count, lang=lang),
        employees=fmt.count(row.employee_count, lang=lang),
        cases=fmt.count(row.case_count, lang=lang),
    )


def case_classes(counts) -> list[tuple[int, int]]:
    """Classes of dispute case counts above zero, for the choropleth: up to five quantile classes of
    whole numbers, fewer when few grids have cases (about two grids a class)."""
    positive = np.sort(np.asarray([c for c in counts if c > 0], dtype=float))
    if positive.size == 0:
        return []
    k = min(len(CASE_COLOURS), math.ceil(positive.size / 2))
    uppers = sorted({math.ceil(q) for q in np.quantile(positive, np.arange(1, k) / k)} | {int(positive[-1])})
    classes, low = [], 1
    for upper in uppers:
        if upper >= low:
            classes.append((low, upper))
            low = upper + 1
    return classes


def case_colour(count: int, classes: list[tuple[int, int]], alpha: int = 225) -> list[int]:
    """The fill of a grid with `count` cases: grey for none, then the classes from light to dark red."""
    if count <= 0 or not classes:
        return ZERO_CASES + [170]
    picks = np.linspace(0, len(CASE_COLOURS) - 1, len(classes)).round().astype(int) if len(classes) > 1 else [2]
    for (_, high), pick in zip(classes, picks, strict=True):
        if count <= high:
            return rgb(CASE_COLOURS[pick], alpha)
    return rgb(CASE_COLOURS[picks[-1]], alpha)


@dataclass(frozen=True)
class GridLayers:
    layers: list
    drawn: int  # grids drawn (0 when their outlines have more than MAX_VERTICES)
    total: int
    classes: list  # case classes of the choropleth, if any


def grid_layers(
    grids: pd.DataFrame,
    level: int,
    park_id: str | None,
    lang: str,
    crs: str = geo.WGS84,
    *,
    choropleth: bool = False,
    labels: bool = True,
) -> GridLayers:
    """Grid outlines of one level (rows of the maps_grids query); filled by dispute cases if `choropleth`.

    Level-1 and level-2 grids get their names when `labels` (best only for one park: the zone is crowded).

    Outlines alone are picked on their lines only, so a click inside a grid still reaches the park.
    """
    if geo.vertex_count(level, park_id) > MAX_VERTICES:  # more than a screen can show: none
        return GridLayers([], 0, geo.grid_count(level, park_id), [])
    outlines = geo.grids(level, park_id, crs)
    rows = {row.grid_id: row for row in _rows(grids)}
    classes = case_classes(grids["case_count"]) if choropleth else []
    features, names = [], []
    width = {1: 2.2, 2: 1.4, 3: 0.7}[level]
    for feature in outlines:
        row = rows.get(feature["properties"]["grid_id"])
        if row is None:
            continue
        fill = case_colour(row.case_count, classes) if choropleth else [0, 0, 0, 0]
        features.append(
            _feature(
                feature,
                grid_id=row.grid_id,
                select_id=f"grid:{row.grid_id}",
                tip_title=row.name_zh,
                tip_body=grid_tip(row, lang),
                fill=fill,
            )
        )
        if level < 3:
            names.append({"text": row.name_zh, "position": _centre(feature)})
    line = [255, 255, 255, 230] if choropleth else [55, 65, 81, 150 if level < 3 else 90]
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            {"type": "FeatureCollection", "features": features},
            id="grids",
            stroked=True,
            filled=choropleth,
            get_fill_color="properties.fill",
            get_line_color=line,
            get_line_width=width,
            line_width_units=quoted("pixels"),
            pickable=True,
            auto_highlight=True,
            highlight_color=[17, 24, 39, 50],
        )
    ]
    if labels and 0 < len(names) <= MAX_LABELS:
        layers.append(text_layer("grid_labels", names, size=12, colour=[75, 85, 99]))
    return GridLayers(layers, len(features), len(outlines), classes)


def industry_colours(industries: pd.DataFrame) -> dict[str, list[int]]:
    """Industry -> RGBA, by the industry's zone-wide rank (rows of the maps_industries query)."""
    return {
        row.industry: rgb(INDUSTRY_PALETTE[(row.industry_rank - 1) % len(INDUSTRY_PALETTE)], 215)
        for row in industries.itertuples()
    }


def enterprise_tip(row, lang: str) -> str:
    return t(
        "maps_tip_enterprise",
        lang,
        industry=row.industry,
        employees=fmt.count(row.employees, lang=lang),
        park=getattr(row, f"park_{name_column(lang)}"),
        grid=row.grid_name_zh or row.grid_id,
        cases=fmt.count(row.case_count, lang=lang),
    )


def radius_m(employees) -> np.ndarray:
    """Dot radius in metres, area growing with employees (3 to 3000 employees: about 11 to 98 m)."""
    return np.round(8 + 1.65 * np.sqrt(np.clip(np.asarray(employees, dtype=float), 0, None)), 1)


def enterprise_layer(points: pd.DataFrame, colours: dict, lang: str, crs: str = geo.WGS84) -> pdk.Layer:
    """Enterprises as dots coloured by industry and sized by employees (rows of maps_enterprises)."""
    lon, lat = geo.convert(points["lon"].to_numpy(), points["lat"].to_numpy(), crs)
    radii = radius_m(points["employees"])
    data = [
        {
            "select_id": f"enterprise:{row.enterprise_id}",
            "tip_title": row.name_zh,
            "tip_body": enterprise_tip(row, lang),
            "position": [round(float(x), 6), round(float(y), 6)],
            "radius": float(r),
            "colour": colours.get(row.industry, [84, 110, 122, 215]),
        }
        for row, x, y, r in zip(_rows(points), lon, lat, radii, strict=True)
    ]
    return pdk.Layer(
        "ScatterplotLayer",
        data,
        id="enterprises",
        get_position="position",
        get_radius="radius",
        get_fill_color="colour",
        get_line_color=[255, 255, 255, 200],
        stroked=True,
        line_width_min_pixels=0.5,
        radius_min_pixels=2.5,
        radius_max_pixels=40,
        pickable=True,
        auto_highlight=True,
        highlight_color=[17, 24, 39, 120],
    )


def output_tip(row, indicator_label: str, lang: str) -> str:
    month = row.last_month.month if not pd.isna(row.last_month) else 12
    return t(
        "maps_tip_output",
        lang,
        indicator=indicator_label,
        month=month,
        month_en=MONTH_EN[month - 1],
        value=fmt.yuan(row.value_yuan, lang, "yi"),
        growth=fmt.pct(row.growth_pct, signed=True),
    )


def output_layers(
    parks: pd.DataFrame,
    indicator_label: str,
    lang: str,
    crs: str = geo.WGS84,
    *,
    max_height_m: float = 5000,
    column_radius_m: float = 650,
) -> list:
    """A column per park, its height the indicator's year-to-date value, with the park and value on top.

    Draw the parks without their ground labels (`park_layers(labels=False)`): the columns hide them.
    """
    top = float(parks["value_yuan"].max() or 1)
    lon, lat = geo.convert(parks["lon"].to_numpy(), parks["lat"].to_numpy(), crs)
    columns, labels = [], []
    for row, x, y in zip(parks.itertuples(), lon, lat, strict=True):
        height = max_height_m * float(row.value_yuan) / top
        position = [round(float(x), 6), round(float(y), 6)]
        columns.append(
            {
                "select_id": f"park:{row.park_id}",
                "tip_title": getattr(row, name_column(lang)),
                "tip_body": output_tip(row, indicator_label, lang),
                "position": position,
                "height": height,
                "colour": rgb(theme.PARK_COLOURS.get(row.park_id, "#546E7A"), 225),
            }
        )
        text = f"{getattr(row, name_column(lang))}\n{fmt.yuan(row.value_yuan, lang, 'yi')}"
        labels.append({"text": text, "position": [*position, height + 150]})
    return [
        pdk.Layer(
            "ColumnLayer",
            columns,
            id="output",
            get_position="position",
            get_elevation="height",
            elevation_scale=1,
            radius=column_radius_m,
            disk_resolution=24,
            extruded=True,
            get_fill_color="colour",
            pickable=True,
            auto_highlight=True,
        ),
        text_layer("output_labels", labels, size=14, weight="bold", baseline="bottom"),
    ]


def highlight_layer(selection, crs: str = geo.WGS84) -> list:
    """A dark ring around the selected enterprise, or a thick outline around the selected park or grid."""
    if selection is None:
        return []
    if selection.kind == "enterprise":
        lon, lat = geo.convert(selection.row.lon, selection.row.lat, crs)
        data = [
            {
                "position": [round(float(lon), 6), round(float(lat), 6)],
                "radius": float(radius_m([selection.row.employees])[0]),
            }
        ]
        return [
            pdk.Layer(
                "ScatterplotLayer",
                data,
                id="selected",
                get_position="position",
                get_radius="radius",
                filled=False,
                stroked=True,
                get_line_color=SELECTED_RGB + [255],
                line_width_min_pixels=3,
                radius_min_pixels=9,
                pickable=False,
            )
        ]
    if selection.kind == "park":
        features = geo.parks(crs, selection.id)
    else:
        outline = geo.grid(selection.id, crs)
        features = [] if outline is None else [outline]
    return [
        pdk.Layer(
            "GeoJsonLayer",
            {"type": "FeatureCollection", "features": [_feature(f) for f in features]},
            id="selected",
            stroked=True,
            filled=False,
            get_line_color=SELECTED_RGB + [255],
            get_line_width=4,
            line_width_units=quoted("pixels"),
            pickable=False,
        )
    ]


# ---------------------------------------------------------------- the page's choices, kept in the URL


@dataclass(frozen=True)
class Choice:
    layer: str  # enterprises, disputes or output
    level: int  # grid level 1, 2 or 3
    indicator: str  # the economic indicator of the output columns
    basemap: str  # none, tianditu or amap

    @property
    def crs(self) -> str:
        return BASEMAP_CRS[self.basemap]

    def view(self, park_id: str | None, centre=None) -> pdk.ViewState:
        """The chosen park's view; the output columns compare parks, so they always show them all, tilted."""
        if self.layer == "output":
            return view(None, self.crs, pitch=35)
        return view(park_id, self.crs, centre=centre)

    def bounds(self, park_id: str | None, centre=None) -> tuple[float, float, float, float]:
        """What `view` shows, flat (the briefing's map)."""
        return view_bounds(None if self.layer == "output" else park_id, self.crs, centre)


def controls(lang: str) -> Choice:
    """The map's own controls in one row: thematic layer, grid level, indicator (for output), basemap."""
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        layer = filters.url_choice(
            st.segmented_control, t("maps_layer", lang), list(LAYERS), key="maps_layer", default="enterprises",
            lang=lang, required=True, format_func=lambda v: t(f"maps_layer_{v}", lang),
        )  # fmt: skip
        level = filters.url_choice(
            st.segmented_control, t("maps_level", lang), list(LEVELS), key="maps_level", default="2",
            lang=lang, required=True, format_func=lambda v: t(f"maps_level_{v}", lang),
        )  # fmt: skip
        indicator = INDICATORS[0]
        if layer == "output":
            indicator = filters.url_choice(
                st.selectbox, t("maps_indicator", lang), list(INDICATORS), key="maps_indicator", default=INDICATORS[0],
                lang=lang, format_func=lambda v: t(f"kpi_{v}", lang), width=220,
            )  # fmt: skip
        basemap = filters.url_choice(
            st.selectbox, t("maps_basemap", lang), list(BASEMAPS), key="maps_basemap", default="none",
            lang=lang, format_func=lambda v: t(f"maps_basemap_{v}", lang), width=180,
        )  # fmt: skip
    return Choice(layer, int(level), indicator, basemap)


def chart_key(choice: Choice, snapshot_date: str, park_id: str | None, lang: str) -> str:
    """A key per view: a new view is a new chart, so a selection never points into other data."""
    parts = [snapshot_date, park_id or "all", choice.layer, str(choice.level), choice.indicator, choice.basemap, lang]
    return "_".join(["maps_chart", *parts, str(st.session_state.get(RESETS_KEY, 0))])


def notes(choice: Choice, points: pd.DataFrame, grids: "GridLayers", lang: str) -> None:
    """What the map leaves out and what its basemap needs, under the map."""
    lines = [t("maps_pick_hint", lang)]
    total = int(points["total_enterprise_count"].max()) if not points.empty else 0
    if choice.layer == "enterprises" and len(points) < total:
        lines.append(t("maps_points_limited", lang, shown=len(points), total=total))
    if grids.total and not grids.drawn:
        lines.append(t("maps_grids_limited", lang, level=level_name(choice.level, lang), n=grids.total))
    if choice.basemap == "none":
        lines.append(t("maps_offline_note", lang))
    elif tile_urls(choice.basemap):
        lines.append(t("maps_basemap_note", lang, name=t(f"maps_basemap_{choice.basemap}", lang)))
        lines.append(t("maps_crs_gcj02" if choice.crs == geo.GCJ02 else "maps_crs_cgcs2000", lang))
    else:
        st.warning(t("maps_tianditu_key", lang), icon=":material/key:")
    st.caption("  \n".join(lines))


# ---------------------------------------------------------------- the selection


@dataclass(frozen=True)
class Selection:
    kind: str  # park, grid or enterprise
    id: str
    row: object  # the row of maps_parks, maps_grids or maps_enterprise


def select_id_of(picked: dict) -> str:
    """The `select_id` of an object picked on the map (a record, or a GeoJSON feature)."""
    if not isinstance(picked, dict):
        return ""
    value = picked.get("select_id") or (picked.get("properties") or {}).get("select_id")
    return value if isinstance(value, str) else ""


def on_pick(chart_key: str) -> None:
    """The chart's on_select callback: keep what was clicked (nothing, when the click cleared it)."""
    state = st.session_state.get(chart_key)
    objects = state.selection.objects if state is not None else {}
    picked = next((obj for group in objects.values() for obj in group), None)
    st.session_state[SELECTED_KEY] = select_id_of(picked)


def clear_selection() -> None:
    """Forget the selection; the chart is drawn afresh (a new key), so its own highlight goes too."""
    st.session_state[SELECTED_KEY] = ""
    st.session_state[RESETS_KEY] = st.session_state.get(RESETS_KEY, 0) + 1


def selection(snapshot, parks: pd.DataFrame, grids: pd.DataFrame, park_id: str | None, lang: str):
    """The selected park, grid or enterprise, kept in the URL; a link's unknown value gets a notice.

    A selection that no longer fits the view (an enterprise of another park, a grid of another
    level) is dropped quietly.
    """
    from_link = SELECTED_KEY not in st.session_state
    if from_link:
        st.session_state[SELECTED_KEY] = str(st.query_params.get(SELECTED_KEY, ""))[:80]
    raw = st.session_state[SELECTED_KEY]
    kind, _, ident = raw.partition(":")
    found = None
    if kind == "park" and ident in set(parks["park_id"]):
        found = Selection(kind, ident, parks.set_index("park_id", drop=False).loc[ident])
    elif kind == "grid" and ident in set(grids["grid_id"]):
        found = Selection(kind, ident, grids.set_index("grid_id", drop=False).loc[ident])
    elif kind == "enterprise" and ident:
        rows = runner.run("maps_enterprise", snapshot, enterprise_id=ident)
        if not rows.empty and park_id in (None, rows.at[0, "park_id"]):
            found = Selection(kind, ident, rows.iloc[0])
    if raw and found is None:
        if from_link:
            st.warning(
                t("bad_url_value", lang, param=t("maps_selection", lang), value=raw[:40]), icon=":material/link_off:"
            )
        st.session_state[SELECTED_KEY] = ""
    value = st.session_state[SELECTED_KEY]
    if value:
        if st.query_params.get(SELECTED_KEY) != value:
            st.query_params[SELECTED_KEY] = value
    else:
        st.query_params.pop(SELECTED_KEY, None)
    return found


# ---------------------------------------------------------------- panels beside the map


def _swatch(colour: list[int], shape: str = "50%") -> str:
    r, g, b = colour[:3]
    return (
        f"<span style='display:inline-block;width:12px;height:12px;border-radius:{shape};"
        f"background:rgb({r},{g},{b});margin-right:6px;vertical-align:-1px'></span>"
    )


def _legend_rows(rows: list[tuple[list[int], str, str]], shape: str = "50%") -> None:
    """Swatch, label and value per row; two columns when there are many rows."""
    cells = "".join(
        f"<div style='display:flex;justify-content:space-between;gap:6px'>"
        f"<span>{_swatch(colour, shape)}{html.escape(label)}</span>"
        f"<span style='color:#6B7280'>{html.escape(value)}</span></div>"
        for colour, label, value in rows
    )
    columns = 2 if len(rows) > 10 else 1
    style = f"display:grid;grid-template-columns:repeat({columns},1fr);gap:0 16px;font-size:0.875rem;line-height:1.75"
    st.markdown(f"<div style='{style}'>{cells}</div>", unsafe_allow_html=True)


def legend(entries: tuple[str, list, str], f) -> None:
    """The legend (`legend_entries`) of the chosen thematic layer, tagged with the snapshot's source."""
    caption, rows, shape = entries
    if rows:
        st.caption(caption)
        _legend_rows(rows, shape=shape)
    else:
        widgets.empty_state(f.lang)
    widgets.tag(f)


def legend_entries(choice: Choice, *, industries, colours, classes, parks, lang: str) -> tuple[str, list, str]:
    """The legend's caption, its rows (colour, label, value) and its swatch's corner radius."""
    if choice.layer == "enterprises":
        rows = [
            (colours[r.industry], r.industry, fmt.count(r.enterprise_count, lang=lang)) for r in industries.itertuples()
        ]
        return t("maps_legend_enterprises", lang), rows, "50%"
    if choice.layer == "disputes":
        rows = [(ZERO_CASES, t("maps_legend_zero", lang), "")]
        for low, high in classes:
            label = (
                t("maps_legend_one", lang, n=low) if low == high else t("maps_legend_range", lang, low=low, high=high)
            )
            rows.append((case_colour(high, classes), label, ""))
        return t("maps_legend_disputes", lang, level=level_name(choice.level, lang)), rows, "2px"
    indicator_label = t(f"kpi_{choice.indicator}", lang)
    month = parks["last_month"].max().month if parks["last_month"].notna().any() else 12
    caption = t("maps_legend_output", lang, indicator=indicator_label, month=month, month_en=MONTH_EN[month - 1])
    rows = [
        (
            rgb(theme.PARK_COLOURS.get(r.park_id, "#546E7A")),
            getattr(r, name_column(lang)),
            fmt.yuan(r.value_yuan, lang, "yi"),
        )
        for r in parks.itertuples()
    ]
    return caption, rows, "2px"


def _facts(pairs: list[tuple[str, str]]) -> None:
    """Label-value pairs, one to a line, compact enough for the narrow column beside the map."""
    cells = "".join(
        f"<span style='color:#6B7280'>{html.escape(label)}</span>"
        f"<span style='font-weight:600'>{html.escape(value)}</span>"
        for label, value in pairs
    )
    style = "display:grid;grid-template-columns:auto 1fr;gap:4px 14px;font-size:0.9rem;margin:4px 0 8px"
    st.markdown(f"<div style='{style}'>{cells}</div>", unsafe_allow_html=True)


def details(sel, lang: str, *, snapshot, indicator_label: str) -> None:
    """What the selected park, grid or enterprise holds, and a button to clear it; a hint when nothing is.

    Everything is the snapshot's detail, except a park's grid counts where they are the article's figures.
    """
    if sel is None:
        st.caption(t("maps_details_none", lang))
        return
    grid_counts_published = sel.kind == "park" and all(
        provenance.published(f"grids_level{n}", sel.row[f"level{n}_grid_count"], sel.id, snapshot) for n in (1, 2, 3)
    )
    row = sel.row
    count = lambda n: fmt.count(n, lang=lang)  # noqa: E731
    if sel.kind == "park":
        title = row[name_column(lang)]
        pairs = [
            (
                t("maps_grids", lang),
                f"{count(row.level1_grid_count)}/{count(row.level2_grid_count)}/{count(row.level3_grid_count)}",
            ),
            (t("maps_enterprises", lang), count(row.enterprise_count)),
            (t("maps_employees", lang), count(row.employee_count)),
            (t("maps_cases", lang), count(row.case_count)),
            (t("maps_amount", lang), fmt.yuan(row.amount_yuan, lang, "wan")),
        ]
        month = row.last_month.month if not pd.isna(row.last_month) else 12
        output = t("maps_output", lang, indicator=indicator_label, month=month, month_en=MONTH_EN[month - 1])
        pairs.append((output, fmt.yuan(row.value_yuan, lang, "yi")))
    elif sel.kind == "grid":
        title = row.name_zh
        pairs = [
            (t("maps_park", lang), row[f"park_{name_column(lang)}"]),
            (t("maps_grid", lang), level_name(int(row.level), lang)),
            (t("maps_enterprises", lang), count(row.enterprise_count)),
            (t("maps_employees", lang), count(row.employee_count)),
            (t("maps_cases", lang), count(row.case_count)),
            (t("maps_amount", lang), fmt.yuan(row.amount_yuan, lang, "wan")),
        ]
    else:
        title = row.name_zh
        pairs = [
            (t("maps_industry", lang), row.industry),
            (t("maps_employees", lang), count(row.employees)),
            (t("maps_park", lang), row[f"park_{name_column(lang)}"]),
            (t("maps_col_grid", lang), row.grid_name_zh or row.grid_id),
            (t("maps_col_level2", lang), row.level2_grid_name_zh or "—"),
            (t("maps_cases", lang), count(row.case_count)),
        ]
    st.markdown(f"**{title}**  \n:gray[{t(f'maps_kind_{sel.kind}', lang)}]")
    _facts(pairs)
    lines = []
    if grid_counts_published:
        published = widgets.tag_markdown(provenance.Provenance(provenance.PUBLISHED), lang)
        lines.append(f"{published} {t('maps_grid_counts_published', lang)}")
    lines.append(widgets.tag_markdown(provenance.of_snapshot(snapshot), lang))
    st.caption("  \n".join(lines))
    st.button(t("maps_clear", lang), key="maps_clear", icon=":material/close:", on_click=clear_selection)


def table_columns(lang: str) -> dict:
    """Column headers of the enterprise table, in the page's language; other columns are hidden."""
    park = "park_name_en" if lang == "en" else "park_name_zh"
    return {
        "name_zh": st.column_config.TextColumn(t("maps_col_name", lang), width="medium"),
        park: st.column_config.TextColumn(t("maps_col_park", lang)),
        "industry": st.column_config.TextColumn(t("maps_col_industry", lang)),
        "employees": st.column_config.NumberColumn(t("maps_col_employees", lang), format="%d"),
        "grid_name_zh": st.column_config.TextColumn(t("maps_col_grid", lang)),
        "level2_grid_name_zh": st.column_config.TextColumn(t("maps_col_level2", lang)),
        "case_count": st.column_config.NumberColumn(t("maps_col_cases", lang), format="%d"),
    }
