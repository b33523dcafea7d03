"""劳动纠纷调处: the closed loop 事前 -> 事中 -> 事后 of labor-dispute mediation, its outcomes, speed and backlog."""

import streamlit as st

from queries import access, runner
from ui import briefing, filters, kpis, widgets
from ui import disputes_charts as charts
from ui.strings import t

f = filters.current()
lang, park, snap, as_of = f.lang, f.park_id, f.snapshot, f.as_of
parks = runner.run("parks", snap)
park_names = dict(zip(parks["park_id"], parks[f"name_{lang}"], strict=True))

st.title(t("disputes_title", lang))
st.caption(t("disputes_caption", lang, scope=widgets.scope_name(f), date=as_of))
briefing.offer(f, "labor_disputes", t("disputes_title", lang))
limit = charts.limit_control(lang)

totals = runner.run("dispute_totals", snap, park_id=park).iloc[0]
kpis.row(
    ["dispute_cases", "dispute_workers", "dispute_amount", "disputes_open", "disputes_median_days", "disputes_overdue"],
    f,
    limit_days=int(limit),
    limit=limit,
)

if totals.case_count == 0:
    widgets.empty_state(lang)
    st.stop()

with charts.card(t("disputes_flow_title", lang)):
    flow_view = charts.segmented("disputes_flow_view", charts.FLOW_VIEWS, "disputes_flow", "total", lang)
    links = runner.run("disputes_flow_links", snap, park_id=park)
    widgets.chart(charts.flow(links, flow_view == "source", lang), "disputes_flow_chart")
    st.caption(t("disputes_flow_caption", lang))
    widgets.tag(f)

with charts.card(t("disputes_mix_title", lang)):
    measure = charts.segmented("disputes_measure", charts.MEASURES, "disputes_measure", "case_count", lang)
    by_category = runner.run("disputes_by_category", snap, park_id=park)
    by_outcome = runner.run("disputes_by_outcome", snap, park_id=park)
    parts = ((by_category, "category", "open_case_count"), (by_outcome, "outcome", "followed_up_case_count"))
    for column, (frame, dimension, extra) in zip(st.columns(2, gap="large"), parts, strict=True):
        with column:
            st.markdown(f"**{t(f'disputes_by_{dimension}', lang)}**")
            widgets.chart(charts.bars(frame, dimension, measure, lang), f"disputes_{dimension}_chart")
            columns = [dimension, "case_count", "workers_involved", "amount_yuan", extra]
            charts.table(frame, columns, f"disputes_by_{dimension}_{as_of}", f, f"disputes_{dimension}_table")
    widgets.tag(f)

with charts.card(t("disputes_close_title", lang)):
    zone_categories = runner.run("disputes_by_category", snap, park_id=None)["category"].tolist()
    category = charts.category_select(zone_categories, lang)
    bins = runner.run("disputes_days_to_close_histogram", snap, park_id=park, category=category)
    medians = by_category.set_index("category")["median_days_to_close"]
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{t('disputes_close_histogram', lang)}**")
        if bins.empty:
            widgets.empty_state(lang, t("disputes_no_closed", lang))
        else:
            median = totals.median_days_to_close if category is None else medians.get(category)
            widgets.chart(charts.histogram(bins, median, lang), "disputes_close_chart")
    with right:
        st.markdown(f"**{t('disputes_close_by_category', lang)}**")
        widgets.chart(charts.close_time_by_category(by_category, category, lang), "disputes_close_category_chart")
    st.caption(t("disputes_close_caption", lang))
    widgets.tag(f)

with charts.card(t("disputes_month_title", lang)):
    month_view = charts.segmented("disputes_month_view", charts.MONTH_VIEWS, "disputes_month_view", "park", lang)
    monthly = runner.run("disputes_by_month_group", snap, park_id=park, dimension=month_view)
    widgets.chart(charts.monthly(monthly, month_view, park_names, lang), "disputes_month_chart")
    if month_view == "stage":
        st.caption(t("disputes_month_stage_note", lang))
    widgets.tag(f)

with charts.card(t("disputes_park_title", lang)):
    by_park = runner.run("disputes_by_park", snap)
    left, right = st.columns([2, 3], gap="large")
    with left:
        widgets.chart(charts.park_bars(by_park, park, lang), "disputes_park_chart")
    with right:
        columns = [f"name_{lang}", "case_count", "workers_involved", "amount_yuan", "open_case_count"]
        columns += ["median_days_to_close", "followed_up_pct"]
        charts.table(by_park, columns, f"disputes_by_park_{as_of}", f, "disputes_park_table")
    st.caption(t("disputes_park_note", lang))
    widgets.tag(f)

with charts.card(t("disputes_overdue_title", lang)):
    rows = access.viewing(snap).rows  # case rows are row-level: the others get the count above, and a notice
    overdue = runner.run("disputes_open_overdue", snap, park_id=park, limit_days=int(limit)) if rows else None
    if overdue is None:
        widgets.notice(t("access_denied_rows", lang), ":material/lock:")
    elif overdue.empty:
        widgets.notice(t("disputes_overdue_none", lang, limit=limit), ":material/check_circle:", "success")
    else:
        widgets.notice(
            t("disputes_overdue_warning", lang, n=len(overdue), limit=limit), ":material/warning:", "warning"
        )
        columns = ["case_id", f"park_name_{lang}", "grid_name_zh", "enterprise_name_zh", "category", "outcome"]
        columns += ["workers_involved", "amount_yuan", "reported_on", "days_open"]
        charts.table(overdue, columns, f"disputes_open_over_{limit}_days_{as_of}", f, "disputes_overdue_table")
    st.caption(t("disputes_overdue_caption", lang, date=as_of))
    widgets.tag(f)
