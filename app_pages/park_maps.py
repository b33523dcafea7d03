"""园区地图: the five parks, their grids and enterprises on a map that works offline; click for details."""

import pandas as pd
import streamlit as st

from queries import access, runner
from ui import auth, briefing, filters, kpis, map_print, maps, widgets
from ui.strings import t

f = filters.current()
lang, park, snap, as_of = f.lang, f.park_id, f.snapshot, f.as_of
parks_named = runner.run("parks", snap).set_index("park_id")
scope = widgets.scope_name(f)

st.title(t("maps_title", lang))
st.caption(t("maps_caption", lang, scope=scope, date=as_of))
briefing.offer(f, "park_maps", t("maps_title", lang))
choice = maps.controls(lang)

kpis.row([f"grids_level{choice.level}", "map_enterprises", "map_employees", "dispute_cases"], f)

parks = runner.run("maps_parks", snap, indicator=choice.indicator)
grids = runner.run("maps_grids", snap, level=choice.level, park_id=park)
rows = access.viewing(snap).rows  # enterprises (names, positions) and level-3 plots are row-level
points = runner.run("maps_enterprises", snap, park_id=park, limit=maps.MAX_POINTS) if rows else pd.DataFrame()
industries = runner.run("maps_industries", snap, park_id=park)
colours = maps.industry_colours(industries)
try:
    picked = maps.selection(snap, parks, grids, park, lang)
except access.AccessDenied as denial:  # a link's enterprise: not for this role
    picked, st.session_state[maps.SELECTED_KEY] = None, ""
    st.query_params.pop(maps.SELECTED_KEY, None)
    auth.denied(denial, lang)
indicator_label = t(f"kpi_{choice.indicator}", lang)

grid_layers = maps.grid_layers(
    grids, choice.level, park, lang, choice.crs, choropleth=choice.layer == "disputes", labels=park is not None
)
parks_drawn = maps.park_layers(
    parks, lang, choice.crs, labels=choice.layer != "output", focus=park, opaque=choice.basemap == "none"
)
layers = parks_drawn + grid_layers.layers
if choice.layer == "enterprises" and not points.empty:
    layers.append(maps.enterprise_layer(points, colours, lang, choice.crs))
if choice.layer == "output":
    layers += maps.output_layers(parks, indicator_label, lang, choice.crs)
layers += maps.highlight_layer(picked, choice.crs)
legend = maps.legend_entries(
    choice, industries=industries, colours=colours, classes=grid_layers.classes, parks=parks, lang=lang
)

centre = maps.park_centre(parks, park)
map_column, side_column = st.columns([3, 1], gap="medium")
with map_column, st.container(border=True):
    st.subheader(f":material/map: {t('maps_map_title', lang)}")
    briefing.heading(t("maps_map_title", lang), legend[0])
    key = maps.chart_key(choice, snap.date, park, lang)
    st.pydeck_chart(
        maps.deck(layers, choice.view(park, centre), basemap=choice.basemap),
        height=maps.MAP_HEIGHT,
        key=key,
        on_select=lambda: maps.on_pick(key),
        selection_mode="single-object",
        alt=t("maps_map_alt", lang),
    )
    shown = choice.bounds(park, centre)
    briefing.chart(lambda: map_print.figure(layers, shown, legend[1]), height=map_print.HEIGHT)
    maps.notes(choice, points, grid_layers, lang)
    if not rows and (choice.layer == "enterprises" or choice.level == 3):
        widgets.notice(t("access_plots_hidden" if choice.level == 3 else "access_denied_rows", lang), ":material/lock:")

with side_column:
    with st.container(border=True):
        st.subheader(f":material/legend_toggle: {t('maps_legend', lang)}")
        maps.legend(legend, f)
    with st.container(border=True):
        st.subheader(f":material/info: {t('maps_details', lang)}")
        maps.details(picked, lang, snapshot=snap, indicator_label=indicator_label)

# the enterprises in view, or of the park clicked on the map
table_park = picked.id if picked is not None and picked.kind == "park" else park
table = points
if rows and table_park != park:
    table = runner.run("maps_enterprises", snap, park_id=table_park, limit=maps.MAX_POINTS)
table_scope = scope if table_park == park else parks_named.at[table_park, f"name_{lang}"]
with st.container(border=True):
    st.subheader(f":material/factory: {t('maps_table_title', lang, scope=table_scope)}")
    briefing.heading(t("maps_table_title", lang, scope=table_scope))
    widgets.tag(f)
    if not rows:
        widgets.notice(t("access_denied_rows", lang), ":material/lock:")
    else:
        if not table.empty and len(table) < table["total_enterprise_count"].max():
            total = int(table["total_enterprise_count"].max())
            st.caption(t("maps_table_limited", lang, shown=len(table), total=total))
        columns = maps.table_columns(lang)
        name = f"enterprises_{table_park or 'zone'}_{as_of}"
        widgets.table(table, name, f, "maps_table", column_config=columns, column_order=list(columns))
