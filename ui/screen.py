"""The big screen (数据大屏): its settings from the URL, its look, the clock and the KPI tiles.

The screen is laid out on a 1920x1080 canvas. A larger display (a 3840x2160 LED wall driven at 100%)
gets the same layout drawn `scale` times larger: the page measures the window once and adds `scale=2`
to its URL. The scale is applied on the server (root font size, chart and map sizes) rather than by
CSS `zoom`/`transform`, because Streamlit sizes charts from their on-screen box, and a CSS-scaled box
makes every chart twice too large again.
"""

import html
import time
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from queries import runner
from ui import disputes_charts, fmt, theme
from ui.kept_figures import kept
from ui.strings import MONTH_EN, t
from ui.theme import FONT_FAMILY

CANVAS_WIDTH, CANVAS_HEIGHT = 1920, 1080
INTERVALS = (5, 10, 15, 20, 30, 60, 120, 300, 600)
DEFAULT_INTERVAL = 20
SCALES = ("1", "1.25", "1.5", "2", "2.5", "3", "4")
BACKGROUND = "#061428"
PANEL = "rgba(16, 42, 78, 0.72)"
ACCENT = "#36C5F0"
TEXT = "#E6F1FF"
MUTED = "#8FA9C8"
GOLD = "#FFC857"
MAP_BACKDROP = "#0A1E3A"

