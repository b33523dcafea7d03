"""The compare page's parts: the two dates chosen (kept in the URL as `?a=&b=`), and its tables, each with
its downloads saying which two snapshots its rows come from."""

import dataclasses
import datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from queries import compare, metrics, runner
from ui import briefing, downloads, filters, fmt, kpis, theme, widgets
from ui.kept_figures import kept
from ui.strings import MONTH_EN, t

A_KEY, B_KEY = "a", "b"  # in the URL
STATE = {A_KEY: "compare_a", B_KEY: "compare_b"}  # the widgets' keys
SEEDED = "_compare_seeded"  # the URL was read once for this session
GOOD, BAD = "color: #1a7f37; font-weight: 600", "color: #c62828; font-weight: 600"
ROW_PX, MAX_ROWS_IN_FULL = 35, 40  # st.dataframe's row height; longer tables scroll
MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#!|~:$"})


def _shown(value: str) -> str:
    """A URL value in a notice: cut short, one line, its markdown escaped."""
    return "".join(c for c in value[:40] if c.isprintable()).translate(MARKDOWN_SPECIAL)


def _date(value) -> str | None:
    """`value` if it is an ISO date YYYY-MM-DD (ASCII digits only), else None."""
    if not isinstance(value, str) or len(value) != 10 or not value.isascii():
        return None
    try:
        return value if datetime.date.fromisoformat(value).isoformat() == value else None
    except ValueError:
        return None


def _snapshot_of(value: str, known: dict[str, runner.Snapshot]) -> runner.Snapshot | None:
    """The valid snapshot a URL names: one ready, or one of the data folder not yet checked (checked now)."""
    date = _date(value)
    if date is None:
        return None
    if date in known:
        return known[date]
    try:
        return runner.resolve(date)
    except LookupError:
        return None


def choose_pair(lang: str) -> tuple[runner.Snapshot, runner.Snapshot] | None:
    """The two snapshots to compare, from two selectboxes (b drawn first: a's options are the dates before
    it). On a session's first run a link's `?a=&b=` seeds them; a value that is not a valid snapshot
    date, or an `a` not earlier than `b`, gets a notice and the default: the newest snapshot against the
    one before it. None when there are fewer than two valid snapshots."""
    known = {s.date: s for s in runner.ready_snapshots()[0] if s.valid}
    labels = {A_KEY: t("compare_a", lang), B_KEY: t("compare_b", lang)}
    notices, from_link = [], set()
    if SEEDED not in st.session_state:
        for key in (B_KEY, A_KEY):
            value = st.query_params.get(key)
            if value is None:
                continue
            found = _snapshot_of(value, known)
            if found is None:
                why = "bad_url_value" if _date(value) is None else "compare_no_snapshot"
                notices.append(t(why, lang, param=labels[key], value=_shown(value)))
                continue
            known.setdefault(found.date, found)
            st.session_state[STATE[key]] = found.date
            from_link.add(key)
        st.session_state[SEEDED] = True
    dates = sorted(known, reverse=True)
    if len(dates) < 2:
        for notice in notices:
            st.warning(notice, icon=":material/link_off:")
        st.info(t("compare_need_two", lang, n=len(dates)), icon=":material/info:")
        return None
    b_options = dates[:-1]
    if st.session_state.get(STATE[B_KEY]) not in b_options:
        if B_KEY in from_link:  # the oldest snapshot: nothing before it to compare with
            notices.append(t("compare_no_earlier", lang, param=labels[B_KEY], value=st.session_state[STATE[B_KEY]]))
        st.session_state[STATE[B_KEY]] = b_options[0]
    b = st.session_state[STATE[B_KEY]]
    a_options = [d for d in dates if d < b]
    if st.session_state.get(STATE[A_KEY]) not in a_options:
        if A_KEY in from_link:
            notices.append(
                t("compare_not_earlier", lang, param=labels[A_KEY], value=st.session_state[STATE[A_KEY]], b=b)
            )
        st.session_state[STATE[A_KEY]] = a_options[0]
    for notice in notices:
        st.warning(notice, icon=":material/link_off:")

    left, right, rest = st.columns([1, 1, 2], vertical_alignment="bottom")
    with right:
        b = st.selectbox(labels[B_KEY], b_options, key=STATE[B_KEY])
    last_year = _year_before(b)
    if last_year not in known and (found := _snapshot_of(last_year, known)) is not None:  # not yet checked
        known[last_year] = found
        dates = sorted(known, reverse=True)
    a_options = [d for d in dates if d < b]
    if st.session_state[STATE[A_KEY]] not in a_options:
        st.session_state[STATE[A_KEY]] = a_options[0]
    with left:
        a = st.selectbox(labels[A_KEY], a_options, key=STATE[A_KEY])
    with rest:
        if last_year in a_options and a != last_year:
            st.button(
                t("compare_same_date_last_year", lang, date=last_year),
                on_click=lambda: st.session_state.update({STATE[A_KEY]: last_year}),
                icon=":material/event_repeat:",
            )
        elif last_year not in a_options:
            st.caption(t("compare_no_last_year", lang, date=last_year))
    briefing.choice(labels[A_KEY], a)
    briefing.choice(labels[B_KEY], b)
    filters.to_url(A_KEY, a, a_options[0])  # as the shared filters: a default is left out of the link
    filters.to_url(B_KEY, b, b_options[0])
    return known[a], known[b]


