"""导出简报 / Export briefing: a PDF of what a page shows, under its filters, in its language.

A page calls `offer(f, name, title)` once, under its title; from there on the run collects what the page
draws through the shared widgets: `widgets.section` opens a section, the card headers add a heading,
`kpis.row` adds its KPIs (value, change, unit, tag, the published figure's sentence), `widgets.chart`
its figure and `widgets.table` its rows, `filters.url_choice` the page's own choices. The briefing is
therefore what the screen shows, read by the same queries under the same principal, and a page keeps
no second copy of its logic. The PDF is built only when the button is clicked (ui/briefing_pdf.py).

A page that draws something the widgets do not (the compare page's own sections, say) adds it with
`section`, `heading`, `kpis`, `chart`, `table` or `notice` next to what it draws.

The collection lives in the session state for the page that started it: a page that does not offer a
briefing (the big screen) adds to none. A fragment's own rerun (the grid page's drill) adds nothing: the
briefing stays the page as its last full run drew it, whole and consistent with its header.
"""

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from queries import access
from ui import downloads
from ui.strings import t

STATE_KEY = "_briefing"
PRINT_WIDTH = 1400  # px: a chart's width on the page (its 14 px font prints at about 7.5 pt)
MAX_CHART_HEIGHT = 360  # px: two charts with their headings share a page (at 400 they missed by a line)


@dataclass(frozen=True)
class Kpi:
    """A KPI as the briefing prints it (ui/kpis.line)."""

    label: str
    value: str
    unit: str
    change: str
    change_note: str
    tag: str
    tag_kind: str  # one of provenance.KINDS
    note: str = ""
    sentence: str | None = None  # the article's sentence of a published figure


@dataclass
class Briefing:
    page: str  # the page script's hash: what the collection belongs to
    title: str
    f: object  # the filters (ui/filters.Filters)
    scope: str
    choices: list[tuple[str, str]] = field(default_factory=list)  # the page's own choices: (label, shown value)
    sections: list[dict] = field(default_factory=lambda: [{"heading": None, "items": []}])

    def add(self, item: dict) -> None:
        self.sections[-1]["items"].append(item)

    def heading(self) -> str:
        """The heading what is added now stands under: the last card's, else its section's, else the page's."""
        section = self.sections[-1]
        headings = [section["heading"] or self.title] + [i["title"] for i in section["items"] if i["kind"] == "heading"]
        return headings[-1]


def current() -> Briefing | None:
    """The briefing this run collects, if its page offers one (and this is not a fragment's own rerun)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or ctx.fragment_ids_this_run:
        return None
    collected = st.session_state.get(STATE_KEY)
    if collected is None or collected.page != ctx.page_script_hash:
        return None
    return collected


# --- what the page draws, collected ----------------------------------------------------------------


def section(heading: str) -> None:
    if (b := current()) is not None:
        b.sections.append({"heading": heading, "items": []})


def heading(title: str, note: str | None = None) -> None:
    if (b := current()) is not None:
        b.add({"kind": "heading", "title": title, "note": note or ""})


def kpis(lines: list[Kpi]) -> None:
    if (b := current()) is not None:
        b.add({"kind": "kpis", "lines": lines})


def print_height(figure) -> int:
    """The height (px) `figure` prints at: its height on screen, at most MAX_CHART_HEIGHT."""
    return min(int(figure.layout.height or 380), MAX_CHART_HEIGHT)


def chart(figure, height: int | None = None) -> None:
    """A plotly figure, kept as drawn (it is rendered as SVG only when the PDF is built), or a function that
    makes one then (a map of thousands of shapes: no cost to the page's run), named by the heading it is
    under (its text alternative). A figure prints at its `print_height`; one made later says its `height`."""
    if (b := current()) is not None:
        height = height if callable(figure) else print_height(figure)
        b.add({"kind": "chart", "figure": figure, "height": height, "title": b.heading(), "deferred": callable(figure)})


def table(frame: pd.DataFrame, column_config: dict | None = None, column_order=None) -> None:
    """A table as st.dataframe shows it (see `printed`), kept as it is until the PDF is built."""
    if (b := current()) is not None:
        b.add({"kind": "table", "frame": frame, "shown_as": (column_config, column_order), "title": b.heading()})


def printed(frame: pd.DataFrame, column_config: dict | None, column_order) -> tuple[pd.DataFrame, dict]:
    """A table as st.dataframe shows it: the columns of `column_order` (else those `column_config` does
    not hide), headed by their `column_config` labels; and the printf formats of its number columns."""
    config = column_config or {}
    columns = list(column_order) if column_order else [c for c in frame.columns if config.get(c, "") is not None]
    labels, formats = {}, {}
    for column in columns:
        spec = config.get(column)
        if isinstance(spec, str):
            labels[column] = spec
        elif isinstance(spec, dict):
            labels[column] = spec.get("label") or column
            number_format = (spec.get("type_config") or {}).get("format")
            if isinstance(number_format, str) and "%" in number_format:
                formats[labels[column]] = number_format
    return frame[[c for c in columns if c in frame.columns]].rename(columns=labels), formats


def notice(text: str) -> None:
    """A line of text (a notice the page shows instead of rows, say)."""
    if (b := current()) is not None:
        b.add({"kind": "notice", "text": text})


def choice(label: str, value, format_func=None) -> None:
    """A page's own choice (a view, an indicator, a limit), named in the briefing's header as its
    widget shows it (`format_func`)."""
    if (b := current()) is not None:
        shown = str(format_func(value) if format_func else value)
        if (label, shown) not in b.choices:  # two controls may share a label ("view"): both are named
            b.choices.append((label, shown))


# --- the button -----------------------------------------------------------------------------------


def build(collected: Briefing) -> bytes:
    """The PDF of `collected`: what the button's click runs."""
    from ui import briefing_pdf  # WeasyPrint and kaleido are loaded on the first click only

    return briefing_pdf.pdf(briefing_pdf.document(collected))


def offer(f, name: str, title: str) -> None:
    """The 导出简报 button of the page `name` (its file name and audit entry) under its `title`, and the
    start of this run's collection (see the module's docstring)."""
    from ui import widgets  # it draws through this module: imported once both are

    ctx = get_script_run_ctx(suppress_warning=True)
    collected = Briefing(ctx.page_script_hash if ctx else "", title, f, widgets.scope_name(f))
    st.session_state[STATE_KEY] = collected
    scope = f"{f.park_id or 'zone'}@{f.as_of}"
    st.download_button(
        t("briefing_button", f.lang),
        downloads.recorded(lambda: build(collected), access.viewing(f.snapshot), f"briefing_{name}", scope, "pdf", 0),
        f"briefing_{name}_{f.park_id or 'zone'}_{f.as_of}.pdf",
        "application/pdf",
        key="briefing_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        help=t("briefing_help", f.lang),
    )
