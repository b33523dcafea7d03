"""Charts, KPI cards, tables and the drill-down position of the grid coverage page (网格覆盖).

Builders take the rows a query returns, ready to draw; they only pick columns, name them in the
page's language and set colours. The drill position (a park or grid id) lives in the URL under
`grids_node`, checked against the ids the page's scope holds: an unknown id from a link is refused
with a notice, and a position the park filter no longer holds goes back to the top quietly.
"""

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from queries import runner
from queries.contract import SPECIALIST_ROLES
from ui import briefing, filters, fmt, provenance, strings, theme, widgets
from ui.kept_figures import kept
from ui.strings import t

NODE_KEY, SIZE_KEY, TABLE_KEY = "grids_node", "grids_size", "grids_table"
TOP = ""  # the top of the drill: the park chosen in the sidebar, or the whole zone
PICK_KEYS = {1: "grids_pick_park", 2: "grids_pick_level1", 3: "grids_pick_level2", 4: "grids_pick_level3"}
SIZES = ["enterprises", "employees"]
TABLES = ["children", "enterprises"]
MAX_TILES = 1000  # treemap tiles drawn at most: beyond, the deepest level is left to a click
# in a briefing: more tiles are not legible on A4, and each costs the PDF engine ~3 ms (the 10x zone's 666
# tiles took 2.2 s); past it the deepest levels are left out, one at a time
PRINT_TILES = 200
MAX_BARS = 40  # level-2 grids in a bar chart at most (the table below lists them all)
MAX_NAMES = 8  # level-2 grid names in a sentence at most
ZONE_COLOUR, MUTED, UNCOVERED = "#ECEFF1", "#546E7A", "#9E9E9E"
STAFF_PARTS = (  # a partition of all grid staff, for the stacked bars
    ("heads", "grids_staff_heads", "#B71C1C"),
    ("level2_worker_count", "grids_staff_level2_workers", "#F57C00"),
    ("enterprise_grid_worker_count", "grids_staff_workers", "#1565C0"),
    ("specialist_count", "grids_staff_specialists", "#2E7D32"),
)
SPECIALIST_COLUMNS = dict(
    zip(
        SPECIALIST_ROLES,
        (
            "safety_specialist_count",
            "civility_specialist_count",
            "party_building_specialist_count",
            "public_order_specialist_count",
            "epidemic_specialist_count",
        ),
        strict=True,
    )
)
GROWTH_SERIES = (
    ("enterprise_grid_worker_count", "grids_series_workers", "#1565C0"),
    ("specialist_count", "grids_series_specialists", "#2E7D32"),
    ("first_batch_member_count", "grids_series_members", "#B71C1C"),
    ("linked_worker_count", "grids_series_linked", "#F57C00"),
)


# Words of the charts that show only the largest level-2 grids. They belong in ui/strings_grids.py,
# which is not this module's to edit; registered here until they move there.
LIMIT_STRINGS = {
    "grids_level2_limited": {
        "zh": "图中为三级网格最多的 {shown} 个二级网格(共 {total} 个);逐级下钻可看全部。",
        "en": "The chart shows the {shown} level-2 grids with the most level-3 grids (of {total}); "
        "drill down to see them all.",
    },
    "grids_staff_limited": {
        "zh": "图中为人员最多的 {shown} 个二级网格(共 {total} 个);下表列出全部。",
        "en": "The chart shows the {shown} level-2 grids with the most staff (of {total}); the table lists them all.",
    },
}
for _key, _texts in LIMIT_STRINGS.items():
    strings.STRINGS.setdefault(_key, _texts)


def _layout(fig: go.Figure, height: int = theme.CHART_HEIGHT, **layout) -> go.Figure:
    return theme.style(fig, height, **layout)


