"""数据管理: the zone's data staff deliver an export in the browser (checked exactly as
`python -m tools.ingest` checks it, written only once they confirm), and see every snapshot with its
manifest; for admin only (anyone else who opens the URL gets a notice and nothing else)."""

import datetime as dt
import os

import streamlit as st

from queries import access, manifest, runner, validate
from tools import ingest, upload
from ui import auth, delivery, downloads, filters, widgets
from ui.strings import t

STAGED, SEEN = "data_staged", "data_seen"  # the checked upload, and the snapshot of its date seen then


def audited(staged: upload.Staged, outcome: str, **problems: int) -> None:
    """The upload in the audit log: who, its date, each file's name, size and sha256, the outcome (and
    how many problems stopped it)."""
    auth.record("upload", principal, snapshot=staged.as_of, files=staged.files, outcome=outcome, **problems)


f = filters.current()
lang = f.lang
principal = access.current()
st.title(t("data_title", lang))
if not principal.admin:
    auth.record("denial", principal, what="data")
    st.warning(t("access_admin_only", lang), icon=":material/lock:")
    st.stop()

url = os.environ.get("JEDZ_DATA_URL") or None  # the store, else the data folder, receives the snapshot
data = None if url else runner.data_dir()
served = runner.data_dir() / "snapshots"  # what the dashboard serves (with a store: its local mirror)

widgets.section(t("data_deliver", lang), "upload_file")
limit = upload.max_mb()
st.caption(t("data_rules", lang, limit=limit))
files = st.file_uploader(
    t("data_files", lang), accept_multiple_files=True, max_upload_size=limit, key="data_files"
)  # any type: a wrong one gets the same message as on the command line
with st.container(horizontal=True):
    as_of = st.date_input(
        t("data_as_of", lang),
        value=None,
        min_value=dt.date.fromisoformat(validate.EARLIEST_DATE),
        max_value=dt.date.today(),
        format="YYYY-MM-DD",
        key="data_as_of",
    )
    office = st.text_input(t("data_office", lang), max_chars=60, help=t("data_office_help", lang), key="data_office")

wanted = (tuple(file.file_id for file in files or []), as_of)
if st.session_state.get(STAGED) is not None and st.session_state[STAGED][0] != wanted:
    st.session_state[STAGED] = None  # the files or the date changed since they were checked

if st.button(t("data_check", lang), type="primary", icon=":material/fact_check:", key="data_check"):
    if not files or as_of is None:
        st.warning(t("data_need_files", lang))
    else:
        staged = upload.stage([upload.Upload(file.name, file.getvalue()) for file in files], as_of.isoformat(), limit)
        st.session_state[STAGED] = (wanted, staged)
        st.session_state[SEEN] = ingest.identity(served / staged.as_of)
        audited(staged, "passed checks" if staged.ok else "refused", problems=len(staged.problems))

if (checked := st.session_state.get(STAGED)) is not None:
    staged = checked[1]
    for note in staged.notes:
        st.caption(note)
    if not staged.ok:
        st.error(t("data_refused", lang, n=len(staged.problems)), icon=":material/block:")
        problems = delivery.problems_frame(staged.problems, lang)
        st.dataframe(problems, hide_index=True)
        downloads.buttons(
            problems, f"problems_{staged.as_of}", lang, "data_problems", principal=principal, scope="upload"
        )
    else:
        st.success(
            t("data_passed", lang, tables=len(staged.checked.sources), rows=f"{staged.rows():,}", as_of=staged.as_of),
            icon=":material/check_circle:",
        )
        st.dataframe(delivery.files_frame(staged, lang), hide_index=True)
        seen = st.session_state[SEEN]
        confirmed = True
        if seen:
            record = manifest.record(served / staged.as_of)
            st.warning(
                t(
                    "data_exists",
                    lang,
                    as_of=staged.as_of,
                    source=delivery.source_name(record, lang),
                    who=record.delivered_by or "—",
                    when=record.written_at or "—",
                ),
                icon=":material/warning:",
            )
            confirmed = st.checkbox(t("data_replace_confirm", lang, as_of=staged.as_of), key="data_replace")
        if st.button(t("data_write", lang), type="primary", disabled=not confirmed, key="data_write"):
            try:
                upload.deliver(
                    staged,
                    data=data,
                    url=url,
                    delivered_by=office.strip() or None,
                    uploaded_by=principal.user,
                    replacing=seen,
                )
            except ingest.IngestError as error:
                audited(staged, "not written", problems=len(error.problems))
                st.error(t("data_not_written", lang), icon=":material/block:")
                st.dataframe(delivery.problems_frame(error.problems, lang), hide_index=True)
            else:
                audited(staged, "replaced" if seen else "written")
                st.session_state[STAGED] = None
                st.success(
                    t("data_written", lang, as_of=staged.as_of, rows=f"{staged.rows():,}"), icon=":material/task_alt:"
                )

widgets.section(t("data_snapshots", lang), "inventory_2")
st.caption(t("data_snapshots_caption", lang))
snapshots = runner.snapshots()
if not snapshots:
    widgets.empty_state(lang, t("data_none", lang))
else:
    st.dataframe(delivery.snapshots_frame(snapshots, lang), hide_index=True)
    for failed in (s for s in snapshots if not s.valid):
        with st.expander(t("data_snapshot_failed", lang, as_of=failed.date, n=len(failed.problems))):
            st.dataframe(delivery.problems_frame(list(failed.problems), lang), hide_index=True)
