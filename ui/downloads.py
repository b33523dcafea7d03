"""CSV and Excel downloads of the table a page shows, each saying where its rows come from: for the
roles that may download (`queries/access.py`), written to the audit log when clicked.

OWASP's CSV-injection rule: a text cell (or header) starting with `=`, `+`, `-`, `@`, a tab or a carriage
return would be run as a formula by Excel (and openpyxl writes such a string as a formula), so it gets
a leading `'` and is shown as typed. Numbers are left alone: a negative number is a number.
"""

import io
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from queries import access
from ui import auth
from ui.strings import t


@dataclass(frozen=True)
class Source:
    columns: dict[str, str]  # added to every row (the tag, the snapshot's date): they survive a copy-paste
    lines: list[tuple[str, str]]  # the whole account, on the workbook's second sheet


def with_source(frame: pd.DataFrame, source: Source | None) -> pd.DataFrame:
    if source is None:
        return frame
    return frame.assign(**source.columns)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell and header that starts like a formula escaped."""
    out = frame.rename(columns={c: _escape(c) for c in frame.columns if isinstance(c, str)})
    for i in range(out.shape[1]):
        values = out.iloc[:, i]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out.isetitem(i, values.map(_escape))
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # UTF-8 with a byte-order mark, so Excel in China opens the Chinese text correctly
    return escaped(frame).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, sheet: str = "data", source: Source | None = None) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        escaped(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
        if source is not None:
            account = pd.DataFrame(source.lines, columns=["", " "])
            escaped(account).to_excel(writer, index=False, header=False, sheet_name="source")
    return buffer.getvalue()


def recorded(make, principal: access.Principal, table: str, scope: str, kind: str, rows: int):
    """A download's data function: built when clicked, and written to the audit log then (who and the
    scope are those of the run that drew the button: the function runs outside a script run)."""

    def data() -> bytes:
        body = make()
        auth.record("download", principal, table=table, scope=scope, format=kind, rows=rows)
        return body

    return data


def buttons(
    frame: pd.DataFrame,
    name: str,
    lang: str,
    key: str,
    source: Source | None = None,
    principal: access.Principal | None = None,
    scope: str = "",
) -> None:
    """Two download buttons side by side; `name` is the file name without extension; `source` says
    where the rows come from (columns on each row, and a sheet of the workbook). A `principal` that may
    not download (public) gets a line saying so instead."""
    principal = principal or access.current()
    if not principal.downloads:
        st.caption(t("access_no_downloads", lang))
        return
    # the source's columns are added when a button is clicked, not on every run of the page
    with st.container(horizontal=True):
        st.download_button(
            t("download_csv", lang),
            recorded(lambda: csv_bytes(with_source(frame, source)), principal, name, scope, "csv", len(frame)),
            f"{name}.csv",
            "text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            t("download_excel", lang),
            recorded(
                lambda: excel_bytes(with_source(frame, source), name, source),
                principal,
                name,
                scope,
                "xlsx",
                len(frame),
            ),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
        )
