"""Charts, cards and tables of the labor-disputes page (劳动纠纷调处).

The page hands over query rows as they come from SQL; everything here only draws them: labels in the
current language, colours from ui/theme.py, numbers through ui/fmt.py.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import briefing, filters, fmt, theme, widgets
from ui.kept_figures import kept
from ui.strings import MONTH_EN, STRINGS, t

LIMIT_OPTIONS = ["7", "15", "30", "45", "60", "90"]  # days an open case may run before it is flagged
FLOW_VIEWS = ["total", "source"]
MEASURES = ["case_count", "workers_involved", "amount_yuan"]
MONTH_VIEWS = ["park", "stage", "category"]
ALL = "all"

# the data's own values -> the suffix of their `disputes_v_*` string
VALUE_KEYS = {
    "欠薪": "wages",
    "加班费": "overtime",
    "社保": "social_insurance",
    "工伤": "injury",
    "解除劳动合同": "termination",
    "经济补偿": "severance",
    "其他": "other",
    "待调处": "pending",
    "预警化解": "defused",
    "调解中": "mediating",
    "调解成功": "mediated",
    "达成和解": "settled",
    "转劳动仲裁": "arbitration",
    "撤回": "withdrawn",
    "网格员上报": "grid_worker",
    "职工求助": "worker_help",
    "企业报告": "enterprise",
    "预警排查": "screening",
    "12345转办": "hotline",
    "事前": "before",
    "事中": "during",
    "事后": "after",
}
BEFORE, DURING, AFTER = (theme.STAGE_COLOURS[s] for s in ("事前", "事中", "事后"))
NEUTRAL, LIGHT = "#546E7A", "#90A4AE"
OUTCOME_COLOURS = {
    "待调处": "#90CAF9",
    "预警化解": BEFORE,
    "调解中": "#FFCC80",
    "调解成功": "#2E7D32",
    "达成和解": "#66BB6A",
    "转劳动仲裁": "#C62828",
    "撤回": "#9E9E9E",
}
# flow nodes: column (0 = sources) and colour; outcomes sit in column 3
FLOW_NODES = {
    "reported": (1, NEUTRAL),
    "mediation": (2, DURING),
    "defused": (2, BEFORE),
    "awaiting_mediation": (2, "#90CAF9"),
    "followed_up": (4, AFTER),
    "awaiting_follow_up": (4, "#A5D6A7"),
}
OUTCOME_ORDER = ["调解成功", "达成和解", "转劳动仲裁", "撤回", "调解中"]


def label(value, lang: str) -> str:
    """A flow node code or a value of the data (category, outcome, source, stage) in `lang`."""
    for key in (f"disputes_node_{value}", f"disputes_v_{VALUE_KEYS.get(value, '')}"):
        if key in STRINGS:
            return t(key, lang)
    return str(value)


def days(value, lang: str) -> str:
    return fmt.days(value, lang)


def money(value, lang: str) -> str:
    return fmt.yuan(value, lang, "wan")


def segmented(label_key: str, options: list[str], key: str, default: str, lang: str, **kwargs) -> str:
    """A page choice as a segmented control kept in the URL under `key`; options are labelled by
    the string `<key>_<option>` unless a `format_func` is given."""
    kwargs.setdefault("format_func", lambda option: t(f"{key}_{option}", lang))
    label = t(label_key, lang)
    return filters.url_choice(
        st.segmented_control, label, options, key=key, default=default, lang=lang, required=True, **kwargs
    )


def limit_control(lang: str) -> str:
    """The days after which an open case is flagged (`?disputes_limit=`), as one of LIMIT_OPTIONS."""
    return segmented(
        "disputes_limit", LIMIT_OPTIONS, "disputes_limit", "30", lang,
        format_func=lambda days: t("disputes_days", lang, n=days), help=t("disputes_limit_help", lang),
    )  # fmt: skip


def category_select(categories: list[str], lang: str) -> str | None:
    """The category the time-to-close histogram shows (None: every category), kept in the URL."""

    def name(category: str) -> str:
        return t("disputes_all_categories", lang) if category == ALL else label(category, lang)

    label_text, options = t("disputes_close_category", lang), [ALL, *categories]
    chosen = filters.url_choice(
        st.selectbox, label_text, options, key="disputes_category", default=ALL, lang=lang, format_func=name
    )
    return None if chosen == ALL else chosen


def card(title: str):
    """A bordered chart card with its subheader; use as `with charts.card(...):`."""
    box = st.container(border=True)
    box.subheader(title)
    briefing.heading(title)
    return box


def _layout(fig: go.Figure, height: int = theme.CHART_HEIGHT, **layout) -> go.Figure:
    return theme.style(fig, height, **layout)


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


# --- the closed loop -----------------------------------------------------------------------------


@kept
def flow(links: pd.DataFrame, by_source: bool, lang: str) -> go.Figure:
    """The loop 事前 -> 事中 -> 事后 as a sankey; one row of `links` per link (disputes_flow_links)."""
    if not by_source:
        links = links[links["link_step"] > 0]
    sizes = pd.concat(
        [links.groupby("source_node")["case_count"].sum(), links.groupby("target_node")["case_count"].sum()], axis=1
    ).max(axis=1)
    sources = list(links.loc[links["link_step"] == 0, "source_node"])

    def column(node) -> int:
        return 0 if node in sources else FLOW_NODES.get(node, (3, None))[0]

    def rank(node) -> int:
        order = sources + list(FLOW_NODES) + OUTCOME_ORDER
        return order.index(node) if node in order else len(order)

    nodes = sorted(sizes.index, key=lambda n: (column(n), rank(n), n))
    columns = sorted({column(n) for n in nodes})
    xs, ys = {}, {}
    for c in columns:
        members = [n for n in nodes if column(n) == c]
        total = sizes[members].sum()
        pad = 0.06 * total if len(members) > 1 else 0
        span = total + pad * (len(members) - 1)
        top = 0.0
        for n in members:
            ys[n] = min(max((top + sizes[n] / 2) / span, 0.01), 0.99)
            xs[n] = 0.01 + 0.98 * columns.index(c) / max(len(columns) - 1, 1)
            top += sizes[n] + pad
    colours = {n: LIGHT if n in sources else FLOW_NODES.get(n, (3, OUTCOME_COLOURS.get(n, DURING)))[1] for n in nodes}
    index = {n: i for i, n in enumerate(nodes)}
    names = {n: label(n, lang) for n in nodes}
    hover = [
        [names[s], names[d], t("disputes_flow_hover", lang, cases=c, workers=w, amount=money(a, lang))]
        for s, d, c, w, a in links[
            ["source_node", "target_node", "case_count", "workers_involved", "amount_yuan"]
        ].itertuples(index=False)
    ]
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [f"{names[n]} {int(sizes[n])}" for n in nodes],
                "color": [colours[n] for n in nodes],
                "x": [xs[n] for n in nodes],
                "y": [ys[n] for n in nodes],
                "pad": 18,
                "thickness": 22,
                "line": {"width": 0},
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [index[n] for n in links["source_node"]],
                "target": [index[n] for n in links["target_node"]],
                "value": links["case_count"].tolist(),
                "color": [_rgba(colours[n], 0.35) for n in links["target_node"]],
                "customdata": hover,
                "hovertemplate": "%{customdata[0]} → %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
            },
            textfont={"size": 15, "family": theme.FONT_FAMILY, "color": "#1F2937"},
        )
    )
    return _layout(fig, height=460, margin={"l": 10, "r": 10, "t": 10, "b": 10})


# --- categories and outcomes ---------------------------------------------------------------------


def _measure_values(frame: pd.DataFrame, measure: str, lang: str) -> tuple[pd.Series, list[str]]:
    values = frame[measure]
    if measure == "amount_yuan":
        return values / (1_000_000 if lang == "en" else 10_000), [money(v, lang) for v in values]
    return values, [fmt.count(v, lang=lang) for v in values]


@kept
def bars(frame: pd.DataFrame, dimension: str, measure: str, lang: str) -> go.Figure:
    """Horizontal bars of `measure` per category or outcome, in the order of the rows."""
    values, text = _measure_values(frame, measure, lang)
    colours = [OUTCOME_COLOURS.get(v, theme.SEQUENCE[0]) for v in frame[dimension]]
    if dimension == "category":
        colours = [theme.SEQUENCE[0]] * len(frame)
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[label(v, lang) for v in frame[dimension]],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    return _layout(
        fig,
        height=max(260, 48 * len(frame) + 60),
        xaxis={
            "title": t(f"disputes_axis_{measure}", lang),
            "rangemode": "tozero",
            **(_integer_ticks(values.max()) if measure != "amount_yuan" else {}),
        },
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 60, "t": 10, "b": 10},
    )


# --- time to close -------------------------------------------------------------------------------


def _integer_ticks(largest) -> dict:
    """Whole-number ticks on a count axis, even when the counts are small."""
    return {"dtick": 1} if largest <= 6 else {"tickformat": ",d"}


@kept
def histogram(bins: pd.DataFrame, median, lang: str) -> go.Figure:
    """Closed cases per week of days to close (disputes_days_to_close_histogram), with the median."""
    ranges = [f"{a}-{b}" for a, b in zip(bins["days_from"], bins["days_to"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=bins["days_from"] + 3.5,
            y=bins["case_count"],
            width=6.6,
            marker_color=theme.SEQUENCE[0],
            text=[fmt.count(v, lang=lang) if v else "" for v in bins["case_count"]],
            textposition="outside",
            cliponaxis=False,
            customdata=[t("disputes_days", lang, n=r) for r in ranges],
            hovertemplate="%{customdata}: %{y}<extra></extra>",
        )
    )
    if median is not None and not pd.isna(median):
        fig.add_vline(
            x=float(median),
            line={"color": theme.PRIMARY, "dash": "dash", "width": 2},
            annotation={
                "text": t("disputes_median_line", lang, days=days(median, lang)),
                "font_color": theme.PRIMARY,
                "yshift": 22,
            },
            annotation_position="top right",
        )
    return _layout(
        fig,
        xaxis={"title": t("disputes_axis_days", lang), "tick0": 0, "dtick": 7, "rangemode": "tozero"},
        yaxis={"title": t("disputes_axis_case_count", lang), **_integer_ticks(bins["case_count"].max())},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        bargap=0,
    )


@kept
def close_time_by_category(frame: pd.DataFrame, chosen: str | None, lang: str) -> go.Figure:
    """Median and 90th percentile of days to close per category (disputes_by_category), `chosen` highlighted."""
    names = [label(v, lang) for v in frame["category"]]
    opacity = [1.0 if chosen in (None, c) else 0.35 for c in frame["category"]]
    fig = go.Figure(
        [
            go.Bar(
                x=frame["median_days_to_close"],
                y=names,
                orientation="h",
                name=t("disputes_median", lang),
                marker={"color": theme.SEQUENCE[0], "opacity": opacity},
                text=[days(v, lang) for v in frame["median_days_to_close"]],
                textposition="inside",
                insidetextanchor="end",
                hovertemplate="%{y}: %{text}<extra></extra>",
            ),
            go.Scatter(
                x=frame["p90_days_to_close"],
                y=names,
                mode="markers",
                name=t("disputes_p90", lang),
                marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": theme.PRIMARY}},
                customdata=[days(v, lang) for v in frame["p90_days_to_close"]],
                hovertemplate="%{y}: %{customdata}<extra></extra>",
            ),
        ]
    )
    return _layout(
        fig,
        xaxis={"title": t("disputes_axis_days", lang), "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.25},
    )


# --- months and parks ----------------------------------------------------------------------------


def _month_label(month, lang: str, one_year: bool) -> str:
    if lang == "en":
        return MONTH_EN[month.month - 1] + ("" if one_year else f" {month.year}")
    return f"{month.month}月" if one_year else f"{month.year}年{month.month}月"


@kept
def monthly(frame: pd.DataFrame, view: str, park_names: dict, lang: str) -> go.Figure:
    """Cases reported per month, stacked by park, stage or category (disputes_by_month_group rows,
    `group_value` holding the park_id, stage or category)."""
    series = "group_value"
    one_year = frame["report_month"].dt.year.nunique() == 1
    frame = frame.assign(month_label=[_month_label(m, lang, one_year) for m in frame["report_month"]])
    order = list(dict.fromkeys(frame[series]))
    if view == "park":
        order = [p for p in park_names if p in order] + [p for p in order if p not in park_names]
    if view == "category":
        order = list(frame.groupby(series)["case_count"].sum().sort_values(ascending=False).index)
    fig = go.Figure()
    for i, value in enumerate(order):
        rows = frame[frame[series] == value]
        colour = {"park": theme.PARK_COLOURS, "stage": theme.STAGE_COLOURS}.get(view, {}).get(value)
        name = park_names.get(value, value) if view == "park" else label(value, lang)
        fig.add_bar(
            x=rows["month_label"],
            y=rows["case_count"],
            name=name,
            marker_color=colour or theme.SEQUENCE[i % len(theme.SEQUENCE)],
            hovertemplate=f"{name} · %{{x}}: %{{y}}<extra></extra>",
        )
    totals = frame.groupby("month_label", sort=False)["case_count"].sum()
    fig.add_scatter(
        x=totals.index,
        y=totals.values,
        mode="text",
        text=[fmt.count(v, lang=lang) for v in totals.values],
        textposition="top center",
        cliponaxis=False,
        showlegend=False,
        hoverinfo="skip",
    )
    top = (totals.max() if len(totals) else 1) * 1.12  # room for the tallest month's total above its bar
    return _layout(
        fig,
        barmode="stack",
        yaxis={"title": t("disputes_axis_case_count", lang), "range": [0, top], **_integer_ticks(totals.max())},
        legend={"orientation": "h", "y": -0.15, "traceorder": "normal"},
    )


@kept
def park_bars(frame: pd.DataFrame, park: str | None, lang: str) -> go.Figure:
    """Cases per park (disputes_by_park), the chosen park highlighted."""
    opacity = [1.0 if park in (None, p) else 0.3 for p in frame["park_id"]]
    fig = go.Figure(
        go.Bar(
            x=frame["case_count"],
            y=frame[f"name_{lang}"],
            orientation="h",
            marker={"color": [theme.PARK_COLOURS.get(p, NEUTRAL) for p in frame["park_id"]], "opacity": opacity},
            text=[fmt.count(v, lang=lang) for v in frame["case_count"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    return _layout(
        fig,
        xaxis={
            "title": t("disputes_axis_case_count", lang),
            "rangemode": "tozero",
            **_integer_ticks(frame["case_count"].max()),
        },
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 50, "t": 10, "b": 10},
    )


# --- tables --------------------------------------------------------------------------------------


def _column_config(column: str, lang: str):
    if column in ("case_count", "workers_involved", "open_case_count", "closed_case_count", "followed_up_case_count"):
        return st.column_config.NumberColumn(format="%d")
    if column == "amount_yuan":
        return st.column_config.NumberColumn(format="localized")
    if column in ("median_days_to_close", "p90_days_to_close"):
        return st.column_config.NumberColumn(format="%.1f")
    if column == "followed_up_pct":
        return st.column_config.NumberColumn(format="%.2f%%")
    if column == "days_open":
        return st.column_config.NumberColumn(format="%d")
    if column == "reported_on":
        return st.column_config.DateColumn(format="YYYY-MM-DD")
    return None


def table(frame: pd.DataFrame, columns: list[str], name: str, f, key: str) -> None:
    """`columns` of `frame` with their values and headers in the language of the filters `f`, and CSV
    and Excel downloads."""
    lang = f.lang
    shown = frame[columns].copy()
    for column in ("category", "outcome", "stage"):
        if column in shown and lang != "zh":
            shown[column] = [label(v, lang) for v in shown[column]]
    headers = {c: t(f"disputes_col_{c}", lang) for c in columns}
    config = {headers[c]: _column_config(c, lang) for c in columns if _column_config(c, lang) is not None}
    widgets.table(shown.rename(columns=headers), name, f, key, column_config=config)
