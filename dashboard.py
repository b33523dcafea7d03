"""The frame of the dashboard: page config, the filters every page shares, navigation.

It never queries data for a page; it only finds the snapshots and the parks for the filters.
"""

import streamlit as st

from queries import runner
from ui import auth, errors, filters, navigation, slides, theme, widgets
from ui.strings import t

FAVICON = runner.ROOT / "ui" / "favicon.png"

# a local icon: a material-icon favicon would be fetched from the internet
st.set_page_config(page_title="晋江经济开发区 网格治理数据看板", page_icon=str(FAVICON), layout="wide")

st.html(theme.CSS)
repairs = runner.repair_count()  # damaged checked copies found by this run's queries are said at its end
# only what the first page needs is checked now; the rest are checked in the background (and offered once done)
snapshots, checking = runner.ready_snapshots(wanted=st.query_params.get(filters.SNAPSHOT_KEY))
if (store := runner.store_status()) is not None and not store.ok:
    with st.sidebar:  # the snapshots mirrored last are served meanwhile
        st.warning(t("store_unreachable", "zh") + "\n\n" + t("store_unreachable", "en"), icon=":material/cloud_off:")
valid = [s for s in snapshots if s.valid]
if not valid:
    st.error(t("no_valid_snapshot", "zh") + "\n\n" + t("no_valid_snapshot", "en"))
    widgets.snapshot_problems([s for s in snapshots if not s.valid], "zh")
    st.stop()

identity = auth.identify()  # who this run serves (access.toml and the login); the runner reads it
parks = runner.run("parks", valid[0])  # a park user gets its own park only
if parks.empty:  # a park user whose park is not in the data: nothing of another park instead
    auth.unknown_park(identity)
theme.PARK_COLOURS.follow(parks["park_id"])  # a park beyond the article's five gets a colour too
other_park_refused = auth.pin_park(identity)
chosen, notices = filters.sidebar(valid, parks, checking, fixed_park=identity.park_id)
st.session_state["_filters"] = chosen
lang = chosen.lang
principal = auth.settle(identity, chosen.snapshot)
park_names = dict(zip(parks["park_id"], parks[f"name_{lang}"], strict=True))
if other_park_refused:
    notices.append(t("access_denied_park", lang, own=park_names.get(identity.park_id, identity.park_id)))
if lang == "en":
    st.html(theme.ENGLISH_CSS)

current_page = st.navigation(
    [
        st.Page(path, title=t(title, lang), icon=icon, url_path=url_path, default=(i == 0), visibility=shown)
        for i, (path, title, icon, url_path, shown) in enumerate(navigation.pages(principal))
    ]
)
with st.sidebar:
    auth.sidebar(principal, chosen.snapshot, park_names, lang)
    widgets.snapshot_problems([s for s in snapshots if not s.valid], lang)
    widgets.source_footer(chosen.snapshot, lang)
    slides.sidebar_button(chosen, park_names.get(chosen.park_id, t("all_parks", lang)))
for notice in notices:
    st.warning(notice, icon=":material/link_off:")
errors.run_page(current_page, lang)
if repaired := runner.repaired_since(repairs):  # the figures shown were read again from the data files
    with st.sidebar:
        st.info(t("copy_repaired", lang, dates=", ".join(repaired)), icon=":material/build:")