def _year_before(date: str) -> str:
    day = datetime.date.fromisoformat(date)
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28).isoformat()


# --- downloads -------------------------------------------------------------------------------------


def source(a: runner.Snapshot, b: runner.Snapshot, lang: str) -> downloads.Source:
    """Where a comparison's rows come from: both snapshots' tags and dates on every row, and both
    manifests' accounts on the workbook's second sheet."""
    first, second = widgets.download_source(a, lang), widgets.download_source(b, lang)
    tag, date = t("download_source", lang), t("download_snapshot", lang)
    columns = {
        tag: f"{first.columns[tag]} / {second.columns[tag]}",
        date: f"{a.date} / {b.date}",
    }
    return downloads.Source(columns=columns, lines=[*first.lines, ("", ""), *second.lines])


def table(frame: pd.DataFrame, download: pd.DataFrame, name: str, key: str, pair, f, **dataframe_args) -> None:
    """A table as shown (`frame`, perhaps a Styler) with the CSV and Excel of `download` (its numbers)."""
    a, b = pair
    rows = len(frame.data if hasattr(frame, "data") else frame)
    if rows <= MAX_ROWS_IN_FULL:  # every row in view, no scrolling inside the table
        dataframe_args.setdefault("height", ROW_PX * (rows + 1) + 3)
    st.dataframe(frame, hide_index=True, **dataframe_args)
    briefing.table(
        frame.data if hasattr(frame, "data") else frame,
        dataframe_args.get("column_config"),
        dataframe_args.get("column_order"),
    )
    principal = compare.principal_for(a, b)
    scope = f"{f.park_id or 'zone'}@{a.date}..{b.date}"
    downloads.buttons(download, name, f.lang, key, source(a, b, f.lang), principal, scope)


# --- the KPIs --------------------------------------------------------------------------------------


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def signed_text(metric: metrics.Metric, change, lang: str) -> str:
    """A change in the metric's unit, with its sign."""
    if _missing(change):
        return "—"
    if change == 0:
        return "0"
    text = kpis.value_text(metric, change, lang, signed=True)
    return "+" + text if change > 0 and not text.startswith("+") else text


def pct_text(change_pct) -> str:
    if _missing(change_pct):
        return "—"
    return "0.00%" if change_pct == 0 else fmt.pct(change_pct, signed=True)


def colour(sense: str | None) -> str:
    return GOOD if sense == "good" else BAD if sense == "bad" else ""


def kpi_label(key: str, lang: str) -> str:
    return t(metrics.CATALOGUE[key].label, lang, limit=compare_limit(), limit_days=compare_limit())


def compare_limit() -> int:
    """The days after which an open case counts as overdue, as the disputes page's default."""
    return 30


