"""Charts, card headers and tables of the economy page (经济指标).

Builders take the rows a query returns, ready to draw, and only convert units for display: money in
亿元 (万元 per project) and area in 万平方米 (m² per project) in Chinese, CNY millions and million m²
in English. A chosen park is highlighted among the others rather than hidden, because a share or a
growth rate means something only next to the rest of the zone.
"""

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from queries.contract import INDICATORS
from ui import briefing, filters, fmt, provenance, theme, widgets
from ui.kept_figures import kept
from ui.strings import MONTH_EN, t

INDICATOR_KEY, VIEW_KEY, SIZE_VIEW_KEY = "economy_indicator", "economy_view", "economy_size_view"
INDICATOR_OPTIONS = list(INDICATORS)
VIEWS = ["cumulative", "monthly"]
SIZE_VIEWS = ["bands", "scatter"]
SIZE_BANDS = ("under_50m", "50m_100m", "100m_200m", "200m_500m", "500m_plus")  # as in expansion_by_size.sql
STATUS_KEYS = {"前期": "economy_status_planning", "在建": "economy_status_building", "竣工": "economy_status_done"}

# display divisors: 亿元 / 万元 / 万平方米 in Chinese, millions in English
YI = {"zh": fmt.YI, "en": 1_000_000}
WAN = {"zh": fmt.WAN, "en": 1_000_000}
AREA = {"zh": fmt.WAN, "en": 1_000_000}
MUTED = "#CFD8DC"
TREND_HEIGHT = theme.CHART_HEIGHT + 230  # as tall as the split-by-park chart and its table beside it


def choice(label_key: str, options: list[str], key: str, option_key: str, lang: str) -> str:
    """A segmented control kept in the URL under `key`, its options named by `option_key.format(option)`;
    the first option is the default (and is left out of the link)."""
    return filters.url_choice(
        st.segmented_control,
        t(label_key, lang),
        options,
        key=key,
        default=options[0],
        lang=lang,
        required=True,
        format_func=lambda o: t(option_key.format(o), lang),
        label_visibility="collapsed",
    )


def card_header(title: str, note: str, f, published: bool = False) -> None:
    """A chart card's subheader and its provenance line: the tag (published, or the snapshot's source
    under the filters `f`), then what is published and what is not."""
    st.subheader(title)
    st.caption(f"{widgets.tag_markdown(provenance.shown_as(published, f.snapshot), f.lang)} {note}")
    briefing.heading(title, note)


def trend_note(trend: pd.DataFrame, indicator: str, f) -> str:
    """Monthly detail is not published; say so, and say when the last running total is the published figure."""
    if trend.empty:
        return t("economy_trend_note_detail", f.lang)
    last = trend.iloc[-1]
    value = provenance.of(f"{indicator}_yuan", last.cumulative_value_yuan, f.park_id, f.snapshot)
    growth = provenance.of(f"{indicator}_growth_pct", last.cumulative_growth_pct, f.park_id, f.snapshot)
    if not provenance.both(value, growth).published:
        return t("economy_trend_note_detail", f.lang)
    month = last.report_month.month
    value, growth = fmt.yuan(last.cumulative_value_yuan, f.lang, "yi"), fmt.pct(last.cumulative_growth_pct, signed=True)
    return t("economy_trend_note", f.lang, month=month, month_en=MONTH_EN[month - 1], value=value, growth=growth)


def indicator_name(indicator: str, lang: str) -> str:
    return t(f"kpi_{indicator}", lang)


def month_label(month, lang: str) -> str:
    return f"{month.month}月" if lang == "zh" else MONTH_EN[month.month - 1]


def number(value: float, decimals: int = 2) -> str:
    """A chart label without its unit (the unit is in the title): `121.84`, `43`, `1,218.5`."""
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def in_park_order(frame: pd.DataFrame):
    """(park_id, rows) per park, in the parks' sort order, for one trace per park."""
    present = set(frame["park_id"].dropna())
    order = theme.PARK_COLOURS.order
    for park_id in [p for p in order if p in present] + sorted(present - set(order)):
        yield park_id, frame[frame["park_id"] == park_id]


def _log_ticks(values) -> list[float]:
    """1-2-5 ticks covering `values` on a log axis, so labels read 0.2, 0.5, 1, 2, 5 … rather than 2 3 4 5 6."""
    low, high = float(min(values)), float(max(values))
    ticks, decade = [], 10.0 ** math.floor(math.log10(low))
    while decade <= high * 10:
        ticks += [m * decade for m in (1, 2, 5) if low / 2 <= m * decade <= high * 2]
        decade *= 10
    return ticks