def largest(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """The MAX_BARS rows with the most `column`, in their own order (all of them when there are no more)."""
    if len(rows) <= MAX_BARS:
        return rows
    return rows.loc[rows[column].nlargest(MAX_BARS, keep="first").index.sort_values()]


def _limited_note(key: str, total: int, lang: str) -> None:
    """Under a chart that shows only the MAX_BARS largest: how many of how many."""
    if total > MAX_BARS:
        st.caption(t(key, lang, shown=fmt.count(MAX_BARS, lang=lang), total=fmt.count(total, lang=lang)))


def card_header(title: str, f, *, published: str | None = None, detail: str | None = None) -> None:
    """A card's subheader and its provenance line: what in it is published, and what is detail of the
    snapshot under the filters `f`, tagged by its source."""
    st.subheader(title)
    parts = []
    if published is not None:
        parts.append(f"{widgets.tag_markdown(provenance.Provenance(provenance.PUBLISHED), f.lang)} {published}")
    if detail is not None or published is None:
        parts.append(f"{widgets.tag_markdown(provenance.of_snapshot(f.snapshot), f.lang)} {detail or ''}")
    st.caption(" · ".join(part.strip() for part in parts))
    briefing.heading(title, detail or published)


# ---- KPI cards -----------------------------------------------------------------------------------


def stack(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One-row results of a query per snapshot date, oldest first, with the date as `snapshot_date`."""
    return pd.concat([r.assign(snapshot_date=d) for d, r in sorted(results.items())], ignore_index=True)


# ---- the three-level structure against the article ------------------------------------------------

STRUCTURE_FIGURES = (  # (column, published figure key, column title key)
    ("level1_grid_count", "grids_level1", "grids_col_level1"),
    ("level2_grid_count", "grids_level2", "grids_col_level2"),
    ("level3_grid_count", "grids_level3", "grids_col_level3"),
    ("service_group_count", "service_groups", "grids_col_service_groups"),
)


def _status(row: pd.Series, snapshot) -> tuple[str, str | None]:
    """Does this row give back the article's figures for its scope and date? ("none", "other_date" with
    the article's date, "match" or "mismatch"; "none" too where the snapshot's source is not recorded)"""
    published = runner.published_by_key()
    scope = row["park_id"] if isinstance(row["park_id"], str) else ""
    figures = [(column, published[(key, scope)]) for column, key, _ in STRUCTURE_FIGURES if (key, scope) in published]
    if not figures or provenance.of_snapshot(snapshot).kind == provenance.UNRECORDED:
        return "none", None
    if any(figure["as_of"] != snapshot.date for _, figure in figures):
        return "other_date", figures[0][1]["as_of"]
    if all(row[column] == figure["value"] for column, figure in figures):
        return "match", None
    return "mismatch", None


def _check(row: pd.Series, snapshot, lang: str) -> str:
    status, date = _status(row, snapshot)
    return t(f"grids_check_{status}", lang, date=date) if date else t(f"grids_check_{status}", lang)


def structure_tags(structure: pd.DataFrame, f, chart: bool = False) -> dict:
    """`card_header` arguments for the structure cards: the rows that match the article are published."""
    matched = [_status(row, f.snapshot)[0] == "match" for _, row in structure.iterrows()]
    kind = "chart" if chart else "table"
    return {
        "published": t(f"grids_structure_{kind}_published", f.lang) if any(matched) else None,
        "detail": t(f"grids_structure_{kind}_demo", f.lang) if not all(matched) or chart else None,
    }


def structure_table(structure: pd.DataFrame, snapshot, lang: str) -> tuple[pd.DataFrame, dict]:
    """Each park (and the zone) with its grid counts, the article's figure beside each where published."""
    published = runner.published_by_key()
    names = structure[f"park_name_{lang}"].fillna(t("grids_zone_total", lang))
    table = pd.DataFrame({t("grids_col_park", lang): names})
    config = {}
    for level, (column, key, title) in enumerate(STRUCTURE_FIGURES[:3], start=1):
        article = [published.get((key, scope), {}).get("value") for scope in structure["park_id"].fillna("")]
        label, article_label = t(title, lang), t("grids_col_published", lang, what=t(f"grids_short_level{level}", lang))
        table[label] = structure[column].to_numpy()
        table[article_label] = pd.array([None if v is None else int(v) for v in article], dtype="Int64")
        config[article_label] = st.column_config.NumberColumn(
            article_label, format="%d", help=t("grids_col_published_help", lang)
        )
    table[t("grids_col_service_groups", lang)] = structure["service_group_count"].to_numpy()
    table[t("grids_col_check", lang)] = [_check(row, snapshot, lang) for _, row in structure.iterrows()]
    return table, config


@kept
def structure_figure(structure: pd.DataFrame, lang: str) -> go.Figure:
    """Three panels (level 1, 2, 3) of a bar per park, the article's figure as a diamond where published."""
    parks = structure[structure["park_id"].notna()].iloc[::-1]  # the article's first park on top
    zone = structure[structure["park_id"].isna()]
    published = runner.published_by_key()
    titles = []
    for level, (column, _, _) in enumerate(STRUCTURE_FIGURES[:3], start=1):
        name = t(f"grids_chart_level{level}", lang)
        total = fmt.count(zone[column].iloc[0], lang=lang) if not zone.empty else None
        titles.append(t("grids_level_title", lang, level=name, total=total) if total else name)
    fig = make_subplots(rows=1, cols=3, subplot_titles=titles, shared_yaxes=True, horizontal_spacing=0.04)
    names = parks[f"park_name_{lang}"]
    for i, (column, key, _) in enumerate(STRUCTURE_FIGURES[:3], start=1):
        fig.add_bar(
            y=names,
            x=parks[column],
            orientation="h",
            marker_color=[theme.PARK_COLOURS.get(p, MUTED) for p in parks["park_id"]],
            text=["\u2003" + fmt.count(v, lang=lang) for v in parks[column]],  # room for the diamond
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
            row=1,
            col=i,
        )
        article = [published.get((key, p), {}).get("value") for p in parks["park_id"]]
        fig.add_scatter(
            y=names,
            x=article,
            mode="markers",
            marker={"symbol": "diamond", "size": 14, "color": "#111827", "line": {"color": "white", "width": 1.5}},
            name=t("grids_published_marker", lang),
            showlegend=i == 1 and any(v is not None for v in article),
            legendgroup="published",
            hovertemplate="%{y}: %{x} (" + t("grids_published_marker", lang) + ")<extra></extra>",
            row=1,
            col=i,
        )
        fig.update_xaxes(range=[0, max(parks[column].max(), 1) * 1.3], visible=False, row=1, col=i)
    fig.update_annotations(font_size=14)
    return _layout(
        fig,
        height=320,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.02, "x": 0, "yanchor": "top"},
    )


