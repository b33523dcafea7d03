"""网格覆盖: the three-level grid against the article, a drill from park to enterprise, who staffs the
grids, how well they cover, and how the network grew over the snapshots."""

import streamlit as st

from queries import access, runner
from ui import briefing, errors, filters, kpis, widgets
from ui import grids_charts as gc
from ui.strings import t

f = filters.current()
lang, park, as_of = f.lang, f.park_id, f.as_of
dates = [d for d in runner.valid_dates() if d <= as_of]
history = gc.stack({d: runner.run("grids_network_totals", d, park_id=park) for d in dates})

st.title(t("grids_title", lang))
st.caption(t("grids_caption", lang, scope=widgets.scope_name(f), date=as_of))
briefing.offer(f, "grid_coverage", t("grids_title", lang))

kpis.row(
    ["enterprise_grid_workers", "grid_coverage", "party_org_coverage", "first_batch_party_members", "linked_workers"], f
)

widgets.section(t("grids_section_structure", lang), "account_tree")
structure = runner.run("grids_structure_by_park", f.snapshot, park_id=park)
top = runner.run("grids_drill_tree", f.snapshot, park_id=park, node_id=None)  # the drill's top, two levels down
if structure.empty:
    widgets.empty_state(lang)
else:
    with st.container(border=True):
        gc.card_header(t("grids_structure_table", lang), f, **gc.structure_tags(structure, f))
        frame, config = gc.structure_table(structure, f.snapshot, lang)
        widgets.table(frame, "grids_structure", f, "grids_structure_table", column_config=config, placeholder="—")
        note = gc.sanchuang_note(top, structure, f)
        if note:
            st.caption(note)
    with st.container(border=True):
        if park is None:  # the parks side by side, the article's figures marked
            tags = gc.structure_tags(structure, f, chart=True)
            gc.card_header(t("grids_structure_chart", lang), f, **tags)
            widgets.chart(gc.structure_figure(structure, lang), "grids_structure_chart")
        else:  # inside one park: its level-2 grids and how many of their level-3 grids are covered
            gc.card_header(t("grids_level2_chart", lang), f, detail=t("grids_level2_note", lang))
            widgets.chart(gc.level2_figure(top, lang), "grids_structure_chart")
            gc.level2_note(top, lang)

widgets.section(t("grids_section_drill", lang), "zoom_in")


@st.fragment
def drill() -> None:
    with errors.caught("grid_coverage", t("page_grids", lang), lang):  # a fragment's error stays in it
        drill_view()


def drill_view() -> None:
    """Park -> level 1 -> level 2 -> level 3 -> enterprise; the position lives in the URL (`grids_node`)."""
    node, chain = gc.drill_position(f.snapshot, park, lang)
    with st.container(border=True):
        gc.card_header(t("grids_drill_title", lang), f, detail=t("grids_drill_hint", lang))
        with st.container(horizontal=True, vertical_alignment="bottom"):
            gc.drill_chain(chain, node, park, lang)
            st.space("stretch")
            size = filters.url_choice(
                st.segmented_control,
                t("grids_size_by", lang),
                gc.SIZES,
                key=gc.SIZE_KEY,
                default="enterprises",
                lang=lang,
                required=True,
                format_func=lambda s: gc.size_label(s, lang),
            )
        tree = runner.run("grids_drill_tree", f.snapshot, park_id=park, node_id=node or None)
        if tree.empty:
            widgets.empty_state(lang)
            return
        gc.treemap(tree, chain, node, park, size, lang)
        view = filters.url_choice(
            st.segmented_control,
            t("grids_table_view", lang),
            gc.TABLES,
            key=gc.TABLE_KEY,
            default="children",
            lang=lang,
            required=True,
            format_func=lambda v: gc.table_label(v, lang),
        )
        if view == "children":
            frame, config = gc.children_table(tree, lang)
        elif not access.viewing(f.snapshot).rows:  # the enterprises of a grid are row-level
            widgets.notice(t("access_denied_rows", lang), ":material/lock:")
            return
        else:
            rows = runner.run("grids_enterprises", f.snapshot, park_id=park, node_id=node or None)
            frame, config = gc.enterprise_table(rows, lang)
        widgets.table(frame, f"grids_{view}_{node or park or 'zone'}", f, "grids_drill_table", column_config=config)


drill()

widgets.section(t("grids_section_staff", lang), "groups")
kpis.row(["grid_heads", "sunk_cadres", "specialists", "party_member_staff"], f)
staff_by_park = runner.run("grids_staff_by_park", f.snapshot, park_id=park)
staff = staff_by_park if park is None else runner.run("grids_staff_by_level2", f.snapshot, park_id=park)
if staff.empty:
    widgets.empty_state(lang)
else:
    left, right = st.columns([3, 2])
    with left, st.container(border=True, height="stretch"):
        gc.card_header(t("grids_staff_chart_parks" if park is None else "grids_staff_chart_level2", lang), f)
        widgets.chart(gc.staff_figure(staff, lang), "grids_staff_chart")
        gc.staff_note(staff, lang)
    with right, st.container(border=True, height="stretch"):
        gc.card_header(t("grids_specialists_chart", lang), f)
        widgets.chart(gc.specialists_figure(staff_by_park, lang), "grids_specialists_chart")
    with st.container(border=True):
        gc.card_header(t("grids_staff_table_parks" if park is None else "grids_staff_table_level2", lang), f)
        frame, config = gc.staff_table(staff, lang)
        widgets.table(frame, "grids_staff", f, "grids_staff_table", column_config=config)

widgets.section(t("grids_section_growth", lang), "trending_up")
with st.container(border=True):
    gc.card_header(t("grids_growth_chart", lang), f, **gc.growth_tags(history, f))
    widgets.chart(gc.growth_figure(history, lang), "grids_growth_chart")
    frame, config = gc.growth_table(history, park, lang)
    widgets.table(frame, "grids_growth", f, "grids_growth_table", column_config=config)