def _layout(fig: go.Figure, height: int = theme.CHART_HEIGHT, **layout) -> go.Figure:
    return theme.style(fig, height, **layout)


# ---- trend ---------------------------------------------------------------------------------------


@kept
def trend_figure(frame: pd.DataFrame, view: str, year: int, lang: str) -> go.Figure:
    """2022 against the same months of 2021: running totals as lines, or monthly bars with their growth rate."""
    months = [month_label(m, lang) for m in frame["report_month"]]
    unit = t("economy_unit_yi", lang)
    current, prior = t("economy_series_current", lang, year=year), t("economy_series_prior", lang, year=year - 1)
    cumulative = view == "cumulative"
    value, before, growth = (
        ("cumulative_value_yuan", "cumulative_prior_year_value_yuan", "cumulative_growth_pct")
        if cumulative
        else ("value_yuan", "prior_year_value_yuan", "growth_pct")
    )
    growth_label = t("economy_cumulative_growth" if cumulative else "economy_series_growth", lang)
    hover = [
        f"{m} · {fmt.yuan(v, lang, 'yi')}<br>{growth_label} {fmt.pct(g, signed=True)}"
        for m, v, g in zip(months, frame[value], frame[growth], strict=True)
    ]
    hover_prior = [f"{m} · {fmt.yuan(v, lang, 'yi')}" for m, v in zip(months, frame[before], strict=True)]
    fig = make_subplots(specs=[[{"secondary_y": not cumulative}]])
    if cumulative:
        fig.add_scatter(
            x=months,
            y=frame[before] / YI[lang],
            name=prior,
            mode="lines+markers",
            line={"color": theme.PRIOR_YEAR, "dash": "dash", "width": 2},
            hovertext=hover_prior,
            hoverinfo="text+name",
        )
        fig.add_scatter(
            x=months,
            y=frame[value] / YI[lang],
            name=current,
            mode="lines+markers+text",
            line={"color": theme.CURRENT_YEAR, "width": 3},
            hovertext=hover,
            hoverinfo="text+name",
            text=[""] * (len(frame) - 1) + [f"{fmt.yuan(frame[value].iloc[-1], lang, 'yi')}"],
            textposition="top left",
            textfont={"color": theme.CURRENT_YEAR, "size": 15},
            cliponaxis=False,  # the last month's label sits above the top of the axis
        )
    else:
        fig.add_bar(
            x=months,
            y=frame[before] / YI[lang],
            name=prior,
            marker_color=theme.PRIOR_YEAR,
            hovertext=hover_prior,
            hoverinfo="text+name",
        )
        fig.add_bar(
            x=months,
            y=frame[value] / YI[lang],
            name=current,
            marker_color=theme.CURRENT_YEAR,
            hovertext=hover,
            hoverinfo="text+name",
        )
        fig.add_scatter(
            x=months,
            y=frame[growth],
            name=growth_label,
            mode="lines+markers",
            secondary_y=True,
            line={"color": "#1F2937", "width": 2},
            marker={"size": 7},
            hovertemplate="%{x} · %{y:+.2f}%<extra></extra>",
        )
        fig.update_yaxes(
            title_text=t("economy_growth_axis", lang),
            secondary_y=True,
            showgrid=False,
            rangemode="tozero",
            tickformat=".0f",
            ticksuffix="%",
        )
    fig.update_yaxes(title_text=unit, secondary_y=False, rangemode="tozero")
    legend = {"orientation": "h", "y": 1.08, "x": 0}
    return _layout(fig, height=TREND_HEIGHT, barmode="group", legend=legend, hovermode="x unified")


# ---- split by park -------------------------------------------------------------------------------


def _room_for_labels(values) -> list[float]:
    """An axis range leaving room beside the bars for their labels (on the left of negative bars too)."""
    low, high = min(0.0, float(min(values, default=0))), max(0.0, float(max(values, default=0)))
    span = (high - low) or 1.0
    return [low - (0.8 * span if low < 0 else 0.0), high + 0.8 * span]


def _park_bars(frame: pd.DataFrame, highlight: str | None, panels: list[tuple], lang: str) -> go.Figure:
    """Horizontal bars sharing the park axis, one panel per (title, values, labels, hover); largest on top."""
    rows = frame.iloc[::-1]
    names = [
        f"<b>{n}</b>" if p == highlight else n for p, n in zip(rows["park_id"], rows[f"park_name_{lang}"], strict=True)
    ]
    colours = [theme.PARK_COLOURS.get(p, theme.PRIMARY) if highlight in (None, p) else MUTED for p in rows["park_id"]]
    fig = make_subplots(
        rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.03, subplot_titles=[p[0] for p in panels]
    )
    for col, (_, values, labels) in enumerate(panels, start=1):
        fig.add_bar(
            y=names,
            x=list(values)[::-1],
            text=list(labels)[::-1],
            orientation="h",
            marker_color=colours,
            textposition="outside",
            textfont={"size": 12},
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
            row=1,
            col=col,
        )
        fig.update_xaxes(range=_room_for_labels(values), showticklabels=False, showgrid=False, row=1, col=col)
    fig.update_annotations(font={"size": 14})
    height = max(theme.CHART_HEIGHT - 60, 70 * len(rows) + 60)
    return _layout(fig, height=height, showlegend=False, bargap=0.3, margin={"l": 10, "r": 70, "t": 40, "b": 10})