@kept
def level2_figure(tree: pd.DataFrame, lang: str) -> go.Figure:
    """Within one park: the level-3 grids under each level-2 grid (grey), and those with a grid worker;
    `tree` is the park's drill tree (grids_drill_tree at the top). The MAX_BARS largest at most."""
    rows = largest(tree[tree["depth"] == 3], "level3_grid_count").iloc[::-1]
    colour = theme.PARK_COLOURS.get(rows["park_id"].iloc[0], MUTED) if not rows.empty else MUTED
    names = rows[f"name_{lang}"]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=rows["level3_grid_count"],
        orientation="h",
        marker_color="#CFD8DC",
        name=t("grids_col_level3", lang),
        text=[
            f"{fmt.count(c, lang=lang)} / {fmt.count(n, lang=lang)}"
            for c, n in zip(rows["covered_level3_grid_count"], rows["level3_grid_count"], strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x}<extra>" + t("grids_col_level3", lang) + "</extra>",
    )
    fig.add_bar(
        y=names,
        x=rows["covered_level3_grid_count"],
        orientation="h",
        marker_color=colour,
        name=t("grids_col_covered", lang),
        hovertemplate="%{y}: %{x}<extra>" + t("grids_col_covered", lang) + "</extra>",
    )
    fig.update_xaxes(visible=False, range=[0, max(rows["level3_grid_count"].max(), 1) * 1.12])
    return _layout(
        fig,
        height=max(240, 90 + 22 * len(rows)),
        barmode="overlay",
        bargap=0.3,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )


def level2_note(tree: pd.DataFrame, lang: str) -> None:
    """Under `level2_figure`: when it shows only the largest level-2 grids."""
    _limited_note("grids_level2_limited", int((tree["depth"] == 3).sum()), lang)


def sanchuang_note(tree: pd.DataFrame, structure: pd.DataFrame, f) -> str | None:
    """Sanchuang's level-2 grids by name, and whether they are the four the article names; `tree` is
    the drill tree at the top (the zone's or a park's)."""
    lang, as_of = f.lang, f.as_of
    level2 = tree[(tree["park_id"] == "sanchuang") & (tree["depth"] == 3)]["name_zh"].tolist()
    if not level2:
        return None
    figure = runner.published_by_key().get(("grids_level2", "sanchuang"))
    matches = figure is not None and figure["as_of"] == as_of and len(level2) == figure["value"]
    groups = structure.loc[structure["park_id"] == "sanchuang", "service_group_count"]
    group_figure = runner.published_by_key().get(("service_groups", "sanchuang"))
    matches = matches and all(name in figure["sentence"] for name in level2)
    matches = matches and group_figure is not None and len(groups) > 0 and groups.iloc[0] == group_figure["value"]
    matches = matches and provenance.of_snapshot(f.snapshot).kind != provenance.UNRECORDED
    listed = level2 if len(level2) <= MAX_NAMES else [*level2[:MAX_NAMES], "…"]  # the table has the count
    names = "、".join(listed) if lang == "zh" else ", ".join(listed)
    text = t("grids_sanchuang_names", lang, names=names, groups=groups.iloc[0] if len(groups) else 0)
    tag = widgets.tag_markdown(provenance.shown_as(matches, f.snapshot), lang)
    return f"{tag} {text}" + (f" {t('grids_sanchuang_match', lang)}" if matches else "")


# ---- drill-down ----------------------------------------------------------------------------------


def drill_position(snapshot, park: str | None, lang: str) -> tuple[str, pd.DataFrame]:
    """The current drill node (a park or grid id, or TOP), kept in the URL under `grids_node`, and the
    rows of the choosers around it (the grids_drill_path query: the node's path and the choices)."""
    first_look = NODE_KEY not in st.session_state  # the session's first look at this page: the link decides
    wanted = str(st.query_params.get(NODE_KEY, TOP)) if first_look else st.session_state[NODE_KEY]
    chain = runner.run("grids_drill_path", snapshot, park_id=park, node_id=wanted or None)
    if wanted != TOP and wanted not in set(chain.loc[chain["on_path"], "node_id"]):
        if first_look:
            st.warning(
                t("bad_url_value", lang, param=t("grids_node_param", lang), value=wanted[:40]),
                icon=":material/link_off:",
            )
        # else the park filter changed under it: back to the top quietly
        wanted = TOP
        chain = runner.run("grids_drill_path", snapshot, park_id=park, node_id=None)
    st.session_state[NODE_KEY] = wanted
    filters.to_url(NODE_KEY, wanted, TOP)
    return wanted, chain


def _path(chain: pd.DataFrame, node: str) -> dict[int, str]:
    """The node and its ancestors, by depth (1 park ... 4 level-3 grid)."""
    by_id = chain.set_index("node_id")
    path = {}
    while node and node in by_id.index:
        path[int(by_id.at[node, "depth"])] = node
        parent = by_id.at[node, "parent_node_id"]
        node = parent if isinstance(parent, str) else None
    return path


