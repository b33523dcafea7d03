"""Shared widgets: KPI cards with their provenance (the economy and expansion cards of more than one page among
them), section headers, the source footer."""

import pandas as pd
import streamlit as st

from queries import runner
from ui import downloads, fmt, provenance, theme
from ui.strings import t


def tag_markdown(prov: provenance.Provenance, lang: str) -> str:
    if prov.published:
        return f":green-badge[:material/verified: {t('tag_published', lang)}]"
    return f":orange-badge[:material/science: {t('tag_demo', lang)}]"


def kpi_card(
    label: str,
    value: str,
    prov: provenance.Provenance,
    as_of: str,
    lang: str,
    *,
    note: str | None = None,
    definition: str | None = None,
    chart_type: str = "area",
    **metric_args,
) -> None:
    """One KPI: the value, its change, where it comes from and the date it is as of.

    `definition` (how the figure is counted) heads the help text, above its source; other keyword
    arguments go to `st.metric` (delta, delta_description, delta_color, icon, chart_data, ...).
    """
    source = t("published_source", lang, sentence=prov.sentence) if prov.published else t("demo_help", lang)
    help_text = f"{definition}\n\n{source}" if definition else source
    with st.container(border=True, height="stretch"):
        st.metric(label, value, help=help_text, chart_type=chart_type, **metric_args)
        lines = [f"{tag_markdown(prov, lang)} {as_of}"]
        if prov.zone_only:
            lines.append(t("zone_only_short", lang))
        if note:
            lines.append(note)
        st.caption("  \n".join(lines))


def figure_provenance(f, figure_key: str, value, growth=None) -> provenance.Provenance:
    """The provenance of `value`, the figure `figure_key`, under the filters `f` (park_id, as_of): published
    only if it is the article's figure for the same scope and date and, when `growth` (a percentage) is
    given, the published change (`<figure>_growth_pct` for `<figure>_yuan`) matches too."""
    prov = provenance.of(figure_key, value, f.park_id, f.as_of)
    if growth is None:
        return prov
    return provenance.both(prov, provenance.of(figure_key.replace("_yuan", "_growth_pct"), growth, f.park_id, f.as_of))


def figure_card(f, label: str, figure_key: str, value, text: str, *, growth=None, **card_args) -> None:
    """A KPI card showing `text` for `value`, tagged by `figure_provenance`; a park's card says that the
    article publishes the zone's figure only. Other keyword arguments go to `kpi_card`."""
    kpi_card(label, text, figure_provenance(f, figure_key, value, growth), f.as_of, f.lang, **card_args)


def economy_cards(f, economy: pd.DataFrame, cumulative: pd.DataFrame, notes: dict | None = None) -> None:
    """One card per indicator of `economy_ytd` rows: the year-to-date value in 亿元 with its growth on last
    year, and the running total (`economy_cumulative` rows) as its sparkline; `notes` by indicator."""
    for row in economy.itertuples():
        figure_card(
            f,
            t(f"kpi_{row.indicator}", f.lang),
            f"{row.indicator}_yuan",
            row.value_yuan,
            fmt.yuan(row.value_yuan, f.lang, "yi"),
            growth=row.growth_pct,
            delta=fmt.pct(row.growth_pct, signed=True),
            delta_description=t("vs_last_year", f.lang),
            chart_data=cumulative.loc[cumulative.indicator == row.indicator, "cumulative_value_yuan"],
            note=(notes or {}).get(row.indicator),
        )


def expansion_cards(f, expansion) -> None:
    """The three expansion figures of an `expansion_totals` row: enterprises, added floor area, planned investment."""
    lang = f.lang
    for label_key, figure_key, value, text in (
        ("kpi_expansion_enterprises", "expansion_enterprises", expansion.enterprise_count,
         fmt.count(expansion.enterprise_count, lang=lang)),
        ("kpi_expansion_area", "expansion_floor_area_m2", expansion.added_floor_area_m2,
         fmt.area_m2(expansion.added_floor_area_m2, lang)),
        ("kpi_expansion_investment", "expansion_investment_yuan", expansion.planned_investment_yuan,
         fmt.yuan(expansion.planned_investment_yuan, lang, "yi")),
    ):  # fmt: skip
        figure_card(f, t(label_key, lang), figure_key, value, text)


def scope_name(f) -> str:
    """What the filters `f` (park_id, snapshot, lang) cover, in their language: the park's name or the whole zone."""
    if f.park_id is None:
        return t("all_parks", f.lang)
    return runner.run("parks", f.snapshot).set_index("park_id").at[f.park_id, f"name_{f.lang}"]


def kpi_row():
    """A row of equal-width KPI cards that wraps on narrow screens."""
    return st.container(horizontal=True, gap="small")


def section(title: str, icon: str) -> None:
    st.subheader(f":material/{icon}: {title}", divider="gray")


def source_footer(lang: str) -> None:
    st.caption(t("source_note", lang))


def snapshot_problems(invalid: list, lang: str) -> None:
    """List the snapshots that failed validation, each with what is wrong."""
    if not invalid:
        return
    with st.expander(t("invalid_snapshots", lang), icon=":material/error:"):
        for snapshot in invalid:
            st.markdown(f"**{snapshot.date}**")
            for problem in snapshot.problems[:20]:
                st.caption(problem.text(lang))
            if len(snapshot.problems) > 20:
                st.caption(f"… +{len(snapshot.problems) - 20}")


def chart(fig, key: str, **events):
    """A plotly chart in our own template (Streamlit's theme would override its fonts and colours);
    `events` are st.plotly_chart's selection arguments (on_select, selection_mode)."""
    return st.plotly_chart(fig, theme=None, config=theme.PLOTLY_CONFIG, key=key, **events)


def tag(published: bool, lang: str) -> None:
    """A published / demo badge on its own line, for charts and tables."""
    st.markdown(tag_markdown(provenance.Provenance(published), lang))


def empty_state(lang: str, message: str | None = None) -> None:
    """What a card shows when the filters leave nothing: never an empty chart or an error."""
    st.info(message or t("empty", lang), icon=":material/filter_alt_off:")


def table(frame: pd.DataFrame, name: str, lang: str, key: str, **dataframe_args) -> None:
    """A table with its CSV and Excel downloads; an empty state when there are no rows."""
    if frame.empty:
        empty_state(lang)
        return
    st.dataframe(frame, hide_index=True, **dataframe_args)
    downloads.buttons(frame, name, lang, key)
