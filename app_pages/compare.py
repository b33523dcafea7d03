"""对比: what changed between two snapshots (基期 a, the earlier, and 对比期 b), for the zone and each park:
every catalogue KPI side by side, grids added or removed, enterprises that joined or left, dispute cases
opened and closed, and the economy's cumulative growth like for like."""

import pandas as pd
import streamlit as st

from queries import compare, metrics, runner
from ui import briefing, disputes_charts, filters, widgets
from ui import compare_view as view
from ui.strings import t

HEADLINE = ["grids_level3", "enterprise_grid_workers", "first_batch_party_members", "dispute_cases", "disputes_open"]

f = filters.current()
lang = f.lang
st.title(t("compare_title", lang))
briefing.offer(f, "compare", t("compare_title", lang))
pair = view.choose_pair(lang)
if pair is None:  # fewer than two snapshots: said by choose_pair
    st.caption(widgets.scope_name(f))
    st.stop()
a, b = pair
principal = compare.principal_for(a, b)
parks = runner.run("parks", b)  # a park user's own park only
park_names = dict(zip(parks["park_id"], parks[f"name_{lang}"], strict=True))
# the zone and each park; one park when a park is chosen (a park user's is forced by the runner)
park = f.park_id or principal.park_id
scopes = [park] if park else [None, *parks["park_id"]]
scope_name = view.scope_label(park, park_names, lang)
st.caption(t("compare_caption", lang, scope=scope_name, a=a.date, b=b.date))
name = f"{park or 'zone'}_{a.date}_{b.date}"
limit = view.compare_limit()

# --- every KPI ---------------------------------------------------------------------------------------
changes = compare.kpi_changes(a, b, scopes, limit_days=limit)
mine = changes[changes["park_id"].isna()] if park is None else changes[changes["park_id"] == park]
widgets.section(t("compare_section_kpis", lang), "compare_arrows")
view.headline_cards(mine, HEADLINE, a, b, lang)
view.table(
    view.kpi_table(mine, a.date, b.date, lang),
    view.kpi_download(mine, park_names, lang, a.date, b.date),
    f"compare_kpis_{name}",
    "compare_kpis_table",
    pair,
    f,
)
st.caption(t("compare_kpis_note", lang))
if len(scopes) > 1:
    st.markdown(f"**{t('compare_by_park', lang, a=a.date, b=b.date)}**")
    view.table(
        view.by_park_table(changes, scopes, park_names, lang),
        view.kpi_download(changes, park_names, lang, a.date, b.date),
        f"compare_kpis_by_park_{name}",
        "compare_by_park_table",
        pair,
        f,
    )
    st.caption(t("compare_by_park_note", lang))

# --- grids -------------------------------------------------------------------------------------------
widgets.section(t("compare_section_grids", lang), "account_tree")
grids = compare.run("grids_changed", a, b, park_id=park)
added, removed = int(grids["added_count"].sum()), int(grids["removed_count"].sum())
if added or removed:
    widgets.notice(t("compare_grids_summary", lang, added=added, removed=removed), ":material/account_tree:")
else:
    widgets.notice(
        t("compare_grids_same", lang, n=int(grids["grid_count_b"].sum())), ":material/check_circle:", "success"
    )
if park is None:  # the zone's row for each level above the parks'
    zone = grids.groupby("level", as_index=False)[grids.columns[2:].tolist()].sum().assign(park_id=None)
    grids = pd.concat([zone, grids], ignore_index=True)
grids = view.in_park_order(grids, list(parks["park_id"]))
shown = pd.DataFrame(
    {
        t("compare_col_park", lang): [view.scope_label(p, park_names, lang) for p in grids["park_id"]],
        t("compare_col_level", lang): [t("compare_level", lang, n=n) for n in grids["level"]],
        a.date: grids["grid_count_a"],
        b.date: grids["grid_count_b"],
        t("compare_col_added", lang): grids["added_count"],
        t("compare_col_removed", lang): grids["removed_count"],
        t("compare_col_net", lang): grids["grid_count_b"] - grids["grid_count_a"],
    }
)
with st.expander(t("compare_grids_table", lang), expanded=bool(added or removed)):  # zeros only: folded
    view.table(shown, shown, f"compare_grids_{name}", "compare_grids_table", pair, f)

# --- enterprises and their grid staff ----------------------------------------------------------------
widgets.section(t("compare_section_enterprises", lang), "factory")
firms = compare.run("enterprises_changed", a, b, park_id=park)
joined, left = int(firms["joined_count"].sum()), int(firms["left_count"].sum())
if joined or left:
    widgets.notice(t("compare_enterprises_summary", lang, joined=joined, left=left), ":material/factory:")
else:
    widgets.notice(t("compare_enterprises_same", lang), ":material/check_circle:", "success")
if park is None:
    firms = pd.concat([firms.sum(numeric_only=True).to_frame().T.assign(park_id=None), firms], ignore_index=True)