def _parent(chain: pd.DataFrame, node: str, park: str | None) -> str:
    """One level up from `node`, never above the park chosen in the sidebar."""
    path = _path(chain, node)
    ups = [n for d, n in sorted(path.items()) if n != node and (park is None or d >= 2)]
    return ups[-1] if ups else TOP


def _go(node: str) -> None:
    st.session_state[NODE_KEY] = node


def _picked(key: str, fallback: str) -> None:
    st.session_state[NODE_KEY] = st.session_state[key] or fallback


def drill_chain(chain: pd.DataFrame, node: str, park: str | None, lang: str) -> None:
    """Park -> level-1 -> level-2 -> level-3 choosers, the accessible twin of clicking the treemap,
    and a button one level up; `chain` holds the choices around the node (grids_drill_path)."""
    names = dict(zip(chain["node_id"], chain[f"name_{lang}"], strict=True))
    path = _path(chain, node)
    first = 1 if park is None else 2
    parent, fallback = (None, TOP) if park is None else (park, TOP)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small", width="content"):
        for depth in range(first, 5):
            children = (
                chain[chain["parent_node_id"].isna()] if parent is None else chain[chain["parent_node_id"] == parent]
            )
            if children.empty:
                break
            key = PICK_KEYS[depth]
            st.session_state[key] = path.get(depth, TOP)
            st.selectbox(
                t(f"grids_depth_{depth}", lang),
                [TOP, *children["node_id"]],
                key=key,
                format_func=lambda n: t("grids_all", lang) if n == TOP else names[n],
                on_change=_picked,
                args=(key, fallback),
                width=220,
            )
            if depth not in path:
                break
            parent = fallback = path[depth]
        st.button(
            t("grids_up", lang),
            icon=":material/arrow_upward:",
            key="grids_up",
            on_click=_go,
            args=(_parent(chain, node, park),),
            disabled=node in (TOP, park),
        )


def _clicked(key: str, known: frozenset, root: str, parent: str) -> None:
    """A treemap tile was clicked: go into it, or one level up when the top tile is clicked."""
    points = (st.session_state.get(key) or {}).get("selection", {}).get("points", [])
    clicked = points[0].get("id") if points else None
    if clicked == root:
        st.session_state[NODE_KEY] = parent
    elif clicked in known:
        st.session_state[NODE_KEY] = clicked


def treemap(tree: pd.DataFrame, chain: pd.DataFrame, node: str, park: str | None, size: str, lang: str) -> None:
    """The current node and what lies under it, sized by enterprises or employees; a click drills.

    `chain` holds the drill path (grids_drill_path). Past MAX_TILES tiles (a hundred times the shipped
    grids) the deepest level is not drawn: tiles too small to read or click; a click shows it.
    """
    known = frozenset(tree.loc[tree["depth"].between(1, 4), "node_id"])  # tiles a click can go into
    if len(tree) > MAX_TILES:
        tree = tree[tree["depth"] <= tree["depth"].iloc[0] + 1]
    printed = tree
    while len(printed) > PRINT_TILES and printed["depth"].max() > printed["depth"].iloc[0] + 1:
        printed = printed[printed["depth"] < printed["depth"].max()]
    root = tree["node_id"].iloc[0]
    key = f"grids_tree_{node or park or 'zone'}"
    callback = functools.partial(_clicked, key, known, root, _parent(chain, node, park))
    widgets.chart(
        treemap_figure(tree, size, lang),
        key,
        printed=None if printed is tree else functools.partial(treemap_figure, printed, size, lang),
        on_select=callback,
        selection_mode="points",
    )


