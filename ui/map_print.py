"""The park map as the briefing prints it: the deck's own layers (ui/maps.py) drawn flat by plotly, so
that kaleido turns them into vector shapes. Outlines, fills, dots and labels keep the screen's colours;
a column (the output view) becomes a dot sized by its value. No tiles: the paper has the backdrop only.
"""

import html
import math

import numpy as np
import plotly.graph_objects as go

from ui import briefing, geo, maps

WIDTH = briefing.PRINT_WIDTH
HEIGHT = 520
METRES_PER_DEGREE = 111_320


def _colour(rgba) -> str:
    r, g, b, *a = (list(rgba) + [255])[:4]
    return f"rgba({int(r)},{int(g)},{int(b)},{(a[0] if a else 255) / 255:.3f})"


def _accessor(layer, name: str, row: dict, default):
    """A layer's value for one row: a constant, or the row's field named by the accessor ("@@=properties.fill")."""
    value = getattr(layer, name, None)
    if isinstance(value, str) and value.startswith("@@="):
        for part in value[3:].split("."):
            row = row.get(part) if isinstance(row, dict) else None
        return default if row is None else row
    return default if value is None else value


def _path(fill: str, line: str, width: float, path: list[str]) -> dict:
    """One shape for all the rings or dots of one colour: an SVG path each, whatever their number (a
    thousand dots as a thousand elements cost the PDF engine a second)."""
    return {
        "type": "path",
        "path": " ".join(path),
        "fillcolor": fill,
        "line": {"color": line, "width": width},
        "layer": "below",
    }


def _polygons(layer) -> list[dict]:
    """A GeoJsonLayer's outlines and fills, one shape per (fill, line) colour."""
    groups: dict[tuple, list[str]] = {}
    filled = getattr(layer, "filled", True) is not False
    for feature in layer.data["features"]:
        fill = _accessor(layer, "get_fill_color", feature, [0, 0, 0, 0]) if filled else [0, 0, 0, 0]
        line = _accessor(layer, "get_line_color", feature, [55, 65, 81, 150])
        path = groups.setdefault((_colour(fill), _colour(line)), [])
        for ring in geo.rings(feature["geometry"]):
            path.append("M" + "L".join(f"{x:.6f},{y:.6f}" for x, y, *_ in ring) + "Z")
    width = float(getattr(layer, "get_line_width", 1) or 1) * 0.8
    return [_path(fill, line, width, path) for (fill, line), path in groups.items()]


def _circle(x: float, y: float, rx: float, ry: float) -> str:
    """A circle of four cubic curves (shape paths take no arcs)."""
    kx, ky = 0.5523 * rx, 0.5523 * ry
    return (
        f"M{x + rx:.6f},{y:.6f}"
        f"C{x + rx:.6f},{y + ky:.6f} {x + kx:.6f},{y + ry:.6f} {x:.6f},{y + ry:.6f}"
        f"C{x - kx:.6f},{y + ry:.6f} {x - rx:.6f},{y + ky:.6f} {x - rx:.6f},{y:.6f}"
        f"C{x - rx:.6f},{y - ky:.6f} {x - kx:.6f},{y - ry:.6f} {x:.6f},{y - ry:.6f}"
        f"C{x + kx:.6f},{y - ry:.6f} {x + rx:.6f},{y - ky:.6f} {x + rx:.6f},{y:.6f}Z"
    )


