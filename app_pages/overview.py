"""总览: the few numbers a leader looks at every morning, each with its date and provenance."""

import streamlit as st

from queries import runner
from ui import filters, fmt, widgets
from ui.strings import MONTH_EN, t

f = filters.current()
lang, park, as_of = f.lang, f.park_id, f.as_of
scope = widgets.scope_name(f)
previous = runner.previous_valid(f.snapshot)


def card(label_key: str, figure_key: str, value, text: str, **extra) -> None:
    """A KPI card, tagged published where it is the article's figure for this scope and date."""
    widgets.figure_card(f, t(label_key, lang), figure_key, value, text, **extra)


def change_since(query: str, column: str, now) -> dict:
    """The change of a count since the previous snapshot, as metric delta arguments."""
    if previous is None:
        return {}
    before = runner.run(query, previous, park_id=park).at[0, column]
    return {
        "delta": fmt.count(now - before, lang=lang, signed=True),
        "delta_description": t("vs_snapshot", lang, date=previous.date),
    }


st.title(t("overview_title", lang))
st.caption(t("overview_caption", lang, scope=scope, date=as_of))

widgets.section(t("section_grids", lang), "grid_view")
levels = runner.run("grid_counts_by_level", f.snapshot, park_id=park).set_index("level")["grid_count"]
coverage = runner.run("grid_worker_coverage", f.snapshot, park_id=park).iloc[0]
party = runner.run("party_totals", f.snapshot, park_id=park).iloc[0]
with widgets.kpi_row():
    for level in (1, 2, 3):
        card(f"kpi_grids_level{level}", f"grids_level{level}", levels[level], fmt.count(levels[level], lang=lang))
    workers = coverage.enterprise_grid_worker_count
    card(
        "kpi_grid_workers",
        "enterprise_grid_workers",
        workers,
        fmt.count(workers, lang=lang),
        note=t("coverage_of_level3", lang, pct=fmt.pct(coverage.coverage_pct)),
        **change_since("grid_worker_coverage", "enterprise_grid_worker_count", workers),
    )
    card(
        "kpi_party_orgs",
        "enterprise_grid_party_orgs",
        party.enterprise_grid_party_org_count,
        fmt.count(party.enterprise_grid_party_org_count, lang=lang),
    )
    card(
        "kpi_first_batch_orgs",
        "first_batch_party_orgs",
        party.first_batch_org_count,
        fmt.count(party.first_batch_org_count, lang=lang),
    )
    linked = t("linked_range", lang, low=party.linked_workers_min, high=party.linked_workers_max)
    card(
        "kpi_first_batch_members",
        "first_batch_party_members",
        party.first_batch_member_count,
        fmt.count(party.first_batch_member_count, lang=lang),
        note=linked if party.first_batch_member_count else None,
    )

economy = runner.run("economy_ytd", f.snapshot, park_id=park)
trend = runner.run("economy_cumulative", f.snapshot, park_id=park)
last_month = economy["last_month"].max().month
widgets.section(t("section_economy", lang, month=last_month, month_en=MONTH_EN[last_month - 1]), "monitoring")
with widgets.kpi_row():
    widgets.economy_cards(f, economy, trend)
st.caption(t("economy_scope_note", lang))

disputes_column, expansion_column = st.columns([1, 1.4], gap="medium")
with disputes_column:
    widgets.section(t("section_disputes", lang), "handshake")
    disputes = runner.run("dispute_totals", f.snapshot, park_id=park).iloc[0]
    by_month = runner.run("disputes_by_month", f.snapshot, park_id=park)
    with widgets.kpi_row():
        card(
            "kpi_dispute_cases",
            "dispute_cases",
            disputes.case_count,
            fmt.count(disputes.case_count, lang=lang),
            chart_data=by_month["case_count"],
            chart_type="bar",
            note=t("open_cases", lang, n=int(disputes.open_case_count)),
            **change_since("dispute_totals", "case_count", disputes.case_count),
        )
        card(
            "kpi_dispute_workers",
            "dispute_workers",
            disputes.workers_involved,
            fmt.count(disputes.workers_involved, lang=lang),
            chart_data=by_month["workers_involved"],
            chart_type="bar",
        )
        card(
            "kpi_dispute_amount",
            "dispute_amount_yuan",
            disputes.amount_yuan,
            fmt.yuan(disputes.amount_yuan, lang, "wan"),
            chart_data=by_month["amount_yuan"],
            chart_type="bar",
        )
with expansion_column:
    widgets.section(t("section_expansion", lang), "factory")
    expansion = runner.run("expansion_totals", f.snapshot, park_id=park).iloc[0]
    with widgets.kpi_row():
        widgets.expansion_cards(f, expansion)