firms = view.in_park_order(firms, list(parks["park_id"]))
staff = changes[changes["key"].isin(["enterprise_grid_workers", "first_batch_party_members"])]
staff = staff.assign(scope=staff["park_id"].astype(object).where(staff["park_id"].notna(), None))
values = {(r.key, r.scope): (r.value_a, r.value_b) for r in staff.itertuples()}
scope_ids = [None if pd.isna(p) else p for p in firms["park_id"]]
shown = pd.DataFrame({t("compare_col_park", lang): [view.scope_label(p, park_names, lang) for p in scope_ids]})
shown[f"{t('compare_col_enterprises', lang)} {a.date}"] = firms["enterprise_count_a"].astype(int)
shown[f"{t('compare_col_enterprises', lang)} {b.date}"] = firms["enterprise_count_b"].astype(int)
shown[t("compare_col_joined", lang)] = firms["joined_count"].astype(int)
shown[t("compare_col_left", lang)] = firms["left_count"].astype(int)
for key, label in (
    ("enterprise_grid_workers", "compare_col_workers"),
    ("first_batch_party_members", "compare_col_members"),
):
    before = [values.get((key, p), (None, None))[0] for p in scope_ids]
    after = [values.get((key, p), (None, None))[1] for p in scope_ids]
    shown[f"{t(label, lang)} {a.date}"] = pd.array(before, dtype="Int64")
    shown[f"{t(label, lang)} {b.date}"] = pd.array(after, dtype="Int64")
    shown[f"{t(label, lang)} {t('compare_col_change', lang)}"] = pd.array(after, dtype="Int64") - pd.array(
        before, dtype="Int64"
    )
view.table(shown, shown, f"compare_enterprises_{name}", "compare_enterprises_table", pair, f)

st.markdown(f"**{t('compare_moved_title', lang)}**")
if not principal.rows:  # enterprise names are row-level: the others get the counts above, and a notice
    widgets.notice(t("access_denied_rows", lang), ":material/lock:")
else:
    moved = compare.run("enterprises_moved", a, b, park_id=park)
    if moved.empty:
        st.caption(t("compare_enterprises_same", lang))
    else:
        shown = pd.DataFrame(
            {
                t("compare_col_what", lang): [t(f"compare_change_{c}", lang) for c in moved["change"]],
                t("compare_col_enterprise_id", lang): moved["enterprise_id"],
                t("compare_col_enterprise", lang): moved["name_zh"],
                t("compare_col_park", lang): [view.scope_label(p, park_names, lang) for p in moved["park_id"]],
                t("compare_col_industry", lang): moved["industry"],
                t("compare_col_employees", lang): moved["employees"],
            }
        )
        view.table(shown, shown, f"compare_enterprises_moved_{name}", "compare_moved_table", pair, f)

# --- dispute cases -----------------------------------------------------------------------------------
widgets.section(t("compare_section_disputes", lang), "handshake")
flow = compare.disputes_by_stage(a, b, park)
total = flow.drop(columns="stage").sum()
other = ""
if total.reopened_count or total.removed_count:
    other = t("compare_disputes_other", lang, reopened=total.reopened_count, removed=total.removed_count)
st.markdown(
    t(
        "compare_disputes_balance",
        lang,
        a=a.date,
        b=b.date,
        open_a=total.open_count_a,
        opened=total.opened_count,
        closed=total.closed_count,
        other=other,
        open_b=total.open_count_b,
    )
)
flow = pd.concat([flow, total.to_frame().T.assign(stage=t("compare_total", lang))], ignore_index=True)
columns = {
    "stage": t("compare_col_stage", lang),
    "open_count_a": t("compare_col_open_a", lang, date=a.date),
    "opened_count": t("compare_col_opened", lang),
    "closed_count": t("compare_col_closed", lang),
    "reopened_count": t("compare_col_reopened", lang),
    "removed_count": t("compare_col_removed_cases", lang),
    "moved_count": t("compare_col_moved", lang),
    "open_count_b": t("compare_col_open_b", lang, date=b.date),
}
if not (total.reopened_count or total.removed_count):
    columns = {k: v for k, v in columns.items() if k not in ("reopened_count", "removed_count")}
shown = flow[list(columns)].assign(stage=[disputes_charts.label(s, lang) for s in flow["stage"]])
shown = shown.rename(columns=columns)
left, right = st.columns([2, 3], gap="large")
with left:
    widgets.chart(view.cases_waterfall(total, a.date, b.date, lang), "compare_cases_chart")
with right:
    view.table(shown, shown, f"compare_disputes_{name}", "compare_disputes_table", pair, f)
st.caption(t("compare_disputes_note", lang))

# --- economy -----------------------------------------------------------------------------------------
widgets.section(t("compare_section_economy", lang), "monitoring")
growth = compare.run("economy_growth", a, b, park_id=park)
if growth.empty:
    widgets.empty_state(lang)
else:
    order = [m.key for m in metrics.METRICS if m.query == "economy_ytd"]
    growth = growth.set_index("indicator").reindex([i for i in order if i in set(growth["indicator"])])
    styled = view.economy_table(growth, a.date, b.date, lang)
    download = growth.reset_index()
    view.table(styled, download, f"compare_economy_{name}", "compare_economy_table", pair, f)
    st.caption(t("compare_economy_note", lang))

st.caption(
    t(
        "compare_sources",
        lang,
        a=a.date,
        b=b.date,
        source_a=widgets.source_sentence(a, lang),
        source_b=widgets.source_sentence(b, lang),
    )
)
