"""数据大屏: one 16:9 screen for a meeting room or lobby, rotating through the zone and its parks.

It refreshes itself on a timer (a fragment, no page reload): each tick moves to the next view and
picks up the newest valid snapshot, so new data shows up by itself. `?park=andong` or `?rotate=0`
holds one view; `?paused=1` stops the timer. No personal names are shown;
enterprise names only with `?names=1`.
"""

import time

import streamlit as st

from queries import access, metrics, runner
from ui import errors, filters, geo, kpis, maps, screen
from ui.strings import MONTH_EN, t

SCREEN_POINTS = 800  # enterprises drawn on one park's map: the largest by employees

f = filters.current()
lang = f.lang
setup = screen.settings()
screen.style(setup)


@st.fragment(run_every=None if setup.paused else setup.interval)
def show() -> None:
    with errors.caught("big_screen", t("page_screen", lang), lang):  # the next tick tries again
        draw()


def draw() -> None:
    # pinned by the link, or the newest valid snapshot at every tick
    snapshot = f.snapshot if "snapshot" in st.query_params else runner.latest_valid()
    parks = runner.run("maps_parks", snapshot, indicator="industrial_output")
    scopes = [None, *parks["park_id"]]
    pinned = not setup.rotate or "park" in st.query_params
    park = f.park_id if pinned else screen.view_at(scopes, setup.interval, time.time())
    principal = access.viewing(snapshot)
    # names=1 for a logged-in analyst or above (or anyone on open demo data, with no login configured)
    show_names = setup.show_names and principal.rows and (principal.logged_in or principal.demo_only)
    if principal.role == "park":  # a park user's screen holds its park
        park = principal.park_id
    names = parks.set_index("park_id")[f"name_{lang}"]
    scope = t("all_parks", lang) if park is None else names[park]
    as_of = snapshot.date
    if setup.paused:
        scope += f" · {t('screen_paused', lang)}"
    screen.header(t("screen_title", lang), scope, as_of, lang)
    screen.tiles([kpis.tile(reading, lang) for reading in metrics.read_all(screen.TILES, snapshot, park)], lang)

    px = setup.px
    map_column, right = st.columns([780, 1070], gap="small")
    with map_column, st.container(border=True, height=px(740)):
        month = int(parks["last_month"].max().month)
        if park is None:  # the zone: a column of output per park
            screen.panel_title(t("screen_map", lang, month=month, month_en=MONTH_EN[month - 1]))
            layers = maps.park_layers(parks, lang, labels=False) + maps.output_layers(
                parks, t("kpi_industrial_output", lang), lang
            )
            view = maps.view(None, geo.WGS84, pitch=40, width=px(740), height=px(660))
        else:  # one park: its level-2 grids and its largest enterprises
            screen.panel_title(t("screen_park_map", lang, park=names[park]))
            grids = runner.run("maps_grids", snapshot, level=2, park_id=park)
            colours = maps.industry_colours(runner.run("maps_industries", snapshot, park_id=park))
            layers = maps.park_layers(parks, lang, focus=park) + maps.grid_layers(grids, 2, park, lang).layers
            if principal.rows:  # enterprises for those who may see rows; their names leave only with names=1
                points = runner.run("maps_enterprises", snapshot, park_id=park, limit=SCREEN_POINTS)
                if not show_names:
                    points = points.assign(name_zh="", grid_name_zh="", level2_grid_name_zh="")
                layers.append(maps.enterprise_layer(points, colours, lang))
            view = maps.view(park, geo.WGS84, centre=maps.park_centre(parks, park), width=px(740), height=px(660))
        chart = maps.deck(layers, view, tooltip=show_names, backdrop=screen.MAP_BACKDROP)
        st.pydeck_chart(chart, height=px(660), key="screen_map")
    with right:
        with st.container(border=True, height=px(380)):
            screen.panel_title(t("screen_loop", lang))
            links = runner.run("disputes_flow_links", snapshot, park_id=park)
            screen.chart(screen.loop_figure(links, setup, lang), key="screen_loop")
        trend_column, coverage_column = st.columns(2, gap="small")
        with trend_column, st.container(border=True, height=px(348)):
            screen.panel_title(t("screen_trend", lang))
            series = {
                t(f"kpi_{indicator}", lang): runner.run("economy_trend", snapshot, park_id=park, indicator=indicator)
                for indicator in ("industrial_output", "fixed_asset_investment")
            }
            screen.chart(screen.trend_figure(series, setup, lang), key="screen_trend")
        with coverage_column, st.container(border=True, height=px(348)):
            screen.panel_title(t("screen_coverage", lang))
            coverage = screen.coverage_frame(snapshot, park, names)
            screen.chart(screen.coverage_figure(coverage, setup, lang), key="screen_coverage")


show()
