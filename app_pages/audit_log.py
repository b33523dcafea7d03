"""审计日志: who logged in or out, who was refused what, who downloaded which table for which scope, who
delivered which snapshot; for admin only (anyone else who opens the URL gets a notice and nothing else)."""

import pandas as pd
import streamlit as st

from queries import access, audit, runner
from ui import auth, downloads, filters, widgets
from ui.strings import t

f = filters.current()
lang = f.lang
st.title(t("audit_title", lang))
if not access.current().admin:
    auth.record("denial", access.current(), what="audit_log")
    st.warning(t("access_admin_only", lang), icon=":material/lock:")
    st.stop()

try:
    log = audit.entries(runner.data_dir())
except OSError as error:  # AuditError among them
    st.warning(t("audit_unavailable", lang, error=type(error).__name__), icon=":material/error:")
    st.stop()
st.caption(t("audit_caption", lang, path=audit.path()))
days = pd.to_datetime(log["at"], errors="coerce", utc=True).dt.date
with st.container(horizontal=True):
    events = st.multiselect(t("audit_event", lang), audit.EVENTS, key="audit_events")
    users = st.multiselect(t("audit_user", lang), sorted(log["user"].dropna().unique()), key="audit_users")
    span = st.date_input(t("audit_days", lang), value=(), key="audit_days")  # empty: every day
wanted = log["event"].isin(events or audit.EVENTS) & (log["user"].isin(users) if users else True)
if len(span) == 2:
    wanted &= (days >= span[0]) & (days <= span[1])
shown = log[wanted]
if shown.empty:
    widgets.empty_state(lang, t("audit_empty", lang))
else:
    newest_first = shown.iloc[::-1]
    st.dataframe(newest_first, hide_index=True)
    downloads.buttons(newest_first, "audit_log", lang, "audit_table", principal=access.current(), scope="audit")