def _dots(layer, pixels_per_degree: tuple[float, float]) -> list[dict]:
    """A ScatterplotLayer's dots (or a ColumnLayer's columns, seen from above, their area by their value),
    sized as the screen sizes them: metres within bounds in pixels; one shape per colour."""
    rows = list(layer.data)
    if layer.type == "ColumnLayer":
        top = max((float(row["height"]) for row in rows), default=1) or 1
        pixels = [9 + 15 * math.sqrt(float(row["height"]) / top) for row in rows]
    else:
        metres = [float(_accessor(layer, "get_radius", row, 30)) for row in rows]
        low = float(getattr(layer, "radius_min_pixels", 1) or 1)
        high = float(getattr(layer, "radius_max_pixels", 40) or 40)
        pixels = np.clip(np.asarray(metres) * pixels_per_degree[1] / METRES_PER_DEGREE, low, high)
    filled = getattr(layer, "filled", True) is not False
    groups: dict[tuple, list[str]] = {}
    for row, radius in zip(rows, pixels, strict=True):
        fill = _colour(_accessor(layer, "get_fill_color", row, [84, 110, 122, 215])) if filled else "rgba(0,0,0,0)"
        line = _colour(_accessor(layer, "get_line_color", row, [255, 255, 255, 200]))
        x, y = row["position"][:2]
        groups.setdefault((fill, line), []).append(
            _circle(x, y, radius / pixels_per_degree[0], radius / pixels_per_degree[1])
        )
    width = 0.4 if filled else 2.5
    return [_path(fill, line, width, path) for (fill, line), path in groups.items()]


def _labels(layer) -> list[dict]:
    """A TextLayer's labels, on the light box the screen gives them."""
    size = float(getattr(layer, "get_size", 14) or 14) * 0.85
    bold = "bold" in str(getattr(layer, "font_weight", ""))
    colour = _colour(_accessor(layer, "get_color", {}, maps.TEXT))
    return [
        {
            "x": row["position"][0],
            "y": row["position"][1],
            "text": ("<b>{}</b>" if bold else "{}").format(html.escape(row["text"]).replace("\n", "<br>")),
            "showarrow": False,
            "font": {"size": size, "color": colour},
            "bgcolor": _colour(maps.LABEL_BOX),
            "bordercolor": "rgba(209,213,219,1)",
            "borderpad": 2,
        }
        for row in layer.data
    ]


def _legend(rows: list[tuple[list[int], str, str]]) -> list[go.Scatter]:
    """The page's legend (ui/maps.legend_entries): a swatch, its label and value per row."""
    return [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"color": _colour(colour), "size": 11, "symbol": "square"},
            name=f"{label}  {value}".strip(),
            showlegend=True,
        )
        for colour, label, value in rows
    ]


def figure(layers: list, bounds: tuple, legend: list | None = None, height: int = HEIGHT) -> go.Figure:
    """The map of `layers` (what the page's deck draws) over `bounds` (west, south, east, north: what the
    screen's view shows), flat, north up, with the true ratio of its sides, and the page's `legend` rows
    beside it."""
    west, south, east, north = bounds
    squash = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    pad_x, pad_y = (east - west) * 0.04 + 0.002, (north - south) * 0.04 + 0.002
    plot_width = WIDTH * (0.82 if legend else 1)
    # the degrees the plot spans: the larger of the two sides decides the scale
    span_y = max(north - south + 2 * pad_y, (east - west + 2 * pad_x) * squash * height / plot_width)
    pixels_per_degree = (height / span_y * squash, height / span_y)
    shapes, texts = [], []
    for layer in layers:
        if layer.type == "GeoJsonLayer":
            shapes += _polygons(layer)
        elif layer.type in ("ScatterplotLayer", "ColumnLayer"):
            shapes += _dots(layer, pixels_per_degree)
        elif layer.type == "TextLayer":
            texts += _labels(layer)
    fig = go.Figure(_legend(legend or []))
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        height=height,
        shapes=shapes,
        annotations=texts,
        showlegend=bool(legend),
        legend={"x": 1.0, "xanchor": "left", "y": 1.0, "font": {"size": 13}},
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        paper_bgcolor=maps.BACKDROP,
        plot_bgcolor=maps.BACKDROP,
        font={"family": maps.FONT_FAMILY},
        xaxis=axis | {"range": [west - pad_x, east + pad_x]},
        yaxis=axis | {"range": [south - pad_y, north + pad_y], "scaleanchor": "x", "scaleratio": 1 / squash},
    )
    return fig
