"""Shared widgets: KPI cards with their provenance, section headers, the source footer."""

import pandas as pd
import streamlit as st

from ui import downloads, provenance, theme
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