def kpi_download(changes: pd.DataFrame, park_names: dict, lang: str, a: str, b: str) -> pd.DataFrame:
    """The KPI changes with their numbers (values in the unit of the key's column: yuan, m2, percent...),
    for a download: one row per KPI and scope."""
    return pd.DataFrame(
        {
            t("compare_col_kpi", lang): [kpi_label(k, lang) for k in changes["key"]],
            "key": changes["key"],
            t("compare_col_scope", lang): [scope_label(p, park_names, lang) for p in changes["park_id"]],
            a: changes["value_a"],
            b: changes["value_b"],
            "change": changes["change"],
            "change_pct": changes["change_pct"],
            t("compare_col_better", lang): [
                t(f"compare_better_{s}", lang) if s in ("up", "down") else "" for s in changes["better"]
            ],
        }
    )


def scope_label(park_id, park_names: dict, lang: str) -> str:
    return t("all_parks", lang) if park_id is None or pd.isna(park_id) else park_names.get(park_id, park_id)


def kpi_table(changes: pd.DataFrame, a: str, b: str, lang: str):
    """One scope's KPIs as shown: label, both values, the change and its percentage, coloured by sense."""
    rows, senses = [], []
    for row in changes.itertuples():
        metric = metrics.CATALOGUE[row.key]
        rows.append(
            (
                kpi_label(row.key, lang),
                kpis.value_text(metric, row.value_a, lang),
                kpis.value_text(metric, row.value_b, lang),
                signed_text(metric, row.change, lang),
                pct_text(row.change_pct),
            )
        )
        senses.append(compare.sense(row.change, row.better))
    change, pct = t("compare_col_change", lang), t("compare_col_change_pct", lang)
    shown = pd.DataFrame(rows, columns=[t("compare_col_kpi", lang), a, b, change, pct])
    css = pd.Series([colour(s) for s in senses])
    return shown.style.apply(lambda column: css.values if column.name in (change, pct) else [""] * len(column))


def by_park_table(changes: pd.DataFrame, scopes: list, park_names: dict, lang: str):
    """KPI × scope: each cell the change and its percentage, coloured by the KPI's sense."""
    labels = [scope_label(p, park_names, lang) for p in scopes]
    rows, styles = [], []
    for key, group in changes.groupby("key", sort=False):
        metric = metrics.CATALOGUE[key]
        by_scope = {(None if pd.isna(r.park_id) else r.park_id): r for r in group.itertuples()}
        cells, css = [kpi_label(key, lang)], [""]
        for park_id in scopes:
            r = by_scope[park_id]
            text = signed_text(metric, r.change, lang)
            if not _missing(r.change_pct) and r.change:
                text += f" ({pct_text(r.change_pct)})"
            cells.append(text)
            css.append(colour(compare.sense(r.change, r.better)))
        rows.append(cells)
        styles.append(css)
    shown = pd.DataFrame(rows, columns=[t("compare_col_kpi", lang), *labels])
    css = pd.DataFrame(styles, columns=shown.columns)
    return shown.style.apply(lambda _: css, axis=None)


def headline_cards(changes: pd.DataFrame, keys: list[str], a, b, lang: str) -> None:
    """The at-a-glance row: each KPI's value at b, its change since a, coloured by its sense."""
    lines = []
    with widgets.kpi_row():
        for key in keys:
            row = changes[changes["key"] == key].iloc[0]
            metric = metrics.CATALOGUE[key]
            reading = metrics.read(key, b, None if pd.isna(row.park_id) else row.park_id, limit_days=compare_limit())
            then = t("compare_then", lang, date=a.date, value=kpis.value_text(metric, row.value_a, lang))
            change = None if _missing(row.change) else signed_text(metric, row.change, lang)
            widgets.kpi_card(
                kpi_label(key, lang),
                kpis.value_text(metric, row.value_b, lang),
                kpis.tag_of(reading),
                b,
                lang,
                note=then,
                delta=change,
                delta_description=t("compare_vs", lang, date=a.date),
                delta_color={"up": "normal", "down": "inverse"}.get(metric.better, "off"),
            )
            shown = kpis.line(reading, lang)  # the card as text, its change the one since a
            lines.append(
                dataclasses.replace(
                    shown, change=change or "", change_note=t("compare_vs", lang, date=a.date), note=then
                )
            )
    briefing.kpis(lines)