@kept
def park_split_figure(frame: pd.DataFrame, highlight: str | None, month: int, lang: str) -> go.Figure:
    """Each park's total (with its share of the zone) and its growth, the zone's growth as a dashed line."""
    month_en = MONTH_EN[month - 1]
    values = [
        f"{fmt.yuan(v, lang, 'yi')}<br>{fmt.pct(s)}" for v, s in zip(frame.value_yuan, frame.share_pct, strict=True)
    ]
    growth = [fmt.pct(g, signed=True) for g in frame.growth_pct]
    fig = _park_bars(
        frame,
        highlight,
        [
            (t("economy_park_value", lang, month=month, month_en=month_en), frame.value_yuan / YI[lang], values),
            (t("economy_park_growth", lang), frame.growth_pct, growth),
        ],
        lang,
    )
    zone = frame["zone_growth_pct"].iloc[0]
    fig.add_vline(
        x=zone,
        line_dash="dash",
        line_color=theme.PRIMARY,
        layer="below",
        row=1,
        col=2,
    )
    fig.add_annotation(
        x=zone,
        xref="x2",
        y=0,
        yref="paper",
        yanchor="top",
        showarrow=False,
        text=t("economy_zone_growth", lang, pct=fmt.pct(zone)),
        font={"color": theme.PRIMARY, "size": 13},
    )  # below the bars, where no label is
    return fig.update_layout(margin={"b": 30})


def park_split_table(frame: pd.DataFrame, month: int, lang: str) -> tuple[pd.DataFrame, dict]:
    """The split by park as shown: localised headers, money in 亿元 (CNY m), percentages with two decimals."""
    unit = t("economy_unit_yi", lang)
    columns = {
        "park": t("economy_col_park", lang),
        "value": t("economy_col_value", lang, month=month, month_en=MONTH_EN[month - 1], unit=unit),
        "prior": t("economy_col_prior", lang, unit=unit),
        "growth": t("economy_col_growth", lang),
        "share": t("economy_col_share", lang),
    }
    table = pd.DataFrame(
        {
            columns["park"]: frame[f"park_name_{lang}"],
            columns["value"]: frame["value_yuan"] / YI[lang],
            columns["prior"]: frame["prior_year_value_yuan"] / YI[lang],
            columns["growth"]: frame["growth_pct"].round(2),
            columns["share"]: frame["share_pct"].round(2),
        }
    )
    number = st.column_config.NumberColumn
    config = {columns[c]: number(format="%.2f") for c in ("value", "prior", "growth", "share")}
    return table, config


# ---- expansion -----------------------------------------------------------------------------------


@kept
def expansion_park_figure(frame: pd.DataFrame, highlight: str | None, lang: str) -> go.Figure:
    """Enterprises, added floor area and planned investment of each park."""
    area_unit, money_unit = t("economy_unit_area", lang), t("economy_unit_yi", lang)
    area = frame.added_floor_area_m2 / AREA[lang]
    money = frame.planned_investment_yuan / YI[lang]
    invest = [f"{number(v)}<br>{fmt.pct(s)}" for v, s in zip(money, frame.investment_share_pct.fillna(0), strict=True)]
    return _park_bars(
        frame,
        highlight,
        [
            (
                t("economy_expansion_enterprises", lang),
                frame.enterprise_count,
                [fmt.count(n, lang=lang) for n in frame.enterprise_count],
            ),
            (
                t("economy_expansion_area", lang, unit=area_unit),
                area,
                [number(a, 2 if lang == "zh" else 3) for a in area],
            ),
            (
                t("economy_expansion_investment", lang, unit=money_unit),
                money,
                invest,
            ),
        ],
        lang,
    )


