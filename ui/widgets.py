"""Shared widgets: the KPI card with its provenance tag, section headers, the source footer, tables
with their downloads. (KPI rows of catalogue metrics: `ui/kpis.py`.)"""

import pandas as pd
import streamlit as st

from queries import access, runner
from ui import briefing, downloads, provenance, theme
from ui.strings import t

TAG_BADGES = {  # kind: (badge colour, material icon, strings key)
    provenance.PUBLISHED: ("green", "verified", "tag_published"),
    provenance.REPORTED: ("blue", "assignment_turned_in", "tag_reported"),
    provenance.DEMO: ("orange", "science", "tag_demo"),
    provenance.UNRECORDED: ("gray", "help", "tag_unrecorded"),
}


def tag_markdown(prov: provenance.Provenance, lang: str) -> str:
    colour, icon, label = TAG_BADGES[prov.kind]
    return f":{colour}-badge[:material/{icon}: {t(label, lang)}]"


def provenance_help(prov: provenance.Provenance, snapshot: runner.Snapshot, lang: str) -> str:
    """What a tag means for this number: the article's sentence, who reported the data, or why its
    source is not recorded."""
    if prov.published:
        return t("published_source", lang, sentence=prov.sentence)
    record = provenance.record(snapshot)
    if prov.kind == provenance.REPORTED:
        who = record.delivered_by or t("reported_by_unknown", lang)
        return t("reported_help", lang, who=who, when=(record.written_at or "")[:10])
    if prov.kind == provenance.DEMO:
        return t("demo_help", lang)
    return t("unrecorded_help", lang, reason=record.reason_zh if lang == "zh" else record.reason)


def kpi_card(
    label: str,
    value: str,
    prov: provenance.Provenance,
    snapshot: runner.Snapshot,
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
    source = provenance_help(prov, snapshot, lang)
    help_text = f"{definition}\n\n{source}" if definition else source
    with st.container(border=True, height="stretch"):
        st.metric(label, value, help=help_text, chart_type=chart_type, **metric_args)
        lines = [f"{tag_markdown(prov, lang)} {snapshot.date}"]
        if prov.zone_only:
            lines.append(t("zone_only_short", lang))
        if note:
            lines.append(note)
        st.caption("  \n".join(lines))


def scope_name(f) -> str:
    """What the filters `f` (park_id, snapshot, lang) cover, in their language: the park's name or the whole zone."""
    if f.park_id is None:
        return t("all_parks", f.lang)
    return runner.run("parks", f.snapshot).set_index("park_id").at[f.park_id, f"name_{f.lang}"]


def kpi_row():
    """A row of equal-width KPI cards that wraps on narrow screens."""
    return st.container(horizontal=True, gap="small")


def section(title: str, icon: str) -> None:
    briefing.section(title)
    st.subheader(f":material/{icon}: {title}", divider="gray")


def source_sentence(snapshot: runner.Snapshot, lang: str) -> str:
    """One sentence on where the snapshot's numbers come from, from its manifest."""
    record = provenance.record(snapshot)
    kind = provenance.of_snapshot(snapshot).kind
    if kind == provenance.REPORTED:
        who = record.delivered_by or t("reported_by_unknown", lang)
        return t("source_note_reported", lang, who=who, when=(record.written_at or "")[:10])
    if kind == provenance.DEMO:
        return t("source_note_demo", lang)
    return t("source_note_unrecorded", lang, reason=record.reason_zh if lang == "zh" else record.reason)


def source_footer(snapshot: runner.Snapshot, lang: str) -> None:
    """Where the numbers of the active snapshot come from: the article for published figures, and
    the snapshot's own source (its manifest), the files' fingerprints on hover."""
    record = provenance.record(snapshot)
    prints = "\n".join(f"- {name}: sha256 `{digest[:16]}…`" for name, digest in record.fingerprints())
    st.caption(
        f"{tag_markdown(provenance.of_snapshot(snapshot), lang)} {source_sentence(snapshot, lang)}",
        help=t("source_fingerprints", lang, files=prints) if prints else None,
    )
    st.caption(t("source_note", lang))


def download_source(snapshot: runner.Snapshot, lang: str) -> downloads.Source:
    """What a download says of its rows' origin: the snapshot's tag and date on every row, and the
    manifest's account (with the files' fingerprints) on a sheet of its own."""
    record = provenance.record(snapshot)
    lines = [
        (t("download_source", lang), t(TAG_BADGES[provenance.of_snapshot(snapshot).kind][2], lang)),
        (t("download_snapshot", lang), snapshot.date),
        (t("download_source_note", lang), source_sentence(snapshot, lang)),
        *((name, f"sha256 {digest}") for name, digest in record.fingerprints()),
    ]
    return downloads.Source(columns=dict(lines[:2]), lines=lines)


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


def chart(fig, key: str, printed=None, **events):
    """A plotly chart in our own template (Streamlit's theme would override its fonts and colours);
    `printed` makes the briefing's figure instead, when it is built (one of fewer shapes, say); `events`
    are st.plotly_chart's selection arguments (on_select, selection_mode)."""
    if printed:
        briefing.chart(printed, height=briefing.print_height(fig))
    else:
        briefing.chart(fig)
    return st.plotly_chart(fig, theme=None, config=theme.PLOTLY_CONFIG, key=key, **events)


def tag(f, published: bool = False) -> None:
    """A chart's or table's tag on its own line: published, or the source of the snapshot under the
    filters `f`."""
    st.markdown(tag_markdown(provenance.shown_as(published, f.snapshot), f.lang))


NOTICES = {"info": st.info, "success": st.success, "warning": st.warning}


def notice(text: str, icon: str, kind: str = "info") -> None:
    """A line said on the page (st.info, st.success or st.warning) and in the briefing."""
    NOTICES[kind](text, icon=icon)
    briefing.notice(text)


def empty_state(lang: str, message: str | None = None) -> None:
    """What a card shows when the filters leave nothing: never an empty chart or an error."""
    notice(message or t("empty", lang), ":material/filter_alt_off:")


def table(frame: pd.DataFrame, name: str, f, key: str, **dataframe_args) -> None:
    """A table with its CSV and Excel downloads (which say where the rows come from) under the
    filters `f`; an empty state when there are no rows."""
    if frame.empty:
        empty_state(f.lang)
        return
    briefing.table(frame, dataframe_args.get("column_config"), dataframe_args.get("column_order"))
    st.dataframe(frame, hide_index=True, **dataframe_args)
    principal, scope = access.viewing(f.snapshot), f"{f.park_id or 'zone'}@{f.as_of}"
    downloads.buttons(frame, name, f.lang, key, download_source(f.snapshot, f.lang), principal, scope)