# --- grids, enterprises, disputes, economy ---------------------------------------------------------


def in_park_order(frame: pd.DataFrame, park_ids: list[str]) -> pd.DataFrame:
    """Rows by park in the parks' own order (the zone's first), keeping the order within a park."""
    rank = {p: i for i, p in enumerate(park_ids)}
    keys = frame["park_id"].map(lambda p: -1 if p is None or pd.isna(p) else rank.get(p, len(rank)))
    return frame.assign(_rank=keys).sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)


def month_range(first, last, lang: str) -> str:
    if first is None or pd.isna(first):
        return "—"
    return t(
        "compare_months",
        lang,
        year=first.year,
        first=first.month,
        last=last.month,
        first_en=MONTH_EN[first.month - 1],
        last_en=MONTH_EN[last.month - 1],
    )


def economy_table(growth: pd.DataFrame, a: str, b: str, lang: str):
    """The indicators' cumulative value and growth at both dates (indexed by indicator), as shown; the
    change of growth coloured (faster growth is better)."""
    money = metrics.CATALOGUE[growth.index[0]]
    pp = t("compare_col_growth_change", lang)
    columns = {t("compare_col_indicator", lang): [t(f"kpi_{i}", lang) for i in growth.index]}
    for side, date in (("a", a), ("b", b)):
        months = zip(growth[f"first_month_{side}"], growth[f"last_month_{side}"], strict=True)
        columns[t("compare_col_months", lang, date=date)] = [month_range(x, y, lang) for x, y in months]
        columns[t("compare_col_cumulative", lang, date=date)] = [
            kpis.value_text(money, v, lang) for v in growth[f"cumulative_yuan_{side}"]
        ]
        columns[t("compare_col_growth", lang, date=date)] = [pct_text(v) for v in growth[f"growth_pct_{side}"]]
    changes = growth["growth_change_pp"]
    columns[pp] = ["—" if _missing(v) else t("compare_pp", lang, value=f"{v:+.2f}") for v in changes]
    shown = pd.DataFrame(columns)
    css = [colour(compare.sense(v, "up")) for v in changes]
    return shown.style.apply(lambda column: css if column.name == pp else [""] * len(column))


@kept
def cases_waterfall(total: pd.Series, a: str, b: str, lang: str) -> go.Figure:
    """The case balance as a waterfall: open at a, + opened, − closed (and reopened, left the record when
    any), = open at b; fewer open cases is better, so the closed step is green and the opened one red."""
    steps = [
        (t("compare_col_open_a", lang, date=a), int(total.open_count_a), "absolute"),
        (t("compare_col_opened", lang), int(total.opened_count), "relative"),
        (t("compare_col_closed", lang), -int(total.closed_count), "relative"),
    ]
    if total.reopened_count or total.removed_count:
        steps += [
            (t("compare_col_reopened", lang), int(total.reopened_count), "relative"),
            (t("compare_col_removed_cases", lang), -int(total.removed_count), "relative"),
        ]
    steps.append((t("compare_col_open_b", lang, date=b), int(total.open_count_b), "total"))
    labels, values, kinds = zip(*steps, strict=True)
    fig = go.Figure(
        go.Waterfall(
            x=list(labels),
            y=list(values),
            measure=list(kinds),
            text=[f"{v:+d}" if k == "relative" else str(v) for v, k in zip(values, kinds, strict=True)],
            textposition=["inside" if k == "relative" else "outside" for k in kinds],
            insidetextfont={"color": "#FFFFFF"},
            increasing={"marker": {"color": "#C62828"}},
            decreasing={"marker": {"color": "#2E7D32"}},
            totals={"marker": {"color": "#546E7A"}},
            connector={"line": {"color": "#9E9E9E", "width": 1}},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    return theme.style(fig, height=300, showlegend=False, margin={"t": 30, "b": 10, "l": 10, "r": 10})