@kept
def size_band_figure(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Projects per band of planned investment, stacked by park."""
    labels = {band: t(f"economy_band_{band}", lang) for band in SIZE_BANDS}
    fig = go.Figure()
    several = frame["park_id"].nunique() > 1  # one park's segments would repeat the totals above them
    for park_id, rows in in_park_order(frame):
        fig.add_bar(
            x=[labels.get(b, b) for b in rows["size_band"]],
            y=rows["project_count"],
            name=rows[f"park_name_{lang}"].iloc[0],
            marker_color=theme.PARK_COLOURS.get(park_id, theme.PRIMARY),
            text=rows["project_count"] if several else None,
            textposition="inside",
            textangle=0,
            customdata=[
                [fmt.yuan(v, lang, "yi"), fmt.area_m2(a, lang)]
                for v, a in zip(rows.planned_investment_yuan, rows.added_floor_area_m2, strict=True)
            ],
            hovertemplate="%{fullData.name} · %{x}<br>%{y} · %{customdata[0]} · %{customdata[1]}<extra></extra>",
        )
    fig.update_xaxes(
        categoryorder="array", categoryarray=list(labels.values()), title_text=t("economy_band_axis", lang)
    )
    totals = frame.drop_duplicates("size_band")
    fig.add_scatter(
        x=[labels.get(b, b) for b in totals["size_band"]],
        y=totals["band_project_total"],
        text=totals["band_project_total"],
        mode="text",
        textposition="top center",
        textfont={"size": 14, "color": "#1F2937"},
        showlegend=False,
        hoverinfo="skip",
    )
    fig.update_yaxes(title_text=t("economy_projects_axis", lang), range=[0, totals["band_project_total"].max() * 1.15])
    legend = {"orientation": "h", "y": 1.12, "x": 0, "traceorder": "normal"}
    return _layout(fig, barmode="stack", legend=legend, uniformtext={"minsize": 11, "mode": "hide"})


@kept
def scatter_figure(projects: pd.DataFrame, lang: str) -> go.Figure:
    """One dot per project: added floor area against planned investment, coloured by park (log scales)."""
    fig = go.Figure()
    for park_id, rows in in_park_order(projects):
        fig.add_scatter(
            x=rows["added_floor_area_m2"],
            y=rows["planned_investment_yuan"] / YI[lang],
            mode="markers",
            name=rows[f"park_name_{lang}"].iloc[0],
            marker={
                "color": theme.PARK_COLOURS.get(park_id, theme.PRIMARY),
                "size": 11,
                "opacity": 0.8,
                "line": {"width": 1, "color": "white"},
            },
            customdata=[
                [n, e, status(s, lang), fmt.yuan(v, lang), f"{a:,}"]
                for n, e, s, v, a in zip(
                    rows.project_name,
                    rows.enterprise_name_zh,
                    rows.status,
                    rows.planned_investment_yuan,
                    rows.added_floor_area_m2,
                    strict=True,
                )
            ],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} · %{customdata[2]}"
            "<br>%{customdata[4]} m² · %{customdata[3]}<extra></extra>",
        )
    area, money = projects["added_floor_area_m2"], projects["planned_investment_yuan"] / YI[lang]
    x_ticks, y_ticks = _log_ticks(area), _log_ticks(money)
    fig.update_xaxes(
        type="log",
        tickvals=x_ticks,
        ticktext=[f"{v:,.0f}" for v in x_ticks],
        title_text=t("economy_area_axis", lang, unit=t("economy_unit_m2", lang)),
    )
    fig.update_yaxes(
        type="log",
        tickvals=y_ticks,
        ticktext=[f"{v:,g}" for v in y_ticks],
        title_text=t("economy_investment_axis", lang, unit=t("economy_unit_yi", lang)),
    )
    return _layout(fig, legend={"orientation": "h", "y": 1.12, "x": 0})


def status(value, lang: str) -> str:
    return t(STATUS_KEYS[value], lang) if value in STATUS_KEYS else value


def project_table(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """The project list as shown: localised headers, area in m², investment in 万元 (CNY m)."""
    area = t("economy_col_area", lang, unit=t("economy_unit_m2", lang))
    invest = t("economy_col_investment", lang, unit=t("economy_unit_wan", lang))
    started = t("economy_col_started", lang)
    table = pd.DataFrame(
        {
            t("economy_col_project", lang): frame["project_name"],
            t("economy_col_enterprise", lang): frame["enterprise_name_zh"],
            t("economy_col_park", lang): frame[f"park_name_{lang}"],
            t("economy_col_industry", lang): frame["industry"],
            area: frame["added_floor_area_m2"],
            invest: frame["planned_investment_yuan"] / WAN[lang],
            t("economy_col_status", lang): [status(s, lang) for s in frame["status"]],
            started: frame["started_on"].dt.date,
        }
    )
    number = st.column_config.NumberColumn
    config = {
        area: number(format="localized"),
        invest: number(format="%.0f" if lang == "zh" else "%.2f"),
        started: st.column_config.DateColumn(format="YYYY-MM-DD"),
    }
    return table, config
