"""经济指标: the four published 1-9月 indicators, their month-by-month trend against last year, the split by
park, and the enterprise expansion projects; every number tagged by where it comes from (ui/provenance)."""

import streamlit as st

from queries import access, runner
from ui import briefing, filters, kpis, widgets
from ui import economy_charts as charts
from ui.strings import MONTH_EN, t

f = filters.current()
lang, park, as_of = f.lang, f.park_id, f.as_of
scope = widgets.scope_name(f)
park_note = t("economy_park_note_one", lang, park=scope) if park else None

st.title(t("economy_title", lang))
st.caption(t("economy_caption", lang, scope=scope, date=as_of))
briefing.offer(f, "economy", t("economy_title", lang))

economy = runner.run("economy_ytd", f.snapshot, park_id=park)
if economy.empty:
    widgets.empty_state(lang)
else:
    month = economy["last_month"].max().month
    widgets.section(t("economy_section_kpis", lang, month=month, month_en=MONTH_EN[month - 1]), "monitoring")
    kpis.row(["industrial_output", "fixed_asset_investment", "above_quota_sales", "retail_sales"], f)

    widgets.section(t("economy_section_trend", lang), "trending_up")
    indicator = charts.choice("economy_indicator", charts.INDICATOR_OPTIONS, charts.INDICATOR_KEY, "kpi_{}", lang)
    name = charts.indicator_name(indicator, lang)
    trend = runner.run("economy_trend", f.snapshot, park_id=park, indicator=indicator)
    split = runner.run("economy_by_park", f.snapshot, indicator=indicator)
    left, right = st.columns(2)
    with left.container(border=True, height="stretch"):
        charts.card_header(t("economy_trend_title", lang, indicator=name), charts.trend_note(trend, indicator, f), f)
        view = charts.choice("economy_view", charts.VIEWS, charts.VIEW_KEY, "economy_view_{}", lang)
        if trend.empty:
            widgets.empty_state(lang)
        else:
            widgets.chart(charts.trend_figure(trend, view, int(as_of[:4]), lang), "economy_trend_chart")
    with right.container(border=True, height="stretch"):
        charts.card_header(
            t("economy_park_title", lang, indicator=name), park_note or t("economy_park_note_zone", lang), f
        )
        if split.empty:
            widgets.empty_state(lang)
        else:
            widgets.chart(charts.park_split_figure(split, park, month, lang), "economy_park_chart")
            table, config = charts.park_split_table(split, month, lang)
            widgets.table(table, f"economy_by_park_{indicator}_{as_of}", f, "economy_park_table", column_config=config)

widgets.section(t("economy_section_expansion", lang), "factory")
kpis.row(["expansion_enterprises", "expansion_floor_area", "expansion_investment"], f)

# the projects name their enterprises: for the roles that may see rows (the others get the bands and a notice)
rows = access.viewing(f.snapshot).rows
projects = runner.run("expansion_project_list", f.snapshot, park_id=park) if rows else None
no_projects = t("economy_no_projects", lang, park=scope)
left, right = st.columns(2)
with left.container(border=True, height="stretch"):
    charts.card_header(
        t("economy_expansion_park_title", lang), park_note or t("economy_expansion_park_note_zone", lang), f
    )
    widgets.chart(
        charts.expansion_park_figure(runner.run("expansion_by_park", f.snapshot), park, lang), "economy_exp_park"
    )
with right.container(border=True, height="stretch"):
    charts.card_header(t("economy_size_title", lang), t("economy_size_note", lang), f)
    size_view = charts.choice("economy_size_view", charts.SIZE_VIEWS, charts.SIZE_VIEW_KEY, "economy_size_{}", lang)
    if projects is not None and projects.empty:
        widgets.empty_state(lang, no_projects)
    elif size_view == "bands" or projects is None:
        bands = runner.run("expansion_by_size", f.snapshot, park_id=park)
        widgets.chart(charts.size_band_figure(bands, lang), "economy_size_chart")
    else:
        widgets.chart(charts.scatter_figure(projects, lang), "economy_scatter_chart")

with st.container(border=True):
    n = len(projects) if rows else int(runner.run("expansion_totals", f.snapshot, park_id=park).iloc[0].project_count)
    charts.card_header(t("economy_projects_title", lang), t("economy_projects_note", lang, n=n), f)
    if not rows:
        widgets.notice(t("access_denied_rows", lang), ":material/lock:")
    elif projects.empty:
        widgets.empty_state(lang, no_projects)
    else:
        table, config = charts.project_table(projects, lang)
        file_name = f"expansion_projects_{park or 'zone'}_{as_of}"
        widgets.table(table, file_name, f, "economy_projects_table", column_config=config)