# sizes in rem of the 1920x1080 canvas (1rem = 16px there, 32px at scale 2)
CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer {{
    display: none !important;
}}
html, body, [data-testid="stApp"] {{ background: {BACKGROUND} !important; overflow: hidden !important; }}
[data-testid="stAppViewContainer"] {{ background: radial-gradient(ellipse at top, #0D2A52 0%, {BACKGROUND} 70%); }}
[data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stMainBlockContainer"] {{
    width: 120rem; height: 67.5rem; max-width: none; padding: 1rem 1.5rem !important;
    position: fixed; top: 0; left: 0; margin: 0; color: {TEXT}; overflow: hidden;
}}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0.75rem; }}
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{ gap: 0.75rem; }}
[data-testid="stMainBlockContainer"] p {{ color: {TEXT}; }}
/* style- and script-only elements take no room (they would each add a gap) */
[data-testid="stElementContainer"]:has([data-testid="stHtml"] > :is(style, script):only-child) {{ display: none; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"][height] {{ padding: 0.75rem; }}
[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stLayoutWrapper"] > div[data-testid="stVerticalBlock"] {{
    border-color: rgba(54, 197, 240, 0.35) !important; background: rgba(8, 24, 48, 0.55);
}}
.jedz-screen-header {{ display: flex; align-items: center; justify-content: space-between; height: 4rem; }}
.jedz-screen-title {{ font-size: 2.5rem; font-weight: 700; letter-spacing: 0.25rem; color: {TEXT}; }}
.jedz-screen-meta {{ font-size: 1.375rem; color: {MUTED}; text-align: right; line-height: 1.3; }}
.jedz-screen-scope {{ font-size: 1.625rem; color: {GOLD}; font-weight: 600; margin-right: 1.5rem; }}
.jedz-tiles {{ display: grid; grid-template-columns: repeat(6, 1fr); gap: 0.875rem; }}
.jedz-tile {{
    background: {PANEL}; border: 1px solid rgba(54,197,240,.35); border-radius: 0.625rem; padding: 0.75rem 1.125rem;
}}
.jedz-tile-label {{ font-size: 1.375rem; color: {MUTED}; white-space: nowrap; }}
.jedz-tile-value {{ font-size: 2.875rem; font-weight: 700; color: {TEXT}; line-height: 1.15; white-space: nowrap; }}
.jedz-tile-unit {{ font-size: 1.375rem; color: {MUTED}; margin-left: 0.25rem; }}
.jedz-tile-foot {{ font-size: 1.125rem; color: {MUTED}; white-space: nowrap; }}
.jedz-tag-published {{ color: #4ADE80; }}
.jedz-tag-reported {{ color: #7DD3FC; }}
.jedz-tag-demo {{ color: {GOLD}; }}
.jedz-tag-unrecorded {{ color: {MUTED}; }}
[data-testid="stDeckGlJsonChart"] :is(.maplibregl-ctrl, .mapboxgl-ctrl, [data-testid="stElementToolbar"]),
[data-testid="stElementToolbar"] {{ display: none !important; }}
.jedz-panel-title {{ font-size: 1.5rem; font-weight: 600; color: {TEXT}; margin: 0 0 0.25rem 0.25rem; }}
</style>
"""

# Once per load: a window larger than the canvas asks for a scaled screen (unless the link sets one).
FIT_TO_WINDOW = f"""
<script>
(function () {{
  const url = new URL(window.location.href);
  if (url.searchParams.has("scale")) return;
  const fit = Math.min(window.innerWidth / {CANVAS_WIDTH}, window.innerHeight / {CANVAS_HEIGHT});
  const scales = {list(map(float, SCALES))};
  const scale = scales.filter((s) => s <= fit + 0.01).pop() || 1;
  if (scale > 1) {{
    url.searchParams.set("scale", String(scale));
    window.location.replace(url.toString());
  }}
}})();
</script>
"""

# A clock that ticks in the browser, so the server is not asked to rerun every second.
CLOCK = """
<span id="jedz-clock-text"></span>
<script>
(function () {
  const el = document.getElementById("jedz-clock-text");
  const pad = (n) => String(n).padStart(2, "0");
  function tick() {
    const d = new Date();
    el.textContent = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
      + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  tick();
  if (window.jedzClock) clearInterval(window.jedzClock);
  window.jedzClock = setInterval(tick, 1000);
})();
</script>
"""


@dataclass(frozen=True)
class Settings:
    interval: int  # seconds between views, and between checks for new data
    paused: bool
    rotate: bool  # move through the zone and its parks; otherwise hold the park of the filters
    show_names: bool  # enterprise names may be shown on this screen
    scale: float  # the canvas drawn this many times larger

    def px(self, canvas_pixels: float) -> int:
        """A size on the 1920x1080 canvas, in the window's pixels."""
        return round(canvas_pixels * self.scale)


def settings() -> Settings:
    """The screen's settings from its URL (`interval`, `paused`, `rotate`, `names`, `scale`); values
    outside the lists are ignored."""
    params = st.query_params
    interval = params.get("interval", "")
    scale = params.get("scale", "1")
    return Settings(
        interval=int(interval) if interval in {str(i) for i in INTERVALS} else DEFAULT_INTERVAL,
        paused=params.get("paused") == "1",
        rotate=params.get("rotate") != "0",
        show_names=params.get("names") == "1",
        scale=float(scale) if scale in SCALES else 1.0,
    )


def view_at(views: list, interval: int, now: float):
    """The view a rotating screen shows at time `now`: every screen showing the same link agrees,
    and a screen that reconnects carries on where the clock says."""
    return views[int(now // interval) % len(views)]


def style(setup: Settings) -> None:
    st.html(CSS.replace("<style>", f"<style>html {{ font-size: {16 * setup.scale:g}px; }}", 1))
    st.html(FIT_TO_WINDOW, unsafe_allow_javascript=True)


def header(title: str, scope: str, as_of: str, lang: str) -> None:
    """The title, the view and the data's date, and the clock. The header also counts the screen's
    refreshes (`data-cycle`, `data-refreshed`), for the soak test and for anyone checking that an
    unattended screen is alive."""
    cycle = st.session_state["screen_cycles"] = st.session_state.get("screen_cycles", 0) + 1
    st.html(
        f"""<div class="jedz-screen-header" data-cycle="{cycle}" data-refreshed="{time.time():.3f}">
  <div class="jedz-screen-title">{html.escape(title)}</div>
  <div class="jedz-screen-meta"><span class="jedz-screen-scope">{html.escape(scope)}</span>
    {html.escape(t("as_of", lang, date=as_of))}<br>{CLOCK}</div>
</div>""",
        unsafe_allow_javascript=True,
    )


TILES = [  # catalogue metrics (queries/metrics.py), one tile each, left to right
    "grids_level3",
    "enterprise_grid_workers",
    "dispute_cases",
    "industrial_output",
    "fixed_asset_investment",
    "expansion_enterprises",
]


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    unit: str
    kind: str  # where the figure comes from: published, reported, demo or unrecorded (ui/provenance)
    foot: str = ""


def tiles(items: list[Tile], lang: str) -> None:
    cells = []
    for item in items:
        tag = f'<span class="jedz-tag-{item.kind}">● {t(f"tag_{item.kind}", lang)}</span>'
        cells.append(
            f"""<div class="jedz-tile"><div class="jedz-tile-label">{html.escape(item.label)}</div>
<div class="jedz-tile-value">{html.escape(item.value)}<span class="jedz-tile-unit">{html.escape(item.unit)}</span></div>
<div class="jedz-tile-foot">{tag} {html.escape(item.foot)}</div></div>"""
        )
    st.html(f'<div class="jedz-tiles">{"".join(cells)}</div>')


def panel_title(text: str) -> None:
    st.html(f'<div class="jedz-panel-title">{html.escape(text)}</div>')


def restyle(fig, setup: Settings, width: int, height: int):
    """A chart of the analysis pages, restyled for the dark screen: transparent, light text, larger
    type, at a fixed size of the canvas (`width` x `height` canvas pixels)."""
    size = setup.px(18)
    theme.use_template(fig, "plotly_dark")
    fig.update_layout(
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        autosize=False,
        width=setup.px(width),
        height=setup.px(height),
        font={"family": FONT_FAMILY, "size": size, "color": TEXT},
        legend={"font": {"size": size}},
        margin={"l": setup.px(10), "r": setup.px(10), "t": setup.px(40), "b": setup.px(10)},
    )
    fig.update_traces(textfont_size=size, selector={"type": "sankey"})
    fig.update_traces(textfont_size=setup.px(22), selector={"type": "scatter"})
    fig.update_traces(textfont_size=size, selector={"type": "bar"})
    return fig


@kept
def loop_figure(links: pd.DataFrame, setup: Settings, lang: str):
    """The closed loop of the disputes page (disputes_flow_links rows), on the screen."""
    return restyle(disputes_charts.flow(links, by_source=False, lang=lang), setup, width=1030, height=310)


@kept
def trend_figure(series: dict[str, pd.DataFrame], setup: Settings, lang: str):
    return restyle(growth_lines(series, lang), setup, width=495, height=280)


@kept
def coverage_figure(frame: pd.DataFrame, setup: Settings, lang: str):
    return restyle(coverage_bars(frame, lang), setup, width=495, height=280)


def chart(fig, key: str) -> None:
    """A still chart (no hover, no toolbar) at the size `restyle` gave it."""
    st.plotly_chart(
        fig, theme=None, key=key, width=fig.layout.width, height=fig.layout.height, config={"staticPlot": True}
    )


def growth_lines(series: dict[str, pd.DataFrame], lang: str):
    """Cumulative growth on the prior year, month by month, one line per indicator (economy_trend rows)."""
    fig = go.Figure()
    series = {label: frame for label, frame in series.items() if not frame.empty}
    if not series:  # a park that reports no monthly figures
        fig.add_annotation(text=t("empty", lang), showarrow=False, font={"size": 22, "color": MUTED})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return fig
    for (label, frame), colour in zip(series.items(), (ACCENT, GOLD), strict=False):
        months = [f"{m.month}月" if lang == "zh" else MONTH_EN[m.month - 1] for m in frame["report_month"]]
        fig.add_scatter(
            x=months,
            y=frame["cumulative_growth_pct"],
            name=label,
            mode="lines+markers+text",
            line={"color": colour, "width": 4},
            marker={"size": 9},
            text=[""] * (len(frame) - 1) + [fmt.pct(frame["cumulative_growth_pct"].iloc[-1], signed=True)],
            textposition="top left",
            textfont={"size": 22, "color": colour},
        )
    # both ends set: room above the highest point for its label (the screen's plotly.js reads a range
    # with one open end as no range at all, and the label was cut off at the top)
    top = max(float(frame["cumulative_growth_pct"].max()) for frame in series.values())
    bottom = min(float(frame["cumulative_growth_pct"].min()) for frame in series.values())
    span = [min(0.0, bottom * 1.25 - 2), max(top, 0.0) * 1.25 + 2]
    fig.update_yaxes(ticksuffix="%", gridcolor="rgba(143,169,200,0.2)", zeroline=True, range=span)
    fig.update_xaxes(showgrid=False)
    fig.update_layout(legend={"orientation": "h", "y": 1.22, "x": 0})
    return fig


def coverage_bars(frame: pd.DataFrame, lang: str):
    """Level-3 grids per park, and the share with an enterprise grid worker (park_name, level3_grid_count,
    covered_level3_grid_count, coverage_pct)."""
    fig = go.Figure()
    fig.add_bar(
        y=frame["park_name"],
        x=frame["level3_grid_count"],
        orientation="h",
        marker_color="rgba(54,197,240,0.25)",
        name=t("screen_level3_grids", lang),
        hoverinfo="skip",
    )
    fig.add_bar(
        y=frame["park_name"],
        x=frame["covered_level3_grid_count"],
        orientation="h",
        marker_color=ACCENT,
        name=t("screen_covered_grids", lang),
        text=[fmt.pct(p) for p in frame["coverage_pct"]],
        textposition="inside",
        insidetextanchor="end",
        textfont={"size": 18, "color": BACKGROUND},
    )
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": 1.14, "x": 0})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(gridcolor="rgba(143,169,200,0.2)")
    return fig


def coverage_frame(snapshot, focus: str | None, names: pd.Series) -> pd.DataFrame:
    """grid_worker_coverage for each park, the park in focus first."""
    rows = []
    for park_id, name in names.items():
        row = runner.run("grid_worker_coverage", snapshot, park_id=park_id).iloc[0].to_dict()
        rows.append({"park_id": park_id, "park_name": name, **row})
    frame = pd.DataFrame(rows)
    return frame.sort_values("park_id", key=lambda ids: ids != focus, kind="stable")
