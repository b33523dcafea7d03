"""Colours, fonts and the plotly template shared by every chart."""

import functools

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
PRIMARY = "#B71C1C"
PUBLISHED = "#2E7D32"
DEMO = "#EF6C00"

# the article's five parks keep their own colours; any further park takes the next of EXTRA_PARK_COLOURS
FIXED_PARK_COLOURS = {
    "wuli": "#1565C0",
    "andong": "#C62828",
    "food": "#2E7D32",
    "sanchuang": "#6A1B9A",
    "bonded": "#EF6C00",
}
EXTRA_PARK_COLOURS = ("#00838F", "#AD1457", "#5D4037", "#9E9D24", "#283593", "#D84315", "#00695C", "#546E7A")


class ParkColours(dict):
    """park_id -> colour, for every park of the data: the five fixed ones, and each further park a colour of
    EXTRA_PARK_COLOURS by its place among them in the parks' sort order. The frame calls `follow` with the
    snapshot's parks on every run; `order` is that order (for charts drawing one trace per park).

    Entries are only ever set, never removed, so a chart drawn while another session follows never
    misses a park it knew."""

    def __init__(self):
        super().__init__(FIXED_PARK_COLOURS)
        self.order: tuple[str, ...] = tuple(FIXED_PARK_COLOURS)

    def follow(self, park_ids) -> None:
        park_ids = tuple(park_ids)
        further = [p for p in park_ids if p not in FIXED_PARK_COLOURS]
        self.update({p: EXTRA_PARK_COLOURS[i % len(EXTRA_PARK_COLOURS)] for i, p in enumerate(further)})
        self.order = park_ids


PARK_COLOURS = ParkColours()
STAGE_COLOURS = {"事前": "#1E88E5", "事中": "#FB8C00", "事后": "#43A047"}
SEQUENCE = ["#1565C0", "#C62828", "#2E7D32", "#6A1B9A", "#EF6C00", "#00838F", "#AD1457", "#5D4037", "#546E7A"]
CURRENT_YEAR, PRIOR_YEAR = "#B71C1C", "#9E9E9E"

CHART_HEIGHT = 380
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}

pio.templates["jedz"] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 14, "color": "#1F2937"},
        colorway=SEQUENCE,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        separators=".,",
    )
)
TEMPLATE = "plotly_white+jedz"

# Tightened for dashboards: less empty space above the title, KPI values sized to fit seven cards
# in a row at 1920 px, and card footers that do not break a date in two.
CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 2rem; }
[data-testid="stMetricValue"] { font-size: 2rem; }
/* a long value (117.09万平方米, CNY 18.726 m in a narrow card) or label (First-batch non-public
   party organisations) wraps rather than running out of its card or being cut short */
[data-testid="stMetricValue"] > div,
[data-testid="stMetricValue"] .stMarkdownEllipsis p,
[data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMetricLabel"] .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stCaptionContainer"] .jedz-nowrap { white-space: nowrap; }
/* Streamlit fades captions to 60% opacity: #757b85 on the page (3.97:1) and, inside them, the provenance
   badges (3:1). A solid grey reads at 5.4:1 on the page and 5.8:1 in the white sidebar (WCAG AA: 4.5:1),
   and the badges keep their theme colours ([theme] in .streamlit/config.toml). */
[data-testid="stCaptionContainer"] { opacity: 1; color: #5F6673; }
/* a sparkline's hover dot is drawn in a mark group that stays empty until hovered; empty, it is an
   unnamed graphic to a screen reader (axe svg-img-alt), and hidden it loses nothing */
[data-testid="stMetricChart"] g[class*="_highlighted_points_marks"]:empty { display: none; }
</style>
"""
# English labels run longer than Chinese ones: every KPI label gets two lines, so the values of a row stay level
ENGLISH_CSS = """
<style>
[data-testid="stMetricLabel"] { min-height: 2.7em; align-items: flex-start; }
[data-testid="stMetricLabel"] p { line-height: 1.35; }
</style>
"""


@functools.cache
def merged_template(name: str = TEMPLATE) -> go.layout.Template:
    """A template merged once ("plotly_white+jedz" is merged again on every use otherwise)."""
    return pio.templates[name]


def use_template(fig: go.Figure, name: str = TEMPLATE) -> go.Figure:
    """Set a figure's template. The template is valid already, so it is set without plotly validating it
    afresh, which is most of the cost of a small figure (~9 ms of 10); plotly sets its own default
    template the same way."""
    fig.layout._validate = False
    try:
        fig.layout.template = merged_template(name)
    finally:
        fig.layout._validate = True
    return fig


def style(fig: go.Figure, height: int = CHART_HEIGHT, **layout) -> go.Figure:
    """Lay a figure out in the theme's template."""
    fig.update_layout(height=height, **layout)
    return use_template(fig)
