"""总览: the few numbers a leader looks at every morning, each with its date and provenance."""

import pandas as pd
import streamlit as st

from queries import runner
from ui import briefing, filters, kpis, widgets
from ui.strings import MONTH_EN, t

f = filters.current()
lang = f.lang

st.title(t("overview_title", lang))
st.caption(t("overview_caption", lang, scope=widgets.scope_name(f), date=f.as_of))
briefing.offer(f, "overview", t("overview_title", lang))

widgets.section(t("section_grids", lang), "grid_view")
kpis.row(
    [
        "grids_level1",
        "grids_level2",
        "grids_level3",
        "enterprise_grid_workers",
        "enterprise_grid_party_orgs",
        "first_batch_party_orgs",
        "first_batch_party_members",
    ],
    f,
)

last_month = runner.run("economy_ytd", f.snapshot, park_id=f.park_id)["last_month"].max()
if pd.isna(last_month):  # a park that reports no monthly figures
    widgets.section(t("section_economy_none", lang), "monitoring")
else:
    month = last_month.month
    widgets.section(t("section_economy", lang, month=month, month_en=MONTH_EN[month - 1]), "monitoring")
kpis.row(["industrial_output", "fixed_asset_investment", "above_quota_sales", "retail_sales"], f)
st.caption(t("economy_scope_note", lang))

disputes_column, expansion_column = st.columns([1, 1.4], gap="medium")
with disputes_column:
    widgets.section(t("section_disputes", lang), "handshake")
    kpis.row(["dispute_cases", "dispute_workers", "dispute_amount"], f)
with expansion_column:
    widgets.section(t("section_expansion", lang), "factory")
    kpis.row(["expansion_enterprises", "expansion_floor_area", "expansion_investment"], f)