@kept
def treemap_figure(tree: pd.DataFrame, size: str, lang: str) -> go.Figure:
    """The treemap of the rows of `tree` (grids_drill_tree), tiles sized by `size`."""
    column = "enterprise_count" if size == "enterprises" else "employee_count"
    labels = tree[f"name_{lang}"].fillna(t("grids_zone", lang))
    colours = tree["park_id"].map(theme.PARK_COLOURS).fillna(ZONE_COLOUR)
    uncovered = (tree["depth"] >= 4) & (tree["covered_level3_grid_count"] == 0)
    colours = colours.where(~uncovered, UNCOVERED)
    custom = tree[["level3_grid_count", "covered_level3_grid_count", "enterprise_count", "employee_count"]]
    fig = go.Figure(
        go.Treemap(
            ids=tree["node_id"],
            parents=tree["parent_node_id"].fillna(""),
            labels=labels,
            values=tree[column],
            branchvalues="total",
            marker={"colors": colours, "depthfade": True, "line": {"color": "white", "width": 1}},
            customdata=custom.to_numpy(),
            # an enterprise counts as one: its name says enough
            texttemplate=[
                "<b>%{label}</b>" if depth == 5 and size == "enterprises" else t("grids_tile_text", lang)
                for depth in tree["depth"]
            ],
            hovertemplate=t("grids_hover", lang),
            pathbar={"visible": False},
            tiling={"pad": 3},
            root={"color": ZONE_COLOUR},
            sort=True,
        )
    )
    return _layout(fig, height=520, margin={"l": 0, "r": 0, "t": 0, "b": 0})


def children_table(tree: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """The units one level under the current node, with their coverage."""
    depth = tree["depth"].iloc[0] + 1
    rows = tree[tree["depth"] == depth]
    name = {t(f"grids_depth_{depth}", lang): rows[f"name_{lang}"].to_numpy()}
    firms = {
        t("grids_col_enterprises", lang): rows["enterprise_count"].to_numpy(),
        t("grids_col_employees", lang): rows["employee_count"].to_numpy(),
    }
    if depth == 5:  # under a level-3 grid: its enterprises
        return pd.DataFrame({**name, t("grids_col_employees", lang): rows["employee_count"].to_numpy()}), {}
    if depth == 4:  # level-3 grids: covered or not
        covered = rows["covered_level3_grid_count"].gt(0).map({True: "✓", False: "✗"}).to_numpy()
        return pd.DataFrame({**name, t("grids_col_has_worker", lang): covered, **firms}), {}
    pct = t("grids_col_coverage_pct", lang)
    coverage = 100 * rows["covered_level3_grid_count"] / rows["level3_grid_count"].where(rows["level3_grid_count"] > 0)
    table = pd.DataFrame(
        {
            **name,
            t("grids_col_level3_count", lang): rows["level3_grid_count"].to_numpy(),
            t("grids_col_covered", lang): rows["covered_level3_grid_count"].to_numpy(),
            pct: coverage.to_numpy(),
            **firms,
        }
    )
    return table, {pct: st.column_config.ProgressColumn(pct, format="%.2f%%", min_value=0, max_value=100)}


def enterprise_table(enterprises: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """Every enterprise under the current node, with its grids, party organisation and grid workers."""
    yes_no = {True: "✓", False: ""}
    table = pd.DataFrame(
        {
            t("grids_col_enterprise", lang): enterprises["enterprise_name_zh"],
            t("grids_col_industry", lang): enterprises["industry"],
            t("grids_col_employees", lang): enterprises["employee_count"],
            t("grids_col_level3_grid", lang): enterprises["level3_grid_name_zh"],
            t("grids_col_level2_grid", lang): enterprises["level2_grid_name_zh"],
            t("grids_col_park", lang): enterprises[f"park_name_{lang}"],
            t("grids_col_has_party_org", lang): enterprises["has_party_org"].map(yes_no),
            t("grids_col_org_members", lang): enterprises["party_member_count"],
            t("grids_col_grid_workers", lang): enterprises["level3_grid_worker_count"],
        }
    )
    return table, {}


def size_label(size: str, lang: str) -> str:
    return t(f"grids_size_{size}", lang)


def table_label(view: str, lang: str) -> str:
    return t(f"grids_table_{view}", lang)


# ---- staff ---------------------------------------------------------------------------------------


@kept
def staff_figure(staff: pd.DataFrame, lang: str) -> go.Figure:
    """A horizontal stacked bar per park (or level-2 grid, the MAX_BARS with most staff at most): heads,
    sunk cadres, grid workers, specialists."""
    by_park = "park_name_zh" in staff.columns
    rows = staff[staff["park_id"].notna()] if by_park else largest(staff, "staff_count")
    heads = rows["level1_head_count"] + rows["level2_head_count"] if by_park else rows["level2_head_count"]
    rows = rows.assign(heads=heads).iloc[::-1]  # first on top
    names = rows[f"park_name_{lang}"] if by_park else rows["level2_grid_name_zh"]
    fig = go.Figure()
    for column, label, colour in STAFF_PARTS:
        fig.add_bar(
            y=names,
            x=rows[column],
            orientation="h",
            name=t(label, lang),
            marker_color=colour,
            hovertemplate="%{y}: %{x}<extra>" + t(label, lang) + "</extra>",
        )
    height = max(theme.CHART_HEIGHT, 120 + 22 * len(rows))
    return _layout(
        fig,
        height=height,
        barmode="stack",
        xaxis_title=t("grids_people_axis", lang),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )


def staff_note(staff: pd.DataFrame, lang: str) -> None:
    """Under `staff_figure` of level-2 grids: when it shows only those with most staff."""
    if "park_name_zh" not in staff.columns:
        _limited_note("grids_staff_limited", len(staff), lang)


@kept
def specialists_figure(staff_by_park: pd.DataFrame, lang: str) -> go.Figure:
    """Part-time specialists by role, stacked by park."""
    parks = staff_by_park[staff_by_park["park_id"].notna()]
    roles = [t(f"grids_role_{r}", lang) for r in SPECIALIST_COLUMNS]
    fig = go.Figure()
    for _, row in parks.iterrows():
        fig.add_bar(
            x=roles,
            y=[row[c] for c in SPECIALIST_COLUMNS.values()],
            name=row[f"park_name_{lang}"],
            marker_color=theme.PARK_COLOURS.get(row["park_id"], MUTED),
            hovertemplate="%{x}: %{y}<extra>" + row[f"park_name_{lang}"] + "</extra>",
        )
    totals = parks[list(SPECIALIST_COLUMNS.values())].sum()
    fig.add_scatter(
        x=roles,
        y=totals.to_numpy(),
        mode="text",
        text=[fmt.count(v, lang=lang) for v in totals],
        textposition="top center",
        showlegend=False,
        hoverinfo="skip",
    )
    fig.update_yaxes(title=t("grids_people_axis", lang), range=[0, max(totals.max(), 1) * 1.18])
    return _layout(
        fig,
        barmode="stack",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )


def staff_table(staff: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """Staff per park (with the zone total) or per level-2 grid, counts only: there are no names."""
    pct = t("grids_staff_party_pct", lang)
    if "park_name_zh" in staff.columns:
        head = {
            t("grids_col_park", lang): staff[f"park_name_{lang}"].fillna(t("grids_zone_total", lang)),
            t("grids_staff_level1_heads", lang): staff["level1_head_count"],
            t("grids_staff_level2_heads", lang): staff["level2_head_count"],
        }
        roles = {t(f"grids_role_{r}", lang): staff[c] for r, c in SPECIALIST_COLUMNS.items()}
    else:
        head = {
            t("grids_col_level2_grid", lang): staff["level2_grid_name_zh"],
            t("grids_col_level1_grid", lang): staff["level1_grid_name_zh"],
            t("grids_col_level3_count", lang): staff["level3_grid_count"],
            t("grids_staff_level2_heads", lang): staff["level2_head_count"],
        }
        roles = {t("grids_staff_specialists", lang): staff["specialist_count"]}
    table = pd.DataFrame(
        {
            **head,
            t("grids_staff_cadres", lang): staff["sunk_cadre_count"],
            t("grids_staff_workers", lang): staff["enterprise_grid_worker_count"],
            **roles,
            t("grids_staff_total", lang): staff["staff_count"],
            t("grids_staff_party", lang): staff["party_member_count"],
            pct: staff["party_member_pct"],
        }
    )
    return table, {pct: st.column_config.NumberColumn(pct, format="%.2f%%")}


# ---- growth over the snapshots -------------------------------------------------------------------


@kept
def growth_figure(history: pd.DataFrame, lang: str) -> go.Figure:
    """Grouped bars per snapshot date: grid workers, specialists, party members and the workers they link."""
    fig = go.Figure()
    for column, label, colour in GROWTH_SERIES:
        fig.add_bar(
            x=history["snapshot_date"],
            y=history[column],
            name=t(label, lang),
            marker_color=colour,
            text=[fmt.count(v, lang=lang) for v in history[column]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra>" + t(label, lang) + "</extra>",
        )
    fig.update_xaxes(type="category")
    top = max(history[[c for c, _, _ in GROWTH_SERIES]].max().max(), 1)
    fig.update_yaxes(title=t("grids_people_axis", lang), range=[0, top * 1.15])
    return _layout(
        fig,
        barmode="group",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )


GROWTH_FIGURES = (
    ("enterprise_grid_worker_count", "enterprise_grid_workers", "grids_series_workers"),
    ("first_batch_member_count", "first_batch_party_members", "grids_series_members"),
)


def _published_items(row: pd.Series, park: str | None, lang: str) -> list[str]:
    """The growth figures of one snapshot's row that are the article's."""
    snapshot = runner.resolve(row["snapshot_date"])
    return [
        t(label, lang)
        for column, key, label in GROWTH_FIGURES
        if provenance.published(key, row[column], park, snapshot)
    ]


def _growth_check(row: pd.Series, park: str | None, lang: str) -> str:
    """The growth table's check of one snapshot: its published figures, or its own source's tag."""
    items = _published_items(row, park, lang)
    if items:
        return t("grids_published_items", lang, items="、".join(items))
    return t(f"tag_{provenance.of_snapshot(runner.resolve(row['snapshot_date'])).kind}", lang)


def growth_tags(history: pd.DataFrame, f) -> dict:
    """`card_header` arguments for the growth card: the article's figures on its date, the snapshots'
    own source otherwise."""
    lang, park, as_of = f.lang, f.park_id, f.as_of
    published = [bool(_published_items(row, park, "zh")) for _, row in history.iterrows()]
    demo = t("grids_growth_note", lang, date=as_of)
    if not any(published):
        return {"detail": demo}
    last = history.iloc[-1]
    text = t(
        "grids_growth_published",
        lang,
        date=last.snapshot_date,
        workers=fmt.count(last.enterprise_grid_worker_count, lang=lang),
        members=fmt.count(last.first_batch_member_count, lang=lang),
    )
    return {"published": text, "detail": demo}


def growth_table(history: pd.DataFrame, park: str | None, lang: str) -> tuple[pd.DataFrame, dict]:
    pct = t("grids_col_coverage_pct", lang)
    table = pd.DataFrame(
        {
            t("grids_col_snapshot", lang): history["snapshot_date"],
            **{t(label, lang): history[column] for column, label, _ in GROWTH_SERIES},
            t("grids_col_covered", lang): history["covered_level3_grid_count"],
            pct: history["grid_coverage_pct"],
            t("grids_col_check", lang): [_growth_check(row, park, lang) for _, row in history.iterrows()],
        }
    )
    return table, {pct: st.column_config.NumberColumn(pct, format="%.2f%%")}
